// Conformance: the tutorial's ConvNet, from the same initial weights as PyTorch's, trained 5 SGD
// steps on the same batches, gives PyTorch's losses (test/fixtures/convnet.json).
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as torch from 'torch-node';
import { ConvNet } from '../examples/lib/convnet.js';
import { fixture, python, hasPythonTorch } from './helpers.js';
import { tempDir } from './temp-dir.js';

const { nn, optim } = torch;
const ref = fixture('convnet.json');

function trainFiveSteps(net: ConvNet): number[] {
  torch.manualSeed(1);
  const batches = Array.from({ length: 5 }, () => [torch.randn(8, 3, 32, 32), torch.randint(0, 10, [8])] as const);
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(net.parameters(), { lr: 0.001, momentum: 0.9 });
  const losses: number[] = [];
  for (const [inputs, labels] of batches) {
    optimizer.zeroGrad();
    const loss = criterion(net(inputs), labels);
    loss.backward();
    optimizer.step();
    losses.push(loss.item());
  }
  const outputs = torch.noGrad(() => net(batches[0][0]));
  const [, predicted] = torch.max(outputs.data, 1);
  t.same(predicted.tolist(), ref.predicted, 'predictions after training, via torch.max(outputs.data, 1)');
  return losses;
}

t.test('ConvNet initialised with seed 0 has PyTorch’s weights', async (t) => {
  torch.manualSeed(0);
  const net = new ConvNet();
  t.equal(String(net), ref.repr, 'repr');
  const sd = net.stateDict();
  for (const [k, v] of Object.entries(ref.init) as [string, { sum: number; first: number[] }][]) {
    t.ok(Math.abs(sd[k].double().sum().item() - v.sum) < 1e-4 * Math.max(1, Math.abs(v.sum)), `${k}: sum`);
    t.ok(sd[k].reshape(-1).narrow(0, 0, 5).tolist<number[]>().every((x: number, i: number) => Math.abs(x - v.first[i]) < 1e-6), `${k}: first values`);
  }
});

t.test('5 SGD steps give PyTorch’s losses to 1e-4', async (t) => {
  torch.manualSeed(0);
  const net = new ConvNet();
  const losses = trainFiveSteps(net);
  t.comment(`losses ${losses.map((l) => l.toFixed(6)).join(' ')}; PyTorch ${ref.losses.map((l: number) => l.toFixed(6)).join(' ')}`);
  losses.forEach((l, i) => t.ok(Math.abs(l - ref.losses[i]) < 1e-4, `step ${i + 1}: ${l} vs ${ref.losses[i]}`));
  t.ok(net.fc2.bias!.tolist<number[]>().every((b: number, i: number) => Math.abs(b - ref.fc2BiasAfter[i]) < 1e-5), 'fc2.bias after training');
});


t.test('initialised from a state dict saved by PyTorch', { skip: hasPythonTorch ? false : `no PyTorch at ${python} (apt-get install python3-torch) to write the 8 MB checkpoint` }, async (t) => {
  const file = path.join(tempDir('torch-node-convnet-'), 'convnet_init.pth');
  execFileSync(python, [path.resolve('scripts/make_nn_fixtures.py'), '--convnet-weights', file]);
  t.ok(existsSync(file));
  torch.manualSeed(123); // a different init, overwritten by the checkpoint
  const net = new ConvNet();
  net.loadStateDict(torch.load(file));
  const losses = trainFiveSteps(net);
  losses.forEach((l, i) => t.ok(Math.abs(l - ref.losses[i]) < 1e-4, `step ${i + 1}: ${l} vs ${ref.losses[i]}`));
});
