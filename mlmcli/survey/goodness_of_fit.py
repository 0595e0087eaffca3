"""The F-adjusted mean residual goodness-of-fit test of a binary model fitted to survey data
(Archer and Lemeshow 2006, Stata Journal 6(1); [SVY] estat gof): the estimation sample cut
into g groups at the weighted quantiles of the predicted probabilities (xtile's cut points
with the sampling weights), the design-based mean of the residuals y - p in each group with
its linearized covariance V (the group means as subpopulation means: scores
w_i (r_i - M_j) / W_j on the rows of group j), the Wald statistic W = M' V^-1 M and
F = (f - g + 2) W / (f g) on (g - 1, f - g + 2) degrees of freedom, f the design df.  Groups
emptied by ties are dropped (g counts the groups that have rows)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class SurveyGoodnessOfFit:
    groups: int
    means: np.ndarray
    V: np.ndarray
    wald: float
    F: float
    df1: float
    df2: float
    p: float


def mean_residual_test(y, p, w, units, design_df: float, n_groups: int) -> SurveyGoodnessOfFit:
    """``y``, ``p`` and ``w`` over the estimation sample's rows (``units`` are theirs)."""
    from mlmcli import distributions as stats
    from mlmcli.summary_statistics import quantile_cutpoints
    from mlmcli.survey.linearized import linearized_variance

    y, p, w = (np.asarray(v, float) for v in (y, p, w))
    cuts = quantile_cutpoints(p, w, n_groups)
    code = np.searchsorted(cuts, p, side="left")
    present, code = np.unique(code, return_inverse=True)
    g = len(present)
    r = y - p
    member = np.zeros((len(p), g))
    member[np.arange(len(p)), code] = 1.0
    W_j = w @ member
    M = (w * r) @ member / W_j
    scores = member * (w * (r - M[code]))[:, None] / W_j[None, :]
    V = linearized_variance(scores, units).V
    f = float(design_df)
    if not np.all(np.isfinite(V)):
        return SurveyGoodnessOfFit(g, M, V, np.nan, np.nan, g - 1.0, f - g + 2.0, np.nan)
    wald = float(M @ np.linalg.pinv(V) @ M)
    df1, df2 = g - 1.0, f - g + 2.0
    if df1 <= 0 or df2 <= 0:
        return SurveyGoodnessOfFit(g, M, V, wald, np.nan, df1, df2, np.nan)
    F = (f - g + 2.0) * wald / (f * g)
    return SurveyGoodnessOfFit(g, M, V, wald, F, df1, df2, float(stats.f.sf(F, df1, df2)))
