"""The rows of a coefficient table from a model's estimable coefficients: one
``CoefRow`` per label, base, omitted and empty-cell labels carrying zeros (printed ``(base)`` /
``(omitted)`` / ``(empty)``), the others the next estimate, SE, test statistic, p-value and CI."""
from __future__ import annotations

import numpy as np


def coefficient_rows(labels, b, se, stat, p, lo, hi) -> tuple:
    from mlmcli.results.mixed import CoefRow

    rows, k = [], 0
    nan = float("nan")
    for lab in labels:
        if lab.base or lab.omitted:
            rows.append(CoefRow(lab.name, 0.0, nan, nan, nan, nan, nan, term=lab.term, level=lab.level,
                                base=lab.base, omitted=lab.omitted, empty=getattr(lab, "empty", False)))
            continue
        rows.append(CoefRow(lab.name, float(b[k]), float(se[k]), float(stat[k]), float(p[k]), float(lo[k]),
                            float(hi[k]), term=lab.term, level=lab.level))
        k += 1
    return tuple(rows)


def normal_or_t(b: np.ndarray, se: np.ndarray, level: float, df: float | None = None):
    """(stat, p, lo, hi): z (df None) or t on df degrees of freedom."""
    from mlmcli import distributions as stats

    with np.errstate(divide="ignore", invalid="ignore"):
        stat = np.where(np.asarray(se) > 0, b / se, np.nan)  # Stata's b/0 is missing, so is its P
    if df is None:
        p = 2 * stats.norm.sf(np.abs(stat))
        q = stats.norm.ppf(0.5 + level / 200.0)
    else:
        p = 2 * stats.t.sf(np.abs(stat), df)
        q = stats.t.ppf(0.5 + level / 200.0, df)
    return stat, p, b - q * se, b + q * se


def coefficient_matrices(labels, b: np.ndarray, V: np.ndarray):
    """e(b) (1 x k, row ``y1``) and e(V) over every label, zeros for base/omitted ones."""
    from mlmcli.results.matrix import Matrix

    names = tuple(lab.name for lab in labels)
    est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    full_b = np.zeros(len(names))
    full_b[est] = b
    full_V = np.zeros((len(names), len(names)))
    full_V[np.ix_(est, est)] = V
    return Matrix(full_b[None, :], ("y1",), names), Matrix(full_V, names, names)


def rows_from_estimates(labels, b: np.ndarray, V: np.ndarray, level: float, df: float | None = None,
                        eform: bool = False) -> tuple:
    """The table rows of estimates b with covariance V: z (df None) or t statistics; with
    ``eform`` the coefficients, SEs (delta method) and CIs exponentiated.  A negative variance
    (V from an indefinite Hessian: a fit stopped short of a maximum) has no SE: missing, as
    Stata's sqrt() of a negative number, never 0."""
    with np.errstate(invalid="ignore"):
        se = np.sqrt(np.diag(V)) if V.size else np.zeros(0)
    stat, p, lo, hi = normal_or_t(b, se, level, df)
    if eform:
        eb = _stata_exp(b)
        return coefficient_rows(labels, eb, eb * se, stat, p, _stata_exp(lo), _stata_exp(hi))
    return coefficient_rows(labels, b, se, stat, p, lo, hi)


def _stata_exp(a) -> np.ndarray:
    """exp() as Stata's: missing where the double overflows (a diverged coefficient's hazard ratio)."""
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.exp(np.asarray(a, dtype=float))
    return np.where(np.isinf(out), np.nan, out)


def safe_rank(M: np.ndarray) -> int:
    """The rank of a variance matrix; 0 when it is empty or holds missing values.  Judged on the
    rows and columns with a positive diagonal scaled to a unit diagonal (a correlation matrix),
    so a slope scaled by 1e9 (variance 1e-20 next to 1e-2) is not rounding beside the others."""
    M = np.asarray(M, float)
    if M.size == 0 or not np.all(np.isfinite(M)):
        return 0
    if M.ndim == 2 and M.shape[0] == M.shape[1]:
        d = np.diag(M)
        pos = d > 0
        if not pos.any():
            return 0
        r = 1.0 / np.sqrt(d[pos])
        return int(np.linalg.matrix_rank(M[np.ix_(pos, pos)] * r[:, None] * r[None, :]))
    return int(np.linalg.matrix_rank(M))


