// Type test (tsc -p tsconfig.check.json, part of `npm test`): what a training script gets from the
// types. Each @ts-expect-error marks a mistake that must not compile; tsc fails if one does.
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';

const { nn } = torch;
const x = torch.randn(8, 4);
const y = torch.tensor([0, 1, 1, 0, 1, 0, 0, 1]);

// built-in layers and losses are typed by their forward
const fc = new nn.Linear(4, 2);
const logits: torch.Tensor = fc(x);
const loss = new nn.CrossEntropyLoss()(logits, y);
loss.backward();
// @ts-expect-error a misspelt method on a loss
loss.backwards();
// @ts-expect-error a layer's output is a Tensor
const s: string = fc(x);
// @ts-expect-error Linear takes one input
fc(x, x);
// @ts-expect-error a loss takes input and target
new nn.MSELoss()(logits);
const [out, [h, c]] = new nn.LSTM(4, 6)(x.unsqueeze(1));
out.sum().add(h.sum()).add(c.sum());

// a subclass states its forward once and is typed by it
class Net extends nn.Module<[x: torch.Tensor], torch.Tensor> {
  fc1 = new nn.Linear(4, 8);
  fc2 = new nn.Linear(8, 2);
  forward(input: torch.Tensor): torch.Tensor {
    return this.fc2(this.fc1(input).relu());
  }
}
const net = new Net();
net(x).softmax(1);
// @ts-expect-error shape is a number[]
const n: string = net(x).shape;
// @ts-expect-error Net takes a Tensor
net('x');

// torchvision models: layer fields typed
const resnet = torchvision.models.resnet18({ numClasses: 10 });
const features: number = resnet.fc.inFeatures;
resnet.fc = new nn.Linear(features, 3);
// @ts-expect-error fc is a Linear, which has no kernelSize
resnet.fc.kernelSize;

// DataLoader batches typed from the dataset's items
const ds = new torch.utils.data.TensorDataset(x, y);
const loader = new torch.utils.data.DataLoader(ds, { batchSize: 4 });
for (const [xb, yb] of loader) fc(xb).sub(yb.unsqueeze(1));
const size: number = loader.dataset.length;
for (const batch of loader) {
  // @ts-expect-error a batch is an array of tensors
  batch.foo.bar();
}
export { s, n, size };

// options come last, as in Python's keywords; dtypes and devices are checked by name
torch.randn(3, { dtype: torch.float64 });
// @ts-expect-error the options object goes after the sizes
torch.randn({ dtype: torch.float64 }, 3);
x.to('float64');
x.to('cuda:1');
x.to(torch.float16);
// @ts-expect-error not a dtype or a device
x.to('float33');
// @ts-expect-error not a device
torch.zeros(2, { device: 'gpu' });
// @ts-expect-error Python's keyword is input, not the schema's self
torch.abs({ self: x });
torch.abs({ input: x });
// tolist() is a number or nested arrays; name the shape you know
const rows = x.tolist<number[][]>();
rows[0].map((v) => v * 2);
// @ts-expect-error without the shape it may be a number
x.tolist().map((v: number) => v);
// the leading arguments by position and the other required ones by name, as Python's F.softmax(x, dim=1)
torch.softmax(x, { dim: 1 });
const best: torch.Tensor = torch.max(x, { dim: 1 }).indices;
torch.transpose(x, 0, { dim1: 1 });
// @ts-expect-error softmax's dim is required: by position or by name
torch.softmax(x, { dtype: torch.float64 });
// @ts-expect-error input is given by position already
torch.softmax(x, { input: x, dim: 1 });
