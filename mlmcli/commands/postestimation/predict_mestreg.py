"""predict after mestreg (Stata 14's mestreg_p, [ME] mestreg postestimation):

    predict [type] newvar [if] [in] [, mean | median | hazard | surv | density | distribution |
            eta | xb | stdp   conditional(ebmeans|ebmodes|fixedonly) | marginal]
    predict [type] stub* | newvarlist [if] [in], reffects [reses(stub* | newvarlist)]

mean (survival time; the default), median, hazard, surv, density and distribution at _t given
the random effects at their empirical Bayes means (``conditional(ebmeans)``, the default) or at 0
(``conditional(fixedonly)``); ``marginal`` integrates them over N(0, Sigma) (every level's
effects; z'u is normal, so a 30-point Gauss-Hermite rule on it): S and f are the integrals
of S(t|u) and f(t|u), h = f/S, mean time the integral of E(T|u); median marginal solves S(t) = 1/2 by bisection on ln t.  eta = xb + z'u~;
xb and stdp the fixed part.  reffects: the EB means (one variable per random effect, in the
table's order) and reses() their posterior SDs.  ``mean time``/``median time`` (streg's words)
are read as mean/median.  ``conditional(ebmodes)`` is taken as ebmeans' posterior modes only
after intmethod(laplace) (where they are the means); otherwise refused.  surv is S(_t)/S(_t0).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

STATS = ("mean", "median", "hazard", "surv", "density", "distribution", "eta", "xb", "stdp", "reffects")
OPTIONS = [OptionSpec("mean", 4), OptionSpec("median", 3), OptionSpec("hazard", 2), OptionSpec("surv", 4),
           OptionSpec("density", 4), OptionSpec("distribution", 4), OptionSpec("eta", 3), OptionSpec("xb", 2),
           OptionSpec("stdp", 4), OptionSpec("reffects", 4), OptionSpec("reses", 4, takes_arg=True),
           OptionSpec("conditional", 4, takes_arg=True, arg_optional=True), OptionSpec("marginal", 4),
           OptionSpec("time", 4), OptionSpec("fixedonly", 9)]
LABELS = {"mean": "Predicted mean", "median": "Predicted median", "hazard": "Predicted hazard",
          "surv": "Predicted survivor function", "density": "Predicted density",
          "distribution": "Predicted cumulative distribution", "eta": "Linear prediction, fixed portion plus "
          "random effects", "xb": "Linear prediction, fixed portion only", "stdp": "S.E. of the prediction of the "
          "fixed-effects linear predictor"}


def _xb(data, model):
    X = np.asarray(model.design.columns(data), float).reshape(data.nobs, -1)
    return X, X @ model.fit.b[:model.fit.p]


def _eqs(model, eta):
    fit = model.fit
    return [eta] + [float(a) for a in fit.b[fit.p:fit.p + fit.m]]


def _conditional(model, stat, eta, t, t0):
    dist, aft = model.dist, model.aft
    eqs = _eqs(model, eta)
    with np.errstate(all="ignore"):
        if stat == "mean":
            return dist.mean_time(eqs, aft)
        if stat == "median":
            return _median(lambda lt: dist.log_survivor(lt, np.exp(lt), eqs, aft), len(eta))
        lt = np.log(t)
        ls = dist.log_survivor(lt, t, eqs, aft)
        lf = dist.log_density(lt, t, eqs, aft) - lt
        return _from_log_survival(stat, ls, lf, t0, lambda entry: dist.log_survivor(np.log(entry), t0, eqs, aft))


def _from_log_survival(stat, ls, lf, t0, log_survivor_at):
    """hazard, density, distribution or surv (given survival to t0 > 0) from ln S(t) and ln f(t);
    ``log_survivor_at(entry)`` is ln S at the entry times (1 where t0 <= 0, masked)."""
    if stat == "hazard":
        return np.exp(lf - ls)
    if stat == "density":
        return np.exp(lf)
    if stat == "distribution":
        return -np.expm1(ls)
    late = t0 > 0
    return np.exp(ls - np.where(late, log_survivor_at(np.where(late, t0, 1.0)), 0.0))


def _median(log_surv, n):
    lo, hi = np.full(n, -50.0), np.full(n, 50.0)
    half = np.log(0.5)
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        above = log_surv(mid) > half
        new_lo, new_hi = np.where(above, mid, lo), np.where(above, hi, mid)
        if np.array_equal(new_lo, lo) and np.array_equal(new_hi, hi):
            break
        lo, hi = new_lo, new_hi
    return np.where(hi < 50.0, np.exp(0.5 * (lo + hi)), np.nan)


# rows one marginal integration holds at once (rows x 30 nodes an array); tests shrink it
MARGINAL_BLOCK_ROWS = 1 << 15


def _marginal(model, stat, xb, Z, t, t0):
    """The statistic integrated over the random effects (module docstring): every statistic is
    a function of eta = xb + z'u alone, and z'u ~ N(0, z' Sigma z) (Sigma every level's
    covariance, block diagonal), so one 30-point Gauss-Hermite rule a row on that normal.
    Each row's integral is its own: the rows are taken MARGINAL_BLOCK_ROWS at a time."""
    step = MARGINAL_BLOCK_ROWS
    if len(xb) <= step:
        return _marginal_rows(model, stat, xb, Z, t, t0)
    return np.concatenate([_marginal_rows(model, stat, xb[a:a + step], Z[a:a + step], t[a:a + step],
                                          t0[a:a + step]) for a in range(0, len(xb), step)])


