"""Analysis of variance for ``anova`` and ``oneway``.

Sums of squares of the terms of a linear model (``anova``):

    partial (default): SS_T = RSS(model without T) - RSS(full model), each term's columns
        in sum-to-zero (effect) coding -- factor f with levels 1..k: columns
        [f = j] - [f = k], j < k; an interaction the products of its parts' columns; a
        continuous variable itself; a nested term b|a the columns of b and a#b.  With every
        cell present these are the Type III sums of squares (Stata's partial SS).
    sequential: SS_T = RSS(terms before T) - RSS(terms up to T).
    df_T = rank(with T) - rank(without T); F_T = (SS_T/df_T)/(RSS/df_r).

One-way analysis of variance (``oneway``), groups g = 1..k of sizes n_g:

    SS_between = sum_g n_g (ybar_g - ybar)^2 on k - 1 df, SS_within on N - k df,
    Bartlett: chi2 = [(N-k) ln s_p^2 - sum (n_g-1) ln s_g^2] / C on k - 1 df,
      C = 1 + (sum 1/(n_g-1) - 1/(N-k)) / (3(k-1)), over the cells with positive variance,
    comparisons of every pair: t = (ybar_i - ybar_j)/sqrt(MS_w (1/n_i + 1/n_j)) on N - k df,
      Bonferroni p = min(1, m p), Sidak p = min(1, 1 - (1 - p)^m), m = k(k-1)/2,
      Scheffe p = P(F(k-1, N-k) > t^2/(k-1)).
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import numpy as np
from scipy import stats

from mlmcli.missing import stata_double, stata_ratio as ratio
from mlmcli.results.anova import OnewayTable


@dataclass(frozen=True)
class TermBlock:
    label: str
    columns: np.ndarray  # n x p (effect-coded)


def effect_columns(values: np.ndarray) -> np.ndarray:
    """Sum-to-zero coding of a factor (levels in sorted order; the last is the -1 row)."""
    levels = np.unique(values)
    k = len(levels)
    out = np.zeros((len(values), max(k - 1, 0)))
    last = values == levels[-1]
    for j in range(k - 1):
        out[:, j] = (values == levels[j]).astype(float) - last
    return out


def product_columns(blocks: list[np.ndarray]) -> np.ndarray:
    """Row-wise products of every combination of the blocks' columns."""
    out = np.ones((blocks[0].shape[0], 1))
    for B in blocks:
        out = (out[:, :, None] * B[:, None, :]).reshape(out.shape[0], -1)
    return out


def _rss_rank(y: np.ndarray, X: np.ndarray, w: np.ndarray) -> tuple[float, int]:
    sw = np.sqrt(w)
    Xw, yw = X * sw[:, None], y * sw
    coef, _, rank, sv = np.linalg.lstsq(Xw, yw, rcond=None)
    tol = sv.max() * max(Xw.shape) * 1e-12 if sv.size else 0.0
    rank = int(np.sum(sv > tol))
    e = yw - Xw @ coef
    return float(e @ e), rank


def term_sums_of_squares(y: np.ndarray, blocks: list[TermBlock], w: np.ndarray | None = None,
                         sequential: bool = False, constant: bool = True):
    """[(label, SS, df)], RSS and its df, model SS and df."""
    n = len(y)
    w = np.ones(n) if w is None else np.asarray(w, float)
    base = [np.ones((n, 1))] if constant else [np.zeros((n, 0))]
    full = np.column_stack(base + [b.columns for b in blocks])
    rss, rank = _rss_rank(y, full, w)
    rows = []
    if sequential:
        prev_rss, prev_rank = _rss_rank(y, base[0], w) if constant else (float(np.sum(w * y * y)), 0)
        cols = list(base)
        for b in blocks:
            cols.append(b.columns)
            r, k = _rss_rank(y, np.column_stack(cols), w)
            rows.append((b.label, prev_rss - r, k - prev_rank))
            prev_rss, prev_rank = r, k
    else:
        for i, b in enumerate(blocks):
            reduced = np.column_stack(base + [c.columns for j, c in enumerate(blocks) if j != i])
            r, k = _rss_rank(y, reduced, w)
            rows.append((b.label, r - rss, rank - k))
    total_w = float(w.sum())
    if constant:
        ybar = float(np.sum(w * y) / total_w)
        tss = float(np.sum(w * (y - ybar) ** 2))
        df_m = rank - 1
    else:
        tss = float(np.sum(w * y * y))
        df_m = rank
    return rows, rss, total_w - rank, tss - rss, df_m, tss


