// Autograd: grad mode, backward, .grad, requires_grad, graph inspection, autograd.grad.
#include "common.h"
#include <cstdio>
#include <torch/csrc/autograd/anomaly_mode.h>
#include <torch/csrc/autograd/functions/accumulate_grad.h>

namespace tn {

static std::vector<at::Tensor> TensorList(napi_env env, napi_value v, const char* argName) {
  std::vector<at::Tensor> out;
  bool isArray = false;
  napi_is_array(env, v, &isArray);
  if (!isArray) {
    out.push_back(TensorArg(env, v, argName));
    return out;
  }
  uint32_t n = 0;
  napi_get_array_length(env, v, &n);
  for (uint32_t i = 0; i < n; ++i) {
    napi_value e;
    napi_get_element(env, v, i, &e);
    napi_valuetype t;
    napi_typeof(env, e, &t);
    out.push_back(t == napi_null || t == napi_undefined ? at::Tensor() : TensorArg(env, e, argName));
  }
  return out;
}

static c10::optional<bool> OptBool(const Napi::Value& v) {
  if (v.IsBoolean()) return v.As<Napi::Boolean>().Value();
  return c10::nullopt;
}

static Napi::Value SetGradEnabled(const Napi::CallbackInfo& info) {
  bool prev = at::GradMode::is_enabled();
  at::GradMode::set_enabled(info[0].ToBoolean().Value());
  return Napi::Boolean::New(info.Env(), prev);
}

static Napi::Value IsGradEnabled(const Napi::CallbackInfo& info) {
  return Napi::Boolean::New(info.Env(), at::GradMode::is_enabled());
}

// backward(tensors, gradTensors|null, retainGraph?, createGraph, inputs|null)
static Napi::Value Backward(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "backward", [&]() -> napi_value {
    auto tensors = TensorList(env, info[0], "tensors");
    std::vector<at::Tensor> grads;
    if (!info[1].IsNull() && !info[1].IsUndefined()) grads = TensorList(env, info[1], "gradient");
    std::vector<at::Tensor> inputs;
    if (info.Length() > 4 && !info[4].IsNull() && !info[4].IsUndefined()) inputs = TensorList(env, info[4], "inputs");
    torch::autograd::backward(tensors, grads, OptBool(info[2]), info[3].ToBoolean().Value(), inputs);
    return info.Env().Undefined();
  });
}

// grad(outputs, inputs, gradOutputs|null, retainGraph?, createGraph, allowUnused)
static Napi::Value AutogradGrad(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "autograd.grad", [&]() -> napi_value {
    auto outputs = TensorList(env, info[0], "outputs");
    auto inputs = TensorList(env, info[1], "inputs");
    std::vector<at::Tensor> gradOutputs;
    if (!info[2].IsNull() && !info[2].IsUndefined()) gradOutputs = TensorList(env, info[2], "gradOutputs");
    auto result = torch::autograd::grad(outputs, inputs, gradOutputs, OptBool(info[3]), info[4].ToBoolean().Value(),
                                        info[5].ToBoolean().Value());
    napi_value arr;
    napi_create_array_with_length(env, result.size(), &arr);
    for (size_t i = 0; i < result.size(); ++i) napi_set_element(env, arr, i, WrapTensor(env, result[i]));
    return arr;
  });
}

// Whether `alias`, an earlier t.variable_data(), can stand for a new one: held by its JS wrapper
// alone (no graph saved it, no view keeps it as a base), with no autograd state of its own, and the
// same storage, offset, sizes, strides, dtype and view flags as t.
static bool IsFreshAliasOf(const at::Tensor& alias, const at::Tensor& t) {
  if (!alias.defined() || alias.use_count() != 1 || alias.requires_grad() || alias.grad().defined() || t.is_inference()) return false;
  if (!alias.has_storage() || !t.has_storage() || !alias.storage().is_alias_of(t.storage())) return false;
  return alias.storage_offset() == t.storage_offset() && alias.sizes().equals(t.sizes()) && alias.strides().equals(t.strides()) &&
         alias.scalar_type() == t.scalar_type() && alias.layout() == t.layout() && alias.is_conj() == t.is_conj() && alias.is_neg() == t.is_neg();
}

