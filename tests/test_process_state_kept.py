"""tests/process_state.py, which tests/conftest.py runs around every test: each kind of
process-wide state a test can leave behind is named, and put back."""
from __future__ import annotations

import os
import signal
import sys

import pytest

from process_state import changes, restore, snapshot

resource = pytest.importorskip("resource")


def test_nothing_changed_is_nothing_named():
    assert changes(snapshot(), snapshot()) == []


def test_an_address_space_cap_is_named_and_lifted():
    before = snapshot()
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = 1 << 62 if soft == resource.RLIM_INFINITY else soft - 1
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        left = changes(before, snapshot())
        assert len(left) == 1 and left[0].startswith("resource limit RLIMIT_AS")
    finally:
        restore(before)
    assert resource.getrlimit(resource.RLIMIT_AS) == (soft, hard)


def test_a_handler_and_an_armed_timer_are_named_and_undone():
    before = snapshot()
    old = signal.signal(signal.SIGALRM, lambda *_: None)
    signal.setitimer(signal.ITIMER_REAL, 600)
    try:
        left = changes(before, snapshot())
        assert any(s.startswith("SIGALRM handler") for s in left)
        assert "interval timer ITIMER_REAL left armed" in left
    finally:
        restore(before)
    assert signal.getsignal(signal.SIGALRM) is old and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_environment_recursion_limit_and_import_hooks_are_named_and_put_back():
    before = snapshot()
    had_path = os.environ.get("PATH")
    limit = sys.getrecursionlimit()

    class Finder:
        @staticmethod
        def find_spec(*_):
            return None

    os.environ["MLM_PROCESS_STATE_PROBE"] = "1"
    os.environ.pop("PATH", None)
    sys.setrecursionlimit(limit + 7)
    sys.meta_path.insert(0, Finder())
    try:
        left = changes(before, snapshot())
        assert "environment variable MLM_PROCESS_STATE_PROBE None -> '1'" in left
        assert any(s.startswith("environment variable PATH ") for s in left) == (had_path is not None)
        assert f"recursion limit {limit} -> {limit + 7}" in left
        assert any(s.startswith("sys.meta_path ") and "-> ['Finder'" in s for s in left)
    finally:
        restore(before)
    assert "MLM_PROCESS_STATE_PROBE" not in os.environ and os.environ.get("PATH") == had_path
    assert sys.getrecursionlimit() == limit and not any(isinstance(f, Finder) for f in sys.meta_path)
    assert changes(before, snapshot()) == []


def test_a_finder_appended_by_a_library_import_is_not_a_change():
    class Finder:
        @staticmethod
        def find_spec(*_):
            return None

    before = snapshot()
    sys.meta_path.append(Finder())
    try:
        assert changes(before, snapshot()) == []
    finally:
        sys.meta_path.pop()
