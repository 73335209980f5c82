// torchvision.models against torchvision: stateDict keys, order and shapes, parameter counts
// (test/fixtures/models.json); outputs with weights saved by Python (made now by
// scripts/make_model_fixtures.py); weights downloads against a loopback server.
import t from 'tap';
import http from 'node:http';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as torch from 'torch-node';
import * as torchvision from 'torch-node/torchvision';
import { fixture, python, hasPythonTorchvision as hasTorchvision } from './helpers.js';
import { tempDir } from './temp-dir.js';

const models = torchvision.models;
const ref = fixture('models.json');

/** torch.hub's cache in a fresh folder (or a folder `sub` in it) for one test; after it, the folder is removed and the cache pointed elsewhere. */
function tempHub(t: { teardown: (fn: () => void) => void }, sub = ''): string {
  const home = tempDir('torch-node-hub-');
  t.teardown(() => {
    torch.hub.setDir(path.join(tmpdir(), 'unused'));
    rmSync(home, { recursive: true, force: true });
  });
  torch.hub.setDir(path.join(home, sub));
  return home;
}

t.test('every model has torchvision’s stateDict keys, shapes and parameter count', async (t) => {
  for (const [key, want] of Object.entries<any>(ref)) {
    const name = key.split('@')[0]; // NAME@WHAT: the builder with options of its own
    // JSON's lists stand for ViT's ConvStemConfig(outChannels, kernelSize, stride), as the fixture maker reads them
    const option = (k: string, v: any) => (k === 'conv_stem_configs' ? v.map((c: [number, number, number]) => new models.visionTransformer.ConvStemConfig(...c)) : v);
    const model = models.getModel(name, Object.fromEntries(Object.entries(want.kwargs).map(([k, v]) => [k.replace(/_(\w)/g, (_, c) => c.toUpperCase()), option(k, v)])));
    const sd = model.stateDict();
    t.same(Object.keys(sd), want.keys, `${key}: keys in torchvision's order`);
    t.same(Object.values(sd).map((v) => v.shape), want.shapes, `${key}: shapes`);
    const count = [...model.parameters()].reduce((n, p) => n + p.numel(), 0);
    t.equal(count, want.parameters, `${key}: ${want.parameters.toLocaleString('en')} parameters`);
    if (want.repr) t.equal(String(model), want.repr, `${key}: repr`);
    torch.tidy(() => void 0);
  }
});

t.test('weights saved by Python load unchanged and give torchvision’s outputs (eval and train)', { skip: hasTorchvision ? false : 'needs /usr/bin/python3 with torchvision' }, async (t) => {
  const dir = tempDir('torch-node-models-');
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  for (const name of ['resnet18', 'resnet34', 'resnet50', 'resnext50_32x4d', 'mobilenet_v2', 'efficientnet_b0', 'vgg11_bn', 'alexnet', 'squeezenet1_1', 'densenet121', 'inception_v3',
    'mobilenet_v3_large', 'mobilenet_v3_small', 'shufflenet_v2_x1_0', 'efficientnet_b5', 'googlenet', 'regnet_y_400mf', 'regnet_x_400mf', 'convnext_tiny', 'efficientnet_v2_s', 'vit_b_32']) {
    execFileSync(python, ['scripts/make_model_fixtures.py', '--weights', name, dir]);
    const model = models.getModel(name, { numClasses: 10, weights: path.join(dir, `${name}.pth`), ...(name.startsWith('vit') ? { imageSize: 64 } : {}) });
    const io = torch.load(path.join(dir, `${name}-io.pth`));
    model.eval();
    const ev = torch.noGrad(() => model(io.input));
    t.ok(ev.allclose(io.eval, 1e-4, 1e-4), `${name} eval(): max |diff| ${ev.sub(io.eval).abs().max().item()}`);
    if (name.startsWith('vit')) {
      const resized = models.visionTransformer.interpolateEmbeddings(96, 32, model.stateDict())['encoder.pos_embedding'];
      t.ok(resized.allclose(io.pos_embedding_96, 1e-5, 1e-5), `${name}: interpolateEmbeddings to 96×96 as torchvision's (max |diff| ${resized.sub(io.pos_embedding_96).abs().max().item()})`);
    }
    if (/^(res|dense|shuffle|regnet|vit)/.test(name)) { // the others have Dropout, random in train() (ViT's is 0 by default)
      model.train();
      const tr = torch.noGrad(() => model(io.input));
      t.ok(tr.allclose(io.train, 1e-4, 1e-4), `${name} train() (batch statistics): max |diff| ${tr.sub(io.train).abs().max().item()}`);
    }
  }
});

