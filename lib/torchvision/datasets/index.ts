// torchvision.datasets
export { MNIST, FashionMNIST, KMNIST, type MNISTOptions } from './mnist.js';
export { CIFAR10, CIFAR100, type CIFAROptions } from './cifar.js';
