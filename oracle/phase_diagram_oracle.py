"""pymatgen's phase diagrams for the chemical systems of an entry table: stable phases, facets, and the
energy of each stable entry below the hull formed without it.

Input: one or more CSVs with MaterialId,Composition,Corrected Energy (GNoME / MP summary style; Corrected
Energy is the total energy in eV of the formula written in Composition). Entries are joined in the order
given. Entries whose elements lack an elemental entry are left out (their systems too).

Modes:
  facets  IN.csv [IN2.csv ...] --out OUT.txt[.gz] [--systems FILE] [--min-stable 3]
      For every chemical system of 2-4 elements that is the element set of some entry (or for the systems
      listed one per line in FILE), pymatgen's PhaseDiagram of every entry whose elements lie in the system.
      Systems with fewer than --min-stable stable entries are left out. One line per system, sorted by
      element count then name:
        system<TAB>facets ('|' separated, each a sorted, space-separated id list)
      Facets are PhaseDiagram.facets (qhull's triangulated lower hull, vertical facets dropped) as ids of
      PhaseDiagram.qhull_entries; tie lines are the pairs within a facet (what PDPlotter draws). The stable
      entries are exactly the entries of the facets (PhaseDiagram._compute defines them so).
  below   IN.csv --out OUT.csv [--jobs 2]
      For every stable entry (a vertex of the PhaseDiagram of its own chemical system):
        MaterialId,phase_separation_energy,rebuilt_energy,decomposition
      phase_separation_energy = PhaseDiagram.get_decomp_and_phase_separation_energy(entry) (all entries
      of other compositions compete; SLSQP), rebuilt_energy = get_decomp_and_e_above_hull(entry,
      allow_negative=True) on a PhaseDiagram rebuilt without the entries of the entry's reduced composition
      (exact, qhull).
      decomposition = that rebuilt diagram's decomposition, ';'-joined id:atom fraction sorted by id.
      All energies eV/atom, pymatgen's sign (negative for stable entries; 0 for elements).
  compact-below FULL.csv --out OUT.csv[.gz]
      The energies of `below`'s output without the decomposition, to 10 significant digits (the committed
      fixture): MaterialId,phase_separation_energy,rebuilt_energy.
  sample  IN.csv CANDIDATES.csv --out SYSTEMS.txt --binaries N --ternaries N --quaternaries N [--seed S]
      A reproducible sample of the chemical systems of the candidates table (for the joined-hull check).
  subset  CANDIDATES.csv SYSTEMS.txt --out OUT.csv
      The candidate rows whose elements lie in one of the listed systems (what the test needs).

Usage: python phase_diagram_oracle.py MODE ...  (pymatgen in the venv, e.g. /tmp/oracle/bin/python)
"""
import argparse, collections, csv, gzip, itertools, multiprocessing, random, sys, time, warnings
from pymatgen.core import Composition, Element
from pymatgen.entries.computed_entries import ComputedEntry
from pymatgen.analysis.phase_diagram import PhaseDiagram

warnings.filterwarnings("ignore")


def read_entries(paths):
    entries = []
    for path in paths:
        for r in csv.DictReader(open(path)):
            entries.append(ComputedEntry(Composition(r['Composition']), float(r['Corrected Energy']), entry_id=r['MaterialId']))
    return entries


def system_key(entry):
    return frozenset(str(e) for e in entry.composition.elements)


def system_name(key):
    return '-'.join(sorted(key))


class Index:
    """Entries by element set, so a system's entries are the union over its subsets."""

    def __init__(self, entries):
        self.by_system = collections.defaultdict(list)
        for e in entries:
            self.by_system[system_key(e)].append(e)
        self.elements_with_reference = {next(iter(k)) for k in self.by_system if len(k) == 1}

    def entries_in(self, key):
        items = sorted(key)
        out = []
        for n in range(1, len(items) + 1):
            for sub in itertools.combinations(items, n):
                out += self.by_system.get(frozenset(sub), [])
        return out

    def complete(self, key):
        return all(x in self.elements_with_reference for x in key)


def facets_mode(args):
    index = Index(read_entries(args.inputs))
    if args.systems:
        systems = [frozenset(line.strip().split('-')) for line in open(args.systems) if line.strip()]
    else:
        systems = sorted((k for k in index.by_system if 2 <= len(k) <= 4), key=lambda k: (len(k), system_name(k)))
    start = time.time()
    written = skipped = 0
    lines = []
    for key in systems:
        if not index.complete(key):
            skipped += 1
            continue
        pd = PhaseDiagram(index.entries_in(key), elements=[Element(x) for x in sorted(key)])
        if len(pd.stable_entries) < args.min_stable:
            continue
        facets = sorted(sorted(pd.qhull_entries[i].entry_id for i in facet) for facet in pd.facets)
        lines.append(f"{system_name(key)}\t{'|'.join(' '.join(f) for f in facets)}\n")
        written += 1
    data = ''.join(lines).encode()
    with open(args.out, 'wb') as out:
        # mtime=0: the same answers give the same bytes.
        out.write(gzip.compress(data, compresslevel=9, mtime=0) if args.out.endswith('.gz') else data)
    print(f"{written} systems written, {skipped} without elemental references, {time.time() - start:.1f} s", file=sys.stderr)


