"""The input contract of the engine: a mixed model as arrays and names.

Built by the ``mixed`` command from the dataset (sample selection, factor
variables, nesting already resolved); consumed by ``mlmcli.mixed.fit``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class CoefLabel:
    """A fixed-effect coefficient as Stata names and displays it.

    ``name``: ``educgroupc``, ``2.schgend``, ``1.weurope#c.educgroupc``,
    ``_cons``; ``term``/``level``: the factor-variable heading and level text
    (``weurope#c.educgroupc`` / ``1``) or None; ``base``/``omitted`` coefficients
    have no column in X (reported as 0 with ``(base)`` / ``(omitted)``).
    """

    name: str
    term: str | None = None
    level: str | None = None
    base: bool = False
    omitted: bool = False
    empty: bool = False  # an interaction cell absent from the sample (omitted; ``noemptycells``)


@dataclass(frozen=True)
class RandomTerm:
    """One random-effects equation ``levelvar: [varlist] [, covariance(...)]``.

    ``group``: int codes 0..G-1, one per observation.  For nested levels the
    codes already distinguish inner groups within outer ones (class 1 of
    school 1 differs from class 1 of school 2).  For a crossed ``_all: R.x``
    term, ``levelvar`` is ``_all``, ``group`` holds the codes of ``x``, and Z is
    a column of ones (one random intercept per level of x); ``names`` is
    ``("R.x",)``.
    ``Z``: n x q design, columns in Stata's order (slopes as typed, ``_cons``
    last unless ``noconstant``); read-only to the engine (an ``R.x`` indicator term's Z is
    ``np.broadcast_to(1.0, (n, 1))``, one number seen n times).  ``group`` may be int32.
    ``covariance``: ``identity`` | ``independent`` | ``exchangeable`` | ``unstructured``.
    ``fweight`` / ``pweight``: per-observation weight of this level's groups
    (constant within group) or None.
    ``factor``: ``R.x`` when Z holds the indicator columns of x's levels (named ``1.x``,
    ``2.x`` ...) -- ``levelvar: R.x, covariance(exchangeable)`` -- so the term's parameters
    are labelled ``var(R.x)``/``cov(R.x)`` as Stata prints them.
    ``level_group`` / ``factor_codes``: for ``levelvar: R.x`` at a named level (identity
    covariance), ``group`` holds the (level group, x) cells -- one effect per cell, as a
    nested random intercept -- while these give the level's own group codes 0..G-1 and x's
    codes 0..k-1 per observation: Stata counts the level's groups, and the glmm engine
    integrates the k indicator effects of each level group together.
    """

    levelvar: str
    group: np.ndarray
    Z: np.ndarray
    names: tuple[str, ...]
    covariance: str
    n_groups: int
    fweight: np.ndarray | None = None
    pweight: np.ndarray | None = None
    factor: str | None = None
    level_group: np.ndarray | None = None
    factor_codes: np.ndarray | None = None

    @property
    def level_factor(self) -> bool:
        """``levelvar: R.x`` at a named level (see ``level_group``)."""
        return self.level_group is not None

    @property
    def crossed_factor(self) -> bool:
        return self.levelvar == "_all"

    @property
    def q(self) -> int:
        """Columns of Z (random effects per group)."""
        Z = np.asarray(self.Z)
        return 1 if Z.ndim == 1 else Z.shape[1]


@dataclass(frozen=True)
class ResidualSpec:
    """Stata's ``residuals(kind [#], t(tvar) by(byvar))``: the covariance of the
    residual errors within each lowest-level group (a *panel*), for
    ``mlmcli.mixed.residual_covariance``.

    ``kind``: ``independent`` | ``exchangeable`` | ``ar`` | ``ma`` | ``unstructured`` |
    ``banded`` | ``toeplitz`` | ``exponential``; ``order``: the ``#`` of ``ar``/``ma``
    (default 1), ``toeplitz`` (default: the largest lag in the data) and ``banded``
    (default: number of t levels - 1).  ``t``: the t() values, one per observation
    (None when not given); ``by``: int codes 0..K-1 of the by() variable (None when
    not given), code order = the sorted values, as Stata numbers the groups;
    ``by_labels``: the text Stata shows for each code (value label or value).
    """

    kind: str = "independent"
    order: int | None = None
    t: np.ndarray | None = None
    t_name: str | None = None
    by: np.ndarray | None = None
    by_name: str | None = None
    by_labels: tuple[str, ...] = ()

    @property
    def plain(self) -> bool:
        """i.i.d. errors with one variance: the model without a residuals() option."""
        return self.kind == "independent" and self.by is None


@dataclass(frozen=True)
class MixedSpec:
    """``depvar X || terms``, sample already selected (no missing values).

    ``terms`` are outermost first, as typed.  ``X`` holds only estimable
    columns; ``coef_labels`` lists every coefficient Stata reports, in order,
    and the ones that are not base/omitted map one-to-one onto X's columns.
    ``level_names``: the grouping variable of each term, for labels.
    ``cluster``: int codes of the cluster variable for vce(cluster) (for pweights,
    the highest level's groups when not given).
    ``residuals``: the residual-error structure (None: i.i.d., Stata's default).
    The lowest term may then have no columns (``|| id:, noconstant``): it only
    defines the panels.
    ``group_sums``: a ``group_sums.GroupSums`` when the rows were reduced elsewhere (lazy
    data: a nested, unweighted model); then y and X have no rows, each term's Z is
    (0, q) and its group empty, and the engine fits from the sums.
    """

    depvar: str
    y: np.ndarray
    X: np.ndarray
    coef_labels: tuple[CoefLabel, ...]
    terms: tuple[RandomTerm, ...]
    method: str = "ML"  # "ML" | "REML"
    fweight: np.ndarray | None = None
    pweight: np.ndarray | None = None
    pwscale: str | None = None  # size | effective | gk
    vce: str = "oim"  # oim | robust | cluster
    cluster: np.ndarray | None = None
    cluster_var: str | None = None
    level: float = 95.0
    iterate: int = 16000
    tolerance: float = 1e-6
    ltolerance: float = 1e-7
    residuals: ResidualSpec | None = None
    group_sums: object | None = None

    @property
    def n_rows(self) -> int:
        """Observations in the estimation sample (rows, or rows the group sums summed)."""
        return len(self.y) if self.group_sums is None else self.group_sums.nobs
