// JPEG and PNG decoding (and encoding) with the system libraries. Pixels equal PIL's for 8-bit images: both
// decode JPEG with libjpeg's defaults (islow DCT, fancy upsampling), and RGB -> grey uses PIL's
// fixed-point ITU-R 601 weights.
#include "image_codec.h"
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <atomic>
#include <iterator>
#ifdef TORCH_NODE_IMAGE_CODECS
#include <jpeglib.h>
#include <jerror.h>
#include <png.h>
#endif

namespace tn::codec {

// PIL's Image.MAX_IMAGE_PIXELS (settable from JS, torchvision.Image.MAX_IMAGE_PIXELS; negative: no
// limit). As PIL's _decompression_bomb_check, an image of more than twice as many pixels is refused
// from its header, before its pixels are allocated.
static std::atomic<int64_t> maxImagePixels{89478485};

static void CheckPixels(int64_t width, int64_t height) {
  const int64_t limit = maxImagePixels.load();
  if (limit < 0) return;
  const int64_t pixels = std::max<int64_t>(1, width) * std::max<int64_t>(1, height);
  if (pixels > 2 * limit)
    throw std::runtime_error("DecompressionBombError: Image size (" + std::to_string(pixels) + " pixels) exceeds limit of " +
                             std::to_string(2 * limit) + " pixels, could be decompression bomb DOS attack.");
}

namespace {
#ifdef TORCH_NODE_IMAGE_CODECS

// ---- JPEG: libjpeg reports errors through longjmp, so all state the error path touches lives in
// one heap object made before setjmp, and no C++ object is created between setjmp and longjmp.
struct JpegJob {
  jpeg_decompress_struct cinfo;
  jpeg_error_mgr err;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX] = "";
  uint8_t* pixels = nullptr;
};

void JpegErrorExit(j_common_ptr cinfo) {
  auto* job = reinterpret_cast<JpegJob*>(cinfo->client_data);
  (*cinfo->err->format_message)(cinfo, job->message);
  std::longjmp(job->jump, 1);
}

// Warnings: a file that ends early is an error (PIL says "image file is truncated"); others
// (extraneous bytes and the like) are tolerated, as PIL does.
void JpegMessage(j_common_ptr cinfo, int level) {
  if (level == -1 && cinfo->err->msg_code == JWRN_JPEG_EOF) JpegErrorExit(cinfo);
}

at::Tensor DecodeJpeg(const uint8_t* data, size_t size, Mode mode) {
  auto job = std::make_unique<JpegJob>();
  JpegJob* j = job.get();
  j->cinfo.err = jpeg_std_error(&j->err);
  j->err.error_exit = JpegErrorExit;
  j->err.emit_message = JpegMessage;
  j->cinfo.client_data = j;
  if (setjmp(j->jump)) {
    jpeg_destroy_decompress(&j->cinfo);
    std::free(j->pixels);
    throw std::runtime_error(std::string("could not decode JPEG: ") + j->message);
  }
  jpeg_create_decompress(&j->cinfo);
  jpeg_mem_src(&j->cinfo, const_cast<unsigned char*>(data), static_cast<unsigned long>(size));
  jpeg_read_header(&j->cinfo, TRUE);
  try {
    CheckPixels(j->cinfo.image_width, j->cinfo.image_height);
  } catch (...) {
    jpeg_destroy_decompress(&j->cinfo);
    throw;
  }
  const bool grey = mode == kGray || (mode == kUnchanged && j->cinfo.jpeg_color_space == JCS_GRAYSCALE);
  j->cinfo.out_color_space = grey ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_start_decompress(&j->cinfo);
  const size_t w = j->cinfo.output_width, h = j->cinfo.output_height, c = j->cinfo.output_components;
  j->pixels = static_cast<uint8_t*>(std::malloc(w * h * c));
  if (!j->pixels) {
    std::strcpy(j->message, "out of memory");
    std::longjmp(j->jump, 1);
  }
  while (j->cinfo.output_scanline < h) {
    JSAMPROW row = j->pixels + j->cinfo.output_scanline * w * c;
    jpeg_read_scanlines(&j->cinfo, &row, 1);
  }
  jpeg_finish_decompress(&j->cinfo);
  jpeg_destroy_decompress(&j->cinfo);
  return at::from_blob(j->pixels, {static_cast<int64_t>(h), static_cast<int64_t>(w), static_cast<int64_t>(c)}, [](void* p) { std::free(p); },
                       at::TensorOptions(at::kByte));
}

// ---- PNG: the simplified API, reading the file's own channels (no compositing), 8 bits.
at::Tensor DecodePng(const uint8_t* data, size_t size, Mode mode) {
  png_image img;
  std::memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&img, data, size)) throw std::runtime_error(std::string("could not decode PNG: ") + img.message);
  img.format &= PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA;  // expand palettes, 8 bits per sample
  const int64_t c = PNG_IMAGE_SAMPLE_CHANNELS(img.format), h = img.height, w = img.width;
  try {
    CheckPixels(w, h);
  } catch (...) {
    png_image_free(&img);
    throw;
  }
  auto raw = at::empty({h, w, c}, at::kByte);
  if (!png_image_finish_read(&img, nullptr, raw.data_ptr<uint8_t>(), 0, nullptr)) {
    std::string message = img.message;
    png_image_free(&img);
    throw std::runtime_error("could not decode PNG: " + message);
  }
  if (mode == kUnchanged) return raw;
  const bool color = c >= 3;
  auto base = raw.narrow(2, 0, color ? 3 : 1);  // PIL's convert drops alpha
  if (mode == kRGB) return color ? base.contiguous() : base.expand({h, w, 3}).contiguous();
  if (!color) return base.contiguous();
  auto px = base.to(at::kInt);
  return (px.select(2, 0) * 19595 + px.select(2, 1) * 38470 + px.select(2, 2) * 7471 + 0x8000).__rshift__(16).to(at::kByte).unsqueeze(2);
}

