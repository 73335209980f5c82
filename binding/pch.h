// Precompiled header: the heavy libtorch and Node-API headers every translation unit uses.
#pragma once
#include <ATen/ATen.h>
#include <ATen/core/dispatch/Dispatcher.h>
#include <ATen/core/function_schema.h>
#include <ATen/TensorIndexing.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/variable.h>
#include <torch/csrc/autograd/function.h>
#include <torch/version.h>
#include <napi.h>
#include <string>
#include <vector>
