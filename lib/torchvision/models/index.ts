// torchvision.models: ResNet, RegNet, VGG, AlexNet, SqueezeNet, DenseNet, Inception v3, GoogLeNet, MobileNetV2 and V3, ShuffleNetV2
// and EfficientNet with torchvision's structure and weights.
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
import { modelWeights, weightsEnum, type WeightsEnum, type Weights } from './weights.js';
import { WEIGHTS_TABLE } from './generated/weights.js';
import type { Module } from '../../nn/module.js';

export * from './resnet.js';
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
export { GoogLeNet, googlenet, type GoogLeNetOptions, type GoogLeNetOutputs } from './googlenet.js';
export { ShuffleNetV2, channelShuffle, shufflenet_v2_x0_5, shufflenet_v2_x1_0, shufflenet_v2_x1_5, shufflenet_v2_x2_0,
  shufflenetV2X0_5, shufflenetV2X1_0, shufflenetV2X1_5, shufflenetV2X2_0, type ShuffleNetV2Options } from './shufflenetv2.js';
export { Weights, ImageClassification, type WeightsArg, type WeightsMeta } from './weights.js';

const BUILDERS: Record<string, (options?: any) => Module> = {
  resnet18: resnet.resnet18, resnet34: resnet.resnet34, resnet50: resnet.resnet50, resnet101: resnet.resnet101, resnet152: resnet.resnet152,
  resnext50_32x4d: resnet.resnext50_32x4d, wide_resnet50_2: resnet.wide_resnet50_2,
  resnext101_32x8d: resnet.resnext101_32x8d, resnext101_64x4d: resnet.resnext101_64x4d, wide_resnet101_2: resnet.wide_resnet101_2,
  vgg11: vgg.vgg11, vgg11_bn: vgg.vgg11_bn, vgg13: vgg.vgg13, vgg13_bn: vgg.vgg13_bn, vgg16: vgg.vgg16, vgg16_bn: vgg.vgg16_bn, vgg19: vgg.vgg19, vgg19_bn: vgg.vgg19_bn,
  mobilenet_v2: mobilenet.mobilenet_v2,
  efficientnet_b0: efficientnet.efficientnet_b0, efficientnet_b1: efficientnet.efficientnet_b1, efficientnet_b2: efficientnet.efficientnet_b2,
  efficientnet_b3: efficientnet.efficientnet_b3, efficientnet_b4: efficientnet.efficientnet_b4,
  efficientnet_b5: efficientnet.efficientnet_b5, efficientnet_b6: efficientnet.efficientnet_b6, efficientnet_b7: efficientnet.efficientnet_b7,
  mobilenet_v3_large: mobilenetv3.mobilenet_v3_large, mobilenet_v3_small: mobilenetv3.mobilenet_v3_small,
  shufflenet_v2_x0_5: shufflenet.shufflenet_v2_x0_5, shufflenet_v2_x1_0: shufflenet.shufflenet_v2_x1_0,
  shufflenet_v2_x1_5: shufflenet.shufflenet_v2_x1_5, shufflenet_v2_x2_0: shufflenet.shufflenet_v2_x2_0,
  alexnet: alexnet.alexnet, squeezenet1_0: squeezenet.squeezenet1_0, squeezenet1_1: squeezenet.squeezenet1_1,
  densenet121: densenet.densenet121, densenet161: densenet.densenet161, densenet169: densenet.densenet169, densenet201: densenet.densenet201,
  inception_v3: inception.inception_v3, googlenet: googlenet.googlenet,
  regnet_y_400mf: regnet.regnet_y_400mf,
  regnet_y_800mf: regnet.regnet_y_800mf,
  regnet_y_1_6gf: regnet.regnet_y_1_6gf,
  regnet_y_3_2gf: regnet.regnet_y_3_2gf,
  regnet_y_8gf: regnet.regnet_y_8gf,
  regnet_y_16gf: regnet.regnet_y_16gf,
  regnet_y_32gf: regnet.regnet_y_32gf,
  regnet_y_128gf: regnet.regnet_y_128gf,
  regnet_x_400mf: regnet.regnet_x_400mf,
  regnet_x_800mf: regnet.regnet_x_800mf,
  regnet_x_1_6gf: regnet.regnet_x_1_6gf,
  regnet_x_3_2gf: regnet.regnet_x_3_2gf,
  regnet_x_8gf: regnet.regnet_x_8gf,
  regnet_x_16gf: regnet.regnet_x_16gf,
  regnet_x_32gf: regnet.regnet_x_32gf,
};

