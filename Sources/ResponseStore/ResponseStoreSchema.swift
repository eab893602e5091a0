import GRDB

/// The store's tables, as GRDB migrations recorded in `grdb_migrations`. Never edit a shipped
/// migration: add a new one, so files written by earlier versions upgrade in place.
enum ResponseStoreSchema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: stored_response") { db in
            // `seq` is the save order (kept by upserts): it breaks ties between responses created in
            // the same second. Small columns come first, so reading them never touches the blobs.
            try db.execute(sql: """
                CREATE TABLE stored_response (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    created_at INTEGER NOT NULL,
                    model TEXT NOT NULL,
                    status TEXT NOT NULL,
                    byte_size INTEGER NOT NULL,
                    response_json BLOB NOT NULL,
                    input_items_json BLOB NOT NULL
                );
                -- Eviction order, and covers the count and byte total, so limits never read the rows.
                CREATE INDEX stored_response_by_age ON stored_response (created_at, seq, byte_size);
                """)
        }
        return migrator
    }()
}
