"""``estimates table``: coefficients (b, se, t or z, p) of several result sets side by side.

Equations and coefficient names appear in first-seen order over the models; a
model lacking a coefficient has an empty cell.  p = 2 P(|T| > |b/se|) with T
Student's t on e(df_r) degrees of freedom when the model has them, else normal.
"""
from __future__ import annotations

import numpy as np

from mlmcli.estimation.criteria import stat_value
from mlmcli.syntax.coefnames import parse_coef_name, split_eq


def _cells(e) -> dict:
    """(equation, name) -> EstTableCell of one result set."""
    from scipy import stats as st

    from mlmcli.results.postestimation import EstTableCell

    coefs = e.coefficients()
    b = coefs.b
    se = np.sqrt(np.maximum(np.diag(coefs.V), 0))
    df_r = e.residual_df()
    out = {}
    for j, full in enumerate(coefs.names):
        name = parse_coef_name(full)
        z = b[j] / se[j] if se[j] > 0 else np.nan
        p = float(2 * (st.t.sf(abs(z), df_r) if df_r else st.norm.sf(abs(z)))) if np.isfinite(z) else np.nan
        out[split_eq(full)] = EstTableCell(float(b[j]), float(se[j]), float(z), p, omitted=name.is_omitted,
                                           base=name.is_base_or_omitted and not name.is_omitted)
    return out


def estimates_table(models, *, show: tuple[str, ...], star: bool, star_levels: tuple[float, float, float],
                    keep: list[str], drop: list[str], stats: list[str], formats: dict):
    """The ``EstimatesTableResult`` of ``models`` ((name, EstimationResults) pairs);
    ``keep``/``drop``: coefficient names (``x``) or full names (``eq:x``); ``formats``:
    the ``b_format`` ... ``stats_format`` fields (validated %fmts or None)."""
    from mlmcli.results.postestimation import EstimatesTableResult, EstTableEquation, EstTableRow

    per_model = [_cells(e) for _, e in models]
    order: list[str] = []
    names_by_eq: dict[str, list[str]] = {}
    for cells in per_model:
        for eq, nm in cells:
            if eq not in names_by_eq:
                names_by_eq[eq] = []
                order.append(eq)
            if nm not in names_by_eq[eq]:
                names_by_eq[eq].append(nm)
    equations = []
    for eq in order:
        rows = []
        for nm in names_by_eq[eq]:
            full = f"{eq}:{nm}"
            if (keep and nm not in keep and full not in keep) or nm in drop or full in drop:
                continue
            rows.append(EstTableRow(nm, tuple(cells.get((eq, nm)) for cells in per_model)))
        if rows:
            equations.append(EstTableEquation(eq if len(order) > 1 and eq else None, tuple(rows)))
    stat_rows = tuple((s, tuple(stat_value(e, s) for _, e in models)) for s in stats)
    return EstimatesTableResult(models=tuple(n for n, _ in models), equations=tuple(equations),
                                stats=stat_rows, show=show, star=star, star_levels=star_levels, **formats)
