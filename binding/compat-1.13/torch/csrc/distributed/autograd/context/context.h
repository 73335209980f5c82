// Stands in for the one header Debian 12's libtorch-dev 1.13 leaves out and c10d's reducer.hpp includes
// (later packages ship it; CMakeLists.txt puts this folder on the include path only where it is missing).
// The Reducer needs just these two names: a context it holds through a shared_ptr and never touches
// inline, and the callback type it checks against its own. libtorch_cpu itself was built with the real
// header, so the Reducer's compiled code is the real one.
#pragma once
#include <ATen/core/Tensor.h>
#include <functional>
#include <memory>

namespace torch::distributed::autograd {
class DistAutogradContext {
 public:
  using GradCallback = std::function<bool(at::Tensor&)>;
};
using ContextPtr = std::shared_ptr<DistAutogradContext>;
}  // namespace torch::distributed::autograd
