// CIFAR10 and CIFAR100 in torchvision's layout: <root>/cifar-10-batches-py/{data_batch_1..5,
// test_batch, batches.meta} (Python pickles of numpy arrays), every file MD5-checked as
// torchvision checks it; download: true fetches the official archive once, verifies it and
// extracts it atomically.
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import * as tar from 'tar';
import * as torch from '../../index.js';
import { Image } from '../image.js';
import { downloadFile, md5Of } from '../../utils/download.js';
import { loadNumpyPickle } from './numpy-pickle.js';
import { bind, type ArgsWith } from '../../bind.js';

/** The keyword arguments of `datasets.CIFAR10` and `datasets.CIFAR100`. */
export interface CIFAROptions {
  root: string;
  train?: boolean;
  transform?: ((img: Image) => any) | null;
  targetTransform?: ((target: number) => any) | null;
  download?: boolean;
}
/** CIFAR10(root, train=True, transform=None, target_transform=None, download=False), as torchvision's. */
export type CIFARArgs = ArgsWith<'torchvision.datasets.CIFAR10', CIFAROptions>;

abstract class CIFARBase extends torch.utils.data.Dataset<[any, any]> {
  static readonly baseFolder: string;
  static readonly url: string;
  static readonly filename: string;
  static readonly tgzMd5: string;
  static readonly trainList: [string, string][];
  static readonly testList: [string, string][];
  static readonly meta: { filename: string; key: string; md5: string };
  static readonly labelKey: string;

  readonly root: string;
  readonly train: boolean;
  readonly transform?: ((img: Image) => any) | null;
  readonly targetTransform?: ((target: number) => any) | null;
  /** N×32×32×3 uint8, as torchvision's data */
  data!: torch.Tensor;
  targets!: number[];
  classes!: string[];

  constructor(...args: CIFARArgs) {
    super();
    const name = this.constructor.name;
    const options = bind('torchvision.datasets.CIFAR10', args, { name }) as CIFAROptions;
    if (typeof options.root !== 'string') throw new TypeError(`${name}(): Expected a string for root but received ${options.root === null ? 'null' : typeof options.root}`);
    if (options.download) throw new Error(`download: true is asynchronous in JS: use \`await ${name}.create(root, { download: true })\``);
    this.root = options.root;
    this.train = options.train ?? true;
    this.transform = options.transform;
    this.targetTransform = options.targetTransform;
    const cls = this.constructor as typeof CIFARBase;
    const bad = cls.corruptFiles(this.root);
    if (bad.length) throw new Error(`Dataset not found or corrupted (${bad.join(', ')} in ${path.join(this.root, cls.baseFolder)}). You can use download: true (with ${cls.name}.create) to download it`);
    const batches = (this.train ? cls.trainList : cls.testList).map(([f]) => loadNumpyPickle(path.join(this.root, cls.baseFolder, f)));
    const raw = torch.cat(batches.map((b) => torch.frombuffer(b.data.data, { dtype: torch.uint8 }).view(-1, 3072)));
    this.data = raw.view(-1, 3, 32, 32).permute(0, 2, 3, 1).contiguous();
    this.targets = batches.flatMap((b) => b[cls.labelKey] as number[]);
    this.classes = loadNumpyPickle(path.join(this.root, cls.baseFolder, cls.meta.filename))[cls.meta.key];
  }

  static corruptFiles(root: string): string[] {
    return [...this.trainList, ...this.testList, [this.meta.filename, this.meta.md5] as [string, string]]
      .filter(([f, md5]) => {
        const file = path.join(root, this.baseFolder, f);
        return !existsSync(file) || md5Of(file) !== md5;
      })
      .map(([f]) => f);
  }

