"""Seeds for the archive fuzz target: byte 0 picks zip, tar, tar.gz or .cif.gz (Sources/crystaldb-fuzz)."""
import gzip, io, sys, tarfile, zipfile

out = sys.argv[1]
cif = open("SampleData/structures/NaCl-conventional.cif", "rb").read()
poscar = open("SampleData/structures/LiFeO2.vasp", "rb").read()

def save(name, kind, data):
    with open(f"{out}/{name}", "wb") as f:
        f.write(bytes([kind]) + data)

for method in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as z:
        z.writestr("by_id/a.cif", cif)
        z.writestr("b/POSCAR", poscar)
        z.writestr("dir/", b"")
    save(f"zip-{method}", 0, buffer.getvalue())
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as z:
    with z.open("big.cif", "w", force_zip64=True) as f:
        f.write(cif)
save("zip64", 0, buffer.getvalue())
for kind, mode in ((1, "w"), (2, "w:gz")):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode, format=tarfile.GNU_FORMAT) as t:
        for name, data in (("x/" + "long" * 40 + ".cif", cif), ("POSCAR", poscar)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            t.addfile(info, io.BytesIO(data))
    save(f"tar-{kind}", kind, buffer.getvalue())
save("gz", 3, gzip.compress(cif))
