#!/usr/bin/env bash
# Packs what scripts/gpu-check.sh needs on a GPU machine that has PyTorch, nvcc, cmake and ninja but
# no Node and no network, into .carry/gpu/ (git ignores .carry/):
#   node.xz              this machine's node binary
#   node_modules.tar.xz  the production dependencies (cmake-js, node-addon-api, ...), from the lockfile
#   js/                  the CUDA tests and the benches, compiled (no TypeScript runner there)
# and compiles the library into dist/. Carry both to the GPU machine (the device tool's carry: [".carry", "dist"]).
set -euo pipefail
cd "$(dirname "$0")/.."
out=.carry/gpu
rm -rf "$out"
mkdir -p "$out"
xz -T0 -c "$(command -v node)" >"$out/node.xz"
npx tsc -p tsconfig.json
# the compiled tests and benches, and the production dependencies in a clean tree
tsc=$(node -e "console.log(require.resolve('typescript/bin/tsc'))")
node "$tsc" --outDir "$out/js" --rootDir . --module NodeNext --moduleResolution NodeNext --target ES2022 \
  --lib ES2022,ESNext.Disposable --types node --skipLibCheck --strict \
  test/cuda.test.ts bench/cifar-step.ts bench/resnet.ts
cp bench/*.py "$out/js/bench/"
mkdir -p "$out/js/scripts" && cp scripts/convnet_reference.py "$out/js/scripts/"
stage=$(mktemp -d)
cp package.json package-lock.json "$stage/"
(cd "$stage" && npm ci --omit=dev --ignore-scripts --no-audit --no-fund >/dev/null)
tar -C "$stage" -cJf "$out/node_modules.tar.xz" node_modules
rm -rf "$stage"
du -sh "$out" dist | sed 's/^/gpu-carry: /'
