#!/usr/bin/env bash
# make fuzz: builds the libFuzzer targets (-sanitize=fuzzer,address) and runs each for FUZZ_SECONDS
# (default 300) or FUZZ_RUNS executions, seeded from ../shared/data and SampleData. An input running longer than
# FUZZ_TIMEOUT seconds (default 30: the end-to-end targets import into SQLite on a shared machine) is a finding. Crashes are written to
# Fuzz/findings/<target>/; turn each into a regression fixture named after it.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-300}
RUNS=${FUZZ_RUNS:--1}
TARGETS=${FUZZ_TARGETS:-"cif poscar energy filter import archive hull query"}
SHARED=../shared/data/structures
for target in $TARGETS; do
  flag=$(echo "FUZZ_$target" | tr a-z A-Z)
  scratch=.build-fuzz-$target
  swift build --scratch-path "$scratch" --product crystaldb-fuzz -Xswiftc -sanitize=fuzzer,address \
    -Xswiftc -DFUZZING -Xswiftc -D"$flag" 2>&1 | grep -E "error|Build complete" || true
  corpus=Fuzz/corpus/$target
  mkdir -p "$corpus" "Fuzz/findings/$target"
  if [ -z "$(ls -A "$corpus")" ]; then
    case $target in
      cif) find SampleData "$SHARED" -name '*.cif' -size -16k 2>/dev/null | head -800 | while read -r f; do cp "$f" "$corpus/"; done ;;
      poscar) find SampleData "$SHARED" \( -name 'POSCAR*' -o -name '*.vasp' \) -size -16k 2>/dev/null | head -400 | while read -r f; do cp "$f" "$corpus/$(echo "$f" | tr / _)"; done ;;
      energy) cp SampleData/*.csv "$corpus/"; head -50 ../shared/data/hull/mp_materials_summary.csv > "$corpus/mp.csv" 2>/dev/null || true
              head -c 4000 ../shared/data/hull/pymatgen/Mn-O_entries.json > "$corpus/mno.json" 2>/dev/null || true ;;
      filter|query) printf '%s' 'elements HAS ALL "Li","O" AND nsites < 10' > "$corpus/1"; printf '%s' 'NOT (id STARTS WITH "mp-" OR e_above_hull > 0.1)' > "$corpus/2"
              printf '%s' 'elements:elements_ratios HAS ALL "Li":>0.1, "O":<0.6' > "$corpus/3"; printf '%s' 'LENGTH elements >= 3 AND decomposition IS KNOWN' > "$corpus/4"
              printf '%s' 'chemical_formula_reduced CONTAINS "O" OR spacegroup_number IS UNKNOWN AND volume > 1e3' > "$corpus/5" ;;
      # End to end: the first byte picks the format or container (see Sources/crystaldb-fuzz).
      import) i=0; for f in SampleData/structures/*.cif SampleData/bad/*.cif; do { printf '\x00'; cat "$f"; } > "$corpus/cif-$i"; i=$((i+1)); done
              for f in SampleData/structures/*.vasp SampleData/structures/*.POSCAR SampleData/bad/*.POSCAR; do { printf '\x01'; cat "$f"; } > "$corpus/poscar-$i"; i=$((i+1)); done
              { printf '\x02'; cat SampleData/entries.csv; } > "$corpus/csv"
              { printf '\x03'; head -c 6000 ../shared/data/hull/pymatgen/Mn-O_entries.json 2>/dev/null; } > "$corpus/json" ;;
      archive) python3 Fuzz/archive_seeds.py "$corpus" ;;
      hull) python3 -c "import sys,random; r=random.Random(1)
for n in range(8):
    open(sys.argv[1]+'/h%d'%n,'wb').write(bytes(r.randrange(256) for _ in range(60+40*n)))" "$corpus" ;;
    esac
  fi
  echo "== fuzz $target: ${SECONDS_EACH} s =="
  # FUZZ_KEEP_GOING=1: fork mode, a crash is saved and fuzzing goes on (the last "#N:" line counts executions).
  keep=()
  if [ -n "${FUZZ_KEEP_GOING:-}" ]; then keep=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1); fi
  log="Fuzz/findings/$target/last-run.log"
  "$scratch/debug/crystaldb-fuzz" "$corpus" "${keep[@]}" -max_total_time="$SECONDS_EACH" -runs="$RUNS" -max_len=16384 \
    -rss_limit_mb=4096 -timeout="${FUZZ_TIMEOUT:-30}" -artifact_prefix="Fuzz/findings/$target/" -print_final_stats=1 >"$log" 2>&1 || true
  grep -E "stat::number_of_executed_units|Fatal error|deadly signal|ERROR|SUMMARY|Done|^#[0-9]+: " "$log" | tail -5
  ls "Fuzz/findings/$target" | grep -v last-run.log || echo "no findings"
done
