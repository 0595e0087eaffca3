"""Contrast operators on the levels of a factor, pairwise comparisons, and multiple-comparison
adjustments (Stata's [R] contrast, [R] pwcompare, [R] margins, contrast).

A contrast operator turns the L margins of a factor's levels l_1 < ... < l_L into rows of
a matrix C (each row sums to zero):

    r.   (l_j vs ref)        e_j - e_ref, j != ref (ref: the base level, or rb#.)
    a.   (l_j vs l_j+1)      e_j - e_{j+1}, j = 1..L-1          (adjacent)
    ar.  (l_j+1 vs l_j)      e_{j+1} - e_j                      (reverse adjacent)
    g.   (l_j vs mean)       e_j - 1/L sum_k e_k, every j        (grand mean)
    h.   (l_j vs >l_j)       e_j - mean of the later levels, j = 1..L-1   (Helmert)
    j.   (l_j vs <l_j)       e_j - mean of the earlier levels, j = 2..L   (reverse Helmert)
    p.   (linear), (quadratic) ...  orthonormal polynomials in the level values
    q.   the same in the level order 1..L

Interactions of operators are Kronecker products (first factor slowest).  Pairwise
comparisons are every (l_j vs l_i), i < j, e_j - e_i, in Stata's order (level 2 vs 1,
3 vs 1, 3 vs 2, ...).

Adjustments of m comparisons in a family (each term is a family):

    bonferroni  p* = min(1, m p),         CI with the (1 - alpha/(2m)) quantile
    sidak       p* = 1 - (1 - p)^m,       CI with the 1 - (1 - (1-alpha)^(1/m))/2 quantile
    scheffe     p* = P(F(d, df_r) > t^2/d)  (chi2(d) > z^2 without df_r), CI half-width
                sqrt(d F_{1-alpha}(d, df_r)) se (sqrt(chi2_{1-alpha}(d)) se), d = the rank of the family
    tukey       (pairwise comparisons of k = d + 1 margins) p* = P(Q(k, df_r) > sqrt(2) |t|), Q the
                studentized range (df_r infinite without residual df), CI half-width
                q_{1-alpha}(k, df_r) / sqrt(2) se
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli import distributions as stats
from mlmcli.errors import StataError

OPERATORS = ("r", "a", "ar", "g", "h", "j", "p", "q")
POLY_NAMES = ("linear", "quadratic", "cubic", "quartic")


@dataclass(frozen=True)
class Contrasts:
    """Rows of a contrast matrix over a factor's levels and each row's (a vs b) parts."""

    matrix: np.ndarray  # (rows x L)
    labels: tuple[tuple[str, str] | str, ...]  # (level, other) pairs, or a name ("linear")


def _orthonormal_polynomials(x: np.ndarray) -> np.ndarray:
    """Rows 1..L-1: orthonormal polynomials of degree 1..L-1 in x (each orthogonal to the
    constant), with a positive leading coefficient."""
    L = len(x)
    xc = (x - x.mean()) / (x.std() if x.std() > 0 else 1.0)
    V = np.vander(xc, L, increasing=True)
    Q, R = np.linalg.qr(V)
    Q = Q * np.sign(np.diag(R))
    return Q[:, 1:].T


def operator_matrix(op: str, levels: tuple[float, ...], texts: tuple[str, ...], ref: float | None) -> Contrasts:
    """The contrast rows of operator ``op`` (module docstring) over ``levels``."""
    L = len(levels)
    eye = np.eye(L)
    rows: list[np.ndarray] = []
    labels: list = []
    if op == "r":
        r = levels.index(ref) if ref is not None and ref in levels else 0
        for j in range(L):
            if j != r:
                rows.append(eye[j] - eye[r])
                labels.append((texts[j], texts[r]))
    elif op == "a":
        for j in range(L - 1):
            rows.append(eye[j] - eye[j + 1])
            labels.append((texts[j], texts[j + 1]))
    elif op == "ar":
        for j in range(L - 1):
            rows.append(eye[j + 1] - eye[j])
            labels.append((texts[j + 1], texts[j]))
    elif op == "g":
        for j in range(L):
            rows.append(eye[j] - np.full(L, 1.0 / L))
            labels.append((texts[j], "mean"))
    elif op == "h":
        for j in range(L - 1):
            later = np.zeros(L)
            later[j + 1:] = 1.0 / (L - j - 1)
            rows.append(eye[j] - later)
            labels.append((texts[j], f">{texts[j]}"))
    elif op == "j":
        for j in range(1, L):
            earlier = np.zeros(L)
            earlier[:j] = 1.0 / j
            rows.append(eye[j] - earlier)
            labels.append((texts[j], f"<{texts[j]}" if j > 1 else texts[0]))
    elif op in ("p", "q"):
        x = np.asarray(levels, float) if op == "p" else np.arange(1.0, L + 1)
        P = _orthonormal_polynomials(x) if L > 1 else np.zeros((0, L))
        for d in range(P.shape[0]):
            rows.append(P[d])
            labels.append(POLY_NAMES[d] if d < len(POLY_NAMES) else f"p{d + 1}")
    else:
        raise StataError(f"{op}. operator invalid", 198)
    return Contrasts(np.array(rows).reshape(len(rows), L), tuple(labels))


def selected_rows(c: Contrasts, levels, select) -> Contrasts:
    """The rows of ``c`` about the ``select``ed levels (``ar3.``: 3 vs 2; ``r(2 3).``): each
    named operator's row weighs the level it is about most (r, a, ar, g, h, j)."""
    if select is None:
        return c
    keep = [r for r in range(c.matrix.shape[0]) if levels[int(np.argmax(c.matrix[r]))] in select]
    return Contrasts(c.matrix[keep].reshape(len(keep), c.matrix.shape[1]), tuple(c.labels[r] for r in keep))


