// torch.distributed over libtorch's own c10d: a TCPStore / FileStore rendezvous and a Gloo process
// group set up exactly as Python's init_process_group does (the same store prefixes, the same
// store-based barrier and sequence number), so a torch-node process and a Python process of the
// same libtorch version can share one group. Collectives return c10d Work handles.
#include "common.h"
#ifdef TORCH_NODE_DISTRIBUTED
#define TN_COMPAT_C10D
#include "compat.h"

namespace tn {
namespace {

using WorkPtr = c10::intrusive_ptr<c10d::Work>;

struct Group {
  c10::intrusive_ptr<c10d::Store> store;  // what this group's subgroups are made under
  c10::intrusive_ptr<c10d::ProcessGroup> pg;
  int rank = -1, size = 0;
  std::chrono::milliseconds timeout{1800000};
  std::string backend = "gloo";
};
Group* world = nullptr;
std::vector<std::unique_ptr<Group>> subgroups;  // newGroup's, by id - 1 (null where this rank is not a member)
int groupCount = 1;                              // Python's _group_count after the world group

Group& World() {
  if (!world) throw std::runtime_error("Default process group has not been initialized, please make sure to call initProcessGroup.");
  return *world;
}

Group& GroupOf(Napi::Object spec) {
  auto& w = World();
  const int id = spec.Has("group") ? spec.Get("group").As<Napi::Number>().Int32Value() : 0;
  if (id == 0) return w;
  if (id < 0 || id > static_cast<int>(subgroups.size()) || !subgroups[id - 1]) throw ArgError("this rank is not a member of that group");
  return *subgroups[id - 1];
}

struct WorkBox {
  WorkPtr work;
};
void FinalizeWork(node_api_basic_env, void* data, void*) { delete static_cast<WorkBox*>(data); }

std::vector<at::Tensor> Tensors(napi_env env, Napi::Value v, const char* name) {
  std::vector<at::Tensor> out;
  if (!v.IsArray()) throw ArgError(std::string("Expected an array of Tensors for ") + name);
  auto a = v.As<Napi::Array>();
  for (uint32_t i = 0; i < a.Length(); ++i) out.push_back(TensorArg(env, a.Get(i), name));
  return out;
}

c10d::ReduceOp ReduceOpArg(Napi::Object o) {
  static const std::map<std::string, c10d::ReduceOp::RedOpType> ops = {
      {"SUM", c10d::ReduceOp::SUM}, {"PRODUCT", c10d::ReduceOp::PRODUCT}, {"MIN", c10d::ReduceOp::MIN},
      {"MAX", c10d::ReduceOp::MAX}, {"BAND", c10d::ReduceOp::BAND}, {"BOR", c10d::ReduceOp::BOR}, {"BXOR", c10d::ReduceOp::BXOR}};
  std::string name = o.Has("op") ? o.Get("op").As<Napi::String>().Utf8Value() : "SUM";
  auto it = ops.find(name);
  if (it == ops.end()) throw ArgError("Unsupported ReduceOp " + name + " for the Gloo backend");
  return c10d::ReduceOp(it->second);
}

// distInit({ rank, worldSize, timeoutMs, store: { kind: 'tcp', host, port } | { kind: 'file', path } })
Napi::Value DistInit(const Napi::CallbackInfo& info) {
  return GuardN(info, "initProcessGroup", [&]() -> napi_value {
    if (world) throw std::runtime_error("trying to initialize the default process group twice!");
    auto spec = info[0].As<Napi::Object>();
    auto g = std::make_unique<Group>();
    g->rank = spec.Get("rank").As<Napi::Number>().Int32Value();
    g->size = spec.Get("worldSize").As<Napi::Number>().Int32Value();
    g->timeout = std::chrono::milliseconds(spec.Get("timeoutMs").As<Napi::Number>().Int64Value());
    auto s = spec.Get("store").As<Napi::Object>();
    const std::string kind = s.Get("kind").As<Napi::String>().Utf8Value();
    c10::intrusive_ptr<c10d::Store> base;
    if (kind == "tcp") {
      c10d::TCPStoreOptions opts;
      opts.port = static_cast<uint16_t>(s.Get("port").As<Napi::Number>().Uint32Value());
      opts.isServer = g->rank == 0;
      opts.numWorkers = g->size;
      opts.waitWorkers = true;
      opts.timeout = g->timeout;
      opts.multiTenant = true;
      base = compat::NewTcpStore(s.Get("host").As<Napi::String>().Utf8Value(), opts);
    } else {
      base = c10::make_intrusive<c10d::FileStore>(s.Get("path").As<Napi::String>().Utf8Value(), g->size);
    }
    base->setTimeout(g->timeout);
    // As Python: the world group "0" under PrefixStore("default_pg", store)
    auto defaultPg = c10::make_intrusive<c10d::PrefixStore>("default_pg", base);
    g->backend = spec.Get("backend").As<Napi::String>().Utf8Value();
    auto made = compat::NewGroup(g->backend, defaultPg, "0", g->rank, g->size, g->timeout, g->rank, g->size);
    g->pg = made.pg;
    g->store = made.childParent;
    world = g.release();
    groupCount = 1;
    return info.Env().Undefined();
  });
}

Napi::Value DistInfo(const Napi::CallbackInfo& info) {
  if (!world) return info.Env().Null();
  auto o = Napi::Object::New(info.Env());
  o.Set("rank", world->rank);
  o.Set("worldSize", world->size);
  o.Set("backend", world->backend);
  return o;
}

// distNewGroup(sortedRanks) -> group id, or -1 where this rank is not in it; every rank calls it
Napi::Value DistNewGroup(const Napi::CallbackInfo& info) {
  return GuardN(info, "newGroup", [&]() -> napi_value {
    auto& w = World();
    std::vector<int> ranks;
    auto a = info[0].As<Napi::Array>();
    for (uint32_t i = 0; i < a.Length(); ++i) ranks.push_back(a.Get(i).As<Napi::Number>().Int32Value());
    const std::string name = std::to_string(groupCount++);
    auto it = std::find(ranks.begin(), ranks.end(), w.rank);
    std::unique_ptr<Group> g;
    if (it != ranks.end()) {
      g = std::make_unique<Group>();
      g->store = w.store;
      g->rank = static_cast<int>(it - ranks.begin());
      g->size = static_cast<int>(ranks.size());
      g->timeout = w.timeout;
      g->backend = w.backend;
      auto made = compat::NewGroup(g->backend, w.store, name, g->rank, g->size, g->timeout, w.rank, w.size);
      g->pg = made.pg;
      g->store = made.childParent;
    } else if (compat::kSubgroupBarrierForAll) {
      compat::StoreBarrier(w.store, name, w.rank, w.size, w.timeout);
    }
    const bool member = g != nullptr;
    subgroups.push_back(std::move(g));
    return Napi::Number::New(info.Env(), member ? static_cast<double>(subgroups.size()) : -1);
  });
}

Napi::Value DistDestroy(const Napi::CallbackInfo& info) {
  subgroups.clear();
  delete world;
  world = nullptr;
  return info.Env().Undefined();
}

// distCollective(kind, spec) -> Work handle. spec: { tensors, output?, input?, op, root }
Napi::Value DistCollective(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "torch.distributed", [&]() -> napi_value {
    const std::string kind = info[0].As<Napi::String>().Utf8Value();
    auto spec = info[1].As<Napi::Object>();
    auto& g = GroupOf(spec);
    const int root = spec.Has("root") ? spec.Get("root").As<Napi::Number>().Int32Value() : 0;
    if (spec.Has("root") && (root < 0 || root >= g.size)) throw ArgError("Invalid rank " + std::to_string(root) + " for a group of " + std::to_string(g.size));
    WorkPtr work;
    if (kind == "allReduce") {
      auto t = Tensors(env, spec.Get("tensors"), "tensor");
      c10d::AllreduceOptions o;
      o.reduceOp = ReduceOpArg(spec);
      o.timeout = g.timeout;
      work = g.pg->allreduce(t, o);
    } else if (kind == "broadcast") {
      auto t = Tensors(env, spec.Get("tensors"), "tensor");
      c10d::BroadcastOptions o;
      o.rootRank = root;
      o.timeout = g.timeout;
      work = g.pg->broadcast(t, o);
    } else if (kind == "reduce") {
      auto t = Tensors(env, spec.Get("tensors"), "tensor");
      c10d::ReduceOptions o;
      o.reduceOp = ReduceOpArg(spec);
      o.rootRank = root;
      o.timeout = g.timeout;
      work = g.pg->reduce(t, o);
    } else if (kind == "allGather") {
      std::vector<std::vector<at::Tensor>> out{Tensors(env, spec.Get("output"), "tensorList")};
      auto in = Tensors(env, spec.Get("tensors"), "tensor");
      c10d::AllgatherOptions o;
      o.timeout = g.timeout;
      work = g.pg->allgather(out, in, o);
    } else if (kind == "gather") {
      std::vector<std::vector<at::Tensor>> out;
      if (g.rank == root) out.push_back(Tensors(env, spec.Get("output"), "gatherList"));
      auto in = Tensors(env, spec.Get("tensors"), "tensor");
      c10d::GatherOptions o;
      o.rootRank = root;
      o.timeout = g.timeout;
      work = g.pg->gather(out, in, o);
    } else if (kind == "scatter") {
      auto out = Tensors(env, spec.Get("tensors"), "tensor");
      std::vector<std::vector<at::Tensor>> in;
      if (g.rank == root) in.push_back(Tensors(env, spec.Get("input"), "scatterList"));
      c10d::ScatterOptions o;
      o.rootRank = root;
      o.timeout = g.timeout;
      work = g.pg->scatter(out, in, o);
    } else if (kind == "reduceScatter") {
      auto out = Tensors(env, spec.Get("tensors"), "output");
      std::vector<std::vector<at::Tensor>> in{Tensors(env, spec.Get("input"), "inputList")};
      c10d::ReduceScatterOptions o;
      o.reduceOp = ReduceOpArg(spec);
      o.timeout = g.timeout;
      work = g.pg->reduce_scatter(out, in, o);
    } else if (kind == "barrier") {
      c10d::BarrierOptions o;
      o.timeout = g.timeout;
      work = g.pg->barrier(o);
    } else {
      throw ArgError("unknown collective " + kind);
    }
    return NewHandle(env, new WorkBox{work}, FinalizeWork, HandleKind::Work);
  });
}

WorkBox& WorkOf(napi_env env, napi_value v) {
  return HandleArg<WorkBox>(env, v, HandleKind::Work, "a Work handle");
}

// distWait(work): blocks until done (or the group's timeout), as Work.wait() in Python
Napi::Value DistWait(const Napi::CallbackInfo& info) {
  return GuardN(info, "torch.distributed", [&]() -> napi_value {
    auto& w = WorkOf(info.Env(), info[0]);
    w.work->wait();
    return info.Env().Undefined();
  });
}

Napi::Value DistIsCompleted(const Napi::CallbackInfo& info) {
  return GuardN(info, "torch.distributed", [&]() -> napi_value {
    return Napi::Boolean::New(info.Env(), WorkOf(info.Env(), info[0]).work->isCompleted());
  });
}

// ---- DDP: c10d's own Reducer, driven as Python's DistributedDataParallel drives it ---------------
// It hooks each parameter's gradient accumulator; during backward each bucket of gradients is
// all-reduced as soon as it is complete, overlapping the rest of backward, and a callback queued on the
// autograd engine averages them into .grad when backward ends.
struct ReducerBox {
  std::shared_ptr<c10d::Reducer> reducer;
  Group* group;
};
void FinalizeReducer(node_api_basic_env, void* data, void*) { delete static_cast<ReducerBox*>(data); }

c10d::Reducer& ReducerOf(napi_env env, napi_value v) {
  auto& box = HandleArg<ReducerBox>(env, v, HandleKind::Reducer, "a DDP reducer");
  if (world != box.group) throw std::runtime_error("the process group of this DistributedDataParallel was destroyed");
  return *box.reducer;
}

// ddpReducer(params, bucketCapBytes | null (the default), findUnused) -> reducer. First checks, as
// Python's DDP does, that every rank has the same parameters (count, shapes, dtypes).
Napi::Value DdpReducerNew(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "DistributedDataParallel", [&]() -> napi_value {
    auto& g = World();
    auto params = Tensors(env, info[0], "parameters");
    c10d::verify_params_across_processes(g.pg, params, {});
    const bool capIsDefault = info[1].IsNull() || info[1].IsUndefined();
    const int64_t cap = capIsDefault ? 25 * 1024 * 1024 : info[1].As<Napi::Number>().Int64Value();
    auto box = new ReducerBox{compat::NewReducer(std::move(params), g.pg, cap, capIsDefault, info[2].ToBoolean().Value(), false), &g};
    return NewHandle(env, box, FinalizeReducer, HandleKind::Reducer);
  });
}

