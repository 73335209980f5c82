// Tensor handles: the napi External a JS Tensor holds, V8 memory accounting, dispose().
#include "common.h"
#ifdef TORCH_NODE_V8_HANDLES
#include <cstring>
#pragma push_macro("NAPI_VERSION")  // node_version.h defines the runtime's own
#undef NAPI_VERSION
#include <node_version.h>
#pragma pop_macro("NAPI_VERSION")
#include <v8.h>
#include <uv.h>
#include <vector>
#endif

namespace tn {

// Bytes a wrapper reports to V8, given its storage's size. Views share their base's storage, so only
// the tensor that owns a fresh storage reports it; over-reporting would only make GC run sooner.
static int64_t OwnedBytes(const at::Tensor& t, size_t storageBytes) {
  return t.is_view() ? 0 : static_cast<int64_t>(storageBytes);
}

// External memory is reported to V8 in steps of kAccountingStep, not once per tensor: a small op's
// result would otherwise pay two V8 calls (at creation and at finalization) for a few bytes. Per
// thread, as each Node environment (main or worker) runs on its own; V8 sees at most a step less or
// more than is held.
namespace {
constexpr int64_t kAccountingStep = 256 << 10;
thread_local int64_t unreportedBytes = 0;

void ReportExternal(node_api_basic_env env, int64_t delta) {
  unreportedBytes += delta;
  if (unreportedBytes >= kAccountingStep || unreportedBytes <= -kAccountingStep) {
    // zeroed before the call: a report may start a GC, whose finalizers report their frees here
    const int64_t report = unreportedBytes;
    unreportedBytes = 0;
    int64_t ignored;
    napi_adjust_external_memory(env, report, &ignored);
  }
}
}  // namespace

// A basic finalizer: it runs inside GC (it touches no JS), so memory held by dropped
// tensors is released even while a synchronous loop never yields to the event loop.
static void FinalizeBox(node_api_basic_env env, void* data, void*) {
  auto* box = static_cast<TensorBox*>(data);
  if (box->accountedBytes) ReportExternal(env, -box->accountedBytes);
  delete box;
}

#ifdef TORCH_NODE_V8_HANDLES
// Tensor handles made with V8 directly, where the addon was built against the running Node's own
// headers (scripts/build-native.mjs; the JS side turns them on when process.versions.modules is the
// ABI they were built for, on the main thread). Node-API's External with a finalizer carries, per
// result, Node's wrapper behind the External and the finalizer's Reference: two more allocations and
// weak handles, and a link in the list of references, all freed cold in a collection's burst. A V8
// External with one weak handle has none of them, and measured, they were most of what a small op
// still cost above PyTorch (README, "Where the per-op time goes"). Worker threads keep Node-API's
// handles: Node finalizes those when a worker exits, where V8 drops weak handles without a callback.
namespace {
struct WeakTensorBox : TensorBox {
  v8::Global<v8::Value> handle;
  bool releaseLater = false;  // see CollectWeakBox
  size_t madeIndex = 0;       // its place in madeSinceCollection, if made since the last collection
};
thread_local bool v8Handles = false;

// Collected results whose release waits for the next result made (NewV8Handle), or for the event
// loop's next turn (flushCollected), whichever comes first. A collection finds its dropped results by
// the ten thousand; freed there, their TensorImpls overflow glibc's per-thread cache (7 of a size) into
// its bins at once, and the next ops take theirs back from there. Released one for each new result
// instead, the TensorImpl, box and data block freed are the ones the next op allocates, as CPython's
// immediate free gives PyTorch; measured, it takes about half of a small op's time in collections
// away (README, "Where the per-op time goes"). Only results that reach no autograd graph
// (HoldsNoGraph) and have at most kSmallBlockBytes of storage wait: nothing large is held longer, and
// no graph (whose saved tensors a small loss can hold) outlives its collection. Their count is at most one collection's finds, and it
// only shrinks until the next collection.
thread_local std::vector<WeakTensorBox*> collected;
// sent when the queue stops being empty; libuv runs the callback once for any number of sends before it
thread_local uv_async_t* flushCollected = nullptr;

void ReleaseCollected(WeakTensorBox* box) {
  unreportedBytes -= box->accountedBytes;
  delete box;
}

void FlushCollected(uv_async_t*) {
  for (WeakTensorBox* box : collected) ReleaseCollected(box);
  collected.clear();
}

// napi_value and v8::Local<v8::Value> are the same word in Node (js_native_api_v8.h converts one into
// the other by reinterpreting it)
napi_value ToNapi(v8::Local<v8::Value> local) {
  napi_value v;
  static_assert(sizeof v == sizeof local);
  std::memcpy(static_cast<void*>(&v), &local, sizeof v);
  return v;
}
v8::Local<v8::Value> ToLocal(napi_value v) {
  v8::Local<v8::Value> local;
  std::memcpy(static_cast<void*>(&local), &v, sizeof v);
  return local;
}

// The results made since the last collection, in the order they were made. A weak callback's own
// cost is mostly the stall on its box, which is cold by then. V8 calls a collection's callbacks in
// about the order the results were made: a scavenge walks its young handles in that order, a full
// collection its handle blocks, in runs of neighbours. So each callback finds its box near the last
// one's in this list and fetches the box kCallbackLead entries further on in the same direction, for
// that result's own callback. The list is only read to prefetch: an entry may be a box already freed.
thread_local std::vector<WeakTensorBox*> madeSinceCollection;
constexpr size_t kLost = SIZE_MAX;
thread_local size_t callbackCursor = kLost;  // where the last callback's box is in madeSinceCollection
constexpr size_t kCallbackLead = 8, kCallbackSearch = 4;

void PrefetchNextCallback(WeakTensorBox* box) {
  const auto& made = madeSinceCollection;
  const size_t n = made.size(), last = callbackCursor;
  size_t found = kLost;
  for (size_t d = 1; last != kLost && d <= kCallbackSearch && found == kLost; ++d) {
    if (last + d < n && made[last + d] == box) found = last + d;
    else if (d <= last && made[last - d] == box) found = last - d;
  }
  if (found == kLost) {  // V8 moved on elsewhere: the box says where (the cold read the search avoids)
    if (box->madeIndex >= n || made[box->madeIndex] != box) return;  // made before the last collection
    found = box->madeIndex;
  }
  const bool backward = last != kLost && found < last;
  callbackCursor = found;
  if (backward ? found >= kCallbackLead : found + kCallbackLead < n) __builtin_prefetch(made[backward ? found - kCallbackLead : found + kCallbackLead], 1);
}

// the collections that run weak callbacks (not a step of incremental marking)
constexpr auto kCollections = static_cast<v8::GCType>(v8::kGCTypeAll & ~(v8::kGCTypeIncrementalMarking | v8::kGCTypeProcessWeakCallbacks));
void ForgetMade(v8::Isolate*, v8::GCType, v8::GCCallbackFlags, void*) {
  madeSinceCollection.clear();
  callbackCursor = kLost;
}

// First pass of V8's weak callbacks: no V8 call but the handle's reset, so the freed bytes are left
// for the next report (ReportExternal) instead of told to V8 from inside its collection.
void CollectWeakBox(const v8::WeakCallbackInfo<WeakTensorBox>& info) {
  WeakTensorBox* box = info.GetParameter();
  PrefetchNextCallback(box);
  box->handle.Reset();
  if (box->releaseLater && flushCollected) {
    if (collected.empty()) uv_async_send(flushCollected);  // no V8 call: a write to the loop's wake-up descriptor
    collected.push_back(box);
    return;
  }
  ReleaseCollected(box);
}

// A queued result is a chain of cold blocks: box, TensorImpl, StorageImpl and (when it owns its
// storage) data, each found through the one before. Fetched a link per new result ahead of its
// release, the chain is in cache when it is freed, and so are the blocks the next op gets back from
// the allocators (the data block is prefetched for writing: the next op's kernel writes it).
void PrefetchAhead() noexcept {
  const size_t n = collected.size();
  auto impl = [n](size_t fromBack) -> const c10::TensorImpl* {
    const at::Tensor& t = collected[n - 1 - fromBack]->tensor;
    return t.defined() ? t.unsafeGetTensorImpl() : nullptr;  // undefined once disposed
  };
  auto storage = [](const c10::TensorImpl* t) -> const c10::StorageImpl* { return t ? t->unsafe_storage().unsafeGetStorageImpl() : nullptr; };
  try {
    // the next released: its StorageImpl came a result ago; a view's data is not its to free
    if (const c10::StorageImpl* s = n > 0 && collected[n - 1]->accountedBytes ? storage(impl(0)) : nullptr) {
      const auto* data = static_cast<const char*>(s->data_ptr().get());
      for (int64_t i = 0; data && i < collected[n - 1]->accountedBytes; i += 64) __builtin_prefetch(data + i, 1);
    }
    if (const auto* s = reinterpret_cast<const char*>(n > 1 ? storage(impl(1)) : nullptr)) {
      __builtin_prefetch(s, 1);
      __builtin_prefetch(s + 64, 1);
    }
    if (n > 2) {
      if (const auto* t = reinterpret_cast<const char*>(impl(2)))
        for (size_t i = 0; i < sizeof(c10::TensorImpl); i += 64) __builtin_prefetch(t + i, 1);
    }
    if (n > 3) __builtin_prefetch(collected[n - 4], 1);
  } catch (...) {  // a storage that refuses access to its data (libtorch 2.x) is left to the release
  }
}

napi_value NewV8Handle(TensorBox&& contents, bool releaseLater) {
  if (!collected.empty()) {
    ReleaseCollected(collected.back());
    collected.pop_back();
    PrefetchAhead();
  }
  v8::Isolate* isolate = v8::Isolate::GetCurrent();
  auto* box = new WeakTensorBox{std::move(contents), {}, releaseLater};
  v8::Local<v8::External> external = v8::External::New(isolate, box);
  box->handle.Reset(isolate, external);
  box->handle.SetWeak(box, CollectWeakBox, v8::WeakCallbackType::kParameter);
  box->madeIndex = madeSinceCollection.size();
  madeSinceCollection.push_back(box);
  return ToNapi(external);
}

TensorBox* V8HandleBox(napi_value v) {
  v8::Local<v8::Value> value = ToLocal(v);
  return value->IsExternal() ? static_cast<TensorBox*>(value.As<v8::External>()->Value()) : nullptr;
}
}  // namespace

// how many collected results still wait for their release (test/memory.test.ts)
static napi_value CollectedAwaitingRelease(napi_env env, napi_callback_info info) {
  napi_value out;
  napi_create_int64(env, static_cast<int64_t>(collected.size()), &out);
  return out;
}

static napi_value UseV8Handles(napi_env env, napi_callback_info info) {
  if (v8Handles) return nullptr;
  v8Handles = true;
  v8::Isolate::GetCurrent()->AddGCEpilogueCallback(ForgetMade, nullptr, kCollections);
  uv_loop_t* loop = nullptr;
  if (napi_get_uv_event_loop(env, &loop) != napi_ok || !loop) return nullptr;  // collected results are freed in the collection
  flushCollected = new uv_async_t;
  uv_async_init(loop, flushCollected, FlushCollected);
  uv_unref(reinterpret_cast<uv_handle_t*>(flushCollected));  // it never keeps the process alive
  napi_add_env_cleanup_hook(env, [](void*) {
    v8::Isolate::GetCurrent()->RemoveGCEpilogueCallback(ForgetMade);
    FlushCollected(flushCollected);
    uv_close(reinterpret_cast<uv_handle_t*>(flushCollected), [](uv_handle_t* h) { delete reinterpret_cast<uv_async_t*>(h); });
    flushCollected = nullptr;
  }, nullptr);
  return nullptr;
}
#endif

static napi_type_tag TagOf(HandleKind kind) { return {0x746f7263686e6f64ull /* "torchnod" */, static_cast<uint64_t>(kind)}; }

napi_value NewHandle(napi_env env, void* data, HandleFinalizer finalize, HandleKind kind) {
  napi_value out;
  if (napi_create_external(env, data, finalize, nullptr, &out) != napi_ok) throw std::runtime_error("could not create a handle");
  if (kind == HandleKind::Tensor) return out;  // marked by TensorBox::mark instead (see HandleData)
  const napi_type_tag tag = TagOf(kind);
  napi_type_tag_object(env, out, &tag);
  return out;
}

// A tensor handle's box, or null for anything else. Every op reads its tensors through here, so it
// asks V8 one question: napi_get_value_external refuses a non-External by itself (a napi_typeof
// first cost as much again), and a tag check is a private-property lookup on the External (a third of
// a small op's binding cost), so a tensor handle is recognized by its box's first word instead. JS
// cannot make an External; the ones that reach here are this addon's (all at least a word long, and
// none starting with the mark, which no pointer can equal) or, only if another native addon hands its
// own to JS, that addon's.
static TensorBox* TensorBoxOf(napi_env env, napi_value v) {
  void* p = nullptr;
#ifdef TORCH_NODE_V8_HANDLES
  if (v8Handles) {
    if (!v || !(p = V8HandleBox(v))) return nullptr;
  } else
#endif
  if (!v || napi_get_value_external(env, v, &p) != napi_ok || !p) return nullptr;
  auto* box = static_cast<TensorBox*>(p);
  return box->mark == TensorBox::kMark ? box : nullptr;
}

void* HandleData(napi_env env, napi_value v, HandleKind kind) {
  if (kind == HandleKind::Tensor) return TensorBoxOf(env, v);
  napi_valuetype t;
  if (!v || napi_typeof(env, v, &t) != napi_ok || t != napi_external) return nullptr;
  const napi_type_tag tag = TagOf(kind);
  bool ok = false;
  if (napi_check_object_type_tag(env, v, &tag, &ok) != napi_ok || !ok) return nullptr;
  void* p = nullptr;
  napi_get_value_external(env, v, &p);
  return p;
}

#ifdef TORCH_NODE_V8_HANDLES
// Whether a result can reach no autograd graph, so its release may wait (NewV8Handle): no autograd
// record, or one that neither requires grad nor has a grad_fn. The second is what every view op
// gives while grad mode is on (m[1], x.view(...)): a record naming the view's base, which must then
// reach no graph either (a view taken under no_grad of a tensor that requires grad does).
static bool HoldsNoGraph(const at::Tensor& t) {
  namespace ag = torch::autograd;
  auto reachesNone = [](const at::Tensor& v) { return !v.unsafeGetTensorImpl()->autograd_meta() || (!v.requires_grad() && !ag::impl::grad_fn_unsafe(v)); };
  if (!reachesNone(t)) return false;
  if (!t.is_view() || !t.unsafeGetTensorImpl()->autograd_meta()) return true;
  const ag::DifferentiableViewMeta* view = ag::impl::get_view_autograd_meta(t);
  return !view || !view->has_bw_view() || reachesNone(view->get_backward_view().base_);
}
#endif

napi_value WrapTensor(napi_env env, at::Tensor tensor) {
  napi_value out;
  if (!tensor.defined()) {
    napi_get_null(env, &out);
    return out;
  }
  // the storage's size, read once: what V8 is told, and whether a collected result may wait (NewV8Handle)
  const bool hasStorage = tensor.has_storage();
  const size_t storageBytes = hasStorage ? tensor.storage().nbytes() : 0;
  const int64_t bytes = OwnedBytes(tensor, storageBytes);
#ifdef TORCH_NODE_V8_HANDLES
  if (v8Handles) {
    const bool releaseLater = hasStorage && storageBytes <= kSmallBlockBytes && HoldsNoGraph(tensor);
    out = NewV8Handle(TensorBox{TensorBox::kMark, std::move(tensor), bytes}, releaseLater);
    if (bytes) ReportExternal(env, bytes);
    return out;
  }
#endif
  auto* box = new TensorBox{TensorBox::kMark, std::move(tensor), bytes};
  try {
    out = NewHandle(env, box, FinalizeBox, HandleKind::Tensor);
  } catch (...) {
    delete box;
    throw;
  }
  if (box->accountedBytes) ReportExternal(env, box->accountedBytes);
  return out;
}

TensorBox* BoxOf(napi_env env, napi_value v) {
  if (TensorBox* box = TensorBoxOf(env, v)) return box;  // a handle: the common case
  napi_valuetype t;
  if (!v || napi_typeof(env, v, &t) != napi_ok || t != napi_object) return nullptr;
  return TensorBoxOf(env, GetKey(env, Data(env).keyHandle, v));  // a Tensor object: its _h
}

at::Tensor& TensorArg(napi_env env, napi_value v, const char* argName) {
  TensorBox* box = BoxOf(env, v);
  if (!box) throw ArgError(std::string("Expected Tensor for ") + argName + " but received " + Describe(env, v));
  if (!box->tensor.defined())
    throw ArgError(std::string("Tensor passed as ") + argName + " has been disposed");
  return box->tensor;
}

static napi_value Dispose(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (TensorBox* box = argc ? BoxOf(env, argv[0]) : nullptr) {
    box->tensor.reset();
    if (box->accountedBytes) {
      ReportExternal(env, -box->accountedBytes);
      box->accountedBytes = 0;
    }
  }
  return nullptr;
}

static napi_value IsDisposed(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  TensorBox* box = argc ? BoxOf(env, argv[0]) : nullptr;
  napi_get_boolean(env, !box || !box->tensor.defined(), &out);
  return out;
}

static napi_value IntArray(napi_env env, c10::IntArrayRef values) {
  napi_value arr, n;
  napi_create_array_with_length(env, values.size(), &arr);
  for (size_t i = 0; i < values.size(); ++i) {
    napi_create_int64(env, values[i], &n);
    napi_set_element(env, arr, i, n);
  }
  return arr;
}

// tensor.shape: the sizes written into the Float64Array registered by setScratch, their count
// returned; the JS side builds the array, which costs far less than one Node-API call per element.
// -1: more dimensions than the buffer holds (the caller asks meta() instead).
static napi_value SetScratch(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  napi_typedarray_type type;
  size_t length = 0;
  void* data = nullptr;
  if (argc < 1 || napi_get_typedarray_info(env, argv[0], &type, &length, &data, nullptr, nullptr) != napi_ok || type != napi_float64_array) {
    napi_throw_type_error(env, nullptr, "setScratch expects a Float64Array");
    return nullptr;
  }
  auto& d = Data(env);
  if (d.scratch) napi_delete_reference(env, d.scratch);
  napi_create_reference(env, argv[0], 1, &d.scratch);
  d.scratchData = static_cast<double*>(data);
  d.scratchLength = length;
  return nullptr;
}

static napi_value SizesInto(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], out;
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  return Guard(env, "", [&]() -> napi_value {
    const at::Tensor& t = TensorArg(env, argv[0], "self");
    auto& d = Data(env);
    const auto sizes = t.sizes();
    int32_t n = -1;
    if (sizes.size() <= d.scratchLength) {
      for (size_t i = 0; i < sizes.size(); ++i) d.scratchData[i] = static_cast<double>(sizes[i]);
      n = static_cast<int32_t>(sizes.size());
    }
    napi_create_int32(env, n, &out);
    return out;
  });
}

