// torchvision's Vision Transformer (ViT-B/16, B/32, L/16, L/32, H/14), module for module: a patchify
// convolution (or a convolutional stem), a class token, learned position embeddings, pre-norm encoder
// blocks of MultiheadAttention and an MLP, and a head on the class token, with torchvision's names so
// that stateDict() keys equal torchvision's.
import * as torch from '../../index.js';
import { markPure, pipe } from '../../nn/module.js';
import { bind, type Args } from '../../bind.js';
import { badArg } from '../../errors.js';
import { sizeRepr } from '../../nn/repr.js';
import { buildWithWeights, numClassesOf, type BuilderArgs } from './weights.js';
import { Conv2dNormActivation, MLP, makeLayer, type LayerFactory } from '../ops/layers.js';

const { nn } = torch;
type Tensor = torch.Tensor;
type Module = torch.nn.Module;

/** torchvision's default norm_layer, `partial(nn.LayerNorm, eps=1e-6)` */
const layerNorm: LayerFactory = (dim: number) => new nn.LayerNorm(dim, { eps: 1e-6 });

/** torch._assert's failure: Python's AssertionError, a RangeError here (docs/porting.md) */
function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}
/** The encoder's and its blocks' input: a batch of token sequences. */
const checkTokens = (input: Tensor) => check(input.dim() === 3, `Expected (batch_size, seq_length, hidden_dim) got ${sizeRepr(input.shape)}`);

/** One layer of a convolutional stem (arXiv 2106.14881): a Conv2dNormActivation's settings, as torchvision's `ConvStemConfig`. */
export class ConvStemConfig {
  readonly outChannels: number;
  readonly kernelSize: number;
  readonly stride: number;
  readonly normLayer: LayerFactory;
  readonly activationLayer: LayerFactory;
  constructor(...args: Args<'torchvision.models.visionTransformer.ConvStemConfig'>) {
    const a = bind('torchvision.models.visionTransformer.ConvStemConfig', args);
    this.outChannels = a.outChannels;
    this.kernelSize = a.kernelSize;
    this.stride = a.stride;
    this.normLayer = a.normLayer ?? nn.BatchNorm2d;
    this.activationLayer = a.activationLayer ?? nn.ReLU;
  }
  toString(): string {
    // a class by its name, as Python prints one (without its module); a function as <function name>
    const name = (f: LayerFactory) => (/^class\b/.test(Function.prototype.toString.call(f)) ? `<class '${f.name}'>` : `<function ${f.name || '<lambda>'}>`);
    return `ConvStemConfig(out_channels=${this.outChannels}, kernel_size=${this.kernelSize}, stride=${this.stride}, norm_layer=${name(this.normLayer)}, activation_layer=${name(this.activationLayer)})`;
  }
}

/** The encoder block's MLP: Linear, GELU, Dropout, Linear, Dropout (a torchvision.ops.MLP), as torchvision's `MLPBlock`. */
export class MLPBlock extends MLP {
  constructor(...args: Args<'torchvision.models.visionTransformer.MLPBlock'>) {
    const { inDim, mlpDim, dropout } = bind('torchvision.models.visionTransformer.MLPBlock', args);
    super(inDim, [mlpDim, inDim], { activationLayer: nn.GELU, inplace: null, dropout });
    for (const m of this.modules()) {
      if (m instanceof nn.Linear) {
        nn.init.xavierUniform_(m.weight);
        if (m.bias) nn.init.normal_(m.bias, { std: 1e-6 });
      }
    }
  }
  /**
   * torchvision's own ViT weight files predate MLPBlock's move onto MLP (vision#6053) and name its
   * Linears linear_1 and linear_2; MLPBlock's _load_from_state_dict renames them, as this does.
   */
  checkpointKeysRenamed(): Readonly<Record<string, string>> {
    return { 'linear_1.weight': '0.weight', 'linear_1.bias': '0.bias', 'linear_2.weight': '3.weight', 'linear_2.bias': '3.bias' };
  }
}

