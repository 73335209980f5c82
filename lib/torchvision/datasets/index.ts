// torchvision.datasets
export { MNIST, FashionMNIST, KMNIST, type MNISTOptions } from './mnist.js';
