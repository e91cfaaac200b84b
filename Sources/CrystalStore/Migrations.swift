import Foundation

/// Named, append-only schema migrations. A store records each applied one in `schema_migrations`;
/// a store with a migration this code does not know is newer than the code and is refused.
///
/// The DDL is SQLite's, with the engine-specific words taken from `SQLDialect`.
public enum Migrations {
    public struct Migration: Sendable {
        public let version: Int
        public let name: String
        /// The DDL, given the dialect's words.
        let sql: @Sendable (any SQLDialect) -> String
        /// Data the SQL cannot derive, filled in Swift in the same transaction.
        let backfill: (@Sendable (Database) throws -> Void)?

        init(version: Int, name: String, sql: @escaping @Sendable (any SQLDialect) -> String,
             backfill: (@Sendable (Database) throws -> Void)? = nil) {
            self.version = version
            self.name = name
            self.sql = sql
            self.backfill = backfill
        }
    }

    public static let all: [Migration] = [
        Migration(version: 1, name: "create-entries", sql: { d in """
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
        )\(d.clusteredOnKey);
        CREATE TABLE compositions (
            entry_pk INTEGER NOT NULL REFERENCES entries(entry_pk) ON DELETE CASCADE,
            element TEXT NOT NULL,
            amount REAL NOT NULL CHECK (amount > 0),
            PRIMARY KEY (entry_pk, element)
        )\(d.clusteredOnKey);
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
        )\(d.clusteredOnKey);
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
        )\(d.clusteredOnKey);
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
        """ }),
        Migration(version: 2, name: "hull-results", sql: { _ in """
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
        """ }),
        Migration(version: 3, name: "query-indexes", sql: { d in """
        CREATE TABLE chemical_systems (
            chemical_system TEXT PRIMARY KEY,
            mask_low INTEGER NOT NULL,
            mask_high INTEGER NOT NULL
        )\(d.clusteredOnKey);
        DROP INDEX entries_chemical_system;
        CREATE INDEX entries_chemical_system_id ON entries(chemical_system, id);
        CREATE INDEX energies_e_above_hull ON energies(e_above_hull);
        CREATE INDEX energies_formation_energy ON energies(formation_energy_per_atom);
        CREATE INDEX entries_nelements ON entries(nelements);
        CREATE INDEX entries_nsites ON entries(nsites);
        """ }, backfill: { db in
            let systems = try db.prepare("SELECT DISTINCT chemical_system FROM entries")
            let insert = try db.prepare(db.dialect.insertIgnoringExisting(into: "chemical_systems", columns: ["chemical_system", "mask_low", "mask_high"]))
            while try systems.step() {
                let system = systems.text(0) ?? ""
                let mask = ElementMask(chemicalSystem: system)
                try insert.execute(system, mask.low, mask.high)
            }
        }),
        Migration(version: 4, name: "symmetry", sql: { _ in """
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
        """ }),
        Migration(version: 5, name: "duplicates", sql: { d in """
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
        )\(d.clusteredOnKey);
        """ }),
        Migration(version: 6, name: "packed-sites", sql: { d in """
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
            packed_sites \(d.binaryType) NOT NULL,
            -- JSON array of the sites' labels (null for a site without one); NULL when no site has a label.
            site_labels TEXT
        );
        """ }, backfill: { db in
            try PackedSitesMigration.convert(db)
            try db.execute("DROP TABLE sites; DROP TABLE lattices;")
            try db.execute(SitesView.sql)
        }),
        Migration(version: 7, name: "phase-diagram", sql: { _ in """
        ALTER TABLE energies ADD COLUMN e_below_hull REAL;
        ALTER TABLE energies ADD COLUMN decomposition_reaction TEXT;
        CREATE INDEX energies_e_below_hull ON energies(e_below_hull);
        """ }),
        // The hull results that filters and sorts use most, copied onto entries and kept there by triggers (see
        // QueryColumns), with indexes that serve a filter and a sort together.
        Migration(version: 8, name: "query-columns", sql: { _ in """
        ALTER TABLE entries ADD COLUMN e_above_hull REAL;
        ALTER TABLE entries ADD COLUMN e_above_reference_hull REAL;
        ALTER TABLE entries ADD COLUMN formation_energy_per_atom REAL;
        ALTER TABLE entries ADD COLUMN is_stable INTEGER;
        \(QueryColumns.copyAll);
        \(QueryColumns.triggers.joined(separator: ";\n"));
        DROP INDEX energies_e_above_hull;
        DROP INDEX energies_formation_energy;
        \(QueryColumns.indexes.joined(separator: ";\n"));
        """ }),
    ]

    /// Applies the migrations the store lacks, each in its own write transaction. Several processes may open
    /// a new or old store at once: each migration checks again, under the write lock, that no other process
    /// applied it meanwhile.
    static func migrate(_ db: Database) throws {
        try db.executeWaitingForLock("""
        CREATE TABLE IF NOT EXISTS schema_migrations (
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )
        """)
        var done = try applied(db)
        for migration in all where !done.contains(migration.version) {
            try db.inTransaction {
                done = try applied(db)
                guard !done.contains(migration.version) else { return }
                try db.execute(migration.sql(db.dialect))
                try migration.backfill?(db)
                let insert = try db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)")
                try insert.execute(migration.version, migration.name, ISO8601DateFormatter().string(from: Date()))
            }
        }
    }

    /// The versions a store has applied; throws for a version this code does not know (a newer store).
    static func applied(_ db: Database) throws -> Set<Int> {
        let applied = try db.prepare("SELECT version, name FROM schema_migrations ORDER BY version")
        var done = Set<Int>()
        while try applied.step() {
            let version = Int(applied.int(0))
            guard all.contains(where: { $0.version == version }) else {
                throw StoreError(code: 0, message: "store \(db.path) has schema migration \(version) '\(applied.text(1) ?? "")', newer than this crystaldb; upgrade crystaldb")
            }
            done.insert(version)
        }
        return done
    }

    enum State { case current, older }

    /// Whether a store lacks migrations (throws for a newer store).
    static func state(_ db: Database) throws -> State {
        let done = try applied(db)
        return all.allSatisfy { done.contains($0.version) } ? .current : .older
    }

    /// True when the file holds a crystaldb store (its migrations table).
    static func isStore(_ db: Database) throws -> Bool {
        let check = try db.prepare(db.dialect.tableExists)
        try check.bind("schema_migrations")
        return try check.step() && check.int(0) == 1
    }

    /// The schema as the database reports it (the text `Schema/schema.sql` holds).
    public static func schemaSQL(_ store: Store) throws -> String {
        let statement = try store.database.prepare(store.dialect.schemaListing)
        var out = "-- crystaldb store schema (generated from Sources/CrystalStore/Migrations.swift; a test diffs it)\n"
        while try statement.step() { out += (statement.text(0) ?? "") + ";\n" }
        return out
    }
}
