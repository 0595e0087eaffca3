"""The Mantel-Haenszel common-effect estimates of binary data ([META] meta summarize, Methods and
formulas): the pooled odds ratio with the Robins-Greenland-Breslow variance, the risk ratio with
Greenland and Robins's and the risk difference with Sato's; the study weights are the MH weights
(b c/N, c n1/N, n1 n2/N).  Computed from the cells as given (zero cells need no correction)."""
from __future__ import annotations

import numpy as np


def mantel_haenszel(kind: str, a, b, c, d) -> tuple[float, float, np.ndarray]:
    """(theta on the log scale for lnoratio/lnrratio, its standard error, weights summing to 1)."""
    a, b, c, d = (np.asarray(x, float) for x in (a, b, c, d))
    n1, n2 = a + b, c + d
    N = n1 + n2
    if kind == "lnoratio":
        R, S = a * d / N, b * c / N
        P, Q = (a + d) / N, (b + c) / N
        sR, sS = R.sum(), S.sum()
        var = (np.sum(P * R) / (2 * sR ** 2) + np.sum(P * S + Q * R) / (2 * sR * sS)
               + np.sum(Q * S) / (2 * sS ** 2))
        return float(np.log(sR / sS)), float(np.sqrt(var)), S / sS
    if kind == "lnrratio":
        R, S = a * n2 / N, c * n1 / N
        sR, sS = R.sum(), S.sum()
        var = np.sum(n1 * n2 * (a + c) / N ** 2 - a * c / N) / (sR * sS)
        return float(np.log(sR / sS)), float(np.sqrt(var)), S / sS
    if kind == "rdiff":
        W = n1 * n2 / N
        theta = float(np.sum((a * n2 - c * n1) / N) / W.sum())
        P = (n1 ** 2 * c - n2 ** 2 * a + n1 * n2 * (n2 - n1) / 2) / N ** 2
        Q = (a * (n2 - c) + c * (n1 - a)) / (2 * N)
        var = (theta * P.sum() + Q.sum()) / W.sum() ** 2
        return theta, float(np.sqrt(var)), W / W.sum()
    raise ValueError(kind)
