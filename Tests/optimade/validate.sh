#!/usr/bin/env bash
# make test: `crystaldb serve` on the sample store checked by the official optimade-validator (0 failures, 0
# internal errors), by pymatgen's OptimadeRester against the CLI, and by optimade-python-tools' reference server
# over its own test structures and over our optimade-jsonl export (peer_filters.py). The Python tools go into a venv under .build (made once); the
# check is skipped, saying so, only when PyPI cannot be reached.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${CRYSTALDB_BIN:-.build/debug/crystaldb}
VENV=${OPTIMADE_VENV:-.build/optimade-venv}
PACKAGES="optimade[server,pymatgen]==1.5.0"
if [ ! -f "$VENV/.ready" ]; then
  if ! python3 -c "import urllib.request; urllib.request.urlopen('https://pypi.org/simple/optimade/', timeout=15)" 2>/dev/null; then
    echo "optimade validation skipped: PyPI is unreachable (needed once to install $PACKAGES into $VENV)"
    exit 0
  fi
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --upgrade pip
  "$VENV/bin/pip" install -q "$PACKAGES"
  touch "$VENV/.ready"
fi
PY="$VENV/bin/python"
WORK=$(mktemp -d)
PIDS=""
cleanup() { for p in $PIDS; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

# Starts `crystaldb serve` on a store and sets SERVED_PORT. Not called in $(...): the server's pid must reach
# PIDS in this shell, or the EXIT trap cannot stop it.
serve() {
  "$BIN" serve --db "$1" --port 0 --quiet >"$WORK/serve-$2.out" 2>&1 &
  PIDS="$PIDS $!"
  SERVED_PORT=""
  for _ in $(seq 1 100); do
    SERVED_PORT=$(sed -n 's/.*listening on [^ ]*:\([0-9]*\)).*/\1/p' "$WORK/serve-$2.out" | head -1)
    [ -n "$SERVED_PORT" ] && return 0
    sleep 0.1
  done
  cat "$WORK/serve-$2.out" >&2
  return 1
}

# The sample store: a reference table, the sample structures and energies, the hull.
"$BIN" import --db "$WORK/s.sqlite" --source mp --reference SampleData/reference.csv >/dev/null
"$BIN" import --db "$WORK/s.sqlite" --source sample SampleData/structures SampleData/entries.csv >/dev/null
"$BIN" hull --db "$WORK/s.sqlite" >/dev/null
serve "$WORK/s.sqlite" sample
PORT=$SERVED_PORT
"$PY" Tests/optimade/clients.py "http://127.0.0.1:$PORT" "$BIN" "$WORK/s.sqlite"

# The reference implementation over its own test structures, and crystaldb over the same structures.
"$PY" Tests/optimade/peer_structures.py "$WORK/peer.extxyz"
"$BIN" import --db "$WORK/peer.sqlite" --source peer --no-symmetry "$WORK/peer.extxyz" >/dev/null
serve "$WORK/peer.sqlite" peer
PEER=$SERVED_PORT
cat >"$WORK/reference.json" <<'JSON'
{"provider": {"name": "reference", "description": "optimade-python-tools reference server", "prefix": "exmpl"},
 "aliases": {"structures": {"id": "task_id", "chemical_formula_descriptive": "pretty_formula",
                            "chemical_formula_reduced": "pretty_formula", "chemical_formula_anonymous": "formula_anonymous"}}}
JSON
REF_PORT=$("$PY" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
OPTIMADE_CONFIG_FILE="$WORK/reference.json" "$VENV/bin/uvicorn" optimade.server.main:app --port "$REF_PORT" >"$WORK/reference.log" 2>&1 &
PIDS="$PIDS $!"
for _ in $(seq 1 200); do
  curl -sf "http://127.0.0.1:$REF_PORT/v1/info" >/dev/null && break
  sleep 0.2
done
"$PY" Tests/optimade/peer_filters.py "http://127.0.0.1:$PEER" "http://127.0.0.1:$REF_PORT"

# The reference implementation loaded with crystaldb's optimade-jsonl export of the sample store (its provider prefix
# set to ours, so that the _crystaldb_ fields are its own), against crystaldb serve on that store.
"$BIN" export --db "$WORK/s.sqlite" --format optimade-jsonl --out "$WORK/sample.jsonl" >/dev/null
"$PY" - "$WORK/sample.jsonl" >"$WORK/exported.json" <<'PY'
import json, sys
fields = ["source", "is_reference", "reduced_formula", "energy", "energy_per_atom", "formation_energy_per_atom", "e_above_hull",
          "e_above_reference_hull", "is_stable", "is_hull_vertex", "duplicate_of", "is_novel", "chemical_system", "volume"]
json.dump({"provider": {"name": "reference", "description": "optimade-python-tools over crystaldb's export", "prefix": "crystaldb"},
           "insert_from_jsonl": sys.argv[1], "insert_test_data": False, "provider_fields": {"structures": fields},
           "aliases": {"structures": {f"_crystaldb_{f}": f"_crystaldb_{f}" for f in fields}}}, sys.stdout)
PY
EXPORTED_PORT=$("$PY" -c "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
OPTIMADE_CONFIG_FILE="$WORK/exported.json" "$VENV/bin/uvicorn" optimade.server.main:app --port "$EXPORTED_PORT" >"$WORK/exported.log" 2>&1 &
PIDS="$PIDS $!"
for _ in $(seq 1 200); do
  curl -sf "http://127.0.0.1:$EXPORTED_PORT/v1/info" >/dev/null && break
  sleep 0.2
done
"$PY" Tests/optimade/peer_filters.py "http://127.0.0.1:$PORT" "http://127.0.0.1:$EXPORTED_PORT" Tests/optimade/sample_filters.txt --only
