#!/usr/bin/env bash
# Packages Bloom's GPU checks for a machine that has an NVIDIA GPU and driver but no JDK, no Maven
# and no internet: OUT holds a jlinked Java runtime, the jars (the CUDA kernel's PTX is inside),
# the conformance genomes and run.sh; OUT-render the render path and a small recorded run. Copy
# both folders over, side by side, and run
#   ./run.sh            parity (GPU against CPU), the GPU benchmark at 1920x1080 quality 1000,
#                       and bloom render of the recorded run at 1280x720 on the GPU (frames/s)
# Build it here with: cuda-kernels/gpu/package.sh [OUT_DIR]   (default dist/gpu)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="${1:-$root/dist/gpu}"
command -v nvcc >/dev/null || { echo "package.sh: nvcc (the CUDA toolkit) is needed here to build the kernel" >&2; exit 2; }
command -v jlink >/dev/null || { echo "package.sh: jlink (a JDK 17) is needed" >&2; exit 2; }

cd "$root"
echo "package.sh: building..." >&2
mvn -B -q -DskipTests install >&2
rm -rf "$out" "$out-render"
mkdir -p "$out/lib" "$out/genomes" "$out-render/lib"

# Two folders, each small enough to carry in one go: the checks (runtime, kernel, JCuda,
# genomes), and the render path (FFmpeg, Smile for the palettes, picocli, a recorded run).
all="$(mktemp -d)"
(cd cli && mvn -B -q dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$all" >&2)
cp "$all"/bloom-flame-*.jar "$all"/bloom-cuda-kernels-*.jar "$all"/jcuda-*.jar "$out/lib/"
for j in bloom-palette bloom-nmt bloom-examples jackson-databind jackson-core jackson-annotations smile-base smile-core openblas javacpp javacv ffmpeg picocli slf4j-api slf4j-simple; do
  cp "$all"/$j-[0-9]*.jar "$out-render/lib/"
done
rm -rf "$all"
cp cli/target/bloom.jar "$out-render/lib/"
cp flame/src/test/resources/conformance/*.flam3 "$out/genomes/"

# a short recorded run to render: trained here on the CPU, rendered there on the GPU
if [ ! -f "$root/dist/gpu-run/trace.bin" ]; then
  echo "package.sh: recording a 200-minibatch run to render on the GPU..." >&2
  rm -rf "$root/dist/gpu-run"
  ./bloom train --out "$root/dist/gpu-run" --batches 200 >/dev/null
fi
mkdir -p "$out-render/run"
(cd "$root/dist/gpu-run" && cp -r $(ls | grep -v -e checkpoint -e '\.mp4$') "$out-render/run/")

jlink --add-modules java.base,java.desktop,java.logging,java.xml,jdk.unsupported,jdk.incubator.vector --strip-debug --no-man-pages \
    --no-header-files --compress=2 --output "$out/jre"

cat > "$out/run.sh" <<'RUN'
#!/usr/bin/env bash
# Bloom's GPU checks: parity, benchmark, end-to-end render. Needs only an NVIDIA driver.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
java=("$here/jre/bin/java" --add-modules jdk.incubator.vector)
cp="$here/lib/*"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null || echo "(no nvidia-smi)"
"${java[@]}" -cp "$cp" bloom.cuda.GpuCheck parity "$here/genomes"; parity=$?
[ "$parity" = 3 ] && exit 3
"${java[@]}" -cp "$cp" bloom.cuda.GpuCheck bench "$here/genomes" "${BENCH_SIZE:-1920x1080}" "${BENCH_QUALITY:-1000}"
r="$here/../$(basename "$here")-render"
render=0
if [ -d "$r" ]; then
  # end to end: bloom render of the recorded run at 1280x720 on the GPU; it prints frames and time
  rm -rf "$r/render.mp4" "$r/render.segments"
  "${java[@]}" -Dorg.bytedeco.javacpp.logger=slf4j -cp "$here/lib/*:$r/lib/*" bloom.cli.Main render "$r/run" --device cuda \
      --size 1280x720 --quality "${RENDER_QUALITY:-200}" -o "$r/render.mp4"; render=$?
else
  echo "render: $r not carried; skipped"
fi
exit $(( parity != 0 || render != 0 ))
RUN
chmod +x "$out/run.sh"
du -sh "$out" "$out-render" >&2
echo "$out"
