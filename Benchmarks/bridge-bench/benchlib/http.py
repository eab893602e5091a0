"""A small HTTP/1.1 client on a raw socket, with keep-alive and byte-level timestamps.

Every timestamp is `time.monotonic_ns()` (CLOCK_MONOTONIC, comparable across processes on Linux):
- `sent`: when the last request byte is handed to the kernel: right before the one `sendall` of a small
  request (stamped after it, a client descheduled in between could see a whole answer arrive "at once"),
  right after the last `sendall` of a large one;
- `first_byte`: the first response byte (the status line);
- `first_body`: the first byte of the response body (for SSE, the first event);
- `last`: the last byte of the body (the terminating chunk, Content-Length reached, or EOF);
- `first_token`: when the body first contained `token_marker` (the first content token), if one was given.
"""
import socket
import time

RECV = 262_144


class HTTPError(Exception):
    pass


class Response:
    __slots__ = ("status", "headers", "body", "sent", "first_byte", "first_body", "last", "first_token")

    def __init__(self):
        self.status = 0
        self.headers = {}
        self.body = bytearray()
        self.sent = self.first_byte = self.first_body = self.last = self.first_token = 0

    @property
    def ttfb_ns(self):
        return self.first_body - self.sent

    @property
    def ttlb_ns(self):
        return self.last - self.sent

    @property
    def ttft_ns(self):
        return self.first_token - self.sent if self.first_token else None

    def text(self):
        return self.body.decode("utf-8", "replace")


class _Chunked:
    """Incremental chunked-transfer decoder: feed bytes, learn when the body is complete."""

    def __init__(self):
        self.buf = bytearray()
        self.remaining = -1  # bytes of chunk data (+2 for CRLF) still expected; -1: reading a size line
        self.done = False
        self.in_trailer = False

    def feed(self, data, out):
        self.buf += data
        pos = 0
        buf = self.buf
        while not self.done:
            if self.in_trailer:
                end = buf.find(b"\r\n", pos)
                if end < 0:
                    break
                line = buf[pos:end]
                pos = end + 2
                if not line:
                    self.done = True
                continue
            if self.remaining < 0:
                end = buf.find(b"\r\n", pos)
                if end < 0:
                    break
                size = int(bytes(buf[pos:end]).split(b";", 1)[0].strip() or b"0", 16)
                pos = end + 2
                if size == 0:
                    self.in_trailer = True
                else:
                    self.remaining = size + 2
                continue
            take = min(self.remaining, len(buf) - pos)
            if take <= 0:
                break
            data_left = self.remaining - 2  # payload bytes still expected in this chunk
            payload = min(take, max(data_left, 0))
            if payload:
                out += buf[pos:pos + payload]
            pos += take
            self.remaining -= take
            if self.remaining == 0:
                self.remaining = -1
        del buf[:pos]


class Connection:
    """One keep-alive connection; reconnects transparently when the server closed it."""

    def __init__(self, host, port, timeout=60.0):
        self.host, self.port, self.timeout = host, port, timeout
        self.sock = None

    def _connect(self):
        self.close()
        s = socket.create_connection((self.host, self.port), timeout=self.timeout)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = s

    def close(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
            self.sock = None

    def request(self, method, path, body=b"", headers=None, keep_body=True, token_marker=None):
        """Sends one request and reads the whole response. Returns a `Response`."""
        if self.sock is None:
            self._connect()
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", f"Content-Length: {len(body)}"]
        for k, v in (headers or {}).items():
            head.append(f"{k}: {v}")
        head_bytes = ("\r\n".join(head) + "\r\n\r\n").encode()
        try:
            return self._exchange(head_bytes, body, method, keep_body, token_marker)
        except (ConnectionError, BrokenPipeError) as first:
            # A keep-alive connection the server closed while idle: one fresh attempt.
            self._connect()
            try:
                return self._exchange(head_bytes, body, method, keep_body, token_marker)
            except OSError as second:
                self.close()
                raise HTTPError(f"{second} (after {first})") from second

    def _exchange(self, head_bytes, body, method, keep_body, token_marker=None):
        s = self.sock
        resp = Response()
        if len(body) <= 65_536:
            resp.sent = time.monotonic_ns()
            s.sendall(head_bytes + body)
        else:
            s.sendall(head_bytes)
            s.sendall(body)
            resp.sent = time.monotonic_ns()
        buf = bytearray()
        # Status line and headers.
        while True:
            data = s.recv(RECV)
            now = time.monotonic_ns()
            if not data:
                if not buf:
                    raise ConnectionResetError("connection closed before the response")
                raise HTTPError("connection closed inside the response head")
            if not resp.first_byte:
                resp.first_byte = now
            buf += data
            end = buf.find(b"\r\n\r\n")
            if end >= 0:
                break
            if len(buf) > 1_000_000:
                raise HTTPError("response head too large")
        head = bytes(buf[:end]).decode("latin-1").split("\r\n")
        rest = bytes(buf[end + 4:])
        parts = head[0].split(" ", 2)
        resp.status = int(parts[1])
        for line in head[1:]:
            k, _, v = line.partition(":")
            resp.headers[k.strip().lower()] = v.strip()
        close_after = resp.headers.get("connection", "").lower() == "close"
        no_body = method == "HEAD" or resp.status in (204, 304) or 100 <= resp.status < 200
        out = resp.body if keep_body else bytearray()
        if no_body:
            resp.first_body = resp.last = now
        elif "chunked" in resp.headers.get("transfer-encoding", "").lower():
            dec = _Chunked()
            data, stamp = rest, now
            scanned = 0
            while True:
                before = len(out)
                dec.feed(data, out)
                if len(out) > before and not resp.first_body:
                    resp.first_body = stamp
                if token_marker and not resp.first_token:
                    if out.find(token_marker, max(0, scanned - len(token_marker))) >= 0:
                        resp.first_token = stamp
                    scanned = len(out)
                if dec.done:
                    resp.last = stamp
                    break
                if not keep_body:
                    out.clear()
                    scanned = 0
                data = s.recv(RECV)
                stamp = time.monotonic_ns()
                if not data:
                    raise HTTPError("connection closed inside a chunked body")
        elif "content-length" in resp.headers:
            remaining = int(resp.headers["content-length"])
            data, stamp = rest, now
            while True:
                if data and not resp.first_body:
                    resp.first_body = stamp
                out += data
                remaining -= len(data)
                if remaining <= 0:
                    resp.last = stamp
                    break
                data = s.recv(RECV)
                stamp = time.monotonic_ns()
                if not data:
                    raise HTTPError("connection closed before Content-Length was reached")
            if not resp.first_body:
                resp.first_body = resp.last
        else:
            # Close-delimited body.
            close_after = True
            data, stamp = rest, now
            while data:
                if not resp.first_body:
                    resp.first_body = stamp
                out += data
                resp.last = stamp
                data = s.recv(RECV)
                stamp = time.monotonic_ns()
            if not resp.first_body:
                resp.first_body = resp.last = stamp
        if close_after:
            self.close()
        return resp


def wait_for_port(host, port, deadline_s, proc=None, interval_s=0.002):
    """Polls connect() until it succeeds; False at the deadline or when `proc` exited."""
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc is not None and proc.poll() is not None:
            return False
        try:
            with socket.create_connection((host, port), timeout=1.0):
                return True
        except OSError:
            time.sleep(interval_s)
    return False


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
