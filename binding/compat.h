// Where the libtorch versions torch-node builds against (1.13 to 2.14) differ, in one place: each
// difference is one alias or small function guarded by version here, so the rest of binding/ reads the
// same on every version. The c10d part is compiled only where TN_COMPAT_C10D is defined (distributed.cc),
// to keep c10d's headers out of the other translation units.
#pragma once
#include "pch.h"
#if TORCH_VERSION_MAJOR >= 2
#include <ATen/DeviceAccelerator.h>
#endif

#define TN_TORCH_AT_LEAST(major, minor) \
  (TORCH_VERSION_MAJOR > (major) || (TORCH_VERSION_MAJOR == (major) && TORCH_VERSION_MINOR >= (minor)))

namespace tn::compat {

// libtorch's warnings (TORCH_WARN): 2.x hands a handler a c10::Warning (with its kind) and keeps a
// handler per thread; 1.13 hands it the message and keeps one for the process. Take() returns false
// for a warning it leaves to libtorch's default handler (stderr).
class WarningHandler : public c10::WarningHandler {
 protected:
  virtual bool Take(const std::string& msg, bool deprecation) = 0;

 public:
#if TN_TORCH_AT_LEAST(2, 0)
  void process(const c10::Warning& w) override {
    if (!Take(w.msg(), std::holds_alternative<c10::DeprecationWarning>(w.type()))) c10::WarningHandler::process(w);
  }
#else
  void process(const c10::SourceLocation& where, const std::string& msg, const bool verbatim) override {
    if (!Take(msg, false)) c10::WarningHandler::process(where, msg, verbatim);
  }
#endif
};
inline void SetWarningHandler(c10::WarningHandler* handler) {
#if TN_TORCH_AT_LEAST(2, 0)
  c10::WarningUtils::set_warning_handler(handler);
#else
  c10::Warning::set_warning_handler(handler);
#endif
}

// Slice bounds: 2.x slices take symbolic ints.
#if TN_TORCH_AT_LEAST(2, 0)
using SliceBound = c10::SymInt;
#else
using SliceBound = int64_t;
#endif

// The accelerator this build runs on, as torch.accelerator.current_accelerator() reports it: 2.x asks
// at::getAccelerator (checked here on 2.6 and 2.14); 1.13 has no such notion, so CUDA, then MPS,
// where available. False when there is none.
inline bool CurrentAccelerator(c10::DeviceType& type) {
#if TN_TORCH_AT_LEAST(2, 6)
  auto found = at::getAccelerator(false);
  if (!found) return false;
  type = *found;
  return true;
#else
  if (at::hasCUDA()) type = c10::DeviceType::CUDA;
  else if (at::hasMPS()) type = c10::DeviceType::MPS;
  else return false;
  return true;
#endif
}

// Autograd nodes torch-node makes (js_autograd.cc): 2.14 holds nodes in c10::intrusive_ptr, earlier
// releases (2.6 and 1.13 checked) in std::shared_ptr. Detected from Edge's member, not versioned.
using NodePtr = decltype(torch::autograd::Edge::function);
template <typename T>
auto MakeNode() {
  if constexpr (std::is_same_v<NodePtr, std::shared_ptr<torch::autograd::Node>>) {
    return std::make_shared<T>();
  } else {
    return c10::make_intrusive<T>();
  }
}

// torchvision ships in step with PyTorch, and torch-node's torchvision gives what the torchvision of
// its libtorch's release gives. From 0.15 (PyTorch 2.0) adjust_hue turns its float result back into
// uint8 with convert_image_dtype (x * (255 + 1 - 1e-3), truncated); 0.14 multiplied by 255.
constexpr double kHueToUint8Scale = TN_TORCH_AT_LEAST(2, 0) ? 255.0 + 1.0 - 1e-3 : 255.0;

}  // namespace tn::compat

#if defined(TN_COMPAT_C10D) && defined(TORCH_NODE_DISTRIBUTED)
#include <torch/csrc/distributed/c10d/FileStore.hpp>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupWrapper.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/csrc/distributed/c10d/comm.hpp>
#include <torch/csrc/distributed/c10d/reducer.hpp>
#ifdef TORCH_NODE_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#include <cstdlib>
#include <thread>

