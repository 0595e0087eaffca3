"""Constrained linear regression ([R] cnsreg):

    cnsreg depvar indepvars [if] [in] [weight], constraints(numlist) [noconstant mse1
           vce(ols|robust|cluster v) level(#) nocnsreport display_options]

As cnsreg.ado: the constraints ``constraint define`` stored are read over the coefficients
(``postest.ml_constraints``); b = b_0 + N g with R b_0 = r and N spanning R's null space
(``glm.inference.ConstraintMap``), g by (weighted) least squares; e(df_r) = N - k + c (c the
constraints), s^2 = RSS/e(df_r) (``mse1``: 1 and e(df_r) = N), V = s^2 N (N'X'WXN)^-1 N' or, with
vce(robust|cluster), the sandwich with _robust3's N/(N - (k - c)) (clusters: G/(G-1) (N-1)/(N - (k -
c))); e(ll) = -N/2 (ln(2 pi) + ln(RSS/N) + 1).  The model F test ([R] test of the regressors,
dropping what the constraints leave untestable) only when r = 0 or the single nonzero r is
``_cons = #``; otherwise F, p and df_m are missing.  Constraints inconsistent with each other:
r(412); insufficient for a unique estimate: "constraints insufficient for unique estimate" r(412).
Weights aweights (scaled to sum to N), fweights, iweights, pweights (robust).  predict: tobit_p's
xb (the default), stdp, stdf, pr(), e(), ystar() with sigma = Root MSE, as cnsreg.ado sets it.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, robust_macros, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"cnsreg": "cnsreg depvar indepvars [if] [in] [weight], constraints(numlist) [noconstant mse1 vce() "
                  "level(#)] : constrained linear regression"}
_OPTIONS = [OptionSpec("constraints", 1, takes_arg=True), OptionSpec("noconstant", 6), OptionSpec("mse1", 4),
            OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
            OptionSpec("level", 1, takes_arg=True), OptionSpec("collinear", 3), OptionSpec("nocnsreport", 7),
            *display_option_specs()]


def run(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        e = replay_results(session, ("cnsreg",))
        opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), OptionSpec("nocnsreport", 7),
                                             *display_option_specs()])
        return _display(session, e, opts)
    opts = resolve_options(cmd.options, _OPTIONS)
    if opts.get("constraints") is None:
        raise StataError("constraints() required", 198)
    e = fit(session, cmd, opts)
    session.e = e
    _display(session, e, opts)


def fit(session, cmd, opts):
    from mlmcli.commands.estimation.common import group_codes, sandwich_vce
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, model_weights
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.glm.inference import ConstraintMap
    from mlmcli.postest.ml_constraints import read_constraints
    from mlmcli.sample import mark_sample

    ds = session.data
    depvar, terms = depvar_and_terms(ds, cmd.args)
    vce, clustvar = sandwich_vce(ds, opts, "ols")
    if vce == "opg":
        raise StataError("vcetype 'opg' not allowed", 198)
    if vce != "ols" and opts.get("mse1"):
        raise StataError(f"options vce({vce}) and mse1 may not be combined", 198)
    sample = np.asarray(mark_sample(session, cmd, [depvar] + term_variables(terms)), dtype=bool)
    if clustvar:
        sample &= np.asarray(mark_sample(session, cmd, [clustvar], strok=True), dtype=bool)
    w, kind = model_weights(session, cmd, sample)
    if kind == "pweight" and vce == "ols":
        vce = "robust"
    if not sample.any():
        raise StataError("no observations", 2000)
    design = build_design(ds, terms, sample, constant=not opts.get("noconstant"))
    for note in design.notes:
        session.print(note)
    labels = [lab for lab in design.labels if not (lab.base or lab.omitted)]
    names = [lab.name for lab in labels]
    X, y = design.X, ds.numeric(depvar)[sample]
    n_rows = len(y)
    weights = np.ones(n_rows) if w is None else w[sample]
    if kind == "aweight":
        weights = weights * (n_rows / weights.sum())
    nobs = float(weights.sum()) if kind in ("fweight", "iweight") else float(n_rows)
    cns = read_constraints(session, names, opts["constraints"], note=session.print)
    k = X.shape[1]
    cmap = ConstraintMap(k, None if cns is None else cns.R, None if cns is None else cns.r)
    Xn = cmap.reduced_scores(X)
    with np.errstate(over="ignore", invalid="ignore"):
        XtWX = (Xn * weights[:, None]).T @ Xn
    if not np.all(np.isfinite(XtWX)):  # as X'y below
        raise StataError("matrix has missing values", 504)
    if np.linalg.matrix_rank(XtWX) < XtWX.shape[0]:
        raise StataError("constraints insufficient for unique estimate", 412)
    inv = np.linalg.inv(XtWX)
    ytil = y - X @ cmap.theta0
    with np.errstate(over="ignore", invalid="ignore"):
        cross = Xn.T @ (weights * ytil)
    if not np.all(np.isfinite(cross)):  # X'X or X'y past the largest double: cnsreg.ado's matrix
        raise StataError("matrix has missing values", 504)  # accum is missing (message: no Stata evidence)
    gamma = inv @ cross
    b = cmap.theta(gamma)
    resid = y - X @ b
    with np.errstate(over="ignore"):  # a constraint such as _cons = 1e300: Stata's SSE is missing
        sse = float(weights @ (resid * resid))
    sse = sse if np.isfinite(sse) else np.nan
    n_cns = 0 if cns is None else len(cns.R)
    proj = cmap.vcov(inv)
    if opts.get("mse1"):
        df, mse = nobs, 1.0
    else:
        df = nobs - k + n_cns
        mse = sse / df if df != 0 else np.nan  # cnsreg.ado's scalar MSE/df: missing when df is 0
    cluster = None
    if vce == "ols":
        V = mse * proj
    else:
        minus = k - n_cns
        scores = X * (weights * resid)[:, None]
        if vce == "cluster":
            cluster = group_codes(ds, clustvar, sample)
            codes, G = cluster_index(cluster)  # G/(G-1) (N-1)/(N-k+constraints)
            V = cluster_sandwich(proj, scores, codes, extra=(nobs - 1) / (nobs - minus), n_clusters=G)
            df = float(G - 1)
        else:  # N/(N-k+constraints); fweights: a row's w copies add w e^2 x x'
            V = cluster_sandwich(proj, scores, fweight=weights if kind == "fweight" else None,
                                 extra=(nobs - 1) / (nobs - minus), n_clusters=nobs)
    # ln(0) of a perfect fit is missing in Stata
    ll = -0.5 * nobs * (np.log(2 * np.pi) + np.log(sse / nobs) + 1) if sse > 0 else np.nan
    F, p, df_m = _model_test(cns, labels, b, V, df, opts)
    return _results(session, cmd, depvar, design, labels, b, V, cns, nobs, df, F, p, df_m, mse, ll, vce, clustvar,
                    cluster, kind, sample, confidence_level(opts, getattr(session, "level", 95.0)))


def _model_test(cns, labels, b, V, df_r, opts):
    """cnsreg.ado's F: tested when r = 0, or its one nonzero entry is a constraint on _cons alone."""
    from mlmcli.distributions import f as f_dist
    nan = float("nan")
    if cns is not None and np.any(cns.r != 0):
        nonzero = np.flatnonzero(cns.r)
        cons = [j for j, lab in enumerate(labels) if lab.name == "_cons"]
        if len(nonzero) != 1 or not cons or opts.get("noconstant"):
            return nan, nan, nan
        row = cns.R[nonzero[0]].copy()
        row[cons[0]] = 0
        if np.any(row != 0):
            return nan, nan, nan
    idx = [j for j, lab in enumerate(labels) if lab.name != "_cons"]
    if not idx:
        return nan, nan, 0.0
    # [R] test drops what the constraints leave untestable: the positive directions of V only
    Vx = V[np.ix_(idx, idx)]
    w, U = np.linalg.eigh((Vx + Vx.T) / 2)
    keep = w > 1e-10 * max(w.max(), 0.0)
    df = int(keep.sum())
    if df == 0:
        return nan, nan, 0.0
    F = float(((U[:, keep].T @ b[idx]) ** 2 / w[keep]).sum()) / df
    return F, float(f_dist.sf(F, df, df_r)), float(df)


