"""``estat firststage | endogenous | overid`` after ``ivregress`` (ivregress_estat.ado's
messages, r() and layout), and ivregress's ``first`` option (the first-stage regressions).

The statistics refit auxiliary regressions on the estimation sample's columns kept by the fit
(``IVFit.data``); formulas in ``mlmcli.instrumental.diagnostics``.  ``estat endogenous varlist``
tests a subset of the endogenous regressors (Durbin and Wu-Hausman; Stata refuses a subset after
a robust or cluster VCE).  vce(hac) and the lags() options do not exist here (ivregress refuses
vce(hac)).
"""
from __future__ import annotations

import numpy as np

from mlmcli import distributions as stats
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options


def _require(session, name: str):
    """The active ivregress results; after another command its estat names the subcommand
    invalid, as estat_default does."""
    from mlmcli.estimation.active import active

    e = active(session)
    if e.cmd != "ivregress":
        raise StataError(f"invalid subcommand {name}", 321)
    return e


def _no_varlist(cmd) -> None:
    if len(cmd.args.split()) > 1:
        raise StataError("varlist not allowed", 101)
    if cmd.if_exp or cmd.in_range:
        raise StataError(f"{'if' if cmd.if_exp else 'in'} not allowed", 101)


def _check_weights(e, opts) -> None:
    wtype = e.macros.get("wtype")
    if not opts.get("forceweights") and wtype and wtype != "fweight":
        raise StataError(f"not available after estimation with {wtype}s; use forceweights to override", 498)


# ---------------------------------------------------------------------- firststage
def estat_firststage(session, cmd) -> None:
    from mlmcli.instrumental.diagnostics import (critical_values, first_stage_rows, minimum_eigenvalue,
                                                  shea_partial)
    from mlmcli.render.instrumental import render_firststage
    from mlmcli.results.instrumental import FirstStageResult, FirstStageRow
    from mlmcli.results.matrix import Matrix

    e = _require(session, "firststage")
    _no_varlist(cmd)
    opts = resolve_options(cmd.options, [OptionSpec("all", 3), OptionSpec("forcenonrobust", 14)])
    fit = e.model
    d = fit.data
    p = d.Y.shape[1]
    if p == 0:
        raise StataError("model contains no endogenous variables", 198)
    single, multi = p == 1 or opts.get("all"), p > 1 or opts.get("all")
    vce = e.macros.get("vce", "unadjusted")
    rows = first_stage_rows(d, vce) if single else []
    shea = shea_partial(d, len(fit.exog_names) + len(fit.excluded_names)) if multi else []
    wtype = e.macros.get("wtype")
    show_eig = wtype in (None, "fweight") and (vce == "unadjusted" or opts.get("forcenonrobust"))
    mineig = minimum_eigenvalue(d) if show_eig else None
    cv = critical_values(p, d.Z1.shape[1]) if show_eig else None
    clustvar = e.macros.get("clustvar")
    result = FirstStageResult(
        single=tuple(FirstStageRow(name, *row) for name, row in zip(fit.endog_names, rows)),
        shea=tuple((name, a, b) for name, (a, b) in zip(fit.endog_names, shea)),
        vcetype=e.macros.get("vcetype"), cluster=(int(e.scalars["N_clust"]), clustvar) if clustvar else None,
        n_endog=p, n_excluded=d.Z1.shape[1], mineig=mineig, critical=cv)
    session.print(render_firststage(result))
    r: dict = {}
    if rows:
        cols = ("r2", "r2_a", "partial_r2", "F", "df_n", "df_d", "p", "haclag")
        body = np.array([list(row) + [np.nan] for row in rows], float)
        r["singleresults"] = Matrix(body, tuple(fit.endog_names), cols)
    if shea:
        r["multiresults"] = Matrix(np.array(shea, float), tuple(fit.endog_names), ("shea_r2", "shea_r2_a"))
    if show_eig:
        r["mineig"] = mineig
        r["mineigcv"] = Matrix(np.array(cv, float), ("2SLS_bias", "2SLS_size", "LIML_size"),
                               ("c1", "c2", "c3", "c4"))
    session.set_r(r)


