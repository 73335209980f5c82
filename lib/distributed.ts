// torch.distributed on libtorch's c10d (binding/distributed.cc): the Gloo backend, env:// tcp:// and
// file:// rendezvous as Python's, collectives with ReduceOp, async Work handles. The wire protocol
// is c10d's own, so torch-node and Python workers of the same libtorch can share a group.
import { native } from './native.js';
import { Tensor } from './tensor.js';
import { badArg } from './errors.js';

import { bind, rejectUnsupported, type Args } from './bind.js';
export const ReduceOp = { SUM: 'SUM', PRODUCT: 'PRODUCT', MIN: 'MIN', MAX: 'MAX', BAND: 'BAND', BOR: 'BOR', BXOR: 'BXOR' } as const;
export type ReduceOp = (typeof ReduceOp)[keyof typeof ReduceOp];

/** The keyword arguments of `distributed.initProcessGroup`. */
export interface InitProcessGroupOptions {
  backend?: 'gloo' | 'nccl';
  /** 'env://' (default: MASTER_ADDR, MASTER_PORT, RANK, WORLD_SIZE), 'tcp://host:port' or 'file:///path' */
  initMethod?: string;
  rank?: number;
  worldSize?: number;
  /** milliseconds (Python's timedelta); default 30 minutes, as PyTorch's */
  timeout?: number;
}

/** false when the addon was built without gloo's headers (Debian: apt-get install libgloo-dev, then rebuild) */
export function isAvailable(): boolean {
  return (native as { distributedBuilt?: boolean }).distributedBuilt === true;
}
function requireBuilt(): void {
  if (!isAvailable()) throw new Error("torch.distributed is not available: torch-node was built without gloo's headers (Debian/Ubuntu: apt-get install libgloo-dev, then npm rebuild torch-node)");
}
export function isInitialized(): boolean {
  return isAvailable() && native.distInfo() !== null;
}
export function isGlooAvailable(): boolean {
  return isAvailable();
}
/** Whether this addon was built against a CUDA libtorch with NCCL (the 'nccl' backend). */
export function isNcclAvailable(): boolean {
  return isAvailable() && (native as { ncclBuilt?: boolean }).ncclBuilt === true;
}

function envInt(name: string): number {
  const v = process.env[name];
  if (v === undefined) throw new Error(`Error initializing torch.distributed using env:// rendezvous: environment variable ${name} expected, but not set`);
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Error initializing torch.distributed using env:// rendezvous: ${name} must be a non-negative integer, got '${v}'`);
  return n;
}

/** torch.distributed.init_process_group: initProcessGroup('gloo', { ... }) or initProcessGroup({ backend: 'gloo', ... }). */
export function initProcessGroup(...args: Args<'distributed.initProcessGroup'>): void {
  const a = bind('distributed.initProcessGroup', args, { name: 'initProcessGroup' });
  rejectUnsupported('distributed.initProcessGroup', a, ['store', 'groupName', 'pgOptions', 'deviceId', 'ranks', 'enableReconfigure'], 'initProcessGroup');
  requireBuilt();
  // rank and world size -1: from the environment (env://), as Python's
  const o = { backend: a.backend ?? undefined, initMethod: a.initMethod ?? undefined, timeout: a.timeout ?? undefined,
    rank: a.rank === -1 ? undefined : a.rank, worldSize: a.worldSize === -1 ? undefined : a.worldSize };
  const b = o.backend ?? 'gloo';
  if (b === 'nccl' && !isNcclAvailable()) throw new Error("Distributed package doesn't have NCCL built in (this libtorch is a CPU build, or was found without nccl.h): use backend 'gloo'");
  if (b !== 'gloo' && b !== 'nccl') badArg("'gloo' or 'nccl'", 'backend', b);
  const method = o.initMethod ?? 'env://';
  const timeoutMs = o.timeout ?? 30 * 60 * 1000;
  if (!(timeoutMs > 0)) badArg('a positive number of milliseconds', 'timeout', o.timeout);
  let rank = o.rank, worldSize = o.worldSize;
  let store: { kind: 'tcp'; host: string; port: number } | { kind: 'file'; path: string };
  if (method.startsWith('env://')) {
    rank ??= envInt('RANK');
    worldSize ??= envInt('WORLD_SIZE');
    const host = process.env.MASTER_ADDR;
    if (!host) throw new Error('Error initializing torch.distributed using env:// rendezvous: environment variable MASTER_ADDR expected, but not set');
    store = { kind: 'tcp', host, port: envInt('MASTER_PORT') };
  } else if (method.startsWith('tcp://')) {
    const u = new URL(method);
    if (!u.port) throw new Error(`port number missing in init_method ${method}`);
    store = { kind: 'tcp', host: u.hostname, port: Number(u.port) };
  } else if (method.startsWith('file://')) {
    store = { kind: 'file', path: decodeURIComponent(new URL(method).pathname) };
  } else {
    throw new Error(`No rendezvous handler for ${method.split('://')[0]}:// (expected env://, tcp:// or file://)`);
  }
  if (rank === undefined || rank < 0) throw new Error(`rank parameter missing or negative for init_method ${method}`);
  if (worldSize === undefined || worldSize < 1) throw new Error(`world size parameter missing for init_method ${method}`);
  if (rank >= worldSize) throw new RangeError(`rank ${rank} is out of range for world size ${worldSize}`);
  native.distInit({ rank, worldSize, timeoutMs, store, backend: b });
}

