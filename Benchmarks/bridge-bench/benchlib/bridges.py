"""How each bridge is started on a loopback port and pointed at a Chat Completions base URL.

The peers' options were read from their published packages (PyPI wheels):
- codex-relay 0.5.8 (Rust binary in the wheel): `--port`, `--bind`, `--upstream <base>/v1`, `--api-key`.
- ds4codex 0.1.6 (aiohttp): `ds4codex run --host --port --target-url <base>/v1/chat/completions
  --api-key`, reading an optional ~/.codex/config.toml (pointed at a missing file here).
- codex-bridge-python 0.1.5 (FastAPI + uvicorn): `--port`, `--upstream <base>/v1`, `--api-key`;
  binds 127.0.0.1 itself.
- litellm (proxy): a config file whose deployment uses the `custom_openai/` provider with
  `api_base: <base>/v1` (`drop_params: true`, a master key); LiteLLM bridges `/v1/responses` for such
  providers through Chat Completions.
"""
import os

KEY = "sk-bridge-bench-0123456789abcdef"

PEER_VERSIONS = {
    "codex-relay": "0.5.8",
    "ds4codex": "0.1.6",
    "codex-bridge-python": "0.1.5",
    "litellm": "1.106.2",
}
PIP_SPECS = {
    "codex-relay": "codex-relay==0.5.8",
    "ds4codex": "ds4codex==0.1.6",
    "codex-bridge-python": "codex-bridge-python==0.1.5",
    "litellm": "litellm[proxy]==1.106.2",
}

# Peers from shared/reference/peer-lessons.md that pip cannot install: reported, not measured.
NOT_ON_PYPI = {
    "CCMimoLink": "Go binary, not published on PyPI",
    "mimo2codex": "npm package only; npm is not reachable here",
    "Codex-nexus": "Node script, not published on PyPI",
}


def _clean_env(workdir):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MIMO", "CODEX_", "DS4CODEX", "LITELLM", "OPENAI", "RUST_LOG", "XDG_"))}
    env.update({"HOME": workdir, "XDG_STATE_HOME": os.path.join(workdir, "state"),
                "XDG_CONFIG_HOME": os.path.join(workdir, "config"), "XDG_CACHE_HOME": os.path.join(workdir, "cache")})
    return env


class Bridge:
    name = ""
    version = ""
    explain = {}  # failure text seen → its cause, found in the bridge's source

    def command(self, port, upstream_root, workdir, busy=False):
        """(argv, env) that start this bridge on 127.0.0.1:port with MiMo at `upstream_root`."""
        raise NotImplementedError

    def unavailable(self):
        """A reason this bridge cannot run here, or None."""
        return None


class CCMimoLinkd(Bridge):
    name = "ccmimolinkd"

    def __init__(self, bin_dir, version):
        self.binary = os.path.join(bin_dir, "ccmimolinkd")
        self.version = version

    def args(self, upstream_root, busy=False):
        args = ["--base-url", upstream_root + "/v1", "--model", "mimo-v2.6-pro", "--skip-cc-switch-sync"]
        if busy:
            # Its upstream limiter (default 4, at most 64) would otherwise queue most of the 100 streams.
            args += ["--max-concurrent", "64"]
        return args

    def env(self, workdir):
        env = _clean_env(workdir)
        env["MIMO_API_KEY"] = KEY
        return env

    def command(self, port, upstream_root, workdir, busy=False):
        return [self.binary, "--listen", "127.0.0.1", "--port", str(port)] + self.args(upstream_root, busy), self.env(workdir)

    def unavailable(self):
        return None if os.access(self.binary, os.X_OK) else f"binary missing: {self.binary}"


class CCMimoLinkdBaseline(CCMimoLinkd):
    """Another build of the daemon in the same run (--baseline-bin-dir): an A/B of a change, measured
    under the same machine load, since this machine's speed moves by tens of percent between runs."""
    name = "ccmimolinkd-baseline"


