// torch.utils.data against PyTorch (test/fixtures/data.json): the same seed gives the same
// shuffles, splits and samples; options and errors follow PyTorch's DataLoader.
import t from 'tap';
import * as torch from 'torch-node';
import { fixture } from './helpers.js';

const { DataLoader, TensorDataset, Dataset, IterableDataset, randomSplit, RandomSampler, SubsetRandomSampler, WeightedRandomSampler, BatchSampler, SequentialSampler, Subset, ConcatDataset, defaultCollate } = torch.utils.data;
const ref = fixture('data.json');
const range = (n: number) => Object.assign(new (class extends Dataset<number> {
  getItem(i: number) { return i; }
  get length() { return n; }
})());

t.test('shuffling repeats PyTorch’s order for the same seed', async (t) => {
  torch.manualSeed(0);
  const ds = new TensorDataset(torch.arange(10), torch.arange(10).mul(10));
  const loader = new DataLoader(ds, { batchSize: 3, shuffle: true });
  const epochs = [0, 1].map(() => [...loader].map(([x]) => x.tolist()));
  t.same(epochs, ref.shuffleEpochs, 'two epochs of batches');
  t.same(torch.rand(2).tolist(), ref.afterShuffle, 'and the global stream is left where PyTorch leaves it');
  torch.manualSeed(0);
  const g = new torch.Generator().manualSeed(5);
  t.same([...new DataLoader(ds, { batchSize: 4, shuffle: true, generator: g, dropLast: true })].map(([x]) => x.tolist()), ref.shuffleWithGenerator, 'with a generator and dropLast');
  t.same(torch.rand(1).tolist(), ref.afterGenerator);
  const [x, y] = [...loader][0];
  t.same(y.tolist(), x.mul(10).tolist(), 'samples stay paired');
  t.equal(loader.length, 4);
});

t.test('splits and samplers', async (t) => {
  torch.manualSeed(1);
  t.same(randomSplit(range(10), [6, 4]).map((s) => s.indices), ref.randomSplit, 'randomSplit');
  t.same(randomSplit(range(11), [0.5, 0.3, 0.2], new torch.Generator().manualSeed(3)).map((s) => s.indices), ref.randomSplitFractions, 'randomSplit by fractions');
  torch.manualSeed(2);
  t.same([...new RandomSampler(range(7), { replacement: true, numSamples: 40 })], ref.randomSamplerReplacement, 'RandomSampler with replacement');
  t.same([...new RandomSampler(range(4), { numSamples: 10 })], ref.randomSamplerNumSamples, 'RandomSampler numSamples');
  t.same([...new SubsetRandomSampler([10, 20, 30, 40], { generator: new torch.Generator().manualSeed(4) })], ref.subsetRandom, 'SubsetRandomSampler');
  t.same([...new WeightedRandomSampler([0.1, 0.9, 0.4, 0], 8, true, { generator: new torch.Generator().manualSeed(6) })], ref.weighted, 'WeightedRandomSampler');
  t.same([...new BatchSampler(new SequentialSampler(range(7)), 3, false)], ref.batchSampler, 'BatchSampler');
  t.equal(new BatchSampler(new SequentialSampler(range(7)), 3, true).length, 2);
  t.throws(() => randomSplit(range(5), [2, 2]), /Sum of input lengths does not equal the length of the input dataset!/);
});

t.test('defaultCollate', async (t) => {
  const c = defaultCollate([[torch.ones(2), 1, 0.5, true, 'a'], [torch.zeros(2), 2, 1.5, false, 'b']]);
  t.same(c[0].tolist(), ref.collate.tensor);
  t.same(c[1].tolist(), ref.collate.ints);
  t.equal(`torch.${c[1].dtype.name}`, ref.collate.intsDtype, 'integers collate to int64');
  t.same(c[2].tolist(), ref.collate.floats);
  t.equal(`torch.${c[2].dtype.name}`, ref.collate.floatsDtype, 'other numbers to float64');
  t.same(c[3].tolist(), ref.collate.bools);
  t.same(c[4], ref.collate.strings);
  const d = defaultCollate([{ x: torch.ones(1), y: 1 }, { x: torch.zeros(1), y: 2 }]);
  t.same(d.x.shape, [2, 1], 'records collate field by field');
});

