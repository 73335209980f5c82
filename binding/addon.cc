// Module entry point, per-addon state, error translation and process-wide runtime settings.
#include "common.h"
#include "compat.h"
#include <malloc.h>
#include <cstdlib>
#include <cstring>
#include <ATen/Parallel.h>
#include <ATen/Context.h>

namespace tn {

AddonData& Data(napi_env env) {
  void* p = nullptr;
  napi_get_instance_data(env, &p);
  return *static_cast<AddonData*>(p);
}

static std::string FirstLine(const std::string& s) {
  auto nl = s.find('\n');
  return nl == std::string::npos ? s : s.substr(0, nl);
}

namespace {
// Set by Init on each JS thread: only warnings raised there wait for EmitQueuedWarnings.
thread_local bool onJsThread = false;
struct QueuedWarning {
  std::string message;
  bool deprecation;
};
thread_local std::vector<QueuedWarning> threadWarnings;

class JsWarnings final : public compat::WarningHandler {
  bool Take(const std::string& msg, bool deprecation) override {
    if (!onJsThread) return false;
    threadWarnings.push_back({msg, deprecation});
    queuedWarnings.fetch_add(1, std::memory_order_relaxed);
    return true;
  }
};
JsWarnings jsWarnings;
}  // namespace

std::atomic<int> queuedWarnings{0};

void EmitQueuedWarnings(napi_env env) {
  if (threadWarnings.empty()) return;  // another JS thread's (a worker's)
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (pending) return;  // they wait for the next call
  std::vector<QueuedWarning> warnings = std::move(threadWarnings);
  threadWarnings.clear();
  queuedWarnings.fetch_sub(static_cast<int>(warnings.size()), std::memory_order_relaxed);
  napi_value global, process, emit;
  napi_get_global(env, &global);
  if (napi_get_named_property(env, global, "process", &process) != napi_ok ||
      napi_get_named_property(env, process, "emitWarning", &emit) != napi_ok)
    return;
  for (const QueuedWarning& w : warnings) {
    napi_value args[2];
    napi_create_string_utf8(env, w.message.c_str(), w.message.size(), &args[0]);
    napi_create_string_utf8(env, w.deprecation ? "DeprecationWarning" : "UserWarning", NAPI_AUTO_LENGTH, &args[1]);
    // process.throwDeprecation makes this throw: that exception is then the call's, as in Python
    // under -W error
    if (napi_call_function(env, process, emit, 2, args, nullptr) != napi_ok) return;
  }
}

void ThrowFromCpp(napi_env env, const char* op) {
  EmitWarnings(env);
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (pending) return;
  try {
    throw;
  } catch (const Napi::Error& e) {
    e.ThrowAsJavaScriptException();
  } catch (const ArgError& e) {
    napi_throw_type_error(env, nullptr, e.what());
  } catch (const std::exception& e) {
    std::string full;
    if (auto* ce = dynamic_cast<const c10::Error*>(&e)) full = ce->what_without_backtrace();
    else full = e.what();
    std::string message = FirstLine(full);
    if (op && *op) message += std::string(" (in ") + op + ")";
    napi_value ctor = nullptr, args[3], err;
    napi_create_string_utf8(env, message.c_str(), message.size(), &args[0]);
    napi_create_string_utf8(env, op ? op : "", NAPI_AUTO_LENGTH, &args[1]);
    napi_create_string_utf8(env, full.c_str(), full.size(), &args[2]);
    auto& d = Data(env);
    if (d.torchErrorCtor) napi_get_reference_value(env, d.torchErrorCtor, &ctor);
    if (ctor && napi_new_instance(env, ctor, 3, args, &err) == napi_ok) napi_throw(env, err);
    else napi_throw_error(env, nullptr, message.c_str());
  }
}

std::string Describe(napi_env env, napi_value v) {
  napi_valuetype t;
  napi_typeof(env, v, &t);
  static const char* names[] = {"undefined", "null",     "boolean",  "number",  "string",
                                "symbol",    "object",   "function", "external", "bigint"};
  napi_value str;
  std::string shown;
  if (t == napi_object || t == napi_function) {
    bool isArray = false;
    napi_is_array(env, v, &isArray);
    if (isArray) return "an array";
    if (BoxOf(env, v)) return "a Tensor";
    return "an object";
  }
  if (t == napi_undefined || t == napi_null) return names[t];
  if (t == napi_external) return "a Tensor";
  if (napi_coerce_to_string(env, v, &str) == napi_ok) {
    char buf[64];
    size_t n = 0;
    napi_get_value_string_utf8(env, str, buf, sizeof buf, &n);
    shown = std::string(buf, n);
  }
  if (t == napi_string) shown = "'" + shown + "'";
  return shown + " of type " + names[t];
}

napi_value GetKey(napi_env env, napi_ref key, napi_value obj) {
  napi_value k, out;
  napi_valuetype t;
  napi_get_reference_value(env, key, &k);
  if (napi_get_property(env, obj, k, &out) != napi_ok) return nullptr;
  if (napi_typeof(env, out, &t) != napi_ok || t == napi_undefined) return nullptr;
  return out;
}

c10::Device DeviceArg(napi_env env, napi_value v, const char* argName) {
  napi_valuetype t;
  napi_typeof(env, v, &t);
  napi_value s = v;
  if (t == napi_object) {
    s = GetKey(env, Data(env).keyDevice, v);
    if (s) napi_typeof(env, s, &t);
  }
  if (!s || t != napi_string)
    throw ArgError(std::string("Expected a device (string or torch.device) for ") + argName +
                   " but received " + Describe(env, v));
  char buf[64];
  size_t n = 0;
  napi_get_value_string_utf8(env, s, buf, sizeof buf, &n);
  return c10::Device(std::string(buf, n));  // c10 validates the string and throws if bad
}

int64_t EnumArg(napi_env env, napi_value v, const char* argName) {
  napi_valuetype t;
  napi_typeof(env, v, &t);
  napi_value e = t == napi_object ? GetKey(env, Data(env).keyEnum, v) : nullptr;
  int64_t out = 0;
  if (!e || napi_get_value_int64(env, e, &out) != napi_ok)
    throw ArgError(std::string("Expected a torch enum value (such as torch.float32) for ") +
                   argName + " but received " + Describe(env, v));
  return out;
}

static napi_ref MakeKey(napi_env env, const char* name) {
  napi_value s;
  napi_ref r;
  napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &s);
  napi_create_reference(env, s, 1, &r);
  return r;
}

