// The native DataLoader path: for built-in datasets (an N×H×W×C uint8 tensor of images and their
// targets) and built-in transforms, batches are read, augmented, converted and collated on C++
// worker threads and prefetched; JS only receives finished batch tensors. Each sample's random
// stream is seeded from (epoch seed, batch number, place in batch), so results do not depend on
// numWorkers, and a sample drawn twice in an epoch is augmented twice independently.
#include "common.h"
#include "image_codec.h"
#include "vision.h"
#include "pil_resample.h"
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <random>
#include <thread>

namespace tn {

struct Op {
  enum Kind { HFlip, VFlip, Crop, CenterCrop, ToTensor, Normalize, Resize, ResizedCrop, Affine, ColorJitter, Blur, Sharpness } kind;
  double p = 0;
  int64_t h = 0, w = 0;
  int64_t pad[4] = {0, 0, 0, 0};  // left, top, right, bottom
  int mode = 0;                   // 0 constant, 1 edge, 2 reflect, 3 symmetric
  double fill = 0;
  bool padIfNeeded = false;
  std::vector<float> mean, std;
  // Resize / RandomResizedCrop (vision::Resize)
  std::vector<int64_t> size;  // [s] (smaller edge) or [h, w]
  int64_t maxSize = 0;
  int interp = 0;
  bool antialias = false;
  std::vector<double> scale, ratio, logRatio;
  // RandomRotation / RandomAffine (vision::Affine)
  bool rotate = false;
  std::vector<double> degrees, translate, scaleRange, shear, center, fills;
  vision::AffineSpec affine;
  // ColorJitter: [min, max] per adjustment, empty when off; GaussianBlur
  std::vector<double> ranges[4];
  std::vector<double> sigma;
  int64_t kx = 0, ky = 0;
  double factor = 0;  // RandomAdjustSharpness
};

// An image being transformed: uint8 H×W×C before ToTensor, float C×H×W after.
struct Work {
  int64_t h, w, c;
  std::vector<uint8_t> u8;  // HWC
  std::vector<float> f;     // CHW
  bool isFloat = false;
};

static int64_t Reflect(int64_t i, int64_t n, int mode) {
  // index into [0, n) for a padded coordinate, as numpy/PIL pad modes do
  if (mode == 1) return std::min(std::max<int64_t>(i, 0), n - 1);
  if (n == 1) return 0;
  if (mode == 2) {  // reflect (edge not repeated)
    int64_t period = 2 * (n - 1);
    i = ((i % period) + period) % period;
    return i < n ? i : period - i;
  }
  int64_t period = 2 * n;  // symmetric (edge repeated)
  i = ((i % period) + period) % period;
  return i < n ? i : period - 1 - i;
}

static void Pad(Work& x, const int64_t pad[4], int mode, double fill) {
  int64_t H = x.h + pad[1] + pad[3], W = x.w + pad[0] + pad[2];
  if (x.isFloat) {
    std::vector<float> out(x.c * H * W);
    for (int64_t ch = 0; ch < x.c; ++ch)
      for (int64_t y = 0; y < H; ++y)
        for (int64_t xx = 0; xx < W; ++xx) {
          int64_t sy = y - pad[1], sx = xx - pad[0];
          bool inside = sy >= 0 && sy < x.h && sx >= 0 && sx < x.w;
          out[(ch * H + y) * W + xx] = inside ? x.f[(ch * x.h + sy) * x.w + sx]
                                      : mode == 0 ? static_cast<float>(fill)
                                                  : x.f[(ch * x.h + Reflect(sy, x.h, mode)) * x.w + Reflect(sx, x.w, mode)];
        }
    x.f.swap(out);
  } else {
    std::vector<uint8_t> out(H * W * x.c);
    for (int64_t y = 0; y < H; ++y)
      for (int64_t xx = 0; xx < W; ++xx)
        for (int64_t ch = 0; ch < x.c; ++ch) {
          int64_t sy = y - pad[1], sx = xx - pad[0];
          bool inside = sy >= 0 && sy < x.h && sx >= 0 && sx < x.w;
          out[(y * W + xx) * x.c + ch] = inside ? x.u8[(sy * x.w + sx) * x.c + ch]
                                        : mode == 0 ? static_cast<uint8_t>(fill)
                                                    : x.u8[(Reflect(sy, x.h, mode) * x.w + Reflect(sx, x.w, mode)) * x.c + ch];
        }
    x.u8.swap(out);
  }
  x.h = H;
  x.w = W;
}

static void CropAt(Work& x, int64_t top, int64_t left, int64_t h, int64_t w) {
  if (x.isFloat) {
    std::vector<float> out(x.c * h * w);
    for (int64_t ch = 0; ch < x.c; ++ch)
      for (int64_t y = 0; y < h; ++y)
        std::memcpy(&out[(ch * h + y) * w], &x.f[(ch * x.h + top + y) * x.w + left], w * sizeof(float));
    x.f.swap(out);
  } else {
    std::vector<uint8_t> out(h * w * x.c);
    for (int64_t y = 0; y < h; ++y) std::memcpy(&out[y * w * x.c], &x.u8[((top + y) * x.w + left) * x.c], w * x.c);
    x.u8.swap(out);
  }
  x.h = h;
  x.w = w;
}

static void Flip(Work& x, bool horizontal) {
  if (x.isFloat) {
    for (int64_t ch = 0; ch < x.c; ++ch)
      for (int64_t y = 0; y < (horizontal ? x.h : x.h / 2); ++y)
        for (int64_t xx = 0; xx < (horizontal ? x.w / 2 : x.w); ++xx) {
          int64_t y2 = horizontal ? y : x.h - 1 - y, x2 = horizontal ? x.w - 1 - xx : xx;
          std::swap(x.f[(ch * x.h + y) * x.w + xx], x.f[(ch * x.h + y2) * x.w + x2]);
        }
  } else {
    for (int64_t y = 0; y < (horizontal ? x.h : x.h / 2); ++y)
      for (int64_t xx = 0; xx < (horizontal ? x.w / 2 : x.w); ++xx)
        for (int64_t ch = 0; ch < x.c; ++ch) {
          int64_t y2 = horizontal ? y : x.h - 1 - y, x2 = horizontal ? x.w - 1 - xx : xx;
          std::swap(x.u8[(y * x.w + xx) * x.c + ch], x.u8[(y2 * x.w + x2) * x.c + ch]);
        }
  }
}

// The shared torchvision kernels (vision.cc) take C×H×W tensors: view the work as one, and back.
static at::Tensor AsTensor(Work& x) {
  if (x.isFloat) return at::from_blob(x.f.data(), {x.c, x.h, x.w}, at::kFloat);
  return at::from_blob(x.u8.data(), {x.h, x.w, x.c}, at::kByte).permute({2, 0, 1});
}
static void FromTensor(Work& x, const at::Tensor& chw) {
  x.c = chw.size(0), x.h = chw.size(1), x.w = chw.size(2);
  if (x.isFloat) {
    auto t = chw.contiguous();
    x.f.assign(t.data_ptr<float>(), t.data_ptr<float>() + t.numel());
  } else {
    auto t = chw.permute({1, 2, 0}).contiguous();
    x.u8.assign(t.data_ptr<uint8_t>(), t.data_ptr<uint8_t>() + t.numel());
  }
}

// Before ToTensor a sample is an image (what torchvision's datasets give as a PIL image): resize,
// rotate and affine run PIL's resampling on it, as torchvision does.
static at::Tensor AsImage(Work& x) { return at::from_blob(x.u8.data(), {x.h, x.w, x.c}, at::kByte); }
static void FromImage(Work& x, const at::Tensor& hwc) {
  x.h = hwc.size(0), x.w = hwc.size(1), x.c = hwc.size(2);
  x.u8.assign(hwc.data_ptr<uint8_t>(), hwc.data_ptr<uint8_t>() + hwc.numel());
}
static void ResizeTo(Work& x, int64_t h, int64_t w, int interp, bool antialias) {
  if (x.isFloat) FromTensor(x, vision::Resize(AsTensor(x), h, w, interp, antialias));
  else FromImage(x, pil::Resize(AsImage(x), h, w, pil::FilterOf(interp)));
}

static double Uniform(std::mt19937_64& rng, double lo, double hi) {
  return lo == hi ? lo : std::uniform_real_distribution<double>(lo, hi)(rng);
}
static int64_t RandInt(std::mt19937_64& rng, int64_t lo, int64_t hi) {  // [lo, hi]
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}

// torchvision's RandomResizedCrop.get_params, drawing from this sample's generator
static std::array<int64_t, 4> ResizedCropBox(const Op& op, int64_t height, int64_t width, std::mt19937_64& rng) {
  const double area = static_cast<double>(height * width);
  for (int attempt = 0; attempt < 10; ++attempt) {
    const double target = area * Uniform(rng, op.scale[0], op.scale[1]);
    const double aspect = std::exp(Uniform(rng, op.logRatio[0], op.logRatio[1]));
    const auto w = static_cast<int64_t>(std::nearbyint(std::sqrt(target * aspect)));
    const auto h = static_cast<int64_t>(std::nearbyint(std::sqrt(target / aspect)));
    if (w > 0 && w <= width && h > 0 && h <= height) return {RandInt(rng, 0, height - h), RandInt(rng, 0, width - w), h, w};
  }
  const double inRatio = static_cast<double>(width) / height;
  const double lo = std::min(op.ratio[0], op.ratio[1]), hi = std::max(op.ratio[0], op.ratio[1]);
  int64_t w = width, h = height;
  if (inRatio < lo) h = static_cast<int64_t>(std::nearbyint(w / lo));
  else if (inRatio > hi) w = static_cast<int64_t>(std::nearbyint(h * hi));
  return {(height - h) / 2, (width - w) / 2, h, w};
}

static void Apply(const Op& op, Work& x, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  switch (op.kind) {
    case Op::HFlip: if (unit(rng) < op.p) Flip(x, true); break;
    case Op::VFlip: if (unit(rng) < op.p) Flip(x, false); break;
    case Op::Crop: {
      if (op.pad[0] || op.pad[1] || op.pad[2] || op.pad[3]) Pad(x, op.pad, op.mode, op.fill);
      if (op.padIfNeeded && x.w < op.w) { int64_t p[4] = {op.w - x.w, 0, op.w - x.w, 0}; Pad(x, p, op.mode, op.fill); }
      if (op.padIfNeeded && x.h < op.h) { int64_t p[4] = {0, op.h - x.h, 0, op.h - x.h}; Pad(x, p, op.mode, op.fill); }
      if (x.h < op.h || x.w < op.w)
        throw std::runtime_error("Required crop size (" + std::to_string(op.h) + ", " + std::to_string(op.w) +
                                 ") is larger than input image size (" + std::to_string(x.h) + ", " + std::to_string(x.w) + ")");
      int64_t top = std::uniform_int_distribution<int64_t>(0, x.h - op.h)(rng);
      int64_t left = std::uniform_int_distribution<int64_t>(0, x.w - op.w)(rng);
      CropAt(x, top, left, op.h, op.w);
      break;
    }
    case Op::CenterCrop: {
      if (x.h < op.h || x.w < op.w) throw std::runtime_error("CenterCrop larger than the image is not supported on the native path");
      auto half = [](int64_t d) { return static_cast<int64_t>(std::nearbyint(d / 2.0)); };  // round half to even
      CropAt(x, half(x.h - op.h), half(x.w - op.w), op.h, op.w);
      break;
    }
    case Op::ToTensor: {
      x.f.resize(x.c * x.h * x.w);
      for (int64_t y = 0; y < x.h; ++y)
        for (int64_t xx = 0; xx < x.w; ++xx)
          for (int64_t ch = 0; ch < x.c; ++ch) x.f[(ch * x.h + y) * x.w + xx] = x.u8[(y * x.w + xx) * x.c + ch] / 255.0f;
      x.u8.clear();
      x.isFloat = true;
      break;
    }
    case Op::Normalize:
      // as the tensor broadcast does in torchvision: one value, or one per channel
      for (const auto* v : {&op.mean, &op.std}) {
        const auto n = static_cast<int64_t>(v->size());
        if (n != 1 && n != x.c)
          throw std::runtime_error("The size of tensor a (" + std::to_string(x.c) + ") must match the size of tensor b (" + std::to_string(n) +
                                   ") at non-singleton dimension 0 (Normalize's mean/std against the image's channels)");
      }
      for (int64_t ch = 0; ch < x.c; ++ch) {
        float m = op.mean[op.mean.size() == 1 ? 0 : ch], s = op.std[op.std.size() == 1 ? 0 : ch];
        for (int64_t i = 0; i < x.h * x.w; ++i) x.f[ch * x.h * x.w + i] = (x.f[ch * x.h * x.w + i] - m) / s;
      }
      break;
    case Op::Resize: {
      auto hw = op.size.size() == 2 ? std::array<int64_t, 2>{op.size[0], op.size[1]} : vision::ResizedSize(x.h, x.w, op.size[0], op.maxSize);
      if (hw[0] != x.h || hw[1] != x.w) ResizeTo(x, hw[0], hw[1], op.interp, op.antialias);
      break;
    }
    case Op::ResizedCrop: {
      auto box = ResizedCropBox(op, x.h, x.w, rng);
      CropAt(x, box[0], box[1], box[2], box[3]);
      if (x.h != op.h || x.w != op.w) ResizeTo(x, op.h, op.w, op.interp, op.antialias);
      break;
    }
    case Op::Affine: {  // RandomRotation / RandomAffine.get_params, then torchvision's affine kernel
      vision::AffineSpec spec = op.affine;
      const double angle = Uniform(rng, op.degrees[0], op.degrees[1]);
      spec.angle = op.rotate ? -angle : angle;
      if (!op.translate.empty()) {
        const double maxDx = op.translate[0] * x.w, maxDy = op.translate[1] * x.h;
        spec.tx = std::nearbyint(Uniform(rng, -maxDx, maxDx));
        spec.ty = std::nearbyint(Uniform(rng, -maxDy, maxDy));
      }
      if (!op.scaleRange.empty()) spec.scale = Uniform(rng, op.scaleRange[0], op.scaleRange[1]);
      if (!op.shear.empty()) {
        spec.shearX = Uniform(rng, op.shear[0], op.shear[1]);
        if (op.shear.size() == 4) spec.shearY = Uniform(rng, op.shear[2], op.shear[3]);
      }
      if (spec.fill.size() == 1) spec.fill.assign(x.c, spec.fill[0]);
      spec.rotate = op.rotate;
      if (!x.isFloat && !spec.border) FromImage(x, pil::Affine(AsImage(x), spec));
      else FromTensor(x, vision::Affine(AsTensor(x), spec));
      break;
    }
    case Op::ColorJitter: {  // ColorJitter.get_params: a random order, then a factor per adjustment that is on
      std::array<int, 4> order{0, 1, 2, 3};
      std::shuffle(order.begin(), order.end(), rng);
      double factor[4];
      for (int k = 0; k < 4; ++k) factor[k] = op.ranges[k].empty() ? 0 : Uniform(rng, op.ranges[k][0], op.ranges[k][1]);
      at::Tensor t = AsTensor(x);
      for (int k : order) {
        if (op.ranges[k].empty()) continue;
        t = k == 0 ? vision::AdjustBrightness(t, factor[k]) : k == 1 ? vision::AdjustContrast(t, factor[k])
          : k == 2 ? vision::AdjustSaturation(t, factor[k]) : vision::AdjustHue(t, factor[k]);
      }
      FromTensor(x, t);
      break;
    }
    case Op::Sharpness:  // RandomAdjustSharpness: PIL's ImageEnhance on an image, torchvision's kernel on a tensor
      if (unit(rng) < op.p) {
        if (x.isFloat) FromTensor(x, vision::AdjustSharpness(AsTensor(x), op.factor));
        else FromImage(x, pil::Sharpness(AsImage(x), op.factor));
      }
      break;
    case Op::Blur: {
      const double sigma = Uniform(rng, op.sigma[0], op.sigma[1]);
      FromTensor(x, vision::GaussianBlur(AsTensor(x), op.kx, op.ky, sigma, sigma));
      break;
    }
  }
}

// splitmix64: decorrelates neighbouring seeds before they reach the Mersenne twister
static uint64_t SplitMix(uint64_t z) {
  z += 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

struct Batch {
  at::Tensor inputs, labels;
  std::string error;
  bool ready = false;
};

struct LoaderRun {
  at::Tensor images, targets;      // N×H×W×C uint8 (or undefined when reading files), N int64
  std::vector<std::string> files;  // image files decoded to RGB on the workers (ImageFolder)
  std::vector<std::vector<int64_t>> batches;
  std::vector<Op> ops;
  uint64_t seed = 0;
  size_t prefetch = 2;
  bool pinMemory = false;  // batches go straight into page-locked memory, ready for a non-blocking copy to the GPU
  std::mutex mu;
  std::condition_variable cv;
  std::deque<Batch> slots;  // slots[i] holds batch (consumed + i)
  size_t consumed = 0, nextToStart = 0;
  bool stopping = false;
  std::vector<std::thread> workers;

  Batch Make(size_t b) {
    Batch out;
    try {
      const auto& idx = batches[b];
      std::vector<Work> done;
      for (size_t k = 0; k < idx.size(); ++k) {
        const int64_t i = idx[k];
        Work x{};
        if (!files.empty()) {
          auto img = codec::ReadFile(files[i], codec::kRGB);
          x.h = img.size(0), x.w = img.size(1), x.c = img.size(2);
          x.u8.assign(img.data_ptr<uint8_t>(), img.data_ptr<uint8_t>() + img.numel());
        } else {
          x.h = images.size(1), x.w = images.size(2), x.c = images.size(3);
          const uint8_t* base = images.data_ptr<uint8_t>() + i * x.h * x.w * x.c;
          x.u8.assign(base, base + x.h * x.w * x.c);
        }
        std::mt19937_64 rng(SplitMix(seed + SplitMix(static_cast<uint64_t>(b) * 0x100000001B3ull + k)));
        for (const Op& op : ops) Apply(op, x, rng);
        done.push_back(std::move(x));
      }
      const Work& f = done.front();
      auto shape = [](const Work& x) {
        auto d = x.isFloat ? std::vector<int64_t>{x.c, x.h, x.w} : std::vector<int64_t>{x.h, x.w, x.c};
        return "[" + std::to_string(d[0]) + ", " + std::to_string(d[1]) + ", " + std::to_string(d[2]) + "]";
      };
      for (size_t k = 1; k < done.size(); ++k)
        if (done[k].h != f.h || done[k].w != f.w || done[k].c != f.c)
          throw std::runtime_error("stack expects each tensor to be equal size, but got " + shape(f) + " at entry 0 and " + shape(done[k]) +
                                   " at entry " + std::to_string(k) + " (resize or crop images to one size)");
      const auto pinned = at::TensorOptions().pinned_memory(pinMemory);
      if (f.isFloat) {
        out.inputs = at::empty({static_cast<int64_t>(done.size()), f.c, f.h, f.w}, pinned.dtype(at::kFloat));
        float* dst = out.inputs.data_ptr<float>();
        for (size_t k = 0; k < done.size(); ++k) std::memcpy(dst + k * f.f.size(), done[k].f.data(), f.f.size() * sizeof(float));
      } else {
        out.inputs = at::empty({static_cast<int64_t>(done.size()), f.h, f.w, f.c}, pinned.dtype(at::kByte));
        uint8_t* dst = out.inputs.data_ptr<uint8_t>();
        for (size_t k = 0; k < done.size(); ++k) std::memcpy(dst + k * f.u8.size(), done[k].u8.data(), f.u8.size());
      }
      out.labels = targets.index_select(0, at::tensor(idx, at::kLong));
      if (pinMemory) out.labels = out.labels.pin_memory();
    } catch (const std::exception& e) {
      out.error = e.what();
    }
    out.ready = true;
    return out;
  }

  void Worker() {
    for (;;) {
      size_t b;
      {
        std::unique_lock<std::mutex> lock(mu);
        cv.wait(lock, [&] { return stopping || (nextToStart < batches.size() && nextToStart < consumed + prefetch); });
        if (stopping) return;
        b = nextToStart++;
        if (slots.size() < b - consumed + 1) slots.resize(b - consumed + 1);
      }
      Batch made = Make(b);
      std::lock_guard<std::mutex> lock(mu);
      if (b >= consumed && b - consumed < slots.size()) slots[b - consumed] = std::move(made);
      cv.notify_all();
    }
  }

  void Start(size_t numWorkers) {
    prefetch = std::max<size_t>(prefetch, 1) * std::max<size_t>(numWorkers, 1);
    for (size_t i = 0; i < numWorkers; ++i) workers.emplace_back([this] { Worker(); });
  }

  // Blocks until the next batch is made; false when the epoch is over.
  bool Next(Batch* out) {
    std::unique_lock<std::mutex> lock(mu);
    if (consumed >= batches.size()) return false;
    if (workers.empty()) {  // numWorkers 0: make it here
      lock.unlock();
      *out = Make(consumed);
      lock.lock();
      ++consumed;
      ++nextToStart;
      return true;
    }
    cv.wait(lock, [&] { return !slots.empty() && slots.front().ready; });
    *out = std::move(slots.front());
    slots.pop_front();
    ++consumed;
    cv.notify_all();
    return true;
  }

  ~LoaderRun() {
    {
      std::lock_guard<std::mutex> lock(mu);
      stopping = true;
    }
    cv.notify_all();
    for (auto& t : workers) t.join();
  }
};

static void FinalizeRun(node_api_basic_env, void* data, void*) { delete static_cast<LoaderRun*>(data); }

static std::vector<float> Floats(Napi::Value v) {
  std::vector<float> out;
  auto a = v.As<Napi::Array>();
  for (uint32_t i = 0; i < a.Length(); ++i) out.push_back(a.Get(i).As<Napi::Number>().FloatValue());
  return out;
}
// a JS number array, or empty for null / undefined
static std::vector<double> Doubles(Napi::Value v) {
  std::vector<double> out;
  if (!v.IsArray()) return out;
  auto a = v.As<Napi::Array>();
  for (uint32_t i = 0; i < a.Length(); ++i) out.push_back(a.Get(i).As<Napi::Number>().DoubleValue());
  return out;
}
static int64_t Int(Napi::Object o, const char* key) { return o.Get(key).As<Napi::Number>().Int64Value(); }

// loaderStart({ images, targets, batches, ops, seed, numWorkers, prefetch }) -> run handle
static Napi::Value LoaderStart(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "DataLoader", [&]() -> napi_value {
    auto spec = info[0].As<Napi::Object>();
    auto run = std::make_unique<LoaderRun>();
    run->targets = TensorArg(env, spec.Get("targets"), "targets").to(at::kLong);
    int64_t count;
    if (spec.Get("files").IsArray()) {
      auto files = spec.Get("files").As<Napi::Array>();
      for (uint32_t i = 0; i < files.Length(); ++i) run->files.push_back(files.Get(i).As<Napi::String>().Utf8Value());
      count = static_cast<int64_t>(run->files.size());
    } else {
      run->images = TensorArg(env, spec.Get("images"), "images").contiguous();
      if (run->images.scalar_type() != at::kByte || run->images.dim() != 4) throw ArgError("images must be an N×H×W×C uint8 tensor");
      count = run->images.size(0);
    }
    if (run->targets.dim() != 1 || run->targets.size(0) != count) throw ArgError("targets must hold one label per image");
    auto batches = spec.Get("batches").As<Napi::Array>();
    for (uint32_t i = 0; i < batches.Length(); ++i) {
      auto b = batches.Get(i).As<Napi::Array>();
      std::vector<int64_t> idx;
      for (uint32_t j = 0; j < b.Length(); ++j) {
        int64_t k = b.Get(j).As<Napi::Number>().Int64Value();
        if (k < 0 || k >= count) throw ArgError("sample index " + std::to_string(k) + " is out of range");
        idx.push_back(k);
      }
      if (idx.empty()) throw ArgError("empty batch");
      run->batches.push_back(std::move(idx));
    }
    auto ops = spec.Get("ops").As<Napi::Array>();
    for (uint32_t i = 0; i < ops.Length(); ++i) {
      auto o = ops.Get(i).As<Napi::Object>();
      std::string kind = o.Get("kind").As<Napi::String>().Utf8Value();
      Op op{};
      if (kind == "hflip" || kind == "vflip") { op.kind = kind == "hflip" ? Op::HFlip : Op::VFlip; op.p = o.Get("p").As<Napi::Number>().DoubleValue(); }
      else if (kind == "crop" || kind == "centerCrop") {
        op.kind = kind == "crop" ? Op::Crop : Op::CenterCrop;
        op.h = o.Get("h").As<Napi::Number>().Int64Value();
        op.w = o.Get("w").As<Napi::Number>().Int64Value();
        if (kind == "crop") {
          auto pad = o.Get("pad").As<Napi::Array>();
          for (uint32_t k = 0; k < 4; ++k) op.pad[k] = pad.Get(k).As<Napi::Number>().Int64Value();
          op.mode = o.Get("mode").As<Napi::Number>().Int32Value();
          op.fill = o.Get("fill").As<Napi::Number>().DoubleValue();
          op.padIfNeeded = o.Get("padIfNeeded").ToBoolean().Value();
        }
      } else if (kind == "toTensor") op.kind = Op::ToTensor;
      else if (kind == "normalize") { op.kind = Op::Normalize; op.mean = Floats(o.Get("mean")); op.std = Floats(o.Get("std")); }
      else if (kind == "resize") {
        op.kind = Op::Resize;
        for (double v : Doubles(o.Get("size"))) op.size.push_back(static_cast<int64_t>(v));
        op.maxSize = Int(o, "maxSize"), op.interp = static_cast<int>(Int(o, "interp")), op.antialias = o.Get("antialias").ToBoolean().Value();
      } else if (kind == "resizedCrop") {
        op.kind = Op::ResizedCrop;
        op.h = Int(o, "h"), op.w = Int(o, "w"), op.interp = static_cast<int>(Int(o, "interp")), op.antialias = o.Get("antialias").ToBoolean().Value();
        op.scale = Doubles(o.Get("scale")), op.ratio = Doubles(o.Get("ratio")), op.logRatio = Doubles(o.Get("logRatio"));
      } else if (kind == "affine") {
        op.kind = Op::Affine;
        op.rotate = o.Get("rotate").ToBoolean().Value();
        op.degrees = Doubles(o.Get("degrees")), op.translate = Doubles(o.Get("translate"));
        op.scaleRange = Doubles(o.Get("scale")), op.shear = Doubles(o.Get("shear"));
        auto center = Doubles(o.Get("center"));
        op.affine.hasCenter = center.size() == 2;
        if (op.affine.hasCenter) op.affine.cx = center[0], op.affine.cy = center[1];
        op.affine.expand = o.Get("expand").ToBoolean().Value();
        op.affine.interp = static_cast<int>(Int(o, "interp"));
        op.affine.fill = Doubles(o.Get("fill"));
        op.affine.border = o.Get("border").ToBoolean().Value();
      } else if (kind == "colorJitter") {
        op.kind = Op::ColorJitter;
        auto ranges = o.Get("ranges").As<Napi::Array>();
        for (uint32_t k = 0; k < 4; ++k) op.ranges[k] = Doubles(ranges.Get(k));
      } else if (kind == "gaussianBlur") {
        op.kind = Op::Blur;
        op.kx = Int(o, "kx"), op.ky = Int(o, "ky"), op.sigma = Doubles(o.Get("sigma"));
      } else if (kind == "sharpness") {
        op.kind = Op::Sharpness;
        op.p = o.Get("p").As<Napi::Number>().DoubleValue(), op.factor = o.Get("factor").As<Napi::Number>().DoubleValue();
      }
      else throw ArgError("unknown native transform " + kind);
      run->ops.push_back(std::move(op));
    }
    bool lossless;
    run->seed = spec.Get("seed").As<Napi::BigInt>().Uint64Value(&lossless);
    run->prefetch = static_cast<size_t>(spec.Get("prefetch").As<Napi::Number>().Int64Value());
    run->pinMemory = spec.Get("pinMemory").ToBoolean().Value();
    run->Start(static_cast<size_t>(spec.Get("numWorkers").As<Napi::Number>().Int64Value()));
    auto handle = NewHandle(env, run.get(), FinalizeRun, HandleKind::LoaderRun);
    run.release();
    return handle;
  });
}

static LoaderRun* RunOf(napi_env env, napi_value v) {
  return &HandleArg<LoaderRun>(env, v, HandleKind::LoaderRun, "a DataLoader run");
}

static napi_value BatchToJs(napi_env env, Batch& b) {
  if (!b.error.empty()) throw std::runtime_error(b.error);
  napi_value arr;
  napi_create_array_with_length(env, 2, &arr);
  napi_set_element(env, arr, 0, WrapTensor(env, b.inputs));
  napi_set_element(env, arr, 1, WrapTensor(env, b.labels));
  return arr;
}

// loaderNext(run) -> [inputs, labels] | null (blocks the JS thread until the batch is ready)
static Napi::Value LoaderNext(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "DataLoader", [&]() -> napi_value {
    Batch b;
    if (!RunOf(env, info[0])->Next(&b)) return info.Env().Null();
    return BatchToJs(env, b);
  });
}

