"""``corrgram varname [if] [in] [, lags(#) noplot yw]`` and ``wntestq varname [if] [in] [, lags(#)]``
([TS] corrgram, [TS] wntestq; corrgram.ado 1.4.0, ac.ado 1.4.7, pac.ado 1.5.0, wntestq.ado 1.0.10,
Stata 16 tree).  The numbers: ``mlmcli.time_series.autocorrelation``.

corrgram: lags() default max(1, min(int(n/2) - 2, 40)); PAC only up to int(n/2) - 2 (beyond:
missing).  r(ac#), r(pac#), r(q#) for the first ten lags, r(lags), r(AC), r(PAC), r(Q) (up to the
first missing value).  wntestq: Q over ac's lags (default as corrgram's), r(stat), r(p), r(df).
Gaps: "(note: time series has # gaps)" as tsreport (version 6) counts them, printed by each of
corrgram, ac and pac as the ados do (their ``noisily`` lines print inside ``quietly``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"corrgram": "corrgram varname [if] [in] [, lags(#) noplot yw] : tabulate and graph autocorrelations",
        "wntestq": "wntestq varname [if] [in] [, lags(#)] : portmanteau (Q) test for white noise"}


def autocorrelation_series(session, cmd, lags_text):
    """(xm over all rows, n, lags, lagged, gap note or None) as ac.ado sets them up."""
    from mlmcli.commands.statistics.unit_root_tests import check_time_series, lags_option, series_variable
    from mlmcli.panel.time_settings import time_structure
    from mlmcli.sample import mark_sample
    from mlmcli.time_series_ops import apply_operator

    var = series_variable(session, cmd)
    tvar = check_time_series(session, cmd)
    lags = lags_option(lags_text)
    ds = session.data
    touse = np.asarray(mark_sample(session, cmd, [var.rpartition(".")[2]]), bool)
    panel, time, delta = time_structure(ds)
    x = operated_values(ds, var, panel, time, delta)
    touse &= ~np.isnan(time) & ~np.isnan(x)
    n = int(touse.sum())
    if n == 0:
        raise StataError("no observations", 2000)
    if n == 1:
        raise StataError("insufficient observations", 2001)
    if lags is None:
        lags = max(1, min(n // 2 - 2, 40))
    elif lags >= n:
        raise StataError(f"lags() too large; must be less than {n}", 498)
    elif lags <= 0:
        raise StataError("lags() must be greater than zero", 498)
    xm = np.where(touse, x - x[touse].mean(), np.nan)

    def lagged(v, k):
        return apply_operator(f"L{k}", v, panel, time, delta)

    back = lagged(touse.astype(float), 1)
    gaps = int(np.count_nonzero(touse & (np.nan_to_num(back) != 1))) - 1
    note = None
    if gaps > 0:
        note = f"(note: time series has {gaps} gaps)" if gaps > 1 else "(note: time series has 1 gap)"
    _ = tvar
    return xm, n, lags, lagged, note


def operated_values(ds, var, panel, time, delta):
    from mlmcli.time_series_ops import apply_operator

    head, dot, name = var.rpartition(".")
    x = ds.numeric(name if dot else var)
    return apply_operator(head, x, panel, time, delta) if dot else x


def cmd_corrgram(session, cmd) -> None:
    from mlmcli.distributions import chi2
    from mlmcli.render.autocorrelation import render_correlogram
    from mlmcli.results.autocorrelation import Correlogram
    from mlmcli.results.matrix import Matrix
    from mlmcli.time_series.autocorrelation import autocorrelations, ljung_box, regression_pac, yule_walker_pac

    opts = resolve_options(cmd.options, [OptionSpec("noplot", 4), OptionSpec("lags", 1, takes_arg=True),
                                         OptionSpec("yw", 2)])
    xm, n, lags, lagged, note = autocorrelation_series(session, cmd, opts.get("lags"))
    plags = min(lags, n // 2 - 2)
    if plags > 0 and n < 6:  # pac.ado: "number of observations must be greater than 5"
        raise StataError("number of observations must be greater than 5", 2001)
    notes = [note] * (2 + (plags > 0)) if note else []  # corrgram's, ac's and pac's own lines
    ac = autocorrelations(xm, lagged, lags)
    pac = np.full(lags, np.nan)
    if plags > 0:
        pac[:plags] = yule_walker_pac(ac[:plags]) if opts.get("yw") else regression_pac(xm, lagged, plags)
    q = ljung_box(ac, n)
    p = np.array([float(chi2.sf(q[i], i + 1)) if np.isfinite(q[i]) else np.nan for i in range(lags)])
    for line in notes:
        session.print(line)
    r = {}
    for i in range(min(lags, 10)):
        r[f"ac{i + 1}"], r[f"pac{i + 1}"], r[f"q{i + 1}"] = ac[i], pac[i], q[i]
    names = tuple(f"lag{i + 1}" for i in range(lags))
    for key, values in (("AC", ac), ("PAC", pac), ("Q", q)):
        last = int(np.argmax(np.isnan(values))) if np.isnan(values).any() else values.size
        if last:
            r[key] = Matrix(values[None, :last], ("r1",), names[:last])
    r["lags"] = float(lags)
    session.set_r(r)
    rows = tuple((i + 1, ac[i], pac[i], q[i], p[i]) for i in range(lags))
    session.print(render_correlogram(Correlogram(rows=rows, plot=not opts.get("noplot"))))


def cmd_wntestq(session, cmd) -> None:
    from mlmcli.distributions import chi2
    from mlmcli.render.autocorrelation import render_portmanteau
    from mlmcli.results.autocorrelation import PortmanteauTest
    from mlmcli.time_series.autocorrelation import autocorrelations, ljung_box

    opts = resolve_options(cmd.options, [OptionSpec("lags", 1, takes_arg=True)])
    xm, n, lags, lagged, note = autocorrelation_series(session, cmd, opts.get("lags"))
    if note:
        session.print(note)
    ac = autocorrelations(xm, lagged, lags)
    df = int(np.count_nonzero(~np.isnan(ac)))
    # wntestq's running sum() counts a missing AC as zero; chiprob(0, .) is missing
    stat = float(ljung_box(ac[~np.isnan(ac)], n)[-1]) if df else 0.0
    p = float(chi2.sf(stat, df)) if df else float("nan")
    session.set_r({"stat": stat, "p": p, "df": float(df)})
    session.print(render_portmanteau(PortmanteauTest(stat=stat, df=df, p=p)))
