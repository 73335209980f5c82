#!/usr/bin/env bash
# One command for a GPU machine with PyTorch 2.x (CUDA) in python3, nvcc, cmake and ninja, but no Node:
# builds the addon against that PyTorch's libtorch (LIBTORCH_USE_PYTORCH=1), runs the CUDA tests
# (test/cuda.test.ts) and the CIFAR-10 step and ResNet50 benches against the same PyTorch on the same
# GPU, and writes everything to one folder (RESULTS, default $OUT or gpu-results/):
#   env.txt      GPU, driver, PyTorch, CUDA and libtorch versions
#   build.log    the addon's build
#   cuda-tests.tap, bench.log, bench.jsonl, summary.txt
# Prepare on a development machine with scripts/gpu-carry.sh and carry .carry and dist along.
# Without a GPU it runs the same steps on the CPU (how it is tested where no GPU is lent).
set -uo pipefail
cd "$(dirname "$0")/.."
results=${RESULTS:-${OUT:-gpu-results}}
mkdir -p "$results"
results=$(cd "$results" && pwd)
python=${PYTHON:-python3}
start=$(date +%s)
say() { echo "gpu-check: $*" | tee -a "$results/summary.txt"; }
: >"$results/summary.txt"

# Node: this machine's if it has one, else the carried binary
if ! command -v node >/dev/null 2>&1; then
  [ -f .carry/gpu/node.xz ] || { say "no node and no .carry/gpu/node.xz: run scripts/gpu-carry.sh where Node is, and carry .carry and dist"; exit 2; }
  mkdir -p /tmp/torch-node-gpu/bin
  xz -dc .carry/gpu/node.xz >/tmp/torch-node-gpu/bin/node && chmod +x /tmp/torch-node-gpu/bin/node
  export PATH=/tmp/torch-node-gpu/bin:$PATH
fi
[ -d node_modules/cmake-js ] || tar -xJf .carry/gpu/node_modules.tar.xz
[ -f dist/lib/index.js ] || { say "dist/ is missing: carry it (scripts/gpu-carry.sh compiles it)"; exit 2; }

device=$("$python" -c 'import torch; print("cuda" if torch.cuda.is_available() else "cpu")')
{
  echo "date: $(date -u +%FT%TZ)"
  "$python" -c 'import torch, platform; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda, "cuDNN", torch.backends.cudnn.version(), "Python", platform.python_version())'
  [ "$device" = cuda ] && "$python" -c 'import torch; p = torch.cuda.get_device_properties(0); print("GPU", p.name, f"{p.total_memory / 2**30:.0f} GiB", "x", torch.cuda.device_count())'
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
  echo "node $(node --version), $(nproc) CPUs"
} >"$results/env.txt" 2>&1
say "device $device; $(head -n 3 "$results/env.txt" | tail -n 2 | tr '\n' ' ')"

# Build against the PyTorch in python3 (pip's layout: torch/share/cmake/Torch)
if LIBTORCH_USE_PYTORCH=1 PYTHON="$python" TORCH_NODE_JOBS=$(nproc) node scripts/build-native.mjs >"$results/build.log" 2>&1; then
  say "build: ok in $(($(date +%s) - start)) s ($(grep -o 'libtorch [0-9.]*: building with C++[0-9]*' "$results/build.log" | head -n 1))"
else
  say "build: FAILED (build.log)"; tail -n 30 "$results/build.log"; exit 1
fi

# The CUDA tests (node:test, TAP out)
node --test-reporter=tap .carry/gpu/js/test/cuda.test.js >"$results/cuda-tests.tap" 2>&1
tests=$?
say "CUDA tests: $(grep -cE '^ok ' "$results/cuda-tests.tap") ok, $(grep -cE '^not ok ' "$results/cuda-tests.tap") not ok, $(grep -cE '# SKIP' "$results/cuda-tests.tap") skipped (exit $tests)"

# The benches, torch-node and PyTorch on the same device in the same run
export BENCH_DEVICE=$device BENCH_JSON=$results/bench.jsonl PYTHON=$python
: >"$results/bench.jsonl"
if [ "$device" = cuda ]; then cifar_batch=100 resnet_batch=64 threads=$(nproc); else cifar_batch=100 resnet_batch=8 threads=2; fi
BENCH_BATCH=$cifar_batch BENCH_THREADS=$threads BENCH_STEPS=${BENCH_STEPS:-20} node .carry/gpu/js/bench/cifar-step.js >>"$results/bench.log" 2>&1 || say "cifar-step bench FAILED (bench.log)"
BENCH_BATCH=$resnet_batch BENCH_THREADS=$threads BENCH_STEPS=${BENCH_STEPS:-5} node .carry/gpu/js/bench/resnet.js >>"$results/bench.log" 2>&1 || say "resnet bench FAILED (bench.log)"
grep -E 'ratio|images/s|ConvNet|ResNet50' "$results/bench.log" | sed 's/^/gpu-check: /' | tee -a "$results/summary.txt"
say "done in $(($(date +%s) - start)) s; results in $results"
[ "$tests" -eq 0 ]
