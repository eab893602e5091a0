"""End-to-end fixtures: the real Codex CLI → ccmimolinkd → the MiMo simulator.

Every process is started on a free loopback port, and stopped by its PID when the test (or the
session) ends. Binaries come from `swift build` (CCMIMOLINK_BIN_DIR), the Codex binaries from the
`openai-codex-cli-bin` wheels of every version in codex-versions (CODEX_BINS, `version=path` pairs
joined by `:`); scripts/e2e sets both. A test taking the `codex` fixture runs once per Codex version;
CODEX_BIN is the newest, for tests that need just one.
"""
import json
import os
import signal
import subprocess
import tempfile
import time
import urllib.request

import pytest

BIN_DIR = os.environ.get("CCMIMOLINK_BIN_DIR", "")
CODEX_BINS = dict(pair.split("=", 1) for pair in os.environ.get("CODEX_BINS", "").split(":") if "=" in pair)
CODEX_VERSIONS = list(CODEX_BINS)  # oldest first, as codex-versions lists them
CODEX_BIN = CODEX_BINS[CODEX_VERSIONS[-1]] if CODEX_VERSIONS else ""
E2E_KEY = "sk-e2e-test-key-0123456789"


class Process:
    """A child process whose first stdout line announces its URL."""

    def __init__(self, argv, env=None, name="process"):
        self.name = name
        self.log = tempfile.NamedTemporaryFile(prefix=f"{name}-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=self.log, env=env, text=True)
        deadline = time.monotonic() + 30
        line = ""
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if "listening on" in line or not line:
                break
        if "listening on" not in line:
            self.stop()
            raise RuntimeError(f"{name} did not start: {line!r}\n{self.stderr()}")
        self.url = line.strip().split("listening on ", 1)[1].rstrip("/")

    def stderr(self):
        with open(self.log.name, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


def http_json(method, url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        raw = resp.read()
        return json.loads(raw) if raw else None


class Simulator:
    def __init__(self, process):
        self.process = process
        self.root = process.url

    def requests(self):
        return http_json("GET", f"{self.root}/__sim/requests")

    def clear(self):
        http_json("DELETE", f"{self.root}/__sim/requests")
        http_json("DELETE", f"{self.root}/__sim/faults")
        http_json("DELETE", f"{self.root}/__sim/models")

    def serve_models(self, text_only=(), serve_retired=False):
        """Which models MiMo serves from now on; clear() goes back to the current v2.6 line."""
        return http_json("POST", f"{self.root}/__sim/models", {"text_only": list(text_only), "serve_retired": serve_retired})

    def chat_requests(self):
        return [r for r in self.requests() if r.get("path", "").endswith("/chat/completions")]

    def enqueue(self, faults):
        http_json("POST", f"{self.root}/__sim/faults", {"faults": faults})


@pytest.fixture(scope="session")
def simulator():
    if not BIN_DIR:
        pytest.fail("CCMIMOLINK_BIN_DIR is not set: run the suite through scripts/e2e")
    process = Process([os.path.join(BIN_DIR, "mimo-simulator"), "--port", "0"], name="mimo-simulator")
    yield Simulator(process)
    process.stop()


def start_daemon(simulator, state, *extra):
    """ccmimolinkd against the simulator, its state, config and control socket inside `state`, with
    no key of its own (requests bring it). `.ctl(*args)` runs ccmimoctl against it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIMO")}
    env.update({"XDG_STATE_HOME": str(state), "XDG_CONFIG_HOME": str(state / "config"), "HOME": str(state),
                "XDG_RUNTIME_DIR": str(state / "run")})  # its control socket stays inside the test's directory
    process = Process([os.path.join(BIN_DIR, "ccmimolinkd"), "--port", "0", "--base-url", simulator.root + "/v1",
                       "--skip-cc-switch-sync", "--log-level", "info", *extra],
                      env=env, name="ccmimolinkd")
    process.base_url = process.url  # http://127.0.0.1:PORT/v1
    process.state = state
    socket = state / "run" / "ccmimolink" / "control.sock"

    def ctl(*args, check=True):
        done = subprocess.run([os.path.join(BIN_DIR, "ccmimoctl"), *args, "--socket", str(socket)], capture_output=True,
                              text=True, timeout=60)
        if check:
            assert done.returncode == 0, f"ccmimoctl {' '.join(args)}: exit {done.returncode}\n{done.stdout}{done.stderr}"
        return done
    process.ctl = ctl
    return process


@pytest.fixture(scope="session")
def daemon(simulator, tmp_path_factory):
    process = start_daemon(simulator, tmp_path_factory.mktemp("state"))
    yield process
    process.stop()
    log = process.stderr()
    assert E2E_KEY not in log, "the API key reached the daemon's log"


@pytest.fixture()
def sim(simulator):
    simulator.clear()
    yield simulator
    simulator.clear()


class Codex:
    """Runs `codex exec` with an isolated CODEX_HOME pointed at the daemon."""

    def __init__(self, daemon_url, workdir, catalog=True, idle_timeout_ms=300000, model="mimo-v2.6-pro",
                 version=None):
        self.version = version or (CODEX_VERSIONS[-1] if CODEX_VERSIONS else None)
        self.binary = CODEX_BINS.get(self.version, "")
        if not self.binary:
            pytest.fail("CODEX_BINS is not set: run the suite through scripts/e2e")
        self.home = tempfile.mkdtemp(prefix="codex-home-")
        self.workdir = workdir
        catalog_line = f'model_catalog_url = "{daemon_url}/models"' if catalog else ""
        with open(os.path.join(self.home, "config.toml"), "w") as f:
            f.write(f'''model = "{model}"
model_provider = "ccmimolink"
check_for_update_on_startup = false
web_search = "disabled"

[analytics]
enabled = false

[features]
plugins = false
apps = false
remote_plugin = false

[model_providers.ccmimolink]
name = "ccmimolink"
base_url = "{daemon_url}"
env_key = "CCMIMOLINK_E2E_KEY"
wire_api = "responses"
stream_idle_timeout_ms = {idle_timeout_ms}
request_max_retries = 4
stream_max_retries = 5
{catalog_line}
''')

    def run(self, prompt, *extra, resume=False, timeout=240):
        # HOME is isolated too, so login shells run by Codex read no user profile (quiet, repeatable output).
        env = dict(os.environ, CODEX_HOME=self.home, HOME=self.home, CCMIMOLINK_E2E_KEY=E2E_KEY)
        argv = [self.binary, "exec"]
        if resume:
            argv += ["resume", "--last"]
        argv += ["--skip-git-repo-check", "--disable", "unbounded_connection_retries", "--json"]
        if not resume:
            argv += ["-s", "workspace-write"]
        argv += list(extra) + ["--", prompt]
        done = subprocess.run(argv, cwd=self.workdir, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True, timeout=timeout)
        events = []
        for line in done.stdout.splitlines():
            try:
                events.append(json.loads(line))
            except ValueError:
                pass
        return CodexResult(done.returncode, events, done.stdout, done.stderr)


class CodexResult:
    def __init__(self, code, events, stdout, stderr):
        self.code, self.events, self.stdout, self.stderr = code, events, stdout, stderr

    def items(self, kind=None):
        out = [e.get("item", {}) for e in self.events if e.get("type") == "item.completed"]
        return [i for i in out if kind is None or i.get("type") == kind]

    def final_message(self):
        messages = self.items("agent_message")
        return messages[-1].get("text", "") if messages else ""

    def explain(self):
        return f"exit {self.code}\nstdout:\n{self.stdout[-4000:]}\nstderr:\n{self.stderr[-4000:]}"


@pytest.fixture(params=CODEX_VERSIONS or ["unset"], ids=lambda v: f"codex-{v}")
def codex_version(request):
    """Each Codex version in codex-versions, in turn."""
    return request.param


@pytest.fixture()
def codex(daemon, tmp_path, codex_version):
    def make(**kwargs):
        kwargs.setdefault("version", codex_version)
        return Codex(daemon.base_url, str(tmp_path), **kwargs)
    return make
