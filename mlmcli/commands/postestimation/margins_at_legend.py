"""margins' at() scenarios as it shows and stores them: the header's at() legend (Stata's
AtLegend: one block per at() row, by over() group, with (asbalanced), (asobserved) and the
statistic of each value), r(at) (a row per at() and over() cell), and the at() variables
that vary across the rows, which label the rows of the table."""
from __future__ import annotations

import numpy as np

from mlmcli.render.numfmt import format_number
from mlmcli.results.margins import LegendLine
from mlmcli.results.matrix import Matrix


def _value_text(v: float) -> str:
    return format_number(v, "%9.0g").strip()


def at_legend(plan, terms, *, over: list[str], over_labels=None, vsquish: bool) -> tuple[tuple, bool]:
    """The header's at() blocks (Stata's AtLegend) and whether they are squished."""
    records = plan.records
    n_rows = len({k for k, _, _ in records})
    k_by = len({o for _, o, _ in records})
    blocks = []
    by_at: dict = {}
    for k, okey, rec in records:
        by_at.setdefault(k, []).append((okey, rec))
    for k, groups in by_at.items():
        title = "at" if k is None else f"{k}._at"
        lines: list[LegendLine] = []
        indent = "    " if k_by > 1 else ""
        for okey, rec in groups:
            if k_by > 1:
                group = "#".join(f"{int(v) if float(v).is_integer() else v}.{var}" for var, v in zip(over, okey))
                lines.append(LegendLine(title if not lines else "", group))
            stats = [s for s in rec.stats]
            if all(s == "asobserved" for s in stats):
                lines.append(LegendLine(title if not lines else "", indent + "(asobserved)"))
                continue
            flush = n_rows == 1 and not [s for s in stats if s not in ("asbalanced", "asobserved")]
            seen_bal: set = set()
            for (name, var, lev), val, stat in zip(terms.atoms, rec.values, stats):
                if stat == "asbalanced":
                    if var in seen_bal:
                        continue
                    seen_bal.add(var)
                    text = var.ljust(16) + "  " + ("" if flush else " " * 12) + " (asbalanced)"
                elif np.isnan(val):
                    continue
                elif lev is not None and stat in ("value", "values", "base"):
                    if val == 0:
                        continue
                    text = var.ljust(16) + "= " + _value_text(lev).rjust(11)
                else:
                    shown = name.replace("b.", ".") if lev is not None else (name if len(name) <= 12 else
                                                                            name[:10] + "~" + name[-1])
                    text = shown.ljust(16) + "= " + _value_text(val).rjust(11)
                    if stat not in ("value", "values", "zero", "asobserved", ""):
                        text += f" ({stat})"
                lines.append(LegendLine(title if not lines else "", indent + text))
        blocks.append(tuple(lines))
    squish = vsquish or n_rows == 1
    return tuple(blocks), squish


def at_matrix(plan, terms, over: list[str]) -> Matrix:
    rows, stats = [], []
    names = []
    for k, okey, rec in plan.records:
        rows.append(rec.values)
        parts = ([f"{k}._at"] if k is not None else []) + [f"{int(v)}.{var}" for var, v in zip(over, okey)]
        names.append("#".join(parts) if parts else "r1")
        stats.append(rec.stats)
    return Matrix(np.array(rows, float), tuple(names), tuple(n for n, _, _ in terms.atoms))


def at_dimensions(plan, scenarios) -> tuple[dict, tuple[str, ...]]:
    """For each at() row number, the values of the at() variables that vary across rows."""
    if len(scenarios) < 2:
        return {}, ()
    specs = [sc.as_dict() for sc in scenarios]
    varying = []
    for var in specs[0]:
        vals = {sp.get(var) for sp in specs}
        if len(vals) > 1 and all(v is not None and v[0] == "value" for v in vals):
            varying.append(var)
    return {k + 1: tuple((var, specs[k][var][1], _value_text(specs[k][var][1])) for var in varying)
            for k in range(len(specs))}, tuple(varying)
