// The image type datasets return before ToTensor: what a PIL image is in torchvision — pixels
// as an H×W×C uint8 tensor, with a mode ('L' grey, 'RGB'). Transforms take an Image (PIL
// semantics) or a C×H×W tensor (torchvision's tensor semantics), as torchvision's do.
import { inspect } from 'node:util';
import * as torch from '../index.js';

export type ImageMode = 'L' | 'RGB';

export class Image {
  /** H×W×C uint8 pixels */
  readonly data: torch.Tensor;
  readonly mode: ImageMode;
  constructor(data: torch.Tensor, mode?: ImageMode) {
    if (!(data instanceof torch.Tensor) || data.dtype !== torch.uint8) throw new TypeError('Image data must be a uint8 Tensor');
    const d = data.dim() === 2 ? data.unsqueeze(2) : data;
    if (d.dim() !== 3 || ![1, 3].includes(d.size(2))) throw new RangeError(`Image data must be H×W or H×W×C with C 1 or 3, got [${data.shape}]`);
    this.data = d;
    this.mode = mode ?? (d.size(2) === 1 ? 'L' : 'RGB');
  }
  get width(): number {
    return this.data.size(1);
  }
  get height(): number {
    return this.data.size(0);
  }
  /** PIL's size: [width, height] */
  get size(): [number, number] {
    return [this.width, this.height];
  }
  [inspect.custom]() {
    return `<Image mode=${this.mode} size=${this.width}x${this.height}>`;
  }
}
