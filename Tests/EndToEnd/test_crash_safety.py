"""Crash safety: SIGKILL the daemon while stored streams are in flight, and SIGKILL `--sync-only` at
random moments of a sync or an undo. Afterwards every file, database and stored response is either
as it was or as a finished run leaves it — never half-written — and the daemon or the sync still work.

Bounded everywhere: fixed attempt counts, timeouts on every wait; children are stopped by PID."""
import hashlib
import http.client
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import threading
import time

from conftest import BIN_DIR, E2E_KEY, Process
from test_cc_switch_sync import PROVIDER_ID, env_for, free_port, make_home, provider_row

# -- helpers -------------------------------------------------------------------------------------


def integrity(path):
    """PRAGMA integrity_check; 'ok' when the file is sound. Read-write, as cc-switch opens it: a writer killed
    inside its transaction leaves a hot journal, which the next connection must roll back, and a read-only
    connection cannot (SQLite then says "attempt to write a readonly database")."""
    db = sqlite3.connect(path, timeout=10)
    try:
        return db.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        db.close()


def post_response(port, text, stream=True, store=True, timeout=30):
    """One POST /v1/responses; returns (status, body text)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        body = json.dumps({"model": "mimo-v2.5-pro", "stream": stream, "store": store, "input": text})
        conn.request("POST", "/v1/responses", body=body,
                     headers={"content-type": "application/json", "authorization": f"Bearer {E2E_KEY}"})
        resp = conn.getresponse()
        return resp.status, resp.read().decode("utf-8", "replace")
    finally:
        conn.close()


def sse_events(text):
    out = []
    for line in text.split("\n"):
        if line.startswith("data: "):
            try:
                out.append(json.loads(line[6:]))
            except ValueError:
                pass
    return out


def get_response(port, response_id):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.request("GET", f"/v1/responses/{response_id}")
        resp = conn.getresponse()
        raw = resp.read()
        return resp.status, (json.loads(raw) if raw else None)
    finally:
        conn.close()


def start_daemon(tmp_path, simulator, state, name):
    env = env_for(tmp_path)
    os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700, exist_ok=True)
    process = Process([os.path.join(BIN_DIR, "ccmimolinkd"), "--port", "0", "--base-url", simulator.root + "/v1",
                       "--model", "mimo-v2.5-pro", "--skip-cc-switch-sync", "--state-directory", str(state),
                       "--max-concurrent", "16", "--min-interval-ms", "0", "--log-level", "info"],
                      env=env, name=name)
    process.port = int(process.url.rsplit(":", 1)[1].split("/")[0])
    return process


# -- (a) the daemon killed with stored streams in flight ------------------------------------------


def test_kill_9_with_stored_streams_in_flight(tmp_path, simulator):
    simulator.clear()
    state = tmp_path / "state-dir"
    first = start_daemon(tmp_path, simulator, state, "ccmimolinkd-before-kill")
    stop = threading.Event()
    try:
        # Responses that finished before the crash: each must survive it.
        completed = []
        for i in range(5):
            status, text = post_response(first.port, f"remember me {i}")
            assert status == 200, text
            last = sse_events(text)[-1]
            assert last["type"] == "response.completed"
            completed.append(last["response"]["id"])
        # A non-streamed one too.
        status, text = post_response(first.port, "remember me too", stream=False)
        assert status == 200, text
        completed.append(json.loads(text)["id"])

        # In flight at the kill: streams MiMo keeps silent (a stall after its 200), and a steady
        # trickle of short stored requests, so the kill may land inside a store write.
        in_flight_ids, lock = [], threading.Lock()

        def stalled(i):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", first.port, timeout=30)
                body = json.dumps({"model": "mimo-v2.5-pro", "stream": True, "store": True,
                                   "input": f"SIM_FAULT_STALL_AFTER_HEADERS_20 stalled {i}"})
                conn.request("POST", "/v1/responses", body=body,
                             headers={"content-type": "application/json", "authorization": f"Bearer {E2E_KEY}"})
                resp = conn.getresponse()
                line = resp.fp.readline(65536).decode()
                for _ in range(200):  # bounded: read until the response.created line
                    if line.startswith("data: "):
                        with lock:
                            in_flight_ids.append(json.loads(line[6:])["response"]["id"])
                        break
                    line = resp.fp.readline(65536).decode()
                resp.read()  # ends when the daemon dies
            except Exception:
                pass

        def trickle():
            for i in range(10000):  # bounded; stopped by the event long before
                if stop.is_set():
                    return
                try:
                    post_response(first.port, f"trickle {i}", timeout=5)
                except Exception:
                    return

        threads = [threading.Thread(target=stalled, args=(i,), daemon=True) for i in range(4)]
        threads += [threading.Thread(target=trickle, daemon=True) for _ in range(2)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with lock:
                if len(in_flight_ids) == 4:
                    break
            time.sleep(0.05)
        assert len(in_flight_ids) == 4, "the stalled streams did not start"
        time.sleep(random.uniform(0.05, 0.5))
        os.kill(first.proc.pid, signal.SIGKILL)
        first.proc.wait(timeout=10)
        stop.set()
        for t in threads:
            t.join(timeout=20)
    finally:
        stop.set()
        first.stop()

    store_file = state / "responses.sqlite"
    assert store_file.exists()
    second = start_daemon(tmp_path, simulator, state, "ccmimolinkd-after-kill")
    try:
        assert integrity(store_file) == "ok"
        for response_id in completed:
            status, body = get_response(second.port, response_id)
            assert status == 200, (response_id, body)
            assert body["id"] == response_id and body["status"] == "completed"
        # Whatever was in flight is either absent or stored whole (a terminal status), never partial.
        for response_id in in_flight_ids:
            status, body = get_response(second.port, response_id)
            assert status == 404 or body["status"] in ("completed", "incomplete", "failed"), (status, body)
        # And the restarted daemon stores new responses.
        status, text = post_response(second.port, "after the crash")
        assert status == 200
        new_id = sse_events(text)[-1]["response"]["id"]
        assert get_response(second.port, new_id)[1]["status"] == "completed"
    finally:
        second.stop()
    assert integrity(store_file) == "ok"


# -- (b) --sync-only killed mid-sync and mid-undo -------------------------------------------------


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_sync(root, port, *extra, kill_after=None):
    """Runs `ccmimolinkd --sync-only`; with kill_after, SIGKILLs it after that many seconds."""
    proc = subprocess.Popen([os.path.join(BIN_DIR, "ccmimolinkd"), "--sync-only", "--port", str(port), *extra],
                            env=env_for(root), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if kill_after is not None:
        try:
            proc.wait(timeout=kill_after)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out, err


def test_kill_9_during_sync_and_undo(tmp_path):
    upstream = "https://api.xiaomimimo.com/v1"
    port = free_port()
    # The versions a finished sync writes, from an identical home synced without interruption.
    reference = tmp_path / "reference"
    reference.mkdir()
    make_home(reference, upstream)
    home = tmp_path / "home"
    home.mkdir()
    cc, codex = make_home(home, upstream)
    files = {"config.toml": codex / "config.toml", "auth.json": codex / "auth.json"}
    original = {name: path.read_bytes() for name, path in files.items()}
    original_row = provider_row(cc)
    code, out, err = run_sync(reference, port)
    assert code == 0, err
    synced = {name: (reference / ".codex" / name).read_bytes() for name in files}
    synced_row = provider_row(reference / ".cc-switch")
    assert synced["config.toml"] != original["config.toml"] and synced_row != original_row

    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    outcomes = {"finished": 0, "killed": 0}
    for attempt in range(30):
        # Alternate directions so kills land inside syncs and inside undos alike.
        undoing = provider_row(cc) == synced_row and files["config.toml"].read_bytes() == synced["config.toml"]
        extra = ("--undo",) if undoing else ()
        code, out, err = run_sync(home, port, *extra, kill_after=rng.uniform(0.0, 0.35))
        outcomes["killed" if code == -signal.SIGKILL else "finished"] += 1
        if code not in (0, -signal.SIGKILL):
            raise AssertionError(f"seed {seed}, attempt {attempt}: exit {code}\n{out}\n{err}")
        where = f"seed {seed}, attempt {attempt} ({'undo' if undoing else 'sync'}, exit {code})"
        for name, path in files.items():
            now = path.read_bytes()
            assert now in (original[name], synced[name]), f"{where}: {name} is neither original nor synced:\n{now!r}"
        assert integrity(cc / "cc-switch.db") == "ok", where
        assert provider_row(cc) in (original_row, synced_row), where
        record = home / "state" / "ccmimolink" / "cc-switch-sync.sqlite"
        if record.exists():
            assert integrity(record) == "ok", where
    print(f"seed {seed}: {outcomes}")

    code, out, err = run_sync(home, port)
    assert code == 0, f"seed {seed}: final sync failed\n{out}\n{err}"
    assert {name: path.read_bytes() for name, path in files.items()} == synced
    assert provider_row(cc) == synced_row
    code, out, err = run_sync(home, port, "--undo")
    assert code == 0, f"seed {seed}: final undo failed\n{out}\n{err}"
    assert {name: path.read_bytes() for name, path in files.items()} == original, f"seed {seed}"
    assert provider_row(cc) == original_row, f"seed {seed}"
    assert integrity(cc / "cc-switch.db") == "ok"
    shutil.rmtree(reference, ignore_errors=True)
