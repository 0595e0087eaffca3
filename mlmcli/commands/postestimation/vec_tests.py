"""vec's postestimation tests ([TS] veclmar, vecnorm, vecstable; veclmar_w.ado, vecnorm_w.ado,
_vec_postvar.ado, varstable_w.ado of the Stata 16 tree):

    veclmar [, mlag(#) estimates(name) separator(#)]
    vecnorm [, jbera skewness kurtosis estimates(name) dfk separator(#)]
    vecstable [, estimates(name)]

veclmar and vecnorm are varlmar and varnorm on the VAR in the differences that _vec_postvar fits
given the cointegrating equations: var D.(endog), lags(1/p-1) (var's default 1 2 when p is 1),
exog(L._ce# [_trend]), a constant unless trend is none or rconstant, on e(sample).  vecstable
shows the eigenvalues of the companion matrix of the VAR in levels the VECM implies (A1 = I + Pi +
Gamma1, Ai = Gamma_i - Gamma_{i-1}, Ap = -Gamma_{p-1}).  Refused by name: usece(), vecstable's
amat() and pgrid().
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"veclmar": "veclmar [, mlag(#)] : Lagrange-multiplier test for residual autocorrelation after vec",
        "vecnorm": "vecnorm [, jbera skewness kurtosis dfk] : normality tests of vec's disturbances",
        "vecstable": "vecstable : eigenvalue stability condition after vec"}


def _vec_results(session, opts, name: str):
    from mlmcli.estimation.active import lookup

    stored = str(opts.get("estimates") or ".").strip()
    if stored != ".":
        try:
            e = lookup(session, stored)
        except StataError:
            raise StataError(f"estimation result {stored} not found", 111) from None  # estimates restore's
    else:
        e = session.e
    if e is None and name != "vecstable":  # _vec_postvar: no e(sample) at all
        raise StataError("e(sample) not found", 498)
    if e is None or e.cmd != "vec" or getattr(e, "model", None) is None:  # _ckvec.ado
        raise StataError(f"{name} only works after vec", 498)
    return e


def _strip(cmd, names):
    keep = [o for o in cmd.options if not any(len(o.name) >= 3 and n.startswith(o.name) for n in names)]
    return dataclasses.replace(cmd, options=keep)


def _conditional_var(session, cmd, e, dfk: bool):
    """_vec_postvar: the var of D.(endog) on its lags and L._ce# (and _trend) over e(sample)."""
    from mlmcli.commands.estimation.vector_autoregression import VarData, lag_name, post
    from mlmcli.commands.postestimation.predict_vec import cointegrating_values
    from mlmcli.panel.time_settings import time_structure
    from mlmcli.time_series.var_model import fit_var
    from mlmcli.time_series_ops import apply_operator, canonical_operator

    model = e.model
    ds = session.data
    panel, time, delta = time_structure(ds)
    rank = int(e.scalars["k_ce"])
    ce, trend, levels = cointegrating_values(ds, e)
    lags = tuple(range(1, model.lags)) or (1, 2)
    endog, diffs, cols = [], [], {}
    for y in model.endog:
        head, _, var = y.rpartition(".")
        d = f"{canonical_operator('D' + head)}.{var}"
        endog.append(d)
        diffs.append(apply_operator("D", levels[y], panel, time, delta))
    regressors, X = [], []
    for d, values in zip(endog, diffs):
        for lag in lags:
            regressors.append(lag_name(d, lag))
            X.append(apply_operator(f"L{lag}", values, panel, time, delta))
    exog = [f"L._ce{j}" for j in range(1, rank + 1)] + (["_trend"] if model.trend == "trend" else [])
    X += [apply_operator("L", c, panel, time, delta) for c in ce] + ([trend] if model.trend == "trend" else [])
    sample = e.sample_mask(ds)
    if sample is None:
        raise StataError("e(sample) not found", 498)
    use = np.asarray(sample, bool).copy()
    for v in X + diffs:
        use &= ~np.isnan(v)
    rows = np.flatnonzero(use)[np.argsort(time[use], kind="stable")]
    constant = model.trend in ("constant", "rtrend", "trend")
    Y = np.column_stack(diffs)[rows]
    Xm = np.column_stack(X)[rows]
    data = VarData(endog, exog, lags, Y, Xm, regressors + exog, use, float(time[rows].min()),
                   float(time[rows].max()), 0, model.tvar)
    design = np.column_stack([Xm, np.ones(len(rows))]) if constant else Xm
    fit = fit_var(Y, design, constant=constant, nlags=len(lags), dfk=dfk)
    names = data.regressors + (["_cons"] if constant else [])
    return post(session, cmd, {"dfk": dfk}, data, names, fit, constant)