t.test('heads, freezing, zeroInitResidual and options', async (t) => {
  torch.manualSeed(0);
  const model = models.resnet18();
  model.fc = new torch.nn.Linear(512, 10);
  t.same(model(torch.randn([2, 3, 64, 64])).shape, [2, 10], 'a replaced head');
  t.equal(Object.keys(model.stateDict()).at(-1), 'fc.bias', 'the new head keeps its place in the state dict');
  for (const p of model.parameters()) p.requiresGrad_(false);
  for (const p of model.fc.parameters()) p.requiresGrad_(true);
  t.equal([...model.parameters()].filter((p) => p.requiresGrad).length, 2, 'a frozen backbone');
  const z = models.resnet50({ zeroInitResidual: true });
  t.equal((z as any).layer1[0].bn3.weight.abs().sum().item(), 0, 'zeroInitResidual zeroes each last BatchNorm');
  t.equal((models.resnet18({ numClasses: 7 }) as any).fc.outFeatures, 7);
  const bn = (models.resnet18() as any).bn1 as torch.nn.BatchNorm2d;
  const m = models.resnet18();
  m.train();
  m(torch.randn([2, 3, 32, 32]).add(3));
  t.notOk((m as any).bn1.runningMean.equal(bn.runningMean), 'BatchNorm running statistics update in train()');
  t.throws(() => models.resnet18({ numClasses: 0 }), /Expected a positive integer for numClasses but received 0 of type number/);
  t.throws(() => models.resnet18({ weights: 'IMAGENET9K' }), /Unknown weights IMAGENET9K for resnet18: expected one of IMAGENET1K_V1, DEFAULT/);
  t.throws(() => models.resnet50({ weights: 'IMAGENET1K_V2', numClasses: 10 }), /The parameter 'num_classes' expected value 1000 but got 10 instead/);
  t.same(models.listModels().slice(0, 3), ['alexnet', 'convnext_base', 'convnext_large']);
  const cn = models.convnext_tiny({ numClasses: 3 }) as torchvision.models.ConvNeXt;
  const depth = (i: number, j: number) => ((cn.features.get(i) as torch.nn.Sequential).get(j) as any).stochastic_depth.p;
  t.same([depth(1, 0), depth(7, 2)], [0, 0.1], "ConvNeXt: stochastic depth from 0 to the builder's 0.1 over the blocks");
  t.throws(() => new models.ConvNeXt([new models.convnext.CNBlockConfig(8, null, 1)]), { name: 'RangeError', message: 'float division by zero' }, "ConvNeXt of one block: Python's ZeroDivisionError, not p=NaN");
  // the blocks bind as Python's and round as Python's round() does (half to even): torchvision 0.14's numbers
  t.equal(((new models.mobilenetv2.InvertedResidual(5, 8, 2, 2.5).conv as torch.nn.Sequential).get(0) as any)[0].outChannels, 12, "mobilenetv2.InvertedResidual: round(5 × 2.5) = 12, as Python's");
  const bt = new models.regnet.BottleneckTransform(8, 20, 1, torch.nn.BatchNorm2d, torch.nn.ReLU, 2, 0.125, 0.3125) as any;
  t.same([bt.a[0].outChannels, bt.se.fc1.outChannels], [2, 2], 'regnet.BottleneckTransform: round(2.5) = 2 for its width and its squeeze');
  t.throws(() => new models.inception.BasicConv2d(3, 4, { kernelSize: 1, paddin: 1 } as any), { name: 'TypeError', message: /^Conv2d\(\) got an unexpected keyword argument 'paddin'/ }, "BasicConv2d's **kwargs go to Conv2d, which refuses an unknown one");
  t.throws(() => new models.inception.BasicConv2d(3, 4), { name: 'TypeError', message: /Conv2d\(\) missing 1 required positional argument: 'kernelSize'/ });
  t.throws(() => new models.inception.BasicConv2d(3, 4, { kernelSize: 1, bias: true } as any), { name: 'TypeError', message: "torch.nn.modules.conv.Conv2d() got multiple values for keyword argument 'bias'" });
  // a convBlock of one's own may make any module (here a bare Conv2d with its bias), as in torchvision
  const plainConv = (i: number, o: number, opts: { kernelSize: number | [number, number]; padding?: number | [number, number]; stride?: number }) => new torch.nn.Conv2d(i, o, opts);
  const e = new models.inception.InceptionE(8, plainConv);
  t.ok(e.branch3x3_2a instanceof torch.nn.Conv2d, "InceptionE's branches are what the convBlock made");
  t.same(torch.noGrad(() => e(torch.randn(1, 8, 5, 5))).shape, [1, 2048, 5, 5], 'and its forward runs through them');
  torch.manualSeed(0);
  const ownBlock = new models.googlenet.Inception(192, 64, 96, 128, 16, 32, 32);
  t.equal(String(ownBlock), String(new models.GoogLeNet({ initWeights: false }).inception3a), "googlenet's blocks hang on the builder (Python's `from torchvision.models.googlenet import Inception`), as GoogLeNet makes them");
  t.equal(String(models.convnext_small({ stochasticDepthProb: 0.2, numClasses: 3 }).features.get(7)).includes('StochasticDepth(p=0.2, mode=row)'), true, 'stochasticDepthProb overrides it');
  const b5 = models.efficientnetB5({ numClasses: 3 }) as torchvision.models.EfficientNet;
  const bn5 = (b5.features as any)[0][1] as torch.nn.BatchNorm2d;
  t.same([bn5.eps, bn5.momentum], [0.001, 0.01], "EfficientNet B5–B7: TensorFlow's BatchNorm settings, as torchvision's builders");
  t.throws(() => models.efficientnet_b5({ normLayer: torch.nn.BatchNorm2d }), { name: 'TypeError', message: "efficientnetB5() got multiple values for keyword argument 'normLayer'" });
  const dilated = models.mobilenetV3Large({ dilated: true, numClasses: 3 });
  dilated.eval();
  t.same(torch.noGrad(() => dilated(torch.randn(1, 3, 64, 64))).shape, [1, 3], 'MobileNetV3 with a dilated tail');
  t.throws(() => new models.MobileNetV3([], 1280), { name: 'RangeError', message: 'The inverted_residual_setting should not be empty' });
  t.throws(() => models.BlockParams.fromInitParams(16, 12, 27.89, 2.09, 8), { name: 'RangeError', message: 'Invalid RegNet settings' }, 'RegNet: w0 a multiple of 8');
  t.same(models.BlockParams.fromInitParams(16, 48, 27.89, 2.09, 8, 1.0, 0.25).widths, [48, 104, 208, 440], "RegNetY-400MF's stage widths, as torchvision's");
  t.throws(() => new models.ShuffleNetV2([4, 8], [24, 48, 96, 192, 1024]), { name: 'RangeError', message: 'expected stages_repeats as list of 3 positive ints' });
  t.throws(() => models.shufflenet_v2_x1_0({ widthMult: 2 } as never), { name: 'TypeError', message: /shufflenetV2X1_0\(\) got an unexpected keyword argument 'widthMult'/ });
});