// ---- encoding (torchvision.io.encode_png / encode_jpeg)
struct JpegOutJob {
  jpeg_compress_struct cinfo;
  jpeg_error_mgr err;
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX] = "";
  unsigned char* buf = nullptr;
  unsigned long size = 0;
};

void JpegOutErrorExit(j_common_ptr cinfo) {
  auto* job = reinterpret_cast<JpegOutJob*>(cinfo->client_data);
  (*cinfo->err->format_message)(cinfo, job->message);
  std::longjmp(job->jump, 1);
}

std::vector<uint8_t> EncodeJpeg(const at::Tensor& hwc, int quality) {
  const int64_t h = hwc.size(0), w = hwc.size(1), c = hwc.size(2);
  if (c != 1 && c != 3) throw std::invalid_argument("The number of channels should be 1 or 3, got: " + std::to_string(c));
  auto job = std::make_unique<JpegOutJob>();
  JpegOutJob* j = job.get();
  const uint8_t* pixels = hwc.data_ptr<uint8_t>();
  j->cinfo.err = jpeg_std_error(&j->err);
  j->err.error_exit = JpegOutErrorExit;
  j->cinfo.client_data = j;
  if (setjmp(j->jump)) {
    jpeg_destroy_compress(&j->cinfo);
    std::free(j->buf);
    throw std::runtime_error(std::string("could not encode JPEG: ") + j->message);
  }
  jpeg_create_compress(&j->cinfo);
  jpeg_mem_dest(&j->cinfo, &j->buf, &j->size);
  j->cinfo.image_width = static_cast<JDIMENSION>(w);
  j->cinfo.image_height = static_cast<JDIMENSION>(h);
  j->cinfo.input_components = static_cast<int>(c);
  j->cinfo.in_color_space = c == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults(&j->cinfo);
  jpeg_set_quality(&j->cinfo, quality, TRUE);
  jpeg_start_compress(&j->cinfo, TRUE);
  while (j->cinfo.next_scanline < j->cinfo.image_height) {
    JSAMPROW row = const_cast<uint8_t*>(pixels + j->cinfo.next_scanline * w * c);
    jpeg_write_scanlines(&j->cinfo, &row, 1);
  }
  jpeg_finish_compress(&j->cinfo);
  jpeg_destroy_compress(&j->cinfo);
  std::vector<uint8_t> out(j->buf, j->buf + j->size);
  std::free(j->buf);
  return out;
}

std::vector<uint8_t> EncodePng(const at::Tensor& hwc) {
  png_image img;
  std::memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  img.height = static_cast<png_uint_32>(hwc.size(0));
  img.width = static_cast<png_uint_32>(hwc.size(1));
  const int64_t c = hwc.size(2);
  if (c < 1 || c > 4) throw std::invalid_argument("The number of channels should be 1, 2, 3 or 4, got: " + std::to_string(c));
  img.format = c == 1 ? PNG_FORMAT_GRAY : c == 2 ? PNG_FORMAT_GA : c == 3 ? PNG_FORMAT_RGB : PNG_FORMAT_RGBA;
  png_alloc_size_t size = 0;
  const void* pixels = hwc.data_ptr<uint8_t>();
  if (!png_image_write_to_memory(&img, nullptr, &size, 0, pixels, 0, nullptr)) throw std::runtime_error(std::string("could not encode PNG: ") + img.message);
  std::vector<uint8_t> out(size);
  if (!png_image_write_to_memory(&img, out.data(), &size, 0, pixels, 0, nullptr)) throw std::runtime_error(std::string("could not encode PNG: ") + img.message);
  out.resize(size);
  return out;
}

#else
// Built without libjpeg/libpng (CMakeLists.txt found no headers): image files are refused with the fix.
[[noreturn]] void NotBuilt() {
  throw std::runtime_error("torch-node was built without libjpeg and libpng, so it cannot read or write image files "
                           "(Debian/Ubuntu: apt-get install libjpeg-dev libpng-dev, then rebuild torch-node)");
}
at::Tensor DecodeJpeg(const uint8_t*, size_t, Mode) { NotBuilt(); }
at::Tensor DecodePng(const uint8_t*, size_t, Mode) { NotBuilt(); }
std::vector<uint8_t> EncodeJpeg(const at::Tensor&, int) { NotBuilt(); }
std::vector<uint8_t> EncodePng(const at::Tensor&) { NotBuilt(); }
#endif
}  // namespace

at::Tensor Decode(const uint8_t* data, size_t size, Mode mode) {
  if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return DecodeJpeg(data, size, mode);
  if (size >= 8 && std::memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0) return DecodePng(data, size, mode);
  throw std::runtime_error("unsupported image format (JPEG and PNG are decoded)");
}

at::Tensor ReadFile(const std::string& path, Mode mode) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read image file " + path + ": " + std::strerror(errno));
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  try {
    return Decode(bytes.data(), bytes.size(), mode);
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string(e.what()) + " (" + path + ")");
  }
}

std::vector<uint8_t> Encode(const at::Tensor& hwc, const std::string& format, int quality) {
  return format == "png" ? EncodePng(hwc) : EncodeJpeg(hwc, quality);
}

int64_t SetMaxImagePixels(int64_t limit) { return maxImagePixels.exchange(limit); }

}  // namespace tn::codec
