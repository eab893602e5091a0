/// cc-switch's table definitions, as tests build databases from them.
enum CCSwitchSchema {
    /// cc-switch 3.20.0 (`SCHEMA_VERSION = 17`), verbatim from
    /// `src-tauri/src/database/schema.rs::create_tables_on_conn` (reference/cc-switch.md §3.2).
    static let version17 = """
        CREATE TABLE IF NOT EXISTS providers (
                        id TEXT NOT NULL,
                        app_type TEXT NOT NULL,
                        name TEXT NOT NULL,
                        settings_config TEXT NOT NULL,
                        website_url TEXT,
                        category TEXT,
                        created_at INTEGER,
                        sort_index INTEGER,
                        notes TEXT,
                        icon TEXT,
                        icon_color TEXT,
                        meta TEXT NOT NULL DEFAULT '{}',
                        is_current BOOLEAN NOT NULL DEFAULT 0,
                        in_failover_queue BOOLEAN NOT NULL DEFAULT 0,
                        PRIMARY KEY (id, app_type)
                    );

        CREATE TABLE IF NOT EXISTS provider_endpoints (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        provider_id TEXT NOT NULL,
                        app_type TEXT NOT NULL,
                        url TEXT NOT NULL,
                        added_at INTEGER,
                        FOREIGN KEY (provider_id, app_type) REFERENCES providers(id, app_type) ON DELETE CASCADE
                    );

        CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT);

        CREATE INDEX IF NOT EXISTS idx_providers_failover
                     ON providers(app_type, in_failover_queue, sort_index);

        CREATE TABLE IF NOT EXISTS proxy_live_backup (
                    app_type TEXT PRIMARY KEY, original_config TEXT NOT NULL, backed_up_at TEXT NOT NULL
                );

        -- Not verbatim: the reference lists proxy_config's columns but not its DDL.
        CREATE TABLE IF NOT EXISTS proxy_config (
                    app_type TEXT PRIMARY KEY,
                    listen_address TEXT NOT NULL DEFAULT '127.0.0.1',
                    listen_port INTEGER NOT NULL DEFAULT 15721,
                    enabled BOOLEAN NOT NULL DEFAULT 0,
                    live_takeover_active BOOLEAN NOT NULL DEFAULT 0
                );

        PRAGMA user_version = 17;
        """

    /// A database upgraded from v1: the legacy cost/limit/type columns are still there (in the
    /// middle of the table, so positional reads would go wrong) and there are no proxy tables.
    static let version3WithLegacyColumns = """
        CREATE TABLE providers (
                        id TEXT NOT NULL,
                        app_type TEXT NOT NULL,
                        name TEXT NOT NULL,
                        settings_config TEXT NOT NULL,
                        website_url TEXT,
                        category TEXT,
                        cost_multiplier REAL NOT NULL DEFAULT 1.0,
                        limit_daily_usd REAL,
                        limit_monthly_usd REAL,
                        provider_type TEXT,
                        created_at INTEGER,
                        sort_index INTEGER,
                        notes TEXT,
                        icon TEXT,
                        icon_color TEXT,
                        meta TEXT NOT NULL DEFAULT '{}',
                        is_current BOOLEAN NOT NULL DEFAULT 0,
                        PRIMARY KEY (id, app_type)
                    );

        CREATE TABLE provider_endpoints (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        provider_id TEXT NOT NULL,
                        app_type TEXT NOT NULL,
                        url TEXT NOT NULL,
                        added_at INTEGER,
                        FOREIGN KEY (provider_id, app_type) REFERENCES providers(id, app_type) ON DELETE CASCADE
                    );

        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);

        PRAGMA user_version = 3;
        """
}
