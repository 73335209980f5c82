// The subset of Python's pickle (protocol 2) that torch.save / torch.load use: reading
// accepts what PyTorch writes, and only the globals a checkpoint needs (like PyTorch's
// weights_only loader); writing emits what PyTorch's own files contain.

export class PyGlobal {
  constructor(readonly module: string, readonly name: string) {}
  get qualified(): string {
    return `${this.module}.${this.name}`;
  }
}
/** A Python dict (keys may be ints or strings), with its instance state after BUILD. */
export class PyDict extends Map<unknown, unknown> {
  state: unknown = undefined;
}
export class PyTuple extends Array<unknown> {}

export interface Reducers {
  /** REDUCE / NEWOBJ of an allowed global; throw for any other. */
  call(fn: PyGlobal, args: unknown[]): unknown;
  /** BINPERSID: PyTorch's storage references. */
  persistentLoad(pid: unknown): unknown;
}

const MARK = Symbol('mark');

/** Opcode names, for messages. */
const OPNAMES: Record<number, string> = {
  0x80: 'PROTO', 0x95: 'FRAME', 0x4a: 'BININT', 0x4b: 'BININT1', 0x4d: 'BININT2', 0x8a: 'LONG1', 0x47: 'BINFLOAT',
  0x58: 'BINUNICODE', 0x8c: 'SHORT_BINUNICODE', 0x55: 'SHORT_BINSTRING', 0x54: 'BINSTRING', 0x43: 'SHORT_BINBYTES',
  0x42: 'BINBYTES', 0x71: 'BINPUT', 0x72: 'LONG_BINPUT', 0x68: 'BINGET', 0x6a: 'LONG_BINGET', 0x63: 'GLOBAL',
};

/**
 * Reads a pickle as PyTorch's weights-only unpickler does: only the opcodes checkpoints use, only the
 * globals `reducers` allows, every operand bounds-checked against the data (a cut file is an error,
 * never a read past the end or a loop), memo slots must be set before they are read, and the stack
 * must hold exactly the result at STOP. Shared and cyclic references stay shared: a "pickle bomb"
 * that nests one list twice per level 60 times is 120 objects, not 2^60 (see toPlain for the limits
 * on what it becomes).
 */
