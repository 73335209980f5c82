// Pillow's resampling, ported to the instruction (src/libImaging/Resample.c, Geometry.c; Python's
// Image.resize, Image.rotate, Image.transform): the fixed-point 8-bit convolution of resize, the
// accumulated coordinates of nearest-neighbour scaling, the 16.16 fixed-point affine walk and the
// bilinear/bicubic transform filters. Rounding, accumulation order and clipping follow Pillow's C,
// because a difference of one grey level is what makes a ported pipeline drift from Python.
#include "pil_resample.h"
#include "compat.h"
#include <algorithm>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <cstdlib>

namespace tn::pil {
namespace {

struct Kernel {
  double (*fn)(double);
  double support;
};

double BoxFilter(double x) { return x > -0.5 && x <= 0.5 ? 1.0 : 0.0; }
double BilinearFilter(double x) {
  if (x < 0.0) x = -x;
  return x < 1.0 ? 1.0 - x : 0.0;
}
double HammingFilter(double x) {
  if (x < 0.0) x = -x;
  if (x == 0.0) return 1.0;
  if (x >= 1.0) return 0.0;
  x = x * M_PI;
  return std::sin(x) / x * (0.54f + 0.46f * std::cos(x));  // float constants, as Pillow's
}
double BicubicFilter(double x) {
  constexpr double a = -0.5;
  if (x < 0.0) x = -x;
  if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
  if (x < 2.0) return (((x - 5) * x + 8) * x - 4) * a;
  return 0.0;
}
double Sinc(double x) {
  if (x == 0.0) return 1.0;
  x = x * M_PI;
  return std::sin(x) / x;
}
double LanczosFilter(double x) { return -3.0 <= x && x < 3.0 ? Sinc(x) * Sinc(x / 3) : 0.0; }

Kernel KernelOf(int filter) {
  switch (filter) {
    case kBox: return {BoxFilter, 0.5};
    case kBilinear: return {BilinearFilter, 1.0};
    case kHamming: return {HammingFilter, 1.0};
    case kBicubic: return {BicubicFilter, 2.0};
    case kLanczos: return {LanczosFilter, 3.0};
    default: throw std::invalid_argument("unsupported resampling filter");
  }
}

constexpr int kPrecisionBits = 32 - 8 - 2;

uint8_t Clip8(int64_t in) {
  const int64_t v = in >> kPrecisionBits;
  return static_cast<uint8_t>(v < 0 ? 0 : v > 255 ? 255 : v);
}

// precompute_coeffs + normalize_coeffs_8bpc: per output position, the first input index, the
// number of taps and the taps in fixed point
struct Coeffs {
  int ksize = 0;
  std::vector<int> bounds;  // xmin, count
  std::vector<int32_t> k;
};
Coeffs Precompute(int inSize, float in0, float in1, int outSize, const Kernel& f) {
  double scale = static_cast<double>(in1 - in0) / outSize, filterscale = scale;
  if (filterscale < 1.0) filterscale = 1.0;
  const double support = f.support * filterscale;
  Coeffs c;
  c.ksize = static_cast<int>(std::ceil(support)) * 2 + 1;
  c.bounds.resize(outSize * 2);
  c.k.assign(static_cast<size_t>(outSize) * c.ksize, 0);
  std::vector<double> k(c.ksize);
  const double invFilterscale = 1.0 / filterscale;
  for (int xx = 0; xx < outSize; ++xx) {
    const double center = in0 + (xx + 0.5) * scale;
    double ww = 0.0;
    int xmin = static_cast<int>(center - support + 0.5);
    if (xmin < 0) xmin = 0;
    int xmax = static_cast<int>(center + support + 0.5);
    if (xmax > inSize) xmax = inSize;
    xmax -= xmin;
    int x = 0;
    for (; x < xmax; ++x) {
      const double w = f.fn((x + xmin - center + 0.5) * invFilterscale);
      k[x] = w;
      ww += w;
    }
    if (ww != 0.0)
      for (x = 0; x < xmax; ++x) k[x] /= ww;
    for (; x < c.ksize; ++x) k[x] = 0;
    for (x = 0; x < c.ksize; ++x)
      c.k[static_cast<size_t>(xx) * c.ksize + x] = k[x] < 0 ? static_cast<int32_t>(-0.5 + k[x] * (1 << kPrecisionBits))
                                                            : static_cast<int32_t>(0.5 + k[x] * (1 << kPrecisionBits));
    c.bounds[xx * 2] = xmin;
    c.bounds[xx * 2 + 1] = xmax;
  }
  return c;
}

// An H×W×C uint8 image as Pillow's Imaging: rows of W pixels of C bands
struct Pixels {
  int64_t h, w, c;
  uint8_t* data;
  uint8_t* at(int64_t y, int64_t x) const { return data + (y * w + x) * c; }
};
Pixels View(const at::Tensor& t) { return {t.size(0), t.size(1), t.size(2), t.data_ptr<uint8_t>()}; }

at::Tensor NewImage(int64_t h, int64_t w, int64_t c) { return at::empty({h, w, c}, at::kByte); }

void Horizontal(const Pixels& out, const Pixels& in, int64_t offset, const Coeffs& co) {
  for (int64_t yy = 0; yy < out.h; ++yy)
    for (int64_t xx = 0; xx < out.w; ++xx) {
      const int xmin = co.bounds[xx * 2], xmax = co.bounds[xx * 2 + 1];
      const int32_t* k = &co.k[xx * co.ksize];
      for (int64_t b = 0; b < out.c; ++b) {
        int64_t ss = 1 << (kPrecisionBits - 1);
        for (int x = 0; x < xmax; ++x) ss += static_cast<int64_t>(in.at(yy + offset, x + xmin)[b]) * k[x];
        out.at(yy, xx)[b] = Clip8(ss);
      }
    }
}

void Vertical(const Pixels& out, const Pixels& in, const Coeffs& co, int shift) {
  for (int64_t yy = 0; yy < out.h; ++yy) {
    const int ymin = co.bounds[yy * 2] - shift, ymax = co.bounds[yy * 2 + 1];
    const int32_t* k = &co.k[yy * co.ksize];
    for (int64_t xx = 0; xx < out.w; ++xx)
      for (int64_t b = 0; b < out.c; ++b) {
        int64_t ss = 1 << (kPrecisionBits - 1);
        for (int y = 0; y < ymax; ++y) ss += static_cast<int64_t>(in.at(y + ymin, xx)[b]) * k[y];
        out.at(yy, xx)[b] = Clip8(ss);
      }
  }
}

// Pillow 13 resamples vertically first when that pass removes more than twice as many rows as the
// horizontal pass removes columns (rounding then differs by one level in places); earlier Pillows
// always go horizontally first. torch-node gives the Pillow its libtorch's release ships with
// (Debian pairs libtorch 2.14 with Pillow 13), as it does for torchvision (compat.h).
constexpr bool kVerticalFirstWhenItReducesMore = TN_TORCH_AT_LEAST(2, 14);

// ImagingResampleInner with box = (0, 0, w, h)
at::Tensor Resample(const at::Tensor& src, int64_t outH, int64_t outW, int filter) {
  const Kernel f = KernelOf(filter);
  const int inW = static_cast<int>(src.size(1)), inH = static_cast<int>(src.size(0));
  const bool needHorizontal = outW != inW, needVertical = outH != inH;
  if (kVerticalFirstWhenItReducesMore && needHorizontal && needVertical && inH - outH > 0 && inH - outH > 2 * (inW - outW)) {
    const Coeffs vert = Precompute(inH, 0.f, static_cast<float>(inH), static_cast<int>(outH), f);
    const Coeffs horiz = Precompute(inW, 0.f, static_cast<float>(inW), static_cast<int>(outW), f);
    at::Tensor tmp = NewImage(outH, inW, src.size(2)), out = NewImage(outH, outW, src.size(2));
    Vertical(View(tmp), View(src), vert, 0);
    Horizontal(View(out), View(tmp), 0, horiz);
    return out;
  }
  const Coeffs vert = Precompute(inH, 0.f, static_cast<float>(inH), static_cast<int>(outH), f);
  const int yFirst = vert.bounds[0], yLast = vert.bounds[outH * 2 - 2] + vert.bounds[outH * 2 - 1];
  at::Tensor cur = src;
  int shift = 0;
  if (needHorizontal) {
    const Coeffs horiz = Precompute(inW, 0.f, static_cast<float>(inW), static_cast<int>(outW), f);
    at::Tensor tmp = NewImage(yLast - yFirst, outW, src.size(2));
    Horizontal(View(tmp), View(cur), yFirst, horiz);
    cur = tmp;
    shift = yFirst;
  }
  if (needVertical) {
    at::Tensor out = NewImage(outH, cur.size(1), src.size(2));
    Vertical(View(out), View(cur), vert, shift);
    cur = out;
  }
  return cur.is_same(src) ? src.clone() : cur;
}

int Coord(double v) { return v < 0.0 ? -1 : static_cast<int>(v); }
int Floor(double v) { return v < 0.0 ? static_cast<int>(std::floor(v)) : static_cast<int>(v); }

// ImagingScaleAffine: nearest-neighbour scaling, coordinates accumulated as Pillow adds them
void ScaleAffine(const Pixels& out, const Pixels& in, const std::array<double, 6>& a) {
  std::vector<int> xintab(out.w, 0);
  double xo = a[2] + a[0] * 0.5, yo = a[5] + a[4] * 0.5;
  int64_t xmin = out.w, xmax = 0;
  for (int64_t x = 0; x < out.w; ++x) {
    const int xin = Coord(xo);
    if (xin >= 0 && xin < in.w) {
      xmax = x + 1;
      if (x < xmin) xmin = x;
      xintab[x] = xin;
    }
    xo += a[0];
  }
  for (int64_t y = 0; y < out.h; ++y) {
    const int yi = Coord(yo);
    if (yi >= 0 && yi < in.h)
      for (int64_t x = xmin; x < xmax; ++x) std::memcpy(out.at(y, x), in.at(yi, xintab[x]), in.c);
    yo += a[4];
  }
}

bool CheckFixed(const std::array<double, 6>& a, int64_t x, int64_t y) {
  return std::fabs(x * a[0] + y * a[1] + a[2]) < 32768.0 && std::fabs(x * a[3] + y * a[4] + a[5]) < 32768.0;
}

// affine_fixed: nearest neighbour in 16.16 fixed point
void AffineFixed(const Pixels& out, const Pixels& in, const std::array<double, 6>& a) {
  auto fix = [](double v) { return Floor(v * 65536.0 + 0.5); };
  const int a0 = fix(a[0]), a1 = fix(a[1]), a3 = fix(a[3]), a4 = fix(a[4]);
  int a2 = fix(a[2] + a[0] * 0.5 + a[1] * 0.5), a5 = fix(a[5] + a[3] * 0.5 + a[4] * 0.5);
  for (int64_t y = 0; y < out.h; ++y) {
    int xx = a2, yy = a5;
    for (int64_t x = 0; x < out.w; ++x) {
      const int xin = xx >> 16;
      if (xin >= 0 && xin < in.w) {
        const int yin = yy >> 16;
        if (yin >= 0 && yin < in.h) std::memcpy(out.at(y, x), in.at(yin, xin), in.c);
      }
      xx += a0;
      yy += a3;
    }
    a2 += a1;
    a5 += a4;
  }
}

// the floating-point nearest walk, for matrices the fixed point cannot hold
void AffineFloat(const Pixels& out, const Pixels& in, const std::array<double, 6>& a) {
  double xo = a[2] + a[1] * 0.5 + a[0] * 0.5, yo = a[5] + a[4] * 0.5 + a[3] * 0.5;
  for (int64_t y = 0; y < out.h; ++y) {
    double xx = xo, yy = yo;
    for (int64_t x = 0; x < out.w; ++x) {
      const int xin = Coord(xx);
      if (xin >= 0 && xin < in.w) {
        const int yin = Coord(yy);
        if (yin >= 0 && yin < in.h) std::memcpy(out.at(y, x), in.at(yin, xin), in.c);
      }
      xx += a[0];
      yy += a[3];
    }
    xo += a[1];
    yo += a[4];
  }
}

int64_t Clip(int64_t v, int64_t size) { return v < 0 ? 0 : v < size ? v : size - 1; }

// bilinear_filter8 / bilinear_filter32RGB
bool Bilinear(uint8_t* out, const Pixels& im, double xin, double yin) {
  if (xin < 0.0 || xin >= im.w || yin < 0.0 || yin >= im.h) return false;
  xin -= 0.5;
  yin -= 0.5;
  const int x = Floor(xin), y = Floor(yin);
  const double dx = xin - x, dy = yin - y;
  const int64_t x0 = Clip(x, im.w), x1 = Clip(x + 1, im.w);
  for (int64_t b = 0; b < im.c; ++b) {
    const uint8_t* row = im.at(Clip(y, im.h), 0);
    double v1 = row[x0 * im.c + b] + (row[x1 * im.c + b] - row[x0 * im.c + b]) * dx, v2;
    if (y + 1 >= 0 && y + 1 < im.h) {
      row = im.at(y + 1, 0);
      v2 = row[x0 * im.c + b] + (row[x1 * im.c + b] - row[x0 * im.c + b]) * dx;
    } else {
      v2 = v1;
    }
    v1 = v1 + (v2 - v1) * dy;
    out[b] = static_cast<uint8_t>(v1);
  }
  return true;
}

double Cubic(double v1, double v2, double v3, double v4, double d) {
  const double p1 = v2, p2 = -v1 + v3, p3 = 2 * (v1 - v2) + v3 - v4, p4 = -v1 + v2 - v3 + v4;
  return p1 + d * (p2 + d * (p3 + d * p4));
}

// bicubic_filter8 / bicubic_filter32RGB
bool Bicubic(uint8_t* out, const Pixels& im, double xin, double yin) {
  if (xin < 0.0 || xin >= im.w || yin < 0.0 || yin >= im.h) return false;
  xin -= 0.5;
  yin -= 0.5;
  int x = Floor(xin), y = Floor(yin);
  const double dx = xin - x, dy = yin - y;
  --x;
  --y;
  const int64_t xs[4] = {Clip(x, im.w), Clip(x + 1, im.w), Clip(x + 2, im.w), Clip(x + 3, im.w)};
  for (int64_t b = 0; b < im.c; ++b) {
    auto rowValue = [&](int64_t yy) {
      const uint8_t* row = im.at(yy, 0);
      return Cubic(row[xs[0] * im.c + b], row[xs[1] * im.c + b], row[xs[2] * im.c + b], row[xs[3] * im.c + b], dx);
    };
    double v[4];
    v[0] = rowValue(Clip(y, im.h));
    for (int r = 1; r < 4; ++r) v[r] = y + r >= 0 && y + r < im.h ? rowValue(y + r) : v[r - 1];
    const double v1 = Cubic(v[0], v[1], v[2], v[3], dy);
    out[b] = v1 <= 0.0 ? 0 : v1 >= 255.0 ? 255 : static_cast<uint8_t>(v1);
  }
  return true;
}

// nearest_filter8 / nearest_filter32
bool Nearest(uint8_t* out, const Pixels& im, double xin, double yin) {
  const int x = Coord(xin), y = Coord(yin);
  if (x < 0 || x >= im.w || y < 0 || y >= im.h) return false;
  std::memcpy(out, im.at(y, x), im.c);
  return true;
}

// ImagingGenericTransform: each output pixel's centre mapped back by `map` (Geometry.c's
// affine_transform or perspective_transform); a pixel the filter cannot read keeps the background
template <typename Map, typename F>
void GenericTransform(const Pixels& out, const Pixels& in, Map map, F filter) {
  for (int64_t y = 0; y < out.h; ++y)
    for (int64_t x = 0; x < out.w; ++x) {
      const auto [xin, yin] = map(x + 0.5, y + 0.5);
      // a point at infinity (a degenerate perspective) is outside the image, not undefined behaviour
      if (std::isfinite(xin) && std::isfinite(yin)) filter(out.at(y, x), in, xin, yin);
    }
}
template <typename F>
void GenericAffine(const Pixels& out, const Pixels& in, const std::array<double, 6>& a, F filter) {
  GenericTransform(out, in, [&a](double x, double y) { return std::array<double, 2>{a[0] * x + a[1] * y + a[2], a[3] * x + a[4] * y + a[5]}; }, filter);
}

// Image.new(mode, size, fillcolor) after _parse_fill: every pixel the fill colour (0 where None)
at::Tensor Background(int64_t outH, int64_t outW, int64_t c, const std::vector<double>& fill) {
  at::Tensor out = NewImage(outH, outW, c);
  Pixels o = View(out);
  std::vector<uint8_t> ink(c, 0);
  // _parse_fill's int(x), then the colour's 8-bit value
  for (int64_t b = 0; b < c && !fill.empty(); ++b) ink[b] = static_cast<uint8_t>(std::clamp<double>(std::trunc(fill[fill.size() == 1 ? 0 : b]), 0, 255));
  for (int64_t i = 0; i < outH * outW; ++i) std::memcpy(o.data + i * c, ink.data(), c);
  return out;
}

void CheckFilter(int filter) {
  if (filter != kNearest && filter != kBilinear && filter != kBicubic)
    throw std::invalid_argument("Unknown resampling filter (" + std::to_string(filter) + "). Use Image.Resampling.NEAREST (0), Image.Resampling.BILINEAR (2) or Image.Resampling.BICUBIC (3)");
}

// Image.transform(size, AFFINE, a, filter, fillcolor=fill): the background is the fill colour
at::Tensor Transform(const at::Tensor& src, int64_t outW, int64_t outH, const std::array<double, 6>& a, int filter, const std::vector<double>& fill) {
  at::Tensor out = Background(outH, outW, src.size(2), fill);
  const Pixels o = View(out), in = View(src);
  if (filter == kNearest) {
    if (a[1] == 0 && a[3] == 0) ScaleAffine(o, in, a);
    else if (CheckFixed(a, 0, 0) && CheckFixed(a, outW, outH) && CheckFixed(a, 0, outH) && CheckFixed(a, outW, 0)) AffineFixed(o, in, a);
    else AffineFloat(o, in, a);
  } else if (filter == kBilinear) {
    GenericAffine(o, in, a, Bilinear);
  } else if (filter == kBicubic) {
    GenericAffine(o, in, a, Bicubic);
  } else {
    CheckFilter(filter);
  }
  return out;
}

// Python's round(x, 15): correctly rounded through the decimal string, as CPython does
double Round15(double x) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.15f", x);
  return std::strtod(buf, nullptr);
}

// Image.rotate(angle, filter, expand, center, fillcolor=fill)
at::Tensor Rotate(const at::Tensor& src, double angle, int filter, bool expand, const vision::AffineSpec& spec) {
  int64_t w = src.size(1), h = src.size(0);
  angle = std::fmod(angle, 360.0);  // Python's angle % 360.0
  if (angle < 0) angle += 360.0;
  if (!spec.hasCenter) {
    if (angle == 0) return src.clone();
    if (angle == 180) return src.flip({0, 1});
    if ((angle == 90 || angle == 270) && (expand || w == h)) return src.rot90(angle == 90 ? 1 : -1, {0, 1}).contiguous();
  }
  const double cx = spec.hasCenter ? spec.cx : w / 2.0, cy = spec.hasCenter ? spec.cy : h / 2.0;
  const double rad = -(angle * (M_PI / 180.0));
  std::array<double, 6> m{Round15(std::cos(rad)), Round15(std::sin(rad)), 0.0, Round15(-std::sin(rad)), Round15(std::cos(rad)), 0.0};
  auto apply = [&m](double x, double y) { return std::array<double, 2>{m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]}; };
  auto moved = apply(-cx - 0, -cy - 0);
  m[2] = moved[0] + cx;
  m[5] = moved[1] + cy;
  if (expand) {
    double minX = INFINITY, maxX = -INFINITY, minY = INFINITY, maxY = -INFINITY;
    for (auto [x, y] : {std::array<double, 2>{0, 0}, {double(w), 0}, {double(w), double(h)}, {0, double(h)}}) {
      auto p = apply(x, y);
      minX = std::min(minX, p[0]), maxX = std::max(maxX, p[0]), minY = std::min(minY, p[1]), maxY = std::max(maxY, p[1]);
    }
    const auto nw = static_cast<int64_t>(std::ceil(maxX) - std::floor(minX)), nh = static_cast<int64_t>(std::ceil(maxY) - std::floor(minY));
    auto shifted = apply(-(nw - w) / 2.0, -(nh - h) / 2.0);
    m[2] = shifted[0];
    m[5] = shifted[1];
    w = nw, h = nh;
  }
  return Transform(src, w, h, m, filter, spec.fill);
}

}  // namespace

