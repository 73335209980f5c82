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
export * as functional from './functional.js';
export * as init from './init.js';
export * as utils from './utils.js';
