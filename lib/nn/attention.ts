// F.multi_head_attention_forward: PyTorch's reference attention path with the projection weights
// passed in (nn.MultiheadAttention and the Transformer layers call it with their own).
import { Tensor } from '../tensor.js';
import * as F from './functional.js';
import { aten } from '../aten.js';
import { zeros } from '../creation.js';
import { bind, type Args } from '../bind.js';
import { badArg } from '../errors.js';
import type { DType } from '../types.js';

/** F._canonical_mask: a boolean mask (true = masked out) becomes an additive float mask. */
export function canonicalMask(mask: Tensor | null | undefined, name: string, dtype: DType): Tensor | null {
  if (mask == null) return null;
  if (!(mask instanceof Tensor)) badArg('a Tensor', name, mask);
  if (mask.dtype.name === 'bool') return (aten('zeros_like')(mask, { dtype }) as Tensor).maskedFill(mask, -Infinity);
  if (!mask.isFloatingPoint()) throw new TypeError(`only bool and floating types of ${name} are supported`);
  return mask;
}

/**
 * F.multi_head_attention_forward: attention over sequence-first inputs (L, N, E) or unbatched (L, E),
 * with the projection weights passed in, as nn.MultiheadAttention calls it.
 */
export function multiHeadAttentionForward(...args: Args<'nn.functional.multiHeadAttentionForward'>): [Tensor, Tensor | null] {
  const c = bind('nn.functional.multiHeadAttentionForward', args);
  let { query, key, value } = c;
  const batched = query.dim() === 3;
  if (!batched && query.dim() !== 2) throw new RangeError(`query should be unbatched 2D or batched 3D tensor but received ${query.dim()}-D query tensor`);
  let keyPaddingMask = c.keyPaddingMask ?? null;
  if (!batched) {
    [query, key, value] = [query.unsqueeze(1), key.unsqueeze(1), value.unsqueeze(1)];
    if (keyPaddingMask) keyPaddingMask = keyPaddingMask.unsqueeze(0);
  }
  const [tgtLen, bsz, E] = query.shape;
  const H = c.numHeads;
  if (E !== c.embedDimToCheck) throw new RangeError(`was expecting embedding dimension of ${c.embedDimToCheck}, but got ${E}`);
  const D = Math.floor(E / H);
  if (D * H !== E) throw new RangeError(`embed_dim ${E} not divisible by num_heads ${H}`);
  keyPaddingMask = canonicalMask(keyPaddingMask, 'keyPaddingMask', query.dtype);
  let isCausal = c.isCausal;
  let attnMask: Tensor | null;
  if (isCausal && c.attnMask == null) {
    throw new Error('Need attn_mask if specifying the is_causal hint. You may use the Transformer module method `generate_square_subsequent_mask` to create this mask.');
  }
  if (isCausal && !keyPaddingMask && !c.needWeights) attnMask = null;
  else {
    attnMask = canonicalMask(c.attnMask, 'attnMask', query.dtype);
    if (keyPaddingMask) isCausal = false;
  }
  // in-projection: the packed weight's three row blocks, or the separate weights
  const [bq, bk, bv] = c.inProjBias ? c.inProjBias.chunk(3) : [null, null, null];
  let wq: Tensor, wk: Tensor, wv: Tensor;
  if (c.useSeparateProjWeight) {
    if (!c.qProjWeight || !c.kProjWeight || !c.vProjWeight) throw new TypeError('use_separate_proj_weight is True but q_proj_weight, k_proj_weight or v_proj_weight is None');
    [wq, wk, wv] = [c.qProjWeight, c.kProjWeight, c.vProjWeight];
  } else {
    if (!c.inProjWeight) throw new TypeError('use_separate_proj_weight is False but in_proj_weight is None');
    [wq, wk, wv] = c.inProjWeight.chunk(3);
  }
  let q = F.linear(query, wq, bq), k = F.linear(key, wk, bk), v = F.linear(value, wv, bv);
  let srcLen = key.size(0);
  if (attnMask) {
    if (attnMask.dim() === 2) {
      if (attnMask.shape.join() !== [tgtLen, srcLen].join()) throw new RangeError(`The shape of the 2D attn_mask is torch.Size([${attnMask.shape.join(', ')}]), but should be (${tgtLen}, ${srcLen}).`);
      attnMask = attnMask.unsqueeze(0);
    } else if (attnMask.dim() === 3) {
      if (attnMask.shape.join() !== [bsz * H, tgtLen, srcLen].join()) throw new RangeError(`The shape of the 3D attn_mask is torch.Size([${attnMask.shape.join(', ')}]), but should be (${bsz * H}, ${tgtLen}, ${srcLen}).`);
    } else throw new RangeError(`attn_mask's dimension ${attnMask.dim()} is not supported`);
  }
  const padLast = (t: Tensor | null) => (t ? F.pad(t, [0, 1]) : null);
  if (c.biasK && c.biasV) {
    if (c.staticK || c.staticV) throw new TypeError('bias cannot be added to static key.');
    k = aten('cat')([k, c.biasK.repeat(1, bsz, 1)]);
    v = aten('cat')([v, c.biasV.repeat(1, bsz, 1)]);
    attnMask = padLast(attnMask);
    keyPaddingMask = padLast(keyPaddingMask);
  } else if (c.biasK || c.biasV) throw new TypeError('bias_k and bias_v must both be given or both be None');
  q = q.view(tgtLen, bsz * H, D).transpose(0, 1);
  const fixed = (t: Tensor, name: string) => {
    if (t.size(0) !== bsz * H) throw new RangeError(`expecting ${name}.size(0) of ${bsz * H}, but got ${t.size(0)}`);
    if (t.size(2) !== D) throw new RangeError(`expecting ${name}.size(2) of ${D}, but got ${t.size(2)}`);
    return t;
  };
  k = c.staticK ? fixed(c.staticK, 'static_k') : k.view(k.size(0), bsz * H, D).transpose(0, 1);
  v = c.staticV ? fixed(c.staticV, 'static_v') : v.view(v.size(0), bsz * H, D).transpose(0, 1);
  if (c.addZeroAttn) {
    k = aten('cat')([k, zeros([bsz * H, 1, D], { dtype: k.dtype, device: k.device })], 1);
    v = aten('cat')([v, zeros([bsz * H, 1, D], { dtype: v.dtype, device: v.device })], 1);
    attnMask = padLast(attnMask);
    keyPaddingMask = padLast(keyPaddingMask);
  }
  srcLen = k.size(1);
  if (keyPaddingMask) {
    const kpm = keyPaddingMask.view(bsz, 1, 1, srcLen).expand(-1, H, -1, -1).reshape(bsz * H, 1, srcLen);
    attnMask = attnMask ? attnMask.add(kpm) : kpm;
  }
  const dropoutP = c.training ? c.dropoutP : 0;
  if (c.needWeights) {
    const qScaled = q.mul(Math.sqrt(1 / D));
    let w: Tensor = attnMask ? aten('baddbmm')(attnMask, qScaled, k.transpose(-2, -1)) : aten('bmm')(qScaled, k.transpose(-2, -1));
    w = F.softmax(w, -1);
    if (dropoutP > 0) w = F.dropout(w, dropoutP);
    let out = aten('bmm')(w, v) as Tensor;
    out = out.transpose(0, 1).contiguous().view(tgtLen * bsz, E);
    out = F.linear(out, c.outProjWeight, c.outProjBias).view(tgtLen, bsz, E);
    w = w.view(bsz, H, tgtLen, srcLen);
    if (c.averageAttnWeights) w = w.mean(1);
    return batched ? [out, w] : [out.squeeze(1), w.squeeze(0)];
  }
  if (attnMask) attnMask = attnMask.size(0) === 1 && attnMask.dim() === 3 ? attnMask.unsqueeze(0) : attnMask.view(bsz, H, -1, srcLen);
  let out = F.scaledDotProductAttention(q.view(bsz, H, tgtLen, D), k.view(bsz, H, srcLen, D), v.view(bsz, H, srcLen, D), attnMask, dropoutP, isCausal);
  out = out.permute(2, 0, 1, 3).contiguous().view(bsz * tgtLen, E);
  out = F.linear(out, c.outProjWeight, c.outProjBias).view(tgtLen, bsz, E);
  return [batched ? out : out.squeeze(1), null];
}

