#!/usr/bin/env python3
"""Writes the hand-made seed inputs under Fuzz/corpus (request seeds: shrunk copies of
Tests/Fixtures/codex). Re-run after changing a target's input format; the fuzzers only need a few
valid examples of each shape, so strings are cut short to keep every file small."""
import glob, json, os

root = os.path.dirname(os.path.abspath(__file__))
corpus = os.path.join(root, "corpus")

def write(target, name, data):
    os.makedirs(os.path.join(corpus, target), exist_ok=True)
    with open(os.path.join(corpus, target, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

# request: the Codex fixtures with every string cut to 60 characters.
def shrink(v):
    if isinstance(v, str): return v[:60]
    if isinstance(v, list): return [shrink(x) for x in v]
    if isinstance(v, dict): return {k: shrink(x) for k, x in v.items()}
    return v
for path in sorted(glob.glob(os.path.join(root, "..", "Tests", "Fixtures", "codex", "*.json"))):
    with open(path) as f:
        body = shrink(json.load(f))
    write("request", os.path.basename(path), json.dumps(body, ensure_ascii=False, separators=(",", ":")))
# Shapes the fixtures lack: string input, our own item ids, local_shell, forced tool_choice, a trailing
# compaction_trigger, an output for an unknown call.
write("request", "string-input.json", '{"model":"mimo-v2.5-pro","input":"hello","stream":true,"reasoning":{"effort":"none"},"max_output_tokens":100,"temperature":0.5,"top_p":1}')
write("request", "our-ids-replay.json", '{"model":"gpt-5.5","stream":false,"tool_choice":{"type":"function","name":"exec_command"},"parallel_tool_calls":true,"tools":[{"type":"function","name":"exec_command","strict":false,"parameters":{"type":"object","properties":{"cmd":{"type":"string"}},"required":["cmd"]}},{"type":"custom","name":"apply_patch","format":{"type":"grammar","syntax":"lark","definition":"start: x"}},{"type":"local_shell"},{"type":"web_search"}],"input":[{"type":"message","role":"developer","content":[{"type":"input_text","text":"be brief"}]},{"type":"message","role":"user","content":[{"type":"input_text","text":"list"},{"type":"input_image","image_url":"data:image/png;base64,iVBORw0KGgo="}]},{"type":"reasoning","id":"rs_000000000000000000000000_0","summary":[{"type":"summary_text","text":"t"}],"encrypted_content":"ccmimolink:reasoning:v1:dGhpbms="},{"type":"function_call","id":"fc_000000000000000000000000_1","call_id":"call_000000000000000000000000_0","name":"exec_command","arguments":"{\\"cmd\\":\\"ls\\"}"},{"type":"local_shell_call","id":"lsh_000000000000000000000000_2","call_id":"call_000000000000000000000000_1","action":{"type":"exec","command":["ls","-l"]},"status":"completed"},{"type":"function_call_output","call_id":"call_000000000000000000000000_0","output":""},{"type":"custom_tool_call_output","call_id":"nope","output":[{"type":"input_text","text":"x"}]},{"type":"message","role":"assistant","content":[{"type":"output_text","text":"done"}]},{"type":"compaction","encrypted_content":"summary"},{"type":"compaction_trigger"}]}')

# sse-stream: flags byte, split byte, then the body (see FuzzSSEStream.swift).
def sse(*chunks, done=True, crlf=False):
    end = "\r\n" if crlf else "\n"
    text = "".join(f"data: {json.dumps(c, separators=(',', ':'))}{end}{end}" for c in chunks)
    return text + (f"data: [DONE]{end}{end}" if done else "")
def delta(**d): return {"choices": [{"index": 0, "delta": d}]}
def finish(reason, **d): return {"choices": [{"index": 0, "delta": d, "finish_reason": reason}]}
usage = {"choices": [], "usage": {"prompt_tokens": 5, "completion_tokens": 7, "total_tokens": 12,
                                  "completion_tokens_details": {"reasoning_tokens": 2}}}
streams = {
    "text": sse(delta(role="assistant", content="\n\nHel"), finish("stop", content="lo"), usage),
    "reasoning-then-call": sse(delta(reasoning_content="think"),
        delta(tool_calls=[{"index": 0, "id": "a", "type": "function", "function": {"name": "exec_command", "arguments": "{\"cmd\":"}}]),
        finish("tool_calls", tool_calls=[{"index": 0, "function": {"arguments": "\"ls\"}"}}])),
    "custom-and-namespace": sse(
        delta(tool_calls=[{"index": 0, "id": "p", "function": {"name": "apply_patch", "arguments": "{\"input\":\"*** Begin\"}"}},
                          {"index": 1, "id": "q", "function": {"name": "mcp__mini__ping", "arguments": "{}"}}]),
        delta(tool_calls=[{"index": 0, "id": "r", "function": {"name": "tool_search", "arguments": "{\"query\":\"x\"}"}}]),
        finish("tool_calls", tool_calls=[{"index": 2, "function": {"name": "shell", "arguments": "{\"command\":[\"ls\"]}"}}]),
        done=False),
    "text-tool-call": sse(delta(content="Sure. <tool_call>{\"name\": \"exec_command\", \"argu"),
        delta(content="ments\": {\"cmd\": \"ls\"}}</tool_call>"), finish("stop")),
    "error": sse(delta(content="partial"), {"error": {"message": "Rate limit", "type": "rate_limit", "code": "429"}}),
    "length": sse({"choices": [{"index": 0, "message": {"content": "whole", "reasoning": "r"}, "finish_reason": "length"}]}, crlf=True),
    "comments-and-fields": "\ufeff: keepalive\n\nevent: message\nid: 1\nretry: 1500\ndata: {\"choices\":[{\"delta\":\n"
        "data: {\"content\":\"x\"}}]}\n\ndata:{\"choices\":[{\"delta\":{\"content\":\"y\"},\"finish_reason\":\"content_filter\"}]}\r\rdata: [DONE]",
    "truncated": "data: {\"choices\":[{\"delta\":{\"content\":\"cut",
}
for index, (name, body) in enumerate(sorted(streams.items())):
    flags = [0x00, 0x04, 0x08, 0x10, 0x20, 0x01, 0x02, 0x03][index % 8]
    write("sse-stream", name, bytes([flags | 0x40, 0]) + body.encode())
    write("sse-stream", name + "-split", bytes([flags, 0x5b]) + body.encode())

# text-tool-calls: flags byte, split byte, then the text (see FuzzTextToolCalls.swift).
texts = {
    "json-object": '<tool_call>{"name": "shell", "arguments": {"command": ["ls"], "timeout_ms": "100"}}</tool_call>',
    "json-string-arguments": 'Run: <tool_call>{"name": "read_file", "arguments": "{\\"path\\": \\"a\\", \\"limit\\": \\"5\\"}"}</tool_call> done',
    "json-array": '<tool_call>[{"name": "shell", "arguments": {}}, {"function": {"name": "read_file", "parameters": {"path": "x"}}}]</tool_call>',
    "compact": '<toolcall><shell>{"command": ["date"], "login": "true"}</shell></toolcall> ok',
    "function-parameters": '<tool_call><function=shell><parameter=command>["ls","-l"]</parameter><parameter=env>{"A":"1"}</parameter></function></tool_call>',
    "function-name-attribute": '<tool_call><function name="read_file"><parameter name="offset">1.5</parameter></function></tool_call>',
    "function-calls-invoke": '<tml:function_calls><tml:invoke name="mcp__mini__ping"><tml:parameter name="text">hi</tml:parameter></tml:invoke></tml:function_calls>',
    "bare-invoke": 'x <invoke name="apply_patch">{"input": "*** Begin Patch"}</invoke> y',
    "prose": 'a < b and <b>bold</b>, <tool_callx> and <invoke name="nope"> — 日本語 🚀',
    "unclosed": '<tool_call>{"name": "shell", "arguments": {"command": ["ls"]}',
    "case": '<TOOL_CALL>{"name": "SHELL", "arguments": {}}</Tool_Call><tool_call>{"name": "Exec"}</tool_call>',
    # The shapes of issue 14.
    "no-opener": 'Running it.<function=shell><parameter=command>ls -la</parameter></function></tool_call>\nDone.',
    "no-closer": '<tool_call><function=shell><parameter=command>pwd</parameter></function>\nNow the next step.',
    "bare-invoke-stray-closer": '<invoke name="read_file">\n<parameter name="path">a</parameter>\n</invoke>\n</function_calls>',
    "freeform-exec": '<tool_call><function=exec>const r = await tools.exec_command({cmd: "ls"});\ntext(r)</parameter></function></tool_call>',
    "freeform-patch": '<tool_call><function=apply_patch>*** Begin Patch\n*** Add File: a.txt\n+hi\n*** End Patch\n</parameter></function></tool_call>',
    "bare-patch": 'Adding it.\n*** Begin Patch\n*** Update File: a.txt\n@@\n-a\n+b\n*** End Patch\n',
    "patch-in-prose": 'Like this:\n```\n*** Begin Patch\n*** Add File: a\n+x\n*** End Patch\n```\nThen run it.',
    "stray-closers": 'Done.\n</function>\n</tool_call>\n',
    "value-with-closer": '<tool_call><function=shell><parameter=command>echo "</tool_call>"</parameter></function></tool_call>',
}
for index, (name, text) in enumerate(sorted(texts.items())):
    write("text-tool-calls", name, bytes([index % 4, 0]) + text.encode())
    write("text-tool-calls", name + "-split", bytes([index % 4, 0x37]) + text.encode())
# Shape programs (flags bit 7; see ShapeProgram.swift): an opcode byte, then each piece's length-prefixed text.
def step(opcode, *chunks):
    return bytes([opcode]) + b"".join(bytes([len(c)]) + c for c in chunks)
programs = {
    "every-shape": step(0, b"Let me see.") + step(2, b"ls -la") + step(3, b"cat a < b") + step(0x84, b"pwd", b" then")
        + step(5, b"git status") + step(6, b"echo hi") + step(7, b'say "hi"') + step(8, b"x < 1") + step(9, b"a.txt", b"hello"),
    "leftovers-and-bare-patch": step(0x83, b"ls") + step(1, b"Now the patch:"),
    "closers-at-the-end": step(0, b"All done.") + step(2, b"\nmake\n"),
}
for index, (name, program) in enumerate(sorted(programs.items())):
    write("text-tool-calls", "shapes-" + name, bytes([0x80, 0]) + program)
    write("text-tool-calls", "shapes-" + name + "-split", bytes([0x80, 0x2b]) + program)

# control: flags byte, split byte, then what a client wrote (see FuzzControl.swift).
sessions = {
    "every-command": "".join(line + "\n" for line in [
        '{"v":1,"id":1,"command":"status"}', '{"v":1,"id":2,"command":"health","args":{"probe":true}}',
        '{"v":1,"id":3,"command":"sync","args":{"dry_run":true,"undo":false,"provider":"mimo-1"}}',
        '{"v":1,"id":4,"command":"model","args":{"select":"v2.5-pro"}}', '{"v":1,"id":5,"command":"model","args":{"reset":true}}',
        '{"command":"store","id":6,"v":1}', '{"v":1,"id":7,"command":"drain","args":null}', '{"v":1,"id":8,"command":"reload"}']),
    "malformed": "\r\n  \t\n{\"v\":2,\"id\":1,\"command\":\"status\"}\r\n{\"id\":\"x\"}\n[1,2]\n{\"v\":1,\"id\":9,\"command\":\"model\","
        "\"args\":{\"select\":\"a\",\"reset\":true}}\n{\"v\":1,\"id\":1e3,\"command\":\"nope\",\"args\":{\"x\":1}}\nnot json",
    "long-line": '{"v":1,"id":1,"command":"sync","args":{"provider":"' + "p" * 300 + '"}}\n{"v":1,"id":2,"command":"status"}\n',
}
for index, (name, text) in enumerate(sorted(sessions.items())):
    write("control", name, bytes([index % 4, 0]) + text.encode())
    write("control", name + "-split", bytes([(index + 1) % 4, 0x29]) + text.encode())
# control, as ccmimoctl reads it: a reply around each result (Tests/Fixtures/control), one seed each so
# every one fits scripts/fuzz's 4096-byte max_len, at the production line limit (flags 0).
for path in sorted(glob.glob(os.path.join(root, "..", "Tests", "Fixtures", "control", "*.json"))):
    with open(path) as f:
        reply = '{"v":1,"id":1,"ok":true,"result":' + f.read().strip() + "}\n"
    write("control", "reply-" + os.path.basename(path)[:-len(".json")], bytes([0, 0]) + reply.encode())

# Regression inputs for what the fuzzers found (see docs/RELIABILITY.md).
# A BOM, then a first line within 3 bytes of the 64-byte limit, cut into pieces (ServerSentEventDecoder).
# An opening tag longer than a 16-byte hold limit (EnvelopeEndFinder read past the end it was given).
write("text-tool-calls", "opening-longer-than-hold-limit", bytes([0x01, 0x02]) + b'<tml:function_calls>77<<fuitcame="')
# Tags inside a JSON string in <tool_call> (they were taken for a parameter, and the envelope never ended).
write("text-tool-calls", "shapes-tags-in-json-string", bytes([0x80, 0]) + step(2, b"ls") + step(7, b"ll><parameter=>") + step(7, b"</tool_call>"))
# Tags, JSON and a </parameter> inside a freeform exec body in a wrapper (they were read as markup).
write("text-tool-calls", "shapes-tags-in-freeform-body", bytes([0x80, 0]) + step(8, b'x <invoke na/e=h >{"in') + step(2, b"ls"))
write("sse-stream", "bom-first-line-at-limit", bytes([0x01, 0x5b]) + b"\xef\xbb\xbf" + b"data: " + b"a" * 57 + b"\n\n")
