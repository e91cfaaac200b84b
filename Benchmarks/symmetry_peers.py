"""Symmetry peers on the same CIF files, one core: moyo (moyopy) and spglib's Python wheel, each timed over every
structure (files read first with pymatgen, untimed). Prints structures/s per peer. Usage: symmetry_peers.py DIR [LIMIT]"""
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")
from pymatgen.core import Structure

folder = sys.argv[1]
limit = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
names = sorted(n for n in os.listdir(folder) if n.lower().endswith(".cif"))[:limit]
cells = []
for name in names:
    try:
        s = Structure.from_file(os.path.join(folder, name))
    except Exception:
        continue
    if not s.is_ordered:
        continue
    cells.append((s.lattice.matrix.tolist(), s.frac_coords.tolist(), [site.specie.Z for site in s]))


def best_of(runs, body):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


try:
    import moyopy

    def run_moyo():
        for lattice, positions, numbers in cells:
            moyopy.MoyoDataset(moyopy.Cell(lattice, positions, numbers), symprec=0.01, angle_tolerance=None)

    t = best_of(3, run_moyo)
    print(f"moyo {moyopy.__version__} (moyopy), one core: {len(cells) / t:.0f} structures/s ({len(cells)} structures, median of 3)")
except ImportError:
    print("moyo: moyopy not installed; skipped")

try:
    import spglib

    def run_spglib():
        for cell in cells:
            spglib.get_symmetry_dataset(cell, symprec=0.01, angle_tolerance=5)

    t = best_of(3, run_spglib)
    print(f"spglib {spglib.__version__} (Python wheel), one core: {len(cells) / t:.0f} structures/s ({len(cells)} structures, median of 3)")
except ImportError:
    print("spglib Python wheel not installed; skipped")
