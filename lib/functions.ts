// The runtime behind the generated torch.* functions (lib/generated/functions.ts).
import { native } from './native.js';
import { wrap, makeTensor, OP_BASE, Tensor, toHandles, returnType, sameTupleType } from './tensor.js';
import { TORCH_FUNCTIONS, type TorchFunctions } from './generated/ops.js';
import { badArg, TorchError } from './errors.js';
import { fastFunction } from './fast-ops.js';
import type { DType } from './types.js';

/** @internal c10's ScalarType names, as libtorch's messages print them. */
export const SCALAR_TYPE: Record<string, string> = {
  uint8: 'Byte', int8: 'Char', int16: 'Short', int32: 'Int', int64: 'Long', float16: 'Half', float32: 'Float', float64: 'Double', bool: 'Bool', bfloat16: 'BFloat16',
};

/** @internal PyTorch's canCast: no complex to real, no floating to integral, nothing but bool to bool. */
export function canCast(from: DType, to: DType): boolean {
  if (from.isComplex && !to.isComplex) return false;
  if (from.isFloatingPoint && !to.isFloatingPoint && !to.isComplex) return false;
  if (from.name !== 'bool' && to.name === 'bool') return false;
  return true;
}

/**
 * out=: the result written into the caller's tensor, with PyTorch's rules: autograd refuses it, the
 * dtype must be castable and the device the same, and a tensor of the wrong shape is resized.
 */
export function writeOut(fn: string, result: unknown, out: unknown): unknown {
  if (Array.isArray(out)) {
    if (!Array.isArray(result) || result.length !== out.length) badArg(`${Array.isArray(result) ? result.length : 1} tensors`, 'out', out);
    // a named tuple keeps its type: each name now reads the out tensor in its place
    return sameTupleType(result, result.map((r, i) => writeOut(fn, r, out[i])));
  }
  if (!(out instanceof Tensor)) return badArg('a Tensor', 'out', out);
  if (!(result instanceof Tensor)) return badArg(`${fn}() to return a tensor`, 'out', out);
  if (result.requiresGrad) {
    throw new TorchError(`${fn}(): functions with out=... arguments don't support automatic differentiation, but one of the arguments requires grad.`);
  }
  if (!canCast(result.dtype, out.dtype)) throw new TorchError(`result type ${SCALAR_TYPE[result.dtype.name]} can't be cast to the desired output type ${SCALAR_TYPE[out.dtype.name]}`);
  if (String(result.device) !== String(out.device)) throw new TorchError(`Expected out tensor to have device ${result.device}, but got ${out.device} instead`);
  const shape = result.shape;
  if (out.shape.length !== shape.length || out.shape.some((s, i) => s !== shape[i])) {
    if (out.numel() !== 0) {
      process.emitWarning(`An output with one or more elements was resized since it had shape [${out.shape.join(', ')}], which does not match the required output shape [${shape.join(', ')}]. This behavior is deprecated, and in a future PyTorch release outputs will not be resized unless they have zero elements. You can explicitly reuse an out tensor t by resizing it, inplace, to zero elements with t.resize_(0).`, 'UserWarning');
    }
    out.resize_(shape);
  }
  out.copy_(result);
  result.dispose();
  return out;
}

const table: Record<string, Function> = {};
for (const [name, id, tupleNames, inplace, takesOut] of TORCH_FUNCTIONS) {
  const gid = OP_BASE + id;
  const tuple = tupleNames ? returnType(id, tupleNames) : null;
  let fn = inplace
    ? (...a: unknown[]) => { const self = a[0]; native.op(gid, ...toHandles(a)); return self; }
    : (...a: unknown[]) => wrap(native.op(gid, ...toHandles(a)), tuple);
  if (takesOut) {
    const call = fn;
    fn = (...a: unknown[]) => {
      const last = a[a.length - 1] as { out?: unknown } | null;
      if (last === null || typeof last !== 'object' || last.out == null || last instanceof Tensor || Array.isArray(last)) return call(...a);
      const { out, ...rest } = last;
      a[a.length - 1] = rest;
      return writeOut(name, call(...a), out);
    };
  }
  Object.defineProperty(fn, 'name', { value: name });
  table[name] = fastFunction(name, fn, makeTensor, tuple);
}
export const generatedFunctions = table as unknown as TorchFunctions;
