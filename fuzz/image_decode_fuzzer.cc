// libFuzzer target: binding/image_codec.cc's JPEG and PNG decoders, with the decompression-bomb
// limit, on arbitrary bytes. Anything but a clean exception (a crash, an ASan report, a leak, a
// timeout) is a finding. The first byte picks the mode (unchanged, grey, RGB).
#include "image_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const bool once = [] {
    tn::codec::SetMaxImagePixels(1 << 20);  // small images only: the fuzzer hunts bugs, not big allocations
    return true;
  }();
  (void)once;
  if (size < 1) return 0;
  try {
    auto img = tn::codec::Decode(data + 1, size - 1, static_cast<tn::codec::Mode>(data[0] % 3));
    // every decoded pixel must be readable
    volatile int64_t sum = img.sum().item<int64_t>();
    (void)sum;
  } catch (const std::exception&) {
  }
  return 0;
}
