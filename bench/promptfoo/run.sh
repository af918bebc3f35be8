#!/usr/bin/env bash
# modelcompare against promptfoo 0.121.20 on the same workload (issue #9, "Performance"): N cases
# from a CSV, two models (gpt-4o, gpt-4o-mini) on a fake OpenAI-compatible server on 127.0.0.1,
# max_tokens 1024, temperature 0, a `contains "plt.pie"` check, 16 requests in flight, no cache,
# every result written out. The tools run alternately (promptfoo, ours, promptfoo, ours, ...); each
# run must make exactly 2N successful calls (the server's count) or the script fails. Prints the
# medians of wall time, CPU (user+sys of the whole process tree), CPU per call and peak RSS of the
# whole process tree, and the ratios; with a latency, how busy the 16 request slots were as the
# server saw them (bench/promptfoo/timeline.py), and the host's steal time (a shared virtual machine
# moves every figure with it).
#
#   bench/promptfoo/run.sh BUILD_DIR [SCENARIO...]
#
# Scenarios (default: all but quick):
#   n1000-0ms     both tools, N=1000, 0 ms latency: the headline (ROUNDS rounds, default 3)
#   n200-100ms    both tools, N=200, 100 ms latency (ROUNDS rounds)
#   n1000-100ms   both tools, N=1000, 100 ms latency: efficiency = ideal makespan / wall, where the
#                 ideal is ceil(2N/16) x 100 ms (LATENCY_ROUNDS rounds, default 1)
#   rss-10k       ours alone at N=1000 and N=10000, 0 ms: peak RSS growth (RSS_ROUNDS, default 1)
#   quick         both tools, N=200, 0 ms, one round: a smoke test of the whole script
#
# Environment: ROUNDS, LATENCY_ROUNDS, RSS_ROUNDS as above; PROMPTFOO_HOME, the scratch folder that
# receives `npm install promptfoo@0.121.20` (default ${TMPDIR:-/tmp}/modelcompare-promptfoo-0.121.20,
# reused when it already holds it); KEEP_WORK=1 keeps the work folder. Never run in CI: it needs
# the npm registry once, node >= 20, python3, curl and jq. It builds fake_openai_server (an
# EXCLUDE_FROM_ALL target) and expects modelcompare and the azure-openai and text-checks plugins
# built in BUILD_DIR.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: run.sh BUILD_DIR [SCENARIO...]}" && pwd)
shift
scenarios=("$@")
[[ ${#scenarios[@]} -gt 0 ]] || scenarios=(n1000-0ms n200-100ms n1000-100ms rss-10k)
rounds=${ROUNDS:-3}
latency_rounds=${LATENCY_ROUNDS:-1}
rss_rounds=${RSS_ROUNDS:-1}
promptfoo_version=0.121.20
promptfoo_home=${PROMPTFOO_HOME:-${TMPDIR:-/tmp}/modelcompare-promptfoo-$promptfoo_version}
binary=$build/bin/modelcompare
plugins=$build/lib/modelcompare/plugins
python=/usr/bin/python3
[[ -x $python ]] || python=python3
for tool in node npm curl jq; do
  command -v $tool >/dev/null || { echo "run.sh needs $tool" >&2; exit 2; }
done

for s in "${scenarios[@]}"; do
  case $s in n1000-0ms | n200-100ms | n1000-100ms | rss-10k | quick) ;;
  *) echo "unknown scenario '$s' (n1000-0ms n200-100ms n1000-100ms rss-10k quick)" >&2; exit 2 ;;
  esac
done

# --- the programs --------------------------------------------------------------------------------
cmake --build "$build" --target fake_openai_server -- -j2 >/dev/null
server_binary=$(find "$build" -name fake_openai_server -type f -perm -u+x | head -1)
[[ -x $binary ]] || { echo "no $binary: build the modelcompare target first" >&2; exit 2; }
for p in azure-openai text-checks; do
  ls "$plugins"/*"$p"* >/dev/null 2>&1 || { echo "no $p plugin in $plugins: build modelcompare-$p" >&2; exit 2; }
done
promptfoo=$promptfoo_home/node_modules/.bin/promptfoo
if [[ ! -x $promptfoo ]] || ! "$promptfoo" --version 2>/dev/null | grep -q "^$promptfoo_version"; then
  echo "installing promptfoo@$promptfoo_version into $promptfoo_home (npm)"
  mkdir -p "$promptfoo_home"
  (cd "$promptfoo_home" && npm install --no-audit --no-fund --loglevel=error "promptfoo@$promptfoo_version" >/dev/null)
fi
echo "promptfoo $("$promptfoo" --version 2>/dev/null | head -1), node $(node --version), modelcompare at $binary"

# --- offline: nothing but 127.0.0.1 ---------------------------------------------------------------
# A proxy on a closed loopback port (9, discard) catches any request that is not for 127.0.0.1.
export HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9
export http_proxy=$HTTP_PROXY https_proxy=$HTTPS_PROXY
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
unset ALL_PROXY all_proxy
export PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1
export PROMPTFOO_DISABLE_SHARING=1 PROMPTFOO_SELF_HOSTED=1
export OPENAI_API_KEY=bench-key-not-secret

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-promptfoo.XXXXXX")
server_pid=
stop_server() {
  if [[ -n $server_pid ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
cleanup() {
  stop_server
  if [[ ${KEEP_WORK:-0} == 1 ]]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
measurements=$work/measurements.jsonl
: >"$measurements"

start_server() {  # LATENCY_MS: sets server_url
  stop_server
  rm -f "$work/port"
  "$server_binary" --port-file "$work/port" --latency-ms "$1" >"$work/server.out" 2>&1 &
  server_pid=$!
  for _ in $(seq 100); do [[ -s $work/port ]] && break; sleep 0.05; done
  [[ -s $work/port ]] || { echo "the fake server did not start" >&2; cat "$work/server.out" >&2; exit 1; }
  server_url=http://127.0.0.1:$(cat "$work/port")
}
server_get() { curl -sf --noproxy '*' "$@"; }

# --- the workload ---------------------------------------------------------------------------------
prompt='Write Python code using matplotlib that draws a pie chart of {{topic}} with {{slices}} slices. Reply with one fenced python code block. (case {{case_id}})'

write_cases() {  # N FILE
  "$python" - "$1" "$2" <<'EOF'
import sys
topics = ["fruit sales", "browser market share", "energy sources", "household budget",
          "programming languages", "coffee orders", "web traffic sources", "survey answers",
          "cloud costs", "pet ownership", "transport modes", "book genres"]
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write("topic,slices,case_id\n")
    for i in range(n):
        f.write(f"{topics[i % len(topics)]},{3 + i % 6},{i + 1}\n")
EOF
}

write_configs() {  # DIR N: DIR/cases.csv, DIR/promptfooconfig.yaml, DIR/modelcompare.json
  local dir=$1 n=$2
  mkdir -p "$dir"
  write_cases "$n" "$dir/cases.csv"
  cat >"$dir/promptfooconfig.yaml" <<EOF
description: bench-promptfoo
prompts:
  - '$prompt'
providers:
  - id: openai:chat:gpt-4o
    config: {apiBaseUrl: '$server_url/v1', max_tokens: 1024, temperature: 0}
  - id: openai:chat:gpt-4o-mini
    config: {apiBaseUrl: '$server_url/v1', max_tokens: 1024, temperature: 0}
tests: file://cases.csv
defaultTest:
  assert:
    - type: contains
      value: plt.pie
evaluateOptions:
  maxConcurrency: 16
  cache: false
EOF
  jq -n --arg url "$server_url/v1" --arg prompt "$prompt" '
    def provider(model): {id: model, plugin: "azure-openai",
      options: {api: "openai", endpoint: $url, deployment: model, auth: "none", stream: false,
                max_in_flight: 16, max_retries: 0}};
    {name: "bench-promptfoo",
     providers: [provider("gpt-4o"), provider("gpt-4o-mini")],
     defaults: {max_tokens: 1024, temperature: 0},
     scenarios: [{id: "pie", dataset: "cases.csv",
                  turns: [{user: [{text: $prompt}],
                           evaluators: [{plugin: "text-checks",
                                         options: {checks: [{check: "contains", value: "plt.pie"}]}}]}]}],
     output: {dir: "runs"}}' >"$dir/modelcompare.json"
}

# run_tool TOOL SCENARIO N LATENCY_MS ROUND: one measured run, checked, appended to measurements.
run_tool() {
  local tool=$1 scenario=$2 n=$3 latency=$4 round=$5
  local dir=$work/$scenario-n$n
  local run=$work/run-$tool
  rm -rf "$run"
  mkdir -p "$run"
  server_get -X POST "$server_url/reset" >/dev/null
  local status=0
  if [[ $tool == promptfoo ]]; then
    PROMPTFOO_CONFIG_DIR=$run/promptfoo-home "$python" "$here/measure.py" "$run/measure.json" -- \
      "$promptfoo" eval -c "$dir/promptfooconfig.yaml" --no-cache -j 16 --no-table \
      --no-progress-bar -o "$run/results.json" >"$run/out.log" 2>&1 || status=$?
  else
    "$python" "$here/measure.py" "$run/measure.json" -- \
      "$binary" run "$dir/modelcompare.json" --out "$run/runs" --plugin-dir "$plugins" \
      --no-cache --concurrency 16 >"$run/out.log" 2>&1 || status=$?
  fi
  local stats
  stats=$(server_get "$server_url/stats")
  local answered by4o bymini
  answered=$(jq '.answered' <<<"$stats")
  by4o=$(jq '.by_model["gpt-4o"] // 0' <<<"$stats")
  bymini=$(jq '.by_model["gpt-4o-mini"] // 0' <<<"$stats")
  if [[ $status -ne 0 || $answered -ne $((2 * n)) || $by4o -ne $n || $bymini -ne $n ]]; then
    echo "FAILED: $tool $scenario round $round: exit $status, server answered $answered calls" \
      "(gpt-4o $by4o, gpt-4o-mini $bymini), expected $((2 * n)) ($n each)" >&2
    tail -20 "$run/out.log" >&2
    KEEP_WORK=1
    exit 1
  fi
  # Every result written out: count the records each tool wrote.
  local written
  if [[ $tool == promptfoo ]]; then
    written=$(jq '.results.results | length' "$run/results.json")
  else
    written=$(cat "$run"/runs/*/results.jsonl | wc -l)
  fi
  if [[ $written -ne $((2 * n)) ]]; then
    echo "FAILED: $tool $scenario round $round wrote $written results, expected $((2 * n))" >&2
    KEEP_WORK=1
    exit 1
  fi
  # The calls as the server saw them: how busy the 16 slots were (timeline.py).
  server_get "$server_url/timeline" >"$run/timeline.json"
  local slots
  slots=$("$python" "$here/timeline.py" "$run/timeline.json" "$latency" 16)
  jq -c --arg tool "$tool" --arg scenario "$scenario" --argjson n "$n" --argjson latency "$latency" \
    --argjson round "$round" --argjson calls "$answered" --argjson slots "$slots" \
    '. + {tool: $tool, scenario: $scenario, n: $n, latency_ms: $latency, round: $round, calls: $calls,
          slots: $slots}' \
    "$run/measure.json" | tee -a "$measurements"
}