// ddpPrepareForward(reducer, sync): at the start of forward, as DDP.forward. Returns whether the
// buckets were rebuilt in the order backward produced the gradients (once, after the first backward).
Napi::Value DdpPrepareForward(const Napi::CallbackInfo& info) {
  return GuardN(info, "DistributedDataParallel", [&]() -> napi_value {
    auto& r = ReducerOf(info.Env(), info[0]);
    if (info[1].ToBoolean().Value()) r.prepare_for_forward();
    return Napi::Boolean::New(info.Env(), r.rebuild_buckets());
  });
}

// ddpPrepareForBackward(reducer, outputs): after forward; with outputs, parameters unreachable from
// them are marked unused (findUnusedParameters)
Napi::Value DdpPrepareForBackward(const Napi::CallbackInfo& info) {
  return GuardN(info, "DistributedDataParallel", [&]() -> napi_value {
    auto& r = ReducerOf(info.Env(), info[0]);
    r.prepare_for_backward(Tensors(info.Env(), info[1], "outputs"));
    return info.Env().Undefined();
  });
}

// broadcastCoalesced(tensors, bufferBytes, src): DDP's start-of-training sync of parameters and buffers
Napi::Value BroadcastCoalesced(const Napi::CallbackInfo& info) {
  return GuardN(info, "DistributedDataParallel", [&]() -> napi_value {
    auto& g = World();
    auto tensors = Tensors(info.Env(), info[0], "tensors");
    c10d::broadcast_coalesced(g.pg, tensors, static_cast<size_t>(info[1].As<Napi::Number>().Int64Value()), info[2].As<Napi::Number>().Int32Value());
    return info.Env().Undefined();
  });
}

}  // namespace