/** A pre-norm Transformer encoder block: LayerNorm, self-attention, Dropout and a residual, then LayerNorm, MLPBlock and a residual, as torchvision's `EncoderBlock`. */
export class EncoderBlock extends nn.Module<[input: Tensor], Tensor> {
  numHeads: number;
  ln_1: Module;
  self_attention: torch.nn.MultiheadAttention;
  dropout: torch.nn.Dropout;
  ln_2: Module;
  mlp: MLPBlock;
  constructor(...args: Args<'torchvision.models.visionTransformer.EncoderBlock'>) {
    super();
    const a = bind('torchvision.models.visionTransformer.EncoderBlock', args);
    const normLayer = a.normLayer ?? layerNorm;
    this.numHeads = a.numHeads;
    this.ln_1 = makeLayer(normLayer, 'normLayer', a.hiddenDim);
    this.self_attention = new nn.MultiheadAttention(a.hiddenDim, a.numHeads, { dropout: a.attentionDropout, batchFirst: true });
    this.dropout = new nn.Dropout(a.dropout);
    this.ln_2 = makeLayer(normLayer, 'normLayer', a.hiddenDim);
    this.mlp = new MLPBlock(a.hiddenDim, a.mlpDim, a.dropout);
  }
  forward(input: Tensor): Tensor {
    checkTokens(input);
    const x = this.ln_1(input);
    const [attended] = this.self_attention(x, x, x, { needWeights: false });
    const h = this.dropout(attended).add(input);
    return h.add(pipe(h, this.ln_2, this.mlp));
  }
}

/** The encoder: position embeddings added, Dropout, the blocks (encoder_layer_0, …) and a final LayerNorm, as torchvision's `Encoder`. */
export class Encoder extends nn.Module<[input: Tensor], Tensor> {
  pos_embedding: torch.nn.Parameter;
  dropout: torch.nn.Dropout;
  layers: torch.nn.Sequential;
  ln: Module;
  constructor(...args: Args<'torchvision.models.visionTransformer.Encoder'>) {
    super();
    const a = bind('torchvision.models.visionTransformer.Encoder', args);
    const normLayer = a.normLayer ?? layerNorm;
    // batch first, as the blocks' MultiheadAttention is; initialised as BERT's
    this.pos_embedding = new nn.Parameter(torch.empty(1, a.seqLength, a.hiddenDim).normal_({ std: 0.02 }));
    this.dropout = new nn.Dropout(a.dropout);
    const layers: Record<string, Module> = {};
    for (let i = 0; i < a.numLayers; i++) {
      layers[`encoder_layer_${i}`] = new EncoderBlock(a.numHeads, a.hiddenDim, a.mlpDim, a.dropout, a.attentionDropout, normLayer);
    }
    this.layers = new nn.Sequential(layers);
    this.ln = makeLayer(normLayer, 'normLayer', a.hiddenDim);
  }
  forward(input: Tensor): Tensor {
    checkTokens(input);
    return pipe(input.add(this.pos_embedding), this.dropout, this.layers, this.ln);
  }
}

/** The keyword arguments of `models.VisionTransformer` (beyond its six sizes) and the `vit_*` builders. */
export interface VisionTransformerOptions {
  /** the input's height and width: 224 by default in the builders, the weights' own size with weights */
  imageSize?: number;
  dropout?: number;
  attentionDropout?: number;
  numClasses?: number;
  /** a Linear and Tanh of this size before the head (ViT's pre-logits), none by default */
  representationSize?: number | null;
  /** LayerNorm with eps 1e-6 by default */
  normLayer?: LayerFactory;
  /** a convolutional stem instead of the patchify convolution */
  convStemConfigs?: ConvStemConfig[] | null;
}

/**
 * Vision Transformer from [An Image is Worth 16x16 Words](https://arxiv.org/abs/2010.11929); the
 * `vit_*` builders make it. It takes images of exactly `imageSize` pixels square.
 *
 * PyTorch: [torchvision.models.vision_transformer](https://docs.pytorch.org/vision/stable/models/vision_transformer.html)
 */
