// torch.cuda beyond tensors: devices, streams, events and the caching allocator's memory statistics.
// Compiled against c10_cuda only where libtorch is a CUDA build (CMakeLists.txt defines
// TORCH_NODE_CUDA); a CPU build answers every call with PyTorch's "Torch not compiled with CUDA enabled".
#include "common.h"
#ifdef TORCH_NODE_CUDA
#include <ATen/cuda/CUDAContext.h>
#include <ATen/cuda/CUDAEvent.h>
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAFunctions.h>
#include <c10/cuda/CUDAStream.h>
#endif

namespace tn {
namespace {

#ifdef TORCH_NODE_CUDA
using c10::cuda::CUDAStream;

c10::DeviceIndex DeviceIndexArg(const Napi::Value& v) {
  if (v.IsUndefined() || v.IsNull()) return c10::cuda::current_device();
  const int64_t i = v.As<Napi::Number>().Int64Value();
  if (i < 0 || i >= c10::cuda::device_count())
    throw ArgError("Invalid device " + std::to_string(i) + ": this machine has " + std::to_string(c10::cuda::device_count()) + " CUDA devices");
  return static_cast<c10::DeviceIndex>(i);
}

// A stream travels to JS as its generic c10::Stream (device + id), which rebuilds the CUDAStream.
struct StreamBox {
  c10::Stream stream;
};
void FinalizeStream(node_api_basic_env, void* data, void*) { delete static_cast<StreamBox*>(data); }
napi_value WrapStream(napi_env env, const CUDAStream& s) {
  return NewHandle(env, new StreamBox{s.unwrap()}, FinalizeStream, HandleKind::CudaStream);
}
CUDAStream StreamOf(napi_env env, const Napi::Value& v) {
  return CUDAStream(CUDAStream::UNCHECKED, HandleArg<StreamBox>(env, v, HandleKind::CudaStream, "a torch.cuda.Stream").stream);
}

struct EventBox {
  at::cuda::CUDAEvent event;
};
void FinalizeEvent(node_api_basic_env, void* data, void*) { delete static_cast<EventBox*>(data); }
at::cuda::CUDAEvent& EventOf(napi_env env, const Napi::Value& v) {
  return HandleArg<EventBox>(env, v, HandleKind::CudaEvent, "a torch.cuda.Event").event;
}

// cudaStream(op, ...): one entry for the stream calls, as the JS class needs few.
//   'new' (device, highPriority) | 'current' (device) | 'default' (device) | 'set' (s)
//   'synchronize' (s) | 'query' (s) | 'wait' (s, other) | 'info' (s) -> { device, id, priority }
Napi::Value CudaStream(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return GuardN(info, "torch.cuda.Stream", [&]() -> napi_value {
    const std::string op = info[0].As<Napi::String>().Utf8Value();
    if (op == "new") return WrapStream(env, c10::cuda::getStreamFromPool(info[2].ToBoolean().Value(), DeviceIndexArg(info[1])));
    if (op == "current") return WrapStream(env, c10::cuda::getCurrentCUDAStream(DeviceIndexArg(info[1])));
    if (op == "default") return WrapStream(env, c10::cuda::getDefaultCUDAStream(DeviceIndexArg(info[1])));
    auto s = StreamOf(env, info[1]);
    if (op == "set") c10::cuda::setCurrentCUDAStream(s);
    else if (op == "synchronize") s.synchronize();
    else if (op == "query") return Napi::Boolean::New(env, s.query());
    else if (op == "wait") {
      // this stream waits for everything queued on `other` so far (Stream.wait_stream)
      at::cuda::CUDAEvent e;
      e.record(StreamOf(env, info[2]));
      e.block(s);
    } else if (op == "info") {
      auto o = Napi::Object::New(env);
      o.Set("device", static_cast<int>(s.device_index()));
      o.Set("id", static_cast<double>(s.id()));
      o.Set("priority", s.priority());
      return o;
    } else throw ArgError("unknown stream operation " + op);
    return env.Undefined();
  });
}

// cudaEvent(op, ...): 'new' (enableTiming, blocking) | 'record' (e, stream) | 'wait' (e, stream) |
// 'synchronize' (e) | 'query' (e) | 'elapsed' (e, end) -> milliseconds
Napi::Value CudaEvent(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return GuardN(info, "torch.cuda.Event", [&]() -> napi_value {
    const std::string op = info[0].As<Napi::String>().Utf8Value();
    if (op == "new") {
      unsigned flags = info[1].ToBoolean().Value() ? cudaEventDefault : cudaEventDisableTiming;
      if (info[2].ToBoolean().Value()) flags |= cudaEventBlockingSync;
      return NewHandle(env, new EventBox{at::cuda::CUDAEvent(flags)}, FinalizeEvent, HandleKind::CudaEvent);
    }
    auto& e = EventOf(env, info[1]);
    if (op == "record") e.record(info[2].IsUndefined() || info[2].IsNull() ? c10::cuda::getCurrentCUDAStream() : StreamOf(env, info[2]));
    else if (op == "wait") e.block(info[2].IsUndefined() || info[2].IsNull() ? c10::cuda::getCurrentCUDAStream() : StreamOf(env, info[2]));
    else if (op == "synchronize") e.synchronize();
    else if (op == "query") return Napi::Boolean::New(env, e.query());
    else if (op == "elapsed") return Napi::Number::New(env, e.elapsed_time(EventOf(env, info[2])));
    else throw ArgError("unknown event operation " + op);
    return env.Undefined();
  });
}

// cudaMemory(op, device): 'stats' -> the caching allocator's counters (aggregate pool) |
// 'resetPeak' | 'emptyCache'
Napi::Value CudaMemory(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return GuardN(info, "torch.cuda.memory", [&]() -> napi_value {
    const std::string op = info[0].As<Napi::String>().Utf8Value();
    namespace alloc = c10::cuda::CUDACachingAllocator;
    if (op == "emptyCache") {
      alloc::emptyCache();
      return env.Undefined();
    }
    const auto device = DeviceIndexArg(info[1]);
    if (op == "resetPeak") {
      alloc::resetPeakStats(device);
      return env.Undefined();
    }
    const auto stats = alloc::getDeviceStats(device);
    constexpr size_t kAll = 0;  // StatType::AGGREGATE, the "all" pool in Python's memory_stats()
    auto o = Napi::Object::New(env);
    auto put = [&](const char* name, const auto& array) {
      o.Set(std::string(name) + ".all.current", static_cast<double>(array[kAll].current));
      o.Set(std::string(name) + ".all.peak", static_cast<double>(array[kAll].peak));
      o.Set(std::string(name) + ".all.allocated", static_cast<double>(array[kAll].allocated));
      o.Set(std::string(name) + ".all.freed", static_cast<double>(array[kAll].freed));
    };
    put("allocation", stats.allocation);
    put("segment", stats.segment);
    put("active", stats.active);
    put("allocated_bytes", stats.allocated_bytes);
    put("reserved_bytes", stats.reserved_bytes);
    put("active_bytes", stats.active_bytes);
    o.Set("num_alloc_retries", static_cast<double>(stats.num_alloc_retries));
    o.Set("num_ooms", static_cast<double>(stats.num_ooms));
    return o;
  });
}

// cudaDevice(op, device): 'current' | 'set' | 'properties' -> { name, totalMemory, major, minor, multiProcessorCount }
Napi::Value CudaDevice(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  return GuardN(info, "torch.cuda", [&]() -> napi_value {
    const std::string op = info[0].As<Napi::String>().Utf8Value();
    if (op == "current") return Napi::Number::New(env, c10::cuda::current_device());
    const auto device = DeviceIndexArg(info[1]);
    if (op == "set") {
      c10::cuda::set_device(device);
      return env.Undefined();
    }
    const cudaDeviceProp* p = at::cuda::getDeviceProperties(device);
    auto o = Napi::Object::New(env);
    o.Set("name", std::string(p->name));
    o.Set("totalMemory", static_cast<double>(p->totalGlobalMem));
    o.Set("major", p->major);
    o.Set("minor", p->minor);
    o.Set("multiProcessorCount", p->multiProcessorCount);
    return o;
  });
}
#else
Napi::Value NotCompiled(const Napi::CallbackInfo& info) {
  return GuardN(info, "torch.cuda", [&]() -> napi_value { throw std::runtime_error("Torch not compiled with CUDA enabled"); });
}
#endif

}  // namespace

void InitCuda(Napi::Env env, Napi::Object exports) {
#ifdef TORCH_NODE_CUDA
  exports.Set("cudaBuilt", Napi::Boolean::New(env, true));
  exports.Set("cudaVersion", std::to_string(CUDA_VERSION / 1000) + "." + std::to_string(CUDA_VERSION % 1000 / 10));
  exports.Set("cudaStream", Napi::Function::New(env, CudaStream));
  exports.Set("cudaEvent", Napi::Function::New(env, CudaEvent));
  exports.Set("cudaMemory", Napi::Function::New(env, CudaMemory));
  exports.Set("cudaDevice", Napi::Function::New(env, CudaDevice));
#else
  exports.Set("cudaBuilt", Napi::Boolean::New(env, false));
  for (const char* name : {"cudaStream", "cudaEvent", "cudaMemory", "cudaDevice"}) exports.Set(name, Napi::Function::New(env, NotCompiled));
#endif
}

}  // namespace tn