def kronecker(parts: list[Contrasts]) -> Contrasts:
    """The interaction of several factors' contrasts (first factor slowest)."""
    mat = np.ones((1, 1))
    labels: list[tuple] = [()]
    for c in parts:
        mat = np.kron(mat, c.matrix)
        labels = [old + (new,) for old in labels for new in c.labels]
    return Contrasts(mat, tuple(labels))


def pairwise(levels_texts: tuple[str, ...]) -> Contrasts:
    """Every (l_j vs l_i), i < j, in Stata's order: 2 vs 1, 3 vs 1, ..., 3 vs 2, ..."""
    L = len(levels_texts)
    eye = np.eye(L)
    rows, labels = [], []
    for i in range(L):
        for j in range(i + 1, L):
            rows.append(eye[j] - eye[i])
            labels.append((levels_texts[j], levels_texts[i]))
    return Contrasts(np.array(rows).reshape(len(rows), L), tuple(labels))


# ------------------------------------------------------------------ multiple comparisons
METHODS = ("noadjust", "bonferroni", "sidak", "scheffe", "tukey")
METHOD_TITLES = {"bonferroni": "Bonferroni", "sidak": "Sidak", "scheffe": "Scheffe", "tukey": "Tukey",
                 "snk": "SNK", "duncan": "Duncan"}
RANGE_METHODS = ("snk", "duncan")  # pairwise only: each pair's studentized range over the means it spans


def dunnett_critical(k: int, df_r: float | None, level: float) -> float:
    """invdunnettprob(k, df, level/100) (``dunnett_distribution``)."""
    from mlmcli.dunnett_distribution import dunnett_quantile

    return dunnett_quantile(k, df_r, level / 100.0)


def range_adjusted(method: str, margins, pairs, stat, df_r: float | None, level: float):
    """(p-values, critical values) of SNK or Duncan for the comparisons margins[j] - margins[i] of
    ``pairs`` (Stata's _b_stat fill_extra_snk, _mc_pvalue, _mc_crit): r = the number of margins the
    pair spans in their ascending order; SNK p = 1 - F_r(|t| sqrt 2), crit = F_r^-1(1 - alpha)/sqrt 2;
    Duncan p = 1 - F_r(|t| sqrt 2)^(1/(r-1)), crit = F_r^-1((1 - alpha)^(r-1))/sqrt 2, with F_r the
    studentized range of r means and df_r degrees of freedom."""
    from scipy.stats import studentized_range

    df = df_r if df_r else np.inf
    rank = np.empty(len(margins), int)
    rank[np.argsort(np.asarray(margins, float), kind="stable")] = np.arange(len(margins))
    alpha = 1 - level / 100.0
    p, crit = np.empty(len(pairs)), np.empty(len(pairs))
    for row, (j, i) in enumerate(pairs):
        r = abs(int(rank[j]) - int(rank[i])) + 1
        cdf = studentized_range.cdf(abs(stat[row]) * np.sqrt(2), r, df)
        if method == "snk":
            p[row], q = 1 - cdf, studentized_range.ppf(1 - alpha, r, df)
        else:
            p[row] = -np.expm1(np.log(cdf) / (r - 1))
            q = studentized_range.ppf(np.exp(np.log1p(-alpha) * (r - 1)), r, df)
        crit[row] = q / np.sqrt(2)
    return p, crit


@dataclass(frozen=True)
class Adjustment:
    """p-values and critical values of one family of m comparisons of rank d."""

    method: str
    m: int
    d: int

    def p(self, stat: np.ndarray, df_r: float | None) -> np.ndarray:
        a = np.abs(np.asarray(stat, float))
        raw = 2 * (stats.t.sf(a, df_r) if df_r else stats.norm.sf(a))
        if self.method == "bonferroni":
            return np.minimum(1.0, self.m * raw)
        if self.method == "sidak":
            return np.where(np.isnan(raw), np.nan, -np.expm1(self.m * np.log1p(-np.minimum(raw, 1.0))))
        if self.method == "scheffe":
            d = max(self.d, 1)
            return stats.f.sf(a * a / d, d, df_r) if df_r else stats.chi2.sf(a * a, d)
        if self.method == "tukey":
            from scipy.stats import studentized_range

            return studentized_range.sf(np.sqrt(2) * a, self.d + 1, df_r if df_r else np.inf)
        return raw

    def critical(self, level: float, df_r: float | None) -> float:
        alpha = 1 - level / 100.0
        if self.method == "tukey":
            from scipy.stats import studentized_range

            return float(studentized_range.ppf(level / 100.0, self.d + 1, df_r if df_r else np.inf)
                         / np.sqrt(2))
        if self.method == "scheffe":
            d = max(self.d, 1)
            return float(np.sqrt(d * stats.f.ppf(level / 100.0, d, df_r))) if df_r else \
                float(np.sqrt(stats.chi2.ppf(level / 100.0, d)))
        if self.method == "bonferroni":
            a = alpha / self.m
        elif self.method == "sidak":
            a = -np.expm1(np.log1p(-alpha) / self.m)
        else:
            a = alpha
        q = 1 - a / 2
        return float(stats.t.ppf(q, df_r) if df_r else stats.norm.ppf(q))
