// What the binding's translation units share: tensor handles, errors, per-addon state.
#pragma once
#include "pch.h"
#include <atomic>

namespace tn {

// The largest CPU data block binding/cpu_allocator.cc keeps for reuse: a "small" tensor's storage.
constexpr size_t kSmallBlockBytes = 4096;

// A JS-side tensor holds one of these inside a napi External. Holding the at::Tensor
// by value keeps the refcount in one place; dispose() resets it early.
struct TensorBox {
  static constexpr uint64_t kMark = 0x746f7263686e6f64ull;  // "torchnod": not a canonical address
  uint64_t mark = kMark;  // identifies a tensor handle (see HandleData)
  at::Tensor tensor;
  int64_t accountedBytes = 0;  // what this box reported to V8 as external memory
};

// Thrown by argument conversion; becomes a JS TypeError naming the argument.
struct ArgError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct AddonData {
  napi_ref torchErrorCtor = nullptr;
  napi_ref keyHandle = nullptr;  // "_h": where a JS Tensor keeps its External
  napi_ref keyEnum = nullptr;    // "_enum": dtype / layout / memory-format objects
  napi_ref keyEnumKind = nullptr;  // "_enumKind": which of the three (1, 2, 3)
  napi_ref keyDevice = nullptr;  // "_dev": torch.device objects
  napi_ref keyGenerator = nullptr;  // "_gen": torch.Generator objects
  napi_ref objectPrototype = nullptr;  // Object.prototype: an options object's (see op_call.cc)
  napi_ref scratch = nullptr;       // a Float64Array shared with JS: sizes out (tensor.shape), small data in and out
  double* scratchData = nullptr;
  size_t scratchLength = 0;  // in doubles
  size_t ScratchBytes() const { return scratchLength * sizeof(double); }
};
AddonData& Data(napi_env env);

// Tensor handles (tensor_handle.cc)
napi_value WrapTensor(napi_env env, at::Tensor tensor);  // undefined tensor -> null
TensorBox* BoxOf(napi_env env, napi_value v);  // External or JS Tensor; nullptr otherwise
at::Tensor& TensorArg(napi_env env, napi_value v, const char* argName);
napi_value GetKey(napi_env env, napi_ref key, napi_value obj);  // obj[key] or nullptr

// Warnings (addon.cc): what libtorch warns (TORCH_WARN) during a call on a JS thread is queued and,
// when the call returns or throws, emitted with process.emitWarning, as PyTorch turns them into
// Python warnings. Warnings on other threads go to libtorch's default handler (stderr).
extern std::atomic<int> queuedWarnings;  // on any JS thread: one relaxed load per call when none
void EmitQueuedWarnings(napi_env env);
inline void EmitWarnings(napi_env env) {
  if (queuedWarnings.load(std::memory_order_relaxed) != 0) EmitQueuedWarnings(env);
}

// Errors (addon.cc). Runs fn, turning C++ exceptions into pending JS exceptions (after the warnings
// the call raised).
void ThrowFromCpp(napi_env env, const char* op);
template <typename F>
napi_value Guard(napi_env env, const char* op, F&& fn) {
  napi_value result;
  try {
    result = fn();
  } catch (...) {
    ThrowFromCpp(env, op);
    return nullptr;
  }
  EmitWarnings(env);
  return result;
}

template <typename F>
Napi::Value GuardN(const Napi::CallbackInfo& info, const char* op, F&& fn) {
  return Napi::Value(info.Env(), Guard(info.Env(), op, std::forward<F>(fn)));
}

// An async worker's promise, settled on the JS thread: resolved with what fn returns, or rejected with
// what the synchronous call would have thrown for fn's exception (a TorchError for libtorch's). A
// failure caught on the libuv thread as an exception_ptr is rethrown inside fn.
template <typename F>
void Settle(Napi::Env env, const Napi::Promise::Deferred& deferred, const char* op, F&& fn) {
  napi_value v = Guard(env, op, std::forward<F>(fn));
  if (v) deferred.Resolve(Napi::Value(env, v));
  else deferred.Reject(env.GetAndClearPendingException().Value());
}

// Small value helpers (addon.cc)
std::string Describe(napi_env env, napi_value v);  // "-5 of type number", for messages
c10::Device DeviceArg(napi_env env, napi_value v, const char* argName);
int64_t EnumArg(napi_env env, napi_value v, const char* argName);

// Every External the addon hands to JS carries its kind, so a handle of one kind passed where another
// is expected, or a forged { _h } object, is refused instead of being read as the wrong C++ struct.
// Tensor handles carry it as TensorBox's first word; the others as a napi type tag.
enum class HandleKind : uint64_t { Tensor = 1, Generator, ScriptModule, Work, Reducer, LoaderRun, CudaStream, CudaEvent, Archive, AotiPackage, AutogradNode };
using HandleFinalizer = void (*)(node_api_basic_env, void*, void*);
// A new tagged External owning `data` (freed by `finalize` when JS drops it).
napi_value NewHandle(napi_env env, void* data, HandleFinalizer finalize, HandleKind kind);
// The data of a handle of that kind; nullptr for anything else.
void* HandleData(napi_env env, napi_value v, HandleKind kind);
template <typename T>
T& HandleArg(napi_env env, napi_value v, HandleKind kind, const char* what) {
  void* p = HandleData(env, v, kind);
  if (!p) throw ArgError(std::string("Expected ") + what + " but received " + Describe(env, v));
  return *static_cast<T*>(p);
}

void InstallCpuAllocator();  // cpu_allocator.cc: once per process
void InitTensorHandle(Napi::Env env, Napi::Object exports);
void InitOpCall(Napi::Env env, Napi::Object exports);
void InitTensorData(Napi::Env env, Napi::Object exports);
void InitAutograd(Napi::Env env, Napi::Object exports);
void InitJsAutograd(Napi::Env env, Napi::Object exports);
void InitIndexing(Napi::Env env, Napi::Object exports);
void InitFastOps(Napi::Env env, Napi::Object exports);
void InitOptim(Napi::Env env, Napi::Object exports);
void InitGenerator(Napi::Env env, Napi::Object exports);
void InitLoader(Napi::Env env, Napi::Object exports);
void InitVision(Napi::Env env, Napi::Object exports);
void InitImageCodec(Napi::Env env, Napi::Object exports);
void InitJit(Napi::Env env, Napi::Object exports);
void InitDistributed(Napi::Env env, Napi::Object exports);
void InitCuda(Napi::Env env, Napi::Object exports);
void InitSerialization(Napi::Env env, Napi::Object exports);
void InitAoti(Napi::Env env, Napi::Object exports);
at::Generator* GeneratorOf(napi_env env, napi_value v);  // nullptr when v is no Generator

}  // namespace tn
