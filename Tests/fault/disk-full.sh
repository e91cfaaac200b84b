#!/usr/bin/env bash
# A real full disk and an unwritable path, on small tmpfs mounts (needs root, as make's apt-get step does;
# skipped with a message where mounting is not permitted). Checks:
#  - import onto a full disk fails with a clear error, the store passes integrity_check and holds whole
#    batches only; with more space the same import finishes and equals an uninterrupted import;
#  - export in every format onto a full disk fails with a clear error and leaves nothing behind;
#  - import and export to a read-only file system fail with a clear error.
# Usage: disk-full.sh [STRUCTURES]   (default 3000)
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-3000}
source Tests/fault/common.sh
WORK=$(mktemp -d "${TMPDIR:-/tmp}/crystaldb-diskfull.XXXXXX")
mkdir -p "$WORK/disk" "$WORK/small" "$WORK/readonly"
if ! mount -t tmpfs -o size=3m tmpfs "$WORK/disk" 2>/dev/null; then
  echo "disk-full: skipped (cannot mount a tmpfs here; needs root)"
  rm -rf "$WORK"
  exit 0
fi
trap 'umount "$WORK/disk" "$WORK/small" "$WORK/readonly" 2>/dev/null || true; rm -rf "$WORK"' EXIT
mount -t tmpfs -o size=256k tmpfs "$WORK/small"
mount -t tmpfs -o ro,size=64k tmpfs "$WORK/readonly"
fail() { echo "disk-full: $*"; exit 1; }

$GEN --count "$N" --out "$WORK/set" --seed 7 --zip >/dev/null
inputs=("$WORK/set/by_id.zip" "$WORK/set/summary.csv")
$BIN import --db "$WORK/reference.sqlite" --no-symmetry "${inputs[@]}" >/dev/null
snapshot "$WORK/reference.sqlite" > "$WORK/reference.txt"

# Import onto a disk that fills up part way.
store="$WORK/disk/store.sqlite"
if $BIN import --db "$store" --no-symmetry "${inputs[@]}" >/dev/null 2>"$WORK/import.err"; then
  fail "import onto a 3 MB disk reported success"
fi
grep -q "disk is full" "$WORK/import.err" || fail "import error does not say the disk is full: $(cat "$WORK/import.err")"
check=$(sqlite3 "$store" "PRAGMA integrity_check")
[ "$check" = "ok" ] || fail "integrity_check after a full disk says $check"
[ "$(torn_entries "$store")" = "0" ] || fail "a partly stored structure after a full disk"
committed=$(sqlite3 "$store" "SELECT count(*) FROM entries")
[ "$committed" -lt "$N" ] || fail "the disk never filled ($committed entries)"
mount -o remount,size=1g "$WORK/disk"
$BIN import --db "$store" --no-symmetry "${inputs[@]}" >/dev/null
snapshot "$store" > "$WORK/after.txt"
cmp -s "$WORK/reference.txt" "$WORK/after.txt" || fail "after more space the store differs from an uninterrupted import"

# Export onto a full disk: a clear error and nothing left behind, in every format.
for format in gnome cif-zip cif-dir poscar-dir csv jsonl; do
  if $BIN export --db "$WORK/reference.sqlite" --format "$format" --out "$WORK/small/out" >/dev/null 2>"$WORK/export.err"; then
    fail "export --format $format onto a 256 kB disk reported success"
  fi
  grep -qiE "space|full" "$WORK/export.err" || fail "export --format $format: unclear error: $(cat "$WORK/export.err")"
  [ -z "$(ls -A "$WORK/small")" ] || fail "export --format $format left $(ls "$WORK/small") on the full disk"
done

# A read-only file system.
if $BIN import --db "$WORK/readonly/store.sqlite" "${inputs[@]}" >/dev/null 2>"$WORK/ro.err"; then fail "import onto a read-only disk reported success"; fi
grep -qiE "read-only|cannot open|not writable" "$WORK/ro.err" || fail "import onto a read-only disk: unclear error: $(cat "$WORK/ro.err")"
if $BIN export --db "$WORK/reference.sqlite" --format csv --out "$WORK/readonly/out.csv" >/dev/null 2>"$WORK/ro.err"; then fail "export onto a read-only disk reported success"; fi
grep -qiE "read-only|cannot create|not writable" "$WORK/ro.err" || fail "export onto a read-only disk: unclear error: $(cat "$WORK/ro.err")"
echo "disk-full: import stopped at $committed of $N entries on a full disk and finished after; 6 export formats and a read-only disk gave clear errors"
