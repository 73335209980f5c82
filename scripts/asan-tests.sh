#!/usr/bin/env bash
# Runs test files against the addon built with AddressSanitizer and LeakSanitizer (gcc's libasan,
# preloaded into node, which is not instrumented), then rebuilds the addon as usual.
#   scripts/asan-tests.sh test/tensor.test.ts test/hostile.test.ts ...   (default: the native-heavy files)
# A report (memory error or leak) with a frame in torch_node.node fails the run; leaks wholly inside
# Node, V8, Python or libtorch's own registries are listed but not counted.
set -uo pipefail
cd "$(dirname "$0")/.."
files=("$@")
[ ${#files[@]} -gt 0 ] || files=(test/tensor.test.ts test/ops.test.ts test/errors.test.ts test/hostile.test.ts test/fuzz.test.ts
  test/serialization.test.ts test/autograd.test.ts test/nn.test.ts test/image-ops.test.ts test/native-loader.test.ts test/jit.test.ts)
TORCH_NODE_SANITIZE=address node scripts/build-native.mjs >/tmp/torch-node-asan-build.log 2>&1 || { tail -n 30 /tmp/torch-node-asan-build.log; exit 1; }
npx tsc -p tsconfig.json
libasan=$(gcc -print-file-name=libasan.so)
log=$(mktemp)
LD_PRELOAD=$libasan ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:log_path=$log.asan \
  LSAN_OPTIONS=print_suppressions=0:exitcode=0 \
  npx tap --disable-coverage --timeout=900 "${files[@]}" 2>&1 | tail -n 8
status=${PIPESTATUS[0]}
reports=$(cat "$log".asan* 2>/dev/null | grep -E '^(==|SUMMARY)' | head -n 40)
ours=$(cat "$log".asan* 2>/dev/null | grep -c 'torch_node.node' || true)
echo "asan: tap exit $status; reports: $(ls "$log".asan* 2>/dev/null | wc -l) files, $ours frames in torch_node.node"
[ -n "$reports" ] && echo "$reports"
node scripts/build-native.mjs >/dev/null 2>&1  # back to the normal build
[ "$status" -eq 0 ] && [ "$ours" -eq 0 ]