// ---- runtime settings -------------------------------------------------------------

static Napi::Value SetErrorClass(const Napi::CallbackInfo& info) {
  auto& d = Data(info.Env());
  if (d.torchErrorCtor) napi_delete_reference(info.Env(), d.torchErrorCtor);
  napi_create_reference(info.Env(), info[0], 1, &d.torchErrorCtor);
  return info.Env().Undefined();
}

static Napi::Value ManualSeed(const Napi::CallbackInfo& info) {
  return GuardN(info, "manual_seed", [&]() -> napi_value {
    bool lossless = true;
    uint64_t seed = info[0].IsBigInt() ? info[0].As<Napi::BigInt>().Uint64Value(&lossless)
                                       : static_cast<uint64_t>(info[0].As<Napi::Number>().Int64Value());
    at::manual_seed(seed);
    return info.Env().Undefined();
  });
}

static Napi::Value InitialSeed(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(),
                           static_cast<double>(at::detail::getDefaultCPUGenerator().current_seed()));
}

static Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  return GuardN(info, "set_num_threads", [&]() -> napi_value {
    at::set_num_threads(info[0].As<Napi::Number>().Int32Value());
    return info.Env().Undefined();
  });
}

static Napi::Value GetNumThreads(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), at::get_num_threads());
}

static Napi::Value SetDefaultDtype(const Napi::CallbackInfo& info) {
  return GuardN(info, "set_default_dtype", [&]() -> napi_value {
    auto st = static_cast<c10::ScalarType>(info[0].As<Napi::Number>().Int32Value());
    c10::set_default_dtype(c10::scalarTypeToTypeMeta(st));
    return info.Env().Undefined();
  });
}

static Napi::Value GetDefaultDtype(const Napi::CallbackInfo& info) {
  return Napi::Number::New(info.Env(), static_cast<int>(c10::typeMetaToScalarType(c10::get_default_dtype())));
}

static Napi::Value RuntimeInfo(const Napi::CallbackInfo& info) {
  auto env = info.Env();
  auto o = Napi::Object::New(env);
  o.Set("version", TORCH_VERSION);
  o.Set("major", TORCH_VERSION_MAJOR);
  o.Set("minor", TORCH_VERSION_MINOR);
  o.Set("cudaAvailable", at::hasCUDA());
  o.Set("cudaDeviceCount", at::hasCUDA() ? static_cast<int>(at::getNumGPUs()) : 0);
  o.Set("mpsAvailable", at::hasMPS());
  c10::DeviceType accelerator;
  if (compat::CurrentAccelerator(accelerator)) o.Set("accelerator", c10::DeviceTypeName(accelerator, /*lower_case=*/true));
  o.Set("parallelInfo", at::get_parallel_info());
  o.Set("showConfig", at::show_config());
  return o;
}

