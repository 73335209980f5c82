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

export function unpickle(buf: Buffer, reducers: Reducers): unknown {
  let pos = 0;
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  const popMark = (): unknown[] => {
    const items: unknown[] = [];
    for (;;) {
      if (!stack.length) throw new Error('pickle: MARK not found');
      const v = stack.pop();
      if (v === MARK) return items.reverse();
      items.push(v);
    }
  };
  const u8 = () => buf[pos++];
  const u16 = () => { const v = buf.readUInt16LE(pos); pos += 2; return v; };
  const u32 = () => { const v = buf.readUInt32LE(pos); pos += 4; return v; };
  const line = () => { const end = buf.indexOf(0x0a, pos); const s = buf.toString('latin1', pos, end); pos = end + 1; return s; };
  const setItems = (d: unknown, kv: unknown[]) => {
    if (!(d instanceof Map)) throw new Error('pickle: SETITEM on a non-dict');
    for (let i = 0; i < kv.length; i += 2) d.set(kv[i], kv[i + 1]);
  };
  for (;;) {
    if (pos >= buf.length) throw new Error('pickle: data ended before STOP (truncated file?)');
    const op = u8();
    switch (op) {
      case 0x80: u8(); break; // PROTO
      case 0x95: pos += 8; break; // FRAME (protocol 4)
      case 0x2e: return stack.pop(); // STOP
      case 0x28: stack.push(MARK); break; // MARK
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4a: { stack.push(buf.readInt32LE(pos)); pos += 4; break; } // BININT
      case 0x4b: stack.push(u8()); break; // BININT1
      case 0x4d: stack.push(u16()); break; // BININT2
      case 0x8a: { // LONG1
        const n = u8();
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(buf[pos + i]);
        if (n > 0 && buf[pos + n - 1] & 0x80) v -= 1n << BigInt(8 * n);
        pos += n;
        stack.push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
        break;
      }
      case 0x47: { stack.push(buf.readDoubleBE(pos)); pos += 8; break; } // BINFLOAT
      case 0x58: { const n = u32(); stack.push(buf.toString('utf8', pos, pos + n)); pos += n; break; } // BINUNICODE
      case 0x8c: { const n = u8(); stack.push(buf.toString('utf8', pos, pos + n)); pos += n; break; } // SHORT_BINUNICODE
      case 0x55: { const n = u8(); stack.push(buf.toString('latin1', pos, pos + n)); pos += n; break; } // SHORT_BINSTRING
      case 0x54: { const n = u32(); stack.push(buf.toString('latin1', pos, pos + n)); pos += n; break; } // BINSTRING
      case 0x43: { const n = u8(); stack.push(Buffer.from(buf.subarray(pos, pos + n))); pos += n; break; } // SHORT_BINBYTES
      case 0x42: { const n = u32(); stack.push(Buffer.from(buf.subarray(pos, pos + n))); pos += n; break; } // BINBYTES
      case 0x7d: stack.push(new PyDict()); break; // EMPTY_DICT
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x29: stack.push(PyTuple.from([])); break; // EMPTY_TUPLE
      case 0x74: stack.push(PyTuple.from(popMark())); break; // TUPLE
      case 0x85: { const a = stack.pop(); stack.push(PyTuple.from([a])); break; } // TUPLE1
      case 0x86: { const b = stack.pop(), a = stack.pop(); stack.push(PyTuple.from([a, b])); break; } // TUPLE2
      case 0x87: { const c = stack.pop(), b = stack.pop(), a = stack.pop(); stack.push(PyTuple.from([a, b, c])); break; } // TUPLE3
      case 0x6c: stack.push(popMark()); break; // LIST
      case 0x64: { const d = new PyDict(); setItems(d, popMark()); stack.push(d); break; } // DICT
      case 0x61: { const v = stack.pop(); (stack[stack.length - 1] as unknown[]).push(v); break; } // APPEND
      case 0x65: { const items = popMark(); (stack[stack.length - 1] as unknown[]).push(...items); break; } // APPENDS
      case 0x73: { const v = stack.pop(), k = stack.pop(); setItems(stack[stack.length - 1], [k, v]); break; } // SETITEM
      case 0x75: { const kv = popMark(); setItems(stack[stack.length - 1], kv); break; } // SETITEMS
      case 0x71: memo.set(u8(), stack[stack.length - 1]); break; // BINPUT
      case 0x72: memo.set(u32(), stack[stack.length - 1]); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, stack[stack.length - 1]); break; // MEMOIZE
      case 0x68: stack.push(memo.get(u8())); break; // BINGET
      case 0x6a: stack.push(memo.get(u32())); break; // LONG_BINGET
      case 0x63: { const module = line(); const name = line(); stack.push(new PyGlobal(module, name)); break; } // GLOBAL
      case 0x93: { const name = stack.pop() as string, module = stack.pop() as string; stack.push(new PyGlobal(module, name)); break; } // STACK_GLOBAL
      case 0x52: case 0x81: { // REDUCE, NEWOBJ
        const args = stack.pop() as unknown[];
        const fn = stack.pop();
        if (!(fn instanceof PyGlobal)) throw new Error('pickle: REDUCE of a non-global');
        stack.push(reducers.call(fn, [...args]));
        break;
      }
      case 0x62: { // BUILD
        const state = stack.pop();
        const obj = stack[stack.length - 1];
        if (obj instanceof PyDict) obj.state = state;
        else if (obj && typeof (obj as { setState?: unknown }).setState === 'function') (obj as { setState(s: unknown): void }).setState(state);
        break;
      }
      case 0x51: stack.push(reducers.persistentLoad(stack.pop())); break; // BINPERSID
      case 0x30: stack.pop(); break; // POP
      case 0x32: stack.push(stack[stack.length - 1]); break; // DUP
      default:
        throw new Error(`pickle: unsupported opcode 0x${op.toString(16)} at byte ${pos - 1}`);
    }
  }
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