export function destroyProcessGroup(): void {
  native.distDestroy();
}

function info(): { rank: number; worldSize: number; backend: string } {
  requireBuilt();
  const i = native.distInfo();
  if (!i) throw new Error('Default process group has not been initialized, please make sure to call initProcessGroup.');
  return i;
}

/** A group made by newGroup: its global ranks, in order (a rank's place is its rank in the group). */
export class ProcessGroup {
  /** @internal */
  constructor(readonly id: number, readonly ranks: number[]) {}
  rank(): number {
    return this.ranks.indexOf(info().rank);
  }
  size(): number {
    return this.ranks.length;
  }
}
/** What newGroup returns on ranks outside the group, as Python's GroupMember.NON_GROUP_MEMBER. */
export const GroupMember = { WORLD: null, NON_GROUP_MEMBER: Object.freeze({ nonGroupMember: true }) } as const;
type GroupArg = ProcessGroup | null | undefined;

/** new_group(ranks=None): every rank of the world calls it, members or not. */
export function newGroup(...args: Args<'distributed.newGroup'>): ProcessGroup | typeof GroupMember.NON_GROUP_MEMBER {
  const options = bind('distributed.newGroup', args, { name: 'newGroup' });
  rejectUnsupported('distributed.newGroup', options, ['pgOptions', 'useLocalSynchronization', 'deviceId'], 'newGroup');
  if (options.backend != null && options.backend !== getBackend()) throw new TypeError(`newGroup(): a group of another backend (${options.backend}) than the world's is not supported by torch-node`);
  const ranks = options.ranks;
  const n = info().worldSize;
  const sorted = [...new Set(ranks ?? [...Array(n).keys()])].sort((a, b) => a - b);
  for (const r of sorted) if (!Number.isInteger(r) || r < 0 || r >= n) throw new RangeError(`The new group's rank should be within the world_size set by init_process_group (got ${r}, world size ${n})`);
  const id = native.distNewGroup(sorted);
  return id < 0 ? GroupMember.NON_GROUP_MEMBER : new ProcessGroup(id, sorted);
}

function groupSpec(group: GroupArg): { group?: number } {
  if (group === null || group === undefined) return {};
  if (!(group instanceof ProcessGroup)) badArg('a ProcessGroup from newGroup', 'group', group);
  return { group: group.id };
}
/** a global rank as the group's own (collectives' src/dst are global ranks, as in PyTorch) */
function groupRank(group: GroupArg, globalRank: number, name: string): number {
  if (!Number.isInteger(globalRank)) badArg('a rank', name, globalRank);
  if (!group) return globalRank;
  const r = group.ranks.indexOf(globalRank);
  if (r < 0) throw new RangeError(`The global rank ${globalRank} is not part of the group`);
  return r;
}
export function getRank(group?: GroupArg): number {
  return group ? group.rank() : info().rank;
}
export function getWorldSize(group?: GroupArg): number {
  return group ? group.size() : info().worldSize;
}
export function getBackend(): string {
  return info().backend;
}

/** An asynchronous collective in flight (asyncOp: true), as Python's Work. */
export class Work {
  /** @internal */
  constructor(private readonly handle: unknown) {}
  /** Blocks until the collective is done (or fails, or times out). */
  wait(): boolean {
    native.distWait(this.handle);
    return true;
  }
  isCompleted(): boolean {
    return native.distIsCompleted(this.handle);
  }
}

function run(kind: string, spec: object, asyncOp: boolean | undefined): Work | undefined {
  const w = new Work(native.distCollective(kind, spec));
  if (asyncOp) return w;
  w.wait();
  return undefined;
}
const tensor = (t: unknown, name: string) => (t instanceof Tensor ? t : badArg('a Tensor', name, t));
const tensors = (l: unknown, name: string) => (Array.isArray(l) && l.every((t) => t instanceof Tensor) ? (l as Tensor[]) : badArg('an array of Tensors', name, l));
function reduceOp(op: unknown): ReduceOp {
  if (op === undefined) return 'SUM';
  if (typeof op === 'string' && op in ReduceOp) return op as ReduceOp;
  return badArg('a ReduceOp (ReduceOp.SUM, PRODUCT, MIN, MAX, BAND, BOR, BXOR)', 'op', op);
}

