// Pretrained weights as torchvision describes them (generated/weights.ts, read from torchvision):
// each entry knows its file, its preprocessing (transforms()) and its categories. Files go to
// torch.hub's cache (shared with PyTorch) and are checked against the hash in their name.
// Downloads are asynchronous in JS: `await weights.download()` once, then builders load
// synchronously from the cache.
import { bind, unexpectedKeyword, type ArgsWith } from '../../bind.js';
import { camel, snake } from '../../names.js';
import { pyValue } from '../../nn/repr.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as torch from '../../index.js';
import { badArg } from '../../errors.js';
import { TransformBase, Resize, CenterCrop, Normalize, ConvertImageDtype, PILToTensor, type NativeOp } from '../transforms/index.js';
import * as F from '../transforms/functional.js';
import { Image } from '../image.js';
import { IMAGENET_CATEGORIES, MODEL_WEIGHTS, WEIGHTS_TABLE } from './generated/weights.js';

const hub = torch.hub;

export interface ImageClassificationOptions {
  resizeSize?: number;
  mean?: number[];
  std?: number[];
  interpolation?: F.InterpolationMode;
  antialias?: boolean;
}

/** torchvision's ImageClassification preset: resize, centre crop, to float in [0, 1], normalize. */
export class ImageClassification extends TransformBase {
  readonly cropSize: number;
  readonly resizeSize: number;
  readonly mean: number[];
  readonly std: number[];
  readonly interpolation: F.InterpolationMode;
  readonly antialias: boolean;
  constructor(options: ImageClassificationOptions & { cropSize: number }) {
    super();
    this.cropSize = options.cropSize;
    this.resizeSize = options.resizeSize ?? 256;
    this.mean = options.mean ?? [0.485, 0.456, 0.406];
    this.std = options.std ?? [0.229, 0.224, 0.225];
    this.interpolation = options.interpolation ?? 'bilinear';
    this.antialias = options.antialias ?? true;
  }
  /** The preset as the transforms it is made of (torchvision's own steps). */
  private steps(): { resize: Resize; crop: CenterCrop; normalize: Normalize } {
    return { resize: new Resize(this.resizeSize, { interpolation: this.interpolation, antialias: this.antialias }), crop: new CenterCrop(this.cropSize),
      normalize: new Normalize(this.mean, this.std) };
  }
  forward(img: Image | torch.Tensor): torch.Tensor {
    const { resize, crop, normalize } = this.steps();
    const x = crop(resize(img));
    return normalize(new ConvertImageDtype(torch.float32)(x instanceof Image ? new PILToTensor()(x) : x));
  }
  _native(): NativeOp[] {
    const { resize, crop, normalize } = this.steps();
    return [...resize._native(), ...crop._native(), { kind: 'toTensor' }, ...normalize._native()];
  }
  toString(): string {
    return `ImageClassification(\n    crop_size=[${this.cropSize}]\n    resize_size=[${this.resizeSize}]\n    mean=[${this.mean.join(', ')}]\n    std=[${this.std.join(', ')}]\n    interpolation=InterpolationMode.${this.interpolation.toUpperCase()}\n)`;
  }
}

/**
 * A weights entry's metadata, as torchvision's `Weights.meta`: categories, number of parameters, the recipe and its ImageNet accuracy.
 */
export interface WeightsMeta {
  categories: string[] | null;
  numParams: number;
  minSize: number[];
  recipe: string;
  metrics: Record<string, Record<string, number>>;
}

interface TableEntry {
  url: string;
  transforms: { cropSize: number; resizeSize: number; mean: readonly number[]; std: readonly number[]; interpolation: string };
  imagenetCategories: boolean;
  meta: { numParams: number; minSize: readonly number[]; recipe: string; metrics: unknown };
}

