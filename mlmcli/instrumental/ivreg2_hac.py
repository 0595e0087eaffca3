"""ivreg2's kernel-based covariances (bw(), kernel()): with bandwidth bw and x = j/bw,

    Bartlett 1 - x, Parzen 1 - 6x^2 + 6x^3 (x <= 1/2) or 2(1 - x)^3, Truncated 1, Tukey-Hanning
    (1 + cos(pi x))/2, Tukey-Hamming 0.54 + 0.46 cos(pi x) (all zero past x = 1); Quadratic
    Spectral 25/(12 pi^2 x^2) (sin(6 pi x/5)/(6 pi x/5) - cos(6 pi x/5)), Daniell sin(pi x)/(pi x)
    and Tent 2(1 - cos x)/x^2 at every lag.

HAC (robust): Omega = G_0 + sum_j k(j/bw) (G_j + G_j'), G_j = sum_t s_t s_{t-j}', s_t = u_t m_t;
AC (no robust): Omega = sum_j k(j/bw) sigma_j (Q_j + Q_j') (j = 0 once), sigma_j = sum_t u_t u_{t-j}/N,
Q_j = sum_t m_t m_{t-j}'.  Lags pair rows whose times differ by j periods within a panel (gaps
leave a row unpaired).  Checked against ivreg2's Stata output for each kernel (docs/ivreg2.md).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError

KERNELS = {"bartlett": "Bartlett", "parzen": "Parzen", "truncated": "Truncated", "tukey-hanning": "Tukey-Hanning",
           "tukey-hamming": "Tukey-Hamming", "quadratic spectral": "Quadratic Spectral", "daniell": "Daniell",
           "tent": "Tent"}
_ABBREV = (("bar", "Bartlett"), ("par", "Parzen"), ("tru", "Truncated"), ("thann", "Tukey-Hanning"),
           ("thamm", "Tukey-Hamming"), ("qs", "Quadratic Spectral"), ("qua", "Quadratic Spectral"),
           ("dan", "Daniell"), ("ten", "Tent"))
UNBOUNDED = ("Quadratic Spectral", "Daniell", "Tent")


@dataclass(frozen=True)
class Kernel:
    name: str  # ivreg2's e(kernel)
    bw: float
    time: np.ndarray  # integer periods of the estimation rows
    panel: np.ndarray | None = None  # panel codes (None: one series)
    robust: bool = True  # HAC; False: AC (autocorrelation only)

    def weight(self, j: int) -> float:
        x = j / self.bw
        if self.name == "Bartlett":
            return max(0.0, 1 - x)
        if self.name == "Parzen":
            return 1 - 6 * x ** 2 + 6 * x ** 3 if x <= 0.5 else (2 * (1 - x) ** 3 if x <= 1 else 0.0)
        if self.name in ("Truncated", "Tukey-Hanning", "Tukey-Hamming"):
            if x > 1:
                return 0.0
            return {"Truncated": 1.0, "Tukey-Hanning": (1 + np.cos(np.pi * x)) / 2,
                    "Tukey-Hamming": 0.54 + 0.46 * np.cos(np.pi * x)}[self.name]
        if self.name == "Quadratic Spectral":
            z = 6 * np.pi * x / 5
            return 25 / (12 * np.pi ** 2 * x ** 2) * (np.sin(z) / z - np.cos(z))
        if self.name == "Daniell":
            return float(np.sin(np.pi * x) / (np.pi * x))
        return float(2 * (1 - np.cos(x)) / x ** 2)  # Tent

    def lag_pairs(self):
        """(j, weight, rows t, rows t-j) for each lag with a nonzero weight."""
        panel = self.panel if self.panel is not None else np.zeros(len(self.time), np.int64)
        span = int(self.time.max() - self.time.min()) + 1 if len(self.time) else 1
        key = panel.astype(np.int64) * (span + 1) + (self.time - self.time.min()).astype(np.int64)
        order = np.argsort(key)
        sorted_key = key[order]
        last = span - 1 if self.name in UNBOUNDED else min(span - 1, int(np.floor(self.bw)))
        for j in range(1, last + 1):
            w = self.weight(j)
            if w == 0:
                continue
            pos = np.searchsorted(sorted_key, key - j)
            pos = np.minimum(pos, len(sorted_key) - 1)
            hit = (sorted_key[pos] == key - j) & ((self.time - j) >= self.time.min())
            if hit.any():
                yield j, w, np.flatnonzero(hit), order[pos[hit]]


def parse_kernel(text: str | None) -> str:
    word = (text or "bartlett").strip().lower()
    if word in KERNELS:
        return KERNELS[word]
    for prefix, name in _ABBREV:
        if word.startswith(prefix):
            return name
    raise StataError(f"invalid kernel {text}", 198)


def long_run_meat(kernel: Kernel, M: np.ndarray, u: np.ndarray, w: np.ndarray, robust: bool, N: float) -> np.ndarray:
    """Omega over M's columns (not scaled by 1/N)."""
    if robust:
        s = M * (w * u)[:, None]
        out = s.T @ s
        for _j, k, a, b in kernel.lag_pairs():
            G = s[a].T @ s[b]
            out += k * (G + G.T)
        return out
    Mw = M * np.sqrt(w)[:, None]
    out = float(np.sum(w * u * u)) / N * (Mw.T @ Mw)
    for _j, k, a, b in kernel.lag_pairs():
        sigma = float(np.sum(u[a] * u[b] * w[a])) / N
        G = M[a].T @ (M[b] * w[a][:, None])
        out += k * sigma * (G + G.T)
    return out
