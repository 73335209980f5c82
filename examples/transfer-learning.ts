// Keras' VGG16 transfer recipe (../shared/tutorials/keras_vgg16_transfer.py) the PyTorch way: a
// pretrained backbone without its top (`features`), a new classifier head for the folder's classes,
// the backbone frozen; fine-tuned on an ImageFolder (<root>/train/<class>/*, <root>/val/<class>/*).
// Then the fine-tuned weights are saved, and a checkpoint trained in Python can be evaluated too.
//   npx tsx scripts/make-imagenet-folder.ts ./data/imagenet-mini
//   npx tsx examples/transfer-learning.ts --root ./data/imagenet-mini [--arch vgg16|resnet18|mobilenet_v2]
//       [--weights DEFAULT|none|file.pth] [--epochs 3] [--batch 32] [--out transfer.pth]
//   npx tsx examples/transfer-learning.ts --root ... --evaluate checkpoint.pth   (a state dict saved by Python)
import { parseArgs } from 'node:util';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: './data/imagenet-mini' }, arch: { type: 'string', default: 'vgg16' },
    weights: { type: 'string', default: 'DEFAULT' }, epochs: { type: 'string', default: '3' }, batch: { type: 'string', default: '32' },
    size: { type: 'string' }, out: { type: 'string', default: 'transfer.pth' }, evaluate: { type: 'string' },
  },
});
const { nn, optim } = torch;
const models = torchvision.models;
const T = torchvision.transforms;

/** The backbone's pretrained weights: downloaded once into torch.hub's cache; offline, a clear fallback. */
async function backboneWeights(arch: string): Promise<torchvision.models.Weights | string | null> {
  const w = values.weights!;
  if (w === 'none') return null;
  if (w.endsWith('.pth') || w.endsWith('.pt')) return w;
  const entry = models.getModelWeights(arch)[w === 'DEFAULT' ? 'DEFAULT' : w];
  if (!entry) throw new Error(`no weights ${w} for ${arch}`);
  try {
    await entry.download();
    return entry;
  } catch (e) {
    console.warn(`could not fetch ${entry} (${(e as Error).message}); continuing with random backbone weights (pass --weights file.pth to use a local copy)`);
    return null;
  }
}

/** Backbone + new head, with the head replaced the PyTorch way (model.classifier = ..., model.fc = ...). */
function build(arch: string, numClasses: number, weights: torchvision.models.Weights | string | null) {
  const model = models.getModel(arch, { weights }) as any;
  const backbone: torch.nn.Module = arch.startsWith('resnet') ? model : model.features;
  backbone.requiresGrad_(false); // freeze the pretrained part (Keras: the VGG16 layer not trainable)
  if (arch.startsWith('vgg')) model.classifier = new nn.Sequential(new nn.Flatten(), new nn.Linear(512 * 7 * 7, numClasses)); // Flatten + Dense
  else if (arch.startsWith('resnet')) model.fc = new nn.Linear(model.fc.inFeatures, numClasses);
  else model.classifier = new nn.Sequential(new nn.Dropout({ p: 0.2 }), new nn.Linear(model.lastChannel, numClasses));
  const head: torch.nn.Module = arch.startsWith('resnet') ? model.fc : model.classifier;
  return { model: model as torch.nn.Module, head };
}

function accuracy(model: torch.nn.Module, loader: Iterable<[torch.Tensor, torch.Tensor]>): number {
  let correct = 0, total = 0;
  model.eval();
  torch.noGrad(() => {
    for (const [images, labels] of loader) {
      const [, predicted] = torch.max(model(images), 1);
      total += labels.size(0);
      correct += predicted.eq(labels).sum().item() as number;
    }
  });
  return (100 * correct) / total;
}

async function main() {
  const arch = values.arch!;
  const weights = values.evaluate ? null : await backboneWeights(arch);
  // the backbone's own preprocessing (Keras: vgg16.preprocess_input), at --size if given
  const preset = models.getModelWeights(arch).DEFAULT.transforms();
  const size = values.size ? Number(values.size) : preset.cropSize;
  const evalTransform = new T.Compose([new T.Resize(Math.round(size * 256 / 224)), new T.CenterCrop(size), new T.ToTensor(), new T.Normalize(preset.mean, preset.std)]);
  const trainTransform = new T.Compose([new T.RandomResizedCrop(size), new T.RandomHorizontalFlip(), new T.ToTensor(), new T.Normalize(preset.mean, preset.std)]);
  const trainset = new torchvision.datasets.ImageFolder(`${values.root}/train`, { transform: trainTransform });
  const valset = new torchvision.datasets.ImageFolder(`${values.root}/val`, { transform: evalTransform });
  const batchSize = Number(values.batch);
  const trainloader = new torch.utils.data.DataLoader(trainset, { batchSize, shuffle: true, numWorkers: 2 });
  const valloader = new torch.utils.data.DataLoader(valset, { batchSize, numWorkers: 2 });
  const { model, head } = build(arch, trainset.classes.length, weights);

  if (values.evaluate) {
    model.loadStateDict(torch.load(values.evaluate));
    console.log(`${values.evaluate}: accuracy on ${valset.length} validation images: ${accuracy(model, valloader).toFixed(2)} %`);
    return;
  }
  const trainable = [...model.parameters()].filter((p) => p.requiresGrad).reduce((n, p) => n + p.numel(), 0);
  console.log(`${arch}: ${trainset.classes.length} classes, ${trainset.length} training images; training ${trainable.toLocaleString('en')} head parameters`);
  const criterion = new nn.CrossEntropyLoss(); // softmax + categorical cross-entropy
  const optimizer = new optim.Adam(head.parameters());
  for (let epoch = 0; epoch < Number(values.epochs); epoch++) {
    model.train();
    let running = 0, seen = 0;
    for await (const [inputs, labels] of trainloader) {
      optimizer.zeroGrad();
      const loss = criterion(model(inputs), labels);
      loss.backward();
      optimizer.step();
      running += (loss.item() as number) * labels.size(0);
      seen += labels.size(0);
    }
    console.log(`epoch ${epoch + 1} - loss: ${(running / seen).toFixed(4)} - val accuracy: ${accuracy(model, valloader).toFixed(2)} %`);
  }
  torch.save(model.stateDict(), values.out!);
  console.log(`saved the fine-tuned model to ${values.out}`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
