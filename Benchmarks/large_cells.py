"""make bench: links the large real cells of ../shared (ordered CIFs of 100-650 sites, by pymatgen's answers in
structures.pymatgen.jsonl) into a folder, for the symmetry engine against spglib on crystals of that size.
Usage: large_cells.py SHARED_STRUCTURES_DIR OUT_DIR"""
import json
import os
import sys

root, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
count = 0
with open(os.path.join(root, "structures.pymatgen.jsonl")) as answers:
    for line in answers:
        record = json.loads(line)
        blocks = record.get("pymatgen")
        if record.get("kind") != "cif" or not isinstance(blocks, list) or len(blocks) != 1:
            continue
        block = blocks[0]
        if block.get("ordered") and 100 <= block.get("nsites", 0) <= 650:
            link = os.path.join(out, record["path"].replace("/", "_"))
            if not os.path.lexists(link):
                os.symlink(os.path.abspath(os.path.join(root, record["path"])), link)
            count += 1
print(f"{count} large ordered cells linked into {out}")
