// torchvision.ops.FeaturePyramidNetwork (torchvision/ops/feature_pyramid_network.py): lateral 1×1
// and output 3×3 convolutions with a nearest-upsampled top-down path, torchvision's initialisation
// (kaiming_uniform_ with a=1, zero bias) and layer names.
import * as torch from '../../index.js';
import { Module } from '../../nn/module.js';
import { describe } from '../../errors.js';
import { bind, type Args } from '../../bind.js';
import { Conv2dNormActivation } from './layers.js';

const { nn } = torch;
const F = nn.functional;
type Features = Record<string, torch.Tensor> | Map<string, torch.Tensor>;

/** torchvision's ExtraFPNBlock: a block that adds levels after the pyramid (results, inputs, names) → [results, names]. */
export abstract class ExtraFPNBlock extends Module<[results: torch.Tensor[], x: torch.Tensor[], names: string[]], [torch.Tensor[], string[]]> {
  abstract forward(results: torch.Tensor[], x: torch.Tensor[], names: string[]): [torch.Tensor[], string[]];
}
/** Adds a 'pool' level: max_pool2d of the last level with kernel 1, stride 2. */
export class LastLevelMaxPool extends ExtraFPNBlock {
  forward(x: torch.Tensor[], _y: torch.Tensor[], names: string[]): [torch.Tensor[], string[]] {
    return [[...x, F.maxPool2d(x[x.length - 1], { kernelSize: 1, stride: 2, padding: 0 })], [...names, 'pool']];
  }
}
/** Adds P6 and P7 (RetinaNet): 3×3 stride-2 convolutions on P5 (or C5 when the widths differ). */
export class LastLevelP6P7 extends ExtraFPNBlock {
  p6: torch.nn.Conv2d;
  p7: torch.nn.Conv2d;
  readonly useP5: boolean;
  constructor(...args: Args<'torchvision.ops.featurePyramidNetwork.LastLevelP6P7'>) {
    super();
    const { inChannels, outChannels } = bind('torchvision.ops.featurePyramidNetwork.LastLevelP6P7', args);
    this.p6 = new nn.Conv2d(inChannels, outChannels, 3, 2, 1);
    this.p7 = new nn.Conv2d(outChannels, outChannels, 3, 2, 1);
    for (const m of [this.p6, this.p7]) {
      nn.init.kaimingUniform_(m.weight, { a: 1 });
      nn.init.constant_(m.bias!, 0);
    }
    this.useP5 = inChannels === outChannels;
  }
  forward(p: torch.Tensor[], c: torch.Tensor[], names: string[]): [torch.Tensor[], string[]] {
    const p6 = this.p6(this.useP5 ? p[p.length - 1] : c[c.length - 1]);
    const p7 = this.p7(F.relu(p6));
    return [[...p, p6, p7], [...names, 'p6', 'p7']];
  }
}

/** torchvision.ops.FeaturePyramidNetwork: features by name in (finest first), the pyramid by the same names out. */
export class FeaturePyramidNetwork extends Module<[x: Features], Record<string, torch.Tensor>> {
  inner_blocks: torch.nn.ModuleList;
  layer_blocks: torch.nn.ModuleList;
  extra_blocks: ExtraFPNBlock | null;
  constructor(...args: Args<'torchvision.ops.FeaturePyramidNetwork'>) {
    super();
    const a = bind('torchvision.ops.FeaturePyramidNetwork', args);
    if (!Array.isArray(a.inChannelsList) || !a.inChannelsList.every(Number.isInteger)) throw new TypeError(`Expected an array of integers for inChannelsList but received ${describe(a.inChannelsList)}`);
    this.inner_blocks = new nn.ModuleList();
    this.layer_blocks = new nn.ModuleList();
    for (const inChannels of a.inChannelsList) {
      if (inChannels === 0) throw new RangeError('in_channels=0 is currently not supported');
      this.inner_blocks.append(new Conv2dNormActivation(inChannels, a.outChannels, { kernelSize: 1, padding: 0, normLayer: a.normLayer ?? null, activationLayer: null }));
      this.layer_blocks.append(new Conv2dNormActivation(a.outChannels, a.outChannels, { kernelSize: 3, normLayer: a.normLayer ?? null, activationLayer: null }));
    }
    for (const m of this.modules()) {
      if (m instanceof nn.Conv2d) {
        nn.init.kaimingUniform_(m.weight, { a: 1 });
        if (m.bias) nn.init.constant_(m.bias, 0);
      }
    }
    if (a.extraBlocks !== null && a.extraBlocks !== undefined && !(a.extraBlocks instanceof ExtraFPNBlock)) {
      throw new TypeError(`extra_blocks should be of type ExtraFPNBlock not ${describe(a.extraBlocks)}`);
    }
    this.extra_blocks = a.extraBlocks ?? null;
  }
  forward(x: Features): Record<string, torch.Tensor> {
    const entries = x instanceof Map ? [...x.entries()] : Object.entries(x ?? {});
    if (entries.length !== this.inner_blocks.length) throw new RangeError(`FeaturePyramidNetwork was built for ${this.inner_blocks.length} feature maps but received ${entries.length}`);
    let names = entries.map(([k]) => k);
    const xs = entries.map(([, v]) => v);
    const inner = (i: number, t: torch.Tensor) => (this.inner_blocks.get(i) as Module)(t) as torch.Tensor;
    const layer = (i: number, t: torch.Tensor) => (this.layer_blocks.get(i) as Module)(t) as torch.Tensor;
    const last = xs.length - 1;
    let lastInner = inner(last, xs[last]);
    let results = [layer(last, lastInner)];
    for (let i = last - 1; i >= 0; i--) {
      const lateral = inner(i, xs[i]);
      const topDown = F.interpolate(lastInner, { size: lateral.shape.slice(-2), mode: 'nearest' });
      lastInner = lateral.add(topDown);
      results.unshift(layer(i, lastInner));
    }
    if (this.extra_blocks) [results, names] = this.extra_blocks(results, xs, names);
    return Object.fromEntries(names.map((n, i) => [n, results[i]]));
  }
}
