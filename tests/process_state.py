"""The process-wide state a test must leave as it found it (tests/conftest.py checks it after
every test): a pytest-xdist worker runs hundreds of files in one process, and a limit, handler,
timer, import hook or environment variable one test leaves behind changes every later test on
that worker -- the stop-60 CI died of an address-space cap the fuzz runners set below what a busy
worker maps.  ``snapshot`` reads the state, ``changes`` names what differs, ``restore`` puts it
back (so one leak fails one test, not the rest of the worker's)."""
from __future__ import annotations

import os
import signal
import sys

try:
    import resource
except ImportError:  # not on Windows
    resource = None

_LIMITS = tuple((name, getattr(resource, name)) for name in (
    "RLIMIT_AS", "RLIMIT_DATA", "RLIMIT_STACK", "RLIMIT_NOFILE", "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_CORE")
    if resource is not None and hasattr(resource, name))
_SIGNALS = tuple((name, getattr(signal, name)) for name in (
    "SIGINT", "SIGTERM", "SIGALRM", "SIGPROF", "SIGVTALRM", "SIGCHLD", "SIGHUP", "SIGPIPE", "SIGQUIT",
    "SIGUSR1", "SIGUSR2") if hasattr(signal, name))
_TIMERS = tuple((name, getattr(signal, name)) for name in ("ITIMER_REAL", "ITIMER_VIRTUAL", "ITIMER_PROF")
                if hasattr(signal, name))
# set by pytest itself for each phase of a test
_OWN_VARIABLES = frozenset({"PYTEST_CURRENT_TEST", b"PYTEST_CURRENT_TEST"})
# the environment as the OS holds it (bytes on POSIX): copied ~10x faster than decoding each item
_RAW_ENVIRON = getattr(os.environ, "_data", None)


def _environ() -> dict:
    raw = _RAW_ENVIRON if _RAW_ENVIRON is not None else os.environ
    return {k: v for k, v in raw.items() if k not in _OWN_VARIABLES}


def _text(value) -> str | None:
    return None if value is None else os.fsdecode(value)


def snapshot() -> dict:
    return {
        "limits": {name: resource.getrlimit(which) for name, which in _LIMITS},
        "signals": {name: signal.getsignal(number) for name, number in _SIGNALS},
        # armed or not (the time left moves); a timer armed by nobody before is a leak
        "timers": {name: signal.getitimer(which) != (0.0, 0.0) for name, which in _TIMERS},
        "recursion": sys.getrecursionlimit(),
        "meta_path": list(sys.meta_path),
        "environ": _environ(),
    }


def changes(before: dict, after: dict) -> list[str]:
    """What ``after`` differs in from ``before``, one phrase each."""
    found = []
    for name, value in after["limits"].items():
        if value != before["limits"][name]:
            found.append(f"resource limit {name} {before['limits'][name]} -> {value}")
    for name, handler in after["signals"].items():
        if handler != before["signals"][name]:
            found.append(f"{name} handler {before['signals'][name]!r} -> {handler!r}")
    for name, armed in after["timers"].items():
        if armed != before["timers"][name]:
            found.append(f"interval timer {name} {'left armed' if armed else 'disarmed'}")
    if after["recursion"] != before["recursion"]:
        found.append(f"recursion limit {before['recursion']} -> {after['recursion']}")
    # a library's first import may append its finder (six does); a hook put in front of the
    # others, or one taken away, changes how every later import runs
    if after["meta_path"][:len(before["meta_path"])] != before["meta_path"]:
        found.append(f"sys.meta_path {[type(f).__name__ for f in before['meta_path']]} -> "
                     f"{[type(f).__name__ for f in after['meta_path']]}")
    old, new = before["environ"], after["environ"]
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            found.append(f"environment variable {_text(key)} {_text(old.get(key))!r} -> {_text(new.get(key))!r}")
    return found


def restore(before: dict) -> None:
    """Put back what ``before`` holds (timers: disarmed if they were not armed)."""
    for name, which in _LIMITS:
        if resource.getrlimit(which) != before["limits"][name]:
            resource.setrlimit(which, before["limits"][name])
    for name, number in _SIGNALS:
        if signal.getsignal(number) != before["signals"][name] and before["signals"][name] is not None:
            signal.signal(number, before["signals"][name])
    for name, which in _TIMERS:
        if not before["timers"][name]:
            signal.setitimer(which, 0)
    if sys.getrecursionlimit() != before["recursion"]:
        sys.setrecursionlimit(before["recursion"])
    if sys.meta_path[:len(before["meta_path"])] != before["meta_path"]:
        sys.meta_path[:] = before["meta_path"]
    old, now = before["environ"], _environ()
    for key in [k for k in now if k not in old]:
        del os.environ[_text(key)]
    for key, value in old.items():
        if now.get(key) != value:
            os.environ[_text(key)] = _text(value)