namespace tn::compat {

inline std::string Env(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return v ? v : fallback;
}

// A TCPStore as Python's rendezvous makes it. Since 2.4 it is served on libuv unless USE_LIBUV=0; a
// build without libuv (Debian's) refuses that, and then, unless the user asked for libuv outright, the
// store falls back to the classic server, which speaks the same protocol to its clients. (The option
// is detected rather than versioned: it came in 2.2 and became the default in 2.4.)
template <typename O>
auto SetUseLibUV(O& o, bool v, int) -> decltype(o.useLibUV = v, true) {
  o.useLibUV = v;
  return true;
}
template <typename O>
bool SetUseLibUV(O&, bool, long) { return false; }

inline c10::intrusive_ptr<c10d::Store> NewTcpStore(const std::string& host, c10d::TCPStoreOptions opts) {
  const std::string asked = Env("USE_LIBUV", "");
  if (SetUseLibUV(opts, asked != "0", 0) && asked != "0") {
    try {
      return c10::make_intrusive<c10d::TCPStore>(host, opts);
    } catch (const std::exception& e) {
      if (asked == "1" || std::string(e.what()).find("without libuv") == std::string::npos) throw;
    }
    SetUseLibUV(opts, false, 0);
  }
  return c10::make_intrusive<c10d::TCPStore>(host, opts);
}

// A process group made exactly as Python's init_process_group / new_group make it, so torch-node
// and Python workers of the same version meet under the same store keys.
//   1.13: the backend on PrefixStore(name, parent), a store-based barrier, then the sequence number.
//   2.x:  ProcessGroup(PrefixStore(name + "/", parent)) with the backend on PrefixStore("<device>/", that):
//         Gloo on "cpu/", registered for CPU and CUDA; NCCL on "cuda/", for CUDA; the barrier only
//         with TORCH_DIST_INIT_BARRIER=1.
struct GroupParts {
  c10::intrusive_ptr<c10d::ProcessGroup> pg;
  c10::intrusive_ptr<c10d::Store> childParent;  // the store new_group's groups are made under
};

inline c10::intrusive_ptr<c10d::ProcessGroupGloo> NewGlooBackend(const c10::intrusive_ptr<c10d::Store>& store, int rank, int size,
                                                                   std::chrono::milliseconds timeout) {
  auto options = c10d::ProcessGroupGloo::Options::create(timeout);
  options->devices.push_back(c10d::ProcessGroupGloo::createDefaultDevice());
  return c10::make_intrusive<c10d::ProcessGroupGloo>(store, rank, size, options);
}

// Python's _store_based_barrier for the group `name` on `store`, for `count` ranks. 1.13 keys it by
// the group count after the group was made (its name + 1), 2.x by the group's name.
inline void StoreBarrier(const c10::intrusive_ptr<c10d::Store>& store, const std::string& name, int rank, int count,
                         std::chrono::milliseconds timeout) {
#if TN_TORCH_AT_LEAST(2, 0)
  const std::string key = "store_based_barrier_key:" + name;
#else
  const std::string key = "store_based_barrier_key:" + std::to_string(std::stoi(name) + 1);
#endif
  store->add(key, 1);
  const auto start = std::chrono::steady_clock::now();
#if TN_TORCH_AT_LEAST(2, 0)
  if (store->add(key, 0) == count) store->set(key + ":last_worker", std::vector<uint8_t>{'1'});
  while (true) {
    try {
      store->wait({key + ":last_worker"}, std::chrono::milliseconds(10000));
      return;
    } catch (const std::exception&) {
      if (std::chrono::steady_clock::now() - start > timeout) break;
    }
  }
#else
  while (store->add(key, 0) != count) {
    if (std::chrono::steady_clock::now() - start > timeout) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (store->add(key, 0) == count) return;
#endif
  throw std::runtime_error("Timed out initializing process group in store based barrier on rank " + std::to_string(rank) +
                           ", for key: " + key + " (world_size=" + std::to_string(count) + ")");
}

// Python sets a group's sequence number through the store (rank 0 draws it) while Gloo implements it;
// later versions made it Backend's deprecated no-op, and Python stopped calling it.
template <typename Backend>
void SetSequenceNumber(Backend& backend) {
  if constexpr (std::is_same_v<decltype(&Backend::setSequenceNumberForGroup), void (Backend::*)()>) backend.setSequenceNumberForGroup();
}

#ifdef TORCH_NODE_NCCL
inline c10::intrusive_ptr<c10d::ProcessGroupNCCL> NewNcclBackend(const c10::intrusive_ptr<c10d::Store>& store, int rank, int size,
                                                                   std::chrono::milliseconds timeout) {
  auto options = c10d::ProcessGroupNCCL::Options::create();
  options->timeout = timeout;
  return c10::make_intrusive<c10d::ProcessGroupNCCL>(store, rank, size, options);
}
#endif

// Whether collectives are checked across ranks before they run, as Python does under
// TORCH_DISTRIBUTED_DEBUG=DETAIL (c10d's ProcessGroupWrapper: a Gloo helper group compares each
// collective's op, shapes and dtypes, and a mismatch is an error on every rank instead of Gloo
// aborting the process from its I/O thread). torch-node checks unless TORCH_DISTRIBUTED_DEBUG is set
// to something else than DETAIL.
inline bool CheckCollectives() {
  const std::string level = Env("TORCH_DISTRIBUTED_DEBUG", "DETAIL");
  return level == "DETAIL";
}

// Gloo's own message when the ranks' address blobs differ in size says nothing a user can act on.
[[noreturn]] inline void RethrowConnectError(const std::exception& e, int size) {
  const std::string what = e.what();
  if (what.find("sizeof(impl_) == bytes.size()") != std::string::npos)
    throw std::runtime_error("the ranks could not connect: they disagree on the world size (this rank was given " + std::to_string(size) +
                             ") or on the network address family (Gloo: " + what.substr(0, what.find('\n')) + ")");
  throw;
}

// `backend`: "gloo" or "nccl"; `name`: Python's group name ("0" for the world, then its group count);
// the barrier is on `parent` for `barrierCount` ranks (1.13 waits for the whole world even for a
// subgroup); every step in the order that version's Python takes it.
inline GroupParts NewGroup(const std::string& backend, const c10::intrusive_ptr<c10d::Store>& parent, const std::string& name,
                           int rank, int size, std::chrono::milliseconds timeout, int barrierRank, int barrierCount) {
  const bool nccl = backend == "nccl";
#ifndef TORCH_NODE_NCCL
  if (nccl) throw std::runtime_error("Distributed package doesn't have NCCL built in");
#endif
  GroupParts g;
#if TN_TORCH_AT_LEAST(2, 0)
  auto store = c10::make_intrusive<c10d::PrefixStore>(name + "/", parent);
  auto backendStore = c10::make_intrusive<c10d::PrefixStore>(nccl ? "cuda/" : "cpu/", store);
  c10::intrusive_ptr<c10d::Backend> made;
  try {
    // the sequence number is set on the concrete backend, where its class implements it
#ifdef TORCH_NODE_NCCL
    if (nccl) {
      auto b = NewNcclBackend(backendStore, rank, size, timeout);
      SetSequenceNumber(*b);
      made = b;
    }
#endif
    if (!nccl) {
      auto b = NewGlooBackend(backendStore, rank, size, timeout);
      SetSequenceNumber(*b);
      made = b;
    }
    if (CheckCollectives()) {
      auto helper = NewGlooBackend(c10::make_intrusive<c10d::PrefixStore>("pg_wrapper:" + name, backendStore), rank, size, timeout);
      made = c10::make_intrusive<c10d::ProcessGroupWrapper>(made, helper);
    }
  } catch (const std::exception& e) {
    RethrowConnectError(e, size);
  }
  const auto type = nccl ? c10d::ProcessGroup::BackendType::NCCL : c10d::ProcessGroup::BackendType::GLOO;
  g.pg = c10::make_intrusive<c10d::ProcessGroup>(store, rank, size);
  g.pg->setDefaultBackend(type);
  if (!nccl) g.pg->setBackend(c10::DeviceType::CPU, type, made);
  g.pg->setBackend(c10::DeviceType::CUDA, type, made);
  g.pg->setGroupName(name);
  g.childParent = store;
  if (barrierCount > 0 && Env("TORCH_DIST_INIT_BARRIER", "0") == "1") StoreBarrier(parent, name, barrierRank, barrierCount, timeout);
#else
  auto store = c10::make_intrusive<c10d::PrefixStore>(name, parent);
  g.childParent = parent;
  try {
#ifdef TORCH_NODE_NCCL
    if (nccl) g.pg = NewNcclBackend(store, rank, size, timeout);
#endif
    if (!nccl) g.pg = NewGlooBackend(store, rank, size, timeout);
    if (CheckCollectives()) {
      auto helper = NewGlooBackend(c10::make_intrusive<c10d::PrefixStore>("pg_wrapper:" + name, parent), rank, size, timeout);
      g.pg = c10::make_intrusive<c10d::ProcessGroupWrapper>(g.pg, helper);
    }
  } catch (const std::exception& e) {
    RethrowConnectError(e, size);
  }
  if (barrierCount > 0) StoreBarrier(parent, name, barrierRank, barrierCount, timeout);
  SetSequenceNumber(*g.pg);
#endif
  return g;
}

// Whether new_group ranks outside the group still take part in its store barrier (1.13 does).
constexpr bool kSubgroupBarrierForAll = !TN_TORCH_AT_LEAST(2, 0);

// c10d's Reducer made as Python's DistributedDataParallel makes it in this version: buckets from
// compute_bucket_assignment_by_size (one bucket until the first rebuild unless unused parameters are
// searched for), reversed, then the constructor of this version. The first bucket is 1 MiB
// (dist._DEFAULT_FIRST_BUCKET_BYTES); 2.x makes it bucketBytesCap when the user chose that.
template <typename Reducer = c10d::Reducer>
std::shared_ptr<Reducer> NewReducer(std::vector<at::Tensor> params, c10::intrusive_ptr<c10d::ProcessGroup> pg,
                         int64_t bucketBytesCap, bool capIsDefault, bool findUnused,
                         bool gradientAsBucketView) {
#if TN_TORCH_AT_LEAST(2, 0)
  const int64_t firstBucketBytesCap = capIsDefault ? 1024 * 1024 : bucketBytesCap;
#else
  const int64_t firstBucketBytesCap = 1024 * 1024;
#endif
  std::vector<size_t> limits;
  if (!findUnused) limits = {std::numeric_limits<size_t>::max()};
  else if (firstBucketBytesCap < bucketBytesCap) limits = {static_cast<size_t>(firstBucketBytesCap), static_cast<size_t>(bucketBytesCap)};
  else limits = {static_cast<size_t>(bucketBytesCap)};
  std::vector<bool> sparse(params.size(), false);
  auto [buckets, perBucketLimits] = c10d::compute_bucket_assignment_by_size(params, limits, sparse);
  std::reverse(buckets.begin(), buckets.end());
  std::reverse(perBucketLimits.begin(), perBucketLimits.end());
  // Up to 2.6 at least the constructor takes the per-bucket limits; 2.14's drops them and adds four
  // trailing options. Told apart by the constructor itself.
  using Names = std::unordered_map<size_t, std::string>;
  if constexpr (std::is_constructible_v<Reducer, std::vector<at::Tensor>, std::vector<std::vector<size_t>>, std::vector<size_t>,
                                        c10::intrusive_ptr<c10d::ProcessGroup>, std::vector<bool>, int64_t, bool, bool, Names, int64_t>) {
    return std::make_shared<Reducer>(std::move(params), std::move(buckets), std::move(perBucketLimits), std::move(pg),
                                     std::move(sparse), bucketBytesCap, findUnused, gradientAsBucketView, Names{},
                                     firstBucketBytesCap);
  } else {
    return std::make_shared<Reducer>(std::move(params), std::move(buckets), std::move(pg), std::move(sparse), bucketBytesCap,
                                     findUnused, gradientAsBucketView, Names{}, firstBucketBytesCap,
                                     /*skip_all_reduce_unused_params=*/false, /*use_python_reducer=*/false,
                                     /*bucket_bytes_cap_list=*/std::vector<int64_t>{});
  }
}

}  // namespace tn::compat
#endif
