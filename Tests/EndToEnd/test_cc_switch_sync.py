"""cc-switch sync end to end: a real cc-switch home (settings.json and a schema-v17 cc-switch.db
holding the Xiaomi MiMo preset), Codex's live files as cc-switch writes them plus the user's own
comments and tables, `ccmimolinkd --sync-only` (dry run, sync, idempotence, undo), the daemon
syncing at start and sending traffic where the provider pointed, and the real Codex CLI, run with
the synced files, reaching the daemon and using its served catalog."""
import hashlib
import json
import os
import sqlite3
import subprocess
import time

import pytest

from conftest import BIN_DIR, CODEX_BIN, E2E_KEY, Process

PROVIDER_ID = "5d1c3a52-0c1e-4a8e-9f51-3e8f7c1a0b11"

# The tables a sync changes, the same in cc-switch 3.20 (schema 17) and 4.0.16 (schema 24).
PROVIDER_TABLES = """
CREATE TABLE providers (id TEXT NOT NULL, app_type TEXT NOT NULL, name TEXT NOT NULL, settings_config TEXT NOT NULL,
    website_url TEXT, category TEXT, created_at INTEGER, sort_index INTEGER, notes TEXT, icon TEXT, icon_color TEXT,
    meta TEXT NOT NULL DEFAULT '{}', is_current BOOLEAN NOT NULL DEFAULT 0, in_failover_queue BOOLEAN NOT NULL DEFAULT 0,
    PRIMARY KEY (id, app_type));
CREATE TABLE provider_endpoints (id INTEGER PRIMARY KEY AUTOINCREMENT, provider_id TEXT NOT NULL, app_type TEXT NOT NULL,
    url TEXT NOT NULL, added_at INTEGER,
    FOREIGN KEY (provider_id, app_type) REFERENCES providers(id, app_type) ON DELETE CASCADE);
"""

# cc-switch 3.20.0's tables (SCHEMA_VERSION 17), as in Tests/ConfigSyncTests/Support/CCSwitchSchema.swift.
SCHEMA_V17 = PROVIDER_TABLES + """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
CREATE INDEX idx_providers_failover ON providers(app_type, in_failover_queue, sort_index);
CREATE TABLE proxy_live_backup (app_type TEXT PRIMARY KEY, original_config TEXT NOT NULL, backed_up_at TEXT NOT NULL);
CREATE TABLE proxy_config (app_type TEXT PRIMARY KEY, listen_address TEXT NOT NULL DEFAULT '127.0.0.1',
    listen_port INTEGER NOT NULL DEFAULT 15721, enabled BOOLEAN NOT NULL DEFAULT 0,
    live_takeover_active BOOLEAN NOT NULL DEFAULT 0);
PRAGMA user_version = 17;
"""


def preset_config(upstream):
    """cc-switch's generated third-party Codex config for the Xiaomi MiMo preset."""
    return (f'model_provider = "custom"\nmodel = "mimo-v2.5-pro"\nmodel_reasoning_effort = "high"\n'
            f'disable_response_storage = true\n\n[model_providers.custom]\nname = "xiaomi_mimo"\n'
            f'base_url = "{upstream}"\nwire_api = "responses"\nrequires_openai_auth = true\n')


def insert_mimo_row(db, provider_id, settings_config, upstream):
    """The current "Xiaomi MiMo" Codex provider row and its endpoint, as cc-switch saves the preset."""
    db.execute("INSERT INTO providers (id, app_type, name, settings_config, website_url, category, created_at, "
               "sort_index, icon, icon_color, meta, is_current) VALUES (?, 'codex', 'Xiaomi MiMo', ?, "
               "'https://platform.xiaomimimo.com', 'cn_official', 1760000000000, 1, 'xiaomimimo', '#000000', "
               "'{\"apiFormat\":\"openai_responses\"}', 1)", (provider_id, settings_config))
    db.execute("INSERT INTO provider_endpoints (provider_id, app_type, url, added_at) VALUES (?, 'codex', ?, 1760000000000)",
               (provider_id, upstream))


