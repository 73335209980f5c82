// Python's repr() of the plain values that appear in module reprs: 1e-05, 1.0, (3, 3), True.

/** repr(float) in Python: shortest round-trip digits, exponent form below 1e-4 or from 1e16. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expStr] = x.toExponential().split('e');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 16) {
    const m = mant.includes('.') ? mant : mant;
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = String(x);
  const fixed = s.includes('e') ? x.toFixed(Math.max(0, -exp + (mant.replace(/[-.]/g, '').length - 1))) : s;
  return fixed.includes('.') ? fixed : `${fixed}.0`;
}

export function pyValue(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return v.length === 1 ? `(${pyValue(v[0])},)` : `(${v.map(pyValue).join(', ')})`;
  return String(v);
}
/** `torch.Size([2, 3])`, as PyTorch prints a shape */
export const sizeRepr = (shape: readonly number[]) => `torch.Size([${shape.join(', ')}])`;
/** A float parameter (eps, momentum, p...) as Python prints it. */
export const pyNum = (v: number) => (Number.isInteger(v) && !Number.isNaN(v) ? `${v}.0` : pyFloat(v));