void InitDistributed(Napi::Env env, Napi::Object exports) {
  exports.Set("distributedBuilt", Napi::Boolean::New(env, true));
#ifdef TORCH_NODE_NCCL
  exports.Set("ncclBuilt", Napi::Boolean::New(env, true));
#else
  exports.Set("ncclBuilt", Napi::Boolean::New(env, false));
#endif
  exports.Set("broadcastCoalesced", Napi::Function::New(env, BroadcastCoalesced));
  exports.Set("ddpReducer", Napi::Function::New(env, DdpReducerNew));
  exports.Set("ddpPrepareForward", Napi::Function::New(env, DdpPrepareForward));
  exports.Set("ddpPrepareForBackward", Napi::Function::New(env, DdpPrepareForBackward));
  exports.Set("distInit", Napi::Function::New(env, DistInit));
  exports.Set("distInfo", Napi::Function::New(env, DistInfo));
  exports.Set("distDestroy", Napi::Function::New(env, DistDestroy));
  exports.Set("distNewGroup", Napi::Function::New(env, DistNewGroup));
  exports.Set("distCollective", Napi::Function::New(env, DistCollective));
  exports.Set("distWait", Napi::Function::New(env, DistWait));
  exports.Set("distIsCompleted", Napi::Function::New(env, DistIsCompleted));
}

}  // namespace tn
#else
namespace tn {
// built without gloo's headers: lib/distributed.ts reports it
void InitDistributed(Napi::Env env, Napi::Object exports) { exports.Set("distributedBuilt", Napi::Boolean::New(env, false)); }
}  // namespace tn
#endif
