// Every generated op goes through here: c10's dispatcher, by schema, with boxed calls (as
// TorchScript's interpreter does). Arguments are matched against each overload's schema the
// way PyTorch's Python argument parser does, so one generic path serves every ATen op and
// the op list is data (lib/generated/ops.ts), not code.
#include "common.h"
#include "op_checks.h"
#include <set>

namespace tn {

enum class Kind {
  Tensor, Int, Float, Bool, Scalar, String, ScalarType, Layout, MemoryFormat, Device,
  Generator, IntList, FloatList, BoolList, TensorList, OptTensorList, Unsupported
};

struct ArgSpec {
  std::string name, camel, typeStr;
  Kind kind = Kind::Unsupported;
  bool optional = false, kwOnly = false;
  int64_t fixedLen = 0;  // N of int[N]: a single int stands for N copies
  c10::optional<c10::IValue> defaultValue;
};

struct Overload {
  c10::optional<c10::OperatorHandle> op;
  std::string fullName;
  std::vector<ArgSpec> args;
  size_t lastPositional = 0;  // index of the last non-keyword-only argument
  bool writesSelf = false;    // in-place: JS returns the same Tensor object
};

struct OpGroup {
  std::string name;
  std::vector<Overload> overloads;
  bool numbersAsTensors = false;
  OpCheck check = nullptr;  // arguments libtorch does not check itself (op_checks.cc)
};

// PyTorch's Python binding lets a number stand for a Tensor argument of these ops (as a
// "wrapped number", which type promotion treats like a Scalar): x.mul(2) runs mul.Tensor
// and records MulBackward0, exactly as in Python.
static bool AllowsNumbersAsTensors(const std::string& name) {
  static const std::set<std::string> names = {
      "add", "add_", "sub", "sub_", "mul", "mul_", "div", "div_", "true_divide", "true_divide_",
      "floor_divide", "floor_divide_", "multiply", "multiply_", "subtract", "subtract_", "divide", "divide_"};
  return names.count(name) > 0;
}

static std::vector<OpGroup>& Groups(napi_env env) {
  // One table per addon instance (worker threads load their own).
  static thread_local std::vector<OpGroup> groups;
  return groups;
}

static std::string Camel(const std::string& s) {
  std::string out;
  bool up = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i > 0 && i + 1 < s.size()) { up = true; continue; }
    out += up ? static_cast<char>(toupper(s[i])) : s[i];
    up = false;
  }
  return out;
}

static Kind KindOf(const c10::TypePtr& fake, const c10::TypePtr& real, int64_t* fixedLen) {
  using c10::TypeKind;
  switch (fake->kind()) {
    case TypeKind::TensorType: return Kind::Tensor;
    case TypeKind::IntType:
      switch (real->kind()) {
        case TypeKind::ScalarTypeType: return Kind::ScalarType;
        case TypeKind::LayoutType: return Kind::Layout;
        case TypeKind::MemoryFormatType: return Kind::MemoryFormat;
        default: return Kind::Int;
      }
    case TypeKind::FloatType: return Kind::Float;
    case TypeKind::BoolType: return Kind::Bool;
    case TypeKind::NumberType: return Kind::Scalar;
    case TypeKind::StringType:
      return real->annotation_str().find("Dimname") != std::string::npos ? Kind::Unsupported : Kind::String;
    case TypeKind::DeviceObjType: return Kind::Device;
    case TypeKind::GeneratorType: return Kind::Generator;
    case TypeKind::ListType: {
      auto el = fake->castRaw<c10::ListType>()->getElementType();
      if (el->kind() == TypeKind::IntType) return Kind::IntList;
      if (el->kind() == TypeKind::FloatType) return Kind::FloatList;
      if (el->kind() == TypeKind::BoolType) return Kind::BoolList;
      if (el->kind() == TypeKind::TensorType) return Kind::TensorList;
      if (el->kind() == TypeKind::OptionalType &&
          el->castRaw<c10::OptionalType>()->getElementType()->kind() == TypeKind::TensorType)
        return Kind::OptTensorList;
      return Kind::Unsupported;
    }
    default: return Kind::Unsupported;
  }
}

