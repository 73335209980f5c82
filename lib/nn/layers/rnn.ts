// RNN, LSTM and GRU over ATen's fused rnn/lstm/gru kernels, and their cells. Parameters carry PyTorch's names
// (weight_ih_l0, bias_hh_l1_reverse, ...) and are initialised in PyTorch's order.
import { Module } from '../module.js';
import { Parameter } from '../parameter.js';
import { Tensor } from '../../tensor.js';
import * as init from '../init.js';
import { zeros } from '../../creation.js';
import { aten } from '../../aten.js';
import { newParameter, positiveInt, type LayerFactoryOptions } from './common.js';
import { pyFloat } from '../repr.js';
import { bind, type Args } from '../../bind.js';
import { PackedSequence } from '../rnn-utils.js';

type Mode = 'LSTM' | 'GRU' | 'RNN_TANH' | 'RNN_RELU';
const GATES: Record<Mode, number> = { LSTM: 4, GRU: 3, RNN_TANH: 1, RNN_RELU: 1 };

interface RNNSpec extends LayerFactoryOptions {
  inputSize: number;
  hiddenSize: number;
  numLayers?: number;
  projSize?: number;
  bias?: boolean;
  batchFirst?: boolean;
  dropout?: number;
  bidirectional?: boolean;
}

export abstract class RNNBase<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare mode: Mode;
  declare inputSize: number;
  declare hiddenSize: number;
  declare numLayers: number;
  declare bias: boolean;
  declare batchFirst: boolean;
  declare dropout: number;
  declare bidirectional: boolean;
  declare projSize: number;

  constructor(mode: Mode, o: RNNSpec) {
    super();
    Object.defineProperty(this, 'mode', { value: mode, enumerable: false });
    const inputSize = this.inputSize = positiveInt(o.inputSize, 'inputSize');
    const hiddenSize = this.hiddenSize = positiveInt(o.hiddenSize, 'hiddenSize');
    this.numLayers = positiveInt(o.numLayers ?? 1, 'numLayers');
    this.bias = o.bias ?? true;
    this.batchFirst = o.batchFirst ?? false;
    this.dropout = o.dropout ?? 0;
    this.bidirectional = o.bidirectional ?? false;
    this.projSize = o.projSize ?? 0;
    // Python's RNNBase checks, with its ValueErrors' messages
    if (typeof this.dropout !== 'number' || !(this.dropout >= 0 && this.dropout <= 1)) {
      throw new RangeError('dropout should be a number in range [0, 1] representing the probability of an element being zeroed');
    }
    if (!Number.isInteger(this.projSize) || this.projSize < 0) throw new RangeError('proj_size should be a positive integer or zero to disable projections');
    if (this.projSize >= hiddenSize) throw new RangeError('proj_size has to be smaller than hidden_size');
    if (this.projSize > 0 && mode !== 'LSTM') throw new RangeError('proj_size argument is only supported for LSTM, not RNN or GRU');
    const gates = GATES[mode];
    const dirs = this.bidirectional ? 2 : 1;
    const realHidden = this.projSize > 0 ? this.projSize : hiddenSize;
    for (let layer = 0; layer < this.numLayers; layer++) {
      for (let d = 0; d < dirs; d++) {
        const sfx = `_l${layer}${d === 1 ? '_reverse' : ''}`;
        const inSize = layer === 0 ? inputSize : realHidden * dirs;
        (this as any)[`weight_ih${sfx}`] = newParameter([gates * hiddenSize, inSize], o);
        (this as any)[`weight_hh${sfx}`] = newParameter([gates * hiddenSize, realHidden], o);
        if (this.bias) {
          (this as any)[`bias_ih${sfx}`] = newParameter([gates * hiddenSize], o);
          (this as any)[`bias_hh${sfx}`] = newParameter([gates * hiddenSize], o);
        }
        if (this.projSize > 0) (this as any)[`weight_hr${sfx}`] = newParameter([this.projSize, hiddenSize], o);
      }
    }
    this.resetParameters();
  }
  resetParameters(): void {
    const stdv = this.hiddenSize > 0 ? 1 / Math.sqrt(this.hiddenSize) : 0;
    for (const w of this.parameters()) init.uniform_(w, -stdv, stdv);
  }
  /** A no-op: libtorch's CPU kernels take the weights as they are (cuDNN's compaction is not done). */
  flattenParameters(): void {}
  protected flatWeights(): Parameter[] {
    return [...this.parameters(false)];
  }
  /** GRU and RNN on a PackedSequence (the ops' data overload). */
  protected packedForward(op: string, input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor] {
    const h0 = hx ? this.permuteHidden(hx, input.sortedIndices) : this.packedZeroState(input);
    const [out, hn] = aten(op)(input.data, input.batchSizes, h0, this.flatWeights(), this.bias, this.numLayers, this.dropout, this.training, this.bidirectional);
    return [new PackedSequence(out, input.batchSizes, input.sortedIndices, input.unsortedIndices), this.permuteHidden(hn, input.unsortedIndices)];
  }
  /** Zero state for a packed batch: as many rows as its first time step has sequences. */
  protected packedZeroState(input: PackedSequence, size = this.hiddenSize): Tensor {
    const batch = Number(input.batchSizes.index(0).item());
    return zeros([this.numLayers * (this.bidirectional ? 2 : 1), batch, size], { dtype: input.data.dtype, device: input.data.device });
  }
  /** permute_hidden: the state's batch rows in the packed (sorted) order, or back. */
  protected permuteHidden(h: Tensor, permutation: Tensor | null): Tensor {
    return permutation === null ? h : h.indexSelect(1, permutation);
  }
  /** Zero initial state, shaped as PyTorch makes it. */
  protected zeroState(input: Tensor, batched: boolean, size = this.hiddenSize): Tensor {
    const batch = batched ? input.size(this.batchFirst ? 0 : 1) : 0;
    const dirs = this.bidirectional ? 2 : 1;
    const shape = batched ? [this.numLayers * dirs, batch, size] : [this.numLayers * dirs, size];
    return zeros(shape, { dtype: input.dtype, device: input.device });
  }
  extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (this.numLayers !== 1) s += `, num_layers=${this.numLayers}`;
    if (!this.bias) s += ', bias=False';
    if (this.batchFirst) s += ', batch_first=True';
    if (this.dropout !== 0) s += `, dropout=${pyFloat(this.dropout)}`;
    if (this.bidirectional) s += ', bidirectional=True';
    if (this.projSize !== 0) s += `, proj_size=${this.projSize}`;
    return s;
  }
}

