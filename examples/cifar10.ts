// The whole PyTorch CIFAR-10 tutorial (../shared/tutorials/cifar10_convnet.py), line for line:
// augmentation, CIFAR10 with download, DataLoader, SGD, the training loop and test accuracy.
// Needs the internet once (the official archive, 163 MB); the data lands in ./data.
//   npx tsx examples/cifar10.ts
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { ConvNet } from './lib/convnet.js';

const transforms = torchvision.transforms;
const { nn, optim } = torch;

async function main() {
  const transform = new transforms.Compose([
    new transforms.RandomHorizontalFlip(),
    new transforms.RandomCrop(32, { padding: 4 }),
    new transforms.ToTensor(),
    new transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5]),
  ]);
  const trainset = await torchvision.datasets.CIFAR10.create({ root: './data', train: true, download: true, transform });
  const trainloader = new torch.utils.data.DataLoader(trainset, { batchSize: 100, shuffle: true, numWorkers: 2 });
  const testset = await torchvision.datasets.CIFAR10.create({ root: './data', train: false, download: true, transform });
  const testloader = new torch.utils.data.DataLoader(testset, { batchSize: 100, shuffle: false, numWorkers: 2 });

  const net = new ConvNet();
  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(net.parameters(), { lr: 0.001, momentum: 0.9 });

  for (let epoch = 0; epoch < 10; epoch++) { // loop over the dataset multiple times
    let runningLoss = 0.0;
    let i = 0;
    for await (const data of trainloader) {
      const [inputs, labels] = data;
      optimizer.zeroGrad();
      const outputs = net(inputs);
      const loss = criterion(outputs, labels);
      loss.backward();
      optimizer.step();
      runningLoss += loss.item();
      if (i % 2000 === 1999) { // print every 2000 mini-batches
        console.log(`[${epoch + 1}, ${String(i + 1).padStart(5)}] loss: ${(runningLoss / 2000).toFixed(3)}`);
        runningLoss = 0.0;
      }
      i++;
    }
  }
  console.log('Finished Training');

  let correct = 0;
  let total = 0;
  torch.noGrad(() => {
    for (const data of testloader) {
      const [images, labels] = data;
      const outputs = net(images);
      const [, predicted] = torch.max(outputs.data, 1);
      total += labels.size(0);
      correct += predicted.eq(labels).sum().item();
    }
  });
  console.log(`Accuracy of the network on the 10000 test images: ${Math.floor((100 * correct) / total)} %`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
