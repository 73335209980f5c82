// SummaryWriter's event files read back by an independent reader: Python's protobuf runtime with the
// message schema compiled by protoc, TFRecord CRCs checked (scripts/read_tensorboard_events.py); the
// histogram against PyTorch's make_histogram with numpy.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from 'torch-node';
import { TENSORBOARD_PROTO } from '../lib/utils/tensorboard/schema.ts';
import { tempDir } from './temp-dir.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reader = path.join(root, 'scripts/read_tensorboard_events.py');
const haveReader = existsSync('/usr/bin/protoc') && (() => {
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import google.protobuf, numpy, PIL'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const { SummaryWriter } = torch.utils.tensorboard;

function read(logDir: string, histogram?: object): Record<string, any> {
  const dir = tempDir('tb-schema-');
  writeFileSync(path.join(dir, 'tensorboard_events.proto'), TENSORBOARD_PROTO);
  const args = [reader, path.join(dir, 'tensorboard_events.proto'), logDir];
  if (histogram) {
    writeFileSync(path.join(dir, 'histogram.json'), JSON.stringify(histogram));
    args.push('--histogram', path.join(dir, 'histogram.json'));
  }
  return JSON.parse(execFileSync('/usr/bin/python3', args, { encoding: 'utf8', maxBuffer: 1 << 26 }));
}

t.test('scalars, histogram, images, text, scalars groups and hparams read back by protobuf', { skip: !haveReader && 'needs protoc and python3-protobuf (apt-get install protobuf-compiler python3-protobuf)' }, async (t) => {
  const logDir = tempDir('tb-run-');
  const w = new SummaryWriter(logDir);
  const losses = [2.5, 1.25, 0.3333333333];
  losses.forEach((l, i) => w.addScalar('Loss/train', l, i, 1000 + i));
  w.addScalar('acc', torch.tensor(0.75), { globalStep: 7, newStyle: true });
  const values = torch.randn(500).mul(3);
  w.addHistogram('weights', values, 3);
  w.addHistogram('weights10', values, 3, 10);
  const img = torch.rand(3, 5, 6);
  w.addImage('image', img, 1);
  const grey = torch.randint(0, 256, [2, 1, 4, 3], { dtype: torch.uint8 });
  w.addImages('images', grey, 2);
  w.addText('note', 'héllo, TensorBoard', 4);
  w.addScalars('run', { train: 1.5, val: 2.5 }, 5);
  w.addHparams({ lr: 0.01, optimizer: 'sgd', nesterov: true }, { 'hparam/accuracy': 0.9 }, { runName: 'hp', hparamDomainDiscrete: { optimizer: ['sgd', 'adam'] } });
  await w.close();

  const files = read(logDir, { values: values.tolist(), bins: 'tensorflow' });
  const main = Object.entries(files).find(([k]) => !k.includes('/') && k.startsWith('events.out.tfevents.'))![1] as any[];
  t.equal(main[0].fileVersion, 'brain.Event:2', 'the first event names the file version');
  const byTag = (tag: string) => main.filter((e) => e.summary?.value?.[0]?.tag === tag);
  byTag('Loss/train').forEach((e, i) => {
    t.equal(Number(e.step ?? 0), i, `scalar step ${i}`);
    t.equal(e.wallTime, 1000 + i, 'walltime as given');
    t.equal(Math.fround(e.summary.value[0].simpleValue), Math.fround(losses[i]), 'value (float32 on the wire)');
  });
  const acc = byTag('acc')[0].summary.value[0];
  t.same([acc.tensor.dtype, acc.tensor.floatVal, acc.metadata.pluginData.pluginName], ['DT_FLOAT', [0.75], 'scalars'], 'new-style scalar');
  const histo = byTag('weights')[0].summary.value[0].histo;
  const ref = files.histogramReference;
  t.same(histo.bucketLimit, ref.bucketLimit, 'bucket limits as make_histogram');
  t.same(histo.bucket, ref.bucket, 'bucket counts as make_histogram');
  t.same([histo.min, histo.max, histo.num], [ref.min, ref.max, ref.num], 'min, max, num');
  t.ok(Math.abs(histo.sum - ref.sum) < 1e-9 * (1 + Math.abs(ref.sum)) && Math.abs(histo.sumSquares - ref.sumSquares) < 1e-9 * ref.sumSquares, 'sum and sum of squares');
  t.ok(byTag('weights10')[0].summary.value[0].histo.bucket.length <= 12, 'integer bins: equal-width buckets');
  const image = byTag('image')[0].summary.value[0].image;
  const want = img.permute(1, 2, 0).mul(255).clamp(0, 255).to({ dtype: torch.uint8 });
  t.same([image.height, image.width, image.colorspace], [5, 6, 3], 'image size and channels');
  t.same(image.pixels, want.reshape(-1).tolist(), 'the PNG decodes to the scaled pixels');
  const images = byTag('images')[0].summary.value[0].image;
  t.same(images.pixelShape, [4, 6, 3], 'two grey images side by side, made RGB (make_grid)');
  const text = byTag('note')[0].summary.value[0];
  t.same([text.text, text.metadata.pluginData.pluginName, Number(byTag('note')[0].step)], [['héllo, TensorBoard'], 'text', 4], 'text as a string tensor for the text plugin');
  for (const [sub, v] of [['run_train', 1.5], ['run_val', 2.5]] as const) {
    const events = Object.entries(files).find(([k]) => k.startsWith(`${sub}/`))![1] as any[];
    t.same([events[1].summary.value[0].tag, events[1].summary.value[0].simpleValue, Number(events[1].step)], ['run', v, 5], `addScalars: ${sub} in its own run`);
  }
  const hp = Object.entries(files).find(([k]) => k.startsWith('hp/'))![1] as any[];
  const plugin = (tag: string) => hp.find((e) => e.summary?.value?.[0]?.tag === tag)?.summary.value[0].hparams;
  const exp = plugin('_hparams_/experiment').experiment;
  t.same(exp.hparamInfos.map((h: any) => [h.name, h.type]), [['lr', 'DATA_TYPE_FLOAT64'], ['optimizer', 'DATA_TYPE_STRING'], ['nesterov', 'DATA_TYPE_FLOAT64']], 'hparam infos (a boolean is a number, as PyTorch records True)');
  t.same(exp.hparamInfos[1].domainDiscrete, ['sgd', 'adam'], 'discrete domain');
  t.same(exp.metricInfos, [{ name: { tag: 'hparam/accuracy' } }], 'metric infos');
  t.same(plugin('_hparams_/session_start_info').sessionStartInfo.hparams, { lr: 0.01, optimizer: 'sgd', nesterov: 1 }, 'session start: the values');
  t.same(plugin('_hparams_/session_end_info').sessionEndInfo, { status: 'STATUS_SUCCESS' }, 'session end');
  t.equal(Math.fround(hp.find((e) => e.summary?.value?.[0]?.tag === 'hparam/accuracy').summary.value[0].simpleValue), Math.fround(0.9), 'the metric as a scalar');
});

t.test('SummaryWriter binds as PyTorch and refuses what it cannot write', async (t) => {
  const logDir = tempDir('tb-args-');
  const w = new SummaryWriter({ logDir, filenameSuffix: '.x' });
  w.addScalar('a', 1, { globalStep: 2 });
  t.throws(() => w.addScalar('a', torch.ones(2)), /scalar should be 0D/);
  t.throws(() => w.addScalar('a', 1, 0, { bogus: 1 } as never), /unexpected keyword argument 'bogus'/);
  t.throws(() => w.addHistogram('h', torch.ones(0)), /The input has no element/);
  t.throws(() => w.addImage('i', torch.rand(3, 4, 4), 0, null, 'CHWN'), /dataformats 'CHWN'/);
  t.throws(() => w.addGraph(), /addGraph is not supported/);
  t.throws(() => w.addHparams({ lr: [1] } as never, {}), /value should be one of int, float, str, bool, or torch.Tensor/);
  await w.close();
  t.ok(readdirSync(logDir).some((f) => f.endsWith('.x')), 'the file name suffix');
  const d = new SummaryWriter({ comment: '_test' });
  t.match(d.logDir, /^runs\/[A-Z][a-z]{2}\d\d_\d\d-\d\d-\d\d_.+_test$/, "default log dir: runs/<%b%d_%H-%M-%S>_<host><comment>");
  await d.close();
  execFileSync('rm', ['-rf', d.logDir]);
});