export class Weights {
  readonly meta: WeightsMeta;
  constructor(
    readonly enumName: string,
    readonly name: string,
    readonly url: string,
    private readonly preset: ImageClassificationOptions & { cropSize: number },
    meta: Partial<WeightsMeta> & { numParams: number },
  ) {
    this.meta = { categories: null, minSize: [1, 1], recipe: '', metrics: {}, ...meta };
  }
  /** The preprocessing these weights were trained with. */
  transforms(): ImageClassification {
    return new ImageClassification(this.preset);
  }
  get filename(): string {
    return path.basename(new URL(this.url).pathname);
  }
  /** Where the file is cached (torch.hub's checkpoints folder). */
  get path(): string {
    return hub.cachedFile(this.url);
  }
  /** Fetches the file once into the cache, checked against the hash in its name. */
  async download(): Promise<string> {
    await hub.downloadUrlToFile(this.url, this.path, hub.hashPrefixOf(this.filename));
    return this.path;
  }
  /** The state dict, from the cache; `await download()` first. */
  getStateDict(): Record<string, torch.Tensor> {
    if (!existsSync(this.path)) {
      throw new Error(`${this} is not downloaded yet: \`await ${this}.download()\` first (downloads are asynchronous in JS); ` +
        `it is stored in ${path.dirname(this.path)}, shared with PyTorch`);
    }
    return torch.load(this.path);
  }
  toString(): string {
    return `${this.enumName}.${this.name}`;
  }
}

function fromTable(enumName: string, name: string, e: TableEntry): Weights {
  const t = e.transforms;
  return new Weights(enumName, name, e.url, { cropSize: t.cropSize, resizeSize: t.resizeSize, mean: [...t.mean], std: [...t.std], interpolation: t.interpolation as F.InterpolationMode },
    { categories: e.imagenetCategories ? IMAGENET_CATEGORIES : null, numParams: e.meta.numParams, minSize: [...e.meta.minSize], recipe: e.meta.recipe, metrics: e.meta.metrics as any });
}

export type WeightsEnum = Record<string, Weights> & { DEFAULT: Weights };

const ENUMS = new Map<string, WeightsEnum>();
/** One torchvision weights enum by its name, such as 'ResNet50_Weights': its entries and DEFAULT. */
export function weightsEnum(enumName: string): WeightsEnum {
  if (!(enumName in WEIGHTS_TABLE)) throw new RangeError(`Unknown weights enum ${enumName}`);
  const cached = ENUMS.get(enumName);
  if (cached) return cached;
  const spec = WEIGHTS_TABLE[enumName as keyof typeof WEIGHTS_TABLE];
  const out: Record<string, Weights> = {};
  for (const [name, e] of Object.entries(spec.entries)) out[name] = fromTable(enumName, name, e as TableEntry);
  Object.defineProperty(out, 'DEFAULT', { value: out[spec.default], enumerable: false });
  const e = Object.freeze(out) as WeightsEnum;
  ENUMS.set(enumName, e);
  return e;
}

export function modelWeights(model: string): WeightsEnum {
  const enumName = MODEL_WEIGHTS[model];
  if (!enumName) throw new RangeError(`Unknown model ${model}`);
  return weightsEnum(enumName);
}

/**
 * The keyword arguments every model builder shares: `weights` (an enum member, its name, 'DEFAULT' or null) and `progress`.
 */
export interface WeightsArg {
  /**
   * torchvision weights (an entry such as ResNet50_Weights.IMAGENET1K_V2, its name 'IMAGENET1K_V2',
   * 'DEFAULT', or 'ResNet50_Weights.IMAGENET1K_V2'), or the path of a state dict saved by torch.save.
   */
  weights?: Weights | string | null;
  progress?: boolean;
  /** Deprecated in torchvision, still accepted: true means the model's IMAGENET1K_V1 weights, as in torchvision. */
  pretrained?: boolean;
}

function resolve(model: string, weights: Weights | string): Weights | string {
  if (weights instanceof Weights) return weights;
  if (typeof weights !== 'string') return badArg('a Weights entry, a weights name or a .pth path', 'weights', weights);
  const e = modelWeights(model);
  const name = weights.includes('.') && !weights.includes('/') && weights.startsWith(MODEL_WEIGHTS[model] + '.') ? weights.split('.')[1] : weights;
  if (name === 'DEFAULT') return e.DEFAULT;
  if (e[name]) return e[name];
  if (/[/\\]|\.pth?$|\.pt$/.test(weights)) return weights; // a file saved by torch.save
  throw new RangeError(`Unknown weights ${weights} for ${model}: expected one of ${Object.keys(e).join(', ')}, DEFAULT, or the path of a .pth file`);
}

/**
 * What `pretrained` stands for, as torchvision's handle_legacy_interface reads it: true is the model's first
 * published weights (IMAGENET1K_V1, not DEFAULT: resnet50's V1 and V2 need different preprocessing),
 * false none; with its two deprecation warnings. Beside `weights`, torchvision's builder hands it on to
 * the model, which refuses it.
 */
