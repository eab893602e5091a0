"""The usage ledger end to end: real Codex turns through ccmimolinkd against the simulator, whose
usage (with cached tokens for the prompt prefix each request shares with the last) is summed from its
request records and compared with `ccmimoctl usage --json`."""
import json
import signal

from conftest import Codex, start_daemon

PRICES = """
[prices."mimo-v2.6-pro"]
input = 2
cached_input = 0.02
output = 8
"""


def simulator_usage(sim):
    """What the simulator reported, summed over the answers that carried usage."""
    chats = sim.chat_requests()
    answered = [r for r in chats if r["status"] == 200 and r.get("usage")]
    total = {"requests": len(chats), "input": 0, "cached": 0, "output": 0, "reasoning": 0}
    for r in answered:
        usage = r["usage"]
        total["input"] += usage["prompt_tokens"]
        total["cached"] += (usage.get("prompt_tokens_details") or {}).get("cached_tokens", 0)
        total["output"] += usage["completion_tokens"]
        total["reasoning"] += usage["completion_tokens_details"]["reasoning_tokens"]
    return total, len(answered)


def ledger_today(daemon):
    return json.loads(daemon.ctl("usage", "--json").stdout)


def test_usage_matches_what_mimo_reported_and_survives_a_kill(sim, simulator, tmp_path_factory, tmp_path, codex_version):
    state = tmp_path_factory.mktemp("usage-state")
    (state / "config" / "ccmimolink").mkdir(parents=True)
    (state / "config" / "ccmimolink" / "config.toml").write_text(PRICES)
    daemon = start_daemon(simulator, state)
    try:
        session = Codex(daemon.base_url, str(tmp_path), version=codex_version)
        first = session.run("SIM_SHELL printf one > one.txt")
        assert first.code == 0, first.explain()
        second = session.run("SIM_SHELL cat one.txt", resume=True)
        assert second.code == 0, second.explain()
        third = session.run("say hi", resume=True)
        assert third.code == 0, third.explain()

        expected, answered = simulator_usage(sim)
        assert answered == expected["requests"] >= 5, sim.chat_requests()
        assert expected["cached"] > 0, "resumed turns extend the last prompt, so MiMo's cache served part of them"

        report = ledger_today(daemon)
        today = report["periods"][0]
        assert today["label"] == "today" and today["first"] == report["today"]
        total = today["total"]
        assert total["requests"] == expected["requests"]
        assert total["failed"] == 0
        assert total["input_tokens"] == expected["input"]
        assert total["cached_input_tokens"] == expected["cached"]
        assert total["fresh_input_tokens"] == expected["input"] - expected["cached"]
        assert total["output_tokens"] == expected["output"]
        assert total["reasoning_tokens"] == expected["reasoning"]
        assert abs(total["cached_share"] - expected["cached"] / expected["input"]) < 1e-9
        assert [m["model"] for m in today["models"]] == ["mimo-v2.6-pro"]
        # Priced from config.toml, which replaced the published entry for this model.
        cost = (total["fresh_input_tokens"] * 2 + total["cached_input_tokens"] * 0.02 + total["output_tokens"] * 8) / 1e6
        assert report["cost_shown"] is True
        assert abs(total["cost_usd"] - cost) < 1e-9
        price = next(p for p in report["prices"] if p["model"] == "mimo-v2.6-pro")
        assert price["input"] == 2 and price["recorded"] is None and "config.toml" in price["source"]
        assert [p["recorded"] for p in report["prices"] if p["model"] == "mimo-v2.6-flash"] == ["2026-12-07"]
        for period in report["periods"][1:]:
            assert period["total"] == total

        table = daemon.ctl("usage").stdout
        assert "Today" in table and "Last 30 days" in table and "EST. COST" in table
        status = daemon.ctl("status").stdout
        usage_line = next(l for l in status.splitlines() if l.startswith("Usage "))
        assert f"{expected['requests']} requests" in usage_line and "cached" in usage_line, status

        # The journal line of each request carries its cached and reasoning tokens.
        log = daemon.stderr()
        assert "tokens_cached=" in log and "tokens_reasoning=" in log
    finally:
        # No graceful shutdown: what was counted must already be on disk.
        daemon.proc.send_signal(signal.SIGKILL)
        daemon.proc.wait(timeout=10)

    restarted = start_daemon(simulator, state)
    try:
        again = ledger_today(restarted)["periods"][0]["total"]
        assert again == total
        per_day = json.loads(restarted.ctl("usage", "--days", "3", "--json").stdout)["days"]
        assert [d["total"]["requests"] for d in per_day] == [0, 0, expected["requests"]]
    finally:
        restarted.stop()


def test_metrics_carry_the_same_counters(sim, simulator, tmp_path_factory, tmp_path):
    import urllib.request
    state = tmp_path_factory.mktemp("usage-metrics")
    daemon = start_daemon(simulator, state)
    try:
        result = Codex(daemon.base_url, str(tmp_path)).run("say hi")
        assert result.code == 0, result.explain()
        expected, _ = simulator_usage(sim)
        root = daemon.base_url.rsplit("/v1", 1)[0]
        with urllib.request.urlopen(root + "/metrics", timeout=10) as response:
            text = response.read().decode()
        assert f'ccmimolink_usage_requests_total{{model="mimo-v2.6-pro"}} {expected["requests"]}' in text
        assert f'ccmimolink_usage_tokens_total{{kind="output",model="mimo-v2.6-pro"}} {expected["output"]}' in text
        assert "sk-e2e" not in text
    finally:
        daemon.stop()


def test_token_plan_hides_the_cost_unless_asked(simulator, tmp_path_factory):
    state = tmp_path_factory.mktemp("usage-token-plan")
    daemon = start_daemon(simulator, state, "--mode", "token-plan-sgp")
    try:
        report = ledger_today(daemon)
        assert report["cost_shown"] is False and "Token Plan" in report["cost_note"]
        assert report["periods"][0]["total"]["cost_usd"] is None
        assert "EST. COST" not in daemon.ctl("usage").stdout
    finally:
        daemon.stop()
    shown = start_daemon(simulator, state, "--mode", "token-plan-sgp", "--usage-cost", "on")
    try:
        assert ledger_today(shown)["cost_shown"] is True
    finally:
        shown.stop()


def test_a_ledger_that_cannot_be_written_never_stops_serving(sim, simulator, tmp_path_factory, tmp_path):
    state = tmp_path_factory.mktemp("usage-unwritable")
    (state / "ccmimolink" / "usage.sqlite").mkdir(parents=True)  # where the file should be, a directory
    daemon = start_daemon(simulator, state)
    try:
        result = Codex(daemon.base_url, str(tmp_path)).run("say hi")
        assert result.code == 0, result.explain()
        report = ledger_today(daemon)
        assert report["ledger_problem"] and "usage.sqlite" in report["ledger_problem"]
        assert report["periods"][0]["total"]["requests"] == len(sim.chat_requests()), "counted in memory"
        assert "WARNING:" in daemon.ctl("usage").stdout
        health = daemon.ctl("health", check=False)
        assert health.returncode == 1 and "usage ledger" in health.stdout, health.stdout
        assert "usage ledger unavailable" in daemon.stderr()
    finally:
        daemon.stop()
