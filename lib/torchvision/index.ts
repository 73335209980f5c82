// torch-node/torchvision: datasets, transforms, io and models.
export * as datasets from './datasets/index.js';
export * as transforms from './transforms/index.js';
export * as io from './io.js';
export * as models from './models/index.js';
export * as utils from './utils.js';
export * as ops from './ops/index.js';
export { Image, DecompressionBombError, type ImageMode } from './image.js';
export const version = '0.1.0';
