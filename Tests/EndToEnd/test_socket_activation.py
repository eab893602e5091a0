"""ccmimolinkd under `systemd-socket-activate` with a captured NOTIFY_SOCKET: it adopts the
inherited `http` and `control` listeners, says READY=1 only once they accept, keeps STATUS= current,
pings the watchdog, wraps a SIGHUP reload in RELOADING=1 … READY=1, and on SIGTERM says STOPPING=1,
lets the stream in flight finish and exits 0. Idle long enough, it says STOPPING=1 and exits 0 by
itself; started without socket activation it never does."""
import json
import os
import shutil
import socket
import subprocess
import threading
import time
import urllib.request

import pytest

from conftest import BIN_DIR, E2E_KEY, start_daemon

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
    yield from activate(simulator, tmp_path)


def activate(simulator, tmp_path, *extra_env):
    notify = NotifyCapture(str(tmp_path / "notify.sock"))
    port = free_port()
    control = tmp_path / "ctl.sock"
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}
    argv = ["systemd-socket-activate", "-l", f"127.0.0.1:{port}", "-l", str(control), "--fdname=http:control",
            "-E", f"NOTIFY_SOCKET={notify.path}", "-E", "WATCHDOG_USEC=1000000",
            "-E", f"HOME={tmp_path}", "-E", f"XDG_CONFIG_HOME={tmp_path / 'config'}", "-E", f"XDG_STATE_HOME={tmp_path / 'state'}",
            "-E", "MIMO_PROXY_SKIP_CC_SWITCH_SYNC=1", "-E", "MIMO_PROXY_KEEPALIVE_SECONDS=1",
            "-E", f"MIMO_BASE_URL={simulator.root}/v1", *[a for e in extra_env for a in ("-E", e)],
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


def ctl(control, *args):
    done = subprocess.run([os.path.join(BIN_DIR, "ccmimoctl"), *args, "--socket", str(control)], capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_idle_exit_says_stopping_and_exits_0_keeping_the_pin(simulator, tmp_path):
    run = activate(simulator, tmp_path, "MIMO_PROXY_IDLE_EXIT_MINUTES=0.05")  # 3 s
    daemon = next(run)
    notify, proc = daemon["notify"], daemon["proc"]
    ready_index, _ = notify.wait_for("READY=1")
    assert codex_stream_request(daemon["base"], "hello")[-1] == "response.completed"
    assert "v2.6-flash" in ctl(daemon["control"], "model", "v2.6-flash")
    idle = json.loads(ctl(daemon["control"], "status", "--json"))["idle_exit"]
    assert idle["enabled"] is True and idle["after_seconds"] == 3, idle
    table = ctl(daemon["control"], "status")
    assert "Idle exit" in table and "after 3s idle" in table, table
    started = time.monotonic()
    stopping_index, stopping = notify.wait_for("STOPPING=1", after=ready_index, timeout=30)
    assert any(line.startswith("STATUS=idle for 3 s: exiting") for line in stopping.split("\n")), stopping
    assert proc.wait(timeout=30) == 0, daemon["log"].read_text()
    assert time.monotonic() - started < 15
    assert "exiting, the sockets stay with systemd" in daemon["log"].read_text()
    # What the next start needs is on disk: the pin (and the served-models list, the store).
    assert (tmp_path / "state" / "ccmimolink" / "pinned-model").read_text().strip() == "v2.6-flash"
    for _ in run:  # the fixture's teardown: stops what is left, checks the log holds no key
        pass


def test_without_socket_activation_the_daemon_never_exits_on_its_own(simulator, tmp_path):
    (tmp_path / "state").mkdir()
    daemon = start_daemon(simulator, tmp_path / "state", "--idle-exit-minutes", "0.02")  # 1.2 s
    try:
        time.sleep(3)
        assert daemon.proc.poll() is None, "a daemon nothing would start again exited"
        idle = json.loads(daemon.ctl("status", "--json").stdout)["idle_exit"]
        assert idle == {"enabled": False, "detail": "not socket-activated: nothing would start it again",
                        "after_seconds": None, "in_seconds": None}, idle
        assert "never (not socket-activated" in daemon.ctl("status").stdout
    finally:
        daemon.stop()
