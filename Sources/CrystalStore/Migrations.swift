import Foundation

/// Named, append-only schema migrations. A store records each applied one in `schema_migrations`;
/// a store with a migration this code does not know is newer than the code and is refused.
public enum Migrations {
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        public let sql: String
        /// Data the SQL cannot derive, filled in Swift in the same transaction.
        public var backfill: (@Sendable (Database) throws -> Void)?

        init(version: Int, name: String, sql: String, backfill: (@Sendable (Database) throws -> Void)? = nil) {
            self.version = version
            self.name = name
            self.sql = sql
            self.backfill = backfill
        }
    }

    public static let all: [Migration] = [
        Migration(version: 1, name: "create-entries", sql: """
        CREATE TABLE imports (
            import_id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            source TEXT NOT NULL,
            arguments TEXT NOT NULL,
            summary TEXT
        );
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
        );
        CREATE INDEX entries_source ON entries(source, is_reference);
        CREATE INDEX entries_chemical_system ON entries(chemical_system);
        CREATE INDEX entries_reduced_formula ON entries(reduced_formula);
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
        CREATE TABLE compositions (
            entry_pk INTEGER NOT NULL REFERENCES entries(entry_pk) ON DELETE CASCADE,
            element TEXT NOT NULL,
            amount REAL NOT NULL CHECK (amount > 0),
            PRIMARY KEY (entry_pk, element)
        ) WITHOUT ROWID;
        CREATE INDEX compositions_element ON compositions(element, entry_pk);
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
        CREATE TABLE sites (
            entry_pk INTEGER NOT NULL REFERENCES entries(entry_pk) ON DELETE CASCADE,
            site_index INTEGER NOT NULL,
            element TEXT NOT NULL,
            occupancy REAL NOT NULL,
            x REAL NOT NULL, y REAL NOT NULL, z REAL NOT NULL,
            label TEXT,
            PRIMARY KEY (entry_pk, site_index, element)
        ) WITHOUT ROWID;
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
        );
        CREATE TABLE properties (
            entry_pk INTEGER NOT NULL REFERENCES entries(entry_pk) ON DELETE CASCADE,
            name TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (entry_pk, name)
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
        CREATE INDEX diagnostics_source ON diagnostics(source, severity);
        """),
        Migration(version: 2, name: "hull-results", sql: """
        ALTER TABLE energies ADD COLUMN is_hull_vertex INTEGER;
        ALTER TABLE energies ADD COLUMN is_reference_hull_vertex INTEGER;
        ALTER TABLE energies ADD COLUMN hull_missing TEXT;
        ALTER TABLE energies ADD COLUMN hull_computed INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX energies_hull_pending ON energies(hull_computed) WHERE hull_computed = 0;
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
        """),
        Migration(version: 3, name: "query-indexes", sql: """
        CREATE TABLE chemical_systems (
            chemical_system TEXT PRIMARY KEY,
            mask_low INTEGER NOT NULL,
            mask_high INTEGER NOT NULL
        ) WITHOUT ROWID;
        DROP INDEX entries_chemical_system;
        CREATE INDEX entries_chemical_system_id ON entries(chemical_system, id);
        CREATE INDEX energies_e_above_hull ON energies(e_above_hull);
        CREATE INDEX energies_formation_energy ON energies(formation_energy_per_atom);
        CREATE INDEX entries_nelements ON entries(nelements);
        CREATE INDEX entries_nsites ON entries(nsites);
        """, backfill: { db in
            let systems = try db.prepare("SELECT DISTINCT chemical_system FROM entries")
            let insert = try db.prepare("INSERT OR IGNORE INTO chemical_systems (chemical_system, mask_low, mask_high) VALUES (?, ?, ?)")
            while try systems.step() {
                let system = systems.text(0) ?? ""
                let mask = ElementMask(chemicalSystem: system)
                insert.bind([.text(system), .integer(mask.low), .integer(mask.high)])
                try insert.run()
            }
        }),
        Migration(version: 4, name: "symmetry", sql: """
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
        CREATE INDEX symmetry_fingerprint ON symmetry(fingerprint);
        CREATE INDEX symmetry_spacegroup ON symmetry(spacegroup_number);
        """),
        Migration(version: 5, name: "duplicates", sql: """
        CREATE TABLE duplicates (
            entry_pk INTEGER PRIMARY KEY REFERENCES entries(entry_pk) ON DELETE CASCADE,
            representative_pk INTEGER NOT NULL REFERENCES entries(entry_pk) ON DELETE CASCADE,
            group_size INTEGER NOT NULL,
            novel_by_structure INTEGER NOT NULL
        );
        CREATE INDEX duplicates_representative ON duplicates(representative_pk);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """),
    ]

    /// Applies the migrations the store lacks, each in its own transaction.
    public static func migrate(_ db: Database) throws {
        try db.execute("""
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """)
        let applied = try db.prepare("SELECT version, name FROM schema_migrations ORDER BY version")
        var done = Set<Int>()
        while try applied.step() {
            let version = Int(applied.int(0))
            guard all.contains(where: { $0.version == version }) else {
                throw StoreError(code: 0, message: "store \(db.path) has schema migration \(version) '\(applied.text(1) ?? "")', newer than this crystaldb; upgrade crystaldb")
            }
            done.insert(version)
        }
        for migration in all where !done.contains(migration.version) {
            try db.inTransaction {
                try db.execute(migration.sql)
                try migration.backfill?(db)
                let insert = try db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
                insert.bind([.integer(Int64(migration.version)), .text(migration.name), .text(ISO8601DateFormatter().string(from: Date()))])
                try insert.run()
            }
        }
    }

    /// The schema as SQLite reports it (the text `Schema/schema.sql` holds).
    public static func schemaSQL(_ db: Database) throws -> String {
        let statement = try db.prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name")
        var out = "-- crystaldb store schema (generated from Sources/CrystalStore/Migrations.swift; a test diffs it)\n"
        while try statement.step() { out += (statement.text(0) ?? "") + ";\n" }
        return out
    }
}
