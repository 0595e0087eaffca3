"""``_return`` and ``_estimates`` ([P] _return, [P] _estimates): set r() or e() aside under a
name and bring it back later.

``_return hold name`` moves r() to name and clears r(); ``_return restore name [, hold]``
brings it back (and forgets name unless hold); ``_return drop name|_all``; ``_return dir``.
``_estimates hold name [, copy restore nullok varname(newvar)]`` moves (or copies) e() to
name; ``_estimates unhold name [, not]``; ``_estimates dir`` (r(names)); ``_estimates drop
names|_all``; ``_estimates clear``.  Held names are session-wide; a name a program's
``tempname`` gave out is dropped when that program ends, and ``_estimates hold, restore``
results come back into e() then (``mlmcli.program_calls.call_program`` calls ``release_held``).
"""
from __future__ import annotations

import dataclasses
import re

import numpy as np

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.abbreviation import NameTable
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.syntax.varlist import NAME_RE

HELP = {
    "_return": "_return hold name | restore name [, hold] | drop {name | _all} | dir",
    "_estimates": ("_estimates hold name [, copy restore nullok varname(newvar)] | unhold name [, not] | "
                   "dir | drop {names | _all} | clear"),
}

# [P] _estimates: "up to 300 estimation results" may be held
MAX_HELD_ESTIMATES = 300


def _dispatch(table: NameTable, session, cmd) -> None:
    text = cmd.args.strip()
    word = re.match(r"[^\s,]+", text)
    if word is None:
        raise StataError("subcommand required", 198)
    table.handler(word.group(0))(session, text[word.end():].strip())


def _one_name(body: str) -> str:
    words = body.split()
    if len(words) != 1:
        raise invalid_syntax()
    if not NAME_RE.match(words[0]):
        raise StataError(f"{words[0]} invalid name", 198)
    return words[0]


def _holds(session, attribute: str) -> dict:
    return getattr(session, attribute)


def _frame_of_program(session) -> dict | None:
    return session.return_frames[-1] if session.return_frames else None


# ---------------------------------------------------------------- _return
def cmd__return(session, cmd) -> None:
    _dispatch(RETURN_SUBCOMMANDS, session, cmd)


