// The silent cases the ported PyTorch programs met (each accepted a call and built something else),
// the keyword forms that were refused, and the small behaviours the ports tripped on. Python's side
// comes from scripts/make_binder_fixtures.py (test/fixtures/binder.json).
import t from 'tap';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { fixture, tinyMnist } from './helpers.js';
import { tempDir } from './temp-dir.js';

const { nn, optim } = torch;
const py = fixture<{ modules: Record<string, { repr: string; shapes: Record<string, number[]> }>; sgd_lr: number; steplr_lrs: number[]; misspelt?: string }>('binder.json');

function built(t: { equal: (a: unknown, b: unknown, m: string) => void; same: (a: unknown, b: unknown, m: string) => void }, call: string, m: torch.nn.Module) {
  const want = py.modules[call];
  t.equal(String(m), want.repr, `${call} prints what Python's does`);
  t.same(Object.fromEntries(Object.entries(m.stateDict()).map(([k, v]) => [k, v.shape])), want.shapes, `${call} has Python's parameters`);
}

t.test('Conv2d(3, 16, 4, 2, 1, { bias: false }): stride 2, padding 1, no bias (ConvTranspose2d too)', async (t) => {
  const conv = new nn.Conv2d(3, 16, 4, 2, 1, { bias: false });
  built(t, 'new nn.Conv2d(3, 16, 4, 2, 1, { bias: false })', conv);
  t.same(conv.stride, [2, 2]);
  t.same(conv.padding, [1, 1]);
  t.equal(conv.bias, null);
  t.same(conv(torch.zeros(1, 3, 64, 64)).shape, [1, 16, 32, 32], "DCGAN's discriminator halves the image");
  const deconv = new nn.ConvTranspose2d(16, 3, 4, 2, 1, { bias: false });
  built(t, 'new nn.ConvTranspose2d(16, 3, 4, 2, 1, { bias: false })', deconv);
  t.same(deconv(torch.zeros(1, 16, 32, 32)).shape, [1, 3, 64, 64], "and the generator doubles it");
});

t.test('LSTM(inputSize, hiddenSize, 2, { dropout: 0.5 }): 2 layers with dropout (GRU too)', async (t) => {
  const lstm = new nn.LSTM(10, 20, 2, { dropout: 0.5 });
  built(t, 'new nn.LSTM(10, 20, 2, { dropout: 0.5 })', lstm);
  t.equal(lstm.numLayers, 2);
  t.equal(lstm.dropout, 0.5);
  built(t, 'new nn.GRU(10, 20, 2, { dropout: 0.5 })', new nn.GRU(10, 20, 2, { dropout: 0.5 }));
});

t.test('SGD(params, 0.1): lr 0.1', async (t) => {
  const w = new nn.Parameter(torch.zeros(2));
  const opt = new optim.SGD([w], 0.1);
  t.equal(opt.paramGroups[0].lr, py.sgd_lr);
  w.grad = torch.ones(2);
  opt.step();
  t.same(w.tolist(), [-0.1, -0.1].map((v) => Math.fround(v)), 'the step is lr × grad');
});

t.test('StepLR(opt, { stepSize: 1, gamma: 0.7 }): the learning rate falls by 0.7 each epoch', async (t) => {
  const w = new nn.Parameter(torch.zeros(2));
  const opt = new optim.SGD([w], 0.1);
  const sched = new optim.lrScheduler.StepLR(opt, { stepSize: 1, gamma: 0.7 });
  const lrs = [opt.paramGroups[0].lr];
  for (let i = 0; i < 3; i++) {
    opt.step();
    sched.step();
    lrs.push(opt.paramGroups[0].lr);
  }
  t.same(lrs, py.steplr_lrs, "Python's sequence, number for number");
  t.throws(() => new optim.lrScheduler.StepLR(opt, { stepSize: 1, gama: 0.7 } as any), /StepLR\(\) got an unexpected keyword argument 'gama'. Did you mean 'gamma'\?/);
});

t.test('ImageFolder(root, transform): the transform is applied', async (t) => {
  const root = tempDir('torch-node-folder-');
  const img = torch.randint(0, 256, [3, 4, 5], { dtype: torch.uint8 });
  for (const c of ['a', 'b']) {
    mkdirSync(path.join(root, c));
    torchvision.io.writePng(img, path.join(root, c, 'x.png'));
  }
  const T = torchvision.transforms;
  const ds = new torchvision.datasets.ImageFolder(root, new T.ToTensor());
  const [x, y] = ds.getItem(1);
  t.ok(x instanceof torch.Tensor, 'a tensor, not an Image: the transform ran');
  t.same((x as torch.Tensor).shape, [3, 4, 5]);
  t.equal(y, 1);
  const withTarget = new torchvision.datasets.ImageFolder(root, null, (c: number) => c + 10);
  t.equal(withTarget.getItem(0)[1], 10, 'targetTransform by position too');
});

