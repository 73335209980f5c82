// torchvision's tensor image kernels (torchvision/transforms/functional_tensor.py), ported op for
// op so results equal torchvision's. Shared by the JS transforms (vision.cc exports) and the
// native DataLoader (loader.cc). Images are C×H×W or N×C×H×W tensors of any dtype.
#pragma once
#include "common.h"

namespace tn::vision {

enum Interp { kNearest = 0, kBilinear = 1, kBicubic = 2 };

at::Tensor Resize(const at::Tensor& img, int64_t h, int64_t w, int interp, bool antialias);
// torchvision's _compute_resized_output_size for an int size (the smaller edge): [h, w]
std::array<int64_t, 2> ResizedSize(int64_t h, int64_t w, int64_t size, int64_t maxSize /* 0: none */);

struct AffineSpec {
  double angle = 0, tx = 0, ty = 0, scale = 1, shearX = 0, shearY = 0;
  bool hasCenter = false;
  double cx = 0, cy = 0;  // in pixels, as the user gives it
  bool expand = false;
  int interp = kNearest;
  std::vector<double> fill;  // empty: torchvision's fill=None
  bool border = false;       // extension: Keras' fill_mode='nearest' (grid_sample's border padding)
  bool rotate = false;       // made by F.rotate (on a PIL image that is Image.rotate, not _get_inverse_affine_matrix)
};
// torchvision's _get_inverse_affine_matrix (inverted=True): output pixel -> input pixel
std::array<double, 6> InverseAffineMatrix(double cx, double cy, double angle, double tx, double ty, double scale, double shx, double shy);

// torchvision's affine(); rotate(angle) is affine with angle = -angle, as F.rotate does.
at::Tensor Affine(const at::Tensor& img, const AffineSpec& spec);

// torchvision's perspective() with _get_perspective_coeffs' eight coefficients (output -> input)
at::Tensor Perspective(const at::Tensor& img, const std::array<double, 8>& coeffs, const AffineSpec& spec);
// torchvision's elastic_transform(): the identity grid plus a 1×H×W×2 displacement
at::Tensor Elastic(const at::Tensor& img, const at::Tensor& displacement, const AffineSpec& spec);

at::Tensor AdjustBrightness(const at::Tensor& img, double factor);
at::Tensor AdjustContrast(const at::Tensor& img, double factor);
at::Tensor AdjustSaturation(const at::Tensor& img, double factor);
at::Tensor AdjustHue(const at::Tensor& img, double factor);
// torchvision's adjust_sharpness on a tensor: a blend with its 3×3 smoothing
at::Tensor AdjustSharpness(const at::Tensor& img, double factor);
at::Tensor RgbToGrayscale(const at::Tensor& img);
at::Tensor GaussianBlur(const at::Tensor& img, int64_t kx, int64_t ky, double sx, double sy);

}  // namespace tn::vision
