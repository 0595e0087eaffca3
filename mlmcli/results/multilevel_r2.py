"""The Rights-Sterba decomposition of a two-level linear mixed model's outcome variance
(``mlmr2``): pure data, computed by ``mlmcli.postest.multilevel_r2``."""
from __future__ import annotations

from dataclasses import dataclass

MEASURES = ("f1", "f2", "v", "m", "f", "fv", "fvm")


@dataclass(frozen=True)
class MultilevelR2:
    depvar: str
    levelvar: str
    components: dict[str, float]  # f1 f2 v m sigma2 (variances)
    total: dict[str, float]  # measure -> proportion of the total variance
    within: dict[str, float]  # f1 v fv (fv = f1 + v) -> proportion of the within-cluster variance
    between: dict[str, float]  # f2 m -> proportion of the between-cluster variance
    fixed_conflated: tuple[str, ...]  # predictors with within and between variance: one slope for both
    random_conflated: tuple[str, ...]  # random-slope covariates with between-cluster variance
