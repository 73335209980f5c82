// torch.save / torch.load's container: libtorch's own zip reader and writer
// (caffe2/serialize/inline_container.h, the code Python's torch.save and torch.load run), so files
// are streamed, have no size ceiling, keep PyTorch's 64-byte record alignment, and a damaged or
// foreign file is refused by the same checks PyTorch makes. The pickle inside is read in JS
// (lib/serialization/pickle.ts), with limits.
#include "common.h"
#include <caffe2/serialize/inline_container.h>
#include <cstring>
#include <fstream>

namespace tn {
namespace {

using caffe2::serialize::PyTorchStreamReader;
using caffe2::serialize::PyTorchStreamWriter;

void FinalizeReader(node_api_basic_env, void* data, void*) { delete static_cast<PyTorchStreamReader*>(data); }

PyTorchStreamReader& ReaderOf(napi_env env, napi_value v) {
  return HandleArg<PyTorchStreamReader>(env, v, HandleKind::Archive, "an open torch.load archive");
}

// archiveOpen(path) -> reader; a file that is no zip archive, or a damaged one, throws libtorch's error
Napi::Value ArchiveOpen(const Napi::CallbackInfo& info) {
  return GuardN(info, "torch.load", [&]() -> napi_value {
    auto reader = std::make_unique<PyTorchStreamReader>(info[0].As<Napi::String>().Utf8Value());
    auto handle = NewHandle(info.Env(), reader.get(), FinalizeReader, HandleKind::Archive);
    reader.release();
    return handle;
  });
}

// archiveRecords(reader) -> names, without the archive's folder prefix
Napi::Value ArchiveRecords(const Napi::CallbackInfo& info) {
  return GuardN(info, "torch.load", [&]() -> napi_value {
    auto names = ReaderOf(info.Env(), info[0]).getAllRecords();
    auto out = Napi::Array::New(info.Env(), names.size());
    for (size_t i = 0; i < names.size(); ++i) out.Set(static_cast<uint32_t>(i), names[i]);
    return out;
  });
}

// archiveBytes(reader, name) -> Buffer (data.pkl, byteorder, version)
Napi::Value ArchiveBytes(const Napi::CallbackInfo& info) {
  return GuardN(info, "torch.load", [&]() -> napi_value {
    auto& reader = ReaderOf(info.Env(), info[0]);
    const std::string name = info[1].As<Napi::String>().Utf8Value();
    if (!reader.hasRecord(name)) throw std::runtime_error("the archive has no record " + name + " (truncated or damaged file)");
    auto [data, size] = reader.getRecord(name);
    return Napi::Buffer<uint8_t>::Copy(info.Env(), static_cast<const uint8_t*>(data.get()), size);
  });
}

// archiveStorage(reader, name, dtype, numel) -> a 1-D tensor over the record's bytes, without a copy
Napi::Value ArchiveStorage(const Napi::CallbackInfo& info) {
  return GuardN(info, "torch.load", [&]() -> napi_value {
    auto& reader = ReaderOf(info.Env(), info[0]);
    const std::string name = info[1].As<Napi::String>().Utf8Value();
    const auto dtype = static_cast<c10::ScalarType>(info[2].As<Napi::Number>().Int32Value());
    const int64_t numel = info[3].As<Napi::Number>().Int64Value();
    if (!reader.hasRecord(name)) throw std::runtime_error("the archive has no record " + name + " (truncated or damaged file)");
    auto [data, size] = reader.getRecord(name);
    const int64_t itemsize = static_cast<int64_t>(c10::elementSize(dtype));
    int64_t want = 0;
    if (numel < 0 || __builtin_mul_overflow(numel, itemsize, &want) || static_cast<size_t>(want) != size)
      throw std::runtime_error("storage " + name + " has " + std::to_string(size) + " bytes, but the pickle says " + std::to_string(numel) +
                               " elements of " + std::to_string(itemsize) + " bytes (truncated or damaged file)");
    c10::Storage storage(c10::Storage::use_byte_size_t(), size, std::move(data), /*allocator=*/nullptr, /*resizable=*/false);
    auto t = at::empty({0}, at::TensorOptions().dtype(dtype)).set_(storage, 0, {numel}, {1});
    return WrapTensor(info.Env(), t);
  });
}

// archiveSave(path, records: [name, Buffer | Tensor][]): one archive written in order through
// libtorch's writer (which adds the version records), straight to `path`; the caller renames it into
// place, so a failed save never replaces a good file.
Napi::Value ArchiveSave(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "torch.save", [&]() -> napi_value {
    const std::string path = info[0].As<Napi::String>().Utf8Value();
    auto records = info[1].As<Napi::Array>();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + path + ": " + std::strerror(errno));
    PyTorchStreamWriter writer([&](const void* buf, size_t n) -> size_t {
      out.write(static_cast<const char*>(buf), static_cast<std::streamsize>(n));
      return out ? n : 0;
    });
    for (uint32_t i = 0; i < records.Length(); ++i) {
      auto entry = records.Get(i).As<Napi::Array>();
      const std::string name = entry.Get(0u).As<Napi::String>().Utf8Value();
      Napi::Value data = entry.Get(1u);
      if (data.IsBuffer()) {
        auto b = data.As<Napi::Buffer<uint8_t>>();
        writer.writeRecord(name, b.Data(), b.Length());
      } else {
        const at::Tensor& t = TensorArg(env, data, "record");
        TORCH_CHECK(t.device().is_cpu() && t.is_contiguous(), "torch.save: records are written from contiguous CPU tensors");
        writer.writeRecord(name, t.data_ptr(), t.numel() * t.element_size());
      }
    }
    writer.writeEndOfFile();
    out.close();
    if (!out) throw std::runtime_error("writing " + path + " failed: " + std::strerror(errno));
    return info.Env().Undefined();
  });
}

}  // namespace

void InitSerialization(Napi::Env env, Napi::Object exports) {
  exports.Set("archiveOpen", Napi::Function::New(env, ArchiveOpen));
  exports.Set("archiveRecords", Napi::Function::New(env, ArchiveRecords));
  exports.Set("archiveBytes", Napi::Function::New(env, ArchiveBytes));
  exports.Set("archiveStorage", Napi::Function::New(env, ArchiveStorage));
  exports.Set("archiveSave", Napi::Function::New(env, ArchiveSave));
}

}  // namespace tn