int FilterOf(int interp) {
  // nearest, bilinear, bicubic, box, hamming, lanczos (functional.ts INTERP_CODE order)
  static const int map[] = {kNearest, kBilinear, kBicubic, kBox, kHamming, kLanczos};
  if (interp < 0 || interp > 5) throw std::invalid_argument("unknown interpolation mode " + std::to_string(interp));
  return map[interp];
}

static at::Tensor Checked(const at::Tensor& hwc) {
  if (hwc.dim() != 3 || hwc.scalar_type() != at::kByte) throw std::invalid_argument("Expected an H×W×C uint8 image");
  return hwc.contiguous();
}

at::Tensor Resize(const at::Tensor& hwc, int64_t h, int64_t w, int filter) {
  if (h < 1 || w < 1) throw std::invalid_argument("height and width must be > 0");
  const at::Tensor src = Checked(hwc);
  if (h == src.size(0) && w == src.size(1)) return src.clone();
  if (filter == kNearest) {
    at::Tensor out = at::zeros({h, w, src.size(2)}, at::kByte);
    const float inW = static_cast<float>(src.size(1)), inH = static_cast<float>(src.size(0));
    ScaleAffine(View(out), View(src), {static_cast<double>(inW - 0.f) / w, 0, 0, 0, static_cast<double>(inH - 0.f) / h, 0});
    return out;
  }
  return Resample(src, h, w, filter);
}

