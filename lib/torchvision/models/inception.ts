// torchvision's Inception v3, module for module (BasicConv2d, InceptionA–E, InceptionAux) with its
// names (Conv2d_1a_3x3, Mixed_5b, AuxLogits, …) so stateDict() keys equal torchvision's; in train()
// with auxLogits the model returns InceptionOutputs [logits, auxLogits], as torchvision does.
import * as torch from '../../index.js';
import { namedTuple } from '../../tensor.js';
import { concatBranches, markPure, pipe } from '../../nn/module.js';
import { bind, type Args, type ArgsWith } from '../../bind.js';
import type { ParamTypes } from '../../generated/signatures.js';
import { imagenetToHalfScale } from './transform-input.js';
import { convMaker, makeLayer, type LayerFactory } from '../ops/layers.js';
import { buildWithWeights, numClassesOf, overwriteNamedParam, type BuilderArgs, type WeightsArg } from './weights.js';

const { nn } = torch;
const F = torch.nn.functional;
type Tensor = torch.Tensor;
type Module = torch.nn.Module;
type Size = number | [number, number];
/** BasicConv2d's **kwargs: Conv2d's parameters after the channels, its bias off. */
type Conv2dKeywords = Partial<Omit<ParamTypes['nn.Conv2d'], 'inChannels' | 'outChannels' | 'bias'>>;

// a block's convolution: convBlock, BasicConv2d unless given
const convOf = (convBlock: LayerFactory | null) => convMaker(convBlock ?? BasicConv2d, 'convBlock');

/** Conv2d (no bias), BatchNorm2d (eps 0.001) and ReLU: Inception's convolution. */
export class BasicConv2d extends nn.Module<[x: Tensor], Tensor> {
  conv: torch.nn.Conv2d;
  bn: torch.nn.BatchNorm2d;
  /** `kwargs` go to Conv2d (kernelSize, stride, padding…), whose bias is off. */
  constructor(...args: ArgsWith<'torchvision.models.inception.BasicConv2d', Conv2dKeywords>) {
    super();
    const { inChannels, outChannels, kwargs } = bind('torchvision.models.inception.BasicConv2d', args);
    if ('bias' in kwargs) throw new TypeError("torch.nn.modules.conv.Conv2d() got multiple values for keyword argument 'bias'");
    // Conv2d binds these itself (a missing kernelSize, an unknown name): its TypeErrors, as Python's
    this.conv = new nn.Conv2d(inChannels, outChannels, { ...(kwargs as Conv2dKeywords & { kernelSize: Size }), bias: false });
    this.bn = new nn.BatchNorm2d(outChannels, { eps: 0.001 });
  }
  forward(x: Tensor): Tensor {
    return pipe(x, this.conv, this.bn, (t) => F.relu(t, { inplace: true }));
  }
}

const avgPool3 = (t: Tensor) => F.avgPool2d(t, 3, { stride: 1, padding: 1 });
const maxPool3s2 = (t: Tensor) => F.maxPool2d(t, 3, { stride: 2 });

/** Mixed_5b–5d: 1×1, 5×5, double 3×3 and pooled branches concatenated. */
export class InceptionA extends nn.Module<[x: Tensor], Tensor> {
  branch1x1: Module; branch5x5_1: Module; branch5x5_2: Module;
  branch3x3dbl_1: Module; branch3x3dbl_2: Module; branch3x3dbl_3: Module; branch_pool: Module;
  constructor(...args: Args<'torchvision.models.inception.InceptionA'>) {
    super();
    const { inChannels, poolFeatures, convBlock } = bind('torchvision.models.inception.InceptionA', args);
    const conv = convOf(convBlock);
    this.branch1x1 = conv(inChannels, 64, 1);
    this.branch5x5_1 = conv(inChannels, 48, 1);
    this.branch5x5_2 = conv(48, 64, 5, { padding: 2 });
    this.branch3x3dbl_1 = conv(inChannels, 64, 1);
    this.branch3x3dbl_2 = conv(64, 96, 3, { padding: 1 });
    this.branch3x3dbl_3 = conv(96, 96, 3, { padding: 1 });
    this.branch_pool = conv(inChannels, poolFeatures, 1);
  }
  forward(x: Tensor): Tensor {
    return concatBranches(x, [this.branch1x1, (t) => pipe(t, this.branch5x5_1, this.branch5x5_2),
      (t) => pipe(t, this.branch3x3dbl_1, this.branch3x3dbl_2, this.branch3x3dbl_3), (t) => pipe(t, avgPool3, this.branch_pool)]);
  }
}

