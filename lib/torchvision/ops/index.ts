// torchvision.ops: box utilities, detection losses, region pooling, deformable convolution and the
// small layers torchvision's models are built from, each as torchvision computes it.
export * from './boxes.js';
export * from './box-losses.js';
export { roiAlign, RoIAlign } from './roi-align.js';
export { roiPool, RoIPool, psRoiPool, PSRoIPool, psRoiAlign, PSRoIAlign } from './roi-pool.js';
export { MultiScaleRoIAlign } from './poolers.js';
export { FeaturePyramidNetwork, ExtraFPNBlock, LastLevelMaxPool, LastLevelP6P7 } from './feature-pyramid-network.js';
/**
 * torchvision.ops.feature_pyramid_network: `FeaturePyramidNetwork` and its extra blocks (`LastLevelMaxPool`, `LastLevelP6P7`).
 */
export * as featurePyramidNetwork from './feature-pyramid-network.js';
export { deformConv2d, DeformConv2d } from './deform-conv.js';
export { stochasticDepth, StochasticDepth, dropBlock2d, dropBlock3d, DropBlock2d, DropBlock3d } from './dropout.js';
export { Conv2dNormActivation, Conv3dNormActivation, SqueezeExcitation, MLP, Permute, FrozenBatchNorm2d, type LayerFactory } from './layers.js';
