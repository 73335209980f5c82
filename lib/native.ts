// Loads the compiled addon, with a message that says how to build it when it is missing.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread } from 'node:worker_threads';

/** An opaque native tensor handle (an External: V8's own or Node-API's, binding/tensor_handle.cc). */
export type Handle = { readonly __handle: unique symbol };

/** The options every grid transform reads (binding/vision.cc's GridSpecOf): fill null is torchvision's None. */
export type GridOptions = { interp: number; fill: number[] | null; border?: boolean };
/** torchvision's affine parameters as binding/vision.cc's AffineSpecOf reads them (angle as vision::Affine takes it). */
export type AffineSpec = GridOptions & { angle: number; translate: number[]; scale: number; shear: number[]; center: number[] | null;
  expand: boolean; border: boolean; rotate?: boolean };

export interface Native {
  defineOps(groups: [string, string[]][]): number;
  op(id: number, ...args: unknown[]): any;
  dispose(h: Handle): void;
  isDisposed(h: Handle): boolean;
  meta(h: Handle, which: number): any;
  setScratch(sizes: Float64Array): void;
  /** writes h's sizes into the setScratch buffer; their count, or -1 when more than it holds */
  sizesInto(h: Handle): number;
  fromData(data: ArrayBufferView | ArrayBuffer, scalarType: number, shape: number[]): Handle;
  /** as fromData, from the first byteLength bytes of the setScratch buffer (lib/scratch.ts) */
  fromScratch(byteLength: number, scalarType: number, shape: number[]): Handle;
  toArrayBuffer(h: Handle, share?: boolean): ArrayBuffer;
  /** copies h's elements into the setScratch buffer (lib/scratch.ts): their byte count, or -1 when they do not fit */
  toScratch(h: Handle): number;
  item(h: Handle): number | boolean;
  index(h: Handle, indices: unknown[]): Handle;
  indexPut(h: Handle, indices: unknown[], value: unknown, accumulate?: boolean): void;
  /** binding/fast_ops.cc: unboxed entry points; undefined when the arguments need the generic path */
  fast: Record<string, (...args: unknown[]) => unknown> & {
    select(h: Handle, i: number): Handle | undefined;
    linear(input: Handle, weight: Handle, bias?: Handle | null): Handle | undefined;
  };
  setErrorClass(ctor: new (message: string, op: string, full: string) => Error): void;
  manualSeed(seed: number | bigint): void;
  setDefaultDtype(scalarType: number): void;
  getDefaultDtype(): number;
  initialSeed(): number;
  setNumThreads(n: number): void;
  getNumThreads(): number;
  runtimeInfo(): {
    version: string; major: number; minor: number; cudaAvailable: boolean; cudaDeviceCount: number;
    mpsAvailable: boolean; parallelInfo: string; showConfig: string; accelerator?: string;
  };
  cudaSynchronize(device?: number): void;
  setGradEnabled(enabled: boolean): boolean;
  isGradEnabled(): boolean;
  backward(tensors: unknown, grads: unknown, retainGraph: boolean | undefined, createGraph: boolean, inputs: unknown): void;
  autogradGrad(outputs: unknown, inputs: unknown, gradOutputs: unknown, retainGraph: boolean | undefined,
    createGraph: boolean, allowUnused: boolean): (Handle | null)[];
  gradQuery(h: Handle, which: number, cachedGrad?: Handle): any;
  nodeQuery(node: Handle, which: number): unknown;
  setGrad(h: Handle, g: Handle | null): void;
  setRequiresGrad(h: Handle, flag: boolean): void;
  retainGrad(h: Handle): void;
  recordFunction(name: string, inputs: (Handle | null)[], outputs: Handle[], dirty: Handle[], backward: (grads: (Handle | null)[]) => (Handle | null)[], materializeGrads: boolean): void;
  registerHook(h: Handle, fn: (grad: Handle) => Handle | undefined): number;
  removeHook(h: Handle, index: number): void;
  backendFlag(name: string, value?: boolean, warnOnly?: boolean): boolean | number | null;
  setData(h: Handle, data: Handle): void;
  loaderStart(spec: object): unknown;
  loaderNext(run: unknown): [Handle, Handle] | null;
  loaderNextAsync(run: unknown): Promise<[Handle, Handle] | null>;
  visionResize(img: unknown, h: number, w: number, interp: number, antialias: boolean): Handle;
  visionAffine(img: unknown, spec: AffineSpec): Handle;
  /** torchvision's perspective / elastic_transform on a tensor: interp is INTERP_CODE's, fill null for None */
  visionPerspective(img: unknown, coeffs: number[], options: GridOptions): Handle;
  visionElastic(img: unknown, displacement: unknown, options: GridOptions): Handle;
  /** AnomalyMode.set_enabled(enabled, checkNan) (no arguments: only read); returns the previous [enabled, checkNan] */
  setAnomaly(enabled?: boolean, checkNan?: boolean): [boolean, boolean];
  /** AOTInductor packages (binding/aoti.cc), where libtorch has the loader */
  aotiAvailable: boolean;
  aotiLoad(path: string, modelName: string): unknown;
  aotiLoadAsync(path: string, modelName: string): Promise<unknown>;
  aotiRun(handle: unknown, inputs: unknown[]): unknown[];
  aotiRunAsync(handle: unknown, inputs: unknown[]): Promise<unknown[]>;
  aotiMetadata(handle: unknown): Record<string, string>;
  /** PIL's Image.resize on an H×W×C uint8 image (binding/pil_resample.cc) */
  pilResize(hwc: unknown, h: number, w: number, interp: number): Handle;
  /** PIL's Image.rotate (spec.rotate) or Image.transform(AFFINE) on an H×W×C uint8 image */
  pilAffine(hwc: unknown, spec: AffineSpec): Handle;
  /** PIL's Image.transform(PERSPECTIVE, coeffs) on an H×W×C uint8 image */
  pilPerspective(hwc: unknown, coeffs: number[], options: GridOptions): Handle;
  visionAdjust(img: unknown, kind: 'brightness' | 'contrast' | 'saturation' | 'hue' | 'sharpness', factor: number): Handle;
  pilSharpness(hwc: unknown, factor: number): Handle;
  visionGaussianBlur(img: unknown, kx: number, ky: number, sx: number, sy: number): Handle;
  decodeImage(data: Uint8Array, mode: number): Handle;
  readImageFile(path: string, mode: number): Handle;
  setMaxImagePixels(limit: number | null): number | null;
  encodeImage(hwc: unknown, format: 'png' | 'jpeg', quality: number): Buffer;
  jitLoad(path: string, device: unknown): unknown;
  jitSave(m: unknown, path: string): void;
  jitCall(m: unknown, method: string, args: unknown[]): unknown;
  jitCallAsync(m: unknown, method: string, args: unknown[]): Promise<unknown>;
  jitNamed(m: unknown, which: 0 | 1 | 2, recurse: boolean): [string, unknown][];
  jitState(m: unknown, which: 0 | 1 | 2, value?: boolean): unknown;
  jitTo(m: unknown, device: unknown, dtype: unknown): void;
  jitTrace(fn: (args: unknown[]) => unknown, inputs: unknown[], entries: [string, unknown, boolean][], className: string): unknown;
  archiveOpen(path: string): unknown;
  archiveRecords(archive: unknown): string[];
  archiveBytes(archive: unknown, name: string): Buffer;
  archiveStorage(archive: unknown, name: string, scalarType: number, numel: number): Handle;
  archiveSave(path: string, records: [string, Buffer | Handle][]): void;
  distInit(spec: object): void;
  distInfo(): { rank: number; worldSize: number; backend: string } | null;
  distDestroy(): void;
  distNewGroup(ranks: number[]): number;
  distCollective(kind: string, spec: object): unknown;
  distWait(work: unknown): void;
  distIsCompleted(work: unknown): boolean;
  broadcastCoalesced(tensors: unknown[], bufferBytes: number, src: number): void;
  ddpReducer(params: unknown[], bucketCapBytes: number | null, findUnused: boolean): unknown;
  ddpPrepareForward(reducer: unknown, sync: boolean): boolean;
  ddpPrepareForBackward(reducer: unknown, outputs: unknown[]): void;
  newGenerator(device?: string): unknown;
  defaultGenerator(): unknown;
  generatorCall(g: unknown, which: number, arg?: number | bigint | Handle): unknown;
  sgdStep(params: unknown[], grads: unknown[], bufs: unknown[], hyper: object): (Handle | null)[];
  adamStep(params: unknown[], grads: unknown[], m: unknown[], v: unknown[], vmax: unknown[] | null, steps: unknown[], hyper: object): void;
  rmspropStep(params: unknown[], grads: unknown[], sq: unknown[], gavg: unknown[] | null, bufs: unknown[] | null, steps: unknown[], hyper: object): void;
  adagradStep(params: unknown[], grads: unknown[], sums: unknown[], steps: unknown[], hyper: object): void;
  /** the Node ABI (process.versions.modules) the addon's V8 tensor handles were built for; 0 where they were not */
  v8HandlesAbi: number;
  /** from now on this thread makes tensor handles with V8 directly (binding/tensor_handle.cc) */
  useV8Handles?(): void;
  /** how many collected results on this thread still wait for their release (binding/tensor_handle.cc) */
  collectedAwaitingRelease?(): number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
// dist/lib/native.js and lib/native.ts both sit two levels below the package root... or one.
const roots = [path.resolve(here, '..'), path.resolve(here, '../..')];
const candidates = roots.flatMap((r) => [
  path.join(r, 'build/Release/torch_node.node'),
  path.join(r, 'build/Debug/torch_node.node'),
]);
const addonPath = process.env.TORCH_NODE_ADDON ?? candidates.find((p) => existsSync(p));
if (!addonPath) {
  throw new Error(
    "torch-node's native addon is not built: its install script did not run (npm install --ignore-scripts, or a\n" +
      'package manager that asks first: npm install-scripts approve torch-node, bun pm trust torch-node). Build it now:\n' +
      '  npm rebuild torch-node\n' +
      'Inside the torch-node repository itself: npm run build:native',
  );
}
/** Which libtorch the addon was configured against (build/torch-node-configure.json), for the error below. */
function builtAgainst(addon: string): string {
  try {
    const flags = JSON.parse(readFileSync(path.join(path.dirname(addon), '..', 'torch-node-configure.json'), 'utf8')) as string[];
    const dir = flags.find((f) => f.startsWith('--CDTorch_DIR='))?.slice('--CDTorch_DIR='.length);
    return dir ? `the libtorch whose CMake files are in ${dir}` : 'a libtorch this machine no longer has';
  } catch {
    return 'a libtorch this machine no longer has';
  }
}
function loadAddon(addon: string): Native {
  try {
    return createRequire(import.meta.url)(addon);
  } catch (e) {
    const why = (e as Error).message;
    if (!/cannot open shared object|Library not loaded|undefined symbol|image not found|specified module could not be found/i.test(why)) throw e;
    throw new Error(
      `torch-node: its native addon (${addon}) cannot load: ${why.split('\n')[0]}\n` +
        `It was built against ${builtAgainst(addon)}. If that libtorch moved or was removed, put it back or build the addon again ` +
        'against the one you have: LIBTORCH=/path/to/libtorch npm rebuild torch-node (in the torch-node repository: npm run build:native).',
      { cause: e },
    );
  }
}
export const native: Native = loadAddon(addonPath);
// V8's own handles where the addon has them and this Node is the one they were built for (a Node
// upgraded since the build keeps Node-API's); worker threads keep Node-API's, which Node finalizes
// when a worker exits; TORCH_NODE_V8_HANDLES=0 in the environment keeps Node-API's everywhere. Before
// any tensor is made: a thread's handles are all of one kind.
if (native.v8HandlesAbi === Number(process.versions.modules) && isMainThread && process.env.TORCH_NODE_V8_HANDLES !== '0') {
  native.useV8Handles!();
}
