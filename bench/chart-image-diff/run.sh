#!/usr/bin/env bash
# Builds and runs the chart-image-diff bench on one core.
#   bench/chart-image-diff/run.sh [BUILD_DIR] [-- bench arguments: REFERENCE CANDIDATE --rounds N --text]
#   bench/chart-image-diff/run.sh [BUILD_DIR] -- --readings REFERENCE PICTURE... [--known]
# Without images it draws a 600x600 reference pie (PNG) and an exploded, rotated candidate (JPEG).
# --text adds the default configuration (text read with Tesseract) and says whether the 20 ms
# target is met. --readings prints the words the text step reads from each picture, its text
# sub-score against the first picture and the OCR's time (chart_image_diff_text_readings).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-$root/build}
[ $# -gt 0 ] && shift
[ "${1:-}" = "--" ] && shift
program=chart_image_diff_bench
if [ "${1:-}" = "--readings" ]; then
  program=chart_image_diff_text_readings
  shift
fi
if [ ! -f "$build/build.ninja" ] && [ ! -f "$build/Makefile" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release
fi
cmake --build "$build" --target "$program" -j2
# The build's own bin/ first: a build folder may hold nested builds with older copies.
bench=$build/bin/$program
[ -x "$bench" ] || bench=$(find "$build" -maxdepth 3 -name "$program" -type f -perm -u+x | head -n1)
exec taskset -c 0 "$bench" "$@"
