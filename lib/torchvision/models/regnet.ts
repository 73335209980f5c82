// torchvision's RegNet (X and Y, 400MF to 128GF), module for module: SimpleStemIN, AnyStage of
// ResBottleneckBlock (BottleneckTransform a, b, [se], c), with the stage widths computed as torchvision
// computes them (in float32 tensors, so that rounding agrees) and its names ("block1-0", …).
import * as torch from '../../index.js';
import { markPure, pipe } from '../../nn/module.js';
import { buildWithWeights, numClassesOf, type BuilderArgs } from './weights.js';
import { makeDivisible } from './mobilenetv2.js';
import { Conv2dNormActivation, SqueezeExcitation, makeLayer, type LayerFactory } from '../ops/layers.js';
import { bind, type Args } from '../../bind.js';
import { pyRound } from '../transforms/functional.js';

const { nn } = torch;
type Tensor = torch.Tensor;
type Module = torch.nn.Module;

/** RegNet's stem: a 3×3 stride-2 convolution, norm and activation. */
export class SimpleStemIN extends Conv2dNormActivation {
  constructor(...args: Args<'torchvision.models.regnet.SimpleStemIN'>) {
    const { widthIn, widthOut, normLayer, activationLayer } = bind('torchvision.models.regnet.SimpleStemIN', args);
    super(widthIn, widthOut, { kernelSize: 3, stride: 2, normLayer, activationLayer });
  }
}

/** The bottleneck transformation: 1×1 (a), grouped 3×3 (b), squeeze-and-excitation (se) when seRatio is set, 1×1 (c). */
export class BottleneckTransform extends nn.Sequential {
  constructor(...args: Args<'torchvision.models.regnet.BottleneckTransform'>) {
    const { widthIn, widthOut, stride, normLayer, activationLayer, groupWidth, bottleneckMultiplier, seRatio } = bind('torchvision.models.regnet.BottleneckTransform', args);
    const wB = pyRound(widthOut * bottleneckMultiplier);
    const g = Math.floor(wB / groupWidth);
    const layers: Record<string, Module> = {
      a: new Conv2dNormActivation(widthIn, wB, { kernelSize: 1, stride: 1, normLayer, activationLayer }),
      b: new Conv2dNormActivation(wB, wB, { kernelSize: 3, stride, groups: g, normLayer, activationLayer }),
    };
    if (seRatio) layers.se = new SqueezeExcitation(wB, pyRound(seRatio * widthIn), { activation: activationLayer });
    layers.c = new Conv2dNormActivation(wB, widthOut, { kernelSize: 1, stride: 1, normLayer, activationLayer: null });
    super(layers);
  }
}

/** x + F(x) with F the bottleneck transformation, through a 1×1 projection (proj) when the shape changes. */
export class ResBottleneckBlock extends nn.Module<[x: Tensor], Tensor> {
  proj: Conv2dNormActivation | null;
  f: BottleneckTransform;
  activation: Module;
  constructor(...args: Args<'torchvision.models.regnet.ResBottleneckBlock'>) {
    super();
    const { widthIn, widthOut, stride, normLayer, activationLayer, groupWidth, bottleneckMultiplier, seRatio } = bind('torchvision.models.regnet.ResBottleneckBlock', args);
    this.proj = widthIn !== widthOut || stride !== 1
      ? new Conv2dNormActivation(widthIn, widthOut, { kernelSize: 1, stride, normLayer, activationLayer: null }) : null;
    this.f = new BottleneckTransform(widthIn, widthOut, stride, normLayer, activationLayer, groupWidth, bottleneckMultiplier, seRatio);
    this.activation = makeLayer(activationLayer, 'activation', { inplace: true });
  }
  forward(x: Tensor): Tensor {
    const shortcut = this.proj ? this.proj(x) : x;
    const fx = this.f(x);
    const sum = shortcut.add(fx);
    fx.dispose();
    if (shortcut !== x) shortcut.dispose();
    return pipe(sum, this.activation);
  }
}