/**
 * The pretrained weights of `models.resnet18` (`ResNet18_Weights.DEFAULT`, `ResNet18_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `ResNet18_Weights`.
 */
export const ResNet18_Weights = modelWeights('resnet18');
/**
 * The pretrained weights of `models.resnet34` (`ResNet34_Weights.DEFAULT`, `ResNet34_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `ResNet34_Weights`.
 */
export const ResNet34_Weights = modelWeights('resnet34');
/**
 * The pretrained weights of `models.resnet50` (`ResNet50_Weights.DEFAULT`, `ResNet50_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `ResNet50_Weights`.
 */
export const ResNet50_Weights = modelWeights('resnet50');
/**
 * The pretrained weights of `models.resnet101` (`ResNet101_Weights.DEFAULT`, `ResNet101_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `ResNet101_Weights`.
 */
export const ResNet101_Weights = modelWeights('resnet101');
/**
 * The pretrained weights of `models.resnet152` (`ResNet152_Weights.DEFAULT`, `ResNet152_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `ResNet152_Weights`.
 */
export const ResNet152_Weights = modelWeights('resnet152');
/**
 * The pretrained weights of `models.resnext50_32x4d` (`ResNeXt50_32X4D_Weights.DEFAULT`, `ResNeXt50_32X4D_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `ResNeXt50_32X4D_Weights`.
 */
export const ResNeXt50_32X4D_Weights = modelWeights('resnext50_32x4d');
/**
 * The pretrained weights of `models.wide_resnet50_2` (`Wide_ResNet50_2_Weights.DEFAULT`, `Wide_ResNet50_2_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `Wide_ResNet50_2_Weights`.
 */
export const Wide_ResNet50_2_Weights = modelWeights('wide_resnet50_2');
/**
 * The pretrained weights of `models.resnext101_32x8d` (`ResNeXt101_32X8D_Weights.DEFAULT`, `ResNeXt101_32X8D_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `ResNeXt101_32X8D_Weights`.
 */
export const ResNeXt101_32X8D_Weights = modelWeights('resnext101_32x8d');
/**
 * The pretrained weights of `models.resnext101_64x4d` (`ResNeXt101_64X4D_Weights.DEFAULT`, `ResNeXt101_64X4D_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `ResNeXt101_64X4D_Weights`.
 */
export const ResNeXt101_64X4D_Weights = modelWeights('resnext101_64x4d');
/**
 * The pretrained weights of `models.wide_resnet101_2` (`Wide_ResNet101_2_Weights.DEFAULT`, `Wide_ResNet101_2_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `Wide_ResNet101_2_Weights`.
 */
export const Wide_ResNet101_2_Weights = modelWeights('wide_resnet101_2');
/**
 * The pretrained weights of `models.vgg11` (`VGG11_Weights.DEFAULT`, `VGG11_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `VGG11_Weights`.
 */
export const VGG11_Weights = modelWeights('vgg11');
/**
 * The pretrained weights of `models.vgg11_bn` (`VGG11_BN_Weights.DEFAULT`, `VGG11_BN_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `VGG11_BN_Weights`.
 */
export const VGG11_BN_Weights = modelWeights('vgg11_bn');
/**
 * The pretrained weights of `models.vgg13` (`VGG13_Weights.DEFAULT`, `VGG13_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `VGG13_Weights`.
 */
export const VGG13_Weights = modelWeights('vgg13');
/**
 * The pretrained weights of `models.vgg13_bn` (`VGG13_BN_Weights.DEFAULT`, `VGG13_BN_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `VGG13_BN_Weights`.
 */
export const VGG13_BN_Weights = modelWeights('vgg13_bn');
/**
 * The pretrained weights of `models.vgg16` (`VGG16_Weights.DEFAULT`, `VGG16_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `VGG16_Weights`.
 */
export const VGG16_Weights = modelWeights('vgg16');
/**
 * The pretrained weights of `models.vgg16_bn` (`VGG16_BN_Weights.DEFAULT`, `VGG16_BN_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `VGG16_BN_Weights`.
 */
