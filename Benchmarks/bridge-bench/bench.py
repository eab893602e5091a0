#!/usr/bin/env python3
"""ccmimolinkd against the peer bridges: added latency, large-history forwarding, memory, start.

Run through `Benchmarks/bridge-bench/run` (it builds the binaries and installs the peers first).
Prints one Markdown table; writes the raw numbers as JSON (--json). See README.md beside this file.
"""
import argparse
import gc
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from benchlib import bridges as B  # noqa: E402
from benchlib import workloads as W  # noqa: E402
from benchlib.http import Connection, HTTPError, free_port, wait_for_port  # noqa: E402
from benchlib.procs import Proc, cpu_seconds, memory_kb, stop_all  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
HOST = "127.0.0.1"
AUTH = {"Authorization": f"Bearer {B.KEY}", "Content-Type": "application/json", "Accept": "text/event-stream"}

FULL = dict(warmup=30, latency=300, hist_warmup=2, hist2=30, hist8=15, streams=100, chunk_delay_ms=1000,
            starts=10, start_budget_s=90, idle_settle_s=2.0)
QUICK = dict(warmup=5, latency=30, hist_warmup=1, hist2=3, hist8=2, streams=100, chunk_delay_ms=300,
             starts=2, start_budget_s=30, idle_settle_s=1.0)


def log(msg):
    print(f"[bridge-bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def pct(values, q):
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(q * (len(s) - 1)))))]


def ms(ns):
    return ns / 1e6


def http_json(method, url, body=None, timeout=30):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"content-type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        raw = resp.read()
        return json.loads(raw) if raw else None


class Simulator:
    def __init__(self, bin_dir, log_dir, chunk_delay_ms=0):
        argv = [os.path.join(bin_dir, "mimo-simulator"), "--port", "0"]
        if chunk_delay_ms:
            argv += ["--chunk-delay-ms", str(chunk_delay_ms)]
        self._start(f"mimo-simulator-{chunk_delay_ms}ms", argv, log_dir)

    def _start(self, name, argv, log_dir):
        """Starts the upstream and reads its root URL from its "listening on" line."""
        self.proc = Proc(name, argv, log_dir=log_dir, stdout_lines=True)
        line = self.proc.wait_line("listening on", 30)
        if not line:
            self.proc.stop()
            raise RuntimeError(f"{name} did not start:\n" + self.proc.log_tail())
        self.root = line.split("listening on ", 1)[1].strip().rstrip("/")
        self.port = int(self.root.rsplit(":", 1)[1])

    def records(self):
        return http_json("GET", self.root + "/__sim/requests") or []

    def clear(self):
        http_json("DELETE", self.root + "/__sim/requests")


class FrameSimulator(Simulator):
    """The Python asyncio stand-in that writes every SSE frame on its own (benchlib/framesim.py);
    `gap_ms` between frames makes each frame its own read at the bridge, as a token stream does."""

    def __init__(self, log_dir, gap_ms=0.0):  # not super().__init__: another program, same start
        argv = [sys.executable, os.path.join(HERE, "benchlib", "framesim.py"), "--port", "0",
                "--frame-gap-ms", str(gap_ms)]
        self._start(f"framesim-{gap_ms}ms", argv, log_dir)


# The first content token: Codex's first text delta, and the first string `content` of a chat chunk.
BRIDGED_TOKEN = b'"response.output_text.delta"'
DIRECT_TOKEN = b'"content":"'


class Relay:
    def __init__(self, upstream_port, log_dir):
        self.proc = Proc("timing-relay", [sys.executable, os.path.join(HERE, "benchlib", "relay.py"),
                                          "--upstream-port", str(upstream_port)], log_dir=log_dir, stdout_lines=True)
        line = self.proc.wait_line("listening on", 15)
        if not line:
            self.proc.stop()
            raise RuntimeError("timing relay did not start:\n" + self.proc.log_tail())
        self.root = line.split("listening on ", 1)[1].strip()

    def drain(self):
        out = []
        while True:
            try:
                line = self.proc.lines.get_nowait()
            except Exception:
                return out
            if line:
                out.append(json.loads(line))

    def wait_record(self, min_bytes, timeout_s):
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            try:
                line = self.proc.lines.get(timeout=max(0.01, end - time.monotonic()))
            except Exception:
                return None
            if line:
                rec = json.loads(line)
                if rec["bytes"] >= min_bytes:
                    return rec
        return None


