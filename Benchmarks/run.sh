#!/usr/bin/env bash
# make bench: import and symmetry throughput on generated GNoME-style CIFs of crystals with real symmetry (the headline
# set) and of random P1 crystals, median of repeated runs, peak RSS, with peers in the same run (spglib 2.0.2 always;
# moyo and pymatgen where installed: PYMATGEN_PYTHON or python3), then hull, query, export and dedupe.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${BENCH_N:-20000}
RUNS=${BENCH_RUNS:-3}
PEER_N=${BENCH_PEER_N:-500}
OUT=bench-out
BIN=.build/release/crystaldb
GEN=.build/release/crystaldb-samplegen
HULL=".build/release/crystaldb-bench hull"
QUERYBENCH=".build/release/crystaldb-bench query"
EXPORT_N=${BENCH_EXPORT_N:-100000}
DEDUPE_N=${BENCH_DEDUPE_N:-100000}
MP=../shared/data/hull/mp_materials_summary.csv
CANDIDATES=${BENCH_CANDIDATES:-1000000}
mkdir -p $OUT
PY=${PYMATGEN_PYTHON:-python3}
# The headline set: crystals with real symmetry (space groups as often as in real crystals, random Hall settings,
# general and special positions), written as P1 CIFs in GNoME's dialect.
if [ ! -f $OUT/symmetric-$N/summary.csv ]; then
  $GEN --symmetric --count "$N" --out $OUT/symmetric-$N --seed 2026 --force >/dev/null
fi
echo "== import: $N generated GNoME-style CIFs of crystals WITH SYMMETRY (P1 files, 5-40 sites), $RUNS runs, $(nproc) cores, with symmetry analysis (the default) =="
python3 Benchmarks/measure.py --runs "$RUNS" --count "$N" -- $BIN import --db $OUT/bench.sqlite --source gnome $OUT/symmetric-$N/cif
echo "== import: the same without symmetry analysis =="
python3 Benchmarks/measure.py --runs "$RUNS" --count "$N" -- $BIN import --db $OUT/bench.sqlite --source gnome --no-symmetry $OUT/symmetric-$N/cif
echo "== symmetry alone, one core, the first 5000 of those crystals: crystaldb's engine and spglib 2.0.2's dataset, same run =="
.build/release/crystaldb-bench symmetry $OUT/symmetric-$N/cif --limit 5000 --runs "$RUNS"
if $PY -c "import moyopy" 2>/dev/null; then
  echo "== symmetry peers on the same 5000 files, one core (Python; files read first, untimed) =="
  $PY Benchmarks/symmetry_peers.py $OUT/symmetric-$N/cif 5000
fi
echo "== symmetry agreement with spglib 2.0.2: generated crystals of all 230 space groups (20 each, with supercells, moved origins, permuted axes, noise), and every ordered structure of ../shared =="
.build/release/crystaldb-bench symmetry-check --per-group 20 --show 20
if [ -d ../shared/data/structures ]; then
  .build/release/crystaldb-bench symmetry-check ../shared/data/structures --show 20
  echo "== symmetry alone, one core: the large real cells of ../shared (ordered, 100-650 sites), crystaldb's engine and spglib 2.0.2, same run =="
  python3 Benchmarks/large_cells.py ../shared/data/structures $OUT/large-cells
  .build/release/crystaldb-bench symmetry $OUT/large-cells --runs "$RUNS"
fi

if [ ! -f $OUT/gnome-$N/summary.csv ]; then
  $GEN --count "$N" --out $OUT/gnome-$N --seed 2026 --force >/dev/null
fi
echo "== import: $N generated GNoME-style CIFs (P1, 5-40 sites) into a new store, $RUNS runs, $(nproc) cores, without symmetry analysis =="
python3 Benchmarks/measure.py --runs "$RUNS" --count "$N" --rate-file $OUT/rate.txt -- $BIN import --db $OUT/bench.sqlite --source gnome --no-symmetry $OUT/gnome-$N/cif
if command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null; then
  CG_N=${BENCH_CALLGRIND_N:-6000}
  echo "== import: instructions per structure, $CG_N of the same CIFs, --no-symmetry (callgrind: independent of the machine's load) =="
  rm -rf $OUT/gnome-cg && mkdir -p $OUT/gnome-cg/cif
  ls $OUT/gnome-$N/cif | head -n "$CG_N" | while read -r f; do ln -s "$PWD/$OUT/gnome-$N/cif/$f" "$OUT/gnome-cg/cif/$f"; done
  rm -f $OUT/cg.sqlite*
  # valgrind 3.19 cannot read the release binary's DWARF 5 debug info; a copy without it keeps the symbols.
  objcopy --strip-debug $BIN $OUT/crystaldb-callgrind
  valgrind --tool=callgrind --callgrind-out-file=$OUT/import.callgrind $OUT/crystaldb-callgrind import --db $OUT/cg.sqlite --source gnome --no-symmetry $OUT/gnome-cg/cif >/dev/null 2>&1
  callgrind_annotate --inclusive=yes $OUT/import.callgrind 2>/dev/null | python3 -c "