static bool BuildOverload(const c10::OperatorHandle& op, Overload* out) {
  const c10::FunctionSchema& schema = op.schema();
  out->op = op;
  out->fullName = schema.name() + (schema.overload_name().empty() ? "" : "." + schema.overload_name());
  const auto& args = schema.arguments();
  for (size_t i = 0; i < args.size(); ++i) {
    const c10::Argument& a = args[i];
    ArgSpec s;
    s.name = a.name();
    // Python names the receiver of torch.abs(input) "input", not the schema's "self"
    s.camel = a.name() == "self" ? std::string("input") : Camel(a.name());
    s.kwOnly = a.kwarg_only();
    s.defaultValue = a.default_value();
    s.typeStr = a.real_type()->annotation_str();
    c10::TypePtr fake = a.type(), real = a.real_type();
    if (fake->kind() == c10::TypeKind::OptionalType) {
      s.optional = true;
      fake = fake->castRaw<c10::OptionalType>()->getElementType();
      if (real->kind() == c10::TypeKind::OptionalType) real = real->castRaw<c10::OptionalType>()->getElementType();
    }
    s.kind = KindOf(fake, real, &s.fixedLen);
    if (a.N()) s.fixedLen = *a.N();
    if (s.kind == Kind::Unsupported) return false;  // Dimname, Stream, Storage...: not exposed
    if (!s.kwOnly) out->lastPositional = i;
    out->args.push_back(std::move(s));
  }
  const auto& rets = schema.returns();
  out->writesSelf = !args.empty() && rets.size() == 1 && rets[0].alias_info() && rets[0].alias_info()->isWrite() &&
                    args[0].alias_info() && args[0].alias_info()->isWrite() && !args[0].is_out();
  return true;
}

// defineOps([[name, [overload, ...]], ...]) -> id of the first group. Overloads this
// libtorch does not have are skipped, so one generated list serves 1.13 and 2.x.
static napi_value DefineOps(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value list, out;
  napi_get_cb_info(env, info, &argc, &list, nullptr, nullptr);
  return Guard(env, "defineOps", [&]() -> napi_value {
    auto& groups = Groups(env);
    uint32_t base = static_cast<uint32_t>(groups.size()), n = 0;
    napi_get_array_length(env, list, &n);
    for (uint32_t i = 0; i < n; ++i) {
      napi_value entry, nameV, overloadsV;
      napi_get_element(env, list, i, &entry);
      napi_get_element(env, entry, 0, &nameV);
      napi_get_element(env, entry, 1, &overloadsV);
      OpGroup g;
      g.name = Napi::Value(env, nameV).As<Napi::String>().Utf8Value();
      g.numbersAsTensors = AllowsNumbersAsTensors(g.name);
      g.check = OpCheckFor(g.name);
      uint32_t k = 0;
      napi_get_array_length(env, overloadsV, &k);
      for (uint32_t j = 0; j < k; ++j) {
        napi_value ov;
        napi_get_element(env, overloadsV, j, &ov);
        std::string overloadName = Napi::Value(env, ov).As<Napi::String>().Utf8Value();
        auto handle = c10::Dispatcher::singleton().findSchema({"aten::" + g.name, overloadName});
        Overload o;
        if (handle && BuildOverload(*handle, &o)) g.overloads.push_back(std::move(o));
      }
      groups.push_back(std::move(g));
    }
    napi_create_uint32(env, base, &out);
    return out;
  });
}

// ---- JS -> IValue -------------------------------------------------------------------

struct Binder {
  napi_env env;
  bool numbersAsTensors = false;

