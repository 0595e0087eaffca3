"""``icc`` (Stata 13's icc.ado): the model lines, the targets/raters header, the ICC table,
the F test and the note.  Layout from the published [R] icc examples."""
from __future__ import annotations

from mlmcli.render.coef_table import level_text
from mlmcli.render.numfmt import format_number
from mlmcli.results.statistics import IccResult

_NOTE = ("Note: ICCs estimate correlations between individual measurements",
         "      and between average measurements made on the same target.")


def _at(line: str, col: int, text: str) -> str:
    return line.ljust(col - 1) + text


def render_icc(r: IccResult) -> str:
    out = ["", "Intraclass correlations", r.model, r.agreement, ""]
    out.append(_at(f"Random effects: {r.target}", 34, "Number of targets = " + format_number(r.n_targets, "%9.0f")))
    if r.rater is None:
        second = ""
    else:
        second = ("Fixed effects: " if r.raters_fixed else "Random effects: ") + r.rater
    out.append(_at(second, 34, "Number of raters  = " + format_number(r.n_raters, "%9.0f")))
    out.append("")
    lt = level_text(r.level)
    out.append("-" * 62)
    out.append(r.depvar[:20].rjust(20) + " |" + "ICC".rjust(11) + " " * (9 - len(lt)) + f"[{lt}% Conf. Interval]")
    out.append("-" * 21 + "+" + "-" * 40)
    for row in r.rows:
        out.append(row.label.rjust(20) + " |" + format_number(row.icc, r.fmt).rjust(11)
                   + format_number(row.lb, r.fmt).rjust(15) + format_number(row.ub, r.fmt).rjust(12))
    out.append("-" * 62)
    out.append("F test that")
    test = (f"  ICC=0.00: F({format_number(r.df1, '%9.1f').strip()}, {format_number(r.df2, '%9.1f').strip()})"
            f" = {format_number(r.F, '%9.2f').strip()}")
    out.append(_at(test, 46, "Prob > F = " + format_number(r.p, "%5.3f")))
    out += ["", *_NOTE]
    return "\n".join(out)
