// Inception v3's and GoogLeNet's input transform (torchvision's private _transform_input), shared by both.
import * as torch from '../../index.js';

type Tensor = torch.Tensor;

/**
 * torchvision's _transform_input (Inception v3, GoogLeNet): an input normalised with ImageNet's mean and std
 * to the (x − 0.5) / 0.5 scaling the original TensorFlow weights were trained with.
 */
export function imagenetToHalfScale(x: Tensor): Tensor {
  const ch = (i: number, std: number, mean: number) => torch.unsqueeze(x.select(1, i), 1).mul(std / 0.5).add((mean - 0.5) / 0.5);
  return torch.cat([ch(0, 0.229, 0.485), ch(1, 0.224, 0.456), ch(2, 0.225, 0.406)], 1);
}
