// DatasetFolder and ImageFolder: one sub-folder per class (root/<class>/**/<file>), classes
// sorted, files walked in torchvision's order. With the default loader and built-in transforms,
// the DataLoader decodes and augments the files on its C++ threads.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import * as torch from '../../index.js';
import { native } from '../../native.js';
import { badArg } from '../../errors.js';
import { Image, decodeChecked } from '../image.js';
import { bind, type ArgsWith } from '../../bind.js';

/** Marks arguments a subclass has bound already, to be taken as they are. */
export const BOUND = Symbol('bound arguments');

/** The file extensions `ImageFolder` loads, as torchvision's `IMG_EXTENSIONS`. */
export const IMG_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.ppm', '.bmp', '.pgm', '.tif', '.tiff', '.webp'];

/** torchvision's default_loader: the file decoded (JPEG, PNG) and converted to RGB. */
export function defaultLoader(file: string): Image {
  return new Image(decodeChecked(() => native.readImageFile(file, 2)), 'RGB');
}
/**
 * Opens an image file as an RGB `Image`, as torchvision's `pil_loader` (the default loader of `ImageFolder`).
 */
export const pilLoader = defaultLoader;

/**
 * Whether a file name ends in one of the extensions (case-insensitive), as torchvision's `has_file_allowed_extension`.
 */
export function hasFileAllowedExtension(filename: string, extensions: string | string[]): boolean {
  const lower = filename.toLowerCase();
  return (typeof extensions === 'string' ? [extensions] : extensions).some((e) => lower.endsWith(e.toLowerCase()));
}

function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw Object.assign(new Error(`[Errno ${err.errno ?? 2}] ${err.code === 'ENOENT' ? 'No such file or directory' : err.message}: '${dir}'`), { code: err.code });
  }
}
const isDir = (p: string) => {
  try {
    return statSync(p).isDirectory(); // follows links, as os.walk(followlinks=True)
  } catch {
    return false;
  }
};

/** torchvision's find_classes: the sorted sub-folder names and their indices. */
export function findClasses(directory: string): [string[], Record<string, number>] {
  const classes = listDir(directory).filter((n) => isDir(path.join(directory, n))).sort();
  if (!classes.length) throw new Error(`Couldn't find any class folder in ${directory}.`);
  return [classes, Object.fromEntries(classes.map((c, i) => [c, i]))];
}

/** os.walk order as torchvision sorts it: folders by path, files by name within each. */
function walk(dir: string): string[] {
  const out: [string, string[]][] = [];
  const visit = (d: string) => {
    const names = listDir(d);
    out.push([d, names.filter((n) => !isDir(path.join(d, n)))]);
    for (const n of names) if (isDir(path.join(d, n))) visit(path.join(d, n));
  };
  visit(dir);
  out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return out.flatMap(([d, files]) => files.sort().map((f) => path.join(d, f)));
}

/** torchvision's make_dataset: [path, classIndex] for every valid file of every class. */
export function makeDataset(directory: string, classToIdx: Record<string, number>, extensions: string | string[] | null, isValidFile: ((p: string) => boolean) | null, allowEmpty = false): [string, number][] {
  if ((extensions === null) === (isValidFile === null)) throw new TypeError('Both extensions and isValidFile cannot be None or not None at the same time');
  const valid = isValidFile ?? ((p: string) => hasFileAllowedExtension(p, extensions!));
  const instances: [string, number][] = [];
  const found = new Set<string>();
  for (const cls of Object.keys(classToIdx).sort()) {
    for (const file of walk(path.join(directory, cls))) {
      if (!valid(file)) continue;
      instances.push([file, classToIdx[cls]]);
      found.add(cls);
    }
  }
  const empty = Object.keys(classToIdx).filter((c) => !found.has(c)).sort();
  if (empty.length && !allowEmpty) {
    let msg = `Found no valid file for the classes ${empty.join(', ')}. `;
    if (extensions !== null) msg += `Supported extensions are: ${typeof extensions === 'string' ? extensions : extensions.join(', ')}`;
    throw new Error(msg);
  }
  return instances;
}

/** The keyword arguments of `datasets.DatasetFolder`. */
export interface DatasetFolderOptions<S = any> {
  root: string;
  loader: (path: string) => S;
  extensions?: string | string[] | null;
  transform?: ((sample: S) => any) | null;
  targetTransform?: ((target: number) => any) | null;
  isValidFile?: ((path: string) => boolean) | null;
  allowEmpty?: boolean;
}
/** DatasetFolder(root, loader, extensions=None, transform=None, target_transform=None, is_valid_file=None, allow_empty=False) */
export type DatasetFolderArgs<S> = ArgsWith<'torchvision.datasets.DatasetFolder', DatasetFolderOptions<S>>;

