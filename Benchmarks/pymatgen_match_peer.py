"""pymatgen's StructureMatcher().group_structures on the first N CIFs of a folder (sorted file names), the
peer of `crystaldb-bench match` in `make bench`: structures are read first, only group_structures is timed
(it reduces every structure to its primitive Niggli cell, then compares within compositions).
Prints the groups and the time; writes the seconds to argv[3] if given."""
import glob, os, sys, time, warnings
warnings.filterwarnings("ignore")
import pymatgen.core
from pymatgen.core import Structure
from pymatgen.analysis.structure_matcher import StructureMatcher

folder, count = sys.argv[1], int(sys.argv[2])
structures = [Structure.from_file(p) for p in sorted(glob.glob(os.path.join(folder, "*.cif")))[:count]]
start = time.perf_counter()
groups = StructureMatcher().group_structures(structures)
seconds = time.perf_counter() - start
print(f"pymatgen {pymatgen.core.__version__} group_structures: {len(structures)} structures, {len(groups)} groups, "
      f"{len(structures) - len(groups)} duplicates, {seconds:.1f} s on one core")
if len(sys.argv) > 3:
    open(sys.argv[3], "w").write(f"{seconds}\n")
