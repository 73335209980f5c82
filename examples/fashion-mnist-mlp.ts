// The Keras MNIST MLP (../shared/tutorials/keras_mnist_mlp.py) written the PyTorch way, on the
// real Fashion-MNIST: Flatten -> Linear(784, 128) -> ReLU -> Linear(128, 10), Adam, batch 128.
// (Batches are cut by hand until torch.utils.data.DataLoader lands.)
//   npx tsx examples/fashion-mnist-mlp.ts [epochs=10]
import * as torch from 'torch-node';
import { readIdx } from './lib/idx.js';

const { nn, optim } = torch;
const epochs = Number(process.argv[2] ?? 10);
const limit = Number(process.env.TRAIN_LIMIT ?? 60000);

// x / 255 as float32, as the Keras script does
const xTrain = readIdx('train-images-idx3-ubyte.gz').float().div(255).narrow(0, 0, limit);
const yTrain = readIdx('train-labels-idx1-ubyte.gz').long().narrow(0, 0, limit);
const xTest = readIdx('t10k-images-idx3-ubyte.gz').float().div(255);
const yTest = readIdx('t10k-labels-idx1-ubyte.gz').long();

torch.manualSeed(0);
const model = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, 128), new nn.ReLU(), new nn.Linear(128, 10));
const criterion = new nn.CrossEntropyLoss(); // softmax + categorical cross-entropy in one
const optimizer = new optim.Adam(model.parameters());
console.log(String(model));

const batchSize = 128;
const n = xTrain.size(0);
const started = Date.now();
for (let epoch = 0; epoch < epochs; epoch++) {
  model.train();
  const perm = torch.randperm(n);
  let runningLoss = 0, correct = 0;
  for (let i = 0; i < n; i += batchSize) {
    const idx = perm.narrow(0, i, Math.min(batchSize, n - i));
    const inputs = xTrain.indexSelect(0, idx), labels = yTrain.indexSelect(0, idx);
    optimizer.zeroGrad();
    const outputs = model(inputs);
    const loss = criterion(outputs, labels);
    loss.backward();
    optimizer.step();
    runningLoss += loss.item() * labels.size(0);
    correct += outputs.argmax(1).eq(labels).sum().item();
  }
  console.log(`epoch ${epoch + 1}/${epochs} - loss: ${(runningLoss / n).toFixed(4)} - accuracy: ${(correct / n).toFixed(4)}`);
}
model.eval();
const [testLoss, accuracy] = torch.noGrad(() => {
  const outputs = model(xTest);
  return [criterion(outputs, yTest).item(), outputs.argmax(1).eq(yTest).float().mean().item()];
});
console.log(`Loss: ${testLoss.toFixed(4)}, Accuracy: ${accuracy.toFixed(4)} (test accuracy ${(accuracy * 100).toFixed(2)}%)`);
console.log(`trained ${epochs} epochs on ${n} images in ${((Date.now() - started) / 1000).toFixed(1)} s`);