/** Mixed_6a, the grid reduction to 17×17: a strided 3×3, a double 3×3 and a max-pool branch. */
export class InceptionB extends nn.Module<[x: Tensor], Tensor> {
  branch3x3: Module; branch3x3dbl_1: Module; branch3x3dbl_2: Module; branch3x3dbl_3: Module;
  constructor(...args: Args<'torchvision.models.inception.InceptionB'>) {
    super();
    const { inChannels, convBlock } = bind('torchvision.models.inception.InceptionB', args);
    const conv = convOf(convBlock);
    this.branch3x3 = conv(inChannels, 384, 3, { stride: 2 });
    this.branch3x3dbl_1 = conv(inChannels, 64, 1);
    this.branch3x3dbl_2 = conv(64, 96, 3, { padding: 1 });
    this.branch3x3dbl_3 = conv(96, 96, 3, { stride: 2 });
  }
  forward(x: Tensor): Tensor {
    return concatBranches(x, [this.branch3x3, (t) => pipe(t, this.branch3x3dbl_1, this.branch3x3dbl_2, this.branch3x3dbl_3), maxPool3s2]);
  }
}

/** Mixed_6b–6e: factorised 7×7 convolutions (1×7 then 7×1) in single and double branches. */
export class InceptionC extends nn.Module<[x: Tensor], Tensor> {
  branch1x1: Module; branch7x7_1: Module; branch7x7_2: Module; branch7x7_3: Module;
  branch7x7dbl_1: Module; branch7x7dbl_2: Module; branch7x7dbl_3: Module; branch7x7dbl_4: Module; branch7x7dbl_5: Module;
  branch_pool: Module;
  constructor(...args: Args<'torchvision.models.inception.InceptionC'>) {
    super();
    const { inChannels, channels_7x7: channels7x7, convBlock } = bind('torchvision.models.inception.InceptionC', args);
    const conv = convOf(convBlock);
    const c7 = channels7x7;
    const row = { padding: [0, 3] as [number, number] }, col = { padding: [3, 0] as [number, number] };
    this.branch1x1 = conv(inChannels, 192, 1);
    this.branch7x7_1 = conv(inChannels, c7, 1);
    this.branch7x7_2 = conv(c7, c7, [1, 7], row);
    this.branch7x7_3 = conv(c7, 192, [7, 1], col);
    this.branch7x7dbl_1 = conv(inChannels, c7, 1);
    this.branch7x7dbl_2 = conv(c7, c7, [7, 1], col);
    this.branch7x7dbl_3 = conv(c7, c7, [1, 7], row);
    this.branch7x7dbl_4 = conv(c7, c7, [7, 1], col);
    this.branch7x7dbl_5 = conv(c7, 192, [1, 7], row);
    this.branch_pool = conv(inChannels, 192, 1);
  }
  forward(x: Tensor): Tensor {
    return concatBranches(x, [this.branch1x1, (t) => pipe(t, this.branch7x7_1, this.branch7x7_2, this.branch7x7_3),
      (t) => pipe(t, this.branch7x7dbl_1, this.branch7x7dbl_2, this.branch7x7dbl_3, this.branch7x7dbl_4, this.branch7x7dbl_5),
      (t) => pipe(t, avgPool3, this.branch_pool)]);
  }
}

