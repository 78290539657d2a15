#!/usr/bin/env bash
# Runs the README's test command (scripts/test.sh) while N CPU-bound busy loops compete for the cores, to check that
# no test depends on the machine's speed. Repeats it R times in a row and stops at the first failing run.
#   scripts/test-under-load.sh [--busy N] [--runs R]      (defaults: N = number of cores, R = 1)
# Prints each run's wall time and its "N passed, N failed" line; exit code 0 only when every run passed.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
busy="$(nproc)"; runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --busy) busy="$2"; shift ;;
    --runs) runs="$2"; shift ;;
    *) echo "usage: test-under-load.sh [--busy N] [--runs R]" >&2; exit 2 ;;
  esac
  shift
done

pids=()
stop_loops() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap stop_loops EXIT
for _ in $(seq 1 "$busy"); do
  ( while :; do :; done ) &
  pids+=($!)
done
echo "running scripts/test.sh $runs time(s) beside $busy busy loop(s) on $(nproc) cores"

logs="$root/artifacts/test-under-load"; mkdir -p "$logs"
for run in $(seq 1 "$runs"); do
  start=$SECONDS
  bash "$root/scripts/test.sh" > "$logs/run-$run.log" 2>&1
  rc=$?
  summary="$(tail -1 "$logs/run-$run.log")"
  echo "run $run: $((SECONDS - start)) s, exit code $rc: $summary (log: $logs/run-$run.log)"
  [ "$rc" -eq 0 ] || exit "$rc"
done