# ---------------------------------------------------------------------- endogenous
def estat_endogenous(session, cmd) -> None:
    from mlmcli.instrumental.diagnostics import durbin_wu, regression_F_endog, robust_score_endog
    from mlmcli.render.instrumental import render_iv_tests
    from mlmcli.results.instrumental import IVTestsResult, TestLine

    e = _require(session, "endogenous")
    if cmd.if_exp or cmd.in_range:
        raise StataError(f"{'if' if cmd.if_exp else 'in'} not allowed", 101)
    opts = resolve_options(cmd.options, [OptionSpec("forceweights", 12), OptionSpec("forcenonrobust", 14)])
    _check_weights(e, opts)
    estimator = e.macros.get("estimator")
    if estimator == "gmm":
        raise StataError("estat endogenous after GMM (the C statistic) is not implemented in mlmcli", 198)
    if estimator != "2sls":
        raise StataError(f"not available after {estimator.upper()} estimator", 321)
    fit, d = e.model, e.model.data
    words = cmd.args.split()[1:]
    tested_names = [session.data.resolve(w) for w in words] if words else list(fit.endog_names)
    leftover = [v for v in tested_names if v not in fit.endog_names]
    if leftover:
        raise StataError(f"{' '.join(leftover)} not endogenous in original model", 498)
    tested = [fit.endog_names.index(v) for v in tested_names]
    vce = e.macros.get("vce", "unadjusted")
    partial = len(tested) < len(fit.endog_names)
    if vce != "unadjusted" and partial and not opts.get("forcenonrobust"):
        raise StataError("cannot test a subset of endogenous regressors if a\nrobust, cluster, or HAC VCE was "
                         "used at estimation", 498)
    q = len(tested)
    lines, notes, r = [], [], {}
    if vce == "unadjusted" or opts.get("forcenonrobust"):
        dw = durbin_wu(d, tested)
        lines += [TestLine(f"Durbin (score) chi2({q})", dw["durbin"], dw["p_durbin"]),
                  TestLine(f"Wu-Hausman F({q},{_g(dw['wudf_r'])})", dw["wu"], dw["p_wu"])]
        r.update({k: v for k, v in dw.items() if k != "df"})
    if vce == "robust" and not partial:
        score = robust_score_endog(d)
        p_score = float(stats.chi2.sf(score, q))
        lines.append(TestLine(f"Robust score chi2({q})", score, p_score))
        r.update(r_score=score, p_r_score=p_score)
    if vce in ("robust", "cluster") and not partial:
        F, fn, fd = regression_F_endog(d, vce)
        p_F = float(stats.f.sf(F, fn, fd))
        lines.append(TestLine(f"Robust regression F({fn},{_g(fd)})", F, p_F))
        r.update(regF=F, p_regF=p_F, regFdf_n=float(fn), regFdf_d=fd)
        if vce == "cluster":
            notes.append(f"    (Adjusted for {int(e.scalars['N_clust'])} clusters in {e.macros['clustvar']})")
    r["df"] = float(q)
    session.print(render_iv_tests(IVTestsResult(("Tests of endogeneity", "Ho: variables are exogenous"),
                                                tuple(lines), tuple(notes), label_col=35, value_col=37)))
    session.set_r(r)


def _g(value: float) -> str:
    from mlmcli.render.numfmt import format_number

    return format_number(value, "%9.0g").strip()


# ---------------------------------------------------------------------- overid
def estat_overid(session, cmd) -> None:
    from mlmcli.render.instrumental import render_iv_tests
    from mlmcli.results.instrumental import IVTestsResult

    e = _require(session, "overid")
    _no_varlist(cmd)
    estimator = e.macros.get("estimator")
    specs = [OptionSpec("forceweights", 12)]
    if estimator != "gmm":
        specs.append(OptionSpec("forcenonrobust", 14))
    opts = resolve_options(cmd.options, specs)
    _check_weights(e, opts)
    fit, d = e.model, e.model.data
    n_overid = d.Z1.shape[1] - d.Y.shape[1]
    if n_overid <= 0:
        raise StataError("no overidentifying restrictions", 498)
    vce = e.macros.get("vce", "unadjusted")
    if estimator == "gmm":
        J = e.scalars["J"]
        p = float(stats.chi2.sf(J, n_overid))
        line = "  Hansen's J chi2(" + str(n_overid) + ") =" + _fmt(J, "%8.0g") + " (p = " + _fmt(p, "%5.4f") + ")"
        session.print("\n".join(["", "  Test of overidentifying restriction:", "", line]))
        session.set_r({"HansenJ": J, "p_HansenJ": p, "J_df": float(n_overid)})
        return
    if estimator == "liml":
        return _overid_liml(session, e, d, n_overid, vce, opts)
    lines, notes, r = _overid_2sls(e, fit, d, n_overid, vce, opts)
    heading = "Tests of overidentifying restrictions:" if len(lines) > 1 else "Test of overidentifying restrictions:"
    session.print(render_iv_tests(IVTestsResult((heading,), tuple(lines), tuple(notes))))
    if vce == "cluster" and not opts.get("forcenonrobust"):
        raise StataError("", 498)
    session.set_r(r)


def _fmt(value: float, fmt: str) -> str:
    from mlmcli.render.numfmt import format_number

    return format_number(value, fmt)


def _overid_2sls(e, fit, d, n_overid, vce, opts):
    from mlmcli.instrumental.diagnostics import robust_score_overid, sargan_basmann
    from mlmcli.results.instrumental import TestLine

    u = d.y - d.X @ fit.b
    lines, notes, r = [], [], {}
    nonrobust = vce == "unadjusted" or opts.get("forcenonrobust")
    if nonrobust:
        sargan, basmann = sargan_basmann(d, u)
        lab = "" if opts.get("forcenonrobust") else "(score) "
        p_s, p_b = float(stats.chi2.sf(sargan, n_overid)), float(stats.chi2.sf(basmann, n_overid))
        lines += [TestLine(f"Sargan {lab}chi2({n_overid})", sargan, p_s),
                  TestLine(f"Basmann chi2({n_overid})", basmann, p_b)]
        r.update(sargan=sargan, p_sargan=p_s, basmann=basmann, p_basmann=p_b)
        if vce == "unadjusted":
            r.update(score=sargan, p_score=p_s)
    if vce == "cluster":
        notes += ["", "  robust tests of overidentifying restrictions after 2SLS",
                  "  estimation not available with cluster-robust standard errors"]
    elif vce == "robust":
        score = robust_score_overid(d, u, n_overid)
        p = float(stats.chi2.sf(score, n_overid))
        lines.append(TestLine(f"Score chi2({n_overid})", score, p))
        r.update(score=score, p_score=p)
    r["df"] = float(n_overid)
    return lines, notes, r