  // Each JS argument is classified once per call (type, and the tensor it holds), however
  // many overloads are tried: property lookups through N-API are the costly part.
  static constexpr int kSlots = 32;
  napi_value seenV[kSlots];
  napi_valuetype seenT[kSlots];
  TensorBox* seenB[kSlots];
  int seen = 0;
  TensorBox* Classify(napi_value v, napi_valuetype* t) {
    for (int i = 0; i < seen; ++i)
      if (seenV[i] == v) { *t = seenT[i]; return seenB[i]; }
    napi_typeof(env, v, t);
    // an array (an int list, a tensor list) is no tensor: spared BoxOf's property lookup
    bool isArray = false;
    if (*t == napi_object) napi_is_array(env, v, &isArray);
    TensorBox* b = (*t == napi_object && !isArray) || *t == napi_external ? BoxOf(env, v) : nullptr;
    if (seen < kSlots) { seenV[seen] = v; seenT[seen] = *t; seenB[seen] = b; ++seen; }
    return b;
  }
  std::string failure;  // why the best attempt so far did not match
  size_t bestScore = 0;

  // The keyword object's entries, read once per call (not once per overload and parameter: a key
  // string made and looked up through N-API for each cost more than the op itself for a factory).
  struct Keyword {
    std::string name;
    napi_value value;
  };
  std::vector<Keyword> keywords;
  void ReadKeywords(napi_value kw) {
    napi_value names;
    uint32_t n = 0;
    napi_get_property_names(env, kw, &names);
    napi_get_array_length(env, names, &n);
    keywords.resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      napi_value k;
      napi_get_element(env, names, i, &k);
      keywords[i].name = Napi::Value(env, k).As<Napi::String>().Utf8Value();
      napi_get_property(env, kw, k, &keywords[i].value);
    }
  }
  const Keyword* FindKeyword(const std::string& name) const {
    for (const Keyword& k : keywords)
      if (k.name == name) return &k;
    return nullptr;
  }

  // PyTorch's parser also takes numpy's names for four parameters (python_arg_parser.cpp,
  // numpy_compatibility_arg_names): x.sum(axis=0, keepdims=True), torch.add(x1=a, x2=b).
  const Keyword* FindNumpyName(const std::string& camel) const {
    static const char* const kDim[] = {"axis", nullptr};
    static const char* const kKeepdim[] = {"keepdims", nullptr};
    static const char* const kInput[] = {"x", "a", "x1", nullptr};
    static const char* const kOther[] = {"x2", nullptr};
    const char* const* names = camel == "dim" ? kDim : camel == "keepdim" ? kKeepdim : camel == "input" ? kInput : camel == "other" ? kOther : nullptr;
    for (; names && *names; ++names)
      if (const Keyword* k = FindKeyword(*names)) return k;
    return nullptr;
  }

  bool IsNumber(napi_value v, double* d) {
    napi_valuetype t;
    napi_typeof(env, v, &t);
    if (t != napi_number) return false;
    napi_get_value_double(env, v, d);
    return true;
  }
  static bool IsInt(double d) { return std::isfinite(d) && std::floor(d) == d; }

  // A 0-dim tensor stands for a number where PyTorch accepts one (x.add(y.sum())).
  TensorBox* ZeroDimTensor(napi_value v) {
    napi_valuetype t;
    TensorBox* b = Classify(v, &t);
    return b && b->tensor.defined() && b->tensor.dim() == 0 ? b : nullptr;
  }

  bool ToInt(napi_value v, int64_t* out) {
    double d;
    napi_valuetype t;
    napi_typeof(env, v, &t);
    if (t == napi_number) {
      napi_get_value_double(env, v, &d);
      if (!IsInt(d)) return false;
      *out = static_cast<int64_t>(d);
      return true;
    }
    if (t == napi_bigint) {
      bool lossless;
      napi_get_value_bigint_int64(env, v, out, &lossless);
      return lossless;
    }
    if (t == napi_object)
      if (TensorBox* b = ZeroDimTensor(v); b && c10::isIntegralType(b->tensor.scalar_type(), false)) {
        *out = b->tensor.item<int64_t>();
        return true;
      }
    return false;
  }

  bool ToScalar(napi_value v, c10::Scalar* out, bool floatOnly) {
    napi_valuetype t;
    napi_typeof(env, v, &t);
    if (t == napi_number) {
      double d;
      napi_get_value_double(env, v, &d);
      // JS has one number type: integral values become int Scalars, as Python's ints do.
      if (!floatOnly && IsInt(d) && std::fabs(d) < 9007199254740992.0) *out = static_cast<int64_t>(d);
      else *out = d;
      return true;
    }
    if (t == napi_boolean && !floatOnly) {
      bool b;
      napi_get_value_bool(env, v, &b);
      *out = b;
      return true;
    }
    if (t == napi_bigint && !floatOnly) {
      int64_t i;
      bool lossless;
      napi_get_value_bigint_int64(env, v, &i, &lossless);
      if (!lossless) return false;
      *out = i;
      return true;
    }
    if (t == napi_object)
      if (TensorBox* b = ZeroDimTensor(v); b && !b->tensor.requires_grad()) {
        *out = b->tensor.item();
        if (floatOnly) *out = out->toDouble();
        return true;
      }
    return false;
  }

  bool IsArray(napi_value v, uint32_t* len) {
    bool is = false;
    napi_is_array(env, v, &is);
    if (is) napi_get_array_length(env, v, len);
    return is;
  }

  // Converts v for spec; false (with `why`) when the value does not fit this overload.
  bool Convert(const ArgSpec& s, napi_value v, c10::IValue* out, std::string* why) {
    napi_valuetype t;
    TensorBox* box = Classify(v, &t);
    if (s.optional && (t == napi_null || t == napi_undefined)) {
      *out = c10::IValue();
      return true;
    }
    switch (s.kind) {
      case Kind::Tensor: {
        TensorBox* b = box;
        if (!b && numbersAsTensors && (t == napi_number || t == napi_boolean)) {
          c10::Scalar sc;
          ToScalar(v, &sc, false);
          at::Tensor wrapped = at::scalar_to_tensor(sc);
          wrapped.unsafeGetTensorImpl()->set_wrapped_number(true);
          *out = wrapped;
          return true;
        }
        if (!b) break;
        // a disposed tensor matches no overload: say so, not what another overload wanted instead
        if (!b->tensor.defined()) throw ArgError("Tensor passed as " + s.camel + " has been disposed");
        *out = b->tensor;
        return true;
      }
      case Kind::Int: {
        int64_t i;
        if (!ToInt(v, &i)) break;
        *out = i;
        return true;
      }
      case Kind::Float: {
        c10::Scalar sc;
        if (!ToScalar(v, &sc, true)) break;
        *out = sc.toDouble();
        return true;
      }
      case Kind::Bool: {
        if (t != napi_boolean) break;
        bool b;
        napi_get_value_bool(env, v, &b);
        *out = b;
        return true;
      }
      case Kind::Scalar: {
        c10::Scalar sc;
        if (!ToScalar(v, &sc, false)) break;
        *out = sc;
        return true;
      }
      case Kind::String: {
        if (t != napi_string) break;
        size_t n = 0;
        napi_get_value_string_utf8(env, v, nullptr, 0, &n);
        std::string str(n, '\0');
        napi_get_value_string_utf8(env, v, &str[0], n + 1, &n);
        *out = str;
        return true;
      }
      case Kind::ScalarType: case Kind::Layout: case Kind::MemoryFormat: {
        if (t != napi_object) break;
        // a dtype where a dtype goes, not a memory format (x.sum({ dtype: torch.channelsLast }))
        const int64_t wanted = s.kind == Kind::ScalarType ? 1 : s.kind == Kind::Layout ? 2 : 3;
        napi_value e = GetKey(env, Data(env).keyEnum, v), k = GetKey(env, Data(env).keyEnumKind, v);
        int64_t i, kind;
        if (!e || !k || napi_get_value_int64(env, e, &i) != napi_ok || napi_get_value_int64(env, k, &kind) != napi_ok || kind != wanted) break;
        *out = i;
        return true;
      }
      case Kind::Device: {
        if (t != napi_string && t != napi_object) break;
        *out = DeviceArg(env, v, s.camel.c_str());
        return true;
      }
      case Kind::Generator: {
        at::Generator* g = t == napi_object ? GeneratorOf(env, v) : nullptr;
        if (!g) break;
        *out = *g;
        return true;
      }
      case Kind::IntList: {
        uint32_t len;
        std::vector<int64_t> xs;
        int64_t one;
        if (IsArray(v, &len)) {
          for (uint32_t i = 0; i < len; ++i) {
            napi_value e;
            napi_get_element(env, v, i, &e);
            if (!ToInt(e, &one)) { *why = "Expected integers in " + s.camel + " but element " + std::to_string(i) + " is " + Describe(env, e); return false; }
            xs.push_back(one);
          }
        } else if (s.fixedLen > 0 && ToInt(v, &one)) {
          xs.assign(s.fixedLen, one);
        } else break;
        *out = xs;
        return true;
      }
      case Kind::FloatList: {
        uint32_t len;
        if (!IsArray(v, &len)) break;
        std::vector<double> xs;
        for (uint32_t i = 0; i < len; ++i) {
          napi_value e;
          double d;
          napi_get_element(env, v, i, &e);
          if (!IsNumber(e, &d)) { *why = "Expected numbers in " + s.camel + " but element " + std::to_string(i) + " is " + Describe(env, e); return false; }
          xs.push_back(d);
        }
        *out = xs;
        return true;
      }
      case Kind::BoolList: {
        uint32_t len;
        if (!IsArray(v, &len)) break;
        c10::List<bool> xs;
        for (uint32_t i = 0; i < len; ++i) {
          napi_value e;
          bool b;
          napi_get_element(env, v, i, &e);
          if (napi_get_value_bool(env, e, &b) != napi_ok) { *why = "Expected booleans in " + s.camel; return false; }
          xs.push_back(b);
        }
        *out = xs;
        return true;
      }
      case Kind::TensorList: case Kind::OptTensorList: {
        uint32_t len;
        if (!IsArray(v, &len)) break;
        std::vector<at::Tensor> ts;
        c10::List<c10::optional<at::Tensor>> opts;
        for (uint32_t i = 0; i < len; ++i) {
          napi_value e;
          napi_get_element(env, v, i, &e);
          napi_valuetype et;
          napi_typeof(env, e, &et);
          if (s.kind == Kind::OptTensorList && (et == napi_null || et == napi_undefined)) { opts.push_back(c10::nullopt); continue; }
          TensorBox* b = BoxOf(env, e);
          if (!b || !b->tensor.defined()) {
            *why = "Expected Tensors in " + s.camel + " but element " + std::to_string(i) + (b ? " has been disposed" : " is " + Describe(env, e));
            return false;
          }
          if (s.kind == Kind::TensorList) ts.push_back(b->tensor); else opts.push_back(b->tensor);
        }
        if (s.kind == Kind::TensorList) *out = ts; else *out = opts;
        return true;
      }
      case Kind::Unsupported: break;
    }
    *why = "Expected " + s.typeStr + " for " + s.camel + " but received " + Describe(env, v);
    return false;
  }

  // An options object: a plain object literal (prototype Object.prototype or null), as lib/bind.ts
  // decides for the JS binder; a Tensor, dtype, device or generator is a class instance.
  bool IsPlainObject(napi_value v) {
    napi_valuetype t;
    if (napi_typeof(env, v, &t) != napi_ok || t != napi_object) return false;
    bool isArray;
    napi_is_array(env, v, &isArray);
    if (isArray) return false;
    napi_value proto, objectPrototype;
    if (napi_get_prototype(env, v, &proto) != napi_ok) return false;
    napi_valuetype pt;
    napi_typeof(env, proto, &pt);
    if (pt == napi_null) return true;
    napi_get_reference_value(env, Data(env).objectPrototype, &objectPrototype);
    bool same = false;
    napi_strict_equals(env, proto, objectPrototype, &same);
    return same;
  }

  // Fills `stack` for overload `o` from positional args P[0..m) and the keywords read.
  bool Bind(const Overload& o, napi_value* P, size_t m, torch::jit::Stack* stack) {
    stack->clear();
    size_t pi = 0, kwUsed = 0;
    std::string why;
    auto fail = [&](size_t score) {
      if (score >= bestScore || failure.empty()) { bestScore = score; failure = why; }
      return false;
    };
    for (size_t i = 0; i < o.args.size(); ++i) {
      const ArgSpec& s = o.args[i];
      napi_value v = nullptr;
      if (!s.kwOnly && pi < m) {
        // Python's varargs form: x.view(-1, 512), torch.zeros(2, 3). A lone int for an int[N]
        // stands for N copies instead (kernel_size=3), as in PyTorch.
        double first;
        if (s.kind == Kind::IntList && i == o.lastPositional &&
            (m - pi > 1 || (s.fixedLen == 0 && IsNumber(P[pi], &first)))) {
          std::vector<int64_t> xs;
          for (; pi < m; ++pi) {
            int64_t one;
            if (!ToInt(P[pi], &one)) { why = "Expected integers for " + s.camel + " but received " + Describe(env, P[pi]); return fail(i); }
            xs.push_back(one);
          }
          stack->emplace_back(xs);
          continue;
        }
        v = P[pi++];
      } else if (!keywords.empty()) {
        const Keyword* k = FindKeyword(s.camel);
        if (!k && s.camel != s.name && s.name != "self") k = FindKeyword(s.name);
        if (!k) k = FindNumpyName(s.camel);
        if (k) {
          v = k->value;
          ++kwUsed;
        }
      }
      napi_valuetype t = napi_undefined;
      if (v) napi_typeof(env, v, &t);
      if (!v || t == napi_undefined) {
        if (s.defaultValue) stack->push_back(*s.defaultValue);
        else if (s.optional) stack->emplace_back();
        else { why = "Missing required argument " + s.camel + " (" + s.typeStr + ")"; return fail(i); }
        continue;
      }
      c10::IValue iv;
      if (!Convert(s, v, &iv, &why)) return fail(i + 1);
      stack->push_back(std::move(iv));
    }
    if (pi < m) {
      why = "Takes " + std::to_string(pi) + " positional arguments but " + std::to_string(m) + " were given";
      return fail(0);  // an arity mismatch explains less than a wrong value in a longer overload
    }
    if (kwUsed != keywords.size()) {
      why = "Unexpected option in ";
      for (size_t i = 0; i < keywords.size(); ++i) why += (i ? ", " : "{ ") + keywords[i].name;
      why += " }; this overload takes ";
      bool any = false;
      for (auto& s : o.args) if (s.kwOnly || &s - &o.args[0] >= static_cast<long>(pi)) { why += (any ? ", " : "") + s.camel; any = true; }
      if (!any) why += "no options";
      return fail(o.args.size());
    }
    return true;
  }
};

