#!/usr/bin/env node
// torch-node's command line. `torch-node run` launches distributed workers as torchrun does:
//   npx torch-node run --nproc-per-node N [--nnodes M --node-rank R --master-addr A --master-port P] script.ts [args...]
// Each worker gets RANK, LOCAL_RANK, WORLD_SIZE, LOCAL_WORLD_SIZE, MASTER_ADDR and MASTER_PORT.
// When a worker fails, the others are stopped (SIGTERM, then SIGKILL) and the launcher exits with
// the failed worker's code: no process is left behind.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';

const [command, ...rest] = process.argv.slice(2);
const usage = 'usage: torch-node run --nproc-per-node N [--nnodes M --node-rank R --master-addr A --master-port P] script [args...]';
if (command !== 'run') {
  console.error(command === undefined || command === '--help' ? usage : `torch-node: unknown command '${command}'\n${usage}`);
  process.exit(command === '--help' ? 0 : 2);
}

// options end at the script: everything after it is the script's own
const scriptAt = rest.findIndex((a, i) => !a.startsWith('--') && !(i > 0 && rest[i - 1].startsWith('--') && !rest[i - 1].includes('=')));
if (scriptAt < 0) {
  console.error(`torch-node run: no script given\n${usage}`);
  process.exit(2);
}
const { values } = parseArgs({
  args: rest.slice(0, scriptAt),
  options: {
    'nproc-per-node': { type: 'string', default: '1' }, nnodes: { type: 'string', default: '1' }, 'node-rank': { type: 'string', default: '0' },
    'master-addr': { type: 'string', default: '127.0.0.1' }, 'master-port': { type: 'string', default: '29500' },
  },
});
const int = (name) => {
  const v = Number(values[name]);
  if (!Number.isInteger(v) || v < 0 || (name !== 'node-rank' && v < 1)) {
    console.error(`torch-node run: Expected a positive integer for --${name} but received '${values[name]}'`);
    process.exit(2);
  }
  return v;
};
const nproc = int('nproc-per-node'), nnodes = int('nnodes'), nodeRank = int('node-rank'), port = int('master-port');
if (nodeRank >= nnodes) {
  console.error(`torch-node run: --node-rank ${nodeRank} is out of range for --nnodes ${nnodes}`);
  process.exit(2);
}
const [script, ...scriptArgs] = rest.slice(scriptAt);
// TypeScript scripts run through tsx when it is installed, as `npx tsx script.ts` would
const nodeArgs = [];
if (/\.[cm]?ts$/.test(script)) {
  let tsx = 'tsx'; // the project's own, resolved from the working folder
  try {
    createRequire(`${process.cwd()}/`).resolve('tsx');
  } catch {
    try {
      tsx = import.meta.resolve('tsx'); // else the one beside torch-node
    } catch { /* node will say that tsx is missing */ }
  }
  nodeArgs.push('--import', tsx);
}

const workers = [];
let failed = null;
const stopAll = (signal) => {
  for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill(signal);
};
for (let local = 0; local < nproc; local++) {
  const rank = nodeRank * nproc + local;
  const env = { ...process.env, RANK: String(rank), LOCAL_RANK: String(local), WORLD_SIZE: String(nnodes * nproc), LOCAL_WORLD_SIZE: String(nproc),
    GROUP_RANK: String(nodeRank), MASTER_ADDR: values['master-addr'], MASTER_PORT: String(port) };
  const child = spawn(process.execPath, [...nodeArgs, script, ...scriptArgs], { env, stdio: 'inherit' });
  child.rank = rank;
  child.on('exit', (code, signal) => {
    if ((code !== 0 || signal) && failed === null) {
      failed = { rank, pid: child.pid, code: code ?? 1, signal };
      console.error(`torch-node run: worker RANK ${rank} (pid ${child.pid}) ${signal ? `was killed by ${signal}` : `exited with code ${code}`}; stopping the other workers`);
      stopAll('SIGTERM');
      setTimeout(() => stopAll('SIGKILL'), 5000).unref();
    }
    if (workers.every((w) => w.exitCode !== null || w.signalCode !== null)) process.exit(failed ? failed.code || 1 : 0);
  });
  workers.push(child);
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stopAll(sig));
