// torchvision's ResNet family, module for module: the same names, order and initialisation, so
// stateDict() keys and shapes equal torchvision's and weights saved in Python load unchanged.
import * as torch from '../../index.js';
import { markPure, pipe } from '../../nn/module.js';
import { bind, type Args } from '../../bind.js';
import { makeLayer, type LayerFactory } from '../ops/layers.js';
import { buildWithWeights, numClassesOf, type BuilderArgs, type WeightsArg } from './weights.js';

const { nn } = torch;
type Module = torch.nn.Module;

const conv3x3 = (inPlanes: number, outPlanes: number, stride = 1, groups = 1, dilation = 1) =>
  new nn.Conv2d(inPlanes, outPlanes, 3, { stride, padding: dilation, groups, bias: false, dilation });
const conv1x1 = (inPlanes: number, outPlanes: number, stride = 1) => new nn.Conv2d(inPlanes, outPlanes, 1, { stride, bias: false });

// the blocks' norm layer: BatchNorm2d unless given, a module class or a function as torchvision takes
const normOf = (normLayer: LayerFactory | null) => (c: number) => (normLayer ? makeLayer(normLayer, 'normLayer', c) : new nn.BatchNorm2d(c));

/** ResNet's two-convolution residual block (resnet18 and resnet34), as torchvision's `BasicBlock`. */
export class BasicBlock extends nn.Module<[x: torch.Tensor], torch.Tensor> {
  static readonly expansion = 1;
  conv1: Module; bn1: Module; relu: Module; conv2: Module; bn2: Module; downsample: Module | null; stride: number;
  constructor(...args: Args<'torchvision.models.resnet.BasicBlock'>) {
    super();
    const a = bind('torchvision.models.resnet.BasicBlock', args);
    if (a.groups !== 1 || a.baseWidth !== 64) throw new RangeError('BasicBlock only supports groups=1 and base_width=64');
    if (a.dilation > 1) throw new RangeError('Dilation > 1 not supported in BasicBlock');
    const norm = normOf(a.normLayer);
    this.conv1 = conv3x3(a.inplanes, a.planes, a.stride);
    this.bn1 = norm(a.planes);
    this.relu = new nn.ReLU({ inplace: true });
    this.conv2 = conv3x3(a.planes, a.planes);
    this.bn2 = norm(a.planes);
    this.downsample = a.downsample;
    this.stride = a.stride;
  }
  forward(x: torch.Tensor): torch.Tensor {
    const identity = this.downsample ? this.downsample(x) : x;
    const out = pipe(x, this.conv1, this.bn1, this.relu, this.conv2, this.bn2).add_(identity);
    if (identity !== x) identity.dispose();
    return this.relu(out);
  }
}

/**
 * ResNet's 1x1-3x3-1x1 bottleneck residual block (resnet50 and deeper, ResNeXt, Wide ResNet), as torchvision's `Bottleneck`.
 */
export class Bottleneck extends nn.Module<[x: torch.Tensor], torch.Tensor> {
  static readonly expansion = 4;
  conv1: Module; bn1: Module; conv2: Module; bn2: Module; conv3: Module; bn3: Module; relu: Module; downsample: Module | null; stride: number;
  constructor(...args: Args<'torchvision.models.resnet.Bottleneck'>) {
    super();
    const a = bind('torchvision.models.resnet.Bottleneck', args);
    const norm = normOf(a.normLayer);
    const width = Math.trunc(a.planes * (a.baseWidth / 64)) * a.groups;
    this.conv1 = conv1x1(a.inplanes, width);
    this.bn1 = norm(width);
    this.conv2 = conv3x3(width, width, a.stride, a.groups, a.dilation);
    this.bn2 = norm(width);
    this.conv3 = conv1x1(width, a.planes * Bottleneck.expansion);
    this.bn3 = norm(a.planes * Bottleneck.expansion);
    this.relu = new nn.ReLU({ inplace: true });
    this.downsample = a.downsample;
    this.stride = a.stride;
  }
  forward(x: torch.Tensor): torch.Tensor {
    const identity = this.downsample ? this.downsample(x) : x;
    const out = pipe(x, this.conv1, this.bn1, this.relu, this.conv2, this.bn2, this.relu, this.conv3, this.bn3).add_(identity);
    if (identity !== x) identity.dispose();
    return this.relu(out);
  }
}

