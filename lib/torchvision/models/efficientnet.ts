// torchvision's EfficientNet B0-B7, module for module (MBConv blocks with squeeze-and-excitation
// and stochastic depth), so that stateDict() keys equal torchvision's.
import * as torch from '../../index.js';
import { markPure, pipe } from '../../nn/module.js';
import { pyFloat } from '../../nn/repr.js';
import { camel } from '../../names.js';
import { buildWithWeights, numClassesOf, type BuilderArgs } from './weights.js';
import { makeDivisible } from './mobilenetv2.js';
import { initMobileNetWeights } from './mobilenet-init.js';
import { Conv2dNormActivation, SqueezeExcitation, makeLayer, type LayerFactory } from '../ops/layers.js';
import { StochasticDepth } from '../ops/dropout.js';
import { bind, type Args } from '../../bind.js';

const { nn } = torch;
type Module = torch.nn.Module;

/**
 * The fields EfficientNet's two stage configurations share, as torchvision's `_MBConvConfig`: an
 * `EfficientNet` takes a list of its subclasses, `MBConvConfig` and `FusedMBConvConfig`.
 */
export abstract class _MBConvConfig {
  constructor(readonly expandRatio: number, readonly kernel: number, readonly stride: number, readonly inputChannels: number,
    readonly outChannels: number, readonly numLayers: number, readonly block: LayerFactory) {}
  /** torchvision's adjust_channels: channels × widthMult rounded to a multiple of 8. */
  static adjustChannels(channels: number, widthMult: number, minValue: number | null = null): number {
    return makeDivisible(channels * widthMult, 8, minValue);
  }
}
/**
 * One EfficientNet stage's configuration, channels scaled by widthMult and the layer count by depthMult, as torchvision's
 * `MBConvConfig`; `block` makes each layer (MBConv unless given), called as block(cnf, stochasticDepthProb, normLayer).
 */
export class MBConvConfig extends _MBConvConfig {
  constructor(...args: Args<'torchvision.models.efficientnet.MBConvConfig'>) {
    const a = bind('torchvision.models.efficientnet.MBConvConfig', args);
    super(a.expandRatio, a.kernel, a.stride, MBConvConfig.adjustChannels(a.inputChannels, a.widthMult),
      MBConvConfig.adjustChannels(a.outChannels, a.widthMult), MBConvConfig.adjustDepth(a.numLayers, a.depthMult), a.block ?? MBConv);
  }
  /** torchvision's adjust_depth: ⌈numLayers × depthMult⌉. */
  static adjustDepth(numLayers: number, depthMult: number): number {
    return Math.ceil(numLayers * depthMult);
  }
}
/**
 * One EfficientNetV2 fused stage's configuration (channels as given), as torchvision's `FusedMBConvConfig`;
 * `block` makes each layer (FusedMBConv unless given).
 */
export class FusedMBConvConfig extends _MBConvConfig {
  constructor(...args: Args<'torchvision.models.efficientnet.FusedMBConvConfig'>) {
    const a = bind('torchvision.models.efficientnet.FusedMBConvConfig', args);
    super(a.expandRatio, a.kernel, a.stride, a.inputChannels, a.outChannels, a.numLayers, a.block ?? FusedMBConv);
  }
}
type StageConfig = _MBConvConfig;

// MBConv's and FusedMBConv's forward: the block, and where shapes allow, the input added back after stochastic depth
function residualForward(m: { block: Module; stochastic_depth: Module; useResConnect: boolean }, input: torch.Tensor): torch.Tensor {
  const result = m.block(input);
  if (!m.useResConnect) return result;
  const kept = m.stochastic_depth(result);
  if (kept !== result) result.dispose();
  return kept.add_(input);
}

/**
 * EfficientNet's mobile inverted bottleneck block with squeeze-and-excitation, as torchvision's `MBConv`.
 */
