import Synchronization

/// The hull results that filters and sorts use most (`e_above_hull`, `e_above_reference_hull`,
/// `formation_energy_per_atom`, `is_stable`), copied from `energies` onto `entries` so that one index serves a
/// filter and a sort together (migration 6). Triggers keep the copies equal to `energies` whichever code writes
/// there. A hull run that rewrites many rows suspends them (`suspend`: triggers and indexes dropped inside its
/// transaction) and copies everything in one pass at the end (`resume`): maintaining five indexes row by row at
/// random positions would cost more than the run itself (a full run over a million entries: 66 s became 179 s).
enum QueryColumns {
    /// Rows a hull run writes through the triggers before it suspends them (tests lower it: the copies come out the
    /// same either way).
    static let rowsBeforeSuspending = Atomic<Int>(20_000)

    static let columns = "e_above_hull, e_above_reference_hull, formation_energy_per_atom, is_stable"

    /// Only values that change fire them: an import inserts energies without hull results (nothing to copy), and an
    /// incremental hull run rewrites many rows with the values they had.
    static let triggers = [
        """
        CREATE TRIGGER energies_copy_inserted AFTER INSERT ON energies
        WHEN NEW.e_above_hull IS NOT NULL OR NEW.e_above_reference_hull IS NOT NULL OR NEW.formation_energy_per_atom IS NOT NULL
             OR NEW.is_stable IS NOT NULL BEGIN
            UPDATE entries SET e_above_hull = NEW.e_above_hull, e_above_reference_hull = NEW.e_above_reference_hull,
                formation_energy_per_atom = NEW.formation_energy_per_atom, is_stable = NEW.is_stable
            WHERE entry_pk = NEW.entry_pk;
        END
        """,
        """
        CREATE TRIGGER energies_copy_updated AFTER UPDATE OF e_above_hull, e_above_reference_hull, formation_energy_per_atom, is_stable ON energies
        WHEN NEW.e_above_hull IS NOT OLD.e_above_hull OR NEW.e_above_reference_hull IS NOT OLD.e_above_reference_hull
             OR NEW.formation_energy_per_atom IS NOT OLD.formation_energy_per_atom OR NEW.is_stable IS NOT OLD.is_stable BEGIN
            UPDATE entries SET e_above_hull = NEW.e_above_hull, e_above_reference_hull = NEW.e_above_reference_hull,
                formation_energy_per_atom = NEW.formation_energy_per_atom, is_stable = NEW.is_stable
            WHERE entry_pk = NEW.entry_pk;
        END
        """,
        """
        CREATE TRIGGER energies_copy_deleted AFTER DELETE ON energies BEGIN
            UPDATE entries SET e_above_hull = NULL, e_above_reference_hull = NULL, formation_energy_per_atom = NULL, is_stable = NULL
            WHERE entry_pk = OLD.entry_pk;
        END
        """,
    ]
    static let triggerNames = ["energies_copy_inserted", "energies_copy_updated", "energies_copy_deleted"]

    /// Elements with any of these values (read from the index alone), a ranking by stability with the id breaking
    /// ties, GNoME's stable candidates of a source.
    static let indexes = [
        """
        CREATE INDEX entries_system_facets ON entries(chemical_system, e_above_hull, e_above_reference_hull, formation_energy_per_atom,
                                                      is_stable, nelements, id)
        """,
        "CREATE INDEX entries_hull_id ON entries(e_above_hull, id)",
        "CREATE INDEX entries_reference_hull_id ON entries(e_above_reference_hull, id)",
        "CREATE INDEX entries_formation_id ON entries(formation_energy_per_atom, id)",
        "CREATE INDEX entries_source_stable_reference_hull ON entries(source, is_stable, e_above_reference_hull, id)",
    ]
    static let indexNames = ["entries_system_facets", "entries_hull_id", "entries_reference_hull_id", "entries_formation_id",
                             "entries_source_stable_reference_hull"]

    /// Every entry's copies set from `energies` (NULL for an entry without an energy row).
    static let copyAll = """
        UPDATE entries SET (\(columns)) =
            (SELECT g.e_above_hull, g.e_above_reference_hull, g.formation_energy_per_atom, g.is_stable FROM energies g
             WHERE g.entry_pk = entries.entry_pk)
        """

    /// Drops the triggers and the indexes (inside the caller's transaction).
    static func suspend(_ db: Database) throws(StoreError) {
        for name in triggerNames { try db.execute("DROP TRIGGER IF EXISTS \(name)") }
        for name in indexNames { try db.execute("DROP INDEX IF EXISTS \(name)") }
    }

    /// Copies every row, then builds the indexes and the triggers again (inside the caller's transaction).
    static func resume(_ db: Database) throws(StoreError) {
        try db.execute(copyAll)
        for sql in indexes { try db.execute(sql) }
        for sql in triggers { try db.execute(sql) }
    }
}
