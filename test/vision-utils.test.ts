// torchvision.utils (makeGrid, saveImage) and torchvision.ops (nms, box utilities) against
// torchvision (scripts/make_vision_utils_fixtures.py): the same numbers, the same saved pixels.
import t from 'tap';
import path from 'node:path';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { fixture, fromFixture, mismatch } from './helpers.js';
import { tempDir } from './temp-dir.js';

const { utils, ops } = torchvision;
const py = fixture('vision_utils.json');
const imgs = fromFixture(py.imgs), gray = fromFixture(py.gray);
const boxes = fromFixture(py.boxes), scores = fromFixture(py.scores), idxs = fromFixture(py.idxs);
const run = (ts: string) => new Function('utils', 'ops', 'imgs', 'gray', 'boxes', 'scores', 'idxs', `return ${ts}`)(utils, ops, imgs, gray, boxes, scores, idxs);

t.test("makeGrid gives torchvision's grids", async (t) => {
  for (const g of py.grids) t.equal(mismatch(run(g.ts), g.result, 1e-6, 1e-6), null, g.ts);
});

t.test("saveImage writes torchvision's pixels", async (t) => {
  const file = path.join(tempDir('torch-node-save-'), 'grid.png');
  utils.saveImage(imgs, file, { nrow: 3 });
  t.equal(mismatch(torchvision.io.readImage(file), py.saved, 0, 0), null, 'every pixel');
  t.throws(() => utils.saveImage(imgs, path.join(path.dirname(file), 'grid.tiff')), /unknown file extension: \.tiff/);
  t.throws(() => utils.saveImage(imgs, file, { nrows: 3 } as never), /unexpected keyword argument 'nrows'/, 'makeGrid checks the forwarded keywords');
});

t.test("torchvision.ops give torchvision's results", async (t) => {
  for (const o of py.ops) t.equal(mismatch(run(o.ts), o.result, 1e-6, 1e-6), null, o.ts);
  t.same(ops.nms(torch.zeros(0, 4), torch.zeros(0), 0.5).shape, [0], 'no boxes, no indices');
});
