-- crystaldb store schema (generated from Sources/CrystalStore/Migrations.swift; a test diffs it)
CREATE VIEW sites (entry_pk, site_index, element, occupancy, x, y, z, label) AS
WITH hex_pairs (pairs) AS (SELECT '00 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 11 12 13 14 15 16 17 18 19 1A 1B 1C 1D 1E 1F 20 21 22 23 24 25 26 27 28 29 2A 2B 2C 2D 2E 2F 30 31 32 33 34 35 36 37 38 39 3A 3B 3C 3D 3E 3F 40 41 42 43 44 45 46 47 48 49 4A 4B 4C 4D 4E 4F 50 51 52 53 54 55 56 57 58 59 5A 5B 5C 5D 5E 5F 60 61 62 63 64 65 66 67 68 69 6A 6B 6C 6D 6E 6F 70 71 72 73 74 75 76 77 78 79 7A 7B 7C 7D 7E 7F 80 81 82 83 84 85 86 87 88 89 8A 8B 8C 8D 8E 8F 90 91 92 93 94 95 96 97 98 99 9A 9B 9C 9D 9E 9F A0 A1 A2 A3 A4 A5 A6 A7 A8 A9 AA AB AC AD AE AF B0 B1 B2 B3 B4 B5 B6 B7 B8 B9 BA BB BC BD BE BF C0 C1 C2 C3 C4 C5 C6 C7 C8 C9 CA CB CC CD CE CF D0 D1 D2 D3 D4 D5 D6 D7 D8 D9 DA DB DC DD DE DF E0 E1 E2 E3 E4 E5 E6 E7 E8 E9 EA EB EC ED EE EF F0 F1 F2 F3 F4 F5 F6 F7 F8 F9 FA FB FC FD FE FF ')
SELECT o.entry_pk, o.site_index,
    trim(substr('H HeLiBeB C N O F NeNaMgAlSiP S ClArK CaScTiV CrMnFeCoNiCuZnGaGeAsSeBrKrRbSrY ZrNbMoTcRuRhPdAgCdInSnSbTeI XeCsBaLaCePrNdPmSmEuGdTbDyHoErTmYbLuHfTaW ReOsIrPtAuHgTlPbBiPoAtRnFrRaAcThPaU NpPuAmCmBkCfEsFmMdNoLrRfDbSgBhHsMtDsRgCnNhFlMcLvTsOg', 2 * o.atomic_number - 1, 2)),
    CASE WHEN o.ordered THEN 1.0 ELSE ((CASE WHEN ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 15, 2)) - 1) / 3) >= 128 THEN -1.0 ELSE 1.0 END) * (CASE WHEN ((((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 15, 2)) - 1) / 3) % 128) * 16 + ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 13, 2)) - 1) / 3) / 16) = 0 THEN ((((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 13, 2)) - 1) / 3) % 16) * 281474976710656 + ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 11, 2)) - 1) / 3) * 1099511627776 + ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 9, 2)) - 1) / 3) * 4294967296 + ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 7, 2)) - 1) / 3) * 16777216 + ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 5, 2)) - 1) / 3) * 65536 + ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 3, 2)) - 1) / 3) * 256 + ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 1, 2)) - 1) / 3)) * pow(2, -1074) ELSE (4503599627370496 + ((((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 13, 2)) - 1) / 3) % 16) * 281474976710656 + ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 11, 2)) - 1) / 3) * 1099511627776 + ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 9, 2)) - 1) / 3) * 4294967296 + ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 7, 2)) - 1) / 3) * 16777216 + ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 5, 2)) - 1) / 3) * 65536 + ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 3, 2)) - 1) / 3) * 256 + ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 1, 2)) - 1) / 3))) * pow(2, ((((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 15, 2)) - 1) / 3) % 128) * 16 + ((instr((SELECT pairs FROM hex_pairs), substr(o.occupancy_hex, 13, 2)) - 1) / 3) / 16) - 1075) END)) END,
    ((CASE WHEN ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 15, 2)) - 1) / 3) >= 128 THEN -1.0 ELSE 1.0 END) * (CASE WHEN ((((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 15, 2)) - 1) / 3) % 128) * 16 + ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 13, 2)) - 1) / 3) / 16) = 0 THEN ((((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 13, 2)) - 1) / 3) % 16) * 281474976710656 + ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 11, 2)) - 1) / 3) * 1099511627776 + ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 9, 2)) - 1) / 3) * 4294967296 + ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 7, 2)) - 1) / 3) * 16777216 + ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 5, 2)) - 1) / 3) * 65536 + ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 3, 2)) - 1) / 3) * 256 + ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 1, 2)) - 1) / 3)) * pow(2, -1074) ELSE (4503599627370496 + ((((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 13, 2)) - 1) / 3) % 16) * 281474976710656 + ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 11, 2)) - 1) / 3) * 1099511627776 + ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 9, 2)) - 1) / 3) * 4294967296 + ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 7, 2)) - 1) / 3) * 16777216 + ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 5, 2)) - 1) / 3) * 65536 + ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 3, 2)) - 1) / 3) * 256 + ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 1, 2)) - 1) / 3))) * pow(2, ((((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 15, 2)) - 1) / 3) % 128) * 16 + ((instr((SELECT pairs FROM hex_pairs), substr(o.x_hex, 13, 2)) - 1) / 3) / 16) - 1075) END)), ((CASE WHEN ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 15, 2)) - 1) / 3) >= 128 THEN -1.0 ELSE 1.0 END) * (CASE WHEN ((((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 15, 2)) - 1) / 3) % 128) * 16 + ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 13, 2)) - 1) / 3) / 16) = 0 THEN ((((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 13, 2)) - 1) / 3) % 16) * 281474976710656 + ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 11, 2)) - 1) / 3) * 1099511627776 + ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 9, 2)) - 1) / 3) * 4294967296 + ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 7, 2)) - 1) / 3) * 16777216 + ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 5, 2)) - 1) / 3) * 65536 + ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 3, 2)) - 1) / 3) * 256 + ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 1, 2)) - 1) / 3)) * pow(2, -1074) ELSE (4503599627370496 + ((((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 13, 2)) - 1) / 3) % 16) * 281474976710656 + ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 11, 2)) - 1) / 3) * 1099511627776 + ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 9, 2)) - 1) / 3) * 4294967296 + ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 7, 2)) - 1) / 3) * 16777216 + ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 5, 2)) - 1) / 3) * 65536 + ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 3, 2)) - 1) / 3) * 256 + ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 1, 2)) - 1) / 3))) * pow(2, ((((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 15, 2)) - 1) / 3) % 128) * 16 + ((instr((SELECT pairs FROM hex_pairs), substr(o.y_hex, 13, 2)) - 1) / 3) / 16) - 1075) END)), ((CASE WHEN ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 15, 2)) - 1) / 3) >= 128 THEN -1.0 ELSE 1.0 END) * (CASE WHEN ((((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 15, 2)) - 1) / 3) % 128) * 16 + ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 13, 2)) - 1) / 3) / 16) = 0 THEN ((((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 13, 2)) - 1) / 3) % 16) * 281474976710656 + ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 11, 2)) - 1) / 3) * 1099511627776 + ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 9, 2)) - 1) / 3) * 4294967296 + ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 7, 2)) - 1) / 3) * 16777216 + ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 5, 2)) - 1) / 3) * 65536 + ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 3, 2)) - 1) / 3) * 256 + ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 1, 2)) - 1) / 3)) * pow(2, -1074) ELSE (4503599627370496 + ((((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 13, 2)) - 1) / 3) % 16) * 281474976710656 + ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 11, 2)) - 1) / 3) * 1099511627776 + ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 9, 2)) - 1) / 3) * 4294967296 + ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 7, 2)) - 1) / 3) * 16777216 + ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 5, 2)) - 1) / 3) * 65536 + ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 3, 2)) - 1) / 3) * 256 + ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 1, 2)) - 1) / 3))) * pow(2, ((((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 15, 2)) - 1) / 3) % 128) * 16 + ((instr((SELECT pairs FROM hex_pairs), substr(o.z_hex, 13, 2)) - 1) / 3) / 16) - 1075) END)),
    CASE WHEN o.labels IS NULL THEN NULL ELSE json_extract(o.labels, '$[' || o.site_index || ']') END
