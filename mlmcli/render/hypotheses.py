"""``test`` and ``lincom`` as Stata prints them: the `` ( 1)  [eq]x = 0`` constraint
block, then the chi2 / F statistic (``test``) or a one-row coefficient table (``lincom``)."""
from __future__ import annotations

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.mixed import CoefRow
from mlmcli.results.postestimation import LincomResult, WaldTestResult


def render_constraint_lines(constraints: tuple[str, ...]) -> str:
    """The `` ( 1)  ...`` block (after a blank line)."""
    return "\n".join([""] + [f" ({i:2d})  {c}" for i, c in enumerate(constraints, start=1)])


def render_test(result: WaldTestResult, *, notest: bool = False) -> str:
    """``test``'s output: the constraints, dropped ones, then the statistic block
    (``notest``: the constraints only)."""
    if notest:
        return render_constraint_lines(result.constraints)
    lines = [render_constraint_lines(result.constraints)]
    for i in result.dropped:
        lines.append(f"       Constraint {i + 1} dropped")
    lines.append("")
    df, p = result.df, result.p
    if result.F is not None:
        lines.append(f"       F({df:3d},{format_number(result.df_r, '%6.0f')}) ={format_number(result.F, '%8.2f')}")
        lines.append(f"            Prob > F ={format_number(p, '%10.4f')}")
    else:
        lines.append(f"           chi2({df:3d}) ={format_number(result.chi2, '%8.2f')}")
        lines.append(f"         Prob > chi2 ={format_number(p, '%10.4f')}")
    return "\n".join(lines)


def render_lincom(result: LincomResult) -> str:
    """``lincom``'s output: the constraint, a blank line, the ``(1)`` row's table (t with df_r)."""
    row = CoefRow(name="(1)", coef=result.estimate, se=result.se, stat=result.stat, p=result.p,
                  ci_lo=result.ci_lo, ci_hi=result.ci_hi)
    table = render_coef_table((row,), result.depvar, level=result.level,
                              stat_label="t" if result.df_r else "z")
    return render_constraint_lines((result.constraint,)) + "\n\n" + table
