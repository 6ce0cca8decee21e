#!/usr/bin/env bash
# Renders the golden images with flam3-render 3.1.1 (Debian's flam3-utils), the reference
# implementation of the flame algorithm. Each genome is rendered twice with different seeds:
# the *.flam3-seed2.png image calibrates how far two correct renders differ by noise alone.
# Re-run after changing a genome here:  ./make-golden.sh
set -euo pipefail
cd "$(dirname "$0")"
for g in *.flame; do
  name="${g%.flame}"
  env in="$g" out="$name.flam3.png" isaac_seed=bloom-golden-1 nthreads=1 flam3-render >/dev/null 2>&1
  env in="$g" out="$name.flam3-seed2.png" isaac_seed=bloom-golden-2 nthreads=1 flam3-render >/dev/null 2>&1
done
