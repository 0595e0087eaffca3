"""A mixed model's e(b) and e(V) with the variance components as standard deviations and
correlations, or as variances and covariances (what ``estat sd, [variance] post`` posts and
what ``etable`` shows): names ``id:sd(x)``/``id:var(x)``, ``id:corr(x,z)``/``id:cov(x,z)``,
``Residual:sd(e)``/``Residual:var(e)``; ``R.`` becomes ``R_`` (Stata 15's
``_xtme_estatsd.ado``).  The numbers: ``mlmcli.postest.sd_metric``."""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError


def _variance_label(label: str) -> str:
    """``sd(x)`` -> ``var(x)``, ``corr(x,z)`` -> ``cov(x,z)``."""
    return ("var(" + label[3:]) if label.startswith("sd(") else ("cov(" + label[5:])


def posted_metric(e, variance: bool = False, residual: bool = True):
    """``e`` (a mixed fit's results) with b and V in the sd metric or, with ``variance``,
    the variance metric; StataError when the structure has no such form.  ``residual``
    False: no ``Residual`` column (meqrlogit and meqrpoisson have none)."""
    from mlmcli.postest.sd_metric import sd_metric_names, to_sd_metric, to_variance_metric
    from mlmcli.results.matrix import Matrix

    result = e.result
    if getattr(result, "residual_blocks", None) is not None:
        raise StataError("estat sd, post is not available after residuals() structures", 198)
    b, V = e.matrices["b"], e.matrices["V"]
    k_f = int(e.scalars.get("k_f", 0))
    names = list(b.colnames[:k_f])
    kinds = ["fixed"] * k_f
    eqs, labels = [], []
    partners: dict[int, tuple[int, int]] = {}
    for blk in result.random.get("sd", ()):
        if blk.empty:
            continue
        sd_at = {}
        for row in blk.rows:
            inner = row.label[row.label.index("(") + 1:-1]
            if row.label.startswith("corr("):
                a, _, c = inner.partition(",")
                if a in sd_at and c in sd_at:
                    partners[len(kinds)] = (sd_at[a], sd_at[c])
                elif variance:
                    raise StataError("estat sd, variance post is not available for this covariance structure", 198)
            else:
                sd_at[inner] = len(kinds)
            eqs.append(blk.levelvar)
            labels.append(_variance_label(row.label) if variance else row.label)
            kinds.append("atr" if row.label.startswith("corr(") else "lns")
    if residual:
        eqs.append("Residual")
        labels.append("var(e)" if variance else "sd(e)")
        kinds.append("lns")
    names += sd_metric_names(eqs, labels)
    if len(names) != len(b.colnames):
        raise StataError("estat sd, post: the variance components do not match e(b)", 498)
    # a parameter at the boundary has a missing variance: keep it from spreading to the others
    V0 = np.asarray(V.values, float)
    bad = ~np.isfinite(np.diag(V0))
    V0 = np.where(bad[:, None] | bad[None, :], 0.0, np.nan_to_num(V0, nan=0.0))
    if variance:
        nb, nV = to_variance_metric(b.values.ravel(), V0, kinds, partners)
    else:
        nb, nV = to_sd_metric(b.values.ravel(), V0, kinds)
    nV[bad, :] = np.nan
    nV[:, bad] = np.nan
    names = tuple(names)
    mats = dict(e.matrices)
    mats["b"] = Matrix(nb[None, :], b.rownames, names)
    mats["V"] = Matrix(nV, names, names)
    return dataclasses.replace(e, matrices=mats)
