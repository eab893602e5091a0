"""On a failure, show what systemd and the daemon said: the journal tail and the unit states."""
import subprocess

import pytest


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call" and report.failed:
        sections = []
        for argv in (["systemctl", "--user", "status", "--no-pager", "ccmimolinkd.service", "ccmimolinkd.socket",
                      "ccmimolinkd-control.socket"],
                     ["journalctl", "--no-pager", "-n", "80", "-o", "short-precise", "_TRANSPORT=journal", "+",
                      "_TRANSPORT=stdout", "+", "_TRANSPORT=syslog"]):
            done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
            sections.append("$ " + " ".join(argv) + "\n" + done.stdout + done.stderr)
        report.sections.append(("systemd", "\n".join(sections)))
