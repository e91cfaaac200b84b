#!/usr/bin/env bash
# Builds store-v5-bb2685f.sqlite: a small store written by the crystaldb release at main's commit bb2685f
# (schema migrations 1-5, one row per site), with rows in every table, for StoreUpgradeTests. Run from the
# package root with that release's binaries:
#   git worktree add /tmp/bb2685f bb2685f && (cd /tmp/bb2685f && swift build -c release)
#   CRYSTALDB=/tmp/bb2685f/.build/release/crystaldb SAMPLEGEN=/tmp/bb2685f/.build/release/crystaldb-samplegen \
#     bash Tests/CrystalStoreTests/Fixtures/make-upgrade-fixture.sh
# It never needs to run again: the file is what an old release wrote, and later code must keep opening it.
set -euo pipefail
BIN=${CRYSTALDB:?set CRYSTALDB to the bb2685f release binary}
GEN=${SAMPLEGEN:?set SAMPLEGEN to the bb2685f crystaldb-samplegen binary}
OUT=Tests/CrystalStoreTests/Fixtures/store-v5-bb2685f.sqlite
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
rm -f "$OUT" "$OUT-wal" "$OUT-shm"
# As make demo: the reference table, then the sample structures and their energies.
$BIN import --db "$OUT" --source mp --reference SampleData/reference.csv
$BIN import --db "$OUT" --source sample SampleData/structures SampleData/entries.csv
# Malformed inputs: diagnostics with files, lines and data blocks.
$BIN import --db "$OUT" --source bad SampleData/bad || true
# Generated GNoME-style crystals with planted duplicates; summary.csv's extra columns become properties,
# and their systems lack elemental references (hull_missing).
$GEN --count 24 --out "$WORK/gen" --seed 7 --duplicates 0.3 >/dev/null
ROOT=$PWD
(cd "$WORK" && $BIN import --db "$ROOT/$OUT" --source gen --jobs 1 gen/cif gen/summary.csv)
$BIN hull --db "$OUT"
$BIN symmetry --db "$OUT" --source sample --symprec 0.01
$BIN dedupe --db "$OUT" --novel-by structure
# One file: fold the WAL into the database.
sqlite3 "$OUT" "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;"
rm -f "$OUT-wal" "$OUT-shm"
ls -l "$OUT"
