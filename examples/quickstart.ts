// The README's first example: a tiny autograd computation.
import * as torch from 'torch-node';

const x = torch.randn([64, 128], { requiresGrad: true });
const w = torch.randn([128, 10], { requiresGrad: true });
const loss = x.matmul(w).relu().sum();
loss.backward();
console.log(w.grad!.shape, loss.item());
