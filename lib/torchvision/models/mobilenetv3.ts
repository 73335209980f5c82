// torchvision's MobileNetV3 (large and small), module for module: InvertedResidual blocks with
// Hardswish and Hardsigmoid-gated squeeze-and-excitation, BatchNorm with eps 0.001 and momentum 0.01.
import * as torch from '../../index.js';
import { markPure, pipe } from '../../nn/module.js';
import { buildWithWeights, numClassesOf, type BuilderArgs } from './weights.js';
import { makeDivisible } from './mobilenetv2.js';
import { initMobileNetWeights } from './mobilenet-init.js';
import { Conv2dNormActivation, SqueezeExcitation, makeLayer, type LayerFactory } from '../ops/layers.js';
import { bind, type Args } from '../../bind.js';

const { nn } = torch;
type Module = torch.nn.Module;

/** One MobileNetV3 block's configuration, channels already scaled by widthMult, as torchvision's `InvertedResidualConfig`. */
export class InvertedResidualConfig {
  readonly inputChannels: number;
  readonly expandedChannels: number;
  readonly outChannels: number;
  readonly kernel: number;
  readonly useSe: boolean;
  readonly useHs: boolean;
  readonly stride: number;
  readonly dilation: number;
  constructor(...args: Args<'torchvision.models.mobilenetv3.InvertedResidualConfig'>) {
    const a = bind('torchvision.models.mobilenetv3.InvertedResidualConfig', args);
    this.inputChannels = InvertedResidualConfig.adjustChannels(a.inputChannels, a.widthMult);
    this.kernel = a.kernel;
    this.expandedChannels = InvertedResidualConfig.adjustChannels(a.expandedChannels, a.widthMult);
    this.outChannels = InvertedResidualConfig.adjustChannels(a.outChannels, a.widthMult);
    this.useSe = a.useSe;
    this.useHs = a.activation === 'HS';
    this.stride = a.stride;
    this.dilation = a.dilation;
  }
  static adjustChannels(channels: number, widthMult: number): number {
    return makeDivisible(channels * widthMult, 8);
  }
}

const hardsigmoidSe: LayerFactory = (inputChannels: number, squeezeChannels: number) =>
  new SqueezeExcitation(inputChannels, squeezeChannels, { scaleActivation: nn.Hardsigmoid });

/** MobileNetV3's block (expand, depthwise, optional squeeze-and-excitation, project), as torchvision's mobilenetv3 `InvertedResidual`. */
export class InvertedResidual extends nn.Module<[input: torch.Tensor], torch.Tensor> {
  readonly useResConnect: boolean;
  block: torch.nn.Sequential;
  readonly outChannels: number;
  constructor(...args: Args<'torchvision.models.mobilenetv3.InvertedResidual'>) {
    super();
    const { cnf, normLayer, seLayer: givenSe } = bind('torchvision.models.mobilenetv3.InvertedResidual', args);
    const seLayer = givenSe ?? hardsigmoidSe;
    if (!(cnf.stride >= 1 && cnf.stride <= 2)) throw new RangeError('illegal stride value');
    this.useResConnect = cnf.stride === 1 && cnf.inputChannels === cnf.outChannels;
    const activationLayer = cnf.useHs ? nn.Hardswish : nn.ReLU;
    const layers: Module[] = [];
    if (cnf.expandedChannels !== cnf.inputChannels) {
      layers.push(new Conv2dNormActivation(cnf.inputChannels, cnf.expandedChannels, { kernelSize: 1, normLayer, activationLayer }));
    }
    layers.push(new Conv2dNormActivation(cnf.expandedChannels, cnf.expandedChannels, {
      kernelSize: cnf.kernel, stride: cnf.dilation > 1 ? 1 : cnf.stride, dilation: cnf.dilation, groups: cnf.expandedChannels, normLayer, activationLayer,
    }));
    if (cnf.useSe) layers.push(makeLayer(seLayer, 'seLayer', cnf.expandedChannels, makeDivisible(Math.floor(cnf.expandedChannels / 4), 8)));
    layers.push(new Conv2dNormActivation(cnf.expandedChannels, cnf.outChannels, { kernelSize: 1, normLayer, activationLayer: null }));
    this.block = new nn.Sequential(...layers);
    this.outChannels = cnf.outChannels;
  }
  forward(input: torch.Tensor): torch.Tensor {
    const result = this.block(input);
    return this.useResConnect ? result.add_(input) : result;
  }
}

/** The keyword arguments of `models.MobileNetV3`. */
export interface MobileNetV3Options {
  numClasses?: number;
  /** The block class or function, called with (cnf, normLayer); InvertedResidual by default. */
  block?: LayerFactory | null;
  /** BatchNorm2d with eps 0.001 and momentum 0.01 by default. */
  normLayer?: LayerFactory | null;
  dropout?: number;
}

/** The keyword arguments of `models.mobilenet_v3_large` and `models.mobilenet_v3_small`: the model's, and those of its configuration. */
export interface MobileNetV3BuilderOptions extends MobileNetV3Options {
  widthMult?: number;
  /** Halves the channels of the last blocks (for detection backbones). */
  reducedTail?: boolean;
  /** Dilated convolutions in the last blocks instead of a stride (for segmentation backbones). */
  dilated?: boolean;
}

/**
 * The MobileNet V3 architecture from [Searching for MobileNetV3](https://arxiv.org/abs/1905.02244).
 *
 * PyTorch: [torchvision.models.mobilenetv3](https://docs.pytorch.org/vision/stable/models/mobilenetv3.html)
 */
