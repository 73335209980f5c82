// Unboxed fast paths for the hottest ops (scripts/fast-ops.txt, as binding/fast_ops.inc): a call
// whose arguments are exactly live tensor handles (or integers) goes straight to the op's C++ API,
// skipping the generic path's schema matching, IValue stack and boxed dispatch. Anything else
// (keywords, numbers, a disposed tensor, out=) returns undefined and the JS wrapper takes the
// generic path, so its errors and coercions stay the only ones. Errors of the op itself name the
// schema the generic path would have picked.
#include "common.h"

#include <mutex>
#include <optional>
#include <string>

namespace tn {

namespace {

at::Tensor* Live(napi_env env, napi_value v) {
  auto* box = static_cast<TensorBox*>(HandleData(env, v, HandleKind::Tensor));
  return box && box->tensor.defined() ? &box->tensor : nullptr;
}

using Unary = at::Tensor (*)(const at::Tensor&);
using Binary = at::Tensor (*)(const at::Tensor&, const at::Tensor&);
using WithScalar = at::Tensor (*)(const at::Tensor&, const at::Scalar&);
using Ints = at::Tensor (*)(const at::Tensor&, at::IntArrayRef);
using Dim = at::Tensor (*)(const at::Tensor&, int64_t);
using Inplace = void (*)(at::Tensor&, const at::Tensor&, const at::Scalar& alpha);
using Tensors = at::Tensor (*)(at::TensorList, int64_t);
using DimPair = std::tuple<at::Tensor, at::Tensor> (*)(const at::Tensor&, int64_t);

// One entry of scripts/fast-ops.txt: its kind is the one entry point set.
struct FastOp {
  const char* name;
  const char* schema;
  Unary unary = nullptr;
  Binary binary = nullptr;
  Ints ints = nullptr;
  Inplace inplace = nullptr;
  Dim dim = nullptr;
  Tensors tensors = nullptr;
  DimPair dimPair = nullptr;  // x.max(1): the named tuple's two tensors
  WithScalar tensorScalar = nullptr;  // F.leaky_relu(x, 0.2): a number for the op's one Scalar
  bool takesAlpha = false;  // x.add_(y, { alpha }) and x.sub_(y, { alpha })
  // a number as a binary op's other operand: Python's wrapped-number tensor (x.mul(2)), or the
  // Scalar overload Python picks (x.eq(0)), named scalarSchema
  bool wrapsNumber = false;
  WithScalar scalar = nullptr;
  const char* scalarSchema = nullptr;
  bool freshResults = false;  // set by InitFastOps from libtorch's schemas: see BelowAutogradIf
};

template <typename F>
FastOp Entry(const char* name, const char* schema, F FastOp::*slot, F f) {
  FastOp op{name, schema};
  op.*slot = f;
  return op;
}
FastOp WithAlpha(FastOp op) {
  op.takesAlpha = true;
  return op;
}
FastOp WrapsNumber(FastOp op) {
  op.wrapsNumber = true;
  return op;
}
FastOp WithScalarOverload(FastOp op, const char* schema, WithScalar f) {
  op.scalar = f;
  op.scalarSchema = schema;
  return op;
}

// scripts/fast-ops.txt as binding/fast_ops.inc: FAST(KIND, name, schema), FAST_WRAPPED(...) for
// the ops that take a number as a wrapped-number tensor, FAST_SCALAR(..., scalar schema) for those
// with a Scalar overload.
#define UNARY_ENTRY(N, S) Entry<Unary>(#N, S, &FastOp::unary, [](const at::Tensor& a) { return a.N(); })
#define BINARY_ENTRY(N, S) Entry<Binary>(#N, S, &FastOp::binary, [](const at::Tensor& a, const at::Tensor& b) { return a.N(b); })
#define INTS_ENTRY(N, S) Entry<Ints>(#N, S, &FastOp::ints, [](const at::Tensor& a, at::IntArrayRef s) { return a.N(s); })
#define INPLACE_ENTRY(N, S) Entry<Inplace>(#N, S, &FastOp::inplace, [](at::Tensor& a, const at::Tensor& b, const at::Scalar&) { a.N(b); })
#define INPLACE_ALPHA_ENTRY(N, S) \
  WithAlpha(Entry<Inplace>(#N, S, &FastOp::inplace, [](at::Tensor& a, const at::Tensor& b, const at::Scalar& alpha) { a.N(b, alpha); }))
#define DIM_ENTRY(N, S) Entry<Dim>(#N, S, &FastOp::dim, [](const at::Tensor& a, int64_t d) { return a.N(d); })
#define DIM_PAIR_ENTRY(N, S) Entry<DimPair>(#N, S, &FastOp::dimPair, [](const at::Tensor& a, int64_t d) { return a.N(d); })
#define TENSORS_ENTRY(N, S) Entry<Tensors>(#N, S, &FastOp::tensors, [](at::TensorList ts, int64_t d) { return at::N(ts, d); })
#define SCALAR_ENTRY(N, S) Entry<WithScalar>(#N, S, &FastOp::tensorScalar, [](const at::Tensor& a, const at::Scalar& s) { return at::N(a, s); })
#define FAST(KIND, N, S) KIND##_ENTRY(N, S),
#define FAST_WRAPPED(KIND, N, S) WrapsNumber(KIND##_ENTRY(N, S)),
#define FAST_SCALAR(KIND, N, S, SS) WithScalarOverload(KIND##_ENTRY(N, S), SS, [](const at::Tensor& a, const at::Scalar& b) { return a.N(b); }),
FastOp kFastOps[] = {
#include "fast_ops.inc"
};
#undef FAST
#undef FAST_WRAPPED
#undef FAST_SCALAR
#undef UNARY_ENTRY
#undef BINARY_ENTRY
#undef INTS_ENTRY
#undef INPLACE_ENTRY
#undef INPLACE_ALPHA_ENTRY
#undef DIM_ENTRY
#undef DIM_PAIR_ENTRY
#undef TENSORS_ENTRY
#undef SCALAR_ENTRY

// Whether an op writes to none of its arguments and returns none of them or a view of one, read from
// its schema's alias annotations (and, with a Scalar overload, that one's too).
bool MakesFreshResults(const char* qualifiedName) {
  const std::string name(qualifiedName);
  const size_t dot = name.find('.');
  const auto op = c10::Dispatcher::singleton().findSchema(
      {name.substr(0, dot), dot == std::string::npos ? std::string() : name.substr(dot + 1)});
  if (!op || op->schema().is_mutable()) return false;
  for (const c10::Argument& r : op->schema().returns())
    if (r.alias_info()) return false;
  return true;
}

bool NoAutogradRecord(const at::Tensor* t) { return !t || !t->unsafeGetTensorImpl()->autograd_meta(); }

// An op that makes fresh results from inputs none of which has an autograd record (so none requires
// grad or carries a forward-mode tangent) leaves autograd nothing to record: it runs below the
// autograd layers, as autograd's own kernels run the ops they wrap. In-place ops and views stay
// above them: autograd's layer bumps an in-place op's version counter (which a graph that saved the
// tensor checks) and gives a view its base's.
struct BelowAutogradIf {
  explicit BelowAutogradIf(bool below) {
    if (below) guard.emplace();
  }
  std::optional<at::AutoDispatchBelowADInplaceOrView> guard;
};

// An integer-valued JS number that fits int64 exactly; anything else leaves the call to the binder.
bool IntValue(napi_env env, napi_value v, int64_t* out) {
  double d;
  if (napi_get_value_double(env, v, &d) != napi_ok) return false;  // not a number
  if (!(d >= -9007199254740991.0 && d <= 9007199254740991.0) || d != static_cast<double>(static_cast<int64_t>(d))) return false;
  *out = static_cast<int64_t>(d);
  return true;
}

// A JS number as the Scalar the binder makes of it (binding/op_call.cc ToScalar): integral values an
// int, as Python's ints are; false for anything but a number.
bool NumberValue(napi_env env, napi_value v, at::Scalar* out) {
  int64_t i;
  double d;
  if (IntValue(env, v, &i)) *out = at::Scalar(i);
  else if (napi_get_value_double(env, v, &d) == napi_ok) *out = at::Scalar(d);
  else return false;
  return true;
}

// The tensor Python's binding makes of a number passed for a Tensor argument of add, sub, mul and
// div (binding/op_call.cc does the same): type promotion treats it as a Scalar.
at::Tensor WrappedNumber(const at::Scalar& number) {
  at::Tensor wrapped = at::scalar_to_tensor(number);
  wrapped.unsafeGetTensorImpl()->set_wrapped_number(true);
  return wrapped;
}

// f(tensor, integer): a live tensor and an integer; false: the call is declined.
bool TensorAndInt(napi_env env, napi_callback_info info, at::Tensor*& self, int64_t& i) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  self = argc == 2 ? Live(env, argv[0]) : nullptr;
  return self && IntValue(env, argv[1], &i);
}

// A DType's _enum (lib/types.ts), which is libtorch's ScalarType.
bool IsDtype(int64_t e) { return e >= 0 && e < static_cast<int64_t>(at::ScalarType::NumOptions); }

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

// torch.cat([a, b], 1): the dim first, then the tensors' handles, one to eight of them, as separate
// arguments (lib/fast-ops.ts spreads the list, which costs less than reading a JS array here).
napi_value CallTensors(napi_env env, const FastOp& op, const napi_value* argv, size_t argc) {
  int64_t dim;
  if (argc < 2 || !IntValue(env, argv[0], &dim)) return nullptr;
  at::Tensor tensors[8];
  bool noRecord = op.freshResults;
  for (size_t i = 1; i < argc; ++i) {
    at::Tensor* t = Live(env, argv[i]);
    if (!t) return nullptr;
    tensors[i - 1] = *t;
    noRecord = noRecord && NoAutogradRecord(t);
  }
  BelowAutogradIf below(noRecord);
  return Guard(env, op.schema, [&] { return WrapTensor(env, op.tensors(at::TensorList(tensors, argc - 1), dim)); });
}

napi_value Call(napi_env env, napi_callback_info info) {
  constexpr size_t kMax = 9;
  napi_value argv[kMax];
  void* data = nullptr;
  const size_t argc = ReadArgs(env, info, argv, &data);
  const FastOp& op = *static_cast<const FastOp*>(data);
  if (argc == 0) return nullptr;
  if (op.tensors) return CallTensors(env, op, argv, argc);
  at::Tensor* self = Live(env, argv[0]);
  if (!self) return nullptr;
  const bool freshFromNoRecord = op.freshResults && NoAutogradRecord(self);
  if (op.unary) {
    if (argc != 1) return nullptr;
    BelowAutogradIf below(freshFromNoRecord);
    return Guard(env, op.schema, [&] { return WrapTensor(env, op.unary(*self)); });
  }
  if (op.tensorScalar) {
    at::Scalar number;
    if (argc != 2 || !NumberValue(env, argv[1], &number)) return nullptr;
    BelowAutogradIf below(freshFromNoRecord);
    return Guard(env, op.schema, [&] { return WrapTensor(env, op.tensorScalar(*self, number)); });
  }
  if (op.inplace) {
    // true: done (the JS side returns the tensor itself)
    if (argc != 2 && !(argc == 3 && op.takesAlpha)) return nullptr;
    at::Tensor* other = Live(env, argv[1]);
    at::Scalar number;
    if (!other && !(op.wrapsNumber && NumberValue(env, argv[1], &number))) return nullptr;
    at::Scalar alpha(int64_t{1});
    // an integral alpha is an int Scalar, as the binder makes it (integer tensors refuse a float alpha)
    if (argc == 3 && !NumberValue(env, argv[2], &alpha)) return nullptr;
    return Guard(env, op.schema, [&]() -> napi_value {
      if (other) op.inplace(*self, *other, alpha);
      else op.inplace(*self, WrappedNumber(number), alpha);
      napi_value done;
      napi_get_boolean(env, true, &done);
      return done;
    });
  }
  if (op.binary) {
    if (argc != 2) return nullptr;
    if (at::Tensor* other = Live(env, argv[1])) {
      BelowAutogradIf below(freshFromNoRecord && NoAutogradRecord(other));
      return Guard(env, op.schema, [&] { return WrapTensor(env, op.binary(*self, *other)); });
    }
    at::Scalar number;
    if (!(op.wrapsNumber || op.scalar) || !NumberValue(env, argv[1], &number)) return nullptr;
    BelowAutogradIf below(freshFromNoRecord);
    if (op.scalar) return Guard(env, op.scalarSchema, [&] { return WrapTensor(env, op.scalar(*self, number)); });
    return Guard(env, op.schema, [&] { return WrapTensor(env, op.binary(*self, WrappedNumber(number))); });
  }
  if (op.dim) {
    int64_t d;
    if (argc != 2 || !IntValue(env, argv[1], &d)) return nullptr;
    BelowAutogradIf below(freshFromNoRecord);
    return Guard(env, op.schema, [&] { return WrapTensor(env, op.dim(*self, d)); });
  }
  if (op.dimPair) {
    // (x, dim, pair): the two handles written into the JS side's two-element array, which makes the
    // named tuple of them. Storing into an array that already has both elements is a plain element
    // store; a new array from here (napi_create_array) takes V8's slow element-adding path twice.
    int64_t d;
    bool isArray = false;
    if (argc != 3 || !IntValue(env, argv[1], &d) || napi_is_array(env, argv[2], &isArray) != napi_ok || !isArray) return nullptr;
    BelowAutogradIf below(freshFromNoRecord);
    return Guard(env, op.schema, [&] {
      auto [first, second] = op.dimPair(*self, d);
      napi_set_element(env, argv[2], 0, WrapTensor(env, std::move(first)));
      napi_set_element(env, argv[2], 1, WrapTensor(env, std::move(second)));
      return argv[2];
    });
  }
  int64_t sizes[kMax - 1];
  if (!ReadInts(env, argv, 1, argc, sizes, false)) return nullptr;
  BelowAutogradIf below(freshFromNoRecord);
  return Guard(env, op.schema, [&] { return WrapTensor(env, op.ints(*self, at::IntArrayRef(sizes, argc - 1))); });
}

// Python's x[i] for an integer i: a select on dim 0. Out-of-range indices and 0-d tensors go to the
// generic indexing path, which words the error as Python does.
napi_value Select(napi_env env, napi_callback_info info) {
  at::Tensor* self;
  int64_t i;
  if (!TensorAndInt(env, info, self, i) || self->dim() == 0) return nullptr;
  const int64_t n = self->size(0);
  if (i < -n || i >= n) return nullptr;
  return Guard(env, "aten::select.int", [&] { return WrapTensor(env, self->select(0, i)); });
}

// x.to(dtype), and so x.float(), x.long() and the other casts: a live tensor and a dtype's enum.
// Returns true when libtorch returns the tensor itself (it already has that dtype).
napi_value ToDtype(napi_env env, napi_callback_info info) {
  at::Tensor* self;
  int64_t e;
  if (!TensorAndInt(env, info, self, e) || !IsDtype(e)) return nullptr;
  return Guard(env, "aten::to.dtype", [&]() -> napi_value {
    at::Tensor result = self->to(static_cast<at::ScalarType>(e));
    if (!result.is_same(*self)) return WrapTensor(env, std::move(result));
    napi_value same;  // already of that dtype: true, and JS returns the tensor itself, as PyTorch does
    napi_get_boolean(env, true, &same);
    return same;
  });
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
  // (above autograd, the transposed weight linear makes inside gets a view record on every call)
  BelowAutogradIf below(NoAutogradRecord(input) && NoAutogradRecord(weight) && NoAutogradRecord(bias));
  return Guard(env, "aten::linear", [&] {
    return WrapTensor(env, bias ? at::linear(*input, *weight, *bias) : at::linear(*input, *weight));
  });
}

// torch.zeros(2, 3) and the other size-only factories with every option at its default, or with a
// dtype only (torch.zeros(2, 3, { dtype })): the sizes as separate non-negative integers, checked
// here (a list, any other option, or anything else is declined and takes the binder's path, whose
// errors are Python's).
struct Factory {
  const char* name;
  const char* schema;
  at::Tensor (*make)(at::IntArrayRef, at::TensorOptions);
};
const Factory kFactories[] = {
    {"zeros", "aten::zeros", [](at::IntArrayRef s, at::TensorOptions o) { return at::zeros(s, o); }},
    {"ones", "aten::ones", [](at::IntArrayRef s, at::TensorOptions o) { return at::ones(s, o); }},
    {"empty", "aten::empty.memory_format", [](at::IntArrayRef s, at::TensorOptions o) { return at::empty(s, o); }},
    {"rand", "aten::rand", [](at::IntArrayRef s, at::TensorOptions o) { return at::rand(s, o); }},
    {"randn", "aten::randn", [](at::IntArrayRef s, at::TensorOptions o) { return at::randn(s, o); }},
};

// f(...sizes), or with typed, f(dtype enum, ...sizes)
template <bool typed>
napi_value MakeFactory(napi_env env, napi_callback_info info) {
  constexpr size_t kMax = 9;
  napi_value argv[kMax];
  void* data = nullptr;
  const size_t argc = ReadArgs(env, info, argv, &data);
  const auto& f = *static_cast<const Factory*>(data);
  at::TensorOptions options;
  if (typed) {
    int64_t e;
    if (argc == 0 || !IntValue(env, argv[0], &e) || !IsDtype(e)) return nullptr;
    options = options.dtype(static_cast<at::ScalarType>(e));
  }
  constexpr size_t from = typed ? 1 : 0;
  int64_t sizes[kMax];
  if (argc > (typed ? kMax : kMax - 1) || !ReadInts(env, argv, from, argc, sizes, true)) return nullptr;
  return Guard(env, f.schema, [&] { return WrapTensor(env, f.make(at::IntArrayRef(sizes, argc - from), options)); });
}

}  // namespace

void InitFastOps(Napi::Env env, Napi::Object exports) {
  static std::once_flag schemasRead;  // every Node environment (main and workers) shares kFastOps
  std::call_once(schemasRead, [] {
    for (FastOp& op : kFastOps) op.freshResults = MakesFreshResults(op.schema) && (!op.scalarSchema || MakesFreshResults(op.scalarSchema));
  });
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
  napi_create_function(env, "toDtype", NAPI_AUTO_LENGTH, ToDtype, nullptr, &fn);
  napi_set_named_property(env, fast, "toDtype", fn);
  napi_create_function(env, "linear", NAPI_AUTO_LENGTH, Linear, nullptr, &fn);
  napi_set_named_property(env, fast, "linear", fn);
  napi_value factories, typed;
  napi_create_object(env, &factories);
  napi_create_object(env, &typed);
  for (const Factory& f : kFactories) {
    napi_create_function(env, f.name, NAPI_AUTO_LENGTH, MakeFactory<false>, const_cast<Factory*>(&f), &fn);
    napi_set_named_property(env, factories, f.name, fn);
    napi_create_function(env, f.name, NAPI_AUTO_LENGTH, MakeFactory<true>, const_cast<Factory*>(&f), &fn);
    napi_set_named_property(env, typed, f.name, fn);
  }
  napi_set_named_property(env, fast, "factories", factories);
  napi_set_named_property(env, fast, "typedFactories", typed);
  exports.Set("fast", Napi::Value(env, fast));
}

}  // namespace tn
