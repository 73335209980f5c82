// TorchScript modules (torch.jit.load / save): methods called with JS values converted by the
// method's own schema, parameters and buffers shared with JS as tensors, and forward passes run
// on libuv worker threads under no-grad for serving without blocking the event loop.
#include "common.h"
#include <torch/csrc/jit/api/module.h>
#include <torch/csrc/jit/serialization/import.h>
#include <torch/csrc/jit/frontend/tracer.h>
#include <ATen/Parallel.h>
#include <map>

namespace tn {
namespace {

using JitModule = torch::jit::Module;

void FinalizeModule(node_api_basic_env, void* data, void*) { delete static_cast<JitModule*>(data); }

JitModule& ModuleOf(napi_env env, napi_value v) {
  return HandleArg<JitModule>(env, v, HandleKind::ScriptModule, "a TorchScript module");
}

napi_value WrapModule(napi_env env, JitModule module) {
  return NewHandle(env, new JitModule(std::move(module)), FinalizeModule, HandleKind::ScriptModule);
}

// JS value -> IValue of the type the schema asks for
c10::IValue ToIValue(napi_env env, Napi::Value v, const c10::TypePtr& type, const std::string& where) {
  if (auto opt = type->cast<c10::OptionalType>()) {
    if (v.IsNull() || v.IsUndefined()) return c10::IValue();
    return ToIValue(env, v, opt->getElementType(), where);
  }
  switch (type->kind()) {
    case c10::TypeKind::TensorType: return TensorArg(env, v, where.c_str());
    case c10::TypeKind::IntType: {
      // an int is an integer that fits int64: 2.7, NaN or 2n ** 70n are refused, not truncated
      if (v.IsBigInt()) {
        bool lossless = false;
        const int64_t i = v.As<Napi::BigInt>().Int64Value(&lossless);
        if (!lossless) throw ArgError("Expected an int (64-bit) for " + where + " but received " + Describe(env, v) + ", which does not fit");
        return i;
      }
      const double d = v.IsNumber() ? v.As<Napi::Number>().DoubleValue() : 0.5;
      if (!v.IsNumber() || !std::isfinite(d) || std::floor(d) != d || d >= 9223372036854775808.0 || d < -9223372036854775808.0)
        throw ArgError("Expected an int for " + where + " but received " + Describe(env, v));
      return static_cast<int64_t>(d);
    }
    case c10::TypeKind::FloatType:
      if (!v.IsNumber()) throw ArgError("Expected a float for " + where + " but received " + Describe(env, v));
      return v.As<Napi::Number>().DoubleValue();
    case c10::TypeKind::BoolType:
      if (!v.IsBoolean()) throw ArgError("Expected a bool for " + where + " but received " + Describe(env, v));
      return v.As<Napi::Boolean>().Value();
    case c10::TypeKind::StringType:
      if (!v.IsString()) throw ArgError("Expected a string for " + where + " but received " + Describe(env, v));
      return v.As<Napi::String>().Utf8Value();
    case c10::TypeKind::ListType: {
      if (!v.IsArray()) throw ArgError("Expected an array for " + where + " but received " + Describe(env, v));
      auto elem = type->expectRef<c10::ListType>().getElementType();
      auto arr = v.As<Napi::Array>();
      c10::impl::GenericList list(elem);
      for (uint32_t i = 0; i < arr.Length(); ++i) list.push_back(ToIValue(env, arr.Get(i), elem, where + "[" + std::to_string(i) + "]"));
      return list;
    }
    case c10::TypeKind::TupleType: {
      if (!v.IsArray()) throw ArgError("Expected an array (a tuple) for " + where + " but received " + Describe(env, v));
      const auto& elems = type->expectRef<c10::TupleType>().elements();
      auto arr = v.As<Napi::Array>();
      if (arr.Length() != elems.size()) throw ArgError("Expected a tuple of " + std::to_string(elems.size()) + " for " + where);
      std::vector<c10::IValue> items;
      for (uint32_t i = 0; i < arr.Length(); ++i) items.push_back(ToIValue(env, arr.Get(i), elems[i], where + "[" + std::to_string(i) + "]"));
      return c10::ivalue::Tuple::create(std::move(items));
    }
    case c10::TypeKind::DictType: {
      if (!v.IsObject()) throw ArgError("Expected an object for " + where + " but received " + Describe(env, v));
      const auto& dict = type->expectRef<c10::DictType>();
      if (dict.getKeyType()->kind() != c10::TypeKind::StringType) throw ArgError(where + ": only dicts with string keys are supported");
      c10::impl::GenericDict out(dict.getKeyType(), dict.getValueType());
      auto obj = v.As<Napi::Object>();
      auto keys = obj.GetPropertyNames();
      for (uint32_t i = 0; i < keys.Length(); ++i) {
        std::string k = keys.Get(i).As<Napi::String>().Utf8Value();
        out.insert(k, ToIValue(env, obj.Get(k), dict.getValueType(), where + "." + k));
      }
      return out;
    }
    default:
      if (v.IsNull() || v.IsUndefined()) return c10::IValue();
      if (BoxOf(env, v)) return TensorArg(env, v, where.c_str());
      if (v.IsNumber()) return v.As<Napi::Number>().DoubleValue();
      if (v.IsBoolean()) return v.As<Napi::Boolean>().Value();
      if (v.IsString()) return v.As<Napi::String>().Utf8Value();
      throw ArgError("cannot pass " + Describe(env, v) + " as " + type->str() + " for " + where);
  }
}

napi_value FromIValue(napi_env env, const c10::IValue& v) {
  Napi::Env e(env);
  if (v.isTensor()) return WrapTensor(env, v.toTensor());
  if (v.isNone()) return e.Null();
  if (v.isDouble()) return Napi::Number::New(e, v.toDouble());
  if (v.isInt()) return Napi::Number::New(e, static_cast<double>(v.toInt()));
  if (v.isBool()) return Napi::Boolean::New(e, v.toBool());
  if (v.isString()) return Napi::String::New(e, v.toStringRef());
  auto array = [&](const auto& items) {
    auto out = Napi::Array::New(e, items.size());
    for (size_t i = 0; i < items.size(); ++i) out.Set(static_cast<uint32_t>(i), Napi::Value(env, FromIValue(env, items[i])));
    return out;
  };
  if (v.isTuple()) return array(v.toTupleRef().elements());
  if (v.isList()) return array(v.toList().vec());
  if (v.isGenericDict()) {
    auto out = Napi::Object::New(e);
    for (const auto& kv : v.toGenericDict()) out.Set(kv.key().isString() ? kv.key().toStringRef() : kv.key().tagKind(), Napi::Value(env, FromIValue(env, kv.value())));
    return out;
  }
  throw std::runtime_error("cannot return a " + v.tagKind() + " from TorchScript to JS");
}

// Arguments for a method, converted by its schema (self excluded)
std::vector<c10::IValue> Arguments(napi_env env, JitModule& m, const std::string& name, Napi::Array args) {
  auto method = m.find_method(name);
  if (!method) throw ArgError("TorchScript module has no method '" + name + "'");
  const auto& schema = method->function().getSchema();
  const auto& formals = schema.arguments();
  if (args.Length() + 1 > formals.size()) throw ArgError(name + "() takes " + std::to_string(formals.size() - 1) + " arguments but " + std::to_string(args.Length()) + " were given");
  std::vector<c10::IValue> out{m._ivalue()};
  for (uint32_t i = 0; i < args.Length(); ++i) out.push_back(ToIValue(env, args.Get(i), formals[i + 1].type(), formals[i + 1].name()));
  for (size_t i = args.Length() + 1; i < formals.size(); ++i) {
    if (!formals[i].default_value()) throw ArgError(name + "() missing required argument '" + formals[i].name() + "'");
    out.push_back(*formals[i].default_value());
  }
  return out;
}

// TorchScript errors start with the interpreter's preamble and a Python-style traceback; the
// line that says what went wrong is the last "...Error: " one.
std::string Explain(const std::string& what) {
  size_t at = std::string::npos;
  for (const char* kind : {"RuntimeError: ", "ValueError: ", "TypeError: ", "IndexError: ", "AssertionError: "}) {
    size_t p = what.rfind(kind);
    if (p != std::string::npos && (at == std::string::npos || p > at)) at = p;
  }
  if (at == std::string::npos) return what;
  size_t colon = what.find(": ", at);
  return what.substr(colon + 2);
}

c10::IValue RunMethod(JitModule& m, const std::string& name, std::vector<c10::IValue> stack) {
  auto& fn = m.get_method(name).function();
  try {
    return fn(std::move(stack));
  } catch (const c10::Error& e) {
    throw std::runtime_error(Explain(e.what_without_backtrace()));
  } catch (const std::exception& e) {
    throw std::runtime_error(Explain(e.what()));
  }
}

Napi::Value JitLoad(const Napi::CallbackInfo& info) {
  return GuardN(info, "torch.jit.load", [&]() -> napi_value {
    std::string path = info[0].As<Napi::String>().Utf8Value();
    c10::optional<c10::Device> device;
    if (info.Length() > 1 && !info[1].IsNull() && !info[1].IsUndefined()) device = DeviceArg(info.Env(), info[1], "mapLocation");
    return WrapModule(info.Env(), torch::jit::load(path, device));
  });
}

Napi::Value JitSave(const Napi::CallbackInfo& info) {
  return GuardN(info, "torch.jit.save", [&]() -> napi_value {
    ModuleOf(info.Env(), info[0]).save(info[1].As<Napi::String>().Utf8Value());
    return info.Env().Undefined();
  });
}

// jitCall(module, method, args) -> result (on the JS thread, with the caller's grad mode)
Napi::Value JitCall(const Napi::CallbackInfo& info) {
  return GuardN(info, "TorchScript", [&]() -> napi_value {
    auto& m = ModuleOf(info.Env(), info[0]);
    std::string name = info[1].As<Napi::String>().Utf8Value();
    return FromIValue(info.Env(), RunMethod(m, name, Arguments(info.Env(), m, name, info[2].As<Napi::Array>())));
  });
}

// jitCallAsync(module, method, args) -> Promise: runs on a libuv worker thread under no-grad
class CallWorker : public Napi::AsyncWorker {
 public:
  CallWorker(Napi::Env env, JitModule module, std::string name, std::vector<c10::IValue> stack, Napi::Value keep)
      : Napi::AsyncWorker(env), module_(std::move(module)), name_(std::move(name)), stack_(std::move(stack)), deferred_(Napi::Promise::Deferred::New(env)),
        threads_(at::get_num_threads()) {
    keep_ = Napi::Persistent(keep);
  }
  Napi::Promise Promise() { return deferred_.Promise(); }
  void Execute() override {
    try {
      at::NoGradGuard noGrad;  // grad mode is per thread: this one is the worker's
      // OpenMP's thread count is per thread too: run with the caller's (torch.setNumThreads)
      if (at::get_num_threads() != threads_) at::set_num_threads(threads_);
      result_ = RunMethod(module_, name_, std::move(stack_));
    } catch (...) {
      error_ = std::current_exception();
    }
  }
  void OnOK() override {
    Settle(Env(), deferred_, "TorchScript", [&] {
      if (error_) std::rethrow_exception(error_);
      return FromIValue(Env(), result_);
    });
  }

