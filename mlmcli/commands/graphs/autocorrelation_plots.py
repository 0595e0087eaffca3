"""``ac`` and ``pac`` ([TS] corrgram): the correlogram and partial correlogram as graphs, drawn as
ac.ado 1.4.7 and pac.ado 1.5.0 (Stata 16 tree) draw them --

    twoway (rarea lower upper lag, sort pstyle(ci) ytitle() xtitle("Lag") note() ciopts)
           (dropline AC|PAC lag, pstyle(p1) options) [(scatter svar lag, pstyle(p2) srvopts)]
           [plot] [addplot], ytick(0, grid gmin gmax notick) [legend(nodraw)]

ac's band is Bartlett's formula for MA(q), +-z sqrt((1 + 2 sum_{j<k} AC_j^2)/n) (1/sqrt(n) at
lag 1); pac's is +-z/sqrt(n).  The numbers are corrgram's (``mlmcli.time_series.autocorrelation``,
the sample and default lags of ``commands/statistics/correlogram.py``).  ``generate()`` stores the
AC/PAC in the first lags() observations (%10.0g, labelled); ``nograph`` needs it.  ac's ``fft``
computes the autocorrelations over the sample's rows taken as consecutive (what the ado's padded
transform gives: a gap in time is not seen); pac.ado parses ``fft`` and never uses it, so pac
accepts it and changes nothing.
"""
from __future__ import annotations

import numpy as np

from mlmcli.ast import Command, Option
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level

_COMMON = [OptionSpec("lags", 3, True), OptionSpec("generate", 3, True), OptionSpec("level", 1, True),
           OptionSpec("fft", 3), OptionSpec("nograph", 4), OptionSpec("ciopts", 4, True),
           OptionSpec("plot", 4, True), OptionSpec("addplot", 7, True)]
AC_SPECS = _COMMON
PAC_SPECS = _COMMON + [OptionSpec("yw", 2), OptionSpec("srv", 3), OptionSpec("srvopts", 6, True)]


def _generate_name(session, opts) -> str | None:
    from mlmcli.syntax.varlist import check_new_name

    if opts.get("nograph") and not opts.get("generate"):
        raise StataError("generate() must be specified with nograph", 198)
    text = opts.get("generate")
    if not text:
        return None
    words = text.split()
    if len(words) > 1:
        raise StataError("generate() should name one new variable", 198)
    check_new_name(session.data, words[0])
    return words[0]


def _level_text(level: float) -> str:
    from mlmcli.commands.graphs.ready_series import display_text

    return display_text(level)


def _store(session, name, values, label) -> None:
    column = np.full(session.data.nobs, np.nan)
    column[:values.size] = values
    session.data.set_variable(name, column, "double")
    session.data.formats[name] = "%10.0g"
    session.data.var_labels[name] = label


def _draw(session, cmd, lags, value, lower, upper, opts, rest, ytitle, note, extra=()):
    """The twoway of both ados: band, droplines, ``extra`` plots (pac's srv), plot()/addplot()."""
    from mlmcli.commands.graphs.built_twoway import draw_twoway
    from mlmcli.commands.graphs.ready_series import (addplots, compound_quoted, parse_options_text,
                                                     session_with_columns)
    from mlmcli.graphs.syntax import PlotCall

    level_label = f"{_level_text(opts['level_value'])}% CI"
    columns = [("__ac_lower", lower, level_label), ("__ac_upper", upper, level_label),
               ("__ac_value", value, ytitle), ("__ac_lag", np.arange(1, lags + 1, dtype=float), "Lag")]
    columns += [(name, values, label) for name, values, label, _ in extra]
    fmt = {name: "%-5.2f" for name, *_ in columns if name != "__ac_lag"}
    scratch = session_with_columns(session, columns, formats=fmt)
    graph_options: list[Option] = [Option("ytick", "0, grid gmin gmax notick")]
    plots = [PlotCall("rarea", "__ac_lower __ac_upper __ac_lag", None, None,
                      (Option("sort"), Option("pstyle", "ci"), Option("ytitle", compound_quoted(ytitle)),
                       Option("xtitle", '"Lag"'), Option("note", compound_quoted(note)),
                       *parse_options_text(opts.get("ciopts")))),
             PlotCall("dropline", "__ac_value __ac_lag", None, None, (Option("pstyle", "p1"), *rest))]
    plots += [PlotCall("scatter", f"{name} __ac_lag", None, None, (Option("pstyle", "p2"), *options))
              for name, _, _, options in extra]
    added = addplots(opts, graph_options)
    if not added and not extra:
        graph_options.append(Option("legend", "nodraw"))
    elif extra:
        graph_options.insert(0, Option("legend", "cols(1)"))  # pac's legend(cols(1)) before typed ones
    draw_twoway(session, scratch, cmd, plots + added, graph_options)