def _results(session, cmd, depvar, design, labels, b, V, cns, nobs, df_r, F, p, df_m, mse, ll, vce, clustvar,
             cluster, kind, sample, level):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.censored_prediction import CensoredPredictions
    from mlmcli.postest.coefficient_rows import coefficient_matrices, safe_rank
    from mlmcli.postest.ml_constraints import cns_matrix

    b_mat, V_mat = coefficient_matrices(design.labels, b, V)
    scalars = {"N": nobs, "df_m": df_m, "df_r": df_r, "F": F, "p": p, "rmse": float(np.sqrt(mse)), "ll": float(ll),
               "rank": float(safe_rank(V))}
    if clustvar:
        scalars["N_clust"] = float(len(np.unique(cluster)))
    macros = {"cmd": "cnsreg", "cmdline": (cmd.text or f"cnsreg {cmd.args}").strip(), "depvar": depvar,
              "title": "Constrained linear regression", "vce": vce, "properties": "b V", "predict": "tobit_p",
              "marginsok": "default XB"}
    robust_macros(macros, vce != "ols", clustvar)
    if kind:
        macros["wtype"] = kind
        macros["wexp"] = "= " + cmd.weight.exp
    matrices = {"b": b_mat, "V": V_mat}
    if cns is not None:
        positions = [j for j, lab in enumerate(design.labels) if not (lab.base or lab.omitted)]
        matrices["Cns"] = cns_matrix(cns, b_mat.colnames, positions)
    model = CensoredPredictions(b, V, float(np.sqrt(mse)), None, design.labels, depvar=depvar)
    model.posted = (b_mat, V_mat)
    model.constraint_labels = () if cns is None else tuple(cns.labels)
    e = EstimationResults(cmd="cnsreg", scalars=scalars, macros=macros, matrices=matrices, model=model,
                          sample=sample, title="Constrained linear regression", design=design)
    e.result = _result(e, level)
    e.stamp_sample(session.data)
    return e


