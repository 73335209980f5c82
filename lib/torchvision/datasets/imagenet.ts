// ImageNet: an ImageFolder over the standard <root>/train/<wnid>/*.JPEG and <root>/val/<wnid>/*
// layout. Class names come from torchvision's meta.bin when present (made by torchvision from the
// devkit), else from Kaggle's LOC_synset_mapping.txt, else the wnids themselves. Unlike
// torchvision, the archives are not unpacked here: val/ must already be sorted into wnid folders.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as torch from '../../index.js';
import { ImageFolder, type ImageFolderOptions } from './folder.js';

export interface ImageNetOptions extends ImageFolderOptions {
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
  /** new ImageNet({ root, split: 'val', transform }) or new ImageNet(root, { split }) */
  constructor(root: string | ImageNetOptions, options: ImageNetOptions = {}) {
    const o = typeof root === 'object' && root !== null ? root : { ...options, root };
    const split = o.split ?? 'train';
    if (split !== 'train' && split !== 'val') throw new RangeError(`Unknown value '${split}' for argument split. Valid values are {'train', 'val'}.`);
    if (typeof o.root !== 'string') throw new TypeError(`Expected a folder path for ImageNet root but received ${typeof o.root}`);
    super(path.join(o.root, split), o);
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
