/// cc-switch's table definitions, as tests build databases from them.
enum CCSwitchSchema {
    /// `providers` and `provider_endpoints`, the tables a sync changes: the same from 3.20 (17) to
    /// 4.0.16 (24), verbatim from `schema.rs::create_tables_on_conn`.
    static let providerTables = """
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

        """

    /// cc-switch 3.20.0 (`SCHEMA_VERSION = 17`), verbatim from
    /// `src-tauri/src/database/schema.rs::create_tables_on_conn` (reference/cc-switch.md §3.2).
    static let version17 = providerTables + """
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

    /// cc-switch 4 (`SCHEMA_VERSION = 24`, v4.0.16): the tables a sync reads, verbatim from
    /// `src-tauri/src/database/schema.rs::create_tables_on_conn` at farion1231/cc-switch commit
    /// 0133d00491cc05a876992aa62a1f3afaa075666a, with the `proxy_config` rows it seeds. `providers` and
    /// `provider_endpoints` are unchanged since 3.20; `proxy_config` is now one row per app with a
    /// CHECK on `app_type`, and MCP servers and skills carry a column per app. The version number is
    /// 4.0.16's (reference/world-2026-12.md §3).
    static let version24 = providerTables + """
        CREATE TABLE IF NOT EXISTS mcp_servers (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, server_config TEXT NOT NULL,
                    description TEXT, homepage TEXT, docs TEXT, tags TEXT NOT NULL DEFAULT '[]',
                    enabled_claude BOOLEAN NOT NULL DEFAULT 0, enabled_codex BOOLEAN NOT NULL DEFAULT 0,
                    enabled_gemini BOOLEAN NOT NULL DEFAULT 0, enabled_grokbuild BOOLEAN NOT NULL DEFAULT 0,
                    enabled_opencode BOOLEAN NOT NULL DEFAULT 0,
                    enabled_mcode BOOLEAN NOT NULL DEFAULT 0,
                    enabled_hermes BOOLEAN NOT NULL DEFAULT 0,
                    enabled_pi BOOLEAN NOT NULL DEFAULT 0
                );

        CREATE TABLE IF NOT EXISTS skills (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    description TEXT,
                    directory TEXT NOT NULL,
                    repo_owner TEXT,
                    repo_name TEXT,
                    repo_branch TEXT DEFAULT 'main',
                    readme_url TEXT,
                    enabled_claude BOOLEAN NOT NULL DEFAULT 0,
                    enabled_codex BOOLEAN NOT NULL DEFAULT 0,
                    enabled_gemini BOOLEAN NOT NULL DEFAULT 0,
                    enabled_grokbuild BOOLEAN NOT NULL DEFAULT 0,
                    enabled_opencode BOOLEAN NOT NULL DEFAULT 0,
                    enabled_mcode BOOLEAN NOT NULL DEFAULT 0,
                    enabled_hermes BOOLEAN NOT NULL DEFAULT 0,
                    installed_at INTEGER NOT NULL DEFAULT 0,
                    content_hash TEXT,
                    updated_at INTEGER NOT NULL DEFAULT 0
                );

        CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT);

        CREATE TABLE IF NOT EXISTS proxy_config (
                    app_type TEXT PRIMARY KEY CHECK (app_type IN ('claude','codex','gemini','grokbuild')),
                    proxy_enabled INTEGER NOT NULL DEFAULT 0, listen_address TEXT NOT NULL DEFAULT '127.0.0.1',
                    listen_port INTEGER NOT NULL DEFAULT 15721, enable_logging INTEGER NOT NULL DEFAULT 1,
                    enabled INTEGER NOT NULL DEFAULT 0, auto_failover_enabled INTEGER NOT NULL DEFAULT 0,
                    max_retries INTEGER NOT NULL DEFAULT 3, streaming_first_byte_timeout INTEGER NOT NULL DEFAULT 60,
                    streaming_idle_timeout INTEGER NOT NULL DEFAULT 120, non_streaming_timeout INTEGER NOT NULL DEFAULT 600,
                    circuit_failure_threshold INTEGER NOT NULL DEFAULT 4, circuit_success_threshold INTEGER NOT NULL DEFAULT 2,
                    circuit_timeout_seconds INTEGER NOT NULL DEFAULT 60, circuit_error_rate_threshold REAL NOT NULL DEFAULT 0.6,
                    circuit_min_requests INTEGER NOT NULL DEFAULT 10,
                    default_cost_multiplier TEXT NOT NULL DEFAULT '1',
                    pricing_model_source TEXT NOT NULL DEFAULT 'response',
                    created_at TEXT NOT NULL DEFAULT (datetime('now')), updated_at TEXT NOT NULL DEFAULT (datetime('now'))
                );
        INSERT OR IGNORE INTO proxy_config (app_type, max_retries,
                        streaming_first_byte_timeout, streaming_idle_timeout, non_streaming_timeout,
                        circuit_failure_threshold, circuit_success_threshold, circuit_timeout_seconds,
                        circuit_error_rate_threshold, circuit_min_requests)
                        VALUES ('codex', 3, 60, 120, 600, 4, 2, 60, 0.6, 10);
        INSERT OR IGNORE INTO proxy_config (app_type, max_retries,
                        streaming_first_byte_timeout, streaming_idle_timeout, non_streaming_timeout,
                        circuit_failure_threshold, circuit_success_threshold, circuit_timeout_seconds,
                        circuit_error_rate_threshold, circuit_min_requests)
                        VALUES ('claude', 6, 90, 180, 600, 8, 3, 90, 0.7, 15);

        CREATE TABLE IF NOT EXISTS proxy_live_backup (
                    app_type TEXT PRIMARY KEY, original_config TEXT NOT NULL, backed_up_at TEXT NOT NULL
                );

        PRAGMA user_version = 24;
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