class Instance:
    """One running bridge on a fresh loopback port."""

    def __init__(self, bridge, upstream_root, log_dir, busy=False, label="main"):
        self.workdir = tempfile.mkdtemp(prefix=f"bridge-bench-{bridge.name}-")
        self.port = free_port()
        argv, env = bridge.command(self.port, upstream_root, self.workdir, busy=busy)
        self.proc = Proc(f"{bridge.name}-{label}", argv, env=env, cwd=self.workdir, log_dir=log_dir)
        if not wait_for_port(HOST, self.port, 90, proc=self.proc.proc):
            tail = self.proc.log_tail()
            self.stop()
            raise RuntimeError(f"did not listen on {HOST}:{self.port}: {tail.strip()[-300:]}")

    def conn(self, timeout=120):
        return Connection(HOST, self.port, timeout=timeout)

    def stop(self):
        self.proc.stop()
        shutil.rmtree(self.workdir, ignore_errors=True)


def completed(resp):
    return resp.status == 200 and b"response.completed" in resp.body


def describe_failure(resp):
    text = resp.text().replace("\n", " ")
    if resp.status == 200:
        for line in resp.text().splitlines():
            if line.startswith("data:") and "response.failed" in line:
                try:
                    err = (json.loads(line[5:]).get("response") or {}).get("error") or {}
                except ValueError:
                    break
                message = str(err.get("message", ""))
                if "Param Incorrect" in message:
                    message = "400 Param Incorrect (MiMo's reasoning-replay rule)"
                return f"response.failed: {err.get('code')}: {message[:120]}"
        for marker in ("response.failed", "error"):
            i = text.find(marker)
            if i >= 0:
                return f"stream without response.completed: …{text[i:i + 140]}"
        return "stream without response.completed"
    try:
        err = json.loads(resp.body).get("error")
        message = err.get("message", err) if isinstance(err, dict) else err
        if message:
            return f"HTTP {resp.status}: {' '.join(str(message).split())[:160]}"
    except (ValueError, AttributeError):
        pass
    return f"HTTP {resp.status}: {text[:160]}"


# ---------------------------------------------------------------------------------------------
# 1. Added latency


class LatencySubject:
    """One bridge prepared for the latency phase: running, idle memory read, smoke-tested, and with
    the exact upstream request it sends, for the direct baseline."""

    def __init__(self, bridge, sim, cfg, log_dir):
        self.bridge, self.out = bridge, {}
        self.inst = None
        self.inst = Instance(bridge, sim.root, log_dir)
        try:
            self._prepare(sim, cfg)
        except BaseException:
            self.stop()
            raise

    def _prepare(self, sim, cfg):
        time.sleep(cfg["idle_settle_s"])
        self.out["idle_rss_kb"], self.out["idle_hwm_kb"] = memory_kb(self.inst.proc.pid)
        sim.clear()
        self.body = W.small_request()
        self.c = self.inst.conn()
        first = self.c.request("POST", "/v1/responses", self.body, AUTH)
        if not completed(first):
            self.out["error"] = describe_failure(first)
            recs = sim.records()
            if recs and recs[-1].get("status") != 200:
                self.out["error"] += f" (simulator answered {recs[-1].get('status')})"
            return
        recs = [r for r in sim.records() if r.get("status") == 200]
        if not recs:
            self.out["error"] = "no successful upstream request recorded"
            return
        upstream = recs[-1]
        self.direct_body = json.dumps(upstream["body"], separators=(",", ":"), ensure_ascii=False).encode()
        self.direct_path = upstream["path"]
        self.out["upstream_request_bytes"] = len(self.direct_body)
        self.d = Connection(HOST, sim.port, timeout=60)
        probe = self.d.request("POST", self.direct_path, self.direct_body, AUTH)
        if probe.status != 200:
            self.out["error"] = f"direct baseline failed: HTTP {probe.status}"
            return
        self.samples = {"bridged_ttfb": [], "bridged_ttlb": [], "direct_ttfb": [], "direct_ttlb": [],
                        "bridged_ttft": [], "direct_ttft": []}
        self.failures = 0
        self.cpu_before = None

    @property
    def ok(self):
        return "error" not in self.out

    def one_pair(self, i, cfg):
        if i == cfg["warmup"]:
            self.cpu_before = cpu_seconds(self.inst.proc.pid)
        for which in ((0, 1) if i % 2 == 0 else (1, 0)):
            if which == 0:
                r = self.d.request("POST", self.direct_path, self.direct_body, AUTH, token_marker=DIRECT_TOKEN)
                good, prefix = r.status == 200, "direct"
            else:
                r = self.c.request("POST", "/v1/responses", self.body, AUTH, token_marker=BRIDGED_TOKEN)
                good, prefix = completed(r), "bridged"
            if good and i >= cfg["warmup"]:
                self.samples[prefix + "_ttfb"].append(r.ttfb_ns)
                self.samples[prefix + "_ttlb"].append(r.ttlb_ns)
                if r.ttft_ns is not None:
                    self.samples[prefix + "_ttft"].append(r.ttft_ns)
            if not good:
                self.failures += 1
                if self.failures > 10:
                    self.out["error"] = "more than 10 failed requests: " + describe_failure(r)

    def finish(self, cfg):
        if self.ok and self.cpu_before is not None:
            self.out["cpu_ms_per_request"] = (cpu_seconds(self.inst.proc.pid) - self.cpu_before) * 1000 / cfg["latency"]
        if self.ok:
            out = self.out
            out["samples"], out["failures"] = len(self.samples["bridged_ttfb"]), self.failures
            for k, v in self.samples.items():
                out[k + "_ms"] = [ms(x) for x in v]
            for kind in ("ttfb", "ttlb", "ttft"):
                for q, qn in ((0.5, "p50"), (0.99, "p99")):
                    b = pct(out[f"bridged_{kind}_ms"], q)
                    dd = pct(out[f"direct_{kind}_ms"], q)
                    out[f"bridged_{kind}_{qn}_ms"], out[f"direct_{kind}_{qn}_ms"] = b, dd
                    out[f"added_{kind}_{qn}_ms"] = b - dd if b is not None and dd is not None else None
        self.stop()
        return self.out

    def stop(self):
        for conn in (getattr(self, "c", None), getattr(self, "d", None)):
            if conn is not None:
                conn.close()
        if self.inst is not None:
            self.inst.stop()
            self.inst = None


