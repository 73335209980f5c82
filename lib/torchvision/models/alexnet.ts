// torchvision's AlexNet: features / avgpool / classifier with torchvision's indices, so stateDict()
// keys equal torchvision's; PyTorch's default initialisation (torchvision sets none of its own).
import * as torch from '../../index.js';
import { markPure, pipe } from '../../nn/module.js';
import { bind, type Args } from '../../bind.js';
import { buildWithWeights, numClassesOf, type BuilderArgs, type WeightsArg } from './weights.js';

const { nn } = torch;

/** The keyword arguments of `models.AlexNet`. */
export interface AlexNetOptions {
  numClasses?: number;
  dropout?: number;
}

/**
 * AlexNet from [One weird trick for parallelizing convolutional neural networks](https://arxiv.org/abs/1404.5997) (torchvision's variant); `models.alexnet` builds it.
 *
 * PyTorch: [torchvision.models.alexnet](https://docs.pytorch.org/vision/stable/models/alexnet.html)
 */
export class AlexNet extends nn.Module<[x: torch.Tensor], torch.Tensor> {
  features: torch.nn.Sequential;
  avgpool: torch.nn.AdaptiveAvgPool2d;
  classifier: torch.nn.Sequential;
  constructor(...args: Args<'torchvision.models.AlexNet'>) {
    super();
    const options = bind('torchvision.models.AlexNet', args);
    const numClasses = numClassesOf(options);
    const p = options.dropout ?? 0.5;
    this.features = new nn.Sequential(
      new nn.Conv2d(3, 64, 11, { stride: 4, padding: 2 }), new nn.ReLU(true), new nn.MaxPool2d(3, { stride: 2 }),
      new nn.Conv2d(64, 192, 5, { padding: 2 }), new nn.ReLU(true), new nn.MaxPool2d(3, { stride: 2 }),
      new nn.Conv2d(192, 384, 3, { padding: 1 }), new nn.ReLU(true),
      new nn.Conv2d(384, 256, 3, { padding: 1 }), new nn.ReLU(true),
      new nn.Conv2d(256, 256, 3, { padding: 1 }), new nn.ReLU(true), new nn.MaxPool2d(3, { stride: 2 }),
    );
    this.avgpool = new nn.AdaptiveAvgPool2d([6, 6]);
    this.classifier = new nn.Sequential(
      new nn.Dropout({ p }), new nn.Linear(256 * 6 * 6, 4096), new nn.ReLU(true),
      new nn.Dropout({ p }), new nn.Linear(4096, 4096), new nn.ReLU(true),
      new nn.Linear(4096, numClasses),
    );
  }
  forward(x: torch.Tensor): torch.Tensor {
    return pipe(x, this.features, this.avgpool, (t) => torch.flatten(t, 1), this.classifier);
  }
}
markPure(AlexNet);

/** The keyword arguments of `models.alexnet`. */
export type AlexNetBuilderOptions = AlexNetOptions & WeightsArg;
export const alexnet = (...args: BuilderArgs<AlexNetOptions>) =>
  buildWithWeights('alexnet', args, ['numClasses', 'dropout'], (o: AlexNetOptions) => new AlexNet(o));
