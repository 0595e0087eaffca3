"""What manova and manovatest show: each source's four multivariate tests, the residual and
total degrees of freedom."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ManovaSource:
    """A tested source (Model, a term, manovatest's hypothesis): its label, df and the W P L R
    tests (``multivariate.manova_tests.MultivariateTest``)."""

    label: str
    df: float
    tests: tuple


@dataclass(frozen=True)
class ManovaTable:
    """``model``: the Model block (None with one term); ``total_df`` None: manovatest's table
    (no Total row); ``nobs`` None: no "Number of obs" line; ``preamble``: lines before the
    legend (manovatest's transformations and constraints)."""

    nobs: float | None
    model: ManovaSource | None
    terms: tuple[ManovaSource, ...]
    residual_df: float
    total_df: float | None
    preamble: tuple[str, ...] = ()