def _run_var_test(session, cmd, name, var_cmd):
    est, usece, dfk = None, None, False
    for o in cmd.options:
        low = o.name
        if len(low) >= 3 and "estimates".startswith(low):
            est = o.arg
        elif len(low) >= 1 and "usece".startswith(low):
            usece = o.arg
        elif low == "dfk" and name == "vecnorm":
            dfk = True
    if usece is not None:
        raise StataError(f"option usece() of {name} is not implemented in mlmcli", 198)
    e = _vec_results(session, {"estimates": est}, name)
    var_e = _conditional_var(session, cmd, e, dfk)
    saved = session.e
    session.e = var_e
    try:
        var_cmd(session, _strip(cmd, ("estimates", "usece") + (("dfk",) if name == "vecnorm" else ())))
    finally:
        session.e = saved


def cmd_veclmar(session, cmd) -> None:
    from mlmcli.commands.postestimation.var_tests import cmd_varlmar

    _run_var_test(session, cmd, "veclmar", cmd_varlmar)


def cmd_vecnorm(session, cmd) -> None:
    from mlmcli.commands.postestimation.var_tests import cmd_varnorm

    _run_var_test(session, cmd, "vecnorm", cmd_varnorm)


def level_companion(e) -> np.ndarray:
    """_vecmka: the VAR in levels the VECM implies, as its K p x K p companion matrix."""
    from mlmcli.commands.estimation.vec_fit import diff_name
    from mlmcli.commands.estimation.vector_autoregression import lag_name

    K, p = int(e.scalars["k_eq"]), int(e.scalars["n_lags"])
    endog = list(e.model.endog)
    b = e.matrices["b"].values.ravel()
    names = list(e.matrices["b"].colnames)
    eqnames = e.macros["eqnames"].split()
    alpha = e.matrices["alpha"].values.reshape(K, -1)
    beta = e.model.ce_coef[:K, :]
    Pi = alpha @ beta.T
    gammas = []
    for lag in range(1, p):
        G = np.zeros((K, K))
        for i, eq in enumerate(eqnames):
            for j, y in enumerate(endog):
                G[i, j] = b[names.index(f"{eq}:{lag_name(diff_name(y), lag)}")]
        gammas.append(G)
    A = []
    for i in range(1, p + 1):
        if i == 1:
            A.append(np.eye(K) + Pi + (gammas[0] if gammas else 0))
        elif i < p:
            A.append(gammas[i - 1] - gammas[i - 2])
        else:
            A.append(-gammas[p - 2])
    big = np.zeros((K * p, K * p))
    big[:K, :] = np.hstack(A)
    if p > 1:
        big[K:, :-K] = np.eye(K * (p - 1))
    return big


def cmd_vecstable(session, cmd) -> None:
    from mlmcli.render.var_tests import render_varstable
    from mlmcli.results.matrix import Matrix

    from mlmcli.commands.graphs.ready_series import take_options
    from mlmcli.commands.graphs.root_plots import GRAPH_SPECS, check_graph_options, draw_roots

    opts, rest = take_options(cmd.options, [OptionSpec("estimates", 3, takes_arg=True),
                                            OptionSpec("amat", 1, takes_arg=True), *GRAPH_SPECS])
    if opts.get("amat") is not None:
        raise StataError("option amat() of vecstable is not implemented in mlmcli", 198)
    check_graph_options(opts, rest, "vecstable")
    e = _vec_results(session, opts, "vecstable")
    big = level_companion(e)
    vals = np.linalg.eigvals(big)
    order = np.argsort(-np.abs(vals), kind="stable")
    vals = vals[order]
    mods = np.abs(vals)
    roots = int(e.scalars["k_eq"] - e.scalars["k_ce"])
    lines = render_varstable(vals, mods).split("\n")[:-2]
    lines.append(f"   The VECM specification imposes {roots if roots > 1 else 'a'} unit "
                 f"{'moduli' if roots > 1 else 'modulus'}.")
    session.print("\n".join(lines))
    if opts.get("graph"):
        draw_roots(session, cmd, vals, mods, opts, rest, unit_moduli=roots)
    cols = tuple(f"c{i + 1}" for i in range(len(vals)))
    r = {"Re": Matrix(vals.real[None, :].copy(), ("r1",), cols), "Im": Matrix(vals.imag[None, :].copy(), ("r1",), cols),
         "Modulus": Matrix(mods[None, :].copy(), ("r1",), cols), "unitmod": float(roots)}
    session.set_r(r)
