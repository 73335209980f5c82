// torchvision's DenseNet 121/161/169/201: the features Sequential with torchvision's names
// (conv0 … denseblock1 … transition1 … norm5), so stateDict() keys equal torchvision's, and
// torchvision's renaming of the old weight files' keys (norm.1 → norm1) when its weights load.
import * as torch from '../../index.js';
import { markPure, pipe } from '../../nn/module.js';
import { bind, type Args } from '../../bind.js';
import { buildWithWeights, numClassesOf, type BuilderArgs, type WeightsArg } from './weights.js';

const { nn } = torch;
const F = torch.nn.functional;

/** One layer of a dense block: BN-ReLU-1×1 conv over all earlier features, then BN-ReLU-3×3 conv. */
class _DenseLayer extends nn.Module<[features: torch.Tensor[]], torch.Tensor> {
  norm1: torch.nn.BatchNorm2d;
  relu1: torch.nn.ReLU;
  conv1: torch.nn.Conv2d;
  norm2: torch.nn.BatchNorm2d;
  relu2: torch.nn.ReLU;
  conv2: torch.nn.Conv2d;
  readonly dropRate: number;
  constructor(numInputFeatures: number, growthRate: number, bnSize: number, dropRate: number) {
    super();
    this.norm1 = new nn.BatchNorm2d(numInputFeatures);
    this.relu1 = new nn.ReLU(true);
    this.conv1 = new nn.Conv2d(numInputFeatures, bnSize * growthRate, 1, { stride: 1, bias: false });
    this.norm2 = new nn.BatchNorm2d(bnSize * growthRate);
    this.relu2 = new nn.ReLU(true);
    this.conv2 = new nn.Conv2d(bnSize * growthRate, growthRate, 3, { stride: 1, padding: 1, bias: false });
    this.dropRate = dropRate;
  }
  forward(input: torch.Tensor | torch.Tensor[]): torch.Tensor {
    const features = input instanceof torch.Tensor ? [input] : input;
    const concated = features.length === 1 ? features[0]! : torch.cat(features, 1);
    const out = pipe(concated, this.norm1, this.relu1, this.conv1, this.norm2, this.relu2, this.conv2);
    if (concated !== features[0]) concated.dispose();
    if (!(this.dropRate > 0)) return out;
    const dropped = F.dropout(out, { p: this.dropRate, training: this.training });
    if (dropped !== out) out.dispose();
    return dropped;
  }
}

/** A dense block: each layer (denselayer1, …) sees the concatenation of the block's input and every earlier layer's output. */
class _DenseBlock extends nn.Module<[initFeatures: torch.Tensor], torch.Tensor> {
  constructor(numLayers: number, numInputFeatures: number, bnSize: number, growthRate: number, dropRate: number) {
    super();
    for (let i = 0; i < numLayers; i++) {
      this.addModule(`denselayer${i + 1}`, new _DenseLayer(numInputFeatures + i * growthRate, growthRate, bnSize, dropRate));
    }
  }
  forward(initFeatures: torch.Tensor): torch.Tensor {
    const features = [initFeatures];
    for (const layer of this.children()) features.push((layer as _DenseLayer)(features));
    const out = torch.cat(features, 1);
    for (const f of features.slice(1)) f.dispose();
    return out;
  }
}

/** The transition between dense blocks: BN-ReLU-1×1 conv halving the channels, then 2×2 average pooling. */
class _Transition extends nn.Sequential {
  constructor(numInputFeatures: number, numOutputFeatures: number) {
    super({
      norm: new nn.BatchNorm2d(numInputFeatures),
      relu: new nn.ReLU(true),
      conv: new nn.Conv2d(numInputFeatures, numOutputFeatures, 1, { stride: 1, bias: false }),
      pool: new nn.AvgPool2d(2, { stride: 2 }),
    });
  }
}

/** The keyword arguments of `models.DenseNet`. */
export interface DenseNetOptions {
  growthRate?: number;
  blockConfig?: [number, number, number, number];
  numInitFeatures?: number;
  bnSize?: number;
  dropRate?: number;
  numClasses?: number;
  /** torchvision's gradient checkpointing: torch-node has no torch.utils.checkpoint, so only false */
  memoryEfficient?: boolean;
}