/** model(x) overloads as forward's: a Tensor in, a Tensor out; a PackedSequence in, a PackedSequence out. */
export interface LSTM {
  (input: Tensor, hx?: [Tensor, Tensor] | null): [Tensor, [Tensor, Tensor]];
  (input: PackedSequence, hx?: [Tensor, Tensor] | null): [PackedSequence, [Tensor, Tensor]];
}
export class LSTM extends RNNBase<[input: Tensor | PackedSequence, hx?: [Tensor, Tensor] | null], [Tensor | PackedSequence, [Tensor, Tensor]]> {
  constructor(...args: Args<'nn.LSTM'>) {
    super('LSTM', bind('nn.LSTM', args));
  }
  /** Returns [output, [h_n, c_n]], as PyTorch's `output, (h_n, c_n)`; a PackedSequence in, a PackedSequence out. */
  forward(input: Tensor, hx?: [Tensor, Tensor] | null): [Tensor, [Tensor, Tensor]];
  forward(input: PackedSequence, hx?: [Tensor, Tensor] | null): [PackedSequence, [Tensor, Tensor]];
  forward(input: Tensor | PackedSequence, hx?: [Tensor, Tensor] | null): [Tensor | PackedSequence, [Tensor, Tensor]] {
    if (input instanceof PackedSequence) {
      const state = hx
        ? hx.map((h) => this.permuteHidden(h, input.sortedIndices))
        : [this.packedZeroState(input, this.projSize || this.hiddenSize), this.packedZeroState(input)];
      const [out, hn, cn] = aten('lstm')(input.data, input.batchSizes, state, this.flatWeights(), this.bias, this.numLayers, this.dropout, this.training, this.bidirectional);
      return [new PackedSequence(out, input.batchSizes, input.sortedIndices, input.unsortedIndices),
        [this.permuteHidden(hn, input.unsortedIndices), this.permuteHidden(cn, input.unsortedIndices)]];
    }
    const batched = input.dim() === 3;
    const x = batched ? input : input.unsqueeze(this.batchFirst ? 0 : 1);
    let [h0, c0] = hx ?? [this.zeroState(input, batched, this.projSize || this.hiddenSize), this.zeroState(input, batched)];
    if (!batched) [h0, c0] = [h0.unsqueeze(1), c0.unsqueeze(1)];
    const [out, hn, cn] = aten('lstm')(x, [h0, c0], this.flatWeights(), this.bias, this.numLayers, this.dropout, this.training, this.bidirectional, this.batchFirst);
    if (!batched) return [out.squeeze(this.batchFirst ? 0 : 1), [hn.squeeze(1), cn.squeeze(1)]];
    return [out, [hn, cn]];
  }
}

