"""tests/conftest.py's watchdog: a test still running HUNG_TEST_SECONDS after its start has every
thread's stack printed, and the watchdog thread is armed again only every REARM_SECONDS (pytest's
faulthandler_timeout armed and joined one for each test)."""
from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import conftest

TESTS = Path(__file__).resolve().parent


def test_a_test_past_the_limit_has_its_stacks_printed(tmp_path):
    (tmp_path / "test_sleeper.py").write_text(textwrap.dedent("""
        import time

        def test_quick():
            pass

        def test_sleeps_past_the_limit():
            time.sleep(4)
    """))
    env = dict(os.environ, MLM_HUNG_TEST_SECONDS="1.5",
               PYTHONPATH=os.pathsep.join([str(TESTS), str(TESTS.parent), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-m", "pytest", "-p", "conftest", "-p", "no:cacheprovider", "-q",
                           "-s", "test_sleeper.py"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    printed = done.stdout + done.stderr
    assert "Timeout (0:00:01" in printed, printed
    assert "test_sleeps_past_the_limit" in printed, printed
    assert printed.count("Timeout (") == 1, printed


def test_the_watchdog_is_armed_once_a_minute_and_after_a_failure(monkeypatch):
    armed = []
    kept = dict(conftest._hang_watch)
    monkeypatch.setattr(faulthandler, "dump_traceback_later", lambda seconds, file: armed.append(seconds))
    try:
        conftest._hang_watch["armed_at"] = None
        for _ in range(5):
            conftest.pytest_runtest_protocol(None)
        assert armed == [conftest.HUNG_TEST_SECONDS + conftest.REARM_SECONDS]
        conftest._hang_watch["armed_at"] -= conftest.REARM_SECONDS
        conftest.pytest_runtest_protocol(None)
        conftest.pytest_runtest_protocol(None)
        assert len(armed) == 2
        conftest.pytest_exception_interact()  # pytest's faulthandler plugin cancelled it
        conftest.pytest_runtest_protocol(None)
        assert len(armed) == 3
    finally:
        conftest._hang_watch.update(kept, armed_at=None)  # the next test arms the real one
