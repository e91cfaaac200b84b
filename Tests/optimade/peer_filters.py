"""Runs OPTIMADE filters against `crystaldb serve` and against optimade-python-tools' reference server over the
same 17 test structures (the reference's own test data, served by it from mongomock; imported into a crystaldb
store by peer_structures.py) and compares the answers: the same ids, or both refusing (4xx/501).

Usage: python peer_filters.py CRYSTALDB_URL REFERENCE_URL [EXTRA_FILTERS_FILE [--only]]
(--only: the file's filters instead of the built-in list, e.g. sample_filters.txt against the reference server
loaded with crystaldb's optimade-jsonl export of the sample store).
Exit status 1 when an answer differs. Filters on fields the two stores hold differently are not run
(last_modified, immutable_id and the reference's _exmpl_ fields, references), nor ones the reference refuses
while crystaldb supports them (listed as "beyond the reference").
"""
import json
import sys
import urllib.parse
import urllib.request

CRYSTALDB, REFERENCE = sys.argv[1].rstrip("/"), sys.argv[2].rstrip("/")

FILTERS = [
    # comparisons, both orders
    'id="mpf_2"', '"mpf_2"=id', 'id != "mpf_2"', 'id < "mpf_2"', 'id >= "mpf_3"', "nelements>=9", "nelements>8", "8<nelements",
    "nelements>9", "nsites=1", "nsites!=1", "1!=nsites", "nsites<=4", "4>=nsites", "nsites > 40 AND nsites < 50",
    "nelements = 1.0", "nsites > 4.5", "nsites = -1", "nperiodic_dimensions = 3", "nperiodic_dimensions != 3",
    "3 = nperiodic_dimensions", "nperiodic_dimensions > 2", "nperiodic_dimensions IS KNOWN",
    # strings and formulas
    'chemical_formula_reduced="Ac2AgIr"', 'chemical_formula_reduced != "Ac"', 'chemical_formula_reduced < "Ag"',
    'chemical_formula_anonymous="A"', 'chemical_formula_anonymous="A2BC"', 'chemical_formula_anonymous CONTAINS "A2BC"',
    'chemical_formula_anonymous STARTS WITH "A2"', 'chemical_formula_anonymous STARTS "A4"', 'chemical_formula_anonymous ENDS WITH "DEF"',
    'chemical_formula_anonymous ENDS "C"', 'chemical_formula_reduced CONTAINS "Ag2C"', 'chemical_formula_reduced ENDS WITH "S"',
    'id CONTAINS "mpf_3"', 'id STARTS WITH "mpf_2"', 'id ENDS WITH "9"', 'id CONTAINS ""',
    # lists
    'elements HAS "Ti"', 'elements HAS "Xe"', 'elements HAS ALL "Ba","F","H","Mn","O","Re","Si"', 'elements HAS ALL "Re","Ti"',
    'elements HAS ANY "Re","Ti"', 'elements HAS ANY "Xe","Kr"', 'elements HAS ONLY "Ac", "Mg"', 'elements HAS ONLY "Ac", "Ag"',
    'elements HAS ONLY "Ac"', 'elements HAS ONLY "Ac" AND nelements IS KNOWN', 'elements HAS "Ac" AND nelements=1',
    "elements LENGTH 9", "elements LENGTH = 9", "elements LENGTH >= 9", "elements LENGTH < 3", "elements LENGTH 0",
    "elementsLENGTH 3", 'elements HAS ALL "Ag","C" AND elements LENGTH 5', 'NOT elements HAS "Ac"', 'NOT elements HAS ANY "Ac","Ag"',
    "structure_features LENGTH 0", "structure_features LENGTH > 0", 'structure_features HAS "disorder"', 'NOT structure_features HAS "disorder"',
    'species_at_sites HAS "Ag"', 'species_at_sites HAS ALL "Ag","Br"', 'species_at_sites HAS ANY "Ti","Mg"', "species_at_sites LENGTH > 43", "cartesian_site_positions LENGTH > 43",
    "species_at_sites LENGTH 1", "lattice_vectors LENGTH 3",
    # known / unknown
    "nsites IS KNOWN AND nsites>=44", "lattice_vectors IS KNOWN AND nsites>=44", "id IS KNOWN AND nsites>=44",
    "chemical_formula_reduced IS KNOWN AND nsites>=44", "chemical_formula_descriptive IS KNOWN AND nsites>=44", "nsites IS UNKNOWN",
    "NOT nsites IS KNOWN", "NOT nsites IS UNKNOWN", "elements IS KNOWN", "assemblies IS UNKNOWN OR nsites = 1",
    # boolean structure
    'NOT elements HAS "Ac" AND nelements=1', 'nelements=1 AND NOT elements HAS "Ac"', 'NOT elements HAS "Ac" AND nelements=1 OR nsites=1',
    'elements HAS "Ac" AND nelements>1 AND nsites=3', 'NOT(elements HAS "Ag" AND nelements>1 )', 'NOT(elements HAS ALL "Ag", "N")',
    'NOT(elements HAS "Ac" AND nelements>1 AND nsites=1)', 'NOT(elements HAS "Ac" OR nelements>1 OR nsites>1)',
    "NOT(nsites<4 OR nsites>20 AND NOT(nelements >5))", 'NOT(NOT(nelements < 4 OR nsites < 10 OR elements HAS "Fe") )',
    'elements HAS "Ac" AND nelements=1 OR nsites=1', '(elements HAS "Ac" AND nelements=1) OR (elements HAS "Ac" AND nsites=1)',
    'chemical_formula_anonymous = "A2BC" AND NOT chemical_formula_reduced = "Ac2AgPb"', "NOT nsites > 10", "NOT (NOT nsites > 10)",
    'NOTice="val"', "NOT nsites < 4 OR nelements = 9", "nsites > 1 AND (nelements < 3 OR nelements > 7)",
    # other providers' fields are unknown: they match nothing, negated or not
    "_exmpl1_unknown_field = 1", "_exmpl1_unknown_field LENGTH 1", '_exmpl1_unknown_field HAS "Si"', "_exmpl1_unknown_field IS UNKNOWN",
    "NOT _exmpl1_unknown_field = 1", "_optimade_random_field = 1", "_crazyprovider_field=2", "_crazyprovider_field=2 OR nsites=1",
    "NOT _crazyprovider_field IS KNOWN", "_crazyprovider_field IS KNOWN",
    # errors both sides refuse
    "unknown_field = 1", "nsites = ", "nsites >> 3", "(nsites = 1", 'elements HAS', "NOT NOT nsites = 1", "BadLuck IS KNOWN",
    "0_kvak IS KNOWN", "number=1.234D12",
]


