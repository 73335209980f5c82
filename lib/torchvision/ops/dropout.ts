// torchvision.ops' structured dropouts: stochastic depth (whole residual branches) and DropBlock
// (square or cubic patches), drawing their noise as torchvision does so a seed gives the same mask.
import * as torch from '../../index.js';
import { Module, markPure } from '../../nn/module.js';
import { bind, type Args } from '../../bind.js';
import { pyFloat, pyValue } from '../../nn/repr.js';

const { functional: F } = torch.nn;

function checkP(p: number, comma = ''): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`drop probability has to be between 0 and 1, but got ${pyFloat(p)}${comma}`);
}

/** Zeroes each row (mode 'row') or the whole batch (mode 'batch') with probability p, scaling survivors by 1/(1-p). */
export function stochasticDepth(...args: Args<'torchvision.ops.stochasticDepth'>): torch.Tensor {
  const { input, p, mode, training } = bind('torchvision.ops.stochasticDepth', args);
  checkP(p);
  if (mode !== 'batch' && mode !== 'row') throw new RangeError(`mode has to be either 'batch' or 'row', but got ${mode}`);
  if (!training || p === 0) return input;
  const survival = 1 - p;
  const size = mode === 'row' ? [input.size(0), ...Array(input.dim() - 1).fill(1)] : Array(input.dim()).fill(1);
  const noise = torch.empty(size, { dtype: input.dtype, device: input.device }).bernoulli_(survival);
  if (survival > 0) noise.div_(survival);
  return input.mul(noise);
}

/** torchvision.ops.StochasticDepth: stochasticDepth as a module (active while training). */
export class StochasticDepth extends Module<[input: torch.Tensor], torch.Tensor> {
  declare p: number;
  declare mode: string;
  constructor(...args: Args<'torchvision.ops.StochasticDepth'>) {
    super();
    const { p, mode } = bind('torchvision.ops.StochasticDepth', args);
    this.p = p;
    this.mode = mode;
  }
  forward(input: torch.Tensor): torch.Tensor {
    return stochasticDepth(input, this.p, this.mode, this.training);
  }
  toString(): string {
    return `StochasticDepth(p=${pyFloat(this.p)}, mode=${this.mode})`;
  }
}

function dropBlock(input: torch.Tensor, p: number, blockSize: number, inplace: boolean, eps: number, training: boolean, dims: 2 | 3): torch.Tensor {
  checkP(p, '.');
  if (!(input instanceof torch.Tensor) || input.dim() !== dims + 2) throw new RangeError(`input should be ${dims + 2} dimensional. Got ${input instanceof torch.Tensor ? input.dim() : 'no'} dimensions.`);
  if (!training || p === 0) return input;
  const spatial = input.shape.slice(2);
  const block = Math.min(blockSize, ...spatial.slice().reverse());
  if (block % 2 === 0) throw new RangeError(`block size should be odd. Got ${block} which is even.`);
  const valid = spatial.map((s) => s - block + 1);
  const gamma = (p * spatial.reduce((x, y) => x * y, 1)) / (block ** dims * valid.reduce((x, y) => x * y, 1));
  let noise = torch.empty([input.size(0), input.size(1), ...valid], { dtype: input.dtype, device: input.device }).bernoulli_(gamma);
  const half = Math.floor(block / 2);
  noise = F.pad(noise, Array(2 * dims).fill(half), { value: 0 });
  noise = dims === 2
    ? F.maxPool2d(noise, { kernelSize: [block, block], stride: [1, 1], padding: half })
    : F.maxPool3d(noise, { kernelSize: [block, block, block], stride: [1, 1, 1], padding: half });
  noise = noise.neg().add(1);
  const scale = noise.sum().add(eps).reciprocal().mul(noise.numel());
  return inplace ? input.mul_(noise).mul_(scale) : input.mul(noise).mul(scale);
}
/** DropBlock on N×C×H×W: zeroes blockSize² patches so that about p of the map is dropped. */
export function dropBlock2d(...args: Args<'torchvision.ops.dropBlock2d'>): torch.Tensor {
  const a = bind('torchvision.ops.dropBlock2d', args);
  return dropBlock(a.input, a.p, a.blockSize, a.inplace, a.eps, a.training, 2);
}
/** DropBlock on N×C×D×H×W: zeroes blockSize³ cubes so that about p of the volume is dropped. */
export function dropBlock3d(...args: Args<'torchvision.ops.dropBlock3d'>): torch.Tensor {
  const a = bind('torchvision.ops.dropBlock3d', args);
  return dropBlock(a.input, a.p, a.blockSize, a.inplace, a.eps, a.training, 3);
}

/** torchvision.ops.DropBlock2d: dropBlock2d as a module (active while training). */
export class DropBlock2d extends Module<[input: torch.Tensor], torch.Tensor> {
  declare p: number;
  declare blockSize: number;
  declare inplace: boolean;
  declare eps: number;
  constructor(...args: Args<'torchvision.ops.DropBlock2d'>) {
    super();
    const a = bind(new.target === DropBlock3d ? 'torchvision.ops.DropBlock3d' : 'torchvision.ops.DropBlock2d', args);
    this.p = a.p;
    this.blockSize = a.blockSize;
    this.inplace = a.inplace;
    this.eps = a.eps;
  }
  forward(input: torch.Tensor): torch.Tensor {
    return dropBlock(input, this.p, this.blockSize, this.inplace, this.eps, this.training, 2);
  }
  toString(): string {
    return `${this.constructor.name}(p=${pyFloat(this.p)}, block_size=${this.blockSize}, inplace=${pyValue(this.inplace)})`;
  }
}
/** torchvision.ops.DropBlock3d: dropBlock3d as a module (active while training). */
export class DropBlock3d extends DropBlock2d {
  forward(input: torch.Tensor): torch.Tensor {
    return dropBlock(input, this.p, this.blockSize, this.inplace, this.eps, this.training, 3);
  }
}
markPure(StochasticDepth, DropBlock2d, DropBlock3d);
