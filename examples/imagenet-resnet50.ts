// The ImageNet ResNet50 tutorial (../shared/tutorials/imagenet_resnet50.py), line for line, on any
// ImageNet-layout folder (<root>/train/<wnid>/*.JPEG, <root>/val/<wnid>/*); with checkpointing:
// model, optimizer, scheduler and epoch are saved after each epoch and resumed with --resume.
//   npx tsx scripts/make-imagenet-folder.ts ./data/imagenet-mini     (an offline folder to try it on)
//   npx tsx examples/imagenet-resnet50.ts --root ./data/imagenet-mini [--epochs 10] [--batch 100]
//       [--size 224] [--print-every 2000] [--checkpoint imagenet-checkpoint.pth] [--resume]
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: './data' }, epochs: { type: 'string', default: '10' }, batch: { type: 'string', default: '100' },
    size: { type: 'string', default: '224' }, 'print-every': { type: 'string', default: '2000' },
    checkpoint: { type: 'string', default: 'imagenet-checkpoint.pth' }, resume: { type: 'boolean', default: false },
  },
});
const [epochs, batchSize, size, printEvery] = [values.epochs, values.batch, values.size, values['print-every']].map(Number);
const transforms = torchvision.transforms;
const { nn, optim } = torch;
const { resnet50 } = torchvision.models;

const transform = new transforms.Compose(
  [new transforms.RandomResizedCrop(size),
    new transforms.RandomHorizontalFlip(),
    new transforms.ToTensor(),
    new transforms.Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])]);
// torchvision cannot download ImageNet any more: the images must already be under root
const trainset = new torchvision.datasets.ImageNet({ root: values.root, split: 'train', transform });
const trainloader = new torch.utils.data.DataLoader(trainset, { batchSize, shuffle: true, numWorkers: 2 });
const testset = new torchvision.datasets.ImageNet({ root: values.root, split: 'val', transform });
const testloader = new torch.utils.data.DataLoader(testset, { batchSize, shuffle: false, numWorkers: 2 });

const model = resnet50({ pretrained: false });
const criterion = new nn.CrossEntropyLoss();
const optimizer = new optim.SGD(model.parameters(), { lr: 0.001, momentum: 0.9 });
const scheduler = new optim.lrScheduler.StepLR(optimizer, 30, { gamma: 0.1 });

let startEpoch = 0;
if (values.resume && existsSync(values.checkpoint!)) {
  const ckpt = torch.load(values.checkpoint!);
  model.loadStateDict(ckpt.model);
  optimizer.loadStateDict(ckpt.optimizer);
  scheduler.loadStateDict(ckpt.scheduler);
  startEpoch = ckpt.epoch + 1;
  console.log(`resumed from ${values.checkpoint} after epoch ${startEpoch}`);
}

for (let epoch = startEpoch; epoch < epochs; epoch++) {
  let runningLoss = 0.0;
  let i = 0;
  model.train(); // (the Python tutorial leaves out train()/eval(); BatchNorm needs them)
  for await (const [inputs, labels] of trainloader) {
    optimizer.zeroGrad();
    const outputs = model(inputs);
    const loss = criterion(outputs, labels);
    loss.backward();
    optimizer.step();
    runningLoss += loss.item();
    if (i % printEvery === printEvery - 1) {
      console.log(`[${epoch + 1}, ${String(i + 1).padStart(5)}] loss: ${(runningLoss / printEvery).toFixed(3)}`);
      runningLoss = 0.0;
    }
    i++;
  }
  scheduler.step();
  torch.save({ model: model.stateDict(), optimizer: optimizer.stateDict(), scheduler: scheduler.stateDict(), epoch }, values.checkpoint!);
  console.log(`epoch ${epoch + 1} done, checkpoint saved to ${values.checkpoint}`);
}
console.log('Finished Training');

let correct = 0;
let total = 0;
model.eval();
torch.noGrad(() => {
  for (const [images, labels] of testloader) {
    const outputs = model(images);
    const [, predicted] = torch.max(outputs.data, 1);
    total += labels.size(0);
    correct += predicted.eq(labels).sum().item() as number;
  }
});
console.log(`Accuracy of the network on the ${total} test images: ${Math.floor((100 * correct) / total)} %`);
