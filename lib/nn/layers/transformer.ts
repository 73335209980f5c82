// MultiheadAttention and the Transformer family, written as PyTorch's Python modules compute them
// (F.multi_head_attention_forward's reference path), so outputs and gradients match PyTorch's.
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { Tensor } from '../../tensor.js';
import * as F from '../functional.js';
import * as init from '../init.js';
import { full } from '../../creation.js';
import { bind, type Args } from '../../bind.js';
import { badArg } from '../../errors.js';
import { newParameter, positiveInt } from './common.js';
import { Linear } from './linear.js';
import { Dropout } from './dropout.js';
import { LayerNorm } from './normalization.js';
import { canonicalMask, multiHeadAttentionForward } from '../attention.js';
import { ModuleList } from './container.js';
import type { DType, DeviceLike } from '../../types.js';

/** PyTorch's out_proj class: a Linear under another name (it prints as such). */
export class NonDynamicallyQuantizableLinear extends Linear {}

export class MultiheadAttention extends Module<Args<'nn.MultiheadAttention.forward'>, [Tensor, Tensor | null]> {
  declare embedDim: number;
  declare kdim: number;
  declare vdim: number;
  declare numHeads: number;
  declare dropout: number;
  declare batchFirst: boolean;
  declare headDim: number;
  declare addZeroAttn: boolean;
  declare in_proj_weight: Parameter | null;
  declare q_proj_weight: Parameter | null;
  declare k_proj_weight: Parameter | null;
  declare v_proj_weight: Parameter | null;
  declare in_proj_bias: Parameter | null;
  declare bias_k: Parameter | null;
  declare bias_v: Parameter | null;
  declare out_proj: NonDynamicallyQuantizableLinear;
  constructor(...args: Args<'nn.MultiheadAttention'>) {
    super();
    const a = bind('nn.MultiheadAttention', args);
    if (!(a.embedDim > 0) || !(a.numHeads > 0)) {
      throw new RangeError(`embed_dim and num_heads must be greater than 0, got embed_dim=${a.embedDim} and num_heads=${a.numHeads} instead`);
    }
    const E = positiveInt(a.embedDim, 'embedDim');
    this.embedDim = E;
    this.kdim = a.kdim ?? E;
    this.vdim = a.vdim ?? E;
    this.numHeads = positiveInt(a.numHeads, 'numHeads');
    this.dropout = a.dropout;
    this.batchFirst = a.batchFirst;
    this.headDim = Math.floor(E / a.numHeads);
    if (this.headDim * a.numHeads !== E) throw new RangeError('embed_dim must be divisible by num_heads');
    const f = { device: a.device, dtype: a.dtype };
    if (this.kdim === E && this.vdim === E) {
      this.in_proj_weight = newParameter([3 * E, E], f);
      for (const n of ['q_proj_weight', 'k_proj_weight', 'v_proj_weight']) this.registerParameter(n, null);
    } else {
      this.q_proj_weight = newParameter([E, E], f);
      this.k_proj_weight = newParameter([E, this.kdim], f);
      this.v_proj_weight = newParameter([E, this.vdim], f);
      this.registerParameter('in_proj_weight', null);
    }
    if (a.bias) this.in_proj_bias = newParameter([3 * E], f);
    else this.registerParameter('in_proj_bias', null);
    this.out_proj = new NonDynamicallyQuantizableLinear(E, E, { bias: a.bias, ...f });
    if (a.addBiasKv) {
      this.bias_k = newParameter([1, 1, E], f);
      this.bias_v = newParameter([1, 1, E], f);
    } else {
      this.registerParameter('bias_k', null);
      this.registerParameter('bias_v', null);
    }
    this.addZeroAttn = a.addZeroAttn;
    this.resetParameters();
  }
  resetParameters(): void {
    for (const w of [this.in_proj_weight, this.q_proj_weight, this.k_proj_weight, this.v_proj_weight]) if (w) init.xavierUniform_(w);
    if (this.in_proj_bias) {
      init.constant_(this.in_proj_bias, 0);
      init.constant_(this.out_proj.bias!, 0);
    }
    if (this.bias_k) init.xavierNormal_(this.bias_k);
    if (this.bias_v) init.xavierNormal_(this.bias_v);
  }
  /** Returns [attnOutput, attnWeights] (weights null when needWeights is false). */
  forward(...args: Args<'nn.MultiheadAttention.forward'>): [Tensor, Tensor | null] {
    const a = bind('nn.MultiheadAttention.forward', args, { name: 'forward' });
    let query = a.query, key = a.key, value = a.value;
    const batched = query.dim() === 3;
    if (this.batchFirst && batched) [query, key, value] = [query.transpose(1, 0), key.transpose(1, 0), value.transpose(1, 0)];
    const separate = !this.in_proj_weight;
    const [out, weights] = multiHeadAttentionForward(query, key, value, this.embedDim, this.numHeads, this.in_proj_weight, this.in_proj_bias,
      this.bias_k, this.bias_v, this.addZeroAttn, this.dropout, this.out_proj.weight, this.out_proj.bias, {
        training: this.training, keyPaddingMask: a.keyPaddingMask, needWeights: a.needWeights, attnMask: a.attnMask,
        useSeparateProjWeight: separate, qProjWeight: this.q_proj_weight, kProjWeight: this.k_proj_weight, vProjWeight: this.v_proj_weight,
        averageAttnWeights: a.averageAttnWeights, isCausal: a.isCausal,
      });
    return this.batchFirst && batched ? [out.transpose(1, 0), weights] : [out, weights];
  }
}