export const VGG16_BN_Weights = modelWeights('vgg16_bn');
/**
 * The pretrained weights of `models.vgg19` (`VGG19_Weights.DEFAULT`, `VGG19_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `VGG19_Weights`.
 */
export const VGG19_Weights = modelWeights('vgg19');
/**
 * The pretrained weights of `models.vgg19_bn` (`VGG19_BN_Weights.DEFAULT`, `VGG19_BN_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `VGG19_BN_Weights`.
 */
export const VGG19_BN_Weights = modelWeights('vgg19_bn');
/**
 * The pretrained weights of `models.mobilenet_v2` (`MobileNet_V2_Weights.DEFAULT`, `MobileNet_V2_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `MobileNet_V2_Weights`.
 */
export const MobileNet_V2_Weights = modelWeights('mobilenet_v2');
/**
 * The pretrained weights of `models.efficientnet_b0` (`EfficientNet_B0_Weights.DEFAULT`, `EfficientNet_B0_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `EfficientNet_B0_Weights`.
 */
export const EfficientNet_B0_Weights = modelWeights('efficientnet_b0');
/**
 * The pretrained weights of `models.efficientnet_b1` (`EfficientNet_B1_Weights.DEFAULT`, `EfficientNet_B1_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `EfficientNet_B1_Weights`.
 */
export const EfficientNet_B1_Weights = modelWeights('efficientnet_b1');
/**
 * The pretrained weights of `models.efficientnet_b2` (`EfficientNet_B2_Weights.DEFAULT`, `EfficientNet_B2_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `EfficientNet_B2_Weights`.
 */
export const EfficientNet_B2_Weights = modelWeights('efficientnet_b2');
/**
 * The pretrained weights of `models.efficientnet_b3` (`EfficientNet_B3_Weights.DEFAULT`, `EfficientNet_B3_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `EfficientNet_B3_Weights`.
 */
export const EfficientNet_B3_Weights = modelWeights('efficientnet_b3');
/**
 * The pretrained weights of `models.efficientnet_b4` (`EfficientNet_B4_Weights.DEFAULT`, `EfficientNet_B4_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `EfficientNet_B4_Weights`.
 */
export const EfficientNet_B4_Weights = modelWeights('efficientnet_b4');

/**
 * The pretrained weights of `models.alexnet` (`AlexNet_Weights.DEFAULT`, `AlexNet_Weights.IMAGENET1K_V1`), each with its URL, transforms and metadata, as torchvision's `AlexNet_Weights`.
 */
export const AlexNet_Weights = modelWeights('alexnet');
/**
 * The pretrained weights of `models.squeezenet1_0` (`SqueezeNet1_0_Weights.DEFAULT`, `SqueezeNet1_0_Weights.IMAGENET1K_V1`), each with its URL, transforms and metadata, as torchvision's `SqueezeNet1_0_Weights`.
 */
export const SqueezeNet1_0_Weights = modelWeights('squeezenet1_0');
/**
 * The pretrained weights of `models.squeezenet1_1` (`SqueezeNet1_1_Weights.DEFAULT`, `SqueezeNet1_1_Weights.IMAGENET1K_V1`), each with its URL, transforms and metadata, as torchvision's `SqueezeNet1_1_Weights`.
 */
export const SqueezeNet1_1_Weights = modelWeights('squeezenet1_1');
/**
 * The pretrained weights of `models.densenet121` (`DenseNet121_Weights.DEFAULT`, `DenseNet121_Weights.IMAGENET1K_V1`), each with its URL, transforms and metadata, as torchvision's `DenseNet121_Weights`.
 */
export const DenseNet121_Weights = modelWeights('densenet121');
/**
 * The pretrained weights of `models.densenet161` (`DenseNet161_Weights.DEFAULT`, `DenseNet161_Weights.IMAGENET1K_V1`), each with its URL, transforms and metadata, as torchvision's `DenseNet161_Weights`.
 */
export const DenseNet161_Weights = modelWeights('densenet161');
/**
 * The pretrained weights of `models.densenet169` (`DenseNet169_Weights.DEFAULT`, `DenseNet169_Weights.IMAGENET1K_V1`), each with its URL, transforms and metadata, as torchvision's `DenseNet169_Weights`.
 */
