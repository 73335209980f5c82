// The Keras MNIST MLP (../shared/tutorials/keras_mnist_mlp.py) written the PyTorch way, on the
// real Fashion-MNIST: Flatten -> Linear(784, 128) -> ReLU -> Linear(128, 10), Adam, batch 128,
// 10 epochs. Data: Debian's dataset-fashion-mnist when installed, else downloaded into ./data.
//   npx tsx examples/fashion-mnist-mlp.ts [epochs=10]
import { existsSync } from 'node:fs';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { Progress } from './lib/progress.js';

const { nn, optim } = torch;
const { DataLoader, Subset } = torch.utils.data;
const epochs = Number(process.argv[2] ?? 10);
const limit = Number(process.env.TRAIN_LIMIT ?? 60000);
const debian = '/usr/share/datasets/fashion-mnist';
const root = process.env.FASHION_MNIST_DIR ?? (existsSync(debian) ? debian : './data');

async function main() {
  const transform = new torchvision.transforms.ToTensor(); // x / 255, as the Keras script does
  const FashionMNIST = torchvision.datasets.FashionMNIST;
  const trainset = await FashionMNIST.create({ root, train: true, download: true, transform });
  const testset = await FashionMNIST.create({ root, train: false, download: true, transform });
  const train = limit < trainset.length ? new Subset(trainset, Array.from({ length: limit }, (_, i) => i)) : trainset;
  const trainloader = new DataLoader(train, { batchSize: 128, shuffle: true, numWorkers: 2 });
  const testloader = new DataLoader(testset, { batchSize: 1000, numWorkers: 2 });

  torch.manualSeed(0);
  const model = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 10));
  const criterion = new nn.CrossEntropyLoss(); // softmax + categorical cross-entropy in one
  const optimizer = new optim.Adam(model.parameters());
  console.log(String(model));

  const started = Date.now();
  for (let epoch = 0; epoch < epochs; epoch++) {
    model.train();
    let runningLoss = 0, correct = 0, seen = 0, step = 0;
    const progress = new Progress(`epoch ${epoch + 1}/${epochs}`, trainloader.length);
    for await (const [inputs, labels] of trainloader) {
      optimizer.zeroGrad();
      const outputs = model(inputs);
      const loss = criterion(outputs, labels);
      loss.backward();
      optimizer.step();
      runningLoss += loss.item() * labels.size(0);
      correct += outputs.argmax(1).eq(labels).sum().item();
      seen += labels.size(0);
      progress.update(++step, seen, runningLoss / seen);
    }
    progress.stop();
    model.eval();
    let testCorrect = 0, testLoss = 0;
    torch.noGrad(() => {
      for (const [inputs, labels] of testloader) {
        const outputs = model(inputs);
        testLoss += criterion(outputs, labels).item() * labels.size(0);
        testCorrect += outputs.argmax(1).eq(labels).sum().item();
      }
    });
    console.log(`epoch ${epoch + 1}/${epochs} - loss: ${(runningLoss / seen).toFixed(4)} - accuracy: ${(correct / seen).toFixed(4)}` +
      ` - test loss: ${(testLoss / testset.length).toFixed(4)} - test accuracy ${((100 * testCorrect) / testset.length).toFixed(2)}%`);
  }
  console.log(`trained ${epochs} epochs on ${train.length} images in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
