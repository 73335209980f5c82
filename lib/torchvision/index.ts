// torch-node/torchvision: datasets and transforms (models arrive with their issue).
export * as datasets from './datasets/index.js';
export * as transforms from './transforms/index.js';
export * as io from './io.js';
export { Image, type ImageMode } from './image.js';
export const version = '0.1.0';
