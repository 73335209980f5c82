// torchvision.io's native side: image files decoded and encoded for JS (binding/image_codec.cc does
// the work, without Node-API, so a fuzzer can drive it alone).
#include "common.h"
#include "image_codec.h"

namespace tn::codec {

static Mode ModeArg(Napi::Value v) {
  int m = v.IsNumber() ? v.As<Napi::Number>().Int32Value() : 0;
  if (m < 0 || m > 2) throw ArgError("mode must be 0 (unchanged), 1 (gray) or 2 (rgb)");
  return static_cast<Mode>(m);
}

// decodeImage(Uint8Array, mode) -> H×W×C uint8 tensor
static Napi::Value JsDecode(const Napi::CallbackInfo& info) {
  return GuardN(info, "decodeImage", [&]() -> napi_value {
    if (!info[0].IsTypedArray()) throw ArgError("Expected a Uint8Array or Buffer for data");
    auto bytes = info[0].As<Napi::Uint8Array>();
    return WrapTensor(info.Env(), Decode(bytes.Data(), bytes.ByteLength(), ModeArg(info[1])));
  });
}

// readImageFile(path, mode) -> H×W×C uint8 tensor
static Napi::Value JsReadFile(const Napi::CallbackInfo& info) {
  return GuardN(info, "readImage", [&]() -> napi_value {
    return WrapTensor(info.Env(), ReadFile(info[0].As<Napi::String>().Utf8Value(), ModeArg(info[1])));
  });
}

// encodeImage(H×W×C uint8 tensor, 'png' | 'jpeg', quality) -> Buffer
static Napi::Value JsEncode(const Napi::CallbackInfo& info) {
  return GuardN(info, "encodeImage", [&]() -> napi_value {
    auto img = TensorArg(info.Env(), info[0], "input");
    if (img.scalar_type() != at::kByte || img.dim() != 3) throw ArgError("Expected an H×W×C uint8 tensor for input");
    img = img.cpu().contiguous();
    auto bytes = Encode(img, info[1].As<Napi::String>().Utf8Value(), info[2].As<Napi::Number>().Int32Value());
    return Napi::Buffer<uint8_t>::Copy(info.Env(), bytes.data(), bytes.size());
  });
}

// setMaxImagePixels(n | null) -> the previous limit (null: none)
static Napi::Value JsSetMaxImagePixels(const Napi::CallbackInfo& info) {
  const int64_t previous = SetMaxImagePixels(info[0].IsNumber() ? info[0].As<Napi::Number>().Int64Value() : -1);
  return previous < 0 ? info.Env().Null() : Napi::Number::New(info.Env(), static_cast<double>(previous));
}

}  // namespace tn::codec

namespace tn {

void InitImageCodec(Napi::Env env, Napi::Object exports) {
  exports.Set("setMaxImagePixels", Napi::Function::New(env, codec::JsSetMaxImagePixels));
  exports.Set("imageCodecsBuilt", Napi::Boolean::New(env, codec::kBuilt));
  exports.Set("decodeImage", Napi::Function::New(env, codec::JsDecode));
  exports.Set("readImageFile", Napi::Function::New(env, codec::JsReadFile));
  exports.Set("encodeImage", Napi::Function::New(env, codec::JsEncode));
}
}  // namespace tn