type Activation = ((x: Tensor) => Tensor) | Module;
/** 'relu' / 'gelu' name F.relu / F.gelu; a function or a module is used as it is (a module is a child). */
function activationFn(owner: Module, activation: unknown): void {
  let fn: unknown = activation ?? 'relu';
  if (typeof fn === 'string') {
    if (fn !== 'relu' && fn !== 'gelu') throw new RangeError(`activation should be relu/gelu, not ${fn}`);
    fn = fn === 'relu' ? (x: Tensor) => F.relu(x) : (x: Tensor) => F.gelu(x);
  }
  if (fn instanceof Module) owner.addModule('activation', fn);
  else if (typeof fn === 'function') Object.defineProperty(owner, 'activation', { value: fn, writable: true, enumerable: false });
  else badArg("'relu', 'gelu', a function or a Module", 'activation', activation);
}
const callActivation = (owner: Module, x: Tensor): Tensor => ((owner as unknown as { activation: Activation }).activation as (x: Tensor) => Tensor)(x);

// deep copies of a layer for TransformerEncoder/Decoder (copy.deepcopy in PyTorch): the same
// constructor arguments, then the template's weights
const constructorArgs = new WeakMap<Module, unknown[]>();
function cloneLayer<T extends Module>(layer: T, what: string, argName: string): T {
  const args = constructorArgs.get(layer);
  if (!args) badArg(`a ${what} (torch-node copies it by its constructor arguments)`, argName, layer);
  const copy = new (layer.constructor as new (...a: unknown[]) => T)(...args);
  copy.loadStateDict(layer.stateDict());
  return copy.train(layer.training);
}

/** _detect_is_causal_mask: an explicit flag, or whether the mask is the causal one. */
function detectCausal(mask: Tensor | null | undefined, isCausal: boolean | null | undefined, size: number): boolean {
  if (isCausal != null) return isCausal;
  if (!mask) return false;
  const causal = Transformer.generateSquareSubsequentMask(size, { device: mask.device, dtype: mask.dtype });
  return mask.shape.join() === causal.shape.join() && Boolean(mask.eq(causal).all().item());
}

