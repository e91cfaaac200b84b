-- crystaldb store schema (generated from Sources/CrystalStore/Migrations.swift; a test diffs it)
CREATE TRIGGER energies_copy_inserted AFTER INSERT ON energies BEGIN
    UPDATE entries SET e_above_hull = NEW.e_above_hull, e_above_reference_hull = NEW.e_above_reference_hull,
        formation_energy_per_atom = NEW.formation_energy_per_atom, is_stable = NEW.is_stable
    WHERE entry_pk = NEW.entry_pk;
END;
CREATE TRIGGER energies_copy_updated AFTER UPDATE OF e_above_hull, e_above_reference_hull, formation_energy_per_atom, is_stable ON energies BEGIN
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
, is_hull_vertex INTEGER, is_reference_hull_vertex INTEGER, hull_missing TEXT, hull_computed INTEGER NOT NULL DEFAULT 0);
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
CREATE TABLE lattices (
    entry_pk INTEGER PRIMARY KEY REFERENCES entries(entry_pk) ON DELETE CASCADE,
    ax REAL NOT NULL, ay REAL NOT NULL, az REAL NOT NULL,
    bx REAL NOT NULL, by REAL NOT NULL, bz REAL NOT NULL,
    cx REAL NOT NULL, cy REAL NOT NULL, cz REAL NOT NULL,
    a REAL NOT NULL, b REAL NOT NULL, c REAL NOT NULL,
    alpha REAL NOT NULL, beta REAL NOT NULL, gamma REAL NOT NULL,
    volume REAL NOT NULL,
    density REAL NOT NULL
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
CREATE TABLE sites (
    entry_pk INTEGER NOT NULL REFERENCES entries(entry_pk) ON DELETE CASCADE,
    site_index INTEGER NOT NULL,
    element TEXT NOT NULL,
    occupancy REAL NOT NULL,
    x REAL NOT NULL, y REAL NOT NULL, z REAL NOT NULL,
    label TEXT,
    PRIMARY KEY (entry_pk, site_index, element)
) WITHOUT ROWID;
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