def below_system(job):
    """The stable entries of one system: (id, phase separation energy, rebuilt energy, decomposition)."""
    key, pool, own = job
    elements = [Element(x) for x in sorted(key)]
    pd = PhaseDiagram(pool, elements=elements)
    rows = []
    for entry in own:
        if entry not in pd.stable_entries:
            continue
        separation = pd.get_decomp_and_phase_separation_energy(entry)[1]
        reduced = entry.composition.reduced_composition
        if entry.composition.is_element:
            rebuilt, decomposition = 0.0, {entry: 1.0}
        else:
            others = [e for e in pool if e.composition.reduced_composition != reduced]
            decomposition, rebuilt = PhaseDiagram(others, elements=elements).get_decomp_and_e_above_hull(entry, allow_negative=True)
        text = ';'.join(f"{d.entry_id}:{float(a):.9f}" for d, a in sorted(decomposition.items(), key=lambda x: x[0].entry_id))
        rows.append((entry.entry_id, float(separation), float(rebuilt), text))
    return rows


def below_mode(args):
    index = Index(read_entries(args.inputs))
    start = time.time()
    jobs = [(key, index.entries_in(key), index.by_system[key])
            for key in sorted(index.by_system, key=lambda k: (len(k), system_name(k))) if index.complete(key)]
    with multiprocessing.Pool(args.jobs) as pool:
        rows = [row for rows in pool.imap(below_system, jobs, chunksize=16) for row in rows]
    with open(args.out, 'w') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['MaterialId', 'phase_separation_energy', 'rebuilt_energy', 'decomposition'])
        for r in sorted(rows):
            w.writerow([r[0], f"{r[1]:.12g}", f"{r[2]:.12g}", r[3]])
    print(f"{len(rows)} stable entries, {time.time() - start:.1f} s", file=sys.stderr)


def compact_below_mode(args):
    lines = ['MaterialId,phase_separation_energy,rebuilt_energy']
    for r in csv.DictReader(open(args.full)):
        lines.append(f"{r['MaterialId']},{float(r['phase_separation_energy']):.10g},{float(r['rebuilt_energy']):.10g}")
    data = ('\n'.join(lines) + '\n').encode()
    with open(args.out, 'wb') as out:
        out.write(gzip.compress(data, compresslevel=9, mtime=0) if args.out.endswith('.gz') else data)


def sample_mode(args):
    index = Index(read_entries(args.inputs))
    candidates = read_entries([args.candidates])
    systems = sorted({system_key(e) for e in candidates if index.complete(system_key(e))}, key=system_name)
    rng = random.Random(args.seed)
    chosen = []
    for size, count in ((2, args.binaries), (3, args.ternaries), (4, args.quaternaries)):
        pool = [k for k in systems if len(k) == size]
        chosen += sorted(rng.sample(pool, min(count, len(pool))), key=system_name)
    with open(args.out, 'w') as out:
        for key in chosen:
            out.write(system_name(key) + '\n')


def subset_mode(args):
    systems = [frozenset(line.strip().split('-')) for line in open(args.systems) if line.strip()]
    with open(args.candidates) as f, open(args.out, 'w') as out:
        reader = csv.DictReader(f)
        w = csv.writer(out)
        w.writerow(['MaterialId', 'Composition', 'Corrected Energy'])
        for r in reader:
            key = frozenset(str(e) for e in Composition(r['Composition']).elements)
            if any(key <= s for s in systems):
                w.writerow([r['MaterialId'], r['Composition'], r['Corrected Energy']])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest='mode', required=True)
    p = sub.add_parser('facets'); p.add_argument('inputs', nargs='+'); p.add_argument('--out', required=True)
    p.add_argument('--systems'); p.add_argument('--min-stable', type=int, default=3); p.set_defaults(run=facets_mode)
    p = sub.add_parser('below'); p.add_argument('inputs', nargs='+'); p.add_argument('--out', required=True)
    p.add_argument('--jobs', type=int, default=2); p.set_defaults(run=below_mode)
    p = sub.add_parser('compact-below'); p.add_argument('full'); p.add_argument('--out', required=True); p.set_defaults(run=compact_below_mode)
    p = sub.add_parser('sample'); p.add_argument('inputs', nargs=1); p.add_argument('candidates'); p.add_argument('--out', required=True)
    p.add_argument('--binaries', type=int, default=20); p.add_argument('--ternaries', type=int, default=60)
    p.add_argument('--quaternaries', type=int, default=40); p.add_argument('--seed', type=int, default=13); p.set_defaults(run=sample_mode)
    p = sub.add_parser('subset'); p.add_argument('candidates'); p.add_argument('systems'); p.add_argument('--out', required=True)
    p.set_defaults(run=subset_mode)
    args = parser.parse_args()
    args.run(args)


if __name__ == '__main__':
    main()
