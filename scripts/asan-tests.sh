#!/usr/bin/env bash
# Runs test files against the addon built with AddressSanitizer and LeakSanitizer (gcc's libasan,
# preloaded into node, which is not instrumented), then rebuilds the addon as usual.
#   scripts/asan-tests.sh test/tensor.test.ts test/hostile.test.ts ...   (default: the native-heavy files)
# Any AddressSanitizer error (an out-of-bounds access, a use after free, a double free) fails the run.
# LeakSanitizer's reports at exit are listed, not counted: Node does not finalize what is still alive
# when it exits, and LSan does not scan V8's heap, so every napi External alive at exit (tensors
# included) shows as a leak; growth is what test/memory.test.ts and test/hostile.test.ts measure.
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
errors=$(cat "$log".asan* 2>/dev/null | grep -E 'ERROR: AddressSanitizer' || true)
leaks=$(cat "$log".asan* 2>/dev/null | grep -cE 'ERROR: LeakSanitizer' || true)
echo "asan: tap exit $status; $(echo -n "$errors" | grep -c . || true) AddressSanitizer errors; LeakSanitizer reports at exit from $leaks processes (not counted, see above)"
[ -n "$errors" ] && cat "$log".asan* | grep -A 30 'ERROR: AddressSanitizer' | head -n 60
node scripts/build-native.mjs >/dev/null 2>&1  # back to the normal build
[ "$status" -eq 0 ] && [ -z "$errors" ]