def _marginal_rows(model, stat, xb, Z, t, t0):
    from mlmcli.glmm.quadrature import gauss_hermite

    t1, w1 = gauss_hermite(30)  # against the standard normal density
    lw = np.log(w1 / w1.sum())
    sd = np.sqrt(np.maximum(np.einsum("ia,ab,ib->i", Z, model.Sigma, Z), 0.0))
    eta = xb[:, None] + sd[:, None] * t1[None, :]  # (n, K)
    dist, aft = model.dist, model.aft
    eqs = _eqs(model, eta)
    with np.errstate(all="ignore"):
        if stat == "mean":
            return dist.mean_time(eqs, aft) @ np.exp(lw)
        lt_col = lambda v: np.log(v)[:, None]  # noqa: E731

        def log_marg_surv(lt):
            ls = dist.log_survivor(lt[:, None], np.exp(lt)[:, None], eqs, aft)
            return np.logaddexp.reduce(ls + lw, axis=1)

        if stat == "median":
            return _median(log_marg_surv, len(xb))
        lt = np.log(t)
        ls = dist.log_survivor(lt[:, None], t[:, None], eqs, aft)
        lS = np.logaddexp.reduce(ls + lw, axis=1)
        lf = np.logaddexp.reduce(dist.log_density(lt[:, None], t[:, None], eqs, aft) - lt_col(t) + lw, axis=1)
        return _from_log_survival(stat, lS, lf, t0, lambda entry: log_marg_surv(np.log(entry)))


def _conditional_kind(opts) -> str:
    if opts.get("marginal"):
        if "conditional" in opts:
            raise StataError("options conditional() and marginal may not be combined", 198)
        return "marginal"
    if opts.get("fixedonly"):
        return "fixedonly"
    typed = opts.get("conditional")
    if typed is None or typed is True or not str(typed).strip():
        return "ebmeans"
    from mlmcli.syntax.options import choice_option

    return choice_option(str(typed).strip(), (("ebmeans", 6), ("ebmodes", 6), ("fixedonly", 9)), "conditional",
                         fold_case=True)


def _reffects(session, e, cmd, opts, rows):
    from mlmcli.commands.postestimation.predict import store_prediction
    from mlmcli.syntax.varlist import parse_new_varlist

    model = e.model
    names = model.effect_labels()
    q = len(names)
    vtype, newvars, stub = parse_new_varlist(cmd.args)
    targets = [f"{stub}{k + 1}" for k in range(q)] if stub else list(newvars)
    if len(targets) != q:
        raise StataError("too many variables specified" if len(targets) > q else "too few variables specified",
                         103 if len(targets) > q else 102)
    se_targets = None
    if opts.get("reses") not in (None, True):
        _, se_vars, se_stub = parse_new_varlist(str(opts["reses"]))
        se_targets = [f"{se_stub}{k + 1}" for k in range(q)] if se_stub else list(se_vars)
        if len(se_targets) != q:
            raise StataError("reses(): wrong number of variables", 198)
    means, sds_all = model.effects_on_rows(session.data)
    for k in range(q):
        vals = np.where(rows, means[:, k], np.nan)
        store_prediction(session, targets[k], vals, vtype, f"empirical Bayes' means for {names[k]}")
        if se_targets:
            sds = np.where(rows, sds_all[:, k], np.nan)
            store_prediction(session, se_targets[k], sds, vtype, f"empirical Bayes' standard errors for {names[k]}")