/** One RegNet stage: `depth` blocks of the same output width, named block{stageIndex}-{i}. */
export class AnyStage extends nn.Sequential {
  constructor(...args: Args<'torchvision.models.regnet.AnyStage'>) {
    const { widthIn, widthOut, stride, depth, blockConstructor, normLayer, activationLayer, groupWidth, bottleneckMultiplier, seRatio, stageIndex } =
      bind('torchvision.models.regnet.AnyStage', args);
    const blocks: Record<string, Module> = {};
    for (let i = 0; i < depth; i++) {
      blocks[`block${stageIndex}-${i}`] = makeLayer(blockConstructor, 'blockConstructor', i === 0 ? widthIn : widthOut, widthOut, i === 0 ? stride : 1,
        normLayer, activationLayer, groupWidth, bottleneckMultiplier, seRatio);
    }
    super(blocks);
  }
}

/** The per-stage settings of a RegNet, as torchvision's `BlockParams`. */
export class BlockParams {
  constructor(readonly depths: number[], readonly widths: number[], readonly groupWidths: number[], readonly bottleneckMultipliers: number[],
    readonly strides: number[], readonly seRatio: number | null = null) {}
  /**
   * The stages from RegNet's design-space parameters (depth, w0, wA, wM, groupWidth): block widths on a
   * quantised linear ramp in log space, merged into stages of equal width.
   */
  static fromInitParams(...args: Args<'torchvision.models.regnet.BlockParams.fromInitParams'>): BlockParams {
    const { depth, w_0: w0, wA, wM, groupWidth, bottleneckMultiplier, seRatio } = bind('torchvision.models.regnet.BlockParams.fromInitParams', args);
    const QUANT = 8, STRIDE = 2;
    if (wA < 0 || w0 <= 0 || wM <= 1 || w0 % 8 !== 0) throw new RangeError('Invalid RegNet settings');
    const blockWidths = torch.tidy(() => {
      const widthsCont = torch.arange(depth).mul(wA).add(w0);
      const capacity = torch.round(torch.log(widthsCont.div(w0)).div(Math.log(wM)));
      return torch.round(torch.pow(wM, capacity).mul(w0).div(QUANT)).mul(QUANT).int().tolist() as number[];
    });
    const splits = [...blockWidths, 0].map((w, i) => w !== ([0, ...blockWidths][i]));
    const stageWidths = blockWidths.filter((_, i) => splits[i]);
    const starts = splits.flatMap((t, d) => (t ? [d] : []));
    const stageDepths = starts.slice(1).map((d, i) => d - starts[i]);
    const n = new Set(blockWidths).size;
    const bottleneck = Array(n).fill(bottleneckMultiplier) as number[];
    // torchvision's _adjust_widths_groups_compatibilty: bottleneck widths divisible by their group width
    const wBot = stageWidths.map((w, i) => Math.trunc(w * bottleneck[i]));
    const groups = wBot.map((w) => Math.min(groupWidth, w));
    const widths = wBot.map((w, i) => Math.trunc(makeDivisible(w, groups[i]) / bottleneck[i]));
    return new BlockParams(stageDepths, widths, groups, bottleneck, Array(n).fill(STRIDE), seRatio);
  }
}

/** The keyword arguments of `models.RegNet` and the `regnet_*` builders. */
export interface RegNetOptions {
  numClasses?: number;
  stemWidth?: number;
  /** SimpleStemIN by default, called with (widthIn, widthOut, normLayer, activation) */
  stemType?: LayerFactory | null;
  /** ResBottleneckBlock by default */
  blockType?: LayerFactory | null;
  normLayer?: LayerFactory | null;
  activation?: LayerFactory | null;
}

/**
 * RegNet from [Designing Network Design Spaces](https://arxiv.org/abs/2003.13678).
 *
 * PyTorch: [torchvision.models.regnet](https://docs.pytorch.org/vision/stable/models/regnet.html)
 */
