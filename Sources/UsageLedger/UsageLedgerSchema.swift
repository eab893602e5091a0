import GRDB

/// The ledger's table, as GRDB migrations recorded in `grdb_migrations`: that record is the schema
/// version. Never edit a shipped migration: add one, so ledgers written by earlier versions upgrade
/// in place and keep their history.
enum UsageLedgerSchema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: usage_day") { db in
            // One row per local day and upstream model; every request adds to its row, so the file's
            // size depends on days and models, never on traffic. WITHOUT ROWID: the key is the row.
            try db.execute(sql: """
                CREATE TABLE usage_day (
                    day TEXT NOT NULL,
                    model TEXT NOT NULL,
                    requests INTEGER NOT NULL DEFAULT 0,
                    failed INTEGER NOT NULL DEFAULT 0,
                    fresh_input_tokens INTEGER NOT NULL DEFAULT 0,
                    cached_input_tokens INTEGER NOT NULL DEFAULT 0,
                    output_tokens INTEGER NOT NULL DEFAULT 0,
                    reasoning_tokens INTEGER NOT NULL DEFAULT 0,
                    PRIMARY KEY (day, model)
                ) WITHOUT ROWID
                """)
        }
        return migrator
    }()
}