t.test('a misspelt option is a TypeError naming the nearest parameter', async (t) => {
  t.throws(() => new nn.Conv2d(3, 8, 3, { paddin: 1 } as any), { name: 'TypeError', message: "Conv2d() got an unexpected keyword argument 'paddin'. Did you mean 'padding'?" });
  if (py.misspelt) t.match(py.misspelt, /got an unexpected keyword argument 'paddin'/, "Python's TypeError says the same");
  t.throws(() => new nn.Linear(3, 4, { bias_: false } as any), /Did you mean 'bias'\?/);
  t.throws(() => new nn.LSTM(3, 4, { batch_first: true } as any), /unexpected keyword argument 'batch_first'. Did you mean 'batchFirst'\?/, "Python's snake_case name points to the camelCase one");
});

t.test('the keyword form of every positional parameter', async (t) => {
  built(t, 'new nn.Conv2d(1, 16, { kernelSize: 3, stride: 2, padding: 1 })', new nn.Conv2d(1, 16, { kernelSize: 3, stride: 2, padding: 1 }));
  built(t, 'new nn.LSTM({ inputSize: 10, hiddenSize: 20, batchFirst: true })', new nn.LSTM({ inputSize: 10, hiddenSize: 20, batchFirst: true }));
  const ds = new torch.utils.data.TensorDataset(torch.arange(6));
  const dl = new torch.utils.data.DataLoader({ dataset: ds, batchSize: 4 });
  t.same([...dl].map(([x]) => x.tolist()), [[0, 1, 2, 3], [4, 5]], 'DataLoader({ dataset, batchSize })');
  const root = tinyMnist();
  const byPosition = new torchvision.datasets.MNIST(root, { train: true });
  t.equal(byPosition.length, 64, 'new MNIST(root, { train })');
  t.equal((await torchvision.datasets.MNIST.create(root, { train: true })).length, 64, 'MNIST.create(root, { train })');
  t.equal(new torchvision.datasets.MNIST({ root, train: true }).length, 64, 'and root by name');
  t.equal(new torchvision.datasets.FashionMNIST(root, true, null).length, 64, 'every parameter by position');
});

t.test('Tensor.length is len(t)', async (t) => {
  t.equal(torch.zeros(3, 2).length, 3);
  t.equal(torch.zeros(0, 2).length, 0);
  t.throws(() => torch.tensor(1).length, { name: 'TypeError', message: 'len() of a 0-d tensor' });
});

t.test('out= on the ops that take it', async (t) => {
  const a = torch.randn(2, 3), b = torch.randn(3, 4);
  const out = torch.empty(0);
  t.equal(torch.matmul(a, b, { out }), out, 'the out tensor is returned');
  t.ok(torch.equal(out, torch.matmul(a, b)), 'and holds the result');
  t.throws(() => torch.matmul(a, b, { out: torch.empty(2, 4, { dtype: torch.int64 }) }), /result type Float can't be cast to the desired output type Long/);
  t.throws(() => torch.add(a.requiresGrad_(), 1, { out: torch.empty(2, 3) }), /functions with out=\.\.\. arguments don't support automatic differentiation/);
  const values = torch.empty(0), indices = torch.empty(0, { dtype: torch.int64 });
  const m = torch.max(b, 1, { out: [values, indices] });
  t.equal(m.values, values, 'a named tuple of out tensors keeps its names');
  t.equal(m.indices, indices);
  const z = torch.empty(2, 2);
  t.equal(torch.zeros(2, 2, { out: z }), z, 'the factories take out= too');
  t.same(z.tolist(), [[0, 0], [0, 0]]);
  t.throws(() => torch.relu(a, { out: torch.empty(2, 3) } as any), /out/, 'an op without an out= overload refuses it');
});

t.test('printing rounds ties as Python does', async (t) => {
  t.equal(String(torch.tensor(0.03125)), 'tensor(0.0312)');
  t.equal(String(torch.tensor([0.03125, 0.09375])), 'tensor([0.0312, 0.0938])');
  t.equal(String(torch.tensor([10000.5, 1e-5], { dtype: torch.float64 })), 'tensor([1.0000e+04, 1.0000e-05], dtype=torch.float64)');
});

t.test('print(device) shows cpu', async (t) => {
  const d = torch.device('cpu');
  t.equal(inspect(d), 'cpu', "console.log(device) prints Python's str(device)");
  t.equal(inspect([d]), "[ device(type='cpu') ]", 'and its repr inside a container, as Python does');
  t.equal(`${torch.zeros(1).device}`, 'cpu');
});

t.test("MNIST's download hint names MNIST", async (t) => {
  const empty = tempDir('torch-node-empty-');
  t.throws(() => new torchvision.datasets.MNIST(empty), /MNIST: train-images-idx3-ubyte\[\.gz\] not found.*MNIST\.create/);
  t.throws(() => new torchvision.datasets.MNIST(empty, { download: true }), /await MNIST\.create\(root, \{ download: true \}\)/);
  t.throws(() => new torchvision.datasets.KMNIST(empty, { download: true }), /await KMNIST\.create/);
});

t.test('Tensor.type(dtype) is a Tensor', async (t) => {
  const x: torch.Tensor = torch.zeros(2).type(torch.float64);
  t.equal(x.dtype, torch.float64);
  const y: torch.Tensor = torch.zeros(2).type('torch.LongTensor');
  t.equal(y.dtype, torch.int64);
  const name: string = torch.zeros(2).type();
  t.equal(name, 'torch.FloatTensor');
});
