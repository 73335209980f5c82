// The calling convention, checked on every callable of the signature table (lib/generated/signatures.ts,
// read from PyTorch by scripts/gen-signatures.py): the positional, keyword and mixed forms of one call
// build equal modules (same repr, same parameters for the same seed) or give equal results, and each
// of Python's four TypeErrors (too many positional arguments, an unknown keyword, one parameter given
// twice, a missing one) is thrown with its message.
import t from 'tap';
import { readFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { SIGNATURES } from '../lib/generated/signatures.js';
import { tinyMnist, fixturePath } from './helpers.js';
import { tempDir } from './temp-dir.js';

type Spec = readonly (readonly [string, string, string, unknown?])[];
const T = torchvision.transforms;
const tmp = tempDir('torch-node-binder-');

// ---- files the file-reading callables read -------------------------------------------------------
torch.manualSeed(0);
const image = torch.randint(0, 256, [3, 8, 8], { dtype: torch.uint8 });
const pngPath = path.join(tmp, 'image.png');
torchvision.io.writePng(image, pngPath);
const savedPath = path.join(tmp, 'saved.pt');
torch.save({ w: torch.arange(4) }, savedPath);
const mnistRoot = tinyMnist();
const folderRoot = path.join(tmp, 'folder');
for (const cls of ['cat', 'dog']) {
  mkdirSync(path.join(folderRoot, cls), { recursive: true });
  torchvision.io.writePng(image, path.join(folderRoot, cls, 'a.png'));
}
const imagenetRoot = path.join(tmp, 'imagenet');
for (const wnid of ['n01', 'n02']) {
  mkdirSync(path.join(imagenetRoot, 'val', wnid), { recursive: true });
  torchvision.io.writePng(image, path.join(imagenetRoot, 'val', wnid, 'a.png'));
}
let fileCount = 0;
const freshFile = (ext: string) => path.join(tmp, `out-${fileCount++}.${ext}`);
const freshDir = () => path.join(tmp, `dir-${fileCount++}`);

// ---- sample arguments: each callable's parameters, by name, made afresh for every form -----------
const x4 = () => torch.randn(2, 3, 8, 8);
const params = () => [new torch.nn.Parameter(torch.randn(3)), new torch.nn.Parameter(torch.randn(2, 2))];
const sgd = () => new torch.optim.SGD(params(), 0.1, 0.9);
const withGrads = () => {
  const ps = params();
  ps.forEach((p) => (p.grad = torch.randn(p.shape).mul(10)));
  return ps;
};
const tensors = () => new torch.utils.data.TensorDataset(torch.arange(10), torch.arange(10).mul(2));

interface Sample {
  /** the parameters to pass, by name (in any order) */
  args: () => Record<string, unknown>;
  /** what to compare when the result itself is not (a void function's effect) */
  effect?: (args: Record<string, unknown>, result: unknown) => unknown;
  /** why the forms are not run (the error forms still are) */
  skip?: string;
  /** what a transform is applied to (an Image unless said) */
  input?: () => unknown;
  /** why the missing-parameter form does not apply */
  noMissing?: string;
  /** a method: the object it is called on */
  self?: () => object;
  /** returns a promise: errors are rejections */
  async?: boolean;
  /** the call's arguments after Python's (forkRng's body, the with-block, comes last) */
  after?: () => unknown[];
}
const dist = torch.distributed;
const distributed = dist.isAvailable();
/** a world of one process over a file store, for the collectives' forms */
const initWorld = () => dist.initProcessGroup('gloo', { initMethod: `file://${freshFile('store')}`, rank: 0, worldSize: 1 });
const inWorld = (fn: () => unknown) => {
  initWorld();
  try {
    return fn();
  } finally {
    dist.destroyProcessGroup();
  }
};
const long = (...v: number[]) => torch.tensor(v, { dtype: torch.int64 });
const floatImage = () => image.float().div(255);
const someBoxes = () => {
  const xy = torch.rand(8, 2).mul(20);
  return torch.cat([xy, xy.add(torch.rand(8, 2).mul(10).add(1))], 1);
};
const S: Record<string, Sample> = {
  'random.forkRng': { args: () => ({ devices: [], enabled: true }), after: () => [() => torch.rand(2).tolist()] },
  'torch.tensor': { args: () => ({ data: [[1, 2], [3, 4]], dtype: torch.float64, requiresGrad: true }) },
  'torch.zeros': { args: () => ({ size: [2, 3], dtype: torch.int32 }) },
  'torch.ones': { args: () => ({ size: [2, 3], dtype: torch.float64 }) },
  'torch.empty': { args: () => ({ size: [2, 3] }), effect: (_, r) => (r as torch.Tensor).shape },
  'torch.rand': { args: () => ({ size: [2, 3] }) },
  'torch.randn': { args: () => ({ size: [4], dtype: torch.float64 }) },
  'torch.full': { args: () => ({ size: [2, 2], fillValue: 7, dtype: torch.int64 }) },
  'torch.eye': { args: () => ({ n: 3, m: 4 }) },
  'torch.arange': { args: () => ({ start: 1, end: 10, step: 3 }), noMissing: 'arange(end=10, step=3) is a whole call, as in Python' },
  'torch.linspace': { args: () => ({ start: 0, end: 1, steps: 5 }) },
  'torch.logspace': { args: () => ({ start: 0, end: 2, steps: 3, base: 2 }) },
  'torch.randint': { args: () => ({ low: 2, high: 9, size: [5] }) },
  'torch.randperm': { args: () => ({ n: 6 }) },
  'torch.zerosLike': { args: () => ({ input: torch.ones(2, 2), dtype: torch.int64 }) },
  'torch.onesLike': { args: () => ({ input: torch.zeros(2, 2) }) },
  'torch.emptyLike': { args: () => ({ input: torch.zeros(2, 2) }), effect: (_, r) => (r as torch.Tensor).shape },
  'torch.randLike': { args: () => ({ input: torch.zeros(3) }) },
  'torch.randnLike': { args: () => ({ input: torch.zeros(3) }) },
  'torch.fullLike': { args: () => ({ input: torch.zeros(3), fillValue: 2.5 }) },
  'torch.randintLike': { args: () => ({ input: torch.zeros(4), low: 3, high: 7 }) },
  'torch.frombuffer': { args: () => ({ buffer: new Float32Array([1, 2, 3, 4]).buffer, dtype: torch.float32, count: 2, offset: 4 }) },
  'torch.manualSeed': { args: () => ({ seed: 42 }), effect: () => torch.rand(3) },
  'torch.seed': { args: () => ({}), effect: () => 'seeded' },
  'torch.getRngState': { args: () => ({}), effect: (_, r) => (r as torch.Tensor).shape },
  'torch.setRngState': {
    args: () => {
      torch.manualSeed(3);
      return { newState: torch.getRngState() };
    },
    effect: () => torch.rand(3),
  },
  'linalg.matrixSqrth': { args: () => ({ A: torch.tensor([[4.0, 1.0], [1.0, 3.0]]) }) },
  'linalg.polar': { args: () => ({ A: torch.tensor([[4.0, 1.0], [1.0, 3.0], [0.5, 0.2]]), out: [torch.empty(0), torch.empty(0)] }) },
  'torch.setDefaultDtype': {
    args: () => ({ d: torch.float64 }),
    effect: () => {
      const d = torch.getDefaultDtype();
      torch.setDefaultDtype(torch.float32);
      return String(d);
    },
  },
  'torch.setNumThreads': {
    args: () => ({ object: 1 }),
    effect: () => {
      const n = torch.getNumThreads();
      torch.setNumThreads(2);
      return n;
    },
  },
  'torch.split': { args: () => ({ tensor: torch.arange(10), splitSizeOrSections: [3, 7], dim: 0 }) },
  'torch.chunk': { args: () => ({ input: torch.arange(10), chunks: 3, dim: 0 }) },
  'torch.numel': { args: () => ({ input: torch.zeros(3, 4) }) },
  'torch.save': { args: () => ({ obj: { a: torch.arange(3) }, f: freshFile('pt'), pickleProtocol: 4 }), effect: (a) => torch.load(a.f as string) },
  'torch.load': { args: () => ({ f: savedPath, mapLocation: 'cpu', weightsOnly: true }) },
  'torch.norm': { args: () => ({ input: torch.arange(6, { dtype: torch.float32 }).view(2, 3), p: 1, dim: 1, keepdim: true, dtype: torch.float64 }) },
  'torch.finfo': { args: () => ({ type: torch.float64 }), effect: (_, r) => String(r) },
  'torch.iinfo': { args: () => ({ type: torch.int16 }), effect: (_, r) => String(r) },
  'torch.canCast': { args: () => ({ from_: torch.float32, to: torch.int32 }) },
  'torch.promoteTypes': { args: () => ({ type1: torch.uint8, type2: torch.int8 }) },
  'torch.resultType': { args: () => ({ tensor1: torch.ones(1, { dtype: torch.int32 }), tensor2: 2.5 }) },
  'torch.isFloatingPoint': { args: () => ({ input: torch.ones(1) }) },
  'torch.nonzero': { args: () => ({ input: long(0, 3, 0, 2), asTuple: true }) },
  'torch.unique': { args: () => ({ input: long(3, 1, 3, 2), sorted: true, returnInverse: true, returnCounts: true }) },
  'torch.uniqueConsecutive': { args: () => ({ input: long(1, 1, 2, 2, 1), returnInverse: true, returnCounts: true }) },
  'torch.tensordot': { args: () => ({ a: torch.randn(3, 4), b: torch.randn(4, 5), dims: 1 }) },
  'torch.meshgrid': { args: () => ({ tensors: [torch.arange(2), torch.arange(3)], indexing: 'xy' }) },
  'torch.einsum': { args: () => ({ args: ['ij,jk->ik', torch.arange(6.0).view(2, 3), torch.arange(12.0).view(3, 4)] }) },
  'torch.broadcastTensors': { args: () => ({ tensors: [torch.arange(3).view(3, 1), torch.arange(2)] }) },
  'torch.blockDiag': { args: () => ({ tensors: [torch.ones(2, 2), torch.arange(3).view(1, 3)] }) },
  'torch.cartesianProd': { args: () => ({ tensors: [torch.arange(3), torch.arange(2)] }) },
  'torch.chainMatmul': { args: () => ({ matrices: [torch.arange(6.0).view(2, 3), torch.arange(12.0).view(3, 4)], out: torch.empty(2, 4) }) },
  'torch.setPrintoptions': {
    args: () => ({ precision: 2, threshold: 5, edgeitems: 1, linewidth: 40 }),
    effect: () => {
      const s = String(torch.arange(10).div(3));
      torch.setPrintoptions({ profile: 'default' });
      return s;
    },
  },
  'nn.Linear': { args: () => ({ inFeatures: 4, outFeatures: 3, bias: false, dtype: torch.float64 }) },
  'nn.Bilinear': { args: () => ({ in1Features: 2, in2Features: 3, outFeatures: 4, bias: false }) },
  'nn.Identity': { args: () => ({}) },
  'nn.Flatten': { args: () => ({ startDim: 0, endDim: 2 }) },
  'nn.Unflatten': { args: () => ({ dim: 1, unflattenedSize: [2, 3] }) },
  'nn.Conv1d': { args: () => ({ inChannels: 3, outChannels: 4, kernelSize: 3, stride: 2, padding: 1, bias: false }) },
  'nn.Conv2d': { args: () => ({ inChannels: 3, outChannels: 16, kernelSize: 4, stride: 2, padding: 1, bias: false }) },
  'nn.Conv3d': { args: () => ({ inChannels: 2, outChannels: 3, kernelSize: 3, dilation: 2, groups: 1 }) },
  'nn.ConvTranspose1d': { args: () => ({ inChannels: 3, outChannels: 4, kernelSize: 3, stride: 2, outputPadding: 1 }) },
  'nn.ConvTranspose2d': { args: () => ({ inChannels: 8, outChannels: 4, kernelSize: 4, stride: 2, padding: 1, bias: false }) },
  'nn.ConvTranspose3d': { args: () => ({ inChannels: 2, outChannels: 2, kernelSize: 3, groups: 2 }) },
  'nn.MaxPool1d': { args: () => ({ kernelSize: 3, stride: 2, padding: 1, ceilMode: true }) },
  'nn.MaxPool2d': { args: () => ({ kernelSize: 3, stride: 1, dilation: 2, returnIndices: true }) },
  'nn.AvgPool2d': { args: () => ({ kernelSize: 2, stride: 1, countIncludePad: false, divisorOverride: 3 }) },
  'nn.AdaptiveAvgPool2d': { args: () => ({ outputSize: [3, null] }) },
  'nn.AdaptiveMaxPool2d': { args: () => ({ outputSize: 2, returnIndices: true }) },
  'nn.BatchNorm1d': { args: () => ({ numFeatures: 4, eps: 1e-3, momentum: null, affine: false }) },
  'nn.BatchNorm2d': { args: () => ({ numFeatures: 4, eps: 1e-3, momentum: 0.3, trackRunningStats: false }) },
  'nn.LayerNorm': { args: () => ({ normalizedShape: [4, 5], eps: 1e-3, elementwiseAffine: true, bias: false }) },
  'nn.GroupNorm': { args: () => ({ numGroups: 2, numChannels: 4, eps: 1e-3, affine: false }) },
  'nn.InstanceNorm2d': { args: () => ({ numFeatures: 3, affine: true, trackRunningStats: true }) },
  'nn.Dropout': { args: () => ({ p: 0.3, inplace: true }) },
  'nn.Dropout2d': { args: () => ({ p: 0.2 }) },
  'nn.Embedding': { args: () => ({ numEmbeddings: 10, embeddingDim: 3, paddingIdx: 0 }) },
  'nn.LSTM': { args: () => ({ inputSize: 4, hiddenSize: 5, numLayers: 2, bias: true, batchFirst: true, dropout: 0.5, bidirectional: true }) },
  'nn.GRU': { args: () => ({ inputSize: 4, hiddenSize: 5, numLayers: 2, dropout: 0.5 }) },
  'nn.ReLU': { args: () => ({ inplace: true }) },
  'nn.ReLU6': { args: () => ({ inplace: true }) },
  'nn.LeakyReLU': { args: () => ({ negativeSlope: 0.2, inplace: true }) },
  'nn.ELU': { args: () => ({ alpha: 0.5 }) },
  'nn.GELU': { args: () => ({ approximate: 'tanh' }) },
  'nn.SiLU': { args: () => ({ inplace: true }) },
  'nn.Mish': { args: () => ({ inplace: true }) },
  'nn.Sigmoid': { args: () => ({}) },
  'nn.Tanh': { args: () => ({}) },
  'nn.Softmax': { args: () => ({ dim: 1 }) },
  'nn.LogSoftmax': { args: () => ({ dim: -1 }) },
  'nn.Hardswish': { args: () => ({ inplace: true }) },
  'nn.CrossEntropyLoss': { args: () => ({ weight: torch.tensor([1, 2, 3]), ignoreIndex: 1, reduction: 'sum', labelSmoothing: 0.1 }) },
  'nn.NLLLoss': { args: () => ({ weight: torch.tensor([1, 2]), ignoreIndex: 0, reduction: 'none' }) },
  'nn.MSELoss': { args: () => ({ reduction: 'sum' }) },
  'nn.L1Loss': { args: () => ({ sizeAverage: false }) },
  'nn.SmoothL1Loss': { args: () => ({ reduction: 'none', beta: 0.5 }) },
  'nn.HuberLoss': { args: () => ({ reduction: 'sum', delta: 2 }) },
  'nn.BCELoss': { args: () => ({ weight: torch.tensor([0.5]), reduce: false }) },
  'nn.BCEWithLogitsLoss': { args: () => ({ reduction: 'sum', posWeight: torch.tensor([2]) }) },
  'nn.KLDivLoss': { args: () => ({ reduction: 'batchmean', logTarget: true }) },
  'nn.CELU': { args: () => ({ alpha: 0.5, inplace: true }) },
  'nn.GLU': { args: () => ({ dim: 1 }) },
  'nn.Hardshrink': { args: () => ({ lambd: 0.3 }) },
  'nn.Hardsigmoid': { args: () => ({ inplace: true }) },
  'nn.Hardtanh': { args: () => ({ minVal: -0.5, maxVal: 0.8, inplace: true }) },
  'nn.LogSigmoid': { args: () => ({}) },
  'nn.PReLU': { args: () => ({ numParameters: 3, init: 0.1, dtype: torch.float64 }) },
  'nn.RReLU': { args: () => ({ lower: 0.1, upper: 0.2, inplace: true }) },
  'nn.SELU': { args: () => ({ inplace: true }) },
  'nn.Softmax2d': { args: () => ({}) },
  'nn.Softmin': { args: () => ({ dim: 0 }) },
  'nn.Softplus': { args: () => ({ beta: 2, threshold: 10 }) },
  'nn.Softshrink': { args: () => ({ lambd: 0.2 }) },
  'nn.Softsign': { args: () => ({}) },
  'nn.Tanhshrink': { args: () => ({}) },
  'nn.Threshold': { args: () => ({ threshold: 0.1, value: 20, inplace: true }) },
  'nn.CosineEmbeddingLoss': { args: () => ({ margin: 0.2, reduction: 'sum' }) },
  'nn.CTCLoss': { args: () => ({ blank: 1, reduction: 'sum', zeroInfinity: true }) },
  'nn.GaussianNLLLoss': { args: () => ({ full: true, eps: 1e-3, reduction: 'sum' }) },
  'nn.HingeEmbeddingLoss': { args: () => ({ margin: 0.5, reduction: 'none' }) },
  'nn.MarginRankingLoss': { args: () => ({ margin: 0.1, sizeAverage: false }) },
  'nn.MultiLabelMarginLoss': { args: () => ({ reduction: 'sum' }) },
  'nn.MultiLabelSoftMarginLoss': { args: () => ({ weight: torch.tensor([1, 2, 3]), reduction: 'sum' }) },
  'nn.MultiMarginLoss': { args: () => ({ p: 2, margin: 0.5, weight: torch.tensor([1, 2, 3]) }) },
  'nn.PoissonNLLLoss': { args: () => ({ logInput: false, full: true, eps: 1e-6 }) },
  'nn.SoftMarginLoss': { args: () => ({ reduction: 'none' }) },
  'nn.TripletMarginLoss': { args: () => ({ margin: 0.5, p: 1, eps: 1e-5, swap: true }) },
  'nn.TripletMarginWithDistanceLoss': { args: () => ({ margin: 0.3, swap: true, reduction: 'sum' }) },
  'nn.AvgPool1d': { args: () => ({ kernelSize: 3, stride: 2, padding: 1, ceilMode: true }) },
  'nn.AvgPool3d': { args: () => ({ kernelSize: 2, stride: 1, divisorOverride: 3 }) },
  'nn.MaxPool3d': { args: () => ({ kernelSize: 2, stride: 1, padding: 1, returnIndices: true }) },
  'nn.AdaptiveAvgPool1d': { args: () => ({ outputSize: 3 }) },
  'nn.AdaptiveAvgPool3d': { args: () => ({ outputSize: [2, 1, 2] }) },
  'nn.AdaptiveMaxPool1d': { args: () => ({ outputSize: 3, returnIndices: true }) },
  'nn.AdaptiveMaxPool3d': { args: () => ({ outputSize: 2, returnIndices: true }) },
  'nn.LPPool1d': { args: () => ({ normType: 2, kernelSize: 3, stride: 2, ceilMode: true }) },
  'nn.LPPool2d': { args: () => ({ normType: 3, kernelSize: 2, stride: 1 }) },
  'nn.LPPool3d': { args: () => ({ normType: 2, kernelSize: 2 }) },
  'nn.MaxUnpool1d': { args: () => ({ kernelSize: 2, stride: 2, padding: 0 }) },
  'nn.MaxUnpool2d': { args: () => ({ kernelSize: 2, stride: 1 }) },
  'nn.MaxUnpool3d': { args: () => ({ kernelSize: 2, padding: 0 }) },
  'nn.FractionalMaxPool2d': { args: () => ({ kernelSize: 2, outputSize: 3, returnIndices: true }) },
  'nn.FractionalMaxPool3d': { args: () => ({ kernelSize: 2, outputRatio: 0.5 }) },
  'nn.ReflectionPad1d': { args: () => ({ padding: [2, 1] }) },
  'nn.ReflectionPad2d': { args: () => ({ padding: 2 }) },
  'nn.ReflectionPad3d': { args: () => ({ padding: 1 }) },
  'nn.ReplicationPad1d': { args: () => ({ padding: 3 }) },
  'nn.ReplicationPad2d': { args: () => ({ padding: [1, 0, 2, 1] }) },
  'nn.ReplicationPad3d': { args: () => ({ padding: 1 }) },
  'nn.ZeroPad1d': { args: () => ({ padding: [1, 2] }) },
  'nn.ZeroPad2d': { args: () => ({ padding: [1, 1, 2, 0] }) },
  'nn.ZeroPad3d': { args: () => ({ padding: 1 }) },
  'nn.ConstantPad1d': { args: () => ({ padding: 2, value: 3.5 }) },
  'nn.ConstantPad2d': { args: () => ({ padding: [1, 2, 0, 1], value: -1 }) },
  'nn.ConstantPad3d': { args: () => ({ padding: 1, value: 0.5 }) },
  'nn.CircularPad1d': { args: () => ({ padding: 2 }) },
  'nn.CircularPad2d': { args: () => ({ padding: [1, 0, 1, 2] }) },
  'nn.CircularPad3d': { args: () => ({ padding: 1 }) },
  'nn.Upsample': { args: () => ({ size: [5, 4], mode: 'bilinear', alignCorners: true }) },
  'nn.UpsamplingNearest2d': { args: () => ({ scaleFactor: 2 }) },
  'nn.UpsamplingBilinear2d': { args: () => ({ size: [4, 5] }) },
  'nn.PixelShuffle': { args: () => ({ upscaleFactor: 2 }) },
  'nn.PixelUnshuffle': { args: () => ({ downscaleFactor: 2 }) },
  'nn.ChannelShuffle': { args: () => ({ groups: 2 }) },
  'nn.Fold': { args: () => ({ outputSize: [4, 5], kernelSize: [2, 2], dilation: 1, padding: 0, stride: 1 }) },
  'nn.Unfold': { args: () => ({ kernelSize: [2, 3], dilation: 1, padding: 1, stride: 2 }) },
  'nn.CosineSimilarity': { args: () => ({ dim: 0, eps: 1e-6 }) },
  'nn.PairwiseDistance': { args: () => ({ p: 1.5, eps: 1e-5, keepdim: true }) },
  'nn.BatchNorm3d': { args: () => ({ numFeatures: 2, eps: 1e-3, momentum: 0.2 }) },
  'nn.InstanceNorm1d': { args: () => ({ numFeatures: 3, affine: true, trackRunningStats: true }) },
  'nn.InstanceNorm3d': { args: () => ({ numFeatures: 2, eps: 1e-4 }) },
  'nn.LocalResponseNorm': { args: () => ({ size: 3, alpha: 1e-2, beta: 0.5, k: 2 }) },
  'nn.RMSNorm': { args: () => ({ normalizedShape: [4], eps: 1e-5, elementwiseAffine: true }) },
  'nn.AlphaDropout': { args: () => ({ p: 0.2, inplace: false }) },
  'nn.FeatureAlphaDropout': { args: () => ({ p: 0.3 }) },
  'nn.Dropout1d': { args: () => ({ p: 0.3, inplace: true }) },
  'nn.Dropout3d': { args: () => ({ p: 0.4 }) },
  'nn.EmbeddingBag': { args: () => ({ numEmbeddings: 10, embeddingDim: 3, mode: 'max', paddingIdx: 0 }) },
  'nn.RNN': { args: () => ({ inputSize: 4, hiddenSize: 3, numLayers: 2, nonlinearity: 'relu', batchFirst: true }) },
  'nn.RNNCell': { args: () => ({ inputSize: 4, hiddenSize: 3, bias: false, nonlinearity: 'relu' }) },
  'nn.LSTMCell': { args: () => ({ inputSize: 4, hiddenSize: 3, bias: false }) },
  'nn.GRUCell': { args: () => ({ inputSize: 4, hiddenSize: 3, dtype: torch.float64 }) },
  'nn.MultiheadAttention': { args: () => ({ embedDim: 6, numHeads: 3, dropout: 0.1, addBiasKv: true, kdim: 4, vdim: 5, batchFirst: true }) },
  'nn.AdaptiveLogSoftmaxWithLoss': { args: () => ({ inFeatures: 8, nClasses: 12, cutoffs: [3, 7], divValue: 2.0, headBias: true, device: 'cpu', dtype: torch.float64 }) },
  'nn.LinearCrossEntropyLoss': { args: () => ({ inFeatures: 6, numClasses: 4, outFeatures: [2], bias: true, dtype: torch.float64, reduction: 'sum', weight: null, ignoreIndex: 1, labelSmoothing: 0.1, options: null }) },
  'nn.TransformerEncoderLayer': { args: () => ({ dModel: 8, nhead: 2, dimFeedforward: 16, dropout: 0, activation: 'gelu', batchFirst: true, normFirst: true }) },
  'nn.TransformerDecoderLayer': { args: () => ({ dModel: 8, nhead: 2, dimFeedforward: 16, dropout: 0.2, layerNormEps: 1e-6 }) },
  'nn.TransformerEncoder': { args: () => ({ encoderLayer: new torch.nn.TransformerEncoderLayer(8, 2, 16), numLayers: 2, norm: new torch.nn.LayerNorm(8), enableNestedTensor: false }) },
  'nn.TransformerDecoder': { args: () => ({ decoderLayer: new torch.nn.TransformerDecoderLayer(8, 2, 16), numLayers: 2, norm: new torch.nn.LayerNorm(8) }) },
  'nn.Transformer': { args: () => ({ dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16, dropout: 0 }) },
  'nn.ParameterDict': { args: () => ({ parameters: { a: torch.ones(2), b: torch.zeros(3) } }) },
  'nn.MultiheadAttention.forward': {
    self: () => new torch.nn.MultiheadAttention(8, 2),
    args: () => ({ query: torch.randn(3, 2, 8), key: torch.randn(4, 2, 8), value: torch.randn(4, 2, 8), keyPaddingMask: torch.tensor([[false, false, false, true], [false, true, false, false]]), averageAttnWeights: false }),
  },
  'nn.TransformerEncoderLayer.forward': {
    self: () => new torch.nn.TransformerEncoderLayer(8, 2, 16, 0),
    args: () => ({ src: torch.randn(3, 2, 8), srcMask: torch.nn.Transformer.generateSquareSubsequentMask(3), isCausal: true }),
  },
  'nn.TransformerDecoderLayer.forward': {
    self: () => new torch.nn.TransformerDecoderLayer(8, 2, 16, 0),
    args: () => ({ tgt: torch.randn(3, 2, 8), memory: torch.randn(4, 2, 8), tgtMask: torch.nn.Transformer.generateSquareSubsequentMask(3), memoryKeyPaddingMask: torch.tensor([[false, false, false, true], [false, false, false, false]]) }),
  },
  'nn.TransformerEncoder.forward': {
    self: () => new torch.nn.TransformerEncoder(new torch.nn.TransformerEncoderLayer(8, 2, 16, 0), 2),
    args: () => ({ src: torch.randn(3, 2, 8), mask: torch.nn.Transformer.generateSquareSubsequentMask(3) }),
  },
  'nn.TransformerDecoder.forward': {
    self: () => new torch.nn.TransformerDecoder(new torch.nn.TransformerDecoderLayer(8, 2, 16, 0), 2),
    args: () => ({ tgt: torch.randn(3, 2, 8), memory: torch.randn(4, 2, 8), tgtMask: torch.nn.Transformer.generateSquareSubsequentMask(3) }),
  },
  'nn.Transformer.forward': {
    self: () => new torch.nn.Transformer({ dModel: 8, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 16, dropout: 0 }),
    args: () => ({ src: torch.randn(4, 2, 8), tgt: torch.randn(3, 2, 8), tgtMask: torch.nn.Transformer.generateSquareSubsequentMask(3), tgtIsCausal: true }),
  },
  'nn.Transformer.generateSquareSubsequentMask': { args: () => ({ sz: 4, dtype: torch.float64 }) },
  'nn.ModuleList': { args: () => ({ modules: [new torch.nn.ReLU(), new torch.nn.Tanh()] }) },
  'nn.ModuleDict': { args: () => ({ modules: { act: new torch.nn.ReLU() } }) },
  'nn.ParameterList': { args: () => ({ values: [torch.ones(2)] }) },
  'nn.parallel.DistributedDataParallel': { args: () => ({ module: new torch.nn.Linear(2, 2) }), skip: 'needs a process group (test/distributed.test.ts builds one)' },
  'Tensor.backward': {
    self: () => torch.ones(2, { requiresGrad: true }).mul(3),
    args: () => ({ gradient: torch.tensor([1, 2]), retainGraph: true, createGraph: false }),
    effect: (_, r) => r,
  },
  'nn.Parameter': { args: () => ({ data: torch.ones(2), requiresGrad: false }), effect: (a, r) => [(r as torch.Tensor).requiresGrad, r] },
  'torch.Generator': { args: () => ({ device: 'cpu' }), effect: (_, r) => torch.rand(3, { generator: (r as torch.Generator).manualSeed(7) }) },
  'nn.Module.train': { self: () => new torch.nn.Dropout(), args: () => ({ mode: false }), effect: (_, r) => (r as torch.nn.Module).training },
  'nn.Module.requiresGrad_': { self: () => new torch.nn.Linear(2, 2), args: () => ({ requiresGrad: false }), effect: (_, r) => [...(r as torch.nn.Module).parameters()].map((p) => p.requiresGrad) },
  'nn.Module.zeroGrad': {
    self: () => {
      const m = new torch.nn.Linear(2, 2);
      for (const p of m.parameters()) p.grad = torch.ones(p.shape);
      return m;
    },
    args: () => ({ setToNone: false }),
  },
  'nn.Module.stateDict': { self: () => new torch.nn.Linear(2, 2), args: () => ({ prefix: 'fc.', keepVars: true }) },
  'nn.Module.loadStateDict': { self: () => new torch.nn.Linear(2, 2), args: () => ({ stateDict: { weight: torch.ones(2, 2) }, strict: false }) },
  'nn.Module.registerBuffer': { self: () => new torch.nn.Identity(), args: () => ({ name: 'b', tensor: torch.ones(2), persistent: false }) },
  'nn.Module.registerParameter': { self: () => new torch.nn.Identity(), args: () => ({ name: 'p', param: new torch.nn.Parameter(torch.ones(2)) }) },
  'nn.Module.addModule': { self: () => new torch.nn.Identity(), args: () => ({ name: 'sub', module: new torch.nn.ReLU() }) },
  'nn.Module.registerModule': { self: () => new torch.nn.Identity(), args: () => ({ name: 'sub', module: new torch.nn.Tanh() }) },
  'nn.Module.apply': { self: () => new torch.nn.Linear(2, 2), args: () => ({ fn: (m: torch.nn.Module) => m.train(false) }), effect: (_, r) => [String(r), (r as torch.nn.Module).training] },
  'nn.Module.registerForwardPreHook': {
    self: () => new torch.nn.Linear(2, 2),
    args: () => ({ hook: (_m: unknown, [x]: torch.Tensor[]) => [x.mul(2)], prepend: true, withKwargs: false }),
    effect: () => 'registered',
  },
  'nn.Module.registerForwardHook': { self: () => new torch.nn.ReLU(), args: () => ({ hook: () => undefined, prepend: false, withKwargs: false, alwaysCall: false }), effect: () => 'registered' },
  'nn.Module.registerFullBackwardHook': { self: () => new torch.nn.ReLU(), args: () => ({ hook: () => undefined, prepend: true }), effect: () => 'registered' },
  'Tensor.size': { self: () => torch.zeros(2, 3), args: () => ({ dim: -1 }) },
  'Tensor.stride': { self: () => torch.zeros(2, 3), args: () => ({ dim: 0 }) },
  'Tensor.isContiguous': { self: () => torch.zeros(1, 2, 3, 4).contiguous({ memoryFormat: torch.channelsLast }), args: () => ({ memoryFormat: torch.channelsLast }) },
  'Tensor.cpu': { self: () => torch.zeros(1, 2, 3, 4), args: () => ({ memoryFormat: torch.channelsLast }), effect: (_, r) => [(r as torch.Tensor).stride()] },
  'Tensor.cuda': { self: () => torch.zeros(2), args: () => ({ device: 0, nonBlocking: false, memoryFormat: torch.preserveFormat }), skip: 'needs a CUDA device (test/cuda.test.ts)' },
  'Tensor.float': { self: () => torch.arange(24).view(1, 2, 3, 4), args: () => ({ memoryFormat: torch.channelsLast }), effect: (_, r) => [(r as torch.Tensor).dtype, (r as torch.Tensor).stride(), (r as torch.Tensor).tolist()] },
  'Tensor.double': { self: () => torch.arange(24).view(1, 2, 3, 4), args: () => ({ memoryFormat: torch.channelsLast }), effect: (_, r) => [(r as torch.Tensor).dtype, (r as torch.Tensor).stride(), (r as torch.Tensor).tolist()] },
  'Tensor.half': { self: () => torch.arange(24).view(1, 2, 3, 4), args: () => ({ memoryFormat: torch.channelsLast }), effect: (_, r) => [(r as torch.Tensor).dtype, (r as torch.Tensor).stride(), (r as torch.Tensor).tolist()] },
  'Tensor.bfloat16': { self: () => torch.arange(24).view(1, 2, 3, 4), args: () => ({ memoryFormat: torch.channelsLast }), effect: (_, r) => [(r as torch.Tensor).dtype, (r as torch.Tensor).stride(), (r as torch.Tensor).tolist()] },
  'Tensor.long': { self: () => torch.arange(24).view(1, 2, 3, 4), args: () => ({ memoryFormat: torch.channelsLast }), effect: (_, r) => [(r as torch.Tensor).dtype, (r as torch.Tensor).stride(), (r as torch.Tensor).tolist()] },
  'Tensor.int': { self: () => torch.arange(24).view(1, 2, 3, 4), args: () => ({ memoryFormat: torch.channelsLast }), effect: (_, r) => [(r as torch.Tensor).dtype, (r as torch.Tensor).stride(), (r as torch.Tensor).tolist()] },
  'Tensor.short': { self: () => torch.arange(24).view(1, 2, 3, 4), args: () => ({ memoryFormat: torch.channelsLast }), effect: (_, r) => [(r as torch.Tensor).dtype, (r as torch.Tensor).stride(), (r as torch.Tensor).tolist()] },
  'Tensor.char': { self: () => torch.arange(24).view(1, 2, 3, 4), args: () => ({ memoryFormat: torch.channelsLast }), effect: (_, r) => [(r as torch.Tensor).dtype, (r as torch.Tensor).stride(), (r as torch.Tensor).tolist()] },
  'Tensor.byte': { self: () => torch.arange(24).view(1, 2, 3, 4), args: () => ({ memoryFormat: torch.channelsLast }), effect: (_, r) => [(r as torch.Tensor).dtype, (r as torch.Tensor).stride(), (r as torch.Tensor).tolist()] },
  'Tensor.bool': { self: () => torch.arange(24).view(1, 2, 3, 4), args: () => ({ memoryFormat: torch.channelsLast }), effect: (_, r) => [(r as torch.Tensor).dtype, (r as torch.Tensor).stride(), (r as torch.Tensor).tolist()] },
  'Tensor.requiresGrad_': { self: () => torch.zeros(2), args: () => ({ requiresGrad: true }), effect: (_, r) => (r as torch.Tensor).requiresGrad },
  'Tensor.split': { self: () => torch.arange(6).view(2, 3), args: () => ({ splitSize: [1, 2], dim: 1 }) },
  'Tensor.chunk': { self: () => torch.arange(6).view(2, 3), args: () => ({ chunks: 2, dim: 1 }) },
  'Tensor.indexPut_': { self: () => torch.zeros(3), args: () => ({ indices: [long(0, 0, 2)], values: torch.tensor(2), accumulate: true }) },
  'Tensor.indexPut': { self: () => torch.zeros(3), args: () => ({ indices: [long(0, 0, 2)], values: torch.tensor(2), accumulate: true }) },
  'Tensor.norm': { self: () => torch.arange(6, { dtype: torch.float32 }).view(2, 3), args: () => ({ p: 'fro', dim: [0, 1], keepdim: true, dtype: torch.float64 }) },
  'Tensor.nonzero': { self: () => long(0, 3, 0, 2), args: () => ({ asTuple: true }) },
  'Tensor.where': { self: () => torch.arange(4), args: () => ({ condition: long(0, 3, 0, 2).gt(0), other: long(9, 8, 7, 6) }) },
  'Tensor.type': { self: () => torch.arange(24).view(1, 2, 3, 4), args: () => ({ dtype: torch.float64, nonBlocking: false, memoryFormat: torch.channelsLast }), effect: (_, r) => [(r as torch.Tensor).dtype, (r as torch.Tensor).stride()] },
  'Tensor.isSameSize': { self: () => torch.zeros(2, 3), args: () => ({ other: torch.ones(2, 3) }) },
  'Tensor.apply_': { self: () => torch.arange(4), args: () => ({ callable: (v: number) => v * 3 }) },
  'Tensor.map_': { self: () => torch.zeros(2, 3), args: () => ({ other: torch.tensor([1, 2, 3]), callable: (a: number, b: number) => a + 10 * b }) },
  'Tensor.newTensor': { self: () => torch.zeros(1, { dtype: torch.float64 }), args: () => ({ data: [1, 2], requiresGrad: true, pinMemory: false }) },
  'Tensor.registerHook': { self: () => torch.ones(2, { requiresGrad: true }), args: () => ({ hook: (g: torch.Tensor) => g.mul(2) }), effect: () => 'registered' },
  'autograd.grad': {
    args: () => {
      const x = torch.tensor([1, 2], { requiresGrad: true });
      return { outputs: x.pow(3).sum(), inputs: [x], retainGraph: true, createGraph: true };
    },
    effect: (_, r) => (r as torch.Tensor[]).map((g) => [g.tolist(), g.requiresGrad]),
  },
  'autograd.backward': {
    args: () => {
      const x = torch.tensor([1, 2], { requiresGrad: true });
      return { tensors: [x.pow(2).sum()], gradTensors: [torch.tensor(3)], inputs: [x] };
    },
    effect: (a) => (a.inputs as torch.Tensor[])[0]!.grad!.tolist(),
  },
  'distributions.Distribution.sample': { self: () => new torch.distributions.Normal(torch.zeros(2), 1), args: () => ({ sampleShape: [3] }) },
  'distributions.Distribution.rsample': { self: () => new torch.distributions.Normal(torch.zeros(2), 1), args: () => ({ sampleShape: [3] }) },
  'distributions.Distribution.sampleN': { self: () => new torch.distributions.Normal(torch.zeros(2), 1), args: () => ({ n: 3 }) },
  'distributions.Distribution.logProb': { self: () => new torch.distributions.Normal(torch.zeros(2), 1), args: () => ({ value: torch.tensor([0.5, -1]) }) },
  'distributions.Distribution.cdf': { self: () => new torch.distributions.Normal(torch.zeros(2), 1), args: () => ({ value: torch.tensor([0.5, -1]) }) },
  'distributions.Distribution.icdf': { self: () => new torch.distributions.Normal(torch.zeros(2), 1), args: () => ({ value: torch.tensor([0.5, 0.1]) }) },
  'distributions.Distribution.expand': { self: () => new torch.distributions.Normal(torch.zeros(2), 1), args: () => ({ batchShape: [3, 2] }), effect: (_, r) => String(r) },
  'distributions.Distribution.enumerateSupport': { self: () => new torch.distributions.Bernoulli(torch.tensor([0.2, 0.7])), args: () => ({ expand: false }) },
  'distributions.Distribution.setDefaultValidateArgs': {
    args: () => ({ value: true }),
    effect: () => { try { new torch.distributions.Normal(0, -1); return 'accepted'; } catch { return 'rejected'; } },
  },
  'distributions.Bernoulli': { args: () => ({ logits: torch.tensor([0.5, -1]), validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Categorical': { args: () => ({ logits: torch.tensor([0.5, -1, 2]), validateArgs: false }), effect: (_, r) => String(r) },
  'distributions.OneHotCategorical': { args: () => ({ logits: torch.tensor([0.5, -1, 2]), validateArgs: true }), effect: (_, r) => (r as torch.distributions.OneHotCategorical).probs.tolist() },
  'distributions.Normal': { args: () => ({ loc: torch.zeros(2), scale: 2, validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Uniform': { args: () => ({ low: -1, high: 3, validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Exponential': { args: () => ({ rate: 2, validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Laplace': { args: () => ({ loc: 1, scale: 2, validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Poisson': { args: () => ({ rate: torch.tensor([1, 4]), validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Gamma': { args: () => ({ concentration: 2, rate: 0.5, validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Gamma.sample': {
    self: () => new torch.distributions.Gamma(2, 0.5),
    args: () => ({ sampleShape: [3], generator: new torch.Generator().manualSeed(3) }),
  },
  'distributions.Gamma.rsample': {
    self: () => new torch.distributions.Gamma(2, 0.5),
    args: () => ({ sampleShape: [3], generator: new torch.Generator().manualSeed(3) }),
  },
  'distributions.OneHotCategoricalStraightThrough': { args: () => ({ probs: torch.tensor([0.2, 0.8]), validateArgs: true }), effect: (_, r) => (r as torch.distributions.Distribution).mean.tolist() },
  'distributions.Chi2': { args: () => ({ df: torch.tensor([1, 3]), validateArgs: true }), effect: (_, r) => (r as torch.distributions.Distribution).mean.tolist() },
  'distributions.StudentT': { args: () => ({ df: 3, loc: 1, scale: 2, validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Beta': { args: () => ({ concentration1: 2, concentration0: 3, validateArgs: true }), effect: (_, r) => (r as torch.distributions.Distribution).mean.tolist() },
  'distributions.Dirichlet': { args: () => ({ concentration: torch.tensor([1, 2, 3]), validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Cauchy': { args: () => ({ loc: 1, scale: 2, validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Geometric': { args: () => ({ logits: torch.tensor([0.5, -1]), validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Binomial': { args: () => ({ totalCount: 5, probs: torch.tensor([0.2, 0.7]), validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.TransformedDistribution': {
    args: () => ({ baseDistribution: new torch.distributions.Normal(torch.zeros(2), 1), transforms: [new torch.distributions.transforms.ExpTransform()], validateArgs: true }),
    effect: (_, r) => (r as torch.distributions.Distribution).logProb(torch.tensor([1, 2])).tolist(),
  },
  'distributions.LogNormal': { args: () => ({ loc: 0, scale: 2, validateArgs: true }), effect: (_, r) => (r as torch.distributions.Distribution).mean.tolist() },
  'distributions.HalfNormal': { args: () => ({ scale: 2, validateArgs: true }), effect: (_, r) => (r as torch.distributions.Distribution).mean.tolist() },
  'distributions.HalfCauchy': { args: () => ({ scale: 2, validateArgs: true }), effect: (_, r) => (r as torch.distributions.Distribution).logProb(torch.tensor(1)).item() },
  'distributions.Gumbel': { args: () => ({ loc: 1, scale: 2, validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.transforms.Transform.logAbsDetJacobian': { self: () => new torch.distributions.transforms.TanhTransform(), args: () => ({ x: torch.tensor([0.5]), y: torch.tensor([0.5]).tanh() }) },
  'distributions.transforms.Transform.forwardShape': { self: () => new torch.distributions.transforms.AffineTransform(torch.zeros(3), 1), args: () => ({ shape: [2, 1] }) },
  'distributions.transforms.Transform.inverseShape': { self: () => new torch.distributions.transforms.AffineTransform(torch.zeros(3), 1), args: () => ({ shape: [2, 1] }) },
  'distributions.transforms.Transform.withCache': { self: () => new torch.distributions.transforms.ExpTransform(), args: () => ({ cacheSize: 1 }), effect: (_, r) => String(r) },
  'distributions.transforms.ComposeTransform': { args: () => ({ parts: [new torch.distributions.transforms.ExpTransform()], cacheSize: 1 }), effect: (_, r) => String(r) },
  'distributions.transforms.IndependentTransform': { args: () => ({ baseTransform: new torch.distributions.transforms.ExpTransform(), reinterpretedBatchNdims: 1, cacheSize: 1 }), effect: (_, r) => String(r) },
  'distributions.transforms.ExpTransform': { args: () => ({ cacheSize: 1 }), effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.tensor([1])).tolist() },
  'distributions.transforms.PowerTransform': { args: () => ({ exponent: 2, cacheSize: 1 }), effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.tensor([3])).tolist() },
  'distributions.transforms.SigmoidTransform': { args: () => ({ cacheSize: 1 }), effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.tensor([0])).tolist() },
  'distributions.transforms.SoftplusTransform': { args: () => ({ cacheSize: 1 }), effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.tensor([0])).tolist() },
  'distributions.transforms.TanhTransform': { args: () => ({ cacheSize: 1 }), effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.tensor([0.5])).tolist() },
  'distributions.transforms.AbsTransform': { args: () => ({ cacheSize: 1 }), effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.tensor([-2])).tolist() },
  'distributions.transforms.AffineTransform': { args: () => ({ loc: 1, scale: 2, eventDim: 0, cacheSize: 1 }), effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.tensor([3])).tolist() },
  'distributions.transforms.SoftmaxTransform': { args: () => ({ cacheSize: 1 }), effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.tensor([0, 0])).tolist() },
  'distributions.Pareto': { args: () => ({ scale: 1, alpha: 3, validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Weibull': { args: () => ({ scale: 1, concentration: 3, validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Multinomial': { args: () => ({ totalCount: 3, logits: torch.tensor([0.5, -1]), validateArgs: true }), effect: (_, r) => (r as torch.distributions.Distribution).mean.tolist() },
  'distributions.NegativeBinomial': { args: () => ({ totalCount: 3, logits: torch.tensor([0.5, -1]), validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Independent': {
    args: () => ({ baseDistribution: new torch.distributions.Normal(torch.zeros(2, 3), 1), reinterpretedBatchNdims: 1, validateArgs: true }),
    effect: (_, r) => [String(r), (r as torch.distributions.Distribution).eventShape],
  },
  'distributions.MultivariateNormal': {
    args: () => ({ loc: torch.zeros(2), scaleTril: torch.tensor([[1, 0], [0.5, 2]]), validateArgs: true }),
    effect: (_, r) => (r as torch.distributions.MultivariateNormal).covarianceMatrix.tolist(),
  },
  'distributions.klDivergence': { args: () => ({ p: new torch.distributions.Normal(0, 1), q: new torch.distributions.Normal(1, 2) }) },
  'distributions.MixtureSameFamily': {
    args: () => ({ mixtureDistribution: new torch.distributions.Categorical(torch.tensor([0.2, 0.8])), componentDistribution: new torch.distributions.Normal(torch.tensor([-1, 1]), 1), validateArgs: true }),
    effect: (_, r) => (torch.distributions.Distribution.prototype.logProb.call(r, torch.tensor(0.5)) as torch.Tensor).item(),
  },
  'distributions.MixtureSameFamily.logProb': { self: () => new torch.distributions.MixtureSameFamily(new torch.distributions.Categorical(torch.tensor([0.2, 0.8])), new torch.distributions.Normal(torch.tensor([-1, 1]), 1)), args: () => ({ x: torch.tensor([0.5, 2]) }) },
  'distributions.MixtureSameFamily.cdf': { self: () => new torch.distributions.MixtureSameFamily(new torch.distributions.Categorical(torch.tensor([0.2, 0.8])), new torch.distributions.Normal(torch.tensor([-1, 1]), 1)), args: () => ({ x: torch.tensor([0.5, 2]) }) },
  'distributions.RelaxedBernoulli': { args: () => ({ temperature: torch.tensor(0.5), logits: torch.tensor([0.5, -1]), validateArgs: true }), effect: (_, r) => (torch.distributions.Distribution.prototype.logProb.call(r, torch.tensor([0.3, 0.6])) as torch.Tensor).tolist() },
  'distributions.relaxedBernoulli.LogitRelaxedBernoulli': { args: () => ({ temperature: torch.tensor(0.5), logits: torch.tensor([0.5, -1]), validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.RelaxedOneHotCategorical': { args: () => ({ temperature: torch.tensor(0.5), logits: torch.tensor([0.5, -1]), validateArgs: true }), effect: (_, r) => (torch.distributions.Distribution.prototype.logProb.call(r, torch.tensor([0.3, 0.7])) as torch.Tensor).item() },
  'distributions.relaxedCategorical.ExpRelaxedCategorical': { args: () => ({ temperature: torch.tensor(0.5), logits: torch.tensor([0.5, -1]), validateArgs: true }), effect: (_, r) => (torch.distributions.Distribution.prototype.logProb.call(r, torch.tensor([-1, -0.5])) as torch.Tensor).item() },
  'distributions.ContinuousBernoulli': { args: () => ({ logits: torch.tensor([0.5, -1]), lims: [0.4, 0.6], validateArgs: true }), effect: (_, r) => (torch.distributions.Distribution.prototype.logProb.call(r, torch.tensor([0.3, 0.6])) as torch.Tensor).tolist() },
  'distributions.FisherSnedecor': { args: () => ({ df1: 3, df2: torch.tensor([5, 6]), validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Kumaraswamy': { args: () => ({ concentration1: 2, concentration0: torch.tensor([3, 4]), validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.LogisticNormal': { args: () => ({ loc: torch.zeros(2), scale: 2, validateArgs: true }), effect: (_, r) => (torch.distributions.Distribution.prototype.logProb.call(r, torch.tensor([0.2, 0.3, 0.5])) as torch.Tensor).item() },
  'distributions.VonMises': { args: () => ({ loc: 1, concentration: torch.tensor([2, 3]), validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.LowRankMultivariateNormal': {
    args: () => ({ loc: torch.zeros(2), covFactor: torch.tensor([[1], [0.5]]), covDiag: torch.tensor([1, 2]), validateArgs: true }),
    effect: (_, r) => (r as torch.distributions.LowRankMultivariateNormal).covarianceMatrix.tolist(),
  },
  'distributions.InverseGamma': { args: () => ({ concentration: 3, rate: torch.tensor([1, 2]), validateArgs: true }), effect: (_, r) => (r as torch.distributions.Distribution).mean.tolist() },
  'distributions.GeneralizedPareto': { args: () => ({ loc: 0, scale: 2, concentration: torch.tensor([0.1, -0.2]), validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.GeneralizedPareto.logCdf': { self: () => new torch.distributions.GeneralizedPareto(0, 2, 0.1), args: () => ({ value: torch.tensor([0.5, 2]) }) },
  'distributions.GeneralizedPareto.logSurvivalFunction': { self: () => new torch.distributions.GeneralizedPareto(0, 2, 0.1), args: () => ({ value: torch.tensor([0.5, 2]) }) },
  'distributions.transforms.StickBreakingTransform': { args: () => ({ cacheSize: 1 }), effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.tensor([0, 0])).tolist() },
  'distributions.transforms.ReshapeTransform': { args: () => ({ inShape: [2, 2], outShape: [4], cacheSize: 1 }), effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.eye(2)).tolist() },
  'distributions.transforms.CatTransform': {
    args: () => ({ tseq: [new torch.distributions.transforms.ExpTransform(), new torch.distributions.transforms.AffineTransform(1, 2)], dim: 0, lengths: [1, 2], cacheSize: 1 }),
    effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.tensor([0, 1, 2])).tolist(),
  },
  'distributions.transforms.StackTransform': {
    args: () => ({ tseq: [new torch.distributions.transforms.ExpTransform(), new torch.distributions.transforms.AffineTransform(1, 2)], dim: 0, cacheSize: 1 }),
    effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.tensor([0, 1])).tolist(),
  },
  'distributions.transforms.CumulativeDistributionTransform': { args: () => ({ distribution: new torch.distributions.Normal(0, 1), cacheSize: 1 }), effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.tensor([0])).tolist() },
  'distributions.transforms.LowerCholeskyTransform': { args: () => ({ cacheSize: 1 }), effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.eye(2)).tolist() },
  'distributions.transforms.CorrCholeskyTransform': { args: () => ({ cacheSize: 1 }), effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.tensor([0.5])).tolist() },
  'distributions.transforms.PositiveDefiniteTransform': { args: () => ({ cacheSize: 1 }), effect: (_, r) => (r as torch.distributions.transforms.Transform)(torch.eye(2)).tolist() },
  'distributions.kl.registerKl': {
    args: () => ({ typeP: class P extends torch.distributions.Normal {}, typeQ: class Q extends torch.distributions.Normal {}, fn: () => torch.tensor(1) }),
    effect: (a, r) => r === a.fn,
  },
  'distributions.bijectTo': { args: () => ({ constraint: torch.distributions.constraints.positive }), effect: (_, r) => String(r) },
  'distributions.transformTo': { args: () => ({ constraint: torch.distributions.constraints.simplex }), effect: (_, r) => String(r) },
  'distributions.constraintRegistry.ConstraintRegistry.register': {
    self: () => new torch.distributions.constraintRegistry.ConstraintRegistry('bijectTo'),
    args: () => ({ constraint: torch.distributions.constraints.positive, factory: () => new torch.distributions.transforms.ExpTransform() }),
    effect: (_, r) => typeof r,
  },
  'distributions.LKJCholesky': { args: () => ({ dim: 3, concentration: 2, validateArgs: true }), effect: (_, r) => String(r) },
  'distributions.Wishart': {
    args: () => ({ df: 4, covarianceMatrix: torch.eye(2), validateArgs: true }),
    effect: (_, r) => (r as torch.distributions.Distribution).mean.tolist(),
  },
  'distributions.Wishart.rsample': { self: () => new torch.distributions.Wishart(4, torch.eye(2)), args: () => ({ sampleShape: [3], maxTryCorrection: 2 }), effect: (_, r) => (r as torch.Tensor).shape },
  'distributions.constraints.greaterThan': { args: () => ({ lowerBound: 1 }), effect: (_, r) => String(r) },
  'distributions.constraints.greaterThanEq': { args: () => ({ lowerBound: 1 }), effect: (_, r) => String(r) },
  'distributions.constraints.lessThan': { args: () => ({ upperBound: 1 }), effect: (_, r) => String(r) },
  'distributions.constraints.interval': { args: () => ({ lowerBound: 1, upperBound: 2 }), effect: (_, r) => String(r) },
  'distributions.constraints.halfOpenInterval': { args: () => ({ lowerBound: 1, upperBound: 2 }), effect: (_, r) => String(r) },
  'distributions.constraints.integerInterval': { args: () => ({ lowerBound: 1, upperBound: 2 }), effect: (_, r) => String(r) },
  'distributions.constraints.multinomial': { args: () => ({ upperBound: 3 }), effect: (_, r) => (r as torch.distributions.constraints.Constraint).check(torch.tensor([1, 2])).item() },
  'distributions.constraints.independent': { args: () => ({ baseConstraint: torch.distributions.constraints.positive, reinterpretedBatchNdims: 1 }), effect: (_, r) => String(r) },
  'distributions.constraints.cat': { args: () => ({ cseq: [torch.distributions.constraints.positive, torch.distributions.constraints.real], dim: 0, lengths: [1, 1] }), effect: (_, r) => (r as torch.distributions.constraints.Constraint).check(torch.tensor([1, -2])).tolist() },
  'distributions.constraints.stack': { args: () => ({ cseq: [torch.distributions.constraints.positive, torch.distributions.constraints.real], dim: 0 }), effect: (_, r) => (r as torch.distributions.constraints.Constraint).check(torch.tensor([1, -2])).tolist() },
  'autograd.gradcheck': { args: () => ({ func: (x: torch.Tensor) => x.sin(), inputs: torch.rand(3, { dtype: torch.float64, requiresGrad: true }), eps: 1e-6, atol: 1e-5, fastMode: false }) },
  'autograd.gradgradcheck': { args: () => ({ func: (x: torch.Tensor) => x.square(), inputs: [torch.rand(2, { dtype: torch.float64, requiresGrad: true })], gradOutputs: [torch.ones(2, { dtype: torch.float64, requiresGrad: true })], rtol: 1e-3 }) },
  'autograd.functional.jacobian': { args: () => ({ func: (x: torch.Tensor) => x.exp(), inputs: torch.arange(3, { dtype: torch.float32 }), createGraph: false, strict: false, vectorize: true, strategy: 'forward-mode' }) },
  'autograd.functional.hessian': { args: () => ({ func: (x: torch.Tensor) => x.pow(3).sum(), inputs: torch.arange(3, { dtype: torch.float32 }), createGraph: false, strict: false }) },
  'autograd.functional.vjp': { args: () => ({ func: (x: torch.Tensor) => x.mul(3), inputs: torch.ones(2), v: torch.tensor([1, 2]), createGraph: false }) },
  'autograd.functional.jvp': { args: () => ({ func: (x: torch.Tensor) => x.mul(3), inputs: torch.ones(2), v: torch.tensor([1, 2]), strict: false }) },
  'autograd.functional.vhp': { args: () => ({ func: (x: torch.Tensor) => x.pow(3).sum(), inputs: torch.ones(2), v: torch.tensor([1, 2]) }) },
  'autograd.functional.hvp': { args: () => ({ func: (x: torch.Tensor) => x.pow(3).sum(), inputs: torch.ones(2), v: torch.tensor([1, 2]) }) },
  'utils.tensorboard.SummaryWriter': { args: () => ({ logDir: freshDir(), comment: '_c', maxQueue: 5, flushSecs: 10, filenameSuffix: '.s' }), effect: () => 'made' },
  'utils.tensorboard.SummaryWriter.addScalar': { self: () => new torch.utils.tensorboard.SummaryWriter(freshDir()), args: () => ({ tag: 'a', scalarValue: 1.5, globalStep: 2, walltime: 10, newStyle: true }), effect: () => 'written' },
  'utils.tensorboard.SummaryWriter.addScalars': { self: () => new torch.utils.tensorboard.SummaryWriter(freshDir()), args: () => ({ mainTag: 'm', tagScalarDict: { a: 1, b: 2 }, globalStep: 1 }), effect: () => 'written' },
  'utils.tensorboard.SummaryWriter.addHistogram': { self: () => new torch.utils.tensorboard.SummaryWriter(freshDir()), args: () => ({ tag: 'h', values: torch.arange(10, { dtype: torch.float32 }), globalStep: 1, bins: 4 }), effect: () => 'written' },
  'utils.tensorboard.SummaryWriter.addImage': { self: () => new torch.utils.tensorboard.SummaryWriter(freshDir()), args: () => ({ tag: 'i', imgTensor: torch.ones(4, 4, 3), globalStep: 1, dataformats: 'HWC' }), effect: () => 'written' },
  'utils.tensorboard.SummaryWriter.addImages': { self: () => new torch.utils.tensorboard.SummaryWriter(freshDir()), args: () => ({ tag: 'i', imgTensor: torch.ones(2, 3, 4, 4), globalStep: 1 }), effect: () => 'written' },
  'utils.tensorboard.SummaryWriter.addText': { self: () => new torch.utils.tensorboard.SummaryWriter(freshDir()), args: () => ({ tag: 't', textString: 'x', globalStep: 3 }), effect: () => 'written' },
  'utils.tensorboard.SummaryWriter.addHparams': { self: () => new torch.utils.tensorboard.SummaryWriter(freshDir()), args: () => ({ hparamDict: { lr: 0.1 }, metricDict: { acc: 0.5 }, runName: 'r' }), effect: () => 'written' },
  'nn.Module.cuda': { self: () => new torch.nn.Linear(2, 2), args: () => ({ device: 0 }), skip: 'needs a CUDA device (test/cuda.test.ts)' },
  'optim.Optimizer.zeroGrad': {
    self: () => {
      const o = sgd();
      for (const p of o.paramGroups[0].params) p.grad = torch.ones(p.shape);
      return o;
    },
    args: () => ({ setToNone: false }),
  },
  'optim.Optimizer.addParamGroup': { self: sgd, args: () => ({ paramGroup: { params: [new torch.nn.Parameter(torch.ones(1))], lr: 0.5 } }) },
  'optim.Optimizer.loadStateDict': { self: sgd, args: () => ({ stateDict: sgd().stateDict() }) },
  'distributed.initProcessGroup': {
    args: () => ({ backend: 'gloo', initMethod: `file://${freshFile('store')}`, worldSize: 1, rank: 0 }),
    effect: () => {
      const r = [dist.getRank(), dist.getWorldSize(), dist.getBackend()];
      dist.destroyProcessGroup();
      return r;
    },
    skip: distributed ? undefined : 'the addon was built without Gloo',
  },
  'distributed.newGroup': { args: () => ({ ranks: [0] }), effect: (_, r) => (r as { ranks: number[] }).ranks, skip: distributed ? undefined : 'no Gloo' },
  'distributed.allReduce': { args: () => ({ tensor: torch.ones(3), op: dist.ReduceOp.MAX, asyncOp: false }), effect: (a) => a.tensor, skip: distributed ? undefined : 'no Gloo' },
  'distributed.broadcast': { args: () => ({ tensor: torch.arange(3), src: 0 }), effect: (a) => a.tensor, skip: distributed ? undefined : 'no Gloo' },
  'distributed.reduce': { args: () => ({ tensor: torch.arange(3), dst: 0, op: dist.ReduceOp.SUM }), effect: (a) => a.tensor, skip: distributed ? undefined : 'no Gloo' },
  'distributed.allGather': { args: () => ({ tensorList: [torch.zeros(2)], tensor: torch.ones(2) }), effect: (a) => a.tensorList, skip: distributed ? undefined : 'no Gloo' },
  'distributed.gather': { args: () => ({ tensor: torch.ones(2), gatherList: [torch.zeros(2)], dst: 0 }), effect: (a) => a.gatherList, skip: distributed ? undefined : 'no Gloo' },
  'distributed.scatter': { args: () => ({ tensor: torch.zeros(2), scatterList: [torch.ones(2)], src: 0 }), effect: (a) => a.tensor, skip: distributed ? undefined : 'no Gloo' },
  'distributed.reduceScatter': { args: () => ({ output: torch.zeros(2), inputList: [torch.ones(2)] }), effect: (a) => a.output, skip: 'Gloo has no reduce_scatter (the NCCL backend has)' },
  'distributed.barrier': { args: () => ({ asyncOp: true }), effect: (_, r) => (r as { wait(): boolean }).wait(), skip: distributed ? undefined : 'no Gloo' },
  'jit.load': { args: () => ({ f: fixturePath('jit', 'traced.pt'), mapLocation: 'cpu' }), effect: (_, r) => String(r) },
  'jit.save': {
    args: () => ({ m: torch.jit.load(fixturePath('jit', 'traced.pt')), f: freshFile('pt') }),
    effect: (a) => String(torch.jit.load(a.f as string)),
  },
  'jit.trace': { args: () => ({ func: new torch.nn.Linear(3, 2), exampleInputs: torch.ones(1, 3) }), effect: (_, r) => (r as (x: torch.Tensor) => torch.Tensor)(torch.ones(1, 3)) },
  'hub.loadStateDictFromUrl': { args: () => ({ url: 'http://127.0.0.1:9/x.pth', progress: false }), skip: 'downloads (test/models.test.ts serves them)', async: true },
  'hub.downloadUrlToFile': { args: () => ({ url: 'http://127.0.0.1:9/x.pth', dst: freshFile('pth') }), skip: 'downloads (test/models.test.ts serves them)', async: true },
  'cuda.manualSeed': { args: () => ({ seed: 3 }), effect: () => torch.rand(2) },
  'nn.functional.linear': { args: () => ({ input: torch.randn(2, 4), weight: torch.randn(3, 4), bias: torch.randn(3) }) },
  'nn.functional.bilinear': { args: () => ({ input1: torch.randn(2, 3), input2: torch.randn(2, 4), weight: torch.randn(5, 3, 4), bias: torch.randn(5) }) },
  'nn.functional.conv1d': { args: () => ({ input: torch.randn(1, 2, 9), weight: torch.randn(4, 2, 3), stride: 2, padding: 1 }) },
  'nn.functional.conv2d': { args: () => ({ input: x4(), weight: torch.randn(4, 3, 3, 3), bias: torch.randn(4), stride: 1, padding: 'same', dilation: 2 }) },
  'nn.functional.conv3d': { args: () => ({ input: torch.randn(1, 2, 5, 5, 5), weight: torch.randn(2, 1, 3, 3, 3), groups: 2 }) },
  'nn.functional.convTranspose2d': { args: () => ({ input: x4(), weight: torch.randn(3, 2, 3, 3), stride: 2, padding: 1, outputPadding: 1 }) },
  'nn.functional.maxPool1d': { args: () => ({ input: torch.randn(1, 2, 9), kernelSize: 3, stride: 2, returnIndices: true }) },
  'nn.functional.maxPool2d': { args: () => ({ input: x4(), kernelSize: 2, padding: 1, ceilMode: true }) },
  'nn.functional.avgPool2d': { args: () => ({ input: x4(), kernelSize: 3, stride: 2, padding: 1, countIncludePad: false }) },
  'nn.functional.adaptiveAvgPool2d': { args: () => ({ input: x4(), outputSize: [2, 3] }) },
  'nn.functional.adaptiveMaxPool2d': { args: () => ({ input: x4(), outputSize: 3, returnIndices: true }) },
  'nn.functional.batchNorm': { args: () => ({ input: x4(), runningMean: torch.zeros(3), runningVar: torch.ones(3), weight: torch.randn(3), training: true, momentum: 0.2 }) },
  'nn.functional.layerNorm': { args: () => ({ input: x4(), normalizedShape: [8, 8], eps: 1e-3 }) },
  'nn.functional.groupNorm': { args: () => ({ input: torch.randn(2, 4, 3), numGroups: 2, weight: torch.randn(4) }) },
  'nn.functional.instanceNorm': { args: () => ({ input: x4(), weight: torch.randn(3), bias: torch.randn(3), eps: 1e-3 }) },
  'nn.functional.dropout': { args: () => ({ input: torch.ones(20), p: 0.4, training: true }) },
  'nn.functional.dropout2d': { args: () => ({ input: x4(), p: 0.5, training: true }) },
  'nn.functional.embedding': { args: () => ({ input: long(0, 2, 1, 3).view(2, 2), weight: torch.randn(4, 3), paddingIdx: 1 }) },
  'nn.functional.relu': { args: () => ({ input: torch.randn(5), inplace: false }) },
  'nn.functional.relu6': { args: () => ({ input: torch.randn(5).mul(10) }) },
  'nn.functional.leakyRelu': { args: () => ({ input: torch.randn(5), negativeSlope: 0.3 }) },
  'nn.functional.elu': { args: () => ({ input: torch.randn(5), alpha: 2 }) },
  'nn.functional.gelu': { args: () => ({ input: torch.randn(5), approximate: 'tanh' }) },
  'nn.functional.silu': { args: () => ({ input: torch.randn(5) }) },
  'nn.functional.mish': { args: () => ({ input: torch.randn(5) }) },
  'nn.functional.sigmoid': { args: () => ({ input: torch.randn(5) }) },
  'nn.functional.tanh': { args: () => ({ input: torch.randn(5) }) },
  'nn.functional.hardswish': { args: () => ({ input: torch.randn(5) }) },
  'nn.functional.softmax': { args: () => ({ input: torch.randn(2, 5), dim: 0, dtype: torch.float64 }) },
  'nn.functional.logSoftmax': { args: () => ({ input: torch.randn(2, 5), dim: 1 }) },
  'nn.functional.crossEntropy': { args: () => ({ input: torch.randn(4, 3), target: long(0, 2, 1, 1), weight: torch.tensor([1, 2, 3]), labelSmoothing: 0.2 }) },
  'nn.functional.nllLoss': { args: () => ({ input: torch.randn(4, 3).logSoftmax(1), target: long(0, 2, 1, 1), ignoreIndex: 2, reduction: 'sum' }) },
  'nn.functional.mseLoss': { args: () => ({ input: torch.randn(4), target: torch.randn(4), reduction: 'sum' }) },
  'nn.functional.l1Loss': { args: () => ({ input: torch.randn(4), target: torch.randn(4), reduction: 'none' }) },
  'nn.functional.smoothL1Loss': { args: () => ({ input: torch.randn(4), target: torch.randn(4), beta: 0.5 }) },
  'nn.functional.huberLoss': { args: () => ({ input: torch.randn(4), target: torch.randn(4), delta: 0.5 }) },
  'nn.functional.binaryCrossEntropy': { args: () => ({ input: torch.rand(4), target: torch.rand(4), weight: torch.rand(4) }) },
  'nn.functional.binaryCrossEntropyWithLogits': { args: () => ({ input: torch.randn(4), target: torch.rand(4), posWeight: torch.rand(4) }) },
  'nn.functional.celu': { args: () => ({ input: torch.randn(5), alpha: 0.5 }) },
  'nn.functional.glu': { args: () => ({ input: torch.randn(2, 4), dim: 0 }) },
  'nn.functional.hardshrink': { args: () => ({ input: torch.randn(5), lambd: 0.3 }) },
  'nn.functional.hardsigmoid': { args: () => ({ input: torch.randn(5), inplace: false }) },
  'nn.functional.hardtanh': { args: () => ({ input: torch.randn(5), minVal: -0.5, maxVal: 0.5 }) },
  'nn.functional.logsigmoid': { args: () => ({ input: torch.randn(5) }) },
  'nn.functional.prelu': { args: () => ({ input: torch.randn(2, 3), weight: torch.tensor([0.1, 0.2, 0.3]) }) },
  'nn.functional.rrelu': { args: () => ({ input: torch.randn(5), lower: 0.1, upper: 0.2, training: true }) },
  'nn.functional.selu': { args: () => ({ input: torch.randn(5) }) },
  'nn.functional.softmin': { args: () => ({ input: torch.randn(2, 3), dim: 1, dtype: torch.float64 }) },
  'nn.functional.softplus': { args: () => ({ input: torch.randn(5), beta: 2, threshold: 1 }) },
  'nn.functional.softshrink': { args: () => ({ input: torch.randn(5), lambd: 0.3 }) },
  'nn.functional.softsign': { args: () => ({ input: torch.randn(5) }) },
  'nn.functional.tanhshrink': { args: () => ({ input: torch.randn(5) }) },
  'nn.functional.threshold': { args: () => ({ input: torch.randn(5), threshold: 0.1, value: 20 }) },
  'nn.functional.cosineEmbeddingLoss': { args: () => ({ input1: torch.randn(4, 5), input2: torch.randn(4, 5), target: torch.tensor([1, -1, 1, -1]), margin: 0.2, reduction: 'sum' }) },
  'nn.functional.ctcLoss': {
    args: () => ({ logProbs: torch.randn(6, 2, 4).logSoftmax(2), targets: long(1, 2, 2, 1, 3, 0).reshape(2, 3), inputLengths: long(6, 5), targetLengths: long(3, 2), blank: 0, reduction: 'sum' }),
  },
  'nn.functional.gaussianNllLoss': { args: () => ({ input: torch.randn(4, 3), target: torch.randn(4, 3), var: torch.rand(4, 3).add(0.1), full: true, eps: 1e-3 }) },
  'nn.functional.hingeEmbeddingLoss': { args: () => ({ input: torch.randn(4), target: torch.tensor([1, -1, 1, -1]), margin: 0.5 }) },
  'nn.functional.marginRankingLoss': { args: () => ({ input1: torch.randn(4), input2: torch.randn(4), target: torch.tensor([1, -1, 1, -1]), margin: 0.1 }) },
  'nn.functional.multilabelMarginLoss': { args: () => ({ input: torch.randn(2, 4), target: long(3, 0, -1, 1, 1, 2, 3, -1).reshape(2, 4), reduction: 'sum' }) },
  'nn.functional.multilabelSoftMarginLoss': { args: () => ({ input: torch.randn(3, 4), target: torch.tensor([[1, 0, 1, 0], [0, 0, 1, 1], [1, 1, 0, 0]]), weight: torch.tensor([1, 2, 3, 4]) }) },
  'nn.functional.multiMarginLoss': { args: () => ({ input: torch.randn(4, 5), target: long(1, 0, 4, 2), p: 2, margin: 0.5 }) },
  'nn.functional.poissonNllLoss': { args: () => ({ input: torch.randn(4, 5), target: torch.rand(4, 5).mul(3), logInput: true, full: true }) },
  'nn.functional.softMarginLoss': { args: () => ({ input: torch.randn(4), target: torch.tensor([1, -1, 1, -1]), reduction: 'none' }) },
  'nn.functional.tripletMarginLoss': { args: () => ({ anchor: torch.randn(4, 5), positive: torch.randn(4, 5), negative: torch.randn(4, 5), margin: 0.5, p: 1, swap: true }) },
  'nn.functional.tripletMarginWithDistanceLoss': {
    args: () => ({ anchor: torch.randn(4, 5), positive: torch.randn(4, 5), negative: torch.randn(4, 5), distanceFunction: (a: torch.Tensor, b: torch.Tensor) => torch.nn.functional.cosineSimilarity(a, b).neg(), margin: 0.3 }),
  },
  'nn.functional.avgPool1d': { args: () => ({ input: torch.randn(2, 3, 8), kernelSize: 3, stride: 2, padding: 1 }) },
  'nn.functional.avgPool3d': { args: () => ({ input: torch.randn(1, 2, 3, 3, 3), kernelSize: 2, stride: 1, divisorOverride: 3 }) },
  'nn.functional.maxPool3d': { args: () => ({ input: torch.randn(1, 2, 3, 3, 3), kernelSize: 2, stride: 1, padding: 1, returnIndices: true }) },
  'nn.functional.adaptiveAvgPool1d': { args: () => ({ input: torch.randn(2, 3, 7), outputSize: 3 }) },
  'nn.functional.adaptiveAvgPool3d': { args: () => ({ input: torch.randn(1, 2, 3, 4, 5), outputSize: [2, 1, 2] }) },
  'nn.functional.adaptiveMaxPool1d': { args: () => ({ input: torch.randn(2, 3, 7), outputSize: 3, returnIndices: true }) },
  'nn.functional.adaptiveMaxPool3d': { args: () => ({ input: torch.randn(1, 2, 3, 4, 5), outputSize: 2, returnIndices: true }) },
  'nn.functional.lpPool1d': { args: () => ({ input: torch.randn(2, 3, 8), normType: 2, kernelSize: 3, stride: 2 }) },
  'nn.functional.lpPool2d': { args: () => ({ input: torch.rand(1, 2, 4, 4), normType: 3, kernelSize: 2 }) },
  'nn.functional.lpPool3d': { args: () => ({ input: torch.rand(1, 1, 4, 4, 4), normType: 2, kernelSize: 2, ceilMode: true }) },
  'nn.functional.maxUnpool1d': {
    args: () => {
      const [out, idx] = torch.nn.functional.maxPool1d(torch.randn(1, 2, 8), 2, { returnIndices: true }) as unknown as torch.Tensor[];
      return { input: out, indices: idx, kernelSize: 2, stride: 2, padding: 0 };
    },
  },
  'nn.functional.maxUnpool2d': {
    args: () => {
      const [out, idx] = torch.nn.functional.maxPool2d(torch.randn(1, 2, 4, 4), 2, { returnIndices: true }) as unknown as torch.Tensor[];
      return { input: out, indices: idx, kernelSize: 2, outputSize: [4, 4] };
    },
  },
  'nn.functional.maxUnpool3d': {
    args: () => {
      const [out, idx] = torch.nn.functional.maxPool3d(torch.randn(1, 1, 4, 4, 4), 2, { returnIndices: true }) as unknown as torch.Tensor[];
      return { input: out, indices: idx, kernelSize: 2, stride: 2 };
    },
  },
  'nn.functional.fractionalMaxPool2d': { args: () => ({ input: torch.randn(1, 2, 8, 8), kernelSize: 2, outputSize: 4, returnIndices: true }) },
  'nn.functional.fractionalMaxPool3d': { args: () => ({ input: torch.randn(1, 1, 6, 6, 6), kernelSize: 2, outputRatio: 0.5 }) },
  'nn.functional.convTranspose1d': { args: () => ({ input: torch.randn(1, 2, 5), weight: torch.randn(2, 3, 3), bias: torch.randn(3), stride: 2, outputPadding: 1 }) },
  'nn.functional.convTranspose3d': { args: () => ({ input: torch.randn(1, 2, 3, 3, 3), weight: torch.randn(2, 1, 2, 2, 2), stride: 2, groups: 1 }) },
  'nn.functional.pixelShuffle': { args: () => ({ input: torch.randn(1, 8, 2, 3), upscaleFactor: 2 }) },
  'nn.functional.pixelUnshuffle': { args: () => ({ input: torch.randn(1, 2, 4, 6), downscaleFactor: 2 }) },
  'nn.functional.channelShuffle': { args: () => ({ input: torch.randn(1, 4, 2, 2), groups: 2 }) },
  'nn.functional.fold': { args: () => ({ input: torch.randn(1, 12, 12), outputSize: [4, 5], kernelSize: [2, 2] }) },
  'nn.functional.unfold': { args: () => ({ input: torch.randn(1, 3, 4, 5), kernelSize: [2, 3], padding: 1, stride: 2 }) },
  'nn.functional.cosineSimilarity': { args: () => ({ x1: torch.randn(4, 5), x2: torch.randn(4, 5), dim: 0, eps: 1e-6 }) },
  'nn.functional.pairwiseDistance': { args: () => ({ x1: torch.randn(4, 5), x2: torch.randn(4, 5), p: 1.5, keepdim: true }) },
  'nn.functional.localResponseNorm': { args: () => ({ input: torch.randn(2, 5, 3, 3), size: 3, alpha: 1e-2, k: 2 }) },
  'nn.functional.rmsNorm': { args: () => ({ input: torch.randn(3, 4), normalizedShape: [4], weight: torch.rand(4), eps: 1e-5 }) },
  'nn.functional.alphaDropout': { args: () => ({ input: torch.randn(3, 4), p: 0.2, training: true }) },
  'nn.functional.featureAlphaDropout': { args: () => ({ input: torch.randn(2, 3, 4), p: 0.2, training: true }) },
  'nn.functional.dropout1d': { args: () => ({ input: torch.randn(2, 3, 4), p: 0.3, training: true }) },
  'nn.functional.dropout3d': { args: () => ({ input: torch.randn(1, 2, 2, 2, 2), p: 0.3, training: true }) },
  'nn.functional.embeddingBag': { args: () => ({ input: long(1, 2, 4, 5, 4, 3, 2, 9), weight: torch.randn(10, 3), offsets: long(0, 4), mode: 'sum', perSampleWeights: torch.rand(8) }) },
  'nn.functional.multiHeadAttentionForward': {
    args: () => ({
      query: torch.randn(3, 2, 4), key: torch.randn(5, 2, 4), value: torch.randn(5, 2, 4), embedDimToCheck: 4, numHeads: 2,
      inProjWeight: torch.randn(12, 4), inProjBias: torch.randn(12), biasK: null, biasV: null, addZeroAttn: true, dropoutP: 0.0,
      outProjWeight: torch.randn(4, 4), outProjBias: torch.randn(4), training: false, keyPaddingMask: null, needWeights: true,
      attnMask: null, useSeparateProjWeight: false, qProjWeight: null, kProjWeight: null, vProjWeight: null, staticK: null,
      staticV: null, averageAttnWeights: false, isCausal: false,
    }),
  },
  'nn.utils.convertConv2dWeightMemoryFormat': { args: () => ({ module: new torch.nn.Conv2d(2, 3, 3), memoryFormat: torch.channelsLast }), effect: (a) => ((a.module as torch.nn.Conv2d).weight.stride()) },
  'nn.utils.convertConv3dWeightMemoryFormat': { args: () => ({ module: new torch.nn.Conv3d(2, 3, 3), memoryFormat: torch.channelsLast3d }), effect: (a) => ((a.module as torch.nn.Conv3d).weight.stride()) },
  'nn.functional.linearCrossEntropy': { args: () => ({ input: torch.randn(3, 4), linearWeight: torch.randn(5, 4), target: torch.tensor([0n, 4n, 2n]), linearBias: torch.randn(5), weight: torch.rand(5), reduction: 'sum', ignoreIndex: 2, labelSmoothing: 0.2, options: null }) },
  'nn.functional.scaledDotProductAttention': { args: () => ({ query: torch.randn(2, 3, 4), key: torch.randn(2, 5, 4), value: torch.randn(2, 5, 4), isCausal: true, scale: 0.3 }) },
  'nn.functional.affineGrid': { args: () => ({ theta: torch.randn(2, 2, 3), size: [2, 1, 4, 5], alignCorners: true }) },
  'nn.functional.gridSample': { args: () => ({ input: torch.randn(1, 2, 4, 4), grid: torch.rand(1, 3, 3, 2).mul(2).sub(1), mode: 'nearest', paddingMode: 'border', alignCorners: false }) },
  'nn.functional.gumbelSoftmax': { args: () => ({ logits: torch.randn(3, 4), tau: 0.5, hard: true, dim: 0 }) },
  'nn.functional.pdist': { args: () => ({ input: torch.randn(4, 3), p: 1 }) },
  'nn.functional.klDiv': { args: () => ({ input: torch.randn(2, 3).logSoftmax(1), target: torch.rand(2, 3), reduction: 'batchmean' }) },
  'nn.functional.pad': { args: () => ({ input: x4(), pad: [1, 2], mode: 'constant', value: 3 }) },
  'nn.functional.interpolate': { args: () => ({ input: x4(), scaleFactor: 2, mode: 'bilinear', alignCorners: true }) },
  'nn.functional.oneHot': { args: () => ({ tensor: long(0, 2), numClasses: 4 }) },
  'nn.functional.normalize': { args: () => ({ input: torch.randn(3, 4), p: 1, dim: 0 }) },
  'nn.init.calculateGain': { args: () => ({ nonlinearity: 'leaky_relu', param: 0.2 }) },
  'nn.init.uniform_': { args: () => ({ tensor: torch.empty(5), a: -2, b: 3 }) },
  'nn.init.normal_': { args: () => ({ tensor: torch.empty(5), mean: 1, std: 0.1 }) },
  'nn.init.truncNormal_': { args: () => ({ tensor: torch.empty(5), std: 2, a: -1, b: 1 }) },
  'nn.init.constant_': { args: () => ({ tensor: torch.empty(5), val: 0.3 }) },
  'nn.init.ones_': { args: () => ({ tensor: torch.empty(5) }) },
  'nn.init.zeros_': { args: () => ({ tensor: torch.empty(5) }) },
  'nn.init.xavierUniform_': { args: () => ({ tensor: torch.empty(3, 5), gain: 2 }) },
  'nn.init.xavierNormal_': { args: () => ({ tensor: torch.empty(3, 5), gain: 0.5 }) },
  'nn.init.kaimingUniform_': { args: () => ({ tensor: torch.empty(3, 5), a: 1, mode: 'fan_out', nonlinearity: 'relu' }) },
  'nn.init.kaimingNormal_': { args: () => ({ tensor: torch.empty(3, 5), mode: 'fan_in' }) },
  'nn.init.orthogonal_': { args: () => ({ tensor: torch.empty(3, 5), gain: 2 }) },
  'nn.init.eye_': { args: () => ({ tensor: torch.empty(3, 5) }) },
  'nn.init.dirac_': { args: () => ({ tensor: torch.empty(4, 2, 3), groups: 2 }) },
  'nn.init.sparse_': { args: () => ({ tensor: torch.empty(5, 3), sparsity: 0.4, std: 0.5 }) },
  'nn.utils.rnn.padSequence': { args: () => ({ sequences: [torch.randn(3, 2), torch.randn(1, 2)], batchFirst: true, paddingValue: -1, paddingSide: 'left' }) },
  'nn.utils.rnn.packPaddedSequence': { args: () => ({ input: torch.randn(4, 3, 2), lengths: [2, 4, 1], batchFirst: false, enforceSorted: false }) },
  'nn.utils.rnn.padPackedSequence': {
    args: () => ({ sequence: torch.nn.utils.rnn.packSequence([torch.randn(3, 2), torch.randn(1, 2)]), batchFirst: true, paddingValue: 9, totalLength: 4 }),
  },
  'nn.utils.rnn.packSequence': { args: () => ({ sequences: [torch.randn(1, 2), torch.randn(3, 2)], enforceSorted: false }) },
  'nn.utils.rnn.unpadSequence': { args: () => ({ paddedSequences: torch.randn(3, 2, 2), lengths: long(3, 1), batchFirst: false }) },
  'nn.utils.rnn.unpackSequence': { args: () => ({ packedSequences: torch.nn.utils.rnn.packSequence([torch.randn(3, 2), torch.randn(1, 2)]) }) },
  'nn.utils.weightNorm': { args: () => ({ module: new torch.nn.Linear(3, 2), name: 'weight', dim: 1 }) },
  'nn.utils.removeWeightNorm': { args: () => ({ module: torch.nn.utils.weightNorm(new torch.nn.Linear(3, 2)), name: 'weight' }) },
  'nn.utils.spectralNorm': { args: () => ({ module: new torch.nn.Linear(3, 2), name: 'weight', nPowerIterations: 2, eps: 1e-6, dim: 0 }) },
  'nn.utils.removeSpectralNorm': { args: () => ({ module: torch.nn.utils.spectralNorm(new torch.nn.Linear(3, 2)), name: 'weight' }) },
  'nn.utils.skipInit': { args: () => ({ moduleCls: torch.nn.Linear, args: [3, 2], bias: false }) },
  'nn.utils.fuseConvBnWeights': {
    args: () => ({ convW: torch.randn(3, 2, 2), convB: torch.randn(3), bnRm: torch.randn(3), bnRv: torch.rand(3).add(0.5), bnEps: 1e-5, bnW: torch.randn(3), bnB: null, transpose: false }),
  },
  'nn.utils.fuseLinearBnWeights': {
    args: () => ({ linearW: torch.randn(3, 2), linearB: null, bnRm: torch.randn(3), bnRv: torch.rand(3).add(0.5), bnEps: 1e-5, bnW: torch.randn(3), bnB: torch.randn(3) }),
  },
  'nn.utils.getTotalNorm': { args: () => ({ tensors: [torch.randn(3), torch.randn(2, 2)], normType: 1, errorIfNonfinite: true }) },
  'nn.utils.clipGradsWithNorm_': {
    args: () => {
      const ps = withGrads();
      return { parameters: ps, maxNorm: 1, totalNorm: torch.nn.utils.getTotalNorm(ps.map((p) => p.grad!)) };
    },
    effect: (a) => (a.parameters as torch.Tensor[]).map((p) => p.grad),
  },
  'nn.utils.clipGradNorm_': { args: () => ({ parameters: withGrads(), maxNorm: 1, normType: 1 }) },
  'nn.utils.clipGradValue_': { args: () => ({ parameters: withGrads(), clipValue: 0.5 }), effect: (a) => (a.parameters as torch.Tensor[]).map((p) => p.grad) },
  'nn.utils.parametersToVector': { args: () => ({ parameters: params() }) },
  'nn.utils.vectorToParameters': { args: () => ({ vec: torch.arange(7).float(), parameters: params() }), effect: (a) => a.parameters },
  'optim.SGD': { args: () => ({ params: params(), lr: 0.1, momentum: 0.9, dampening: 0, weightDecay: 1e-4, nesterov: true }) },
  'optim.Adam': { args: () => ({ params: params(), lr: 0.01, betas: [0.8, 0.9], eps: 1e-6, amsgrad: true }) },
  'optim.AdamW': { args: () => ({ params: params(), lr: 0.01, weightDecay: 0.1 }) },
  'optim.RMSprop': { args: () => ({ params: params(), lr: 0.02, alpha: 0.9, momentum: 0.1, centered: true }) },
  'optim.Adagrad': { args: () => ({ params: params(), lr: 0.1, lrDecay: 0.01, initialAccumulatorValue: 0.1 }) },
  'optim.Adadelta': { args: () => ({ params: params(), lr: 0.5, rho: 0.8, weightDecay: 0.01 }) },
  'optim.Adamax': { args: () => ({ params: params(), lr: 0.01, betas: [0.8, 0.99], eps: 1e-6 }) },
  'optim.ASGD': { args: () => ({ params: params(), lr: 0.05, lambd: 1e-3, t0: 3 }) },
  'optim.NAdam': { args: () => ({ params: params(), lr: 0.05, momentumDecay: 0.01, decoupledWeightDecay: true, weightDecay: 0.1 }) },
  'optim.Adafactor': { args: () => ({ params: params(), lr: 0.05, beta2Decay: -0.6, eps: [null, 1e-3], d: 1.5, weightDecay: 0.1, foreach: null, maximize: true }) },
  'optim.Muon': { args: () => ({ params: [new torch.nn.Parameter(torch.randn(3, 2))], lr: 0.05, weightDecay: 0.01, momentum: 0.9, nesterov: false, nsCoefficients: [3.4445, -4.775, 2.0315], eps: 1e-6, nsSteps: 4, adjustLrFn: 'original' }) },
  'optim.RAdam': { args: () => ({ params: params(), lr: 0.05, betas: [0.5, 0.6], decoupledWeightDecay: true }) },
  'optim.Rprop': { args: () => ({ params: params(), lr: 0.05, etas: [0.4, 1.1], stepSizes: [1e-5, 10] }) },
  'optim.LBFGS': { args: () => ({ params: params(), lr: 0.5, maxIter: 5, historySize: 3 }) },
  'optim.lrScheduler.StepLR': { args: () => ({ optimizer: sgd(), stepSize: 1, gamma: 0.7 }) },
  'optim.lrScheduler.MultiStepLR': { args: () => ({ optimizer: sgd(), milestones: [1, 2], gamma: 0.5 }) },
  'optim.lrScheduler.ExponentialLR': { args: () => ({ optimizer: sgd(), gamma: 0.9 }) },
  'optim.lrScheduler.CosineAnnealingLR': { args: () => ({ optimizer: sgd(), TMax: 4, etaMin: 0.01 }) },
  'optim.lrScheduler.LinearLR': { args: () => ({ optimizer: sgd(), startFactor: 0.5, endFactor: 1, totalIters: 3 }) },
  'optim.lrScheduler.LambdaLR': { args: () => ({ optimizer: sgd(), lrLambda: (e: number) => 0.9 ** e }) },
  'optim.lrScheduler.OneCycleLR': { args: () => ({ optimizer: sgd(), maxLr: 1, totalSteps: 10, pctStart: 0.4, annealStrategy: 'linear' }) },
  'optim.lrScheduler.ReduceLROnPlateau': { args: () => ({ optimizer: sgd(), mode: 'max', factor: 0.5, patience: 0 }) },
  'optim.lrScheduler.SequentialLR': {
    args: () => {
      const optimizer = sgd();
      return { optimizer, schedulers: [new torch.optim.lrScheduler.ExponentialLR(optimizer, 0.9), new torch.optim.lrScheduler.StepLR(optimizer, 1)], milestones: [2] };
    },
  },
  'optim.lrScheduler.MultiplicativeLR': { args: () => ({ optimizer: sgd(), lrLambda: () => 0.9, lastEpoch: -1 }) },
  'optim.lrScheduler.ConstantLR': { args: () => ({ optimizer: sgd(), factor: 0.5, totalIters: 2 }) },
  'optim.lrScheduler.PolynomialLR': { args: () => ({ optimizer: sgd(), totalIters: 4, power: 2 }) },
  'optim.lrScheduler.CosineAnnealingWarmRestarts': { args: () => ({ optimizer: sgd(), T_0: 2, TMult: 2, etaMin: 0.01 }) },
  'optim.lrScheduler.CyclicLR': { args: () => ({ optimizer: sgd(), baseLr: 0.01, maxLr: 0.1, stepSizeUp: 2, mode: 'triangular2', baseMomentum: 0.7 }) },
  'optim.lrScheduler.ChainedScheduler': {
    args: () => {
      const optimizer = sgd();
      return { schedulers: [new torch.optim.lrScheduler.ConstantLR(optimizer, 0.5, 2), new torch.optim.lrScheduler.ExponentialLR(optimizer, 0.9)], optimizer };
    },
  },
  'utils.data.DataLoader': { args: () => ({ dataset: tensors(), batchSize: 3, shuffle: true, dropLast: true }) },
  'utils.data.TensorDataset': { args: () => ({ tensors: [torch.arange(4), torch.arange(4).neg()] }) },
  'utils.data.Subset': { args: () => ({ dataset: tensors(), indices: [3, 1] }) },
  'utils.data.ConcatDataset': { args: () => ({ datasets: [tensors(), tensors()] }) },
  'utils.data.randomSplit': { args: () => ({ dataset: tensors(), lengths: [0.3, 0.7], generator: new torch.Generator().manualSeed(1) }) },
  'utils.data.SequentialSampler': { args: () => ({ dataSource: tensors() }) },
  'utils.data.RandomSampler': { args: () => ({ dataSource: tensors(), replacement: true, numSamples: 4 }) },
  'utils.data.SubsetRandomSampler': { args: () => ({ indices: [5, 6, 7], generator: new torch.Generator().manualSeed(2) }) },
  'utils.data.WeightedRandomSampler': { args: () => ({ weights: [0.1, 0.5, 0.4], numSamples: 5, replacement: true }) },
  'utils.data.BatchSampler': { args: () => ({ sampler: [0, 1, 2, 3, 4], batchSize: 2, dropLast: true }) },
  'utils.data.DistributedSampler': { args: () => ({ dataset: tensors(), numReplicas: 2, rank: 1, shuffle: true, seed: 3 }) },
  'torchvision.datasets.FakeData': {
    args: () => ({ size: 4, imageSize: [3, 5, 6], numClasses: 5, transform: new T.ToTensor(), targetTransform: (y: torch.Tensor) => y.mul(2), randomOffset: 7 }),
    effect: (_, d) => (d as torchvision.datasets.FakeData).getItem(2),
  },
  'torchvision.datasets.MNIST': { args: () => ({ root: mnistRoot, train: true, transform: new T.ToTensor() }) },
  'torchvision.datasets.FashionMNIST': { args: () => ({ root: mnistRoot, train: true, targetTransform: (y: number) => y + 1 }) },
  'torchvision.datasets.KMNIST': { args: () => ({ root: mnistRoot, train: true, download: false }) },
  'torchvision.datasets.CIFAR10': { args: () => ({ root: tmp, train: false }), skip: 'needs the CIFAR-10 files (test/cifar.test.ts serves them)' },
  'torchvision.datasets.CIFAR100': { args: () => ({ root: tmp, train: false }), skip: 'needs the CIFAR-100 files (test/cifar.test.ts serves them)' },
  'torchvision.datasets.ImageFolder': { args: () => ({ root: folderRoot, transform: new T.ToTensor(), targetTransform: (y: number) => -y }) },
  'torchvision.datasets.DatasetFolder': { args: () => ({ root: folderRoot, loader: (p: string) => path.basename(p), extensions: ['.png'] }) },
  'torchvision.datasets.ImageNet': { args: () => ({ root: imagenetRoot, split: 'val', transform: new T.PILToTensor() }) },
  'torchvision.transforms.Compose': { args: () => ({ transforms: [new T.ToTensor(), new T.Normalize([0.5], [0.5])] }) },
  'torchvision.transforms.ToTensor': { args: () => ({}) },
  'torchvision.transforms.PILToTensor': { args: () => ({}) },
  'torchvision.transforms.ConvertImageDtype': { args: () => ({ dtype: torch.float64 }), input: () => image },
  'torchvision.transforms.Normalize': { args: () => ({ mean: [0.1, 0.2, 0.3], std: [0.5, 0.5, 0.5], inplace: false }), input: floatImage },
  'torchvision.transforms.Resize': { args: () => ({ size: [4, 6], interpolation: 'nearest', antialias: false }) },
  'torchvision.transforms.CenterCrop': { args: () => ({ size: 5 }) },
  'torchvision.transforms.Pad': { args: () => ({ padding: [1, 2], fill: 3, paddingMode: 'constant' }) },
  'torchvision.transforms.RandomCrop': { args: () => ({ size: 6, padding: 2, padIfNeeded: true, fill: 1, paddingMode: 'reflect' }) },
  'torchvision.transforms.RandomResizedCrop': { args: () => ({ size: 4, scale: [0.5, 1], ratio: [0.8, 1.2] }) },
  'torchvision.transforms.RandomHorizontalFlip': { args: () => ({ p: 0.7 }) },
  'torchvision.transforms.RandomVerticalFlip': { args: () => ({ p: 0.2 }) },
  'torchvision.transforms.RandomRotation': { args: () => ({ degrees: 30, interpolation: 'bilinear', expand: true, fill: 1 }) },
  'torchvision.transforms.RandomAffine': { args: () => ({ degrees: 10, translate: [0.1, 0.1], scale: [0.9, 1.1], shear: 5, fillMode: 'nearest' }) },
  'torchvision.transforms.ColorJitter': { args: () => ({ brightness: 0.4, contrast: 0.3, saturation: 0.2, hue: 0.1 }) },
  'torchvision.transforms.Grayscale': { args: () => ({ numOutputChannels: 3 }) },
  'torchvision.transforms.RandomGrayscale': { args: () => ({ p: 0.5 }) },
  'torchvision.transforms.GaussianBlur': { args: () => ({ kernelSize: 3, sigma: [0.5, 1.5] }) },
  'torchvision.transforms.RandomErasing': { args: () => ({ p: 1, scale: [0.1, 0.3], value: 0.5 }), input: floatImage },
  'torchvision.transforms.Lambda': { args: () => ({ lambd: (x: torch.Tensor) => x.flip(-1) }), input: floatImage },
  'torchvision.transforms.RandomApply': { args: () => ({ transforms: [new T.RandomHorizontalFlip(1)], p: 0.6 }) },
  'torchvision.transforms.RandomChoice': { args: () => ({ transforms: [new T.RandomHorizontalFlip(1), new T.RandomVerticalFlip(1)], p: [0.3, 0.7] }) },
  'torchvision.transforms.RandomInvert': { args: () => ({ p: 0.7 }) },
  'torchvision.transforms.RandomPosterize': { args: () => ({ bits: 3, p: 0.7 }) },
  'torchvision.transforms.RandomSolarize': { args: () => ({ threshold: 100, p: 0.7 }) },
  'torchvision.transforms.RandomAutocontrast': { args: () => ({ p: 0.7 }) },
  'torchvision.transforms.RandomEqualize': { args: () => ({ p: 0.7 }) },
  'torchvision.transforms.RandomOrder': { args: () => ({ transforms: [new T.RandomHorizontalFlip(1), new T.RandomInvert(1)] }) },
  'torchvision.transforms.FiveCrop': { args: () => ({ size: [3, 4] }) },
  'torchvision.transforms.TenCrop': { args: () => ({ size: 3, verticalFlip: true }) },
  'torchvision.transforms.functional.invert': { args: () => ({ img: image }) },
  'torchvision.transforms.functional.posterize': { args: () => ({ img: image, bits: 3 }) },
  'torchvision.transforms.functional.solarize': { args: () => ({ img: image, threshold: 120 }) },
  'torchvision.transforms.functional.autocontrast': { args: () => ({ img: image }) },
  'torchvision.transforms.functional.equalize': { args: () => ({ img: image }) },
  'torchvision.transforms.RandomPerspective': { args: () => ({ distortionScale: 0.4, p: 0.8, interpolation: 'nearest', fill: 3 }) },
  'torchvision.transforms.ElasticTransform': { args: () => ({ alpha: 10, sigma: 1.0, interpolation: 'nearest', fill: 2 }) },
  'torchvision.transforms.RandomAdjustSharpness': { args: () => ({ sharpnessFactor: 2, p: 0.7 }) },
  'torchvision.transforms.functional.perspective': {
    args: () => ({ img: image, startpoints: [[0, 0], [7, 0], [7, 7], [0, 7]], endpoints: [[1, 0], [7, 1], [6, 7], [0, 6]], interpolation: 'nearest', fill: [1, 2, 3] }),
  },
  'torchvision.transforms.functional.elasticTransform': { args: () => ({ img: image, displacement: torch.full([1, 8, 8, 2], 0.1), interpolation: 'bilinear', fill: [4] }) },
  'torchvision.transforms.functional.adjustSharpness': { args: () => ({ img: image, sharpnessFactor: 1.5 }) },
  'torchvision.transforms.ToPILImage': { args: () => ({ mode: 'RGB' }), input: floatImage, effect: (_, r) => String(r) },
  'torchvision.transforms.LinearTransformation': {
    args: () => ({ transformationMatrix: torch.eye(12).mul(2), meanVector: torch.linspace(0, 1, 12) }),
    input: () => torch.rand(3, 2, 2),
    effect: (_, r) => String(r),
  },
  'torchvision.transforms.functional.pad': { args: () => ({ img: image, padding: [1, 2, 3, 4], fill: 5, paddingMode: 'constant' }) },
  'torchvision.transforms.functional.centerCrop': { args: () => ({ img: image, outputSize: [3, 4] }) },
  'torchvision.transforms.functional.normalize': { args: () => ({ tensor: floatImage(), mean: [0.1, 0.2, 0.3], std: [0.5, 0.5, 0.5], inplace: false }) },
  'torchvision.transforms.functional.toTensor': { args: () => ({ pic: image.permute(1, 2, 0).contiguous() }) },
  'torchvision.transforms.functional.crop': { args: () => ({ img: image, top: 1, left: 2, height: 3, width: 4 }) },
  'torchvision.transforms.functional.hflip': { args: () => ({ img: image }) },
  'torchvision.transforms.functional.vflip': { args: () => ({ img: image }) },
  'torchvision.transforms.functional.resize': { args: () => ({ img: image, size: [5, 3], interpolation: 'bicubic', antialias: true }) },
  'torchvision.transforms.functional.resizedCrop': { args: () => ({ img: image, top: 0, left: 1, height: 6, width: 6, size: 3 }) },
  'torchvision.transforms.functional.rotate': { args: () => ({ img: image, angle: 45, expand: true, fill: [1, 2, 3] }) },
  'torchvision.transforms.functional.affine': { args: () => ({ img: image, angle: 10, translate: [1, 2], scale: 1.1, shear: [5, 3], interpolation: 'bilinear' }) },
  'torchvision.transforms.functional.adjustBrightness': { args: () => ({ img: image, brightnessFactor: 1.5 }) },
  'torchvision.transforms.functional.adjustContrast': { args: () => ({ img: image, contrastFactor: 0.5 }) },
  'torchvision.transforms.functional.adjustSaturation': { args: () => ({ img: image, saturationFactor: 2 }) },
  'torchvision.transforms.functional.adjustHue': { args: () => ({ img: image, hueFactor: 0.2 }) },
  'torchvision.transforms.functional.gaussianBlur': { args: () => ({ img: image, kernelSize: [3, 5], sigma: 1 }) },
  'torchvision.io.readFile': { args: () => ({ path: pngPath }) },
  'torchvision.io.readImage': { args: () => ({ path: pngPath, mode: torchvision.io.ImageReadMode.GRAY }) },
  'torchvision.io.decodeImage': { args: () => ({ input: torchvision.io.readFile(pngPath), mode: torchvision.io.ImageReadMode.RGB }) },
  'torchvision.io.decodeJpeg': { args: () => ({ input: torchvision.io.encodeJpeg(image, 90), mode: torchvision.io.ImageReadMode.GRAY, device: 'cpu' }) },
  'torchvision.io.decodePng': { args: () => ({ input: torchvision.io.readFile(pngPath) }) },
  'torchvision.io.encodePng': { args: () => ({ input: image, compressionLevel: 9 }) },
  'torchvision.io.encodeJpeg': { args: () => ({ input: image, quality: 50 }) },
  'torchvision.io.writeFile': { args: () => ({ filename: freshFile('bin'), data: torch.arange(5, { dtype: torch.uint8 }) }), effect: (a) => [...readFileSync(a.filename as string)] },
  'torchvision.io.writePng': { args: () => ({ input: image, filename: freshFile('png'), compressionLevel: 1 }), effect: (a) => torchvision.io.readImage(a.filename as string) },
  'torchvision.io.writeJpeg': { args: () => ({ input: image, filename: freshFile('jpg'), quality: 80 }), effect: (a) => torchvision.io.readImage(a.filename as string) },
  'torchvision.utils.makeGrid': { args: () => ({ tensor: torch.rand(5, 3, 4, 6), nrow: 2, padding: 1, normalize: true, padValue: 0.5 }) },
  'torchvision.utils.saveImage': {
    args: () => ({ tensor: torch.rand(5, 3, 4, 6), fp: freshFile('png'), format: 'png', nrow: 3 }),
    effect: (a) => torchvision.io.readImage(a.fp as string),
  },
  'torchvision.ops.nms': { args: () => ({ boxes: someBoxes(), scores: torch.rand(8), iouThreshold: 0.2 }) },
  'torchvision.ops.batchedNms': { args: () => ({ boxes: someBoxes(), scores: torch.rand(8), idxs: long(0, 1, 0, 1, 2, 2, 0, 1), iouThreshold: 0.2 }) },
  'torchvision.ops.boxIou': { args: () => ({ boxes1: someBoxes(), boxes2: someBoxes().add(1), fmt: 'xyxy' }) },
  'torchvision.ops.boxArea': { args: () => ({ boxes: someBoxes(), fmt: 'xyxy' }) },
  'torchvision.ops.boxConvert': { args: () => ({ boxes: someBoxes(), inFmt: 'xyxy', outFmt: 'xywh' }) },
  'torchvision.ops.clipBoxesToImage': { args: () => ({ boxes: someBoxes(), size: [10, 12] }) },
  'torchvision.ops.removeSmallBoxes': { args: () => ({ boxes: someBoxes(), minSize: 5 }) },
  'torchvision.ops.roiAlign': { args: () => ({ input: torch.rand(1, 2, 8, 8), boxes: torch.tensor([[0, 1, 1, 5, 6]]), outputSize: 2, spatialScale: 0.5, samplingRatio: 2, aligned: true }) },
  'torchvision.ops.RoIAlign': { args: () => ({ outputSize: [2, 3], spatialScale: 0.5, samplingRatio: 2, aligned: true }) },
  'torchvision.ops.generalizedBoxIou': { args: () => ({ boxes1: someBoxes(), boxes2: someBoxes().add(1) }) },
  'torchvision.ops.distanceBoxIou': { args: () => ({ boxes1: someBoxes(), boxes2: someBoxes().add(1), eps: 1e-6 }) },
  'torchvision.ops.completeBoxIou': { args: () => ({ boxes1: someBoxes(), boxes2: someBoxes().add(1), eps: 1e-6 }) },
  'torchvision.ops.masksToBoxes': { args: () => ({ masks: torch.ones(2, 5, 6).triu() }) },
  'torchvision.ops.sigmoidFocalLoss': { args: () => ({ inputs: torch.linspace(-2, 2, 6), targets: torch.tensor([0, 1, 1, 0, 1, 0]), alpha: 0.3, gamma: 1.5, reduction: 'sum' }) },
  'torchvision.ops.generalizedBoxIouLoss': { args: () => ({ boxes1: someBoxes(), boxes2: someBoxes().add(1), reduction: 'mean', eps: 1e-6 }) },
  'torchvision.ops.distanceBoxIouLoss': { args: () => ({ boxes1: someBoxes(), boxes2: someBoxes().add(1), reduction: 'sum', eps: 1e-6 }) },
  'torchvision.ops.completeBoxIouLoss': { args: () => ({ boxes1: someBoxes(), boxes2: someBoxes().add(1), reduction: 'none', eps: 1e-6 }) },
  'torchvision.ops.stochasticDepth': { args: () => ({ input: torch.ones(4, 3), p: 0.5, mode: 'row', training: false }) },
  'torchvision.ops.StochasticDepth': { args: () => ({ p: 0.2, mode: 'batch' }) },
  'torchvision.ops.dropBlock2d': { args: () => ({ input: torch.ones(1, 1, 5, 5), p: 0.3, blockSize: 3, inplace: false, eps: 1e-5, training: false }) },
  'torchvision.ops.dropBlock3d': { args: () => ({ input: torch.ones(1, 1, 5, 5, 5), p: 0.3, blockSize: 3, inplace: false, eps: 1e-5, training: false }) },
  'torchvision.ops.DropBlock2d': { args: () => ({ p: 0.3, blockSize: 3, inplace: true, eps: 1e-5 }) },
  'torchvision.ops.DropBlock3d': { args: () => ({ p: 0.3, blockSize: 5, inplace: false, eps: 1e-5 }) },
  'torchvision.ops.Conv2dNormActivation': { args: () => ({ inChannels: 3, outChannels: 4, kernelSize: 3, stride: 2, padding: 1, groups: 1, normLayer: torch.nn.BatchNorm2d, activationLayer: torch.nn.ReLU6, dilation: 1, inplace: false, bias: true }) },
  'torchvision.ops.Conv3dNormActivation': { args: () => ({ inChannels: 3, outChannels: 4, kernelSize: 3, stride: 1, padding: null, groups: 1, normLayer: null, activationLayer: torch.nn.SiLU, dilation: 1, inplace: null, bias: null }) },
  'torchvision.ops.SqueezeExcitation': { args: () => ({ inputChannels: 8, squeezeChannels: 2, activation: torch.nn.SiLU, scaleActivation: torch.nn.Hardsigmoid }) },
  'torchvision.ops.MLP': { args: () => ({ inChannels: 4, hiddenChannels: [6, 2], normLayer: torch.nn.LayerNorm, activationLayer: torch.nn.GELU, inplace: null, bias: false, dropout: 0.1 }) },
  'torchvision.ops.Permute': { args: () => ({ dims: [1, 0] }) },
  'torchvision.ops.FrozenBatchNorm2d': { args: () => ({ numFeatures: 3, eps: 1e-3 }) },
  'torchvision.ops.roiPool': { args: () => ({ input: torch.rand(1, 2, 8, 8), boxes: torch.tensor([[0, 1, 1, 5, 6]]), outputSize: 2, spatialScale: 0.5 }) },
  'torchvision.ops.RoIPool': { args: () => ({ outputSize: [2, 3], spatialScale: 0.5 }) },
  'torchvision.ops.psRoiPool': { args: () => ({ input: torch.rand(1, 8, 8, 8), boxes: torch.tensor([[0, 1, 1, 5, 6]]), outputSize: 2, spatialScale: 0.5 }) },
  'torchvision.ops.PSRoIPool': { args: () => ({ outputSize: 2, spatialScale: 0.5 }) },
  'torchvision.ops.psRoiAlign': { args: () => ({ input: torch.rand(1, 8, 8, 8), boxes: torch.tensor([[0, 1, 1, 5, 6]]), outputSize: 2, spatialScale: 0.5, samplingRatio: 2 }) },
  'torchvision.ops.PSRoIAlign': { args: () => ({ outputSize: 2, spatialScale: 0.5, samplingRatio: -1 }) },
  'torchvision.ops.MultiScaleRoIAlign': { args: () => ({ featmapNames: ['a', 'b'], outputSize: 3, samplingRatio: 2, canonicalScale: 112, canonicalLevel: 3 }) },
  'torchvision.ops.FeaturePyramidNetwork': { args: () => ({ inChannelsList: [2, 4], outChannels: 3, extraBlocks: new torchvision.ops.LastLevelMaxPool(), normLayer: null }) },
  'torchvision.ops.featurePyramidNetwork.LastLevelP6P7': { args: () => ({ inChannels: 4, outChannels: 3 }) },
  'torchvision.ops.deformConv2d': { args: () => ({ input: torch.rand(1, 2, 5, 5), offset: torch.rand(1, 18, 5, 5), weight: torch.rand(3, 2, 3, 3), bias: torch.rand(3), stride: [1, 1], padding: [1, 1], dilation: [1, 1], mask: torch.rand(1, 9, 5, 5) }) },
  'torchvision.ops.DeformConv2d': { args: () => ({ inChannels: 4, outChannels: 6, kernelSize: 3, stride: 2, padding: 1, dilation: 1, groups: 2, bias: false }) },
  'torchvision.utils.flowToImage': { args: () => ({ flow: torch.randn(2, 4, 5) }) },
  'torchvision.utils.drawBoundingBoxes': { args: () => ({ image, boxes: torch.tensor([[0, 1, 3, 4], [2, 2, 5, 5]]), colors: ['red', [0, 0, 255]], fill: true, width: 2 }) },
  'torchvision.utils.drawSegmentationMasks': { args: () => ({ image, masks: torch.ones(2, image.size(1), image.size(2)).tril().bool(), alpha: 0.4, colors: 'blue' }) },
};
// torchvision's builders take keywords only: one form each, with a small head
for (const key of Object.keys(SIGNATURES)) if (/^torchvision\.models\.[a-z][\w]*$/.test(key)) S[key] = { args: () => ({ numClasses: 3, progress: false }) };
// the model classes, small where their sizes are parameters
const M = torchvision.models;
Object.assign(S, {
  'torchvision.models.ResNet': { args: () => ({ block: M.BasicBlock, layers: [1, 1, 1, 1], numClasses: 3, zeroInitResidual: true, groups: 1, widthPerGroup: 64, replaceStrideWithDilation: null, normLayer: torch.nn.BatchNorm2d }) },
  // VGG and AlexNet: a fixed classifier of 100 and 55 million weights, which the printout describes; the features are compared
  'torchvision.models.VGG': { args: () => ({ features: new torch.nn.Sequential(new torch.nn.Conv2d(3, 512, 1)), numClasses: 3, initWeights: true, dropout: 0.3 }),
    effect: (_, m) => ({ repr: String(m), features: (m as torchvision.models.VGG).features }) },
  'torchvision.models.AlexNet': { args: () => ({ numClasses: 3, dropout: 0.3 }), effect: (_, m) => ({ repr: String(m), features: (m as torchvision.models.AlexNet).features }) },
  'torchvision.models.SqueezeNet': { args: () => ({ version: '1_1', numClasses: 3, dropout: 0.3 }) },
  'torchvision.models.DenseNet': { args: () => ({ growthRate: 4, blockConfig: [1, 1, 1, 1], numInitFeatures: 8, bnSize: 2, dropRate: 0.1, numClasses: 3, memoryEfficient: false }) },
  'torchvision.models.Inception3': { args: () => ({ numClasses: 3, auxLogits: false, transformInput: true, inceptionBlocks: null, initWeights: true, dropout: 0.3 }) },
  'torchvision.models.GoogLeNet': { args: () => ({ numClasses: 3, auxLogits: false, transformInput: false, initWeights: true, blocks: null, dropout: 0.3, dropoutAux: 0.5 }) },
  'torchvision.models.MobileNetV2': { args: () => ({ numClasses: 3, widthMult: 0.25, invertedResidualSetting: [[1, 8, 1, 1], [6, 16, 1, 2]], roundNearest: 8, block: null, normLayer: torch.nn.BatchNorm2d, dropout: 0.3 }) },
  'torchvision.models.MobileNetV3': { args: () => ({ invertedResidualSetting: [new M.InvertedResidualConfig(16, 3, 16, 16, true, 'RE', 2, 1, 1.0)], lastChannel: 32, numClasses: 3, block: null, normLayer: null, dropout: 0.3 }) },
  'torchvision.models.EfficientNet': { args: () => ({ invertedResidualSetting: [new M.MBConvConfig(1, 3, 1, 32, 16, 1)], dropout: 0.3, stochasticDepthProb: 0.1, numClasses: 3, normLayer: null, lastChannel: 64 }) },
  'torchvision.models.ShuffleNetV2': { args: () => ({ stagesRepeats: [1, 1, 1], stagesOutChannels: [8, 16, 32, 64, 128], numClasses: 3 }) },
  'torchvision.models.RegNet': { args: () => ({ blockParams: M.BlockParams.fromInitParams(4, 16, 8, 2, 8), numClasses: 3, stemWidth: 16, stemType: null, blockType: null, normLayer: null, activation: null }) },
  'torchvision.models.resnet.BasicBlock': { args: () => ({ inplanes: 4, planes: 4, stride: 1, downsample: null, groups: 1, baseWidth: 64, dilation: 1, normLayer: torch.nn.BatchNorm2d }) },
  'torchvision.models.resnet.Bottleneck': { args: () => ({ inplanes: 16, planes: 4, stride: 2, downsample: null, groups: 2, baseWidth: 32, dilation: 2, normLayer: null }) },
  'torchvision.models.mobilenetv3.InvertedResidualConfig': { args: () => ({ inputChannels: 16, kernel: 3, expandedChannels: 64, outChannels: 24, useSe: true, activation: 'HS', stride: 2, dilation: 1, widthMult: 0.75 }) },
  'torchvision.models.efficientnet.MBConvConfig': { args: () => ({ expandRatio: 6, kernel: 5, stride: 2, inputChannels: 24, outChannels: 40, numLayers: 2, widthMult: 1.1, depthMult: 1.2, block: null }) },
  'torchvision.models.efficientnet.FusedMBConvConfig': { args: () => ({ expandRatio: 4, kernel: 3, stride: 2, inputChannels: 24, outChannels: 48, numLayers: 4, block: null }) },
  'torchvision.models.ConvNeXt': { args: () => ({ blockSetting: [new M.convnext.CNBlockConfig(8, 16, 1), new M.convnext.CNBlockConfig(16, null, 2)], stochasticDepthProb: 0.1, layerScale: 0.5, numClasses: 3, block: null, normLayer: null }) },
  'torchvision.models.convnext.CNBlock': { args: () => ({ dim: 8, layerScale: 0.5, stochasticDepthProb: 0.1, normLayer: null }) },
  'torchvision.models.convnext.CNBlockConfig': { args: () => ({ inputChannels: 8, outChannels: null, numLayers: 2 }) },
  'torchvision.models.VisionTransformer': { args: () => ({ imageSize: 32, patchSize: 16, numLayers: 1, numHeads: 2, hiddenDim: 8, mlpDim: 16, dropout: 0.1, attentionDropout: 0.1, numClasses: 3, representationSize: 4, normLayer: torch.nn.LayerNorm, convStemConfigs: null }) },
  'torchvision.models.visionTransformer.ConvStemConfig': { args: () => ({ outChannels: 8, kernelSize: 3, stride: 2, normLayer: torch.nn.BatchNorm2d, activationLayer: torch.nn.ReLU }), effect: (_, r) => String(r) },
  'torchvision.models.visionTransformer.MLPBlock': { args: () => ({ inDim: 8, mlpDim: 16, dropout: 0.1 }) },
  'torchvision.models.visionTransformer.EncoderBlock': { args: () => ({ numHeads: 2, hiddenDim: 8, mlpDim: 16, dropout: 0.1, attentionDropout: 0.1, normLayer: torch.nn.LayerNorm }) },
  'torchvision.models.visionTransformer.Encoder': { args: () => ({ seqLength: 5, numLayers: 2, numHeads: 2, hiddenDim: 8, mlpDim: 16, dropout: 0.1, attentionDropout: 0.1, normLayer: torch.nn.LayerNorm }) },
  'torchvision.models.visionTransformer.interpolateEmbeddings': { args: () => ({ imageSize: 48, patchSize: 16, modelState: { 'encoder.pos_embedding': torch.arange(40).reshape(1, 5, 8).float(), 'heads.head.bias': torch.ones(2) }, interpolationMode: 'bilinear', resetHeads: true }) },
  'torchvision.models.regnet.BlockParams.fromInitParams': { args: () => ({ depth: 4, w_0: 16, wA: 8, wM: 2, groupWidth: 8, bottleneckMultiplier: 1.0, seRatio: 0.25 }) },
  'torchvision.models.squeezenet.Fire': { args: () => ({ inplanes: 8, squeezePlanes: 4, expand1x1Planes: 6, expand3x3Planes: 6 }) },
  'torchvision.models.shufflenetv2.InvertedResidual': { args: () => ({ inp: 8, oup: 16, stride: 2 }) },
  'torchvision.models.shufflenetv2.channelShuffle': { args: () => ({ x: torch.arange(16).reshape(1, 4, 2, 2), groups: 2 }) },
  'torchvision.models.mobilenetv2.InvertedResidual': { args: () => ({ inp: 5, oup: 8, stride: 2, expandRatio: 2.5, normLayer: torch.nn.BatchNorm2d }) },
  'torchvision.models.mobilenetv3.InvertedResidual': {
    args: () => ({ cnf: new M.mobilenetv3.InvertedResidualConfig(16, 3, 64, 24, true, 'HS', 2, 1, 1.0), normLayer: torch.nn.BatchNorm2d,
      seLayer: (i: number, s: number) => new torchvision.ops.SqueezeExcitation(i, s) }),
  },
  'torchvision.models.efficientnet.MBConv': {
    args: () => ({ cnf: new M.efficientnet.MBConvConfig(6, 3, 1, 16, 16, 1), stochasticDepthProb: 0.1, normLayer: torch.nn.BatchNorm2d, seLayer: torchvision.ops.SqueezeExcitation }),
  },
  'torchvision.models.efficientnet.FusedMBConv': { args: () => ({ cnf: new M.efficientnet.FusedMBConvConfig(4, 3, 2, 8, 16, 1), stochasticDepthProb: 0.1, normLayer: torch.nn.BatchNorm2d }) },
  'torchvision.models.googlenet.Inception': { args: () => ({ inChannels: 8, ch1x1: 4, ch3x3red: 4, ch3x3: 6, ch5x5red: 2, ch5x5: 4, poolProj: 4, convBlock: M.googlenet.BasicConv2d }) },
  'torchvision.models.googlenet.InceptionAux': { args: () => ({ inChannels: 8, numClasses: 3, convBlock: null, dropout: 0.5 }) },
  'torchvision.models.inception.BasicConv2d': { args: () => ({ inChannels: 3, outChannels: 4, kernelSize: 3, stride: 2 }) },
  'torchvision.models.inception.InceptionA': { args: () => ({ inChannels: 8, poolFeatures: 4, convBlock: M.inception.BasicConv2d }) },
  'torchvision.models.inception.InceptionB': { args: () => ({ inChannels: 8, convBlock: null }) },
  'torchvision.models.inception.InceptionC': { args: () => ({ inChannels: 8, channels_7x7: 8, convBlock: null }) },
  'torchvision.models.inception.InceptionD': { args: () => ({ inChannels: 8, convBlock: null }) },
  'torchvision.models.inception.InceptionE': { args: () => ({ inChannels: 8, convBlock: null }) },
  'torchvision.models.inception.InceptionAux': { args: () => ({ inChannels: 8, numClasses: 3, convBlock: null }) },
  'torchvision.models.regnet.SimpleStemIN': { args: () => ({ widthIn: 3, widthOut: 8, normLayer: torch.nn.BatchNorm2d, activationLayer: torch.nn.ReLU }) },
  'torchvision.models.regnet.BottleneckTransform': {
    args: () => ({ widthIn: 8, widthOut: 16, stride: 2, normLayer: torch.nn.BatchNorm2d, activationLayer: torch.nn.ReLU, groupWidth: 8, bottleneckMultiplier: 1.0, seRatio: 0.25 }),
  },
  'torchvision.models.regnet.ResBottleneckBlock': {
    args: () => ({ widthIn: 8, widthOut: 16, stride: 2, normLayer: torch.nn.BatchNorm2d, activationLayer: torch.nn.ReLU, groupWidth: 8, bottleneckMultiplier: 1.0, seRatio: 0.25 }),
  },
  'torchvision.models.regnet.AnyStage': {
    args: () => ({ widthIn: 8, widthOut: 16, stride: 2, depth: 2, blockConstructor: M.regnet.ResBottleneckBlock, normLayer: torch.nn.BatchNorm2d,
      activationLayer: torch.nn.ReLU, groupWidth: 8, bottleneckMultiplier: 1.0, seRatio: 0.25, stageIndex: 1 }),
  },
} satisfies Record<string, Sample>);

// ---- calling a table entry ------------------------------------------------------------------------
function callable(key: string, self?: object): { fn: (...a: unknown[]) => unknown; isClass: boolean } {
  const parts = key.split('.');
  if (self) {
    const method = (self as Record<string, unknown>)[parts[parts.length - 1]];
    if (typeof method !== 'function') throw new Error(`${key} is not a method of ${self.constructor.name}`);
    return { fn: (...a: unknown[]) => (method as (...b: unknown[]) => unknown).apply(self, a), isClass: false };
  }
  let obj: any = parts[0] === 'torchvision' ? torchvision : torch;
  for (const p of parts[0] === 'torch' || parts[0] === 'torchvision' ? parts.slice(1) : parts) obj = obj?.[p] ?? obj?.prototype?.[p];
  if (typeof obj !== 'function') throw new Error(`${key} is not exported as a function or class`);
  const isClass = /^[A-Z]/.test(parts[parts.length - 1]);
  return { fn: isClass ? (...a: unknown[]) => new obj(...a) : obj, isClass };
}

type Form = { name: string; args: unknown[] };
/** The three forms of one call: everything by position that can be, everything by name, and half and half. */
function forms(spec: Spec, values: Record<string, unknown>): Form[] {
  const positional = spec.filter((p) => p[2] === 'pos' || p[2] === 'posonly');
  const varargs = spec.find((p) => p[2] === 'varargs');
  const names = Object.keys(values);
  // the positional run: up to the last named value that can go by position, gaps filled with defaults
  let last = -1;
  positional.forEach((p, i) => {
    if (p[0] in values) last = i;
  });
  const run: string[] = [];
  for (let i = 0; i <= last; i++) {
    const p = positional[i];
    if (!(p[0] in values) && (p.length < 4 || (p[3] !== null && typeof p[3] === 'object' && !Array.isArray(p[3])))) break;
    run.push(p[0]);
  }
  const valueOf = (n: string) => (n in values ? values[n] : positional.find((p) => p[0] === n)![3]);
  const kw = (used: string[]) => Object.fromEntries(names.filter((n) => !used.includes(n) && n !== varargs?.[0]).map((n) => [n, values[n]]));
  const withKw = (pos: unknown[], o: Record<string, unknown>) => (Object.keys(o).length ? [...pos, o] : pos);
  const posonly = positional.filter((p) => p[2] === 'posonly').map((p) => p[0]).filter((n) => run.includes(n));
  const spread = varargs && varargs[0] in values ? (values[varargs[0]] as unknown[]) : [];
  if (varargs && spread.length) {
    // *size: the values one by one, as one list, or by name
    return [
      { name: 'positional', args: withKw([...run.map(valueOf), ...spread], kw(run)) },
      { name: 'keyword', args: [{ ...kw([]), [varargs[0]]: spread }] },
      { name: 'mixed', args: withKw([...run.map(valueOf), spread], kw(run)) },
    ];
  }
  const half = run.slice(0, Math.max(posonly.length, Math.ceil(run.length / 2)));
  return [
    { name: 'positional', args: withKw(run.map(valueOf), kw(run)) },
    { name: 'keyword', args: withKw(posonly.map(valueOf), kw(posonly)) },
    { name: 'mixed', args: withKw(half.map(valueOf), kw(half)) },
  ];
}

/** A comparable picture of a result: modules by repr and parameters, tensors by value, and so on. */
function picture(v: unknown, depth = 0, input?: () => unknown): unknown {
  if (depth > 4) return '…';
  if (v instanceof torch.Tensor) return { shape: v.shape, dtype: String(v.dtype), values: v.numel() > 200_000 ? [v.double().sum().item(), v.double().square().sum().item()] : v.tolist() };
  if (v instanceof torch.nn.Module) {
    // a large weight by its sum and sum of squares: the same seed gives the same, and listing millions of values costs seconds
    const state = Object.entries(v.stateDict()).map(([k, t]) => [k, t.numel() > 4096 ? { shape: t.shape, sums: [t.double().sum().item(), t.double().square().sum().item()] } : picture(t, depth + 1)]);
    return { repr: String(v), state: Object.fromEntries(state) };
  }
  if (v instanceof torch.optim.Optimizer) return v.stateDict().param_groups.map(({ params: _, ...g }) => g);
  if (v instanceof torchvision.Image) return { mode: v.mode, data: picture(v.data) };
  if (v && typeof (v as any).getLastLr === 'function') {
    const s = v as { step: (m?: number) => void; getLastLr: () => number[] };
    const lrs = [s.getLastLr()];
    for (let i = 0; i < 4; i++) {
      s.step(1);
      lrs.push(s.getLastLr());
    }
    return lrs;
  }
  if (typeof v === 'function' && (v as any).forward) {
    torch.manualSeed(5);
    const x = input ? input() : new torchvision.Image(image.permute(1, 2, 0).contiguous(), 'RGB');
    return { repr: String(v), out: picture((v as (x: unknown) => unknown)(x), depth + 1) };
  }
  if (v && typeof (v as any).getItem === 'function') {
    const d = v as { length: number; getItem: (i: number) => unknown };
    return { length: d.length, first: picture(d.getItem(0), depth + 1), last: picture(d.getItem(d.length - 1), depth + 1) };
  }
  if (v && typeof (v as any)[Symbol.iterator] === 'function' && !Array.isArray(v) && typeof v !== 'string') return picture([...(v as Iterable<unknown>)].slice(0, 5), depth + 1);
  if (Array.isArray(v)) return v.map((x) => picture(x, depth + 1));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, picture(x, depth + 1)]));
  return v;
}

const collective = (key: string) => key.startsWith('distributed.') && key !== 'distributed.initProcessGroup';
/** The call in one form, and a picture of what it gave unless `pictured` is false (then it only has to run). */
function run(key: string, form: Form, pictured = true): unknown {
  const go = () => {
    torch.manualSeed(0);
    const sample = S[key];
    const self = sample.self?.();
    const { fn } = callable(key, self);
    const values = sample.args();
    torch.manualSeed(1);
    // the form's arguments were laid out from a first draw of the values: lay them out again from these
    const args = forms(SIGNATURES[key as keyof typeof SIGNATURES] as Spec, values).find((f) => f.name === form.name)!.args;
    const result = fn(...args, ...(sample.after?.() ?? []));
    const shown = sample.effect ? sample.effect(values, result) : self && result === undefined ? self : result; // effect may also undo the call's
    return pictured ? picture(shown, 0, sample.input) : undefined;
  };
  return collective(key) ? inWorld(go) : go();
}

const keys = Object.keys(SIGNATURES) as (keyof typeof SIGNATURES)[];
t.test('every callable of the table has a sample call here', async (t) => {
  t.same(keys.filter((k) => !S[k]), [], 'no callable without a sample');
  t.same(Object.keys(S).filter((k) => !(k in SIGNATURES)), [], 'no sample for a callable the table lacks');
  for (const k of keys) t.doesNotThrow(() => callable(k), `${k} is exported`);
});

for (const key of keys) {
  const spec = SIGNATURES[key] as Spec;
  const sample = S[key];
  if (!sample) continue;
  t.test(key, async (t) => {
    const { fn: call } = callable(key, sample.self?.());
    // a collective binds its arguments before it looks for a process group
    const fn = (...a: unknown[]) => call(...a, ...(sample.after?.() ?? []));
    const throws = sample.async
      ? (f: () => unknown, want: { name: string; message: RegExp }, what: string) => t.rejects(async () => f(), want, what)
      : (f: () => unknown, want: { name: string; message: RegExp }, what: string) => t.throws(f, want, what);
    const name = key.split('.').pop()!;
    const values = sample.args();
    const [positional, keyword, mixed] = forms(spec, values);
    if (sample.skip) t.comment(`forms not run: ${sample.skip}`);
    else {
      const distinct = new Set([positional, keyword, mixed].map((f) => JSON.stringify(f.args.map((a) => (a && typeof a === 'object' && !Array.isArray(a) ? Object.keys(a) : typeof a)))));
      if (distinct.size > 1) {
        const reference = run(key, positional);
        t.same(run(key, keyword), reference, 'the keyword form gives what the positional form gives');
        t.same(run(key, mixed), reference, 'and so does the mixed form');
      } else {
        run(key, positional, false); // nothing to compare it with: a picture of a model's state would only cost time
        t.pass('one form only (the parameters are keyword-only or none), and it runs');
      }
    }
    // Python's four TypeErrors
    const pos = spec.filter((p) => p[2] === 'pos' || p[2] === 'posonly');
    const hasVarargs = spec.some((p) => p[2] === 'varargs');
    const hasVarkw = spec.some((p) => p[2] === 'varkw');
    const required = spec.filter((p) => p.length < 4 && p[2] !== 'varargs' && p[2] !== 'varkw');
    const kwValues = Object.fromEntries(Object.entries(values).filter(([n]) => spec.some((p) => p[0] === n && p[2] !== 'posonly' && p[2] !== 'varargs')));
    const posonlyValues = pos.filter((p) => p[2] === 'posonly').map((p) => values[p[0]]);
    if (!hasVarargs) {
      const many = Array.from({ length: pos.length + 1 }, (_, i) => (i < pos.length ? (values[pos[i][0]] ?? (pos[i].length > 3 && !(pos[i][3] && typeof pos[i][3] === 'object') ? pos[i][3] : 0)) : 0));
      await throws(() => fn(...many), { name: 'TypeError', message: new RegExp(`^([\\w.]*\\.)?${name}\\(\\) takes (from \\d+ to )?${pos.length} positional arguments? but ${pos.length + 1} (was|were) given$`) }, 'too many positional arguments');
    }
    // BasicConv2d hands its **kwargs to Conv2d, which refuses an unknown one (binder-cases.test)
    if (!hasVarkw || (key.startsWith('torchvision.models.') && key !== 'torchvision.models.inception.BasicConv2d') || key === 'torchvision.datasets.ImageNet' || key === 'torch.load') {
      await throws(() => fn(...posonlyValues, { ...kwValues, notAParameter: 1 }), { name: 'TypeError', message: new RegExp(`^([\\w.]*\\.)?(${name}|ImageNet)\\(\\) got an unexpected keyword argument 'notAParameter'`) }, 'an unknown keyword');
    }
    const first = pos.find((p) => p[2] === 'pos');
    if (first) {
      const firstValue = values[first[0]] ?? (first.length > 3 ? first[3] : 0);
      const before = pos.slice(0, pos.indexOf(first)).map((p) => values[p[0]]);
      await throws(() => fn(...before, firstValue, { ...kwValues, [first[0]]: firstValue }), { name: 'TypeError', message: new RegExp(`^([\\w.]*\\.)?${name}\\(\\) got multiple values for argument '${first[0]}'$`) }, 'a parameter given twice');
    }
    if (required.length && !sample.noMissing) {
      const miss = required[0];
      const { [miss[0]]: _, ...rest } = kwValues;
      const kind = miss[2] === 'kwonly' ? 'keyword-only' : 'positional';
      const args = miss[2] === 'posonly' || !Object.keys(rest).length ? [...(miss[2] === 'posonly' ? [] : posonlyValues)] : [...posonlyValues, rest];
      await throws(() => fn(...args), { name: 'TypeError', message: new RegExp(`^([\\w.]*\\.)?${name}\\(\\) missing \\d+ required ${kind} arguments?: '${miss[0]}'`) }, 'a missing parameter');
    }
  });
}

// lib/bind.ts writes a binder out per signature (compileFast) for speed; bind() with objectParams set
// takes the generic loop only, so the two can be compared call by call, errors included.
t.test('the per-signature binder binds every call as the generic one does', async (t) => {
  const { bind } = await import('../lib/bind.js');
  class Arg { constructor(readonly i: number) {} }
  const outcome = (f: () => Record<string, unknown>) => {
    try {
      const r = f();
      return { entries: Object.entries(r).map(([k, v]) => [k, v instanceof Arg ? `arg${v.i}` : v]) };
    } catch (e) {
      return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
    }
  };
  let calls = 0, mismatches = 0;
  for (const [key, spec] of Object.entries(SIGNATURES) as [keyof typeof SIGNATURES, Spec][]) {
    const positional = spec.filter((p) => p[2] === 'pos' || p[2] === 'posonly');
    const named = spec.filter((p) => p[2] !== 'varargs' && p[2] !== 'varkw').map((p) => p[0]);
    const args = (k: number) => Array.from({ length: k }, (_, i) => new Arg(i));
    const cases: unknown[][] = [];
    for (let k = 0; k <= positional.length + 1; k++) {
      cases.push(args(k), [...args(k), undefined]);
      if (k > 0) cases.push([...args(k - 1), undefined, new Arg(k)]);
      for (const name of named) cases.push([...args(k), { [name]: new Arg(99) }], [...args(k), { [name]: undefined }]);
      cases.push([...args(k), {}], [...args(k), { noSuchParameter: 1 }], [...args(k), Object.fromEntries(named.map((n, i) => [n, new Arg(50 + i)]))]);
    }
    for (const call of cases) {
      calls++;
      const fast = outcome(() => bind(key as never, call) as Record<string, unknown>);
      const generic = outcome(() => bind(key as never, call, { objectParams: [] }) as Record<string, unknown>);
      if (JSON.stringify(fast) !== JSON.stringify(generic)) {
        mismatches++;
        if (mismatches <= 5) t.same(fast, generic, `${key}(${call.map((a) => (a instanceof Arg ? `arg${a.i}` : JSON.stringify(a))).join(', ')})`);
      }
    }
    // a default list is the call's own, as Python's callee gets a fresh one from the binder here
    const listDefault = spec.find((p) => p.length > 3 && Array.isArray(p[3]));
    if (listDefault && positional.length > 0 && !spec.some((p) => p[2] === 'varargs' || p[2] === 'varkw')) {
      const required = positional.filter((p) => p.length < 4).length;
      const a = bind(key as never, args(required)) as Record<string, unknown>, b = bind(key as never, args(required)) as Record<string, unknown>;
      if (a[listDefault[0]] === b[listDefault[0]]) t.fail(`${key}: ${listDefault[0]}'s default list shared between calls`);
    }
  }
  t.equal(mismatches, 0, `${calls} calls bound alike`);
});
