// Optimizer updates, one native call per step for all parameters, with PyTorch's
// single-tensor update math step for step (torch/optim/*.py, 1.13/2.x): same numbers.
#include "common.h"

namespace tn {

static std::vector<at::Tensor> List(napi_env env, Napi::Value v, const char* name, bool allowNull = false) {
  std::vector<at::Tensor> out;
  if (v.IsNull() || v.IsUndefined()) return out;
  auto arr = v.As<Napi::Array>();
  for (uint32_t i = 0; i < arr.Length(); ++i) {
    Napi::Value e = arr.Get(i);
    if (allowNull && (e.IsNull() || e.IsUndefined())) out.emplace_back();
    else out.push_back(TensorArg(env, e, name));
  }
  return out;
}

// Each parameter's gradient has its shape: an update must never broadcast a wrong one silently.
static void CheckGrads(const std::vector<at::Tensor>& params, const std::vector<at::Tensor>& grads) {
  TORCH_CHECK(params.size() == grads.size(), "expected one gradient per parameter");
  for (size_t i = 0; i < params.size(); ++i)
    TORCH_CHECK(grads[i].sizes().equals(params[i].sizes()), "the gradient of parameter ", i, " has shape ", grads[i].sizes(),
                " but the parameter has shape ", params[i].sizes());
}

static double Num(Napi::Object o, const char* key) { return o.Get(key).As<Napi::Number>().DoubleValue(); }
static bool Flag(Napi::Object o, const char* key) { return o.Get(key).ToBoolean().Value(); }

// Increments a float step tensor, as PyTorch keeps `step` in the state, and returns it.
static double Advance(at::Tensor& step) {
  step.add_(1);
  return step.item<double>();
}

// sgdStep(params, grads, momentumBuffers (entries may be null), hyper) -> momentumBuffers
static Napi::Value SgdStep(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "optim.SGD.step", [&]() -> napi_value {
    at::NoGradGuard noGrad;
    auto params = List(env, info[0], "params"), grads = List(env, info[1], "grads");
    CheckGrads(params, grads);
    auto bufs = List(env, info[2], "momentumBuffers", true);
    auto h = info[3].As<Napi::Object>();
    double lr = Num(h, "lr"), momentum = Num(h, "momentum"), dampening = Num(h, "dampening"), wd = Num(h, "weightDecay");
    bool nesterov = Flag(h, "nesterov"), maximize = Flag(h, "maximize");
    bufs.resize(params.size());
    for (size_t i = 0; i < params.size(); ++i) {
      at::Tensor d = maximize ? grads[i].neg() : grads[i];
      if (wd != 0) d = d.add(params[i], wd);
      if (momentum != 0) {
        if (!bufs[i].defined()) bufs[i] = d.clone().detach();
        else bufs[i].mul_(momentum).add_(d, 1 - dampening);
        d = nesterov ? d.add(bufs[i], momentum) : bufs[i];
      }
      params[i].add_(d, -lr);
    }
    napi_value arr;
    napi_create_array_with_length(env, bufs.size(), &arr);
    for (size_t i = 0; i < bufs.size(); ++i) napi_set_element(env, arr, i, WrapTensor(env, bufs[i]));
    return arr;
  });
}

// adamStep(params, grads, expAvgs, expAvgSqs, maxExpAvgSqs|null, steps, hyper); AdamW when hyper.decoupled
static Napi::Value AdamStep(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "optim.Adam.step", [&]() -> napi_value {
    at::NoGradGuard noGrad;
    auto params = List(env, info[0], "params"), grads = List(env, info[1], "grads");
    CheckGrads(params, grads);
    auto m = List(env, info[2], "expAvgs"), v = List(env, info[3], "expAvgSqs");
    auto vmax = List(env, info[4], "maxExpAvgSqs"), steps = List(env, info[5], "steps");
    auto h = info[6].As<Napi::Object>();
    double lr = Num(h, "lr"), beta1 = Num(h, "beta1"), beta2 = Num(h, "beta2"), eps = Num(h, "eps"), wd = Num(h, "weightDecay");
    bool amsgrad = Flag(h, "amsgrad"), maximize = Flag(h, "maximize"), decoupled = Flag(h, "decoupled");
    for (size_t i = 0; i < params.size(); ++i) {
      at::Tensor g = maximize ? grads[i].neg() : grads[i];
      double step = Advance(steps[i]);
      if (decoupled) params[i].mul_(1 - lr * wd);
      else if (wd != 0) g = g.add(params[i], wd);
      m[i].mul_(beta1).add_(g, 1 - beta1);
      v[i].mul_(beta2).addcmul_(g, g, 1 - beta2);
      double bc1 = 1 - std::pow(beta1, step), bc2sqrt = std::sqrt(1 - std::pow(beta2, step));
      at::Tensor denom;
      if (amsgrad) {
        at::maximum_out(vmax[i], vmax[i], v[i]);
        denom = (vmax[i].sqrt() / bc2sqrt).add_(eps);
      } else {
        denom = (v[i].sqrt() / bc2sqrt).add_(eps);
      }
      params[i].addcdiv_(m[i], denom, -lr / bc1);
    }
    return info.Env().Undefined();
  });
}

