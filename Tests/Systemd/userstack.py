"""The pieces of a ccmimolinkd stack under the real `systemd --user` that scripts/systemd-e2e starts:
the unit files with test drop-ins, a MiMo simulator, and small clients (systemctl, ccmimoctl, a
Codex-shaped streaming request). Shared by Tests/Systemd and Benchmarks/idle-exit."""
import json
import os
import signal
import socket
import subprocess
import time
import urllib.request

MODE = os.environ.get("CCMIMOLINK_SYSTEMD_MODE", "build")
BIN_DIR = os.environ["CCMIMOLINK_BIN_DIR"]
RUNTIME = os.environ["XDG_RUNTIME_DIR"]
KEY = "sk-systemd-e2e-secret-4242424242"
UNIT = "ccmimolinkd.service"
CONTROL = os.path.join(RUNTIME, "ccmimolink", "control.sock")
CONFIG = os.path.join(os.environ["HOME"], ".config", "ccmimolink", "config.toml")


def tool(name):
    return os.path.join(BIN_DIR, name) if MODE == "build" else "/usr/bin/" + name


def run(*argv, timeout=60, check=True):
    done = subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(argv)} exited {done.returncode}\n{done.stdout}\n{done.stderr}")
    return done


def systemctl(*args, check=True, timeout=90):
    return run("systemctl", "--user", *args, check=check, timeout=timeout)


def show(unit, *props):
    out = systemctl("show", unit, "-p", ",".join(props)).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def wait_until(what, predicate, timeout=20.0, interval=0.1):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what} (last: {last!r})")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Simulator:
    def __init__(self):
        self.proc = subprocess.Popen([os.path.join(BIN_DIR, "mimo-simulator"), "--port", "0"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        assert "listening on" in line, line
        self.url = line.strip().split("listening on ", 1)[1].rstrip("/")

    def requests(self):
        with urllib.request.urlopen(self.url + "/__sim/requests", timeout=10) as resp:
            body = json.loads(resp.read())
        return body["requests"] if isinstance(body, dict) else body

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)


def install_units(sim, port, service_lines=()):
    """Writes the units (from packaging/systemd in build mode) and drop-ins pointing them at the
    simulator on `port`, plus `service_lines` for [Service]; returns the URL base of the daemon."""
    units = os.path.join(RUNTIME, "systemd", "user")
    if MODE == "build":
        repo = os.environ["CCMIMOLINK_REPO"]
        for name in ("ccmimolinkd.socket", "ccmimolinkd-control.socket", "ccmimolinkd.service"):
            with open(os.path.join(repo, "packaging", "systemd", name)) as src, open(os.path.join(units, name), "w") as dst:
                dst.write(src.read())
    os.makedirs(os.path.join(units, "ccmimolinkd.socket.d"), exist_ok=True)
    with open(os.path.join(units, "ccmimolinkd.socket.d", "e2e.conf"), "w") as f:
        f.write(f"[Socket]\nListenStream=\nListenStream=127.0.0.1:{port}\n")
    os.makedirs(os.path.join(units, "ccmimolinkd.service.d"), exist_ok=True)
    exec_start = f"ExecStart=\nExecStart={tool('ccmimolinkd')}\n" if MODE == "build" else ""
    if MODE == "build" and BIN_DIR.startswith(("/tmp/", "/var/tmp/")):
        # A checkout under /tmp (CI clones often are) would vanish behind the unit's PrivateTmp=.
        exec_start += "PrivateTmp=no\n"
    with open(os.path.join(units, "ccmimolinkd.service.d", "e2e.conf"), "w") as f:
        f.write("[Service]\n" + exec_start
                + f"Environment=MIMO_BASE_URL={sim.url}/v1 MIMO_PROXY_SKIP_CC_SWITCH_SYNC=1 MIMO_PROXY_KEEPALIVE_SECONDS=1\n"
                + "".join(line + "\n" for line in service_lines))
    systemctl("daemon-reload")
    # An installed package's sockets are enabled for every user, so the manager may have started them
    # before the drop-ins existed: stop them, so the caller starts them with this port.
    stop_units()
    return f"http://127.0.0.1:{port}"


def stop_units():
    systemctl("stop", "ccmimolinkd.socket", "ccmimolinkd-control.socket", UNIT, check=False)


def codex_request(text, model="gpt-5.1-codex"):
    return {
        "model": model,
        "instructions": "You are Codex, a coding agent.",
        "input": [{"type": "message", "role": "user", "content": [{"type": "input_text", "text": text}]}],
        "tools": [{"type": "function", "name": "exec_command", "description": "Run a command",
                   "parameters": {"type": "object", "properties": {"cmd": {"type": "string"}}, "required": ["cmd"]},
                   "strict": False}],
        "tool_choice": "auto", "parallel_tool_calls": True, "reasoning": {"effort": "high"},
        "store": False, "stream": True, "include": ["reasoning.encrypted_content"], "prompt_cache_key": "e2e",
    }


def stream(base, text, timeout=60):
    """POSTs a Codex-shaped streaming request and returns the SSE event types and the final response."""
    req = urllib.request.Request(base + "/v1/responses", data=json.dumps(codex_request(text)).encode(), method="POST",
                                 headers={"content-type": "application/json", "authorization": "Bearer " + KEY,
                                          "accept": "text/event-stream"})
    events, final = [], None
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        assert resp.status == 200
        for raw in resp:
            line = raw.decode().rstrip("\n")
            if line.startswith("event: "):
                events.append(line[7:])
            elif line.startswith("data: ") and events and events[-1] in ("response.completed", "response.failed"):
                final = json.loads(line[6:])
    return events, final


def ctl(*args, check=True):
    return run(tool("ccmimoctl"), *args, "--socket", CONTROL, check=check)


def usage_today():
    return json.loads(ctl("usage", "--json").stdout)["periods"][0]["total"]


def last_upstream_model(sim):
    records = sim.requests()
    assert records, "the simulator saw no request"
    return records[-1]["model"]
