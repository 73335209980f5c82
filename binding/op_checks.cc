// Argument checks some ATen ops leave out (or that libtorch 1.13 gets wrong): see op_checks.h.
#include "op_checks.h"

namespace tn {

void CheckViewInBounds(const at::Tensor& base, c10::IntArrayRef sizes, c10::IntArrayRef strides, int64_t storageOffset) {
  TORCH_CHECK(sizes.size() == strides.size(), "mismatch in length of strides and shape");
  TORCH_CHECK(storageOffset >= 0, "Tensor: invalid storage offset ", storageOffset);
  for (size_t i = 0; i < sizes.size(); ++i) {
    TORCH_CHECK(sizes[i] >= 0, "Trying to create tensor with negative dimension ", sizes[i], ": ", sizes);
    TORCH_CHECK(strides[i] >= 0, "as_strided: Negative strides are not supported at the moment, got strides: ", strides);
  }
  if (!base.has_storage()) return;
  for (int64_t s : sizes)
    if (s == 0) return;  // an empty view reads nothing
  // the last element's index, then the bytes up to it; libtorch 1.13 computes these unchecked, and a
  // huge offset wraps around into a "valid" size
  int64_t last = storageOffset, bytes = 0;
  bool overflow = false;
  for (size_t i = 0; i < sizes.size() && !overflow; ++i) {
    int64_t span = 0;
    overflow = __builtin_mul_overflow(sizes[i] - 1, strides[i], &span) || __builtin_add_overflow(last, span, &last);
  }
  const int64_t itemsize = static_cast<int64_t>(base.dtype().itemsize());
  overflow = overflow || __builtin_add_overflow(last, 1, &last) || __builtin_mul_overflow(last, itemsize, &bytes);
  const int64_t available = static_cast<int64_t>(base.storage().nbytes());
  TORCH_CHECK(!overflow && bytes <= available, "setStorage: sizes ", sizes, ", strides ", strides, ", storage offset ", storageOffset,
              ", and itemsize ", itemsize, " requiring a storage size of ", overflow ? std::string("more than 2^63") : std::to_string(bytes),
              " are out of bounds for storage of size ", available);
}

namespace {

// as_strided(self, size, stride, storage_offset=None) and as_strided_
void AsStrided(const torch::jit::Stack& a) {
  const auto& self = a[0].toTensor();
  const int64_t offset = a.size() > 3 && !a[3].isNone() ? a[3].toInt() : self.storage_offset();
  CheckViewInBounds(self, a[1].toIntVector(), a[2].toIntVector(), offset);
}

// set_(self, source, storage_offset, size, stride=[]): a view of source's storage
void SetSourceStorage(const torch::jit::Stack& a) {
  if (a.size() < 4 || !a[1].isTensor() || !a[2].isInt()) return;  // the other overloads bring no offset
  auto sizes = a[3].toIntVector();
  auto strides = a.size() > 4 ? a[4].toIntVector() : std::vector<int64_t>{};
  if (strides.empty()) {  // contiguous
    strides.assign(sizes.size(), 1);
    for (size_t i = sizes.size(); i-- > 1;) strides[i - 1] = strides[i] * std::max<int64_t>(sizes[i], 1);
  }
  CheckViewInBounds(a[1].toTensor(), sizes, strides, a[2].toInt());
}

// grid_sampler*(input, grid, interpolation_mode, padding_mode, align_corners): the modes are enums
// whose values ATen casts unchecked
void GridSampler(const torch::jit::Stack& a) {
  const int64_t interp = a[2].toInt(), padding = a[3].toInt();
  TORCH_CHECK(interp >= 0 && interp <= 2, "grid_sampler(): expected interpolation_mode to be 0 (bilinear), 1 (nearest) or 2 (bicubic), but got: ", interp);
  TORCH_CHECK(padding >= 0 && padding <= 2, "grid_sampler(): expected padding_mode to be 0 (zeros), 1 (border) or 2 (reflection), but got: ", padding);
}

}  // namespace

OpCheck OpCheckFor(const std::string& op) {
  if (op == "as_strided" || op == "as_strided_") return AsStrided;
  if (op == "set_") return SetSourceStorage;
  if (op == "grid_sampler" || op == "grid_sampler_2d" || op == "grid_sampler_3d") return GridSampler;
  return nullptr;
}

}  // namespace tn
