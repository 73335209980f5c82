// torchvision's GoogLeNet (Inception v1), module for module (BasicConv2d, Inception, InceptionAux) with
// its names, so stateDict() keys equal torchvision's; in train() with auxLogits the model returns
// GoogLeNetOutputs [logits, auxLogits2, auxLogits1], as torchvision does.
import * as torch from '../../index.js';
import { namedTuple } from '../../tensor.js';
import { concatBranches, markPure, pipe } from '../../nn/module.js';
import { bind, type Args } from '../../bind.js';
import { buildWithWeights, numClassesOf, overwriteNamedParam, type BuilderArgs } from './weights.js';
import { BasicConv2d } from './inception.js';
import { imagenetToHalfScale } from './transform-input.js';
import { convMaker, makeLayer, type LayerFactory } from '../ops/layers.js';

const { nn } = torch;
const F = torch.nn.functional;
type Tensor = torch.Tensor;

/** GoogLeNet's Inception block: 1×1, 3×3, "5×5" (a 3×3, as torchvision's) and pooled branches concatenated. */
export class Inception extends nn.Module<[x: Tensor], Tensor> {
  branch1: torch.nn.Module;
  branch2: torch.nn.Sequential;
  branch3: torch.nn.Sequential;
  branch4: torch.nn.Sequential;
  constructor(...args: Args<'torchvision.models.googlenet.Inception'>) {
    super();
    const { inChannels, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, poolProj, convBlock } = bind('torchvision.models.googlenet.Inception', args);
    const conv = convMaker(convBlock ?? BasicConv2d, 'convBlock');
    this.branch1 = conv(inChannels, ch1x1, 1);
    this.branch2 = new nn.Sequential(conv(inChannels, ch3x3red, 1), conv(ch3x3red, ch3x3, 3, { padding: 1 }));
    this.branch3 = new nn.Sequential(conv(inChannels, ch5x5red, 1), conv(ch5x5red, ch5x5, 3, { padding: 1 }));
    this.branch4 = new nn.Sequential(new nn.MaxPool2d({ kernelSize: 3, stride: 1, padding: 1, ceilMode: true }), conv(inChannels, poolProj, 1));
  }
  forward(x: Tensor): Tensor {
    return concatBranches(x, [this.branch1, this.branch2, this.branch3, this.branch4]);
  }
}

/** GoogLeNet's auxiliary classifier, as torchvision's googlenet `InceptionAux`. */
export class InceptionAux extends nn.Module<[x: Tensor], Tensor> {
  conv: torch.nn.Module;
  fc1: torch.nn.Linear;
  fc2: torch.nn.Linear;
  dropout: torch.nn.Dropout;
  constructor(...args: Args<'torchvision.models.googlenet.InceptionAux'>) {
    super();
    const { inChannels, numClasses, convBlock, dropout } = bind('torchvision.models.googlenet.InceptionAux', args);
    this.conv = convMaker(convBlock ?? BasicConv2d, 'convBlock')(inChannels, 128, 1);
    this.fc1 = new nn.Linear(2048, 1024);
    this.fc2 = new nn.Linear(1024, numClasses);
    this.dropout = new nn.Dropout({ p: dropout });
  }
  forward(x: Tensor): Tensor {
    return pipe(x, (t) => F.adaptiveAvgPool2d(t, [4, 4]), this.conv, (t) => torch.flatten(t, 1), this.fc1, (t) => F.relu(t, { inplace: true }), this.dropout, this.fc2);
  }
}

/** The keyword arguments of `models.GoogLeNet` and `models.googlenet`. */
export interface GoogLeNetOptions {
  numClasses?: number;
  /** the two auxiliary classifiers (aux1, aux2), whose outputs train() returns beside the logits */
  auxLogits?: boolean;
  /** map inputs normalised with ImageNet's mean and std to the [-1, 1] scaling the original weights expect */
  transformInput?: boolean;
  initWeights?: boolean | null;
  /** [convBlock, inceptionBlock, inceptionAuxBlock]: BasicConv2d, Inception and InceptionAux by default */
  blocks?: [LayerFactory, LayerFactory, LayerFactory] | null;
  dropout?: number;
  dropoutAux?: number;
}

