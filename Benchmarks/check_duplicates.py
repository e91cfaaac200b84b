"""Checks a dedupe run against the planted pairs of crystaldb-samplegen --duplicates: every planted duplicate
found, and no other merges. Usage: python3 check_duplicates.py STORE duplicates.csv"""
import csv, sqlite3, sys

db = sqlite3.connect(sys.argv[1])
rep = dict(db.execute("SELECT e.id, r.id FROM duplicates d JOIN entries e ON e.entry_pk = d.entry_pk JOIN entries r ON r.entry_pk = d.representative_pk"))
pairs = list(csv.DictReader(open(sys.argv[2])))
found = sum(1 for p in pairs if rep.get(p["original"]) is not None and rep.get(p["original"]) == rep.get(p["duplicate"]))
planted = {p["original"] for p in pairs} | {p["duplicate"] for p in pairs}
groups = {}
for entry, r in rep.items():
    groups.setdefault(r, set()).add(entry)
false_merges = sum(1 for members in groups.values() if len(members) > 1 and not (members <= planted and len(members) == 2))
print(f"planted duplicates found: {found} of {len(pairs)}; groups that are not a planted pair: {false_merges}")
sys.exit(0 if found == len(pairs) and false_merges == 0 else 1)
