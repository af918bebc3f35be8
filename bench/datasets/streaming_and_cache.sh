#!/usr/bin/env bash
# Datasets stream and the response cache answers reruns: runs a mock-provider CSV scenario of
# SMALL and LARGE rows (default 1000 and 10000), prints wall time and peak RSS of each, their RSS
# ratio (streaming: should stay well under 1.2), and a rerun of the large one answered from the
# cache (every record extra.cached, so no provider call), and the peak RSS of the sending phase
# alone (bench/datasets/rss_by_phase.py). All figures are measured in this run.
#
#   bench/datasets/streaming_and_cache.sh BUILD_DIR [SMALL] [LARGE]
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR [SMALL] [LARGE]}
small=${2:-1000}
large=${3:-10000}
binary="$build/bin/modelcompare"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_case() {  # rows
  local rows=$1 dir="$work/n$1"
  mkdir -p "$dir"
  /usr/bin/python3 - "$rows" "$dir/rows.csv" <<'PY'
import csv, sys
rows, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "question"])
    for i in range(rows):
        w.writerow([f"q{i}", f"Question {i}: what is {i} + {i}, in words, with \"quotes\", commas?"])
PY
  cat > "$dir/config.json" <<JSON
{"name": "bench-$rows",
 "providers": [{"id": "mock", "plugin": "mock",
                "options": {"template": "answer to {{prompt}}", "latency_ms": 1, "max_in_flight": 16}}],
 "scenarios": [{"id": "qa", "dataset": "rows.csv", "turns": [{"user": [{"text": "{{question}}"}]}]}],
 "output": {"dir": "runs"}}
JSON
}

measure() {  # label dir [extra args]
  local label=$1 dir=$2
  shift 2
  /usr/bin/time -f "%e %M" -o "$work/time" "$binary" run "$dir/config.json" "$@" \
    >"$work/out" 2>"$work/err" || { cat "$work/err"; exit 1; }
  read -r wall rss <"$work/time"
  local run_dir
  run_dir=$(sed -n 's/^run folder: //p' "$work/out")
  local cached
  cached=$(grep -c '"cached":true' "$run_dir/results.jsonl" || true)
  local total
  total=$(wc -l <"$run_dir/results.jsonl")
  printf '%-28s wall %6.2f s  peak RSS %7d KiB  records %6d  from cache %6d\n' \
    "$label" "$wall" "$rss" "$total" "$cached"
  last_rss=$rss
}

make_case "$small"
make_case "$large"
measure "rows $small" "$work/n$small"
small_rss=$last_rss
measure "rows $large" "$work/n$large"
large_rss=$last_rss
measure "rows $large again (cache)" "$work/n$large"
# Peak while sending (the scheduler's streaming) apart from the exports that read run.db back.
here=$(dirname "$0")
for rows in "$small" "$large"; do
  printf 'rows %-6s %s\n' "$rows" "$(/usr/bin/python3 "$here/rss_by_phase.py" "$work/phase$rows" -- \
    "$binary" run "$work/n$rows/config.json" --out "$work/phase$rows" --no-cache)"
done
awk -v a="$small_rss" -v b="$large_rss" -v s="$small" -v l="$large" \
  'BEGIN { printf "peak RSS ratio %s rows / %s rows: %.3f\n", l, s, b / a }' </dev/null
