"""The marginal log likelihood of a GLMM spec as a function of all parameters.

theta = (beta, alpha, phi): fixed effects (estimable columns of X), ancillary
parameters (cutpoints, ln alpha, ...), and the random-effects covariance
parameters in Stata's estimation metric (per term: ln sd, atanh corr; see
``levels``).  Nothing is profiled.

One level of random effects: ``single_level.SingleLevelModel``.  Several nested
levels (or crossed ``_all`` effects): ``nested.NestedModel`` -- level-by-level
adaptive quadrature, or for ``laplace`` the joint Laplace approximation over all
random effects of a top-level group (see ``nested`` for why this is Stata's).
"""
from __future__ import annotations

import numpy as np

from ..errors import StataError
from ..glm.family import Family
from ..glm.likelihood_model import make_family
from .levels import Structure, build_structure
from .spec import GLMMSpec

MAX_NODES = 2e6  # quadrature nodes per top-level group (Q to the power of all its random effects)
# observations x node combinations that nested quadrature holds at once (one top-level group's
# rows at least): its work arrays are that size (about 130 bytes each in all; 6.4e7 of them,
# melogit y x || group: R.m || f: with a 10-level m at intpoints(3) before the blocks, took 8.3 GB
# and 6 minutes for one ln L)
MAX_NESTED_WORK = 2.5e7


class GLMMModel:
    """ln L(theta) of ``spec``; ``group_logliks`` gives the top-level groups' terms."""

    def __init__(self, spec: GLMMSpec, rows: np.ndarray | None = None):
        self.spec = spec
        fx = spec.fixed
        n_all = fx.n
        self.rows = np.arange(n_all) if rows is None else np.asarray(rows)
        r = self.rows
        fam = make_family(fx)
        self.family: Family = fam.subset(r) if rows is not None else fam
        self.X = np.asarray(fx.X, float).reshape(n_all, -1)[r]
        self.offset = np.zeros(len(r)) if fx.offset is None else np.asarray(fx.offset, float)[r]
        w = fx.obs_weights()
        self.w_obs = None if w is None else np.asarray(w, float)[r]
        if self.w_obs is not None and np.any(self.w_obs < 0):
            raise StataError("negative weights encountered", 402)
        terms = [_subset_term(t, r) for t in spec.terms] if rows is not None else list(spec.terms)
        self.structure: Structure = build_structure(terms, len(r))
        self.p = self.X.shape[1]
        self.m = self.family.n_anc
        self.n_phi = self.structure.n_est
        self.k = self.p + self.m + self.n_phi
        self.method = spec.method
        self.Q = spec.points
        levels = self.structure.levels
        if self.method != "laplace":
            nodes = 1.0
            for lv in levels:
                nodes *= float(self.Q) ** lv.q
            if nodes > MAX_NODES:
                raise StataError(
                    f"intmethod({self.method}) with {self.Q} points per random effect needs "
                    f"{nodes:.3g} integration points per top-level group; use intmethod(laplace) "
                    "or fewer intpoints()", 909)
            # nested quadrature runs in blocks of top-level groups (nested_blocks), so what it
            # must hold at once is the largest top-level group's rows x node combinations
            largest = int(np.bincount(levels[0].group).max()) if len(levels) > 1 and len(r) else 0
            work = float(largest) * nodes
            if len(levels) > 1 and work > MAX_NESTED_WORK:
                raise StataError(
                    f"op. sys. refuses to provide memory: intmethod({self.method}) with {self.Q} points per "
                    f"random effect evaluates {work:.3g} (observation, integration point) pairs at once; "
                    "use intmethod(laplace) or fewer intpoints()", 909)
        if not levels:  # no random-effects equation: the single-level GLM likelihood
            self.engine = _NoLevels(self.family, self.X, self.offset)
        elif len(levels) == 1:
            from .single_level import SingleLevelModel
            lv = levels[0]
            self.engine = SingleLevelModel(self.family, self.X, self.offset, self.w_obs, lv.group, lv.G,
                                           lv.Z, lv.weight)
        else:
            from .nested import NestedModel
            self.engine = NestedModel(self.family, self.X, self.offset, self.w_obs, self.structure)

    # ---- parameter vector ------------------------------------------------------
    def split(self, theta: np.ndarray):
        p, m = self.p, self.m
        return theta[:p], theta[p:p + m], theta[p + m:]

    def sigmas(self, phi: np.ndarray) -> list[np.ndarray]:
        return self.structure.sigmas(phi)

    def group_logliks(self, theta: np.ndarray) -> np.ndarray:
        """Unweighted ln L_g of the top-level groups."""
        beta, anc, phi = self.split(np.asarray(theta, float))
        S = self.sigmas(phi)
        if len(S) == 1:
            L = self.structure.levels[0].chol(phi) if self.engine.whitens(self.method) else None
            return self.engine.group_logliks(beta, anc, S[0], self.method, self.Q, L=L)
        return self.engine.group_logliks(beta, anc, S, self.method, self.Q)

    def top_weights(self) -> np.ndarray | None:
        if not self.structure.levels:  # each observation is its own top-level unit
            return self.w_obs
        return self.structure.levels[0].weight

    def loglik(self, theta: np.ndarray) -> float:
        try:
            with np.errstate(all="ignore"):
                lj = self.group_logliks(theta)
        except (np.linalg.LinAlgError, FloatingPointError, ValueError):
            return -np.inf
        W = self.top_weights()
        v = float(np.sum(lj if W is None else W * lj))
        return v if np.isfinite(v) else -np.inf


class _NoLevels:
    """The likelihood of an me model without random-effects equations: one term per
    observation (Stata's me commands then fit the plain GLM)."""

    def __init__(self, family, X, offset):
        self.family, self.X, self.offset = family, X, offset

    def whitens(self, method) -> bool:
        return False

    def group_logliks(self, beta, anc, S, method, Q):
        return self.family.logf(self.X @ beta + self.offset, anc)


def _subset_term(t, rows):
    import dataclasses
    _, codes = np.unique(np.asarray(t.group)[rows], return_inverse=True)
    kw = {"group": codes.ravel().astype(np.int64), "n_groups": int(codes.max()) + 1 if len(codes) else 0,
          "Z": np.asarray(t.Z).reshape(len(t.group), -1)[rows]}
    for k in ("fweight", "pweight"):
        w = getattr(t, k, None)
        if w is not None:
            kw[k] = np.asarray(w)[rows]
    for k in ("level_group", "factor_codes"):  # a level: R.x term's codes, renumbered on the rows
        c = getattr(t, k, None)
        if c is not None:
            kw[k] = np.unique(np.asarray(c)[rows], return_inverse=True)[1].ravel().astype(np.int64)
    return dataclasses.replace(t, **kw)
