// torchvision's VGG 11/13/16/19, with and without BatchNorm: features / avgpool / classifier with
// torchvision's indices, so stateDict() keys equal torchvision's.
import * as torch from '../../index.js';
import { markPure, pipe } from '../../nn/module.js';
import { bind, type Args } from '../../bind.js';
import { buildWithWeights, numClassesOf, type BuilderArgs, type WeightsArg } from './weights.js';

const { nn } = torch;
type Module = torch.nn.Module;

/** The keyword arguments of `models.VGG`. */
export interface VGGOptions {
  numClasses?: number;
  initWeights?: boolean;
  dropout?: number;
}

/**
 * The VGG architecture from [Very Deep Convolutional Networks for Large-Scale Image Recognition](https://arxiv.org/abs/1409.1556); the `vgg*` builders make it.
 *
 * PyTorch: [torchvision.models.vgg](https://docs.pytorch.org/vision/stable/models/vgg.html)
 */
export class VGG extends nn.Module<[x: torch.Tensor], torch.Tensor> {
  features: torch.nn.Module;
  avgpool: torch.nn.AdaptiveAvgPool2d;
  classifier: torch.nn.Sequential;
  constructor(...args: Args<'torchvision.models.VGG'>) {
    super();
    const { features, ...options } = bind('torchvision.models.VGG', args);
    const numClasses = numClassesOf(options);
    const dropout = options.dropout ?? 0.5;
    this.features = features;
    this.avgpool = new nn.AdaptiveAvgPool2d([7, 7]);
    this.classifier = new nn.Sequential(
      new nn.Linear(512 * 7 * 7, 4096), new nn.ReLU(true), new nn.Dropout({ p: dropout }),
      new nn.Linear(4096, 4096), new nn.ReLU(true), new nn.Dropout({ p: dropout }),
      new nn.Linear(4096, numClasses),
    );
    if (options.initWeights ?? true) {
      for (const m of this.modules()) {
        if (m instanceof nn.Conv2d) {
          nn.init.kaimingNormal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
          if (m.bias) nn.init.constant_(m.bias, 0);
        } else if (m instanceof nn.BatchNorm2d) {
          nn.init.constant_(m.weight!, 1);
          nn.init.constant_(m.bias!, 0);
        } else if (m instanceof nn.Linear) {
          nn.init.normal_(m.weight, 0, 0.01);
          nn.init.constant_(m.bias!, 0);
        }
      }
    }
  }
  forward(x: torch.Tensor): torch.Tensor {
    return pipe(x, this.features, this.avgpool, (t) => torch.flatten(t, 1), this.classifier);
  }
}
markPure(VGG);

/**
 * VGG's feature extractor from a configuration (channel counts and 'M' for max-pooling), as torchvision's `vgg.make_layers`.
 */
export function makeLayers(cfg: (number | 'M')[], batchNorm = false): torch.nn.Sequential {
  const layers: Module[] = [];
  let inChannels = 3;
  for (const v of cfg) {
    if (v === 'M') layers.push(new nn.MaxPool2d(2, { stride: 2 }));
    else {
      layers.push(new nn.Conv2d(inChannels, v, 3, { padding: 1 }));
      if (batchNorm) layers.push(new nn.BatchNorm2d(v));
      layers.push(new nn.ReLU(true));
      inChannels = v;
    }
  }
  return new nn.Sequential(...layers);
}

const CFGS: Record<'A' | 'B' | 'D' | 'E', (number | 'M')[]> = {
  A: [64, 'M', 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  B: [64, 64, 'M', 128, 128, 'M', 256, 256, 'M', 512, 512, 'M', 512, 512, 'M'],
  D: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'],
  E: [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 256, 'M', 512, 512, 512, 512, 'M', 512, 512, 512, 512, 'M'],
};

/** The keyword arguments of `models.vgg16` and the other VGG builders. */
export type VGGBuilderOptions = VGGOptions & WeightsArg;
const builder = (name: string, cfg: keyof typeof CFGS, batchNorm: boolean) => (...args: BuilderArgs<VGGOptions>) =>
  // torchvision skips its own initialisation when weights are loaded over it
  buildWithWeights(name, args, ['numClasses', 'initWeights', 'dropout'], (o: VGGOptions, loadsWeights) =>
    new VGG(makeLayers(CFGS[cfg], batchNorm), { ...o, initWeights: o.initWeights ?? !loadsWeights }));

export const vgg11 = builder('vgg11', 'A', false);
export const vgg11_bn = builder('vgg11_bn', 'A', true);
export const vgg13 = builder('vgg13', 'B', false);
export const vgg13_bn = builder('vgg13_bn', 'B', true);
export const vgg16 = builder('vgg16', 'D', false);
export const vgg16_bn = builder('vgg16_bn', 'D', true);
export const vgg19 = builder('vgg19', 'E', false);
export const vgg19_bn = builder('vgg19_bn', 'E', true);
export { vgg11_bn as vgg11Bn, vgg13_bn as vgg13Bn, vgg16_bn as vgg16Bn, vgg19_bn as vgg19Bn };
