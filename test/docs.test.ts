// Docs in the editor: every public symbol of the emitted declarations (what an editor's hover and
// TypeDoc read) has a doc comment, the mirrored ones PyTorch's own docstring converted to TS syntax
// (scripts/gen-docs.py, lib/generated/docs.json, inserted by scripts/add-docs.mjs).
import t from 'tap';
import ts from 'typescript';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const addDocs = path.join(root, 'scripts/add-docs.mjs');
// idempotent: documents dist when this file runs on its own after a plain tsc
execFileSync(process.execPath, [addDocs], { cwd: root, stdio: 'ignore' });
type Symbols = { out: [string, ts.Symbol, ts.Symbol | null][]; checker: ts.TypeChecker };
const { coverage, publicSymbols } = (await import(addDocs)) as {
  coverage: (dir?: string, symbols?: Symbols) => { total: number; documented: number; missing: string[] };
  publicSymbols: () => Symbols;
};
// one program for both the count and the texts (each costs seconds)
const symbols = publicSymbols();

t.test('every public symbol has a doc comment', async (t) => {
  const c = coverage(root, symbols);
  t.ok(c.total > 2000, `${c.total} public symbols (exports, Tensor, Module, Optimizer and DataLoader members)`);
  t.same(c.missing, [], `${c.documented} of ${c.total} documented`);
});

const { out, checker } = symbols;
const doc = (p: string): string => {
  const hit = out.find(([path]) => path === p);
  if (!hit) throw new Error(`no public symbol ${p}`);
  return ts.displayPartsToString(hit[1].getDocumentationComment(checker));
};

t.test('hover texts come from PyTorch, in TS syntax', async (t) => {
  const cases: [string, RegExp[]][] = [
    ['torch.randn', [/standard normal/i, /docs\.pytorch\.org\/docs\/stable\/generated\/torch\.randn\.html/]],
    ['torch.matmul', [/Matrix product of two tensors/, /torch\.matmul\(/]],
    // keywords become one options object, classes are constructed with new, names camelCase
    ['torch.nn.Conv2d', [/new nn\.Conv2d\(16, 33, 3, \{ stride: 2 \}\)/, /`inChannels`/, /`paddingMode`/]],
    ['torch.nn.CrossEntropyLoss', [/new nn\.CrossEntropyLoss\(\)/, /`labelSmoothing`/]],
    ['torch.optim.SGD', [/stochastic gradient descent/i, /optimizer\.zeroGrad\(\)/]],
    ['torch.utils.data.DataLoader', [/Data loader combines a dataset and a sampler/]],
    ['torchvision.models.resnet18', [/ResNet-18/, /docs\.pytorch\.org\/vision\/stable/]],
    // Python literals become JS ones, in prose and examples
    ['torch.add', [/torch\.add\(b, c, \{ alpha: 10 \}\)/, /\/\/ tensor\(\[/]],
    ['torch.Tensor.add', [/torch\.add/]],
    ['torch.nn.Module.train', [/`true`/, /torch\.nn\.Module\.html#torch\.nn\.Module\.train/]],
    // an attribute PyTorch documents only as its constructor's argument
    ['torch.utils.data.DataLoader.batchSize', [/how many samples per batch/]],
    // an op Python exposes only as torch.nn.functional's, and one with no docstring at all
    ['torch.logSoftmax', [/As `torch\.nn\.functional\.logSoftmax`/]],
    ['torch.nllLoss2d', [/aten::nll_loss2d\(Tensor self/]],
    // torch-node's own
    ['torch.tidy', [/releases the native memory/]],
  ];
  for (const [p, res] of cases) {
    const d = doc(p);
    for (const re of res) t.match(d, re, `${p}: ${re}`);
  }
  t.notMatch(doc('torch.nn.functional.crossEntropy'), /\bTrue\b|\bNone\b|>>>/, 'no Python literals or prompts left');
});

t.test('doc comments keep tsc fast: no @see/@link tags, which make tsc parse each comment', async (t) => {
  const docs = JSON.parse(readFileSync(path.join(root, 'lib/generated/docs.json'), 'utf8')) as Record<string, string>;
  const tagged = Object.keys(docs).filter((k) => /@see|@link/.test(docs[k]));
  t.same(tagged, []);
});

t.test('a second run adds nothing (idempotent)', async (t) => {
  const outText = execFileSync(process.execPath, [addDocs], { cwd: root }).toString();
  t.match(outText, /add-docs: 0 doc comments/);
});

t.test('npm run docs: a TypeDoc reference with PyTorch\'s text', async (t) => {
  const out = path.join(root, '.tap', 'typedoc-api');
  const typedoc = path.join(path.dirname(require.resolve('typedoc/package.json')), 'bin/typedoc');
  execFileSync(process.execPath, [typedoc, '--out', out, '--logLevel', 'Error'], { cwd: root, stdio: 'inherit' });
  const conv = readFileSync(path.join(out, 'classes/index.nn.Conv2d.html'), 'utf8');
  t.match(conv, /Applies a 2D convolution/);
  t.match(conv, /inChannels/);
});
