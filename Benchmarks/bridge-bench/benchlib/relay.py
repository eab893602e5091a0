"""A timing TCP relay: bridge → relay → MiMo simulator.

Forwards bytes both ways unchanged and, for every HTTP/1.1 request that passes towards the upstream,
prints one JSON line on stdout: {"t_first": ns, "t_last": ns, "bytes": body bytes, "head": request line}
with `time.monotonic_ns()` taken right after the recv() that carried the request's first and last
byte. Understands Content-Length and chunked request bodies; keep-alive connections carry several
requests. First stdout line: `listening on http://127.0.0.1:PORT`. Stops on SIGTERM.

    python3 relay.py --upstream-port N [--port 0]
"""
import argparse
import json
import signal
import socket
import sys
import threading
import time

RECV = 262_144
_print_lock = threading.Lock()


def emit(record):
    line = json.dumps(record)
    with _print_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


class RequestFramer:
    """Finds request boundaries in a client→server byte stream."""

    def __init__(self):
        self.state = "head"
        self.head = bytearray()
        self.remaining = 0
        self.chunk_buf = bytearray()
        self.chunk_left = -1
        self.body_bytes = 0
        self.t_first = 0
        self.request_line = ""

    def feed(self, data, stamp):
        pos = 0
        n = len(data)
        while pos < n:
            if self.state == "head":
                if not self.head and not self.t_first:
                    self.t_first = stamp
                self.head += data[pos:]
                end = self.head.find(b"\r\n\r\n")
                if end < 0:
                    return
                consumed_from_data = len(data) - pos - (len(self.head) - (end + 4))
                pos += consumed_from_data
                head = bytes(self.head[:end]).decode("latin-1").split("\r\n")
                self.head.clear()
                self.request_line = head[0]
                headers = {}
                for line in head[1:]:
                    k, _, v = line.partition(":")
                    headers[k.strip().lower()] = v.strip()
                self.body_bytes = 0
                if "chunked" in headers.get("transfer-encoding", "").lower():
                    self.state = "chunked"
                    self.chunk_buf.clear()
                    self.chunk_left = -1
                else:
                    self.remaining = int(headers.get("content-length", "0") or 0)
                    self.state = "length"
                    if self.remaining == 0:
                        self._done(stamp)
            elif self.state == "length":
                take = min(self.remaining, n - pos)
                pos += take
                self.remaining -= take
                self.body_bytes += take
                if self.remaining == 0:
                    self._done(stamp)
            else:  # chunked
                if self.chunk_left > 0:
                    take = min(self.chunk_left, n - pos)
                    pos += take
                    self.chunk_left -= take
                    if self.chunk_left == 0:
                        self.chunk_left = -1
                    continue
                # A size line or a trailer line; a partial line waits in chunk_buf.
                if self.chunk_buf.endswith(b"\r") and data[pos:pos + 1] == b"\n":
                    line = bytes(self.chunk_buf[:-1])
                    pos += 1
                else:
                    idx = data.find(b"\r\n", pos)
                    if idx < 0:
                        self.chunk_buf += data[pos:]
                        pos = n
                        continue
                    line = bytes(self.chunk_buf) + bytes(data[pos:idx])
                    pos = idx + 2
                self.chunk_buf.clear()
                if self.chunk_left == -2:  # trailer section: an empty line ends the request
                    if not line:
                        self._done(stamp)
                    continue
                size = int(line.split(b";", 1)[0].strip() or b"0", 16)
                if size == 0:
                    self.chunk_left = -2
                else:
                    self.body_bytes += size
                    self.chunk_left = size + 2

    def _done(self, stamp):
        emit({"t_first": self.t_first, "t_last": stamp, "bytes": self.body_bytes, "head": self.request_line})
        self.state = "head"
        self.t_first = 0


def pump_up(client, upstream):
    framer = RequestFramer()
    try:
        while True:
            data = client.recv(RECV)
            stamp = time.monotonic_ns()
            if not data:
                break
            framer.feed(data, stamp)
            upstream.sendall(data)
    except OSError:
        pass
    finally:
        for s in (upstream,):
            try:
                s.shutdown(socket.SHUT_WR)
            except OSError:
                pass


def pump_down(upstream, client):
    try:
        while True:
            data = upstream.recv(RECV)
            if not data:
                break
            client.sendall(data)
    except OSError:
        pass
    finally:
        try:
            client.shutdown(socket.SHUT_WR)
        except OSError:
            pass


def serve(conn, upstream_port):
    try:
        up = socket.create_connection(("127.0.0.1", upstream_port), timeout=30)
    except OSError:
        conn.close()
        return
    up.settimeout(None)
    for s in (conn, up):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    down = threading.Thread(target=pump_down, args=(up, conn), daemon=True)
    down.start()
    pump_up(conn, up)
    down.join(timeout=600)
    conn.close()
    up.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--upstream-port", type=int, required=True)
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args()
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", args.port))
    srv.listen(512)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    emit_line = f"listening on http://127.0.0.1:{srv.getsockname()[1]}"
    with _print_lock:
        sys.stdout.write(emit_line + "\n")
        sys.stdout.flush()
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=serve, args=(conn, args.upstream_port), daemon=True).start()


if __name__ == "__main__":
    main()
