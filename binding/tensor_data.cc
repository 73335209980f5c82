// Moving element data between JS memory and tensors: creation from buffers, reading back.
#include "common.h"

namespace tn {

static std::vector<int64_t> Shape(napi_env env, napi_value v) {
  uint32_t n = 0;
  napi_get_array_length(env, v, &n);
  std::vector<int64_t> shape(n);
  for (uint32_t i = 0; i < n; ++i) {
    napi_value e;
    napi_get_element(env, v, i, &e);
    napi_get_value_int64(env, e, &shape[i]);
  }
  return shape;
}

// A new CPU tensor of that dtype and shape holding a copy of the bytes.
static napi_value TensorFromBytes(napi_env env, const void* data, size_t byteLength, napi_value dtypeArg, napi_value shapeArg) {
  int32_t st = 0;
  napi_get_value_int32(env, dtypeArg, &st);
  auto dtype = static_cast<c10::ScalarType>(st);
  auto shape = Shape(env, shapeArg);
  at::Tensor t = at::empty(shape, at::TensorOptions().dtype(dtype));
  size_t need = t.numel() * t.element_size();
  if (need != byteLength)
    throw ArgError("data holds " + std::to_string(byteLength) + " bytes but shape and dtype need " + std::to_string(need));
  if (need) std::memcpy(t.data_ptr(), data, need);
  return WrapTensor(env, t);
}

// fromData(arrayBufferView, dtypeEnum, shape) -> a new CPU tensor holding a copy of the bytes.
static napi_value FromData(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  return Guard(env, "tensor", [&]() -> napi_value {
    void* data = nullptr;
    size_t byteLength = 0;
    bool isTyped = false, isDataView = false, isAb = false;
    napi_is_typedarray(env, argv[0], &isTyped);
    napi_is_dataview(env, argv[0], &isDataView);
    napi_is_arraybuffer(env, argv[0], &isAb);
    if (isTyped) {
      napi_typedarray_type type;
      size_t length;
      napi_value ab;
      size_t offset;
      napi_get_typedarray_info(env, argv[0], &type, &length, &data, &ab, &offset);
      static const size_t sizes[] = {1, 1, 1, 2, 2, 4, 4, 4, 8, 8, 8};
      byteLength = length * sizes[type];
    } else if (isDataView) {
      napi_value ab;
      size_t offset;
      napi_get_dataview_info(env, argv[0], &byteLength, &data, &ab, &offset);
    } else if (isAb) {
      napi_get_arraybuffer_info(env, argv[0], &data, &byteLength);
    } else {
      throw ArgError("Expected a TypedArray, DataView, Buffer or ArrayBuffer for data but received " + Describe(env, argv[0]));
    }
    return TensorFromBytes(env, data, byteLength, argv[1], argv[2]);
  });
}

// fromScratch(byteLength, dtypeEnum, shape): as fromData, from the first bytes of the buffer setScratch
// registered, where the JS side copied them. V8 keeps a typed array of up to 64 bytes inside its heap,
// and asking Node-API for its data moves it to a new off-heap buffer first: an allocation, a copy and
// one more buffer for the collector to sweep, on every torch.tensor([3]).
static napi_value FromScratch(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  return Guard(env, "tensor", [&]() -> napi_value {
    auto& d = Data(env);
    int64_t byteLength = -1;
    napi_get_value_int64(env, argv[0], &byteLength);
    if (byteLength < 0 || static_cast<size_t>(byteLength) > d.ScratchBytes())
      throw ArgError("fromScratch: " + std::to_string(byteLength) + " bytes do not fit the scratch buffer");
    return TensorFromBytes(env, d.scratchData, static_cast<size_t>(byteLength), argv[1], argv[2]);
  });
}

// The tensor's elements in logical order in CPU memory: itself when they already are.
static at::Tensor CpuElements(const at::Tensor& t) {
  if (t.device().is_cpu() && t.is_contiguous() && !t.is_conj() && !t.is_neg()) return t;
  return t.detach().to(at::kCPU).resolve_conj().resolve_neg().contiguous();
}

// toScratch(tensor) -> the byte count of its elements, copied in logical order into the setScratch
// buffer, or -1 when they do not fit (the caller asks toArrayBuffer). tolist() and toTypedArray() of a
// small tensor read them there instead of from a new ArrayBuffer each (an allocation and one more
// buffer for the collector to sweep).
static napi_value ToScratch(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  return Guard(env, "toTypedArray", [&]() -> napi_value {
    const at::Tensor& t = TensorArg(env, argv[0], "self");
    auto& d = Data(env);
    const size_t bytes = t.numel() * t.element_size();
    napi_value out;
    if (bytes > d.ScratchBytes()) {
      napi_create_int32(env, -1, &out);
      return out;
    }
    if (bytes) std::memcpy(d.scratchData, CpuElements(t).data_ptr(), bytes);
    napi_create_int32(env, static_cast<int32_t>(bytes), &out);
    return out;
  });
}

// toArrayBuffer(tensor, share) -> ArrayBuffer of the tensor's elements. By default a copy in memory V8
// owns, which GC frees at once even in a synchronous loop. With share, a contiguous CPU tensor's own
// memory (numpy()'s sharing): Node runs the release of such external buffers on the event loop, so
// in a loop that never yields, they pile up.
static napi_value ToArrayBuffer(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  return Guard(env, "toTypedArray", [&]() -> napi_value {
    at::Tensor t = CpuElements(TensorArg(env, argv[0], "self"));
    size_t bytes = t.numel() * t.element_size();
    napi_value out;
    bool share = false;
    if (argc > 1) napi_get_value_bool(env, argv[1], &share);
    if (bytes == 0 || !share) {
      void* dst = nullptr;
      if (napi_create_arraybuffer(env, bytes, &dst, &out) != napi_ok) throw std::runtime_error("could not allocate an ArrayBuffer of " + std::to_string(bytes) + " bytes");
      if (bytes) std::memcpy(dst, t.data_ptr(), bytes);
      return out;
    }
    // The buffer holds the storage alive after the tensor's wrapper is collected: V8 is told its size,
    // so a loop of toTypedArray() calls on fresh tensors collects the buffers it drops.
    auto* keep = new at::Tensor(t);
    napi_status st = napi_create_external_arraybuffer(
        env, t.data_ptr(), bytes,
        [](node_api_basic_env env, void*, void* hint) {
          auto* held = static_cast<at::Tensor*>(hint);
          int64_t ignored;
          napi_adjust_external_memory(env, -static_cast<int64_t>(held->numel() * held->element_size()), &ignored);
          delete held;
        },
        keep, &out);
    if (st == napi_ok) {
      int64_t ignored;
      napi_adjust_external_memory(env, static_cast<int64_t>(bytes), &ignored);
    } else {
      // Runtimes that forbid external buffers (sandboxed pointers): copy instead.
      delete keep;
      void* dst;
      napi_create_arraybuffer(env, bytes, &dst, &out);
      std::memcpy(dst, t.data_ptr(), bytes);
    }
    return out;
  });
}

static napi_value Item(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  return Guard(env, "item", [&]() -> napi_value {
    at::Tensor& t = TensorArg(env, argv[0], "self");
    c10::Scalar s = t.item();
    napi_value out;
    if (s.isBoolean()) napi_get_boolean(env, s.toBool(), &out);
    else if (s.isIntegral(false)) napi_create_double(env, static_cast<double>(s.toLong()), &out);
    else if (s.isComplex()) throw std::runtime_error("item(): complex numbers have no JavaScript equivalent");
    else napi_create_double(env, s.toDouble(), &out);
    return out;
  });
}

void InitTensorData(Napi::Env env, Napi::Object exports) {
  napi_property_descriptor props[] = {
      {"fromData", nullptr, FromData, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"fromScratch", nullptr, FromScratch, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"toArrayBuffer", nullptr, ToArrayBuffer, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"toScratch", nullptr, ToScratch, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"item", nullptr, Item, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
}

}  // namespace tn
