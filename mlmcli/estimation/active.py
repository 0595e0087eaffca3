"""The active estimation results and the stored ones (``estimates store``).

``require(session, allowed)`` is the check every postestimation command starts with:
no results is Stata's ``last estimates not found`` r(301); results of a command not in
``allowed`` are ``requested action not valid after most recent estimation command``
r(321).  Stored results are looked up by name (``.`` = the active ones) and named with
``*``/``?`` wildcards and ``_all``.
"""
from __future__ import annotations

import dataclasses
import fnmatch
from typing import Collection

from mlmcli.errors import StataError
from mlmcli.estimation.results import EstimationResults
from mlmcli.syntax.varlist import NAME_RE


def active(session) -> EstimationResults:
    if session.e is None:
        raise StataError("last estimates not found", 301)
    return session.e


def replay_results(session, commands: Collection[str]) -> EstimationResults:
    """The results an estimation command typed without a model shows again: they must come
    from one of ``commands`` and hold a result (else Stata's ``last estimates not found`` r(301))."""
    e = session.e
    if e is None or e.cmd not in commands or e.result is None:
        raise StataError("last estimates not found", 301)
    return e


def require(session, allowed: Collection[str] | None = None) -> EstimationResults:
    """The active results, which must come from one of the ``allowed`` commands (any when None)."""
    e = active(session)
    if allowed is not None and e.cmd not in allowed:
        raise StataError("requested action not valid after most recent estimation command", 321)
    return e


def lookup(session, name: str) -> EstimationResults:
    """A stored result set by name (``.`` = the active results)."""
    if name == ".":
        return active(session)
    if name not in session.estimates:
        raise StataError(f"estimation result {name} not found", 111)
    return session.estimates[name]


def expand_names(session, words: list[str]) -> list[str]:
    """Names with ``*``/``?`` wildcards and ``_all`` expanded over the stored names."""
    out: list[str] = []
    for w in words:
        if w in ("_all", "*"):
            out.extend(n for n in session.estimates if n not in out)
        elif any(ch in w for ch in "*?"):
            hits = [n for n in session.estimates if fnmatch.fnmatchcase(n, w)]
            if not hits:
                raise StataError(f"estimation result {w} not found", 111)
            out.extend(h for h in hits if h not in out)
        else:
            out.append(w)
    return out


def has_cmd(e) -> bool:
    """Results an estimation command left: e(cmd) set (ereturn post alone leaves none)."""
    return e is not None and bool(e.macros.get("cmd") or e.cmd)


def active_with_cmd(session, message: str = "last estimates not found") -> EstimationResults:
    """The active results, which must have e(cmd) (estimates.ado's Title, EstSave and
    estimates_notes.ado check it: ``last estimates not found`` r(301))."""
    if not has_cmd(session.e):
        raise StataError(message, 301)
    return session.e


def est_expand(session, words: list[str], default: str = "") -> list[str]:
    """est_expand.ado for the estimates subcommands: ``default`` when no name is typed; ``.``
    needs e(cmd) (``last estimates (.) not found`` r(301)) and stands for the name the active
    results are stored under, if any; ``_all``/``*`` and wildcards over the stored names."""
    words = list(words) or ([default] if default else [])
    out: list[str] = []
    for w in words:
        if w == ".":
            if not has_cmd(session.e):
                raise StataError("last estimates (.) not found", 301)
            stored = active_name(session)
            out.append(stored if stored in session.estimates else ".")
        else:
            out.extend(expand_names(session, [w]))
    return out


def active_name(session) -> str:
    """The name the active results are stored under ("" when not stored)."""
    e = session.e
    return e.macros.get("_estimates_name", "") if e is not None else ""


def with_macros(e: EstimationResults, **changes: str | None) -> EstimationResults:
    """A copy of ``e`` with macros set (a value) or removed (None)."""
    macros = dict(e.macros)
    for key, value in changes.items():
        if value is None:
            macros.pop(key, None)
        else:
            macros[key] = value
    return dataclasses.replace(e, macros=macros)


def store(session, name: str, title: str | None = None) -> None:
    """``estimates store name [, title()]``: keep the active results under ``name``."""
    if not NAME_RE.match(name) or name in ("_all", "."):
        raise StataError(f"{name} invalid name", 198)
    if session.e is None:
        raise StataError("last estimation results not found, nothing to store", 301)
    changes = {"_estimates_name": name}
    if title is not None:
        changes["estimates_title"] = title
    e = with_macros(session.e, **changes)
    session.e = e
    session.estimates[name] = e


def drop(session, name: str) -> None:
    """``estimates drop name``: forget a stored result set (the active results stay, unnamed)."""
    if name not in session.estimates:
        raise StataError(f"estimation result {name} not found", 111)
    del session.estimates[name]
    if session.e is not None and active_name(session) == name:
        session.e = with_macros(session.e, _estimates_name=None, estimates_title=None)
