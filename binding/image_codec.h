// JPEG (libjpeg-turbo) and PNG (libpng) decoding into H×W×C uint8 tensors, and encoding. Plain C++
// over ATen (no Node-API; binding/image_io.cc binds it), so fuzz/ can drive it on its own.
#pragma once
#include <ATen/ATen.h>
#include <string>
#include <vector>

namespace tn::codec {

enum Mode { kUnchanged = 0, kGray = 1, kRGB = 2 };

// Whether the addon was built with libjpeg and libpng.
#ifdef TORCH_NODE_IMAGE_CODECS
constexpr bool kBuilt = true;
#else
constexpr bool kBuilt = false;
#endif

at::Tensor Decode(const uint8_t* data, size_t size, Mode mode);
// Reads and decodes a file; every failure names the file.
at::Tensor ReadFile(const std::string& path, Mode mode);
// "png" or "jpeg" (quality 1-100) of an H×W×C uint8 CPU tensor
std::vector<uint8_t> Encode(const at::Tensor& hwc, const std::string& format, int quality);
// PIL's MAX_IMAGE_PIXELS (negative: none); returns the previous value.
int64_t SetMaxImagePixels(int64_t limit);

}  // namespace tn::codec