export class MBConv extends nn.Module<[input: torch.Tensor], torch.Tensor> {
  readonly useResConnect: boolean;
  block: Module;
  stochastic_depth: Module;
  readonly outChannels: number;
  constructor(...args: Args<'torchvision.models.efficientnet.MBConv'>) {
    super();
    const { cnf, stochasticDepthProb, normLayer, seLayer } = bind('torchvision.models.efficientnet.MBConv', args);
    if (!(cnf.stride >= 1 && cnf.stride <= 2)) throw new RangeError('illegal stride value');
    this.useResConnect = cnf.stride === 1 && cnf.inputChannels === cnf.outChannels;
    const layers: Module[] = [];
    const expanded = makeDivisible(cnf.inputChannels * cnf.expandRatio, 8);
    if (expanded !== cnf.inputChannels) layers.push(new Conv2dNormActivation(cnf.inputChannels, expanded, { kernelSize: 1, normLayer, activationLayer: nn.SiLU }));
    layers.push(new Conv2dNormActivation(expanded, expanded, { kernelSize: cnf.kernel, stride: cnf.stride, groups: expanded, normLayer, activationLayer: nn.SiLU }));
    layers.push(makeLayer(seLayer ?? SqueezeExcitation, 'seLayer', expanded, Math.max(1, Math.floor(cnf.inputChannels / 4)), { activation: () => new nn.SiLU(true) }));
    layers.push(new Conv2dNormActivation(expanded, cnf.outChannels, { kernelSize: 1, normLayer, activationLayer: null }));
    this.block = new nn.Sequential(...layers);
    this.stochastic_depth = new StochasticDepth(stochasticDepthProb, 'row');
    this.outChannels = cnf.outChannels;
  }
  forward(input: torch.Tensor): torch.Tensor {
    return residualForward(this, input);
  }
}

/** EfficientNetV2's fused block: one full convolution in place of expand and depthwise, as torchvision's `FusedMBConv`. */
export class FusedMBConv extends nn.Module<[input: torch.Tensor], torch.Tensor> {
  readonly useResConnect: boolean;
  block: torch.nn.Sequential;
  stochastic_depth: Module;
  readonly outChannels: number;
  constructor(...args: Args<'torchvision.models.efficientnet.FusedMBConv'>) {
    super();
    const { cnf, stochasticDepthProb, normLayer } = bind('torchvision.models.efficientnet.FusedMBConv', args);
    if (!(cnf.stride >= 1 && cnf.stride <= 2)) throw new RangeError('illegal stride value');
    this.useResConnect = cnf.stride === 1 && cnf.inputChannels === cnf.outChannels;
    const expanded = MBConvConfig.adjustChannels(cnf.inputChannels, cnf.expandRatio);
    const layers: Module[] = expanded !== cnf.inputChannels
      ? [new Conv2dNormActivation(cnf.inputChannels, expanded, { kernelSize: cnf.kernel, stride: cnf.stride, normLayer, activationLayer: nn.SiLU }),
        new Conv2dNormActivation(expanded, cnf.outChannels, { kernelSize: 1, normLayer, activationLayer: null })]
      : [new Conv2dNormActivation(cnf.inputChannels, cnf.outChannels, { kernelSize: cnf.kernel, stride: cnf.stride, normLayer, activationLayer: nn.SiLU })];
    this.block = new nn.Sequential(...layers);
    this.stochastic_depth = new StochasticDepth(stochasticDepthProb, 'row');
    this.outChannels = cnf.outChannels;
  }
  forward(input: torch.Tensor): torch.Tensor {
    return residualForward(this, input);
  }
}

/** The keyword arguments of `models.EfficientNet` and the `efficientnet_b*` builders. */
export interface EfficientNetOptions {
  numClasses?: number;
  stochasticDepthProb?: number;
  dropout?: number;
  /** BatchNorm2d by default (B5–B7: eps 0.001, momentum 0.01). */
  normLayer?: LayerFactory | null;
  /** the channels of the penultimate layer: 4 × the last stage's unless given */
  lastChannel?: number | null;
}

/**
 * The EfficientNet architecture from [EfficientNet: Rethinking Model Scaling for Convolutional Neural Networks](https://arxiv.org/abs/1905.11946).
 *
 * PyTorch: [torchvision.models.efficientnet](https://docs.pytorch.org/vision/stable/models/efficientnet.html)
 */
