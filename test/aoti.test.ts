// AOTInductor packages: compiled here by the PyTorch matching the libtorch under test
// (scripts/make_aoti_packages.py, cached per PyTorch version and script), run by torch-node with the
// outputs Python gets from the same package; bad inputs and corrupt packages are errors, never crashes. On a libtorch without
// the loader (1.13), the clear error.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from 'torch-node';
import { mismatch } from './helpers.js';
import { tempDir } from './temp-dir.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const maker = path.join(root, 'scripts/make_aoti_packages.py');
const available = torch.inductor.isAvailable();

function pythonTorch(): string | null {
  try {
    return execFileSync('/usr/bin/python3', ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}
const formula = (shape: number[]) => torch.arange(shape.reduce((a, b) => a * b), { dtype: torch.float32 }).mul(0.37).sin().reshape(shape);

t.test('on a libtorch without AOTInductor the loader says which libtorch it needs', { skip: available ? 'this libtorch has the loader' : false }, async (t) => {
  await t.rejects(torch.inductor.loadPackage('model.pt2'), /AOTInductor packages need libtorch 2.6 or later/);
  t.throws(() => torch._inductor.aotiLoadPackage('model.pt2'), /built against libtorch 1\./);
});

const py = available ? pythonTorch() : null;
const sameVersion = py !== null && py.split('.').slice(0, 2).join('.') === torch.version.libtorch.split('.').slice(0, 2).join('.');
t.test('packages compiled by PyTorch run with PyTorch\'s outputs', { skip: !available ? 'libtorch without AOTInductor' : !sameVersion ? `needs python3-torch ${torch.version.libtorch} (have ${py})` : false, timeout: 1_800_000 }, async (t) => {
  const key = createHash('sha256').update(readFileSync(maker)).update(py!).digest('hex').slice(0, 12);
  const dir = path.join(tmpdir(), `torch-node-aoti-${key}`);
  if (!existsSync(path.join(dir, 'expected.json'))) execFileSync('/usr/bin/python3', [maker, dir], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 1_500_000 });
  const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8'));

  const convnet = await torch.inductor.loadPackage(path.join(dir, 'convnet.pt2'));
  for (const c of expected.convnet.cases) {
    const x = formula(c.shape);
    const want = { shape: c.outputShape, dtype: 'float32', values: c.output };
    t.equal(mismatch(convnet(x), want, 1e-4, 1e-5), null, `ConvNet, batch ${c.shape[0]} (dynamic batch): forward`);
    t.equal(mismatch(await convnet.forwardAsync(x), want, 1e-4, 1e-5), null, `ConvNet, batch ${c.shape[0]}: forwardAsync`);
  }
  const inFlight = await Promise.all(Array.from({ length: 8 }, () => convnet.forwardAsync(formula([2, 3, 16, 16]))));
  t.ok(inFlight.every((y) => (y as torch.Tensor).equal(inFlight[0] as torch.Tensor)), '8 calls in flight agree');
  t.equal(convnet.metadata().AOTI_DEVICE_KEY, 'cpu', 'metadata');
  t.equal(mismatch(torch._inductor.aotiLoadPackage(path.join(dir, 'convnet.pt2'))(formula([2, 3, 16, 16])), { shape: expected.convnet.cases[0].outputShape, dtype: 'float32', values: expected.convnet.cases[0].output }, 1e-4, 1e-5), null, 'the synchronous loader too');

  // inputs that do not fit the export are errors: AOTInductor's own checks, which torch-node turns on
  // (packages from PyTorch 2.14 carry them; 2.6's generated code has none to turn on: docs/porting.md)
  const [major, minor] = torch.version.libtorch.split('.').map(Number);
  if (major > 2 || (major === 2 && minor >= 14)) {
    t.throws(() => convnet(formula([2, 3, 17, 16])), /unmatched dim value at 2, expected: 16, but got: 17/);
    t.throws(() => convnet(formula([2, 4, 16, 16])), /unmatched dim value at 1/);
    t.throws(() => convnet(formula([2, 3, 16, 16]).double()), /unmatched dtype/);
    t.throws(() => convnet(formula([100, 3, 16, 16])), /dim value is too large at 0/);
    t.throws(() => convnet(formula([2, 3, 16, 16]), formula([2, 3, 16, 16])), /expected input_handles vector size to be 1, but got 2|vector size/);
    await t.rejects(convnet.forwardAsync(formula([2, 3, 8, 8])), { name: 'TorchError', op: 'AOTInductor', message: /unmatched dim value/ }, 'rejected with the TorchError forward() throws');
  }
  t.equal(mismatch(convnet(formula([2, 3, 16, 16]).transpose(2, 3).contiguous().transpose(2, 3)), { shape: expected.convnet.cases[0].outputShape, dtype: 'float32', values: expected.convnet.cases[0].output }, 1e-4, 1e-5), null, 'a non-contiguous input is laid out as the export expects');

  // corrupt packages
  const bad = tempDir('aoti-bad-');
  writeFileSync(path.join(bad, 'garbage.pt2'), Buffer.from('not a zip at all'));
  const bytes = readFileSync(path.join(dir, 'convnet.pt2'));
  writeFileSync(path.join(bad, 'truncated.pt2'), bytes.subarray(0, Math.floor(bytes.length / 2)));
  await t.rejects(torch.inductor.loadPackage(path.join(bad, 'garbage.pt2')), Error, 'random bytes: an error');
  await t.rejects(torch.inductor.loadPackage(path.join(bad, 'truncated.pt2')), Error, 'a truncated package: an error');
  await t.rejects(torch.inductor.loadPackage(path.join(bad, 'missing.pt2')), Error, 'a missing file: an error');
  copyFileSync(path.join(dir, 'convnet.pt2'), path.join(bad, 'copy.pt2'));
  await t.rejects(torch.inductor.loadPackage(path.join(bad, 'copy.pt2'), { modelName: 'nothere' }), Error, 'a model name the package lacks: an error');
  await t.rejects(torch.inductor.loadPackage(path.join(bad, 'copy.pt2'), { model: 'x' } as never), /loadPackage\(\) got an unexpected keyword argument 'model'/);

  const resnet = await torch.inductor.loadPackage(path.join(dir, 'resnet18.pt2'));
  const r = expected.resnet18.cases[0];
  t.equal(mismatch(await resnet.forwardAsync(formula(r.shape)), { shape: r.outputShape, dtype: 'float32', values: r.output }, 1e-4, 1e-5), null,
    `ResNet18: the logits Python gets from the same package (${r.eagerMaxDiff.toExponential(1)} from eager mode)`);
});
