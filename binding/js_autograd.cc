// Autograd nodes and hooks written in JS: torch.autograd.Function's backward and Tensor.registerHook.
// libtorch's engine runs a CPU graph on the thread that called backward(), which for torch-node is
// the JS thread inside a native call, so these call back into JS synchronously. Work the engine
// hands to a device thread (CUDA graphs) cannot enter JS: that is refused with a clear error.
#include "common.h"
#include "compat.h"
#include <thread>

namespace tn {

namespace {

std::thread::id jsThread;

void RequireJsThread(const char* what) {
  if (std::this_thread::get_id() != jsThread) {
    throw std::runtime_error(std::string(what) +
                             " runs JS code, which torch-node can only call on the JS thread: backward through it works for "
                             "CPU tensors (libtorch runs CUDA backward work on its own device threads)");
  }
}

// A reference to a JS function that is released on the JS thread only (a node or hook can be
// destroyed by whichever thread drops the graph's last reference; off the JS thread it is leaked).
struct JsRef {
  napi_env env;
  napi_ref ref = nullptr;
  JsRef(napi_env e, napi_value fn) : env(e) { napi_create_reference(env, fn, 1, &ref); }
  ~JsRef() {
    if (ref && std::this_thread::get_id() == jsThread) napi_delete_reference(env, ref);
  }
  JsRef(const JsRef&) = delete;
  JsRef& operator=(const JsRef&) = delete;
};

// Calls fn(args) on the JS thread. A JS exception stays pending (the caller's Guard then rethrows
// it as it was) and a C++ exception unwinds libtorch's engine.
napi_value CallJs(napi_env env, napi_ref fn, const std::vector<napi_value>& args) {
  napi_value f, global, result = nullptr;
  napi_get_reference_value(env, fn, &f);
  napi_get_global(env, &global);
  if (napi_call_function(env, global, f, args.size(), args.data(), &result) != napi_ok) {
    throw std::runtime_error("the JS function called during backward threw");
  }
  return result;
}

struct OutputMeta {
  std::vector<int64_t> sizes;
  at::TensorOptions options;
};

// The node a torch.autograd.Function application records: backward calls the JS function with the
// output gradients (absent ones materialised as zeros, as Python's default) and takes one gradient
// per input back (null for none).
struct JsFunctionNode : torch::autograd::Node {
  std::string nodeName;
  std::shared_ptr<JsRef> backwardFn;
  std::vector<OutputMeta> outputs;
  size_t numInputs = 0;
  bool materializeGrads = true;

  std::string name() const override { return nodeName; }

  torch::autograd::variable_list apply(torch::autograd::variable_list&& grads) override {
    RequireJsThread(nodeName.c_str());
    napi_env env = backwardFn->env;
    napi_handle_scope scope;
    napi_open_handle_scope(env, &scope);
    struct Close {
      napi_env env;
      napi_handle_scope scope;
      ~Close() { napi_close_handle_scope(env, scope); }
    } close{env, scope};
    napi_value arr;
    napi_create_array_with_length(env, grads.size(), &arr);
    for (size_t i = 0; i < grads.size(); ++i) {
      if (!grads[i].defined() && !materializeGrads) {
        napi_value null;
        napi_get_null(env, &null);
        napi_set_element(env, arr, i, null);
        continue;
      }
      at::Tensor g = grads[i].defined() ? grads[i] : at::zeros(outputs[i].sizes, outputs[i].options);
      napi_set_element(env, arr, i, WrapTensor(env, g));
    }
    napi_value result = CallJs(env, backwardFn->ref, {arr});
    torch::autograd::variable_list out(numInputs);
    bool isArray = false;
    napi_is_array(env, result, &isArray);
    uint32_t n = 1;
    if (isArray) napi_get_array_length(env, result, &n);
    if (n != numInputs) {
      throw std::runtime_error("function " + nodeName + " returned an incorrect number of gradients (expected " +
                               std::to_string(numInputs) + ", got " + std::to_string(n) + ")");
    }
    for (uint32_t i = 0; i < n; ++i) {
      napi_value e = result;
      if (isArray) napi_get_element(env, result, i, &e);
      napi_valuetype t;
      napi_typeof(env, e, &t);
      if (t == napi_null || t == napi_undefined) continue;
      TensorBox* box = BoxOf(env, e);
      if (!box) throw std::runtime_error("function " + nodeName + " returned a gradient that is not a Tensor at position " + std::to_string(i + 1));
      out[i] = box->tensor;
    }
    return out;
  }
};

// recordFunction(name, inputs (Tensor|null)[], outputs Tensor[], dirty Tensor[], backward, materializeGrads): links the
// outputs (computed without grad) to a node whose edges are the inputs' gradient edges.
Napi::Value RecordFunction(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "autograd.Function", [&]() -> napi_value {
    auto node = compat::MakeNode<JsFunctionNode>();
    node->nodeName = info[0].As<Napi::String>().Utf8Value();
    auto inputsArr = info[1].As<Napi::Array>();
    auto outputsArr = info[2].As<Napi::Array>();
    auto dirtyArr = info[3].As<Napi::Array>();
    node->backwardFn = std::make_shared<JsRef>(env, info[4]);
    node->materializeGrads = info[5].ToBoolean().Value();
    std::vector<at::Tensor> inputs;
    for (uint32_t i = 0; i < inputsArr.Length(); ++i) {
      Napi::Value v = inputsArr.Get(i);
      inputs.push_back(v.IsNull() || v.IsUndefined() ? at::Tensor() : TensorArg(env, v, "input"));
    }
    node->numInputs = inputs.size();
    node->set_next_edges(torch::autograd::collect_next_edges(inputs));
    std::vector<at::Tensor> dirty;
    for (uint32_t i = 0; i < dirtyArr.Length(); ++i) dirty.push_back(TensorArg(env, dirtyArr.Get(i), "dirty"));
    for (uint32_t i = 0; i < outputsArr.Length(); ++i) {
      at::Tensor& out = TensorArg(env, outputsArr.Get(i), "output");
      node->outputs.push_back({out.sizes().vec(), out.options()});
      node->add_input_metadata(out);
      bool isDirty = std::any_of(dirty.begin(), dirty.end(), [&](const at::Tensor& d) { return d.is_same(out); });
      if (isDirty) {
        TORCH_CHECK(!(out.is_leaf() && out.requires_grad()), "a leaf Variable that requires grad has been used in an in-place operation.");
        torch::autograd::impl::rebase_history(out, torch::autograd::Edge(compat::NodePtr(node), i));
      } else {
        torch::autograd::impl::set_gradient_edge(out, torch::autograd::Edge(compat::NodePtr(node), i));
      }
    }
    return info.Env().Undefined();
  });
}

// registerHook(tensor, fn): fn(grad) may return a replacement gradient. Returns the hook's index
// for removeHook.
Napi::Value RegisterHook(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "register_hook", [&]() -> napi_value {
    at::Tensor& t = TensorArg(env, info[0], "self");
    TORCH_CHECK(t.requires_grad(), "cannot register a hook on a tensor that doesn't require gradient");
    auto fn = std::make_shared<JsRef>(env, info[1]);
    unsigned idx = t.register_hook([fn](const at::Tensor& grad) -> at::Tensor {
      RequireJsThread("a tensor hook");
      napi_env env = fn->env;
      napi_handle_scope scope;
      napi_open_handle_scope(env, &scope);
      at::Tensor replacement;
      try {
        napi_value r = CallJs(env, fn->ref, {WrapTensor(env, grad)});
        TensorBox* box = BoxOf(env, r);
        if (box) replacement = box->tensor;
      } catch (...) {
        napi_close_handle_scope(env, scope);
        throw;
      }
      napi_close_handle_scope(env, scope);
      return replacement;
    });
    return Napi::Number::New(env, idx);
  });
}

