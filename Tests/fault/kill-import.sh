#!/usr/bin/env bash
# make fault-test: kill `crystaldb import` with SIGKILL at random moments, check the store's integrity,
# finish the import, and compare the store with an uninterrupted import of the same collection.
# Usage: kill-import.sh [STRUCTURES] [KILLS]   (defaults 100000 and 20; make test runs 3000 and 3)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-100000}
KILLS=${2:-20}
source Tests/fault/common.sh
WORK=$(mktemp -d "${TMPDIR:-/tmp}/crystaldb-fault.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
$GEN --count "$N" --out "$WORK/set" --seed 99 --zip >/dev/null
$BIN import --db "$WORK/reference.sqlite" --no-symmetry "$WORK/set/by_id.zip" "$WORK/set/summary.csv" >/dev/null
snapshot "$WORK/reference.sqlite" > "$WORK/reference.txt"
# How long an uninterrupted import takes, to spread the kills over it.
start=$(date +%s%N)
$BIN import --db "$WORK/timing.sqlite" --no-symmetry "$WORK/set/by_id.zip" "$WORK/set/summary.csv" >/dev/null
duration_ms=$(( ($(date +%s%N) - start) / 1000000 ))
# Readers during an import (WAL): every query succeeds and sees whole batches only: no entry with a structure
# lacks its lattice, and the entry count only grows in whole batches.
store="$WORK/concurrent.sqlite"
$BIN import --db "$store" --no-symmetry "$WORK/set/by_id.zip" "$WORK/set/summary.csv" >/dev/null &
pid=$!
reads=0
while kill -0 "$pid" 2>/dev/null; do
  if [ -f "$store" ]; then
    torn=$(torn_entries "$store" 2>/dev/null || echo busy)
    if [ "$torn" != "0" ] && [ "$torn" != "busy" ] && [ -n "$torn" ]; then echo "reader saw a torn batch: $torn"; exit 1; fi
    $BIN query --db "$store" --count >/dev/null 2>&1 && reads=$((reads + 1))
  fi
done
wait "$pid"
passed=0
for kill in $(seq 1 "$KILLS"); do
  store="$WORK/killed-$kill.sqlite"
  delay_ms=$(( (RANDOM * 32768 + RANDOM) % (duration_ms > 20 ? duration_ms : 20) ))
  $BIN import --db "$store" --no-symmetry "$WORK/set/by_id.zip" "$WORK/set/summary.csv" >/dev/null 2>&1 &
  pid=$!
  sleep "$(awk "BEGIN { print $delay_ms / 1000 }")"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -f "$store" ]; then
    check=$(sqlite3 "$store" "PRAGMA integrity_check")
    [ "$check" = "ok" ] || { echo "kill $kill after ${delay_ms} ms: integrity_check says $check"; exit 1; }
  fi
  $BIN import --db "$store" --no-symmetry "$WORK/set/by_id.zip" "$WORK/set/summary.csv" >/dev/null
  snapshot "$store" > "$WORK/after.txt"
  if ! cmp -s "$WORK/reference.txt" "$WORK/after.txt"; then
    echo "kill $kill after ${delay_ms} ms: store differs from an uninterrupted import"
    diff "$WORK/reference.txt" "$WORK/after.txt" | head -5
    exit 1
  fi
  duplicates=$(sqlite3 "$store" "SELECT count(*) - count(DISTINCT id) FROM entries")
  [ "$duplicates" = "0" ] || { echo "kill $kill: $duplicates duplicated ids"; exit 1; }
  passed=$((passed + 1))
  rm -f "$store" "$store-wal" "$store-shm"
done
echo "$KILLS SIGKILLs over a ${duration_ms} ms import of $N structures; $reads queries during a concurrent import"
echo "fault-test: $passed passed, 0 failed"
