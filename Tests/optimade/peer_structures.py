"""Writes optimade-python-tools' own 17 test structures (shipped inside the `optimade` package,
optimade/server/data/test_structures.json) as one extended XYZ file that `crystaldb import` reads, each frame
with its id (`task_id`, which the reference server serves as `id`). Nothing of that data is kept in crystaldb's
repository: the file is made in a scratch folder by the test script that uses it.

Usage: python peer_structures.py OUT.extxyz
"""
import json
import pathlib
import sys

import optimade.server.data as data

source = pathlib.Path(data.__file__).parent / "test_structures.json"
out = []
for entry in json.loads(source.read_text()):
    symbols = {species["name"]: species["chemical_symbols"][0] for species in entry["species"]}
    lattice = " ".join(repr(float(v)) for row in entry["lattice_vectors"] for v in row)
    out.append(str(entry["nsites"]))
    out.append(f'Lattice="{lattice}" Properties=species:S:1:pos:R:3 id={entry["task_id"]} pbc="T T T"')
    for name, position in zip(entry["species_at_sites"], entry["cartesian_site_positions"]):
        out.append(symbols[name] + " " + " ".join(repr(float(v)) for v in position))
pathlib.Path(sys.argv[1]).write_text("\n".join(out) + "\n")
