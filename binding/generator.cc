// torch.Generator: random number generators a JS object owns, usable wherever an ATen op
// takes a `generator` (randperm, rand, normal_, dropout...).
#include "common.h"
#include <ATen/CPUGeneratorImpl.h>

namespace tn {

static void FinalizeGenerator(node_api_basic_env, void* data, void*) {
  delete static_cast<at::Generator*>(data);
}

static napi_value WrapGenerator(napi_env env, at::Generator g) {
  return NewHandle(env, new at::Generator(std::move(g)), FinalizeGenerator, HandleKind::Generator);
}

at::Generator* GeneratorOf(napi_env env, napi_value v) {
  napi_valuetype t;
  napi_typeof(env, v, &t);
  if (t == napi_object) {
    v = GetKey(env, Data(env).keyGenerator, v);
    if (!v) return nullptr;
    napi_typeof(env, v, &t);
  }
  return static_cast<at::Generator*>(HandleData(env, v, HandleKind::Generator));
}

static at::Generator& GeneratorArg(const Napi::CallbackInfo& info) {
  at::Generator* g = GeneratorOf(info.Env(), info[0]);
  if (!g) throw ArgError("Expected a torch.Generator for generator but received " + Describe(info.Env(), info[0]));
  return *g;
}

// newGenerator(device?) / defaultGenerator()
static Napi::Value NewGenerator(const Napi::CallbackInfo& info) {
  return GuardN(info, "Generator", [&]() -> napi_value {
    c10::Device device = info.Length() > 0 && !info[0].IsUndefined() ? DeviceArg(info.Env(), info[0], "device") : c10::Device(c10::kCPU);
    if (!device.is_cpu()) throw std::runtime_error("torch-node makes generators for the CPU only so far (got " + device.str() + ")");
    return WrapGenerator(info.Env(), at::detail::createCPUGenerator());
  });
}

static Napi::Value DefaultGenerator(const Napi::CallbackInfo& info) {
  return Napi::Value(info.Env(), WrapGenerator(info.Env(), at::detail::getDefaultCPUGenerator()));
}

// generatorCall(g, 0: manual_seed(seed) | 1: initial_seed | 2: seed() | 3: get_state() | 4: set_state(state))
static Napi::Value GeneratorCall(const Napi::CallbackInfo& info) {
  return GuardN(info, "Generator", [&]() -> napi_value {
    at::Generator& g = GeneratorArg(info);
    std::lock_guard<std::mutex> lock(g.mutex());
    switch (info[1].As<Napi::Number>().Int32Value()) {
      case 0: {  // seeds are uint64: bigints keep every bit, as Python's ints do
        bool lossless = true;
        uint64_t seed = info[2].IsBigInt() ? info[2].As<Napi::BigInt>().Uint64Value(&lossless)
                                           : static_cast<uint64_t>(info[2].As<Napi::Number>().Int64Value());
        g.set_current_seed(seed);
        return info.Env().Undefined();
      }
      case 1: return Napi::Number::New(info.Env(), static_cast<double>(g.current_seed()));
      case 2: {
        // Python's Generator.seed(): a fresh non-deterministic seed, set and returned.
        uint64_t s = c10::detail::getNonDeterministicRandom() & ((1ull << 53) - 1);
        g.set_current_seed(s);
        return Napi::Number::New(info.Env(), static_cast<double>(s));
      }
      // the state as a uint8 tensor; libtorch checks a state it is given (dtype, size, contents)
      case 3: return Napi::Value(info.Env(), WrapTensor(info.Env(), g.get_state()));
      case 4: g.set_state(TensorArg(info.Env(), info[2], "new_state")); return info.Env().Undefined();
    }
    throw std::runtime_error("unknown generator call");
  });
}

void InitGenerator(Napi::Env env, Napi::Object exports) {
  exports.Set("newGenerator", Napi::Function::New(env, NewGenerator));
  exports.Set("defaultGenerator", Napi::Function::New(env, DefaultGenerator));
  exports.Set("generatorCall", Napi::Function::New(env, GeneratorCall));
}

}  // namespace tn
