// A cache of small CPU data blocks in front of libtorch's CPU allocator. Every op that makes a small
// tensor allocates its data with posix_memalign (64-byte alignment), glibc's slowest path: no
// per-thread cache, a split of an oversized chunk and a free of the remainders, each time. Node frees
// those blocks in bursts (a GC drops thousands of results at once), which costs more again. Blocks up
// to kMaxCached bytes are kept in size classes of 64 bytes instead, each class bounded, so a loop of
// small ops reuses the blocks the previous iterations dropped (as PyTorch's CUDA caching allocator
// does for device memory). Larger requests, and everything past a class's bound, go to the allocator
// this one replaced. Installed once per process (c10::SetCPUAllocator is process-wide, and workers
// share it); thread-safe, since libtorch's intra-op threads and the DataLoader's workers allocate too.
#include "common.h"
#include "compat.h"

#include <c10/core/CPUAllocator.h>
#include <c10/core/impl/alloc_cpu.h>

#include <array>
#include <atomic>
#include <mutex>
#include <thread>
#include <utility>

namespace tn {

namespace {

constexpr size_t kGranule = 64;  // c10's CPU alignment, and the class width
constexpr size_t kMaxCached = kSmallBlockBytes;
constexpr size_t kClasses = kMaxCached / kGranule;
constexpr size_t kClassBytesMax = 256 << 10;  // per class: at most 16 MiB held over all classes

struct SizeClass {
  std::atomic_flag busy = ATOMIC_FLAG_INIT;
  std::vector<void*> blocks;
};
// leaked on purpose, as the allocator is: a tensor freed during process exit, after static
// destructors have run, still finds its class
SizeClass* const classes = new SizeClass[kClasses];

// a spin lock: held for a push or a pop, and contended only by libtorch's and the DataLoader's threads
struct Lock {
  explicit Lock(SizeClass& c) : c_(c) {
    while (c_.busy.test_and_set(std::memory_order_acquire)) std::this_thread::yield();
  }
  ~Lock() { c_.busy.clear(std::memory_order_release); }
  SizeClass& c_;
};

// A deleter receives only the block, so each class has its own (data and context stay the same
// pointer, which libtorch's copy-on-write and raw_allocate expect).
template <size_t K>
void Release(void* p) {
  SizeClass& c = classes[K];
  {
    Lock lock(c);
    if (c.blocks.size() < kClassBytesMax / ((K + 1) * kGranule)) {
      c.blocks.push_back(p);
      return;
    }
  }
  c10::free_cpu(p);
}

template <size_t... K>
constexpr std::array<c10::DeleterFnPtr, kClasses> Releasers(std::index_sequence<K...>) {
  return {&Release<K>...};
}
constexpr auto kRelease = Releasers(std::make_index_sequence<kClasses>());

class CachingCpuAllocator final : public c10::Allocator {
 public:
  explicit CachingCpuAllocator(c10::Allocator* fallback) : fallback_(fallback) {}

#if TN_TORCH_AT_LEAST(2, 3)
  c10::DataPtr allocate(size_t n) override { return Allocate(n); }
  void copy_data(void* dest, const void* src, std::size_t count) const override { default_copy_data(dest, src, count); }
#else
  c10::DataPtr allocate(size_t n) const override { return Allocate(n); }
#endif
  // every cached block came from c10::alloc_cpu, so c10::free_cpu may also release it
  c10::DeleterFnPtr raw_deleter() const override { return &c10::free_cpu; }

 private:
  c10::DataPtr Allocate(size_t n) const {
    if (n == 0 || n > kMaxCached) return fallback_->allocate(n);
    const size_t k = (n - 1) / kGranule;
    void* p = nullptr;
    {
      Lock lock(classes[k]);
      if (!classes[k].blocks.empty()) {
        p = classes[k].blocks.back();
        classes[k].blocks.pop_back();
      }
    }
    if (!p) p = c10::alloc_cpu((k + 1) * kGranule);
    return {p, p, kRelease[k], c10::Device(c10::DeviceType::CPU)};
  }

  c10::Allocator* fallback_;
};

}  // namespace

void InstallCpuAllocator() {
  static std::once_flag once;
  std::call_once(once, [] {
    // leaked on purpose: tensors freed during process exit still call into it
    c10::SetCPUAllocator(new CachingCpuAllocator(c10::GetCPUAllocator()), /*priority=*/1);
  });
}

}  // namespace tn
