// torch.nn
export { Module, type StateDict } from './module.js';
export { Parameter } from './parameter.js';
export * from './layers/linear.js';
export * from './layers/conv.js';
export * from './layers/pooling.js';
export * from './layers/activation.js';
export * from './layers/normalization.js';
export * from './layers/dropout.js';
export * from './layers/embedding.js';
export * from './layers/rnn.js';
export * from './layers/container.js';
export * from './layers/loss.js';
export * from './layers/padding.js';
export * from './layers/upsampling.js';
export * from './layers/pixelshuffle.js';
export * from './layers/fold.js';
export * from './layers/distance.js';
export * from './layers/transformer.js';
export * from './layers/adaptive.js';
/**
 * torch.nn.functional (by convention `F`): the stateless forms of the layers and losses.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/nn.functional.html)
 */
export * as functional from './functional.js';
/**
 * torch.nn.init: in-place weight initialisations (`kaimingUniform_`, `xavierNormal_`, ...).
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/nn.init.html)
 */
export * as init from './init.js';
/**
 * torch.nn.utils: gradient clipping, parameter/vector conversion, weight and spectral norm, `rnn` packing.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/nn.html#utilities)
 */
export * as utils from './utils.js';
/**
 * torch.nn.parallel: `DistributedDataParallel`.
 *
 * PyTorch: [reference](https://docs.pytorch.org/docs/stable/nn.html#module-torch.nn.parallel)
 */
export * as parallel from './parallel.js';

import { Module, markPure } from './module.js';
import * as linear from './layers/linear.js';
import * as conv from './layers/conv.js';
import * as pooling from './layers/pooling.js';
import * as activation from './layers/activation.js';
import * as normalization from './layers/normalization.js';
import * as dropout from './layers/dropout.js';
import * as embedding from './layers/embedding.js';
import * as padding from './layers/padding.js';
import * as upsampling from './layers/upsampling.js';
import * as pixelshuffle from './layers/pixelshuffle.js';
import * as fold from './layers/fold.js';
import * as distance from './layers/distance.js';
// the leaf layers keep no reference to their inputs or outputs (containers pass on their children's)
for (const lib of [linear, conv, pooling, activation, normalization, dropout, embedding, padding, upsampling, pixelshuffle, fold, distance]) {
  markPure(...Object.values(lib).filter((c): c is Function => typeof c === 'function' && c.prototype instanceof Module));
}
