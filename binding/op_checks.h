// Argument checks some ATen ops leave out (or that libtorch 1.13 gets wrong), run on the bound
// arguments before the op: a bad call is an error, never a read outside a tensor's memory. Plain C++
// over ATen, so fuzz/ can drive it on its own.
#pragma once
#include <ATen/ATen.h>
#include <ATen/core/ivalue.h>
#include <ATen/core/stack.h>
#include <string>

namespace tn {

using OpCheck = void (*)(const torch::jit::Stack& args);
// The check for an op ("as_strided", "grid_sampler"...), or nullptr when it needs none.
OpCheck OpCheckFor(const std::string& op);
// PyTorch's in-bounds check for a view of `base`'s storage, with overflow-checked arithmetic.
void CheckViewInBounds(const at::Tensor& base, c10::IntArrayRef sizes, c10::IntArrayRef strides, int64_t storageOffset);

}  // namespace tn