def rows_by_equation(names, b, V, *, df_r: float | None = None, level: float = 95.0):
    """Rows of a coefficient table from b and V, blocked by equation: z (t on df_r degrees of
    freedom when the model has them) = b / se, p = 2 P(|Z| > |z|), and the level% interval
    b -/+ c se with c the (1 + level/100)/2 quantile of the normal (or t) distribution.  Used by
    ``ereturn display`` and ``nlcom``; (equation name, [CoefRow]) blocks in the order of
    ``names`` (``eq:name`` or ``name``); a base (``1b.f``) or omitted (``o.x``) name gives a
    base/omitted row, a factor-variable name its term and level (the table's grouped layout)."""
    import math

    from mlmcli import distributions as stats

    from mlmcli.results.mixed import CoefRow
    from mlmcli.syntax.coefnames import split_eq

    b = np.asarray(b, float).ravel()
    se = np.sqrt(np.maximum(np.diag(np.asarray(V, float)), 0.0))
    prob = 0.5 + level / 200.0
    crit = float(stats.t.ppf(prob, df_r) if df_r else stats.norm.ppf(prob))
    blocks: list[tuple[str | None, list[CoefRow]]] = []
    for j, full in enumerate(names):
        eq, name = split_eq(full)
        if not blocks or blocks[-1][0] != (eq or None):
            blocks.append((eq or None, []))
        s = float(se[j])
        if s > 0 and math.isfinite(s):
            z = float(b[j] / s)
            p = float(2 * (stats.t.sf(abs(z), df_r) if df_r else stats.norm.sf(abs(z))))
            lo, hi = float(b[j] - crit * s), float(b[j] + crit * s)
        else:
            z = p = lo = hi = math.nan
            s = math.nan if not s == 0 else 0.0
        layout = name_layout(name)
        if layout["base"] or layout["omitted"]:  # 1b.f, o.x: Stata's (base) / (omitted) rows
            z = p = lo = hi = s = math.nan
        blocks[-1][1].append(CoefRow(name, float(b[j]), s, z, p, lo, hi, **layout))
    return blocks


def name_layout(name: str) -> dict:
    """A coefficient name's place in the grouped table (without its equation): its term
    heading and level text when it is a factor (or time-series operated) variable, and whether
    it is a base (``1b.f``) or omitted (``o.x``) coefficient -- CoefRow's term, level, base,
    omitted."""
    from mlmcli.syntax.coefnames import parse_coef_name
    from mlmcli.time_series_ops import operated_heading

    parsed = parse_coef_name(name)
    levels = [part.level for part in parsed.parts if part.level is not None]
    term = "#".join(part.var if part.level is not None else part.text(False) for part in parsed.parts)
    operated = operated_heading(name)  # L.y1: heading y1, row L1. (sureg, reg3, var, suest)
    if operated:
        term, levels = operated[0], [operated[1]]
    return {"term": term if levels else None, "level": " ".join(levels) if levels else None,
            "base": parsed.is_base, "omitted": parsed.is_omitted and not parsed.is_base}


def mark_empty_cells(blocks, data, sample):
    """``rows_by_equation`` blocks with each omitted factor row whose cell has no observation in
    ``sample`` (e(sample) over ``data``'s rows) marked ``empty`` -- printed ``(empty)`` as the
    fitting command printed it (Stata's _coef_table decides empty cells from the data, not from
    the ``o.`` mark).  Without a sample, or a cell it cannot read (an operated or string
    factor), the row stays ``(omitted)``."""
    import dataclasses

    from mlmcli.syntax.coefnames import parse_coef_name

    if sample is None:
        return blocks
    sample = np.asarray(sample, bool)
    out = []
    for eq, rows in blocks:
        marked = []
        for row in rows:
            if row.omitted and not row.base and row.level is not None \
                    and _cell_is_empty(parse_coef_name(row.name).parts, data, sample):
                row = dataclasses.replace(row, empty=True)
            marked.append(row)
        out.append((eq, marked))
    return out


def _cell_is_empty(parts, data, sample) -> bool:
    inside = sample.copy()
    for part in parts:
        if part.level is None:
            continue  # a continuous part of the interaction: the cell is the factors' levels
        if "." in part.var or part.var not in data.varnames or data.is_string(part.var):
            return False
        values = np.asarray(data.df[part.var], float)
        inside &= values == float(part.level)
    return not inside.any()
