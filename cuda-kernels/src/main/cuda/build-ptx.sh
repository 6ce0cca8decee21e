#!/usr/bin/env bash
# Compiles the chaos-game kernel to PTX when nvcc is on the PATH: the driver JIT-compiles PTX for
# whatever GPU it finds, so the jar needs no CUDA toolkit where it runs, only the driver.
# Usage: build-ptx.sh SOURCE_DIR GENERATED_DIR OUT_DIR
set -euo pipefail
src="$1" gen="$2" out="$3"
if ! command -v nvcc >/dev/null 2>&1; then
  echo "[bloom] nvcc not on the PATH: the CUDA kernel is not built; --device cuda will say so"
  exit 0
fi
mkdir -p "$out"
# compute_75 (Turing) is the oldest architecture nvcc 13 emits for; newer GPUs JIT it forward.
for min in 1 2; do
  name=flame; [ "$min" = 1 ] || name="flame-min$min"
  nvcc -std=c++17 -ptx -arch=compute_75 -DMIN_BLOCKS="$min" -I"$gen" "$src/flame.cu" -o "$out/$name.ptx"
done
echo "[bloom] CUDA kernel built with $(nvcc --version | tail -n 2 | head -n 1): $(grep -m1 '^\.version' "$out/flame.ptx")"