function legacyWeights(model: string, args: readonly unknown[], pretrained: unknown): Weights | null {
  const options = args[args.length - 1];
  if (options !== null && typeof options === 'object' && 'weights' in options) unexpectedKeyword(camel(model), 'pretrained', ['weights', 'progress']);
  if (typeof pretrained !== 'boolean') badArg('a boolean', 'pretrained', pretrained);
  process.emitWarning("The parameter 'pretrained' is deprecated since 0.13 and may be removed in the future, please use 'weights' instead.", 'UserWarning');
  const enumName = MODEL_WEIGHTS[model];
  // every classification builder of torchvision names IMAGENET1K_V1 here; the two without one name None
  const weights = pretrained ? modelWeights(model).IMAGENET1K_V1 ?? null : null;
  if (pretrained && !weights) throw new RangeError(`No weights available for model ${model}`);
  process.emitWarning("Arguments other than a weight enum or `None` for 'weights' are deprecated since 0.13 and may be removed in the future. "
    + `The current behavior is equivalent to passing \`weights=${weights ? `${enumName}.IMAGENET1K_V1` : 'None'}\`.`
    + (weights ? ` You can also use \`weights=${enumName}.DEFAULT\` to get the most up-to-date weights.` : ''), 'UserWarning');
  return weights;
}

/** A builder's arguments, as torchvision's: weights and progress by keyword, the model's own options after them. */
export type BuilderArgs<O> = ArgsWith<'torchvision.models.resnet18', O & { pretrained?: boolean }>;

/**
 * torchvision's builders (resnet18(*, weights=None, progress=True, **kwargs)): the arguments bound
 * as Python binds them, the **kwargs checked against the model's own options (`optionNames`);
 * `make` learns whether weights load over the model and whether they are torchvision's published ones
 * (whose builder may set options: Inception's transformInput); `fromWeightsFile` renames keys of
 * those files where torchvision's builder does (DenseNet).
 */
export function buildWithWeights<M extends torch.nn.Module, O extends { numClasses?: number }>(model: string, args: readonly unknown[], optionNames: readonly string[],
  make: (o: O, loadsWeights: boolean, published: boolean) => M, fromWeightsFile: (sd: Record<string, torch.Tensor>) => Record<string, torch.Tensor> = (sd) => sd,
  setByWeights: Readonly<Record<string, (w: Weights) => unknown>> = {}): M {
  const bound = bind(`torchvision.models.${camel(model)}` as 'torchvision.models.resnet18', args, { name: camel(model) }) as { weights?: Weights | string | null; progress?: boolean; kwargs: Record<string, unknown> };
  const { pretrained, ...rest } = bound.kwargs;
  for (const k of Object.keys(rest)) if (!optionNames.includes(k)) unexpectedKeyword(camel(model), k, [...optionNames, 'weights', 'progress']);
  const weights = pretrained === undefined ? bound.weights ?? null : legacyWeights(model, args, pretrained);
  if (weights === null) return make(rest as O, false, false);
  // then the weights are loaded over the model, numClasses following them, as torchvision's builders do
  const w = resolve(model, weights);
  if (typeof w === 'string') {
    const net = make(rest as unknown as O, true, false);
    net.loadStateDict(torch.load(w));
    return net;
  }
  if (w.meta.categories) overwriteNamedParam(rest, 'numClasses', w.meta.categories.length);
  // other options the weights fix (ViT's image size)
  for (const [option, of] of Object.entries(setByWeights)) overwriteNamedParam(rest, option, of(w));
  const net = make(rest as unknown as O, true, true);
  net.loadStateDict(fromWeightsFile(w.getStateDict()));
  return net;
}

/** torchvision's _ovewrite_named_param: an option the weights fix, refused when given with another value. */
export function overwriteNamedParam<O extends object, K extends keyof O & string>(options: O, name: K, value: O[K]): void {
  const given = options[name];
  if (given !== undefined && given !== value) throw new RangeError(`The parameter '${snake(name)}' expected value ${pyValue(value)} but got ${pyValue(given)} instead.`);
  options[name] = value;
}

/** A model's numClasses option: 1000 unless given, a positive integer. */
export function numClassesOf(options: { numClasses?: number }): number {
  const numClasses = options.numClasses ?? 1000;
  if (!Number.isInteger(numClasses) || numClasses <= 0) badArg('a positive integer', 'numClasses', numClasses);
  return numClasses;
}