class Peer(Bridge):
    def __init__(self, name, venv_root):
        self.name = name
        self.version = PEER_VERSIONS[name]
        self.venv = os.path.join(venv_root, name)

    def exe(self, name):
        return os.path.join(self.venv, "bin", name)

    def unavailable(self):
        marker = os.path.join(self.venv, "install-failed.txt")
        if os.path.exists(marker):
            with open(marker, encoding="utf-8", errors="replace") as f:
                return "pip install failed: " + f.read().strip().splitlines()[-1][:120]
        if not os.path.isdir(self.venv):
            return "not installed (run Benchmarks/bridge-bench/run)"
        return None


class CodexRelay(Peer):
    def __init__(self, venv_root):
        super().__init__("codex-relay", venv_root)

    def command(self, port, upstream_root, workdir, busy=False):
        env = _clean_env(workdir)
        return [self.exe("codex-relay"), "--port", str(port), "--bind", "127.0.0.1",
                "--upstream", upstream_root + "/v1", "--api-key", KEY], env


class DS4Codex(Peer):
    # ds4codex builds `web.Application()` with aiohttp's default client_max_size (1 MiB), and its
    # handler turns the resulting 413 into 400 {"error": "Invalid JSON"}.
    explain = {"Invalid JSON": "aiohttp's default 1 MiB request limit"}

    def __init__(self, venv_root):
        super().__init__("ds4codex", venv_root)

    def command(self, port, upstream_root, workdir, busy=False):
        env = _clean_env(workdir)
        return [self.exe("ds4codex"), "run", "--config-path", os.path.join(workdir, "no-codex-config.toml"),
                "--host", "127.0.0.1", "--port", str(port),
                "--target-url", upstream_root + "/v1/chat/completions", "--api-key", KEY], env


class CodexBridgePython(Peer):
    def __init__(self, venv_root):
        super().__init__("codex-bridge-python", venv_root)

    def command(self, port, upstream_root, workdir, busy=False):
        env = _clean_env(workdir)
        return [self.exe("codex-bridge-python"), "--port", str(port), "--upstream", upstream_root + "/v1",
                "--api-key", KEY], env


class LiteLLM(Peer):
    def __init__(self, venv_root):
        super().__init__("litellm", venv_root)

    def command(self, port, upstream_root, workdir, busy=False):
        env = _clean_env(workdir)
        # Use the bundled model cost map: no fetch from the internet at start.
        env["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
        env["LITELLM_TELEMETRY"] = "False"
        env["NO_DOCS"] = "True"
        config = os.path.join(workdir, "litellm.yaml")
        with open(config, "w") as f:
            f.write(
                "model_list:\n"
                "  - model_name: mimo-v2.6-pro\n"
                "    litellm_params:\n"
                "      model: custom_openai/mimo-v2.6-pro\n"
                f"      api_base: {upstream_root}/v1\n"
                f"      api_key: {KEY}\n"
                "litellm_settings:\n"
                "  telemetry: false\n"
                # Codex sends `reasoning`; without this LiteLLM answers 400 UnsupportedParamsError
                # (custom_openai does not support reasoning_effort) before contacting the upstream.
                "  drop_params: true\n"
                "general_settings:\n"
                f"  master_key: {KEY}\n"
            )
        return [self.exe("litellm"), "--host", "127.0.0.1", "--port", str(port), "--config", config,
                "--num_workers", "1"], env


def all_bridges(bin_dir, venv_root, daemon_version, baseline_bin_dir=None):
    baseline = [CCMimoLinkdBaseline(baseline_bin_dir, "baseline")] if baseline_bin_dir else []
    return [CCMimoLinkd(bin_dir, daemon_version)] + baseline + [
        CodexRelay(venv_root), DS4Codex(venv_root), CodexBridgePython(venv_root), LiteLLM(venv_root)]
