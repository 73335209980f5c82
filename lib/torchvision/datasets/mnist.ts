// MNIST, FashionMNIST and KMNIST in torchvision's layout (<root>/<Name>/raw/*-ubyte[.gz]),
// read from the IDX files, gzipped or not. A flat folder holding the files (such as Debian's
// /usr/share/datasets/fashion-mnist) works as root too.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as torch from '../../index.js';
import { Image } from '../image.js';
import { downloadFile } from '../../utils/download.js';
import { bind, type ArgsWith } from '../../bind.js';

/** The keyword arguments of `datasets.MNIST` and `datasets.FashionMNIST`. */
export interface MNISTOptions {
  root: string;
  train?: boolean;
  transform?: ((img: Image) => any) | null;
  targetTransform?: ((target: number) => any) | null;
  download?: boolean;
}
/** MNIST(root, train=True, transform=None, target_transform=None, download=False), as torchvision's. */
export type MNISTArgs = ArgsWith<'torchvision.datasets.MNIST', MNISTOptions>;

function readIdx(file: string): torch.Tensor {
  let buf = readFileSync(file);
  if (buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch (e) {
      throw new Error(`${file} is not a valid gzip file (${(e as Error).message}): delete it and download again`);
    }
  }
  if (buf.length < 8 || buf[0] !== 0 || buf[1] !== 0 || buf[2] !== 8) throw new Error(`${file} is not an IDX file of uint8 values`);
  const ndim = buf[3];
  const shape = Array.from({ length: ndim }, (_, i) => buf.readUInt32BE(4 + 4 * i));
  const count = shape.reduce((a, b) => a * b, 1);
  const data = buf.subarray(4 + 4 * ndim);
  if (data.length !== count) throw new Error(`${file} is truncated: ${data.length} of ${count} bytes`);
  return torch.frombuffer(data, { dtype: torch.uint8 }).reshape(shape);
}

abstract class MNISTBase extends torch.utils.data.Dataset<[any, any]> {
  static readonly mirrors: string[];
  static readonly resources: [string, string][];
  static readonly classes: string[];
  readonly root: string;
  readonly train: boolean;
  readonly transform?: ((img: Image) => any) | null;
  readonly targetTransform?: ((target: number) => any) | null;
  data!: torch.Tensor;
  targets!: torch.Tensor;

  constructor(...args: MNISTArgs) {
    super();
    const name = this.constructor.name;
    const options = bind('torchvision.datasets.MNIST', args, { name }) as MNISTOptions;
    if (typeof options.root !== 'string') throw new TypeError(`${name}(): Expected a string for root but received ${options.root === null ? 'null' : typeof options.root}`);
    this.root = options.root;
    this.train = options.train ?? true;
    this.transform = options.transform;
    this.targetTransform = options.targetTransform;
    if (options.download) throw new Error(`download: true is asynchronous in JS: use \`await ${name}.create(root, { download: true })\``);
    this.load();
  }

  /** The constructor for download: true (downloads are asynchronous in JS); the same arguments. */
  static async create<T extends MNISTBase>(this: new (...args: MNISTArgs) => T, ...args: MNISTArgs): Promise<T> {
    const cls = this as unknown as (new (o: MNISTOptions) => T) & { download(root: string): Promise<void> };
    const options = bind('torchvision.datasets.MNIST', args, { name: `${cls.name}.create` }) as MNISTOptions;
    const local = { ...options, download: false };
    if (!options.download) return new cls(local);
    try {
      return new cls(local); // an existing copy is not fetched again
    } catch {
      await cls.download(options.root);
      return new cls(local);
    }
  }

  static rawFolder(root: string): string {
    return path.join(root, this.name, 'raw');
  }

  static async download(root: string): Promise<void> {
    const dir = this.rawFolder(root);
    for (const [file, md5] of this.resources) {
      let lastError: Error | undefined;
      for (const mirror of this.mirrors) {
        try {
          await downloadFile(`${mirror}${file}`, dir, file, md5);
          lastError = undefined;
          break;
        } catch (e) {
          lastError = e as Error;
        }
      }
      if (lastError) throw lastError;
    }
  }