 private:
  JitModule module_;  // a handle sharing the module's object, so the JS wrapper may be collected meanwhile
  std::string name_;
  std::vector<c10::IValue> stack_;
  Napi::Promise::Deferred deferred_;
  Napi::Reference<Napi::Value> keep_;  // the argument tensors stay alive while the call runs
  c10::IValue result_;
  std::exception_ptr error_;
  int threads_;
};

Napi::Value JitCallAsync(const Napi::CallbackInfo& info) {
  return GuardN(info, "TorchScript", [&]() -> napi_value {
    auto& m = ModuleOf(info.Env(), info[0]);
    std::string name = info[1].As<Napi::String>().Utf8Value();
    auto stack = Arguments(info.Env(), m, name, info[2].As<Napi::Array>());
    auto* w = new CallWorker(info.Env(), m, name, std::move(stack), info[2]);
    auto promise = w->Promise();
    w->Queue();
    return promise;
  });
}

// jitNamed(module, which: 0 parameters | 1 buffers | 2 children, recurse) -> [name, value][]
Napi::Value JitNamed(const Napi::CallbackInfo& info) {
  return GuardN(info, "TorchScript", [&]() -> napi_value {
    napi_env env = info.Env();
    auto& m = ModuleOf(env, info[0]);
    const int which = info[1].As<Napi::Number>().Int32Value();
    const bool recurse = info[2].ToBoolean().Value();
    auto out = Napi::Array::New(env);
    uint32_t i = 0;
    auto push = [&](const std::string& name, napi_value v) {
      auto pair = Napi::Array::New(env, 2);
      pair.Set(0u, Napi::String::New(env, name));
      pair.Set(1u, Napi::Value(env, v));
      out.Set(i++, pair);
    };
    if (which == 0) for (const auto& p : m.named_parameters(recurse)) push(p.name, WrapTensor(env, p.value));
    else if (which == 1) for (const auto& b : m.named_buffers(recurse)) push(b.name, WrapTensor(env, b.value));
    else for (const auto& c : m.named_children()) push(c.name, WrapModule(env, c.value));
    return out;
  });
}

// jitState(module, which, value?): 0 training (get or set, recursively), 1 method names, 2 type name
Napi::Value JitState(const Napi::CallbackInfo& info) {
  return GuardN(info, "TorchScript", [&]() -> napi_value {
    napi_env env = info.Env();
    auto& m = ModuleOf(env, info[0]);
    const int which = info[1].As<Napi::Number>().Int32Value();
    if (which == 0) {
      if (info.Length() > 2 && info[2].IsBoolean()) m.train(info[2].As<Napi::Boolean>().Value());
      return Napi::Boolean::New(env, m.is_training());
    }
    if (which == 1) {
      auto out = Napi::Array::New(env);
      uint32_t i = 0;
      for (const auto& method : m.get_methods()) out.Set(i++, Napi::String::New(env, method.name()));
      return out;
    }
    return Napi::String::New(env, m.type()->name() ? m.type()->name()->qualifiedName() : "RecursiveScriptModule");
  });
}

// jitTo(module, device | null, dtype | null)
Napi::Value JitTo(const Napi::CallbackInfo& info) {
  return GuardN(info, "TorchScript", [&]() -> napi_value {
    napi_env env = info.Env();
    auto& m = ModuleOf(env, info[0]);
    if (!info[1].IsNull() && !info[1].IsUndefined()) m.to(DeviceArg(env, info[1], "device"));
    if (!info[2].IsNull() && !info[2].IsUndefined()) m.to(static_cast<at::ScalarType>(EnumArg(env, info[2], "dtype")));
    return info.Env().Undefined();
  });
}

// jitTrace(fn, inputs, entries: [path, tensor, isBuffer][], className) -> module
// Records the JS function's ops with libtorch's tracer into a TorchScript module whose parameters
// and buffers are the given tensors themselves (registered under their state-dict paths), so the
// trace reads the live weights, as torch.jit.trace does for a Python module.
Napi::Value JitTrace(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "torch.jit.trace", [&]() -> napi_value {
    auto fn = info[0].As<Napi::Function>();
    auto inputsJs = info[1].As<Napi::Array>();
    auto entries = info[2].As<Napi::Array>();
    const std::string className = info[3].As<Napi::String>().Utf8Value();
    auto cu = std::make_shared<torch::jit::CompilationUnit>();
    JitModule root(c10::QualifiedName("__torch__." + className), cu, /*shouldMangle=*/true);
    std::map<std::string, JitModule> subs;
    for (uint32_t i = 0; i < entries.Length(); ++i) {
      auto e = entries.Get(i).As<Napi::Array>();
      std::string path = e.Get(0u).As<Napi::String>().Utf8Value();
      const at::Tensor& t = TensorArg(env, e.Get(1u), "parameter");
      const bool isBuffer = e.Get(2u).ToBoolean().Value();
      JitModule owner = root;
      std::string prefix;
      size_t start = 0, dot;
      while ((dot = path.find('.', start)) != std::string::npos) {
        std::string part = path.substr(start, dot - start);
        prefix += "." + part;
        auto it = subs.find(prefix);
        if (it == subs.end()) {
          JitModule child(c10::QualifiedName("__torch__.Module"), cu, true);
          owner.register_module(part, child);
          it = subs.emplace(prefix, child).first;
        }
        owner = it->second;
        start = dot + 1;
      }
      owner.register_parameter(path.substr(start), t, isBuffer);
    }
    torch::jit::Stack inputs;
    for (uint32_t i = 0; i < inputsJs.Length(); ++i) inputs.push_back(TensorArg(env, inputsJs.Get(i), "exampleInputs"));
    auto traced = [&](torch::jit::Stack in) -> torch::jit::Stack {
      auto args = Napi::Array::New(env, in.size());
      for (size_t i = 0; i < in.size(); ++i) args.Set(static_cast<uint32_t>(i), Napi::Value(env, WrapTensor(env, in[i].toTensor())));
      Napi::Value r = fn.Call({args});
      if (r.IsArray()) {
        std::vector<c10::IValue> items;
        auto arr = r.As<Napi::Array>();
        for (uint32_t i = 0; i < arr.Length(); ++i) items.push_back(TensorArg(env, arr.Get(i), "output"));
        return {c10::ivalue::Tuple::create(std::move(items))};
      }
      return {TensorArg(env, r, "output")};
    };
    at::NoGradGuard noGrad;
    auto result = torch::jit::tracer::trace(std::move(inputs), traced, [](const at::Tensor&) { return std::string(); },
                                            /*strict=*/false, /*force_outplace=*/false, &root);
    auto* method = cu->create_function(c10::QualifiedName(*root.type()->name(), "forward"), result.first->graph);
    root.type()->addMethod(method);
    return WrapModule(env, root);
  });
}

}  // namespace

void InitJit(Napi::Env env, Napi::Object exports) {
  exports.Set("jitLoad", Napi::Function::New(env, JitLoad));
  exports.Set("jitSave", Napi::Function::New(env, JitSave));
  exports.Set("jitCall", Napi::Function::New(env, JitCall));
  exports.Set("jitCallAsync", Napi::Function::New(env, JitCallAsync));
  exports.Set("jitNamed", Napi::Function::New(env, JitNamed));
  exports.Set("jitState", Napi::Function::New(env, JitState));
  exports.Set("jitTo", Napi::Function::New(env, JitTo));
  exports.Set("jitTrace", Napi::Function::New(env, JitTrace));
}

}  // namespace tn
