"""An ``xtmlogit`` fit as the multinomial fits are read (``glm.multinomial.MultinomialFit``):
``theta``/``V`` the outcome equations' coefficients (so e(b)'s outcome equations, predict's
xb/stdp and margins' equations are mlogit's), plus -- random effects -- the covariance
parameters ``gamma`` (e(b)'s ``/:var(u#)`` ... columns) and their joint variance ``V_full``.

Probabilities: ``pu0`` (and everything after ``fe``) softmax(x b) -- the panel effects at zero;
``pr`` after ``re`` the marginal probabilities int softmax(x b + u) phi(u; Sigma) du by the
fit's Gauss-Hermite rule (``multinomial_random_effects.marginal_probabilities``), memoized per
(index, Sigma): margins and mfx evaluate every outcome (and each covariate's shifts) at the
same indexes, one outcome at a time, and only a column of the n x K answer differs."""
from __future__ import annotations

import hashlib

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
from scipy import special

from ..errors import StataError
from ..glm.multinomial import MultinomialFit
from ..results.matrix import Matrix


_MEMO_BYTES = 64 * 2**20  # marginal probabilities kept per fit


@dataclass
class PanelMultinomialFit(MultinomialFit):
    kind: str = "re"  # re | fe
    cov: object = None  # multinomial_random_effects.CovarianceStructure (re)
    gamma: np.ndarray | None = None
    V_full: np.ndarray | None = None  # over (theta, gamma)
    rule: tuple | None = None  # (Z, log w): the quadrature for pr
    intmethod: str | None = None
    intpoints: int | None = None

    def variance_names(self) -> list[str]:
        return [f"/:{label}" for label in self.cov.labels] if self.kind == "re" else []

    def e_matrices(self) -> tuple[Matrix, Matrix]:
        b, V = super().e_matrices()
        if self.kind != "re":
            return b, V
        names = tuple(b.colnames) + tuple(self.variance_names())
        k0, m = b.values.shape[1], len(self.gamma)
        idx = list(self.positions()) + list(range(k0, k0 + m))
        bv = np.concatenate([b.values[0], self.gamma])
        Vv = np.zeros((k0 + m, k0 + m))
        Vv[np.ix_(idx, idx)] = self.V_full
        return Matrix(bv[None, :], ("y1",), names), Matrix(Vv, names, names)

    def sigma(self, gamma=None) -> np.ndarray:
        return self.cov.sigma(self.gamma if gamma is None else gamma)

    def statistics(self) -> tuple[str, ...]:
        return ("pr", "pu0", "xb", "stdp") if self.kind == "re" else ("pu0", "xb", "stdp")

    def index_at(self, X: np.ndarray) -> np.ndarray:
        return np.column_stack([X @ self.equation_coefficients(k)[0] for k in range(self.spec.K)])

    def probabilities_of(self, index: np.ndarray, statistic: str, gamma=None) -> np.ndarray:
        """n x K probabilities at the outcomes' indexes (the base's 0)."""
        if statistic == "pr" and self.kind == "re":
            return self._memoized_pr(np.ascontiguousarray(index, float), self.sigma(gamma))
        with np.errstate(invalid="ignore"):
            return np.exp(index - special.logsumexp(index, axis=1)[:, None])

    def _memoized_pr(self, index: np.ndarray, Sigma: np.ndarray) -> np.ndarray:
        """marginal_probabilities(index, Sigma) through the memo (oldest entries dropped past
        _MEMO_BYTES); a copy, so callers may write into what they get.  The key leaves out
        ``rule``: a fit's quadrature is fixed once it is made."""
        from .multinomial_random_effects import marginal_probabilities

        key = hashlib.blake2b(repr(index.shape).encode() + index.tobytes()
                              + np.ascontiguousarray(Sigma, float).tobytes(), digest_size=20).digest()
        memo = self.__dict__.setdefault("_pr_memo", OrderedDict())  # not a field: out of eq and fields()
        if key in memo:
            memo.move_to_end(key)
            return memo[key].copy()
        P = marginal_probabilities(index, Sigma, self.spec.base, *self.rule)
        memo[key] = P.copy()
        while sum(v.nbytes for v in memo.values()) > _MEMO_BYTES and len(memo) > 1:
            memo.popitem(last=False)
        return P

    def probabilities_at(self, X: np.ndarray, statistic: str = "pr") -> np.ndarray:
        if self.kind == "fe":
            statistic = "pu0"
        return self.probabilities_of(self.index_at(X), statistic)

    def predict(self, statistic: str, rows, *, outcome: int | None = None) -> np.ndarray:
        if statistic not in self.statistics():
            raise StataError(f"option {statistic} not allowed", 198)
        if statistic in ("xb", "stdp"):
            return super().predict(statistic, rows, outcome=outcome)
        k = 0 if outcome is None else outcome
        X = rows.fixed_design()
        out = np.full(X.shape[0], np.nan)
        ok = np.isfinite(X).all(axis=1)
        if ok.any():
            out[ok] = self.probabilities_at(X[ok], statistic)[:, k]
        return out

    def lr_test(self) -> tuple[float, int, float] | None:
        """re: the LR test against mlogit (ll_0 holds the comparison model's log likelihood):
        (chi2, df, p) with p halved for one variance (chibar2(01)); None after a sandwich VCE."""
        from ..distributions import chi2 as chi2_dist

        if self.kind != "re" or self.robust or not np.isfinite(self.ll_0):
            return None
        stat = max(2 * (self.loglik - self.ll_0), 0.0)
        df = len(self.gamma)
        p = float(chi2_dist.sf(stat, df))
        return stat, df, 0.5 * p if df == 1 else p