Napi::Value RemoveHook(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "remove_hook", [&]() -> napi_value {
    TensorArg(env, info[0], "self").remove_hook(info[1].As<Napi::Number>().Uint32Value());
    return info.Env().Undefined();
  });
}

// torch.backends' switches that live in libtorch's global context.
Napi::Value BackendFlag(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "backends", [&]() -> napi_value {
    auto& ctx = at::globalContext();
    std::string name = info[0].As<Napi::String>().Utf8Value();
    bool set = info.Length() > 1 && info[1].IsBoolean();
    bool v = set && info[1].As<Napi::Boolean>().Value();
    if (name == "cudnn.enabled") {
      if (set) ctx.setUserEnabledCuDNN(v);
      return Napi::Boolean::New(env, ctx.userEnabledCuDNN());
    }
    if (name == "cudnn.benchmark") {
      if (set) ctx.setBenchmarkCuDNN(v);
      return Napi::Boolean::New(env, ctx.benchmarkCuDNN());
    }
    if (name == "cudnn.deterministic") {
      if (set) ctx.setDeterministicCuDNN(v);
      return Napi::Boolean::New(env, ctx.deterministicCuDNN());
    }
    if (name == "cudnn.allowTf32") {
      if (set) ctx.setAllowTF32CuDNN(v);
      return Napi::Boolean::New(env, ctx.allowTF32CuDNN());
    }
    if (name == "cudnn.available") return Napi::Boolean::New(env, ctx.hasCuDNN());
    if (name == "cudnn.version") {
      if (!ctx.hasCuDNN()) return info.Env().Null();
      return Napi::Number::New(env, static_cast<double>(ctx.versionCuDNN()));
    }
    if (name == "cuda.built") return Napi::Boolean::New(env, at::hasCUDA() || at::detail::getCUDAHooks().hasCUDA());
    if (name == "mkldnn.available") return Napi::Boolean::New(env, at::hasMKLDNN());
    if (name == "mkl.available") return Napi::Boolean::New(env, at::hasMKL());
    if (name == "openmp.available") return Napi::Boolean::New(env, at::hasOpenMP());
    if (name == "mps.available") return Napi::Boolean::New(env, at::hasMPS());
    if (name == "deterministicAlgorithms") {
      if (set) ctx.setDeterministicAlgorithms(v, /*warn_only=*/info.Length() > 2 && info[2].ToBoolean().Value());
      return Napi::Boolean::New(env, ctx.deterministicAlgorithms());
    }
    if (name == "deterministicAlgorithmsWarnOnly") return Napi::Boolean::New(env, ctx.deterministicAlgorithmsWarnOnly());
    throw ArgError("unknown backend flag " + name);
  });
}

}  // namespace

void InitJsAutograd(Napi::Env env, Napi::Object exports) {
  jsThread = std::this_thread::get_id();
  exports.Set("recordFunction", Napi::Function::New(env, RecordFunction));
  exports.Set("registerHook", Napi::Function::New(env, RegisterHook));
  exports.Set("removeHook", Napi::Function::New(env, RemoveHook));
  exports.Set("backendFlag", Napi::Function::New(env, BackendFlag));
}

}  // namespace tn
