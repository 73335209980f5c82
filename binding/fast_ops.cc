// Unboxed fast paths for the hottest ops (scripts/fast-ops.txt, as binding/fast_ops.inc): a call
// whose arguments are exactly live tensor handles (or integers) goes straight to the op's C++ API,
// skipping the generic path's schema matching, IValue stack and boxed dispatch. Anything else
// (keywords, numbers, a disposed tensor, out=) returns undefined and the JS wrapper takes the
// generic path, so its errors and coercions stay the only ones. Errors of the op itself name the
// schema the generic path would have picked.
#include "common.h"

namespace tn {

namespace {

at::Tensor* Live(napi_env env, napi_value v) {
  auto* box = static_cast<TensorBox*>(HandleData(env, v, HandleKind::Tensor));
  return box && box->tensor.defined() ? &box->tensor : nullptr;
}

using Unary = at::Tensor (*)(const at::Tensor&);
using Binary = at::Tensor (*)(const at::Tensor&, const at::Tensor&);
using Ints = at::Tensor (*)(const at::Tensor&, at::IntArrayRef);
using Dim = at::Tensor (*)(const at::Tensor&, int64_t);
using Inplace = void (*)(at::Tensor&, const at::Tensor&, const at::Scalar& alpha);

struct FastOp {
  const char* name;
  const char* schema;
  Unary unary = nullptr;
  Binary binary = nullptr;
  Ints ints = nullptr;
  Inplace inplace = nullptr;
  Dim dim = nullptr;
  bool takesAlpha = false;  // x.add_(y, { alpha }) and x.sub_(y, { alpha })
};

const FastOp kFastOps[] = {
#define FAST_UNARY(N, S) {#N, S, [](const at::Tensor& a) { return a.N(); }, nullptr, nullptr, nullptr},
#define FAST_BINARY(N, S) {#N, S, nullptr, [](const at::Tensor& a, const at::Tensor& b) { return a.N(b); }, nullptr, nullptr},
#define FAST_INTS(N, S) {#N, S, nullptr, nullptr, [](const at::Tensor& a, at::IntArrayRef s) { return a.N(s); }, nullptr},
#define FAST_INPLACE(N, S) {#N, S, nullptr, nullptr, nullptr, [](at::Tensor& a, const at::Tensor& b, const at::Scalar&) { a.N(b); }},
#define FAST_INPLACE_ALPHA(N, S) \
  {#N, S, nullptr, nullptr, nullptr, [](at::Tensor& a, const at::Tensor& b, const at::Scalar& alpha) { a.N(b, alpha); }, nullptr, true},
#define FAST_DIM(N, S) {#N, S, nullptr, nullptr, nullptr, nullptr, [](const at::Tensor& a, int64_t d) { return a.N(d); }},
#include "fast_ops.inc"
#undef FAST_UNARY
#undef FAST_BINARY
#undef FAST_INTS
#undef FAST_INPLACE
#undef FAST_INPLACE_ALPHA
#undef FAST_DIM
};

// An integer-valued JS number that fits int64 exactly; anything else leaves the call to the binder.
bool IntValue(napi_env env, napi_value v, int64_t* out) {
  double d;
  if (napi_get_value_double(env, v, &d) != napi_ok) return false;  // not a number
  if (!(d >= -9007199254740991.0 && d <= 9007199254740991.0) || d != static_cast<double>(static_cast<int64_t>(d))) return false;
  *out = static_cast<int64_t>(d);
  return true;
}

// Reads up to N arguments and the function's data; returns how many arguments JS passed, or 0 for
// more than N (a call no fast path takes).
template <size_t N>
size_t ReadArgs(napi_env env, napi_callback_info info, napi_value (&argv)[N], void** data) {
  size_t argc = N;
  napi_get_cb_info(env, info, &argc, argv, nullptr, data);
  return argc <= N ? argc : 0;
}

// argv[from, argc) as integers into out, at least one; nonNegative for sizes that are counts (view's
// sizes may be -1). False: the call is left to the binder.
bool ReadInts(napi_env env, const napi_value* argv, size_t from, size_t argc, int64_t* out, bool nonNegative) {
  if (argc <= from) return false;
  for (size_t i = from; i < argc; ++i)
    if (!IntValue(env, argv[i], &out[i - from]) || (nonNegative && out[i - from] < 0)) return false;
  return true;
}

napi_value Call(napi_env env, napi_callback_info info) {
  constexpr size_t kMax = 9;
  napi_value argv[kMax];
  void* data = nullptr;
  const size_t argc = ReadArgs(env, info, argv, &data);
  const FastOp& op = *static_cast<const FastOp*>(data);
  if (argc == 0) return nullptr;
  at::Tensor* self = Live(env, argv[0]);
  if (!self) return nullptr;
  if (op.unary) {
    if (argc != 1) return nullptr;
    return Guard(env, op.schema, [&] { return WrapTensor(env, op.unary(*self)); });
  }
  if (op.inplace) {
    // true: done (the JS side returns the tensor itself)
    at::Tensor* other = argc == 2 || (argc == 3 && op.takesAlpha) ? Live(env, argv[1]) : nullptr;
    if (!other) return nullptr;
    at::Scalar alpha(int64_t{1});
    if (argc == 3) {
      // an integral alpha is an int Scalar, as the binder makes it (integer tensors refuse a float alpha)
      int64_t i;
      double d;
      if (IntValue(env, argv[2], &i)) alpha = at::Scalar(i);
      else if (napi_get_value_double(env, argv[2], &d) == napi_ok) alpha = at::Scalar(d);
      else return nullptr;
    }
    return Guard(env, op.schema, [&]() -> napi_value {
      op.inplace(*self, *other, alpha);
      napi_value done;
      napi_get_boolean(env, true, &done);
      return done;
    });
  }
  if (op.binary) {
    at::Tensor* other = argc == 2 ? Live(env, argv[1]) : nullptr;
    if (!other) return nullptr;
    return Guard(env, op.schema, [&] { return WrapTensor(env, op.binary(*self, *other)); });
  }
  if (op.dim) {
    int64_t d;
    if (argc != 2 || !IntValue(env, argv[1], &d)) return nullptr;
    return Guard(env, op.schema, [&] { return WrapTensor(env, op.dim(*self, d)); });
  }
  int64_t sizes[kMax - 1];
  if (!ReadInts(env, argv, 1, argc, sizes, false)) return nullptr;
  return Guard(env, op.schema, [&] { return WrapTensor(env, op.ints(*self, at::IntArrayRef(sizes, argc - 1))); });
}

// Python's x[i] for an integer i: a select on dim 0. Out-of-range indices and 0-d tensors go to the
// generic indexing path, which words the error as Python does.
napi_value Select(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  at::Tensor* self = argc == 2 ? Live(env, argv[0]) : nullptr;
  int64_t i;
  if (!self || !IntValue(env, argv[1], &i) || self->dim() == 0) return nullptr;
  const int64_t n = self->size(0);
  if (i < -n || i >= n) return nullptr;
  return Guard(env, "aten::select.int", [&] { return WrapTensor(env, self->select(0, i)); });
}

// F.linear(input, weight[, bias]): the layer every MLP and RNN cell calls.
napi_value Linear(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < 2) return nullptr;
  at::Tensor* input = Live(env, argv[0]);
  at::Tensor* weight = input ? Live(env, argv[1]) : nullptr;
  if (!weight) return nullptr;
  at::Tensor* bias = nullptr;
  if (argc == 3) {
    napi_valuetype t;
    napi_typeof(env, argv[2], &t);
    if (t != napi_undefined && t != napi_null && !(bias = Live(env, argv[2]))) return nullptr;
  }
  return Guard(env, "aten::linear", [&] {
    return WrapTensor(env, bias ? at::linear(*input, *weight, *bias) : at::linear(*input, *weight));
  });
}

// torch.zeros(2, 3) and the other size-only factories with every option at its default: the sizes as
// separate non-negative integers, checked here (a list, any option, or anything else is declined and
// takes the binder's path, whose errors are Python's).
struct Factory {
  const char* name;
  const char* schema;
  at::Tensor (*make)(at::IntArrayRef);
};
const Factory kFactories[] = {
    {"zeros", "aten::zeros", [](at::IntArrayRef s) { return at::zeros(s); }},
    {"ones", "aten::ones", [](at::IntArrayRef s) { return at::ones(s); }},
    {"empty", "aten::empty.memory_format", [](at::IntArrayRef s) { return at::empty(s); }},
    {"rand", "aten::rand", [](at::IntArrayRef s) { return at::rand(s); }},
    {"randn", "aten::randn", [](at::IntArrayRef s) { return at::randn(s); }},
};

napi_value MakeFactory(napi_env env, napi_callback_info info) {
  constexpr size_t kMax = 8;
  napi_value argv[kMax];
  void* data = nullptr;
  const size_t argc = ReadArgs(env, info, argv, &data);
  const auto& f = *static_cast<const Factory*>(data);
  int64_t sizes[kMax];
  if (!ReadInts(env, argv, 0, argc, sizes, true)) return nullptr;
  return Guard(env, f.schema, [&] { return WrapTensor(env, f.make(at::IntArrayRef(sizes, argc))); });
}

}  // namespace

void InitFastOps(Napi::Env env, Napi::Object exports) {
  napi_value fast;
  napi_create_object(env, &fast);
  for (const FastOp& op : kFastOps) {
    napi_value fn;
    napi_create_function(env, op.name, NAPI_AUTO_LENGTH, Call, const_cast<FastOp*>(&op), &fn);
    napi_set_named_property(env, fast, op.name, fn);
  }
  napi_value fn;
  napi_create_function(env, "select", NAPI_AUTO_LENGTH, Select, nullptr, &fn);
  napi_set_named_property(env, fast, "select", fn);
  napi_create_function(env, "linear", NAPI_AUTO_LENGTH, Linear, nullptr, &fn);
  napi_set_named_property(env, fast, "linear", fn);
  napi_value factories;
  napi_create_object(env, &factories);
  for (const Factory& f : kFactories) {
    napi_create_function(env, f.name, NAPI_AUTO_LENGTH, MakeFactory, const_cast<Factory*>(&f), &fn);
    napi_set_named_property(env, factories, f.name, fn);
  }
  napi_set_named_property(env, fast, "factories", factories);
  exports.Set("fast", Napi::Value(env, fast));
}

}  // namespace tn
