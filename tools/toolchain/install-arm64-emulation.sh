#!/usr/bin/env bash
# Lets an x86_64 machine run arm64 bootstraps for tests, from Debian's own packages: qemu-user (qemu-aarch64) and the
# arm64 multiarch OpenSSL (.NET loads libssl for HMAC/TLS; `qemu-aarch64 -L /usr/aarch64-linux-gnu` hangs at start-up,
# the multiarch libraries in /usr/lib/aarch64-linux-gnu work). Idempotent. Usage: tools/toolchain/install-arm64-emulation.sh
set -euo pipefail
[ "$(dpkg --print-architecture)" = arm64 ] && { echo "host is arm64: nothing to install"; exit 0; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
  $sudo dpkg --add-architecture arm64
fi
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends qemu-user libssl3:arm64
echo "installed: qemu-user libssl3:arm64"