export class RegNet extends nn.Module<[x: Tensor], Tensor> {
  stem: Module;
  trunk_output: torch.nn.Sequential;
  avgpool: torch.nn.AdaptiveAvgPool2d;
  fc: torch.nn.Linear;
  constructor(...args: Args<'torchvision.models.RegNet'>) {
    super();
    const { blockParams, ...options } = bind('torchvision.models.RegNet', args);
    if (!(blockParams instanceof BlockParams)) throw new TypeError('Expected a BlockParams for blockParams');
    const numClasses = numClassesOf(options);
    const normLayer = options.normLayer ?? nn.BatchNorm2d;
    const activation = options.activation ?? nn.ReLU;
    const stemWidth = options.stemWidth ?? 32;
    this.stem = makeLayer(options.stemType ?? SimpleStemIN, 'stemType', 3, stemWidth, normLayer, activation);
    let current = stemWidth;
    const stages: Record<string, Module> = {};
    blockParams.widths.forEach((widthOut, i) => {
      stages[`block${i + 1}`] = new AnyStage(current, widthOut, blockParams.strides[i], blockParams.depths[i], options.blockType ?? ResBottleneckBlock,
        normLayer, activation, blockParams.groupWidths[i], blockParams.bottleneckMultipliers[i], blockParams.seRatio, i + 1);
      current = widthOut;
    });
    this.trunk_output = new nn.Sequential(stages);
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.fc = new nn.Linear(current, numClasses);
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) {
        const [k0, k1] = m.kernelSize as number[];
        nn.init.normal_(m.weight, 0, Math.sqrt(2.0 / (k0 * k1 * m.outChannels)));
      } else if (m instanceof nn.BatchNorm2d) {
        nn.init.ones_(m.weight!);
        nn.init.zeros_(m.bias!);
      } else if (m instanceof nn.Linear) {
        nn.init.normal_(m.weight, 0, 0.01);
        nn.init.zeros_(m.bias!);
      }
    }
  }
  forward(x: Tensor): Tensor {
    return pipe(x, this.stem, this.trunk_output, this.avgpool, (t) => t.flatten(1), this.fc);
  }
}
markPure(SimpleStemIN, BottleneckTransform, ResBottleneckBlock, AnyStage, RegNet);

const builder = (name: string, depth: number, w0: number, wA: number, wM: number, groupWidth: number, seRatio: number | null = null) =>
  (...args: BuilderArgs<RegNetOptions>) => buildWithWeights(name, args, ['numClasses', 'stemWidth', 'stemType', 'blockType', 'normLayer', 'activation'],
    (o: RegNetOptions) => new RegNet(BlockParams.fromInitParams(depth, w0, wA, wM, groupWidth, 1.0, seRatio), o));

export const regnet_y_400mf = builder('regnet_y_400mf', 16, 48, 27.89, 2.09, 8, 0.25);
export const regnet_y_800mf = builder('regnet_y_800mf', 14, 56, 38.84, 2.4, 16, 0.25);
export const regnet_y_1_6gf = builder('regnet_y_1_6gf', 27, 48, 20.71, 2.65, 24, 0.25);
export const regnet_y_3_2gf = builder('regnet_y_3_2gf', 21, 80, 42.63, 2.66, 24, 0.25);
export const regnet_y_8gf = builder('regnet_y_8gf', 17, 192, 76.82, 2.19, 56, 0.25);
export const regnet_y_16gf = builder('regnet_y_16gf', 18, 200, 106.23, 2.48, 112, 0.25);
export const regnet_y_32gf = builder('regnet_y_32gf', 20, 232, 115.89, 2.53, 232, 0.25);
export const regnet_y_128gf = builder('regnet_y_128gf', 27, 456, 160.83, 2.52, 264, 0.25);
export const regnet_x_400mf = builder('regnet_x_400mf', 22, 24, 24.48, 2.54, 16);
export const regnet_x_800mf = builder('regnet_x_800mf', 16, 56, 35.73, 2.28, 16);
export const regnet_x_1_6gf = builder('regnet_x_1_6gf', 18, 80, 34.01, 2.25, 24);
export const regnet_x_3_2gf = builder('regnet_x_3_2gf', 25, 88, 26.31, 2.25, 48);
export const regnet_x_8gf = builder('regnet_x_8gf', 23, 80, 49.56, 2.88, 120);
export const regnet_x_16gf = builder('regnet_x_16gf', 22, 216, 55.59, 2.1, 128);
export const regnet_x_32gf = builder('regnet_x_32gf', 23, 320, 69.86, 2.0, 168);
export {
  regnet_y_400mf as regnetY_400mf, regnet_y_800mf as regnetY_800mf, regnet_y_1_6gf as regnetY_1_6gf, regnet_y_3_2gf as regnetY_3_2gf,
  regnet_y_8gf as regnetY_8gf, regnet_y_16gf as regnetY_16gf, regnet_y_32gf as regnetY_32gf, regnet_y_128gf as regnetY_128gf,
  regnet_x_400mf as regnetX_400mf, regnet_x_800mf as regnetX_800mf, regnet_x_1_6gf as regnetX_1_6gf, regnet_x_3_2gf as regnetX_3_2gf,
  regnet_x_8gf as regnetX_8gf, regnet_x_16gf as regnetX_16gf, regnet_x_32gf as regnetX_32gf,
};
