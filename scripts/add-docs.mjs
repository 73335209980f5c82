#!/usr/bin/env node
// Doc comments for the emitted declarations (dist/lib/**/*.d.ts, what an editor shows on hover and
// TypeDoc reads), from PyTorch's own docstrings: lib/generated/docs.json, made by
// scripts/gen-docs.py from python3-torch and python3-torchvision. A symbol that mirrors a Python one
// gets PyTorch's text, followed by its own source comment (a torch-node note) where it has one; the
// rest keep their source comments.
// Idempotent: a second run finds every symbol documented and writes nothing.
//
//   node scripts/add-docs.mjs            insert the comments into dist/lib
//   node scripts/add-docs.mjs --paths    print the public paths gen-docs.py looks up (one a line)
//   node scripts/add-docs.mjs --missing  print the public paths that still have no doc comment
import { readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// prepack without dev dependencies names the compiler npx fetched
const ts = (await import(process.env.TORCH_NODE_TYPESCRIPT ? pathToFileURL(process.env.TORCH_NODE_TYPESCRIPT).href : 'typescript')).default;
const ENTRIES = { torch: 'dist/lib/index.d.ts', torchvision: 'dist/lib/torchvision/index.d.ts' };
// Classes whose methods and properties count as public symbols of their own: the ones a training
// script calls members of on every line.
const MEMBER_CLASSES = new Set(['torch.Tensor', 'torch.nn.Module', 'torch.optim.Optimizer', 'torch.utils.data.DataLoader']);

/** Every public symbol reachable from the package's entry points: [path, symbol]. */
export function publicSymbols(dir = root) {
  const files = Object.values(ENTRIES).map((f) => join(dir, f));
  const program = ts.createProgram(files, { skipLibCheck: true, types: [], noEmit: true });
  const checker = program.getTypeChecker();
  const out = [];
  const seen = new Set();
  const visit = (sym, path) => {
    // `export * as nn from` documents the namespace on the alias; a re-exported name on its target
    const alias = sym.flags & ts.SymbolFlags.Alias ? sym : null;
    if (alias) sym = checker.getAliasedSymbol(sym);
    out.push([path, sym, alias]);
    if (seen.has(sym)) return;
    seen.add(sym);
    if (sym.flags & (ts.SymbolFlags.ValueModule | ts.SymbolFlags.NamespaceModule)) {
      for (const e of checker.getExportsOfModule(sym)) visit(e, `${path}.${e.name}`);
    }
    if (MEMBER_CLASSES.has(path) && sym.flags & ts.SymbolFlags.Class) {
      const type = checker.getDeclaredTypeOfSymbol(sym);
      for (const m of checker.getPropertiesOfType(type)) {
        if (m.name.startsWith('_') && !m.name.endsWith('_')) continue;
        const d = m.declarations?.[0];
        if (d && ts.getCombinedModifierFlags(d) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        out.push([`${path}.${m.name}`, m]);
      }
    }
  };
  for (const [name, file] of Object.entries(ENTRIES)) {
    const sf = program.getSourceFile(join(dir, file));
    for (const e of checker.getExportsOfModule(checker.getSymbolAtLocation(sf))) visit(e, `${name}.${e.name}`);
  }
  return { out, checker, program };
}

const docOf = (sym, checker) => (sym ? ts.displayPartsToString(sym.getDocumentationComment(checker)).trim() : '');
// the checker reads no doc comment on `export * as nn from ...`, though editors show it: read it off the node
const namespaceDocs = (alias) => (alias?.declarations ?? []).filter(ts.isNamespaceExport)
  .flatMap((d) => ts.getJSDocCommentsAndTags(d.parent)).map((j) => j.getText());
const namespaceDoc = (alias) => namespaceDocs(alias).length > 0;
const hasDoc = (sym, checker, alias) => docOf(sym, checker) !== '' || docOf(alias, checker) !== '' || namespaceDoc(alias);

/** The node a doc comment goes in front of: a variable's statement, not its declarator. */
function anchor(decl) {
  if (ts.isVariableDeclaration(decl)) return decl.parent.parent;
  if (ts.isNamespaceExport(decl)) return decl.parent;
  return decl;
}

function comment(text, indent) {
  const body = text.replace(/\*\//g, '*\\/').split('\n').map((l) => `${indent} *${l ? ' ' + l : ''}`);
  return `/**\n${body.join('\n')}\n${indent} */\n${indent}`;
}

/**
 * tsc's incremental build re-emits only the declarations whose source changed, so comments inserted
 * from an older docs.json would stay: when docs.json differs from the one dist was documented from,
 * dist is rebuilt from scratch first.
 */
function freshen(dir, docsText) {
  const stamp = join(dir, 'dist/.docs-stamp');
  const hash = createHash('sha256').update(docsText).digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') !== hash) {
    rmSync(join(dir, 'dist/lib'), { recursive: true, force: true });
    rmSync(join(dir, 'dist/.tsbuildinfo'), { force: true });
    const tsc = process.env.TORCH_NODE_TYPESCRIPT
      ? join(dirname(process.env.TORCH_NODE_TYPESCRIPT), '../bin/tsc')
      : createRequire(import.meta.url).resolve('typescript/bin/tsc');
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: dir, stdio: 'inherit' });
  }
  return () => writeFileSync(stamp, hash);
}

