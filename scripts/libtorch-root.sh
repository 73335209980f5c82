#!/usr/bin/env bash
# `npm run test:libtorch -- SUITE [command]`: builds and tests torch-node against another Debian's
# libtorch, as a user of that Debian would meet it.
#
#   SUITE       bookworm (libtorch 1.13.1), trixie (2.6.0), sid (2.14.1), or trixie-cuda: Debian 13's
#               CUDA libtorch 2.6.0 (contrib) with NVIDIA's CUDA 12.4 toolkit and NCCL (non-free), where
#               the addon and every CUDA code path are compiled and linked (there is no GPU to run them)
#   command     what to run in the checkout inside the root (default: npm test; trixie-cuda: the build)
#   --fixtures  instead of a command: run the fixture makers with that Debian's PyTorch and copy what
#               they wrote (test/fixtures/torch-MAJOR.MINOR, scripts/fixture_dir.py) back here
#   --signatures  instead of a command: regenerate lib/generated/signatures.ts from that Debian's
#               PyTorch and torchvision and copy it back here
#   --docs      instead of a command: regenerate lib/generated/docs.json (scripts/gen-docs.py) from
#               that Debian's PyTorch and torchvision docstrings and copy it back here
#
# Makes the root once with debootstrap (from the mirror this machine's apt uses) under
# ${TORCH_NODE_ROOTS:-~/.cache/torch-node/roots}/SUITE, and reuses it after: its packages, its
# node_modules and its incremental build stay between runs. Each run copies this checkout's files
# (tracked and untracked-but-not-ignored, as CI's clone would have them) into the root, installs the
# npm dependencies when the lockfile changed, builds the addon incrementally and runs the command.
# Needs root (debootstrap, chroot, mounts); prints the suite's summary line last.
set -euo pipefail

suite=${1:?usage: scripts/libtorch-root.sh bookworm|trixie|sid|trixie-cuda [--fixtures | command...]}
shift
# The packages a user of that Debian installs (README's first command), plus git and certificates.
common="nodejs npm cmake g++ make libjpeg-dev libpng-dev ca-certificates git xz-utils"
case "$suite" in
  bookworm | trixie | sid)
    debian=$suite
    packages="libtorch-dev python3-torch python3-torchvision libgloo-dev dataset-fashion-mnist protobuf-compiler python3-protobuf python3-setuptools $common"
    default_command="npm test" ;;
  trixie-cuda)
    debian=trixie
    packages="libtorch-cuda-dev nvidia-cuda-toolkit libnccl-dev libgloo-cuda-dev $common"
    default_command="node scripts/build-native.mjs" ;;
  *) echo "unknown suite '$suite' (bookworm, trixie, sid or trixie-cuda)" >&2; exit 2 ;;
esac
fixtures=0 signatures=0 docs=0
if [ "${1:-}" = "--fixtures" ]; then fixtures=1; shift; set -- npm run fixtures; fi
if [ "${1:-}" = "--signatures" ]; then signatures=1; shift; set -- python3 scripts/gen-signatures.py; fi
# the public paths come from this checkout's declarations, the docstrings from the root's PyTorch
if [ "${1:-}" = "--docs" ]; then docs=1; shift; set -- sh -c "'node scripts/add-docs.mjs --paths | python3 scripts/gen-docs.py lib/generated/docs.json'"; fi
command=${*:-$default_command}
[ "$(id -u)" -eq 0 ] || { echo "libtorch-root: needs root (debootstrap, chroot and mounts); run it with sudo" >&2; exit 2; }

repo=$(cd "$(dirname "$0")/.." && pwd)
roots=${TORCH_NODE_ROOTS:-$HOME/.cache/torch-node/roots}
root=$roots/$suite
apt_opts=(-o Acquire::Check-Valid-Until=false -o Acquire::Retries=3 -o Dpkg::Use-Pty=0)
export DEBIAN_FRONTEND=noninteractive

# This machine's mirror: the first deb.debian.org-style URI of its apt sources.
mirror=${TORCH_NODE_MIRROR:-$(grep -hoE '(URIs:|^deb) *https?://[^ ]+/debian/?' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
  | grep -oE 'https?://[^ ]+' | head -n 1 || true)}
mirror=${mirror:-http://deb.debian.org/debian}

log() { printf 'libtorch-root[%s]: %s\n' "$suite" "$*" >&2; }

mounted() { grep -qs " $1 " /proc/mounts; }
unmount_all() {
  for m in "$root/dev" "$root/proc"; do mounted "$m" && umount -l "$m" || true; done
}

if [ ! -x "$root/usr/bin/apt-get" ] || [ ! -f "$root/.torch-node-ready" ]; then
  command -v debootstrap >/dev/null || { log "installing debootstrap"; apt-get install -y -qq debootstrap >/dev/null; }
  if [ ! -x "$root/usr/bin/apt-get" ]; then
    log "making a minimal $suite root in $root from $mirror (once; a few minutes)"
    rm -rf "$root.partial"
    mkdir -p "$roots"
    debootstrap --variant=minbase "$debian" "$root.partial" "$mirror" >"$roots/$suite-debootstrap.log" 2>&1 \
      || { log "debootstrap failed; see $roots/$suite-debootstrap.log"; tail -n 20 "$roots/$suite-debootstrap.log" >&2; exit 1; }
    mv "$root.partial" "$root"
  fi
fi

trap unmount_all EXIT
mounted "$root/proc" || mount -t proc proc "$root/proc"
mounted "$root/dev" || mount --bind /dev "$root/dev"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
# npm inside the root trusts what the host's npm trusts (the host may sit behind a TLS proxy).
host_ca=$(npm config get cafile 2>/dev/null || true)
[ -f "$host_ca" ] || host_ca=/etc/ssl/certs/ca-certificates.crt
cp "$host_ca" "$root/etc/torch-node-host-ca.crt"

in_root() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin \
  LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive NODE_EXTRA_CA_CERTS=/etc/torch-node-host-ca.crt \
  TERM=dumb CI=1 "$@"; }

