// torchvision's ConvNeXt (tiny, small, base, large), module for module: a patchify stem, CNBlocks (depthwise
// 7×7, LayerNorm over channels, an inverted MLP, a learned layer scale, stochastic depth) and LayerNorm2d
// downsampling, with torchvision's names so stateDict() keys equal torchvision's.
import * as torch from '../../index.js';
import { markPure, pipe } from '../../nn/module.js';
import { bind, type Args } from '../../bind.js';
import { buildWithWeights, numClassesOf, type BuilderArgs } from './weights.js';
import { Conv2dNormActivation, Permute, makeLayer, type LayerFactory } from '../ops/layers.js';
import { StochasticDepth } from '../ops/dropout.js';

const { nn } = torch;
const F = torch.nn.functional;
type Tensor = torch.Tensor;
type Module = torch.nn.Module;

/** LayerNorm over the channels of an NCHW tensor (the channels moved last and back), as torchvision's convnext `LayerNorm2d`. */
export class LayerNorm2d extends nn.LayerNorm {
  forward(x: Tensor): Tensor {
    return pipe(x, (t) => t.permute(0, 2, 3, 1), (t) => F.layerNorm(t, this.normalizedShape, this.weight, this.bias, this.eps), (t) => t.permute(0, 3, 1, 2));
  }
}

/** ConvNeXt's block: depthwise 7×7, LayerNorm, Linear 4×, GELU, Linear back, scaled by layer_scale, with stochastic depth, as torchvision's `CNBlock`. */
export class CNBlock extends nn.Module<[input: Tensor], Tensor> {
  block: torch.nn.Sequential;
  layer_scale: torch.nn.Parameter;
  stochastic_depth: Module;
  constructor(...args: Args<'torchvision.models.convnext.CNBlock'>) {
    super();
    const { dim, layerScale, stochasticDepthProb, normLayer } = bind('torchvision.models.convnext.CNBlock', args);
    this.block = new nn.Sequential(
      new nn.Conv2d(dim, dim, { kernelSize: 7, padding: 3, groups: dim, bias: true }),
      new Permute([0, 2, 3, 1]),
      normLayer ? makeLayer(normLayer, 'normLayer', dim) : new nn.LayerNorm(dim, { eps: 1e-6 }),
      new nn.Linear(dim, 4 * dim, { bias: true }),
      new nn.GELU(),
      new nn.Linear(4 * dim, dim, { bias: true }),
      new Permute([0, 3, 1, 2]),
    );
    this.layer_scale = new nn.Parameter(torch.ones(dim, 1, 1).mul(layerScale));
    this.stochastic_depth = new StochasticDepth(stochasticDepthProb, 'row');
  }
  forward(input: Tensor): Tensor {
    const result = pipe(input, this.block, (t) => this.layer_scale.mul(t), this.stochastic_depth);
    return result.add_(input);
  }
}

/** One ConvNeXt stage: its channels, the channels it downsamples to (null for the last) and its block count, as torchvision's `CNBlockConfig`. */
export class CNBlockConfig {
  readonly inputChannels: number;
  readonly outChannels: number | null;
  readonly numLayers: number;
  constructor(...args: Args<'torchvision.models.convnext.CNBlockConfig'>) {
    const a = bind('torchvision.models.convnext.CNBlockConfig', args);
    this.inputChannels = a.inputChannels;
    this.outChannels = a.outChannels;
    this.numLayers = a.numLayers;
  }
  toString(): string {
    return `CNBlockConfig(input_channels=${this.inputChannels}, out_channels=${this.outChannels ?? 'None'}, num_layers=${this.numLayers})`;
  }
}

/** The keyword arguments of `models.ConvNeXt` and the `convnext_*` builders. */
export interface ConvNeXtOptions {
  numClasses?: number;
  stochasticDepthProb?: number;
  layerScale?: number;
  /** CNBlock by default, called as block(channels, layerScale, stochasticDepthProb) */
  block?: LayerFactory | null;
  /** LayerNorm2d with eps 1e-6 by default */
  normLayer?: LayerFactory | null;
}

/**
 * ConvNeXt from [A ConvNet for the 2020s](https://arxiv.org/abs/2201.03545); the `convnext_*` builders make it.
 *
 * PyTorch: [torchvision.models.convnext](https://docs.pytorch.org/vision/stable/models/convnext.html)
 */
