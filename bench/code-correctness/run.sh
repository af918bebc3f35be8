#!/bin/sh
# Builds the fork-server bench and runs it on the lab's answers. Usage:
#   bench/code-correctness/run.sh [BUILD_DIR] [--repeat N]
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
[ $# -gt 0 ] && shift
[ -f "$build/build.ninja" ] || [ -f "$build/Makefile" ] || cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" --target code_correctness_bench -j2
fixtures=$root/tests/plugins/code-correctness/fixtures
exec "$build/bin/code_correctness_bench" "$@" \
  "$fixtures/lab-gpt4o.py" "$fixtures/lab-phi-3-vision.py" \
  "$fixtures/faithful-turn1.md" "$fixtures/faithful-turn2.md"
