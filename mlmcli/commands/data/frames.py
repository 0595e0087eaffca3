"""Stata 16's data frames ([D] frames): ``frame``/``frames`` and their subcommands, the frame
prefix (``frame name: command``; ``frame name { ... }`` is a block, blocks.py), ``cwf``,
``pwf``, ``mkf`` and ``frame post``.  The frames themselves live in ``mlmcli.frame_store``.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli import frame_store
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

_PREFIX_RE = re.compile(r"^\s*([^\s:]+)\s*:(.*)$", re.S)
_SUBCOMMANDS = ("pwf", "dir", "create", "change", "drop", "rename", "copy", "reset", "put", "post")


def cmd_frame(session, cmd) -> None:
    """``frame``/``frames`` [subcommand ...] and the frame prefix ``frame name: command``."""
    text = cmd.args.strip()
    prefix = _PREFIX_RE.match(text)
    if prefix and prefix.group(1) not in _SUBCOMMANDS:
        run_in_frame(session, prefix.group(1), prefix.group(2).strip())
        return
    word, _, rest = text.partition(" ")
    rest = rest.strip()
    if not word or word == "pwf":
        if rest:
            raise invalid_syntax()
        show_current(session)
        return
    if word not in _SUBCOMMANDS:
        raise StataError(f"invalid frame subcommand {word}", 198)
    globals()[f"_frame_{word}"](session, rest)


def run_in_frame(session, name: str, command: str) -> None:
    """``frame name: command``: the command runs with frame ``name`` current; the current frame
    is current again afterwards, whether it succeeded or failed."""
    from mlmcli.runner import current_runner

    frame_store.require(session, name)
    if not command:
        raise invalid_syntax()
    runner = current_runner(session)
    with frame_store.working_in(session, name):
        runner.execute(command)


def cmd_cwf(session, cmd) -> None:
    """``cwf framename``: frame change."""
    _frame_change(session, cmd.args.strip())


def cmd_pwf(session, cmd) -> None:
    if cmd.args.strip():
        raise invalid_syntax()
    show_current(session)


def cmd_mkf(session, cmd) -> None:
    """``mkf newframename [newvarlist]``: frame create."""
    _frame_create(session, cmd.args.strip())


def show_current(session) -> None:
    session.print(f"  (current frame is {session.current_frame})")


def _one_name(rest: str) -> str:
    words = rest.split()
    if len(words) != 1:
        raise invalid_syntax() if words else StataError("framename required", 100)
    return words[0]


def _frame_change(session, rest: str) -> None:
    frame_store.change(session, _one_name(rest))


def _frame_create(session, rest: str) -> None:
    words = rest.split()
    if not words:
        raise StataError("framename required", 100)
    name, spec = words[0], words[1:]
    frame_store.check_new_name(session, name)
    data = _empty_with_variables(" ".join(spec)) if spec else None
    frame_store.create(session, name, data)


def _empty_with_variables(text: str):
    """A dataset of no observations holding ``[type] newvar ...`` (frame create's newvarlist)."""
    import pandas as pd

    from mlmcli.commands.data.post import typed_groups, typed_new_variables
    from mlmcli.dataset import Dataset

    names, typed = typed_new_variables(typed_groups(text).split())
    types = dict(zip(names, typed))
    columns = {n: pd.Series([], dtype=object if types[n].startswith("str") else float) for n in names}
    return Dataset(df=pd.DataFrame(columns), types=types)


def _frame_drop(session, rest: str) -> None:
    names = rest.split()
    if not names:
        raise StataError("framename required", 100)
    for name in names:  # every name checked before any frame goes
        frame_store.require(session, name)
        if name == session.current_frame:
            frame_store.drop(session, name)  # refused: r(105)
    for name in names:
        if frame_store.exists(session, name):
            frame_store.drop(session, name)


def _frame_rename(session, rest: str) -> None:
    words = rest.split()
    if len(words) != 2:
        raise invalid_syntax()
    frame_store.rename(session, words[0], words[1])


def _frame_copy(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    opts = resolve_options(options, [OptionSpec("replace")])
    words = body.split()
    if len(words) != 2:
        raise invalid_syntax()
    source, target = words
    frame_store.require(session, source)
    if target == source:
        raise StataError(f"frame {target} already exists", 110)
    if frame_store.exists(session, target):
        if not opts.get("replace"):
            raise StataError(f"frame {target} already exists", 110)
    else:
        frame_store.check_new_name(session, target)
    copy = frame_store.data_of(session, source).copy()
    copy.varabbrev = session.settings.get("varabbrev") != "off"
    frame_store.put(session, target, copy)


def _frame_reset(session, rest: str) -> None:
    if rest:
        raise invalid_syntax()
    frame_store.reset(session)


def _frame_dir(session, rest: str) -> None:
    """frames dir: each frame's name, N x k and label (or file name); * marks unsaved data."""
    if rest:
        raise invalid_syntax()
    names = frame_store.frame_names(session)
    width = max(len(n) for n in names)
    changed_flags = []
    for name in names:
        data = frame_store.data_of(session, name)
        changed = bool(data.changed) and not data.is_empty()
        changed_flags.append("1" if changed else "0")
        about = data.label or (data.filename or "")
        line = f"{'*' if changed else ' '} {name:<{width}}  {data.nobs} x {len(data.varnames)}"
        session.print(line + (f"; {about}" if about else ""))
    if "1" in changed_flags:
        session.print("Note: Frames marked with * contain unsaved data.")
    session.set_r({"frames": " ".join(names), "changed": " ".join(changed_flags)})


def _frame_put(session, rest: str) -> None:
    """``frame put varlist [if] [in], into(newframename)`` (or ``frame put if|in ...``)."""
    from mlmcli.commands.data.common import if_in_command, keep_columns, mark, split_if_in

    body, options, _ = split_options(rest)
    opts = resolve_options(options, [OptionSpec("into", takes_arg=True)])
    target = (opts.get("into") or "").strip()
    if not target:
        raise StataError("option into() required", 198)
    frame_store.check_new_name(session, target)
    varlist_text, cond = split_if_in(body)
    data = session.data
    names = data.expand_varlist(varlist_text) if varlist_text.strip() else []
    if not names and not cond:
        raise StataError("varlist required", 100)
    rows = mark(session, if_in_command(cond)) if cond else np.ones(data.nobs, dtype=bool)
    copy = data.copy()
    if names:
        keep_columns(copy, names)
    copy.take_rows(np.flatnonzero(rows))
    copy.changed = True
    copy.filename = None
    frame_store.create(session, target, copy)


def _frame_post(session, rest: str) -> None:
    """``frame post framename (exp) (exp) ...``: one observation added to the frame, an
    expression for each of its variables, evaluated in the current frame."""
    from mlmcli.commands.data.post import parenthesized_expressions
    from mlmcli.expr import evaluate_scalar

    name, _, exps_text = rest.partition(" ")
    if not name:
        raise StataError("framename required", 100)
    frame_store.require(session, name)
    exps = parenthesized_expressions(exps_text)
    variables = frame_store.variables_of(session, name)
    if len(exps) != len(variables):
        raise StataError(f"frame post: {len(variables)} expressions expected and {len(exps)} found", 198)
    row = []
    for exp, (_, is_string) in zip(exps, variables):
        value = evaluate_scalar(session, exp)
        if isinstance(value, str) != is_string:
            raise StataError("type mismatch", 109)
        row.append(value)
    frame_store.post(session, name, row)
