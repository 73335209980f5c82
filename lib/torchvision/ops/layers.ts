// torchvision.ops' building blocks (torchvision/ops/misc.py): conv-norm-activation stacks,
// squeeze-and-excitation, MLP, Permute and FrozenBatchNorm2d, with torchvision's layer names so
// state dicts load both ways.
import * as torch from '../../index.js';
import { Module, markPure, pipe } from '../../nn/module.js';
import { describe } from '../../errors.js';
import { bind, type Args } from '../../bind.js';
import { pyFloat } from '../../nn/repr.js';

const { nn } = torch;

/**
 * What torchvision's norm_layer / activation_layer parameters take: a module class such as
 * `nn.BatchNorm2d` or `nn.ReLU`, or a function that returns a module (Python's functools.partial).
 */
export type LayerFactory = (new (...args: any[]) => Module) | ((...args: any[]) => Module);

/** @internal Makes a module from a LayerFactory: `new` for a class, a call for a function. */
export function makeLayer(factory: LayerFactory, name: string, ...args: unknown[]): Module {
  if (typeof factory !== 'function') throw new TypeError(`Expected a module class or a function returning a module for ${name} but received ${describe(factory)}`);
  const isClass = factory.prototype instanceof Module || /^class[\s{]/.test(Function.prototype.toString.call(factory));
  const m = isClass ? new (factory as new (...a: unknown[]) => Module)(...args) : (factory as (...a: unknown[]) => Module)(...args);
  if (!(m instanceof Module)) throw new TypeError(`Expected ${name} to make a Module but it returned ${describe(m)}`);
  return m;
}
/**
 * @internal A block's convolution as torchvision's models make theirs: `conv_block(in_channels,
 * out_channels, kernel_size=k, **kwargs)`, the kernel size and the rest by keyword.
 */
export function convMaker(factory: LayerFactory, name: string) {
  return (i: number, o: number, kernelSize: number | number[], opts: { stride?: number | number[]; padding?: number | number[] } = {}): Module =>
    makeLayer(factory, name, i, o, { kernelSize, ...opts });
}
const inplaceArgs = (inplace: boolean | null | undefined) => (inplace === null || inplace === undefined ? [] : [{ inplace }]);

type Size = number | number[];
function convNormActivation(dims: 2 | 3, a: {
  inChannels: number; outChannels: number; kernelSize: Size; stride: Size; padding: Size | string | null; groups: number;
  normLayer?: LayerFactory | null; activationLayer?: LayerFactory | null; dilation: Size; inplace: boolean | null; bias: boolean | null;
}): Module[] {
  const normLayer = a.normLayer === undefined ? (dims === 2 ? nn.BatchNorm2d : nn.BatchNorm3d) : a.normLayer;
  const activationLayer = a.activationLayer === undefined ? nn.ReLU : a.activationLayer;
  let padding = a.padding;
  if (padding === null) {
    const { kernelSize: k, dilation: d } = a;
    if (typeof k === 'number' && typeof d === 'number') padding = Math.floor((k - 1) / 2) * d;
    else {
      const n = Array.isArray(k) ? k.length : (d as number[]).length;
      const ks = typeof k === 'number' ? Array(n).fill(k) : k, ds = typeof d === 'number' ? Array(n).fill(d) : d;
      padding = ks.map((ki, i) => Math.floor((ki - 1) / 2) * ds[i]);
    }
  }
  const bias = a.bias === null ? normLayer === null : a.bias;
  // sizes are checked by the convolution's own binder
  const conv = { inChannels: a.inChannels, outChannels: a.outChannels, kernelSize: a.kernelSize, stride: a.stride, padding, dilation: a.dilation, groups: a.groups, bias } as never;
  const layers: Module[] = [dims === 2 ? new nn.Conv2d(conv) : new nn.Conv3d(conv)];
  if (normLayer !== null) layers.push(makeLayer(normLayer, 'normLayer', a.outChannels));
  if (activationLayer !== null) layers.push(makeLayer(activationLayer, 'activationLayer', ...inplaceArgs(a.inplace)));
  return layers;
}

/** torchvision.ops.Conv2dNormActivation: Conv2d, then a norm layer (BatchNorm2d) and an activation (ReLU), as a Sequential. */
export class Conv2dNormActivation extends nn.Sequential {
  readonly outChannels: number;
  constructor(...args: Args<'torchvision.ops.Conv2dNormActivation'>) {
    const a = bind('torchvision.ops.Conv2dNormActivation', args);
    super(...convNormActivation(2, a));
    this.outChannels = a.outChannels;
  }
}
/** torchvision.ops.Conv3dNormActivation: Conv3d, then a norm layer (BatchNorm3d) and an activation (ReLU), as a Sequential. */
export class Conv3dNormActivation extends nn.Sequential {
  readonly outChannels: number;
  constructor(...args: Args<'torchvision.ops.Conv3dNormActivation'>) {
    const a = bind('torchvision.ops.Conv3dNormActivation', args);
    super(...convNormActivation(3, a));
    this.outChannels = a.outChannels;
  }
}

/** torchvision.ops.SqueezeExcitation: scales each channel by a gate computed from its global average. */
export class SqueezeExcitation extends Module<[input: torch.Tensor], torch.Tensor> {
  avgpool: torch.nn.AdaptiveAvgPool2d;
  fc1: torch.nn.Conv2d;
  fc2: torch.nn.Conv2d;
  activation: Module;
  scale_activation: Module;
  constructor(...args: Args<'torchvision.ops.SqueezeExcitation'>) {
    super();
    const a = bind('torchvision.ops.SqueezeExcitation', args);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    this.fc1 = new nn.Conv2d(a.inputChannels, a.squeezeChannels, 1);
    this.fc2 = new nn.Conv2d(a.squeezeChannels, a.inputChannels, 1);
    this.activation = makeLayer(a.activation ?? nn.ReLU, 'activation');
    this.scale_activation = makeLayer(a.scaleActivation ?? nn.Sigmoid, 'scaleActivation');
  }
  forward(input: torch.Tensor): torch.Tensor {
    const scale = pipe(input, this.avgpool, this.fc1, this.activation, this.fc2, this.scale_activation);
    const out = scale.mul(input);
    scale.dispose();
    return out;
  }
}

/** torchvision.ops.MLP: Linear (norm) activation Dropout per hidden layer, then Linear and Dropout. */
export class MLP extends nn.Sequential {
  constructor(...args: Args<'torchvision.ops.MLP'>) {
    const a = bind('torchvision.ops.MLP', args);
    const hidden = a.hiddenChannels;
    if (!Array.isArray(hidden) || hidden.length === 0 || !hidden.every((h) => Number.isInteger(h) && h > 0)) {
      throw new TypeError(`Expected a non-empty array of positive integers for hiddenChannels but received ${describe(hidden)}`);
    }
    const activationLayer = a.activationLayer === undefined ? nn.ReLU : a.activationLayer;
    const layers: Module[] = [];
    let inDim = a.inChannels;
    for (const h of hidden.slice(0, -1)) {
      layers.push(new nn.Linear(inDim, h, { bias: a.bias }));
      if (a.normLayer) layers.push(makeLayer(a.normLayer, 'normLayer', h));
      // torchvision calls activation_layer here even when it is None (and fails); so does this
      layers.push(makeLayer(activationLayer as LayerFactory, 'activationLayer', ...inplaceArgs(a.inplace)));
      layers.push(new nn.Dropout({ p: a.dropout, ...inplaceArgs(a.inplace)[0] }));
      inDim = h;
    }
    layers.push(new nn.Linear(inDim, hidden[hidden.length - 1], { bias: a.bias }));
    layers.push(new nn.Dropout({ p: a.dropout, ...inplaceArgs(a.inplace)[0] }));
    super(...layers);
  }
}

/** torchvision.ops.Permute: torch.permute as a layer. */
export class Permute extends Module<[x: torch.Tensor], torch.Tensor> {
  declare dims: number[];
  constructor(...args: Args<'torchvision.ops.Permute'>) {
    super();
    const { dims } = bind('torchvision.ops.Permute', args);
    if (!Array.isArray(dims) || !dims.every(Number.isInteger)) throw new TypeError(`Expected an array of integers for dims but received ${describe(dims)}`);
    this.dims = dims;
  }
  forward(x: torch.Tensor): torch.Tensor {
    return torch.permute(x, this.dims);
  }
}

/** torchvision.ops.FrozenBatchNorm2d: BatchNorm2d with fixed statistics and affine parameters, all buffers. */
export class FrozenBatchNorm2d extends Module<[x: torch.Tensor], torch.Tensor> {
  declare eps: number;
  declare weight: torch.Tensor;
  declare bias: torch.Tensor;
  declare running_mean: torch.Tensor;
  declare running_var: torch.Tensor;
  constructor(...args: Args<'torchvision.ops.FrozenBatchNorm2d'>) {
    super();
    const { numFeatures, eps } = bind('torchvision.ops.FrozenBatchNorm2d', args);
    this.eps = eps;
    this.registerBuffer('weight', torch.ones(numFeatures));
    this.registerBuffer('bias', torch.zeros(numFeatures));
    this.registerBuffer('running_mean', torch.zeros(numFeatures));
    this.registerBuffer('running_var', torch.ones(numFeatures));
  }
  checkpointKeysIgnored(): readonly string[] {
    return ['num_batches_tracked'];
  }
  forward(x: torch.Tensor): torch.Tensor {
    const col = (t: torch.Tensor) => t.reshape([1, -1, 1, 1]);
    const scale = col(this.weight).mul(col(this.running_var).add(this.eps).rsqrt());
    const bias = col(this.bias).sub(col(this.running_mean).mul(scale));
    return x.mul(scale).add(bias);
  }
  toString(): string {
    return `FrozenBatchNorm2d(${this.weight.size(0)}, eps=${pyFloat(this.eps)})`;
  }
}
markPure(Conv2dNormActivation, Conv3dNormActivation, SqueezeExcitation, MLP, Permute, FrozenBatchNorm2d);
