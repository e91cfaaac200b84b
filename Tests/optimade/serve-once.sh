#!/usr/bin/env bash
# Starts `crystaldb serve` on a store (any free port), waits for it, runs one curl query, stops it with SIGTERM.
# Usage: serve-once.sh CRYSTALDB_BIN STORE [TARGET]
set -euo pipefail
BIN=$1
DB=$2
TARGET=${3:-'/v1/structures?filter=elements%20HAS%20%22O%22%20AND%20_crystaldb_is_stable%3DTRUE&response_fields=chemical_formula_reduced,_crystaldb_e_above_reference_hull&page_limit=3'}
OUT=$(mktemp)
"$BIN" serve --db "$DB" --port 0 >"$OUT" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -f "$OUT"' EXIT
PORT=""
for _ in $(seq 1 100); do
  PORT=$(sed -n 's/.*listening on [^ ]*:\([0-9]*\)).*/\1/p' "$OUT" | head -1)
  [ -n "$PORT" ] && break
  kill -0 $PID 2>/dev/null || { cat "$OUT"; exit 1; }
  sleep 0.1
done
[ -n "$PORT" ] || { echo "serve did not start"; cat "$OUT"; exit 1; }
head -1 "$OUT"
echo "curl http://127.0.0.1:$PORT$TARGET"
curl -sS --fail-with-body "http://127.0.0.1:$PORT$TARGET"
echo
kill -TERM $PID
wait $PID
tail -n +2 "$OUT"
