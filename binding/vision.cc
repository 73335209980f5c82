// torchvision's tensor image kernels, op for op (see vision.h), and their JS entry points.
#include "vision.h"
#include "pil_resample.h"
#include "compat.h"
#include <cmath>

namespace tn::vision {
namespace {

// torchvision's _cast_squeeze_in / _cast_squeeze_out: work on N×C×H×W in a dtype the kernel
// takes, then give back the caller's shape and dtype (integers rounded, not truncated).
struct Squeezed {
  at::Tensor img;
  bool cast = false, squeeze = false;
  at::ScalarType dtype;
};
Squeezed CastSqueezeIn(const at::Tensor& img, std::initializer_list<at::ScalarType> accepted) {
  if (img.dim() != 3 && img.dim() != 4) throw std::invalid_argument("Expected a C×H×W or N×C×H×W image tensor, got " + std::to_string(img.dim()) + " dimensions");
  Squeezed s{img, false, false, img.scalar_type()};
  if (s.img.dim() < 4) s.img = s.img.unsqueeze(0), s.squeeze = true;
  if (std::find(accepted.begin(), accepted.end(), s.dtype) == accepted.end()) s.img = s.img.to(*accepted.begin()), s.cast = true;
  return s;
}
at::Tensor CastSqueezeOut(at::Tensor img, const Squeezed& s) {
  if (s.squeeze) img = img.squeeze(0);
  if (s.cast) {
    if (at::isIntegralType(s.dtype, /*includeBool=*/false)) img = img.round();
    img = img.to(s.dtype);
  }
  return img;
}

constexpr double kDegToRad = M_PI / 180.0;  // as Python's math.radians

}  // namespace

// torchvision's _get_inverse_affine_matrix (inverted=True): output pixel -> input pixel
std::array<double, 6> InverseAffineMatrix(double cx, double cy, double angle, double tx, double ty, double scale, double shx, double shy) {
  const double rot = angle * kDegToRad, sx = shx * kDegToRad, sy = shy * kDegToRad;
  const double a = std::cos(rot - sy) / std::cos(sy);
  const double b = -std::cos(rot - sy) * std::tan(sx) / std::cos(sy) - std::sin(rot);
  const double c = std::sin(rot - sy) / std::cos(sy);
  const double d = -std::sin(rot - sy) * std::tan(sx) / std::cos(sy) + std::cos(rot);
  std::array<double, 6> m{d, -b, 0.0, -c, a, 0.0};
  for (double& v : m) v = v / scale;
  m[2] += m[0] * (-cx - tx) + m[1] * (-cy - ty);
  m[5] += m[3] * (-cx - tx) + m[4] * (-cy - ty);
  m[2] += cx;
  m[5] += cy;
  return m;
}

namespace {

at::Tensor MatrixTensor(const std::array<double, 6>& m, at::ScalarType dtype) {
  return at::tensor(std::vector<double>(m.begin(), m.end())).to(dtype);
}

// torchvision's _compute_affine_output_size (expand=True), in float32 as there
std::array<int64_t, 2> AffineOutputSize(const std::array<double, 6>& m, int64_t w, int64_t h) {
  auto pts = at::tensor(std::vector<double>{-0.5 * w, -0.5 * h, 1.0, -0.5 * w, 0.5 * h, 1.0, 0.5 * w, 0.5 * h, 1.0, 0.5 * w, -0.5 * h, 1.0})
                 .to(at::kFloat).view({4, 3});
  auto theta = MatrixTensor(m, at::kFloat).view({2, 3});
  auto moved = at::matmul(pts, theta.t());
  auto shift = at::tensor(std::vector<double>{w * 0.5, h * 0.5}).to(at::kFloat);
  auto minVals = std::get<0>(moved.min(0)) + shift;
  auto maxVals = std::get<0>(moved.max(0)) + shift;
  const double tol = 1e-4;  // truncate to 1e-4 so that a 1e-15 excess does not ceil to a whole pixel
  auto size = at::ceil((maxVals / tol).trunc_() * tol) - at::floor((minVals / tol).trunc_() * tol);
  return {static_cast<int64_t>(size[0].item<float>()), static_cast<int64_t>(size[1].item<float>())};
}

// torchvision's _gen_affine_grid: output pixel centres, mapped through theta, in grid_sample's [-1, 1]
at::Tensor AffineGrid(const at::Tensor& theta, int64_t w, int64_t h, int64_t ow, int64_t oh) {
  const double d = 0.5;
  auto base = at::empty({1, oh, ow, 3}, theta.options());
  base.select(-1, 0).copy_(at::linspace(-ow * 0.5 + d, ow * 0.5 + d - 1, ow, at::kFloat));
  base.select(-1, 1).copy_(at::linspace(-oh * 0.5 + d, oh * 0.5 + d - 1, oh, at::kFloat).unsqueeze_(-1));
  base.select(-1, 2).fill_(1);
  auto rescaled = theta.transpose(1, 2) / at::tensor(std::vector<double>{0.5 * w, 0.5 * h}).to(theta.scalar_type());
  return base.view({1, oh * ow, 3}).bmm(rescaled).view({1, oh, ow, 2});
}

at::Tensor GridTransform(const at::Tensor& img, at::Tensor grid, const AffineSpec& spec) {
  auto s = CastSqueezeIn(img, {grid.scalar_type()});
  at::Tensor x = s.img;
  if (x.size(0) > 1) grid = grid.expand({x.size(0), grid.size(1), grid.size(2), grid.size(3)});
  const bool masked = !spec.fill.empty() && !spec.border;
  if (masked) x = at::cat({x, at::ones({x.size(0), 1, x.size(2), x.size(3)}, x.options())}, 1);
  // grid_sample's modes: 0 bilinear, 1 nearest, 2 bicubic
  x = at::grid_sampler(x, grid, spec.interp == kNearest ? 1 : spec.interp == kBicubic ? 2 : 0, spec.border ? 1 : 0, /*align_corners=*/false);
  if (masked) {
    const int64_t c = x.size(1) - 1;
    auto mask = x.narrow(1, c, 1);
    x = x.narrow(1, 0, c);
    mask = mask.expand_as(x);
    if (spec.fill.size() != 1 && static_cast<int64_t>(spec.fill.size()) != c)
      throw std::invalid_argument("The number of elements in 'fill' does not match the number of channels of the image (" +
                                  std::to_string(spec.fill.size()) + " != " + std::to_string(c) + ")");
    auto fill = at::tensor(spec.fill).to(x.scalar_type()).view({1, static_cast<int64_t>(spec.fill.size()), 1, 1}).expand_as(x);
    x = spec.interp == kNearest ? at::where(mask < 0.5, fill, x) : x * mask + at::rsub(mask, 1.0) * fill;
  }
  return CastSqueezeOut(x, s);
}

at::Tensor Blend(const at::Tensor& a, const at::Tensor& b, double ratio) {
  const double bound = a.is_floating_point() ? 1.0 : 255.0;
  return (a * ratio + b * (1.0 - ratio)).clamp(0, bound).to(a.scalar_type());
}

void CheckChannels(const at::Tensor& img) {
  if (img.dim() < 3) throw std::invalid_argument("Expected a C×H×W image tensor");
  const int64_t c = img.size(-3);
  if (c != 1 && c != 3) throw std::invalid_argument("Input image tensor permitted channel values are [1, 3], but found " + std::to_string(c));
}

at::Tensor RgbToHsv(const at::Tensor& img) {
  auto ch = img.unbind(-3);
  const auto &r = ch[0], &g = ch[1], &b = ch[2];
  auto maxc = std::get<0>(at::max(img, -3)), minc = std::get<0>(at::min(img, -3));
  auto eqc = maxc == minc;
  auto cr = maxc - minc;
  auto ones = at::ones_like(maxc);
  auto s = cr / at::where(eqc, ones, maxc);
  auto crDivisor = at::where(eqc, ones, cr);
  auto rc = (maxc - r) / crDivisor, gc = (maxc - g) / crDivisor, bc = (maxc - b) / crDivisor;
  auto hr = (maxc == r) * (bc - gc);
  auto hg = ((maxc == g) & (maxc != r)) * ((rc + 2.0) - bc);
  auto hb = ((maxc != g) & (maxc != r)) * ((gc + 4.0) - rc);
  auto h = at::fmod((hr + hg + hb) / 6.0 + 1.0, 1.0);
  return at::stack({h, s, maxc}, -3);
}

at::Tensor HsvToRgb(const at::Tensor& img) {
  auto ch = img.unbind(-3);
  const auto &h = ch[0], &s = ch[1], &v = ch[2];
  auto i = at::floor(h * 6.0);
  auto f = h * 6.0 - i;
  i = at::remainder(i.to(at::kInt), 6);
  auto p = at::clamp(v * at::rsub(s, 1.0), 0.0, 1.0);
  auto q = at::clamp(v * at::rsub(s * f, 1.0), 0.0, 1.0);
  auto t = at::clamp(v * at::rsub(s * at::rsub(f, 1.0), 1.0), 0.0, 1.0);
  auto mask = i.unsqueeze(-3) == at::arange(6, at::kLong).view({-1, 1, 1});
  auto a1 = at::stack({v, q, p, p, t, v}, -3), a2 = at::stack({t, v, v, q, p, p}, -3), a3 = at::stack({p, p, t, v, v, q}, -3);
  return at::einsum("...ijk, ...xijk -> ...xjk", {mask.to(img.scalar_type()), at::stack({a1, a2, a3}, -4)});
}

at::Tensor GaussianKernel1d(int64_t size, double sigma) {
  const double half = (size - 1) * 0.5;
  auto x = at::linspace(-half, half, size, at::kFloat);
  auto pdf = at::exp((x / sigma).pow(2) * -0.5);
  return pdf / pdf.sum();
}

}  // namespace

at::Tensor Resize(const at::Tensor& img, int64_t h, int64_t w, int interp, bool antialias) {
  if (interp > kBicubic) throw std::invalid_argument("This interpolation mode (PIL's box, hamming or lanczos) is unsupported with Tensor input");
  if (antialias && interp == kNearest) throw std::invalid_argument("Antialias option is supported for bilinear and bicubic interpolation modes only");
  if (h <= 0 || w <= 0) throw std::invalid_argument("Resize: the output size must be positive, got (" + std::to_string(h) + ", " + std::to_string(w) + ")");
  auto s = CastSqueezeIn(img, {at::kFloat, at::kDouble});
  const std::vector<int64_t> size{h, w};
  at::Tensor out;
  if (interp == kNearest) out = at::upsample_nearest2d(s.img, size, c10::nullopt, c10::nullopt);
  else if (interp == kBilinear) out = antialias ? at::_upsample_bilinear2d_aa(s.img, size, false, c10::nullopt, c10::nullopt)
                                                : at::upsample_bilinear2d(s.img, size, false, c10::nullopt, c10::nullopt);
  else {
    out = antialias ? at::_upsample_bicubic2d_aa(s.img, size, false, c10::nullopt, c10::nullopt)
                    : at::upsample_bicubic2d(s.img, size, false, c10::nullopt, c10::nullopt);
    if (s.dtype == at::kByte) out = out.clamp(0, 255);
  }
  return CastSqueezeOut(out, s);
}

std::array<int64_t, 2> ResizedSize(int64_t h, int64_t w, int64_t size, int64_t maxSize) {
  const int64_t shortSide = std::min(w, h), longSide = std::max(w, h);
  int64_t newShort = size, newLong = static_cast<int64_t>(static_cast<double>(size * longSide) / shortSide);
  if (maxSize > 0) {
    if (maxSize <= size) throw std::invalid_argument("max_size = " + std::to_string(maxSize) + " must be strictly greater than the requested size for the smaller edge size = " + std::to_string(size));
    if (newLong > maxSize) newShort = static_cast<int64_t>(static_cast<double>(maxSize * newShort) / newLong), newLong = maxSize;
  }
  return w <= h ? std::array<int64_t, 2>{newLong, newShort} : std::array<int64_t, 2>{newShort, newLong};
}

at::Tensor Affine(const at::Tensor& img, const AffineSpec& spec) {
  if (img.dim() < 3) throw std::invalid_argument("Expected a C×H×W image tensor");
  if (spec.interp >= kBicubic) throw std::invalid_argument("Interpolation mode '" + std::string(spec.interp == kBicubic ? "bicubic" : "PIL's") + "' is unsupported with Tensor input");
  const int64_t w = img.size(-1), h = img.size(-2);
  const double cx = spec.hasCenter ? spec.cx - w * 0.5 : 0.0, cy = spec.hasCenter ? spec.cy - h * 0.5 : 0.0;
  auto m = InverseAffineMatrix(cx, cy, spec.angle, spec.tx, spec.ty, spec.scale, spec.shearX, spec.shearY);
  auto [ow, oh] = spec.expand ? AffineOutputSize(m, w, h) : std::array<int64_t, 2>{w, h};
  auto theta = MatrixTensor(m, img.is_floating_point() ? img.scalar_type() : at::kFloat).reshape({1, 2, 3});
  return GridTransform(img, AffineGrid(theta, w, h, ow, oh), spec);
}

// torchvision's _perspective_grid: output pixel centres through Pillow's perspective_transform
at::Tensor PerspectiveGrid(const std::array<double, 8>& c, int64_t ow, int64_t oh, at::ScalarType dtype) {
  auto theta1 = at::tensor(std::vector<double>{c[0], c[1], c[2], c[3], c[4], c[5]}).to(dtype).view({1, 2, 3});
  auto theta2 = at::tensor(std::vector<double>{c[6], c[7], 1.0, c[6], c[7], 1.0}).to(dtype).view({1, 2, 3});
  const double d = 0.5;
  auto base = at::empty({1, oh, ow, 3}, theta1.options());
  base.select(-1, 0).copy_(at::linspace(d, ow * 1.0 + d - 1.0, ow, at::kFloat));
  base.select(-1, 1).copy_(at::linspace(d, oh * 1.0 + d - 1.0, oh, at::kFloat).unsqueeze_(-1));
  base.select(-1, 2).fill_(1);
  auto rescaled = theta1.transpose(1, 2) / at::tensor(std::vector<double>{0.5 * ow, 0.5 * oh}).to(dtype);
  auto grid1 = base.view({1, oh * ow, 3}).bmm(rescaled);
  auto grid2 = base.view({1, oh * ow, 3}).bmm(theta2.transpose(1, 2));
  return (grid1 / grid2 - 1.0).view({1, oh, ow, 2});
}

at::Tensor Perspective(const at::Tensor& img, const std::array<double, 8>& coeffs, const AffineSpec& spec) {
  if (img.dim() < 3) throw std::invalid_argument("Expected a C×H×W image tensor");
  const auto dtype = img.is_floating_point() ? img.scalar_type() : at::kFloat;
  return GridTransform(img, PerspectiveGrid(coeffs, img.size(-1), img.size(-2), dtype), spec);
}

at::Tensor Elastic(const at::Tensor& img, const at::Tensor& displacement, const AffineSpec& spec) {
  if (img.dim() < 3) throw std::invalid_argument("Expected a C×H×W image tensor");
  const int64_t h = img.size(-2), w = img.size(-1);
  // torchvision's _create_identity_grid: pixel centres in grid_sample's [-1, 1]
  auto ys = at::linspace((1.0 - h) / h, (h - 1.0) / h, h, at::kFloat).view({h, 1}).expand({h, w});
  auto xs = at::linspace((1.0 - w) / w, (w - 1.0) / w, w, at::kFloat).view({1, w}).expand({h, w});
  auto identity = at::stack({xs, ys}, -1).unsqueeze(0);
  return GridTransform(img, identity.to(img.device()) + displacement.to(img.device()), spec);
}

at::Tensor RgbToGrayscale(const at::Tensor& img) {
  auto ch = img.unbind(-3);
  return (ch[0] * 0.2989 + ch[1] * 0.587 + ch[2] * 0.114).to(img.scalar_type()).unsqueeze(-3);
}

at::Tensor AdjustBrightness(const at::Tensor& img, double factor) {
  if (factor < 0) throw std::invalid_argument("brightness_factor (" + std::to_string(factor) + ") is not non-negative.");
  CheckChannels(img);
  return Blend(img, at::zeros_like(img), factor);
}

at::Tensor AdjustContrast(const at::Tensor& img, double factor) {
  if (factor < 0) throw std::invalid_argument("contrast_factor (" + std::to_string(factor) + ") is not non-negative.");
  CheckChannels(img);
  const auto dtype = img.is_floating_point() ? img.scalar_type() : at::kFloat;
  auto grey = img.size(-3) == 3 ? RgbToGrayscale(img) : img;
  return Blend(img, at::mean(grey.to(dtype), {-3, -2, -1}, /*keepdim=*/true), factor);
}

at::Tensor AdjustSaturation(const at::Tensor& img, double factor) {
  if (factor < 0) throw std::invalid_argument("saturation_factor (" + std::to_string(factor) + ") is not non-negative.");
  CheckChannels(img);
  if (img.size(-3) == 1) return img;  // as PIL
  return Blend(img, RgbToGrayscale(img), factor);
}

// torchvision's _blurred_degenerate_image: the 3×3 smoothing [[1, 1, 1], [1, 5, 1], [1, 1, 1]] / 13,
// the border pixels kept
static at::Tensor BlurredDegenerate(const at::Tensor& img) {
  const auto dtype = img.is_floating_point() ? img.scalar_type() : at::kFloat;
  auto kernel = at::tensor({1.0, 1.0, 1.0, 1.0, 5.0, 1.0, 1.0, 1.0, 1.0}).to(dtype).view({3, 3});
  kernel = (kernel / kernel.sum()).expand({img.size(-3), 1, 3, 3});
  const bool squeeze = img.dim() == 3;
  auto x = (squeeze ? img.unsqueeze(0) : img).to(dtype);
  auto blurred = at::conv2d(x, kernel, c10::nullopt, at::IntArrayRef{1}, at::IntArrayRef{0}, at::IntArrayRef{1}, x.size(-3));
  if (squeeze) blurred = blurred.squeeze(0);
  if (img.scalar_type() != dtype) blurred = (img.scalar_type() == at::kBool ? blurred : blurred.round()).to(img.scalar_type());
  auto result = img.clone();
  const int64_t h = result.dim() - 2;
  result.narrow(h, 1, result.size(h) - 2).narrow(h + 1, 1, result.size(h + 1) - 2).copy_(blurred);
  return result;
}

at::Tensor AdjustSharpness(const at::Tensor& img, double factor) {
  if (factor < 0) throw std::invalid_argument("sharpness_factor (" + std::to_string(factor) + ") is not non-negative.");
  CheckChannels(img);
  if (img.size(-1) <= 2 || img.size(-2) <= 2) return img;
  return Blend(img, BlurredDegenerate(img), factor);
}

at::Tensor AdjustHue(const at::Tensor& img, double factor) {
  if (!(factor >= -0.5 && factor <= 0.5)) throw std::invalid_argument("hue_factor (" + std::to_string(factor) + ") is not in [-0.5, 0.5].");
  CheckChannels(img);
  if (img.size(-3) == 1) return img;
  const bool u8 = img.scalar_type() == at::kByte;
  auto hsv = RgbToHsv(u8 ? img.to(at::kFloat) / 255.0 : img).unbind(-3);
  auto out = HsvToRgb(at::stack({at::remainder(hsv[0] + factor, 1.0), hsv[1], hsv[2]}, -3));
  return u8 ? (out * compat::kHueToUint8Scale).to(at::kByte) : out;
}

at::Tensor GaussianBlur(const at::Tensor& img, int64_t kx, int64_t ky, double sx, double sy) {
  if (img.dim() < 3) throw std::invalid_argument("Expected a C×H×W image tensor");
  const auto dtype = img.is_floating_point() ? img.scalar_type() : at::kFloat;
  auto kernel = at::mm(GaussianKernel1d(ky, sy).to(dtype).unsqueeze(1), GaussianKernel1d(kx, sx).to(dtype).unsqueeze(0));
  const int64_t c = img.size(-3);
  kernel = kernel.expand({c, 1, kernel.size(0), kernel.size(1)});
  auto s = CastSqueezeIn(img, {kernel.scalar_type()});
  auto x = at::reflection_pad2d(s.img, {kx / 2, kx / 2, ky / 2, ky / 2});
  return CastSqueezeOut(at::conv2d(x, kernel, c10::optional<at::Tensor>(), at::IntArrayRef{1}, at::IntArrayRef{0}, at::IntArrayRef{1}, c), s);
}

// ---- JS entry points (lib/torchvision/transforms/functional.ts) ----------------------------

static double Num(Napi::Object o, const char* key) { return o.Get(key).As<Napi::Number>().DoubleValue(); }

static Napi::Value JsResize(const Napi::CallbackInfo& info) {
  return GuardN(info, "resize", [&]() -> napi_value {
    auto& img = TensorArg(info.Env(), info[0], "img");
    return WrapTensor(info.Env(), Resize(img, info[1].As<Napi::Number>().Int64Value(), info[2].As<Napi::Number>().Int64Value(),
                                         info[3].As<Napi::Number>().Int32Value(), info[4].ToBoolean().Value()));
  });
}

// the options every grid transform takes: {interp, fill (an array, or null for None), border}
AffineSpec GridSpecOf(Napi::Object o) {
  AffineSpec s;
  s.interp = static_cast<int>(Num(o, "interp"));
  auto fill = o.Get("fill");
  if (fill.IsArray())
    for (uint32_t i = 0; i < fill.As<Napi::Array>().Length(); ++i) s.fill.push_back(fill.As<Napi::Array>().Get(i).As<Napi::Number>().DoubleValue());
  s.border = o.Get("border").ToBoolean().Value();
  return s;
}

AffineSpec AffineSpecOf(Napi::Object o) {
  AffineSpec s = GridSpecOf(o);
  s.angle = Num(o, "angle");
  auto tr = o.Get("translate").As<Napi::Array>(), sh = o.Get("shear").As<Napi::Array>();
  s.tx = tr.Get(0u).As<Napi::Number>().DoubleValue(), s.ty = tr.Get(1u).As<Napi::Number>().DoubleValue();
  s.shearX = sh.Get(0u).As<Napi::Number>().DoubleValue(), s.shearY = sh.Get(1u).As<Napi::Number>().DoubleValue();
  s.scale = Num(o, "scale");
  auto center = o.Get("center");
  if (center.IsArray()) {
    s.hasCenter = true;
    s.cx = center.As<Napi::Array>().Get(0u).As<Napi::Number>().DoubleValue();
    s.cy = center.As<Napi::Array>().Get(1u).As<Napi::Number>().DoubleValue();
  }
  s.expand = o.Get("expand").ToBoolean().Value();
  s.rotate = o.Get("rotate").ToBoolean().Value();
  return s;
}

static Napi::Value JsAffine(const Napi::CallbackInfo& info) {
  return GuardN(info, "affine", [&]() -> napi_value {
    auto& img = TensorArg(info.Env(), info[0], "img");
    return WrapTensor(info.Env(), Affine(img, AffineSpecOf(info[1].As<Napi::Object>())));
  });
}

static Napi::Value JsPilResize(const Napi::CallbackInfo& info) {
  return GuardN(info, "resize", [&]() -> napi_value {
    auto& img = TensorArg(info.Env(), info[0], "img");
    return WrapTensor(info.Env(), pil::Resize(img, info[1].As<Napi::Number>().Int64Value(), info[2].As<Napi::Number>().Int64Value(),
                                              pil::FilterOf(info[3].As<Napi::Number>().Int32Value())));
  });
}

static Napi::Value JsPilAffine(const Napi::CallbackInfo& info) {
  return GuardN(info, "affine", [&]() -> napi_value {
    auto& img = TensorArg(info.Env(), info[0], "img");
    return WrapTensor(info.Env(), pil::Affine(img, AffineSpecOf(info[1].As<Napi::Object>())));
  });
}

std::array<double, 8> CoeffsOf(const Napi::Value& v) {
  auto a = v.As<Napi::Array>();
  std::array<double, 8> c{};
  for (uint32_t i = 0; i < 8; ++i) c[i] = a.Get(i).As<Napi::Number>().DoubleValue();
  return c;
}

// (img, coeffs, {interp, fill}): torchvision's F.perspective with its coefficients solved in JS
static Napi::Value JsPerspective(const Napi::CallbackInfo& info) {
  return GuardN(info, "perspective", [&]() -> napi_value {
    auto& img = TensorArg(info.Env(), info[0], "img");
    return WrapTensor(info.Env(), Perspective(img, CoeffsOf(info[1]), GridSpecOf(info[2].As<Napi::Object>())));
  });
}

static Napi::Value JsPilPerspective(const Napi::CallbackInfo& info) {
  return GuardN(info, "perspective", [&]() -> napi_value {
    auto& img = TensorArg(info.Env(), info[0], "img");
    const AffineSpec spec = GridSpecOf(info[2].As<Napi::Object>());
    return WrapTensor(info.Env(), pil::Perspective(img, CoeffsOf(info[1]), spec.interp, spec.fill));
  });
}

static Napi::Value JsElastic(const Napi::CallbackInfo& info) {
  return GuardN(info, "elasticTransform", [&]() -> napi_value {
    auto& img = TensorArg(info.Env(), info[0], "img");
    auto& displacement = TensorArg(info.Env(), info[1], "displacement");
    return WrapTensor(info.Env(), Elastic(img, displacement, GridSpecOf(info[2].As<Napi::Object>())));
  });
}

static Napi::Value JsPilSharpness(const Napi::CallbackInfo& info) {
  return GuardN(info, "pilSharpness", [&]() -> napi_value {
    auto& img = TensorArg(info.Env(), info[0], "img");
    return WrapTensor(info.Env(), pil::Sharpness(img, info[1].As<Napi::Number>().DoubleValue()));
  });
}

static Napi::Value JsAdjust(const Napi::CallbackInfo& info) {
  return GuardN(info, "adjust", [&]() -> napi_value {
    auto& img = TensorArg(info.Env(), info[0], "img");
    const std::string kind = info[1].As<Napi::String>().Utf8Value();
    const double f = info[2].As<Napi::Number>().DoubleValue();
    at::Tensor out = kind == "brightness" ? AdjustBrightness(img, f) : kind == "contrast" ? AdjustContrast(img, f)
                   : kind == "saturation" ? AdjustSaturation(img, f) : kind == "hue" ? AdjustHue(img, f)
                   : kind == "sharpness" ? AdjustSharpness(img, f)
                   : throw ArgError("unknown adjustment " + kind);
    return WrapTensor(info.Env(), out);
  });
}

static Napi::Value JsGaussianBlur(const Napi::CallbackInfo& info) {
  return GuardN(info, "gaussianBlur", [&]() -> napi_value {
    auto& img = TensorArg(info.Env(), info[0], "img");
    return WrapTensor(info.Env(), GaussianBlur(img, info[1].As<Napi::Number>().Int64Value(), info[2].As<Napi::Number>().Int64Value(),
                                               info[3].As<Napi::Number>().DoubleValue(), info[4].As<Napi::Number>().DoubleValue()));
  });
}

}  // namespace tn::vision

namespace tn {
void InitVision(Napi::Env env, Napi::Object exports) {
  exports.Set("visionResize", Napi::Function::New(env, vision::JsResize));
  exports.Set("visionAffine", Napi::Function::New(env, vision::JsAffine));
  exports.Set("pilResize", Napi::Function::New(env, vision::JsPilResize));
  exports.Set("pilAffine", Napi::Function::New(env, vision::JsPilAffine));
  exports.Set("visionPerspective", Napi::Function::New(env, vision::JsPerspective));
  exports.Set("pilPerspective", Napi::Function::New(env, vision::JsPilPerspective));
  exports.Set("pilSharpness", Napi::Function::New(env, vision::JsPilSharpness));
  exports.Set("visionElastic", Napi::Function::New(env, vision::JsElastic));
  exports.Set("visionAdjust", Napi::Function::New(env, vision::JsAdjust));
  exports.Set("visionGaussianBlur", Napi::Function::New(env, vision::JsGaussianBlur));
}
}  // namespace tn
