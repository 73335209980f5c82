// Overhead-bound programs through torch-node and through PyTorch (Python) on the same machine, in
// the same run: the char-RNN classification tutorial's training step (per-character forward of two
// small Linear layers, backward, manual SGD over p.data and p.grad) and an optimizer step over many
// small parameters, and pytorch/examples' word language model (Embedding, 2-layer LSTM, Linear decoder;
// bptt 35, batch 20, clip_grad_norm_, manual SGD) at hidden sizes 16 and 128. Milliseconds per step, median of 5 rounds
// (each round one block of each side, back to back: bench/interleaved.ts), and the ratio (torch-node /
// PyTorch; goal: <= 1.0). Both sides run on one intra-op thread.
//   npm run bench:overhead-programs          (PYTHON=/path/to/python3 to pick another PyTorch)
//   npm run bench:overhead-programs -- --instructions   instructions per step, counted by callgrind
//     (bench/callgrind.ts), a figure the machine's load does not move
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as torch from 'torch-node';
import { REPS } from './timing.js';
import { interleavedNsPerCall, PythonTimer } from './interleaved.js';
import { callgrindPerCall, countedNode, runInstructionSegments } from './callgrind.js';

const { nn } = torch;
const ITERS = Number(process.env.BENCH_ITERS ?? 300);
torch.manualSeed(0);
torch.setNumThreads(1);

class RNN extends nn.Module<[input: torch.Tensor, hidden: torch.Tensor], [torch.Tensor, torch.Tensor]> {
  i2h: torch.nn.Linear;
  h2o: torch.nn.Linear;
  softmax = new nn.LogSoftmax({ dim: 1 });
  constructor(inputSize: number, readonly hiddenSize: number, outputSize: number) {
    super();
    this.i2h = new nn.Linear(inputSize + hiddenSize, hiddenSize);
    this.h2o = new nn.Linear(inputSize + hiddenSize, outputSize);
  }
  forward(input: torch.Tensor, hidden: torch.Tensor): [torch.Tensor, torch.Tensor] {
    const combined = torch.cat([input, hidden], 1);
    return [this.softmax(this.h2o(combined)), this.i2h(combined)];
  }
}
const rnn = new RNN(57, 128, 18);
const criterion = new nn.NLLLoss();
const lr = 0.005;
const line = torch.zeros(7, 1, 57);
for (let i = 0; i < 7; i++) line.index(i, 0, (i * 11) % 57).fill_(1);
const category = torch.tensor([3n]);

function charRnnStep(): torch.Tensor {
  let hidden = torch.zeros(1, 128);
  rnn.zeroGrad();
  let output!: torch.Tensor;
  for (let i = 0; i < line.size(0); i++) [output, hidden] = rnn(line.index(i), hidden);
  const loss = criterion(output, category);
  loss.backward();
  for (const p of rnn.parameters()) p.data.add_(p.grad!.data, { alpha: -lr });
  return loss;
}

const mlp = new nn.Sequential(...Array.from({ length: 100 }, () => new nn.Linear(8, 8)));
const opt = new torch.optim.SGD(mlp.parameters(), { lr: 0.01, momentum: 0.9 });
for (const p of mlp.parameters()) p.grad = torch.onesLike(p).mul(0.01);
const sgdStep = () => opt.step();
// the manual update of the tutorials' loops, over 100 parameters (the first 50 layers' weights and biases)
const few = [...mlp.parameters()].slice(0, 100);
function manualUpdate(): void {
  for (const p of few) p.data.add_(p.grad!, { alpha: -0.01 });
}

