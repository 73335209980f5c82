// Option objects are validated with zod before anything crosses into C++; failures read
// like sharp's: "Expected boolean for requiresGrad but received 'yes' of type string".
import { z } from 'zod';
import { describe } from './errors.js';
import { DType, Device, MemoryFormat, Layout, toDType, device as toDevice } from './types.js';

export const dtypeSchema = z.union([z.instanceof(DType), z.string()]).transform((v, ctx) => {
  try {
    return toDType(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'a dtype (torch.float32, torch.int64, ...)' });
    return z.NEVER;
  }
});
export const deviceSchema = z.union([z.custom<Device>((v) => v instanceof Device), z.string(), z.number().int().nonnegative()]).transform((v, ctx) => {
  try {
    return toDevice(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: "a device ('cpu', 'cuda', 'cuda:1' or torch.device)" });
    return z.NEVER;
  }
});

// null is Python's None: the default, as an omitted option
const orNone = <T extends z.ZodTypeAny>(schema: T) => schema.nullish().transform((v) => v ?? undefined);
export const tensorOptions = {
  dtype: orNone(dtypeSchema),
  device: orNone(deviceSchema),
  requiresGrad: z.boolean().optional(),
  layout: orNone(z.instanceof(Layout)),
  pinMemory: z.boolean().optional(),
};
export const memoryFormatSchema = z.instanceof(MemoryFormat);

const EXPECTED: Record<string, string> = {
  boolean: 'boolean', number: 'number', string: 'string', int: 'integer',
};

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let v: any = input;
  for (const k of path) v = v?.[k as any];
  return v;
}

/** Parses `value` with `schema`; throws TypeError naming the option and the bad value. */
export function parseOptions<T extends z.ZodTypeAny>(schema: T, value: unknown, where: string): z.output<T> {
  if (value === undefined) value = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`Expected an options object for ${where} but received ${describe(value)}`);
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    const known = schema instanceof z.ZodObject ? Object.keys(schema.shape).join(', ') : '';
    throw new TypeError(`Unknown option ${issue.keys.map((k) => `'${k}'`).join(', ')} for ${where}; it takes ${known}`);
  }
  const name = issue.path.map(String).join('.');
  let expected = issue.code === 'custom' ? issue.message : (issue as any).expected ?? issue.message;
  if (issue.code === 'too_small' || issue.code === 'too_big') expected = issue.message.replace(/^Too (small|big): expected number to be /, 'number ');
  expected = EXPECTED[expected] ?? expected;
  throw new TypeError(`Expected ${expected} for ${name} but received ${describe(valueAt(value, issue.path))}`);
}
