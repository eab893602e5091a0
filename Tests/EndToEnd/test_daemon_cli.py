"""ccmimolinkd's configuration surface through the real binary: precedence, sources, redaction,
unknown keys and bad values."""
import os
import subprocess

from conftest import BIN_DIR

SECRET = "sk-print-config-secret-0123456789"


def run(args, env_extra, config_text=None, tmp_path=None):
    config_home = tmp_path / "config"
    (config_home / "ccmimolink").mkdir(parents=True, exist_ok=True)
    if config_text is not None:
        (config_home / "ccmimolink" / "config.toml").write_text(config_text)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIMO")}
    env.update({"XDG_CONFIG_HOME": str(config_home), "XDG_STATE_HOME": str(tmp_path / "state"), "HOME": str(tmp_path)})
    env.update(env_extra)
    return subprocess.run([os.path.join(BIN_DIR, "ccmimolinkd")] + args, env=env, capture_output=True, text=True, timeout=60)


def line(output, key):
    return next(l for l in output.splitlines() if l.split() and l.split()[0] == key)


def test_print_config_shows_values_sources_and_no_secret(tmp_path):
    config = "# my settings\nport = 9900\nmax_concurrent = 2\nmax_concurent = 3   # typo\n\n[extra]\nx = 1\n"
    done = run(["--print-config", "--v2.5-pro"], {"MIMO_API_KEY": SECRET, "MIMO_PROXY_MAX_CONCURRENT": "6"}, config, tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "9900" in line(out, "port") and "config.toml" in line(out, "port")
    assert "6" in line(out, "max_concurrent") and "MIMO_PROXY_MAX_CONCURRENT" in line(out, "max_concurrent")
    assert "mimo-v2.5-pro" in line(out, "model") and "--v2.5-pro" in line(out, "model")
    assert "9876" not in line(out, "port")
    assert SECRET not in out and SECRET[:5] not in out and SECRET not in done.stderr
    assert "max_concurent" in done.stderr and "max_concurrent" in done.stderr  # unknown key, with a suggestion


def test_bad_values_stop_the_daemon_with_file_key_and_reason(tmp_path):
    done = run(["--print-config"], {}, 'port = "nine"\n', tmp_path)
    assert done.returncode == 78
    assert "config.toml" in done.stderr and "port" in done.stderr


def test_non_loopback_listen_needs_the_explicit_flag(tmp_path):
    refused = run(["--print-config", "--listen", "0.0.0.0"], {}, None, tmp_path)
    assert refused.returncode == 78 and "allow" in refused.stderr.lower()
    allowed = run(["--print-config", "--listen", "0.0.0.0", "--allow-non-loopback"], {}, None, tmp_path)
    assert allowed.returncode == 0, allowed.stderr
