// The PyTorch CIFAR-10 tutorial (../shared/tutorials/cifar10_convnet.py): its model and its
// training/test loop, line for line. Data: the CIFAR-10 binary batches in ./data/cifar-10-batches-bin
// when present; otherwise a synthetic stand-in of the same shape (class-coloured blobs), until
// torchvision.datasets.CIFAR10 and the DataLoader land.
//   npx tsx examples/cifar10-convnet.ts [epochs=2]
import { existsSync, readFileSync } from 'node:fs';
import * as torch from 'torch-node';
import { ConvNet } from './lib/convnet.js';

const { nn, optim } = torch;
const epochs = Number(process.argv[2] ?? 2);
const dir = './data/cifar-10-batches-bin';

/** [images (N,3,32,32) normalised to [-1, 1], labels (N,)] */
function loadSplit(train: boolean): [torch.Tensor, torch.Tensor] {
  if (existsSync(dir)) {
    const files = train ? [1, 2, 3, 4, 5].map((i) => `${dir}/data_batch_${i}.bin`) : [`${dir}/test_batch.bin`];
    const records = torch.cat(files.map((f) => torch.frombuffer(readFileSync(f), { dtype: torch.uint8 }).view(-1, 3073)));
    const labels = records.index(torch.slice(), 0).long();
    const images = records.index(torch.slice(), torch.slice(1, null)).float().div(255).view(-1, 3, 32, 32);
    return [images.sub(0.5).div(0.5), labels];
  }
  const n = train ? 5000 : 1000;
  const labels = torch.randint(0, 10, [n]);
  const images = torch.randn(n, 3, 32, 32).mul(0.8).add(colours.indexSelect(0, labels));
  return [images, labels];
}

torch.manualSeed(0);
// one colour per class, shared by the synthetic train and test splits
const colours = torch.rand(10, 3, 1, 1).mul(2).sub(1);
if (!existsSync(dir)) console.log(`(no CIFAR-10 in ${dir}: training on a synthetic stand-in of the same shape)`);
const [trainImages, trainLabels] = loadSplit(true);
const [testImages, testLabels] = loadSplit(false);
const batches = (images: torch.Tensor, labels: torch.Tensor, shuffle: boolean) => {
  const n = images.size(0);
  const order = shuffle ? torch.randperm(n) : torch.arange(n);
  return Array.from({ length: Math.ceil(n / 100) }, (_, i) => {
    const idx = order.narrow(0, i * 100, Math.min(100, n - i * 100));
    return [images.indexSelect(0, idx), labels.indexSelect(0, idx)] as const;
  });
};

const net = new ConvNet();
const criterion = new nn.CrossEntropyLoss();
const optimizer = new optim.SGD(net.parameters(), { lr: 0.001, momentum: 0.9 });

for (let epoch = 0; epoch < epochs; epoch++) { // loop over the dataset multiple times
  let runningLoss = 0.0;
  for (const [i, data] of batches(trainImages, trainLabels, true).entries()) {
    const [inputs, labels] = data;
    optimizer.zeroGrad();
    const outputs = net(inputs);
    const loss = criterion(outputs, labels);
    loss.backward();
    optimizer.step();
    runningLoss += loss.item();
    if (i % 20 === 19) { // print every 20 mini-batches
      console.log(`[${epoch + 1}, ${String(i + 1).padStart(5)}] loss: ${(runningLoss / 20).toFixed(3)}`);
      runningLoss = 0.0;
    }
  }
}
console.log('Finished Training');
torch.save(net.stateDict(), './cifar_net.pth');

let correct = 0;
let total = 0;
torch.noGrad(() => {
  for (const [images, labels] of batches(testImages, testLabels, false)) {
    const outputs = net(images);
    const [, predicted] = torch.max(outputs.data, 1);
    total += labels.size(0);
    correct += predicted.eq(labels).sum().item();
  }
});
console.log(`Accuracy of the network on the ${total} test images: ${Math.floor((100 * correct) / total)} %`);