def _setup(session, cmd, specs):
    from mlmcli.commands.graphs.ready_series import refuse_by_prefix, take_options
    from mlmcli.commands.statistics.unit_root_tests import series_variable

    refuse_by_prefix(cmd, cmd.name)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    opts, rest = take_options(cmd.options, specs)
    if opts.get("nograph"):  # the ados' nograph syntax takes no graph option
        graph_only = [o.name + ("()" if o.arg is not None else "") for o in rest] + [
            k + ("" if k == "srv" else "()") for k in ("ciopts", "plot", "addplot", "srv", "srvopts") if k in opts]
        if graph_only:
            raise StataError(f"option {graph_only[0]} not allowed", 198)
    opts["level_value"] = confidence_level(opts, getattr(session, "level", 95.0))
    name = _generate_name(session, opts)
    return opts, rest, name, series_variable(session, cmd)


def _consecutive_autocorrelations(session, xm: np.ndarray, lags: int) -> np.ndarray:
    """ac.ado's fft branch: the sample's rows in time order taken as consecutive (a gap in time is
    not seen), zero-padded -- sum_t xm_t xm_(t+k) / sum_t xm_t^2 over those rows."""
    from mlmcli.panel.time_settings import time_structure

    _, time, _ = time_structure(session.data)
    rows = np.flatnonzero(~np.isnan(xm))
    v = xm[rows[np.argsort(time[rows], kind="stable")]]
    r0 = float(v @ v)
    if r0 == 0:
        return np.full(lags, np.nan)
    return np.array([float(v[k:] @ v[:-k]) / r0 for k in range(1, lags + 1)])


def cmd_ac(session, cmd: Command) -> None:
    from mlmcli.commands.statistics.correlogram import autocorrelation_series
    from mlmcli.distributions import norm
    from mlmcli.time_series.autocorrelation import autocorrelations

    opts, rest, name, var = _setup(session, cmd, AC_SPECS)
    xm, n, lags, lagged, gap_note = autocorrelation_series(session, cmd, opts.get("lags"))
    if gap_note:
        session.print(gap_note)
    ac = _consecutive_autocorrelations(session, xm, lags) if opts.get("fft") else autocorrelations(xm, lagged, lags)
    # Bartlett: the variance of AC_k under MA(k-1) is (1 + 2 sum_{j<k} AC_j^2)/n
    previous = np.concatenate([[0.0], np.cumsum(ac ** 2)[:-1]])
    se = np.sqrt((1 + 2 * previous) / n)
    title = f"Autocorrelations of {var}"
    if not opts.get("nograph"):
        z = float(norm.ppf((100 + opts["level_value"]) / 200))
        note = f"Bartlett's formula for MA(q) {_level_text(opts['level_value'])}% confidence bands"
        _draw(session, cmd, lags, ac, -z * se, z * se, opts, rest, title, note)
    if name:
        _store(session, name, ac, title)


def cmd_pac(session, cmd: Command) -> None:
    from mlmcli.commands.graphs.ready_series import parse_options_text
    from mlmcli.commands.statistics.correlogram import autocorrelation_series
    from mlmcli.commands.statistics.unit_root_tests import lags_option
    from mlmcli.distributions import norm
    from mlmcli.time_series.autocorrelation import autocorrelations, regression_pac_variances, yule_walker_pac

    opts, rest, name, var = _setup(session, cmd, PAC_SPECS)
    srv = bool(opts.get("srv") or opts.get("srvopts")) and not opts.get("nograph")
    if opts.get("yw") and srv:
        raise StataError("cannot specify srv with yw", 198)
    typed = lags_option(opts.get("lags"))
    xm, n, _, lagged, gap_note = autocorrelation_series(session, cmd, None)
    if n < 6:
        raise StataError("number of observations must be greater than 5", 2001)
    most = n // 2 - 2
    if typed is not None and typed > most:
        raise StataError(f"lags() too large; must be less than {most}", 498)
    if typed is not None and typed <= 0:
        raise StataError("lags() must be greater than zero", 498)
    lags = min(most, 40) if typed is None else typed
    if gap_note:
        session.print(gap_note)
    if opts.get("yw"):
        pac, svar = yule_walker_pac(autocorrelations(xm, lagged, lags)), np.full(lags, np.nan)
    else:
        pac, svar = regression_pac_variances(xm, lagged, lags)
    title = f"Partial autocorrelations of {var}"
    if not opts.get("nograph"):
        z = float(norm.ppf((100 + opts["level_value"]) / 200)) / np.sqrt(n)
        note = f"{_level_text(opts['level_value'])}% Confidence bands [se = 1/sqrt(n)]"
        extra = [("__ac_svar", svar, "Standardized variances", parse_options_text(opts.get("srvopts")))] if srv else []
        _draw(session, cmd, lags, pac, np.full(lags, -z), np.full(lags, z), opts, rest, title, note, extra)
    if name:
        _store(session, name, pac, title)
