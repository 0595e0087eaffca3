"""SPost13's ``fitstat`` measures of a binary-outcome model (fitstat.ado 4.1.10, Long and
Freese; [R]-style formulas in the ado's comments).

Over the estimation sample (frequency weights ``w``), with ``ll``/``ll_0`` the model's and the
intercept-only log likelihoods, ``k`` = e(rank) parameters, ``N`` observations:

- deviance ``-2 ll`` on ``N - k`` df; the model test e(chi2) (LR or Wald as e(chi2type) says)
  on e(df_m) df with e(p);
- McFadden ``1 - ll/ll_0``, adjusted ``1 - (ll - k)/ll_0``; Cox-Snell/ML
  ``1 - exp(2 (ll_0 - ll)/N)``; Cragg-Uhler ``ML / (1 - exp(2 ll_0 / N))``;
- Efron ``1 - sum (y - p)^2 / sum (y - ybar)^2``; Tjur's D the difference of the mean p among
  y != 0 and y == 0; count R2 the share with ``(p > .5) == y`` and its adjustment by the modal
  share ``(count - m)/(1 - m)``;
- AIC, BIC (estat ic's, df = k), ``AIC/N``, BIC on the deviance ``-2 ll - (N - k) ln N`` and
  BIC' ``-2 (ll - ll_0) + df_m ln N``;
- Var(xb) the sample variance (N - 1) of the linear prediction, Var(e) pi^2/3 after logit
  (the ado's test of ``logistic`` has a typo, so logistic has none) and 1 after probit,
  Var(y*) their sum, McKelvey & Zavoina ``Var(xb)/Var(y*)``.

A measure the model does not have is NaN (left out of the table, not returned).
"""
from __future__ import annotations

import math

import numpy as np

# fitstat.ado's returned names, in the order it returns them
RETURN_ORDER = ("N", "Nparm", "ll", "ll_0", "dev", "lrx2", "waldx2", "x2p", "aic", "aicbyn", "bic", "bic_dev",
                "bic_p", "r2", "r2_adj", "r2_mf", "r2_mfadj", "r2_mz", "r2_ml", "r2_cu", "r2_ef", "tjur", "r2_ct",
                "r2_ctadj", "Verr", "Vystar", "dev_df", "x2_df", "bic_k")


def binary_fit_measures(cmd: str, y, p, xb, w, scalars: dict, chi2type: str) -> dict[str, float]:
    """The measures of a logit/logistic/probit fit; ``y`` the outcome, ``p`` Pr(y != 0), ``xb``
    the linear prediction and ``w`` frequency weights on the estimation sample."""
    y = (np.asarray(y, float) != 0).astype(float)
    p, xb, w = (np.asarray(a, float) for a in (p, xb, w))
    nan = float("nan")
    n = float(scalars.get("N", w.sum()))
    k = float(scalars.get("rank", nan))
    ll, ll0 = float(scalars.get("ll", nan)), float(scalars.get("ll_0", nan))
    df_m = float(scalars.get("df_m", nan))
    out = {name: nan for name in RETURN_ORDER}
    out.update(N=n, Nparm=k, ll=ll, ll_0=ll0, dev=-2 * ll, dev_df=n - k, x2_df=df_m, bic_k=k)
    chi2 = float(scalars.get("chi2", nan))
    if chi2type == "LR":
        out["lrx2"] = chi2
    elif chi2type == "Wald":
        out["waldx2"] = chi2
    if chi2type in ("LR", "Wald"):
        out["x2p"] = float(scalars.get("p", nan))
    out["r2_mf"] = 1 - ll / ll0
    out["r2_mfadj"] = 1 - (ll - k) / ll0
    out["r2_ml"] = 1 - math.exp(2 * (ll0 - ll) / n)
    out["r2_cu"] = out["r2_ml"] / (1 - math.exp(2 * ll0 / n))
    out["aic"] = -2 * ll + 2 * k
    out["bic"] = -2 * ll + k * math.log(n)
    out["aicbyn"] = out["aic"] / n
    out["bic_dev"] = -2 * ll - (n - k) * math.log(n)
    out["bic_p"] = -2 * (ll - ll0) + df_m * math.log(n)
    wsum = w.sum()
    ones, zeros = y == 1, y == 0
    out["tjur"] = abs(np.sum(w[ones] * p[ones]) / w[ones].sum() - np.sum(w[zeros] * p[zeros]) / w[zeros].sum())
    ybar = np.sum(w * y) / wsum
    out["r2_ef"] = 1 - np.sum(w * (y - p) ** 2) / np.sum(w * (y - ybar) ** 2)
    correct = ((p > 0.5).astype(float) == y).astype(float)
    out["r2_ct"] = float(np.sum(w * correct) / wsum)
    baseline = ybar if ybar >= 0.5 else 1 - ybar
    out["r2_ctadj"] = (out["r2_ct"] - baseline) / (1 - baseline)
    verr = {"logit": math.pi ** 2 / 3, "probit": 1.0}.get(cmd, nan)
    mean_xb = np.sum(w * xb) / wsum
    vxb = float(np.sum(w * (xb - mean_xb) ** 2) / (wsum - 1))
    out["Verr"] = verr
    out["Vystar"] = vxb + verr
    out["r2_mz"] = vxb / out["Vystar"]
    return out
