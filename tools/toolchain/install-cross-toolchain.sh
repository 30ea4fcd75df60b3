#!/usr/bin/env bash
# Installs, from Debian's own package archive (never a downloaded toolchain), what `bulkmailer package` needs to
# build Native AOT bootstraps for another processor than this machine's:
#   arm64 on an x86_64 host: clang, lld, gcc-aarch64-linux-gnu and libc6-dev-arm64-cross (the cross libc and crt
#   files clang links against; only a recommendation of the gcc package, so named here);
#   x86_64 on an arm64 host: clang, lld, gcc-x86-64-linux-gnu, libc6-dev-amd64-cross.
# A native build needs nothing from here. Usage: tools/toolchain/install-cross-toolchain.sh arm64|x86_64
set -euo pipefail
target="${1:?usage: install-cross-toolchain.sh arm64|x86_64}"
host="$(dpkg --print-architecture)"
case "$target" in
  arm64)  [ "$host" = arm64 ] && { echo "host is arm64: nothing to install"; exit 0; }; packages=(clang lld gcc-aarch64-linux-gnu libc6-dev-arm64-cross) ;;
  x86_64) [ "$host" = amd64 ] && { echo "host is x86_64: nothing to install"; exit 0; }; packages=(clang lld gcc-x86-64-linux-gnu libc6-dev-amd64-cross) ;;
  *) echo "unknown architecture '$target' (arm64 or x86_64)" >&2; exit 2 ;;
esac
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${packages[@]}"
echo "installed: ${packages[*]}"
