"""Proportional reduction in variance components between two models (``estat pve``).

For each variance component present in both a reference model A and a model
B (same level, same parameter, plus the residual variance),

    PVE = (var_A - var_B) / var_A,

the "proportion of variance explained" of Raudenbush & Bryk (2002, eq. 4.12
and 4.20) and Snijders & Bosker (2012, sect. 7.1), which the handout reports
as the explained variation at each level.  Negative values mean the component
grew (possible when level-1 covariates are added; Snijders & Bosker 7.1).
"""
from __future__ import annotations

from mlmcli.results.multilevel_statistics import PVEResult, PVERow


def proportional_reduction(name_a: str, comps_a: list[tuple[str, str, float]],
                           name_b: str, comps_b: list[tuple[str, str, float]]) -> PVEResult:
    """Match components by (level, label); only variances (``var(...)``) are compared."""
    lookup_b = {(lev, lab): v for lev, lab, v in comps_b}
    rows = []
    for lev, lab, va in comps_a:
        if not lab.startswith("var(") or (lev, lab) not in lookup_b:
            continue
        vb = lookup_b[(lev, lab)]
        pve = (va - vb) / va if va != 0 else float("nan")
        rows.append(PVERow(lev, lab, va, vb, pve))
    return PVEResult(name_a, name_b, tuple(rows))