type Block = typeof BasicBlock | typeof Bottleneck;
/** ResNet's block parameter: `BasicBlock` or `Bottleneck`. */
export type ResNetBlock = Block;

/** The keyword arguments of `models.ResNet`. */
export interface ResNetOptions {
  numClasses?: number;
  zeroInitResidual?: boolean;
  groups?: number;
  widthPerGroup?: number;
  replaceStrideWithDilation?: [boolean, boolean, boolean] | null;
  normLayer?: LayerFactory | null;
}

/**
 * The ResNet architecture from [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385); the `resnet*` builders make it with their block counts and weights.
 *
 * PyTorch: [torchvision.models.resnet](https://docs.pytorch.org/vision/stable/models/resnet.html)
 */
export class ResNet extends nn.Module<[x: torch.Tensor], torch.Tensor> {
  private inplanes = 64;
  private dilation = 1;
  private groups: number;
  private baseWidth: number;
  private normLayer: LayerFactory | null = null;
  conv1: torch.nn.Conv2d; bn1: Module; relu: torch.nn.ReLU; maxpool: torch.nn.MaxPool2d;
  layer1: torch.nn.Sequential; layer2: torch.nn.Sequential; layer3: torch.nn.Sequential; layer4: torch.nn.Sequential;
  avgpool: torch.nn.AdaptiveAvgPool2d; fc: torch.nn.Linear;

  constructor(...args: Args<'torchvision.models.ResNet'>) {
    super();
    for (const k of ['inplanes', 'dilation', 'groups', 'baseWidth', 'normLayer']) Object.defineProperty(this, k, { enumerable: false, writable: true });
    const { block, layers, ...options } = bind('torchvision.models.ResNet', args);
    const numClasses = numClassesOf(options);
    this.normLayer = options.normLayer;
    const dilate = options.replaceStrideWithDilation ?? [false, false, false];
    if (dilate.length !== 3) throw new RangeError(`replace_stride_with_dilation should be None or a 3-element tuple, got ${JSON.stringify(dilate)}`);
    this.inplanes = 64;
    this.dilation = 1;
    this.groups = options.groups ?? 1;
    this.baseWidth = options.widthPerGroup ?? 64;
    this.conv1 = new nn.Conv2d(3, this.inplanes, 7, { stride: 2, padding: 3, bias: false });
    this.bn1 = normOf(this.normLayer)(this.inplanes);
    this.relu = new nn.ReLU({ inplace: true });
    this.maxpool = new nn.MaxPool2d(3, { stride: 2, padding: 1 });
    this.layer1 = this.makeLayer(block, 64, layers[0]);
    this.layer2 = this.makeLayer(block, 128, layers[1], 2, dilate[0]);
    this.layer3 = this.makeLayer(block, 256, layers[2], 2, dilate[1]);
    this.layer4 = this.makeLayer(block, 512, layers[3], 2, dilate[2]);
    this.avgpool = new nn.AdaptiveAvgPool2d([1, 1]);
    this.fc = new nn.Linear(512 * block.expansion, numClasses);

    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) nn.init.kaimingNormal_(m.weight, { mode: 'fan_out', nonlinearity: 'relu' });
      else if (m instanceof nn.BatchNorm2d || m instanceof nn.GroupNorm) {
        nn.init.constant_(m.weight!, 1);
        nn.init.constant_(m.bias!, 0);
      }
    }
    if (options.zeroInitResidual) {
      // each residual branch starts as zero, so each block starts as the identity
      for (const m of this.modules()) {
        if (m instanceof Bottleneck) nn.init.constant_((m.bn3 as any).weight, 0);
        else if (m instanceof BasicBlock) nn.init.constant_((m.bn2 as any).weight, 0);
      }
    }
  }

  private makeLayer(block: Block, planes: number, blocks: number, stride = 1, dilate = false): torch.nn.Sequential {
    let downsample: Module | null = null;
    const previousDilation = this.dilation;
    if (dilate) {
      this.dilation *= stride;
      stride = 1;
    }
    if (stride !== 1 || this.inplanes !== planes * block.expansion) {
      downsample = new nn.Sequential(conv1x1(this.inplanes, planes * block.expansion, stride), normOf(this.normLayer)(planes * block.expansion));
    }
    // torchvision's order: block(inplanes, planes, stride, downsample, groups, base_width, dilation, norm_layer)
    const layers: Module[] = [new block(this.inplanes, planes, stride, downsample, this.groups, this.baseWidth, previousDilation, this.normLayer)];
    this.inplanes = planes * block.expansion;
    for (let i = 1; i < blocks; i++) {
      layers.push(new block(this.inplanes, planes, { groups: this.groups, baseWidth: this.baseWidth, dilation: this.dilation, normLayer: this.normLayer }));
    }
    return new nn.Sequential(...layers);
  }

  forward(x: torch.Tensor): torch.Tensor {
    // intermediates are freed as soon as they are consumed, as Python's refcounting does
    return pipe(x, this.conv1, this.bn1, this.relu, this.maxpool, this.layer1, this.layer2, this.layer3, this.layer4, this.avgpool,
      (t) => torch.flatten(t, 1), this.fc);
  }
}
markPure(BasicBlock, Bottleneck, ResNet);