// loaderNextAsync(run) -> Promise<[inputs, labels] | null>: waits on a libuv worker thread
class NextWorker : public Napi::AsyncWorker {
 public:
  NextWorker(Napi::Env env, LoaderRun* run, Napi::Value keep)
      : Napi::AsyncWorker(env), run_(run), deferred_(Napi::Promise::Deferred::New(env)) {
    keep_ = Napi::Persistent(keep);
  }
  Napi::Promise Promise() { return deferred_.Promise(); }
  void Execute() override { more_ = run_->Next(&batch_); }
  void OnOK() override {
    if (!more_) return deferred_.Resolve(Env().Null());
    // a failed batch rejects with the TorchError loaderNext throws for it
    Settle(Env(), deferred_, "DataLoader", [&] { return BatchToJs(Env(), batch_); });
  }
  void OnError(const Napi::Error& e) override { deferred_.Reject(e.Value()); }

 private:
  LoaderRun* run_;
  Napi::Promise::Deferred deferred_;
  Napi::Reference<Napi::Value> keep_;  // the run stays alive while a wait is in flight
  Batch batch_;
  bool more_ = false;
};

static Napi::Value LoaderNextAsync(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "DataLoader", [&]() -> napi_value {
    auto* w = new NextWorker(info.Env(), RunOf(env, info[0]), info[0]);
    auto promise = w->Promise();
    w->Queue();
    return promise;
  });
}

void InitLoader(Napi::Env env, Napi::Object exports) {
  exports.Set("loaderStart", Napi::Function::New(env, LoaderStart));
  exports.Set("loaderNext", Napi::Function::New(env, LoaderNext));
  exports.Set("loaderNextAsync", Napi::Function::New(env, LoaderNextAsync));
}

}  // namespace tn