def make_home(root, upstream):
    cc = root / ".cc-switch"
    codex = root / ".codex"
    cc.mkdir()
    codex.mkdir()
    (cc / "settings.json").write_text(json.dumps({"language": "en", "currentProviderCodex": PROVIDER_ID,
                                                  "preserveCodexOfficialAuthOnSwitch": False,
                                                  "enableLocalProxy": False}, indent=2))
    config = preset_config(upstream)
    settings_config = json.dumps({"auth": {"OPENAI_API_KEY": E2E_KEY}, "config": config}, separators=(",", ":"),
                                 sort_keys=True)
    db = sqlite3.connect(cc / "cc-switch.db")
    db.executescript(SCHEMA_V17)
    insert_mimo_row(db, PROVIDER_ID, settings_config, upstream)
    db.commit()
    db.close()
    # What cc-switch wrote into Codex's live file, with the user's own comment and tables around it.
    (codex / "config.toml").write_text(
        "# my Codex settings — keep this comment\n" + config
        + "\n[analytics]\nenabled = false   # no telemetry\n\n[features]\nplugins = false\napps = false\n"
        + "remote_plugin = false\n\n[projects.\"/home/me/src\"]\ntrust_level = \"trusted\"\n")
    (codex / "auth.json").write_text(json.dumps({"OPENAI_API_KEY": E2E_KEY}, indent=2) + "\n")
    return cc, codex


def digest(*paths):
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


def provider_row(cc):
    db = sqlite3.connect(cc / "cc-switch.db")
    try:
        settings_config = db.execute("SELECT settings_config FROM providers WHERE id = ?", (PROVIDER_ID,)).fetchone()[0]
        urls = [r[0] for r in db.execute("SELECT url FROM provider_endpoints WHERE provider_id = ?", (PROVIDER_ID,))]
        return settings_config, urls
    finally:
        db.close()


def env_for(root):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MIMO", "CC_SWITCH", "CODEX"))}
    env.update({"HOME": str(root), "XDG_STATE_HOME": str(root / "state"), "XDG_CONFIG_HOME": str(root / "config"),
                "XDG_RUNTIME_DIR": str(root / "run")})
    return env