def measure_latency_all(bridges, sim, cfg, log_dir):
    """Every bridge runs at once; each round sends one direct and one bridged request per bridge,
    bridges in rotating order, so that whatever else the machine does falls on all of them alike."""
    subjects, results = [], {}
    try:
        for bridge in bridges:
            log(f"{bridge.name}: latency: start and smoke test …")
            try:
                subject = LatencySubject(bridge, sim, cfg, log_dir)
            except Exception as e:  # noqa: BLE001 — a peer that breaks is reported, not fatal
                results[bridge.name] = {"error": f"{type(e).__name__}: {e}"}
                continue
            subjects.append(subject)
            if not subject.ok:
                log(f"{bridge.name}: latency: {subject.out['error']}")
        live = [s for s in subjects if s.ok]
        log(f"latency: {cfg['warmup']} + {cfg['latency']} rounds over {len(live)} bridges …")
        gc.collect()
        gc.disable()
        try:
            for i in range(cfg["warmup"] + cfg["latency"]):
                k = i % max(1, len(live))
                for subject in live[k:] + live[:k]:
                    if subject.ok:
                        try:
                            subject.one_pair(i, cfg)
                        except (OSError, HTTPError) as e:
                            subject.out["error"] = f"{type(e).__name__}: {e}"
        finally:
            gc.enable()
        for subject in subjects:
            results[subject.bridge.name] = subject.finish(cfg)
    finally:
        for subject in subjects:
            subject.stop()
    return results


# ---------------------------------------------------------------------------------------------
# 2. Large history: request's last byte into the bridge → upstream request's last byte at the relay