def _overid_liml(session, e, d, n_overid, vce, opts) -> None:
    if vce != "unadjusted" and not opts.get("forcenonrobust"):
        raise StataError("tests not available after LIML estimation with robust VCE\n"
                         "use forcenonrobust to override", 498)
    kappa, N = e.scalars["kappa"], e.scalars["N"]
    n_all = d.Z.shape[1]
    ar = float(np.count_nonzero(e.sample)) * (kappa - 1)
    basmann = (kappa - 1) * (N - n_all) / n_overid
    df_d = N - n_all
    p_ar = float(stats.chi2.sf(ar, n_overid))
    p_b = float(stats.f.sf(basmann, n_overid, df_d))
    session.print("\n".join([
        "", "  Tests of overidentifying restrictions:", "",
        f"  Anderson-Rubin chi2({n_overid}) =".ljust(27) + _fmt(ar, "%8.0g") + "  (p = " + _fmt(p_ar, "%5.4f") + ")",
        (f"  Basmann F({n_overid}, {_g(df_d)})".ljust(25) + "=").ljust(27) + _fmt(basmann, "%8.0g")
        + "  (p = " + _fmt(p_b, "%5.4f") + ")"]))
    session.set_r({"ar": ar, "p_ar": p_ar, "ar_df": float(n_overid), "basmann": basmann, "p_basmann": p_b,
                   "basmann_df_n": float(n_overid), "basmann_df_d": df_d})


# ---------------------------------------------------------------------- ivregress, first
def print_first_stages(session, fit, vce: str, clustvar: str | None, level: float) -> None:
    """ivregress's ``first``: ``First-stage regressions`` and, per endogenous variable, the OLS
    of it on every instrument with the fit's VCE (small-sample scaled): a header (N, F, R2,
    adjusted R2, root MSE on Stata 13's estimation-header grid) and the coefficient table."""
    from mlmcli.instrumental.diagnostics import least_squares
    from mlmcli.instrumental.estimators import cross, score_meat
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.render.coef_table import render_coef_table
    from mlmcli.render.meqr_display import header_pair, header_right
    from mlmcli.mixed.spec import CoefLabel

    d = fit.data
    names = list(fit.exog_names) + list(fit.excluded_names)
    Z = np.column_stack([d.X1[:, :-1] if d.constant else d.X1, d.Z1] + ([d.X1[:, -1:]] if d.constant else []))
    labels = tuple(CoefLabel(n) for n in names) + ((CoefLabel("_cons"),) if d.constant else ())
    N, L = d.N, Z.shape[1]
    out = ["", "First-stage regressions", "-" * 23]
    for j, endog in enumerate(fit.endog_names):
        ls = least_squares(d, d.Y[:, j], Z, d.constant)
        bread = np.linalg.pinv(cross(Z, d.w, Z))
        df_r = N - L
        if vce == "unadjusted":
            V = ls.rss / df_r * bread
        else:
            meat, G = score_meat(d, Z, ls.resid, d.cluster)
            V = bread @ meat @ bread * ((N - 1) / df_r * G / (G - 1) if d.cluster is not None else N / df_r)
            if d.cluster is not None:
                df_r = G - 1
        slopes = list(range(L - (1 if d.constant else 0)))
        bs = ls.b[slopes]
        F = float(bs @ np.linalg.solve(V[np.ix_(slopes, slopes)], bs)) / len(slopes)
        r2_a = 1 - (1 - ls.r2) * (N - 1) / (N - L)
        num = _fmt
        out += ["", header_pair("", header_right("Number of obs", num(N, "%9.0f"))),
                header_pair("", header_right(f"F({len(slopes):4.0f},{df_r:7.0f})", num(F, "%9.2f"))),
                header_pair("", header_right("Prob > F", num(float(stats.f.sf(F, len(slopes), df_r)), "%9.4f"))),
                header_pair("", header_right("R-squared", num(ls.r2, "%9.4f"))),
                header_pair("", header_right("Adj R-squared", num(r2_a, "%9.4f"))),
                header_pair("", header_right("Root MSE", num(float(np.sqrt(ls.rss / (N - L))), "%9.0g"))), ""]
        rows = rows_from_estimates(labels, ls.b, V, level, df_r)
        out.append(render_coef_table(rows, endog, stat_label="t", level=level, linesize=session.linesize,
                                     robust=vce != "unadjusted",
                                     cluster=(G, clustvar) if d.cluster is not None else None))
    out.append("")
    session.print("\n".join(out))
