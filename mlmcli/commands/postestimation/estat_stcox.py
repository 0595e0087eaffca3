"""``estat phtest`` and ``estat concordance`` after stcox ([ST] stcox PH-assumption tests,
[ST] stcox postestimation), as stphtest.ado and stcstat.ado run them:

    estat phtest [, log | km | rank | time(exp) | plot(varname) | detail | <lowess options>]
    estat concordance [if] [in] [, harrell gheller se all noshow]

phtest: the Schoenfeld and scaled Schoenfeld residuals of the fit (predict's, so after strata()
each stratum's own risk sets, after shared() conditional on the frailties, Efron's means after
efron) and Grambsch and Therneau's tests (mlmcli.survival.ph_test) with e(V) -- the robust
variance after vce(robust) -- r(chi2) r(df) r(p).  plot(): lowess of the covariate's scaled
Schoenfeld residuals on the time function, ``mean noweight`` (bwidth() and the graph options
go to lowess).  Refused: after tvc() (stphtest's _tvc_notallowed), svy, exactm/exactp (no
Schoenfeld residuals).  concordance: Harrell's C and Gönen and Heller's K
(mlmcli.survival.concordance) on e(sample) (``all``: every observation with a prediction).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_TITLES = {"log": "Log(t)", "rank": "Rank(t)", "km": "Kaplan-Meier", "time": "Time"}


def _stcox(session, sub: str):
    from mlmcli.estimation.active import active

    e = active(session)
    if e.macros.get("cmd2") != "stcox" and e.cmd != "stcox":
        raise StataError(f"invalid subcommand {sub}", 321)
    from mlmcli.commands.data.survival_settings import require_st
    return e, require_st(session.data)


def estat_phtest(session, cmd) -> None:
    e, _ = _stcox(session, "phtest")
    words = cmd.args.split()
    if len(words) > 1:
        raise StataError("invalid syntax", 198)
    if cmd.if_exp or cmd.in_range:
        raise StataError(f"{'if' if cmd.if_exp else 'in'} not allowed", 101)
    specs = [OptionSpec("km", 2), OptionSpec("log", 3), OptionSpec("rank", 4), OptionSpec("time", 4, True),
             OptionSpec("detail", 1), OptionSpec("plot", 4, True), OptionSpec("useoldbase", 10)]
    opts = resolve_options(cmd.options, specs, allow_unknown=True)
    graph_options = [o for o in cmd.options if not any(s.matches(o.name) for s in specs)]
    if graph_options and "plot" not in opts:
        resolve_options(graph_options, specs)  # option ... not allowed
    if "plot" in opts and opts.get("detail"):
        raise StataError("options plot and detail may not be specified together", 198)
    kinds = [k for k in ("km", "log", "rank", "time") if k in opts]
    if len(kinds) > 1:
        raise StataError("may only specify one of options km, log, plot, rank, and time()", 198)
    if opts.get("useoldbase"):
        raise StataError("option useoldbase not supported by mlmcli", 198)
    if e.macros.get("texp"):
        raise StataError("estat phtest not allowed after estimation with tvc();\n"
                         "see tvc note for an alternative to the tvc() option", 198)
    if e.macros.get("prefix") == "svy":
        raise StataError("stphtest not allowed after estimation with svy", 322)
    if e.macros.get("ties") in ("partial", "marginal"):
        raise StataError("Schoenfeld residuals not available after estimation with exactm or exactp", 322)
    kind = kinds[0] if kinds else "default"
    from mlmcli.commands.postestimation.predict_stcox import phtest_inputs
    from mlmcli.survival.ph_test import grambsch_therneau, km_transform, time_function

    sample, data, sch, ssc = phtest_inputs(session, e)
    failing = data.d != 0
    user = None
    if kind == "time":
        from mlmcli.expr import evaluate
        user = np.asarray(evaluate(session, opts["time"]), float)[sample]
    km = km_transform(data.t0, data.t, data.d, data.w) if kind == "km" else None
    g = time_function("user" if kind == "time" else kind, data.t, failing, km=km, user=user)
    names = list(e.matrices["b"].colnames)
    if "plot" in opts:
        return _plot(session, cmd, opts, names, sample, failing, ssc, g, kind, data)
    V = e.matrices["V"].values
    numbers = grambsch_therneau(g, sch[failing], ssc[failing], V, int(failing.sum()),
                                int(e.scalars.get("rank", len(names))))
    from mlmcli.render.survival_tests import render_phtest
    from mlmcli.results.survival_tests import PhTestResult, PhTestRow

    rows = tuple(PhTestRow(n, numbers.rho[j], numbers.chi2[j], 1, numbers.p[j]) for j, n in enumerate(names)) \
        if opts.get("detail") else ()
    title = opts["time"].strip() if kind == "time" else _TITLES.get(kind, "Time")
    session.print(render_phtest(PhTestResult(title, rows, numbers.global_chi2, numbers.global_df,
                                             numbers.global_p, e.macros.get("vcetype") == "Robust")))
    session.set_r({"chi2": numbers.global_chi2, "df": float(numbers.global_df), "p": numbers.global_p})


def _plot(session, cmd, opts, names, sample, failing, ssc, g, kind, data) -> None:
    """stphtest's ``lowess ssc g, mean noweight xtitle() title(Test of PH Assumption)``; with
    ``log`` against _t on a log scale."""
    from dataclasses import replace

    from mlmcli.ast import Option
    from mlmcli.commands.graphs.lowess import cmd_lowess
    from mlmcli.commands.program.time_series_names import temporary_name

    target = opts["plot"].strip()
    plain = [n.split(".", 1)[-1] if "." in n else n for n in names]
    if target not in names and target not in plain:
        raise StataError(f"{target} not found in model", 198)
    j = names.index(target) if target in names else plain.index(target)
    title = _TITLES.get(kind, "Time") if kind != "time" else opts["time"].strip()
    extra = []
    if kind == "log":
        g, title = data.t[failing], "Time"
        extra.append(Option("xscale", "log"))
    ds = session.data
    yname, xname = temporary_name(session), temporary_name(session)
    y, x = np.full(ds.nobs, np.nan), np.full(ds.nobs, np.nan)
    rows = np.flatnonzero(sample)[failing]
    y[rows], x[rows] = ssc[failing, j], g
    ds.set_variable(yname, y, "double")
    ds.set_variable(xname, x, "double")
    try:
        chosen = [o for o in cmd.options if o.name not in ("plot", "km", "log", "rank", "time")
                  and not o.name.startswith(("plot", "tim"))]
        options = (Option("mean"), Option("noweight"), Option("xtitle", f'"{title}"'),
                   Option("title", '"Test of PH Assumption"'), *extra, *chosen)
        cmd_lowess(session, replace(cmd, name="lowess", args=f"{yname} {xname}", if_exp=None, in_range=None,
                                    options=options))
    finally:
        ds.drop_variables([yname, xname])


def estat_concordance(session, cmd) -> None:
    e, desc = _stcox(session, "concordance")
    if len(cmd.args.split()) > 1:
        raise StataError("invalid syntax", 198)
    opts = resolve_options(cmd.options, [OptionSpec("all", 3), OptionSpec("noshow", 4), OptionSpec("harrell", 1),
                                         OptionSpec("gheller", 2), OptionSpec("se", 2)])
    from mlmcli.commands.postestimation.predict_stcox import concordance_inputs

    ds = session.data
    if ds.chars.get("st_wt") or ds.chars.get("st_w"):
        raise StataError("estat concordance may not be used with weighted data", 498)
    use, sample, xb, X = concordance_inputs(session, e, cmd, bool(opts.get("all")))
    if np.any(ds.numeric("_t0")[use] != 0):
        raise StataError("estat concordance may not be used with late entry or time-varying data", 498)
    if e.macros.get("texp"):
        raise StataError("estat concordance may not be used with option tvc() or time-varying data", 498)
    gheller, harrell = bool(opts.get("gheller")), bool(opts.get("harrell"))
    if opts.get("se") and not gheller:
        raise StataError("option se requires specifying option gheller", 198)
    if gheller:
        if e.macros.get("strata"):
            raise StataError("option gheller is not supported for stratified estimation", 498)
        if e.macros.get("shared"):
            raise StataError("option gheller is not supported for shared-frailty models", 498)
        ids = ds.chars.get("st_id")
        if ids and len(np.unique(ds.numeric(ids)[use])) < int(use.sum()):
            raise StataError("option gheller is not supported for multiple-record data", 498)
    from mlmcli.commands.survival.sts import show_st
    show_st(session, opts, desc)
    from mlmcli.render.survival_tests import render_concordance
    from mlmcli.results.survival_tests import ConcordanceResult, GonenHellerResult, HarrellResult
    from mlmcli.survival import concordance as conc

    n = int(use.sum())
    note = not np.array_equal(use, sample)
    r: dict = {}
    harrell_result = gh_result = None
    if not gheller or harrell:
        t, d, h = ds.numeric("_t")[use], ds.numeric("_d")[use], np.exp(xb[use])
        strata = e.macros.get("strata", "").split()
        if strata:
            from mlmcli.commands.estimation.stcox_setup import strata_codes
            codes = strata_codes(ds, strata, use)
            parts = [conc.harrell_counts(t[codes == k], d[codes == k], h[codes == k]) for k in np.unique(codes)]
            num, den = sum(p.expected + p.tied / 2 for p in parts), sum(p.pairs for p in parts)
            harrell_result = HarrellResult(n, None, None, None, num / den if den else float("nan"), gheller)
        else:
            counts = conc.harrell_counts(t, d, h)
            harrell_result = HarrellResult(n, counts.pairs, counts.expected, counts.tied, counts.c, gheller)
            r |= {"n_T": counts.tied, "n_E": counts.expected, "n_P": counts.pairs}
        r |= {"C": harrell_result.c, "D": 2 * (harrell_result.c - 0.5), "N": float(n)}
    if gheller:
        kept = np.diag(e.matrices["V"].values) != 0  # _ms_omit_info: the omitted columns dropped
        if opts.get("se"):
            K, Ks, se = conc.gonen_heller_se(xb[use], X[use][:, kept], e.matrices["V"].values[np.ix_(kept, kept)])
            r |= {"K_s_se": se, "K_s": Ks}
        else:
            K, Ks, se = conc.gonen_heller(xb[use]), None, None
        r |= {"D_K": 2 * K - 1, "K": K, "N": float(n)}
        gh_result = GonenHellerResult(n, K, Ks, se, harrell)
    session.print(render_concordance(ConcordanceResult(harrell_result, gh_result, note)))
    session.set_r(r)
