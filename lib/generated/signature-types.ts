// The library types lib/generated/signatures.ts names (kept apart so the generated file imports
// types only, and nothing at run time).
export type { Dataset } from '../utils/data/dataset.js';
export type { Sampler } from '../utils/data/sampler.js';
export type { Weights } from '../torchvision/models/weights.js';
export type { InterpolationMode, Input } from '../torchvision/transforms/functional.js';
export type { ImageReadMode } from '../torchvision/io.js';
export type { LayerFactory } from '../torchvision/ops/layers.js';
export type { ExtraFPNBlock } from '../torchvision/ops/feature-pyramid-network.js';
export type { ResNetBlock } from '../torchvision/models/resnet.js';
export type { InvertedResidualConfig } from '../torchvision/models/mobilenetv3.js';
export type { MBConvConfig, FusedMBConvConfig } from '../torchvision/models/efficientnet.js';
export type { BlockParams } from '../torchvision/models/regnet.js';
export type { CNBlockConfig } from '../torchvision/models/convnext.js';
export type { ConvStemConfig } from '../torchvision/models/vision-transformer.js';
