"""pymatgen's CifParser over the first N CIFs of a folder, one core: structures per second."""
import os, sys, time, warnings
warnings.filterwarnings("ignore")
from pymatgen.io.cif import CifParser

folder, count = sys.argv[1], int(sys.argv[2])
rate_file = sys.argv[3] if len(sys.argv) > 3 else None
files = sorted(os.listdir(folder))[:count]
start = time.perf_counter()
for name in files:
    CifParser(os.path.join(folder, name)).parse_structures(primitive=False)
elapsed = time.perf_counter() - start
print(f"pymatgen: {len(files)} files in {elapsed:.2f} s = {len(files) / elapsed:,.0f} structures/s (parse only, no store)")
if rate_file:
    with open(rate_file, "w") as f:
        f.write(f"{len(files) / elapsed}\n")