t.test('DenseNet loads torchvision’s published files, whose dense layers name norm.1 for norm1', async (t) => {
  tempHub(t);
  torch.manualSeed(2);
  const src = models.densenet121();
  // as densenet121-a639ec97.pth: saved before PyTorch 0.4.1 (no num_batches_tracked), norm.1 for norm1
  const legacy = Object.fromEntries(Object.entries(src.stateDict()).filter(([k]) => !k.endsWith('num_batches_tracked'))
    .map(([k, v]) => [k.replace(/(denselayer\d+\.(?:norm|relu|conv))([12])\./, '$1.$2.'), v]));
  t.ok('features.denseblock1.denselayer1.norm.1.weight' in legacy, "the file's old names");
  const entry = new models.Weights('DenseNet121_Weights', 'TEST', 'http://127.0.0.1:9/densenet121-legacy.pth', { cropSize: 224 },
    { categories: models.DenseNet121_Weights.IMAGENET1K_V1.meta.categories, numParams: 7978856 });
  mkdirSync(path.dirname(entry.path), { recursive: true });
  torch.save(legacy, entry.path);
  const net = models.densenet121({ weights: entry });
  t.ok(net.stateDict()['features.denseblock4.denselayer16.conv2.weight'].equal(src.stateDict()['features.denseblock4.denselayer16.conv2.weight']), 'renamed and loaded');
  const partial = Object.fromEntries(Object.entries(src.stateDict()).filter(([k]) => k !== 'features.norm0.num_batches_tracked'));
  t.throws(() => models.densenet121().loadStateDict(partial), /Missing key\(s\) in state_dict: "features.norm0.num_batches_tracked"/, 'a newer file missing one num_batches_tracked is refused');
  t.throws(() => models.densenet121({ memoryEfficient: true }), { name: 'RangeError', message: /torch.utils.checkpoint/ });
  t.throws(() => models.densenet121({ growthRate: 12 } as never), { name: 'TypeError', message: /densenet121\(\) got an unexpected keyword argument 'growthRate'/ });
  torch.manualSeed(3);
  const inception = models.inceptionV3({ numClasses: 5 });
  const out = inception(torch.randn(2, 3, 299, 299)) as torchvision.models.InceptionOutputs;
  t.same([out.length, out.logits.shape, out.auxLogits!.shape, out[0] === out.logits], [2, [2, 5], [2, 5], true], 'Inception3 in train(): InceptionOutputs [logits, auxLogits]');
  inception.eval();
  t.ok(inception(torch.randn(1, 3, 80, 80)) instanceof torch.Tensor, 'and the logits alone in eval()');
  t.same((models.inceptionV3({ auxLogits: false }) as torchvision.models.Inception3).AuxLogits, null);
  const inceptionEntry = new models.Weights('Inception_V3_Weights', 'TEST', 'http://127.0.0.1:9/inception-made.pth', { cropSize: 299 }, { categories: models.Inception_V3_Weights.IMAGENET1K_V1.meta.categories, numParams: 27161264 });
  torch.save(models.inceptionV3().stateDict(), inceptionEntry.path);
  t.equal((models.inceptionV3({ weights: inceptionEntry }) as torchvision.models.Inception3).transformInput, true, "torchvision's weights turn transformInput on");
  t.throws(() => models.inceptionV3({ weights: inceptionEntry, auxLogits: false }), { name: 'RangeError', message: "The parameter 'aux_logits' expected value True but got False instead." });
  torch.manualSeed(4);
  const g = models.googlenet({ numClasses: 4 });
  const gout = g(torch.randn(2, 3, 64, 64)) as torchvision.models.GoogLeNetOutputs;
  t.same([gout.length, gout.logits.shape, gout.auxLogits2!.shape, gout.auxLogits1!.shape, gout[2] === gout.auxLogits1], [3, [2, 4], [2, 4], [2, 4], true],
    'GoogLeNet in train(): GoogLeNetOutputs [logits, auxLogits2, auxLogits1]');
  const googlenetEntry = new models.Weights('GoogLeNet_Weights', 'TEST', 'http://127.0.0.1:9/googlenet-made.pth', { cropSize: 224 }, { categories: models.GoogLeNet_Weights.IMAGENET1K_V1.meta.categories, numParams: 6624904 });
  torch.save(models.googlenet().stateDict(), googlenetEntry.path);
  const published = models.googlenet({ weights: googlenetEntry }) as torchvision.models.GoogLeNet;
  t.same([published.transformInput, published.auxLogits, published.aux1, published.aux2], [true, false, null, null], "torchvision's weights: transformInput on, the untrained auxiliary heads dropped after loading");
  t.ok(published(torch.randn(1, 3, 64, 64)) instanceof torch.Tensor, 'and the logits alone, in train() too');
  t.ok((models.googlenet({ weights: googlenetEntry, auxLogits: true }) as torchvision.models.GoogLeNet).aux2, 'unless auxLogits: true keeps them');
  t.throws(() => models.googlenet({ weights: googlenetEntry, auxLogits: false }), { name: 'RangeError', message: "The parameter 'aux_logits' expected value True but got False instead." });
  t.throws(() => new models.SqueezeNet('2_0' as never), { name: 'RangeError', message: 'Unsupported SqueezeNet version 2_0: 1_0 or 1_1 expected' });
});

