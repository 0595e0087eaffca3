"""``gllamm, robust [cluster(varname)]``: gllamm's replay with sandwich standard errors, as
gllamm.ado's Replay does through its ``gllarob`` (gllamm 2.3.20; read, not copied).

gllarob differentiates each top-level unit's log likelihood numerically and hands the scores
to ``_robust`` with the model-based e(V): V_r = V (G/(G-1) sum_c s_c s_c') V, s_c the scores
summed over the units of cluster c (each top-level unit its own cluster unless ``cluster()``;
top-level frequency weights multiply the scores).  Here the scores are the glmm engine's
(``glmm.derivatives.group_scores``, in the engine's metric, where the same sandwich is formed)
and V_r is carried to gllamm's parametrisation by the delta method, which gives the sandwich
of gllamm's own scores.  As gllarob does, V_r is posted as e(V) and e(Vr) and the cluster
variable as e(robclus); a later replay without ``robust`` puts the model-based e(Vs) back.
The condition number shown stays e(cn), the model-based one (Replay displays e(cn)).  The table
is headed ``Robust standard errors`` (``... for clustered data: var`` with
``cluster()``), the fixed part and the random-effects variances with their robust errors.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError
from mlmcli.robust.cluster_sandwich import cluster_index, cluster_sandwich


def top_level_clusters(session, e, fit, cluster: str | None) -> tuple[np.ndarray, int]:
    """Cluster code per top-level unit: the unit itself, or the value of ``cluster`` at its
    last observation (gllarob sorts by the top level and keeps each unit's last row)."""
    top = fit.model.structure.levels[0]
    if not cluster:
        return np.arange(top.G), top.G
    names = session.data.expand_varlist(cluster)
    if len(names) != 1:
        raise StataError("too many variables specified", 103)
    values = session.data.numeric(names[0])[np.asarray(e.sample, bool)]  # the fit's rows
    if np.isnan(values).any():
        raise StataError(f"{names[0]} has missing values in the estimation sample", 198)
    last = np.full(top.G, np.nan)
    last[top.group] = values  # later rows overwrite: each unit's last observation
    return cluster_index(last)


def robust_fit(session, e, cluster: str | None):
    """The fit with its theta-metric V replaced by the sandwich."""
    from mlmcli.glmm.derivatives import group_scores

    fit = e.model
    S = fit.group_score_rows if fit.group_score_rows is not None else group_scores(fit.model, fit.theta)
    W = fit.model.top_weights()
    if W is not None:
        S = S * np.asarray(W, float)[:, None]
    codes, G = top_level_clusters(session, e, fit, cluster)
    return dataclasses.replace(fit, V=cluster_sandwich(np.asarray(fit.V, float), S, codes, n_clusters=G))


def robust_result(session, e, cluster: str | None, level: float):
    """(GllammResult with robust errors, gllamm-metric V_r)."""
    from mlmcli.glm.inference import eform_rows
    from mlmcli.glmm.cholesky_metric import delta_method, gllamm_parameters, level_covariances
    from mlmcli.mixed.inference import fixed_rows

    fit = e.model
    if not hasattr(fit, "theta") or e.result.equations:
        raise StataError("gllamm: robust standard errors not available in mlmcli for this model", 198)
    correlated = bool(e.scalars.get("cor", 1.0))
    rfit = robust_fit(session, e, cluster)
    _, Vr = delta_method(lambda th: gllamm_parameters(fit.model, th, correlated), fit.theta, rfit.V)
    p = fit.model.p
    fixed = fixed_rows(fit.labels, fit.beta, rfit.V[:p, :p], level)
    _, Vre = delta_method(lambda th: level_covariances(fit.model, th, correlated), fit.theta, rfit.V)
    se = iter(np.sqrt(np.maximum(np.diag(Vre), 0.0)))
    blocks = tuple(dataclasses.replace(b, entries=tuple(
        en if en.fixed_zero else dataclasses.replace(en, se=float(next(se))) for en in b.entries))
        for b in e.result.random)
    level1 = e.result.level1_variance
    if level1 is not None:  # gaussian: var(e) = exp(2 ln sigma) from lns1:_cons
        lns = float(fit.theta[p])
        level1 = (level1[0], float(2 * np.exp(2 * lns) * np.sqrt(max(rfit.V[p, p], 0.0))))
    note = f"Robust standard errors for clustered data: cluster({cluster})" if cluster else "Robust standard errors"
    shown = dataclasses.replace(e.result, fixed=fixed, fixed_eform=eform_rows(fixed), random=blocks,
                                level1_variance=level1, vce_note=note, level=level)
    return shown, Vr


def post_robust(e, Vr: np.ndarray, cluster: str | None) -> None:
    """gllarob's ``estimates repost V``, ``est matrix Vr`` and ``est local robclus``."""
    from mlmcli.results.matrix import Matrix

    V = e.matrices["V"]
    e.matrices.setdefault("Vs", V)
    posted = Matrix(np.asarray(Vr, float), V.rownames, V.colnames)
    e.matrices["V"] = posted
    e.matrices["Vr"] = posted
    if cluster:
        e.macros["robclus"] = cluster
    else:
        e.macros.pop("robclus", None)


def model_based(e) -> None:
    """A replay without ``robust``: e(V) is e(Vs) again (gllamm's Replay)."""
    if "Vs" in e.matrices:
        e.matrices["V"] = e.matrices["Vs"]