def sync_only(root, port, *extra):
    return subprocess.run([os.path.join(BIN_DIR, "ccmimolinkd"), "--sync-only", "--port", str(port), *extra],
                          env=env_for(root), capture_output=True, text=True, timeout=60)


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_sync_only_dry_run_sync_idempotence_and_undo(tmp_path, simulator):
    cc, codex = make_home(tmp_path, simulator.root + "/v1")
    files = [codex / "config.toml", codex / "auth.json", cc / "cc-switch.db", cc / "settings.json"]
    original = digest(*files)
    original_row = provider_row(cc)
    port = free_port()

    dry = sync_only(tmp_path, port, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "dry run: would change" in dry.stdout
    assert f'+base_url = "http://127.0.0.1:{port}/v1"' in dry.stdout.replace("  ", " ") or f"http://127.0.0.1:{port}/v1" in dry.stdout
    assert digest(*files) == original, "a dry run wrote something"
    assert E2E_KEY not in dry.stdout + dry.stderr

    done = sync_only(tmp_path, port)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('synced cc-switch provider "Xiaomi MiMo"'), done.stdout
    config = (codex / "config.toml").read_text()
    assert f'base_url = "http://127.0.0.1:{port}/v1"' in config
    assert f'model_catalog_url = "http://127.0.0.1:{port}/v1/models"' in config
    assert "# my Codex settings — keep this comment" in config and "enabled = false   # no telemetry" in config
    assert '[projects."/home/me/src"]' in config
    settings_config, urls = provider_row(cc)
    assert f"http://127.0.0.1:{port}/v1" in settings_config and urls == [f"http://127.0.0.1:{port}/v1"]
    assert E2E_KEY in settings_config, "the real key must stay in cc-switch"
    synced = digest(*files)

    again = sync_only(tmp_path, port)
    assert again.returncode == 0 and again.stdout.startswith("already in sync"), again.stdout + again.stderr
    assert digest(*files) == synced, "a second sync wrote something"

    undo = sync_only(tmp_path, port, "--undo")
    assert undo.returncode == 0, undo.stderr
    assert digest(codex / "config.toml", codex / "auth.json") == {k: v for k, v in original.items() if "/.codex/" in k}
    assert provider_row(cc) == original_row


def test_sync_errors_are_precise(tmp_path):
    done = sync_only(tmp_path, free_port())
    assert done.returncode == 1
    assert "cc-switch does not look installed" in done.stderr and ".cc-switch/settings.json" in done.stderr


def test_codex_runs_with_the_synced_configuration(tmp_path, simulator):
    if not CODEX_BIN:
        pytest.fail("CODEX_BINS is not set: run the suite through scripts/e2e")
    simulator.clear()
    cc, codex = make_home(tmp_path, simulator.root + "/v1")
    port = free_port()
    (tmp_path / "run").mkdir()
    daemon = Process([os.path.join(BIN_DIR, "ccmimolinkd"), "--port", str(port), "--log-level", "info"],
                     env=env_for(tmp_path), name="ccmimolinkd-synced")
    try:
        config = (codex / "config.toml").read_text()
        assert f"http://127.0.0.1:{port}/v1" in config, "the daemon should sync at start"
        env = dict(os.environ, CODEX_HOME=str(codex), HOME=str(tmp_path))
        env.pop("OPENAI_API_KEY", None)
        work = tmp_path / "work"
        work.mkdir()
        done = subprocess.run([CODEX_BIN, "exec", "--skip-git-repo-check", "--json", "--", "Say hello."],
                              cwd=work, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=240)
        assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
        assert "Hello from the MiMo simulator." in done.stdout
        records = simulator.requests()
        assert records, "no request reached the simulator"
        first = records[-1]["body"]["messages"][0]
        # Our catalog's base_instructions reach MiMo only if Codex fetched the served catalog.
        assert first["role"] == "system" and "powered by a Xiaomi MiMo model" in first["content"], first
        assert records[-1]["key"] == "sk-…"
        # ccmimoctl against the running daemon: status, a dry run, then undo through the daemon.
        ctl = [os.path.join(BIN_DIR, "ccmimoctl")]
        sock = ["--socket", str(tmp_path / "run" / "ccmimolink" / "control.sock")]
        status = json.loads(subprocess.run(ctl + ["status", "--json"] + sock, capture_output=True, text=True,
                                           timeout=30, check=True).stdout)
        assert status["upstream"]["base_url"] == simulator.root + "/v1"
        assert status["upstream"]["source"] == 'cc-switch provider "Xiaomi MiMo"'
        assert status["last_sync"]["ok"] is True
        def ctl_run(*args):
            return subprocess.run(ctl + list(args) + sock, capture_output=True, text=True, timeout=60)
        health = ctl_run("health", "--probe")
        assert health.returncode == 0 and "upstream" in health.stdout, health.stdout + health.stderr
        assert json.loads(ctl_run("store", "--json").stdout)["in_memory"] is False
        assert ctl_run("drain").returncode == 0
        reload = ctl_run("reload")
        assert reload.returncode == 0, reload.stdout + reload.stderr
        logs = subprocess.run(ctl + ["logs", "--response", "resp_x", "--print-command"], capture_output=True, text=True,
                              timeout=30)
        assert logs.stdout.split() == ["journalctl", "--user", "-u", "ccmimolinkd.service", "RESPONSE_ID=resp_x"], logs.stdout
        dry = subprocess.run(ctl + ["sync", "--dry-run"] + sock, capture_output=True, text=True, timeout=60)
        assert dry.returncode == 0 and "already in sync" in dry.stdout, dry.stdout + dry.stderr
        undo = subprocess.run(ctl + ["sync", "--undo"] + sock, capture_output=True, text=True, timeout=60)
        assert undo.returncode == 0 and undo.stdout.startswith("undone"), undo.stdout + undo.stderr
        assert f'base_url = "{simulator.root}/v1"' in (codex / "config.toml").read_text()
    finally:
        daemon.stop()
    log = daemon.stderr()
    assert "already in sync" in log or "synced cc-switch provider" in log
    assert E2E_KEY not in log


# cc-switch 4.0.16's tables (SCHEMA_VERSION 24) that a sync reads, as in
# Tests/ConfigSyncTests/Support/CCSwitchSchema.swift: providers and provider_endpoints as in 3.20, proxy_config
# one row per app (the codex row seeded with the proxy off).
SCHEMA_V24 = PROVIDER_TABLES + """
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE proxy_config (app_type TEXT PRIMARY KEY CHECK (app_type IN ('claude','codex','gemini','grokbuild')),
    proxy_enabled INTEGER NOT NULL DEFAULT 0, listen_address TEXT NOT NULL DEFAULT '127.0.0.1',
    listen_port INTEGER NOT NULL DEFAULT 15721, enable_logging INTEGER NOT NULL DEFAULT 1,
    enabled INTEGER NOT NULL DEFAULT 0, auto_failover_enabled INTEGER NOT NULL DEFAULT 0);
INSERT INTO proxy_config (app_type) VALUES ('codex');
CREATE TABLE proxy_live_backup (app_type TEXT PRIMARY KEY, original_config TEXT NOT NULL, backed_up_at TEXT NOT NULL);
PRAGMA user_version = 24;
"""
CC4_PROVIDER_ID = "0b7c9e12-4f1a-4d6e-8a53-2c9f61e0d4a7"
CHATGPT_LOGIN = json.dumps({"OPENAI_API_KEY": None, "auth_mode": "chatgpt", "tokens": {
    "access_token": "chatgpt-access-token-0000", "account_id": "acct-7f3e", "id_token": "chatgpt-id-token-0000",
    "refresh_token": "chatgpt-refresh-token-0000"}}, indent=2)


def make_cc_switch4_home(root, upstream, key):
    """A cc-switch 4 home with "preserve login" off, as Tests/ConfigSyncTests/Support/CCSwitch4Fixture.swift
    builds it from cc-switch 4's code: the Xiaomi MiMo preset row, config.toml with the key as the custom table's
    experimental_bearer_token and requires_openai_auth = false, no auth.json, the ChatGPT login in the stash."""
    cc = root / ".cc-switch"
    codex = root / ".codex"
    cc.mkdir()
    codex.mkdir()
    (cc / "settings.json").write_text(json.dumps({"language": "en", "currentProviderCodex": CC4_PROVIDER_ID,
                                                  "preserveCodexOfficialAuthOnSwitch": False}, indent=2))
    row_config = ('model_provider = "custom"\nmodel = "mimo-v2.6-pro"\nmodel_reasoning_effort = "high"\n'
                  'disable_response_storage = true\n\n[model_providers.custom]\nname = "xiaomi_mimo"\n'
                  f'base_url = "{upstream}"\nwire_api = "responses"\nrequires_openai_auth = true')
    settings_config = json.dumps({"auth": {"OPENAI_API_KEY": key}, "config": row_config, "modelCatalog": {"models": [
        {"model": "mimo-v2.6-pro", "displayName": "MiMo V2.6 Pro", "contextWindow": 1048576}]}},
        separators=(",", ":"), sort_keys=True)
    db = sqlite3.connect(cc / "cc-switch.db")
    db.executescript(SCHEMA_V24)
    db.execute("INSERT INTO providers (id, app_type, name, settings_config, website_url, category, created_at, "
               "sort_index, icon, icon_color, meta, is_current) VALUES ('codex-official', 'codex', 'OpenAI Official', "
               "'{\"auth\":{},\"config\":\"\"}', 'https://chatgpt.com/codex', 'official', 1759000000000, 0, 'openai', "
               "'#00A67E', '{}', 0)")
    insert_mimo_row(db, CC4_PROVIDER_ID, settings_config, upstream)
    db.commit()
    db.close()
    # cc-switch 4 also writes model_catalog_json = "cc-switch-model-catalog.json" with a catalog file of its own;
    # left out here so Codex uses the daemon's catalog, as in the 3.x test.
    (codex / "config.toml").write_text(
        "# my Codex settings — keep this comment\n"
        'model_provider = "custom"\nmodel = "mimo-v2.6-pro"\nmodel_reasoning_effort = "high"\n'
        'disable_response_storage = true\nweb_search = "disabled"\n\n'
        '[analytics]\nenabled = false\n\n[features]\nplugins = false\napps = false\nremote_plugin = false\n\n'
        f'[model_providers.custom]\nname = "xiaomi_mimo"\nbase_url = "{upstream}"\nwire_api = "responses"\n'
        f'requires_openai_auth = false\nexperimental_bearer_token = "{key}"\n')
    stash = json.dumps({"logins": {"account:acct-7f3e": json.loads(CHATGPT_LOGIN)}, "last": "account:acct-7f3e"},
                       indent=2)
    (cc / "codex-login-stash.json").write_text(stash)
    return cc, codex


def ctl(root, *args):
    """ccmimoctl against the daemon whose runtime directory is under `root`."""
    return subprocess.run([os.path.join(BIN_DIR, "ccmimoctl"), *args, "--socket",
                           str(root / "run" / "ccmimolink" / "control.sock")], capture_output=True, text=True, timeout=60)


def test_codex_0169_completes_a_turn_on_a_cc_switch_4_home(tmp_path, simulator):
    """After --sync-only on a cc-switch 4 home, Codex (the newest version) started with that CODEX_HOME
    reaches the daemon with the key cc-switch put in config.toml, and the daemon has no key of its own."""
    if not CODEX_BIN:
        pytest.fail("CODEX_BINS is not set: run the suite through scripts/e2e")
    simulator.clear()
    key = "sk-cc4-" + hashlib.sha256(str(tmp_path).encode()).hexdigest()[:24]  # this test's own key
    upstream = simulator.root + "/v1"
    cc, codex = make_cc_switch4_home(tmp_path, upstream, key)
    stash = (cc / "codex-login-stash.json").read_bytes()
    port = free_port()

    dry = sync_only(tmp_path, port, "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert '"Xiaomi MiMo" (cc-switch 4 layout)' in dry.stdout and "layout: cc-switch 4 — " in dry.stdout, dry.stdout
    assert "auth.json" not in dry.stdout.split("\n--- ", 1)[-1], "a dry run must plan no auth.json change"
    assert key not in dry.stdout + dry.stderr

    done = sync_only(tmp_path, port)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith('synced cc-switch provider "Xiaomi MiMo" (cc-switch 4 layout)'), done.stdout
    config = (codex / "config.toml").read_text()
    assert f'base_url = "http://127.0.0.1:{port}/v1"' in config
    assert f'model_catalog_url = "http://127.0.0.1:{port}/v1/models"' in config
    assert f'experimental_bearer_token = "{key}"' in config and "requires_openai_auth = false" in config
    assert not (codex / "auth.json").exists(), "cc-switch 4 keeps auth.json for the ChatGPT login"
    assert (cc / "codex-login-stash.json").read_bytes() == stash
    assert key not in done.stdout + done.stderr

    (tmp_path / "run").mkdir()
    env = env_for(tmp_path)
    assert not any(k.startswith("MIMO") for k in env) and "CREDENTIALS_DIRECTORY" not in env
    daemon = Process([os.path.join(BIN_DIR, "ccmimolinkd"), "--port", str(port), "--log-level", "info"],
                     env=env, name="ccmimolinkd-cc-switch-4")
    try:
        health = json.loads(ctl(tmp_path, "health", "--json").stdout)
        daemon_key = next(c for c in health["checks"] if c["name"] == "daemon key")
        assert daemon_key["detail"].startswith("none"), daemon_key
        codex_env = dict(os.environ, CODEX_HOME=str(codex), HOME=str(tmp_path))
        codex_env.pop("OPENAI_API_KEY", None)
        work = tmp_path / "work"
        work.mkdir()
        ran = subprocess.run([CODEX_BIN, "exec", "--skip-git-repo-check", "--json", "--", "Say hello."], cwd=work,
                             env=codex_env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=240)
        assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]
        assert "Hello from the MiMo simulator." in ran.stdout
        records = [r for r in simulator.requests() if r["path"].endswith("/chat/completions")]
        assert records, "no request reached the simulator"
        # The daemon has no key: what MiMo saw is the key Codex sent, config.toml's experimental_bearer_token.
        assert records[-1]["key"] == "sk-…" and records[-1]["status"] == 200, records[-1]
        synced = json.loads(ctl(tmp_path, "sync", "--json").stdout)
        assert synced["layout"] == "cc-switch 4" and synced["outcome"] == "already in sync", synced
        assert not (codex / "auth.json").exists()
    finally:
        daemon.stop()
    log = daemon.stderr()
    assert "(cc-switch 4 layout)" in log
    assert key not in log


def test_a_damaged_sync_record_is_reported_and_the_last_upstream_kept(tmp_path, simulator):
    """A sync record SQLite cannot read: the daemon logs it, keeps sending traffic where the record last
    said (not to MiMo's default host), and status and health show it, as text and as JSON."""
    simulator.clear()
    upstream = simulator.root + "/v1"
    cc, codex = make_cc_switch4_home(tmp_path, upstream, E2E_KEY)
    port = free_port()
    assert sync_only(tmp_path, port).returncode == 0
    record = tmp_path / "state" / "ccmimolink" / "cc-switch-sync.sqlite"
    assert record.exists() and (tmp_path / "state" / "ccmimolink" / "cc-switch-upstream.json").exists()
    record.write_bytes(b"not an SQLite database any more" * 8)

    (tmp_path / "run").mkdir()
    daemon = Process([os.path.join(BIN_DIR, "ccmimolinkd"), "--port", str(port), "--log-level", "info"],
                     env=env_for(tmp_path), name="ccmimolinkd-damaged-record")
    try:
        status = json.loads(ctl(tmp_path, "status", "--json").stdout)
        assert status["upstream"]["base_url"] == upstream, status["upstream"]
        assert "last known; sync record unreadable" in status["upstream"]["source"], status["upstream"]
        assert "cc-switch-sync.sqlite cannot be read" in status["sync_record_problem"], status
        text = ctl(tmp_path, "status").stdout
        assert "Sync record" in text and "UNREADABLE" in text, text
        health = ctl(tmp_path, "health")
        assert health.returncode == 1 and "FAIL  sync record" in health.stdout, health.stdout
        health_json = json.loads(ctl(tmp_path, "health", "--json").stdout)
        check = next(c for c in health_json["checks"] if c["name"] == "sync record")
        assert check["ok"] is False and f"Serving on {upstream}" in check["detail"], check
        # Traffic still reaches the provider's own upstream (the simulator), not MiMo's default host.
        import openai
        reply = openai.OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key=E2E_KEY, max_retries=0).responses.create(
            model="mimo-v2.6-pro", input="hello")
        assert reply.output_text, reply
        assert any(r["path"].endswith("/chat/completions") for r in simulator.requests())
    finally:
        daemon.stop()
    log = daemon.stderr()
    assert "sync record cannot be read; keeping the last known upstream" in log, log[-3000:]
    assert E2E_KEY not in log