t.test('pretrained: torchvision’s legacy meaning (IMAGENET1K_V1, not DEFAULT) with its deprecation warnings', async (t) => {
  tempHub(t);
  const warnings: string[] = [];
  const listen = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', listen);
  try {
    t.throws(() => models.resnet50({ pretrained: true }), /ResNet50_Weights\.IMAGENET1K_V1 is not downloaded yet/, "resnet50's first weights, whose preprocessing (resize 256) old programs use");
    t.throws(() => models.vit_h_14({ pretrained: true }), { name: 'RangeError', message: 'No weights available for model vit_h_14' });
    t.throws(() => models.resnet18({ pretrained: true, weights: null }), { name: 'TypeError', message: /got an unexpected keyword argument 'pretrained'/ }, 'beside weights, refused');
    t.throws(() => models.resnet18({ pretrained: 1 } as never), { name: 'TypeError', message: /Expected a boolean for pretrained but received 1 of type number/ });
    t.equal((models.resnet18({ pretrained: false, numClasses: 3 }) as torchvision.models.ResNet).fc.outFeatures, 3, 'false: no weights');
    await new Promise((r) => setImmediate(r));
    t.same(warnings.slice(-2), ["UserWarning: The parameter 'pretrained' is deprecated since 0.13 and may be removed in the future, please use 'weights' instead.",
      "UserWarning: Arguments other than a weight enum or `None` for 'weights' are deprecated since 0.13 and may be removed in the future. The current behavior is equivalent to passing `weights=None`."],
    "torchvision's two warnings");
    t.ok(warnings.includes("UserWarning: Arguments other than a weight enum or `None` for 'weights' are deprecated since 0.13 and may be removed in the future. The current behavior is equivalent to passing `weights=ResNet50_Weights.IMAGENET1K_V1`. You can also use `weights=ResNet50_Weights.DEFAULT` to get the most up-to-date weights."));
  } finally {
    process.off('warning', listen);
  }
});

