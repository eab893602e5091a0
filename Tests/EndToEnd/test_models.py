"""Today's MiMo through the real Codex CLI (each version in codex-versions): the v2.6 line, retired
names people still type, and an image refused by the text model. The simulator retires the v2.5 ids
the way MiMo did on 2026-10-21 (400 "Not supported model").

Each test has a daemon of its own, so what it pins and what it learns stays with it.
"""
import base64
import json

import pytest

from conftest import E2E_KEY, Codex, start_daemon

PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==")


@pytest.fixture()
def own_daemon(simulator, sim, tmp_path):
    state = tmp_path / "state"
    state.mkdir()
    process = start_daemon(simulator, state)
    yield process
    process.stop()
    assert E2E_KEY not in process.stderr(), "the API key reached the daemon's log"


def models_sent(sim):
    return [(r["model"], r["status"]) for r in sim.chat_requests()]


def test_pinning_a_retired_name_answers_with_its_successor(own_daemon, sim, codex_version, tmp_path):
    pinned = own_daemon.ctl("model", "v2.5-pro")
    assert "v2.5-pro (retired 2026-10-21) → mimo-v2.6-pro" in pinned.stdout, pinned.stdout
    # Codex names another model; the pin wins, and the retired id never reaches MiMo.
    codex = Codex(own_daemon.base_url, str(tmp_path), model="mimo-v2.6-flash", version=codex_version)
    result = codex.run("say hi")
    assert result.code == 0, result.explain()
    assert result.final_message() == "Hello from the MiMo simulator."
    assert models_sent(sim) == [("mimo-v2.6-pro", 200)]

    status = own_daemon.ctl("status").stdout
    assert "Model        v2.5-pro (retired 2026-10-21) → mimo-v2.6-pro (from ccmimoctl" in status, status
    # The request's key let the daemon read MiMo's model list in the background.
    listing = own_daemon.ctl("models", "--refresh")
    assert "models it serves (read " in listing.stdout, listing.stdout
    assert "mimo-v2.5-pro" in listing.stdout and "→ mimo-v2.6-pro" in listing.stdout
    report = json.loads(own_daemon.ctl("models", "--json").stdout)
    assert [m["id"] for m in report["models"]] == ["mimo-v2.6-flash", "mimo-v2.6-pro", "mimo-v2.6-pro-ultraspeed"]
    assert report["text_id"] == "mimo-v2.6-pro" and report["images_id"] == "mimo-v2.6-flash"
    assert {"name": "mimo-v2.5-pro", "retired_on": "2026-10-21", "successor": "mimo-v2.6-pro", "still_served": False} in report["legacy"]
    # The pin is kept as typed, so after a restart it follows whatever MiMo serves then.
    assert (own_daemon.state / "ccmimolink" / "pinned-model").read_text().strip() == "v2.5-pro"
    print("\n$ ccmimoctl model v2.5-pro\n" + pinned.stdout + "\n$ ccmimoctl status\n" + status
          + "\n$ ccmimoctl models --refresh\n" + listing.stdout)


def test_an_image_refused_by_the_text_model_is_answered_by_the_vision_model(own_daemon, sim, codex_version, tmp_path):
    sim.serve_models(text_only=["mimo-v2.6-pro"])
    (tmp_path / "tiny.png").write_bytes(PNG)
    codex = Codex(own_daemon.base_url, str(tmp_path), model="mimo-v2.6-pro", version=codex_version)
    result = codex.run("SIM_IMAGE what is in the picture?", "-i", str(tmp_path / "tiny.png"))
    assert result.code == 0, result.explain()
    assert result.final_message() == "I see 1 image(s).", result.explain()
    # One refusal, answered by the vision model before Codex saw a byte; no retry from Codex.
    assert models_sent(sim) == [("mimo-v2.6-pro", 404), ("mimo-v2.6-flash", 200)]

    listing = own_daemon.ctl("models").stdout
    assert "refused an image (learned" in listing, listing
    # The next image turn goes to the vision model at once.
    sim.clear()
    sim.serve_models(text_only=["mimo-v2.6-pro"])
    again = codex.run("SIM_IMAGE and now?", "-i", str(tmp_path / "tiny.png"))
    assert again.code == 0, again.explain()
    assert [m for m, _ in models_sent(sim)] == ["mimo-v2.6-flash"]
    # What was learned is kept across a restart, until the next model-list read.
    served = json.loads((own_daemon.state / "ccmimolink" / "served-models.json").read_text())
    assert served["upstreams"][0]["refused_images"] == ["mimo-v2.6-pro"]
    print("\n$ ccmimoctl models   (after mimo-v2.6-pro refused an image)\n" + listing)


def test_an_unknown_model_ends_the_turn_with_model_not_found(own_daemon, sim, codex_version, tmp_path):
    codex = Codex(own_daemon.base_url, str(tmp_path), model="mimo-v9-nonexistent", version=codex_version)
    result = codex.run("say hi", timeout=120)
    assert result.code != 0, result.explain()
    assert "ccmimoctl models" in result.stdout + result.stderr, result.explain()
    attempts = [m for m, _ in models_sent(sim)]
    assert set(attempts) == {"mimo-v9-nonexistent"}
    if codex_version != "0.163.0":
        # Codex 0.169 ends the turn on model_not_found after one attempt; 0.163 retried it.
        assert len(attempts) == 1, attempts
