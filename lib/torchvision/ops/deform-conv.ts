// torchvision.ops.deform_conv2d / DeformConv2d (Deformable ConvNets v1, and v2 with a mask): each
// kernel tap reads the input at its own learned offset. Written as torchvision's CPU kernel
// computes it (deformable_im2col: bilinear samples, zero outside the map, one offset field per
// offset group), then a grouped matrix product; autograd gives input, offset, mask and weight
// gradients.
import * as torch from '../../index.js';
import { Module, markPure } from '../../nn/module.js';
import { describe } from '../../errors.js';
import { bind, type Args } from '../../bind.js';
import { Parameter } from '../../nn/parameter.js';
import { pair } from './roi-align.js';
import { resetKaimingUniform } from '../../nn/layers/common.js';

const pairOf = (v: unknown, name: string): [number, number] => {
  const p = typeof v === 'number' ? [v, v] : v;
  if (!Array.isArray(p) || p.length !== 2 || !p.every((x) => Number.isInteger(x) && x >= 0)) throw new TypeError(`Expected a non-negative integer or a pair of them for ${name} but received ${describe(v)}`);
  return p as [number, number];
};
const tensorArg = (t: unknown, dims: number, name: string): torch.Tensor => {
  if (!(t instanceof torch.Tensor) || t.dim() !== dims) throw new TypeError(`Expected a ${dims}-D Tensor for ${name} but received ${describe(t)}`);
  return t as torch.Tensor;
};

/** Deformable 2-D convolution: input N×C×H×W, offset N×(2·G·kh·kw)×outH×outW, mask N×(G·kh·kw)×outH×outW. */
export function deformConv2d(...args: Args<'torchvision.ops.deformConv2d'>): torch.Tensor {
  const a = bind('torchvision.ops.deformConv2d', args);
  const input = tensorArg(a.input, 4, 'input'), offset = tensorArg(a.offset, 4, 'offset'), weight = tensorArg(a.weight, 4, 'weight');
  const [sh, sw] = pairOf(a.stride, 'stride'), [padH, padW] = pairOf(a.padding, 'padding'), [dh, dw] = pairOf(a.dilation, 'dilation');
  if (sh === 0 || sw === 0 || dh === 0 || dw === 0) throw new RangeError(`stride and dilation must be positive, got stride=(${sh}, ${sw}) dilation=(${dh}, ${dw})`);
  const [n, c, h, w] = input.shape, [outC, cPerGroup, kh, kw] = weight.shape, taps = kh * kw;
  const offsetGroups = Math.floor(offset.size(1) / (2 * taps));
  if (offsetGroups === 0 || offset.size(1) % (2 * taps) !== 0) {
    throw new RangeError(`the shape of the offset tensor at dimension 1 is not valid. It should be a multiple of 2 * weight.size[2] * weight.size[3].\nGot offset.shape[1]=${offset.size(1)}, while 2 * weight.size[2] * weight.size[3]=${2 * taps}`);
  }
  if (cPerGroup === 0 || c % cPerGroup !== 0) throw new RangeError(`input channels (${c}) must be a multiple of weight.size(1) (${cPerGroup})`);
  const groups = c / cPerGroup;
  if (c % offsetGroups !== 0) throw new RangeError(`input channels (${c}) must be divisible by the offset groups (${offsetGroups})`);
  if (outC % groups !== 0) throw new RangeError(`weight.size(0) (${outC}) must be divisible by the weight groups (${groups})`);
  const outH = Math.floor((h + 2 * padH - (dh * (kh - 1) + 1)) / sh) + 1, outW = Math.floor((w + 2 * padW - (dw * (kw - 1) + 1)) / sw) + 1;
  if (outH <= 0 || outW <= 0) throw new RangeError(`Calculated output size is too small (${outH}×${outW}) for an input of ${h}×${w}`);
  const expect = (t: torch.Tensor, ch: number, name: string) => {
    if (t.size(0) !== n || t.size(1) !== ch || t.size(2) !== outH || t.size(3) !== outW) throw new RangeError(`${name} should have shape [${n}, ${ch}, ${outH}, ${outW}] but has [${t.shape.join(', ')}]`);
  };
  expect(offset, 2 * offsetGroups * taps, 'offset');
  const mask = a.mask === null || a.mask === undefined ? null : tensorArg(a.mask, 4, 'mask');
  if (mask) expect(mask, offsetGroups * taps, 'mask');
  const L = outH * outW, G = offsetGroups, dtype = input.dtype;
  // sample positions [N, G, taps, L]: the tap's place on the regular grid plus its offset
  const grid = (out: number, stride: number, pad: number, k: number, dil: number, kAxis: number) => {
    const o = torch.arange(out, { dtype }).mul(stride).sub(pad);
    const t = torch.arange(k, { dtype }).mul(dil);
    return kAxis === 0 ? t.reshape([k, 1, 1, 1]).add(o.reshape([1, 1, out, 1])) : t.reshape([1, k, 1, 1]).add(o.reshape([1, 1, 1, out]));
  };
  const baseY = grid(outH, sh, padH, kh, dh, 0).expand([kh, kw, outH, outW]).reshape([1, 1, taps, L]);
  const baseX = grid(outW, sw, padW, kw, dw, 1).expand([kh, kw, outH, outW]).reshape([1, 1, taps, L]);
  const off = offset.reshape([n, G, taps, 2, L]);
  const y = baseY.add(off.select(3, 0)), x = baseX.add(off.select(3, 1));
  const inside = y.gt(-1).logicalAnd(y.lt(h)).logicalAnd(x.gt(-1)).logicalAnd(x.lt(w));
  const yl = y.detach().floor(), xl = x.detach().floor();
  const ly = y.sub(yl), lx = x.sub(xl), hy = torch.rsub(ly, 1), hx = torch.rsub(lx, 1);
  const cg = c / G;
  const planes = input.reshape([n, G, cg, h * w]);
  let cols: torch.Tensor | null = null;
  const corners: [torch.Tensor, torch.Tensor, torch.Tensor][] = [[yl, xl, hy.mul(hx)], [yl, xl.add(1), hy.mul(lx)], [yl.add(1), xl, ly.mul(hx)], [yl.add(1), xl.add(1), ly.mul(lx)]];
  for (const [cy, cx, wt] of corners) {
    const ok = inside.logicalAnd(cy.ge(0)).logicalAnd(cy.le(h - 1)).logicalAnd(cx.ge(0)).logicalAnd(cx.le(w - 1));
    const index = cy.clamp(0, h - 1).mul(w).add(cx.clamp(0, w - 1)).to(torch.int64).reshape([n, G, 1, taps * L]).expand([n, G, cg, taps * L]);
    const v = planes.gather(3, index).mul(wt.mul(ok.to(dtype)).reshape([n, G, 1, taps * L]));
    cols = cols ? cols.add(v) : v;
  }
  let sampled = cols!.reshape([n, G, cg, taps, L]);
  if (mask) sampled = sampled.mul(mask.reshape([n, G, 1, taps, L]));
  // grouped product: [groups, outC/groups, cPerGroup·taps] × [N, groups, cPerGroup·taps, L]
  const columns = sampled.reshape([n, groups, cPerGroup * taps, L]);
  const wmat = weight.reshape([groups, outC / groups, cPerGroup * taps]);
  let out = torch.matmul(wmat.unsqueeze(0), columns).reshape([n, outC, outH, outW]);
  if (a.bias !== null && a.bias !== undefined) out = out.add(tensorArg(a.bias, 1, 'bias').reshape([1, outC, 1, 1]));
  return out;
}

