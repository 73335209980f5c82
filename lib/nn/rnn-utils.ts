// torch.nn.utils.rnn: padding and packing variable-length sequences, and PackedSequence, which
// RNN, LSTM and GRU take and give back as PyTorch's do.
import { Tensor } from '../tensor.js';
import { aten } from '../aten.js';
import { badArg } from '../errors.js';
import { tensor } from '../creation.js';
import { int64 } from '../types.js';
import { bind, type Args } from '../bind.js';

/** A packed batch of sequences: [data, batchSizes, sortedIndices, unsortedIndices], also by name. */
export class PackedSequence extends Array<Tensor | null> {
  constructor(readonly data: Tensor, readonly batchSizes: Tensor, readonly sortedIndices: Tensor | null = null, readonly unsortedIndices: Tensor | null = null) {
    super();
    this.push(data, batchSizes, sortedIndices, unsortedIndices);
  }
  static get [Symbol.species]() {
    return Array;
  }
  toString(): string {
    return `PackedSequence(data=${this.data}, batch_sizes=${this.batchSizes}, sorted_indices=${this.sortedIndices ?? 'None'}, unsorted_indices=${this.unsortedIndices ?? 'None'})`;
  }
}

function invertPermutation(p: Tensor | null): Tensor | null {
  if (p === null) return null;
  return aten('empty_like')(p).scatter_(0, p, aten('arange')(0, p.numel(), { dtype: int64, device: p.device }));
}

export function padSequence(...args: Args<'nn.utils.rnn.padSequence'>): Tensor {
  const a = bind('nn.utils.rnn.padSequence', args);
  const seqs = a.sequences instanceof Tensor ? a.sequences.unbind(0) : [...a.sequences];
  seqs.forEach((s, i) => s instanceof Tensor || badArg('a list of Tensors', `sequences[${i}]`, s));
  if (a.paddingSide !== 'right' && a.paddingSide !== 'left') throw new RangeError(`Expected padding_side to be one of left or right, but got ${a.paddingSide}.`);
  if (a.paddingSide === 'right') return aten('pad_sequence')(seqs, a.batchFirst, a.paddingValue);
  // left padding: the reversed sequences padded on the right, reversed back along time
  return aten('pad_sequence')(seqs.map((s) => s.flip(0)), a.batchFirst, a.paddingValue).flip(a.batchFirst ? 1 : 0);
}

export function packPaddedSequence(...args: Args<'nn.utils.rnn.packPaddedSequence'>): PackedSequence {
  const a = bind('nn.utils.rnn.packPaddedSequence', args);
  let input = a.input;
  let lengths = a.lengths instanceof Tensor ? a.lengths.to({ device: 'cpu', dtype: int64 }) : tensor(a.lengths.map(BigInt), { dtype: int64 });
  let sorted: Tensor | null = null;
  if (a.enforceSorted) {
    const l = lengths.tolist() as number[];
    if (l.some((v, i) => i > 0 && Number(v) > Number(l[i - 1]))) throw new RangeError('`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to sidestep this requirement if you do not need ONNX exportability.');
  } else {
    const s = lengths.sort({ descending: true });
    lengths = s.values;
    sorted = s.indices.to({ device: input.device });
    input = input.indexSelect(a.batchFirst ? 0 : 1, sorted);
  }
  const [data, batchSizes] = aten('_pack_padded_sequence')(input, lengths, a.batchFirst);
  return new PackedSequence(data, batchSizes, sorted, invertPermutation(sorted));
}

/** Returns [padded, lengths]. */
export function padPackedSequence(...args: Args<'nn.utils.rnn.padPackedSequence'>): [Tensor, Tensor] {
  const a = bind('nn.utils.rnn.padPackedSequence', args);
  const seq = a.sequence;
  if (!(seq instanceof PackedSequence)) badArg('a PackedSequence', 'sequence', seq);
  const p = seq as PackedSequence;
  const maxLen = p.batchSizes.size(0);
  let total = maxLen;
  if (a.totalLength != null) {
    if (a.totalLength < maxLen) {
      throw new RangeError(`Expected total_length to be at least the length of the longest sequence in input, but got total_length=${a.totalLength} and max sequence length being ${maxLen}`);
    }
    total = a.totalLength;
  }
  const [padded, lengths] = aten('_pad_packed_sequence')(p.data, p.batchSizes, a.batchFirst, a.paddingValue, total);
  if (p.unsortedIndices === null) return [padded, lengths];
  return [padded.indexSelect(a.batchFirst ? 0 : 1, p.unsortedIndices), lengths.indexSelect(0, p.unsortedIndices.to({ device: 'cpu' }))];
}

export function packSequence(...args: Args<'nn.utils.rnn.packSequence'>): PackedSequence {
  const a = bind('nn.utils.rnn.packSequence', args);
  const lengths = a.sequences.map((s) => s.size(0));
  return packPaddedSequence(padSequence(a.sequences), lengths, { enforceSorted: a.enforceSorted });
}

export { invertPermutation };
/** The padded batch back to a list of sequences, each cut to its length. */
export function unpadSequence(...args: Args<'nn.utils.rnn.unpadSequence'>): Tensor[] {
  const a = bind('nn.utils.rnn.unpadSequence', args);
  const padded = a.batchFirst ? a.paddedSequences : a.paddedSequences.transpose(0, 1);
  const lengths = (a.lengths instanceof Tensor ? a.lengths.tolist() : a.lengths) as number[];
  return lengths.map((l, i) => padded.select(0, i).narrow(0, 0, Number(l)));
}
/** A PackedSequence back to its list of sequences. */
export function unpackSequence(...args: Args<'nn.utils.rnn.unpackSequence'>): Tensor[] {
  const { packedSequences } = bind('nn.utils.rnn.unpackSequence', args);
  const [padded, lengths] = padPackedSequence(packedSequences, { batchFirst: true });
  return unpadSequence(padded, lengths, { batchFirst: true });
}
