// torch.getRngState / setRngState, Generator.getState / setState and torchvision.datasets.FakeData
// against PyTorch (scripts/make_rng_fixtures.py): the same state bytes, the same draws after a
// restore, the same fake images and targets.
import t from 'tap';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { fixture, mismatch } from './helpers.js';

const fx = fixture('rng_state.json');
const T = torchvision.transforms;

t.test('the generator state is PyTorch’s, and restoring it replays the stream', async (t) => {
  torch.manualSeed(5);
  const state5 = torch.getRngState();
  t.equal(mismatch(state5, fx.state5, 0, 0), null, 'manualSeed(5): the 5056 bytes of PyTorch’s state');
  torch.rand(10);
  const after = torch.getRngState();
  t.equal(mismatch(after, fx.after, 0, 0), null, 'after ten draws');
  const g = new torch.Generator().manualSeed(9);
  g.setState(after);
  t.equal(mismatch(torch.rand(3, { generator: g }), fx.draws, 0, 0), null, 'a generator set to that state draws on from it');
  torch.setRngState(after);
  const again = torch.rand(4);
  torch.setRngState(after);
  t.same(torch.rand(4).tolist(), again.tolist(), 'setRngState replays the same draws');
  t.ok(typeof torch.seed() === 'number', 'torch.seed() returns the fresh seed');
});

t.test('a state that is not one is refused, as libtorch refuses it', async (t) => {
  t.throws(() => torch.setRngState(5 as never), { name: 'TypeError', message: 'expected a torch.ByteTensor, but got int' });
  t.throws(() => torch.setRngState(torch.zeros(3)), { name: 'TorchError', message: /RNG state must be a torch.ByteTensor/ });
  t.throws(() => torch.setRngState(torch.zeros(7, { dtype: torch.uint8 })), { name: 'TorchError' });
  t.throws(() => torch.setRngState(torch.zeros(5056, { dtype: torch.uint8 })), { name: 'TorchError', message: /Invalid mt19937 state/ });
  t.throws(() => (torch as any).getRngState(1), { name: 'TypeError', message: /takes 0 positional arguments but 1 was given/ });
  t.throws(() => (new torch.Generator() as any).getState(1), { name: 'TypeError', message: /takes no arguments/ });
});

t.test('FakeData gives torchvision’s images and targets, and leaves the global stream alone', async (t) => {
  const rgb = new torchvision.datasets.FakeData({ size: 3, imageSize: [3, 4, 5], numClasses: 7 });
  const grey = new torchvision.datasets.FakeData(2, [1, 6, 6], 3, new T.ToTensor(), { randomOffset: 10 });
  torch.manualSeed(11);
  const P2T = new T.PILToTensor();
  const items = [0, 1, 2].map((i) => rgb.getItem(i)).map(([img, y]) => [P2T(img), y]).concat([0, 1].map((i) => grey.getItem(i)));
  items.forEach(([img, y], i) => {
    t.equal(mismatch(img, fx.fakeData[i].image, 1e-6, 1e-6), null, `item ${i}: pixels`);
    t.equal(y, fx.fakeData[i].target, `item ${i}: target`);
  });
  t.equal(mismatch(torch.rand(2), fx.afterItems, 0, 0), null, 'the global stream goes on as if no item was drawn');
  t.equal(rgb.length, 3);
  t.throws(() => rgb.getItem(3), { name: 'RangeError', message: 'FakeData index out of range' });
  t.same(new torchvision.datasets.FakeData({ size: 2, imageSize: [1, 2, 2], targetTransform: (y: torch.Tensor) => y.add(100) }).getItem(0)[1] >= 100, true, 'targetTransform gets the target tensor');
  t.throws(() => new torchvision.datasets.FakeData({ imageSize: [3, -1, 2] }), { name: 'TypeError', message: /imageSize/ });
});

t.test('torch.random.forkRng restores the stream after fn, as fork_rng does', async (t) => {
  torch.random.manualSeed(0);
  const inside = torch.random.forkRng(() => torch.rand(2).tolist());
  t.same(torch.rand(2).tolist(), inside, 'the draws after the fork are the ones made inside it');
  torch.manualSeed(1);
  const before = torch.random.getRngState();
  await torch.random.forkRng({ enabled: true }, async () => torch.rand(5));
  t.equal(mismatch(torch.random.getRngState(), { shape: [5056], dtype: 'uint8', values: before.tolist() as number[] }, 0, 0), null, 'an async fn: restored once it settles');
  torch.manualSeed(2);
  const inner = torch.random.forkRng({ enabled: false }, () => torch.rand(1).item());
  t.not(torch.rand(1).item(), inner, 'enabled: false does not fork: the stream moved on');
  t.throws(() => torch.random.forkRng(() => { throw new RangeError('inside'); }), { name: 'RangeError', message: 'inside' });
  t.throws(() => torch.random.forkRng({ devices: [0] }, () => 1), { name: 'RangeError', message: /forks the CPU generator only/ });
  const draw = () => torch.rand(1).item();
  torch.manualSeed(3);
  t.equal(torch.random.forkRng([], true, draw), draw(), "fork_rng's arguments by position too: forked, the same draw again");
  torch.manualSeed(3);
  t.not(torch.random.forkRng(null, false, draw), draw(), 'and enabled=false by position does not fork');
  t.throws(() => (torch.random.forkRng as (...a: unknown[]) => unknown)(null, true, true, () => 1), { name: 'TypeError', message: 'forkRng() takes from 0 to 2 positional arguments but 3 were given' });
  t.throws(() => (torch.random.forkRng as (...a: unknown[]) => unknown)({}), { name: 'TypeError', message: /as the last argument for fn/ });
  t.throws(() => torch.random.forkRng({ device: [] } as never, () => 1), { name: 'TypeError', message: "forkRng() got an unexpected keyword argument 'device'" });
  t.equal(torch.random.initialSeed(), 3);
});