def f_test(ss: float, df: float, rss: float, df_r: float) -> tuple[float, float]:
    if df <= 0 or df_r <= 0 or rss <= 0:
        return float("nan"), float("nan")
    F = (ss / df) / (rss / df_r)
    return float(F), float(stats.f.sf(F, df, df_r))


@dataclass(frozen=True)
class OneWay:
    """Per-group n, means and SDs, the totals, and the ANOVA table with Bartlett's test."""

    levels: tuple[float, ...]
    n: tuple[int, ...]
    means: tuple[float, ...]
    sds: tuple[float, ...]
    total_mean: float
    total_sd: float
    table: OnewayTable


def one_way(y: np.ndarray, g: np.ndarray, w: np.ndarray | None = None) -> OneWay:
    """One-way ANOVA of y by the groups g (``_one_way``); a y near the largest double is
    analysed as y / 2^j (F and Bartlett's test do not change) and scaled back, its sums of
    squares missing past the largest double."""
    y = np.asarray(y, dtype=float)
    top = float(np.max(np.abs(y), initial=0.0))
    if top <= 2.0 ** 480:
        return _one_way(y, g, w)
    k = math.ldexp(1.0, min(math.frexp(top)[1], 1023))
    out = _one_way(y / k, g, w)
    with np.errstate(over="ignore", invalid="ignore"):
        table = dataclasses.replace(out.table, ss_between=stata_double(out.table.ss_between * k * k),
                                    ss_within=stata_double(out.table.ss_within * k * k))
        return dataclasses.replace(out, means=tuple(v * k for v in out.means), sds=tuple(v * k for v in out.sds),
                                   total_mean=out.total_mean * k, total_sd=out.total_sd * k, table=table)


def _one_way(y: np.ndarray, g: np.ndarray, w: np.ndarray | None = None) -> OneWay:
    """One-way ANOVA of y by the groups g (weights: frequency or normalised analytic)."""
    w = np.ones(len(y)) if w is None else np.asarray(w, float)
    levels, codes = np.unique(g, return_inverse=True)
    k = len(levels)
    nw = np.bincount(codes, weights=w, minlength=k)
    means = np.bincount(codes, weights=w * y, minlength=k) / nw
    N = float(w.sum())
    ybar = float(np.sum(w * y) / N)
    dev = y - means[codes]
    ssw_g = np.bincount(codes, weights=w * dev * dev, minlength=k)
    ss_w = float(ssw_g.sum())
    ss_b = float(np.sum(nw * (means - ybar) ** 2))
    df_b, df_w = k - 1, int(round(N)) - k
    F, p = f_test(ss_b, df_b, ss_w, df_w)
    with np.errstate(divide="ignore", invalid="ignore"):
        var_g = np.where(nw > 1, ssw_g / (nw - 1), np.nan)
    use = (nw > 1) & (var_g > 0)
    single = int(np.sum(nw <= 1))
    zero_var = int(np.sum((nw > 1) & ~(var_g > 0)))
    m = int(use.sum())
    if m >= 2:
        nu = nw[use] - 1
        dfp = nu.sum()
        sp2 = np.sum(nu * var_g[use]) / dfp
        C = 1 + (np.sum(1 / nu) - 1 / dfp) / (3 * (m - 1))
        chi2 = float((dfp * np.log(sp2) - np.sum(nu * np.log(var_g[use]))) / C)
        bp = float(stats.chi2.sf(chi2, m - 1))
    else:
        chi2, bp = float("nan"), float("nan")
    sd = np.sqrt(var_g)
    total_sd = float(np.sqrt(np.sum(w * (y - ybar) ** 2) / (N - 1))) if N > 1 else float("nan")
    return OneWay(tuple(v if isinstance(v, str) else float(v) for v in levels), tuple(int(round(v)) for v in nw), tuple(means), tuple(sd),
                  ybar, total_sd, OnewayTable(ss_b, ss_w, df_b, df_w, F, p, chi2, m - 1, bp, single, zero_var))


def pairwise_comparisons(ow: OneWay, method: str) -> np.ndarray:
    """Matrix of adjusted p-values of the pairwise mean differences (lower triangle)."""
    k = len(ow.levels)
    mse = ratio(ow.table.ss_within, ow.table.df_within)  # one observation a group: missing
    m = k * (k - 1) / 2
    P = np.full((k, k), np.nan)
    for i in range(k):
        for j in range(i):
            se = np.sqrt(mse * (1 / ow.n[i] + 1 / ow.n[j]))
            t = ratio(ow.means[i] - ow.means[j], se)
            if np.isnan(t):  # Stata's arithmetic: a missing t has a missing p
                continue
            if method == "scheffe":
                p = stats.f.sf(t * t / (k - 1), k - 1, ow.table.df_within)
            else:
                p = 2 * stats.t.sf(abs(t), ow.table.df_within)
                p = min(1.0, m * p) if method == "bonferroni" else min(1.0, 1 - (1 - p) ** m)
            P[i, j] = p
    return P


