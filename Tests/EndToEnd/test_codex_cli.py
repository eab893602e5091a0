"""The real Codex CLI (each version in codex-versions) driving ccmimolinkd against the MiMo simulator.

The simulator enforces MiMo's request rules (reasoning replay, strict, duplicate tools, images on
text models, …), so any translation bug shows up here as the 400 MiMo would give.
"""
import base64
import os

import pytest


def last_request(sim):
    records = sim.requests()
    assert records, "MiMo saw no request"
    return records[-1]


def chat_requests(sim):
    return [r for r in sim.requests() if r.get("path", "").endswith("/chat/completions")]


def test_plain_answer(codex, sim):
    result = codex().run("say hi")
    assert result.code == 0, result.explain()
    assert result.final_message() == "Hello from the MiMo simulator."
    request = last_request(sim)
    assert request["model"] == "mimo-v2.6-pro"
    assert request["status"] == 200


def test_reasoning_then_answer(codex, sim):
    result = codex().run("tell me something")
    assert result.code == 0, result.explain()
    reasoning = result.items("reasoning")
    assert reasoning and reasoning[0]["text"].startswith("Thinking about:"), result.explain()
    assert result.final_message() == "Hello from the MiMo simulator."


def test_shell_call_creates_a_file_and_follow_up_turn_reads_it(codex, sim, tmp_path):
    session = codex()
    first = session.run("SIM_SHELL printf 'hello from e2e' > made.txt")
    assert first.code == 0, first.explain()
    assert (tmp_path / "made.txt").read_text() == "hello from e2e"
    assert first.items("command_execution"), first.explain()

    second = session.run("SIM_SHELL cat made.txt", resume=True)
    assert second.code == 0, second.explain()
    assert second.final_message() == "Done. The tool said: hello from e2e", second.explain()
    # The whole history was replayed, and every earlier tool-call message carried its reasoning
    # (the simulator answers 400 otherwise, so reaching here already proves it; check it anyway).
    body = last_request(sim)["body"]
    tool_call_messages = [m for m in body["messages"] if m.get("role") == "assistant" and m.get("tool_calls")]
    assert len(tool_call_messages) == 2
    assert all(m.get("reasoning_content", "").startswith("Thinking about:") for m in tool_call_messages)


def test_two_parallel_calls(codex, sim, tmp_path):
    result = codex().run("SIM_PARALLEL printf one > one.txt ;; printf two > two.txt")
    assert result.code == 0, result.explain()
    assert (tmp_path / "one.txt").read_text() == "one"
    assert (tmp_path / "two.txt").read_text() == "two"
    body = last_request(sim)["body"]
    assistant = [m for m in body["messages"] if m.get("role") == "assistant" and m.get("tool_calls")]
    assert len(assistant) == 1 and len(assistant[0]["tool_calls"]) == 2
    tools = [m for m in body["messages"] if m.get("role") == "tool"]
    assert [t["tool_call_id"] for t in tools] == [c["id"] for c in assistant[0]["tool_calls"]]


def test_apply_patch_through_the_served_catalog(codex, sim, tmp_path):
    # A config.toml from last summer names the retired mimo-v2.5-pro: the catalog's hidden legacy entry
    # still gives Codex the freeform apply_patch tool, and the request goes to the successor.
    result = codex(model="mimo-v2.5-pro").run("SIM_PATCH patched.txt hello from a patch")
    assert result.code == 0, result.explain()
    assert (tmp_path / "patched.txt").read_text() == "hello from a patch\n"
    first = chat_requests(sim)[0]["body"]
    names = [t["function"]["name"] for t in first.get("tools", [])]
    assert "apply_patch" in names, names  # freeform apply_patch only exists with our catalog entry
    # The catalog's base instructions became the first developer (system) message.
    assert "powered by a Xiaomi MiMo model" in first["messages"][0]["content"]
    assert {r["model"] for r in chat_requests(sim)} == {"mimo-v2.6-pro"}


