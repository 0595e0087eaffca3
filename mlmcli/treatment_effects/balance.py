"""tebalance summarize's numbers (_tebalance_summarize.ado, _tebalance_weights.ado): per
covariate the control and treated means and variances, raw (fweighted) and weighted by the
treatment model's inverse-probability weights (1/p_t(x) of the level received; atet:
p_treated(x)/p_t(x)), normalized to mean 1 over the sample and multiplied by the fweights, as
summarize's iweights use them (variance denominator sum(w) - 1)."""
from __future__ import annotations

import numpy as np


def balance_weights(probs: np.ndarray, codes: np.ndarray, treated: int, atet: bool, fw: np.ndarray) -> np.ndarray:
    own = probs[np.arange(len(codes)), codes]
    w = (probs[:, treated] if atet else 1.0) / own
    w = w / (np.sum(fw * w) / np.sum(fw))
    return w * fw


def _moments(x: np.ndarray, w: np.ndarray) -> tuple[float, float, float]:
    """(mean, variance, sum of weights) as summarize [iw|fw] gives them."""
    sw = float(w.sum())
    m = float(np.sum(w * x) / sw)
    return m, float(np.sum(w * (x - m) ** 2) / (sw - 1)), sw


def balance_table(X: np.ndarray, codes: np.ndarray, treated: int, fw: np.ndarray, ipw: np.ndarray,
                  baseline: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """(k x 4 table, 3 x 2 sizes): std_diff Raw/Weighted and ratio Raw/Weighted (baseline: means
    and variances of control and treated); sizes: N, treated and control, raw and weighted."""
    c0, c1 = codes == 0, codes == treated
    rows = []
    sizes = np.zeros((3, 2))
    for j in range(X.shape[1]):
        x = X[:, j]
        m0, v0, n0 = _moments(x[c0], fw[c0])
        m1, v1, n1 = _moments(x[c1], fw[c1])
        m0x, v0x, n0x = _moments(x[c0], ipw[c0])
        m1x, v1x, n1x = _moments(x[c1], ipw[c1])
        sizes[:] = [[n0 + n1, n0x + n1x], [n1, n1x], [n0, n0x]]
        if baseline:
            rows.append([m0, m1, v0, v1])
        else:
            rows.append([(m1 - m0) / np.sqrt((v1 + v0) / 2), (m1x - m0x) / np.sqrt((v1x + v0x) / 2),
                         v1 / v0, v1x / v0x])
    return np.array(rows).reshape(-1, 4), sizes
