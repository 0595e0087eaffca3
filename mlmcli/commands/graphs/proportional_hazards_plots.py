"""``stphplot`` and ``stcoxkm`` ([ST] stcox PH-assumption tests) on st data, drawn as stphplot.ado
6.5.4 and stcoxkm.ado 6.3.3 (Stata 16 tree) draw them.

stphplot [if], {by(varname) | strata(varname) adjust(varlist)} [adjust(varlist) zero nolntime
nonegative noshow plot#opts() twoway options]: -ln(-ln S(t)) (nonegative: ln(-ln S)) against ln(_t)
(nolntime: _t), one ``connected`` line per category, S the Kaplan-Meier estimate of ``sts generate,
by()`` (adjust(): the adjusted survivor function at the adjust() variables' (weighted) means -- at
zero with ``zero`` -- by() or strata()); ytitle "-ln[-ln(Survival Probability)]", xtitle
"ln(analysis time)".  connect() is accepted and not used, as in the ado.

stcoxkm [if], by(varname) [ties() noshow obs#opts() pred#opts() twoway options]: each category's
Kaplan-Meier curve (``connected``, stairstep; "Observed: x = 1") and the survivor function of the
Cox model on the category indicators (``stcox`` with ties(), S0(t)^exp(xb); "Predicted: x = 1");
ytitle "Survival Probability", xtitle "analysis time".  ``separate`` draws the same plots with
``by(varname, byopts)`` (each panel holds its category's two curves), obsopts()/predopts() styling
every observed/predicted curve (obs#opts() and pred#opts() are then left to twoway, which refuses
them); byopts() is taken off the options with or without separate, as the ado takes it.  The
estimates in memory and the data are left as they were (the fits run on a copy).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.errors import StataError
from mlmcli.syntax.abbreviation import abbreviates
from mlmcli.syntax.options import OptionSpec

STPHPLOT_SPECS = [OptionSpec(*row) for row in (
    ("adjust", 3, True), ("by", None, True), ("connect", 1, True), ("nolntime", 4), ("nonegative", 4),
    ("strata", 3, True), ("noshow", 4), ("zero", 1), ("plot", 4, True), ("addplot", 7, True))]
STCOXKM_SPECS = [OptionSpec(*row) for row in (
    ("by", None, True), ("noshow", 4), ("ties", 3, True), ("separate", 3), ("plot", 4, True),
    ("addplot", 7, True))]


def _numbered_options(rest: list[Option], stem: str, count: int) -> tuple[dict, list[Option]]:
    """``<stem>#opts()`` (minimal abbreviation <stem>#) for # = 1..count, joined when repeated; the
    other options."""
    from mlmcli.commands.graphs.ready_series import parse_options_text

    pattern = re.compile(rf"^{stem}(\d+)(o|op|opt|opts)?$", re.I)
    found: dict[int, list[Option]] = {}
    others = []
    for option in rest:
        match = pattern.match(option.name)
        if match and 1 <= int(match.group(1)) <= count and option.arg is not None:
            found.setdefault(int(match.group(1)), []).extend(parse_options_text(option.arg))
        else:
            others.append(option)
    return found, others


def _repeated_option(rest: list[Option], name: str, minimum: int) -> tuple[list[str], list[Option]]:
    """The texts of every ``name()`` typed (abbreviated to ``minimum`` letters or more), the ados'
    loop that joins repeated options; the other options."""
    texts, others = [], []
    for option in rest:
        if abbreviates(option.name, name, minimum) and option.arg is not None:
            texts.append(option.arg)
        else:
            others.append(option)
    return texts, others


def _parsed(texts: list[str]) -> list[Option]:
    from mlmcli.commands.graphs.ready_series import parse_options_text

    return [o for text in texts for o in parse_options_text(text)]


def _categories(data, name: str, rows: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """tabulate's levels of ``name`` on ``rows`` in order, each with the ados' label made from
    ``tab, gen()``'s "name==value": "name = value" (a whole number, a label or a string), else as
    tabulate wrote it."""
    from mlmcli.graphs.plotdata import value_text
    from mlmcli.render.numfmt import format_number

    column = data.df[name].to_numpy()
    out = []
    is_string = data.is_string(name)
    for level in sorted({column[i] for i in np.flatnonzero(rows)}):
        mask = rows & (column == level)
        if is_string:
            text = f"{name} = {level}"
        elif name in data.value_label_of and data.value_label_text(name, float(level)) is not None:
            text = f"{name} = {value_text(data, name, float(level))}"
        elif float(level).is_integer():
            text = f"{name} = {int(level)}"
        else:  # the ados leave a non-integer number's tabulate label as it is
            text = f"{name}=={format_number(float(level), '%9.0g').strip()}"
        out.append((text, mask))
    return out


def _run_on_copy(session, rows: np.ndarray, commands: list[str]):
    """The data's ``rows`` (the ados' preserve/keep) after ``commands`` ran quietly on them; the
    data, e() and r() in memory are left as they were."""
    from mlmcli.runner import Runner, current_runner

    original, saved_e, saved_r = session.data, session.e, session.r
    work = original.copy()
    work.take_rows(np.flatnonzero(rows))
    saved_quiet = session.out.quiet
    session.data, session.out.quiet = work, saved_quiet + 1
    try:
        runner = current_runner(session) or Runner(session)
        for command in commands:
            runner.execute(command)
    finally:
        session.data, session.out.quiet, session.e, session.r = original, saved_quiet, saved_e, saved_r
    return work


def _graph(session, cmd, work, columns, calls, ytitle, xtitle, rest, opts, formats=None):
    """twoway (connected y x, options) ... on ``work`` with ``columns`` (name, values, label) beside it."""
    from mlmcli.commands.graphs.built_twoway import draw_twoway
    from mlmcli.commands.graphs.ready_series import addplots, compound_quoted, session_with_columns
    from mlmcli.commands.graphs.twoway import session_on
    from mlmcli.graphs.syntax import PlotCall

    scratch = session_with_columns(session_on(session, work), columns, formats=formats)
    plots = [PlotCall("connected", f"{y} {x}", None, None, tuple(options)) for y, x, options in calls]
    graph_options = [Option("ytitle", compound_quoted(ytitle)), Option("xtitle", compound_quoted(xtitle)), *rest]
    plots += addplots(opts, graph_options)
    draw_twoway(session, scratch, cmd, plots, graph_options)


def _st_rows(session, cmd, names):
    from mlmcli.commands.survival.sts import st_sample

    if cmd.in_range is not None or cmd.weight is not None or cmd.args.strip():
        raise StataError("invalid syntax", 198)
    return st_sample(session, cmd, names)


def cmd_stphplot(session, cmd: Command) -> None:
    from mlmcli.commands.data.survival_settings import require_st
    from mlmcli.commands.graphs.ready_series import refuse_by_prefix, take_options
    from mlmcli.commands.survival.sts import by_variables, show_st

    refuse_by_prefix(cmd, "stphplot")
    description = require_st(session.data)
    opts, rest = take_options(cmd.options, STPHPLOT_SPECS)
    if not opts.get("by") and not opts.get("strata"):
        raise StataError("option by() or strata() required", 198)
    if opts.get("by") and opts.get("strata"):
        raise StataError("only one of by() and strata() may be specified", 198)
    if opts.get("strata") and not opts.get("adjust"):
        raise StataError("strata() requires adjust(); perhaps you mean by()", 198)
    if opts.get("zero") and not opts.get("adjust"):
        raise StataError("adjust() required with zero option", 198)
    group = by_variables(session, opts.get("by") or opts.get("strata"))
    if len(group) != 1:
        raise StataError("too many variables specified", 103)
    x = group[0]
    adjust = by_variables(session, opts.get("adjust"))
    rows = _st_rows(session, cmd, [x] + adjust)
    categories = _categories(session.data, x, rows)
    plot_opts, rest = _numbered_options(rest, "plot", len(categories))
    commands = []
    if adjust and not opts.get("zero"):  # centre each covariate at its (st-weighted) mean
        weight = description.weight or ""
        if weight.startswith("[pweight"):
            weight = "[iweight" + weight[len("[pweight"):]
        for name in adjust:
            commands += [f"summarize {name} {weight}", f"replace {name} = {name} - r(mean)"]
    grouping = f"by({x})" if opts.get("by") else f"strata({x})"
    adjusting = f" adjustfor({' '.join(adjust)})" if adjust else ""
    commands.append(f"sts generate __stph_s = s, {grouping}{adjusting}")
    work = _run_on_copy(session, rows, commands)
    s = work.numeric("__stph_s")
    t = work.numeric("_t")
    with np.errstate(divide="ignore", invalid="ignore"):
        y = np.log(-np.log(s)) * (1 if opts.get("nonegative") else -1)
        time = t if opts.get("nolntime") else np.log(t)
    y, time = np.where(np.isfinite(y), y, np.nan), np.where(np.isfinite(time), time, np.nan)
    kept = np.flatnonzero(rows)
    columns = [("__stph_time", time, "_t" if opts.get("nolntime") else "ln(_t)")]
    calls = []
    for k, (label, mask) in enumerate(categories, start=1):
        columns.append((f"__stph_y{k}", np.where(mask[kept], y, np.nan), label))
        calls.append((f"__stph_y{k}", "__stph_time", [Option("sort"), *plot_opts.get(k, [])]))
    show_st(session, opts, description)
    sign = "" if opts.get("nonegative") else "-"
    _graph(session, cmd, work, columns, calls, f"{sign}ln[-ln(Survival Probability)]",
           "analysis time" if opts.get("nolntime") else "ln(analysis time)", rest, opts)


def cmd_stcoxkm(session, cmd: Command) -> None:
    from mlmcli.commands.data.survival_settings import require_st
    from mlmcli.commands.graphs.ready_series import refuse_by_prefix, take_options
    from mlmcli.commands.survival.sts import by_variables, show_st

    refuse_by_prefix(cmd, "stcoxkm")
    description = require_st(session.data)
    opts, rest = take_options(cmd.options, STCOXKM_SPECS)
    if not opts.get("by"):
        raise StataError("option by() required", 198)
    group = by_variables(session, opts["by"])
    if len(group) != 1:
        raise StataError("too many variables specified", 103)
    x = group[0]
    rows = _st_rows(session, cmd, [x])
    categories = _categories(session.data, x, rows)
    by_texts, rest = _repeated_option(rest, "byopts", 4)  # taken whether or not separate, as the ado does
    if opts.get("separate"):  # obsopts()/predopts() style every curve; obs#opts() are twoway's to refuse
        obs_all, rest = _repeated_option(rest, "obsopts", 5)
        pred_all, rest = _repeated_option(rest, "predopts", 6)
        obs_opts = {k: _parsed(obs_all) for k in range(1, len(categories) + 1)}
        pred_opts = {k: _parsed(pred_all) for k in range(1, len(categories) + 1)}
        rest = [*rest, Option("by", ", ".join([x, *by_texts]))]
    else:
        obs_opts, rest = _numbered_options(rest, "obs", len(categories))
        pred_opts, rest = _numbered_options(rest, "pred", len(categories))
    kept = np.flatnonzero(rows)
    commands = [f"generate byte __stkm_c{k} = {x} == {_level_literal(session.data, x, mask, kept)}"
                for k, (_, mask) in enumerate(categories, start=1)]
    commands += [f"sts generate __stkm_o{k} = s if __stkm_c{k} == 1" for k in range(1, len(categories) + 1)]
    ties = f", {opts['ties']}" if opts.get("ties") else ""
    commands += [f"stcox {' '.join(f'__stkm_c{k}' for k in range(2, len(categories) + 1))}{ties}",
                 "predict double __stkm_b if e(sample), basesurv", "predict double __stkm_h, hr"]
    show_st(session, opts, description)
    work = _run_on_copy(session, rows, commands)
    surv = work.numeric("__stkm_b") ** work.numeric("__stkm_h")
    columns, observed, predicted = [], [], []
    for k, (label, mask) in enumerate(categories, start=1):
        columns += [(f"__stkm_obs{k}", work.numeric(f"__stkm_o{k}"), f"Observed: {label}"),
                    (f"__stkm_pred{k}", np.where(mask[kept], surv, np.nan), f"Predicted: {label}")]
        observed.append((f"__stkm_obs{k}", "_t", [Option("sort"), Option("connect", "stairstep"),
                                                  *obs_opts.get(k, [])]))
        predicted.append((f"__stkm_pred{k}", "_t", [Option("sort"), *pred_opts.get(k, [])]))
    _graph(session, cmd, work, columns, observed + predicted, "Survival Probability", "analysis time", rest, opts,
           formats={name: "%3.2f" for name, _, _ in columns})


def _level_literal(data, name: str, mask: np.ndarray, kept: np.ndarray) -> str:
    value = data.df[name].to_numpy()[np.flatnonzero(mask)[0]]
    if isinstance(value, str):
        return '"' + value.replace('"', "") + '"'
    return repr(float(value))