export class ConvNeXt extends nn.Module<[x: Tensor], Tensor> {
  features: torch.nn.Sequential;
  avgpool: torch.nn.AdaptiveAvgPool2d;
  classifier: torch.nn.Sequential;
  constructor(...args: Args<'torchvision.models.ConvNeXt'>) {
    super();
    const { blockSetting, ...options } = bind('torchvision.models.ConvNeXt', args);
    if (!Array.isArray(blockSetting) || blockSetting.length === 0) throw new RangeError('The block_setting should not be empty');
    if (!blockSetting.every((s) => s instanceof CNBlockConfig)) throw new TypeError('The block_setting should be List[CNBlockConfig]');
    const numClasses = numClassesOf(options);
    const block = options.block ?? CNBlock;
    const normLayer: LayerFactory = options.normLayer ?? ((c: number) => new LayerNorm2d(c, { eps: 1e-6 }));
    const layers: Module[] = [new Conv2dNormActivation(3, blockSetting[0].inputChannels, { kernelSize: 4, stride: 4, padding: 0, normLayer, activationLayer: null, bias: true })];
    const total = blockSetting.reduce((n, c) => n + c.numLayers, 0);
    // Python's 0 / 0.0 below is a ZeroDivisionError; JS's NaN would build StochasticDepth(p=NaN)
    if (total === 1) throw new RangeError('float division by zero');
    let blockId = 0;
    for (const cnf of blockSetting) {
      const stage: Module[] = [];
      for (let i = 0; i < cnf.numLayers; i++) {
        // the stochastic depth probability grows linearly with the block's depth
        stage.push(makeLayer(block, 'block', cnf.inputChannels, options.layerScale, (options.stochasticDepthProb * blockId) / (total - 1.0)));
        blockId++;
      }
      layers.push(new nn.Sequential(...stage));
      if (cnf.outChannels !== null) {
        layers.push(new nn.Sequential(makeLayer(normLayer, 'normLayer', cnf.inputChannels), new nn.Conv2d(cnf.inputChannels, cnf.outChannels, { kernelSize: 2, stride: 2 })));
      }
    }
    this.features = new nn.Sequential(...layers);
    this.avgpool = new nn.AdaptiveAvgPool2d(1);
    const last = blockSetting[blockSetting.length - 1];
    const lastChannels = last.outChannels ?? last.inputChannels;
    this.classifier = new nn.Sequential(makeLayer(normLayer, 'normLayer', lastChannels), new nn.Flatten(1), new nn.Linear(lastChannels, numClasses));
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d || m instanceof nn.Linear) {
        nn.init.truncNormal_(m.weight, { std: 0.02 });
        if (m.bias) nn.init.zeros_(m.bias);
      }
    }
  }
  forward(x: Tensor): Tensor {
    return pipe(x, this.features, this.avgpool, this.classifier);
  }
}
markPure(LayerNorm2d, CNBlock, ConvNeXt);

type Stage = [inputChannels: number, outChannels: number | null, numLayers: number];
const builder = (name: string, stages: Stage[], stochasticDepthProb: number) => (...args: BuilderArgs<ConvNeXtOptions>) =>
  buildWithWeights(name, args, ['numClasses', 'stochasticDepthProb', 'layerScale', 'block', 'normLayer'],
    (o: ConvNeXtOptions) => new ConvNeXt(stages.map((s) => new CNBlockConfig(...s)), { ...o, stochasticDepthProb: o.stochasticDepthProb ?? stochasticDepthProb }));

export const convnext_tiny = builder('convnext_tiny', [[96, 192, 3], [192, 384, 3], [384, 768, 9], [768, null, 3]], 0.1);
export const convnext_small = builder('convnext_small', [[96, 192, 3], [192, 384, 3], [384, 768, 27], [768, null, 3]], 0.4);
export const convnext_base = builder('convnext_base', [[128, 256, 3], [256, 512, 3], [512, 1024, 27], [1024, null, 3]], 0.5);
export const convnext_large = builder('convnext_large', [[192, 384, 3], [384, 768, 3], [768, 1536, 27], [1536, null, 3]], 0.5);
export { convnext_tiny as convnextTiny, convnext_small as convnextSmall, convnext_base as convnextBase, convnext_large as convnextLarge };
