#!/usr/bin/env python3
"""Runs inside scripts/systemd-e2e's namespace (Benchmarks/idle-exit/run starts it there): cycles of
request → idle exit → request, under the real user manager with the repository's units."""
import argparse
import http.client
import json
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "Systemd"))
from userstack import UNIT, Simulator, codex_request, free_port, install_units, show, stop_units, systemctl, wait_until  # noqa: E402

KEY = "sk-idle-exit-bench-0123456789"
IDLE_MINUTES = 0.05  # 3 s: the policy is the same at any length; a short one keeps the run short


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for {pid}")


def unit_pids():
    """Every process in the service's cgroup (systemd lists them; none once the daemon is asleep)."""
    out = systemctl("show", UNIT, "-p", "MainPID").stdout.strip().split("=", 1)[1]
    pids = [] if out == "0" else [int(out)]
    status = systemctl("status", "--no-pager", UNIT, check=False).stdout
    pids += [int(l.split()[0].lstrip("├└─")) for l in status.splitlines()
             if l.strip().startswith(("├─", "└─")) and l.split()[0].lstrip("├└─").isdigit()]
    return sorted(set(pids))


def first_request(port):
    """One streaming request; (ns at connect, ns at the first response byte, ns at the end)."""
    body = json.dumps(codex_request("wake up")).encode()
    t_connect = time.monotonic_ns()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("POST", "/v1/responses", body, {"content-type": "application/json",
                                                 "authorization": "Bearer " + KEY, "accept": "text/event-stream"})
    resp = conn.getresponse()
    resp.read(1)
    t_first = time.monotonic_ns()
    rest = resp.read().decode()
    conn.close()
    if resp.status != 200 or "response.completed" not in rest:
        raise RuntimeError(f"the wake-up request failed: {resp.status} {rest[-300:]}")
    return t_connect, t_first, time.monotonic_ns()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycles", type=int, default=10)
    parser.add_argument("--json", help="write every sample here")
    opts = parser.parse_args()
    sim = Simulator()
    port = free_port()
    install_units(sim, port, [f"Environment=MIMO_PROXY_IDLE_EXIT_MINUTES={IDLE_MINUTES}"])
    samples = []
    try:
        systemctl("start", "ccmimolinkd.socket")
        for cycle in range(opts.cycles):
            # Asleep: the service is inactive and nothing of it runs; the sockets are systemd's.
            if cycle:
                wait_until("the idle exit", lambda: show(UNIT, "ActiveState")["ActiveState"] == "inactive", timeout=60)
            asleep_pids = unit_pids()
            assert show("ccmimolinkd.socket", "ActiveState")["ActiveState"] == "active"
            t_connect, t_first, t_end = first_request(port)
            started_us = int(show(UNIT, "ExecMainStartTimestampMonotonic")["ExecMainStartTimestampMonotonic"])
            pid = int(show(UNIT, "MainPID")["MainPID"])
            time.sleep(1)  # awake and idle: after the request, before the idle exit
            awake_kb = rss_kb(pid)
            samples.append({
                "asleep_processes": len(asleep_pids),
                "asleep_rss_mb": sum(rss_kb(p) for p in asleep_pids) / 1024,
                "connect_to_first_byte_ms": (t_first - t_connect) / 1e6,
                "start_to_first_byte_ms": (t_first - started_us * 1000) / 1e6,
                "connect_to_end_ms": (t_end - t_connect) / 1e6,
                "awake_idle_rss_mb": awake_kb / 1024,
            })
            print(f"cycle {cycle + 1}: {json.dumps(samples[-1])}", flush=True)
        wait_until("the last idle exit", lambda: show(UNIT, "ActiveState")["ActiveState"] == "inactive", timeout=60)
        result = show(UNIT, "Result")["Result"]
        assert result == "success", result
    finally:
        stop_units()
        sim.stop()
    def row(name, key, unit, digits=1):
        values = [s[key] for s in samples]
        print(f"| {name} | {statistics.median(values):.{digits}f} {unit} | {max(values):.{digits}f} {unit} |")
    print()
    print(f"| measurement ({len(samples)} cycles, idle_exit_minutes = {IDLE_MINUTES}) | p50 | max |")
    print("|---|---|---|")
    row("RSS awake, idle after a request", "awake_idle_rss_mb", "MB")
    row("RSS asleep (every process of the service)", "asleep_rss_mb", "MB")
    row("processes of the service while asleep", "asleep_processes", "", 0)
    row("first request after sleep: process start → first byte", "start_to_first_byte_ms", "ms")
    row("first request after sleep: connect → first byte", "connect_to_first_byte_ms", "ms")
    row("first request after sleep: connect → response.completed", "connect_to_end_ms", "ms")
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump(samples, f, indent=1)


if __name__ == "__main__":
    main()