def ask(base, filter_text):
    url = f"{base}/v1/structures?filter={urllib.parse.quote(filter_text)}&page_limit=100"
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            body = json.load(response)
            return 200, sorted(entry["id"] for entry in body["data"])
    except urllib.error.HTTPError as error:
        return error.code, None


filters = list(FILTERS)
if len(sys.argv) > 3:
    listed = [line.rstrip("\n") for line in open(sys.argv[3]) if line.strip() and not line.startswith("#")]
    filters = listed if "--only" in sys.argv[4:] else filters + listed

same = beyond = 0
differ = []
for text in filters:
    mine, theirs = ask(CRYSTALDB, text), ask(REFERENCE, text)
    if mine == theirs or (mine[0] != 200 and theirs[0] != 200 and (mine[0] == 501) == (theirs[0] == 501)):
        same += 1
    elif theirs[0] != 200 and mine[0] == 200:
        beyond += 1
        print(f"beyond the reference ({theirs[0]} there): {text!r} -> {mine[1]}")
    else:
        differ.append(text)
        print(f"DIFFERS: {text!r}\n  crystaldb: {mine}\n  reference: {theirs}")
print(f"{same} of {len(filters)} filters answered as the reference does, {beyond} answered where the reference refuses, {len(differ)} differ")
sys.exit(1 if differ else 0)
