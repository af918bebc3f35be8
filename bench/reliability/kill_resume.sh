#!/usr/bin/env bash
# Kills a comparison run with SIGKILL at 20 random moments, resuming it each time, then stops it
# once each with SIGINT and SIGTERM; checks that every case ends in run.db and results.jsonl
# exactly once, and counts the calls the server completed beyond the number of its cases.
#   bench/reliability/kill_resume.sh BUILD_DIR [KILLS] [SEED]
# Builds nothing: BUILD_DIR must hold bin/modelcompare and the plugins (cmake --build BUILD_DIR
# --target modelcompare modelcompare-mock modelcompare-azure-openai). Needs python3 and sqlite3.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:?usage: kill_resume.sh BUILD_DIR [KILLS] [SEED]}" && pwd)
kills=${2:-20}
RANDOM=${3:-$$}
binary=$build/bin/modelcompare
plugins=$build/lib/modelcompare/plugins
[[ -x $binary ]] || { echo "no $binary: build the modelcompare target first" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 command" >&2; exit 2; }
python=/usr/bin/python3
[[ -x $python ]] || python=python3

work=$(mktemp -d "${TMPDIR:-/tmp}/kill-resume.XXXXXX")
server_pid=
run_pid=
cleanup() {
  [[ -n $run_pid ]] && kill -KILL "$run_pid" 2>/dev/null || true
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null || true
  if [[ ${KEEP_WORK:-0} == 1 ]]; then echo "work folder kept: $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# The run reaches nothing but 127.0.0.1.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY=127.0.0.1 no_proxy=127.0.0.1

"$python" "$here/counting_chat_server.py" "$work/port" "$work/completed" 400 &
server_pid=$!
for _ in $(seq 100); do [[ -s $work/port ]] && break; sleep 0.1; done
[[ -s $work/port ]] || { echo "the counting server did not start" >&2; exit 1; }
export COUNTING_SERVER_URL="http://127.0.0.1:$(cat "$work/port")/v1"
touch "$work/completed"

cp "$here/kill-resume.json" "$work/config.json"
config=$work/config.json
cases_per_provider=$(jq -r '.defaults.repeat' "$config" 2>/dev/null || echo 150)
providers=2
cases=$((cases_per_provider * providers))
resume_flags=()
if "$binary" run --help 2>/dev/null | grep -q -- '--no-cache'; then resume_flags+=(--no-cache); fi

run_dir=
start_run() {  # starts the run (or resumes it) in the background; sets run_pid
  if [[ -z $run_dir ]]; then
    env --default-signal=INT,TERM "$binary" run "$config" --out "$work/runs" --plugin-dir "$plugins" "${resume_flags[@]}" \
      >>"$work/run.out" 2>>"$work/run.err" &
  else
    env --default-signal=INT,TERM "$binary" run "$config" --resume "$run_dir" \
      --plugin-dir "$plugins" "${resume_flags[@]}" >>"$work/run.out" 2>>"$work/run.err" &
  fi
  run_pid=$!
}
db_count() { sqlite3 "$run_dir/run.db" "$1" 2>/dev/null || echo "?"; }

# SIGKILL at random moments. The first run is killed only once its folder and run.db exist.
in_flight_at_kills=0
for k in $(seq "$kills"); do
  start_run
  if [[ -z $run_dir ]]; then
    for _ in $(seq 300); do
      run_dir=$(find "$work/runs" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | head -1 || true)
      [[ -n $run_dir && -f $run_dir/run.db ]] && break
      sleep 0.05
    done
    [[ -n $run_dir ]] || { echo "the first run made no run folder" >&2; cat "$work/run.err" >&2; exit 1; }
  fi
  # 0.3 to 3.3 s after the start: during startup (about 1 s), sending, or writing.
  sleep "$((RANDOM % 3)).$(printf '%03d' $((RANDOM % 1000)))"
  sleep 0.3
  kill -0 "$run_pid" 2>/dev/null || { wait "$run_pid" || true; echo "kill $k: the run had already ended"; continue; }
  # Connections open to the server at the kill: calls that may complete without being recorded.
  open=$(ss -tnH state established "( dport = :$(cat "$work/port") )" 2>/dev/null | wc -l)
  in_flight_at_kills=$((in_flight_at_kills + open))
  kill -KILL "$run_pid"
  wait "$run_pid" 2>/dev/null || true
  echo "kill $k: $(db_count 'SELECT count(*) FROM cases') of $cases cases in run.db, $open calls in flight"
done

# One clean stop by each signal: the run must end by itself, with run.db marked interrupted.
for signal in INT TERM; do
  before=$(db_count 'SELECT count(*) FROM cases')
  start_run
  # Signal it once it is sending (a new case recorded), not while it loads its plugins.
  for _ in $(seq 300); do
    [[ $(db_count 'SELECT count(*) FROM cases') != "$before" ]] && break
    kill -0 "$run_pid" 2>/dev/null || break
    sleep 0.1
  done
  if ! kill -0 "$run_pid" 2>/dev/null; then
    wait "$run_pid" || true
    echo "SIG$signal: the run had already finished"
    continue
  fi
  kill -"$signal" "$run_pid"
  status=0
  for _ in $(seq 300); do kill -0 "$run_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$run_pid" 2>/dev/null; then
    echo "SIG$signal: FAIL, the run did not stop within 30 s" >&2
    kill -KILL "$run_pid"
    exit 1
  fi
  wait "$run_pid" || status=$?
  state=$(db_count "SELECT value FROM run_info WHERE key = 'state'")
  echo "SIG$signal: exit status $status, state '$state', $(db_count 'SELECT count(*) FROM cases') cases in run.db"
  [[ $state == interrupted ]] || { echo "SIG$signal: FAIL, state should be 'interrupted'" >&2; exit 1; }
done

# The last resume runs to the end.
status=0
"$binary" run "$config" --resume "$run_dir" --plugin-dir "$plugins" "${resume_flags[@]}" \
  >>"$work/run.out" 2>>"$work/run.err" || status=$?
state=$(db_count "SELECT value FROM run_info WHERE key = 'state'")

rows=$(db_count 'SELECT count(*) FROM cases')
distinct=$(db_count "SELECT count(*) FROM (SELECT DISTINCT provider, scenario, case_key, repeat, turn FROM cases)")
failed=$(db_count "SELECT count(*) FROM cases WHERE status != 'ok'")
jsonl_rows=$(grep -c . "$run_dir/results.jsonl" || true)
jsonl_distinct=$("$python" - "$run_dir/results.jsonl" <<'PY'
import json, sys
keys = [json.dumps([r.get(k) for k in ("provider", "scenario", "case_key", "repeat", "turn")])
        for r in map(json.loads, filter(str.strip, open(sys.argv[1])))]
print(len(set(keys)))
PY
)
completed=$(grep -c . "$work/completed" || true)
counted_cases=$(db_count "SELECT count(*) FROM cases WHERE provider = 'counted'")
duplicates=$((rows - distinct + jsonl_rows - jsonl_distinct))
lost=$((cases - distinct))
jsonl_lost=$((cases - jsonl_distinct))
extra_calls=$((completed - cases_per_provider))

echo
echo "final run: exit status $status, state '$state'"
echo "cases:               $cases (run.db rows $rows, distinct $distinct; results.jsonl lines $jsonl_rows, distinct $jsonl_distinct; not ok $failed)"
# One fresh start, then a resume after each SIGKILL, SIGINT and SIGTERM.
echo "resumes:             $((kills + 2)) ($kills after a SIGKILL, 1 after SIGINT, 1 after SIGTERM)"
echo "duplicates:          $duplicates"
echo "lost:                $lost (run.db), $jsonl_lost (results.jsonl)"
echo "server calls:        $completed completed for $counted_cases 'counted' cases: $extra_calls beyond the cases"
echo "in flight at kills:  $in_flight_at_kills (upper bound on calls paid for twice)"
ok=1
[[ $duplicates -eq 0 && $lost -eq 0 && $jsonl_lost -eq 0 ]] || ok=0
[[ $extra_calls -le $in_flight_at_kills ]] || ok=0
[[ $state == finished ]] || ok=0
if [[ $ok -eq 1 ]]; then echo "PASS"; else echo "FAIL"; exit 1; fi
