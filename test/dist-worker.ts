// A distributed worker for test/distributed.test.ts, started by `torch-node run` (env://) or
// directly with RANK etc. set. Prints one JSON line of results.
import * as torch from 'torch-node';
import { ConvNet } from '../examples/lib/convnet.js';

const dist = torch.distributed;
const mode = process.argv[2] ?? 'collectives';
dist.initProcessGroup({ backend: 'gloo', timeout: Number(process.env.DIST_TIMEOUT ?? 20000) });
const rank = dist.getRank(), n = dist.getWorldSize();
const out: Record<string, unknown> = { rank, worldSize: n, localRank: Number(process.env.LOCAL_RANK) };

if (mode === 'collectives') {
  const sum = torch.tensor([rank + 1.0, 2.0]);
  dist.allReduce(sum);
  const max = torch.tensor([rank * 1.5]);
  dist.allReduce(max, dist.ReduceOp.MAX);
  const prod = torch.tensor([rank + 2.0]);
  dist.allReduce(prod, { op: dist.ReduceOp.PRODUCT });
  const b = rank === 1 ? torch.tensor([7.0, 8.0]) : torch.zeros(2);
  dist.broadcast(b, 1);
  const gathered = Array.from({ length: n }, () => torch.zeros(2));
  dist.allGather(gathered, torch.tensor([rank, rank * 10.0]));
  const red = torch.tensor([rank + 1.0]);
  dist.reduce(red, 0, { op: dist.ReduceOp.SUM });
  const gatherList = rank === 0 ? Array.from({ length: n }, () => torch.zeros(1)) : null;
  dist.gather(torch.tensor([rank * 100.0]), { gatherList, dst: 0 });
  const got = torch.zeros(2);
  dist.scatter(got, { scatterList: rank === 0 ? Array.from({ length: n }, (_, i) => torch.full([2], i + 0.5)) : null, src: 0 });
  const work = dist.allReduce(torch.ones(3), { asyncOp: true })!;
  const asyncT = torch.ones(3).mul(rank + 1);
  const w2 = dist.allReduce(asyncT, { asyncOp: true })!;
  w2.wait();
  work.wait();
  let reduceScatter: string;
  try {
    dist.reduceScatter(torch.zeros(1), Array.from({ length: n }, () => torch.ones(1)));
    reduceScatter = 'ok';
  } catch (e) {
    reduceScatter = (e as Error).message;
  }
  dist.barrier();
  // a group of the even ranks (every rank calls newGroup)
  const evens = dist.newGroup([...Array(n).keys()].filter((r) => r % 2 === 0));
  let groupSum: number[] | null = null;
  if (evens instanceof dist.ProcessGroup) {
    const g = torch.tensor([rank * 1.0]);
    dist.allReduce(g, { group: evens });
    const b = torch.tensor([rank === 0 ? 42.0 : 0.0]);
    dist.broadcast(b, 0, { group: evens });
    groupSum = [...g.tolist() as number[], ...b.tolist() as number[], dist.getRank(evens), dist.getWorldSize(evens)];
  }
  Object.assign(out, {
    groupSum, nonMember: evens === dist.GroupMember.NON_GROUP_MEMBER,
    sum: sum.tolist(), max: max.tolist(), prod: prod.tolist(), broadcast: b.tolist(), allGather: gathered.map((t) => t.tolist()),
    reduce: red.tolist(), gather: gatherList?.map((t) => t.tolist()) ?? null, scatter: got.tolist(), async: asyncT.tolist(),
    completed: w2.isCompleted(), reduceScatter,
  });
} else if (mode === 'ddp') {
  // the CIFAR ConvNet, each rank on its share of one batch; rank 0 saves the weights after the steps
  torch.manualSeed(100 + rank); // different on purpose: DDP must start every rank from rank 0's weights
  const net = new ConvNet();
  const model = new torch.nn.parallel.DistributedDataParallel(net);
  const optimizer = new torch.optim.SGD(model.parameters(), { lr: 0.05, momentum: 0.9 });
  const criterion = new torch.nn.CrossEntropyLoss();
  torch.manualSeed(1);
  const x = torch.randn([12, 3, 32, 32]), y = torch.randint(0, 10, [12]);
  const per = 12 / n;
  const [xs, ys] = [x.narrow(0, rank * per, per), y.narrow(0, rank * per, per)];
  for (let step = 0; step < Number(process.env.DDP_STEPS ?? 3); step++) {
    optimizer.zeroGrad();
    criterion(model(xs), ys).backward();
    optimizer.step();
  }
  // noSync: gradients accumulate locally, and differ between ranks
  optimizer.zeroGrad();
  model.noSync(() => criterion(model(xs), ys).backward());
  const localGrad = net.conv1.weight.grad!.sum().item();
  out.noSyncGradSum = localGrad;
  if (rank === 0) torch.save(net.stateDict(), process.env.DDP_OUT!);
  out.keys = Object.keys(model.stateDict()).slice(0, 2);
} else if (mode === 'mismatch') {
  // each rank brings a collective that does not match the others': an error on every rank, no abort
  const attempt = (name: string, fn: () => void) => {
    try {
      fn();
      out[name] = null;
    } catch (e) {
      out[name] = `${(e as Error).name}: ${(e as Error).message.split('\n')[0]}`;
    }
  };
  attempt('size', () => dist.allReduce(torch.ones(rank === 0 ? 4 : 5)));
  attempt('dtype', () => dist.broadcast(rank === 0 ? torch.ones(4) : torch.ones(4, { dtype: torch.float64 }), 0));
  attempt('gather', () => dist.allGather([torch.zeros(3), torch.zeros(3)], torch.ones(rank === 0 ? 3 : 2)));
  const after = torch.ones(2);
  dist.allReduce(after);
  out.after = after.tolist(); // and the group still works
} else if (mode === 'die') {
  // the last rank dies after the group is up; the others must fail, not hang
  if (rank === n - 1) process.exit(3);
  try {
    dist.allReduce(torch.ones(4));
    dist.allReduce(torch.ones(4));
    out.error = null;
  } catch (e) {
    out.error = (e as Error).message;
  }
}
if (mode !== 'die') dist.barrier(); // rank 0 hosts the store: nobody may still be using it when it leaves
console.log(JSON.stringify(out));
dist.destroyProcessGroup();