import re, sys
n = $CG_N
total = parse = write = 0
for line in sys.stdin:
    m = re.match(r'\s*([0-9,]+) ', line)
    if not m: continue
    v = int(m.group(1).replace(',', ''))
    if 'PROGRAM TOTALS' in line: total = v
    elif 'ParsedFileV5parse' in line and not parse: parse = v
    elif 'EntryWriterC5writeyAA12WriteOutcomeOAA15StructureRecord' in line and not write: write = v
print(f'per structure: {total // n:,} instructions in all; parsing and mapping {parse // n:,}; the SQLite writer {write // n:,}')
"
fi
echo "== import: the same with symmetry analysis (symprec 0.01 A), the default =="
python3 Benchmarks/measure.py --runs "$RUNS" --count "$N" -- $BIN import --db $OUT/bench.sqlite --source gnome $OUT/gnome-$N/cif
if [ -d ../shared/data/structures/mattergen ]; then
  echo "== import: the 774 MatterGen CIFs of ../shared (pymatgen-written, with symmetry), with and without symmetry analysis =="
  python3 Benchmarks/measure.py --runs "$RUNS" --count 774 -- $BIN import --db $OUT/bench.sqlite --source mattergen ../shared/data/structures/mattergen
  python3 Benchmarks/measure.py --runs "$RUNS" --count 774 -- $BIN import --db $OUT/bench.sqlite --source mattergen --no-symmetry ../shared/data/structures/mattergen
fi
echo "== symmetry alone, one core: the generated CIFs, and the MatterGen CIFs (real crystals), against spglib's dataset for every structure =="
.build/release/crystaldb-bench symmetry $OUT/gnome-$N/cif --limit 5000 --runs "$RUNS"
if [ -d ../shared/data/structures/mattergen ]; then
  .build/release/crystaldb-bench symmetry ../shared/data/structures/mattergen --runs "$RUNS"
fi
echo "== import with energies: CIFs plus summary.csv (one entry each, joined by id), without symmetry =="
python3 Benchmarks/measure.py --runs "$RUNS" --count "$N" -- $BIN import --db $OUT/bench.sqlite --source gnome --no-symmetry $OUT/gnome-$N/cif $OUT/gnome-$N/summary.csv
TABLE_N=${BENCH_TABLE_N:-1000000}
echo "== energy table: $TABLE_N generated GNoME-summary rows streamed into a new store (budget: peak RSS 150 MB) =="
if [ ! -f $OUT/table-$TABLE_N/summary.csv ]; then
  $GEN --count "$TABLE_N" --out $OUT/table-$TABLE_N --seed 11 --no-structures --force >/dev/null
fi
python3 Benchmarks/measure.py --runs 1 --count "$TABLE_N" --rss-limit 150 -- $BIN import --db $OUT/table.sqlite --no-symmetry $OUT/table-$TABLE_N/summary.csv
if $PY -c "import pymatgen" 2>/dev/null; then
  echo "== peer: pymatgen CifParser on the first $PEER_N of the same files, one core =="
  $PY Benchmarks/pymatgen_peer.py $OUT/gnome-$N/cif "$PEER_N" $OUT/peer-rate.txt
  python3 -c "import sys; a=float(open('$OUT/rate.txt').read()); b=float(open('$OUT/peer-rate.txt').read()); print(f'ratio: crystaldb end to end on 2 cores / pymatgen parse only on 1 core = {a/b:.0f}x')"
else
  echo "== peer: pymatgen not installed (pip install pymatgen, or set PYMATGEN_PYTHON); skipped =="
fi

