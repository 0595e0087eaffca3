"""``xtdescribe``, ``xtsum``, ``xttab``, ``xttrans``: describing panel data.

    xtdescribe [if] [in] [, i(panelvar) t(timevar) patterns(#) width(#)]
    xtsum [varlist] [if] [in] [, i(panelvar)]
    xttab varname [if] [in] [, i(panelvar)]
    xttrans varname [if] [in] [, i(panelvar) t(timevar) freq]

The numbers come from ``mlmcli.panel.description``; the panel and time variables from
``xtset`` (or ``i()``/``t()``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark, single_variable
from mlmcli.commands.estimation.panel_common import declare_panel, panel_variable, time_variable
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options


def _display(v: float) -> str:
    """A number as ``display`` shows it by default."""
    from mlmcli.render.numfmt import format_number

    return format_number(v, "%10.0g").strip()


def _time(session, t_option) -> str:
    if t_option:
        return session.data.resolve(str(t_option).strip())
    tvar = time_variable(session)
    if tvar is None:
        raise StataError("time variable not set, use xtset panelvar timevar", 459)
    return tvar


def cmd_xtdescribe(session, cmd) -> None:
    from mlmcli.panel.description import participation_patterns
    from mlmcli.render.panel_description import render_xtdescribe
    from mlmcli.results.panel import XtdescribeResult

    opts = resolve_options(cmd.options, [OptionSpec("i", 1, takes_arg=True), OptionSpec("t", 1, takes_arg=True),
                                         OptionSpec("patterns", 1, takes_arg=True),
                                         OptionSpec("width", 1, takes_arg=True)])
    if cmd.args.strip():
        raise StataError("varlist not allowed", 101)
    declare_panel(session, opts.get("i"), opts.get("t"), trequired=True)
    ds = session.data
    ivar = panel_variable(session, opts.get("i"))
    tvar = _time(session, opts.get("t"))
    shown = integer_option(opts, "patterns", 9, minimum=0)
    width = integer_option(opts, "width", 100, minimum=3)
    rows = mark(session, cmd, [ivar])
    p, t = ds.numeric(ivar)[rows], ds.numeric(tvar)[rows]
    if np.unique(t[~np.isnan(t)]).size < 2:
        raise StataError(f"{tvar} must have multiple distinct nonmissing values", 459)
    if rows.sum() == 0:
        raise StataError("no observations", 2000)
    delta = _recorded_delta(ds, tvar)
    pat = participation_patterns(p, t / delta, width)  # the patterns count time in units of delta
    tfmt = ds.format_of(tvar)
    from mlmcli.render.numfmt import format_number

    tv = tuple(format_number(v * delta, tfmt).strip() if not np.isnan(v) else "." for v in pat.tvals)
    result = XtdescribeResult(ivar=ivar, tvar=tvar, ivals=tuple(_display(v) for v in pat.ivals), tvals=tv,
                              n=pat.n, T=pat.T, delta=f"{_display(delta)} unit{'' if delta == 1 else 's'}",
                              span=_display(pat.span), unique=pat.unique,
                              t_distribution=pat.t_distribution, patterns=pat.patterns,
                              shown=min(shown if shown < 1000 else len(pat.patterns), len(pat.patterns)),
                              overall=pat.overall, step=pat.step)
    session.print(render_xtdescribe(result))
    session.set_r(_panel_size_returns(p))


def _recorded_delta(ds, tvar: str) -> float:
    """xtset's delta when ``tvar`` is the time variable xtset recorded (``xtset id year,
    delta(10)``: Delta(year) = 10 units, the span and the patterns in steps of 10), else 1."""
    from mlmcli.commands.data.panel_settings import recorded_delta, time_setting

    return recorded_delta(ds) if time_setting(ds) == tvar else 1.0


def _panel_size_returns(panel: np.ndarray) -> dict:
    """r() after xtdescribe: xtdescribe.ado is not r-class and leaves the results of its last
    r-class command, ``summarize T_i, detail`` over the panels (T_i = observations in each):
    r(N) the number of panels, r(sum) the observations, r(min), r(max), r(p50) ... of T_i."""
    from mlmcli.summary_statistics import moments, stata_percentile

    T_i = np.unique(panel, return_counts=True)[1].astype(float)
    m = moments(T_i)
    r = {"N": m["N"], "sum_w": float(m["N"]), "mean": m["mean"], "Var": m["Var"], "sd": m["sd"],
         "skewness": m["skewness"], "kurtosis": m["kurtosis"], "sum": m["sum"], "min": m["min"], "max": m["max"]}
    st = np.sort(T_i)
    for pct in (1, 5, 10, 25, 50, 75, 90, 95, 99):
        r[f"p{pct}"] = stata_percentile(st, pct)
    return r


def cmd_xtsum(session, cmd) -> None:
    from mlmcli.panel.description import decomposition
    from mlmcli.render.panel_description import render_xtsum

    opts = resolve_options(cmd.options, [OptionSpec("i", 1, takes_arg=True)])
    ds = session.data
    # xtsum.ado parses its varlist(ts) before it asks for the panel: r(111)/r(101) come first.
    from mlmcli.factor_terms import uses_factor_variables

    if uses_factor_variables(cmd.args):
        raise StataError("factor variables not allowed", 101)
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else list(ds.df.columns)
    declare_panel(session, opts.get("i"))
    ivar = panel_variable(session, opts.get("i"))
    rows = mark(session, cmd, [])
    pan = ds.numeric(ivar)
    out, r = [], {}
    for name in names:
        if ds.is_string(name):
            stats = decomposition(np.array([]), np.array([], dtype=int), name)
        else:
            sel = rows & ~np.isnan(pan)
            stats = decomposition(ds.numeric(name)[sel], pan[sel], name)
        out.append(stats)
        r = {"N": stats.N, "n": stats.n, "Tbar": stats.Tbar, "mean": stats.mean, "sd": stats.sd, "min": stats.min,
             "max": stats.max, "sd_b": stats.sd_b, "min_b": stats.min_b, "max_b": stats.max_b, "sd_w": stats.sd_w,
             "min_w": stats.min_w, "max_w": stats.max_w}
    session.print(render_xtsum(out))
    session.set_r({k: float(v) for k, v in r.items()})


def cmd_xttab(session, cmd) -> None:
    from mlmcli.panel.description import panel_tabulation
    from mlmcli.render.panel_description import render_xttab
    from mlmcli.results.matrix import Matrix
    from mlmcli.results.panel import XttabResult, XttabRow

    opts = resolve_options(cmd.options, [OptionSpec("i", 1, takes_arg=True)])
    ds = session.data
    name = single_variable(ds, cmd.args)
    if ds.is_string(name):
        raise StataError(f"{name} must be numeric", 109)
    declare_panel(session, opts.get("i"))
    ivar = panel_variable(session, opts.get("i"))
    rows = mark(session, cmd, [name, ivar])
    if not rows.any():
        raise StataError("no observations", 2000)
    x, p = ds.numeric(name)[rows], ds.numeric(ivar)[rows]
    table, n, total_w = panel_tabulation(x, p)
    labelled = name in ds.value_label_of
    out_rows = []
    for row in table:
        lab = (ds.value_label_text(name, row.value) or _display(row.value))[:8] if labelled else _display(row.value)
        out_rows.append(XttabRow(lab, row.freq, row.percent, row.panels, row.panel_percent, row.within))
    total_b = sum(rw.panels for rw in table)
    result = XttabResult(name, tuple(out_rows), int(x.size), n, total_b, total_w, labelled)
    session.print(render_xttab(result))
    values = [[rw.value, rw.freq, rw.percent, rw.panels, rw.panel_percent, rw.within] for rw in table]
    values.append([np.nan, x.size, 100.0, total_b, 100 * total_b / n, total_w])
    cols = ("value", "Overall:Freq", "Overall:Percent", "Between:Freq", "Between:Percent", "Within:Percent")
    session.set_r({"n": float(n), "results": Matrix(np.array(values, float), tuple(f"r{i + 1}" for i in
                                                                                   range(len(values))), cols)})


def cmd_xttrans(session, cmd) -> None:
    from mlmcli.commands.data.tabulate_report import report_tab2
    from mlmcli.panel.description import transitions

    opts = resolve_options(cmd.options, [OptionSpec("i", 1, takes_arg=True), OptionSpec("t", 1, takes_arg=True),
                                         OptionSpec("freq", 1)])
    ds = session.data
    name = single_variable(ds, cmd.args)
    declare_panel(session, opts.get("i"), opts.get("t"), trequired=True)
    ivar = panel_variable(session, opts.get("i"))
    tvar = _time(session, opts.get("t"))
    used = mark(session, cmd, [name, ivar, tvar])
    order = np.lexsort((ds.numeric(tvar), ds.numeric(ivar)))
    was, is_ = transitions(ds.numeric(name)[order], ds.numeric(ivar)[order], used[order])
    ok = ~np.isnan(was) & ~np.isnan(is_)
    was, is_ = was[ok], is_[ok]
    if was.size == 0:
        raise StataError("no observations", 2000)
    rvals, rcodes = np.unique(was, return_inverse=True)
    cvals, ccodes = np.unique(is_, return_inverse=True)
    counts = np.zeros((rvals.size, cvals.size), dtype=int)
    np.add.at(counts, (rcodes, ccodes), 1)
    title = ds.var_labels.get(name) or name
    opts2 = {"row": True, "nofreq": not opts.get("freq"), "nokey": True}
    report_tab2(session, opts2, title, title, [_display(v) for v in rvals], [_display(v) for v in cvals], counts)