FROM (SELECT p.entry_pk, p.labels, p.ordered, p.site_index, p.occupancy_hex, p.atomic_number,
        hex(substr(p.blob, 16 + 24 * p.site_index + 1, 8)) AS x_hex,
        hex(substr(p.blob, 24 + 24 * p.site_index + 1, 8)) AS y_hex,
        hex(substr(p.blob, 32 + 24 * p.site_index + 1, 8)) AS z_hex
    FROM (SELECT c.entry_pk, c.blob, c.labels, c.ordered,
            CASE WHEN c.ordered THEN j.key ELSE (((instr((SELECT pairs FROM hex_pairs), substr(hex(substr(c.blob, 16 + 24 * c.n + 8 * c.m + 4 * j.key + 1, 4)), 1, 2)) - 1) / 3) + ((instr((SELECT pairs FROM hex_pairs), substr(hex(substr(c.blob, 16 + 24 * c.n + 8 * c.m + 4 * j.key + 1, 4)), 3, 2)) - 1) / 3) * 256 + ((instr((SELECT pairs FROM hex_pairs), substr(hex(substr(c.blob, 16 + 24 * c.n + 8 * c.m + 4 * j.key + 1, 4)), 5, 2)) - 1) / 3) * 65536 + ((instr((SELECT pairs FROM hex_pairs), substr(hex(substr(c.blob, 16 + 24 * c.n + 8 * c.m + 4 * j.key + 1, 4)), 7, 2)) - 1) / 3) * 16777216) END AS site_index,
            CASE WHEN c.ordered THEN NULL ELSE hex(substr(c.blob, 16 + 24 * c.n + 8 * j.key + 1, 8)) END AS occupancy_hex,
            ((instr((SELECT pairs FROM hex_pairs), substr(hex(substr(c.blob, 16 + 24 * c.n + (CASE WHEN c.ordered THEN 0 ELSE 12 * c.m END) + j.key + 1, 1)), 1, 2)) - 1) / 3) AS atomic_number
        FROM (SELECT s.entry_pk, s.packed_sites AS blob, s.site_labels AS labels,
                (((instr((SELECT pairs FROM hex_pairs), substr(hex(substr(s.packed_sites, 1 + 1, 1)), 1, 2)) - 1) / 3) % 2) = 1 AS ordered,
                (((instr((SELECT pairs FROM hex_pairs), substr(hex(substr(s.packed_sites, 4 + 1, 4)), 1, 2)) - 1) / 3) + ((instr((SELECT pairs FROM hex_pairs), substr(hex(substr(s.packed_sites, 4 + 1, 4)), 3, 2)) - 1) / 3) * 256 + ((instr((SELECT pairs FROM hex_pairs), substr(hex(substr(s.packed_sites, 4 + 1, 4)), 5, 2)) - 1) / 3) * 65536 + ((instr((SELECT pairs FROM hex_pairs), substr(hex(substr(s.packed_sites, 4 + 1, 4)), 7, 2)) - 1) / 3) * 16777216) AS n, (((instr((SELECT pairs FROM hex_pairs), substr(hex(substr(s.packed_sites, 8 + 1, 4)), 1, 2)) - 1) / 3) + ((instr((SELECT pairs FROM hex_pairs), substr(hex(substr(s.packed_sites, 8 + 1, 4)), 3, 2)) - 1) / 3) * 256 + ((instr((SELECT pairs FROM hex_pairs), substr(hex(substr(s.packed_sites, 8 + 1, 4)), 5, 2)) - 1) / 3) * 65536 + ((instr((SELECT pairs FROM hex_pairs), substr(hex(substr(s.packed_sites, 8 + 1, 4)), 7, 2)) - 1) / 3) * 16777216) AS m
            FROM structures s) c,
        json_each('[' || rtrim(replace(hex(zeroblob(c.m)), '00', '0,'), ',') || ']') j) p) o;
