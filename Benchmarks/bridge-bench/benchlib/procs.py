"""Child processes on loopback ports, stopped by PID; memory from /proc."""
import os
import queue
import signal
import subprocess
import threading
import time

_started = []  # every Proc still running, so an interrupted run can stop them (by PID) on the way out


class Proc:
    def __init__(self, name, argv, env=None, cwd=None, log_dir="/tmp", stdout_lines=False):
        self.name = name
        self.log_path = os.path.join(log_dir, f"{name}-{os.getpid()}-{time.monotonic_ns()}.log")
        self.log = open(self.log_path, "wb")
        self.lines = queue.Queue() if stdout_lines else None
        self.t_spawn = time.monotonic_ns()
        self.proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE if stdout_lines else self.log, stderr=self.log)
        self.pid = self.proc.pid
        _started.append(self)
        if stdout_lines:
            threading.Thread(target=self._read_stdout, daemon=True).start()

    def _read_stdout(self):
        for raw in self.proc.stdout:
            self.lines.put(raw.decode("utf-8", "replace").rstrip("\n"))
        self.lines.put(None)

    def wait_line(self, contains, timeout_s):
        """The first stdout line containing `contains`, or None (process ended or timeout)."""
        end = time.monotonic() + timeout_s
        while time.monotonic() < end:
            try:
                line = self.lines.get(timeout=max(0.01, end - time.monotonic()))
            except queue.Empty:
                return None
            if line is None:
                return None
            if contains in line:
                return line
        return None

    def alive(self):
        return self.proc.poll() is None

    def log_tail(self, n=1500):
        try:
            with open(self.log_path, "rb") as f:
                return f.read()[-n:].decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self, timeout_s=10):
        """SIGTERM to this PID and to its descendants' PIDs, then SIGKILL after the timeout."""
        if self.proc.poll() is None:
            pids = [self.pid] + descendants(self.pid)
            for pid in pids:
                try:
                    os.kill(pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
            try:
                self.proc.wait(timeout=timeout_s)
            except subprocess.TimeoutExpired:
                for pid in [self.pid] + descendants(self.pid):
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                self.proc.wait(timeout=5)
            for pid in pids[1:]:  # children that outlived their parent
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        self.log.close()
        if self in _started:
            _started.remove(self)


def stop_all():
    for p in list(_started):
        try:
            p.stop(timeout_s=5)
        except Exception:
            pass


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode("latin-1")
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def status_kb(pid, field):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def memory_kb(pid):
    """(VmRSS, VmHWM) in kB, summed over the process and its descendants."""
    rss = hwm = 0
    for p in [pid] + descendants(pid):
        rss += status_kb(p, "VmRSS") or 0
        hwm += status_kb(p, "VmHWM") or 0
    return rss, hwm


def cpu_seconds(pid):
    """User + system CPU seconds of the process and its descendants (live ones)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in [pid] + descendants(pid):
        try:
            with open(f"/proc/{p}/stat", "rb") as f:
                stat = f.read().decode("latin-1")
            fields = stat[stat.rindex(")") + 2:].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            pass
    return total / tick
