// One worker of bench/ddp.ts (started by `torch-node run`): the CIFAR ConvNet train loop under DDP,
// then all-reduces of a 25,557,032-float tensor (ResNet50's gradient). Rank 0 prints JSON.
import * as torch from 'torch-node';
import { ConvNet } from '../examples/lib/convnet.js';

const dist = torch.distributed;
const [steps, reps] = [Number(process.env.BENCH_STEPS ?? 20), Number(process.env.BENCH_REPS ?? 5)];
dist.initProcessGroup('gloo');
torch.setNumThreads(1);
const rank = dist.getRank(), n = dist.getWorldSize();
torch.manualSeed(0);
const net = new ConvNet();
const model = n > 1 ? new torch.nn.parallel.DistributedDataParallel(net) : net;
const optimizer = new torch.optim.SGD(model.parameters(), { lr: 0.001, momentum: 0.9 });
const criterion = new torch.nn.CrossEntropyLoss();
const x = torch.randn([100, 3, 32, 32]), y = torch.randint(0, 10, [100]);
const step = () => {
  optimizer.zeroGrad();
  criterion(model(x), y).backward();
  optimizer.step();
};
for (let i = 0; i < 3; i++) step();
dist.barrier();
let t0 = process.hrtime.bigint();
for (let i = 0; i < steps; i++) step();
dist.barrier();
const loopSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
const grad = torch.ones(25557032);
dist.allReduce(grad);
t0 = process.hrtime.bigint();
for (let i = 0; i < reps; i++) dist.allReduce(grad);
const allReduceSeconds = Number(process.hrtime.bigint() - t0) / 1e9 / reps;
if (rank === 0) console.log(JSON.stringify({ imagesPerSecond: (100 * steps * n) / loopSeconds, allReduceSeconds }));
dist.destroyProcessGroup();
