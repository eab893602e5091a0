"""ccmimolinkd under a real `systemd --user` with journald (started by scripts/systemd-e2e inside a
private mount namespace): socket activation, readiness, ccmimoctl over the activated control
socket, live model switching, reload, structured journal entries without the key, a graceful stop
during a stream, and a watchdog restart of a wedged daemon.

The tests run in file order and share one simulator and one set of units.
"""
import json
import os
import threading
import urllib.error
import urllib.request

import pytest

from userstack import (CONFIG, CONTROL, KEY, MODE, RUNTIME, UNIT, Simulator, codex_request, ctl, free_port,
                       install_units, last_upstream_model, run, show, stop_units, stream, systemctl, usage_today,
                       wait_until)


@pytest.fixture(scope="module")
def stack():
    sim = Simulator()
    port = free_port()
    os.makedirs(os.path.dirname(CONFIG), exist_ok=True)
    with open(CONFIG, "w") as f:
        # A configuration from last summer: mimo-v2.5 was retired on 2026-10-21 and goes to its successor.
        f.write("# written by the systemd e2e test\nmodel = \"mimo-v2.5\"\n")
    base = install_units(sim, port, ["Environment=CCMIMOLINK_TEST_WEDGE_ON_SIGUSR2=1", "WatchdogSec=4s"])
    yield {"sim": sim, "port": port, "base": base}
    stop_units()
    sim.stop()


def test_units_verify_cleanly():
    names = ["ccmimolinkd.socket", "ccmimolinkd-control.socket", "ccmimolinkd.service"]
    if MODE == "build":
        # The repository's units name /usr/bin/ccmimolinkd and man pages that only the package installs:
        # verify everything else here (the package test verifies the installed units completely).
        paths = [os.path.join(os.environ["CCMIMOLINK_REPO"], "packaging", "systemd", n) for n in names]
        out = run("systemd-analyze", "--user", "verify", "--man=no", *paths, check=False)
        lines = [l for l in (out.stdout + out.stderr).splitlines()
                 if "Command /usr/bin/ccmimolinkd is not executable" not in l]
    else:
        out = run("systemd-analyze", "--user", "verify", *[os.path.join("/usr/lib/systemd/user", n) for n in names],
                  check=False)
        lines = (out.stdout + out.stderr).splitlines()
    assert lines == [], "\n".join(lines)


def test_socket_activation_starts_the_service_on_first_request(stack):
    systemctl("enable", "--now", "ccmimolinkd.socket")  # the README's command
    assert show("ccmimolinkd-control.socket", "ActiveState")["ActiveState"] == "active", "Wants= should start the control socket"
    assert systemctl("is-enabled", "ccmimolinkd-control.socket").stdout.strip() == "enabled", "Also= should enable it"
    assert show(UNIT, "ActiveState")["ActiveState"] == "inactive", "the service must wait for a connection"
    events, final = stream(stack["base"], "hello from systemd")
    assert events[0] == "response.created" and events[-1] == "response.completed", events
    state = show(UNIT, "ActiveState", "SubState", "StatusText", "Type", "NRestarts")
    assert state["ActiveState"] == "active", state
    assert state["StatusText"].startswith("serving mimo-v2.6-flash"), state
    assert last_upstream_model(stack["sim"]) == "mimo-v2.6-flash"
    mode = os.stat(CONTROL).st_mode & 0o777
    assert mode == 0o600, oct(mode)


def test_ccmimoctl_status_answers_over_the_activated_control_socket(stack):
    out = ctl("status", "--json").stdout
    status = json.loads(out)
    assert status["socket_activated"] is True
    assert f"http://127.0.0.1:{stack['port']}/v1" in status["http_listeners"]
    assert status["model"]["active"] == "mimo-v2.6-flash"
    assert status["model"]["resolution"] == "mimo-v2.5 (retired 2026-10-21) → mimo-v2.6-flash"
    assert status["served"] >= 1
    table = ctl("status").stdout
    assert f"127.0.0.1:{stack['port']}" in table and "mimo-v2.5 (retired 2026-10-21) → mimo-v2.6-flash" in table
    # The retirement is said once in the journal, at start.
    journal = run("journalctl", "SYSLOG_IDENTIFIER=ccmimolinkd", "-o", "cat", "--no-pager").stdout
    assert "model mimo-v2.5 (retired 2026-10-21) → mimo-v2.6-flash" in journal, journal[-2000:]