/** What GoogLeNet returns in train() with auxLogits: [logits, auxLogits2, auxLogits1] (torchvision's GoogLeNetOutputs). */
export type GoogLeNetOutputs = [logits: Tensor, auxLogits2: Tensor | null, auxLogits1: Tensor | null]
  & { logits: Tensor; auxLogits2: Tensor | null; auxLogits1: Tensor | null };

/**
 * GoogLeNet (Inception v1) from [Going Deeper with Convolutions](http://arxiv.org/abs/1409.4842); `models.googlenet` builds it.
 *
 * PyTorch: [torchvision.models.googlenet](https://docs.pytorch.org/vision/stable/models/googlenet.html)
 */
export class GoogLeNet extends nn.Module<[x: Tensor], Tensor | GoogLeNetOutputs> {
  auxLogits: boolean;
  transformInput: boolean;
  conv1: torch.nn.Module; maxpool1: torch.nn.MaxPool2d; conv2: torch.nn.Module; conv3: torch.nn.Module; maxpool2: torch.nn.MaxPool2d;
  inception3a: torch.nn.Module; inception3b: torch.nn.Module; maxpool3: torch.nn.MaxPool2d;
  inception4a: torch.nn.Module; inception4b: torch.nn.Module; inception4c: torch.nn.Module; inception4d: torch.nn.Module; inception4e: torch.nn.Module;
  maxpool4: torch.nn.MaxPool2d; inception5a: torch.nn.Module; inception5b: torch.nn.Module;
  aux1: torch.nn.Module | null;
  aux2: torch.nn.Module | null;
  avgpool: torch.nn.AdaptiveAvgPool2d;
  dropout: torch.nn.Dropout;
  fc: torch.nn.Linear;
  constructor(...args: Args<'torchvision.models.GoogLeNet'>) {
    super();
    const options = bind('torchvision.models.GoogLeNet', args);
    const numClasses = numClassesOf(options);
    const blocks = options.blocks ?? [BasicConv2d, Inception, InceptionAux];
    if (blocks.length !== 3) throw new RangeError(`blocks length should be 3 instead of ${blocks.length}`);
    const [convBlock, inceptionBlock, auxBlock] = blocks;
    const conv = convMaker(convBlock, 'blocks[0]');
    const inception = (...channels: number[]) => makeLayer(inceptionBlock, 'blocks[1]', ...channels);
    const pool = (kernelSize: number) => new nn.MaxPool2d(kernelSize, { stride: 2, ceilMode: true });
    this.auxLogits = options.auxLogits ?? true;
    this.transformInput = options.transformInput ?? false;
    this.conv1 = conv(3, 64, 7, { stride: 2, padding: 3 });
    this.maxpool1 = pool(3);
    this.conv2 = conv(64, 64, 1);
    this.conv3 = conv(64, 192, 3, { padding: 1 });
    this.maxpool2 = pool(3);
    this.inception3a = inception(192, 64, 96, 128, 16, 32, 32);
    this.inception3b = inception(256, 128, 128, 192, 32, 96, 64);
    this.maxpool3 = pool(3);
    this.inception4a = inception(480, 192, 96, 208, 16, 48, 64);
    this.inception4b = inception(512, 160, 112, 224, 24, 64, 64);
    this.inception4c = inception(512, 128, 128, 256, 24, 64, 64);
    this.inception4d = inception(512, 112, 144, 288, 32, 64, 64);
    this.inception4e = inception(528, 256, 160, 320, 32, 128, 128);
    this.maxpool4 = pool(2);
    this.inception5a = inception(832, 256, 160, 320, 32, 128, 128);
    this.inception5b = inception(832, 384, 192, 384, 48, 128, 128);
    const dropoutAux = options.dropoutAux ?? 0.7;
    this.aux1 = this.auxLogits ? makeLayer(auxBlock, 'blocks[2]', 512, numClasses, { dropout: dropoutAux }) : null;
    this.aux2 = this.auxLogits ? makeLayer(auxBlock, 'blocks[2]', 528, numClasses, { dropout: dropoutAux }) : null;
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.dropout = new nn.Dropout({ p: options.dropout ?? 0.2 });
    this.fc = new nn.Linear(1024, numClasses);
    // torchvision's init (its default until it changes, as its FutureWarning says)
    if (options.initWeights ?? true) {
      for (const m of this.modules()) {
        if (m instanceof nn.Conv2d || m instanceof nn.Linear) nn.init.truncNormal_(m.weight, 0, 0.01, -2, 2);
        else if (m instanceof nn.BatchNorm2d) {
          nn.init.constant_(m.weight!, 1);
          nn.init.constant_(m.bias!, 0);
        }
      }
    }
  }
  forward(input: Tensor): Tensor | GoogLeNetOutputs {
    const x = this.transformInput ? imagenetToHalfScale(input) : input;
    const a = pipe(x, this.conv1, this.maxpool1, this.conv2, this.conv3, this.maxpool2, this.inception3a, this.inception3b, this.maxpool3, this.inception4a);
    if (x !== input) x.dispose();
    const aux1 = this.aux1 !== null && this.training ? this.aux1(a) : null;
    const d = pipe(a, this.inception4b, this.inception4c, this.inception4d);
    a.dispose();
    const aux2 = this.aux2 !== null && this.training ? this.aux2(d) : null;
    const logits = pipe(d, this.inception4e, this.maxpool4, this.inception5a, this.inception5b, this.avgpool, (t) => torch.flatten(t, 1), this.dropout, this.fc);
    d.dispose();
    return this.training && this.auxLogits
      ? namedTuple([logits, aux2, aux1], ['logits', 'auxLogits2', 'auxLogits1'], 'GoogLeNetOutputs') as GoogLeNetOutputs : logits;
  }
}
markPure(Inception, InceptionAux);

