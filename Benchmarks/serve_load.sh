#!/usr/bin/env bash
# make bench: `crystaldb serve` under load. 50 concurrent clients (wrk, 2 threads) for 30 s request filtered
# /structures pages of 20 (the paths in Benchmarks/serve_load_paths.txt, round robin) over a store; prints
# requests/s, p50/p99 latency, errors, and the server's RSS sampled every second.
# Usage: serve_load.sh CRYSTALDB_BIN STORE [SECONDS] [CONNECTIONS]
set -euo pipefail
BIN=$1
DB=$2
SECONDS_LOAD=${3:-30}
CLIENTS=${4:-50}
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=$(mktemp -d)
"$BIN" serve --db "$DB" --port 0 --quiet --connections "${SERVE_CONNECTIONS:-4}" >"$OUT/serve.out" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$OUT"' EXIT
PORT=""
for _ in $(seq 1 200); do
  PORT=$(sed -n 's/.*listening on [^ ]*:\([0-9]*\)).*/\1/p' "$OUT/serve.out" | head -1)
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { cat "$OUT/serve.out"; exit 1; }
# Every path once (warm caches, and each must answer 200).
while read -r path; do
  [ -z "$path" ] && continue
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT$path")
  [ "$code" = 200 ] || { echo "warm-up: $code for $path"; exit 1; }
done <"$HERE/serve_load_paths.txt"
rss() { awk '/VmRSS/ {print $2}' "/proc/$PID/status"; }
echo "server RSS before the load: $(( $(rss) / 1024 )) MB"
( while kill -0 $PID 2>/dev/null; do rss >>"$OUT/rss.txt"; sleep 1; done ) &
SAMPLER=$!
WRK_PATHS="$HERE/serve_load_paths.txt" wrk -t2 -c"$CLIENTS" -d"${SECONDS_LOAD}s" --latency --timeout 10s \
  -s "$HERE/serve_load.lua" "http://127.0.0.1:$PORT" | tee "$OUT/wrk.txt"
kill $SAMPLER 2>/dev/null || true
python3 - "$OUT/wrk.txt" "$OUT/rss.txt" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
rss = [int(x) for x in open(sys.argv[2]).read().split()]
rate = float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1))
def latency(p):
    m = re.search(rf"\s{p}%\s+([0-9.]+)(us|ms|s)\b", text)
    value, unit = float(m.group(1)), m.group(2)
    return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
errors = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
socket = re.search(r"Socket errors: (.*)", text)
third = max(1, len(rss) // 3)
print(f"requests/s: {rate:.0f}   p50: {latency(50):.1f} ms   p99: {latency(99):.1f} ms   "
      f"non-2xx: {errors.group(1) if errors else 0}   socket errors: {socket.group(1) if socket else 'none'}")
print(f"server RSS: first third max {max(rss[:third]) / 1024:.0f} MB, last third max {max(rss[-third:]) / 1024:.0f} MB, "
      f"peak {max(rss) / 1024:.0f} MB ({len(rss)} samples)")
PY