t.test('datasets', async (t) => {
  const a = new TensorDataset(torch.arange(3));
  const b = new TensorDataset(torch.arange(3, 5));
  const cat = new ConcatDataset([a, b]);
  t.equal(cat.length, 5);
  t.same(cat.getItem(3)[0].item(), 3);
  t.same(cat.getItem(-1)[0].item(), 4);
  const sub = new Subset(cat, [4, 0]);
  t.same(sub.getItem(0)[0].item(), 4);
  t.throws(() => new TensorDataset(torch.ones(2), torch.ones(3)), /Size mismatch between tensors/);
  class Squares extends Dataset<[torch.Tensor, number]> {
    getItem(i: number): [torch.Tensor, number] { return [torch.tensor([i * i]), i]; }
    get length() { return 5; }
  }
  const batches = [...new DataLoader(new Squares(), { batchSize: 2 })];
  t.equal(batches.length, 3);
  t.same(batches[1][0].tolist(), [[4], [9]], 'a TS dataset subclass batches');
  t.same(batches[2][1].tolist(), [4]);
  t.equal(new DataLoader(new Squares(), { batchSize: 2, dropLast: true }).length, 2);
  const unbatched = [...new DataLoader(new Squares(), { batchSize: null })];
  t.same(unbatched[2][1], 2, 'batchSize: null yields samples');
  class Counter extends IterableDataset<number> {
    *[Symbol.iterator]() { for (let i = 0; i < 5; i++) yield i; }
  }
  t.same([...new DataLoader(new Counter(), { batchSize: 2 })].map((x) => x.tolist()), [[0, 1], [2, 3], [4]], 'IterableDataset');
  const custom = [...new DataLoader(new Squares(), { batchSize: 5, collateFn: (b) => b.length })];
  t.same(custom, [5], 'collateFn');
});

t.test('for await yields to the event loop', async (t) => {
  const ds = new TensorDataset(torch.randn(400, 10));
  let ticks = 0;
  const timer = setInterval(() => ticks++, 0);
  let n = 0;
  for await (const [x] of new DataLoader(ds, { batchSize: 4 })) {
    n += x.size(0);
    x.matmul(torch.randn(10, 200)).relu().sum();
  }
  clearInterval(timer);
  t.equal(n, 400);
  t.ok(ticks > 5, `timers fired during iteration (${ticks})`);
});

t.test('options are checked as PyTorch checks them', async (t) => {
  const ds = new TensorDataset(torch.arange(4));
  t.throws(() => new DataLoader(ds, { numWorkers: -1 }), /should be non-negative/);
  t.throws(() => new DataLoader(ds, { sampler: new SequentialSampler(ds), shuffle: true }), /sampler option is mutually exclusive with shuffle/);
  t.throws(() => new DataLoader(ds, { batchSampler: [[0, 1]], batchSize: 2 }), /batchSampler option is mutually exclusive with batchSize, shuffle, sampler, and dropLast/);
  t.throws(() => new DataLoader(ds, { batchSize: null, dropLast: true }), /mutually exclusive with dropLast/);
  t.throws(() => new DataLoader(ds, { prefetchFactor: 2 }), /prefetchFactor option could only be specified in multiprocessing/);
  t.throws(() => new DataLoader(ds, { persistentWorkers: true }), /persistentWorkers option needs numWorkers > 0/);
  t.throws(() => new DataLoader(ds, { batchSize: 0 }), /batchSize/);
  t.throws(() => new DataLoader(ds, { batchsize: 2 } as any), /DataLoader\(\) got an unexpected keyword argument 'batchsize'. Did you mean 'batchSize'\?/);
  t.throws(() => new DataLoader(5 as any), /Expected a Dataset/);
  class It extends IterableDataset<number> { *[Symbol.iterator]() { yield 1; } }
  t.throws(() => new DataLoader(new It(), { shuffle: true }), /expected unspecified shuffle option/);
  const dl = new DataLoader(ds, { batchSize: 2, numWorkers: 2, prefetchFactor: 4, persistentWorkers: true, pinMemory: true });
  t.equal(dl.numWorkers, 2);
  t.same([...dl].map(([x]) => x.tolist()), [[0, 1], [2, 3]], 'a TS dataset loads on the JS thread whatever numWorkers is');
  t.same([...new DataLoader(ds, { batchSampler: [[3, 0], [1]] })].map(([x]) => x.tolist()), [[3, 0], [1]], 'batchSampler');
});