export class VisionTransformer extends nn.Module<[x: Tensor], Tensor> {
  imageSize: number;
  patchSize: number;
  hiddenDim: number;
  mlpDim: number;
  attentionDropout: number;
  dropout: number;
  numClasses: number;
  representationSize: number | null;
  normLayer: LayerFactory;
  seqLength: number;
  conv_proj: Module;
  class_token: torch.nn.Parameter;
  encoder: Encoder;
  heads: torch.nn.Sequential;
  constructor(...args: Args<'torchvision.models.VisionTransformer'>) {
    super();
    const a = bind('torchvision.models.VisionTransformer', args);
    check(a.imageSize % a.patchSize === 0, 'Input shape indivisible by patch size!');
    this.imageSize = a.imageSize;
    this.patchSize = a.patchSize;
    this.hiddenDim = a.hiddenDim;
    this.mlpDim = a.mlpDim;
    this.attentionDropout = a.attentionDropout;
    this.dropout = a.dropout;
    this.numClasses = numClassesOf(a);
    this.representationSize = a.representationSize ?? null;
    this.normLayer = a.normLayer ?? layerNorm;
    const stem = a.convStemConfigs ?? null;
    let convLast: torch.nn.Conv2d | null = null;
    if (stem !== null) {
      if (!Array.isArray(stem) || !stem.every((c) => c instanceof ConvStemConfig)) badArg('an array of ConvStemConfig', 'convStemConfigs', stem);
      const seqProj = new nn.Sequential();
      let prevChannels = 3;
      stem.forEach((cnf, i) => {
        seqProj.addModule(`conv_bn_relu_${i}`, new Conv2dNormActivation(prevChannels, cnf.outChannels, {
          kernelSize: cnf.kernelSize, stride: cnf.stride, normLayer: cnf.normLayer, activationLayer: cnf.activationLayer }));
        prevChannels = cnf.outChannels;
      });
      convLast = new nn.Conv2d(prevChannels, a.hiddenDim, { kernelSize: 1 });
      seqProj.addModule('conv_last', convLast);
      this.conv_proj = seqProj;
    } else {
      this.conv_proj = new nn.Conv2d(3, a.hiddenDim, { kernelSize: a.patchSize, stride: a.patchSize });
    }
    this.class_token = new nn.Parameter(torch.zeros(1, 1, a.hiddenDim));
    this.seqLength = Math.floor(a.imageSize / a.patchSize) ** 2 + 1;
    this.encoder = new Encoder(this.seqLength, a.numLayers, a.numHeads, a.hiddenDim, a.mlpDim, a.dropout, a.attentionDropout, this.normLayer);
    const preLogits = this.representationSize === null ? null : new nn.Linear(a.hiddenDim, this.representationSize);
    const head = new nn.Linear(this.representationSize ?? a.hiddenDim, this.numClasses);
    this.heads = new nn.Sequential(preLogits ? { pre_logits: preLogits, act: new nn.Tanh(), head } : { head });

    if (this.conv_proj instanceof nn.Conv2d) {
      // the patchify stem: LeCun-style truncated normal over its fan-in
      const [kh, kw] = this.conv_proj.kernelSize;
      nn.init.truncNormal_(this.conv_proj.weight, { std: Math.sqrt(1 / (this.conv_proj.inChannels * kh * kw)) });
      if (this.conv_proj.bias) nn.init.zeros_(this.conv_proj.bias);
    } else if (convLast) {
      nn.init.normal_(convLast.weight, { mean: 0, std: Math.sqrt(2 / convLast.outChannels) });
      if (convLast.bias) nn.init.zeros_(convLast.bias);
    }
    if (preLogits) {
      nn.init.truncNormal_(preLogits.weight, { std: Math.sqrt(1 / preLogits.inFeatures) });
      nn.init.zeros_(preLogits.bias!);
    }
    nn.init.zeros_(head.weight);
    nn.init.zeros_(head.bias!);
  }
  /** (n, 3, h, w) images to (n, patches, hiddenDim) tokens, as torchvision's `_process_input`. */
  _processInput(x: Tensor): Tensor {
    const [n, , h, w] = x.shape;
    const p = this.patchSize;
    check(h === this.imageSize, `Wrong image height! Expected ${this.imageSize} but got ${h}!`);
    check(w === this.imageSize, `Wrong image width! Expected ${this.imageSize} but got ${w}!`);
    const nH = Math.floor(h / p), nW = Math.floor(w / p);
    return this.conv_proj(x).reshape(n, this.hiddenDim, nH * nW).permute(0, 2, 1);
  }
  forward(x: Tensor): Tensor {
    const tokens = this._processInput(x);
    const batchClassToken = this.class_token.expand(tokens.shape[0], -1, -1);
    const encoded = this.encoder(torch.cat([batchClassToken, tokens], 1));
    // the class token's output, as language models' classifier token
    return this.heads(encoded.select(1, 0));
  }
}
markPure(MLPBlock, EncoderBlock, Encoder, VisionTransformer);

