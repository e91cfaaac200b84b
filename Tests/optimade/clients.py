"""make test's client checks against a running `crystaldb serve`:
1. optimade-python-tools' official validator: 0 failures and 0 internal errors required;
2. pymatgen's OptimadeRester fetches structures by a filter; they must equal the CLI's answer for the same filter
   (the same ids, compositions, site counts and cell volumes).

Usage: python clients.py BASE_URL CRYSTALDB_BIN STORE
"""
import json
import subprocess
import sys
import warnings

warnings.simplefilter("ignore")

base, binary, store = sys.argv[1], sys.argv[2], sys.argv[3]
failed = False

# 1. The validator, every test including the optional ones.
from optimade.validator import ImplementationValidator

validator = ImplementationValidator(base_url=base, verbosity=0, run_optional_tests=True, fail_fast=False)
validator.validate_implementation()
results = validator.results
print(f"optimade-validator: {results.success_count} passed, {results.failure_count} failed, "
      f"{results.internal_failure_count} internal errors; optional: {results.optional_success_count} passed, "
      f"{results.optional_failure_count} failed")
if results.failure_count or results.internal_failure_count:
    failed = True

# 2. pymatgen's OPTIMADE client against the CLI.
from pymatgen.ext.optimade import OptimadeRester

FILTER = 'elements HAS "O" AND nsites >= 2'
with OptimadeRester(base, timeout=30) as rester:
    found = rester.get_structures_with_filter(FILTER)
structures = next(iter(found.values()), {}) if found else {}
cli = subprocess.run([binary, "query", "--db", store, FILTER, "--fields", "id,composition,nsites,volume", "--format", "json"],
                     capture_output=True, text=True, check=True)
rows = {row["id"]: row for row in json.loads(cli.stdout)}
mismatch = False
if set(structures) != set(rows):
    print(f"OptimadeRester ids {sorted(structures)} differ from the CLI's {sorted(rows)}")
    mismatch = True
for identifier, structure in structures.items():
    row = rows.get(identifier)
    if row is None:
        continue
    composition = {str(element): amount for element, amount in structure.composition.element_composition.items()}
    same = (len(structure) == row["nsites"] and abs(structure.volume - row["volume"]) < 1e-6 * row["volume"]
            and composition.keys() == row["composition"].keys()
            and all(abs(composition[e] - row["composition"][e]) < 1e-6 for e in composition))
    if not same:
        print(f"{identifier}: OptimadeRester {composition}, {len(structure)} sites, {structure.volume:.6f} A^3; "
              f"CLI {row['composition']}, {row['nsites']} sites, {row['volume']} A^3")
        mismatch = True
if not structures:
    mismatch = True
print(f"pymatgen OptimadeRester: {len(structures)} structures for {FILTER!r}, "
      f"{'the same as' if not mismatch else 'NOT the same as'} crystaldb query")
sys.exit(1 if failed or mismatch else 0)