/** model(x) overloads as forward's: a Tensor in, a Tensor out; a PackedSequence in, a PackedSequence out. */
export interface GRU {
  (input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  (input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
}
export class GRU extends RNNBase<[input: Tensor | PackedSequence, hx?: Tensor | null], [Tensor | PackedSequence, Tensor]> {
  constructor(...args: Args<'nn.GRU'>) {
    super('GRU', bind('nn.GRU', args));
  }
  /** Returns [output, h_n]; a PackedSequence in, a PackedSequence out. */
  forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  forward(input: Tensor | PackedSequence, hx?: Tensor | null): [Tensor | PackedSequence, Tensor] {
    if (input instanceof PackedSequence) return this.packedForward('gru', input, hx);
    const batched = input.dim() === 3;
    const x = batched ? input : input.unsqueeze(this.batchFirst ? 0 : 1);
    let h0 = hx ?? this.zeroState(input, batched);
    if (!batched) h0 = h0.unsqueeze(1);
    const [out, hn] = aten('gru')(x, h0, this.flatWeights(), this.bias, this.numLayers, this.dropout, this.training, this.bidirectional, this.batchFirst);
    if (!batched) return [out.squeeze(this.batchFirst ? 0 : 1), hn.squeeze(1)];
    return [out, hn];
  }
}

/** model(x) overloads as forward's: a Tensor in, a Tensor out; a PackedSequence in, a PackedSequence out. */
export interface RNN {
  (input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  (input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
}
export class RNN extends RNNBase<[input: Tensor | PackedSequence, hx?: Tensor | null], [Tensor | PackedSequence, Tensor]> {
  declare nonlinearity: 'tanh' | 'relu';
  constructor(...args: Args<'nn.RNN'>) {
    const a = bind('nn.RNN', args);
    if (a.nonlinearity !== 'tanh' && a.nonlinearity !== 'relu') throw new RangeError(`Unknown nonlinearity '${a.nonlinearity}'. Select from 'tanh' or 'relu'.`);
    super(a.nonlinearity === 'tanh' ? 'RNN_TANH' : 'RNN_RELU', a);
    this.nonlinearity = a.nonlinearity;
  }
  /** Returns [output, h_n]; a PackedSequence in, a PackedSequence out. */
  forward(input: Tensor, hx?: Tensor | null): [Tensor, Tensor];
  forward(input: PackedSequence, hx?: Tensor | null): [PackedSequence, Tensor];
  forward(input: Tensor | PackedSequence, hx?: Tensor | null): [Tensor | PackedSequence, Tensor] {
    if (input instanceof PackedSequence) return this.packedForward(this.mode === 'RNN_TANH' ? 'rnn_tanh' : 'rnn_relu', input, hx);
    const batched = input.dim() === 3;
    if (!batched && input.dim() !== 2) throw new RangeError(`RNN: Expected input to be 2D or 3D, got ${input.dim()}D tensor instead`);
    const x = batched ? input : input.unsqueeze(this.batchFirst ? 0 : 1);
    let h0 = hx ?? this.zeroState(input, batched);
    if (!batched) h0 = h0.unsqueeze(1);
    const op = this.mode === 'RNN_TANH' ? 'rnn_tanh' : 'rnn_relu';
    const [out, hn] = aten(op)(x, h0, this.flatWeights(), this.bias, this.numLayers, this.dropout, this.training, this.bidirectional, this.batchFirst);
    if (!batched) return [out.squeeze(this.batchFirst ? 0 : 1), hn.squeeze(1)];
    return [out, hn];
  }
}

/** RNNCell, LSTMCell, GRUCell: one time step; weight_ih, weight_hh, bias_ih, bias_hh as in PyTorch. */
export abstract class RNNCellBase<In extends unknown[] = any[], Out = any> extends Module<In, Out> {
  declare inputSize: number;
  declare hiddenSize: number;
  declare bias: boolean;
  declare weight_ih: Parameter;
  declare weight_hh: Parameter;
  declare bias_ih: Parameter | null;
  declare bias_hh: Parameter | null;
  constructor(gates: number, o: { inputSize: number; hiddenSize: number; bias: boolean } & LayerFactoryOptions) {
    super();
    this.inputSize = positiveInt(o.inputSize, 'inputSize');
    this.hiddenSize = positiveInt(o.hiddenSize, 'hiddenSize');
    this.bias = o.bias;
    this.weight_ih = newParameter([gates * this.hiddenSize, this.inputSize], o);
    this.weight_hh = newParameter([gates * this.hiddenSize, this.hiddenSize], o);
    if (o.bias) {
      this.bias_ih = newParameter([gates * this.hiddenSize], o);
      this.bias_hh = newParameter([gates * this.hiddenSize], o);
    } else {
      this.registerParameter('bias_ih', null);
      this.registerParameter('bias_hh', null);
    }
    this.resetParameters();
  }
  resetParameters(): void {
    const stdv = this.hiddenSize > 0 ? 1 / Math.sqrt(this.hiddenSize) : 0;
    for (const w of this.parameters()) init.uniform_(w, -stdv, stdv);
  }
  /** The input made batched, and whether it was. */
  protected batch(input: Tensor, hx: Tensor | null | undefined, name: string): [Tensor, Tensor | null, boolean] {
    if (input.dim() !== 1 && input.dim() !== 2) throw new RangeError(`${name}: Expected input to be 1D or 2D, got ${input.dim()}D instead`);
    if (hx != null && hx.dim() !== 1 && hx.dim() !== 2) throw new RangeError(`${name}: Expected hidden to be 1D or 2D, got ${hx.dim()}D instead`);
    const batched = input.dim() === 2;
    return [batched ? input : input.unsqueeze(0), hx == null ? null : batched ? hx : hx.unsqueeze(0), batched];
  }
  protected zeros(input: Tensor): Tensor {
    return zeros([input.size(0), this.hiddenSize], { dtype: input.dtype, device: input.device });
  }
  extraRepr(): string {
    let s = `${this.inputSize}, ${this.hiddenSize}`;
    if (!this.bias) s += ', bias=False';
    const nl = (this as { nonlinearity?: string }).nonlinearity;
    if (nl !== undefined && nl !== 'tanh') s += `, nonlinearity=${nl}`;
    return s;
  }
}
export class RNNCell extends RNNCellBase<[input: Tensor, hx?: Tensor | null], Tensor> {
  declare nonlinearity: 'tanh' | 'relu';
  constructor(...args: Args<'nn.RNNCell'>) {
    const a = bind('nn.RNNCell', args);
    if (a.nonlinearity !== 'tanh' && a.nonlinearity !== 'relu') throw new RangeError(`Unknown nonlinearity: ${a.nonlinearity}`);
    super(1, a);
    this.nonlinearity = a.nonlinearity;
  }
  forward(input: Tensor, hx: Tensor | null = null): Tensor {
    const [x, h, batched] = this.batch(input, hx, 'RNNCell');
    const out = aten(this.nonlinearity === 'tanh' ? 'rnn_tanh_cell' : 'rnn_relu_cell')(x, h ?? this.zeros(x), this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    return batched ? out : out.squeeze(0);
  }
}
export class LSTMCell extends RNNCellBase<[input: Tensor, hx?: [Tensor, Tensor] | null], [Tensor, Tensor]> {
  constructor(...args: Args<'nn.LSTMCell'>) {
    super(4, bind('nn.LSTMCell', args));
  }
  /** Returns [h_1, c_1]. */
  forward(input: Tensor, hx: [Tensor, Tensor] | null = null): [Tensor, Tensor] {
    const [x, h, batched] = this.batch(input, hx?.[0], 'LSTMCell');
    const c = hx == null ? null : batched ? hx[1] : hx[1].unsqueeze(0);
    const state = h && c ? [h, c] : [this.zeros(x), this.zeros(x)];
    const [h1, c1] = aten('lstm_cell')(x, state, this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    return batched ? [h1, c1] : [h1.squeeze(0), c1.squeeze(0)];
  }
}
export class GRUCell extends RNNCellBase<[input: Tensor, hx?: Tensor | null], Tensor> {
  constructor(...args: Args<'nn.GRUCell'>) {
    super(3, bind('nn.GRUCell', args));
  }
  forward(input: Tensor, hx: Tensor | null = null): Tensor {
    const [x, h, batched] = this.batch(input, hx, 'GRUCell');
    const out = aten('gru_cell')(x, h ?? this.zeros(x), this.weight_ih, this.weight_hh, this.bias_ih, this.bias_hh);
    return batched ? out : out.squeeze(0);
  }
}
