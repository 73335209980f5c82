// torch.utils.data
export { Dataset, IterableDataset, TensorDataset, Subset, ConcatDataset, randomSplit } from './dataset.js';
export { Sampler, SequentialSampler, RandomSampler, SubsetRandomSampler, WeightedRandomSampler, BatchSampler } from './sampler.js';
export { defaultCollate, defaultConvert } from './collate.js';
export { DataLoader, type DataLoaderOptions, type Collated } from './dataloader.js';
export { DistributedSampler, type DistributedSamplerOptions } from './distributed-sampler.js';
