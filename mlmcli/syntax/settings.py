"""Stata 13's settings (``set``) as ``c()`` reports them: their values at start-up, and the
current value of one in a session (``session.settings``, ``session.level``).  The ``set``
command itself is ``commands/program/settings.py``.

The runner puts the running session's settings in effect around each command
(``settings_in_effect``), so that a helper without the session at hand (the display options'
defaults, ``set fvlabel``/``fvwrap``/``fvwrapon``) reads them with ``setting_in_effect``."""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

DEFAULTS = {
    "more": "on", "pagesize": 23, "matsize": 400, "maxvar": 5000, "graphics": "on",
    "logtype": "smcl", "scheme": "s2color", "trace": "off", "rmsg": "off", "output": "proc",
    "emptycells": "keep", "maxiter": 16000, "showbaselevels": "", "showemptycells": "",
    "showomitted": "", "cformat": "", "pformat": "", "sformat": "", "fvlabel": "on",
    "fvwrap": 1, "fvwrapon": "word", "varabbrev": "on", "type": "float", "dp": "period",
    "tracedepth": 32000, "traceexpand": "on", "tracesep": "on", "traceindent": "on", "tracenumber": "off",
    "tracehilite": "",
}


_IN_EFFECT: ContextVar[dict | None] = ContextVar("settings_in_effect", default=None)


@contextmanager
def settings_in_effect(settings: dict):
    """The settings ``setting_in_effect`` reads while the block runs (a session's ``settings``)."""
    token = _IN_EFFECT.set(settings)
    try:
        yield
    finally:
        _IN_EFFECT.reset(token)


def setting_in_effect(name: str):
    """A setting's value for the running command: its session's, else Stata's default."""
    settings = _IN_EFFECT.get()
    if settings is not None and name in settings:
        return settings[name]
    return DEFAULTS.get(name)


def setting_value(session, name: str):
    """A setting's current value (``c(name)``)."""
    if name == "level":
        return float(getattr(session, "level", 95.0))
    return session.settings.get(name, DEFAULTS.get(name))


def default_iterate(session, cap: int | None = None) -> int:
    """``iterate()``'s default in an ML command: ``c(maxiter)`` (``set maxiter``, 16000 at
    start-up; [R] maximize).  ``cap``: the fewer iterations an mlm optimiser stops at by
    itself (its own limit, kept when ``set maxiter`` is larger)."""
    maxiter = int(setting_value(session, "maxiter"))
    return maxiter if cap is None else min(cap, maxiter)