// Autograd graph nodes, Python's grad_fn: a handle shares the node, so the graph it reaches stays
// walkable (next_functions) while JS holds it, as a Python reference to a grad_fn keeps it alive.
// (libtorch 1.13 shares nodes by std::shared_ptr, later ones by c10::intrusive_ptr.)
using NodeRef = std::decay_t<decltype(std::declval<const at::Tensor&>().grad_fn())>;
static void FinalizeNode(node_api_basic_env, void* data, void*) { delete static_cast<NodeRef*>(data); }
static napi_value WrapNode(napi_env env, NodeRef node) {
  napi_value out;
  if (!node) {
    napi_get_null(env, &out);
    return out;
  }
  return NewHandle(env, new NodeRef(std::move(node)), FinalizeNode, HandleKind::AutogradNode);
}

enum NodeQuery { kNodeName, kNodeNext, kNodeVariable, kNodeAddress };

// nodeQuery(node, which): its C++ name (Node::name, as Python's grad_fn.name()), its next edges as
// [node or null, input_nr] pairs (next_functions), the leaf an AccumulateGrad accumulates into
// (AccumulateGrad.variable; undefined for any other node), or its address (Python's repr shows it).
static napi_value NodeInfo(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2] = {nullptr, nullptr};
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  return Guard(env, "autograd node", [&]() -> napi_value {
    NodeRef& node = HandleArg<NodeRef>(env, argv[0], HandleKind::AutogradNode, "an autograd node");
    int32_t which = -1;
    napi_get_value_int32(env, argv[1], &which);
    napi_value out;
    switch (which) {
      case kNodeName: {
        const std::string name = node->name();
        napi_create_string_utf8(env, name.c_str(), name.size(), &out);
        return out;
      }
      case kNodeNext: {
        const auto& edges = node->next_edges();
        napi_create_array_with_length(env, edges.size(), &out);
        for (size_t i = 0; i < edges.size(); ++i) {
          napi_value pair, nr;
          napi_create_array_with_length(env, 2, &pair);
          napi_set_element(env, pair, 0, WrapNode(env, edges[i].function));
          napi_create_uint32(env, edges[i].input_nr, &nr);
          napi_set_element(env, pair, 1, nr);
          napi_set_element(env, out, static_cast<uint32_t>(i), pair);
        }
        return out;
      }
      case kNodeVariable: {
        auto* acc = dynamic_cast<torch::autograd::AccumulateGrad*>(node.get());
        if (!acc) {
          napi_get_undefined(env, &out);
          return out;
        }
        return WrapTensor(env, acc->variable);
      }
      case kNodeAddress: {
        char text[32];
        std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(reinterpret_cast<uintptr_t>(node.get())));
        napi_create_string_utf8(env, text, NAPI_AUTO_LENGTH, &out);
        return out;
      }
    }
    throw std::runtime_error("unknown autograd node query");
  });
}

enum GradQuery { kGrad, kRequiresGrad, kIsLeaf, kGradFn, kRetainsGrad, kVersion, kOutputNr, kData };

// The hot attribute reads (p.grad, requiresGrad, isLeaf, p.data) on plain Node-API: no
// node-addon-api CallbackInfo or wrapper objects per call.
static napi_value Query(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3] = {nullptr, nullptr, nullptr};
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  return Guard(env, "autograd", [&]() -> napi_value {
    at::Tensor& t = TensorArg(env, argv[0], "self");
    int32_t which = -1;
    napi_get_value_int32(env, argv[1], &which);
    // argv[2]: the tensor the caller wrapped this attribute's value with last, if any
    auto* cached = argc > 2 ? static_cast<TensorBox*>(HandleData(env, argv[2], HandleKind::Tensor)) : nullptr;
    napi_value out;
    switch (which) {
      case kGrad: {
        // the cached handle back when it still holds the very tensor, so p.grad stays one object as
        // in Python
        const at::Tensor& g = t.grad();
        if (g.defined() && cached && cached->tensor.defined() && cached->tensor.unsafeGetTensorImpl() == g.unsafeGetTensorImpl()) return argv[2];
        return WrapTensor(env, g);
      }
      case kRequiresGrad: napi_get_boolean(env, t.requires_grad(), &out); return out;
      case kIsLeaf: napi_get_boolean(env, t.is_leaf(), &out); return out;
      case kGradFn: return WrapNode(env, t.grad_fn());
      case kRetainsGrad: napi_get_boolean(env, t.retains_grad(), &out); return out;
      case kVersion: napi_create_double(env, static_cast<double>(t._version()), &out); return out;
      case kOutputNr: napi_create_double(env, static_cast<double>(t.output_nr()), &out); return out;
      case kData: {
        // the alias p.data gave last back when nothing else holds it and it is still what a new alias
        // would be (p.data.add_(...) in a manual SGD loop then makes no tensor per parameter per
        // step). Its version counter restarts, as a new alias's does.
        if (cached && IsFreshAliasOf(cached->tensor, t)) {
          if (cached->tensor._version() != 0) cached->tensor.unsafeGetTensorImpl()->set_version_counter(c10::VariableVersion(0));
          return argv[2];
        }
        return WrapTensor(env, t.variable_data());
      }
    }
    throw std::runtime_error("unknown autograd query");
  });
}

