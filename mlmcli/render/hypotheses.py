"""``test``, ``lincom`` and ``nlcom`` as Stata prints them: the `` ( 1)  [eq]x = 0`` constraint
block, then the chi2 / F statistic (``test``) or a one-row coefficient table (``lincom``)."""
from __future__ import annotations

import math

from mlmcli.render.coef_table import render_coef_table
from mlmcli.render.numfmt import format_number
from mlmcli.results.mixed import CoefRow
from mlmcli.results.postestimation import LincomResult, NlcomResult, WaldTestResult


def render_constraint_lines(constraints: tuple[str, ...]) -> str:
    """The `` ( 1)  ...`` block (after a blank line)."""
    return "\n".join([""] + [f" ({i:2d})  {c}" for i, c in enumerate(constraints, start=1)])


def render_test(result: WaldTestResult, *, notest: bool = False) -> str:
    """``test``'s output: the constraints, dropped ones, then the statistic block
    (``notest``: the constraints only)."""
    if notest:
        return render_constraint_lines(result.constraints)
    lines = ([""] + [result.heading] if result.heading else []) + [render_constraint_lines(result.constraints)]
    for i in result.dropped:
        lines.append(f"       Constraint {i + 1} dropped")
    lines.append("")
    df, p = result.df, result.p
    if result.mtest is not None:
        lines.append(mtest_table(result))
        return "\n".join(lines)
    if result.F is not None:
        # a non-integer denominator DF (mixed's dfmethod()) keeps two decimals
        ddf = format_number(result.df_r, "%6.0f" if float(result.df_r).is_integer() else "%8.2f")
        lines.append(f"       F({df:3d},{ddf}) ={format_number(result.F, '%8.2f')}")
        lines.append(f"            Prob > F ={format_number(p, '%10.4f')}")
    else:
        lines.append(f"           chi2({df:3d}) ={format_number(result.chi2, '%8.2f')}")
        lines.append(f"         Prob > chi2 ={format_number(p, '%10.4f')}")
    return "\n".join(lines)


def mtest_table(result: WaldTestResult) -> str:
    """test.ado's mtest table: one row per constraint (statistic, df, p -- adjusted unless
    noadjust -- and ``#``), then ``all`` (the joint test) and _mtest's footer; rows with a DF of
    their own (``test, small`` after mixed's dfmethod(): WaldTest_ddf) add a ddf column."""
    f = format_number
    with_ddf = any(row.ddf is not None for row in result.mtest)
    if with_ddf:
        head, tail = "F(df, ddf)", "     df     ddf       p"
    else:
        head = "chi2" if result.F is None else f"F(df,{f(result.df_r, '%9.0g').strip()})"
        tail = "     df       p"

    def middle(ddf):  # between df and p
        return "   " + f(ddf, "%6.2f") + "   " if with_ddf else " " * 5

    width = 39 + (7 if with_ddf else 0)
    rule, edge = "-" * 7 + "+" + "-" * (width - 8), "-" * width  # in a text log {c TT}/{c BT} print as -
    out = [edge, "       |" + head.rjust(12) + tail, rule]
    for i, row in enumerate(result.mtest, start=1):
        p = row.p if row.adjusted_p is None else row.adjusted_p
        out.append(f"  ({i})".ljust(7) + "|   " + f(row.stat, "%9.2f") + " " + f(row.df, "%6.0f")
                   + middle(row.ddf) + f(p, "%6.4f") + " #")
    joint = result.chi2 if result.F is None else result.F
    out += [rule, "  all  |   " + f(joint, "%9.2f") + " " + f(result.df, "%6.0f") + middle(result.df_r)
            + f(result.p, "%6.4f"), edge]
    method = result.mtest_method
    what = "unadjusted" if method == "noadjust" else method[0].upper() + method[1:] + "-adjusted"
    out.append(f"# {what} p-values".rjust(width))
    return "\n".join(out)


def render_lincom(result: LincomResult, eform_label: str | None = None, formats: dict | None = None) -> str:
    """``lincom``'s output: the constraint, a blank line, the ``(1)`` row's table (t with df_r).
    ``eform_label`` (``Odds Ratio``, ``IRR`` ...): the row exponentiated under that heading;
    ``formats``: the table's cformat/sformat/pformat (None: Stata's defaults)."""
    row = CoefRow(name="(1)", coef=result.estimate, se=result.se, stat=result.stat, p=result.p,
                  ci_lo=result.ci_lo, ci_hi=result.ci_hi)
    if eform_label:
        e = math.exp(result.estimate)
        row = CoefRow(name="(1)", coef=e, se=e * result.se, stat=result.stat, p=result.p,
                      ci_lo=math.exp(result.ci_lo), ci_hi=math.exp(result.ci_hi))
    table = render_coef_table((row,), result.depvar, level=result.level,
                              stat_label="t" if result.df_r else "z", **(formats or {}))
    if eform_label:  # the Coef. heading (11 columns after the name column's " |")
        lines = table.split("\n")
        at = next(i for i, line in enumerate(lines) if "Coef." in line)
        cut = lines[at].index(" |") + 2
        lines[at] = lines[at][:cut] + eform_label.rjust(11) + lines[at][cut + 11:]
        table = "\n".join(lines)
    return render_constraint_lines((result.constraint,)) + "\n\n" + table


def render_nlcom(result: NlcomResult) -> str:
    """``nlcom``: a line per transformation (its name right-aligned in 12 columns, ``:``, the
    expression as typed), a blank line, then the coefficient table, as Stata 13 prints::

               _nl_1:  _b[z1] / _b[z2]

        ------------------------------------------------------------------------------
                 lny |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]
    """
    table = render_coef_table(result.rows, result.depvar, level=result.level, stat_label=result.stat_label,
                              cformat=result.cformat, sformat=result.sformat, pformat=result.pformat,
                              nolstretch=result.nolstretch)
    if not result.header:
        return table
    lines = [f"{name:>12}:  {exp}" for name, exp in zip(result.names, result.expressions)]
    return "\n".join(lines) + "\n\n" + table