static Napi::Value CudaSynchronize(const Napi::CallbackInfo& info) {
  return GuardN(info, "cuda.synchronize", [&]() -> napi_value {
    if (!at::hasCUDA()) throw std::runtime_error("Torch not compiled with CUDA enabled or no CUDA device");
    // Through the dispatcher-free hooks so a CPU-only build still links.
    at::detail::getCUDAHooks().deviceSynchronize(info.Length() > 0 && info[0].IsNumber()
                                                    ? info[0].As<Napi::Number>().Int64Value()
                                                    : at::detail::getCUDAHooks().current_device());
    return info.Env().Undefined();
  });
}

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  // glibc's dynamic mmap threshold lets freed tensor memory pile up in the heap, and a small
  // fixed one makes every large tensor a fresh mmap (page faults on each training step).
  // Measured (bench/memory.ts, bench/cifar-step.ts): tensors up to 32 MB reuse heap memory,
  // larger ones go straight back to the OS, and at most 64 MB of free heap top is kept.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  // One arena: glibc gives other threads mmap'd 64 MB heaps that it trims eagerly, so a forward
  // pass on a libuv worker (forwardAsync) page-faulted its activations anew each time (ResNet50:
  // 750 ms against 490 ms on the JS thread; with one arena, the same). The loader did not slow down.
  mallopt(M_ARENA_MAX, 1);
  // No fastbins: V8 frees a scavenge's worth of dropped results at once (their TensorImpl,
  // StorageImpl and Node-API bookkeeping), and with fastbins each free that leaves 64 KiB in one
  // piece walks and merges every fastbin chunk freed so far (malloc_consolidate: half of a small
  // op's GC time in perf; bench/overhead.ts --gc). Small frees then merge as they come, which the
  // per-thread cache keeps cheap in a loop's steady state. A GLIBC_TUNABLES naming mxfast wins.
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  if (!tunables || !std::strstr(tunables, "mxfast")) mallopt(M_MXFAST, 0);

  onJsThread = true;
  compat::SetWarningHandler(&jsWarnings);

  auto* d = new AddonData();
  d->keyHandle = MakeKey(env, "_h");
  d->keyEnum = MakeKey(env, "_enum");
  d->keyEnumKind = MakeKey(env, "_enumKind");
  d->keyDevice = MakeKey(env, "_dev");
  d->keyGenerator = MakeKey(env, "_gen");
  napi_value object, proto;
  napi_create_object(env, &object);
  napi_get_prototype(env, object, &proto);
  napi_create_reference(env, proto, 1, &d->objectPrototype);
  napi_set_instance_data(
      env, d, [](napi_env, void* p, void*) { delete static_cast<AddonData*>(p); }, nullptr);

  exports.Set("setErrorClass", Napi::Function::New(env, SetErrorClass));
  exports.Set("manualSeed", Napi::Function::New(env, ManualSeed));
  exports.Set("initialSeed", Napi::Function::New(env, InitialSeed));
  exports.Set("setNumThreads", Napi::Function::New(env, SetNumThreads));
  exports.Set("getNumThreads", Napi::Function::New(env, GetNumThreads));
  exports.Set("setDefaultDtype", Napi::Function::New(env, SetDefaultDtype));
  exports.Set("getDefaultDtype", Napi::Function::New(env, GetDefaultDtype));
  exports.Set("runtimeInfo", Napi::Function::New(env, RuntimeInfo));
  exports.Set("cudaSynchronize", Napi::Function::New(env, CudaSynchronize));
  InstallCpuAllocator();
  InitTensorHandle(env, exports);
  InitOpCall(env, exports);
  InitTensorData(env, exports);
  InitAutograd(env, exports);
  InitJsAutograd(env, exports);
  InitIndexing(env, exports);
  InitFastOps(env, exports);
  InitOptim(env, exports);
  InitGenerator(env, exports);
  InitLoader(env, exports);
  InitVision(env, exports);
  InitImageCodec(env, exports);
  InitJit(env, exports);
  InitDistributed(env, exports);
  InitCuda(env, exports);
  InitSerialization(env, exports);
  InitAoti(env, exports);

  return exports;
}

}  // namespace tn

static Napi::Object InitModule(Napi::Env env, Napi::Object exports) { return tn::Init(env, exports); }
NODE_API_MODULE(torch_node, InitModule)