if [ ! -f "$root/.torch-node-ready" ] || [ "$(cat "$root/.torch-node-ready")" != "$packages" ]; then
  log "installing into the root: $(echo $packages)"
  components="main contrib non-free"
  echo "deb $mirror $debian $components" >"$root/etc/apt/sources.list"
  in_root apt-get "${apt_opts[@]}" update -qq
  # shellcheck disable=SC2086
  if ! in_root apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends $packages >"$roots/$suite-apt.log" 2>&1; then
    # nvidia-cudnn is an installer that downloads cuDNN from NVIDIA at configure time; offline it fails,
    # leaving the CUDA libtorch unpacked but unconfigured: enough to compile and link against.
    if [ "$suite" = trixie-cuda ] && in_root dpkg-query -W -f '${Status}' libtorch-cuda-dev | grep -q unpacked; then
      log "nvidia-cudnn could not download cuDNN from NVIDIA (offline): the CUDA libtorch is unpacked without it, enough to compile and link, not to run"
    else
      log "apt-get install failed; see $roots/$suite-apt.log"; tail -n 20 "$roots/$suite-apt.log" >&2; exit 1
    fi
  fi
  in_root npm config set cafile /etc/torch-node-host-ca.crt >/dev/null
  in_root npm config set update-notifier false >/dev/null
  in_root npm config set fund false >/dev/null
  in_root npm config set audit false >/dev/null
  echo "$packages" >"$root/.torch-node-ready"
fi
log "$(in_root sh -c 'for p in libtorch-dev libtorch-cuda-dev python3-torch nvidia-cuda-toolkit; do v=$(dpkg-query -W -f "\${Version}" $p 2>/dev/null); [ -n "$v" ] && printf "%s %s, " $p $v; done; echo "node $(node --version), npm $(npm --version), g++ $(g++ -dumpversion)"')"

# This checkout, as a fresh clone (plus uncommitted work) would have it; node_modules and build stay.
work=$root/work/torch-node
mkdir -p "$work"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf -) | tar -xf - -C "$work"
# Files deleted from the checkout since the last run go from the copy too (keeps globbed sources honest).
(cd "$repo" && git ls-files --cached --others --exclude-standard | sort) >"$root/.torch-node-files.new"
if [ -f "$root/.torch-node-files" ]; then
  comm -23 "$root/.torch-node-files" "$root/.torch-node-files.new" | while IFS= read -r f; do rm -f "$work/$f"; done
fi
mv "$root/.torch-node-files.new" "$root/.torch-node-files"

lock_sum=$(sha256sum "$work/package-lock.json" | cut -d' ' -f1)
if [ ! -d "$work/node_modules" ] || [ "$(cat "$work/.torch-node-lock" 2>/dev/null)" != "$lock_sum" ]; then
  log "npm ci (builds the addon)"
  in_root sh -c 'cd /work/torch-node && npm ci --no-audit --no-fund && npx tsc -p tsconfig.json'
  echo "$lock_sum" >"$work/.torch-node-lock"
else
  log "building the addon (incremental)"
  in_root sh -c 'cd /work/torch-node && node scripts/build-native.mjs'
  # a signature table being regenerated may be what the TypeScript needs: compile it after, then
  if [ "$signatures" = 1 ]; then
    in_root sh -c 'cd /work/torch-node && npx tsc -p tsconfig.json' || log "tsc failed before the new signatures; compiling again after them"
  else
    in_root sh -c 'cd /work/torch-node && npx tsc -p tsconfig.json'
  fi
fi

log "running: $command"
in_root sh -c "cd /work/torch-node && $command"
if [ "$signatures" = 1 ]; then
  in_root sh -c 'cd /work/torch-node && npx tsc -p tsconfig.json'
  cp "$work/lib/generated/signatures.ts" "$repo/lib/generated/signatures.ts"
  log "copied lib/generated/signatures.ts, made from that root's PyTorch, back"
fi
if [ "$docs" = 1 ]; then
  cp "$work/lib/generated/docs.json" "$repo/lib/generated/docs.json"
  log "copied lib/generated/docs.json, made from that root's PyTorch docstrings, back"
fi
if [ "$fixtures" = 1 ]; then
  for d in "$work"/test/fixtures/torch-*/; do
    name=$(basename "$d")
    rm -rf "$repo/test/fixtures/$name"
    cp -r "$d" "$repo/test/fixtures/$name"
    log "copied the fixtures PyTorch $(in_root python3 -c 'import torch; print(torch.__version__)') made into test/fixtures/$name"
  done
fi
