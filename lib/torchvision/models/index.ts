// torchvision.models: ResNet, VGG, MobileNetV2 and EfficientNet with torchvision's structure and weights.
import * as resnet from './resnet.js';
import * as vgg from './vgg.js';
import * as mobilenet from './mobilenetv2.js';
import * as efficientnet from './efficientnet.js';
import { modelWeights, weightsEnum, type WeightsEnum, type Weights } from './weights.js';
import { WEIGHTS_TABLE } from './generated/weights.js';
import type { Module } from '../../nn/module.js';

export * from './resnet.js';
export * from './vgg.js';
export * from './mobilenetv2.js';
export * from './efficientnet.js';
export { Weights, ImageClassification, type WeightsArg, type WeightsMeta } from './weights.js';

const BUILDERS: Record<string, (options?: any) => Module> = {
  resnet18: resnet.resnet18, resnet34: resnet.resnet34, resnet50: resnet.resnet50, resnet101: resnet.resnet101, resnet152: resnet.resnet152,
  resnext50_32x4d: resnet.resnext50_32x4d, wide_resnet50_2: resnet.wide_resnet50_2,
  vgg11: vgg.vgg11, vgg11_bn: vgg.vgg11_bn, vgg13: vgg.vgg13, vgg13_bn: vgg.vgg13_bn, vgg16: vgg.vgg16, vgg16_bn: vgg.vgg16_bn, vgg19: vgg.vgg19, vgg19_bn: vgg.vgg19_bn,
  mobilenet_v2: mobilenet.mobilenet_v2,
  efficientnet_b0: efficientnet.efficientnet_b0, efficientnet_b1: efficientnet.efficientnet_b1, efficientnet_b2: efficientnet.efficientnet_b2,
  efficientnet_b3: efficientnet.efficientnet_b3, efficientnet_b4: efficientnet.efficientnet_b4,
};

export const ResNet18_Weights = modelWeights('resnet18');
export const ResNet34_Weights = modelWeights('resnet34');
export const ResNet50_Weights = modelWeights('resnet50');
export const ResNet101_Weights = modelWeights('resnet101');
export const ResNet152_Weights = modelWeights('resnet152');
export const ResNeXt50_32X4D_Weights = modelWeights('resnext50_32x4d');
export const Wide_ResNet50_2_Weights = modelWeights('wide_resnet50_2');
export const VGG11_Weights = modelWeights('vgg11');
export const VGG11_BN_Weights = modelWeights('vgg11_bn');
export const VGG13_Weights = modelWeights('vgg13');
export const VGG13_BN_Weights = modelWeights('vgg13_bn');
export const VGG16_Weights = modelWeights('vgg16');
export const VGG16_BN_Weights = modelWeights('vgg16_bn');
export const VGG19_Weights = modelWeights('vgg19');
export const VGG19_BN_Weights = modelWeights('vgg19_bn');
export const MobileNet_V2_Weights = modelWeights('mobilenet_v2');
export const EfficientNet_B0_Weights = modelWeights('efficientnet_b0');
export const EfficientNet_B1_Weights = modelWeights('efficientnet_b1');
export const EfficientNet_B2_Weights = modelWeights('efficientnet_b2');
export const EfficientNet_B3_Weights = modelWeights('efficientnet_b3');
export const EfficientNet_B4_Weights = modelWeights('efficientnet_b4');

/** torchvision.models.list_models() */
export function listModels(): string[] {
  return Object.keys(BUILDERS).sort();
}
/** torchvision.models.get_model(name, **config) */
export function getModel(name: string, config: Record<string, unknown> = {}): Module {
  const b = BUILDERS[name.toLowerCase()];
  if (!b) throw new RangeError(`Unknown model ${name}`);
  return b(config);
}
/** torchvision.models.get_model_weights(name) */
export function getModelWeights(name: string): WeightsEnum {
  return modelWeights(name.toLowerCase());
}
/** torchvision.models.get_weight('ResNet50_Weights.IMAGENET1K_V2') */
export function getWeight(name: string): Weights {
  const [enumName, entry] = name.split('.');
  const w = enumName in WEIGHTS_TABLE ? weightsEnum(enumName)[entry] : undefined;
  if (!w) throw new RangeError(`Unknown weights ${name}`);
  return w;
}
