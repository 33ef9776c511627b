#!/usr/bin/env bash
# Installs Convoscope's build and test dependencies from Debian 12 packages (idempotent, quiet when done).
set -euo pipefail
packages=(
  cmake g++ make pkg-config git
  libtorch-dev zlib1g-dev
  libglfw3-dev libepoxy-dev libglm-dev libimgui-dev libstb-dev libegl-dev libgl-dev libegl-mesa0 libgl1-mesa-dri
  libgtest-dev libgmock-dev libbenchmark-dev nlohmann-json3-dev libcli11-dev
  ffmpeg fonts-dejavu-core xvfb xauth
  dataset-fashion-mnist
)
if [ "${1:-}" = "--test" ]; then
  # Test fixtures are made the way users make them: Debian's PyTorch and torchvision.
  packages+=(python3 python3-torch python3-torchvision)
fi
if [ "${1:-}" = "--fuzz" ]; then
  # libFuzzer comes with Debian's clang (libclang-rt-14-dev); only scripts/fuzz.sh needs it.
  packages+=(clang libclang-rt-14-dev)
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