def relay_floor(relay, sim, cfg):
    """The harness's own floor: a Chat Completions body of the same size sent straight through the
    relay to the simulator (client → relay last byte), p50 over a few sends."""
    out = {}
    host, port = relay.root.rsplit("//", 1)[1].split(":")
    for label, size in (("2MB", 2 << 20), ("8MB", 8 << 20)):
        body = json.dumps({"model": W.MODEL, "stream": True,
                           "messages": [{"role": "user", "content": "x" * size}]}).encode()
        c = Connection(host, int(port), timeout=120)
        values = []
        for _ in range(max(3, cfg["hist8"])):
            relay.drain()
            r = c.request("POST", "/v1/chat/completions", body, AUTH)
            rec = relay.wait_record(min_bytes=len(body) // 2, timeout_s=5)
            if rec is not None and r.status == 200:
                values.append(ms(rec["t_last"] - r.sent))
        c.close()
        sim.clear()
        out[label] = {"p50_ms": pct(values, 0.5), "samples": values}
    return out


def measure_history(bridge, relay, sim, cfg, log_dir):
    out = {}
    inst = Instance(bridge, relay.root, log_dir, label="history")
    try:
        for label, size, n in (("2MB", 2 << 20, cfg["hist2"]), ("8MB", 8 << 20, cfg["hist8"])):
            body = W.large_history(size)
            res = {"request_bytes": len(body), "forward_ms": [], "statuses": {}}
            out[label] = res
            c = inst.conn(timeout=180)
            for i in range(cfg["hist_warmup"] + n):
                relay.drain()
                sim.clear()
                try:
                    r = c.request("POST", "/v1/responses", body, AUTH, keep_body=True)
                except (OSError, HTTPError) as e:
                    res["error"] = f"request failed: {e}"
                    c.close()
                    c = inst.conn(timeout=180)
                    break
                rec = relay.wait_record(min_bytes=len(body) // 8, timeout_s=2.0)
                key = "completed" if completed(r) else (f"HTTP {r.status}" if r.status != 200 else "stream not completed")
                res["statuses"][key] = res["statuses"].get(key, 0) + 1
                if rec is None:
                    failure = describe_failure(r)
                    cause = next((v for k, v in bridge.explain.items() if k in failure), None)
                    res["error"] = f"nothing forwarded: {short(failure, 40)}" + (f", {cause}" if cause else "")
                    break
                res["upstream_bytes"] = rec["bytes"]
                if i >= cfg["hist_warmup"]:
                    res["forward_ms"].append(ms(rec["t_last"] - r.sent))
                if key != "completed" and "upstream_outcome" not in res:
                    res["upstream_outcome"] = describe_failure(r)
            c.close()
            if res["forward_ms"]:
                res["p50_ms"] = pct(res["forward_ms"], 0.5)
                res["p99_ms"] = pct(res["forward_ms"], 0.99)
                res["samples"] = len(res["forward_ms"])
        return out
    finally:
        inst.stop()
        sim.clear()


# ---------------------------------------------------------------------------------------------
# 3. Memory during concurrent streams


def measure_busy(bridge, slow_sim, cfg, log_dir):
    out = {}
    inst = Instance(bridge, slow_sim.root, log_dir, busy=True, label="busy")
    try:
        time.sleep(cfg["idle_settle_s"])
        out["idle_rss_kb"], out["idle_hwm_kb"] = memory_kb(inst.proc.pid)
        n = cfg["streams"]
        results = [None] * n
        first_bytes = [0] * n
        body = W.busy_request()
        barrier = threading.Barrier(n + 1)

        def worker(i):
            c = inst.conn(timeout=120)
            try:
                barrier.wait(timeout=30)
                r = c.request("POST", "/v1/responses", body, AUTH)
                results[i] = r
                first_bytes[i] = r.first_body
            except Exception as e:  # noqa: BLE001 — any failure is counted, never raised
                results[i] = e
            finally:
                c.close()

        threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(n)]
        for t in threads:
            t.start()
        barrier.wait(timeout=30)
        t0 = time.monotonic()
        peak_rss = 0
        samples = 0
        while any(t.is_alive() for t in threads) and time.monotonic() - t0 < 150:
            rss, _ = memory_kb(inst.proc.pid)
            peak_rss = max(peak_rss, rss)
            samples += 1
            time.sleep(0.05)
        for t in threads:
            t.join(timeout=5)
        out["busy_peak_rss_kb"] = peak_rss
        out["busy_hwm_kb"] = memory_kb(inst.proc.pid)[1]
        out["rss_samples"] = samples
        ok = [r for r in results if not isinstance(r, Exception) and r is not None and completed(r)]
        out["streams_ok"] = len(ok)
        out["duration_s"] = round(time.monotonic() - t0, 2)
        # How many streams were open at once: streams whose first event came before the first one ended.
        if ok:
            first_end = min(r.last for r in ok)
            out["streams_open_together"] = sum(1 for r in ok if r.first_body and r.first_body <= first_end)
        if len(ok) < n:
            bad = next((r for r in results if r is None or isinstance(r, Exception) or not completed(r)), None)
            out["failure_example"] = str(bad) if isinstance(bad, Exception) or bad is None else describe_failure(bad)
        return out
    finally:
        inst.stop()


# ---------------------------------------------------------------------------------------------
# 4. Start: process start → first byte of a first request


def first_request_after_spawn(port, t_spawn, proc, timeout_s):
    """Polls connect() and sends the first request; returns (ms from spawn to first byte, response)."""
    if not wait_for_port(HOST, port, timeout_s, proc=proc, interval_s=0.001):
        return None, None
    c = Connection(HOST, port, timeout=timeout_s)
    try:
        r = c.request("POST", "/v1/responses", W.small_request(), AUTH)
    finally:
        c.close()
    return ms(r.first_byte - t_spawn), r


def socket_activated_start(daemon, sim_root, log_dir, timeout_s):
    """One socket-activated start; (ms, None) or (None, reason)."""
    tool = shutil.which("systemd-socket-activate")
    if not tool:
        return None, "systemd-socket-activate not installed"
    workdir = tempfile.mkdtemp(prefix="bridge-bench-activate-")
    port = free_port()
    env_args = []
    for k, v in daemon.env(workdir).items():
        if k in ("MIMO_API_KEY", "HOME", "XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "PATH"):
            env_args += ["-E", f"{k}={v}"]
    # MIMO_PROXY_PORT=0: a daemon that ignores the inherited socket binds a free port, never 9876.
    env_args += ["-E", "MIMO_PROXY_PORT=0"]
    argv = [tool, "-l", f"{HOST}:{port}", "--fdname=http"] + env_args + [daemon.binary] + daemon.args(sim_root)
    p = Proc("ccmimolinkd-activated", argv, log_dir=log_dir)
    try:
        if not wait_for_port(HOST, port, 10, proc=p.proc, interval_s=0.001):
            return None, "systemd-socket-activate did not listen"
        c = Connection(HOST, port, timeout=timeout_s)
        try:
            r = c.request("POST", "/v1/responses", W.small_request(), AUTH)
        except (OSError, HTTPError) as e:
            return None, f"no answer on the inherited socket within {timeout_s:.0f} s ({type(e).__name__})"
        finally:
            c.close()
        if not completed(r):
            return None, describe_failure(r)
        return ms(r.first_byte - p.t_spawn), None
    finally:
        p.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def measure_start(bridge, sim, cfg, log_dir):
    out = {"start_ms": []}
    mode = "plain"
    if isinstance(bridge, B.CCMimoLinkd):
        value, reason = socket_activated_start(bridge, sim.root, log_dir, timeout_s=5)
        if value is not None:
            mode = "socket-activated"
            out["start_ms"].append(value)
            for _ in range(cfg["starts"] - 1):
                value, reason = socket_activated_start(bridge, sim.root, log_dir, timeout_s=10)
                if value is None:
                    out["error"] = reason
                    break
                out["start_ms"].append(value)
        else:
            out["socket_activation"] = f"not supported by this build: {reason}"
    out["mode"] = mode
    if mode == "plain":
        t_phase = time.monotonic()
        for i in range(cfg["starts"]):
            # Bounded: a bridge that needs tens of seconds to start gets at least 3 runs, not 10.
            if i >= 3 and time.monotonic() - t_phase > cfg["start_budget_s"]:
                out["note"] = f"stopped after {i} starts ({cfg['start_budget_s']} s budget)"
                break
            workdir = tempfile.mkdtemp(prefix=f"bridge-bench-start-{bridge.name}-")
            port = free_port()
            argv, env = bridge.command(port, sim.root, workdir)
            p = Proc(f"{bridge.name}-start", argv, env=env, cwd=workdir, log_dir=log_dir)
            try:
                value, r = first_request_after_spawn(port, p.t_spawn, p.proc, 90)
                if value is None:
                    out["error"] = "did not listen: " + p.log_tail().strip()[-200:]
                    break
                if not completed(r):
                    out["error"] = describe_failure(r)
                    break
                out["start_ms"].append(value)
            finally:
                p.stop()
                shutil.rmtree(workdir, ignore_errors=True)
    if out["start_ms"]:
        out["p50_ms"] = pct(out["start_ms"], 0.5)
        out["max_ms"] = max(out["start_ms"])
    return out


# ---------------------------------------------------------------------------------------------
# Table


def fmt_ms(v):
    if v is None:
        return "–"
    if abs(v) < 10:
        return f"{v:.2f} ms"
    if abs(v) < 1000:
        return f"{v:.1f} ms"
    return f"{v / 1000:.2f} s"


def fmt_mb(kb):
    return f"{kb / 1024:.1f} MB"


# The paced pass: a frame every millisecond, so that every frame is a read, a write and a wake-up of its
# own at the bridge (a real token stream is slower still).
PACED_GAP_MS = 1.0

ROWS = [
    # key, label, target, getter, formatter
    ("added_ttfb_p50", "Added latency, first byte, p50", "< 1 ms",
     lambda r: r["latency"].get("added_ttfb_p50_ms"), fmt_ms),
    ("added_ttfb_p99", "Added latency, first byte, p99", "",
     lambda r: r["latency"].get("added_ttfb_p99_ms"), fmt_ms),
    ("added_ttlb_p50", "Added latency, last byte, p50", "< 1 ms",
     lambda r: r["latency"].get("added_ttlb_p50_ms"), fmt_ms),
    ("added_ttlb_p99", "Added latency, last byte, p99", "",
     lambda r: r["latency"].get("added_ttlb_p99_ms"), fmt_ms),
    ("added_ttft_p50", "Added latency, first content token, p50", "",
     lambda r: r["latency"].get("added_ttft_p50_ms"), fmt_ms),
    ("frames_ttft_p50", "Added latency, first content token, p50, frame-per-write upstream", "",
     lambda r: r["frames"].get("added_ttft_p50_ms"), fmt_ms),
    ("frames_ttft_p99", "Added latency, first content token, p99, frame-per-write upstream", "",
     lambda r: r["frames"].get("added_ttft_p99_ms"), fmt_ms),
    ("frames_ttlb_p50", "Added latency, last byte, p50, frame-per-write upstream", "",
     lambda r: r["frames"].get("added_ttlb_p50_ms"), fmt_ms),
    ("paced_ttft_p50", f"Added latency, first content token, p50, frame-per-write upstream, {PACED_GAP_MS:g} ms between frames", "",
     lambda r: r["paced"].get("added_ttft_p50_ms"), fmt_ms),
    ("paced_ttft_p99", f"Added latency, first content token, p99, frame-per-write upstream, {PACED_GAP_MS:g} ms between frames", "",
     lambda r: r["paced"].get("added_ttft_p99_ms"), fmt_ms),
    ("paced_ttlb_p50", f"Added latency, last byte, p50, frame-per-write upstream, {PACED_GAP_MS:g} ms between frames", "",
     lambda r: r["paced"].get("added_ttlb_p50_ms"), fmt_ms),
    ("added_cpu", "CPU time of the bridge per small streaming request", "",
     lambda r: r["latency"].get("cpu_ms_per_request"), fmt_ms),
    ("hist2_p50", "2 MB history → upstream, p50", "< 15 ms",
     lambda r: r["history"].get("2MB", {}).get("p50_ms"), fmt_ms),
    ("hist8_p50", "8 MB history → upstream, p50", "< 60 ms",
     lambda r: r["history"].get("8MB", {}).get("p50_ms"), fmt_ms),
    ("idle_rss", "RSS idle after start", "< 25 MB",
     lambda r: r["latency"].get("idle_rss_kb"), fmt_mb),
    ("busy_rss", "RSS peak, 100 concurrent streams", "< 80 MB",
     lambda r: r["busy"].get("busy_peak_rss_kb"), fmt_mb),
    ("busy_hwm", "VmHWM after 100 concurrent streams", "",
     lambda r: r["busy"].get("busy_hwm_kb"), fmt_mb),
    ("start_p50", "Start → first byte, p50", "< 250 ms",
     lambda r: r["start"].get("p50_ms"), fmt_ms),
]


def row_reason(result, key):
    """Why a cell is empty: the phase's error, shortened."""
    if result.get("unavailable"):
        return result["unavailable"]
    phase = {"added": "latency", "idle": "latency", "hist2": "history", "hist8": "history", "busy": "busy",
             "start": "start", "frames": "frames", "paced": "paced"}[key.split("_")[0]]
    data = result.get(phase, {})
    if phase == "history":
        data = data.get("2MB" if key.startswith("hist2") else "8MB", data)
    err = data.get("error") or result.get("latency", {}).get("error") or "not measured"
    return err


def short(reason, limit=90):
    reason = " ".join(str(reason).split())
    return reason if len(reason) <= limit else reason[:limit - 1] + "…"


def render_table(results, order):
    base = results[order[0]]
    header = ["measurement", "target (ccmimolinkd)"] + [
        f"{n} {results[n].get('version', '')}".strip() for n in order]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for key, label, target, get, fmt in ROWS:
        if key == "start_p50":
            mode = base.get("start", {}).get("mode", "plain")
            label = f"{label} (ccmimolinkd {mode}; peers plain)"
        cells = [label, target]
        try:
            b = get(base)
        except (KeyError, TypeError):
            b = None
        for name in order:
            r = results[name]
            try:
                v = get(r)
            except (KeyError, TypeError):
                v = None
            if v is None:
                cells.append(f"n/a ({short(row_reason(r, key))})")
                continue
            cell = fmt(v)
            if name != order[0] and b is not None and b > 0.01 and v > 0:
                cell += f" ({v / b:.1f}×)"
            if key == "busy_rss":
                busy = r.get("busy", {})
                n = r.get("_streams", 100)
                if busy.get("streams_ok", n) < n or busy.get("streams_open_together", n) < n:
                    cell += f"; {busy.get('streams_ok')}/{n} streams completed, {busy.get('streams_open_together')} at once"
            cells.append(cell)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------


def machine():
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"loadavg": load, "nproc": os.cpu_count(), "cpu": cpu, "kernel": platform.release(),
            "python": platform.python_version(), "date": time.strftime("%Y-%m-%d %H:%M:%S %Z")}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="fewer iterations (CI)")
    ap.add_argument("--bin-dir", required=True, help="directory with release ccmimolinkd and mimo-simulator")
    ap.add_argument("--venv-root", default=os.path.expanduser("~/.cache/ccmimolink/bench-venv"))
    ap.add_argument("--json", default="bridge-bench-results.json", help="where to write the raw numbers")
    ap.add_argument("--bridges", default="", help="comma-separated subset (default: all)")
    ap.add_argument("--daemon-version", default="")
    ap.add_argument("--baseline-bin-dir", default="",
                    help="another ccmimolinkd build to measure in the same run, as ccmimolinkd-baseline (A/B)")
    args = ap.parse_args()
    cfg = QUICK if args.quick else FULL
    log_dir = tempfile.mkdtemp(prefix="bridge-bench-logs-")
    bridges = B.all_bridges(args.bin_dir, args.venv_root, args.daemon_version, args.baseline_bin_dir or None)
    if args.bridges:
        wanted = set(args.bridges.split(","))
        bridges = [b for b in bridges if b.name in wanted or b.name.startswith("ccmimolinkd")]
    elif args.quick:
        # LiteLLM's proxy needs 30–50 s to start on 2 cores, and every phase starts it afresh: too slow
        # for the quick mode's budget. Ask for it with --bridges.
        bridges = [b for b in bridges if b.name != "litellm"]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    report = {"mode": "quick" if args.quick else "full", "config": cfg, "machine_before": machine(),
              "results": {}, "not_on_pypi": B.NOT_ON_PYPI, "logs": log_dir}
    t_run = time.monotonic()
    sims = []
    try:
        sim = Simulator(args.bin_dir, log_dir)
        slow = Simulator(args.bin_dir, log_dir, chunk_delay_ms=cfg["chunk_delay_ms"])
        sims = [sim, slow]
        relay = Relay(sim.port, log_dir)
        sims.append(relay)
        report["relay_floor"] = relay_floor(relay, sim, cfg)
        available = []
        for bridge in bridges:
            r = {"version": bridge.version, "latency": {}, "frames": {}, "paced": {}, "history": {}, "busy": {}, "start": {},
                 "_streams": cfg["streams"]}
            report["results"][bridge.name] = r
            reason = bridge.unavailable()
            if reason:
                r["unavailable"] = reason
                log(f"{bridge.name}: unavailable: {reason}")
            else:
                available.append(bridge)
        t = time.monotonic()
        for name, out in measure_latency_all(available, sim, cfg, log_dir).items():
            report["results"][name]["latency"] = out
        log(f"latency done in {time.monotonic() - t:.1f} s")
        # The same against an upstream that writes every frame on its own (benchlib/framesim.py).
        t = time.monotonic()
        frames = FrameSimulator(log_dir)
        sims.append(frames)
        for name, out in measure_latency_all(available, frames, cfg, log_dir).items():
            report["results"][name]["frames"] = out
        log(f"latency against the frame-per-write upstream done in {time.monotonic() - t:.1f} s")
        t = time.monotonic()
        paced = FrameSimulator(log_dir, gap_ms=PACED_GAP_MS)
        sims.append(paced)
        for name, out in measure_latency_all(available, paced, cfg, log_dir).items():
            report["results"][name]["paced"] = out
        log(f"latency against the frame-per-write upstream, {PACED_GAP_MS:g} ms between frames, done in {time.monotonic() - t:.1f} s")
        for bridge in available:
            r = report["results"][bridge.name]
            for phase, fn, fargs in (("history", measure_history, (bridge, relay, sim, cfg, log_dir)),
                                     ("busy", measure_busy, (bridge, slow, cfg, log_dir)),
                                     ("start", measure_start, (bridge, sim, cfg, log_dir))):
                t = time.monotonic()
                log(f"{bridge.name}: {phase} …")
                try:
                    r[phase] = fn(*fargs)
                except Exception as e:  # noqa: BLE001 — a peer that breaks is reported, not fatal
                    r[phase] = {"error": f"{type(e).__name__}: {e}"}
                log(f"{bridge.name}: {phase} done in {time.monotonic() - t:.1f} s"
                    + (f" — {r[phase]['error']}" if r[phase].get("error") else ""))
    finally:
        for s in sims:
            s.proc.stop()
        stop_all()
    report["machine_after"] = machine()
    report["duration_s"] = round(time.monotonic() - t_run, 1)
    order = [b.name for b in bridges]
    table = render_table(report["results"], order)
    report["table"] = table
    with open(args.json, "w") as f:
        json.dump(report, f, indent=1)
    print(table)
    print()
    notes = [f"- not measured (not installable with pip): " + "; ".join(f"{k}: {v}" for k, v in B.NOT_ON_PYPI.items())]
    if args.quick and not args.bridges:
        notes.append("- LiteLLM is left out of --quick (30–50 s per start); full mode includes it")
    d = report["results"].get("ccmimolinkd", {})
    lat = d.get("latency", {})
    frames_lat = d.get("frames", {})
    if frames_lat.get("direct_ttft_p50_ms") is not None:
        notes.append(f"- direct to the frame-per-write upstream: first content token p50 "
                     f"{fmt_ms(frames_lat['direct_ttft_p50_ms'])}, last byte p50 {fmt_ms(frames_lat['direct_ttlb_p50_ms'])}")
    paced_lat = d.get("paced", {})
    if paced_lat.get("direct_ttft_p50_ms") is not None:
        notes.append(f"- direct to the frame-per-write upstream with {PACED_GAP_MS:g} ms between frames: first content token p50 "
                     f"{fmt_ms(paced_lat['direct_ttft_p50_ms'])}, last byte p50 {fmt_ms(paced_lat['direct_ttlb_p50_ms'])}")
    if lat.get("direct_ttfb_p50_ms") is not None:
        notes.append(f"- direct to the simulator (ccmimolinkd's upstream request): first byte p50 "
                     f"{fmt_ms(lat['direct_ttfb_p50_ms'])}, last byte p50 {fmt_ms(lat['direct_ttlb_p50_ms'])}; "
                     f"{lat.get('samples')} streaming requests per bridge after {cfg['warmup']} warm-up")
    floor = report.get("relay_floor", {})
    if floor.get("2MB", {}).get("p50_ms") is not None:
        notes.append(f"- harness floor for the history rows (same-size body sent straight through the timing relay): "
                     f"2 MB {fmt_ms(floor['2MB']['p50_ms'])}, 8 MB {fmt_ms(floor['8MB']['p50_ms'])} p50")
    for name in order:
        busy = report["results"][name].get("busy", {})
        if busy.get("streams_ok") is not None and (busy["streams_ok"] < cfg["streams"]
                                                   or busy.get("streams_open_together", cfg["streams"]) < cfg["streams"]):
            notes.append(f"- {name}, 100 streams: {busy['streams_ok']}/{cfg['streams']} completed, at most "
                         f"{busy.get('streams_open_together')} streaming at once, {busy.get('duration_s')} s in all"
                         + (f"; failures: {short(busy['failure_example'], 120)}" if busy.get("failure_example") else ""))
        rejected = [k for k, v in report["results"][name].get("history", {}).items()
                    if isinstance(v, dict) and v.get("upstream_outcome")]
        if rejected:
            outcome = report["results"][name]["history"][rejected[0]]["upstream_outcome"]
            notes.append(f"- {name}: its {' and '.join(rejected)} upstream requests were rejected ({short(outcome, 110)}); "
                         f"the forwarding time is measured all the same")
    if d.get("start", {}).get("socket_activation"):
        notes.append(f"- ccmimolinkd start is a plain start (spawn → polling connect → first byte): "
                     f"{d['start']['socket_activation']}")
    mb, ma = report["machine_before"], report["machine_after"]
    notes.append(f"- machine: nproc {mb['nproc']}, load average {mb['loadavg']} before / {ma['loadavg']} after, "
                 f"{mb['cpu']}, run took {report['duration_s']} s ({report['mode']} mode); raw numbers: {args.json}")
    print("\n".join(notes))


if __name__ == "__main__":
    main()