export const DenseNet169_Weights = modelWeights('densenet169');
/**
 * The pretrained weights of `models.densenet201` (`DenseNet201_Weights.DEFAULT`, `DenseNet201_Weights.IMAGENET1K_V1`), each with its URL, transforms and metadata, as torchvision's `DenseNet201_Weights`.
 */
export const DenseNet201_Weights = modelWeights('densenet201');
/**
 * The pretrained weights of `models.inception_v3` (`Inception_V3_Weights.DEFAULT`, `Inception_V3_Weights.IMAGENET1K_V1`), each with its URL, transforms and metadata, as torchvision's `Inception_V3_Weights`.
 */
export const Inception_V3_Weights = modelWeights('inception_v3');
/**
 * The pretrained weights of `models.googlenet` (`GoogLeNet_Weights.DEFAULT`, `GoogLeNet_Weights.IMAGENET1K_V1`), each with its URL, transforms and metadata, as torchvision's `GoogLeNet_Weights`.
 */
export const GoogLeNet_Weights = modelWeights('googlenet');
/**
 * The pretrained weights of `models.regnet_y_400mf` (`RegNet_Y_400MF_Weights.DEFAULT`, `RegNet_Y_400MF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_Y_400MF_Weights`.
 */
export const RegNet_Y_400MF_Weights = modelWeights('regnet_y_400mf');
/**
 * The pretrained weights of `models.regnet_y_800mf` (`RegNet_Y_800MF_Weights.DEFAULT`, `RegNet_Y_800MF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_Y_800MF_Weights`.
 */
export const RegNet_Y_800MF_Weights = modelWeights('regnet_y_800mf');
/**
 * The pretrained weights of `models.regnet_y_1_6gf` (`RegNet_Y_1_6GF_Weights.DEFAULT`, `RegNet_Y_1_6GF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_Y_1_6GF_Weights`.
 */
export const RegNet_Y_1_6GF_Weights = modelWeights('regnet_y_1_6gf');
/**
 * The pretrained weights of `models.regnet_y_3_2gf` (`RegNet_Y_3_2GF_Weights.DEFAULT`, `RegNet_Y_3_2GF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_Y_3_2GF_Weights`.
 */
export const RegNet_Y_3_2GF_Weights = modelWeights('regnet_y_3_2gf');
/**
 * The pretrained weights of `models.regnet_y_8gf` (`RegNet_Y_8GF_Weights.DEFAULT`, `RegNet_Y_8GF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_Y_8GF_Weights`.
 */
export const RegNet_Y_8GF_Weights = modelWeights('regnet_y_8gf');
/**
 * The pretrained weights of `models.regnet_y_16gf` (`RegNet_Y_16GF_Weights.DEFAULT`, `RegNet_Y_16GF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_Y_16GF_Weights`.
 */
export const RegNet_Y_16GF_Weights = modelWeights('regnet_y_16gf');
/**
 * The pretrained weights of `models.regnet_y_32gf` (`RegNet_Y_32GF_Weights.DEFAULT`, `RegNet_Y_32GF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_Y_32GF_Weights`.
 */
export const RegNet_Y_32GF_Weights = modelWeights('regnet_y_32gf');
/**
 * The pretrained weights of `models.regnet_y_128gf` (`RegNet_Y_128GF_Weights.DEFAULT`, `RegNet_Y_128GF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_Y_128GF_Weights`.
 */
export const RegNet_Y_128GF_Weights = modelWeights('regnet_y_128gf');
/**
 * The pretrained weights of `models.regnet_x_400mf` (`RegNet_X_400MF_Weights.DEFAULT`, `RegNet_X_400MF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_X_400MF_Weights`.
 */
export const RegNet_X_400MF_Weights = modelWeights('regnet_x_400mf');
/**
 * The pretrained weights of `models.regnet_x_800mf` (`RegNet_X_800MF_Weights.DEFAULT`, `RegNet_X_800MF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_X_800MF_Weights`.
 */
export const RegNet_X_800MF_Weights = modelWeights('regnet_x_800mf');
/**
 * The pretrained weights of `models.regnet_x_1_6gf` (`RegNet_X_1_6GF_Weights.DEFAULT`, `RegNet_X_1_6GF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_X_1_6GF_Weights`.
 */