at::Tensor Affine(const at::Tensor& hwc, const vision::AffineSpec& spec) {
  const at::Tensor src = Checked(hwc);
  const int filter = FilterOf(spec.interp);
  CheckFilter(filter);
  if (spec.rotate) return Rotate(src, -spec.angle, filter, spec.expand, spec);
  const int64_t w = src.size(1), h = src.size(0);
  const double cx = spec.hasCenter ? spec.cx : w * 0.5, cy = spec.hasCenter ? spec.cy : h * 0.5;
  return Transform(src, w, h, vision::InverseAffineMatrix(cx, cy, spec.angle, spec.tx, spec.ty, spec.scale, spec.shearX, spec.shearY), filter, spec.fill);
}

at::Tensor Perspective(const at::Tensor& hwc, const std::array<double, 8>& a, int interp, const std::vector<double>& fill) {
  const at::Tensor src = Checked(hwc);
  const int filter = FilterOf(interp);
  CheckFilter(filter);
  at::Tensor out = Background(src.size(0), src.size(1), src.size(2), fill);
  const Pixels o = View(out), in = View(src);
  // Geometry.c's perspective_transform
  auto map = [&a](double x, double y) {
    return std::array<double, 2>{(a[0] * x + a[1] * y + a[2]) / (a[6] * x + a[7] * y + 1), (a[3] * x + a[4] * y + a[5]) / (a[6] * x + a[7] * y + 1)};
  };
  if (filter == kNearest) GenericTransform(o, in, map, Nearest);
  else if (filter == kBilinear) GenericTransform(o, in, map, Bilinear);
  else GenericTransform(o, in, map, Bicubic);
  return out;
}

