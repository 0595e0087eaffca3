"""ivreg2's first-stage summary (``ffirst``) and weak-instrument-robust tests, from the endogenous
regressors Y, the excluded instruments Z1 and y partialled on the included exogenous X2 (tilde):

- per endogenous y_j: partial R2 = 1 - RSS(y_j on Z1)/y_j'y_j; F of Z1 in that regression
  (homoskedastic: the classical F on L1 and N-L-dofminus df; robust/cluster: the Wald statistic W
  of the sandwich, F = W/L1 (N-L-dofminus)/(N-dofminus), cluster: W/L1 (N-L)/(N-1) (M-1)/M on
  M-1 df); Shea's partial R2 = [(Y'Y)^-1]_jj / [(Yh'Yh)^-1]_jj, Yh = Pz Y.
- Sanderson-Windmeijer: e_j = y_j - Y_-j d, d the 2SLS coefficients of y_j on the other
  endogenous regressors; SW chi2 = W (or e'Pz e/(e'Mz e/(N-dofminus)) homoskedastic) of Z1 in e_j's
  regression on Z1, on L1-K1+1 df; SW F = chi2/df scaled as F above.
- Anderson-Rubin: the same Wald statistic for y on Z1 (chi2 on L1 df, F scaled as above);
  Stock-Wright S: g'S^-1 g, g = Z'r over all instruments, r the residuals of y on X2, S from r
  (homoskedastic: r'Pz r/(r'r/(N-dofminus))).
"""
from __future__ import annotations

import numpy as np

from mlmcli import distributions as stats
from mlmcli.instrumental.estimators import IVData, cross
from mlmcli.instrumental.ivreg2_stats import moment_meat, partialled


def _ls(d: IVData, A, b):
    sw = np.sqrt(d.w)[:, None]
    return np.linalg.lstsq(A * sw, (b[:, None] if b.ndim == 1 else b) * sw, rcond=None)[0]


class _Tests:
    """Wald tests of Z1 in least-squares fits on the partialled data, on ivreg2's scales."""

    def __init__(self, d: IVData, Zt, vce: str, n_clust: int, dofminus: int, sdofminus: int = 0):
        self.d, self.Zt, self.vce, self.M, self.dofminus = d, Zt, vce, n_clust, dofminus
        N, L = d.N, d.Z.shape[1] + sdofminus  # partial(): the partialled-out columns count in L
        self.df_r = float(n_clust - 1) if vce == "cluster" else float(N - L - dofminus)
        if vce == "cluster":
            self.f_scale = (N - L) / (N - 1) * (n_clust - 1) / n_clust
        else:
            self.f_scale = (N - L - dofminus) / (N - dofminus)
        self.ZZi = np.linalg.inv(cross(Zt, d.w, Zt))

    def chi2(self, v: np.ndarray) -> float:
        """The Wald statistic of Z1's coefficients in v's regression on Z1."""
        d, Zt = self.d, self.Zt
        c = self.ZZi @ cross(Zt, d.w, v[:, None])[:, 0]
        r = v - Zt @ c
        if self.vce == "unadjusted":
            rss = float(np.sum(d.w * r * r))
            return float(c @ cross(Zt, d.w, Zt) @ c) / (rss / (d.N - self.dofminus))
        meat = moment_meat(d, Zt, r) * (1.0 if self.vce == "cluster" else d.N / (d.N - self.dofminus))
        V = self.ZZi @ meat @ self.ZZi
        try:
            return float(c @ np.linalg.solve(V, c))
        except np.linalg.LinAlgError:  # fewer clusters than instruments
            return float("nan")

    def F(self, chi2: float, df: int) -> tuple[float, float]:
        F = chi2 / df * self.f_scale
        return F, float(stats.f.sf(F, df, self.df_r))