/** src/dst as a global rank, or as the group's own (groupSrc, groupDst), as PyTorch 2.x takes either */
function rootRank(group: GroupArg, global: number | null | undefined, local: number | null | undefined, name: string): number {
  if (global != null && local != null) throw new TypeError(`Can not specify both ${name} and group_${name}`);
  if (local != null) {
    if (!Number.isInteger(local) || local < 0 || local >= getWorldSize(group)) badArg('a rank of the group', `group${name[0].toUpperCase()}${name.slice(1)}`, local);
    return local;
  }
  return groupRank(group, global ?? 0, name);
}
const globalRank = (group: GroupArg, local: number) => (group ? group.ranks[local] : local);

/** all_reduce(tensor, op=SUM, group=None, async_op=False): in place on every rank. */
export function allReduce(...args: Args<'distributed.allReduce'>): Work | undefined {
  const o = bind('distributed.allReduce', args, { name: 'allReduce' });
  return run('allReduce', { tensors: [tensor(o.tensor, 'tensor')], op: reduceOp(o.op), ...groupSpec(o.group) }, o.asyncOp);
}
/** broadcast(tensor, src, group=None, async_op=False): every rank's tensor becomes src's. */
export function broadcast(...args: Args<'distributed.broadcast'>): Work | undefined {
  const o = bind('distributed.broadcast', args, { name: 'broadcast' });
  if (o.src == null && o.groupSrc == null) throw new TypeError('broadcast(): one of src and groupSrc must be given');
  return run('broadcast', { tensors: [tensor(o.tensor, 'tensor')], root: rootRank(o.group, o.src, o.groupSrc, 'src'), ...groupSpec(o.group) }, o.asyncOp);
}
/** reduce(tensor, dst, op=SUM, group=None, async_op=False): the result lands on dst. */
export function reduce(...args: Args<'distributed.reduce'>): Work | undefined {
  const o = bind('distributed.reduce', args, { name: 'reduce' });
  if (o.dst == null && o.groupDst == null) throw new TypeError('reduce(): one of dst and groupDst must be given');
  return run('reduce', { tensors: [tensor(o.tensor, 'tensor')], root: rootRank(o.group, o.dst, o.groupDst, 'dst'), op: reduceOp(o.op), ...groupSpec(o.group) }, o.asyncOp);
}
/** all_gather(tensor_list, tensor, group=None, async_op=False): tensorList[i] receives rank i's tensor. */
export function allGather(...args: Args<'distributed.allGather'>): Work | undefined {
  const o = bind('distributed.allGather', args, { name: 'allGather' });
  return run('allGather', { output: tensors(o.tensorList, 'tensorList'), tensors: [tensor(o.tensor, 'tensor')], ...groupSpec(o.group) }, o.asyncOp);
}
/** gather(tensor, gather_list=None, dst=0, group=None, async_op=False) */
export function gather(...args: Args<'distributed.gather'>): Work | undefined {
  const options = bind('distributed.gather', args, { name: 'gather' });
  const dstLocal = rootRank(options.group, options.dst, options.groupDst, 'dst');
  const dst = globalRank(options.group, dstLocal);
  const mine = info().rank === dst;
  if (mine && !options.gatherList) throw new Error('Argument ``gather_list`` must be specified on destination rank.');
  if (!mine && options.gatherList) throw new Error('Argument ``gather_list`` must NOT be specified on non-destination ranks.');
  return run('gather', { tensors: [tensor(options.tensor, 'tensor')], output: mine ? tensors(options.gatherList, 'gatherList') : [], root: dstLocal, ...groupSpec(options.group) }, options.asyncOp);
}
/** scatter(tensor, scatter_list=None, src=0, group=None, async_op=False) */
export function scatter(...args: Args<'distributed.scatter'>): Work | undefined {
  const options = bind('distributed.scatter', args, { name: 'scatter' });
  const srcLocal = rootRank(options.group, options.src, options.groupSrc, 'src');
  const src = globalRank(options.group, srcLocal);
  const mine = info().rank === src;
  if (mine && !options.scatterList) throw new Error('Argument ``scatter_list`` must be specified on source rank.');
  if (!mine && options.scatterList) throw new Error('Argument ``scatter_list`` must NOT be specified on non-source ranks.');
  return run('scatter', { tensors: [tensor(options.tensor, 'tensor')], input: mine ? tensors(options.scatterList, 'scatterList') : [], root: srcLocal, ...groupSpec(options.group) }, options.asyncOp);
}
/** reduce_scatter(output, input_list, op=SUM, group=None, async_op=False) */
export function reduceScatter(...args: Args<'distributed.reduceScatter'>): Work | undefined {
  const o = bind('distributed.reduceScatter', args, { name: 'reduceScatter' });
  return run('reduceScatter', { tensors: [tensor(o.output, 'output')], input: tensors(o.inputList, 'inputList'), op: reduceOp(o.op), ...groupSpec(o.group) }, o.asyncOp);
}
/** barrier(group=None, async_op=False) */
export function barrier(...args: Args<'distributed.barrier'>): Work | undefined {
  const o = bind('distributed.barrier', args, { name: 'barrier' });
  rejectUnsupported('distributed.barrier', o, ['deviceIds', 'timeout'], 'barrier');
  return run('barrier', groupSpec(o.group), o.asyncOp);
}
