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

# cc-switch 3.20.0's tables (SCHEMA_VERSION 17), as in Tests/ConfigSyncTests/Support/CCSwitchSchema.swift.
SCHEMA_V17 = """
CREATE TABLE providers (id TEXT NOT NULL, app_type TEXT NOT NULL, name TEXT NOT NULL, settings_config TEXT NOT NULL,
    website_url TEXT, category TEXT, created_at INTEGER, sort_index INTEGER, notes TEXT, icon TEXT, icon_color TEXT,
    meta TEXT NOT NULL DEFAULT '{}', is_current BOOLEAN NOT NULL DEFAULT 0, in_failover_queue BOOLEAN NOT NULL DEFAULT 0,
    PRIMARY KEY (id, app_type));
CREATE TABLE provider_endpoints (id INTEGER PRIMARY KEY AUTOINCREMENT, provider_id TEXT NOT NULL, app_type TEXT NOT NULL,
    url TEXT NOT NULL, added_at INTEGER,
    FOREIGN KEY (provider_id, app_type) REFERENCES providers(id, app_type) ON DELETE CASCADE);
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
    db.execute("INSERT INTO providers (id, app_type, name, settings_config, website_url, category, created_at, "
               "sort_index, icon, icon_color, meta, is_current) VALUES (?, 'codex', 'Xiaomi MiMo', ?, "
               "'https://platform.xiaomimimo.com', 'cn_official', 1760000000000, 1, 'xiaomimimo', '#000000', "
               "'{\"apiFormat\":\"openai_responses\"}', 1)", (PROVIDER_ID, settings_config))
    db.execute("INSERT INTO provider_endpoints (provider_id, app_type, url, added_at) VALUES (?, 'codex', ?, 1760000000000)",
               (PROVIDER_ID, upstream))
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
