"""``contrast ..., small`` and ``pwcompare ..., small`` after ``mixed, dfmethod()``.

A contrast of the marginal linear predictions, c'm with m = J b (J the margins' Jacobian),
is the linear combination L = c'J of the fixed effects.  Its t test uses the dfmethod()'s
DF for L alone, and a joint test of q independent rows the method's F test on (q, ddf)
-- the numbers ``lincom, small`` and ``test, small`` give for the same L
(``mlmcli.mixed.small_sample``): Kenward-Roger with the adjusted V(b) (the SEs too) and
its scaled F, Satterthwaite with Fai-Cornelius' ddf, residual/repeated/anova with the
smallest DF of the coefficients L involves.
"""
from __future__ import annotations

import numpy as np

from mlmcli import distributions as stats
from mlmcli.errors import StataError
from mlmcli.margins.inference import Estimates, WaldResult

NAN = float("nan")


def refuse_small(opts: dict) -> None:
    """Options Stata refuses together with ``small``."""
    if opts.get("df") is not None:
        raise StataError("options df() and small may not be combined", 198)


class SmallContrasts:
    """The dfmethod() inference of the last ``mixed`` for contrasts of margins with Jacobian J."""

    def __init__(self, e, J: np.ndarray):
        from mlmcli.commands.postestimation.hypotheses import small_inference
        from mlmcli.syntax.coefnames import is_base_or_omitted

        self.inf = small_inference(e)
        k_f = int(e.scalars.get("k_f", 0))
        names = e.matrices["b"].colnames
        J = np.asarray(J, float)
        if np.any(J[:, k_f:] != 0):
            raise StataError("option small may be used only with tests of the fixed effects", 198)
        self.est = np.array([j for j in range(k_f) if not is_base_or_omitted(names[j])], int)
        self.J = J
        V = np.zeros((J.shape[1], J.shape[1]))
        V[np.ix_(self.est, self.est)] = self.inf.V  # Kenward-Roger: the adjusted V(b)
        self.V = V

    def margins_V(self) -> np.ndarray:
        """V(m) = J V(b) J' with the method's V(b)."""
        return self.J @ self.V @ self.J.T

    def _coefficients(self, Lm: np.ndarray) -> np.ndarray:
        return (np.atleast_2d(np.asarray(Lm, float)) @ self.J)[:, self.est]

    def _independent(self, A: np.ndarray) -> np.ndarray:
        """The rows of A that add to its rank, in order (as ``test`` drops dependent constraints)."""
        tol = 1e-9 * max(1.0, float(np.max(np.abs(A), initial=0.0)))
        keep: list[int] = []
        for r in range(A.shape[0]):
            if np.linalg.matrix_rank(A[keep + [r]], tol=tol) == len(keep) + 1:
                keep.append(r)
        return A[keep]

    def row_df(self, Lm: np.ndarray) -> np.ndarray:
        """The DF of each contrast alone (missing for one the model cannot move)."""
        A = self._coefficients(Lm)
        out = np.full(A.shape[0], NAN)
        for r in range(A.shape[0]):
            if len(self._independent(A[r:r + 1])):
                with np.errstate(all="ignore"):
                    out[r] = float(self.inf.test(A[r:r + 1]).df2)
        return out

    def wald(self, Lm: np.ndarray) -> WaldResult:
        """F test of the rows of Lm jointly: WaldResult(F, q, p, ddf)."""
        A = self._independent(self._coefficients(Lm))
        if not len(A):
            return WaldResult(NAN, 0, NAN, None)
        with np.errstate(all="ignore"):
            ft = self.inf.test(A)
        return WaldResult(float(ft.F), int(ft.df1), float(ft.p), float(ft.df2))


def row_estimates(b: np.ndarray, V: np.ndarray, df: np.ndarray, level: float) -> Estimates:
    """t tests and intervals with each row's own DF (``Estimates.df_r``: the DF vector)."""
    b = np.asarray(b, float)
    se = np.sqrt(np.clip(np.diag(V), 0, None)) if len(b) else np.zeros(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = np.where(se > 0, b / se, np.nan)
        p = 2 * stats.t.sf(np.abs(stat), df)
        q = stats.t.ppf(0.5 + level / 200.0, df)
    return Estimates(b, V, se, stat, p, b - q * se, b + q * se, np.asarray(df, float), level)
