"""The input contract of the single-level GLM engine (``logit``, ``probit``,
``cloglog``, ``poisson``, ``nbreg``, ``ologit``, ``oprobit``).

Built by a command from the dataset (sample selection, factor variables and
the coding of the outcome already done); consumed by ``mlmcli.glm.fit``.
The same fields describe the fixed part of a ``me*`` model
(``mlmcli.glmm.spec.GLMMSpec`` holds a ``GLMSpec``).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..mixed.spec import CoefLabel

# the single-level command Stata names for each family/link (e(cmd), LR-test wording)
SINGLE_LEVEL_COMMAND = {
    ("bernoulli", "logit"): "logit", ("binomial", "logit"): "logit",
    ("bernoulli", "probit"): "probit", ("binomial", "probit"): "probit",
    ("bernoulli", "cloglog"): "cloglog", ("binomial", "cloglog"): "cloglog",
    ("poisson", "log"): "poisson", ("nbinomial", "log"): "nbreg",
    ("ordinal", "logit"): "ologit", ("ordinal", "probit"): "oprobit",
    ("ordinal", "cloglog"): "ocloglog", ("gaussian", "identity"): "regress",
}


@dataclass(frozen=True)
class LinearConstraints:
    """R theta = r over the estimation parameters (columns as the fit's ``param_names``).

    ``labels``: the constraint text per row for e(Cns) and the constraint report."""

    R: np.ndarray
    r: np.ndarray
    labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class GLMSpec:
    """``depvar X`` of a generalized linear model, sample already selected.

    ``y``: the outcome (bernoulli: 0 / nonzero; binomial: successes; counts;
    ordinal: categories coded 1..K in ascending order of ``categories``).
    ``X`` holds only estimable columns; ``coef_labels`` every coefficient Stata
    reports (base/omitted ones without a column), as in ``MixedSpec``.
    ``trials``: binomial trials per observation (``binomial(varname|#)``);
    ``trials_label``: the variable name or the number as typed.
    ``offset``: offset per observation, already ln(exposure) for ``exposure()``;
    ``offset_name``: ``varname`` or ``ln(varname)``.
    ``dispersion``: ``mean`` (NB2, ``/lnalpha``) or ``constant`` (NB1, ``/lndelta``).
    ``categories``: the ordinal outcome values (for e(cat) and predict outcome()).
    ``asis``: keep perfect predictors (Stata's ``asis``).
    """

    depvar: str
    y: np.ndarray
    X: np.ndarray
    coef_labels: tuple[CoefLabel, ...]
    family: str = "bernoulli"
    link: str = "logit"
    trials: np.ndarray | None = None
    trials_label: str | None = None
    dispersion: str = "mean"
    offset: np.ndarray | None = None
    offset_name: str | None = None
    categories: tuple[float, ...] = ()
    fweight: np.ndarray | None = None
    pweight: np.ndarray | None = None
    iweight: np.ndarray | None = None  # the log likelihood weighted as fweights, e(N) the rows (ml_model)
    vce: str = "oim"  # oim | opg | robust | cluster
    cluster: np.ndarray | None = None
    cluster_var: str | None = None
    constraints: LinearConstraints | None = None
    start: np.ndarray | None = None  # ml's from(): starting values over the parameters (nan: the default)
    level: float = 95.0
    iterate: int = 300
    tolerance: float = 1e-6
    ltolerance: float = 1e-7
    nrtolerance: float = 1e-5
    asis: bool = False
    record: bool = False  # the iterations' details (maximize's trace, gradient, ... options)
    # metobit/meintreg: (lo, hi) per observation, the interval y lies in (-inf/+inf open, lo = hi
    # a point); the gaussian family is then the censored normal (glm.censored_gaussian)
    censor: tuple | None = None
    censor_limits: tuple = ()  # metobit's ll() and ul() as the header shows them ("+inf" when not typed)

    @property
    def n(self) -> int:
        return len(self.y)

    @property
    def command(self) -> str:
        return SINGLE_LEVEL_COMMAND.get((self.family, self.link), "glm")

    def obs_weights(self) -> np.ndarray | None:
        """Frequency, sampling or importance weight per observation (None: unweighted)."""
        for w in (self.fweight, self.pweight, self.iweight):
            if w is not None:
                return np.asarray(w, float)
        return None