export function unpickle(buf: Buffer, reducers: Reducers): unknown {
  let pos = 0;
  let op = 0;
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  const fail = (why: string): never => {
    throw new Error(`pickle: ${why} (byte ${pos} of ${buf.length})`);
  };
  const need = (n: number) => {
    if (n < 0 || pos + n > buf.length) fail(`data ended inside ${OPNAMES[op] ?? `opcode 0x${op.toString(16)}`} (truncated file?)`);
  };
  const pop = (): unknown => {
    if (!stack.length) fail('stack underflow');
    const v = stack.pop();
    if (v === MARK) fail('unexpected MARK');
    return v;
  };
  const top = (): unknown => {
    if (!stack.length || stack[stack.length - 1] === MARK) fail('stack underflow');
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) fail('MARK not found');
    const items = stack.slice(at + 1);
    stack.length = at;
    return items;
  };
  const u8 = () => { need(1); return buf[pos++]; };
  const u16 = () => { need(2); const v = buf.readUInt16LE(pos); pos += 2; return v; };
  const u32 = () => { need(4); const v = buf.readUInt32LE(pos); pos += 4; return v; };
  const bytes = (n: number) => { need(n); const b = buf.subarray(pos, pos + n); pos += n; return b; };
  const line = () => {
    const end = buf.indexOf(0x0a, pos);
    if (end < 0) fail('data ended inside GLOBAL (truncated file?)');
    const s = buf.toString('latin1', pos, end);
    pos = end + 1;
    return s;
  };
  const setItems = (d: unknown, kv: unknown[]) => {
    if (!(d instanceof Map)) fail('SETITEM(S) on a non-dict');
    if (kv.length % 2) fail('SETITEMS with an odd number of items');
    for (let i = 0; i < kv.length; i += 2) (d as Map<unknown, unknown>).set(kv[i], kv[i + 1]);
  };
  const list = (v: unknown): unknown[] => (Array.isArray(v) && !(v instanceof PyTuple) ? v : fail('APPEND(S) to a non-list'));
  const get = (i: number) => (memo.has(i) ? memo.get(i) : fail(`memo slot ${i} was never set`));
  for (;;) {
    if (pos >= buf.length) fail('data ended before STOP (truncated file?)');
    op = buf[pos++];
    switch (op) {
      case 0x80: u8(); break; // PROTO
      case 0x95: bytes(8); break; // FRAME (protocol 4)
      case 0x2e: { // STOP
        const result = pop();
        if (stack.length) fail(`${stack.length} values left on the stack at STOP`);
        return result;
      }
      case 0x28: stack.push(MARK); break; // MARK
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4a: { need(4); stack.push(buf.readInt32LE(pos)); pos += 4; break; } // BININT
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x8a: { // LONG1
        const b = bytes(u8());
        let v = 0n;
        for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
        if (b.length > 0 && b[b.length - 1] & 0x80) v -= 1n << BigInt(8 * b.length);
        stack.push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
        break;
      }
      case 0x47: { need(8); stack.push(buf.readDoubleBE(pos)); pos += 8; break; } // BINFLOAT
      case 0x58: stack.push(bytes(u32()).toString('utf8')); break; // BINUNICODE
      case 0x8c: stack.push(bytes(u8()).toString('utf8')); break; // SHORT_BINUNICODE
      case 0x55: stack.push(bytes(u8()).toString('latin1')); break; // SHORT_BINSTRING
      case 0x54: stack.push(bytes(u32()).toString('latin1')); break; // BINSTRING
      case 0x43: stack.push(Buffer.from(bytes(u8()))); break; // SHORT_BINBYTES
      case 0x42: stack.push(Buffer.from(bytes(u32()))); break; // BINBYTES
      case 0x7d: stack.push(new PyDict()); break; // EMPTY_DICT
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x29: stack.push(PyTuple.from([])); break; // EMPTY_TUPLE
      case 0x74: stack.push(PyTuple.from(popMark())); break; // TUPLE
      case 0x85: { const a = pop(); stack.push(PyTuple.from([a])); break; } // TUPLE1
      case 0x86: { const b = pop(), a = pop(); stack.push(PyTuple.from([a, b])); break; } // TUPLE2
      case 0x87: { const c = pop(), b = pop(), a = pop(); stack.push(PyTuple.from([a, b, c])); break; } // TUPLE3
      case 0x6c: stack.push(popMark()); break; // LIST
      case 0x64: { const d = new PyDict(); setItems(d, popMark()); stack.push(d); break; } // DICT
      case 0x61: { const v = pop(); list(top()).push(v); break; } // APPEND
      case 0x65: { const items = popMark(); const l = list(top()); for (const x of items) l.push(x); break; } // APPENDS
      case 0x73: { const v = pop(), k = pop(); setItems(top(), [k, v]); break; } // SETITEM
      case 0x75: { const kv = popMark(); setItems(top(), kv); break; } // SETITEMS
      case 0x71: memo.set(u8(), top()); break; // BINPUT
      case 0x72: memo.set(u32(), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: stack.push(get(u8())); break; // BINGET
      case 0x6a: stack.push(get(u32())); break; // LONG_BINGET
      case 0x63: { const module = line(); const name = line(); stack.push(new PyGlobal(module, name)); break; } // GLOBAL
      case 0x93: { // STACK_GLOBAL
        const name = pop(), module = pop();
        if (typeof name !== 'string' || typeof module !== 'string') fail('STACK_GLOBAL of non-strings');
        stack.push(new PyGlobal(module as string, name as string));
        break;
      }
      case 0x52: case 0x81: { // REDUCE, NEWOBJ
        const args = pop();
        const fn = pop();
        if (!(fn instanceof PyGlobal)) fail('REDUCE of a non-global');
        if (!Array.isArray(args)) fail('REDUCE with arguments that are not a tuple');
        stack.push(reducers.call(fn as PyGlobal, [...(args as unknown[])]));
        break;
      }
      case 0x62: { // BUILD
        const state = pop();
        const obj = top();
        if (obj instanceof PyDict) obj.state = state;
        else if (obj && typeof (obj as { setState?: unknown }).setState === 'function') (obj as { setState(s: unknown): void }).setState(state);
        break;
      }
      case 0x51: stack.push(reducers.persistentLoad(pop())); break; // BINPERSID
      case 0x30: pop(); break; // POP
      case 0x32: stack.push(top()); break; // DUP
      default:
        pos--;
        fail(`unsupported opcode 0x${op.toString(16)}`);
    }
  }
}

