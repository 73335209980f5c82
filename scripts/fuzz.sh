#!/usr/bin/env bash
# `npm run fuzz [-- SECONDS]`: builds fuzz/ with clang (libFuzzer, AddressSanitizer, UBSan) and runs
# each target for SECONDS (default 30) over its committed corpus (fuzz/corpus/<target>), a fresh
# working corpus in build/fuzz; fails on any crash, sanitizer report, leak or timeout, leaving the
# input that caused it in build/fuzz/artifacts. Needs clang-14 and libclang-rt-14-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
clangxx=${CLANGXX:-$(command -v clang++-14 || command -v clang++ || true)}
[ -n "$clangxx" ] || { echo "fuzz: needs clang (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }
cmake_dir=$(node --input-type=module -e "import { findLibtorch } from './scripts/find-libtorch.mjs'; console.log((await findLibtorch({ log() {} })).cmakeDir)")
out=build/fuzz
cmake -S fuzz -B "$out" -DCMAKE_CXX_COMPILER="$clangxx" -DCMAKE_PREFIX_PATH="$cmake_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo >"$out.configure.log" 2>&1 \
  || { tail -n 30 "$out.configure.log"; exit 1; }
cmake --build "$out" -j "${TORCH_NODE_JOBS:-2}" >"$out.build.log" 2>&1 || { tail -n 30 "$out.build.log"; exit 1; }
mkdir -p "$out/artifacts"
status=0
for target in image_decode checkpoint; do
  work="$out/corpus-$target"
  if [ ! -d "fuzz/corpus/$target" ] || [ -z "$(ls -A "fuzz/corpus/$target")" ]; then
    echo "fuzz: $target: no seed corpus in fuzz/corpus/$target (a setup error, not a finding)"; status=1; continue
  fi
  rm -rf "$work" && mkdir -p "$work"
  # ASan's leak check stays on; libtorch's own one-time allocations are not leaks of ours
  if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 LSAN_OPTIONS=suppressions=fuzz/lsan.supp \
     "$out/${target}_fuzzer" "$work" "fuzz/corpus/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
     -artifact_prefix="$out/artifacts/$target-" -print_final_stats=1 >"$out/$target.log" 2>&1; then
    echo "fuzz: $target: $(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$out/$target.log" | grep -Eo '[0-9]+$') runs in ${seconds} s, no finding"
  else
    echo "fuzz: $target: FINDING (see $out/$target.log and $out/artifacts/)"; grep -E 'ERROR|SUMMARY|==[0-9]+==' "$out/$target.log" | head -n 20
    status=1
  fi
done
exit $status
