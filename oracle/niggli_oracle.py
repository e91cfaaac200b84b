"""pymatgen's Niggli-reduced lattices (`Lattice.get_niggli_reduced_lattice`, the basis it returns, not only
the parameters) for seeded random cells: skewed bases of cubic, tetragonal, hexagonal, rhombohedral,
orthorhombic, monoclinic and triclinic lattices, some with 1e-4 relative noise. One CSV row per cell: the
input matrix (rows, 9 numbers, repr precision) and pymatgen's reduced matrix (9 numbers).

    python oracle/niggli_oracle.py 400 7 > Tests/CrystalMatchTests/Fixtures/niggli.pymatgen.csv
"""
import random, sys
import numpy as np
import pymatgen.core
from pymatgen.core import Lattice

count, seed = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(seed)
shapes = ["cubic", "tetragonal", "hexagonal", "rhombohedral", "orthorhombic", "monoclinic", "triclinic", "fcc", "bcc"]
print(f"# pymatgen {pymatgen.core.__version__}; Lattice.get_niggli_reduced_lattice(); seed {seed}; written by oracle/niggli_oracle.py")
print("a1,a2,a3,b1,b2,b3,c1,c2,c3,n_a1,n_a2,n_a3,n_b1,n_b2,n_b3,n_c1,n_c2,n_c3")
for index in range(count):
    shape = shapes[index % len(shapes)]
    a, b, c = (rng.uniform(2.5, 9) for _ in range(3))
    if shape == "cubic": lattice = Lattice.cubic(a)
    elif shape == "tetragonal": lattice = Lattice.tetragonal(a, c)
    elif shape == "hexagonal": lattice = Lattice.hexagonal(a, c)
    elif shape == "rhombohedral": lattice = Lattice.rhombohedral(a, rng.uniform(40, 100))
    elif shape == "orthorhombic": lattice = Lattice.orthorhombic(a, b, c)
    elif shape == "monoclinic": lattice = Lattice.monoclinic(a, b, c, rng.uniform(95, 125))
    elif shape == "fcc": lattice = Lattice([[0, a / 2, a / 2], [a / 2, 0, a / 2], [a / 2, a / 2, 0]])
    elif shape == "bcc": lattice = Lattice([[-a / 2, a / 2, a / 2], [a / 2, -a / 2, a / 2], [a / 2, a / 2, -a / 2]])
    else: lattice = Lattice.from_parameters(a, b, c, rng.uniform(60, 120), rng.uniform(60, 120), rng.uniform(60, 120))
    matrix = lattice.matrix.copy()
    if index % 3 == 1:
        matrix = matrix * (1 + np.array([[rng.uniform(-1e-4, 1e-4) for _ in range(3)] for _ in range(3)]))
    # a random unimodular basis change (products of shears and permutations with signs)
    transform = np.eye(3, dtype=int)
    for _ in range(rng.randint(0, 4)):
        i, j = rng.sample(range(3), 2)
        shear = np.eye(3, dtype=int)
        shear[i, j] = rng.choice([-2, -1, 1, 2])
        transform = shear @ transform
    permutation = np.eye(3, dtype=int)[rng.sample(range(3), 3)] * np.array([[rng.choice([-1, 1])] for _ in range(3)])
    matrix = permutation @ transform @ matrix
    try:
        reduced = Lattice(matrix).get_niggli_reduced_lattice().matrix
    except ValueError:
        continue
    print(",".join(repr(float(x)) for x in matrix.flatten()) + "," + ",".join(repr(float(x)) for x in reduced.flatten()))
