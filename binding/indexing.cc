// Python's subscript, x[0, 1:3, None, ..., mask], through libtorch's own TensorIndexing,
// so the rules (negative indices, advanced indexing, broadcasting of index tensors) are
// exactly PyTorch's.
#include "common.h"
#include "compat.h"

namespace tn {

using compat::SliceBound;

// Index spec from JS: number | null (newaxis) | true/false | "..." | Tensor |
// { start, stop, step } (a slice; missing ends are open).
static std::vector<at::indexing::TensorIndex> Indices(napi_env env, napi_value list) {
  using namespace at::indexing;
  std::vector<TensorIndex> out;
  uint32_t n = 0;
  napi_get_array_length(env, list, &n);
  for (uint32_t i = 0; i < n; ++i) {
    napi_value v;
    napi_get_element(env, list, i, &v);
    napi_valuetype t;
    napi_typeof(env, v, &t);
    std::string where = "index " + std::to_string(i);
    if (t == napi_number) {
      double d;
      napi_get_value_double(env, v, &d);
      if (std::floor(d) != d) throw ArgError("Expected an integer for " + where + " but received " + Describe(env, v));
      out.emplace_back(static_cast<int64_t>(d));
    } else if (t == napi_null) {
      out.emplace_back(None);
    } else if (t == napi_boolean) {
      bool b;
      napi_get_value_bool(env, v, &b);
      out.emplace_back(b);
    } else if (t == napi_string) {
      std::string s = Napi::Value(env, v).As<Napi::String>().Utf8Value();
      if (s != "...") throw ArgError("Expected '...' for " + where + " but received " + Describe(env, v));
      out.emplace_back(Ellipsis);
    } else if (BoxOf(env, v)) {
      out.emplace_back(TensorArg(env, v, where.c_str()));
    } else if (t == napi_object) {
      auto obj = Napi::Object(env, v);
      auto bound = [&](const char* key) -> c10::optional<SliceBound> {
        Napi::Value x = obj.Get(key);
        if (x.IsUndefined() || x.IsNull()) return c10::nullopt;
        if (!x.IsNumber()) throw ArgError(std::string("Expected an integer for ") + key + " of " + where + " but received " + Describe(env, x));
        return SliceBound(x.As<Napi::Number>().Int64Value());
      };
      out.emplace_back(Slice(bound("start"), bound("stop"), bound("step")));
    } else {
      throw ArgError("Expected an integer, slice, null, '...', boolean or Tensor for " + where + " but received " + Describe(env, v));
    }
  }
  return out;
}

static Napi::Value Index(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "index", [&]() -> napi_value {
    at::Tensor& t = TensorArg(env, info[0], "self");
    return WrapTensor(env, t.index(Indices(env, info[1])));
  });
}

static Napi::Value IndexPut(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "index_put_", [&]() -> napi_value {
    at::Tensor& t = TensorArg(env, info[0], "self");
    auto idx = Indices(env, info[1]);
    bool accumulate = false;
    if (info.Length() > 3) napi_get_value_bool(env, info[3], &accumulate);
    if (accumulate) {
      // PyTorch's index_put_(indices, values, accumulate=True): its indices are tensors, an undefined
      // one (null here) standing for a whole dimension; subscripts have no accumulating form
      c10::List<c10::optional<at::Tensor>> tensors;
      for (size_t i = 0; i < idx.size(); ++i) {
        if (idx[i].is_tensor()) tensors.push_back(idx[i].tensor());
        else if (idx[i].is_none()) tensors.push_back(c10::nullopt);
        else throw ArgError("Expected a Tensor or null for index " + std::to_string(i) + " with accumulate: true");
      }
      at::Tensor values;
      if (BoxOf(env, info[2])) values = TensorArg(env, info[2], "values");
      else if (info[2].IsBoolean()) values = at::scalar_tensor(info[2].As<Napi::Boolean>().Value(), t.options());
      else if (info[2].IsNumber()) values = at::scalar_tensor(info[2].As<Napi::Number>().DoubleValue(), t.options());
      else throw ArgError("Expected a Tensor or number for values but received " + Describe(env, info[2]));
      t.index_put_(tensors, values, true);
    } else if (BoxOf(env, info[2])) t.index_put_(idx, TensorArg(env, info[2], "values"));
    else if (info[2].IsBoolean()) t.index_put_(idx, c10::Scalar(info[2].As<Napi::Boolean>().Value()));
    else if (info[2].IsNumber()) t.index_put_(idx, c10::Scalar(info[2].As<Napi::Number>().DoubleValue()));
    else throw ArgError("Expected a Tensor or number for values but received " + Describe(env, info[2]));
    return info.Env().Undefined();
  });
}

void InitIndexing(Napi::Env env, Napi::Object exports) {
  exports.Set("index", Napi::Function::New(env, Index));
  exports.Set("indexPut", Napi::Function::New(env, IndexPut));
}

}  // namespace tn
