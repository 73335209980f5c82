// JPEG (libjpeg-turbo) and PNG (libpng) decoding into H×W×C uint8 tensors.
#pragma once
#include "common.h"

namespace tn::codec {

enum Mode { kUnchanged = 0, kGray = 1, kRGB = 2 };

at::Tensor Decode(const uint8_t* data, size_t size, Mode mode);
// Reads and decodes a file; every failure names the file.
at::Tensor ReadFile(const std::string& path, Mode mode);

}  // namespace tn::codec
