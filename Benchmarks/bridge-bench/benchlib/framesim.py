#!/usr/bin/env python3
"""A MiMo stand-in that writes like a Python asyncio server does: every SSE frame its own HTTP
chunk and its own write(), TCP_NODELAY on, the response head in a write of its own. The Swift
simulator (mimo-simulator) hands its frames to NIO, which coalesces whatever is ready into one
write; real gateways and Python peers' upstreams often do not, so a bridge that is fast against
one can be slow against the other. Same chunk shapes as mimo-simulator: a reasoning phase, then
content, then the finish, the usage and [DONE].

    python3 framesim.py [--port N] [--frames-reasoning N] [--frames-content N] [--frame-gap-ms MS]

--frame-gap-ms waits between frames, so that each reaches the bridge as a read of its own, as a token
stream's do (with no gap, a bridge that wakes late finds several frames in one read). The wait blocks
the event loop (time.sleep: asyncio's timers round sub-millisecond waits up), which is fine for the
bench's one request at a time.

Prints "listening on http://127.0.0.1:PORT" first. Serves POST …/chat/completions, GET …/models,
GET|DELETE /__sim/requests (the records hold path, model, status and body, no key). Loopback only.
"""
import argparse
import asyncio
import json
import socket
import sys
import time

RECORDS = []
MAX_RECORDS = 200


def chunk(delta, finish=None, usage=None):
    body = {"id": "framesim", "object": "chat.completion.chunk", "created": 1776848906, "model": "mimo-v2.6-pro",
            "choices": [] if usage else [{"index": 0, "delta": delta, "finish_reason": finish}]}
    if usage:
        body["usage"] = usage
    return b"data: " + json.dumps(body, separators=(",", ":")).encode() + b"\n\n"


def frames(model, reasoning, content):
    out = [chunk({"role": "assistant", "content": None, "reasoning_content": "Thinking"})]
    out += [chunk({"content": None, "reasoning_content": f" step {i}"}) for i in range(reasoning)]
    words = ("Hello from the frame simulator, one word per frame, like a real token stream " * 4).split()
    out += [chunk({"content": (" " if i else "") + words[i % len(words)], "reasoning_content": None}) for i in range(content)]
    out.append(chunk({}, finish="stop"))
    out.append(chunk(None, usage={"prompt_tokens": 57, "completion_tokens": reasoning + content + 1,
                                  "total_tokens": 58 + reasoning + content,
                                  "completion_tokens_details": {"reasoning_tokens": reasoning + 1}}))
    out.append(b"data: [DONE]\n\n")
    return [f.replace(b'"mimo-v2.6-pro"', json.dumps(model).encode()) for f in out]


async def write_chunk(writer, data):
    writer.write(b"%x\r\n%s\r\n" % (len(data), data))
    await writer.drain()


async def respond_json(writer, status, value):
    body = json.dumps(value).encode()
    writer.write(b"HTTP/1.1 %d X\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n%s" % (status, len(body), body))
    await writer.drain()


async def handle(reader, writer, options):
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
            body = await reader.readexactly(int(headers.get("content-length", "0") or 0))
            if path.startswith("/__sim/requests"):
                if method == "DELETE":
                    RECORDS.clear()
                await respond_json(writer, 200, RECORDS if method == "GET" else {"recorded_requests": 0})
            elif path.endswith("/models"):
                await respond_json(writer, 200, {"object": "list", "data": [{"id": "mimo-v2.6-pro", "object": "model"}]})
            elif path.endswith("/chat/completions") and method == "POST":
                request = json.loads(body or b"{}")
                RECORDS.append({"path": path, "model": request.get("model"), "status": 200, "body": request})
                del RECORDS[:-MAX_RECORDS]
                writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncache-control: no-cache\r\n"
                             b"transfer-encoding: chunked\r\n\r\n")
                await writer.drain()
                for i, frame in enumerate(frames(request.get("model", "mimo-v2.6-pro"), options.frames_reasoning, options.frames_content)):
                    if i and options.frame_gap_ms > 0:
                        time.sleep(options.frame_gap_ms / 1000)
                    await write_chunk(writer, frame)
                writer.write(b"0\r\n\r\n")
                await writer.drain()
            else:
                await respond_json(writer, 404, {"error": {"message": "not found"}})
    except (asyncio.IncompleteReadError, ConnectionError):
        pass
    finally:
        writer.close()


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--frames-reasoning", type=int, default=8)
    ap.add_argument("--frames-content", type=int, default=16)
    ap.add_argument("--frame-gap-ms", type=float, default=0)
    options = ap.parse_args()
    server = await asyncio.start_server(lambda r, w: handle(r, w, options), "127.0.0.1", options.port)
    port = server.sockets[0].getsockname()[1]
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