export class EfficientNet extends nn.Module<[x: torch.Tensor], torch.Tensor> {
  features: torch.nn.Sequential;
  avgpool: torch.nn.AdaptiveAvgPool2d;
  classifier: torch.nn.Sequential;
  constructor(...args: Args<'torchvision.models.EfficientNet'>) {
    super();
    const { invertedResidualSetting: setting, dropout, ...options } = bind('torchvision.models.EfficientNet', args);
    if (!Array.isArray(setting) || setting.length === 0) throw new RangeError('The inverted_residual_setting should not be empty');
    if (!setting.every((s) => s instanceof _MBConvConfig)) throw new TypeError('The inverted_residual_setting should be List[MBConvConfig]');
    const numClasses = numClassesOf(options);
    const sdProb = options.stochasticDepthProb;
    const normLayer = options.normLayer ?? nn.BatchNorm2d;
    const layers: Module[] = [new Conv2dNormActivation(3, setting[0].inputChannels, { kernelSize: 3, stride: 2, normLayer, activationLayer: nn.SiLU })];
    const total = setting.reduce((n, c) => n + c.numLayers, 0);
    let blockId = 0;
    for (const cnf of setting) {
      const stage: Module[] = [];
      for (let i = 0; i < cnf.numLayers; i++) {
        const c = i === 0 ? cnf : { ...cnf, inputChannels: cnf.outChannels, stride: 1 };
        stage.push(makeLayer(cnf.block, 'block', c, (sdProb * blockId) / total, normLayer));
        blockId++;
      }
      layers.push(new nn.Sequential(...stage));
    }
    const lastIn = setting[setting.length - 1].outChannels;
    const lastOut = options.lastChannel ?? 4 * lastIn;
    layers.push(new Conv2dNormActivation(lastIn, lastOut, { kernelSize: 1, normLayer, activationLayer: nn.SiLU }));
    this.features = new nn.Sequential(...layers);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    this.classifier = new nn.Sequential(new nn.Dropout({ p: dropout, inplace: true }), new nn.Linear(lastOut, numClasses));
    initMobileNetWeights(this, (l) => nn.init.uniform_(l.weight, -1 / Math.sqrt(l.outFeatures), 1 / Math.sqrt(l.outFeatures)));
  }
  forward(x: torch.Tensor): torch.Tensor {
    return pipe(x, this.features, this.avgpool, (t) => torch.flatten(t, 1), this.classifier);
  }
}
markPure(MBConv, FusedMBConv, EfficientNet);

/** torchvision's _efficientnet_conf for the B family: Table 1 of the paper, scaled. */
function bConfig(widthMult: number, depthMult: number): MBConvConfig[] {
  const rows: [number, number, number, number, number, number][] = [
    [1, 3, 1, 32, 16, 1], [6, 3, 2, 16, 24, 2], [6, 5, 2, 24, 40, 2], [6, 3, 2, 40, 80, 3],
    [6, 5, 1, 80, 112, 3], [6, 5, 2, 112, 192, 4], [6, 3, 1, 192, 320, 1],
  ];
  return rows.map(([expandRatio, kernel, stride, i, o, n]) => new MBConvConfig(expandRatio, kernel, stride, i, o, n, widthMult, depthMult));
}

/** torchvision's _efficientnet_conf for V2: Table 4 of the EfficientNetV2 paper, fused stages first. */
function v2Config(rows: [fused: boolean, expandRatio: number, kernel: number, stride: number, inputChannels: number, outChannels: number, numLayers: number][]):
  (MBConvConfig | FusedMBConvConfig)[] {
  return rows.map(([fused, ...r]) => (fused ? new FusedMBConvConfig(...r) : new MBConvConfig(...r)));
}