CREATE TRIGGER energies_copy_deleted AFTER DELETE ON energies BEGIN
    UPDATE entries SET e_above_hull = NULL, e_above_reference_hull = NULL, formation_energy_per_atom = NULL, is_stable = NULL
    WHERE entry_pk = OLD.entry_pk;
END;
CREATE TRIGGER energies_copy_inserted AFTER INSERT ON energies
WHEN NEW.e_above_hull IS NOT NULL OR NEW.e_above_reference_hull IS NOT NULL OR NEW.formation_energy_per_atom IS NOT NULL
     OR NEW.is_stable IS NOT NULL BEGIN
    UPDATE entries SET e_above_hull = NEW.e_above_hull, e_above_reference_hull = NEW.e_above_reference_hull,
        formation_energy_per_atom = NEW.formation_energy_per_atom, is_stable = NEW.is_stable
    WHERE entry_pk = NEW.entry_pk;
END;
CREATE TRIGGER energies_copy_updated AFTER UPDATE OF e_above_hull, e_above_reference_hull, formation_energy_per_atom, is_stable ON energies
WHEN NEW.e_above_hull IS NOT OLD.e_above_hull OR NEW.e_above_reference_hull IS NOT OLD.e_above_reference_hull
     OR NEW.formation_energy_per_atom IS NOT OLD.formation_energy_per_atom OR NEW.is_stable IS NOT OLD.is_stable BEGIN
    UPDATE entries SET e_above_hull = NEW.e_above_hull, e_above_reference_hull = NEW.e_above_reference_hull,
        formation_energy_per_atom = NEW.formation_energy_per_atom, is_stable = NEW.is_stable
    WHERE entry_pk = NEW.entry_pk;