def test_attached_image_reaches_a_model_that_takes_it(codex, sim, tmp_path):
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==")
    (tmp_path / "tiny.png").write_bytes(png)
    result = codex().run("SIM_IMAGE what is in the picture?", "-i", str(tmp_path / "tiny.png"))
    assert result.code == 0, result.explain()
    assert result.final_message() == "I see 1 image(s).", result.explain()
    assert last_request(sim)["model"] == "mimo-v2.6-pro"  # this simulator's v2.6-pro takes images (test_models.py: one that refuses)


def test_429_then_success(codex, sim):
    sim.enqueue([{"kind": "status", "status": 429, "retry_after": "1"}, {"kind": "status", "status": 429}])
    result = codex().run("say hi after a rate limit")
    assert result.code == 0, result.explain()
    assert result.final_message() == "Hello from the MiMo simulator."
    statuses = [r["status"] for r in chat_requests(sim)]
    assert statuses[:2] == [429, 429] and statuses[-1] == 200, statuses


def test_500_then_success(codex, sim):
    sim.enqueue([{"kind": "status", "status": 500}])
    result = codex().run("say hi after a server error")
    assert result.code == 0, result.explain()
    assert [r["status"] for r in chat_requests(sim)] == [500, 200]


def test_mid_stream_disconnect_is_recovered(codex, sim):
    result = codex().run("say hi SIM_FAULT_DISCONNECT_AFTER_REASONING_ONCE")
    assert result.code == 0, result.explain()
    assert result.final_message() == "Hello from the MiMo simulator."
    assert len(chat_requests(sim)) == 2  # Codex retried the turn after response.failed


def no_markup_in_messages(result):
    """No `<` of MiMo's tool-call markup reached any message the user saw."""
    return all("<" not in m.get("text", "") for m in result.items("agent_message"))


def test_text_written_tool_call_is_executed(codex, sim, tmp_path):
    result = codex().run("SIM_TEXT_TOOL printf recovered > from_text.txt")
    assert result.code == 0, result.explain()
    assert (tmp_path / "from_text.txt").read_text() == "recovered"
    # The raw markup never reached the user's screen.
    assert no_markup_in_messages(result), result.explain()


# The malformed shapes MiMo really writes (docs/mimo-simulator.md, SIM_TEXT_TOOL_<SHAPE>): no
# <tool_call> opener, an <invoke> without its wrapper's opener, a wrapper that is never closed.
@pytest.mark.parametrize("shape", ["NO_OPENER", "BARE_INVOKE", "NO_CLOSER"])
def test_malformed_text_tool_call_is_executed(codex, sim, tmp_path, shape):
    result = codex().run(f"SIM_TEXT_TOOL_{shape} printf {shape} | tee from_text.txt")
    assert result.code == 0, result.explain()
    assert (tmp_path / "from_text.txt").read_text() == shape
    assert result.items("command_execution"), result.explain()
    assert result.final_message() == f"Done. The tool said: {shape}", result.explain()
    assert no_markup_in_messages(result), result.explain()


# apply_patch's freeform body written as text (opencodex#5499): after <function=apply_patch>, and bare.
@pytest.mark.parametrize("directive", ["SIM_TEXT_PATCH", "SIM_TEXT_PATCH_BARE"])
def test_text_written_patch_is_applied(codex, sim, tmp_path, directive):
    result = codex().run(f"{directive} patched.txt written as text")
    assert result.code == 0, result.explain()
    assert (tmp_path / "patched.txt").read_text() == "written as text\n"
    assert no_markup_in_messages(result), result.explain()
    assert all("*** Begin Patch" not in m.get("text", "") for m in result.items("agent_message")), result.explain()


def test_silent_prefill_of_60s_survives_a_20s_idle_timeout(codex, sim):
    result = codex(idle_timeout_ms=20000).run("say hi SIM_FAULT_STALL_AFTER_HEADERS_60_ONCE", timeout=200)
    assert result.code == 0, result.explain()
    assert result.final_message() == "Hello from the MiMo simulator."
    assert len(chat_requests(sim)) == 1  # no retry: keepalives kept the stream alive