/** The keyword arguments of `models.resnet18` and the other ResNet builders. */
export type ResNetBuilderOptions = ResNetOptions & WeightsArg;
const RESNET_OPTIONS = ['numClasses', 'zeroInitResidual', 'groups', 'widthPerGroup', 'replaceStrideWithDilation', 'normLayer'];
const builder = (name: string, block: Block, layers: number[], extra: ResNetOptions = {}) =>
  (...args: BuilderArgs<ResNetOptions>) => buildWithWeights(name, args, RESNET_OPTIONS, (o: ResNetOptions) => new ResNet(block, layers, { ...extra, ...o }));

export const resnet18 = builder('resnet18', BasicBlock, [2, 2, 2, 2]);
export const resnet34 = builder('resnet34', BasicBlock, [3, 4, 6, 3]);
export const resnet50 = builder('resnet50', Bottleneck, [3, 4, 6, 3]);
export const resnet101 = builder('resnet101', Bottleneck, [3, 4, 23, 3]);
export const resnet152 = builder('resnet152', Bottleneck, [3, 8, 36, 3]);
export const resnext50_32x4d = builder('resnext50_32x4d', Bottleneck, [3, 4, 6, 3], { groups: 32, widthPerGroup: 4 });
export const wide_resnet50_2 = builder('wide_resnet50_2', Bottleneck, [3, 4, 6, 3], { widthPerGroup: 128 });
export const resnext101_32x8d = builder('resnext101_32x8d', Bottleneck, [3, 4, 23, 3], { groups: 32, widthPerGroup: 8 });
export const resnext101_64x4d = builder('resnext101_64x4d', Bottleneck, [3, 4, 23, 3], { groups: 64, widthPerGroup: 4 });
export const wide_resnet101_2 = builder('wide_resnet101_2', Bottleneck, [3, 4, 23, 3], { widthPerGroup: 128 });
export { resnext50_32x4d as resnext50_32x4D, wide_resnet50_2 as wideResnet50_2, resnext101_32x8d as resnext101_32x8D, resnext101_64x4d as resnext101_64x4D, wide_resnet101_2 as wideResnet101_2 };
