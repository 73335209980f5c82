// torch.utils
/**
 * torch.utils.data: datasets, samplers, `defaultCollate` and the `DataLoader`.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/data.html)
 */
export * as data from './data/index.js';
/**
 * torch.utils.tensorboard: `SummaryWriter`, writing event files TensorBoard reads.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/tensorboard.html)
 */
export * as tensorboard from './tensorboard/index.js';
