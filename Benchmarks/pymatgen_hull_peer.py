"""pymatgen's PatchedPhaseDiagram on an energy table (MaterialId,Composition,Corrected Energy): build time,
e_above_hull for every entry, peak RSS. Entries whose elements lack an elemental entry are left out, as the
answer files do. Prints entries/s and writes the total seconds to argv[2] if given."""
import csv, resource, sys, time, warnings
warnings.filterwarnings("ignore")
from pymatgen.core import Composition
from pymatgen.entries.computed_entries import ComputedEntry
from pymatgen.analysis.phase_diagram import PatchedPhaseDiagram

rows = list(csv.DictReader(open(sys.argv[1])))
entries = [ComputedEntry(Composition(r["Composition"]), float(r["Corrected Energy"]), entry_id=r["MaterialId"]) for r in rows]
elements = {str(e.composition.elements[0]) for e in entries if len(e.composition.elements) == 1}
entries = [e for e in entries if all(str(x) in elements for x in e.composition.elements)]
start = time.perf_counter()
ppd = PatchedPhaseDiagram(entries)
built = time.perf_counter() - start
for e in entries:
    ppd.get_decomp_and_e_above_hull(e, allow_negative=True)
total = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"pymatgen PatchedPhaseDiagram: {len(entries)} entries: build {built:.1f} s, all e_above_hull and decompositions "
      f"{total - built:.1f} s, total {total:.1f} s = {len(entries) / total:,.0f} entries/s; peak RSS {rss:.0f} MB")
if len(sys.argv) > 2:
    open(sys.argv[2], "w").write(f"{total}\n")