/**
 * DenseNet from [Densely Connected Convolutional Networks](https://arxiv.org/abs/1608.06993); the `densenet*` builders make it.
 *
 * PyTorch: [torchvision.models.densenet](https://docs.pytorch.org/vision/stable/models/densenet.html)
 */
export class DenseNet extends nn.Module<[x: torch.Tensor], torch.Tensor> {
  features: torch.nn.Sequential;
  classifier: torch.nn.Linear;
  constructor(...args: Args<'torchvision.models.DenseNet'>) {
    super();
    const options = bind('torchvision.models.DenseNet', args);
    const { growthRate, blockConfig, numInitFeatures, bnSize, dropRate, memoryEfficient } = options;
    const numClasses = numClassesOf(options);
    if (memoryEfficient) throw new RangeError('memoryEfficient=true needs torch.utils.checkpoint, which torch-node does not have: leave it false (the outputs are the same)');
    this.features = new nn.Sequential({
      conv0: new nn.Conv2d(3, numInitFeatures, 7, { stride: 2, padding: 3, bias: false }),
      norm0: new nn.BatchNorm2d(numInitFeatures),
      relu0: new nn.ReLU(true),
      pool0: new nn.MaxPool2d(3, { stride: 2, padding: 1 }),
    });
    let numFeatures = numInitFeatures;
    blockConfig.forEach((numLayers, i) => {
      this.features.addModule(`denseblock${i + 1}`, new _DenseBlock(numLayers, numFeatures, bnSize, growthRate, dropRate));
      numFeatures += numLayers * growthRate;
      if (i !== blockConfig.length - 1) {
        this.features.addModule(`transition${i + 1}`, new _Transition(numFeatures, Math.floor(numFeatures / 2)));
        numFeatures = Math.floor(numFeatures / 2);
      }
    });
    this.features.addModule('norm5', new nn.BatchNorm2d(numFeatures));
    this.classifier = new nn.Linear(numFeatures, numClasses);
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) nn.init.kaimingNormal_(m.weight);
      else if (m instanceof nn.BatchNorm2d) {
        nn.init.constant_(m.weight!, 1);
        nn.init.constant_(m.bias!, 0);
      } else if (m instanceof nn.Linear) nn.init.constant_(m.bias!, 0);
    }
  }
  forward(x: torch.Tensor): torch.Tensor {
    return pipe(x, this.features, (t) => F.relu(t, { inplace: true }), (t) => F.adaptiveAvgPool2d(t, [1, 1]), (t) => torch.flatten(t, 1), this.classifier);
  }
}
markPure(_DenseLayer, _DenseBlock, _Transition, DenseNet);

// torchvision's _load_state_dict: its weight files name a dense layer's modules norm.1, conv.2, …
const LEGACY_KEY = /^(.*denselayer\d+\.(?:norm|relu|conv))\.((?:[12])\.(?:weight|bias|running_mean|running_var))$/;
function renameLegacyKeys(stateDict: Record<string, torch.Tensor>): Record<string, torch.Tensor> {
  return Object.fromEntries(Object.entries(stateDict).map(([k, v]) => {
    const m = LEGACY_KEY.exec(k);
    return [m ? m[1]! + m[2]! : k, v];
  }));
}

/** The keyword arguments of `models.densenet121` and the other DenseNet builders. */
export type DenseNetBuilderOptions = Omit<DenseNetOptions, 'growthRate' | 'blockConfig' | 'numInitFeatures'> & WeightsArg;
const builder = (name: string, growthRate: number, blockConfig: [number, number, number, number], numInitFeatures: number) =>
  (...args: BuilderArgs<Omit<DenseNetOptions, 'growthRate' | 'blockConfig' | 'numInitFeatures'>>) =>
    buildWithWeights(name, args, ['numClasses', 'bnSize', 'dropRate', 'memoryEfficient'],
      (o: DenseNetOptions) => new DenseNet({ ...o, growthRate, blockConfig, numInitFeatures }), renameLegacyKeys);

export const densenet121 = builder('densenet121', 32, [6, 12, 24, 16], 64);
export const densenet161 = builder('densenet161', 48, [6, 12, 36, 24], 96);
export const densenet169 = builder('densenet169', 32, [6, 12, 32, 32], 64);
export const densenet201 = builder('densenet201', 32, [6, 12, 48, 32], 64);
