"""Codex-shaped request bodies (Codex CLI 0.163.0 request shape, unchanged in 0.169.0; function tools only).

Only `function` tools are used, so that every bridge can forward them: the benchmark measures speed,
not feature coverage (docs/ARCHITECTURE.md and peer-lessons cover that).
"""
import json

MODEL = "mimo-v2.6-pro"

TOOLS = [
    {"type": "function", "name": "exec_command", "strict": False,
     "description": "Runs a command in a PTY, returning output or a session ID for ongoing interaction.",
     "parameters": {"type": "object", "properties": {
         "cmd": {"type": "string", "description": "Shell command to execute."},
         "workdir": {"type": "string", "description": "Optional working directory; defaults to the turn cwd."},
         "yield_time_ms": {"type": "number", "description": "How long to wait for output before yielding."},
     }, "required": ["cmd"], "additionalProperties": False}},
    {"type": "function", "name": "write_stdin", "strict": False,
     "description": "Writes characters to an existing unified exec session and returns recent output.",
     "parameters": {"type": "object", "properties": {
         "session_id": {"type": "number"}, "chars": {"type": "string"},
     }, "required": ["session_id"], "additionalProperties": False}},
]

INSTRUCTIONS = "You are Codex, a coding agent running in a terminal. Be concise and precise."


def small_request():
    """The added-latency request: model, instructions, one user message, stream, two function tools."""
    body = {
        "model": MODEL,
        "instructions": INSTRUCTIONS,
        "input": [{"type": "message", "role": "user",
                   "content": [{"type": "input_text", "text": "Say hello to the benchmark."}]}],
        "tools": TOOLS,
        "tool_choice": "auto",
        "parallel_tool_calls": False,
        "stream": True,
        "store": False,
    }
    return json.dumps(body, separators=(",", ":")).encode()


def _output_text(step, size):
    line = f"drwxr-xr-x  2 user user  4096 Nov 22 18:{step % 60:02d} src/module_{step}/ \"quoted\" — ünïcode\n"
    parts = [f"Chunk ID: {step}\nWall time: 0.1030 seconds\nProcess exited with code 0\nOutput:\n"]
    total = len(parts[0])
    while total < size:
        parts.append(line)
        total += len(line.encode())
        line = "\t" + line[1:]
    return "".join(parts)


def large_history(target_bytes):
    """A Codex-shaped body of at least `target_bytes`: a developer prompt, then repeated steps of
    reasoning, an `exec_command` call with a 6 KB output, and every fifth step an assistant reply
    and a user follow-up. Reasoning items carry ccmimolinkd's `encrypted_content` form (what Codex
    replays to it); other bridges see an opaque string, as they would."""
    items = [
        {"type": "message", "role": "developer",
         "content": [{"type": "input_text", "text": "You are a coding agent running in the Codex CLI. " * 350}]},
        {"type": "message", "role": "user", "content": [{"type": "input_text", "text":
            "<environment_context>\n  <cwd>/home/user/proj</cwd>\n  <shell>bash</shell>\n</environment_context>"}]},
        {"type": "message", "role": "user",
         "content": [{"type": "input_text", "text": "Refactor the module and run the tests."}]},
    ]
    reasoning = "ccmimolink:reasoning:v1:" + "I should look at the next file and compare. " * 20
    size = 2000 + len(json.dumps(items, separators=(",", ":"), ensure_ascii=False).encode())
    step = 0
    while size < target_bytes:
        first_new = len(items)
        token = str(step % 10) * 24
        items.append({"type": "reasoning", "id": f"rs_{token}_{step}",
                      "summary": [{"type": "summary_text", "text": f"Checking step {step}."}],
                      "content": None, "encrypted_content": reasoning})
        items.append({"type": "function_call", "status": "completed", "id": f"fc_{token}_{step}",
                      "name": "exec_command", "call_id": f"call_{step}_{token}",
                      "arguments": json.dumps({"cmd": f"ls -la src/module_{step}", "yield_time_ms": 1000})})
        items.append({"type": "function_call_output", "call_id": f"call_{step}_{token}",
                      "output": _output_text(step, 6000)})
        if step % 5 == 4:
            items.append({"type": "message", "status": "completed", "id": f"msg_{token}_{step}", "role": "assistant",
                          "content": [{"type": "output_text", "text": f"Module {step} looks fine; moving on.",
                                       "annotations": []}]})
            items.append({"type": "message", "role": "user",
                          "content": [{"type": "input_text", "text": "continue"}]})
        step += 1
        size += len(json.dumps(items[first_new:], separators=(",", ":"), ensure_ascii=False).encode()) + 2
    body = {
        "model": MODEL,
        "instructions": INSTRUCTIONS,
        "input": items,
        "tools": TOOLS,
        "tool_choice": "auto",
        "parallel_tool_calls": True,
        "reasoning": {"effort": "high"},
        "store": False,
        "include": ["reasoning.encrypted_content"],
        "stream": True,
        "prompt_cache_key": "01a20406-cf59-7ae1-aa54-b621c185d604",
    }
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode()


def busy_request(text="Say hello slowly."):
    body = json.loads(small_request())
    body["input"][0]["content"][0]["text"] = text
    return json.dumps(body, separators=(",", ":")).encode()