def first_stage_summary(d: IVData, vce: str, n_clust: int = 0, dofminus: int = 0, sdofminus: int = 0) -> dict:
    """{'rows': per endogenous variable dicts, plus the AR/SW statistics}."""
    N = d.N
    K1, L1 = d.Y.shape[1], d.Z1.shape[1]
    Yt, Zt = partialled(d)
    tests = _Tests(d, Zt, vce, n_clust, dofminus, sdofminus)
    P = lambda A: Zt @ _ls(d, Zt, A)  # noqa: E731
    Yh = P(Yt)
    shea = np.diag(np.linalg.inv(cross(Yt, d.w, Yt))) / np.diag(np.linalg.inv(cross(Yh, d.w, Yh)))
    rows = []
    sw_df = L1 - K1 + 1
    for j in range(K1):
        yj = Yt[:, j]
        r = yj - Yh[:, j]
        pr2 = 1 - float(np.sum(d.w * r * r)) / float(np.sum(d.w * yj * yj))
        F, p = tests.F(tests.chi2(yj), L1)
        others = [k for k in range(K1) if k != j]
        if others:
            O, Oh = Yt[:, others], Yh[:, others]
            delta = np.linalg.solve(cross(Oh, d.w, O), cross(Oh, d.w, yj[:, None]))[:, 0]
            e = yj - O @ delta
        else:
            e = yj
        sw = tests.chi2(e)
        swF, swp = tests.F(sw, sw_df)
        rows.append({"sheapr2": float(shea[j]), "pr2": pr2, "F": F, "df": float(L1), "df_r": tests.df_r, "pvalue": p,
                     "SWF": swF, "SWFdf1": float(sw_df), "SWFdf2": tests.df_r, "SWFp": swp, "SWchi2": sw,
                     "SWchi2p": float(stats.chi2.sf(sw, sw_df))})
    yt = _partialled_y(d)
    ar = tests.chi2(yt)
    arf, arfp = tests.F(ar, L1)
    out = {"rows": rows, "arf": arf, "arfp": arfp, "archi2": ar, "archi2p": float(stats.chi2.sf(ar, L1)),
           "ardf": float(L1), "ardf_r": tests.df_r}
    s = _stock_wright(d, yt, vce, dofminus)
    out.update(sstat=s, sstatdf=float(L1), sstatp=float(stats.chi2.sf(s, L1)))
    return out


def _partialled_y(d: IVData) -> np.ndarray:
    X2 = d.X1
    return d.y - (X2 @ _ls(d, X2, d.y)[:, 0] if X2.shape[1] else 0.0)


def _stock_wright(d: IVData, r: np.ndarray, vce: str, dofminus: int) -> float:
    Z = d.Z
    g = cross(Z, d.w, r[:, None])[:, 0]
    if vce == "unadjusted":
        return float(g @ np.linalg.solve(cross(Z, d.w, Z), g)) / (float(np.sum(d.w * r * r)) / (d.N - dofminus))
    S = moment_meat(d, Z, r) * (1.0 if vce == "cluster" else d.N / (d.N - dofminus))
    return float(g @ np.linalg.pinv(S) @ g)


def first_stage_regressions(d: IVData, vce: str, n_clust: int = 0, dofminus: int = 0,
                            sdofminus: int = 0) -> list[tuple]:
    """``first``: (b, V, rmse, df_r) of each endogenous regressor on [Z1, X2] (ivreg2's order: excluded,
    then included instruments, the constant last), V with ivreg2's small-sample factor
    ((N-dofminus)/(N-L-dofminus); cluster: (N-1)/(N-L) M/(M-1)); t on N-L-dofminus df."""
    Z = np.column_stack([d.Z1, d.X1])
    N, L = d.N, Z.shape[1] + sdofminus
    ZZi = np.linalg.inv(cross(Z, d.w, Z))
    out = []
    for j in range(d.Y.shape[1]):
        yj = d.Y[:, j]
        b = ZZi @ cross(Z, d.w, yj[:, None])[:, 0]
        r = yj - Z @ b
        rss = float(np.sum(d.w * r * r))
        if vce == "unadjusted":
            V = rss / (N - L - dofminus) * ZZi
        else:
            meat = moment_meat(d, Z, r)
            V = ZZi @ meat @ ZZi * ((N - 1) / (N - L) * n_clust / (n_clust - 1) if vce == "cluster"
                                    else N / (N - L - dofminus))
        out.append((b, 0.5 * (V + V.T), float(np.sqrt(rss / (N - L - dofminus))), float(N - L - dofminus)))
    return out