const OPTION_NAMES = ['imageSize', 'dropout', 'attentionDropout', 'numClasses', 'representationSize', 'normLayer', 'convStemConfigs'];
const builder = (name: string, patchSize: number, numLayers: number, numHeads: number, hiddenDim: number, mlpDim: number) =>
  (...args: BuilderArgs<VisionTransformerOptions>) =>
    buildWithWeights(name, args, OPTION_NAMES,
      ({ imageSize, ...o }: VisionTransformerOptions) => new VisionTransformer(imageSize ?? 224, patchSize, numLayers, numHeads, hiddenDim, mlpDim, o),
      undefined, { imageSize: (w) => w.meta.minSize[0] });

export const vit_b_16 = builder('vit_b_16', 16, 12, 12, 768, 3072);
export const vit_b_32 = builder('vit_b_32', 32, 12, 12, 768, 3072);
export const vit_l_16 = builder('vit_l_16', 16, 24, 16, 1024, 4096);
export const vit_l_32 = builder('vit_l_32', 32, 24, 16, 1024, 4096);
export const vit_h_14 = builder('vit_h_14', 14, 32, 16, 1280, 5120);
export { vit_b_16 as vitB_16, vit_b_32 as vitB_32, vit_l_16 as vitL_16, vit_l_32 as vitL_32, vit_h_14 as vitH_14 };

/**
 * A pretrained ViT's state dict for another image size: its position embeddings (but the class token's)
 * resized as a 2-D grid by `interpolationMode` (bicubic by default), the heads left out with
 * `resetHeads`. Changes and returns `modelState`, as torchvision's `interpolate_embeddings`.
 */
export function interpolateEmbeddings(...args: Args<'torchvision.models.visionTransformer.interpolateEmbeddings'>): Record<string, Tensor> {
  const a = bind('torchvision.models.visionTransformer.interpolateEmbeddings', args, { objectParams: ['modelState'] });
  let modelState = a.modelState as Record<string, Tensor>;
  const posEmbedding = modelState['encoder.pos_embedding'];
  if (!(posEmbedding instanceof torch.Tensor)) badArg("a state dict with 'encoder.pos_embedding'", 'modelState', modelState);
  const [n, oldLength, hiddenDim] = posEmbedding.shape;
  if (n !== 1) throw new RangeError(`Unexpected position embedding shape: ${sizeRepr(posEmbedding.shape)}`);
  let seqLength = oldLength;
  let newSeqLength = Math.floor(a.imageSize / a.patchSize) ** 2 + 1;
  if (newSeqLength !== seqLength) {
    // the class token's embedding is not a grid position: it stays as it is
    seqLength -= 1;
    newSeqLength -= 1;
    const token = posEmbedding.narrow(1, 0, 1);
    const img = posEmbedding.narrow(1, 1, seqLength).permute(0, 2, 1);
    const side = Math.floor(Math.sqrt(seqLength));
    if (side * side !== seqLength) {
      throw new RangeError(`seq_length is not a perfect square! Instead got seq_length_1d * seq_length_1d = ${side * side} and seq_length = ${seqLength}`);
    }
    const resized = torch.nn.functional.interpolate(img.reshape(1, hiddenDim, side, side), { size: Math.floor(a.imageSize / a.patchSize), mode: a.interpolationMode, alignCorners: true });
    modelState['encoder.pos_embedding'] = torch.cat([token, resized.reshape(1, hiddenDim, newSeqLength).permute(0, 2, 1)], 1);
    if (a.resetHeads) modelState = Object.fromEntries(Object.entries(modelState).filter(([k]) => !k.startsWith('heads')));
  }
  return modelState;
}
