"""ccmimolinkd under `systemd-socket-activate` with a captured NOTIFY_SOCKET: it adopts the
inherited `http` and `control` listeners, says READY=1 only once they accept, keeps STATUS= current,
pings the watchdog, wraps a SIGHUP reload in RELOADING=1 … READY=1, and on SIGTERM says STOPPING=1,
lets the stream in flight finish and exits 0."""
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request

import pytest

from conftest import BIN_DIR, E2E_KEY

pytestmark = pytest.mark.skipif(shutil.which("systemd-socket-activate") is None,
                                reason="systemd-socket-activate is not installed (Debian: systemd)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NotifyCapture:
    """A NOTIFY_SOCKET: every datagram the daemon sends, with its arrival time."""

    def __init__(self, path):
        self.path = path
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(path)
        self.sock.settimeout(0.2)
        self.messages = []
        self.lock = threading.Lock()
        self.running = True
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self):
        while self.running:
            try:
                data = self.sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            with self.lock:
                self.messages.append((time.monotonic(), data.decode()))

    def wait_for(self, needle, after=0, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for index, (_, text) in enumerate(self.messages):
                    if index >= after and needle in text.split("\n"):
                        return index, text
            time.sleep(0.05)
        with self.lock:
            raise AssertionError(f"no {needle!r} after message {after}; got {self.messages!r}")

    def close(self):
        self.running = False
        self.thread.join(timeout=2)
        self.sock.close()


def codex_stream_request(base, text, timeout=60):
    body = {"model": "gpt-5.1-codex", "instructions": "You are Codex.", "stream": True, "store": False,
            "input": [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}]}
    req = urllib.request.Request(base + "/v1/responses", data=json.dumps(body).encode(), method="POST",
                                 headers={"content-type": "application/json", "authorization": "Bearer " + E2E_KEY})
    events = []
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        for raw in resp:
            line = raw.decode()
            if line.startswith("event: "):
                events.append(line[7:].strip())
    return events


@pytest.fixture
def activated(simulator, tmp_path):
    notify = NotifyCapture(str(tmp_path / "notify.sock"))
    port = free_port()
    control = tmp_path / "ctl.sock"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    argv = ["systemd-socket-activate", "-l", f"127.0.0.1:{port}", "-l", str(control), "--fdname=http:control",
            "-E", f"NOTIFY_SOCKET={notify.path}", "-E", "WATCHDOG_USEC=1000000",
            "-E", f"HOME={tmp_path}", "-E", f"XDG_CONFIG_HOME={tmp_path / 'config'}", "-E", f"XDG_STATE_HOME={tmp_path / 'state'}",
            "-E", "MIMO_PROXY_SKIP_CC_SWITCH_SYNC=1", "-E", "MIMO_PROXY_KEEPALIVE_SECONDS=1",
            "-E", f"MIMO_BASE_URL={simulator.root}/v1",
            os.path.join(BIN_DIR, "ccmimolinkd")]
    log = open(tmp_path / "daemon.log", "w")
    proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT, env=env)
    # systemd-socket-activate binds first and starts the daemon on the first connection.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.05)
    yield {"base": f"http://127.0.0.1:{port}", "notify": notify, "proc": proc, "control": control,
           "log": tmp_path / "daemon.log"}
    if proc.poll() is None:
        proc.kill()
        proc.wait(timeout=10)
    notify.close()
    log.close()
    assert E2E_KEY not in (tmp_path / "daemon.log").read_text()


def test_ready_status_watchdog_reload_and_graceful_stop(activated):
    notify, proc = activated["notify"], activated["proc"]
    ready_index, ready = notify.wait_for("READY=1")
    assert any(line.startswith("STATUS=serving mimo-v2.6-pro") for line in ready.split("\n")), ready
    # READY=1 means both listeners accept: HTTP answers at once, and the control socket is live.
    with urllib.request.urlopen(activated["base"] + "/health", timeout=5) as resp:
        assert json.loads(resp.read())["status"] == "ok"
    assert activated["control"].exists()

    assert codex_stream_request(activated["base"], "hello")[-1] == "response.completed"
    notify.wait_for("WATCHDOG=1", after=ready_index)
    notify.wait_for("WATCHDOG=1", after=notify.wait_for("WATCHDOG=1", after=ready_index)[0] + 1)

    proc.send_signal(1)  # SIGHUP
    reloading_index, reloading = notify.wait_for("RELOADING=1", after=ready_index)
    assert any(line.startswith("MONOTONIC_USEC=") for line in reloading.split("\n")), reloading
    notify.wait_for("READY=1", after=reloading_index)

    result = {}
    thread = threading.Thread(target=lambda: result.setdefault(
        "events", codex_stream_request(activated["base"], "slow SIM_FAULT_STALL_AFTER_HEADERS_2")))
    thread.start()
    time.sleep(0.7)
    proc.terminate()
    stopping_index, _ = notify.wait_for("STOPPING=1", after=reloading_index)
    thread.join(timeout=30)
    assert result["events"][-1] == "response.completed", result
    assert proc.wait(timeout=30) == 0, activated["log"].read_text()