export class TransformerEncoderLayer extends Module<Args<'nn.TransformerEncoderLayer.forward'>, Tensor> {
  declare self_attn: MultiheadAttention;
  declare linear1: Linear;
  declare dropout: Dropout;
  declare linear2: Linear;
  declare normFirst: boolean;
  declare norm1: LayerNorm;
  declare norm2: LayerNorm;
  declare dropout1: Dropout;
  declare dropout2: Dropout;
  constructor(...args: Args<'nn.TransformerEncoderLayer'>) {
    super();
    constructorArgs.set(this, args);
    const a = bind('nn.TransformerEncoderLayer', args);
    const f = { device: a.device, dtype: a.dtype };
    this.self_attn = new MultiheadAttention(a.dModel, a.nhead, { dropout: a.dropout, bias: a.bias, batchFirst: a.batchFirst, ...f });
    this.linear1 = new Linear(a.dModel, a.dimFeedforward, { bias: a.bias, ...f });
    this.dropout = new Dropout(a.dropout);
    this.linear2 = new Linear(a.dimFeedforward, a.dModel, { bias: a.bias, ...f });
    this.normFirst = a.normFirst;
    this.norm1 = new LayerNorm(a.dModel, { eps: a.layerNormEps, bias: a.bias, ...f });
    this.norm2 = new LayerNorm(a.dModel, { eps: a.layerNormEps, bias: a.bias, ...f });
    this.dropout1 = new Dropout(a.dropout);
    this.dropout2 = new Dropout(a.dropout);
    activationFn(this, a.activation);
  }
  forward(...args: Args<'nn.TransformerEncoderLayer.forward'>): Tensor {
    const a = bind('nn.TransformerEncoderLayer.forward', args, { name: 'forward' });
    const kpm = canonicalMask(a.srcKeyPaddingMask, 'srcKeyPaddingMask', a.src.dtype);
    const mask = canonicalMask(a.srcMask, 'srcMask', a.src.dtype);
    const sa = (x: Tensor) => this.dropout1(this.self_attn(x, x, x, { attnMask: mask, keyPaddingMask: kpm, needWeights: false, isCausal: a.isCausal })[0]);
    const ff = (x: Tensor) => this.dropout2(this.linear2(this.dropout(callActivation(this, this.linear1(x)))));
    let x = a.src;
    if (this.normFirst) {
      x = x.add(sa(this.norm1(x)));
      return x.add(ff(this.norm2(x)));
    }
    x = this.norm1(x.add(sa(x)));
    return this.norm2(x.add(ff(x)));
  }
}

export class TransformerDecoderLayer extends Module<Args<'nn.TransformerDecoderLayer.forward'>, Tensor> {
  declare self_attn: MultiheadAttention;
  declare multihead_attn: MultiheadAttention;
  declare linear1: Linear;
  declare dropout: Dropout;
  declare linear2: Linear;
  declare normFirst: boolean;
  declare norm1: LayerNorm;
  declare norm2: LayerNorm;
  declare norm3: LayerNorm;
  declare dropout1: Dropout;
  declare dropout2: Dropout;
  declare dropout3: Dropout;
  constructor(...args: Args<'nn.TransformerDecoderLayer'>) {
    super();
    constructorArgs.set(this, args);
    const a = bind('nn.TransformerDecoderLayer', args);
    const f = { device: a.device, dtype: a.dtype };
    this.self_attn = new MultiheadAttention(a.dModel, a.nhead, { dropout: a.dropout, bias: a.bias, batchFirst: a.batchFirst, ...f });
    this.multihead_attn = new MultiheadAttention(a.dModel, a.nhead, { dropout: a.dropout, bias: a.bias, batchFirst: a.batchFirst, ...f });
    this.linear1 = new Linear(a.dModel, a.dimFeedforward, { bias: a.bias, ...f });
    this.dropout = new Dropout(a.dropout);
    this.linear2 = new Linear(a.dimFeedforward, a.dModel, { bias: a.bias, ...f });
    this.normFirst = a.normFirst;
    this.norm1 = new LayerNorm(a.dModel, { eps: a.layerNormEps, bias: a.bias, ...f });
    this.norm2 = new LayerNorm(a.dModel, { eps: a.layerNormEps, bias: a.bias, ...f });
    this.norm3 = new LayerNorm(a.dModel, { eps: a.layerNormEps, bias: a.bias, ...f });
    this.dropout1 = new Dropout(a.dropout);
    this.dropout2 = new Dropout(a.dropout);
    this.dropout3 = new Dropout(a.dropout);
    activationFn(this, a.activation);
  }
  forward(...args: Args<'nn.TransformerDecoderLayer.forward'>): Tensor {
    const a = bind('nn.TransformerDecoderLayer.forward', args, { name: 'forward' });
    const mem = a.memory;
    const sa = (x: Tensor) => this.dropout1(this.self_attn(x, x, x, { attnMask: a.tgtMask, keyPaddingMask: a.tgtKeyPaddingMask, needWeights: false, isCausal: a.tgtIsCausal })[0]);
    const mha = (x: Tensor) => this.dropout2(this.multihead_attn(x, mem, mem, { attnMask: a.memoryMask, keyPaddingMask: a.memoryKeyPaddingMask, needWeights: false, isCausal: a.memoryIsCausal })[0]);
    const ff = (x: Tensor) => this.dropout3(this.linear2(this.dropout(callActivation(this, this.linear1(x)))));
    let x = a.tgt;
    if (this.normFirst) {
      x = x.add(sa(this.norm1(x)));
      x = x.add(mha(this.norm2(x)));
      return x.add(ff(this.norm3(x)));
    }
    x = this.norm1(x.add(sa(x)));
    x = this.norm2(x.add(mha(x)));
    return this.norm3(x.add(ff(x)));
  }
}