static napi_value ToJs(napi_env env, const c10::IValue& v) {
  napi_value out;
  if (v.isTensor()) return WrapTensor(env, v.toTensor());
  if (v.isNone()) { napi_get_null(env, &out); return out; }
  if (v.isInt()) { napi_create_double(env, static_cast<double>(v.toInt()), &out); return out; }
  if (v.isDouble()) { napi_create_double(env, v.toDouble(), &out); return out; }
  if (v.isBool()) { napi_get_boolean(env, v.toBool(), &out); return out; }
  if (v.isString()) {
    const auto& s = v.toStringRef();
    napi_create_string_utf8(env, s.c_str(), s.size(), &out);
    return out;
  }
  if (v.isDevice()) {
    std::string s = v.toDevice().str();
    napi_create_string_utf8(env, s.c_str(), s.size(), &out);
    return out;
  }
  if (v.isTuple()) {
    const auto& els = v.toTupleRef().elements();
    napi_create_array_with_length(env, els.size(), &out);
    for (size_t i = 0; i < els.size(); ++i) napi_set_element(env, out, i, ToJs(env, els[i]));
    return out;
  }
  if (v.isList()) {
    auto list = v.toListRef();
    napi_create_array_with_length(env, list.size(), &out);
    for (size_t i = 0; i < list.size(); ++i) napi_set_element(env, out, i, ToJs(env, list[i]));
    return out;
  }
  if (v.isScalar()) {
    napi_create_double(env, v.toScalar().toDouble(), &out);
    return out;
  }
  throw std::runtime_error("cannot return a value of type " + v.tagKind() + " to JavaScript");
}

