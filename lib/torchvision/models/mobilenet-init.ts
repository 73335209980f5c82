// torchvision's weight initialisation shared by MobileNetV2, V3 and EfficientNet (not part of the public surface:
// torchvision repeats it in each model's __init__).
import * as torch from '../../index.js';

const { nn } = torch;
type Module = torch.nn.Module;

/**
 * torchvision's initialisation of MobileNet and EfficientNet: Kaiming-normal (fan_out) convolutions,
 * unit norms, and each Linear by `linear` (N(0, 0.01) unless given), its bias zero.
 */
export function initMobileNetWeights(model: Module, linear = (l: torch.nn.Linear) => nn.init.normal_(l.weight, 0, 0.01)): void {
  for (const m of model.modules()) {
    if (m instanceof nn.Conv2d) {
      nn.init.kaimingNormal_(m.weight, { mode: 'fan_out' });
      if (m.bias) nn.init.zeros_(m.bias);
    } else if (m instanceof nn.BatchNorm2d || m instanceof nn.GroupNorm) {
      nn.init.ones_(m.weight!);
      nn.init.zeros_(m.bias!);
    } else if (m instanceof nn.Linear) {
      linear(m);
      nn.init.zeros_(m.bias!);
    }
  }
}