/** TransformerEncoder/Decoder: numLayers copies of a layer, then an optional norm. */
abstract class LayerStack<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare layers: ModuleList;
  declare numLayers: number;
  declare norm: Module | null;
  constructor(layer: Module, kind: typeof TransformerEncoderLayer | typeof TransformerDecoderLayer, numLayers: number, norm: Module | null | undefined) {
    super();
    const what = kind.name, argName = kind === TransformerEncoderLayer ? 'encoderLayer' : 'decoderLayer';
    if (!(layer instanceof kind)) badArg(`a ${what}`, argName, layer);
    this.layers = new ModuleList(Array.from({ length: positiveInt(numLayers, 'numLayers') }, () => cloneLayer(layer, what, argName)));
    Object.defineProperty(this, 'numLayers', { value: numLayers, writable: true, enumerable: false });
    if (norm != null) this.norm = norm;
    else this.registerModule('norm', null);
  }
  /** The sequence length of an input, as _get_seq_len reads it. */
  protected seqLen(x: Tensor): number {
    const first = this.layers.get(0) as TransformerEncoderLayer | TransformerDecoderLayer;
    return x.dim() === 3 ? x.size(first.self_attn.batchFirst ? 1 : 0) : x.size(0);
  }
}

export class TransformerEncoder extends LayerStack<Args<'nn.TransformerEncoder.forward'>, Tensor> {
  constructor(...args: Args<'nn.TransformerEncoder'>) {
    const a = bind('nn.TransformerEncoder', args);
    super(a.encoderLayer, TransformerEncoderLayer, a.numLayers, a.norm);
  }
  forward(...args: Args<'nn.TransformerEncoder.forward'>): Tensor {
    const a = bind('nn.TransformerEncoder.forward', args, { name: 'forward' });
    const mask = canonicalMask(a.mask, 'mask', a.src.dtype);
    const kpm = canonicalMask(a.srcKeyPaddingMask, 'srcKeyPaddingMask', a.src.dtype);
    const isCausal = detectCausal(mask, a.isCausal, this.seqLen(a.src));
    let out = a.src;
    for (const m of this.layers) out = m(out, { srcMask: mask, isCausal, srcKeyPaddingMask: kpm });
    return this.norm ? this.norm(out) : out;
  }
}