/** Mixed_7a, the grid reduction to 8×8: strided 3×3 and 7×7×3 branches and a max-pool. */
export class InceptionD extends nn.Module<[x: Tensor], Tensor> {
  branch3x3_1: Module; branch3x3_2: Module;
  branch7x7x3_1: Module; branch7x7x3_2: Module; branch7x7x3_3: Module; branch7x7x3_4: Module;
  constructor(...args: Args<'torchvision.models.inception.InceptionD'>) {
    super();
    const { inChannels, convBlock } = bind('torchvision.models.inception.InceptionD', args);
    const conv = convOf(convBlock);
    this.branch3x3_1 = conv(inChannels, 192, 1);
    this.branch3x3_2 = conv(192, 320, 3, { stride: 2 });
    this.branch7x7x3_1 = conv(inChannels, 192, 1);
    this.branch7x7x3_2 = conv(192, 192, [1, 7], { padding: [0, 3] });
    this.branch7x7x3_3 = conv(192, 192, [7, 1], { padding: [3, 0] });
    this.branch7x7x3_4 = conv(192, 192, 3, { stride: 2 });
  }
  forward(x: Tensor): Tensor {
    return concatBranches(x, [(t) => pipe(t, this.branch3x3_1, this.branch3x3_2),
      (t) => pipe(t, this.branch7x7x3_1, this.branch7x7x3_2, this.branch7x7x3_3, this.branch7x7x3_4), maxPool3s2]);
  }
}

/** Mixed_7b–7c: branches that split into 1×3 and 3×1 convolutions side by side. */
export class InceptionE extends nn.Module<[x: Tensor], Tensor> {
  branch1x1: Module; branch3x3_1: Module; branch3x3_2a: Module; branch3x3_2b: Module;
  branch3x3dbl_1: Module; branch3x3dbl_2: Module; branch3x3dbl_3a: Module; branch3x3dbl_3b: Module;
  branch_pool: Module;
  constructor(...args: Args<'torchvision.models.inception.InceptionE'>) {
    super();
    const { inChannels, convBlock } = bind('torchvision.models.inception.InceptionE', args);
    const conv = convOf(convBlock);
    const row = { padding: [0, 1] as [number, number] }, col = { padding: [1, 0] as [number, number] };
    this.branch1x1 = conv(inChannels, 320, 1);
    this.branch3x3_1 = conv(inChannels, 384, 1);
    this.branch3x3_2a = conv(384, 384, [1, 3], row);
    this.branch3x3_2b = conv(384, 384, [3, 1], col);
    this.branch3x3dbl_1 = conv(inChannels, 448, 1);
    this.branch3x3dbl_2 = conv(448, 384, 3, { padding: 1 });
    this.branch3x3dbl_3a = conv(384, 384, [1, 3], row);
    this.branch3x3dbl_3b = conv(384, 384, [3, 1], col);
    this.branch_pool = conv(inChannels, 192, 1);
  }
  forward(x: Tensor): Tensor {
    const split = (a: Module, b: Module) => (t: Tensor) => concatBranches(t, [a, b]);
    return concatBranches(x, [this.branch1x1, (t) => pipe(t, this.branch3x3_1, split(this.branch3x3_2a, this.branch3x3_2b)),
      (t) => pipe(t, this.branch3x3dbl_1, this.branch3x3dbl_2, split(this.branch3x3dbl_3a, this.branch3x3dbl_3b)),
      (t) => pipe(t, avgPool3, this.branch_pool)]);
  }
}

/** The auxiliary classifier on Mixed_6e's output, used in train() only. */
export class InceptionAux extends nn.Module<[x: Tensor], Tensor> {
  conv0: Module;
  conv1: Module;
  fc: torch.nn.Linear;
  constructor(...args: Args<'torchvision.models.inception.InceptionAux'>) {
    super();
    const { inChannels, numClasses, convBlock } = bind('torchvision.models.inception.InceptionAux', args);
    const conv = convOf(convBlock);
    this.conv0 = conv(inChannels, 128, 1);
    this.conv1 = conv(128, 768, 5);
    this.fc = new nn.Linear(768, numClasses);
  }
  forward(x: Tensor): Tensor {
    return pipe(x, (t) => F.avgPool2d(t, 5, { stride: 3 }), this.conv0, this.conv1, (t) => F.adaptiveAvgPool2d(t, [1, 1]), (t) => torch.flatten(t, 1), this.fc);
  }
}

