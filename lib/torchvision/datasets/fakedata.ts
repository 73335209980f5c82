// torchvision.datasets.FakeData: random images drawn from a seed per index, so each item is the
// same every time and the same as torchvision's (pytorch/examples' imagenet script trains on it with
// --dummy). The draw saves and restores the global generator, as torchvision's does.
import * as torch from '../../index.js';
import { Image } from '../image.js';
import { ToPILImage } from '../transforms/index.js';
import { badArg } from '../../errors.js';
import { bind, type Args } from '../../bind.js';

/**
 * A dataset of `size` random images of `imageSize` ([channels, height, width]) with random targets in
 * [0, numClasses), item i drawn from seed i + randomOffset: torchvision's images and targets.
 */
export class FakeData extends torch.utils.data.Dataset<[any, any]> {
  readonly size: number;
  readonly imageSize: number[];
  readonly numClasses: number;
  readonly transform: ((img: Image) => any) | null;
  readonly targetTransform: ((target: torch.Tensor) => any) | null;
  readonly randomOffset: number;
  /** FakeData(size=1000, image_size=(3, 224, 224), num_classes=10, transform=None, target_transform=None, random_offset=0) */
  constructor(...args: Args<'torchvision.datasets.FakeData'>) {
    super();
    const a = bind('torchvision.datasets.FakeData', args, { name: 'FakeData' });
    const count = (v: unknown, name: string) => (Number.isInteger(v) && (v as number) >= 0 ? (v as number) : badArg('a non-negative integer', name, v));
    this.size = count(a.size, 'size');
    if (!Array.isArray(a.imageSize) || !a.imageSize.every((v) => Number.isInteger(v) && v >= 0)) badArg('[channels, height, width]', 'imageSize', a.imageSize);
    this.imageSize = [...a.imageSize];
    this.numClasses = count(a.numClasses, 'numClasses');
    this.transform = a.transform ?? null;
    this.targetTransform = a.targetTransform ?? null;
    this.randomOffset = Number.isInteger(a.randomOffset) ? a.randomOffset : badArg('an integer', 'randomOffset', a.randomOffset);
  }
  get length(): number {
    return this.size;
  }
  getItem(index: number): [any, any] {
    if (!Number.isInteger(index)) badArg('an integer', 'index', index);
    if (index >= this.size) throw new RangeError(`${this.constructor.name} index out of range`);
    const state = torch.getRngState();
    let img: torch.Tensor, target: torch.Tensor;
    try {
      torch.manualSeed(index + this.randomOffset);
      img = torch.randn(this.imageSize);
      target = torch.randint(0, this.numClasses, [1], { dtype: torch.int64 }).index(0);
    } finally {
      torch.setRngState(state);
    }
    const pic = new ToPILImage()(img);
    const out = this.transform ? this.transform(pic) : pic;
    // torchvision hands target_transform the 0-dim tensor and takes .item() of what it returns
    const t = this.targetTransform ? this.targetTransform(target) : target;
    return [out, (t as torch.Tensor).item()];
  }
}
