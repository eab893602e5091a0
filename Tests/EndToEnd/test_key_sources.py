"""MiMo's 401 through the daemon's real wiring: the advice names where the rejected key came from
(the request's header, a systemd credential, or MIMO_API_KEY) and never the key itself."""
import json
import os
import urllib.error
import urllib.request

import pytest

from conftest import BIN_DIR, Process

KEY = "sk-key-source-test-0123456789"


def post(base, headers):
    body = json.dumps({"model": "mimo-v2.6-pro", "stream": False, "input": "hi SIM_FAULT_401"}).encode()
    request = urllib.request.Request(base + "/responses", data=body, method="POST",
                                     headers={"content-type": "application/json", **headers})
    try:
        urllib.request.urlopen(request, timeout=60)
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
    raise AssertionError("MiMo's 401 did not reach the client")


@pytest.mark.parametrize("source", ["header", "credential", "environment"])
def test_the_401_advice_names_where_the_key_came_from(simulator, sim, tmp_path, source):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIMO") and k != "CREDENTIALS_DIRECTORY"}
    env.update({"XDG_STATE_HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"), "HOME": str(tmp_path),
                "XDG_RUNTIME_DIR": str(tmp_path / "run")})
    headers = {}
    if source == "header":
        headers["authorization"] = "Bearer " + KEY
        expected = "came from the request's Authorization header"
    elif source == "credential":
        credentials = tmp_path / "credentials"
        credentials.mkdir()
        (credentials / "mimo-api-key").write_text(KEY + "\n")
        env["CREDENTIALS_DIRECTORY"] = str(credentials)
        expected = f"came from the credential file {credentials}/mimo-api-key"
    else:
        env["MIMO_API_KEY"] = KEY
        expected = "came from the daemon's MIMO_API_KEY environment variable"
    daemon = Process([os.path.join(BIN_DIR, "ccmimolinkd"), "--port", "0", "--base-url", simulator.root + "/v1",
                      "--skip-cc-switch-sync"], env=env, name=f"ccmimolinkd-{source}")
    try:
        status, body = post(daemon.url, headers)
    finally:
        daemon.stop()
    message = body["error"]["message"]
    assert status == 401, body
    assert expected in message, message
    assert "sk-…(len 29)" in message, message
    assert KEY not in message and KEY not in daemon.stderr()