/** The keyword arguments of `models.Inception3`. */
export interface Inception3Options {
  numClasses?: number;
  /** the auxiliary classifier (AuxLogits), whose output train() returns beside the logits */
  auxLogits?: boolean;
  /** map inputs normalised with ImageNet's mean and std to the [-1, 1] scaling the original weights expect */
  transformInput?: boolean;
  initWeights?: boolean | null;
  dropout?: number;
}

/**
 * Inception v3 from [Rethinking the Inception Architecture for Computer Vision](https://arxiv.org/abs/1512.00567); `models.inception_v3` builds it. It expects 299×299 inputs.
 *
 * PyTorch: [torchvision.models.inception_v3](https://docs.pytorch.org/vision/stable/models/inception.html)
 */
export class Inception3 extends nn.Module<[x: Tensor], Tensor | InceptionOutputs> {
  auxLogits: boolean;
  transformInput: boolean;
  Conv2d_1a_3x3: Module; Conv2d_2a_3x3: Module; Conv2d_2b_3x3: Module; maxpool1: torch.nn.MaxPool2d;
  Conv2d_3b_1x1: Module; Conv2d_4a_3x3: Module; maxpool2: torch.nn.MaxPool2d;
  Mixed_5b: Module; Mixed_5c: Module; Mixed_5d: Module;
  Mixed_6a: Module; Mixed_6b: Module; Mixed_6c: Module; Mixed_6d: Module; Mixed_6e: Module;
  AuxLogits: Module | null;
  Mixed_7a: Module; Mixed_7b: Module; Mixed_7c: Module;
  avgpool: torch.nn.AdaptiveAvgPool2d;
  dropout: torch.nn.Dropout;
  fc: torch.nn.Linear;
  constructor(...args: Args<'torchvision.models.Inception3'>) {
    super();
    const options = bind('torchvision.models.Inception3', args);
    const numClasses = numClassesOf(options);
    const blocks = options.inceptionBlocks ?? [BasicConv2d, InceptionA, InceptionB, InceptionC, InceptionD, InceptionE, InceptionAux];
    if (blocks.length !== 7) throw new RangeError(`length of inception_blocks should be 7 instead of ${blocks.length}`);
    const [convBlock, inceptionA, inceptionB, inceptionC, inceptionD, inceptionE, inceptionAux] = blocks;
    const conv = convMaker(convBlock, 'inceptionBlocks[0]');
    this.auxLogits = options.auxLogits;
    this.transformInput = options.transformInput;
    this.Conv2d_1a_3x3 = conv(3, 32, 3, { stride: 2 });
    this.Conv2d_2a_3x3 = conv(32, 32, 3);
    this.Conv2d_2b_3x3 = conv(32, 64, 3, { padding: 1 });
    this.maxpool1 = new nn.MaxPool2d(3, { stride: 2 });
    this.Conv2d_3b_1x1 = conv(64, 80, 1);
    this.Conv2d_4a_3x3 = conv(80, 192, 3);
    this.maxpool2 = new nn.MaxPool2d(3, { stride: 2 });
    this.Mixed_5b = makeLayer(inceptionA, 'inceptionBlocks[1]', 192, { poolFeatures: 32 });
    this.Mixed_5c = makeLayer(inceptionA, 'inceptionBlocks[1]', 256, { poolFeatures: 64 });
    this.Mixed_5d = makeLayer(inceptionA, 'inceptionBlocks[1]', 288, { poolFeatures: 64 });
    this.Mixed_6a = makeLayer(inceptionB, 'inceptionBlocks[2]', 288);
    this.Mixed_6b = makeLayer(inceptionC, 'inceptionBlocks[3]', 768, { channels_7x7: 128 });
    this.Mixed_6c = makeLayer(inceptionC, 'inceptionBlocks[3]', 768, { channels_7x7: 160 });
    this.Mixed_6d = makeLayer(inceptionC, 'inceptionBlocks[3]', 768, { channels_7x7: 160 });
    this.Mixed_6e = makeLayer(inceptionC, 'inceptionBlocks[3]', 768, { channels_7x7: 192 });
    this.AuxLogits = this.auxLogits ? makeLayer(inceptionAux, 'inceptionBlocks[6]', 768, numClasses) : null;
    this.Mixed_7a = makeLayer(inceptionD, 'inceptionBlocks[4]', 768);
    this.Mixed_7b = makeLayer(inceptionE, 'inceptionBlocks[5]', 1280);
    this.Mixed_7c = makeLayer(inceptionE, 'inceptionBlocks[5]', 2048);
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.dropout = new nn.Dropout({ p: options.dropout });
    this.fc = new nn.Linear(2048, numClasses);
    // torchvision's init (its default until it changes, as its FutureWarning says): truncated normals,
    // std 0.1 except the auxiliary classifier's fc (0.001)
    if (options.initWeights ?? true) {
      for (const m of this.modules()) {
        if (m instanceof nn.Conv2d || m instanceof nn.Linear) {
          const std = this.AuxLogits instanceof InceptionAux && m === this.AuxLogits.fc ? 0.001 : 0.1;
          nn.init.truncNormal_(m.weight, 0, std, -2, 2);
        } else if (m instanceof nn.BatchNorm2d) {
          nn.init.constant_(m.weight!, 1);
          nn.init.constant_(m.bias!, 0);
        }
      }
    }
  }
  forward(input: Tensor): Tensor | InceptionOutputs {
    const x = this.transformInput ? imagenetToHalfScale(input) : input;
    const mixed6 = pipe(x, this.Conv2d_1a_3x3, this.Conv2d_2a_3x3, this.Conv2d_2b_3x3, this.maxpool1, this.Conv2d_3b_1x1, this.Conv2d_4a_3x3,
      this.maxpool2, this.Mixed_5b, this.Mixed_5c, this.Mixed_5d, this.Mixed_6a, this.Mixed_6b, this.Mixed_6c, this.Mixed_6d, this.Mixed_6e);
    if (x !== input) x.dispose();
    const aux = this.AuxLogits !== null && this.training ? this.AuxLogits(mixed6) : null;
    const logits = pipe(mixed6, this.Mixed_7a, this.Mixed_7b, this.Mixed_7c, this.avgpool, this.dropout, (t) => torch.flatten(t, 1), this.fc);
    mixed6.dispose();
    return this.training && this.auxLogits ? namedTuple([logits, aux], ['logits', 'auxLogits'], 'InceptionOutputs') as InceptionOutputs : logits;
  }
}
markPure(BasicConv2d, InceptionA, InceptionB, InceptionC, InceptionD, InceptionE, InceptionAux);

