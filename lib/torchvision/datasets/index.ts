// torchvision.datasets
export { MNIST, FashionMNIST, KMNIST, type MNISTOptions } from './mnist.js';
export { CIFAR10, CIFAR100, type CIFAROptions } from './cifar.js';
export { DatasetFolder, ImageFolder, IMG_EXTENSIONS, defaultLoader, pilLoader, findClasses, makeDataset, hasFileAllowedExtension,
  type DatasetFolderOptions, type ImageFolderOptions } from './folder.js';
export { ImageNet, type ImageNetOptions } from './imagenet.js';
export { FakeData } from './fakedata.js';