  static async download(root: string): Promise<void> {
    if (this.corruptFiles(root).length === 0) return; // Files already downloaded and verified
    await mkdir(root, { recursive: true });
    const archive = await downloadFile(this.url, root, this.filename, this.tgzMd5);
    const staging = await mkdtemp(path.join(root, '.extracting-'));
    try {
      await tar.x({ file: archive, cwd: staging, strict: true });
      const extracted = path.join(staging, this.baseFolder);
      if (!existsSync(extracted)) throw new Error(`${this.filename} holds no ${this.baseFolder}/ folder`);
      await rm(path.join(root, this.baseFolder), { recursive: true, force: true });
      await rename(extracted, path.join(root, this.baseFolder));
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    const bad = this.corruptFiles(root);
    if (bad.length) throw new Error(`${this.filename} extracted, but ${bad.join(', ')} failed the MD5 check`);
  }

  /** The constructor for download: true (downloads are asynchronous in JS); the same arguments. */
  static async create<T extends CIFARBase>(this: new (...args: CIFARArgs) => T, ...args: CIFARArgs): Promise<T> {
    const cls = this as unknown as (new (o: CIFAROptions) => T) & { download(root: string): Promise<void> };
    const options = bind('torchvision.datasets.CIFAR10', args, { name: `${cls.name}.create` }) as CIFAROptions;
    if (options.download) await cls.download(options.root);
    return new cls({ ...options, download: false });
  }

  /** @internal pixels and targets for the native loader; null when a target transform is set */
  _nativeSource(): { images: torch.Tensor; targets: torch.Tensor; transform: unknown } | null {
    if (this.targetTransform) return null;
    return { images: this.data, targets: torch.tensor(this.targets.map(BigInt)), transform: this.transform };
  }
  get classToIdx(): Record<string, number> {
    return Object.fromEntries(this.classes.map((c, i) => [c, i]));
  }
  get length(): number {
    return this.data.size(0);
  }
  getItem(index: number): [any, any] {
    const img = new Image(this.data.index(index), 'RGB');
    const target = this.targets[index < 0 ? this.targets.length + index : index];
    return [this.transform ? this.transform(img) : img, this.targetTransform ? this.targetTransform(target) : target];
  }
}

export class CIFAR10 extends CIFARBase {
  static readonly baseFolder: string = 'cifar-10-batches-py';
  static readonly url: string = 'https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz';
  static readonly filename: string = 'cifar-10-python.tar.gz';
  static readonly tgzMd5: string = 'c58f30108f718f92721af3b95e74349a';
  static readonly trainList: [string, string][] = [
    ['data_batch_1', 'c99cafc152244af753f735de768cd75f'], ['data_batch_2', 'd4bba439e000b95fd0a9bffe97cbabec'],
    ['data_batch_3', '54ebc095f3ab1f0389bbae665268c751'], ['data_batch_4', '634d18415352ddfa80567beed471001a'],
    ['data_batch_5', '482c414d41f54cd18b22e5b47cb7c3cb'],
  ];
  static readonly testList: [string, string][] = [['test_batch', '40351d587109b95175f43aff81a1287e']];
  static readonly meta: { filename: string; key: string; md5: string } = { filename: 'batches.meta', key: 'label_names', md5: '5ff9c542aee3614f3951f8cda6e48888' };
  static readonly labelKey: string = 'labels';
}

export class CIFAR100 extends CIFARBase {
  static readonly baseFolder: string = 'cifar-100-python';
  static readonly url: string = 'https://www.cs.toronto.edu/~kriz/cifar-100-python.tar.gz';
  static readonly filename: string = 'cifar-100-python.tar.gz';
  static readonly tgzMd5: string = 'eb9058c3a382ffc7106e4002c42a8d85';
  static readonly trainList: [string, string][] = [['train', '16019d7e3df5f24257cddd939b257f8d']];
  static readonly testList: [string, string][] = [['test', 'f0ef6b0ae62326f3e7ffdfab6717acfc']];
  static readonly meta: { filename: string; key: string; md5: string } = { filename: 'meta', key: 'fine_label_names', md5: '7973b15100ade9c7d40fb424638fde48' };
  static readonly labelKey: string = 'fine_labels';
}