if [ -f $MP ]; then
  echo "== hull: the $(($(wc -l < $MP) - 1))-entry Materials Project table, engine alone (formation energies, e_above_hull, decompositions) =="
  $HULL --reference $MP --runs "$RUNS" --median-file $OUT/hull-engine.txt | tee $OUT/hull.txt
  echo "== hull: the same through the store: crystaldb hull --full (load, compute, write) on a freshly imported store each run =="
  rm -f $OUT/mp.sqlite* $OUT/mp-fresh.sqlite*
  $BIN import --db $OUT/mp-fresh.sqlite --source mp --reference $MP >/dev/null
  python3 Benchmarks/measure.py --runs "$RUNS" --count 31840 --keep-store --fresh-copy $OUT/mp-fresh.sqlite --ratio-to $OUT/hull-engine.txt \
    -- $BIN hull --db $OUT/mp.sqlite --full
  if [ ! -f $OUT/candidates-$CANDIDATES/summary.csv ]; then
    $GEN --count "$CANDIDATES" --out $OUT/candidates-$CANDIDATES --systems-from $MP --force >/dev/null
  fi
  echo "== hull: $CANDIDATES generated candidates in MP's chemical systems against the MP reference, engine alone =="
  $HULL --reference $MP --candidates $OUT/candidates-$CANDIDATES/summary.csv --runs 1 --median-file $OUT/hull-engine-big.txt
  echo "== hull: the same through the store: crystaldb hull --full on a freshly imported store =="
  rm -f $OUT/big.sqlite* $OUT/big-fresh.sqlite*
  $BIN import --db $OUT/big-fresh.sqlite --source mp --reference $MP >/dev/null
  $BIN import --db $OUT/big-fresh.sqlite --source gen $OUT/candidates-$CANDIDATES/summary.csv >/dev/null
  python3 Benchmarks/measure.py --runs 1 --count $((CANDIDATES + 31840)) --keep-store --fresh-copy $OUT/big-fresh.sqlite \
    --ratio-to $OUT/hull-engine-big.txt -- $BIN hull --db $OUT/big.sqlite --full
  rm -f $OUT/big.sqlite*
  if [ -z "${BENCH_SKIP_PEERS:-}" ] && $PY -c "import pymatgen" 2>/dev/null; then
    echo "== peer: pymatgen PatchedPhaseDiagram on the MP table (takes about two minutes) =="
    $PY Benchmarks/pymatgen_hull_peer.py $MP $OUT/peer-hull.txt
    python3 -c "import re; t=open('$OUT/hull.txt').read(); m=float(re.search(r'median: ([0-9.]+) s', t).group(1)); p=float(open('$OUT/peer-hull.txt').read()); print(f'ratio: pymatgen / crystaldb engine = {p/m:.0f}x')"
  fi
fi

if [ -f $MP ]; then
  echo "== query: filters over MP + $CANDIDATES candidates (first 100 rows in id order, and the count) =="
  rm -f $OUT/q.sqlite*
  cp $OUT/big-fresh.sqlite $OUT/q.sqlite
  $BIN hull --db $OUT/q.sqlite | tail -1
  $QUERYBENCH --db $OUT/q.sqlite --runs 21
  echo "== phase diagrams: ternaries of MP + $CANDIDATES candidates (the largest by entries and a random sample), in process and end to end =="
  .build/release/crystaldb-bench phase-diagram --db $OUT/q.sqlite --largest 20 --random 20 --runs 5 --systems-out $OUT/phase-systems.txt
  python3 Benchmarks/phase_diagram_cli.py $BIN $OUT/q.sqlite $OUT/phase-systems.txt 5 $OUT/phase-diagram
  echo "== serve: 50 concurrent clients for ${BENCH_SERVE_SECONDS:-30} s, filtered /structures pages of 20 over the same store (wrk) =="
  if command -v wrk >/dev/null; then
    bash Benchmarks/serve_load.sh $BIN $OUT/q.sqlite "${BENCH_SERVE_SECONDS:-30}" 50
  else
    echo "wrk not installed (make bench-deps); skipped"
  fi
  echo "== export: $EXPORT_N generated GNoME-style structures (with the MP reference) as a GNoME release =="
  if [ ! -f $OUT/gnome-zip-$EXPORT_N/by_id.zip ]; then
    $GEN --count "$EXPORT_N" --out $OUT/gnome-zip-$EXPORT_N --seed 381 --zip --force >/dev/null
  fi
  rm -f $OUT/e.sqlite*
  $BIN import --db $OUT/e.sqlite --source mp --reference $MP >/dev/null
  $BIN import --db $OUT/e.sqlite --source gnome $OUT/gnome-zip-$EXPORT_N/by_id.zip $OUT/gnome-zip-$EXPORT_N/summary.csv | tail -1
  $BIN hull --db $OUT/e.sqlite | tail -1
  rm -rf $OUT/release
  python3 Benchmarks/measure.py --runs 1 --count "$EXPORT_N" --keep-store -- $BIN export --db $OUT/e.sqlite --source gnome --format gnome --out $OUT/release --force
