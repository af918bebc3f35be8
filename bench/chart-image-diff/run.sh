#!/usr/bin/env bash
# Builds and runs the chart-image-diff bench on one core.
#   bench/chart-image-diff/run.sh [BUILD_DIR] [-- bench arguments: REFERENCE CANDIDATE --rounds N --text]
# Without images it draws a 600x600 reference pie (PNG) and an exploded, rotated candidate (JPEG).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" --target chart_image_diff_bench -j2
# The build's own bin/ first: a build folder may hold nested builds with older copies.
bench=$build/bin/chart_image_diff_bench
[ -x "$bench" ] || bench=$(find "$build" -maxdepth 3 -name chart_image_diff_bench -type f -perm -u+x | head -n1)
exec taskset -c 0 "$bench" "$@"
