/**
 * torchvision: `import { datasets, transforms, models } from 'torch-node/torchvision'`.
 *
 * @module torchvision
 */
/**
 * torchvision.datasets: MNIST, FashionMNIST, CIFAR, ImageFolder, ImageNet.
 *
 * PyTorch: [reference](https://docs.pytorch.org/vision/stable/datasets.html)
 */
export * as datasets from './datasets/index.js';
/**
 * torchvision.transforms: image transforms, composable with `Compose`; `functional` holds the stateless forms.
 *
 * PyTorch: [reference](https://docs.pytorch.org/vision/stable/transforms.html)
 */
export * as transforms from './transforms/index.js';
/**
 * torchvision.io: reading, decoding and writing JPEG and PNG images.
 *
 * PyTorch: [reference](https://docs.pytorch.org/vision/stable/io.html)
 */
export * as io from './io.js';
/**
 * torchvision.models: model architectures and their pretrained weights.
 *
 * PyTorch: [reference](https://docs.pytorch.org/vision/stable/models.html)
 */
export * as models from './models/index.js';
/**
 * torchvision.utils: `makeGrid`, `saveImage` and the drawing functions.
 *
 * PyTorch: [reference](https://docs.pytorch.org/vision/stable/utils.html)
 */
export * as utils from './utils.js';
/**
 * torchvision.ops: detection operators (nms, box ops, RoIAlign/RoIPool, FPN, deformable convolution, losses).
 *
 * PyTorch: [reference](https://docs.pytorch.org/vision/stable/ops.html)
 */
export * as ops from './ops/index.js';
export { Image, DecompressionBombError, type ImageMode } from './image.js';
/** This torchvision port's version. */
export const version = '0.1.0';
