// AOTInductor packages (.pt2), PyTorch 2's serving path after TorchScript: Python compiles an
// exported program ahead of time (torch._inductor.aoti_compile_and_package) and
// torch::inductor::AOTIModelPackageLoader runs its kernels. Built where libtorch has the loader
// (2.6 and later: the header decides); elsewhere aotiAvailable is false and JS says so.
#include "common.h"
#include <ATen/Parallel.h>
#include <cstdlib>
#if __has_include(<torch/csrc/inductor/aoti_package/model_package_loader.h>)
#include <torch/csrc/inductor/aoti_package/model_package_loader.h>
#define TN_AOTI 1
#endif

namespace tn {
#ifdef TN_AOTI
namespace {
using Loader = std::shared_ptr<torch::inductor::AOTIModelPackageLoader>;

void FinalizeLoader(node_api_basic_env, void* data, void*) { delete static_cast<Loader*>(data); }
Loader& LoaderOf(napi_env env, napi_value v) { return HandleArg<Loader>(env, v, HandleKind::AotiPackage, "an AOTInductor package"); }

std::vector<at::Tensor> Inputs(napi_env env, Napi::Array args) {
  std::vector<at::Tensor> inputs;
  // the generated model reads its inputs' memory as laid out at export (contiguous)
  for (uint32_t i = 0; i < args.Length(); ++i) inputs.push_back(TensorArg(env, args.Get(i), "input").contiguous());
  return inputs;
}
napi_value Outputs(napi_env env, const std::vector<at::Tensor>& outs) {
  Napi::Array a = Napi::Array::New(env, outs.size());
  for (uint32_t i = 0; i < outs.size(); ++i) a.Set(i, Napi::Value(env, WrapTensor(env, outs[i])));
  return a;
}

// AOTInductor's generated code checks each input's dtype, sizes, strides and device only when
// AOTI_RUNTIME_CHECK_INPUTS is set (read once per process); without it a wrong shape reads out of
// bounds. torch-node turns the checks on unless the user chose otherwise.
void EnableInputChecks() { setenv("AOTI_RUNTIME_CHECK_INPUTS", "1", /*overwrite=*/0); }

Loader Load(const std::string& path, const std::string& modelName) {
  EnableInputChecks();
  return std::make_shared<torch::inductor::AOTIModelPackageLoader>(path, modelName);
}

// aotiLoadAsync(path, modelName) -> Promise<handle>: unpacking and dlopen on a libuv thread
class LoadWorker : public Napi::AsyncWorker {
 public:
  LoadWorker(Napi::Env env, std::string path, std::string model)
      : Napi::AsyncWorker(env), path_(std::move(path)), model_(std::move(model)), deferred_(Napi::Promise::Deferred::New(env)) {}
  Napi::Promise Promise() { return deferred_.Promise(); }
  void Execute() override {
    try {
      loader_ = Load(path_, model_);
    } catch (...) {
      error_ = std::current_exception();
    }
  }
  void OnOK() override {
    Settle(Env(), deferred_, "AOTInductor", [&] {
      if (error_) std::rethrow_exception(error_);
      return NewHandle(Env(), new Loader(loader_), FinalizeLoader, HandleKind::AotiPackage);
    });
  }

 private:
  std::string path_, model_;
  Napi::Promise::Deferred deferred_;
  Loader loader_;
  std::exception_ptr error_;
};

// aotiRunAsync(handle, inputs) -> Promise<outputs>: the forward pass on a libuv thread
class RunWorker : public Napi::AsyncWorker {
 public:
  RunWorker(Napi::Env env, Loader loader, std::vector<at::Tensor> inputs)
      : Napi::AsyncWorker(env), loader_(std::move(loader)), inputs_(std::move(inputs)), deferred_(Napi::Promise::Deferred::New(env)),
        threads_(at::get_num_threads()) {}
  Napi::Promise Promise() { return deferred_.Promise(); }
  void Execute() override {
    try {
      at::NoGradGuard noGrad;
      if (at::get_num_threads() != threads_) at::set_num_threads(threads_);
      outputs_ = loader_->run(inputs_);
    } catch (...) {
      error_ = std::current_exception();
    }
  }
  void OnOK() override {
    Settle(Env(), deferred_, "AOTInductor", [&] {
      if (error_) std::rethrow_exception(error_);
      return Outputs(Env(), outputs_);
    });
  }

 private:
  Loader loader_;  // shared: the JS handle may be collected while this runs
  std::vector<at::Tensor> inputs_, outputs_;
  Napi::Promise::Deferred deferred_;
  std::exception_ptr error_;
  int threads_;
};

Napi::Value AotiLoad(const Napi::CallbackInfo& info) {
  return GuardN(info, "AOTInductor", [&]() -> napi_value {
    return NewHandle(info.Env(), new Loader(Load(info[0].As<Napi::String>().Utf8Value(), info[1].As<Napi::String>().Utf8Value())), FinalizeLoader,
                     HandleKind::AotiPackage);
  });
}
Napi::Value AotiLoadAsync(const Napi::CallbackInfo& info) {
  return GuardN(info, "AOTInductor", [&]() -> napi_value {
    auto* w = new LoadWorker(info.Env(), info[0].As<Napi::String>().Utf8Value(), info[1].As<Napi::String>().Utf8Value());
    auto p = w->Promise();
    w->Queue();
    return p;
  });
}
Napi::Value AotiRun(const Napi::CallbackInfo& info) {
  return GuardN(info, "AOTInductor", [&]() -> napi_value {
    auto& loader = LoaderOf(info.Env(), info[0]);
    at::NoGradGuard noGrad;
    return Outputs(info.Env(), loader->run(Inputs(info.Env(), info[1].As<Napi::Array>())));
  });
}
Napi::Value AotiRunAsync(const Napi::CallbackInfo& info) {
  return GuardN(info, "AOTInductor", [&]() -> napi_value {
    auto& loader = LoaderOf(info.Env(), info[0]);
    auto* w = new RunWorker(info.Env(), loader, Inputs(info.Env(), info[1].As<Napi::Array>()));
    auto p = w->Promise();
    w->Queue();
    return p;
  });
}
Napi::Value AotiMetadata(const Napi::CallbackInfo& info) {
  return GuardN(info, "AOTInductor", [&]() -> napi_value {
    auto out = Napi::Object::New(info.Env());
    for (const auto& [k, v] : LoaderOf(info.Env(), info[0])->get_metadata()) out.Set(k, v);
    return out;
  });
}
}  // namespace
#endif

void InitAoti(Napi::Env env, Napi::Object exports) {
#ifdef TN_AOTI
  exports.Set("aotiAvailable", Napi::Boolean::New(env, true));
  exports.Set("aotiLoad", Napi::Function::New(env, AotiLoad));
  exports.Set("aotiLoadAsync", Napi::Function::New(env, AotiLoadAsync));
  exports.Set("aotiRun", Napi::Function::New(env, AotiRun));
  exports.Set("aotiRunAsync", Napi::Function::New(env, AotiRunAsync));
  exports.Set("aotiMetadata", Napi::Function::New(env, AotiMetadata));
#else
  exports.Set("aotiAvailable", Napi::Boolean::New(env, false));
#endif
}

}  // namespace tn