# scenario NAME N LATENCY_MS ROUNDS TOOLS...
scenario() {
  local name=$1 n=$2 latency=$3 count=$4
  shift 4
  echo "== $name: N=$n, latency ${latency} ms, $count round(s) of: $*"
  start_server "$latency"
  write_configs "$work/$name-n$n" "$n"
  for round in $(seq "$count"); do
    for tool in "$@"; do run_tool "$tool" "$name" "$n" "$latency" "$round"; done
  done
  stop_server
}

for s in "${scenarios[@]}"; do
  case $s in
  quick) scenario quick 200 0 1 promptfoo ours ;;
  n1000-0ms) scenario n1000-0ms 1000 0 "$rounds" promptfoo ours ;;
  n200-100ms) scenario n200-100ms 200 100 "$rounds" promptfoo ours ;;
  n1000-100ms) scenario n1000-100ms 1000 100 "$latency_rounds" promptfoo ours ;;
  rss-10k)
    echo "== rss-10k: ours alone, N=1000 and N=10000 alternately, 0 ms, $rss_rounds round(s)"
    start_server 0
    write_configs "$work/rss-10k-n1000" 1000
    write_configs "$work/rss-10k-n10000" 10000
    for round in $(seq "$rss_rounds"); do
      run_tool ours rss-10k 1000 0 "$round"
      run_tool ours rss-10k 10000 0 "$round"
    done
    stop_server
    ;;
  esac
done

"$python" "$here/summarize.py" "$measurements"
