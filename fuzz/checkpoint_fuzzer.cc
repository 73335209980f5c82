// libFuzzer target: a torch.load checkpoint's native side on arbitrary bytes. libtorch's zip reader
// (PyTorchStreamReader, which torch.load uses) opens the archive and reads every record; each storage
// record becomes a tensor the way binding/serialization.cc makes one, and a view of it is cut with
// sizes, strides and an offset taken from the data (as a crafted pickle would give them), checked by
// binding/op_checks.cc first. A view that passes the check is read in full: ASan reports any read
// outside the storage.
#include <caffe2/serialize/inline_container.h>
#include <sstream>
#include "op_checks.h"

static int64_t Take(const uint8_t*& p, const uint8_t* end) {
  int64_t v = 0;
  for (int i = 0; i < 8 && p < end; ++i) v |= static_cast<int64_t>(*p++) << (8 * i);
  return v;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    caffe2::serialize::PyTorchStreamReader reader(&in);
    for (const auto& name : reader.getAllRecords()) {
      auto [ptr, bytes] = reader.getRecord(name);
      if (bytes == 0 || bytes > (1 << 20)) continue;
      c10::Storage storage(c10::Storage::use_byte_size_t(), bytes, std::move(ptr), nullptr, false);
      auto base = at::empty({0}, at::kByte).set_(storage, 0, {static_cast<int64_t>(bytes)}, {1});
      // up to three dims, strides and an offset from the record's own bytes
      const uint8_t* p = static_cast<const uint8_t*>(storage.data());
      const uint8_t* end = p + bytes;
      const int dims = static_cast<int>(*p % 4);
      std::vector<int64_t> sizes, strides;
      for (int d = 0; d < dims; ++d) sizes.push_back(Take(p, end) % 4096 - 8);
      for (int d = 0; d < dims; ++d) strides.push_back(Take(p, end));
      const int64_t offset = Take(p, end);
      try {
        tn::CheckViewInBounds(base, sizes, strides, offset);
      } catch (const c10::Error&) {
        continue;  // refused: the point of the check
      }
      // an in-bounds view may still be huge (zero strides: an expand); reading 4M elements finds any
      // out-of-bounds read, while summing billions only asks libtorch for gigabytes of scratch
      int64_t numel = 1;
      for (int64_t s : sizes) numel = s > 0 && numel <= (int64_t{1} << 22) / s ? numel * s : (s == 0 ? 0 : (int64_t{1} << 22) + 1);
      if (numel > (int64_t{1} << 22)) continue;
      volatile int64_t sum = base.as_strided(sizes, strides, offset).sum().item<int64_t>();
      (void)sum;
    }
  } catch (const std::exception&) {
  }
  return 0;
}
