"""``pergram`` and ``cumsp`` ([TS] pergram, [TS] cumsp): the log-standardized periodogram and the
cumulative spectral distribution of a dense series, drawn as pergram.ado 1.3.2 and cumsp.ado 1.3.1
(Stata 16 tree) draw them --

    twoway (connected Y omega if omega <= .5, yaxis(1 2) ylabel(-6(2)6 | 0(.2)1, axis(1) and (2))
            ytitle(label "Log Periodogram" | "Log Periodogram of x") ytitle("", axis(2))
            xlabel(0(.1).5) title() note() legend(nodraw) options) || plot || addplot

with Y and omega formatted %-5.2f.  The numbers: ``mlmcli.time_series.periodogram``.  pergram's
generate() holds the raw periodogram |X_k|^2 at the sample's rows (labelled as the ado labels it,
"Log periodogram for x"); cumsp's the distribution up to frequency .5.
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec

PERGRAM_SPECS = [OptionSpec("generate", 3, True), OptionSpec("nograph", 4), OptionSpec("plot", 4, True),
                 OptionSpec("addplot", 7, True)]
CUMSP_SPECS = [OptionSpec("generate", 3, True), OptionSpec("plot", 4, True), OptionSpec("addplot", 7, True)]


def _dense_series(session, cmd: Command):
    """(variable as typed, the sample's rows in time order, its values): _ts's sort and one panel,
    and pergram.ado's check that each sample row follows the row before it by one period."""
    from mlmcli.commands.statistics.correlogram import operated_values
    from mlmcli.commands.statistics.unit_root_tests import check_time_series, series_variable
    from mlmcli.panel.time_settings import time_structure
    from mlmcli.sample import mark_sample

    var = series_variable(session, cmd)
    check_time_series(session, cmd)
    ds = session.data
    panel, time, delta = time_structure(ds)
    x = operated_values(ds, var, panel, time, delta)
    touse = np.asarray(mark_sample(session, cmd, [var.rpartition(".")[2]]), bool) & ~np.isnan(time) & ~np.isnan(x)
    keys = (time,) if panel is None else (time, panel)
    order = np.lexsort(keys)  # the data as _ts sorts them (panel, time)
    if order.size == 0:
        raise StataError("no observations", 2000)
    step = np.diff(time[order], prepend=time[order][0] - delta)
    if np.any(touse[order] & (step != delta)):
        raise StataError("time series may not have gaps", 198)
    rows = order[touse[order]]
    if rows.size == 0:
        raise StataError("no observations", 2000)
    return var, rows, x[rows]


def _new_name(session, opts) -> str | None:
    from mlmcli.syntax.varlist import check_new_name

    text = opts.get("generate")
    if not text:
        return None
    words = text.split()
    try:
        if len(words) != 1:
            raise StataError("", 198)
        check_new_name(session.data, words[0])
    except StataError:
        raise StataError("generate() should name one new variable", 198) from None
    return words[0]


def _value_title(session, var: str, text: str) -> tuple[str, str]:
    """(the series' label, the y title as the ados build it: the variable label above ``text``,
    or "``text`` of varname" when there is none)."""
    from mlmcli.commands.graphs.ready_series import compound_quoted

    label = session.data.var_labels.get(var, "") if var in session.data.df.columns else ""
    if not label:
        return var, compound_quoted(f"{text} of {var}")
    return label, f"{compound_quoted(label)} {compound_quoted(text)}"


def _draw(session, cmd, opts, rest, rows, values, omega, label, ytitle, labels, title, note, xtitle):
    from mlmcli.commands.graphs.built_twoway import draw_twoway
    from mlmcli.commands.graphs.ready_series import addplots, compound_quoted, session_with_columns
    from mlmcli.graphs.syntax import PlotCall

    nobs = session.data.nobs
    y, w = np.full(nobs, np.nan), np.full(nobs, np.nan)
    y[rows], w[rows] = values, omega
    scratch = session_with_columns(session, [("__sp_value", y, label), ("__sp_omega", w, "Frequency")],
                                   formats="%-5.2f")
    own = [Option("yaxis", "1 2"), Option("ylabel", f"{labels}, axis(1)"), Option("ylabel", f"{labels}, axis(2)"),
           Option("ytitle", ytitle), Option("ytitle", '`""\', axis(2)'), Option("xlabel", "0(.1).5")]
    if xtitle:
        own.append(Option("xtitle", xtitle))
    own += [Option("title", compound_quoted(title)), Option("note", compound_quoted(note)),
            Option("legend", "nodraw")]
    graph_options: list[Option] = []
    plots = [PlotCall("connected", "__sp_value __sp_omega", "__sp_omega <= .5", None, (*own, *rest))]
    plots += addplots(opts, graph_options)
    draw_twoway(session, scratch, cmd, plots, graph_options)


def _store(session, name, rows, values, label) -> None:
    column = np.full(session.data.nobs, np.nan)
    column[rows] = values
    session.data.set_variable(name, column, "double")
    session.data.formats[name] = "%10.0g"
    session.data.var_labels[name] = label


def _setup(session, cmd, specs):
    from mlmcli.commands.graphs.ready_series import refuse_by_prefix, take_options

    refuse_by_prefix(cmd, cmd.name)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts, rest = take_options(cmd.options, specs)
    if opts.get("nograph") and rest:
        raise StataError(f"option {rest[0].name}{'()' if rest[0].arg is not None else ''} not allowed", 198)
    return opts, rest, _new_name(session, opts)


def cmd_pergram(session, cmd: Command) -> None:
    from mlmcli.time_series.periodogram import periodogram

    opts, rest, name = _setup(session, cmd, PERGRAM_SPECS)
    var, rows, x = _dense_series(session, cmd)
    omega, raw, pg = periodogram(x)
    if not opts.get("nograph"):
        label, ytitle = _value_title(session, var, "Log Periodogram")
        _draw(session, cmd, opts, rest, rows, pg, omega, label, ytitle, "-6(2)6",
              "Sample spectral density function", "Evaluated at the natural frequencies", None)
    if name:
        _store(session, name, rows, raw, f"Log periodogram for {var}")


def cmd_cumsp(session, cmd: Command) -> None:
    from mlmcli.time_series.periodogram import periodogram, spectral_distribution

    opts, rest, name = _setup(session, cmd, CUMSP_SPECS)
    var, rows, x = _dense_series(session, cmd)
    omega, raw, _ = periodogram(x)
    spg = spectral_distribution(raw, omega)
    label, ytitle = _value_title(session, var, "Cumulative spectral distribution")
    _draw(session, cmd, opts, rest, rows, spg, omega, label, ytitle, "0(.2)1",
          "Sample spectral distribution function", "Points evaluated at the natural frequencies", '"Frequency"')
    if name:
        _store(session, name, rows, np.where(omega <= .5, spg, np.nan), label)
