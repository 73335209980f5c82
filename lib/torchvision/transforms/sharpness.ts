// torchvision.transforms.functional.adjust_sharpness: a blend of the image with its 3×3 smoothing
// (kernel [[1, 1, 1], [1, 5, 1], [1, 1, 1]] / 13, borders kept). On an Image it is PIL's
// ImageEnhance.Sharpness, whose filter and blend compute in single precision: the same float32
// operations in the same order here give its very pixels. On a tensor, torchvision's tensor code.
import * as torch from '../../index.js';
import { Image } from '../image.js';
import { bind, type Args } from '../../bind.js';
import { spatial, type Input } from './functional.js';
import { assertChannels } from './tone.js';

const interior = (t: torch.Tensor, hDim: number) => t.narrow(hDim, 1, t.size(hDim) - 2).narrow(hDim + 1, 1, t.size(hDim + 1) - 2);

/** Pillow's ImageFilter.SMOOTH (ImagingFilter3x3) on H×W×C uint8 pixels */
function pilSmooth(hwc: torch.Tensor): torch.Tensor {
  const [h, w] = hwc.shape;
  if (h! < 3 || w! < 3) return hwc.clone(); // ImagingFilter copies an image smaller than its kernel
  const x = hwc.float();
  const one = Math.fround(1 / 13), five = Math.fround(5 / 13);
  const at = (dy: number, dx: number) => x.narrow(0, 1 + dy, h! - 2).narrow(1, 1 + dx, w! - 2);
  // KERNEL1x3: (in[x-1]·k0 + in[x]·k1) + in[x+1]·k2, a row at a time, added to the 0.5 of rounding
  const row = (dy: number, middle: number) => at(dy, -1).mul(one).add(at(dy, 0).mul(middle)).add(at(dy, 1).mul(one));
  const sum = torch.add(row(1, one), 0.5).add(row(0, five)).add(row(-1, one));
  const out = hwc.clone();
  interior(out, 0).copy_(sum.clamp(0, 255).to(torch.uint8));
  return out;
}

/** Pillow's ImagingBlend(a, b, alpha): a + alpha·(b − a) in single precision, truncated to 8 bits */
function pilBlend(a: torch.Tensor, b: torch.Tensor, alpha: number): torch.Tensor {
  const af = a.float();
  return af.add(b.float().sub(af).mul(Math.fround(alpha))).clamp(0, 255).to(torch.uint8);
}

/** torchvision's _blurred_degenerate_image */
function blurredDegenerate(img: torch.Tensor): torch.Tensor {
  const dtype = img.dtype.isFloatingPoint ? img.dtype : torch.float32;
  let kernel = torch.tensor([[1, 1, 1], [1, 5, 1], [1, 1, 1]], { dtype });
  kernel = kernel.div(kernel.sum()).expand([img.size(-3), 1, 3, 3]);
  const squeeze = img.dim() === 3;
  let x = squeeze ? img.unsqueeze(0) : img;
  if (x.dtype !== dtype) x = x.to(dtype);
  let blurred = torch.nn.functional.conv2d(x, kernel, { groups: x.size(-3) });
  if (squeeze) blurred = blurred.squeeze(0);
  if (img.dtype !== dtype) blurred = (img.dtype.isFloatingPoint || img.dtype === torch.bool ? blurred : blurred.round()).to(img.dtype);
  const result = img.clone();
  interior(result, result.dim() - 2).copy_(blurred);
  return result;
}

/**
 * The image sharpened by `sharpnessFactor`: 0 gives a blurred image, 1 the original, 2 twice as sharp
 * (torchvision's F.adjust_sharpness).
 */
export function adjustSharpness(...args: Args<'torchvision.transforms.functional.adjustSharpness'>): Input {
  const { img, sharpnessFactor } = bind('torchvision.transforms.functional.adjustSharpness', args);
  if (img instanceof Image) return new Image(pilBlend(pilSmooth(img.data), img.data, sharpnessFactor), img.mode);
  if (sharpnessFactor < 0) throw new RangeError(`sharpness_factor (${sharpnessFactor}) is not non-negative.`);
  return spatial(img, (t) => {
    assertChannels(t);
    if (t.size(-1) <= 2 || t.size(-2) <= 2) return t;
    // torchvision's _blend: a Python float times an integer image is a float32 image
    const asFloat = (x: torch.Tensor) => (x.dtype.isFloatingPoint ? x : x.float());
    const bound = t.dtype.isFloatingPoint ? 1 : 255;
    return asFloat(t).mul(sharpnessFactor).add(asFloat(blurredDegenerate(t)).mul(1 - sharpnessFactor)).clamp(0, bound).to(t.dtype);
  });
}
