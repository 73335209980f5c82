// torchvision's ShuffleNetV2 (x0.5, x1.0, x1.5, x2.0), module for module: InvertedResidual blocks
// that split the channels, run one half through a depthwise branch and shuffle them back together.
import * as torch from '../../index.js';
import { concatBranches, markPure, pipe } from '../../nn/module.js';
import { buildWithWeights, numClassesOf, type BuilderArgs } from './weights.js';
import { makeLayer, type LayerFactory } from '../ops/layers.js';
import { bind, type Args } from '../../bind.js';

const { nn } = torch;
type Tensor = torch.Tensor;

/** Interleaves the channels of `groups` groups, as torchvision's shufflenetv2 `channel_shuffle`. */
export function channelShuffle(...args: Args<'torchvision.models.shufflenetv2.channelShuffle'>): Tensor {
  const { x, groups } = bind('torchvision.models.shufflenetv2.channelShuffle', args);
  const [batchsize, numChannels, height, width] = x.shape;
  const grouped = x.view(batchsize, groups, Math.floor(numChannels / groups), height, width);
  const shuffled = torch.transpose(grouped, 1, 2).contiguous();
  const out = shuffled.view(batchsize, -1, height, width);
  grouped.dispose();
  shuffled.dispose();
  return out;
}

const depthwiseConv = (i: number, o: number, kernelSize: number, stride = 1, padding = 0, bias = false) =>
  new nn.Conv2d(i, o, kernelSize, stride, padding, { bias, groups: i });

/** ShuffleNetV2's block, as torchvision's shufflenetv2 `InvertedResidual`: stride 1 keeps half the channels as they are. */
export class InvertedResidual extends nn.Module<[x: Tensor], Tensor> {
  readonly stride: number;
  branch1: torch.nn.Sequential;
  branch2: torch.nn.Sequential;
  constructor(...args: Args<'torchvision.models.shufflenetv2.InvertedResidual'>) {
    super();
    const { inp, oup, stride } = bind('torchvision.models.shufflenetv2.InvertedResidual', args);
    if (!(stride >= 1 && stride <= 3)) throw new RangeError('illegal stride value');
    this.stride = stride;
    const branchFeatures = Math.floor(oup / 2);
    if (stride === 1 && inp !== branchFeatures * 2) {
      throw new RangeError(`Invalid combination of stride ${stride}, inp ${inp} and oup ${oup} values. If stride == 1 then inp should be equal to oup // 2 << 1.`);
    }
    this.branch1 = stride > 1
      ? new nn.Sequential(depthwiseConv(inp, inp, 3, stride, 1), new nn.BatchNorm2d(inp),
        new nn.Conv2d(inp, branchFeatures, 1, 1, 0, { bias: false }), new nn.BatchNorm2d(branchFeatures), new nn.ReLU(true))
      : new nn.Sequential();
    this.branch2 = new nn.Sequential(
      new nn.Conv2d(stride > 1 ? inp : branchFeatures, branchFeatures, 1, 1, 0, { bias: false }), new nn.BatchNorm2d(branchFeatures), new nn.ReLU(true),
      depthwiseConv(branchFeatures, branchFeatures, 3, stride, 1), new nn.BatchNorm2d(branchFeatures),
      new nn.Conv2d(branchFeatures, branchFeatures, 1, 1, 0, { bias: false }), new nn.BatchNorm2d(branchFeatures), new nn.ReLU(true),
    );
  }
  forward(x: Tensor): Tensor {
    let out: Tensor;
    if (this.stride === 1) {
      const [x1, x2] = x.chunk(2, 1);
      const y = this.branch2(x2);
      out = torch.cat([x1, y], 1);
      for (const t of [x1, x2, y]) t.dispose();
    } else {
      out = concatBranches(x, [this.branch1, this.branch2]);
    }
    const shuffled = channelShuffle(out, 2);
    out.dispose();
    return shuffled;
  }
}

/** The keyword arguments of `models.ShuffleNetV2`. */
export interface ShuffleNetV2Options {
  numClasses?: number;
  /** The block class or function, called with (inp, oup, stride); InvertedResidual by default. */
  invertedResidual?: LayerFactory;
}

