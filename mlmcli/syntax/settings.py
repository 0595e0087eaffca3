"""Stata 13's settings (``set``) as ``c()`` reports them: their values at start-up, and the
current value of one in a session (``session.settings``, ``session.level``).  The ``set``
command itself is ``commands/program/settings.py``.

The runner puts the running command's session in effect around each command
(``session_in_effect``), so that a helper without the session at hand reads its settings
(``setting_in_effect``: the display options' defaults, ``set fvlabel``/``fvwrap``/``fvwrapon``)
or its dataset (``session_of_command``: the value labels a coefficient table shows when it is
drawn, as Stata's ``_ms_display`` reads them)."""
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


# set cformat/sformat/pformat: the widest format each column takes ([R] set cformat)
DISPLAY_FORMAT_WIDTHS = {"cformat": 9, "sformat": 8, "pformat": 5}

_IN_EFFECT: ContextVar = ContextVar("session_in_effect", default=None)


@contextmanager
def session_in_effect(session):
    """The session ``setting_in_effect`` and ``session_of_command`` see while the block runs."""
    token = _IN_EFFECT.set(session)
    try:
        yield
    finally:
        _IN_EFFECT.reset(token)


def session_of_command():
    """The session of the running command (None outside the runner: a test's direct call)."""
    return _IN_EFFECT.get()


def setting_in_effect(name: str):
    """A setting's value for the running command: its session's, else Stata's default."""
    session = _IN_EFFECT.get()
    settings = getattr(session, "settings", None) or {}
    return settings[name] if name in settings else DEFAULTS.get(name)


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


def typed_version(session) -> float | None:
    """The version a ``version #`` statement put in effect (``session.version``), or None when
    none has: mlm then keeps Stata 13's defaults where a release changed one under version
    control, and takes what later releases added (a command that checks ``_caller() >= 16``
    runs its newer branch, as a do-file without ``version`` does in a current Stata)."""
    version = getattr(session, "version", None)
    return None if version is None else float(version)


def restore_version(session, version: float | None) -> None:
    """Put back the version ``typed_version`` read before a program or ``version #:`` ran its
    own; None: no ``version`` statement in effect again (the attribute removed)."""
    if version is None:
        session.__dict__.pop("version", None)
    else:
        session.version = version