fi

CARBON=../shared/data/carbon24/cif
MATCH_N=${BENCH_MATCH_N:-600}
if [ -d $CARBON ]; then
  echo "== dedupe engine alone (reduction + grouping, no SQL): the first $MATCH_N carbon24 CIFs (AIRSS carbon polymorphs, sorted names), one thread, then $(nproc) =="
  .build/release/crystaldb-bench match $CARBON --limit "$MATCH_N" --runs "$RUNS" --jobs 1 --answers Tests/CrystalMatchTests/Fixtures/carbon24 | tee $OUT/match.txt
  .build/release/crystaldb-bench match $CARBON --limit "$MATCH_N" --runs "$RUNS" | grep -E "median"
  if $PY -c "import pymatgen" 2>/dev/null; then
    echo "== peer: pymatgen StructureMatcher().group_structures on the same $MATCH_N structures, one core =="
    $PY Benchmarks/pymatgen_match_peer.py $CARBON "$MATCH_N" $OUT/peer-match.txt
    python3 -c "import re; t=open('$OUT/match.txt').read(); m=float(re.search(r'median ([0-9.]+) s', t).group(1)); p=float(open('$OUT/peer-match.txt').read()); print(f'ratio: pymatgen group_structures / crystaldb, both on one core = {p/m:.0f}x')"
  fi
fi

echo "== dedupe: $DEDUPE_N generated structures with 10% planted duplicates (supercell, shifted origin, cycled axes, 0.5% strain), $(nproc) workers =="
if [ ! -f $OUT/dedupe-$DEDUPE_N/duplicates.csv ]; then
  $GEN --count "$DEDUPE_N" --out $OUT/dedupe-$DEDUPE_N --seed 5 --zip --duplicates 0.1 --force >/dev/null
fi
rm -f $OUT/d.sqlite*
$BIN import --db $OUT/d.sqlite --source gen $OUT/dedupe-$DEDUPE_N/by_id.zip $OUT/dedupe-$DEDUPE_N/summary.csv | grep -E "imported|time"
cp $OUT/d.sqlite $OUT/d-imported.sqlite
python3 Benchmarks/measure.py --runs "$RUNS" --count "$DEDUPE_N" --keep-store -- $BIN dedupe --db $OUT/d.sqlite
$BIN dedupe --db $OUT/d.sqlite
python3 Benchmarks/check_duplicates.py $OUT/d.sqlite $OUT/dedupe-$DEDUPE_N/duplicates.csv

REFERENCE_N=${BENCH_REFERENCE_N:-150000}
echo "== dedupe against a known database: $REFERENCE_N generated reference structures (--reference) and the $DEDUPE_N candidates above, --novel-by structure =="
if [ ! -f $OUT/reference-$REFERENCE_N/by_id.zip ]; then
  $GEN --count "$REFERENCE_N" --out $OUT/reference-$REFERENCE_N --seed 7 --zip --force >/dev/null
fi
rm -f $OUT/r.sqlite*
cp $OUT/d-imported.sqlite $OUT/r.sqlite
$BIN import --db $OUT/r.sqlite --source known --reference --no-symmetry $OUT/reference-$REFERENCE_N/by_id.zip | grep -E "imported|time"
python3 Benchmarks/measure.py --runs 1 --count $((REFERENCE_N + DEDUPE_N)) --keep-store -- $BIN dedupe --db $OUT/r.sqlite --novel-by structure
$BIN dedupe --db $OUT/r.sqlite --novel-by structure
echo "candidates novel by structure: $($BIN query --db $OUT/r.sqlite --count 'is_reference = 0 AND is_novel_by_structure = 1')"