/**
 * The ShuffleNet V2 architecture from [ShuffleNet V2: Practical Guidelines for Efficient CNN Architecture Design](https://arxiv.org/abs/1807.11164).
 *
 * PyTorch: [torchvision.models.shufflenetv2](https://docs.pytorch.org/vision/stable/models/shufflenetv2.html)
 */
export class ShuffleNetV2 extends nn.Module<[x: Tensor], Tensor> {
  readonly _stage_out_channels: number[];
  conv1: torch.nn.Sequential;
  maxpool: torch.nn.MaxPool2d;
  stage2: torch.nn.Sequential;
  stage3: torch.nn.Sequential;
  stage4: torch.nn.Sequential;
  conv5: torch.nn.Sequential;
  fc: torch.nn.Linear;
  constructor(...args: Args<'torchvision.models.ShuffleNetV2'>) {
    super();
    const { stagesRepeats, stagesOutChannels, ...options } = bind('torchvision.models.ShuffleNetV2', args);
    if (!Array.isArray(stagesRepeats) || stagesRepeats.length !== 3) throw new RangeError('expected stages_repeats as list of 3 positive ints');
    if (!Array.isArray(stagesOutChannels) || stagesOutChannels.length !== 5) throw new RangeError('expected stages_out_channels as list of 5 positive ints');
    const numClasses = numClassesOf(options);
    const block = options.invertedResidual ?? InvertedResidual;
    this._stage_out_channels = stagesOutChannels;
    let inputChannels = stagesOutChannels[0];
    this.conv1 = new nn.Sequential(new nn.Conv2d(3, inputChannels, 3, 2, 1, { bias: false }), new nn.BatchNorm2d(inputChannels), new nn.ReLU(true));
    this.maxpool = new nn.MaxPool2d({ kernelSize: 3, stride: 2, padding: 1 });
    const stage = (repeats: number, outputChannels: number) => {
      const seq = [makeLayer(block, 'invertedResidual', inputChannels, outputChannels, 2)];
      for (let i = 0; i < repeats - 1; i++) seq.push(makeLayer(block, 'invertedResidual', outputChannels, outputChannels, 1));
      inputChannels = outputChannels;
      return new nn.Sequential(...seq);
    };
    this.stage2 = stage(stagesRepeats[0], stagesOutChannels[1]);
    this.stage3 = stage(stagesRepeats[1], stagesOutChannels[2]);
    this.stage4 = stage(stagesRepeats[2], stagesOutChannels[3]);
    const outputChannels = stagesOutChannels[4];
    this.conv5 = new nn.Sequential(new nn.Conv2d(inputChannels, outputChannels, 1, 1, 0, { bias: false }), new nn.BatchNorm2d(outputChannels), new nn.ReLU(true));
    this.fc = new nn.Linear(outputChannels, numClasses);
  }
  forward(x: Tensor): Tensor {
    return pipe(x, this.conv1, this.maxpool, this.stage2, this.stage3, this.stage4, this.conv5, (t) => t.mean([2, 3]), this.fc);
  }
}
markPure(InvertedResidual, ShuffleNetV2);

const builder = (name: string, stagesOutChannels: number[]) => (...args: BuilderArgs<ShuffleNetV2Options>) =>
  buildWithWeights(name, args, ['numClasses', 'invertedResidual'], (o: ShuffleNetV2Options) => new ShuffleNetV2([4, 8, 4], stagesOutChannels, o));

export const shufflenet_v2_x0_5 = builder('shufflenet_v2_x0_5', [24, 48, 96, 192, 1024]);
export const shufflenet_v2_x1_0 = builder('shufflenet_v2_x1_0', [24, 116, 232, 464, 1024]);
export const shufflenet_v2_x1_5 = builder('shufflenet_v2_x1_5', [24, 176, 352, 704, 1024]);
export const shufflenet_v2_x2_0 = builder('shufflenet_v2_x2_0', [24, 244, 488, 976, 2048]);
export { shufflenet_v2_x0_5 as shufflenetV2X0_5, shufflenet_v2_x1_0 as shufflenetV2X1_0, shufflenet_v2_x1_5 as shufflenetV2X1_5, shufflenet_v2_x2_0 as shufflenetV2X2_0 };
