// The emitted declarations (dist/lib/**/*.d.ts, what a user's editor and tsc read) have no `any`
// except where it is named below with its reason. A new `any` in a public signature fails this test
// until it is typed or added here, so that `any` stays a decision, never an accident.
import t from 'tap';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'lib');

// [where (file, relative to dist/lib), what (a pattern the line matches), why]
const ALLOWED: [RegExp, RegExp, string][] = [
  [/./, /\bany\(|const any: /, 'not a type: Tensor.any / torch.any, the op'],
  [/./, /<In extends unknown\[\] = any\[\], Out = any>|Module<any\[\], any>|Module<unknown\[\], any>/,
    "a module class that does not declare its forward is called with anything, as in Python; `extends nn.Module<[x: Tensor], Tensor>` types it"],
  [/^nn\/layers\/container|^nn\/parallel/, /forward\((input|\.\.\.inputs): (any|unknown\[\])\): any|Sequential extends IndexedModules<\[input: any\], any>/,
    'Sequential and DistributedDataParallel pass on whatever their first (or wrapped) module takes and returns'],
  [/^nn\/module/, /forwardAsync\(\.\.\.args: Tensor\[\]\): Promise<any>|setAsyncForward/, "forwardAsync resolves to what the module's forward returns, which a class may leave undeclared"],
  [/^nn\/hooks/, /output: any|callWithHooks/, "a forward hook sees the module's output, whatever forward returns"],
  [/^optim\//, /Record<string, any>/, "optimizer state and param groups hold each algorithm's own values, as PyTorch's dicts do (stateDict() is typed)"],
  [/^autograd[-/]function/, /forward\(|backward\(|apply<T = any>/, "a custom Function's forward and backward take and return what the user's subclass declares"],
  [/^autograd\/functional/, /\): any;|\[any, any\]|\[Tensor, any\]|^\s*\}\): any;/,
    'jacobian / hessian / vjp / jvp return nested tuples whose depth follows the inputs and outputs, as in Python'],
  [/^jit/, /forward\(|runMethod\(|forwardAsync\(/, "a TorchScript module's methods are typed in the script, not in TypeScript"],
  [/^serialization\/index|^hub/, /load\(|loadStateDictFromUrl\(/, "torch.load returns whatever was saved (Python's Any); name it: `torch.load(f) as StateDict`"],
  [/^generated\/signatures/, /\(\(\.\.\.args: any\[\]\) => any\)|\(x: any\) => any|\(\.\.\.inputs: Tensor\[\]\) => any/, "Python's Callable parameters (hooks, closures, transforms, the traced function), whose signature Python leaves open"],
  [/^autograd\/gradcheck/, /fn: \(\.\.\.a: any\[\]\) => unknown/, "the checked function's own parameters: any[] is what lets a user's (x: Tensor) => Tensor be passed under strictFunctionTypes"],
  [/^torchvision\/transforms\/index/, /./, 'transforms take and return what the pipeline passes (an Image, a Tensor, or a user type), as torchvision'],
  [/^torchvision\/datasets\//, /=> any|\[any, any\]|<S = any|Record<string, any>/, "a dataset's item is what its transform returns"],
  [/^torchvision\/ops\/layers/, /LayerFactory/, 'a norm or activation layer class takes its own constructor arguments'],
  [/^utils\/data\/(dataloader|collate)/, /Collated<T> = 0 extends 1 & T \? any|defaultCollate/, 'an any-typed dataset keeps any-typed batches; typed datasets get typed batches'],
  [/^(native|aten|nn\/args)\.d\.ts$|^tensor\.d\.ts$/, /op\(|meta\(|gradQuery\(|aten\(|bind\(|function wrap\(/, 'internal: the native layer, which the typed facade wraps (not exported from the entry points)'],
];

function* declarations(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* declarations(p);
    else if (e.name.endsWith('.d.ts')) yield p;
  }
}

t.test('no `any` in the public declarations but the named exceptions', async (t) => {
  const unexplained: string[] = [];
  const used = new Set<number>();
  let total = 0;
  for (const file of declarations(dist)) {
    const rel = path.relative(dist, file);
    // comments say "any" in English
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    text.split('\n').forEach((line, i) => {
      if (!/\bany\b/.test(line)) return;
      total++;
      const k = ALLOWED.findIndex(([where, what]) => where.test(rel) && what.test(line));
      if (k < 0) unexplained.push(`${rel}:${i + 1}: ${line.trim()}`);
      else used.add(k);
    });
  }
  t.ok(total > 0, `${total} lines with any, each an exception below`);
  t.same(unexplained, [], 'every any is a named exception');
  t.same(ALLOWED.map((_, k) => k).filter((k) => !used.has(k)).map((k) => ALLOWED[k][2]), [], 'every exception is still needed');
});
