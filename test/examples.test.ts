// The examples run as a user runs them, on real data where the machine has it.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';

t.test('fashion-mnist-autograd trains on real Fashion-MNIST', { skip: existsSync(dataDir) ? false : `no Fashion-MNIST in ${dataDir} (apt-get install dataset-fashion-mnist)` }, async (t) => {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/fashion-mnist-autograd.ts', '2'], {
    cwd: root, encoding: 'utf8', env: { ...process.env, TRAIN_LIMIT: '15000' },
  });
  t.comment(out.trim());
  const m = [...out.matchAll(/test accuracy ([\d.]+)%/g)].pop();
  t.ok(m, 'prints the test accuracy');
  t.ok(Number(m![1]) > 70, `two epochs on 15,000 images reach > 70% test accuracy (got ${m![1]}%)`);
});
