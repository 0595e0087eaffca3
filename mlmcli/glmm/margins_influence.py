"""Each cluster's influence on e(b) after a robust ``me`` fit (margins' vce(unconditional)).

The robust VCE of the me commands (``fit``) is the sandwich B (G/(G-1) sum_c s_c s_c') B with
B = (-H)^-1 and s_c the weighted scores of cluster c (top-level groups, or the groups of the
vce(cluster) variable).  The influence of top-level group g on theta is IF_g = B w_g s_g
(w_g its level weight, the observation weights already inside s_g); mapped to e(b)'s columns
(variances in their natural metric) through ``stored_results.eb_layout``.  With J = I the
unconditional variance G/(G-1) sum_c IF_c IF_c' is e(V) itself.

margins (``commands.postestimation.margins_tables``) places the groups on the sample's rows.
Stata's rule (margins' ``_parse_vce``): vce(unconditional) needs a fit whose VCE is robust,
cluster-robust or linearized (pweights imply robust); otherwise r(322).
"""
from __future__ import annotations

import numpy as np

from ..errors import StataError
from ..mixed.sandwich import NEEDS_ROBUST


def margins_influence(fit) -> tuple[np.ndarray, np.ndarray]:
    """(IF, clusters) per group of the first random-effects term, indexed by that term's group
    codes (``re_terms()[0].group``, the codes ``estimation.rows`` places data rows in): each
    top-level group's influence on e(b) and its cluster code (codes without estimation rows:
    zeros and -1)."""
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
    S = fit.group_score_rows if fit.group_score_rows is not None else group_scores(model, fit.theta)
    W = model.top_weights()
    if W is not None:
        S = S * W[:, None]
    T = getattr(fit, "xt_eb_transform", None)
    if T is not None:  # xtlogit/xtprobit/xtcloglog/xtpoisson, normal: e(b) is (b, lnsig2u) = T theta
        idx = [j for j, lab in enumerate(fit.labels) if not (lab.base or lab.omitted)] + [len(fit.labels)]
        names = range(len(fit.labels) + 1)
    else:
        names, idx, T, _ = eb_layout(fit)
    IF_level = np.zeros((top.G, len(names)))
    IF_level[:, idx] = S @ np.nan_to_num(fit.V_model) @ T.T
    term_group = np.asarray(fit.re_terms()[0].group, np.int64)
    level_of = np.full(int(term_group.max()) + 1, -1, np.int64)
    level_of[term_group] = np.asarray(top.group, np.int64)
    present = level_of >= 0
    IF = np.zeros((len(level_of), len(names)))
    IF[present] = IF_level[level_of[present]]
    clusters = np.full(len(level_of), -1, np.int64)
    clusters[present] = np.asarray(fit.group_clusters)[level_of[present]]
    return IF, clusters