def predict_mestreg(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
    from mlmcli.postest.linear_prediction import prediction_se

    opts = resolve_options(cmd.options, OPTIONS)
    stats = [s for s in STATS if opts.get(s)]
    if len(stats) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat = stats[0] if stats else "mean"
    if opts.get("time") and stat not in ("mean", "median"):
        raise StataError("option time not allowed", 198)
    kind = _conditional_kind(opts)
    if "reses" in opts and stat != "reffects":
        raise StataError(f"option reses() not allowed with option {stat}", 198)
    rows = np.asarray(rows_selected(session, cmd), bool)
    if stat == "reffects":
        return _reffects(session, e, cmd, opts, rows)
    if not stats:
        session.print("(option mean assumed)")
    vtype, name = one_new_variable(session, cmd)
    model, data = e.model, session.data
    X, xb = _xb(data, model)
    if stat == "xb":
        out = xb
    elif stat == "stdp":
        out = prediction_se(X, model.fit.V[:model.fit.p, :model.fit.p])
    else:
        Z = model.random_design(data)
        t, t0 = data.numeric("_t"), data.numeric("_t0")
        if kind == "ebmodes" and model.method != "laplace":
            raise StataError("conditional(ebmodes) not supported by mlmcli after mestreg; use ebmeans", 198)
        if kind == "marginal":
            if stat == "eta":
                raise StataError("option marginal not allowed with eta", 198)
            out = _marginal(model, stat, xb, Z, t, t0)
        else:
            u = np.zeros((data.nobs, Z.shape[1]))
            if kind != "fixedonly":
                u = model.effects_on_rows(data)[0]
            eta = xb + np.sum(Z * u, axis=1)
            out = eta if stat == "eta" else _conditional(model, stat, eta, t, t0)
    if stat not in ("xb", "stdp", "eta"):
        out = np.where(data.numeric("_st") == 1, out, np.nan)
    label = LABELS[stat]
    if stat not in ("xb", "stdp", "eta"):
        label += ", marginal" if kind == "marginal" else (", fixed portion only" if kind == "fixedonly" else "")
    store_prediction(session, name, np.where(rows, out, np.nan), vtype, label)


def mestreg_curve(session, e, statistic: str, at: dict, label: str, begin=None, end=None, kind: str = "marginal"):
    """stcurve after mestreg: survival, cumhaz or hazard over 101 times from the smallest to the
    largest _t of e(sample) (or range()), the covariates at their means (at() values set), the
    random effects at 0 (``fixedonly``/``conditional(fixedonly)``) or integrated out
    (``marginal``, the default)."""
    from mlmcli.postest.survival_curves import Curve, covariate_means, curve_times

    model = e.model
    sample, t = curve_times(session, e, begin, end)
    xbar = covariate_means(session, e, sample, at)
    xb = np.full(len(t), float(xbar @ model.fit.b[:model.fit.p]))
    cols = [lab.name for lab in model.design.labels if not (lab.base or lab.omitted)]
    z = [1.0 if n == "_cons" else (float(at[n]) if n in at else float(xbar[cols.index(n)]) if n in cols else
                                   float(np.mean(session.data.numeric(n)[sample]))) for n in model.effect_names()]
    Z = np.tile(np.asarray(z, float), (len(t), 1))
    t0 = np.zeros(len(t))
    stat = "hazard" if statistic == "hazard" else "surv"
    with np.errstate(all="ignore"):
        y = _marginal(model, stat, xb, Z, t, t0) if kind == "marginal" else _conditional(model, stat, xb, t, t0)
    if statistic == "cumhaz":
        y = -np.log(y)
    return Curve(t, y, label)
