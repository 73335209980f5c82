// torchvision.models: ResNet, RegNet, VGG, AlexNet, SqueezeNet, DenseNet, Inception v3, GoogLeNet, MobileNetV2 and V3, ShuffleNetV2,
// EfficientNet (B0–B7, V2), ConvNeXt and the Vision Transformer with torchvision's structure and weights.
import * as resnet from './resnet.js';
import * as vgg from './vgg.js';
import * as mobilenet from './mobilenetv2.js';
import * as efficientnet from './efficientnet.js';
import * as alexnet from './alexnet.js';
import * as squeezenet from './squeezenet.js';
import * as densenet from './densenet.js';
import * as inception from './inception.js';
import * as mobilenetv3 from './mobilenetv3.js';
import * as shufflenet from './shufflenetv2.js';
import * as googlenet from './googlenet.js';
import * as regnet from './regnet.js';
import * as convnext from './convnext.js';
import * as vit from './vision-transformer.js';
import { modelWeights, weightsEnum, type WeightsEnum, type Weights } from './weights.js';
import { MODEL_WEIGHTS, WEIGHTS_TABLE } from './generated/weights.js';
import type { Module } from '../../nn/module.js';

export * from './resnet.js';
/** torchvision.models.resnet, the module: ResNet's blocks (BasicBlock, Bottleneck) where Python reaches them. */
export * as resnet from './resnet.js';
/** torchvision.models.regnet, the module: RegNet's parts (BlockParams, AnyStage, SimpleStemIN, …) where Python reaches them. */
export * as regnet from './regnet.js';
/** torchvision.models.mobilenetv3, the module: InvertedResidualConfig and the blocks where Python reaches them. */
export * as mobilenetv3 from './mobilenetv3.js';
/** torchvision.models.efficientnet, the module: MBConvConfig and MBConv where Python reaches them. */
export * as efficientnet from './efficientnet.js';
/** torchvision.models.squeezenet, the module: the Fire block where Python reaches it. */
export * as squeezenet from './squeezenet.js';
/** torchvision.models.shufflenetv2, the module: its InvertedResidual block and channelShuffle where Python reaches them. */
export * as shufflenetv2 from './shufflenetv2.js';
/** torchvision.models.mobilenetv2, the module: its InvertedResidual block where Python reaches it. */
export * as mobilenetv2 from './mobilenetv2.js';
/** torchvision.models.inception, the module: Inception v3's blocks (BasicConv2d, InceptionA–E, InceptionAux) where Python reaches them. */
export * as inception from './inception.js';
/** torchvision.models.convnext, the module: CNBlockConfig, CNBlock and LayerNorm2d where Python reaches them. */
export * as convnext from './convnext.js';
/** torchvision.models.vision_transformer, the module: ViT's parts (ConvStemConfig, MLPBlock, EncoderBlock, Encoder) and interpolateEmbeddings. */
export * as visionTransformer from './vision-transformer.js';
export * from './vgg.js';
export { MobileNetV2, InvertedResidual, makeDivisible, mobilenet_v2, mobilenetV2, type MobileNetV2Options } from './mobilenetv2.js';
export * from './efficientnet.js';
export * from './alexnet.js';
export * from './squeezenet.js';
export * from './densenet.js';
export { BasicConv2d, InceptionA, InceptionB, InceptionC, InceptionD, InceptionE, InceptionAux, Inception3, inception_v3, inceptionV3,
  type Inception3Options, type InceptionOutputs, type Inception3BuilderOptions } from './inception.js';
// each file's InvertedResidual block stays in its file, as in torchvision (mobilenetv2's is the one exported here)
export { MobileNetV3, InvertedResidualConfig, mobilenet_v3_large, mobilenet_v3_small, mobilenetV3Large, mobilenetV3Small,
  type MobileNetV3Options, type MobileNetV3BuilderOptions } from './mobilenetv3.js';
export { RegNet, BlockParams, regnet_y_400mf, regnet_y_800mf, regnet_y_1_6gf, regnet_y_3_2gf, regnet_y_8gf, regnet_y_16gf, regnet_y_32gf, regnet_y_128gf, regnet_x_400mf, regnet_x_800mf, regnet_x_1_6gf, regnet_x_3_2gf, regnet_x_8gf, regnet_x_16gf, regnet_x_32gf,
  regnetY_400mf, regnetY_800mf, regnetY_1_6gf, regnetY_3_2gf, regnetY_8gf, regnetY_16gf, regnetY_32gf, regnetY_128gf, regnetX_400mf, regnetX_800mf, regnetX_1_6gf, regnetX_3_2gf, regnetX_8gf, regnetX_16gf, regnetX_32gf, type RegNetOptions } from './regnet.js';
export { ConvNeXt, CNBlock, CNBlockConfig, LayerNorm2d, convnext_tiny, convnext_small, convnext_base, convnext_large, convnextTiny, convnextSmall,
  convnextBase, convnextLarge, type ConvNeXtOptions } from './convnext.js';
export { VisionTransformer, vit_b_16, vit_b_32, vit_l_16, vit_l_32, vit_h_14, vitB_16, vitB_32, vitL_16, vitL_32, vitH_14,
  type VisionTransformerOptions } from './vision-transformer.js';
export { GoogLeNet, googlenet, type GoogLeNetOptions, type GoogLeNetOutputs } from './googlenet.js';
export { ShuffleNetV2, channelShuffle, shufflenet_v2_x0_5, shufflenet_v2_x1_0, shufflenet_v2_x1_5, shufflenet_v2_x2_0,
  shufflenetV2X0_5, shufflenetV2X1_0, shufflenetV2X1_5, shufflenetV2X2_0, type ShuffleNetV2Options } from './shufflenetv2.js';
export { Weights, ImageClassification, type WeightsArg, type WeightsMeta } from './weights.js';
export * from './generated/weights-enums.js';

// Each model's builder is exported under torchvision's name by its model's file; the list of models is
// scripts/models.txt, through the generated MODEL_WEIGHTS.
const MODEL_FILES: readonly object[] = [resnet, vgg, mobilenet, efficientnet, alexnet, squeezenet, densenet, inception, mobilenetv3, shufflenet,
  googlenet, regnet, convnext, vit];
type Builder = (options?: Record<string, unknown>) => Module;
const BUILDERS: Record<string, Builder> = Object.fromEntries(Object.keys(MODEL_WEIGHTS).map((name) => {
  const builder = MODEL_FILES.map((file) => (file as Record<string, unknown>)[name]).find((b) => typeof b === 'function');
  if (!builder) throw new Error(`torchvision.models: scripts/models.txt names ${name}, which no model file exports`);
  return [name, builder as Builder];
}));

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