/** The keyword arguments of `datasets.ImageFolder`. */
export interface ImageFolderOptions {
  root: string;
  transform?: ((img: Image) => any) | null;
  targetTransform?: ((target: number) => any) | null;
  loader?: (path: string) => any;
  isValidFile?: ((path: string) => boolean) | null;
  allowEmpty?: boolean;
}
/** ImageFolder(root, transform=None, target_transform=None, loader=default_loader, is_valid_file=None, allow_empty=False) */
export type ImageFolderArgs = ArgsWith<'torchvision.datasets.ImageFolder', ImageFolderOptions>;

const folderRoot = (root: unknown, name: string): string => (typeof root === 'string' ? root : badArg('a folder path', `${name} root`, root));

export class DatasetFolder<S = any, C = string> extends torch.utils.data.Dataset<[any, any]> {
  readonly root: string;
  readonly loader: (path: string) => S;
  readonly extensions: string | string[] | null;
  readonly transform: ((sample: S) => any) | null;
  readonly targetTransform: ((target: number) => any) | null;
  readonly classes: C[];
  readonly classToIdx: Record<string, number>;
  readonly samples: [string, number][];
  readonly targets: number[];

  /** new DatasetFolder(root, loader, { extensions, transform, ... }) */
  constructor(...args: DatasetFolderArgs<S>) {
    super();
    // a subclass (ImageFolder) hands on its arguments already bound
    const options = (args.length === 1 && (args[0] as { [BOUND]?: true })[BOUND]
      ? args[0] : bind('torchvision.datasets.DatasetFolder', args)) as DatasetFolderOptions<S>;
    this.root = folderRoot(options.root, this.constructor.name);
    if (typeof options.loader !== 'function') badArg('a function (path) => sample', 'loader', options.loader);
    this.loader = options.loader;
    this.extensions = options.extensions ?? null;
    this.transform = options.transform ?? null;
    this.targetTransform = options.targetTransform ?? null;
    const [classes, classToIdx] = this.findClasses(this.root);
    this.classes = classes as C[];
    this.classToIdx = classToIdx;
    this.samples = makeDataset(this.root, this.classToIdx, this.extensions, options.isValidFile ?? null, options.allowEmpty ?? false);
    this.targets = this.samples.map((s) => s[1]);
  }
  /** Overridable, as torchvision's find_classes method. */
  findClasses(directory: string): [string[], Record<string, number>] {
    return findClasses(directory);
  }
  get length(): number {
    return this.samples.length;
  }
  getItem(index: number): [any, any] {
    const s = this.samples[index < 0 ? this.samples.length + index : index];
    if (!s) throw new RangeError(`index ${index} is out of range for a dataset of ${this.samples.length} files`);
    const sample = this.loader(s[0]);
    return [this.transform ? this.transform(sample) : sample, this.targetTransform ? this.targetTransform(s[1]) : s[1]];
  }
  /** @internal files and targets for the native loader: only with the default loader and no target transform */
  _nativeSource(): { files: string[]; targets: torch.Tensor; transform: unknown } | null {
    if (this.loader !== (defaultLoader as unknown) || this.targetTransform) return null;
    return { files: this.samples.map((s) => s[0]), targets: torch.tensor(this.targets, { dtype: torch.int64 }), transform: this.transform };
  }
}

export class ImageFolder<C = string> extends DatasetFolder<Image, C> {
  /** new ImageFolder(root, transform) or new ImageFolder(root, { transform }) or new ImageFolder({ root, transform }) */
  constructor(...args: ImageFolderArgs) {
    const o = (args.length === 1 && (args[0] as { [BOUND]?: true })[BOUND] ? args[0] : bind('torchvision.datasets.ImageFolder', args, { name: new.target.name })) as ImageFolderOptions;
    const loader = o.loader ?? defaultLoader;
    super(...([{ ...o, loader, extensions: o.isValidFile ? null : IMG_EXTENSIONS, [BOUND]: true }] as unknown as DatasetFolderArgs<Image>));
  }
  /** torchvision's alias of samples */
  get imgs(): [string, number][] {
    return this.samples;
  }
}