// pytorch/examples/word_language_model: model.py's RNNModel (LSTM) and main.py's train() step
class RNNModel extends nn.Module<[input: torch.Tensor, hidden: [torch.Tensor, torch.Tensor]], [torch.Tensor, [torch.Tensor, torch.Tensor]]> {
  drop = new nn.Dropout(0.2);
  encoder: torch.nn.Embedding;
  rnn: torch.nn.LSTM;
  decoder: torch.nn.Linear;
  constructor(readonly ntoken: number, ninp: number, readonly nhid: number, readonly nlayers: number) {
    super();
    this.encoder = new nn.Embedding(ntoken, ninp);
    this.rnn = new nn.LSTM(ninp, nhid, nlayers, { dropout: 0.2 });
    this.decoder = new nn.Linear(nhid, ntoken);
  }
  forward(input: torch.Tensor, hidden: [torch.Tensor, torch.Tensor]): [torch.Tensor, [torch.Tensor, torch.Tensor]] {
    const emb = this.drop(this.encoder(input));
    const [output, next] = this.rnn(emb, hidden);
    const decoded = this.decoder(this.drop(output)).view(-1, this.ntoken);
    return [torch.nn.functional.logSoftmax(decoded, { dim: 1 }), next];
  }
  initHidden(bsz: number): [torch.Tensor, torch.Tensor] {
    return [torch.zeros(this.nlayers, bsz, this.nhid), torch.zeros(this.nlayers, bsz, this.nhid)];
  }
}
function wordLmStep(nhid: number): () => unknown {
  const ntokens = 1000, bptt = 35, batch = 20;
  const model = new RNNModel(ntokens, nhid, nhid, 2);
  const criterion = new nn.NLLLoss();
  const data = torch.randint(ntokens, [bptt + 1, batch]);
  const input = data.narrow(0, 0, bptt), target = data.narrow(0, 1, bptt).reshape(-1);
  let hidden = model.initHidden(batch);
  model.train();
  return () => {
    hidden = [hidden[0].detach(), hidden[1].detach()];
    model.zeroGrad();
    const [output, next] = model(input, hidden);
    hidden = next;
    const loss = criterion(output, target);
    loss.backward();
    torch.nn.utils.clipGradNorm_(model.parameters(), 0.25);
    for (const p of model.parameters()) p.data.add_(p.grad!, { alpha: -20 });
    return loss;
  };
}

// name, step, timed iterations, and [n0, n1] steps for the instruction count (few for the long steps:
// callgrind runs them about fifty times slower; LM16 over twelve steps: over six its count moved by 4 %
// with a change the same steps counted alone did not see, as where a full collection falls would)
const programs: Array<[string, () => unknown, number, readonly [number, number]]> = [
  ['char-RNN tutorial step (7 chars, hidden 128)', charRnnStep, ITERS, [20, 120]],
  ['SGD(momentum).step, 100-layer MLP of width 8', sgdStep, ITERS * 3, [30, 330]],
  ['p.data.add_(p.grad, alpha=-lr), 100 params', manualUpdate, ITERS * 3, [30, 330]],
  ['word LM step, LSTM hidden 16 (bptt 35, batch 20)', wordLmStep(16), Math.ceil(ITERS / 10), [2, 14]],
  ['word LM step, LSTM hidden 128 (bptt 35, batch 20)', wordLmStep(128), Math.ceil(ITERS / 30), [1, 3]],
];
const here = path.dirname(fileURLToPath(import.meta.url));
const python = process.env.PYTHON ?? '/usr/bin/python3';
const argv = process.argv.slice(2);
const counts = programs.map((p) => p[3]);

function table(unit: string, ours: number[], theirs: number[], digits: number, rounds?: string[]): void {
  console.log(`${'program'.padEnd(48)}${`torch-node ${unit}`.padStart(18)}${`PyTorch ${unit}`.padStart(16)}${'ratio'.padStart(8)}${rounds ? 'rounds'.padStart(13) : ''}`);
  programs.forEach(([name], i) => {
    console.log(`${name.padEnd(48)}${ours[i].toFixed(digits).padStart(18)}${theirs[i].toFixed(digits).padStart(16)}${(ours[i] / theirs[i]).toFixed(2).padStart(8)}${rounds ? rounds[i].padStart(13) : ''}`);
  });
}

if (argv[0] === '--instructions-child') {
  runInstructionSegments(programs.map((p) => p[1]), counts);
} else if (argv[0] === '--instructions') {
  const ours = callgrindPerCall(countedNode(fileURLToPath(import.meta.url), '--instructions-child'), counts);
  const theirs = callgrindPerCall([python, path.join(here, 'overhead_programs.py'), '--instructions', JSON.stringify(counts)], counts);
  console.log(`instructions per step (callgrind; n1 - n0 steps per program, GC included); libtorch ${torch.version.libtorch}, ${python}, node ${process.version}, 1 thread`);
  table('instr', ours, theirs, 0);
} else {
  const py = await PythonTimer.start(python, path.join(here, 'overhead_programs.py'));
  const ours: number[] = [], theirs: number[] = [], rounds: string[] = [];
  for (const [name, fn, iters] of programs) {
    const t = await interleavedNsPerCall(py, name, fn, iters, REPS);
    ours.push(t.ours / 1e6);
    theirs.push(t.theirs / 1e6);
    rounds.push(t.roundRange);
  }
  py.close();
  console.log(`overhead-bound programs, median of ${REPS} rounds, each round one block of each side back to back; libtorch ${torch.version.libtorch}, PyTorch ${py.torch} (${python}), node ${process.version}, 1 thread`);
  table('ms', ours, theirs, 3, rounds);
}
