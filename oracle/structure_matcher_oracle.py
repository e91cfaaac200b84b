"""pymatgen's StructureMatcher answers for a list of structures, committed as fixtures (tests never run Python).

For structures given in order (a folder of CIFs in sorted file-name order, or a JSON-lines file written by
`crystaldb-bench match-set`), it writes
  PREFIX.structures.csv  index, id, nsites, nprim (sites after StructureMatcher's primitive + Niggli reduction),
                         and the reduced cell's a, b, c (Å), alpha, beta, gamma (°)
  PREFIX.matches.csv     every pair i < j in one bucket (same fractional composition, same nprim) for which
                         StructureMatcher(...).fit(s_i, s_j) is True, the earlier structure as struct1, as
                         group_structures calls it; every other pair of a bucket was evaluated and is False
                         (with --pairs leaders: only the pairs group_structures evaluates, a leader and each
                         later ungrouped structure; the others were not evaluated)
  PREFIX.groups.csv      index, leader: group_structures' grouping (the leader algorithm over the same fits)
Header lines starting with '#' record the pymatgen version, the options and the number of pairs evaluated.

    python structure_matcher_oracle.py --cif-dir ../shared/data/carbon24/cif --out Tests/.../carbon24
    python structure_matcher_oracle.py --jsonl set.jsonl --out Tests/.../near-duplicates
Options: --ltol 0.2 --stol 0.3 --angle-tol 5 --no-primitive-cell --no-scale --attempt-supercell --limit N
(with --attempt-supercell a bucket is a fractional composition: any site counts may match)
"""
import argparse, collections, glob, json, os, sys, time, warnings
warnings.filterwarnings("ignore")
import pymatgen.core
from pymatgen.core import Lattice, Structure
from pymatgen.analysis.structure_matcher import StructureMatcher

parser = argparse.ArgumentParser()
parser.add_argument("--cif-dir")
parser.add_argument("--jsonl")
parser.add_argument("--out", required=True)
parser.add_argument("--limit", type=int)
parser.add_argument("--ltol", type=float, default=0.2)
parser.add_argument("--stol", type=float, default=0.3)
parser.add_argument("--angle-tol", type=float, default=5.0)
parser.add_argument("--no-primitive-cell", action="store_true")
parser.add_argument("--no-scale", action="store_true")
parser.add_argument("--attempt-supercell", action="store_true")
parser.add_argument("--check-groups", action="store_true", help="also run group_structures and compare")
parser.add_argument("--pairs", choices=["all", "leaders"], default="all",
                    help="evaluate every pair of a bucket, or only those group_structures evaluates")
args = parser.parse_args()

ids, structures = [], []
if args.cif_dir:
    for path in sorted(glob.glob(os.path.join(args.cif_dir, "*.cif")))[: args.limit]:
        ids.append(os.path.basename(path)[: -len(".cif")])
        structures.append(Structure.from_file(path))
else:
    for line in open(args.jsonl):
        record = json.loads(line)
        ids.append(record["id"])
        structures.append(Structure(Lattice(record["lattice"]), record["species"], record["frac"]))
        if args.limit and len(ids) == args.limit:
            break

matcher = StructureMatcher(ltol=args.ltol, stol=args.stol, angle_tol=args.angle_tol,
                           primitive_cell=not args.no_primitive_cell, scale=not args.no_scale,
                           attempt_supercell=args.attempt_supercell)
start = time.perf_counter()
reduced = [matcher._get_reduced_structure(s, not args.no_primitive_cell, niggli=True) for s in structures]
reduce_seconds = time.perf_counter() - start

buckets = collections.defaultdict(list)
for index, s in enumerate(reduced):
    buckets[(s.composition.reduced_formula, 0 if args.attempt_supercell else len(s))].append(index)
matches, evaluated = [], 0
start = time.perf_counter()
for members in buckets.values():
    if args.pairs == "all":
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                evaluated += 1
                if matcher.fit(reduced[i], reduced[j], skip_structure_reduction=True):
                    matches.append((i, j))
    else:
        unmatched = list(members)
        while unmatched:
            head = unmatched.pop(0)
            rest = []
            for j in unmatched:
                evaluated += 1
                if matcher.fit(reduced[head], reduced[j], skip_structure_reduction=True):
                    matches.append((head, j))
                else:
                    rest.append(j)
            unmatched = rest
fit_seconds = time.perf_counter() - start
matches.sort()

# group_structures' leader algorithm over the same fits: in input order within a composition, the first
# unmatched structure leads a group and takes every later unmatched structure that fits onto it.
matched = set(matches)
leader = {}
for members in buckets.values():
    unmatched = list(members)
    while unmatched:
        head = unmatched.pop(0)
        leader[head] = head
        rest = []
        for j in unmatched:
            if (head, j) in matched:
                leader[j] = head
            else:
                rest.append(j)
        unmatched = rest

header = (f"# pymatgen {pymatgen.core.__version__}; StructureMatcher(ltol={args.ltol}, stol={args.stol}, "
          f"angle_tol={args.angle_tol}, primitive_cell={not args.no_primitive_cell}, scale={not args.no_scale}, "
          f"attempt_supercell={args.attempt_supercell}); {len(structures)} structures, {len(buckets)} buckets, {evaluated} pairs "
          f"evaluated ({args.pairs}), {len(matches)} matches; written by oracle/structure_matcher_oracle.py\n")
with open(args.out + ".structures.csv", "w") as f:
    f.write(header + "index,id,nsites,nprim,a,b,c,alpha,beta,gamma\n")
    for index, (name, s, r) in enumerate(zip(ids, structures, reduced)):
        p = r.lattice.parameters
        f.write(f"{index},{name},{len(s)},{len(r)}," + ",".join(f"{x:.6f}" for x in p) + "\n")
with open(args.out + ".matches.csv", "w") as f:
    f.write(header + "i,j\n")
    for i, j in matches:
        f.write(f"{i},{j}\n")
with open(args.out + ".groups.csv", "w") as f:
    f.write(header + "index,leader\n")
    for index in range(len(structures)):
        f.write(f"{index},{leader[index]}\n")
groups = len(set(leader.values()))
print(f"{len(structures)} structures: reduce {reduce_seconds:.1f} s; {evaluated} pairs in {fit_seconds:.1f} s; "
      f"{len(matches)} matches; {groups} groups, {len(structures) - groups} duplicates", file=sys.stderr)

if args.check_groups:
    start = time.perf_counter()
    got = matcher.group_structures(structures)
    seconds = time.perf_counter() - start
    position = {id(s): k for k, s in enumerate(structures)}
    mine = sorted(sorted(k for k in leader if leader[k] == head) for head in set(leader.values()))
    theirs = sorted(sorted(position[id(s)] for s in g) for g in got)
    print(f"group_structures: {len(got)} groups in {seconds:.1f} s; same as the leader algorithm over the pairs: "
          f"{mine == theirs}", file=sys.stderr)