/** What Inception3 returns in train() with auxLogits: [logits, auxLogits] (torchvision's InceptionOutputs). */
export type InceptionOutputs = [logits: Tensor, auxLogits: Tensor | null] & { logits: Tensor; auxLogits: Tensor | null };

/** The keyword arguments of `models.inception_v3`. */
export type Inception3BuilderOptions = Inception3Options & WeightsArg;
/**
 * Inception v3 as torchvision builds it: `inception_v3({ weights, progress, numClasses, auxLogits, transformInput, initWeights, dropout })`;
 * torchvision's weights turn `transformInput` on and need `auxLogits`.
 */
export const inception_v3 = (...args: BuilderArgs<Inception3Options>) =>
  buildWithWeights('inception_v3', args, ['numClasses', 'auxLogits', 'transformInput', 'initWeights', 'dropout'], (o: Inception3Options, loadsWeights, published) => {
    if (!published) return new Inception3({ ...o, initWeights: o.initWeights ?? !loadsWeights });
    // torchvision's builder with weights: the input transform on unless asked off, the auxiliary classifier and no init
    overwriteNamedParam(o, 'auxLogits', true);
    overwriteNamedParam(o, 'initWeights', false);
    return new Inception3({ ...o, transformInput: o.transformInput ?? true });
  });
export { inception_v3 as inceptionV3 };
