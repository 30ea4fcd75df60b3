#!/usr/bin/env bash
# Installs Debian's own chromium (/usr/bin/chromium) for the browser test of the unsubscribe page (PuppeteerSharp
# drives it; no browser is ever downloaded by the test tooling). Idempotent. Usage: tools/toolchain/install-chromium.sh
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "chromium already installed"
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q chromium
echo "installed: chromium"
