"""Prints pymatgen's Pauling electronegativities (Element.X) by atomic number, as the Swift table in
Sources/CrystalModel/ElementTable+Electronegativity.swift holds them (nan where pymatgen has none).

Run: /tmp/oracle/bin/python Tests/CrystalModelTests/oracle/electronegativity_table.py
"""
import math
import warnings

from pymatgen.core import Element

warnings.simplefilter("ignore")
values = []
for z in range(1, 119):
    x = Element.from_Z(z).X
    values.append("nan" if math.isnan(x) else repr(float(x)))
for start in range(0, len(values), 10):
    print("        " + ", ".join(values[start:start + 10]) + ",")