/** Inserts the comments; the count, and the symbols as they stand after (re-read only if it wrote). */
function insert(dir = root) {
  const docsText = readFileSync(join(root, 'lib/generated/docs.json'), 'utf8');
  const stamp = freshen(dir, docsText);
  const docs = JSON.parse(docsText);
  const symbols = publicSymbols(dir);
  const { out, checker } = symbols;
  const edits = new Map(); // file -> [{ pos, end, text }]
  const done = new Set();
  for (const [path, sym, alias] of out) {
    const text = docs[path];
    if (!text || done.has(sym)) continue;
    done.add(sym);
    // already documented from this docstring (the link line is the last line of every entry)
    const link = text.slice(text.lastIndexOf('\n') + 1);
    if ([docOf(sym, checker), docOf(alias, checker), ...namespaceDocs(alias)].some((d) => d.includes(link))) continue;
    const isModule = (sym.declarations ?? []).some(ts.isSourceFile);
    const decls = isModule ? (alias?.declarations ?? []).filter(ts.isNamespaceExport) : sym.declarations ?? [];
    for (const decl of decls) {
      const sf = decl.getSourceFile();
      if (!sf.fileName.includes('/dist/lib/')) continue;
      const node = anchor(decl);
      const start = node.getStart(sf);
      const line = sf.text.lastIndexOf('\n', start - 1) + 1;
      const indent = sf.text.slice(line, start).match(/^\s*/)[0];
      if (!edits.has(sf.fileName)) edits.set(sf.fileName, []);
      // a mirrored symbol with a comment of torch-node's own: PyTorch's text first, torch-node's note after
      const own = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc).at(-1);
      if (own) {
        const note = sf.text.slice(own.getStart(sf) + 3, own.end - 2).split('\n')
          .map((l) => l.replace(/^\s*\* ?/, '')).join('\n').trim();
        edits.get(sf.fileName).push({ pos: own.getStart(sf), end: own.end, text: comment(`${text}\n\n**torch-node:** ${note}`, indent).trimEnd() });
      } else {
        edits.get(sf.fileName).push({ pos: start, end: start, text: comment(text, indent) });
      }
    }
  }
  let n = 0;
  for (const [file, list] of edits) {
    let src = readFileSync(file, 'utf8');
    const uniq = [...new Map(list.map((e) => [e.pos, e])).values()].sort((a, b) => b.pos - a.pos);
    for (const e of uniq) src = src.slice(0, e.pos) + e.text + src.slice(e.end);
    writeFileSync(file, src);
    n += uniq.length;
  }
  stamp();
  return { n, symbols: n === 0 ? symbols : publicSymbols(dir) };
}

/** [documented, total, missing paths] over the public symbols. */
export function coverage(dir = root, symbols = publicSymbols(dir)) {
  const { out, checker } = symbols;
  const missing = out.filter(([, s, a]) => !hasDoc(s, checker, a)).map(([p]) => p);
  return { total: out.length, documented: out.length - missing.length, missing };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(join(root, ENTRIES.torch))) {
    console.error('add-docs: dist/lib is not built (run tsc -p tsconfig.json first)');
    process.exit(1);
  }
  const arg = process.argv[2];
  if (arg === '--paths') console.log([...new Set(publicSymbols().out.map(([p]) => p))].join('\n'));
  else if (arg === '--missing') {
    const c = coverage();
    console.log(c.missing.join('\n'));
    console.error(`${c.documented} of ${c.total} public symbols documented`);
  } else {
    const { n, symbols } = insert();
    const c = coverage(root, symbols);
    console.log(`add-docs: ${n} doc comments from PyTorch's docstrings; ${c.documented} of ${c.total} public symbols documented`);
  }
}
