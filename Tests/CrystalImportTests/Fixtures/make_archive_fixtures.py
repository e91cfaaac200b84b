"""Writes the crafted archives of ArchiveHardeningTests (run from this folder; the outputs are committed).
Each is named after the error it must raise; good members sit beside the bad ones where the format allows."""
import io, struct, tarfile, zipfile, zlib

cif = b"""data_good
_cell_length_a 4
_cell_length_b 4
_cell_length_c 4
_cell_angle_alpha 90
_cell_angle_beta 90
_cell_angle_gamma 90
loop_
_atom_site_type_symbol
_atom_site_fract_x
_atom_site_fract_y
_atom_site_fract_z
Na 0 0 0
Cl 0.5 0.5 0.5
"""

# 1. ZIP64 end record whose central-directory offset plus size overflows 64 bits: 118 bytes, no members.
record = struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, 1, 1, 0x100, 0xFFFFFFFFFFFFFFF0)
locator = struct.pack("<IIQI", 0x07064B50, 0, 20, 1)
eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
data = b"\0" * 20 + record + locator + eocd
assert len(data) == 118
open("zip64-directory-offset-plus-size-overflows.zip", "wb").write(data)

def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members:
            z.writestr(name, body)
    return bytearray(buffer.getvalue())

# 2. A member whose data no longer matches its CRC-32 (one byte flipped in a stored member), beside a good one.
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
    z.writestr("good.cif", cif)
    z.writestr("bad.cif", cif.replace(b"good", b"bad_"))
data = bytearray(buffer.getvalue())
second = data.index(b"data_bad_")
data[second + 5] ^= 0x20
open("zip-member-crc-mismatch.zip", "wb").write(data)

# 3. A damaged central-directory record between two good ones: the first member's signature is broken.
data = zip_bytes([("a.cif", cif), ("b.cif", cif.replace(b"good", b"b")), ("c.cif", cif.replace(b"good", b"c"))])
directory = data.index(b"PK\x01\x02")
second = data.index(b"PK\x01\x02", directory + 4)
data[second:second + 4] = b"XXXX"
open("zip-directory-record-damaged.zip", "wb").write(data)

# 4. A member whose local header offset (through a ZIP64 extra field) lies far beyond the file, beside a good one.
data = zip_bytes([("good.cif", cif), ("far.cif", cif.replace(b"good", b"far"))])
directory = data.index(b"PK\x01\x02")
second = data.index(b"PK\x01\x02", directory + 4)
name_length, extra_length = struct.unpack_from("<HH", data, second + 28)
assert extra_length == 0
struct.pack_into("<I", data, second + 42, 0xFFFFFFFF)
struct.pack_into("<H", data, second + 30, 12)
name_end = second + 46 + name_length
data[name_end:name_end] = struct.pack("<HHQ", 0x0001, 8, 0xFFFFFFFFFFFFFF00)
eocd = data.rindex(b"PK\x05\x06")
size = struct.unpack_from("<I", data, eocd + 12)[0]
struct.pack_into("<I", data, eocd + 12, size + 12)
open("zip64-member-offset-beyond-file.zip", "wb").write(data)

# 5. A ZIP64 extra field whose length runs past the record (and the directory chunk), on the only member.
data = zip_bytes([("x.cif", cif)])
directory = data.index(b"PK\x01\x02")
name_length = struct.unpack_from("<H", data, directory + 28)[0]
struct.pack_into("<I", data, directory + 20, 0xFFFFFFFF)
struct.pack_into("<I", data, directory + 24, 0xFFFFFFFF)
struct.pack_into("<H", data, directory + 30, 4)
name_end = directory + 46 + name_length
data[name_end:name_end] = struct.pack("<HH", 0x0001, 0xFFF0)
eocd = data.rindex(b"PK\x05\x06")
size = struct.unpack_from("<I", data, eocd + 12)[0]
struct.pack_into("<I", data, eocd + 12, size + 4)
open("zip64-extra-field-longer-than-record.zip", "wb").write(data)

def tar_bytes(members):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, body in members:
            info = tarfile.TarInfo(name)
            info.size = len(body)
            t.addfile(info, io.BytesIO(body))
    return bytearray(buffer.getvalue())

def fix_checksum(data, offset):
    header = data[offset:offset + 512]
    header[148:156] = b" " * 8
    checksum = sum(header)
    data[offset + 148:offset + 156] = b"%06o\0 " % checksum

# 6. A member whose size field is a negative GNU base-256 number (0xFF...), checksum valid, then a good member.
data = tar_bytes([("neg.cif", cif), ("good.cif", cif)])
data[124:136] = b"\xff" * 12
fix_checksum(data, 0)
open("tar-negative-base256-size.tar", "wb").write(data)

# 7. A header whose checksum does not hold (bytes damaged) between two good members.
data = tar_bytes([("a.cif", cif), ("b.cif", cif.replace(b"good", b"b")), ("c.cif", cif.replace(b"good", b"c"))])
second = 512 + (len(cif) + 511) // 512 * 512
data[second:second + 5] = b"\x01\x02\x03\x04\x05"
open("tar-header-checksum-damaged.tar", "wb").write(data)