const buildGoogLeNet = (...args: BuilderArgs<GoogLeNetOptions>): GoogLeNet => {
  let dropAux = false;
  const net = buildWithWeights('googlenet', args, ['numClasses', 'auxLogits', 'transformInput', 'initWeights', 'blocks', 'dropout', 'dropoutAux'],
    (o: GoogLeNetOptions, loadsWeights, published) => {
      if (!published) return new GoogLeNet({ ...o, initWeights: o.initWeights ?? !loadsWeights });
      // torchvision's builder with weights: the input transform on unless asked off, the auxiliary classifiers loaded and no init
      const originalAuxLogits = o.auxLogits ?? false;
      overwriteNamedParam(o, 'auxLogits', true);
      overwriteNamedParam(o, 'initWeights', false);
      if (originalAuxLogits) process.emitWarning('auxiliary heads in the pretrained googlenet model are NOT pretrained, so make sure to train them', 'UserWarning');
      else dropAux = true;
      return new GoogLeNet({ ...o, transformInput: o.transformInput ?? true });
    });
  if (dropAux) {
    net.auxLogits = false;
    net.aux1 = null;
    net.aux2 = null;
  }
  return net;
};

/**
 * GoogLeNet as torchvision builds it: `googlenet({ weights, progress, numClasses, auxLogits, transformInput, initWeights, blocks, dropout, dropoutAux })`;
 * torchvision's weights turn `transformInput` on, and drop the (untrained) auxiliary classifiers unless `auxLogits: true`.
 *
 * In Python `torchvision.models.googlenet` is this builder, which hides the module of the same name; its blocks
 * (`from torchvision.models.googlenet import Inception`) are reached here as `models.googlenet.Inception`.
 */
export const googlenet = Object.assign(buildGoogLeNet, { Inception, InceptionAux, BasicConv2d, GoogLeNet });