@dataclass(frozen=True)
class Intraclass:
    """loneway's estimates: rho (intraclass correlation), its asymptotic SE and CI,
    rho_t (reliability of a group mean at n = gr), the SDs of the group effect and within."""

    rho: float
    rho_t: float
    se: float
    lb: float
    ub: float
    sd_b: float
    sd_w: float
    gr: float
    truncated: bool


def intraclass_correlation(ssa: float, dfa: float, ssw: float, dfw: float, sizes: np.ndarray, *,
                           weighted: bool = False, reference: str = "one", exact: bool = False,
                           level: float = 95.0) -> Intraclass:
    """One-way random-effects ANOVA estimates ([R] loneway, Methods and formulas):
    gr = (N - sum n_g^2 / N)/(k - 1) (sums of weights with aweights); F* = F - 1 (``mean``:
    F - dfw/(dfw-2); ``median``: F - F_.5(dfa, dfw)), truncated at 0;
    rho = F*/(F* + ref gr), rho_t = F*/(F* + ref), sd_b = sqrt((MS_a - MS_w)/gr),
    sd_w = sqrt(MS_w); the asymptotic variance of rho (Smith 1956) when unweighted with the
    default reference, or the exact interval for balanced data.  As in the ado, a division by
    zero (one observation per group: dfw = 0; dfw = 2 with ``mean``) gives missing, not an error."""
    k = len(sizes)
    N = float(np.sum(sizes))
    n_mean = N / k
    var_n = float(np.var(sizes, ddof=1)) if k > 1 else 0.0
    df = k - 1
    gr = (N - n_mean - var_n * (df / N)) / df if df > 0 else float("nan")
    F = (ssa / dfa) / (ssw / dfw) if dfa > 0 and dfw > 0 and ssw > 0 else float("nan")
    if reference == "mean":
        ref = ratio(dfw, dfw - 2)
    elif reference == "median":
        ref = float(stats.f.ppf(0.5, dfa, dfw)) if dfa > 0 and dfw > 0 else float("nan")
    else:
        ref = 1.0
    # Stata's `F' < `Frefpt'': missing sorts above every number (mean with dfw = 2: truncated)
    truncated = bool(F < ref) or (np.isnan(ref) and not np.isnan(F))
    fmax = 0.0 if truncated else F - ref
    rho = ratio(fmax, fmax + ref * gr)
    rho_t = ratio(fmax, fmax + ref)
    msa, msw = ratio(ssa, dfa), ratio(ssw, dfw)
    sd_b = float(np.sqrt(ratio(msa - msw, gr))) if msa > msw else float("nan")
    se = float("nan")
    if not weighted and reference == "one" and np.isfinite(rho) and dfa > 0 and N - dfa - 1 != 0:
        n2sum = float(np.sum(sizes ** 2))
        n3sum = float(np.sum(sizes ** 3))
        V = rho ** 2 * (n2sum - 2 * n3sum / N + (n2sum / N) ** 2)
        V += dfa * (1 - rho) * (1 + rho * (2 * gr - 1))
        V = V / dfa ** 2 + (1 + rho * (gr - 1)) ** 2 / (N - dfa - 1)
        V *= ratio(2 * (1 - rho) ** 2, gr ** 2)
        se = float(np.sqrt(V)) if V >= 0 else float("nan")
    if exact:
        fl = float(stats.f.ppf((100 + level) / 200, dfa, dfw))
        fu = float(stats.f.ppf(1 - (100 + level) / 200, dfa, dfw))
        ub = ratio(F - ref * fl, F + (gr - 1) * ref * fl)
        lb = ratio(max(F - ref * fu, 0), F + (gr - 1) * ref * fu)
    elif np.isfinite(se):
        h = se * float(stats.norm.ppf((100 + level) / 200))
        ub, lb = rho + h, max(rho - h, 0.0)
    else:
        ub = lb = float("nan")
    return Intraclass(rho, rho_t, se, lb, ub, sd_b, float(np.sqrt(msw)) if msw >= 0 else float("nan"), gr,
                      truncated)
