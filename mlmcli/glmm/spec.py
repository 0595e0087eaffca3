"""The input contract of the generalized linear mixed-model engine.

A ``GLMMSpec`` is the fixed part (a ``GLMSpec``: outcome, design, family,
link, trials, offset, weights, vce, constraints, tolerances) plus the
random-effects equations as ``mlmcli.mixed.spec.RandomTerm`` objects (the
same representation ``mixed`` uses: outermost first, nested group codes,
``_all: R.x`` as levelvar ``_all`` with the codes of x), and the integration
method.  Built by the ``me*`` commands; consumed by ``mlmcli.glmm.fit``.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from ..glm.spec import GLMSpec
from ..mixed.spec import RandomTerm

INTMETHODS = ("mvaghermite", "mcaghermite", "ghermite", "laplace")

# e(cmd) of the dedicated commands (meglm otherwise)
ME_COMMANDS = {
    ("bernoulli", "logit"): "melogit", ("binomial", "logit"): "melogit",
    ("bernoulli", "probit"): "meprobit", ("binomial", "probit"): "meprobit",
    ("bernoulli", "cloglog"): "mecloglog", ("binomial", "cloglog"): "mecloglog",
    ("poisson", "log"): "mepoisson", ("nbinomial", "log"): "menbreg",
    ("ordinal", "logit"): "meologit", ("ordinal", "probit"): "meoprobit",
}


@dataclass(frozen=True)
class GLMMSpec:
    """``depvar X || terms`` of a generalized linear mixed model.

    ``intmethod``: ``mvaghermite`` | ``mcaghermite`` | ``ghermite`` | ``laplace``,
    or None for Stata's default (``laplace`` for a crossed model, ``crossed`` below;
    ``mvaghermite`` otherwise).  ``intpoints``: points per random effect
    (default 7; ignored by ``laplace``, which uses one); ``points_typed``: intpoints() was
    typed with a number other than 1.
    ``command``: e(cmd) (``melogit`` ... or ``meglm``); None picks it from the family.
    Observation-level weights are ``fixed.fweight`` / ``fixed.pweight``; level
    weights are the terms' ``fweight`` / ``pweight``.  vce(cluster) clusters must
    contain whole highest-level groups.
    """

    fixed: GLMSpec
    terms: tuple[RandomTerm, ...]
    intmethod: str | None = None
    intpoints: int = 7
    command: str | None = None
    points_typed: bool = False
    level_iweights: bool = False  # the top level's fweight is an iweight (xt re commands): the GLM's iweight
    # startvalues(): zero | constantonly | fixedonly, and fixedonly's iterate(#) (start_values.py)
    start_values: str = "fixedonly"
    start_iterate: int | None = None
    # startgrid(): ((values, phi positions of the variances or None for all), ...); None: no search
    start_grid: tuple | None = None
    noestimate: bool = False  # noestimate: the full model's start is the result (no phase 3)
    difficult: bool = False  # ml's difficult: the other stepping in nonconcave regions (optimize)
    nonrtolerance: bool = False  # ml's nonrtolerance: the stopping rule without g'(-H)^-1 g
    dnumerical: bool = False  # gsem's dnumerical: gradient and Hessian by numerical differences
    refine: bool = True  # False: no refining grid, node 0 (or from()) starts the full model (meqr's refineopts(iterate(0)))

    @property
    def depvar(self) -> str:
        return self.fixed.depvar

    @property
    def n(self) -> int:
        return self.fixed.n

    @property
    def crossed(self) -> bool:
        """Stata's crossed random-effects model, the one whose default is ``laplace``.

        _me_estimate.ado hands an ``R.x`` term to gsem in one of two forms.  While neither
        intmethod() other than laplace nor intpoints() other than 1 is typed, ``d: R.x`` is
        the random intercept of the level ``d>x`` (``_all>x`` for ``_all``); a level typed
        after it is labelled ``d>f`` beside it, so the two are crossed (MLMUS4 ch. 16:
        ``melogit y ... || group: R.m || f:`` fits by the Laplacian approximation; its e(b)
        holds ``/var(_cons[group>m])``).  Otherwise ("Rremap") x's indicators are k
        effects of the level ``d`` with identity covariance, nested like any other level.
        Only one random-effects level (``_all: R.x`` alone, ``d: R.x`` alone) is never
        remapped and is a plain two-level model; ``d: R.x`` as the last level is nested."""
        if self.remapped:
            return False
        order = []
        for t in self.terms:
            if t.levelvar not in order:
                order.append(t.levelvar)
        if len(order) < 2:
            return any(t.levelvar == "_all" for t in self.terms)  # mlm's own _all level (see levels)
        return any(t.levelvar == "_all" or (t.level_factor and order.index(t.levelvar) < len(order) - 1)
                   for t in self.terms)

    @property
    def remapped(self) -> bool:
        """_me_estimate's Rremap: an ``R.x`` term with quadrature asked for (intmethod() not
        laplace, or intpoints() not 1) and more than one random-effects level."""
        if self.intmethod == "laplace" or not (self.points_typed or self.intmethod):
            return False
        if not any(t.levelvar == "_all" or t.level_factor for t in self.terms):
            return False
        return len({t.levelvar for t in self.terms}) > 1

    @property
    def method(self) -> str:
        if self.intmethod:
            return self.intmethod
        return "laplace" if self.crossed else "mvaghermite"

    @property
    def points(self) -> int:
        return 1 if self.method == "laplace" else int(self.intpoints)

    @property
    def cmd(self) -> str:
        return self.command or ME_COMMANDS.get((self.fixed.family, self.fixed.link), "meglm")


def subset_random_intercept(spec: GLMMSpec, rows, group) -> GLMMSpec:
    """The random-intercept spec on ``rows`` of its observations, panels ``group`` (0..G-1)."""
    fx = spec.fixed

    def take(a):
        return None if a is None else np.asarray(a)[rows]

    censor = None if fx.censor is None else tuple(take(a) for a in fx.censor)
    fixed = dataclasses.replace(fx, y=take(fx.y), X=take(fx.X), trials=take(fx.trials), offset=take(fx.offset),
                                censor=censor,
                                fweight=None, pweight=None, vce="oim", cluster=None, cluster_var=None)
    term = spec.terms[0]
    terms = (dataclasses.replace(term, group=np.asarray(group), Z=np.asarray(term.Z)[rows],
                                 n_groups=int(np.max(group)) + 1, fweight=None, pweight=None),)
    return dataclasses.replace(spec, fixed=fixed, terms=terms)
