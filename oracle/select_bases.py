"""Chooses the real crystals the near-duplicate set is built from: a seeded sample of the ordered structures
in ../shared/data/structures that pymatgen reads as one structure of 2-40 sites (its answers file says
which). Writes their paths, relative to ../shared/data/structures, one a line. The set itself is generated
from these by CrystalMatch's NearDuplicateSet (Swift) at test time; nothing of ../shared is copied.

    python3 oracle/select_bases.py ../shared/data/structures 200 2026 > Tests/CrystalMatchTests/Fixtures/near-duplicates.bases.txt
"""
import json, os, random, sys

root, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
eligible = []
for line in open(os.path.join(root, "structures.pymatgen.jsonl")):
    record = json.loads(line)
    answer = record["pymatgen"]
    if isinstance(answer, dict) or len(answer) != 1:
        continue
    structure = answer[0]
    if structure.get("ordered") and 2 <= structure["nsites"] <= 40:
        eligible.append(record["path"])
eligible.sort()
for path in sorted(random.Random(seed).sample(eligible, count)):
    print(os.path.relpath(path, root) if os.path.isabs(path) else path)
