#!/usr/bin/env bash
# Opens a run's report.html in headless Chromium (Debian's chromium) and checks that it loads
# without errors, fetches nothing from the network and shows the recommendation; keeps a
# screenshot as RUN_DIR/report.png.
#
#   check_report_html.sh RUN_DIR
#   check_report_html.sh --demo MODELCOMPARE_BINARY CONFIG   # run CONFIG first, check its folder
#
# Exit 0: checked; 1: a check failed; 77: chromium is not installed (CTest reports a skip).
set -euo pipefail

if [[ "${1:-}" == "--demo" ]]; then
  binary=$2 config=$3
  out=$(mktemp -d /tmp/modelcompare-report-check.XXXXXX)
  trap 'rm -rf "$out"' EXIT
  "$binary" run "$config" --out "$out" >"$out/run.out" 2>&1 || true  # exit 1: injected failures
  run_dir=$(sed -n 's/^run folder: //p' "$out/run.out" | tail -1)
  [[ -n "$run_dir" ]] || { echo "FAIL: the run printed no run folder:"; cat "$out/run.out"; exit 1; }
else
  run_dir=${1:?usage: check_report_html.sh RUN_DIR}
fi

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]]; then
  echo "SKIP: chromium is not installed (apt-get install chromium)"
  exit 77
fi
report="$run_dir/report.html"
[[ -f "$report" ]] || { echo "FAIL: $report does not exist"; exit 1; }

profile=$(mktemp -d /tmp/modelcompare-chromium.XXXXXX)
log=$(mktemp /tmp/modelcompare-chromium-log.XXXXXX)
cleanup_browser() { rm -rf "$profile" "$log" "$log.dom"; }
trap 'cleanup_browser; [[ -n "${out:-}" ]] && rm -rf "$out"' EXIT
# Every host name fails to resolve, so a page that reached for the network would log an error.
flags=(--headless=new --no-sandbox --disable-gpu --no-first-run --hide-scrollbars
  --user-data-dir="$profile" --host-resolver-rules="MAP * ~NOTFOUND"
  --enable-logging=stderr --v=0 --window-size=1280,2000)

"$browser" "${flags[@]}" --dump-dom "file://$report" >"$log.dom" 2>"$log"
"$browser" "${flags[@]}" --screenshot="$run_dir/report.png" "file://$report" >/dev/null 2>>"$log"

failed=0
if grep -E "CONSOLE|Uncaught|net::ERR_|Failed to load resource|Not allowed to load" "$log"; then
  echo "FAIL: the page logged errors (above)"
  failed=1
fi
chosen=$(grep -o '<p class="chosen">[^<]*</p>' "$log.dom" | sed 's/<[^>]*>//g' || true)
rationale=$(grep -A1 -o '<section id="recommendation"' "$log.dom" | head -1 || true)
if [[ -z "$rationale" || -z "$chosen" ]]; then
  echo "FAIL: the rendered page shows no recommendation"
  failed=1
fi
if ! grep -q '<img' "$log.dom"; then
  echo "FAIL: the rendered page has no picture"
  failed=1
fi
if [[ ! -s "$run_dir/report.png" ]] || [[ "$(head -c 4 "$run_dir/report.png" | od -An -c | tr -d ' ')" != "211PNG" ]]; then
  echo "FAIL: no screenshot at $run_dir/report.png"
  failed=1
fi
images=$(grep -o '<img' "$log.dom" | wc -l)
echo "report.html: loaded in $(basename "$browser") without errors; recommendation: ${chosen:-none};" \
  "$images pictures; screenshot $run_dir/report.png ($(stat -c %s "$run_dir/report.png" 2>/dev/null || echo 0) bytes)"
exit $failed