t.test('ViT: torchvision’s published files (MLPBlock’s old linear_1 and linear_2), the image size its weights fix, and its checks', async (t) => {
  tempHub(t);
  torch.manualSeed(5);
  const src = models.vit_b_32({ imageSize: 64 });
  // as vit_b_32-d86f8d99.pth: saved before MLPBlock became a torchvision.ops.MLP (vision#6053)
  const legacy = Object.fromEntries(Object.entries(src.stateDict()).map(([k, v]) => [k.replace(/\.mlp\.0\./, '.mlp.linear_1.').replace(/\.mlp\.3\./, '.mlp.linear_2.'), v]));
  t.ok('encoder.layers.encoder_layer_11.mlp.linear_2.bias' in legacy, "the file's old names");
  const meta = models.ViT_B_32_Weights.IMAGENET1K_V1.meta;
  const entry = new models.Weights('ViT_B_32_Weights', 'TEST', 'http://127.0.0.1:9/vit_b_32-legacy.pth', { cropSize: 64 }, { categories: meta.categories, numParams: meta.numParams, minSize: [64, 64] });
  mkdirSync(path.dirname(entry.path), { recursive: true });
  torch.save(legacy, entry.path);
  const net = models.vit_b_32({ weights: entry }) as torchvision.models.VisionTransformer;
  t.same([net.imageSize, net.numClasses], [64, 1000], 'the weights set imageSize and numClasses');
  const x = torch.randn(1, 3, 64, 64);
  src.eval();
  net.eval();
  t.ok(torch.noGrad(() => net(x).equal(src(x))), 'renamed and loaded: the same outputs');
  const direct = models.vit_b_32({ imageSize: 64 });
  direct.loadStateDict(legacy);
  t.ok('encoder.layers.encoder_layer_0.mlp.linear_1.weight' in legacy && !('encoder.layers.encoder_layer_0.mlp.0.weight' in legacy), "loadStateDict leaves the caller's object as it was");
  t.throws(() => models.vit_b_32({ weights: entry, imageSize: 224 }), { name: 'RangeError', message: "The parameter 'image_size' expected value 64 but got 224 instead." });
  t.throws(() => net(torch.randn(1, 3, 32, 64)), { name: 'RangeError', message: 'Wrong image height! Expected 64 but got 32!' });
  t.throws(() => new models.VisionTransformer(60, 16, 1, 2, 8, 16), { name: 'RangeError', message: 'Input shape indivisible by patch size!' });
  t.throws(() => net.encoder(torch.randn(2, 4)), { name: 'RangeError', message: 'Expected (batch_size, seq_length, hidden_dim) got torch.Size([2, 4])' });
  t.throws(() => models.visionTransformer.interpolateEmbeddings(96, 32, { 'encoder.pos_embedding': torch.zeros(1, 7, 4) }),
    { name: 'RangeError', message: 'seq_length is not a perfect square! Instead got seq_length_1d * seq_length_1d = 4 and seq_length = 6' });
  const small = new models.VisionTransformer(32, 16, 1, 2, 8, 16, { numClasses: 3 });
  const resized = models.visionTransformer.interpolateEmbeddings(48, 16, small.stateDict(), { resetHeads: true });
  t.same([resized['encoder.pos_embedding'].shape, Object.keys(resized).filter((k) => k.startsWith('heads'))], [[1, 10, 8], []], 'resetHeads leaves the heads out');
  t.throws(() => new models.VisionTransformer(32, 16, 1, 2, 8, 16, { numClasses: 3, imageSize: 48 } as never), { name: 'TypeError', message: /got multiple values for argument 'imageSize'/ });
});

