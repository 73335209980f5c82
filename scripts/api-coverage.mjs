// `npm run api-coverage`: how much of PyTorch's public surface torch-node has, namespace by namespace.
// PyTorch's names come from the installed PyTorch (scripts/api-coverage.py, run with $PYTHON or
// /usr/bin/python3); each is looked up in torch-node under its camelCase name. Names left out on
// purpose are listed with the reason and not counted as missing.
//   npm run api-coverage [-- --json names.json] [-- --markdown]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as torch from '../dist/lib/index.js';
import * as torchvision from '../dist/lib/torchvision/index.js';

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const data = JSON.parse(jsonAt >= 0
  ? readFileSync(args[jsonAt + 1], 'utf8')
  : execFileSync(process.env.PYTHON ?? '/usr/bin/python3', [new URL('./api-coverage.py', import.meta.url).pathname], { encoding: 'utf8', maxBuffer: 1 << 26 }));

const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
const WHERE = {
  'torch.nn': torch.nn,
  'torch.nn.functional': torch.nn.functional,
  'torch.nn.init': torch.nn.init,
  'torch.nn.utils': torch.nn.utils,
  'torch.nn.utils.rnn': torch.nn.utils.rnn,
  'torch.optim': torch.optim,
  'torch.optim.lr_scheduler': torch.optim.lrScheduler,
  'torch.linalg': torch.linalg,
  'torch.fft': torch.fft,
  'torch.special': torch.special,
  'torch.autograd': torch.autograd,
  'torch.autograd.functional': torch.autograd.functional,
  'torch.distributions': torch.distributions,
  'torchvision.transforms': torchvision.transforms,
  'torchvision.utils': torchvision.utils,
  'torchvision.ops': torchvision.ops,
  'torchvision.io': torchvision.io,
  'torchvision.datasets': torchvision.datasets,
  'torchvision.models': torchvision.models,
};
const deprecatedInit = 'deprecated alias without the trailing underscore (PyTorch warns on use)';
// [namespace, name pattern, reason]: left out on purpose
const EXCLUDED = [
  ['torch.nn', /^Lazy/, 'lazy modules infer their shapes at the first call: not implemented'],
  ['torch.nn', /^(Container|NLLLoss2d)$/, 'deprecated in PyTorch'],
  ['torch.nn', /^(Module)$/, 'the base class (torch.nn.Module is there)'],
  ['torch.nn', /^SyncBatchNorm$/, 'multi-GPU synchronised statistics: needs the CUDA process group (issue 17)'],
  ['torch.nn', /^CrossMapLRN2d$/, "Lua Torch's legacy layer (LocalResponseNorm is there)"],
  ['torch.nn', /^DataParallel$/, 'single-process multi-GPU, which PyTorch itself advises against: DistributedDataParallel is there'],
  ['torch.nn.functional', /^(upsample|upsample_nearest|upsample_bilinear)$/, 'deprecated in PyTorch: interpolate is there'],
  ['torch.nn.functional', /^(conv_tbc|native_channel_shuffle)$/, 'internal kernels exposed by name (channel_shuffle is there)'],
  ['torch.nn.functional', /^(scaled_mm|scaled_grouped_mm)$/, 'float8/float4 GEMMs: they take fp8 or fp4 tensors, dtypes torch-node does not have'],
  ['torch.nn.functional', /^grouped_mm$/, "wraps aten::_grouped_mm (PyTorch 2.8+); torch-node's ATen ops are generated from libtorch 1.13's declarations, which lack it"],
  ['torch.autograd', /^NestedIOFunction$/, "kept by PyTorch 'only for backward compatibility' (its docstring); torch.autograd.Function is there"],
  ['torch.autograd', /^(set_multithreading_enabled|enforce_grad_layout_policy)$/, "switches of libtorch's autograd engine (2.0+, 2.14) not bound: torch-node's backward runs with the engine's defaults"],
  ['torch.optim', /^SparseAdam$/, 'needs sparse gradients (nn.Embedding(sparse=True)), which torch-node does not make'],
  ['torch.nn.functional', /_with_indices$/, 'internal variants: return_indices / returnIndices on the pooling functions'],
  ['torch.nn.init', /^(uniform|normal|constant|xavier_uniform|xavier_normal|kaiming_uniform|kaiming_normal|eye|dirac|orthogonal|sparse)$/, deprecatedInit],
  ['torch.nn.utils', /^clip_grad_norm$/, 'deprecated alias of clip_grad_norm_'],
  ['torch.linalg', /^(Tensor|LinAlgError)$/, 're-exported names, not functions of the namespace'],
  ['torch.fft', /^Tensor$/, 're-exported name'],
  ['torch.special', /^Tensor$/, 're-exported name'],
  ['torch.autograd', /^(Variable|grad_mode|variable)$/, 'Variable is deprecated (tensors are variables); grad_mode is a module (torch.noGrad and friends)'],
  ['torchvision.utils', /^draw_keypoints$/, "draws with Pillow's ellipse and wide-line rasterisers (ImageDraw.ellipse / line), which are not ported; drawBoundingBoxes and drawSegmentationMasks are"],
  ['torchvision.io', /^(_|Video|VideoReader|VideoMetaData|Timebase|read_video|read_video_timestamps|write_video|decode_avif|decode_heic|decode_gif|decode_webp)/, 'video and formats without a decoder in this build'],
];
const excluded = (ns, name) => EXCLUDED.find(([n, re]) => n === ns && re.test(name));

const rows = [];
for (const [ns, names] of Object.entries(data.namespaces)) {
  const where = WHERE[ns];
  let have = 0, total = 0;
  const missing = [], left = [];
  for (const name of names) {
    const ex = excluded(ns, name);
    if (ex) {
      left.push(`${name} (${ex[2]})`);
      continue;
    }
    total++;
    const candidates = [name, camel(name), camel(name.replace(/_$/, '')) + (name.endsWith('_') ? '_' : '')];
    if (where && candidates.some((c) => where[c] !== undefined)) have++;
    else missing.push(name);
  }
  rows.push({ ns, have, total, missing, left });
}

const pct = (r) => (r.total ? Math.floor((100 * r.have) / r.total) : 100);
if (args.includes('--markdown')) {
  console.log(`| namespace (PyTorch ${data.torch}, torchvision ${data.torchvision}) | torch-node has | of | % |`);
  console.log('|---|---:|---:|---:|');
  for (const r of rows) console.log(`| \`${r.ns}\` | ${r.have} | ${r.total} | ${pct(r)} % |`);
} else {
  console.log(`PyTorch ${data.torch}, torchvision ${data.torchvision}: public names torch-node has, by namespace\n`);
  for (const r of rows) {
    console.log(`${r.ns.padEnd(28)} ${String(r.have).padStart(4)} / ${String(r.total).padEnd(4)} ${String(pct(r)).padStart(3)} %`);
    if (r.missing.length) console.log(`    missing: ${r.missing.join(', ')}`);
    if (r.left.length && args.includes('--verbose')) console.log(`    left out: ${r.left.join('; ')}`);
  }
  const have = rows.reduce((s, r) => s + r.have, 0), total = rows.reduce((s, r) => s + r.total, 0);
  console.log(`\nall namespaces: ${have} / ${total} (${Math.floor((100 * have) / total)} %); names left out on purpose: ${rows.reduce((s, r) => s + r.left.length, 0)} (--verbose lists them with the reason)`);
}