// One entry point per metadata query keeps the JS getters cheap (no op dispatch).
enum Meta { kShape, kStrides, kDtype, kDevice, kContiguous, kStorageOffset, kDataPtr, kAccounted, kDim, kStorageNbytes };

static napi_value Metadata(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2], out = nullptr;
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  return Guard(env, "", [&]() -> napi_value {
    int32_t which = 0;
    napi_get_value_int32(env, argv[1], &which);
    if (which == kAccounted) {  // answers for disposed tensors too
      TensorBox* box = BoxOf(env, argv[0]);
      napi_create_int64(env, box ? box->accountedBytes : 0, &out);
      return out;
    }
    at::Tensor& t = TensorArg(env, argv[0], "self");
    switch (which) {
      case kShape: return IntArray(env, t.sizes());
      case kStrides: return IntArray(env, t.strides());
      case kDtype: napi_create_int32(env, static_cast<int32_t>(t.scalar_type()), &out); return out;
      case kDevice: {
        std::string s = t.device().str();
        napi_create_string_utf8(env, s.c_str(), s.size(), &out);
        return out;
      }
      case kContiguous: napi_get_boolean(env, t.is_contiguous(), &out); return out;
      case kStorageOffset: napi_create_int64(env, t.storage_offset(), &out); return out;
      case kDataPtr:
        napi_create_bigint_uint64(env, reinterpret_cast<uint64_t>(t.has_storage() ? t.data_ptr() : nullptr), &out);
        return out;
      case kDim: napi_create_int64(env, t.dim(), &out); return out;
      case kStorageNbytes: napi_create_int64(env, t.has_storage() ? static_cast<int64_t>(t.storage().nbytes()) : 0, &out); return out;
    }
    throw std::runtime_error("unknown metadata query");
  });
}

void InitTensorHandle(Napi::Env env, Napi::Object exports) {
  napi_property_descriptor props[] = {
      {"dispose", nullptr, Dispose, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"isDisposed", nullptr, IsDisposed, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"meta", nullptr, Metadata, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"setScratch", nullptr, SetScratch, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"sizesInto", nullptr, SizesInto, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
#ifdef TORCH_NODE_V8_HANDLES
  // the Node ABI (process.versions.modules) the V8 handles were built for; 0 where they were not built
  exports.Set("v8HandlesAbi", Napi::Number::New(env, NODE_MODULE_VERSION));
  napi_value use;
  napi_create_function(env, "useV8Handles", NAPI_AUTO_LENGTH, UseV8Handles, nullptr, &use);
  napi_set_named_property(env, exports, "useV8Handles", use);
  napi_value waiting;
  napi_create_function(env, "collectedAwaitingRelease", NAPI_AUTO_LENGTH, CollectedAwaitingRelease, nullptr, &waiting);
  napi_set_named_property(env, exports, "collectedAwaitingRelease", waiting);
#else
  exports.Set("v8HandlesAbi", Napi::Number::New(env, 0));
#endif
}

}  // namespace tn