static Napi::Value SetGrad(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "grad", [&]() -> napi_value {
    at::Tensor& t = TensorArg(env, info[0], "self");
    if (info[1].IsNull() || info[1].IsUndefined()) {
      t.mutable_grad() = at::Tensor();
    } else {
      // Python's Tensor.grad setter (THPVariable_set_grad) checks these
      const at::Tensor& g = TensorArg(env, info[1], "grad");
      TORCH_CHECK(!g.is_same(t), "can't assign Variable as its own grad");
      TORCH_CHECK(g.dtype() == t.dtype(), "assigned grad has data of a different type");
      TORCH_CHECK(g.device().type() == t.device().type(), "assigned grad has data located on a different device");
      TORCH_CHECK(g.sizes().equals(t.sizes()), "assigned grad has data of a different size");
      t.mutable_grad() = g;
    }
    return info.Env().Undefined();
  });
}

static Napi::Value SetRequiresGrad(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "requires_grad_", [&]() -> napi_value {
    TensorArg(env, info[0], "self").requires_grad_(info[1].ToBoolean().Value());
    return info.Env().Undefined();
  });
}

// Python's `param.data = other`: swaps the tensor's data, keeping the object (and its
// identity in optimizers) — what Module.to() needs.
static Napi::Value SetData(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "set_data", [&]() -> napi_value {
    TensorArg(env, info[0], "self").set_data(TensorArg(env, info[1], "data"));
    return info.Env().Undefined();
  });
}

static Napi::Value RetainGrad(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "retain_grad", [&]() -> napi_value {
    TensorArg(env, info[0], "self").retain_grad();
    return info.Env().Undefined();
  });
}

// torch.autograd.set_detect_anomaly(mode, check_nan): libtorch's AnomalyMode, which makes a backward
// function that returns NaN an error naming it. Returns the previous [enabled, checkNan]; with no
// arguments it only reads them.
static Napi::Value SetAnomaly(const Napi::CallbackInfo& info) {
  auto prev = Napi::Array::New(info.Env(), 2);
  prev.Set(0u, torch::autograd::AnomalyMode::is_enabled());
  prev.Set(1u, torch::autograd::AnomalyMode::should_check_nan());
  if (info.Length() >= 2) torch::autograd::AnomalyMode::set_enabled(info[0].ToBoolean().Value(), info[1].ToBoolean().Value());
  return prev;
}

void InitAutograd(Napi::Env env, Napi::Object exports) {
  exports.Set("setAnomaly", Napi::Function::New(env, SetAnomaly));
  exports.Set("setGradEnabled", Napi::Function::New(env, SetGradEnabled));
  exports.Set("isGradEnabled", Napi::Function::New(env, IsGradEnabled));
  exports.Set("backward", Napi::Function::New(env, Backward));
  exports.Set("autogradGrad", Napi::Function::New(env, AutogradGrad));
  napi_value query;
  napi_create_function(env, "gradQuery", NAPI_AUTO_LENGTH, Query, nullptr, &query);
  exports.Set("gradQuery", Napi::Value(env, query));
  napi_value nodeQuery;
  napi_create_function(env, "nodeQuery", NAPI_AUTO_LENGTH, NodeInfo, nullptr, &nodeQuery);
  exports.Set("nodeQuery", Napi::Value(env, nodeQuery));
  exports.Set("setGrad", Napi::Function::New(env, SetGrad));
  exports.Set("setRequiresGrad", Napi::Function::New(env, SetRequiresGrad));
  exports.Set("retainGrad", Napi::Function::New(env, RetainGrad));
  exports.Set("setData", Napi::Function::New(env, SetData));
}

}  // namespace tn
