// torch.distributed over libtorch's own c10d: a TCPStore / FileStore rendezvous and a Gloo process
// group set up exactly as Python's init_process_group does (the same store prefixes, the same
// store-based barrier and sequence number), so a torch-node process and a Python process of the
// same libtorch version can share one group. Collectives return c10d Work handles.
#include "common.h"
#ifdef TORCH_NODE_DISTRIBUTED
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/csrc/distributed/c10d/comm.hpp>
#include <torch/csrc/autograd/utils/lambda_post_hook.h>
#include <thread>

namespace tn {
namespace {

using c10d::ProcessGroupGloo;
using WorkPtr = c10::intrusive_ptr<c10d::Work>;

struct Group {
  c10::intrusive_ptr<c10d::Store> store;  // the "default_pg"-prefixed store
  c10::intrusive_ptr<ProcessGroupGloo> pg;
  int rank = -1, size = 0;
  std::chrono::milliseconds timeout{1800000};
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

// A Gloo process group for g (rank, size, timeout, world store set) under the store prefix `name`,
// with the default device, as Python's ProcessGroupGloo(store, rank, size, timeout) makes it
c10::intrusive_ptr<ProcessGroupGloo> MakeGloo(const Group& g, const std::string& name) {
  auto options = ProcessGroupGloo::Options::create(g.timeout);
  options->devices.push_back(ProcessGroupGloo::createDefaultDevice());
  return c10::make_intrusive<ProcessGroupGloo>(c10::make_intrusive<c10d::PrefixStore>(name, g.store), g.rank, g.size, options);
}

// Python's _store_based_barrier on the world's store
void StoreBarrier(Group& g, int count) {
  const std::string key = "store_based_barrier_key:" + std::to_string(count);
  g.store->add(key, 1);
  auto start = std::chrono::steady_clock::now();
  while (g.store->add(key, 0) != g.size) {
    if (std::chrono::steady_clock::now() - start > g.timeout)
      throw std::runtime_error("Timed out initializing process group in store based barrier on rank: " + std::to_string(g.rank) +
                               ", for key: " + key + " (world_size=" + std::to_string(g.size) + ")");
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
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
      base = c10::make_intrusive<c10d::TCPStore>(s.Get("host").As<Napi::String>().Utf8Value(), opts);
    } else {
      base = c10::make_intrusive<c10d::FileStore>(s.Get("path").As<Napi::String>().Utf8Value(), g->size);
    }
    base->setTimeout(g->timeout);
    // As Python: PrefixStore("default_pg", store) for the world, PrefixStore("0", that) for its group
    g->store = c10::make_intrusive<c10d::PrefixStore>("default_pg", base);
    g->pg = MakeGloo(*g, "0");
    // Python's _store_based_barrier, then the group's sequence number (rank 0 sets it in the store)
    StoreBarrier(*g, 1);
    g->pg->setSequenceNumberForGroup();
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
      g->pg = MakeGloo(*g, name);
    }
    StoreBarrier(w, groupCount);
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
    napi_value out;
    napi_create_external(env, new WorkBox{work}, FinalizeWork, nullptr, &out);
    return out;
  });
}

