# Shared by the fault scripts: the binaries and a snapshot of a store's content.
BIN=${CRYSTALDB_BIN:-.build/debug/crystaldb}
GEN=${CRYSTALDB_GEN:-.build/debug/crystaldb-samplegen}

# One line per entry and provenance role: id, role, content hash, number of stored sites.
snapshot() {
  sqlite3 "$1" "SELECT e.id, p.role, p.content_hash, (SELECT count(*) FROM sites s WHERE s.entry_pk = e.entry_pk)
                FROM entries e JOIN provenance p ON p.entry_pk = e.entry_pk ORDER BY e.id, p.role"
}

# Entries whose structure is only partly stored (its cell or sites missing): must be 0 at every moment.
torn_entries() {
  sqlite3 "$1" "SELECT count(*) FROM entries e WHERE e.nsites IS NOT NULL AND (NOT EXISTS (SELECT 1 FROM structures l WHERE l.entry_pk = e.entry_pk)
                OR NOT EXISTS (SELECT 1 FROM sites s WHERE s.entry_pk = e.entry_pk))"
}
