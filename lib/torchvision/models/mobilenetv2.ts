// torchvision's MobileNetV2, module for module (torchvision.ops.Conv2dNormActivation, InvertedResidual).
import * as torch from '../../index.js';
import { markPure, pipe } from '../../nn/module.js';
import { buildWithWeights, numClassesOf, type BuilderArgs } from './weights.js';
import { Conv2dNormActivation, makeLayer, type LayerFactory } from '../ops/layers.js';
import { bind, type Args } from '../../bind.js';
import { pyRound } from '../transforms/functional.js';
import { initMobileNetWeights } from './mobilenet-init.js';

const { nn } = torch;
type Module = torch.nn.Module;

/** torchvision's _make_divisible: round to a multiple of divisor, never below 90% of v. */
export function makeDivisible(v: number, divisor: number, minValue: number | null = null): number {
  const min = minValue ?? divisor;
  let newV = Math.max(min, Math.trunc(v + divisor / 2) - (Math.trunc(v + divisor / 2) % divisor));
  if (newV < 0.9 * v) newV += divisor;
  return newV;
}

/**
 * MobileNetV2's inverted residual block (expand, depthwise, project), as torchvision's `InvertedResidual`.
 */
export class InvertedResidual extends nn.Module<[x: torch.Tensor], torch.Tensor> {
  readonly stride: number;
  readonly useResConnect: boolean;
  conv: Module;
  readonly outChannels: number;
  constructor(...args: Args<'torchvision.models.mobilenetv2.InvertedResidual'>) {
    super();
    const { inp, oup, stride, expandRatio, normLayer } = bind('torchvision.models.mobilenetv2.InvertedResidual', args);
    const norm = normLayer ?? nn.BatchNorm2d;
    if (stride !== 1 && stride !== 2) throw new RangeError(`stride should be 1 or 2 insted of ${stride}`);
    this.stride = stride;
    const hidden = pyRound(inp * expandRatio);
    this.useResConnect = stride === 1 && inp === oup;
    const layers: Module[] = [];
    if (expandRatio !== 1) layers.push(new Conv2dNormActivation(inp, hidden, { kernelSize: 1, normLayer: norm, activationLayer: nn.ReLU6 }));
    layers.push(
      new Conv2dNormActivation(hidden, hidden, { stride, groups: hidden, normLayer: norm, activationLayer: nn.ReLU6 }),
      new nn.Conv2d(hidden, oup, 1, { stride: 1, padding: 0, bias: false }),
      makeLayer(norm, 'normLayer', oup),
    );
    this.conv = new nn.Sequential(...layers);
    this.outChannels = oup;
  }
  forward(x: torch.Tensor): torch.Tensor {
    if (!this.useResConnect) return this.conv(x);
    const branch = this.conv(x);
    const out = x.add(branch);
    branch.dispose();
    return out;
  }
}

/** The keyword arguments of `models.MobileNetV2` and `models.mobilenet_v2`. */
export interface MobileNetV2Options {
  numClasses?: number;
  widthMult?: number;
  invertedResidualSetting?: number[][] | null;
  roundNearest?: number;
  /** the inverted residual block: `InvertedResidual` unless given, called as block(inp, oup, stride, expandRatio, normLayer) */
  block?: LayerFactory | null;
  normLayer?: LayerFactory | null;
  dropout?: number;
}

/**
 * The MobileNetV2 architecture from [MobileNetV2: Inverted Residuals and Linear Bottlenecks](https://arxiv.org/abs/1801.04381).
 *
 * PyTorch: [torchvision.models.mobilenetv2](https://docs.pytorch.org/vision/stable/models/mobilenetv2.html)
 */
export class MobileNetV2 extends nn.Module<[x: torch.Tensor], torch.Tensor> {
  readonly lastChannel: number;
  features: torch.nn.Sequential;
  classifier: torch.nn.Sequential;
  constructor(...args: Args<'torchvision.models.MobileNetV2'>) {
    super();
    const options = bind('torchvision.models.MobileNetV2', args);
    const numClasses = numClassesOf(options);
    const { widthMult, roundNearest } = options;
    const block = options.block ?? InvertedResidual, normLayer = options.normLayer ?? nn.BatchNorm2d;
    const setting = options.invertedResidualSetting ?? [[1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1]];
    if (setting.length === 0 || setting[0].length !== 4) throw new RangeError(`inverted_residual_setting should be non-empty or a 4-element list, got ${JSON.stringify(setting)}`);
    let inputChannel = makeDivisible(32 * widthMult, roundNearest);
    this.lastChannel = makeDivisible(1280 * Math.max(1.0, widthMult), roundNearest);
    const features: Module[] = [new Conv2dNormActivation(3, inputChannel, { stride: 2, normLayer, activationLayer: nn.ReLU6 })];
    for (const [t, c, n, s] of setting) {
      const outputChannel = makeDivisible(c * widthMult, roundNearest);
      for (let i = 0; i < n; i++) {
        features.push(makeLayer(block, 'block', inputChannel, outputChannel, i === 0 ? s : 1, t, normLayer));
        inputChannel = outputChannel;
      }
    }
    features.push(new Conv2dNormActivation(inputChannel, this.lastChannel, { kernelSize: 1, normLayer, activationLayer: nn.ReLU6 }));
    this.features = new nn.Sequential(...features);
    this.classifier = new nn.Sequential(new nn.Dropout({ p: options.dropout }), new nn.Linear(this.lastChannel, numClasses));
    initMobileNetWeights(this);
  }
  forward(x: torch.Tensor): torch.Tensor {
    return pipe(x, this.features, (t) => torch.nn.functional.adaptiveAvgPool2d(t, [1, 1]), (t) => torch.flatten(t, 1), this.classifier);
  }
}
markPure(InvertedResidual, MobileNetV2);

export const mobilenet_v2 = (...args: BuilderArgs<MobileNetV2Options>) =>
  buildWithWeights('mobilenet_v2', args, ['numClasses', 'widthMult', 'invertedResidualSetting', 'roundNearest', 'block', 'normLayer', 'dropout'], (o: MobileNetV2Options) => new MobileNetV2(o));
export { mobilenet_v2 as mobilenetV2 };
