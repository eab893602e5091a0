"""MiMo's prompt cache through the real Codex CLI (each version in codex-versions): MiMo bills a prompt
prefix it has seen at about 1 % of fresh input, so every request the daemon sends must extend the
previous one sent to the same model, over turns, tool calls, an image turn that goes to the vision
model, and a daemon restart. Benchmarks/CacheReuse measures the same on a longer recorded session.
"""
import base64
import json

from conftest import E2E_KEY, Codex, start_daemon

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==")


def prompt(body):
    """The tools, then the messages, one serialized element each: what a prefix cache can reuse."""
    return [json.dumps(x, ensure_ascii=False, separators=(",", ":")) for x in body.get("tools", []) + body["messages"]]


def retarget(codex, old_url, new_url):
    """Points the Codex home at a daemon that came back on another port."""
    path = f"{codex.home}/config.toml"
    with open(path) as f:
        text = f.read()
    with open(path, "w") as f:
        f.write(text.replace(old_url, new_url))


def test_each_request_extends_the_previous_one_sent_to_its_model(simulator, sim, codex_version, tmp_path):
    sim.serve_models(text_only=["mimo-v2.6-pro"])
    state = tmp_path / "state"
    state.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    (work / "tiny.png").write_bytes(PNG)
    daemon = start_daemon(simulator, state)
    try:
        codex = Codex(daemon.base_url, str(work), version=codex_version)
        turns = [("SIM_SHELL printf one > one.txt", ()), ("SIM_PATCH two.txt two", ()),
                 ("SIM_IMAGE what is in the picture?", ("-i", str(work / "tiny.png"))),
                 ("SIM_SHELL cat one.txt", ()), ("what now?", ())]
        for number, (text, extra) in enumerate(turns):
            if number == 3:  # a restart: the lineup it learned (v2.6-pro refuses images) must survive
                daemon.stop()
                assert E2E_KEY not in daemon.stderr()
                old_url = daemon.base_url
                daemon = start_daemon(simulator, state)
                retarget(codex, old_url, daemon.base_url)
            result = codex.run(text, *extra, resume=number > 0)
            assert result.code == 0, result.explain()
    finally:
        daemon.stop()
    assert E2E_KEY not in daemon.stderr()

    answered = [r for r in sim.chat_requests() if r["status"] == 200]
    assert [r["model"] for r in answered] == ["mimo-v2.6-pro"] * 4 + ["mimo-v2.6-flash"] + ["mimo-v2.6-pro"] * 3
    latest = {}
    for index, request in enumerate(answered):
        current = prompt(request["body"])
        earlier = latest.get(request["model"])
        if earlier is not None:
            assert current[:len(earlier)] == earlier, f"request {index} ({request['model']}) does not extend the previous one"
        latest[request["model"]] = current
    # ccmimolink's catalog makes Codex declare every tool up front, so no tool joins the list mid-session.
    names = [t["function"]["name"] for t in answered[0]["body"]["tools"]]
    assert "tool_search" not in names and "multi_agent_v1__spawn_agent" in names, names
    assert all(r["body"]["tools"] == answered[0]["body"]["tools"] for r in answered)
