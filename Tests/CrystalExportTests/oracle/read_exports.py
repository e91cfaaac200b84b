"""What ASE, pymatgen and optimade-python-tools read from crystaldb's extxyz, pymatgen-json and optimade-jsonl
exports of the demo store; written to Tests/CrystalExportTests/Fixtures/exports.oracle.json, which
ExportFormatTests compares with crystaldb's own reading of a fresh export.

Regenerate (ase 3.x, pymatgen 2026.10.24, optimade 1.5 in /tmp/oracle):
  B=.build/debug/crystaldb; D=$(mktemp -d)
  $B import --db $D/s.sqlite --source mp --reference SampleData/reference.csv
  $B import --db $D/s.sqlite --source sample SampleData/structures SampleData/entries.csv
  $B hull --db $D/s.sqlite
  for f in extxyz pymatgen-json optimade-jsonl; do $B export --db $D/s.sqlite --format $f --out $D/out.$f; done
  /tmp/oracle/bin/python Tests/CrystalExportTests/oracle/read_exports.py $D > Tests/CrystalExportTests/Fixtures/exports.oracle.json
"""
import json
import sys
import warnings

warnings.simplefilter("ignore")

import ase.io
from monty.json import MontyDecoder
from optimade.adapters import Structure as OptimadeStructure
from optimade.models import EntryInfoResource, StructureResource

folder = sys.argv[1]


def r(x, digits=8):
    return None if x is None else round(float(x), digits)


frames = []
for atoms in ase.io.read(f"{folder}/out.extxyz", index=":"):
    info = dict(atoms.info)
    energy = atoms.calc.get_potential_energy() if atoms.calc is not None else info.get("energy")
    frames.append({
        "id": str(info["id"]),
        "symbols": atoms.get_chemical_symbols(),
        "cell": [[r(v) for v in row] for row in atoms.cell.array],
        "positions": [[r(v) for v in p] for p in atoms.positions],
        "pbc": [bool(p) for p in atoms.pbc],
        "energy": r(energy),
        "e_above_hull": r(info.get("e_above_hull")),
        "formation_energy_per_atom": r(info.get("formation_energy_per_atom")),
        "is_stable": None if "is_stable" not in info else bool(info["is_stable"]),
    })

entries = []
for entry in MontyDecoder().process_decoded(json.load(open(f"{folder}/out.pymatgen-json"))):
    item = {
        "entry_id": entry.entry_id,
        "class": type(entry).__name__,
        "energy": r(entry.energy),
        "energy_per_atom": r(entry.energy_per_atom),
        "reduced_formula": entry.composition.reduced_formula,
        "e_above_hull": r(entry.data.get("e_above_hull")),
    }
    if hasattr(entry, "structure"):
        item["nsites"] = len(entry.structure)
        item["volume"] = r(entry.structure.volume, 6)
        item["is_ordered"] = entry.structure.is_ordered
    entries.append(item)

resources = []
handle = open(f"{folder}/out.optimade-jsonl")
header = json.loads(handle.readline())  # as optimade.utils.insert_from_jsonl: the x-optimade header first
info = EntryInfoResource(**json.loads(handle.readline()))  # then info/structures, validated by OPTIMADE's model
jsonl_head = {"api_version": header["x-optimade"]["meta"]["api_version"], "info_id": info.id,
              "info_properties": sorted(info.properties)}
for line in handle:
    data = json.loads(line)
    resource = StructureResource(**data)  # validates against OPTIMADE's model
    item = {
        "id": resource.id,
        "chemical_formula_reduced": resource.attributes.chemical_formula_reduced,
        "nsites": resource.attributes.nsites,
        "structure_features": [f.value for f in resource.attributes.structure_features],
    }
    if resource.attributes.lattice_vectors is not None:
        structure = OptimadeStructure(data).as_pymatgen
        item["pymatgen_formula"] = structure.composition.reduced_formula
        item["pymatgen_volume"] = r(structure.volume, 6)
        item["pymatgen_nsites"] = len(structure)
    resources.append(item)

json.dump({"extxyz": frames, "pymatgen_json": entries, "optimade_jsonl": resources, "optimade_jsonl_head": jsonl_head}, sys.stdout, indent=1, sort_keys=True)
print()
