// The CIFAR-10 ConvNet of the PyTorch tutorial (../shared/tutorials/cifar10_convnet.py), ported
// line for line. Shared by examples/cifar10.ts, bench/cifar-step.ts and the conformance test.
import * as torch from 'torch-node';
const { nn } = torch;
const F = torch.nn.functional;

export class ConvNet extends nn.Module {
  conv1 = new nn.Conv2d(3, 32, 3, { padding: 1 });
  conv2 = new nn.Conv2d(32, 64, 3, { padding: 1 });
  pool = new nn.MaxPool2d(2, 2);
  fc1 = new nn.Linear(64 * 8 * 8, 512);
  fc2 = new nn.Linear(512, 10);
  forward(x: torch.Tensor): torch.Tensor {
    x = this.pool(F.relu(this.conv1(x)));
    x = this.pool(F.relu(this.conv2(x)));
    x = x.view(-1, 64 * 8 * 8);
    x = F.relu(this.fc1(x));
    return this.fc2(x);
  }
}