// rmspropStep(params, grads, squareAvgs, gradAvgs|null, momentumBuffers|null, steps, hyper)
static Napi::Value RmspropStep(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "optim.RMSprop.step", [&]() -> napi_value {
    at::NoGradGuard noGrad;
    auto params = List(env, info[0], "params"), grads = List(env, info[1], "grads");
    CheckGrads(params, grads);
    auto sq = List(env, info[2], "squareAvgs"), gavg = List(env, info[3], "gradAvgs");
    auto bufs = List(env, info[4], "momentumBuffers"), steps = List(env, info[5], "steps");
    auto h = info[6].As<Napi::Object>();
    double lr = Num(h, "lr"), alpha = Num(h, "alpha"), eps = Num(h, "eps"), wd = Num(h, "weightDecay"), momentum = Num(h, "momentum");
    bool centered = Flag(h, "centered"), maximize = Flag(h, "maximize");
    for (size_t i = 0; i < params.size(); ++i) {
      at::Tensor g = maximize ? grads[i].neg() : grads[i];
      Advance(steps[i]);
      if (wd != 0) g = g.add(params[i], wd);
      sq[i].mul_(alpha).addcmul_(g, g, 1 - alpha);
      at::Tensor avg;
      if (centered) {
        gavg[i].mul_(alpha).add_(g, 1 - alpha);
        avg = sq[i].addcmul(gavg[i], gavg[i], -1).sqrt_();
      } else {
        avg = sq[i].sqrt();
      }
      avg = avg.add_(eps);
      if (momentum > 0) {
        bufs[i].mul_(momentum).addcdiv_(g, avg);
        params[i].add_(bufs[i], -lr);
      } else {
        params[i].addcdiv_(g, avg, -lr);
      }
    }
    return info.Env().Undefined();
  });
}

// adagradStep(params, grads, sums, steps, hyper)
static Napi::Value AdagradStep(const Napi::CallbackInfo& info) {
  napi_env env = info.Env();
  return GuardN(info, "optim.Adagrad.step", [&]() -> napi_value {
    at::NoGradGuard noGrad;
    auto params = List(env, info[0], "params"), grads = List(env, info[1], "grads");
    CheckGrads(params, grads);
    auto sums = List(env, info[2], "sums"), steps = List(env, info[3], "steps");
    auto h = info[4].As<Napi::Object>();
    double lr = Num(h, "lr"), lrDecay = Num(h, "lrDecay"), wd = Num(h, "weightDecay"), eps = Num(h, "eps");
    bool maximize = Flag(h, "maximize");
    for (size_t i = 0; i < params.size(); ++i) {
      double step = Advance(steps[i]);
      at::Tensor g = maximize ? grads[i].neg() : grads[i];
      if (wd != 0) g = g.add(params[i], wd);
      double clr = lr / (1 + (step - 1) * lrDecay);
      sums[i].addcmul_(g, g, 1);
      at::Tensor std = sums[i].sqrt().add_(eps);
      params[i].addcdiv_(g, std, -clr);
    }
    return info.Env().Undefined();
  });
}

void InitOptim(Napi::Env env, Napi::Object exports) {
  exports.Set("sgdStep", Napi::Function::New(env, SgdStep));
  exports.Set("adamStep", Napi::Function::New(env, AdamStep));
  exports.Set("rmspropStep", Napi::Function::New(env, RmspropStep));
  exports.Set("adagradStep", Napi::Function::New(env, AdagradStep));
}

}  // namespace tn