END;
CREATE TABLE chemical_systems (
    chemical_system TEXT PRIMARY KEY,
    mask_low INTEGER NOT NULL,
    mask_high INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE compositions (
    entry_pk INTEGER NOT NULL REFERENCES entries(entry_pk) ON DELETE CASCADE,
    element TEXT NOT NULL,
    amount REAL NOT NULL CHECK (amount > 0),
    PRIMARY KEY (entry_pk, element)
) WITHOUT ROWID;
CREATE TABLE diagnostics (
    diagnostic_id INTEGER PRIMARY KEY,
    import_id INTEGER REFERENCES imports(import_id),
    source TEXT NOT NULL,
    file TEXT NOT NULL,
    member TEXT,
    line INTEGER,
    data_block TEXT,
    severity TEXT NOT NULL CHECK (severity IN ('warning', 'error')),
    kind TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE TABLE duplicates (
    entry_pk INTEGER PRIMARY KEY REFERENCES entries(entry_pk) ON DELETE CASCADE,
    representative_pk INTEGER NOT NULL REFERENCES entries(entry_pk) ON DELETE CASCADE,
    group_size INTEGER NOT NULL,
    novel_by_structure INTEGER NOT NULL
);
CREATE TABLE energies (
    entry_pk INTEGER PRIMARY KEY REFERENCES entries(entry_pk) ON DELETE CASCADE,
    total_energy REAL NOT NULL,
    energy_natoms REAL NOT NULL CHECK (energy_natoms > 0),
    energy_per_atom REAL NOT NULL,
    formation_energy_per_atom REAL,
    e_above_hull REAL,
    e_above_reference_hull REAL,
    is_stable INTEGER,
    decomposition TEXT
, is_hull_vertex INTEGER, is_reference_hull_vertex INTEGER, hull_missing TEXT, hull_computed INTEGER NOT NULL DEFAULT 0, e_below_hull REAL, decomposition_reaction TEXT);
CREATE TABLE entries (
    entry_pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    is_reference INTEGER NOT NULL DEFAULT 0 CHECK (is_reference IN (0, 1)),
    reduced_formula TEXT NOT NULL,
    anonymous_formula TEXT NOT NULL,
    chemical_system TEXT NOT NULL,
    nelements INTEGER NOT NULL,
    natoms REAL NOT NULL,
    nsites INTEGER,
    declared_spacegroup_number INTEGER,
    declared_spacegroup_symbol TEXT,
    title TEXT,
    import_id INTEGER REFERENCES imports(import_id)
, e_above_hull REAL, e_above_reference_hull REAL, formation_energy_per_atom REAL, is_stable INTEGER);
CREATE TABLE hull_runs (
    run_id INTEGER PRIMARY KEY,
    finished_at TEXT NOT NULL,
    mode TEXT NOT NULL CHECK (mode IN ('full', 'incremental')),
    tolerance REAL NOT NULL,
    systems INTEGER NOT NULL,
    entries INTEGER NOT NULL,
    stable INTEGER NOT NULL,
    below_reference INTEGER NOT NULL,
    missing_references INTEGER NOT NULL,
    seconds REAL NOT NULL
);
CREATE TABLE imports (
    import_id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    source TEXT NOT NULL,
    arguments TEXT NOT NULL,
    summary TEXT
);
CREATE TABLE properties (
    entry_pk INTEGER NOT NULL REFERENCES entries(entry_pk) ON DELETE CASCADE,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (entry_pk, name)
) WITHOUT ROWID;
CREATE TABLE provenance (
    entry_pk INTEGER NOT NULL REFERENCES entries(entry_pk) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('structure', 'energy')),
    file TEXT NOT NULL,
    member TEXT,
    data_block TEXT,
    line INTEGER,
    content_hash TEXT NOT NULL,
    PRIMARY KEY (entry_pk, role)
) WITHOUT ROWID;
CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE structures (
    entry_pk INTEGER PRIMARY KEY REFERENCES entries(entry_pk) ON DELETE CASCADE,
    -- The cell: lattice vectors as rows (Å), lengths (Å), angles (degrees), volume (Å^3), density (g/cm^3).
    ax REAL NOT NULL, ay REAL NOT NULL, az REAL NOT NULL,
    bx REAL NOT NULL, by REAL NOT NULL, bz REAL NOT NULL,
    cx REAL NOT NULL, cy REAL NOT NULL, cz REAL NOT NULL,
    a REAL NOT NULL, b REAL NOT NULL, c REAL NOT NULL,
    alpha REAL NOT NULL, beta REAL NOT NULL, gamma REAL NOT NULL,
    volume REAL NOT NULL,
    density REAL NOT NULL,
    -- Every site in one little-endian blob, format 1 (n sites, m occupants; the view `sites` decodes it):
    --   byte 0: format (1); byte 1: flags, bit 0 set when ordered (one occupant of occupancy 1 per site,
    --   m = n); bytes 2-3: 0; bytes 4-7: n (uint32); bytes 8-11: m (uint32); bytes 12-15: 0;
    --   16 + 24i: site i's fractional x, y, z (3 float64);
    --   16 + 24n + 8j: occupant j's occupancy (float64), only when not ordered;
    --   16 + 24n + 8m + 4j: occupant j's site index (uint32, non-decreasing), only when not ordered;
    --   16 + 24n (ordered) or 16 + 24n + 12m, + j: occupant j's atomic number (uint8).
    packed_sites BLOB NOT NULL,
    -- JSON array of the sites' labels (null for a site without one); NULL when no site has a label.
    site_labels TEXT
);
CREATE TABLE symmetry (
    entry_pk INTEGER PRIMARY KEY REFERENCES entries(entry_pk) ON DELETE CASCADE,
    spacegroup_number INTEGER NOT NULL CHECK (spacegroup_number BETWEEN 1 AND 230),
    spacegroup_symbol TEXT,
    hall_number INTEGER,
    point_group TEXT,
    crystal_system TEXT NOT NULL,
    wyckoff_sequence TEXT,
    fingerprint TEXT,
    symprec REAL,
    origin TEXT NOT NULL CHECK (origin IN ('detected', 'declared'))
);
CREATE INDEX compositions_element ON compositions(element, entry_pk);
CREATE INDEX diagnostics_source ON diagnostics(source, severity);
CREATE INDEX duplicates_representative ON duplicates(representative_pk);
CREATE INDEX energies_e_below_hull ON energies(e_below_hull);
CREATE INDEX energies_hull_pending ON energies(hull_computed) WHERE hull_computed = 0;
CREATE INDEX entries_chemical_system_id ON entries(chemical_system, id);
CREATE INDEX entries_formation_id ON entries(formation_energy_per_atom, id);
CREATE INDEX entries_hull_id ON entries(e_above_hull, id);
CREATE INDEX entries_nelements ON entries(nelements);
CREATE INDEX entries_nsites ON entries(nsites);
CREATE INDEX entries_reduced_formula ON entries(reduced_formula);
CREATE INDEX entries_reference_hull_id ON entries(e_above_reference_hull, id);
CREATE INDEX entries_source ON entries(source, is_reference);
CREATE INDEX entries_source_stable_reference_hull ON entries(source, is_stable, e_above_reference_hull, id);
CREATE INDEX entries_system_facets ON entries(chemical_system, e_above_hull, e_above_reference_hull, formation_energy_per_atom,
                                              is_stable, nelements, id);
CREATE INDEX symmetry_fingerprint ON symmetry(fingerprint);
CREATE INDEX symmetry_spacegroup ON symmetry(spacegroup_number);