def _display(session, e, opts) -> None:
    from mlmcli.render.constrained_regression import render_constrained_regression

    r = e.result
    level = confidence_level(opts, r.level)
    if level != r.level:
        r = _result(e, level)
    session.print(render_constrained_regression(r, linesize=session.linesize,
                                                options=table_options_with_notes(session, opts),
                                                cnsreport=not opts.get("nocnsreport")))


def _result(e, level):
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.postest.ml_constraints import mark_constrained
    from mlmcli.results.constrained_regression import ConstrainedRegressionResult

    s = e.scalars
    labels = e.design.labels
    idx = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    bv, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    rows = mark_constrained(rows_from_estimates(labels, bv[idx], V[np.ix_(idx, idx)], level, s["df_r"]))
    cluster = (int(s["N_clust"]), e.macros["clustvar"]) if "N_clust" in s else None
    return ConstrainedRegressionResult(depvar=e.macros["depvar"], nobs=s["N"], df_m=s["df_m"], df_r=s["df_r"],
                                       F=s["F"], p=s["p"], rmse=s["rmse"], constraints=e.model.constraint_labels,
                                       rows=rows, level=level, robust=e.macros["vce"] != "ols", cluster=cluster)


def cmd_cnsreg(session, cmd) -> None:
    run(session, cmd)
