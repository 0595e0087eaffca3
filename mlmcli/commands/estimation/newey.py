"""Regression with Newey-West standard errors ([TS] newey; newey.ado, Stata 16 tree):

    newey depvar [indepvars] [if] [in] [aweight], lag(#) [noconstant force level(#) display_options]

b is OLS (regress's own fit over the sample, time-series operators and factor variables as
regress takes them; rows with a missing time value left out).  With e the residuals,
w the aweights scaled to mean 1 (else 1) and m = lag(),

    S = sum_{j=0..m} (1 - j/(m+1)) sum_t w_t w_{t-j} e_t e_{t-j} (x_t x_{t-j}' + x_{t-j} x_t') / (1 + [j=0])
    V = (X'WX)^-1 S (X'WX)^-1 N/(N - k)

where t - j is the observation of the same panel j periods earlier (L#. of the tsset/xtset
data: a gap or a lag outside the sample adds nothing).  F is [R] test of the regressors on
e(df_r) = N - k.  newey.ado's spacing check (Checkt) is over the sample's time values sorted
as one list, so panel data with lag() > 0 need ``force`` as in Stata ("... is not regularly
spaced" r(198)); a regular step other than one period is r(198) even with force.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.ast import Option
from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"newey": "newey depvar [indepvars] [if] [in] [aweight], lag(#) [noconstant force level(#)] : "
                 "regression with Newey-West standard errors"}
_OPTIONS = [OptionSpec("lag", 3, takes_arg=True), OptionSpec("noconstant", 6), OptionSpec("force", 5),
            OptionSpec("level", 1, takes_arg=True), *display_option_specs()]


def cmd_newey(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        e = replay_results(session, ("newey",))
        opts = resolve_options(cmd.options, [OptionSpec("level", 1, takes_arg=True), *display_option_specs()])
        return _display(session, e, opts)
    opts = resolve_options(cmd.options, _OPTIONS)
    if opts.get("lag") is None:
        raise StataError("option lag() required", 198)
    lag = _lag(opts["lag"])
    e = _fit(session, cmd, opts, lag)
    session.e = e
    _display(session, e, opts)


def _lag(text) -> int:
    try:
        value = float(str(text).strip())
    except ValueError:
        raise StataError("option lag() incorrectly specified", 198) from None
    if value != int(value):
        raise StataError("option lag() incorrectly specified", 198)
    if value < 0:
        raise StataError(f"lag({int(value)}) invalid", 198)
    return int(value)


def _fit(session, cmd, opts, lag: int):
    from mlmcli.commands.estimation.regress import run_regress
    from mlmcli.panel.time_settings import time_setting, time_structure
    from mlmcli.parser import weight_kind

    ds = session.data
    if cmd.weight is not None:
        kind = {"weight": "aweight"}.get(weight_kind(cmd.weight), weight_kind(cmd.weight))
        if kind != "aweight":
            raise StataError(f"{kind} not allowed", 101)
    tvar = time_setting(ds)
    if tvar is None:
        raise StataError("time variable not set, use -tsset varname ...-", 111)
    if opts.get("noconstant") and len(cmd.args.split()) < 2:
        raise StataError("may not specify noconstant without regressors", 198)
    timed = f"!missing({tvar})"
    inner = dataclasses.replace(cmd, name="regress", options=[Option("noconstant")] if opts.get("noconstant") else [],
                                if_exp=f"({cmd.if_exp}) & {timed}" if cmd.if_exp else timed)
    fit, design, depvar, sample, _, kind, _ = run_regress(session, inner)
    panel, time, delta = time_structure(ds)
    _check_spacing(tvar, time[sample], delta, lag, bool(opts.get("force")))
    for note in design.notes:
        session.print(note)
    X = design.X
    y = ds.numeric(depvar)[sample]
    b = np.asarray(fit.b, float)
    n, k = X.shape
    w = np.ones(n)
    if kind == "aweight":
        from mlmcli.commands.estimation.common import evaluate_weight

        w = evaluate_weight(session, cmd.weight.exp)[sample]
        w = w / w.mean()
    V = newey_west_vce(X, y - X @ b, w, lag, _lagger(sample, panel, time, delta), fit.df_r)
    F, p, df_m = _model_test(design.labels, b, V, fit.df_r)
    return _results(session, cmd, depvar, design, b, V, fit.N, fit.df_r, F, p, df_m, lag, kind, sample,
                    confidence_level(opts, getattr(session, "level", 95.0)))


def _lagger(sample, panel, time, delta):
    """A function lagging sample-row values j periods (NaN where the lag is not in the sample)."""
    from mlmcli.time_series_ops import apply_operator

    def lagged(values: np.ndarray, j: int) -> np.ndarray:
        full = np.full(sample.size, np.nan)
        full[sample] = values
        return apply_operator(f"L{j}", full, panel, time, delta)[sample]
    return lagged


def newey_west_vce(X, resid, w, lag: int, lagged, df_r: float) -> np.ndarray:
    """The Bartlett-weighted sandwich (module docstring); ``lagged(v, j)`` is L{j}.v."""
    scores = X * (w * resid)[:, None]
    meat = scores.T @ scores
    for j in range(1, lag + 1):
        back = np.column_stack([lagged(scores[:, c], j) for c in range(X.shape[1])]) if X.shape[1] else scores
        ok = ~np.isnan(back).any(axis=1)
        cross = scores[ok].T @ back[ok]
        meat += (1 - j / (lag + 1)) * (cross + cross.T)
    bread = np.linalg.inv(X.T @ (X * w[:, None]))
    V = bread @ meat @ bread * (X.shape[0] / df_r)
    return (V + V.T) / 2


def _check_spacing(tvar, times, delta, lag, force):
    """newey.ado's Checkt over the sample's sorted time values."""
    steps = np.diff(np.sort(times)) / delta
    if steps.size == 0:
        return
    if steps.min() == steps.max() and steps.mean() > 1:
        raise StataError(f"{tvar} is regularly spaced, but does not have intervals of 1", 198)
    if steps.min() != steps.max() and lag > 0 and not force:
        raise StataError(f"{tvar} is not regularly spaced", 198)


def _model_test(labels, b, V, df_r):
    """[R] test of every regressor (not _cons), dropping the directions V leaves untestable."""
    from mlmcli.distributions import f as f_dist

    kept = [lab for lab in labels if not (lab.base or lab.omitted)]
    idx = [j for j, lab in enumerate(kept) if lab.name != "_cons"]
    if not idx:
        return float("nan"), float("nan"), 0.0
    Vx = V[np.ix_(idx, idx)]
    vals, U = np.linalg.eigh((Vx + Vx.T) / 2)
    keep = vals > 1e-10 * max(vals.max(), 0.0)
    df = int(keep.sum())
    if df == 0:
        return float("nan"), float("nan"), 0.0
    F = float(((U[:, keep].T @ b[idx]) ** 2 / vals[keep]).sum()) / df
    return F, float(f_dist.sf(F, df, df_r)), float(df)


def _results(session, cmd, depvar, design, b, V, nobs, df_r, F, p, df_m, lag, kind, sample, level):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.robust.fit import RobustLinearFit

    model = RobustLinearFit(coef_labels=tuple(design.labels), b=b, V=V, df_r=float(df_r), level=level,
                            engine_fit=None)
    b_mat, V_mat = model.e_matrices()
    scalars = {"N": float(nobs), "df_m": df_m, "df_r": float(df_r), "F": F, "lag": float(lag),
               "rank": float(safe_rank(V))}
    macros = {"cmd": "newey", "cmdline": (cmd.text or f"newey {cmd.args}").strip(), "depvar": depvar,
              "title": "Regression with Newey-West standard errors", "vcetype": "Newey-West",
              "properties": "b V", "predict": "newey_p", "estat_cmd": "newey_estat"}
    if kind:
        macros["wtype"] = kind
        macros["wexp"] = "= " + cmd.weight.exp
    e = EstimationResults(cmd="newey", scalars=scalars, macros=macros, matrices={"b": b_mat, "V": V_mat},
                          model=model, sample=sample.copy(), title=macros["title"], design=design)
    e.result = _result(e, level)
    model.result_object = e.result
    e.stamp_sample(session.data)
    return e


def _result(e, level):
    from mlmcli.commands.estimation.common import estimable_rows_and_model_p
    from mlmcli.results.newey_regression import NeweyResult

    s = e.scalars
    rows, p = estimable_rows_and_model_p(e, level)
    return NeweyResult(depvar=e.macros["depvar"], nobs=s["N"], lag=int(s["lag"]), df_m=s["df_m"], df_r=s["df_r"],
                       F=s["F"], p=p, rows=rows, level=level)


def _display(session, e, opts) -> None:
    from mlmcli.render.newey_regression import render_newey

    r = e.result
    level = confidence_level(opts, r.level)
    if level != r.level:
        r = _result(e, level)
    session.print(render_newey(r, linesize=session.linesize, options=table_options_with_notes(session, opts)))