t.test('weights entries: preprocessing, categories, and a real download through torch.hub’s cache', async (t) => {
  const w = models.ResNet50_Weights.IMAGENET1K_V2;
  t.equal(String(w), 'ResNet50_Weights.IMAGENET1K_V2');
  t.equal(models.ResNet50_Weights.DEFAULT, w);
  t.equal(w.url, 'https://download.pytorch.org/models/resnet50-11ad3fa6.pth');
  t.equal(w.meta.categories!.length, 1000);
  t.equal(w.meta.categories![0], 'tench');
  t.equal(w.meta.numParams, 25557032);
  t.equal(String(w.transforms()), 'ImageClassification(\n    crop_size=[224]\n    resize_size=[232]\n    mean=[0.485, 0.456, 0.406]\n    std=[0.229, 0.224, 0.225]\n    interpolation=InterpolationMode.BILINEAR\n)');
  const img = torch.randint(0, 256, [3, 300, 260], { dtype: torch.uint8 });
  const x = w.transforms()(img);
  t.same(x.shape, [3, 224, 224]);
  t.equal(models.getWeight('ResNet50_Weights.IMAGENET1K_V1').url, 'https://download.pytorch.org/models/resnet50-0676ba61.pth');

  // a weights file the test makes, served on loopback under a name carrying its hash, as PyTorch's are
  const home = tempHub(t, 'hub');
  torch.manualSeed(1);
  const src = models.resnet18({ numClasses: 1000 });
  const file = path.join(home, 'made.pth');
  torch.save(src.stateDict(), file);
  const bytes = readFileSync(file);
  const sha = createHash('sha256').update(bytes).digest('hex');
  let mode: 'ok' | 'corrupt' | 'fail' | 'truncate' = 'ok';
  let hits = 0;
  const server = http.createServer((req, res) => {
    hits++;
    if (mode === 'fail') return void res.writeHead(500).end();
    if (mode === 'truncate') {
      res.writeHead(200, { 'content-length': bytes.length });
      res.write(bytes.subarray(0, 1000));
      return void res.destroy();
    }
    res.writeHead(200).end(mode === 'corrupt' ? Buffer.concat([bytes, Buffer.from('x')]) : bytes);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as any).port;
  const entry = (name: string) => new models.Weights('ResNet18_Weights', 'TEST', `http://127.0.0.1:${port}/${name}`, { cropSize: 224 }, { categories: w.meta.categories, numParams: 11689512 });
  try {
    const good = entry(`resnet18-${sha.slice(0, 8)}.pth`);
    t.throws(() => models.resnet18({ weights: good }), /is not downloaded yet: `await ResNet18_Weights.TEST.download\(\)` first/);
    await good.download();
    const net = models.resnet18({ weights: good });
    t.ok(net.stateDict()['layer4.1.bn2.weight'].equal(src.stateDict()['layer4.1.bn2.weight']), 'the weights loaded');
    await good.download();
    t.equal(hits, 1, 'a cached good copy is not fetched again');
    t.equal(good.path, path.join(home, 'hub', 'checkpoints', `resnet18-${sha.slice(0, 8)}.pth`));
    mode = 'corrupt';
    await t.rejects(entry('resnet18-00000000.pth').download(), /SHA-256 of resnet18-00000000\.pth is [0-9a-f]+, expected 00000000…/);
    mode = 'fail';
    await t.rejects(entry('resnet18-11111111.pth').download(), /server answered HTTP 500/);
    mode = 'truncate';
    await t.rejects(entry(`resnet18-${sha.slice(0, 8)}x.pth`).download(), /downloading .* failed/);
    t.same(readdirSync(path.join(home, 'hub', 'checkpoints')), [`resnet18-${sha.slice(0, 8)}.pth`], 'nothing half-written is left in the cache');
    mode = 'ok';
    const sd = await torch.hub.loadStateDictFromUrl(`http://127.0.0.1:${port}/other-${sha.slice(0, 10)}.pth`, { checkHash: true });
    t.ok(sd['fc.weight'].equal(src.stateDict()['fc.weight']), 'torch.hub.loadStateDictFromUrl');
  } finally {
    server.close();
  }
  t.ok(existsSync(home));
});
