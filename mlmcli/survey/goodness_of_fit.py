"""The F-adjusted mean residual goodness-of-fit test of a binary model fitted to survey data
(Archer and Lemeshow 2006, Stata Journal 6(1); Archer, Lemeshow and Hosmer 2007, CSDA 51;
[SVY] estat gof, whose _svy_gof_hl.ado was read for the steps below, not copied).

The rows are cut into g groups at xtile's cut points of the predicted probabilities (with the
sampling weights when the model had them), the residuals r = y - p are averaged (or summed:
``total``) in each group as ``svy: mean r, over(group)`` would, with the linearized covariance
V of those group estimates (the means as ratios: scores w_i (r_i - M_j) / W_j on the rows of
group j), and the Wald statistic W = M' syminv(V) M gives

    F = (f - g + 2) W / (f g)   on (g - 1, f - g + 2) degrees of freedom,

f the model's design df; g is the number of groups *requested*: ties in the probabilities
that leave a group empty take that group out of M and V but not out of g (the ado computes
its df and F from group(), not from the groups xtile made).  Without a design df the
statistic is W itself, chi2 on g - 1."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SurveyGoodnessOfFit:
    groups: int  # g, as requested
    present: int  # groups with rows
    estimates: np.ndarray  # the group means (or totals) of the residuals
    V: np.ndarray
    wald: float
    statistic: float  # F, or chi2 without a design df
    df1: float
    df2: float  # nan for the chi2 form
    p: float

    @property
    def is_chi2(self) -> bool:
        return bool(np.isnan(self.df2))


def mean_residual_test(y, p, w, units, design_df: float, n_groups: int, *, cut_values=None, cut_weights=None,
                       estimator: str = "mean", replicates=None) -> SurveyGoodnessOfFit:
    """``y``, ``p`` and ``w`` (the sampling weights, ones without) over the rows tested,
    ``units`` theirs; xtile cuts ``cut_values`` (default ``p``: with ``all`` or ``if``, rows
    without a response still place the cuts) with ``cut_weights`` (None: unweighted).
    ``replicates`` (a survey.replicate.ReplicateDesign over the rows tested): V from the group
    estimates recomputed with each replicate's weights, as ``svy brr: mean`` would."""
    from mlmcli import distributions as stats
    from mlmcli.panel.fgls import syminv
    from mlmcli.summary_statistics import quantile_cutpoints
    from mlmcli.survey.linearized import linearized_variance

    y, p, w = (np.asarray(v, float) for v in (y, p, w))
    cw = None if cut_weights is None else np.asarray(cut_weights, float)
    cuts = quantile_cutpoints(p if cut_values is None else np.asarray(cut_values, float), cw, n_groups)
    present, code = np.unique(np.searchsorted(cuts, p, side="left"), return_inverse=True)
    member = np.zeros((len(p), len(present)))
    member[np.arange(len(p)), code] = 1.0
    r = y - p
    b = _group_estimates(r, w, member, estimator)
    if replicates is not None:
        from mlmcli.survey.replicate import replicate_variance, used_replicates

        B = np.array([_group_estimates(r, replicates.weights[:, k], member, estimator)
                      for k in range(replicates.n_reps)]).reshape(replicates.n_reps, len(b))
        used = used_replicates(replicates, w, np.ones(len(w), bool)) & np.isfinite(B).all(axis=1)
        V = np.full((len(b), len(b)), np.nan) if replicates.single_unit else replicate_variance(b, B, replicates, used)
    elif estimator == "total":
        V = linearized_variance(member * (w * r)[:, None], units).V
    else:
        W_j = w @ member
        V = linearized_variance(member * (w * (r - b[code]))[:, None] / W_j[None, :], units).V
    g, f = int(n_groups), float(design_df)
    wald = float(b @ syminv(V) @ b) if np.all(np.isfinite(V)) else np.nan
    if not np.isfinite(f):
        return SurveyGoodnessOfFit(g, len(present), b, V, wald, wald, g - 1.0, np.nan,
                                   float(stats.chi2.sf(wald, g - 1)) if np.isfinite(wald) else np.nan)
    df1, df2 = g - 1.0, f - g + 2.0
    F = wald * df2 / (f * g)
    return SurveyGoodnessOfFit(g, len(present), b, V, wald, F, df1, df2,
                               float(stats.f.sf(F, df1, df2)) if np.isfinite(F) else np.nan)


def _group_estimates(r, w, member, estimator: str) -> np.ndarray:
    """The weighted total of the residuals in each group, or their mean (a ratio)."""
    totals = (w * r) @ member
    if estimator == "total":
        return totals
    with np.errstate(divide="ignore", invalid="ignore"):
        return totals / (w @ member)
