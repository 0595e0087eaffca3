"""The bivariate standard normal distribution function Phi2(h, k; r) and its derivatives in
(h, k, r): the numbers behind heckprob's likelihood.

Phi2 is Genz's BVNU (Drezner and Wesolowsky's method: Gauss-Legendre quadrature of Plackett's
integral in arcsin(r) for |r| < 0.925, the expansion around |r| = 1 beyond), about 1e-15
accurate.  Derivatives are analytic: dPhi2/dh = phi(h) Phi((k - r h)/s), dPhi2/dr = phi2(h, k; r)
(s = sqrt(1 - r^2)), and their derivatives again.
"""
from __future__ import annotations

import numpy as np
from scipy import special

_RULES = {}


def _rule(n: int):
    """The negative half of the n-point Gauss-Legendre rule: (nodes, weights)."""
    if n not in _RULES:
        x, w = np.polynomial.legendre.leggauss(n)
        _RULES[n] = (x[: n // 2], w[: n // 2])
    return _RULES[n]


def _upper(dh, dk, r):
    """Pr(X > dh, Y > dk) for one correlation r (arrays dh, dk)."""
    n = 6 if abs(r) < 0.3 else (12 if abs(r) < 0.75 else 20)
    x, w = _rule(n)
    h, k = dh, dk
    hk = h * k
    if abs(r) < 0.925:
        hs = (h * h + k * k) / 2
        asr = np.arcsin(r)
        total = np.zeros_like(h)
        for xi, wi in zip(x, w):
            for sign in (-1.0, 1.0):
                sn = np.sin(asr * (1 + sign * xi) / 2)
                total += wi * np.exp((sn * hk - hs) / (1 - sn * sn))
        return total * asr / (4 * np.pi) + special.ndtr(-h) * special.ndtr(-k)
    if r < 0:
        k, hk = -k, -hk
    total = np.zeros_like(h)
    if abs(r) < 1:
        as_ = (1 - r) * (1 + r)
        a = np.sqrt(as_)
        bs = (h - k) ** 2
        c = (4 - hk) / 8
        d = (12 - hk) / 16
        total = a * np.exp(-(bs / as_ + hk) / 2) * (1 - c * (bs - as_) * (1 - d * bs / 5) / 3 + c * d * as_ * as_ / 5)
        b = np.sqrt(bs)
        tail = np.exp(-hk / 2) * np.sqrt(2 * np.pi) * special.ndtr(-b / a) * b * (1 - c * bs * (1 - d * bs / 5) / 3)
        total = np.where(hk > -160, total - tail, total)
        a = a / 2
        for xi, wi in zip(x, w):
            for sign in (-1.0, 1.0):
                xs = (a * (sign * xi + 1)) ** 2
                rs = np.sqrt(1 - xs)
                with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
                    term = np.exp(-bs / (2 * xs) - hk / (1 + rs)) / rs - np.exp(-(bs / xs + hk) / 2) * (1 + c * xs * (1 + d * xs))
                total += a * wi * np.where(np.isfinite(term), term, 0.0)
        total = -total / (2 * np.pi)
    if r > 0:
        return total + special.ndtr(-np.maximum(h, k))
    total = -total
    return np.where(k > h, total + special.ndtr(k) - special.ndtr(h), total)


def cdf(h, k, r):
    """Phi2(h, k; r) = Pr(X < h, Y < k), elementwise over h, k and r."""
    h, k, r = np.broadcast_arrays(np.asarray(h, float), np.asarray(k, float), np.asarray(r, float))
    out = np.empty(h.shape)
    for value in np.unique(r):
        at = r == value
        out[at] = _upper(-h[at], -k[at], float(value))
    return np.clip(out, 0.0, 1.0)


def derivatives(h, k, r):
    """Phi2 and its derivatives: (P, (P_h, P_k, P_r), (P_hh, P_kk, P_rr, P_hk, P_hr, P_kr))."""
    P = cdf(h, k, r)
    s2 = 1 - r * r
    s = np.sqrt(s2)
    Q = h * h - 2 * r * h * k + k * k
    phi2 = np.exp(-Q / (2 * s2)) / (2 * np.pi * s)
    ph = np.exp(-0.5 * h * h) / np.sqrt(2 * np.pi) * special.ndtr((k - r * h) / s)
    pk = np.exp(-0.5 * k * k) / np.sqrt(2 * np.pi) * special.ndtr((h - r * k) / s)
    phh = -h * ph - r * phi2
    pkk = -k * pk - r * phi2
    prr = phi2 * (r / s2 + h * k / s2 - r * Q / s2 ** 2)
    return P, (ph, pk, phi2), (phh, pkk, prr, phi2, phi2 * (r * k - h) / s2, phi2 * (r * h - k) / s2)