  private locate(stem: string): string {
    const cls = this.constructor as typeof MNISTBase;
    for (const dir of [cls.rawFolder(this.root), this.root]) {
      for (const f of [stem, `${stem}.gz`]) if (existsSync(path.join(dir, f))) return path.join(dir, f);
    }
    throw new Error(`${cls.name}: ${stem}[.gz] not found in ${cls.rawFolder(this.root)} or ${this.root}. Use download: true (with ${cls.name}.create) to get it`);
  }

  private load(): void {
    const prefix = this.train ? 'train' : 't10k';
    this.data = readIdx(this.locate(`${prefix}-images-idx3-ubyte`));
    this.targets = readIdx(this.locate(`${prefix}-labels-idx1-ubyte`)).long();
    if (this.data.size(0) !== this.targets.size(0)) throw new Error(`${this.constructor.name}: images and labels differ in number`);
  }

  get classes(): string[] {
    return (this.constructor as typeof MNISTBase).classes;
  }
  /** @internal pixels and targets for the native loader; null when a target transform is set */
  _nativeSource(): { images: torch.Tensor; targets: torch.Tensor; transform: unknown } | null {
    if (this.targetTransform) return null;
    return { images: this.data.unsqueeze(3), targets: this.targets, transform: this.transform };
  }
  get classToIdx(): Record<string, number> {
    return Object.fromEntries(this.classes.map((c, i) => [c, i]));
  }
  get length(): number {
    return this.data.size(0);
  }
  getItem(index: number): [any, any] {
    const img = new Image(this.data.index(index), 'L');
    const target = this.targets.index(index).item() as number;
    return [this.transform ? this.transform(img) : img, this.targetTransform ? this.targetTransform(target) : target];
  }
}

export class MNIST extends MNISTBase {
  static readonly mirrors: string[] = ['https://ossci-datasets.s3.amazonaws.com/mnist/', 'http://yann.lecun.com/exdb/mnist/'];
  static readonly resources: [string, string][] = [
    ['train-images-idx3-ubyte.gz', 'f68b3c2dcbeaaa9fbdd348bbdeb94873'],
    ['train-labels-idx1-ubyte.gz', 'd53e105ee54ea40749a09fcbcd1e9432'],
    ['t10k-images-idx3-ubyte.gz', '9fb629c4189551a2d022fa330f9573f3'],
    ['t10k-labels-idx1-ubyte.gz', 'ec29112dd5afa0611ce80d1b7f02629c'],
  ];
  static readonly classes: string[] = ['0 - zero', '1 - one', '2 - two', '3 - three', '4 - four', '5 - five', '6 - six', '7 - seven', '8 - eight', '9 - nine'];
}

export class FashionMNIST extends MNISTBase {
  static readonly mirrors: string[] = ['http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/'];
  static readonly resources: [string, string][] = [
    ['train-images-idx3-ubyte.gz', '8d4fb7e6c68d591d4c3dfef9ec88bf0d'],
    ['train-labels-idx1-ubyte.gz', '25c81989df183df01b3e8a0aad5dffbe'],
    ['t10k-images-idx3-ubyte.gz', 'bef4ecab320f06d8554ea6380940ec79'],
    ['t10k-labels-idx1-ubyte.gz', 'bb300cfdad3c16e7a12a480ee83cd310'],
  ];
  static readonly classes: string[] = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
}

export class KMNIST extends MNISTBase {
  static readonly mirrors: string[] = ['http://codh.rois.ac.jp/kmnist/dataset/kmnist/'];
  static readonly resources: [string, string][] = [
    ['train-images-idx3-ubyte.gz', 'bdb82020997e1d708af4cf47b453dcf7'],
    ['train-labels-idx1-ubyte.gz', 'e144d726b3acfaa3e44228e80efcd344'],
    ['t10k-images-idx3-ubyte.gz', '5c965bf0a639b31b8f53240b1b52f4d7'],
    ['t10k-labels-idx1-ubyte.gz', '7320c461ea6c1c855c0b718fb2a4b134'],
  ];
  static readonly classes: string[] = ['o', 'ki', 'su', 'tsu', 'na', 'ha', 'ma', 'ya', 're', 'wo'];
}
