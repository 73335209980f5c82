// torchvision's EfficientNet B0-B4, module for module (MBConv blocks with squeeze-and-excitation
// and stochastic depth), so that stateDict() keys equal torchvision's.
import * as torch from '../../index.js';
import { markPure, pipe } from '../../nn/module.js';
import { pyFloat } from '../../nn/repr.js';
import { buildWithWeights, numClassesOf, type BuilderArgs } from './weights.js';
import { makeDivisible } from './mobilenetv2.js';
import { Conv2dNormActivation, SqueezeExcitation } from '../ops/layers.js';
import { StochasticDepth } from '../ops/dropout.js';

const { nn } = torch;
type Module = torch.nn.Module;

interface MBConvConfig { expandRatio: number; kernel: number; stride: number; inputChannels: number; outChannels: number; numLayers: number }

/**
 * EfficientNet's mobile inverted bottleneck block with squeeze-and-excitation, as torchvision's `MBConv`.
 */
export class MBConv extends nn.Module<[input: torch.Tensor], torch.Tensor> {
  readonly useResConnect: boolean;
  block: Module;
  stochastic_depth: Module;
  readonly outChannels: number;
  constructor(cnf: MBConvConfig, stochasticDepthProb: number) {
    super();
    if (!(cnf.stride >= 1 && cnf.stride <= 2)) throw new RangeError('illegal stride value');
    this.useResConnect = cnf.stride === 1 && cnf.inputChannels === cnf.outChannels;
    const layers: Module[] = [];
    const expanded = makeDivisible(cnf.inputChannels * cnf.expandRatio, 8);
    if (expanded !== cnf.inputChannels) layers.push(new Conv2dNormActivation(cnf.inputChannels, expanded, { kernelSize: 1, activationLayer: nn.SiLU }));
    layers.push(new Conv2dNormActivation(expanded, expanded, { kernelSize: cnf.kernel, stride: cnf.stride, groups: expanded, activationLayer: nn.SiLU }));
    layers.push(new SqueezeExcitation(expanded, Math.max(1, Math.floor(cnf.inputChannels / 4)), { activation: () => new nn.SiLU(true) }));
    layers.push(new Conv2dNormActivation(expanded, cnf.outChannels, { kernelSize: 1, activationLayer: null }));
    this.block = new nn.Sequential(...layers);
    this.stochastic_depth = new StochasticDepth(stochasticDepthProb, 'row');
    this.outChannels = cnf.outChannels;
  }
  forward(input: torch.Tensor): torch.Tensor {
    const result = this.block(input);
    if (!this.useResConnect) return result;
    const kept = this.stochastic_depth(result);
    if (kept !== result) result.dispose();
    return kept.add_(input);
  }
}

/** The keyword arguments of `models.EfficientNet` and the `efficientnet_b*` builders. */
export interface EfficientNetOptions {
  numClasses?: number;
  stochasticDepthProb?: number;
  dropout?: number;
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
  constructor(setting: MBConvConfig[], dropout: number, options: EfficientNetOptions = {}) {
    super();
    const numClasses = numClassesOf(options);
    const sdProb = options.stochasticDepthProb ?? 0.2;
    const layers: Module[] = [new Conv2dNormActivation(3, setting[0].inputChannels, { kernelSize: 3, stride: 2, activationLayer: nn.SiLU })];
    const total = setting.reduce((n, c) => n + c.numLayers, 0);
    let blockId = 0;
    for (const cnf of setting) {
      const stage: Module[] = [];
      for (let i = 0; i < cnf.numLayers; i++) {
        const c = i === 0 ? cnf : { ...cnf, inputChannels: cnf.outChannels, stride: 1 };
        stage.push(new MBConv(c, (sdProb * blockId) / total));
        blockId++;
      }
      layers.push(new nn.Sequential(...stage));
    }
    const lastIn = setting[setting.length - 1].outChannels;
    layers.push(new Conv2dNormActivation(lastIn, 4 * lastIn, { kernelSize: 1, activationLayer: nn.SiLU }));
    this.features = new nn.Sequential(...layers);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    this.classifier = new nn.Sequential(new nn.Dropout({ p: options.dropout ?? dropout, inplace: true }), new nn.Linear(4 * lastIn, numClasses));
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) {
        nn.init.kaimingNormal_(m.weight, { mode: 'fan_out' });
        if (m.bias) nn.init.zeros_(m.bias);
      } else if (m instanceof nn.BatchNorm2d) {
        nn.init.ones_(m.weight!);
        nn.init.zeros_(m.bias!);
      } else if (m instanceof nn.Linear) {
        const range = 1 / Math.sqrt(m.outFeatures);
        nn.init.uniform_(m.weight, -range, range);
        nn.init.zeros_(m.bias!);
      }
    }
  }
  forward(x: torch.Tensor): torch.Tensor {
    return pipe(x, this.features, this.avgpool, (t) => torch.flatten(t, 1), this.classifier);
  }
}
markPure(MBConv, EfficientNet);

/** torchvision's _efficientnet_conf for the B family: Table 1 of the paper, scaled. */
function bConfig(widthMult: number, depthMult: number): MBConvConfig[] {
  const rows: [number, number, number, number, number, number][] = [
    [1, 3, 1, 32, 16, 1], [6, 3, 2, 16, 24, 2], [6, 5, 2, 24, 40, 2], [6, 3, 2, 40, 80, 3],
    [6, 5, 1, 80, 112, 3], [6, 5, 2, 112, 192, 4], [6, 3, 1, 192, 320, 1],
  ];
  return rows.map(([expandRatio, kernel, stride, i, o, n]) => ({
    expandRatio, kernel, stride, inputChannels: makeDivisible(i * widthMult, 8), outChannels: makeDivisible(o * widthMult, 8), numLayers: Math.ceil(n * depthMult),
  }));
}

const builder = (name: string, width: number, depth: number, dropout: number) => (...args: BuilderArgs<EfficientNetOptions>) =>
  buildWithWeights(name, args, ['numClasses', 'stochasticDepthProb', 'dropout'], (o: EfficientNetOptions) => new EfficientNet(bConfig(width, depth), dropout, o));

export const efficientnet_b0 = builder('efficientnet_b0', 1.0, 1.0, 0.2);
export const efficientnet_b1 = builder('efficientnet_b1', 1.0, 1.1, 0.2);
export const efficientnet_b2 = builder('efficientnet_b2', 1.1, 1.2, 0.3);
export const efficientnet_b3 = builder('efficientnet_b3', 1.2, 1.4, 0.3);
export const efficientnet_b4 = builder('efficientnet_b4', 1.4, 1.8, 0.4);
export { efficientnet_b0 as efficientnetB0, efficientnet_b1 as efficientnetB1, efficientnet_b2 as efficientnetB2, efficientnet_b3 as efficientnetB3, efficientnet_b4 as efficientnetB4 };