// B5–B7 were trained with TensorFlow's BatchNorm settings, which torchvision's builders pass on; V2 with eps 0.001.
const tfBatchNorm = (c: number) => new nn.BatchNorm2d(c, { eps: 0.001, momentum: 0.01 });
const v2BatchNorm = (c: number) => new nn.BatchNorm2d(c, { eps: 0.001 });

const builder = (name: string, setting: () => (MBConvConfig | FusedMBConvConfig)[], dropout: number, lastChannel: number | null = null, normLayer?: LayerFactory) =>
  (...args: BuilderArgs<EfficientNetOptions>) =>
    buildWithWeights(name, args, ['numClasses', 'stochasticDepthProb', 'dropout', 'normLayer'], (o: EfficientNetOptions) => {
      if (normLayer && o.normLayer !== undefined) throw new TypeError(`${camel(name)}() got multiple values for keyword argument 'normLayer'`);
      const { dropout: p = dropout, ...rest } = o; // torchvision's builders take dropout from the keywords
      return new EfficientNet(setting(), p, { ...rest, lastChannel, ...(normLayer ? { normLayer } : {}) });
    });
const b = (name: string, width: number, depth: number, dropout: number, normLayer?: LayerFactory) => builder(name, () => bConfig(width, depth), dropout, null, normLayer);

export const efficientnet_b0 = b('efficientnet_b0', 1.0, 1.0, 0.2);
export const efficientnet_b1 = b('efficientnet_b1', 1.0, 1.1, 0.2);
export const efficientnet_b2 = b('efficientnet_b2', 1.1, 1.2, 0.3);
export const efficientnet_b3 = b('efficientnet_b3', 1.2, 1.4, 0.3);
export const efficientnet_b4 = b('efficientnet_b4', 1.4, 1.8, 0.4);
export const efficientnet_b5 = b('efficientnet_b5', 1.6, 2.2, 0.4, tfBatchNorm);
export const efficientnet_b6 = b('efficientnet_b6', 1.8, 2.6, 0.5, tfBatchNorm);
export const efficientnet_b7 = b('efficientnet_b7', 2.0, 3.1, 0.5, tfBatchNorm);
export const efficientnet_v2_s = builder('efficientnet_v2_s', () => v2Config([
  [true, 1, 3, 1, 24, 24, 2], [true, 4, 3, 2, 24, 48, 4], [true, 4, 3, 2, 48, 64, 4],
  [false, 4, 3, 2, 64, 128, 6], [false, 6, 3, 1, 128, 160, 9], [false, 6, 3, 2, 160, 256, 15],
]), 0.2, 1280, v2BatchNorm);
export const efficientnet_v2_m = builder('efficientnet_v2_m', () => v2Config([
  [true, 1, 3, 1, 24, 24, 3], [true, 4, 3, 2, 24, 48, 5], [true, 4, 3, 2, 48, 80, 5],
  [false, 4, 3, 2, 80, 160, 7], [false, 6, 3, 1, 160, 176, 14], [false, 6, 3, 2, 176, 304, 18], [false, 6, 3, 1, 304, 512, 5],
]), 0.3, 1280, v2BatchNorm);
export const efficientnet_v2_l = builder('efficientnet_v2_l', () => v2Config([
  [true, 1, 3, 1, 32, 32, 4], [true, 4, 3, 2, 32, 64, 7], [true, 4, 3, 2, 64, 96, 7],
  [false, 4, 3, 2, 96, 192, 10], [false, 6, 3, 1, 192, 224, 19], [false, 6, 3, 2, 224, 384, 25], [false, 6, 3, 1, 384, 640, 7],
]), 0.4, 1280, v2BatchNorm);
export { efficientnet_v2_s as efficientnetV2S, efficientnet_v2_m as efficientnetV2M, efficientnet_v2_l as efficientnetV2L };
export { efficientnet_b0 as efficientnetB0, efficientnet_b1 as efficientnetB1, efficientnet_b2 as efficientnetB2, efficientnet_b3 as efficientnetB3, efficientnet_b4 as efficientnetB4,
  efficientnet_b5 as efficientnetB5, efficientnet_b6 as efficientnetB6, efficientnet_b7 as efficientnetB7 };
