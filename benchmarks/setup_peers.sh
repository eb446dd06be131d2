#!/usr/bin/env bash
# Create the peer virtual environments used by benchmarks/run.py.
#
#   benchmarks/.venvs/augly   AugLy 1.0.0 (image, text, audio): Pillow<9 built from source, numpy<1.24,
#                             torch + torchaudio 2.8.0 (sox_effects) with the system libsox.
#   benchmarks/.venvs/peers   albumentations 2.0.8 + opencv-python-headless, audiomentations 0.43.1,
#                             nlpaug 1.1.11, librosa, scipy, Pillow (raw primitives), and the optional
#                             backends audiomentations uses when present (numpy-audio-limiter, loudness,
#                             fast-mp3-augment, pyroomacoustics, python-stretch).
#   benchmarks/.venvs/torch   torch 2.14.1 + torchvision 0.29.1 (v2 transforms on CPU tensors) + Pillow,
#                             numpy and opencv-python-headless (multiaug's kernels, for parity checks), and
#                             keras 3.15.1 + scipy (Keras' legacy ImageDataGenerator, run with KERAS_BACKEND=torch:
#                             the peers venv has no Keras backend — its numpy backend imports jax).
#                             TORCH_VENV=/path links an existing venv instead of building one.
#
# Usage: bash benchmarks/setup_peers.sh [augly|peers|torch|all]   (default: all)
# System packages (Debian): libjpeg-dev zlib1g-dev (Pillow 8 from source), sox libsox-dev (torchaudio sox
# effects), libmagic1 (python-magic). Installed with apt-get when missing and we are root.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
VENVS="$HERE/.venvs"
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null || PY=python3
WHAT="${1:-all}"
mkdir -p "$VENVS"

need_deb() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then apt-get install -y "${missing[@]}" || { apt-get update && apt-get install -y "${missing[@]}"; }
    else echo "missing Debian packages: ${missing[*]} (install them as root)" >&2; fi
  fi
}

make_venv() {  # name
  local d="$VENVS/$1"
  [ -x "$d/bin/python" ] || "$PY" -m venv "$d"
  "$d/bin/python" -m pip install -q --upgrade "pip<25" wheel "setuptools<70"
}

setup_peers() {
  make_venv peers
  "$VENVS/peers/bin/pip" install -q \
    "albumentations==2.0.8" opencv-python-headless \
    "audiomentations==0.43.1" "nlpaug==1.1.11" librosa scipy soundfile pillow numpy \
    numpy-audio-limiter loudness fast-mp3-augment pyroomacoustics python-stretch
  "$VENVS/peers/bin/python" -c "import albumentations, audiomentations, nlpaug, librosa, cv2; print('peers ok')"
}

setup_torch() {
  if [ -n "${TORCH_VENV:-}" ]; then  # reuse a venv built elsewhere (a few GB): link it
    [ -x "$TORCH_VENV/bin/python" ] || { echo "TORCH_VENV=$TORCH_VENV has no bin/python" >&2; exit 2; }
    ln -sfn "$TORCH_VENV" "$VENVS/torch"
  else
    make_venv torch
    # PyPI's x86_64 torch is a CUDA build (several GB); it runs on the CPU here. torchvision pins its torch.
    "$VENVS/torch/bin/pip" install -q "torch==2.14.1" "torchvision==0.29.1" pillow numpy opencv-python-headless
  fi
  "$VENVS/torch/bin/pip" install -q "keras==3.15.1" scipy  # the image_data_generator[flow8] benchmark case
  "$VENVS/torch/bin/python" -c "import torch, torchvision; from torchvision.transforms import v2; print('torch ok', torch.__version__, torchvision.__version__)"
}

setup_augly() {
  need_deb libjpeg-dev zlib1g-dev libmagic1 sox libsox-dev
  make_venv augly
  local P="$VENVS/augly/bin/pip"
  # numpy<1.24 (perspective_transform uses np.float); Pillow 8.4 has no cp311 wheel: built from source.
  "$P" install -q "numpy<1.24" "Pillow<9" --no-binary Pillow
  # torchaudio 2.8.0 still ships sox_effects (dropped in 2.9); PyPI's torch 2.8.0 on x86_64 is a CUDA build.
  "$P" install -q "torch==2.8.0" "torchaudio==2.8.0"
  "$P" install -q "augly[image,text,audio]==1.0.0" "numpy<1.24" "Pillow<9" "torch==2.8.0" "torchaudio==2.8.0"
  "$VENVS/augly/bin/python" -c "import augly.image, augly.text; print('augly image/text ok')"
  "$VENVS/augly/bin/python" -c "import augly.audio; print('augly audio ok')" || echo "augly audio NOT available" >&2
}

case "$WHAT" in
  peers) setup_peers ;;
  augly) setup_augly ;;
  torch) setup_torch ;;
  all) setup_peers; setup_augly; setup_torch ;;
  *) echo "usage: $0 [augly|peers|torch|all]" >&2; exit 2 ;;
esac
