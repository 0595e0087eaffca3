"""``teffects ra|ipw`` as Stata prints it (_teffects_replay.ado; [TE] teffects ra, ipw).

```

Iteration 0:   EE criterion =  7.878e-24
Iteration 1:   EE criterion =  8.468e-26

Treatment-effects estimation                    Number of obs      =      4642
Estimator      : regression adjustment
Outcome model  : linear
Treatment model: none
------------------------------------------------------------------------------
             |               Robust
     bweight |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
-------------+----------------------------------------------------------------
ATE          |
     mbsmoke |
    (smoker  |
          vs |
  nonsmoker) |  -239.6392   23.82402   -10.06   0.000    -286.3334    -192.945
...
```
The title, ``Number of obs`` at column 49 and ``=`` at column 67 (the ado's {col}s), N %10.0f
(Stata 13: no thousands comma, a decision); the model lines with the colon at column 16.  The
table is _coef_table's ``versus`` layout: an equation name, the treatment variable's heading,
then one row per level: ``(j vs c)`` for an effect, or, when that is wider than the column,
``(j``, ``vs``, ``c)`` on three lines, each text cut to the column with ``..``.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import ci_header, name_column
from mlmcli.render.iteration_log import iteration_line
from mlmcli.render.numfmt import format_number, format_within
from mlmcli.results.mixed import CoefRow
from mlmcli.results.treatment_effects import TreatmentEffectsResult

S = 12  # the name column


def render_iteration_log(criteria) -> str:
    """gmm's ``Iteration n:   EE criterion = ...`` lines (the shared iteration-line layout)."""
    return "\n".join(iteration_line(i, v, "EE criterion") for i, v in enumerate(criteria))


def render_header(r: TreatmentEffectsResult) -> list[str]:
    return ["Treatment-effects estimation".ljust(48) + "Number of obs".ljust(18) + "= "
            + format_number(r.nobs, "%10.0f"),
            "Estimator      : " + r.estimator,
            "Outcome model  : " + r.outcome_model,
            "Treatment model: " + r.treatment_model]


def _numbers(row: CoefRow) -> str:
    if row.base or row.omitted:
        return format_number(0, "%9.0g").rjust(11) + "  " + ("(base)" if row.base else "(omitted)")
    return (format_number(row.coef, "%9.0g").rjust(11) + format_number(row.se, "%9.0g").rjust(11)
            + format_within(row.stat, "%8.2f").rjust(9) + format_number(row.p, "%5.3f").rjust(8)
            + format_number(row.ci_lo, "%9.0g").rjust(13) + format_number(row.ci_hi, "%9.0g").rjust(12))


def _legend(row: CoefRow, eq: str) -> str:
    return format_number(row.coef, "%9.0g").rjust(11) + f"  _b[{eq}:{row.name}]"


def render_table(r: TreatmentEffectsResult, *, aequations: bool = False, coeflegend: bool = False) -> str:
    total = S + 66
    mid = "-" * (S + 1) + "+" + "-" * (total - S - 2)
    out = []
    if r.cluster is not None:
        n, var = r.cluster
        out.append(f"(Std. Err. adjusted for {format_number(n, '%9.0g').strip()} clusters in {var})".rjust(total))
    out.append("-" * total)
    head = abbrev(r.depvar, S).rjust(S) + " |"
    if coeflegend:
        out.append(head + "Coef.".rjust(11) + "  Legend")
    else:
        out.append(" " * S + " |" + " " * 15 + "Robust")
        out.append(head + "Coef.".rjust(11) + "Std. Err.".rjust(12) + "z".rjust(7) + "P>|z|".rjust(9)
                   + ci_header(r.level).rjust(total - len(head) - 39))
    numbers = (lambda row, eq: _legend(row, eq)) if coeflegend else (lambda row, eq: _numbers(row))
    for i, (eq, rows) in enumerate(r.effects):
        out.append(mid)
        out.append(abbrev(eq, S).ljust(S) + " |")
        out.append(abbrev(r.tvar, S).rjust(S) + " |")
        for er in rows:
            lines = [text.rjust(S - 1) + "  |" for text in er.texts]
            lines[-1] += numbers(er.row, eq)
            out += lines
    for eq, rows in (r.auxiliary if aequations else ()):
        out.append(mid)
        out.append(abbrev(eq, S).ljust(S) + " |")
        for texts, row in name_column(rows, S):
            if row is not None:
                texts[-1] += numbers(row, eq)
            out += texts
    out.append("-" * total)
    return "\n".join(out)


def render_treatment_effects(r: TreatmentEffectsResult, *, log: bool = True, aequations: bool = False,
                             coeflegend: bool = False) -> str:
    out = []
    if log and r.criteria:
        out += ["", render_iteration_log(r.criteria)]
    out += [""] + render_header(r) + [render_table(r, aequations=aequations, coeflegend=coeflegend)]
    return "\n".join(out)


def render_matching(r) -> str:
    """_teffects_replaym.ado's header: ``Number of obs`` and ``Matches: requested`` at column 48,
    ``min``/``max`` at 63, ``=`` at 67, the counts %10.0f; the table as ra's with ``AI Robust``."""
    def right(left: str, label: str, value: float, col: int = 48) -> str:
        return left.ljust(col - 1) + label.ljust(67 - col) + "= " + format_number(value, "%10.0f")

    out = ["", right("Treatment-effects estimation", "Number of obs", r.nobs),
           right("Estimator      : " + r.estimator, "Matches: requested", r.requested),
           right("Outcome model  : matching", "min", r.n_min, 63),
           right(r.last_label, "max", r.n_max, 63)]
    total = S + 66
    head = abbrev(r.depvar, S).rjust(S) + " |"
    out.append("-" * total)
    if r.vcetype:
        out.append(" " * S + " |" + " " * (14 + (9 - len(r.vcetype)) // 2) + r.vcetype)
    out.append(head + "Coef.".rjust(11) + "Std. Err.".rjust(12) + "z".rjust(7) + "P>|z|".rjust(9)
               + ci_header(r.level).rjust(total - len(head) - 39))
    out.append("-" * (S + 1) + "+" + "-" * (total - S - 2))
    eq, er = r.effect
    out += [abbrev(eq, S).ljust(S) + " |", abbrev(r.tvar, S).rjust(S) + " |"]
    lines = [text.rjust(S - 1) + "  |" for text in er.texts]
    lines[-1] += _numbers(er.row)
    out += lines + ["-" * total] + list(r.notes)
    return "\n".join(out)