export class MobileNetV3 extends nn.Module<[x: torch.Tensor], torch.Tensor> {
  features: torch.nn.Sequential;
  avgpool: torch.nn.AdaptiveAvgPool2d;
  classifier: torch.nn.Sequential;
  constructor(...args: Args<'torchvision.models.MobileNetV3'>) {
    super();
    const { invertedResidualSetting, lastChannel, ...options } = bind('torchvision.models.MobileNetV3', args);
    if (!Array.isArray(invertedResidualSetting) || invertedResidualSetting.length === 0) throw new RangeError('The inverted_residual_setting should not be empty');
    if (!invertedResidualSetting.every((s) => s instanceof InvertedResidualConfig)) throw new TypeError('The inverted_residual_setting should be List[InvertedResidualConfig]');
    const numClasses = numClassesOf(options);
    const block = options.block ?? InvertedResidual;
    const normLayer = options.normLayer ?? ((c: number) => new nn.BatchNorm2d(c, { eps: 0.001, momentum: 0.01 }));
    const first = invertedResidualSetting[0].inputChannels;
    const layers: Module[] = [new Conv2dNormActivation(3, first, { kernelSize: 3, stride: 2, normLayer, activationLayer: nn.Hardswish })];
    for (const cnf of invertedResidualSetting) layers.push(makeLayer(block, 'block', cnf, normLayer));
    const lastIn = invertedResidualSetting[invertedResidualSetting.length - 1].outChannels;
    layers.push(new Conv2dNormActivation(lastIn, 6 * lastIn, { kernelSize: 1, normLayer, activationLayer: nn.Hardswish }));
    this.features = new nn.Sequential(...layers);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    this.classifier = new nn.Sequential(new nn.Linear(6 * lastIn, lastChannel), new nn.Hardswish(true),
      new nn.Dropout({ p: options.dropout, inplace: true }), new nn.Linear(lastChannel, numClasses));
    initMobileNetWeights(this);
  }
  forward(x: torch.Tensor): torch.Tensor {
    return pipe(x, this.features, this.avgpool, (t) => torch.flatten(t, 1), this.classifier);
  }
}
markPure(InvertedResidual, MobileNetV3);

type Row = [inp: number, kernel: number, expanded: number, out: number, useSe: boolean, activation: 'RE' | 'HS', stride: number, dilation: number];

/** torchvision's _mobilenet_v3_conf: the paper's tables, scaled by widthMult, the tail halved or dilated on request. */
function mobilenetV3Conf(arch: 'mobilenet_v3_large' | 'mobilenet_v3_small', widthMult: number, reducedTail: boolean, dilated: boolean): [InvertedResidualConfig[], number] {
  const r = reducedTail ? 2 : 1, d = dilated ? 2 : 1;
  const q = (c: number) => Math.floor(c / r);
  const rows: Row[] = arch === 'mobilenet_v3_large' ? [
    [16, 3, 16, 16, false, 'RE', 1, 1], [16, 3, 64, 24, false, 'RE', 2, 1], [24, 3, 72, 24, false, 'RE', 1, 1],
    [24, 5, 72, 40, true, 'RE', 2, 1], [40, 5, 120, 40, true, 'RE', 1, 1], [40, 5, 120, 40, true, 'RE', 1, 1],
    [40, 3, 240, 80, false, 'HS', 2, 1], [80, 3, 200, 80, false, 'HS', 1, 1], [80, 3, 184, 80, false, 'HS', 1, 1],
    [80, 3, 184, 80, false, 'HS', 1, 1], [80, 3, 480, 112, true, 'HS', 1, 1], [112, 3, 672, 112, true, 'HS', 1, 1],
    [112, 5, 672, q(160), true, 'HS', 2, d], [q(160), 5, q(960), q(160), true, 'HS', 1, d], [q(160), 5, q(960), q(160), true, 'HS', 1, d],
  ] : [
    [16, 3, 16, 16, true, 'RE', 2, 1], [16, 3, 72, 24, false, 'RE', 2, 1], [24, 3, 88, 24, false, 'RE', 1, 1],
    [24, 5, 96, 40, true, 'HS', 2, 1], [40, 5, 240, 40, true, 'HS', 1, 1], [40, 5, 240, 40, true, 'HS', 1, 1],
    [40, 5, 120, 48, true, 'HS', 1, 1], [48, 5, 144, 48, true, 'HS', 1, 1],
    [48, 5, 288, q(96), true, 'HS', 2, d], [q(96), 5, q(576), q(96), true, 'HS', 1, d], [q(96), 5, q(576), q(96), true, 'HS', 1, d],
  ];
  const setting = rows.map((row) => new InvertedResidualConfig(...row, widthMult));
  return [setting, InvertedResidualConfig.adjustChannels(q(arch === 'mobilenet_v3_large' ? 1280 : 1024), widthMult)];
}

const builder = (arch: 'mobilenet_v3_large' | 'mobilenet_v3_small') => (...args: BuilderArgs<MobileNetV3BuilderOptions>) =>
  buildWithWeights(arch, args, ['numClasses', 'block', 'normLayer', 'dropout', 'widthMult', 'reducedTail', 'dilated'], (o: MobileNetV3BuilderOptions) => {
    const { widthMult = 1.0, reducedTail = false, dilated = false, ...rest } = o;
    return new MobileNetV3(...mobilenetV3Conf(arch, widthMult, reducedTail, dilated), rest);
  });

export const mobilenet_v3_large = builder('mobilenet_v3_large');
export const mobilenet_v3_small = builder('mobilenet_v3_small');
export { mobilenet_v3_large as mobilenetV3Large, mobilenet_v3_small as mobilenetV3Small };
