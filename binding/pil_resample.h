// PIL's resampling on an Image's H×W×C uint8 pixels: Pillow's Resample.c (Image.resize), the
// affine engine of Geometry.c (Image.transform / Image.rotate) and ImageEnhance.Sharpness, ported to the instruction, so that
// an Image pipeline gives the very pixels torchvision's PIL path gives. Tensors keep torchvision's
// tensor kernels (vision.h).
#pragma once
#include "vision.h"

namespace tn::pil {

// PIL's Resampling filter numbers (Image.Resampling)
enum Filter { kNearest = 0, kLanczos = 1, kBilinear = 2, kBicubic = 3, kBox = 4, kHamming = 5 };
// torchvision's InterpolationMode (torch-node's code, functional.ts INTERP_CODE) -> PIL filter, as
// torchvision's pil_modes_mapping
int FilterOf(int interp);

// Image.resize((w, h), filter)
at::Tensor Resize(const at::Tensor& hwc, int64_t h, int64_t w, int filter);
// torchvision's F.rotate (spec.rotate: Image.rotate) or F.affine (Image.transform with
// _get_inverse_affine_matrix) on a PIL image; spec.angle is as vision::Affine takes it.
at::Tensor Affine(const at::Tensor& hwc, const vision::AffineSpec& spec);
// torchvision's F.perspective on a PIL image: Image.transform(size, PERSPECTIVE, a, filter, fillcolor=fill)
at::Tensor Perspective(const at::Tensor& hwc, const std::array<double, 8>& a, int interp, const std::vector<double>& fill);

// ImageEnhance.Sharpness(img).enhance(factor): a blend with ImageFilter.SMOOTH, in Pillow's single precision
at::Tensor Sharpness(const at::Tensor& hwc, double factor);

}  // namespace tn::pil