export const RegNet_X_1_6GF_Weights = modelWeights('regnet_x_1_6gf');
/**
 * The pretrained weights of `models.regnet_x_3_2gf` (`RegNet_X_3_2GF_Weights.DEFAULT`, `RegNet_X_3_2GF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_X_3_2GF_Weights`.
 */
export const RegNet_X_3_2GF_Weights = modelWeights('regnet_x_3_2gf');
/**
 * The pretrained weights of `models.regnet_x_8gf` (`RegNet_X_8GF_Weights.DEFAULT`, `RegNet_X_8GF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_X_8GF_Weights`.
 */
export const RegNet_X_8GF_Weights = modelWeights('regnet_x_8gf');
/**
 * The pretrained weights of `models.regnet_x_16gf` (`RegNet_X_16GF_Weights.DEFAULT`, `RegNet_X_16GF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_X_16GF_Weights`.
 */
export const RegNet_X_16GF_Weights = modelWeights('regnet_x_16gf');
/**
 * The pretrained weights of `models.regnet_x_32gf` (`RegNet_X_32GF_Weights.DEFAULT`, `RegNet_X_32GF_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `RegNet_X_32GF_Weights`.
 */
export const RegNet_X_32GF_Weights = modelWeights('regnet_x_32gf');
/**
 * The pretrained weights of `models.efficientnet_b5` (`EfficientNet_B5_Weights.DEFAULT`, `EfficientNet_B5_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `EfficientNet_B5_Weights`.
 */
export const EfficientNet_B5_Weights = modelWeights('efficientnet_b5');
/**
 * The pretrained weights of `models.efficientnet_b6` (`EfficientNet_B6_Weights.DEFAULT`, `EfficientNet_B6_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `EfficientNet_B6_Weights`.
 */
export const EfficientNet_B6_Weights = modelWeights('efficientnet_b6');
/**
 * The pretrained weights of `models.efficientnet_b7` (`EfficientNet_B7_Weights.DEFAULT`, `EfficientNet_B7_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `EfficientNet_B7_Weights`.
 */
export const EfficientNet_B7_Weights = modelWeights('efficientnet_b7');
/**
 * The pretrained weights of `models.mobilenet_v3_large` (`MobileNet_V3_Large_Weights.DEFAULT`, `MobileNet_V3_Large_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `MobileNet_V3_Large_Weights`.
 */
export const MobileNet_V3_Large_Weights = modelWeights('mobilenet_v3_large');
/**
 * The pretrained weights of `models.mobilenet_v3_small` (`MobileNet_V3_Small_Weights.DEFAULT`, `MobileNet_V3_Small_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `MobileNet_V3_Small_Weights`.
 */
export const MobileNet_V3_Small_Weights = modelWeights('mobilenet_v3_small');
/**
 * The pretrained weights of `models.shufflenet_v2_x0_5` (`ShuffleNet_V2_X0_5_Weights.DEFAULT`, `ShuffleNet_V2_X0_5_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `ShuffleNet_V2_X0_5_Weights`.
 */
export const ShuffleNet_V2_X0_5_Weights = modelWeights('shufflenet_v2_x0_5');
/**
 * The pretrained weights of `models.shufflenet_v2_x1_0` (`ShuffleNet_V2_X1_0_Weights.DEFAULT`, `ShuffleNet_V2_X1_0_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `ShuffleNet_V2_X1_0_Weights`.
 */
export const ShuffleNet_V2_X1_0_Weights = modelWeights('shufflenet_v2_x1_0');
/**
 * The pretrained weights of `models.shufflenet_v2_x1_5` (`ShuffleNet_V2_X1_5_Weights.DEFAULT`, `ShuffleNet_V2_X1_5_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `ShuffleNet_V2_X1_5_Weights`.
 */
export const ShuffleNet_V2_X1_5_Weights = modelWeights('shufflenet_v2_x1_5');
/**
 * The pretrained weights of `models.shufflenet_v2_x2_0` (`ShuffleNet_V2_X2_0_Weights.DEFAULT`, `ShuffleNet_V2_X2_0_Weights.IMAGENET1K_V1`, ...), each with its URL, transforms and metadata, as torchvision's `ShuffleNet_V2_X2_0_Weights`.
 */
export const ShuffleNet_V2_X2_0_Weights = modelWeights('shufflenet_v2_x2_0');

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
