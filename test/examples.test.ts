// The examples run as a user runs them, on real data where the machine has it.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';

t.test('fashion-mnist-mlp (nn, Adam) trains on real Fashion-MNIST', { skip: existsSync(dataDir) ? false : `no Fashion-MNIST in ${dataDir} (apt-get install dataset-fashion-mnist)` }, async (t) => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/fashion-mnist-mlp.ts', '2'], {
    cwd: root, encoding: 'utf8', env: { ...process.env, TRAIN_LIMIT: '15000' },
  });
  t.comment(out.trim().split('\n').slice(-3).join('\n'));
  const m = [...out.matchAll(/test accuracy ([\d.]+)%/g)].pop();
  t.ok(m && Number(m[1]) > 75, `two epochs on 15,000 images reach > 75% test accuracy (got ${m?.[1]}%)`);
});

t.test('cifar10-convnet runs the tutorial loop', async (t) => {
  // run where it may write cifar_net.pth, as a user's working folder
  const cwd = mkdtempSync(path.join(tmpdir(), 'torch-node-cifar-'));
  const tsx = import.meta.resolve('tsx');
  const out = execFileSync(process.execPath, ['--import', tsx, path.join(root, 'examples/cifar10-convnet.ts'), '1'], { cwd, encoding: 'utf8' });
  t.ok(existsSync(path.join(cwd, 'cifar_net.pth')), 'saves cifar_net.pth');
  t.match(out, /Finished Training/);
  const m = /Accuracy of the network on the (\d+) test images: (\d+) %/.exec(out);
  t.ok(m && Number(m[2]) > 20, `learns (accuracy ${m?.[2]}% > 20%)`);
});

t.test('fashion-mnist-autograd trains on real Fashion-MNIST', { skip: existsSync(dataDir) ? false : `no Fashion-MNIST in ${dataDir} (apt-get install dataset-fashion-mnist)` }, async (t) => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/fashion-mnist-autograd.ts', '2'], {
    cwd: root, encoding: 'utf8', env: { ...process.env, TRAIN_LIMIT: '15000' },
  });
  t.comment(out.trim());
  const m = [...out.matchAll(/test accuracy ([\d.]+)%/g)].pop();
  t.ok(m, 'prints the test accuracy');
  t.ok(Number(m![1]) > 70, `two epochs on 15,000 images reach > 70% test accuracy (got ${m![1]}%)`);
});