export class TransformerDecoder extends LayerStack<Args<'nn.TransformerDecoder.forward'>, Tensor> {
  constructor(...args: Args<'nn.TransformerDecoder'>) {
    const a = bind('nn.TransformerDecoder', args);
    super(a.decoderLayer, TransformerDecoderLayer, a.numLayers, a.norm);
  }
  forward(...args: Args<'nn.TransformerDecoder.forward'>): Tensor {
    const a = bind('nn.TransformerDecoder.forward', args, { name: 'forward' });
    const tgtIsCausal = detectCausal(a.tgtMask, a.tgtIsCausal, this.seqLen(a.tgt));
    let out = a.tgt;
    for (const m of this.layers) {
      out = m(out, a.memory, { tgtMask: a.tgtMask, memoryMask: a.memoryMask, tgtKeyPaddingMask: a.tgtKeyPaddingMask,
        memoryKeyPaddingMask: a.memoryKeyPaddingMask, tgtIsCausal, memoryIsCausal: a.memoryIsCausal });
    }
    return this.norm ? this.norm(out) : out;
  }
}

export class Transformer extends Module<Args<'nn.Transformer.forward'>, Tensor> {
  declare encoder: Module;
  declare decoder: Module;
  declare dModel: number;
  declare nhead: number;
  declare batchFirst: boolean;
  constructor(...args: Args<'nn.Transformer'>) {
    super();
    const a = bind('nn.Transformer', args);
    const f = { device: a.device, dtype: a.dtype };
    const layerArgs = [a.dModel, a.nhead, a.dimFeedforward, a.dropout, a.activation ?? 'relu', a.layerNormEps, a.batchFirst, a.normFirst, { bias: a.bias, ...f }] as const;
    if (a.customEncoder != null) this.encoder = a.customEncoder as Module;
    else {
      this.encoder = new TransformerEncoder(new TransformerEncoderLayer(...layerArgs), a.numEncoderLayers,
        new LayerNorm(a.dModel, { eps: a.layerNormEps, bias: a.bias, ...f }));
    }
    if (a.customDecoder != null) this.decoder = a.customDecoder as Module;
    else {
      this.decoder = new TransformerDecoder(new TransformerDecoderLayer(...layerArgs), a.numDecoderLayers,
        new LayerNorm(a.dModel, { eps: a.layerNormEps, bias: a.bias, ...f }));
    }
    for (const p of this.parameters()) if (p.dim() > 1) init.xavierUniform_(p);
    Object.defineProperty(this, 'dModel', { value: a.dModel, writable: true, enumerable: false });
    Object.defineProperty(this, 'nhead', { value: a.nhead, writable: true, enumerable: false });
    Object.defineProperty(this, 'batchFirst', { value: a.batchFirst, writable: true, enumerable: false });
  }
  forward(...args: Args<'nn.Transformer.forward'>): Tensor {
    const a = bind('nn.Transformer.forward', args, { name: 'forward' });
    const { src, tgt } = a;
    const batched = src.dim() === 3;
    if (!this.batchFirst && batched && src.size(1) !== tgt.size(1)) throw new RangeError('the batch number of src and tgt must be equal');
    if (this.batchFirst && batched && src.size(0) !== tgt.size(0)) throw new RangeError('the batch number of src and tgt must be equal');
    if (src.size(-1) !== this.dModel || tgt.size(-1) !== this.dModel) throw new RangeError('the feature number of src and tgt must be equal to d_model');
    const memory = this.encoder(src, { mask: a.srcMask, srcKeyPaddingMask: a.srcKeyPaddingMask, isCausal: a.srcIsCausal });
    return this.decoder(tgt, memory, { tgtMask: a.tgtMask, memoryMask: a.memoryMask, tgtKeyPaddingMask: a.tgtKeyPaddingMask,
      memoryKeyPaddingMask: a.memoryKeyPaddingMask, tgtIsCausal: a.tgtIsCausal, memoryIsCausal: a.memoryIsCausal });
  }
  /** A square causal mask: -inf above the diagonal, 0 elsewhere. */
  static generateSquareSubsequentMask(...args: Args<'nn.Transformer.generateSquareSubsequentMask'>): Tensor {
    const a = bind('nn.Transformer.generateSquareSubsequentMask', args);
    return full([a.sz, a.sz], -Infinity, { dtype: (a.dtype ?? undefined) as DType | undefined, device: (a.device ?? undefined) as DeviceLike | undefined }).triu(1);
  }
}