/** How deep a loaded value may nest (Python's recursion limit is about as deep). */
export const MAX_NESTING = 1000;

/**
 * Converts an unpickled value to plain JS (dicts become objects) once per distinct object, so shared
 * references stay shared, cycles stay cycles, and a value nested deeper than MAX_NESTING is an error.
 */
export function toPlain(root: unknown, convert: (v: unknown) => unknown = (v) => v): unknown {
  const done = new Map<unknown, unknown>();
  const walk = (v: unknown, depth: number): unknown => {
    if (v === null || typeof v !== 'object' || !(v instanceof PyDict || Array.isArray(v))) return convert(v);
    const seen = done.get(v);
    if (seen !== undefined) return seen;
    if (depth > MAX_NESTING) throw new Error(`pickle: the value nests deeper than ${MAX_NESTING} levels`);
    if (v instanceof PyDict) {
      const out: Record<string, unknown> = {};
      done.set(v, out);
      for (const [k, x] of v) out[String(k)] = walk(x, depth + 1);
      return out;
    }
    const out: unknown[] = [];
    done.set(v, out);
    for (const x of v as unknown[]) out.push(walk(x, depth + 1));
    return out;
  };
  return walk(root, 0);
}

/** A protocol-2 pickle writer; `persistent` returns a persistent id for values stored outside. */
export class Pickler {
  private chunks: Buffer[] = [];
  private write(b: Buffer | number[]) {
    this.chunks.push(Buffer.isBuffer(b) ? b : Buffer.from(b));
  }
  op(code: number) {
    this.write([code]);
  }
  global(module: string, name: string) {
    this.write(Buffer.from(`c${module}\n${name}\n`, 'latin1'));
  }
  str(s: string) {
    const b = Buffer.from(s, 'utf8');
    const n = Buffer.alloc(5);
    n[0] = 0x58;
    n.writeUInt32LE(b.length, 1);
    this.write(n);
    this.write(b);
  }
  int(v: number | bigint) {
    if (typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31) {
      const b = Buffer.alloc(5);
      b[0] = 0x4a;
      b.writeInt32LE(v, 1);
      this.write(b);
      return;
    }
    let x = BigInt(v);
    const bytes: number[] = [];
    for (;;) {
      bytes.push(Number(x & 0xffn));
      x >>= 8n;
      const sign = bytes[bytes.length - 1] & 0x80;
      if ((x === 0n && !sign) || (x === -1n && sign)) break;
    }
    this.write([0x8a, bytes.length, ...bytes]);
  }
  float(v: number) {
    const b = Buffer.alloc(9);
    b[0] = 0x47;
    b.writeDoubleBE(v, 1);
    this.write(b);
  }
  value(v: unknown, custom: (v: unknown) => boolean): void {
    if (custom(v)) return;
    if (v === null || v === undefined) this.op(0x4e);
    else if (v === true) this.op(0x88);
    else if (v === false) this.op(0x89);
    else if (typeof v === 'bigint') this.int(v);
    else if (typeof v === 'number') Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER ? this.int(v) : this.float(v);
    else if (typeof v === 'string') this.str(v);
    else if (v instanceof PyTuple) {
      this.op(0x28);
      for (const x of v) this.value(x, custom);
      this.op(0x74);
    } else if (Array.isArray(v)) {
      this.op(0x5d);
      if (v.length) {
        this.op(0x28);
        for (const x of v) this.value(x, custom);
        this.op(0x65);
      }
    } else if (v instanceof Map || (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)) {
      // dicts as collections.OrderedDict, the type of PyTorch's state dicts
      const entries = v instanceof Map ? [...v.entries()] : Object.entries(v as object);
      this.global('collections', 'OrderedDict');
      this.op(0x29);
      this.op(0x52);
      if (entries.length) {
        this.op(0x28);
        for (const [k, x] of entries) {
          // integer-like keys were Python ints (optimizer state ids): write them back as ints
          this.value(typeof k === 'string' && /^(0|[1-9]\d*)$/.test(k) && k.length < 16 ? Number(k) : k, custom);
          this.value(x, custom);
        }
        this.op(0x75);
      }
    } else throw new TypeError(`torch.save cannot store a value of type ${v?.constructor?.name ?? typeof v}`);
  }
  finish(): Buffer {
    this.op(0x2e);
    return Buffer.concat(this.chunks);
  }
}
