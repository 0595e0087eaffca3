"""The interface every engine's fit object implements (``EstimationResults.model``).

Estimation commands store the fit object in ``e()``; postestimation commands reach
the model only through these methods, so ``predict``, ``estat``, ``estimates`` and
``lrtest`` (and later ``margins``) work for any engine that implements them — as
lme4's ``fixef``/``vcov``/``VarCorr``/``ranef``/``getME`` and MixedModels.jl's
``coef``/``vcov``/``VarCorr``/``fitted`` do for their models.  The Protocols are
structural: an engine implements the methods and never imports this module.

Everything a postestimation command needs that Stata keeps in ``e()`` (N, ll, rank,
df_m, df_r, depvar, vcetype ...) is read from ``e()``, which the estimation command
fills from the fit; see ``mlmcli.estimation.results``.

Implemented by ``mlmcli.ols.OLSFit`` (``regress``) and ``mlmcli.mixed.fit.MixedFit``
(``mixed``; the multilevel methods in ``mlmcli.mixed.varcorr``).
"""
from __future__ import annotations

from typing import Any, Protocol, Sequence, runtime_checkable


@runtime_checkable
class EstimationFit(Protocol):
    """Every fitted model."""

    def e_matrices(self) -> tuple[Any, Any]:
        """``(e(b), e(V))`` as ``results.matrix.Matrix``: b is 1 x k (row ``y1``), V is k x k,
        columns named as Stata names them (``x``, ``2.f``, ``1b.f``, ``eq:name``), base and
        omitted coefficients included with 0."""

    def result(self) -> Any:
        """The pure result object (``mlmcli.results``) the command's renderer prints."""

    def predict(self, statistic: str, rows: "PredictionRows") -> Any:
        """``predict``'s ``statistic`` (``xb``, ``stdp``, ``residuals`` ...) for every row of the
        data in memory, NaN where it is not defined.  A statistic the model does not have
        raises ``StataError("option <statistic> not allowed", 198)``."""


@runtime_checkable
class RandomEffectsTerm(Protocol):
    """One random-effects equation ``levelvar: varlist`` of a fitted multilevel model."""

    levelvar: str  # the level variable, or ``_all`` for a crossed ``R.x`` term
    names: tuple[str, ...]  # its coefficients (``x``, ``_cons``, ``R.x``)
    n_groups: int
    group: Any  # group code (0 .. n_groups-1) of each estimation-sample observation
    Z: Any  # n x q design of the estimation sample

    @property
    def crossed_factor(self) -> bool:
        """A crossed ``_all: R.x`` term (its groups are the levels of x)."""


@runtime_checkable
class MultilevelFit(EstimationFit, Protocol):
    """A fitted multilevel model (``mixed``; later ``melogit``, ``meqrlogit`` ...)."""

    def re_terms(self) -> Sequence[RandomEffectsTerm]:
        """The random-effects equations in model order (outermost level first)."""

    def re_covariance(self, k: int) -> Any:
        """VarCorr: the covariance matrix of term k's random effects (q x q, in ``names`` order)."""

    def blups(self) -> list:
        """Empirical Bayes predictions per term: ``.modes`` and ``.se``, (n_groups x q) arrays."""

    def group_summaries(self) -> tuple:
        """``results.mixed.GroupSummary`` per distinct level (``estat group``)."""

    def residual_variance(self) -> float:
        """sigma^2 of the level-1 errors."""

    def response(self) -> Any:
        """y over the estimation sample."""

    def model_matrix(self) -> Any:
        """X (estimable fixed-effects columns) over the estimation sample."""

    def fixef(self) -> Any:
        """The estimable fixed-effects coefficients (X's columns)."""

    def has_weights(self) -> bool:
        """Fitted with observation- or group-level weights."""


@runtime_checkable
class MarginsPrediction(Protocol):
    """What ``margins`` needs to know about one prediction (``mlmcli.margins.response``):

        p_i = h(eta_i; a),   eta_i = x_i beta

    with beta the estimable coefficients of e(b)'s first equation (X's columns) and a the
    e(b) parameters named in ``ancillary`` (cutpoints; variance components of a marginal
    mean).  ``response(eta, a)`` returns ``(p, dp/deta, d2p/deta2, dp/da, d2p/deta da)``
    (the last two (n x m) or None; numbers broadcast).  ``label`` is the Expression text
    (``Linear prediction, fixed portion``, ``Pr(y)``, ``Predicted mean``)."""

    label: str
    ancillary: tuple
    linear: bool  # p = eta (the delta method is exact; no second derivatives needed)

    def response(self, eta: Any, a: Any) -> tuple:
        ...


@runtime_checkable
class MarginsFit(EstimationFit, Protocol):
    """A fit ``margins``, ``contrast``, ``pwcompare`` and ``marginsplot`` work with."""

    def margins_prediction(self, options: str) -> MarginsPrediction:
        """The prediction ``predict(options)`` as margins sees it; ``options`` "" is the
        model's default for margins (Stata 13: ``xb`` after regress and mixed -- the fixed
        portion --, ``pr`` after logit/probit, ``n`` after poisson/nbreg, ``pr outcome(#1)``
        after ologit/oprobit, ``mu`` with the random effects at zero (``fixedonly``) after the
        me commands).  A statistic that depends on more than e(b) (residuals, BLUPs, stdp)
        raises ``StataError("prediction is a function of possibly stochastic quantities other
        than e(b)", 498)``; an unknown one ``StataError("option <name> not allowed", 198)``."""


class PredictionRows(Protocol):
    """The data in memory as a fit's ``predict`` sees it (``mlmcli.estimation.rows``)."""

    n: int
    relevel: str | None  # predict's relevel(): levels from the top down to it only
    nooffset: bool  # predict's nooffset: the offset (or ln of the exposure) left out of the prediction

    def fixed_design(self) -> Any:
        """X on every row (the estimable columns of e(b)'s first equation; NaN where missing)."""

    def depvar(self) -> Any:
        """The dependent variable on every row."""

    def variable(self, name: str) -> Any:
        """A numeric variable on every row."""

    def groups(self) -> Any:
        """``rows.RowGroups``: each term's group code on every row (-1: none) and e(sample)."""
