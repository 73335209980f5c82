// torchvision's SqueezeNet 1.0 and 1.1, module for module (Fire blocks), with its initialisation.
import * as torch from '../../index.js';
import { concatBranches, markPure, pipe } from '../../nn/module.js';
import { bind, type Args } from '../../bind.js';
import { buildWithWeights, numClassesOf, type BuilderArgs, type WeightsArg } from './weights.js';

const { nn } = torch;

/** SqueezeNet's Fire module: a 1×1 squeeze, then 1×1 and 3×3 expansions concatenated. */
export class Fire extends nn.Module<[x: torch.Tensor], torch.Tensor> {
  readonly inplanes: number;
  squeeze: torch.nn.Conv2d;
  squeeze_activation: torch.nn.ReLU;
  expand1x1: torch.nn.Conv2d;
  expand1x1_activation: torch.nn.ReLU;
  expand3x3: torch.nn.Conv2d;
  expand3x3_activation: torch.nn.ReLU;
  constructor(...args: Args<'torchvision.models.squeezenet.Fire'>) {
    super();
    const { inplanes, squeezePlanes, expand1x1Planes, expand3x3Planes } = bind('torchvision.models.squeezenet.Fire', args);
    this.inplanes = inplanes;
    this.squeeze = new nn.Conv2d(inplanes, squeezePlanes, 1);
    this.squeeze_activation = new nn.ReLU(true);
    this.expand1x1 = new nn.Conv2d(squeezePlanes, expand1x1Planes, 1);
    this.expand1x1_activation = new nn.ReLU(true);
    this.expand3x3 = new nn.Conv2d(squeezePlanes, expand3x3Planes, 3, { padding: 1 });
    this.expand3x3_activation = new nn.ReLU(true);
  }
  forward(x: torch.Tensor): torch.Tensor {
    const s = pipe(x, this.squeeze, this.squeeze_activation);
    const out = concatBranches(s, [(t) => pipe(t, this.expand1x1, this.expand1x1_activation), (t) => pipe(t, this.expand3x3, this.expand3x3_activation)]);
    if (s !== x) s.dispose();
    return out;
  }
}

/** The keyword arguments of `models.SqueezeNet`. */
export interface SqueezeNetOptions {
  numClasses?: number;
  dropout?: number;
}

/**
 * SqueezeNet from [SqueezeNet: AlexNet-level accuracy with 50x fewer parameters and <0.5MB model size](https://arxiv.org/abs/1602.07360); `models.squeezenet1_0` and `squeezenet1_1` build it.
 *
 * PyTorch: [torchvision.models.squeezenet](https://docs.pytorch.org/vision/stable/models/squeezenet.html)
 */
export class SqueezeNet extends nn.Module<[x: torch.Tensor], torch.Tensor> {
  readonly numClasses: number;
  features: torch.nn.Sequential;
  classifier: torch.nn.Sequential;
  constructor(...args: Args<'torchvision.models.SqueezeNet'>) {
    super();
    const { version, ...options } = bind('torchvision.models.SqueezeNet', args);
    const numClasses = numClassesOf(options);
    this.numClasses = numClasses;
    const pool = () => new nn.MaxPool2d(3, { stride: 2, ceilMode: true });
    if (version === '1_0') {
      this.features = new nn.Sequential(
        new nn.Conv2d(3, 96, 7, { stride: 2 }), new nn.ReLU(true), pool(),
        new Fire(96, 16, 64, 64), new Fire(128, 16, 64, 64), new Fire(128, 32, 128, 128), pool(),
        new Fire(256, 32, 128, 128), new Fire(256, 48, 192, 192), new Fire(384, 48, 192, 192), new Fire(384, 64, 256, 256), pool(),
        new Fire(512, 64, 256, 256),
      );
    } else if (version === '1_1') {
      this.features = new nn.Sequential(
        new nn.Conv2d(3, 64, 3, { stride: 2 }), new nn.ReLU(true), pool(),
        new Fire(64, 16, 64, 64), new Fire(128, 16, 64, 64), pool(),
        new Fire(128, 32, 128, 128), new Fire(256, 32, 128, 128), pool(),
        new Fire(256, 48, 192, 192), new Fire(384, 48, 192, 192), new Fire(384, 64, 256, 256), new Fire(512, 64, 256, 256),
      );
    } else throw new RangeError(`Unsupported SqueezeNet version ${version}: 1_0 or 1_1 expected`);
    const finalConv = new nn.Conv2d(512, numClasses, 1);
    this.classifier = new nn.Sequential(new nn.Dropout({ p: options.dropout ?? 0.5 }), finalConv, new nn.ReLU(true), new nn.AdaptiveAvgPool2d([1, 1]));
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) {
        if (m === finalConv) nn.init.normal_(m.weight, 0, 0.01);
        else nn.init.kaimingUniform_(m.weight);
        if (m.bias) nn.init.constant_(m.bias, 0);
      }
    }
  }
  forward(x: torch.Tensor): torch.Tensor {
    return pipe(x, this.features, this.classifier, (t) => torch.flatten(t, 1));
  }
}
markPure(Fire, SqueezeNet);

/** The keyword arguments of `models.squeezenet1_0` and `squeezenet1_1`. */
export type SqueezeNetBuilderOptions = SqueezeNetOptions & WeightsArg;
const builder = (name: string, version: '1_0' | '1_1') => (...args: BuilderArgs<SqueezeNetOptions>) =>
  buildWithWeights(name, args, ['numClasses', 'dropout'], (o: SqueezeNetOptions) => new SqueezeNet(version, o));
export const squeezenet1_0 = builder('squeezenet1_0', '1_0');
export const squeezenet1_1 = builder('squeezenet1_1', '1_1');
