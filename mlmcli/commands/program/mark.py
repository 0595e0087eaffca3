"""``marksample``, ``mark`` and ``markout``: the 0/1 to-use variable of a program ([P] mark).

    marksample lmacname [, novarlist strok zeroweight noby]
    mark newmarkvar [if] [in] [weight] [, zeroweight noby]
    markout markvar [varlist] [, strok sysmissok]
    markin markvar [if] [in] [, noby]
    svymarkout markvar

An observation is marked 0 when ``if`` is false there, it lies outside ``in``, the weight is
missing or zero (kept by ``zeroweight``), it is outside the current by-group (kept by
``noby``), or a variable of the varlist is missing.  ``markin`` marks 0 the observations an
existing marker's if/in (and by-group, unless noby) leave out.  ``svymarkout`` ([SVY]
svymarkout) marks 0 the observations where a variable svyset names (the weight, each
stage's sampling units, strata and fpc, replicate weights) is missing; without svyset
settings it changes nothing.  A string variable in the varlist marks
every observation out unless ``strok``, which marks out only its empty strings;
``sysmissok`` lets ``.`` stand and marks out only ``.a`` ... ``.z``.  ``marksample`` reads
what ``syntax`` left in the locals `varlist', `if', `in', `weight' and `exp' and puts the
name of a new temporary byte variable into ``lmacname``.
Negative weights are not refused here: the command that uses the weights refuses them
(a decision made without a Stata log at hand).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.sample import refuse_sample_qualifiers
from mlmcli.syntax.options import OptionSpec, resolve_options


def cmd_marksample(session, cmd) -> None:
    from mlmcli.commands.program.time_series_names import temporary_name
    from mlmcli.parser import parse_arguments
    from mlmcli.syntax.varlist import NAME_RE

    opts = resolve_options(cmd.options, [OptionSpec("novarlist", 3), OptionSpec("strok", 1),
                                         OptionSpec("zeroweight", 4), OptionSpec("noby", 4)])
    name = cmd.args.strip()
    if cmd.if_exp is not None or cmd.in_range is not None or cmd.weight is not None:
        raise invalid_syntax()
    if not name or len(name.split()) != 1 or not NAME_RE.match(name) or len(name) > 31:
        raise invalid_syntax()
    loc = session.locals
    weight = loc.get("weight", "").strip()
    qualifiers = " ".join(part for part in (loc.get("if", ""), loc.get("in", "")) if part.strip())
    if weight:
        exp = loc.get("exp", "").strip()
        # syntax's [fw/] leaves `exp' without its "="
        qualifiers += f" [{weight} {exp if exp.startswith('=') else '= ' + exp}]"
    typed = parse_arguments(qualifiers)
    marker = sample_marker(session, typed, bool(opts.get("zeroweight")), bool(opts.get("noby")))
    if not opts.get("novarlist"):
        marker &= complete_rows(session, loc.get("varlist", ""), bool(opts.get("strok")), False)
    token = temporary_name(session)
    session.data.set_variable(token, marker.astype(np.int8), "byte")
    loc[name] = token


def cmd_mark(session, cmd) -> None:
    from mlmcli.syntax.varlist import NAME_RE

    opts = resolve_options(cmd.options, [OptionSpec("zeroweight", 4), OptionSpec("noby", 4)])
    words = cmd.args.split()
    if len(words) != 1 or not NAME_RE.match(words[0]):
        raise invalid_syntax()
    name = words[0]
    data = session.data
    if name in data.varnames:
        raise StataError(f"variable {name} already defined", 110)
    marker = sample_marker(session, cmd, bool(opts.get("zeroweight")), bool(opts.get("noby")))
    data.set_variable(name, marker.astype(np.int8), "byte")


def cmd_markout(session, cmd) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("strok", 1), OptionSpec("sysmissok", 3)])
    refuse_sample_qualifiers(cmd)
    words = cmd.args.split()
    if not words:
        raise StataError("varlist required", 100)
    marker_name = _existing_marker(session, words[0])
    keep = complete_rows(session, " ".join(words[1:]), bool(opts.get("strok")), bool(opts.get("sysmissok")))
    _mark_out(session, marker_name, keep)


def _existing_marker(session, word: str) -> str:
    """The numeric marker variable a word names (type mismatch r(109) for a string one)."""
    marker_name = session.data.resolve(word)
    if session.data.is_string(marker_name):
        raise StataError("type mismatch", 109)
    return marker_name


def _mark_out(session, marker_name: str, keep: np.ndarray) -> None:
    """0 in the marker where ``keep`` is false; the marker keeps its storage type."""
    data = session.data
    values = data.numeric(marker_name)
    data.set_variable(marker_name, np.where(keep, values, 0.0).astype(values.dtype), data.types.get(marker_name))


def cmd_markin(session, cmd) -> None:
    opts = resolve_options(cmd.options, [OptionSpec("noby", 4)])
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    words = cmd.args.split()
    if len(words) != 1:
        raise invalid_syntax()
    marker_name = _existing_marker(session, words[0])
    _mark_out(session, marker_name, sample_marker(session, cmd, False, bool(opts.get("noby"))))


def cmd_svymarkout(session, cmd) -> None:
    from mlmcli.survey.settings import read_settings

    refuse_sample_qualifiers(cmd)
    resolve_options(cmd.options, [])
    words = cmd.args.split()
    if len(words) != 1:
        raise invalid_syntax()
    data = session.data
    marker_name = _existing_marker(session, words[0])
    settings = read_settings(data.chars)
    if settings is None:
        return
    names = list(settings.weight_vars) + [v for st in settings.stages for v in (st.su, st.strata, st.fpc) if v != "_n"]
    names += list(settings.brrweight) + list(settings.jkrweight) + list(settings.sdrweight)
    names = [n for n in names if n and data.has_variable(n)]
    _mark_out(session, marker_name, complete_rows(session, " ".join(names), True, False))


def sample_marker(session, cmd, zeroweight: bool, noby: bool) -> np.ndarray:
    """``if``, ``in``, the weight and the by-group of ``cmd`` as a boolean mask."""
    from mlmcli.sample import mark_sample, mark_weight

    saved = session.by_mask
    try:
        if noby:
            session.by_mask = None
        mask = mark_sample(session, cmd)
    finally:
        session.by_mask = saved
    if not noby and session.program_by_mask is not None:  # a byable(recall) program's by-group
        mask &= np.asarray(session.program_by_mask, dtype=bool)
    mask, weights = mark_weight(session, cmd, mask)
    if weights is not None and not zeroweight:
        mask &= weights != 0
    return mask


def complete_rows(session, varlist: str, strok: bool, sysmissok: bool) -> np.ndarray:
    """Rows where no variable of ``varlist`` is missing (time-series operators and factor
    variables allowed: an operated variable's own missing values, a factor's base variable)."""
    from mlmcli import missing
    from mlmcli.time_series_ops import expand_ts_varlist, split_operated

    data = session.data
    keep = np.ones(data.nobs, dtype=bool)
    if not varlist.strip():
        return keep
    names: list[str] = []
    for word in varlist.split():
        for part in word.split("#"):
            base = part.rpartition(".")[2] if "." in part and not split_operated(part) else part
            names += expand_ts_varlist(data, base.strip("()"))
    for name in dict.fromkeys(names):
        if split_operated(name):
            from mlmcli.expr import evaluate

            values = evaluate(session, name)
        elif data.is_string(name):
            if not strok:
                keep[:] = False
                continue
            col = data.df[data.resolve(name)].to_numpy(dtype=object)
            keep &= np.array([isinstance(v, str) and v != "" for v in col], dtype=bool)
            continue
        else:
            values = data.numeric(name)
        if sysmissok:
            keep &= ~(np.isnan(values) & (missing.code(values) > 0))
        else:
            keep &= ~np.isnan(values)
    return keep
