#!/usr/bin/env bash
# Makes the flam3 conformance set: 12 random genomes from flam3-genome 3.1.1 (Debian's
# flam3-utils; every variation allowed), each rendered by flam3-render at 128x96, quality 300,
# with two random seeds. The pair of flam3 renders measures how far two correct renders differ
# by sampling noise alone; Flam3ConformanceTest holds Bloom to that.  Re-run: ./make-conformance.sh
set -euo pipefail
cd "$(dirname "$0")"
for i in $(seq -w 1 12); do
  env isaac_seed="bloom-conformance-$i" flam3-genome 2>/dev/null \
    | sed 's/size="100 100"/size="128 96"/; s/quality="1"/quality="300"/' > "g$i.flam3"
  env in="g$i.flam3" out="g$i.flam3-a.png" isaac_seed=a nthreads=1 flam3-render >/dev/null 2>&1
  env in="g$i.flam3" out="g$i.flam3-b.png" isaac_seed=b nthreads=1 flam3-render >/dev/null 2>&1
done
