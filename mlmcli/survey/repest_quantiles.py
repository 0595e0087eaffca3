"""repest's quantiletable n_cmd under one analytic weight (repest.ado 1.12.4's
repest_quantiletable, read, not copied): the index cut into nquantiles() groups at its weighted
percentiles (_pctile [aw]), the mean index and outcome in each group, and on request the top
minus bottom difference (test), the relative risk and odds ratio of a bottom-group outcome for
a bottom-group index, another variable's mean and sd, a regression's slope and R-squared.

Ties are broken as the ado breaks them, by 0.0001 * uniform noise added to the index and the
outcome; the caller draws the noise (repest sets the seed to 5094 first).  Names: index_q1 ..,
outcome_q1 .., outcome_qd, rrisk, oratio, var_mean, var_sd, beta, r2.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.summary_statistics import quantile_cutpoints


@dataclass(frozen=True)
class QuantileTable:
    nq: int = 4
    index_quantiles: bool = True
    outcome_quantiles: bool = True
    relrisk: bool = False
    oddsratio: bool = False
    summarize: str | None = None
    regress: tuple[str, str] | None = None
    test: bool = False


def _wmean(x, w, mask):
    ok = mask & ~np.isnan(x) & ~np.isnan(w) & (w > 0)
    return float(np.average(x[ok], weights=w[ok])) if ok.any() else np.nan


def quantile_table(spec: QuantileTable, index: np.ndarray, outcome: np.ndarray, w: np.ndarray,
                   noise_index: np.ndarray, noise_outcome: np.ndarray, extra: dict[str, np.ndarray],
                   names: tuple[str, str]) -> tuple[list[tuple[str, float]], list[np.ndarray], list[np.ndarray]]:
    """The statistics in the ado's order, and for flags the rows of each index group (index
    groups, then outcome groups: outcome also observed)."""
    iname, oname = names
    has_index = ~np.isnan(index)
    usable = ~np.isnan(w) & (w > 0)
    rindex = np.where(has_index, index + 0.0001 * noise_index, np.nan)
    cuts = quantile_cutpoints(rindex[usable], w[usable], spec.nq) if (usable & has_index).any() else np.array([])
    groups = []
    if cuts.size == spec.nq - 1 and spec.nq > 1 and not np.isnan(cuts).any():
        edges = np.r_[-np.inf, cuts, np.inf]
        for q in range(spec.nq):
            groups.append(has_index & (rindex > edges[q]) & (rindex <= edges[q + 1]))
    stats: dict[str, float] = {}
    index_q = [_wmean(index, w, g) for g in groups] if groups else [np.nan] * spec.nq
    outcome_q = [_wmean(outcome, w, g) for g in groups] if groups else [np.nan] * spec.nq
    if spec.summarize:
        x = extra[spec.summarize]
        ok = usable & ~np.isnan(x)
        mean = float(np.average(x[ok], weights=w[ok])) if ok.any() else np.nan
        stats[f"{spec.summarize}_mean"] = mean
        stats[f"{spec.summarize}_sd"] = float(np.sqrt(np.average((x[ok] - mean) ** 2, weights=w[ok]))) \
            if ok.sum() > 1 else np.nan
    if spec.regress:
        y, x = extra[spec.regress[0]], extra[spec.regress[1]]
        ok = usable & ~np.isnan(y) & ~np.isnan(x)
        X = np.column_stack([x[ok], np.ones(ok.sum())])
        W = w[ok]
        coef = np.linalg.lstsq(X * np.sqrt(W)[:, None], y[ok] * np.sqrt(W), rcond=None)[0]
        fitted = X @ coef
        ybar = np.average(y[ok], weights=W)
        stats["beta"] = float(coef[0])
        stats["r2"] = float(100 * np.sum(W * (fitted - ybar) ** 2) / np.sum(W * (y[ok] - ybar) ** 2))
    if (spec.relrisk or spec.oddsratio) and groups:
        bottom = groups[0]
        routcome = np.where(~np.isnan(outcome), outcome + 0.0001 * noise_outcome, np.nan)
        ok = usable & ~np.isnan(routcome)
        thr = quantile_cutpoints(routcome[ok], w[ok], spec.nq)[0]
        in_index = usable & has_index
        low = in_index & ~np.isnan(routcome) & (routcome <= thr)
        high = in_index & ~np.isnan(routcome) & (routcome > thr)
        q1q1 = float(w[low & bottom].sum() / w[low].sum())
        q1rest = float(w[high & bottom].sum() / w[high].sum())
        stats["rrisk"] = q1q1 / q1rest if q1rest else np.nan
        stats["oratio"] = (q1q1 / (1 - q1q1)) / (q1rest / (1 - q1rest)) if 0 < q1rest < 1 and q1q1 < 1 else np.nan
    out: list[tuple[str, float]] = []
    if spec.summarize:
        out.append((f"{spec.summarize}_mean", stats[f"{spec.summarize}_mean"]))
    if spec.index_quantiles:
        out += [(f"{iname}_q{q + 1}", v) for q, v in enumerate(index_q)]
    if spec.summarize:
        out.append((f"{spec.summarize}_sd", stats[f"{spec.summarize}_sd"]))
    if spec.outcome_quantiles:
        out += [(f"{oname}_q{q + 1}", v) for q, v in enumerate(outcome_q)]
    if spec.regress:
        out.append(("beta", stats["beta"]))
    for key in ("rrisk", "oratio"):
        if key in stats:
            out.append((key, stats[key]))
    if spec.regress:
        out.append(("r2", stats["r2"]))
    if spec.test and spec.outcome_quantiles:
        out.append((f"{oname}_qd", outcome_q[-1] - outcome_q[0]))
    index_rows = groups if groups else [np.zeros_like(has_index)] * spec.nq
    outcome_rows = [g & ~np.isnan(outcome) for g in index_rows]
    return out, index_rows, outcome_rows
