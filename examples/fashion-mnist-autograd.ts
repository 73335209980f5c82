// A real training run with the foundation alone (tensors + autograd, before nn/optim land):
// a 784-128-10 MLP on Fashion-MNIST, parameters and SGD written out by hand, as in PyTorch's
// "what is torch.nn really?" tutorial. Data: Debian's dataset-fashion-mnist
// (/usr/share/datasets/fashion-mnist) or FASHION_MNIST_DIR, read by torchvision.datasets.FashionMNIST.
//   npx tsx examples/fashion-mnist-autograd.ts [epochs]
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';

const epochs = Number(process.argv[2] ?? 2);
const limit = Number(process.env.TRAIN_LIMIT ?? 60000);

const prep = (images: torch.Tensor) => images.float().div(255).sub(0.2860).div(0.3530).view(-1, 784);
const root = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
const train = new torchvision.datasets.FashionMNIST({ root, train: true });
const test = new torchvision.datasets.FashionMNIST({ root, train: false });
const xTrain = prep(train.data).narrow(0, 0, limit);
const yTrain = train.targets.narrow(0, 0, limit);
const xTest = prep(test.data);
const yTest = test.targets;

torch.manualSeed(0);
// Kaiming-uniform-like initialisation, as nn.Linear's default
const init = (fanIn: number, ...shape: number[]) =>
  torch.rand(shape).mul(2).sub(1).mul(1 / Math.sqrt(fanIn)).requiresGrad_();
const w1 = init(784, 784, 128), b1 = init(784, 128);
const w2 = init(128, 128, 10), b2 = init(128, 10);
const params = [w1, b1, w2, b2];
const model = (x: torch.Tensor) => x.matmul(w1).add(b1).relu().matmul(w2).add(b2);
const crossEntropy = (logits: torch.Tensor, y: torch.Tensor) =>
  logits.logSoftmax(1).gather(1, y.unsqueeze(1)).mean().neg();

const lr = 0.1, batchSize = 128;
const n = xTrain.size(0);
const started = Date.now();
for (let epoch = 0; epoch < epochs; epoch++) {
  const perm = torch.randperm(n);
  let total = 0, batches = 0;
  for (let i = 0; i < n; i += batchSize) {
    const idx = perm.narrow(0, i, Math.min(batchSize, n - i));
    const loss = crossEntropy(model(xTrain.indexSelect(0, idx)), yTrain.indexSelect(0, idx));
    loss.backward();
    torch.noGrad(() => {
      for (const p of params) {
        p.sub_(p.grad!.mul(lr));
        p.grad = null;
      }
    });
    total += loss.item();
    batches++;
  }
  const accuracy = torch.noGrad(() => model(xTest).argmax(1).eq(yTest).float().mean().item());
  console.log(`epoch ${epoch + 1}: train loss ${(total / batches).toFixed(4)}, test accuracy ${(accuracy * 100).toFixed(2)}%`);
}
console.log(`trained ${epochs} epochs on ${n} images in ${((Date.now() - started) / 1000).toFixed(1)} s`);
