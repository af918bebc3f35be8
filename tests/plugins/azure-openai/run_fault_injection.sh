#!/bin/sh
# Runs the real `modelcompare` binary against the fake Azure OpenAI server with injected faults:
# 3 providers x 2 turns x 10 repeats, 20 % 429s (retry-after-ms 300) and 5 % 500s. Prints whether
# every case is ok, the waits between each 429 and its retry as the server saw them (same
# x-ms-client-request-id), TTFT/latency coverage, and greps the run folder and the log for the key.
#
#   [SEED=7] tests/plugins/azure-openai/run_fault_injection.sh BUILD_DIR [RATE_429] [RETRY_AFTER_MS] [RATE_500]
set -eu
build=${1:?usage: $0 BUILD_DIR [RATE_429] [RETRY_AFTER_MS] [RATE_500]}
rate_429=${2:-0.2}
retry_after_ms=${3:-300}
rate_500=${4:-0.05}
here=$(cd "$(dirname "$0")" && pwd)
source_dir=$(cd "$here/../../.." && pwd)
python=/usr/bin/python3
work=$(mktemp -d /tmp/modelcompare-fault-XXXXXX)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

export FAKE_AZURE_OPENAI_KEY="fake-key-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
"$build/bin/fake_azure_openai_server" --port-file "$work/port" --events "$work/events.jsonl" \
  --rate-429 "$rate_429" --retry-after-ms "$retry_after_ms" --rate-500 "$rate_500" --seed "${SEED:-7}" \
  2> "$work/server.log" &
server=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
export FAKE_AZURE_PORT=$(cat "$work/port")

mkdir -p "$work/config"
cp "$source_dir/configs/pie-chart-tutor/demo.png" "$work/config/demo.png"
cat > "$work/config/fault-injection.json" <<JSON
{
  "name": "fault-injection",
  "providers": [
    {"id": "gpt-4-turbo", "plugin": "azure-openai",
     "options": {"endpoint": "http://127.0.0.1:\${FAKE_AZURE_PORT}", "deployment": "gpt-4-turbo",
                 "api_key": "\${FAKE_AZURE_OPENAI_KEY}", "max_retries": 6}},
    {"id": "gpt-4o", "plugin": "azure-openai",
     "options": {"endpoint": "http://127.0.0.1:\${FAKE_AZURE_PORT}", "deployment": "gpt-4o",
                 "api_key": "\${FAKE_AZURE_OPENAI_KEY}", "max_retries": 6}},
    {"id": "gpt-4o-mini", "plugin": "azure-openai",
     "options": {"endpoint": "http://127.0.0.1:\${FAKE_AZURE_PORT}", "deployment": "gpt-4o-mini",
                 "api_key": "\${FAKE_AZURE_OPENAI_KEY}", "max_retries": 6}}
  ],
  "defaults": {"max_tokens": 2000, "temperature": 0, "repeat": 10},
  "scenarios": [
    {"id": "pie-chart-to-code",
     "turns": [
       {"user": [{"text": "Create Python code for image, and use plt to save the new picture under imgs/ and name it {{provider}}.jpg."},
                 {"image": "demo.png"}]},
       {"user": [{"text": "Add a legend to the plot replacing the labels"}]}
     ]}
  ],
  "output": {"dir": "$work/runs"}
}
JSON

status=0
"$build/bin/modelcompare" run "$work/config/fault-injection.json" \
  --plugin-dir "$build/lib/modelcompare/plugins" > "$work/run.out" 2> "$work/run.log" || status=$?
kill "$server"
wait "$server" || true
echo "modelcompare run exit status: $status"
cat "$work/server.log"

run_dir=$(ls -d "$work"/runs/*/ | head -1)
"$python" - "$run_dir" "$work/events.jsonl" "$retry_after_ms" <<'PY'
import json, statistics, sys
run_dir, events_file, retry_after_ms = sys.argv[1], sys.argv[2], int(sys.argv[3])
cases = [json.loads(line) for line in open(run_dir + "/results.jsonl")]
ok = sum(1 for c in cases if c.get("status") == "ok")
print(f"cases: {len(cases)}, ok: {ok}")
with_timing = sum(1 for c in cases if c.get("ttft_ms") is not None and c.get("latency_ms") is not None)
print(f"cases with ttft_ms and latency_ms: {with_timing}")
retries = sum(c.get("retries", 0) or 0 for c in cases)
print(f"retries recorded in results: {retries}")
waited = [w["waited_ms"] for c in cases for w in (c.get("extra") or {}).get("retry_waits", [])
          if w.get("status") == 429]
if waited:
    inside = sum(1 for g in waited if 0.8 * retry_after_ms <= g <= 1.2 * retry_after_ms)
    print(f"waits after a 429 as the client measured them: n={len(waited)} min={min(waited)} ms "
          f"median={statistics.median(waited)} ms max={max(waited)} ms; "
          f"within +-20% of {retry_after_ms} ms: {inside}/{len(waited)}")
ttft = [c["ttft_ms"] for c in cases if c.get("ttft_ms") is not None]
latency = [c["latency_ms"] for c in cases if c.get("latency_ms") is not None]
if ttft and latency:
    print(f"ttft_ms median {statistics.median(ttft)}, latency_ms median {statistics.median(latency)}")
events = [json.loads(line) for line in open(events_file)]
last = {}
gaps = []
for e in events:
    prev = last.get(e["id"])
    if prev is not None and prev["status"] == 429:
        gaps.append(e["t_ms"] - prev["t_ms"])
    last[e["id"]] = e
if gaps:
    inside = sum(1 for g in gaps if 0.8 * retry_after_ms <= g <= 1.2 * retry_after_ms)
    print(f"429 to retry arrival as the server saw it: n={len(gaps)} min={min(gaps):.0f} ms "
          f"median={statistics.median(gaps):.0f} ms max={max(gaps):.0f} ms; "
          f"within +-20% of {retry_after_ms} ms: {inside}/{len(gaps)}")
PY

if grep -rlF "$FAKE_AZURE_OPENAI_KEY" "$work/runs" "$work/run.log" "$work/run.out" > "$work/leaks" 2>/dev/null; then
  echo "API KEY FOUND in:"; cat "$work/leaks"; exit 1
fi
echo "API key found in the run folder, log or output: no"
exit "$status"