// op(groupId, ...args[, options]) -> result
static napi_value CallOp(napi_env env, napi_callback_info info) {
  constexpr size_t kMax = 24;
  size_t argc = kMax;
  napi_value inlineArgs[kMax];
  napi_get_cb_info(env, info, &argc, inlineArgs, nullptr, nullptr);
  // argc is now the number JS passed, which may exceed the buffer (x.view(...64 sizes)): then fetch all
  std::vector<napi_value> manyArgs;
  napi_value* argv = inlineArgs;
  if (argc > kMax) {
    manyArgs.resize(argc);
    napi_get_cb_info(env, info, &argc, manyArgs.data(), nullptr, nullptr);
    argv = manyArgs.data();
  }
  if (argc == 0) {
    napi_throw_error(env, nullptr, "op called without an op id");
    return nullptr;
  }
  uint32_t id = 0;
  napi_get_value_uint32(env, argv[0], &id);
  auto& groups = Groups(env);
  if (id >= groups.size()) {
    napi_throw_error(env, nullptr, "unknown op id");
    return nullptr;
  }
  const OpGroup& g = groups[id];
  const Overload* current = nullptr;
  return Guard(env, g.name.c_str(), [&]() -> napi_value {
    if (g.overloads.empty()) throw std::runtime_error("torch." + g.name + " is not available in libtorch " TORCH_VERSION);
    napi_value* P = argv + 1;
    size_t m = argc - 1;
    while (m > 0) {  // trailing undefineds are absent arguments
      napi_valuetype t;
      napi_typeof(env, P[m - 1], &t);
      if (t != napi_undefined) break;
      --m;
    }
    Binder b{env, g.numbersAsTensors};
    if (m > 0 && b.IsPlainObject(P[m - 1])) b.ReadKeywords(P[--m]);
    torch::jit::Stack stack;
    stack.reserve(8);
    try {
      for (const Overload& o : g.overloads) {
        if (b.Bind(o, P, m, &stack)) { current = &o; break; }
      }
    } catch (const ArgError& e) {
      throw ArgError(g.name + "(): " + e.what());
    }
    if (!current) {
      std::string msg = g.name + "(): " + b.failure;
      if (g.overloads.size() > 1) {
        msg += ". Valid signatures:";
        for (const Overload& o : g.overloads) {
          msg += "\n  (";
          for (size_t i = 0; i < o.args.size(); ++i) {
            if (i) msg += ", ";
            if (o.args[i].kwOnly && (i == 0 || !o.args[i - 1].kwOnly)) msg += "{ ";
            msg += o.args[i].camel + ": " + o.args[i].typeStr;
          }
          if (!o.args.empty() && o.args.back().kwOnly) msg += " }";
          msg += ")";
        }
      }
      throw ArgError(msg);
    }
    try {
      if (g.check) g.check(stack);
      current->op->callBoxed(&stack);
    } catch (...) {
      ThrowFromCpp(env, current->fullName.c_str());
      return nullptr;
    }
    if (current->writesSelf || stack.empty()) return nullptr;
    if (stack.size() == 1) return ToJs(env, stack[0]);
    napi_value arr;
    napi_create_array_with_length(env, stack.size(), &arr);
    for (size_t i = 0; i < stack.size(); ++i) napi_set_element(env, arr, i, ToJs(env, stack[i]));
    return arr;
  });
}

void InitOpCall(Napi::Env env, Napi::Object exports) {
  napi_property_descriptor props[] = {
      {"defineOps", nullptr, DefineOps, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"op", nullptr, CallOp, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, 2, props);
}

}  // namespace tn
