"""``predict newvar, scores`` after xtgee (and xtlogit/xtprobit/xtpoisson ..., pa): xtgee_p's
GenScores (Stata 16 ado tree), the equation-level score of x b.

GenScores builds each panel of the if/in rows (sorted by e(ivar), and by e(tvar) for the
time-indexed correlations), mu = g^-1(x b + offset) times the binomial denominator, and asks
the internal _GEEBT for the score with the working correlation e(R) and phi 0; the result is
divided by sqrt(e(phi)).  The score of panel i's rows is taken here as

    s_i = diag(dmu/deta) A_i^-1/2 R_i^-1 A_i^-1/2 (y_i - mu_i) / sqrt(e(phi)),

A_i = diag(V(mu)) the family's variance, R_i the rows' block of e(R): so that X_i' s_i sqrt(phi)
is panel i's term of the GEE estimating equations (they sum to zero at e(b)).  _GEEBT's own
code is not public: what "phi 0" means inside it is a reading, not seen (docs in the report);
for binomial and Poisson fits, whose scale is 1, the only factor in question is sqrt(e(phi)).
Weights do not enter the scores.  The label is "equation-level score from xtgee".
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.estimation.rows import PredictionRows
from mlmcli.syntax.abbreviation import resolve_choice

_FAMILIES = {"gaussian": "gaussian", "binomial": "binomial", "bernoulli": "binomial", "poisson": "poisson",
             "gamma": "gamma", "inverse gaussian": "igaussian"}


def predict_gee_scores(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.score_equation import equations_of, score_options, score_targets

    chosen, _ = score_options(cmd)
    vtype, targets = score_targets(session.data, cmd.args, equations_of(e.matrices["b"].colnames),
                                   chosen.get("equation"), chosen.get("score"))
    (name, _), = targets
    values = _scores(session, e, rows_selected(session, cmd))
    store_prediction(session, name, values, vtype, f"equation-level score from {e.cmd}")


def _family(session, e, rows):
    from mlmcli.glm.exponential_family import Family

    title = e.macros.get("family", "").strip()
    lower = title.lower()
    if lower.startswith("negative binomial"):
        k = float(lower[lower.index("k=") + 2:].rstrip(")")) if "k=" in lower else 1.0
        return Family("nbinomial", k=k)
    name = _FAMILIES.get(lower)
    if name is None:
        raise StataError(f"predict, scores after xtgee with family {title} not supported by mlmcli", 198)
    trials = getattr(e.model, "trials", None)
    if name == "binomial" and trials is not None:
        kind, m = trials
        m = rows.variable(m) if kind == "variable" else np.full(rows.n, float(m))
        return Family("binomial", m=m)
    return Family(name)


def _positions(e, codes: np.ndarray, tval: np.ndarray) -> np.ndarray:
    """Each row's index into e(R): the order within its panel for exchangeable/independent; the
    time position for the time-indexed structures (the distinct times for unstructured and
    fixed, (t - min t)/delta for AR, stationary and nonstationary), as the fit placed them."""
    kind = e.macros.get("corr", "")
    if kind in ("exchangeable", "independent"):
        starts = np.flatnonzero(np.r_[True, np.diff(codes) != 0])
        first = np.repeat(starts, np.diff(np.r_[starts, len(codes)]))
        return np.arange(len(codes)) - first
    if kind in ("unstructured", "fixed"):
        return np.unique(tval, return_inverse=True)[1]
    same = np.diff(codes) == 0
    steps = np.diff(tval)[same]
    delta = float(steps.min()) if steps.size else 1.0
    return np.rint((tval - tval.min()) / delta).astype(int)


def _scores(session, e, selected: np.ndarray) -> np.ndarray:
    fit = e.model
    prows = PredictionRows(session, e)
    X = prows.fixed_design()
    y = prows.depvar()
    eta = fit.with_offset(X @ fit.b, prows)
    family = _family(session, e, prows)
    link = fit.link_model
    if link is None:
        from mlmcli.glm.exponential_family import Link
        link = Link(fit.link)
    h, dmu, _ = link.inverse(eta)
    m = family.denominators(len(eta))
    mu, dmu = m * h, m * dmu
    ivar = e.macros["ivar"]
    tvar = e.macros.get("tvar", "")
    panel = session.data.numeric(ivar)
    tval = session.data.numeric(tvar) if tvar else np.zeros(len(eta))
    ok = selected & ~np.isnan(panel) & ~np.isnan(tval) & np.isfinite(eta) & ~np.isnan(y)
    idx = np.flatnonzero(ok)
    codes = np.unique(panel[idx], return_inverse=True)[1]
    order = np.lexsort((idx, tval[idx], codes))
    idx, codes = idx[order], codes[order]
    pos = _positions(e, codes, tval[idx])
    R = np.asarray(e.matrices["R"].values, float)
    with np.errstate(all="ignore"):
        a = np.sqrt(family.variance(mu))[idx]
        r = (y[idx] - mu[idx]) / a
    out = np.full(len(eta), np.nan)
    bounds = np.flatnonzero(np.r_[True, np.diff(codes) != 0, True])
    for start, end in zip(bounds[:-1], bounds[1:]):
        p = pos[start:end]
        if p.max() >= R.shape[0]:  # a panel (out of e(sample)) with times beyond e(R): missing
            continue
        solved = np.linalg.solve(R[np.ix_(p, p)], r[start:end])
        rows = idx[start:end]
        out[rows] = dmu[rows] / a[start:end] * solved
    phi = float(e.scalars.get("phi", 1.0))
    return out / np.sqrt(phi)


def predict_xtgee(session, e, cmd) -> None:
    """xtgee_p: scores here, the rest (mu, rate, xb, stdp) the fit's."""
    from mlmcli.commands.postestimation.predict import predict_generic

    if any(resolve_choice(o.name, (("scores", 2),)) == "scores" for o in cmd.options):
        return predict_gee_scores(session, e, cmd)
    return predict_generic(session, e, cmd)
