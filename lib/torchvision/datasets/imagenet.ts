// ImageNet: an ImageFolder over the standard <root>/train/<wnid>/*.JPEG and <root>/val/<wnid>/*
// layout. Class names come from torchvision's meta.bin when present (made by torchvision from the
// devkit), else from Kaggle's LOC_synset_mapping.txt, else the wnids themselves. Unlike
// torchvision, the archives are not unpacked here: val/ must already be sorted into wnid folders.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as torch from '../../index.js';
import { ImageFolder, BOUND, type ImageFolderArgs, type ImageFolderOptions } from './folder.js';
import { bind, type ArgsWith } from '../../bind.js';

/** The keyword arguments of `datasets.ImageNet`. */
export interface ImageNetOptions extends Omit<ImageFolderOptions, 'root'> {
  root: string;
  split?: 'train' | 'val';
}

function wnidNames(root: string): Record<string, string[]> | null {
  const meta = path.join(root, 'meta.bin');
  if (existsSync(meta)) {
    const [wnidToClasses] = torch.load(meta) as [Record<string, string[]>, string[]];
    return wnidToClasses;
  }
  const mapping = path.join(root, 'LOC_synset_mapping.txt');
  if (existsSync(mapping)) {
    const out: Record<string, string[]> = {};
    for (const line of readFileSync(mapping, 'utf8').split('\n')) {
      const m = /^(\S+)\s+(.*)$/.exec(line.trim());
      if (m) out[m[1]] = m[2].split(', ');
    }
    return out;
  }
  return null;
}

export class ImageNet extends ImageFolder<string[]> {
  readonly split: 'train' | 'val';
  readonly wnids: string[];
  readonly wnidToIdx: Record<string, number>;
  /** ImageNet(root, split='train', **kwargs): new ImageNet(root, 'val', { transform }) or new ImageNet({ root, split, transform }) */
  constructor(...args: ArgsWith<'torchvision.datasets.ImageNet', ImageNetOptions>) {
    const { root, split, kwargs } = bind('torchvision.datasets.ImageNet', args) as { root: unknown; split: string; kwargs: Record<string, unknown> };
    if (split !== 'train' && split !== 'val') throw new RangeError(`Unknown value '${split}' for argument split. Valid values are {'train', 'val'}.`);
    if (typeof root !== 'string') throw new TypeError(`Expected a folder path for ImageNet root but received ${typeof root}`);
    // the other keywords are ImageFolder's, checked as its own
    const folder = bind('torchvision.datasets.ImageFolder', [path.join(root, split), kwargs], { name: 'ImageNet' });
    super(...([{ ...folder, [BOUND]: true }] as unknown as ImageFolderArgs));
    const o = { root };
    this.split = split;
    this.wnids = this.classes as unknown as string[];
    this.wnidToIdx = this.classToIdx;
    const names = wnidNames(o.root);
    const classes = this.wnids.map((w) => names?.[w] ?? [w]);
    Object.defineProperty(this, 'classes', { value: classes, enumerable: true });
    Object.defineProperty(this, 'classToIdx', { value: Object.fromEntries(classes.flatMap((c, i) => c.map((n) => [n, i]))), enumerable: true });
  }
  /** <root>/<split> */
  get splitFolder(): string {
    return this.root;
  }
}