def _return_hold(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    resolve_options(options, [])
    name = _one_name(body)
    held = _holds(session, "return_holds")
    if name in held:
        raise StataError(f"{name} already exists", 110)
    held[name] = dict(session.r)
    session.r = {}


def _held(session, rest: str, attribute: str, specs, what: str) -> tuple[str, dict, dict]:
    """(name, options, the holds) of ``restore name`` / ``unhold name``; r(111) when not held."""
    body, options, _ = split_options(rest)
    opts = resolve_options(options, specs)
    name = _one_name(body)
    held = getattr(session, attribute)
    if name not in held:
        raise StataError(f"{what}{name} not found", 111)
    return name, opts, held


def _return_restore(session, rest: str) -> None:
    name, opts, held = _held(session, rest, "return_holds", [OptionSpec("hold", 4)], "")
    session.r = dict(held[name]) if opts.get("hold") else held.pop(name)


def _return_drop(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    resolve_options(options, [])
    held = _holds(session, "return_holds")
    if body.strip() == "_all":
        held.clear()
        return
    name = _one_name(body)
    if name not in held:
        raise StataError(f"{name} not found", 111)
    del held[name]


def _return_dir(session, rest: str) -> None:
    if rest.strip():
        raise invalid_syntax()
    names = list(_holds(session, "return_holds"))
    if names:
        session.print("  " + " ".join(names))


RETURN_SUBCOMMANDS = NameTable([
    ("hold", 4, _return_hold), ("restore", 7, _return_restore), ("drop", 4, _return_drop),
    ("dir", 3, _return_dir),
], unknown=lambda w: StataError(f"_return {w} invalid", 198), not_implemented=lambda n: StataError(n, 199))


# ---------------------------------------------------------------- _estimates
def cmd__estimates(session, cmd) -> None:
    _dispatch(ESTIMATES_SUBCOMMANDS, session, cmd)


@dataclasses.dataclass
class HeldEstimates:
    results: object  # EstimationResults, or None for a nullok hold of nothing
    restore: bool  # put back into e() when the program that held it ends
    sample_variable: str | None  # varname(): the variable holding e(sample) meanwhile


def _estimates_hold(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    opts = resolve_options(options, [OptionSpec("copy", 4), OptionSpec("restore", 7), OptionSpec("nullok", 6),
                                     OptionSpec("varname", 7, takes_arg=True)])
    name = _one_name(body)
    held = _holds(session, "estimate_holds")
    if name in held:
        raise StataError(f"estimation results {name} already exist", 110)
    if len(held) >= MAX_HELD_ESTIMATES:
        raise StataError(f"too many estimation results held; {MAX_HELD_ESTIMATES} maximum", 1000)
    e = session.e
    if e is None and not opts.get("nullok"):
        raise StataError("last estimates not found", 301)
    variable = None
    if isinstance(opts.get("varname"), str) and e is not None:
        variable = opts["varname"].strip()
        if not NAME_RE.match(variable):
            raise StataError(f"{variable} invalid name", 198)
        if session.data.has_variable(variable):
            raise StataError(f"{variable} already defined", 110)
        mask = e.sample_mask(session.data)
        session.data.set_variable(variable, np.asarray(mask, dtype=float), "byte")
    held[name] = HeldEstimates(e, bool(opts.get("restore")), variable)
    if not opts.get("copy"):
        session.e = None
    frame = _frame_of_program(session)
    if frame is not None and opts.get("restore"):
        frame.setdefault("held_estimates", []).append(name)


def _estimates_unhold(session, rest: str) -> None:
    name, opts, held = _held(session, rest, "estimate_holds", [OptionSpec("not", 3)], "estimation results ")
    if opts.get("not"):  # [P] _estimates: unhold, not drops the held results without restoring them
        _forget(session, held.pop(name))
        return
    _restore(session, held.pop(name))


def _restore(session, item: HeldEstimates) -> None:
    session.e = item.results
    _forget(session, item)


def _forget(session, item: HeldEstimates) -> None:
    data = session.data
    if item.sample_variable and data is not None and data.has_variable(item.sample_variable):
        data.drop_variables([item.sample_variable])


def _estimates_dir(session, rest: str) -> None:
    if rest.strip():
        raise invalid_syntax()
    names = list(_holds(session, "estimate_holds"))
    if names:
        session.print("  " + " ".join(names))
    session.set_r({"names": " ".join(names)})


def _estimates_drop(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    resolve_options(options, [])
    held = _holds(session, "estimate_holds")
    words = body.split()
    if not words:
        raise invalid_syntax()
    if words == ["_all"]:
        words = list(held)
    for name in words:
        if name not in held:
            raise StataError(f"estimation results {name} not found", 111)
    for name in words:
        _forget(session, held.pop(name))


def _estimates_clear(session, rest: str) -> None:
    if rest.strip():
        raise invalid_syntax()
    held = _holds(session, "estimate_holds")
    for name in list(held):
        _forget(session, held.pop(name))


ESTIMATES_SUBCOMMANDS = NameTable([
    ("hold", 4, _estimates_hold), ("unhold", 6, _estimates_unhold), ("dir", 3, _estimates_dir),
    ("drop", 4, _estimates_drop), ("clear", 5, _estimates_clear),
], unknown=lambda w: StataError(f"_estimates {w} invalid", 198), not_implemented=lambda n: StataError(n, 199))


def release_held(session, frame: dict) -> None:
    """When a program ends: results it held with ``restore`` come back into e(), and results
    held under its temporary names are dropped ([P] _return, [P] _estimates)."""
    temps = set(frame.get("temps", ()))
    returns = session.return_holds
    if returns:
        for name in temps & set(returns):
            del returns[name]
    estimates = session.estimate_holds
    if not estimates:
        return
    for name in frame.get("held_estimates", ()):
        if name in estimates:
            _restore(session, estimates.pop(name))
    for name in temps & set(estimates):
        _forget(session, estimates.pop(name))