// Pillow's ImageFilter.SMOOTH (Filter.c's ImagingFilter3x3): each pixel's single-precision sum, row by
// row from the one below, started at the 0.5 of rounding; an image smaller than the kernel is copied
static at::Tensor Smooth(const at::Tensor& hwc) {
  const int64_t h = hwc.size(0), w = hwc.size(1);
  if (h < 3 || w < 3) return hwc.clone();
  const at::Tensor x = hwc.to(at::kFloat);
  const float one = static_cast<float>(1.0 / 13), five = static_cast<float>(5.0 / 13);
  auto at = [&](int64_t dy, int64_t dx) { return x.narrow(0, 1 + dy, h - 2).narrow(1, 1 + dx, w - 2); };
  auto row = [&](int64_t dy, float middle) { return at(dy, -1) * one + at(dy, 0) * middle + at(dy, 1) * one; };
  const at::Tensor sum = (row(1, one) + 0.5) + row(0, five) + row(-1, one);
  at::Tensor out = hwc.clone();
  out.narrow(0, 1, h - 2).narrow(1, 1, w - 2).copy_(sum.clamp(0, 255).to(at::kByte));
  return out;
}

at::Tensor Sharpness(const at::Tensor& hwc, double factor) {
  const at::Tensor src = Checked(hwc);
  // ImagingBlend(smooth, image, factor): a + alpha·(b − a) in single precision, truncated to 8 bits
  const at::Tensor a = Smooth(src).to(at::kFloat);
  return (a + (src.to(at::kFloat) - a) * static_cast<float>(factor)).clamp(0, 255).to(at::kByte);
}

}  // namespace tn::pil
