// AOTInductor packages (.pt2): what PyTorch 2 serves after TorchScript. Python exports and compiles a
// model ahead of time (torch.export.export, torch._inductor.aoti_compile_and_package); torch-node
// runs the package with libtorch's own AOTIModelPackageLoader (binding/aoti.cc), on the JS thread
// (forward) or on libuv's threads (forwardAsync), as TorchScript modules run.
import { Tensor } from './tensor.js';
import { native } from './native.js';
import { badArg } from './errors.js';

type Output = Tensor | Tensor[];
const wrap = (hs: unknown[]): Tensor[] => hs.map((h) => new Tensor(h as never));
const single = (ts: Tensor[]): Output => (ts.length === 1 ? ts[0] : ts);

/** Whether this build can run AOTInductor packages (libtorch 2.6 or later). */
export function isAvailable(): boolean {
  return native.aotiAvailable === true;
}

function available(): void {
  if (!isAvailable()) {
    throw new Error(`AOTInductor packages need libtorch 2.6 or later (its AOTIModelPackageLoader); this torch-node is built against libtorch ${native.runtimeInfo().version}. Rebuild against a newer libtorch (LIBTORCH=/path/to/libtorch npm rebuild torch-node).`);
  }
}
function tensorsOf(args: unknown[]): Tensor[] {
  return args.map((a, i) => (a instanceof Tensor ? a : badArg('a Tensor', `input ${i}`, a)));
}

export interface AOTIModel {
  /** model(...inputs) is model.forward(...inputs) */
  (...inputs: Tensor[]): Output;
}
/**
 * A loaded AOTInductor package (torch._inductor.AOTICompiledModel): callable with the inputs the
 * export took; one output comes back as a Tensor, several as an array.
 */
export class AOTIModel {
  private declare readonly handle: unknown;
  /** the package's path */
  declare readonly path: string;
  constructor(handle: unknown, path: string) {
    const self = function (...inputs: Tensor[]) {
      return (self as unknown as AOTIModel).forward(...inputs);
    } as unknown as AOTIModel;
    Object.setPrototypeOf(self, new.target.prototype);
    Object.defineProperty(self, 'handle', { value: handle });
    Object.defineProperty(self, 'path', { value: path, enumerable: true });
    return self;
  }
  /** The forward pass on the calling thread (no autograd: the package has no backward). */
  forward(...inputs: Tensor[]): Output {
    return single(wrap(native.aotiRun(this.handle, tensorsOf(inputs)) as unknown[]));
  }
  /** The forward pass on a libuv worker thread: the event loop stays free and many calls may be in flight. */
  async forwardAsync(...inputs: Tensor[]): Promise<Output> {
    return single(wrap((await native.aotiRunAsync(this.handle, tensorsOf(inputs))) as unknown[]));
  }
  /** The metadata the package was compiled with (AOTI_DEVICE_KEY, AOTI_PLATFORM, ...). */
  metadata(): Record<string, string> {
    return native.aotiMetadata(this.handle) as Record<string, string>;
  }
}

/** The one option, modelName (C++'s model_name); anything else is refused as Python refuses an unknown keyword. */
function modelNameOf(fn: string, options: unknown): string {
  if (options === undefined) return 'model';
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return badArg('an options object', 'options', options);
  for (const k of Object.keys(options)) if (k !== 'modelName') throw new TypeError(`${fn}() got an unexpected keyword argument '${k}'`);
  const name = (options as { modelName?: unknown }).modelName ?? 'model';
  return typeof name === 'string' && name.length > 0 ? name : badArg('a model name', 'modelName', name);
}

function pathArg(path: unknown): string {
  return typeof path === 'string' && path.length > 0 ? path : badArg('the path of a .pt2 package', 'path', path);
}

/**
 * Loads an AOTInductor package (.pt2) off the JS thread: `await torch.inductor.loadPackage('model.pt2')`.
 * modelName picks one model of a package that holds several (Python's model_name, default 'model').
 */
export async function loadPackage(path: string, options?: { modelName?: string }): Promise<AOTIModel> {
  available();
  const p = pathArg(path);
  const handle = await native.aotiLoadAsync(p, modelNameOf('loadPackage', options));
  return new AOTIModel(handle, p);
}

/** torch._inductor.aoti_load_package(path), synchronously. */
export function aotiLoadPackage(path: string, options?: { modelName?: string }): AOTIModel {
  available();
  const p = pathArg(path);
  return new AOTIModel(native.aotiLoad(p, modelNameOf('aotiLoadPackage', options)), p);
}
