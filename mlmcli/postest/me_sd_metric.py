"""``estat sd`` after the me commands: e(b) and e(V) with the random-effects variances as
standard deviations and the covariances as correlations (what gsem_display's ``disd`` shows
from e(b_sd) and ``_gsem_ret_sd``/``_gsem_eret_sd`` store, Stata 15 and later).

The me commands' e(b) holds the variance metric (``var(x[id]):_cons``,
``cov(x[id],_cons[id]):_cons``, ``var(e.y):_cons``); each becomes ``sd(...)`` = sqrt(var) or
``corr(a,b)`` = cov / sqrt(var_a var_b), with V carried by the delta method (J V J', J the
Jacobian of the whole map).  Coefficients and ancillary parameters (cutpoints, ln alpha) stay
as they are.  Names keep e(b)'s layout: ``sd(x[id]):_cons``, ``corr(x[id],_cons[id]):_cons``
(Stata 15's ``/:sd(...)`` reaches them through the free-parameter alias).
"""
from __future__ import annotations

import numpy as np

from ..textscan import split_top


def _parameter(name: str) -> tuple[str, str] | None:
    """(``var(...)``/``cov(...)``, the layout) of a variance component's column: Stata 13's
    ``var(x[id]):_cons`` or the free parameter ``/:var(x[id])`` (mestreg), else None."""
    if name.startswith("/:"):
        return name[2:], "/:{}"
    eq, _, rest = name.partition(":")
    return (eq, "{}:_cons") if rest == "_cons" else None


def sd_metric(names: tuple[str, ...], b: np.ndarray, V: np.ndarray) -> tuple[tuple[str, ...], np.ndarray,
                                                                              np.ndarray, list[str]]:
    """(names, b, V, kinds) in the sd metric; kinds per column ``fixed`` | ``sd`` | ``corr``."""
    b = np.asarray(b, float).ravel()
    V = np.asarray(V, float)
    out, kinds, new = b.copy(), [], []
    J = np.eye(len(b))
    parsed = [_parameter(n) for n in names]
    var_at = {p[0][4:-1]: i for i, p in enumerate(parsed) if p and p[0].startswith("var(")}
    for i, (name, p) in enumerate(zip(names, parsed)):
        eq, layout = p if p else ("", "")
        if eq.startswith("var("):
            out[i] = np.sqrt(max(b[i], 0.0))
            J[i, i] = 0.5 / out[i] if out[i] > 0 else np.nan
            new.append(layout.format(f"sd({eq[4:-1]})"))
            kinds.append("sd")
        elif eq.startswith("cov(") and all(k in var_at for k in _split_pair(eq[4:-1])):
            a, c = _split_pair(eq[4:-1])
            ia, ic = var_at[a], var_at[c]
            s = np.sqrt(max(b[ia], 0.0) * max(b[ic], 0.0))
            r = b[i] / s if s > 0 else np.nan
            out[i] = r
            J[i, i] = 1.0 / s if s > 0 else np.nan
            J[i, ia] = -0.5 * r / b[ia] if b[ia] > 0 else np.nan
            J[i, ic] = -0.5 * r / b[ic] if b[ic] > 0 else np.nan
            new.append(layout.format(f"corr({a},{c})"))
            kinds.append("corr")
        else:
            new.append(name)
            kinds.append("fixed")
    bad = ~np.isfinite(np.diag(V)) | np.any(~np.isfinite(J), axis=1)
    Jz = np.nan_to_num(J, nan=0.0)
    V0 = np.nan_to_num(np.where(np.isfinite(V), V, 0.0))
    nV = Jz @ V0 @ Jz.T
    nV[bad, :] = np.nan
    nV[:, bad] = np.nan
    return tuple(new), out, nV, kinds


def _split_pair(inner: str) -> tuple[str, str]:
    """``x[id],_cons[id]`` -> (``x[id]``, ``_cons[id]``): the comma outside brackets."""
    parts = split_top(inner, ",")
    return parts[0], ",".join(parts[1:])


def table_rows(b: np.ndarray, V: np.ndarray, kinds: list[str], level: float) -> np.ndarray:
    """r(table) (9 x k: b se z pvalue ll ul df crit eform) as the sd table shows it: an sd's
    interval exp(ln sd +/- z se/sd) without a test, a correlation's tanh(atanh r +/- z se/(1-r^2))."""
    from scipy import stats

    z = float(stats.norm.ppf(0.5 + level / 200.0))
    k = len(b)
    T = np.full((9, k), np.nan)
    se = np.sqrt(np.where(np.diag(V) >= 0, np.diag(V), np.nan))
    T[0], T[1] = b, se
    T[7], T[8] = z, 0.0
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):  # an sd at its boundary: interval to +inf
        _fill_tests(T, b, se, kinds, z)
    T[~np.isfinite(T)] = np.nan  # Stata's missing
    return T


def _fill_tests(T, b, se, kinds, z) -> None:
    from scipy import stats

    for i, kind in enumerate(kinds):
        if kind == "sd":
            if b[i] > 0 and np.isfinite(se[i]):
                T[4, i], T[5, i] = b[i] * np.exp(-z * se[i] / b[i]), b[i] * np.exp(z * se[i] / b[i])
            continue
        if se[i] > 0:
            T[2, i] = b[i] / se[i]
            T[3, i] = 2 * stats.norm.sf(abs(T[2, i]))
        if kind == "corr":
            if abs(b[i]) < 1 and np.isfinite(se[i]):
                a, h = np.arctanh(b[i]), z * se[i] / (1 - b[i] ** 2)
                T[4, i], T[5, i] = np.tanh(a - h), np.tanh(a + h)
        else:
            T[4, i], T[5, i] = b[i] - z * se[i], b[i] + z * se[i]


def sd_blocks(result, names: tuple[str, ...], T: np.ndarray) -> tuple:
    """The random-effects blocks in the sd metric for a result that carries only the variance
    blocks (mestreg's): each ``var(x)`` row of level ``id`` becomes ``sd(x)`` with the numbers
    of e(b)'s ``var(x[id])`` column in ``T`` (``table_rows``), each ``cov(a,b)`` ``corr(a,b)``."""
    import dataclasses

    at = {}
    for j, name in enumerate(names):
        p = _parameter(name)
        if p is not None:
            at[p[1].format(p[0])] = j
    out = []
    blocks = result.random.get("variance", ())
    labels = result.random_labels or tuple(b.levelvar for b in blocks)
    for blk, lab in zip(blocks, labels):
        rows = []
        for row in blk.rows:
            kind, inner = row.label[:3], row.label[4:-1]
            parts = _split_pair(inner) if kind == "cov" else (inner,)
            key = f"{'sd' if kind == 'var' else 'corr'}({','.join(f'{v}[{lab}]' for v in parts)})"
            j = next((at[k] for k in (f"/:{key}", f"{key}:_cons") if k in at), None)
            if j is None:
                return ()
            label = f"sd({inner})" if kind == "var" else f"corr({inner})"
            rows.append(dataclasses.replace(row, label=label, estimate=float(T[0, j]), se=float(T[1, j]),
                                            ci_lo=float(T[4, j]), ci_hi=float(T[5, j])))
        out.append(dataclasses.replace(blk, rows=tuple(rows)))
    return tuple(out)
