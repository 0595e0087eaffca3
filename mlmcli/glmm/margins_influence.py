"""Each cluster's influence on e(b) after a robust ``me`` fit (margins' vce(unconditional)).

The robust VCE of the me commands (``fit``) is the sandwich B (G/(G-1) sum_c s_c s_c') B with
B = (-H)^-1 and s_c the weighted scores of cluster c (top-level groups, or the groups of the
vce(cluster) variable).  The influence of top-level group g on theta is IF_g = B w_g s_g
(w_g its level weight, the observation weights already inside s_g); mapped to e(b)'s columns
(variances in their natural metric) through ``stored_results.eb_layout``.  With J = I the
unconditional variance G/(G-1) sum_c IF_c IF_c' is e(V) itself.

Stata's rule (margins' ``_parse_vce``): vce(unconditional) needs a fit whose VCE is robust,
cluster-robust or linearized (pweights imply robust); otherwise r(322).
"""
from __future__ import annotations

import numpy as np

from ..errors import StataError
from ..mixed.sandwich import NEEDS_ROBUST


def margins_influence(fit) -> tuple[np.ndarray, np.ndarray]:
    """(IF, clusters): one row per estimation row in fit order -- each top-level group's
    influence sits on the group's first row, zeros elsewhere (only cluster sums enter the
    variance) -- and each row's cluster code."""
    from .derivatives import group_scores
    from .stored_results import eb_layout

    if not fit.robust:
        raise StataError(NEEDS_ROBUST, 322)
    if fit.constrained:
        raise StataError("vce(unconditional) not allowed after constrained estimation", 198)
    model = fit.model
    if not model.structure.levels or fit.V_model is None or fit.group_clusters is None:
        raise StataError(f"vce(unconditional) not allowed after {fit.spec.command or 'meglm'} "
                         "without random effects", 198)
    top = model.structure.levels[0]
    S = group_scores(model, fit.theta)
    W = model.top_weights()
    if W is not None:
        S = S * W[:, None]
    names, idx, T, _ = eb_layout(fit)
    IF_eb = np.zeros((top.G, len(names)))
    IF_eb[:, idx] = S @ np.nan_to_num(fit.V_model) @ T.T
    group = np.asarray(top.group, np.int64)
    _, first = np.unique(group, return_index=True)
    IF = np.zeros((len(group), len(names)))
    IF[first] = IF_eb
    return IF, np.asarray(fit.group_clusters)[group]
