#include <sqlite3.h>

/// sqlite3_db_config is variadic, which Swift cannot call; this fixes the (int, int*) form.
static inline int CSQLite_db_config_int(sqlite3 *db, int op, int value, int *result) {
    return sqlite3_db_config(db, op, value, result);
}

/// Turns off SQLite's memory statistics (a global mutex on every allocation); call before first use.
static inline int CSQLite_disable_memstatus(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