/** torchvision.ops.DeformConv2d: deformConv2d with its own weight and bias (offsets, and the mask, come with each call). */
export class DeformConv2d extends Module<[input: torch.Tensor, offset: torch.Tensor, mask?: torch.Tensor | null], torch.Tensor> {
  declare inChannels: number;
  declare outChannels: number;
  declare kernelSize: [number, number];
  declare stride: [number, number];
  declare padding: [number, number];
  declare dilation: [number, number];
  declare groups: number;
  declare weight: Parameter;
  declare bias: Parameter | null;
  constructor(...args: Args<'torchvision.ops.DeformConv2d'>) {
    super();
    const a = bind('torchvision.ops.DeformConv2d', args);
    if (a.inChannels % a.groups !== 0) throw new RangeError('in_channels must be divisible by groups');
    if (a.outChannels % a.groups !== 0) throw new RangeError('out_channels must be divisible by groups');
    Object.assign(this, {
      inChannels: a.inChannels, outChannels: a.outChannels, kernelSize: pair(a.kernelSize, 'kernelSize'), stride: pairOf(a.stride, 'stride'),
      padding: pairOf(a.padding, 'padding'), dilation: pairOf(a.dilation, 'dilation'), groups: a.groups,
    });
    this.weight = new Parameter(torch.empty([a.outChannels, a.inChannels / a.groups, ...this.kernelSize]));
    this.bias = a.bias ? new Parameter(torch.empty([a.outChannels])) : null;
    this.resetParameters();
  }
  resetParameters(): void {
    resetKaimingUniform(this.weight, this.bias, 'draw');
  }
  forward(input: torch.Tensor, offset: torch.Tensor, mask: torch.Tensor | null = null): torch.Tensor {
    return deformConv2d(input, offset, this.weight, this.bias, this.stride, this.padding, this.dilation, { mask });
  }
  toString(): string {
    const t = (p: number[]) => `(${p.join(', ')})`;
    let s = `DeformConv2d(${this.inChannels}, ${this.outChannels}, kernel_size=${t(this.kernelSize)}, stride=${t(this.stride)}`;
    if (this.padding.some((p) => p !== 0)) s += `, padding=${t(this.padding)}`;
    if (this.dilation.some((d) => d !== 1)) s += `, dilation=${t(this.dilation)}`;
    if (this.groups !== 1) s += `, groups=${this.groups}`;
    if (!this.bias) s += ', bias=False';
    return `${s})`;
  }
}
markPure(DeformConv2d);
