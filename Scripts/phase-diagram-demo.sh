#!/usr/bin/env bash
# make demo's phase diagrams: Li-Fe-O of the sample store as SVG and HTML, and, where ../shared has the
# Materials Project table, Li-Mn-O of MP plus 100,000 generated candidates (the candidates highlighted);
# a PNG of each SVG when headless Chromium is installed (make deps installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/release/crystaldb}
GEN=$(dirname "$BIN")/crystaldb-samplegen
MP=../shared/data/hull/mp_materials_summary.csv
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)

screenshot() {  # SVG -> PNG of the same size (900 x 640)
  if [ -n "$CHROMIUM" ]; then
    "$CHROMIUM" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=900,640 \
      --screenshot="$PWD/$2" "file://$PWD/$1" >/dev/null 2>&1 && echo "wrote $2"
  else
    echo "chromium not installed: no PNG of $1 (make deps installs it)"
  fi
}

$BIN phase-diagram --db demo/sample.sqlite --chemsys Li-Fe-O --out demo/Li-Fe-O.svg --force
$BIN phase-diagram --db demo/sample.sqlite --chemsys Li-Fe-O --out demo/Li-Fe-O.html --highlight sample --force
$BIN phase-diagram --db demo/sample.sqlite --chemsys Li-Fe-O --out demo/Li-Fe-O.json --force
screenshot demo/Li-Fe-O.svg demo/Li-Fe-O.png

if [ -f "$MP" ]; then
  rm -f demo/mp.sqlite*
  $GEN --count 100000 --seed 13 --systems-from "$MP" --no-structures --out demo/candidates --force >/dev/null
  $BIN import --db demo/mp.sqlite --source mp --reference "$MP" >/dev/null
  $BIN import --db demo/mp.sqlite --source gen demo/candidates/summary.csv >/dev/null
  $BIN hull --db demo/mp.sqlite | tail -1
  for system in Li-Mn-O Na-Zn-P Li-Fe-P-O; do
    $BIN phase-diagram --db demo/mp.sqlite --chemsys $system --out demo/$system.svg --highlight gen --force
    $BIN phase-diagram --db demo/mp.sqlite --chemsys $system --out demo/$system.html --highlight gen --force
    screenshot demo/$system.svg demo/$system.png
  done
  $BIN phase-diagram --db demo/mp.sqlite --chemsys Li-Mn-O --hull reference --out demo/Li-Mn-O-reference.svg --highlight gen --force
  screenshot demo/Li-Mn-O-reference.svg demo/Li-Mn-O-reference.png
fi
echo "phase diagrams are in demo/: open the .html files in a browser (hover, click, drag a tetrahedron)"