def test_reload_rereads_the_configuration(stack):
    with open(CONFIG, "w") as f:
        f.write("# written by the systemd e2e test\nmodel = \"pro\"\n")
    systemctl("reload", UNIT)
    wait_until("the reloaded model in the unit status",
               lambda: "mimo-v2.6-pro" in show(UNIT, "StatusText")["StatusText"])
    stream(stack["base"], "after reload")
    assert last_upstream_model(stack["sim"]) == "mimo-v2.6-pro"


def test_ccmimoctl_model_switches_the_next_request_and_persists(stack):
    ctl("model", "flash")
    stream(stack["base"], "after the switch")
    assert last_upstream_model(stack["sim"]) == "mimo-v2.6-flash"
    systemctl("restart", UNIT)
    stream(stack["base"], "after a restart")
    assert last_upstream_model(stack["sim"]) == "mimo-v2.6-flash", "the pinned model must survive a restart"
    ctl("model", "--reset")
    stream(stack["base"], "after the reset")
    assert last_upstream_model(stack["sim"]) == "mimo-v2.6-pro"


def test_the_key_can_come_from_a_systemd_credential(stack):
    key_file = os.path.join(os.path.dirname(CONFIG), "mimo-api-key")
    with open(os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write(KEY + "\n")
    dropin = os.path.join(RUNTIME, "systemd", "user", "ccmimolinkd.service.d", "credential.conf")
    with open(dropin, "w") as f:  # the two lines the unit's comment and the README tell users to add
        f.write("[Service]\nLoadCredential=mimo-api-key:%E/ccmimolink/mimo-api-key\n")
    systemctl("daemon-reload")
    systemctl("restart", UNIT)
    body = json.dumps(dict(codex_request("no header, key from the credential"), stream=False)).encode()
    req = urllib.request.Request(stack["base"] + "/v1/responses", data=body, method="POST",
                                 headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            assert json.loads(resp.read())["status"] == "completed"
    except urllib.error.HTTPError as error:
        ready = "\n".join(json.loads(l).get("DAEMON_KEY", "?") + " pid " + json.loads(l).get("_PID", "?") for l in run("journalctl", "--no-pager", "-o", "json", "SYSLOG_IDENTIFIER=ccmimolinkd", "MESSAGE=ready").stdout.splitlines())
        env = systemctl("show", UNIT, "-p", "Environment,LoadCredential,MainPID").stdout
        raise AssertionError(f"{error.code}: {error.read().decode()}\n{ready}\n{env}") from None
    assert stack["sim"].requests()[-1]["key"] == "sk-…"
    os.remove(dropin)
    systemctl("daemon-reload")


def test_journal_has_structured_fields_and_no_key(stack):
    def entries():
        out = run("journalctl", "SYSLOG_IDENTIFIER=ccmimolinkd", "-o", "json", "--no-pager").stdout
        return [json.loads(l) for l in out.splitlines() if l.strip()]
    responses = wait_until("a response entry with RESPONSE_ID",
                           lambda: [e for e in entries() if "RESPONSE_ID" in e and "UPSTREAM_STATUS" in e])
    entry = responses[-1]
    for field in ("RESPONSE_ID", "MODEL", "UPSTREAM_STATUS", "TTFB_MS", "DURATION_MS", "TOKENS_IN", "TOKENS_OUT",
                  "TOKENS_CACHED", "TOKENS_REASONING", "PRIORITY", "CODE_FILE", "CODE_LINE"):
        assert field in entry, f"{field} missing from {entry}"
    assert entry["UPSTREAM_STATUS"] == "200"
    everything = run("journalctl", "-o", "export", "--no-pager").stdout
    assert KEY not in everything, "the API key reached the journal"
    assert KEY[:12] not in everything


def test_stop_during_a_stream_lets_it_finish(stack):
    result = {}

    def client():
        result["events"], result["final"] = stream(stack["base"], "slow one SIM_FAULT_STALL_AFTER_HEADERS_3")

    thread = threading.Thread(target=client)
    thread.start()
    wait_until("the stream to be in flight", lambda: '"in_flight":1' in urllib.request.urlopen(
        stack["base"] + "/health", timeout=5).read().decode().replace(" ", ""))
    systemctl("stop", UNIT, timeout=120)
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert result["events"][-1] == "response.completed", result["events"]
    state = show(UNIT, "ActiveState", "Result")
    assert state == {"ActiveState": "inactive", "Result": "success"}, state
    assert show("ccmimolinkd.socket", "ActiveState")["ActiveState"] == "active", "the socket keeps listening"


def test_watchdog_restarts_a_wedged_daemon(stack):
    stream(stack["base"], "wake up")
    before = int(show(UNIT, "NRestarts")["NRestarts"])
    pid = show(UNIT, "MainPID")["MainPID"]
    systemctl("kill", "--kill-whom=main", "-s", "USR2", UNIT)
    wait_until("a watchdog restart", lambda: int(show(UNIT, "NRestarts")["NRestarts"]) > before, timeout=30)
    wait_until("the restarted daemon", lambda: show(UNIT, "ActiveState", "MainPID")["MainPID"] not in ("0", pid)
               and show(UNIT, "ActiveState")["ActiveState"] == "active", timeout=30)
    events, _ = stream(stack["base"], "after the watchdog")
    assert events[-1] == "response.completed"
    log = run("journalctl", "--no-pager", "-u", UNIT, "-o", "cat").stdout + run("journalctl", "--no-pager", "-o", "cat").stdout
    assert "Watchdog timeout" in log or "watchdog" in log.lower(), "systemd should log the watchdog timeout"


def test_idle_exit_sleeps_and_the_next_request_wakes_it_with_nothing_lost(stack):
    dropin = os.path.join(RUNTIME, "systemd", "user", "ccmimolinkd.service.d", "idle.conf")
    with open(dropin, "w") as f:
        f.write("[Service]\nEnvironment=MIMO_PROXY_IDLE_EXIT_MINUTES=0.1\n")  # 6 s
    systemctl("daemon-reload")
    systemctl("restart", UNIT)
    try:
        ctl("model", "flash")
        events, _ = stream(stack["base"], "before the nap")
        assert events[-1] == "response.completed"
        first_pid = show(UNIT, "MainPID")["MainPID"]
        assert "Idle exit" in ctl("status").stdout
        counted = usage_today()["requests"]
        assert counted >= 1
        wait_until("the idle exit", lambda: show(UNIT, "ActiveState")["ActiveState"] == "inactive", timeout=40)
        state = show(UNIT, "ActiveState", "Result", "NRestarts")
        assert state["Result"] == "success", state
        assert show("ccmimolinkd.socket", "ActiveState")["ActiveState"] == "active", "the socket keeps listening"
        assert show("ccmimolinkd-control.socket", "ActiveState")["ActiveState"] == "active"
        log = run("journalctl", "SYSLOG_IDENTIFIER=ccmimolinkd", "-o", "cat", "--no-pager").stdout
        assert "idle for 6 s; exiting" in log, log[-2000:]

        # The next connection starts a fresh daemon, which answers with the model pinned before.
        events, _ = stream(stack["base"], "after the nap")
        assert events[-1] == "response.completed"
        assert show(UNIT, "MainPID")["MainPID"] not in ("0", first_pid)
        assert last_upstream_model(stack["sim"]) == "mimo-v2.6-flash", "the pin must survive the idle exit"
        # The usage ledger needs no shutdown hook: the sleeping daemon's count is there, plus the new request.
        assert usage_today()["requests"] == counted + 1
    finally:
        ctl("model", "--reset")
        os.remove(dropin)
        systemctl("daemon-reload")
        systemctl("restart", UNIT)