WorkBox& WorkOf(napi_env env, napi_value v) {
  void* p = nullptr;
  if (napi_get_value_external(env, v, &p) != napi_ok || !p) throw ArgError("not a Work handle");
  return *static_cast<WorkBox*>(p);
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

// ---- DDP's gradient reducer -----------------------------------------------------------------
// c10d's own Reducer cannot be used: its header includes torch/csrc/distributed/autograd, which
// Debian's libtorch-dev does not ship. This one works the same way: a post-hook on each
// parameter's gradient accumulator marks it ready during backward; when a bucket's gradients are
// all ready (buckets launched in order, so every rank issues the same sequence), the bucket is
// flattened and its all-reduce starts while backward goes on; finalize() waits, averages and
// writes the gradients back.
struct DdpReducer {
  Group* group;
  std::vector<at::Tensor> params;
  std::vector<std::vector<size_t>> buckets;
  std::vector<size_t> bucketOf;
  std::vector<std::shared_ptr<torch::autograd::Node>> accumulators;  // kept alive: they hold our hooks
  bool findUnused = false;
  bool armed = false;  // set for one backward by prepare(), as the Reducer's expect_autograd_hooks_
  std::vector<size_t> readyCount;
  std::vector<bool> ready;
  size_t nextToLaunch = 0;
  std::vector<at::Tensor> flats;
  std::vector<WorkPtr> works;
  std::mutex mu;

  void Prepare() {
    std::lock_guard<std::mutex> lock(mu);
    armed = true;
    readyCount.assign(buckets.size(), 0);
    ready.assign(params.size(), false);
    nextToLaunch = 0;
    flats.assign(buckets.size(), at::Tensor());
    works.assign(buckets.size(), WorkPtr());
  }
  // a bucket's gradients flattened into one tensor, a missing one as zeros
  at::Tensor Flatten(size_t b) {
    std::vector<at::Tensor> parts;
    for (size_t i : buckets[b]) {
      const auto& g = params[i].grad();
      parts.push_back(g.defined() ? g.reshape(-1) : at::zeros({params[i].numel()}, params[i].options()));
    }
    return at::cat(parts);
  }
  void CheckGroup() {
    if (world != group) throw std::runtime_error("the process group of this DistributedDataParallel was destroyed");
  }
  void LaunchReady() {  // with mu held
    CheckGroup();
    while (nextToLaunch < buckets.size() && readyCount[nextToLaunch] == buckets[nextToLaunch].size()) {
      at::NoGradGuard noGrad;
      flats[nextToLaunch] = Flatten(nextToLaunch);
      std::vector<at::Tensor> one{flats[nextToLaunch]};
      c10d::AllreduceOptions o;
      o.timeout = group->timeout;
      works[nextToLaunch] = group->pg->allreduce(one, o);
      ++nextToLaunch;
    }
  }
  void MarkReady(size_t i) {
    std::lock_guard<std::mutex> lock(mu);
    if (!armed || ready[i]) return;
    ready[i] = true;
    ++readyCount[bucketOf[i]];
    LaunchReady();
  }
  void Finalize() {
    std::lock_guard<std::mutex> lock(mu);
    if (!armed) return;
    armed = false;
    CheckGroup();
    if (nextToLaunch < buckets.size()) {
      if (!findUnused) {
        throw std::runtime_error(
            "Expected to have finished reduction in the prior iteration before starting a new one. This error indicates that your "
            "module has parameters that were not used in producing loss. You can enable unused parameter detection by passing the "
            "keyword argument `findUnusedParameters: true` to DistributedDataParallel.");
      }
      for (size_t b = nextToLaunch; b < buckets.size(); ++b) readyCount[b] = buckets[b].size();
      LaunchReady();
    }
    at::NoGradGuard noGrad;
    for (size_t b = 0; b < buckets.size(); ++b) {
      works[b]->wait();
      flats[b].div_(group->size);
      int64_t offset = 0;
      for (size_t i : buckets[b]) {
        auto& p = params[i];
        auto part = flats[b].narrow(0, offset, p.numel()).view(p.sizes());
        if (p.grad().defined()) p.mutable_grad().copy_(part);
        else p.mutable_grad() = part.clone();
        offset += p.numel();
      }
    }
    flats.clear();
    works.clear();
  }
};

void FinalizeReducer(node_api_basic_env, void* data, void*) { delete static_cast<std::shared_ptr<DdpReducer>*>(data); }

DdpReducer& ReducerOf(napi_env env, napi_value v) {
  void* p = nullptr;
  if (napi_get_value_external(env, v, &p) != napi_ok || !p) throw ArgError("not a DDP reducer");
  return **static_cast<std::shared_ptr<DdpReducer>*>(p);
}

// ddpReducer(params, buckets: number[][], findUnused) -> reducer
Napi::Value DdpReducerNew(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "DistributedDataParallel", [&]() -> napi_value {
    auto r = std::make_shared<DdpReducer>();
    r->group = &World();
    r->params = Tensors(env, info[0], "parameters");
    auto buckets = info[1].As<Napi::Array>();
    r->bucketOf.assign(r->params.size(), 0);
    for (uint32_t b = 0; b < buckets.Length(); ++b) {
      std::vector<size_t> idx;
      auto a = buckets.Get(b).As<Napi::Array>();
      for (uint32_t k = 0; k < a.Length(); ++k) {
        size_t i = static_cast<size_t>(a.Get(k).As<Napi::Number>().Int64Value());
        idx.push_back(i);
        r->bucketOf[i] = b;
      }
      r->buckets.push_back(std::move(idx));
    }
    r->findUnused = info[2].ToBoolean().Value();
    std::weak_ptr<DdpReducer> weak = r;  // a graph may outlive the DDP module: then the hook does nothing
    for (size_t i = 0; i < r->params.size(); ++i) {
      auto acc = torch::autograd::impl::grad_accumulator(r->params[i]);
      acc->add_post_hook(std::make_unique<torch::autograd::utils::LambdaPostHook>(
          [weak, i](const torch::autograd::variable_list& outputs, const torch::autograd::variable_list&) {
            if (auto self = weak.lock()) self->MarkReady(i);
            return outputs;
          }));
      r->accumulators.push_back(std::move(acc));
    }
    napi_value out;
    napi_create_external(env, new std::shared_ptr<DdpReducer>(std::move(r)), FinalizeReducer, nullptr, &out);
    return out;
  });
}

Napi::Value DdpPrepare(const Napi::CallbackInfo& info) {
  return GuardN(info, "DistributedDataParallel", [&]() -> napi_value {
    ReducerOf(info.Env(), info[0]).Prepare();
    return info.Env().Undefined();
  });
}
Napi::Value DdpFinalize(const Napi::CallbackInfo& info) {
  return GuardN(info, "DistributedDataParallel", [&]() -> napi_value {
    ReducerOf(info.Env(), info[0]).Finalize();
    return info.Env().Undefined();
  });
}

// broadcastCoalesced(tensors, bufferBytes, src): DDP's start-of-training sync of parameters and buffers
Napi::Value BroadcastCoalesced(const Napi::CallbackInfo& info) {
  return GuardN(info, "DistributedDataParallel", [&]() -> napi_value {
    auto& g = World();
    auto tensors = Tensors(info.Env(), info[0], "tensors");
#if TORCH_VERSION_MAJOR < 2
    c10d::broadcast_coalesced(g.pg, tensors, static_cast<size_t>(info[1].As<Napi::Number>().Int64Value()), info[2].As<Napi::Number>().Int32Value());
#else
    c10d::BroadcastOptions o;
    o.rootRank = info[2].As<Napi::Number>().Int32Value();
    for (auto& t : tensors) {
      std::vector<at::Tensor> one{t};
      g.pg->broadcast(one, o)->wait();
    }
#endif
    return info.Env().Undefined();
  });
}

}  // namespace

void InitDistributed(Napi::Env env, Napi::Object exports) {
  exports.Set("distributedBuilt", Napi::Boolean::New(env, true));
  exports.Set("broadcastCoalesced", Napi::Function::New(env, BroadcastCoalesced));
  exports.Set("ddpReducer", Napi::Function::New(env, DdpReducerNew));
  exports.Set("ddpPrepare", Napi::Function::New(env, DdpPrepare));
  exports.Set("ddpFinalize", Napi::Function::New(env, DdpFinalize));
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
