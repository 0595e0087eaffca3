"""mfp's text (mfp_10.ado's displays): the selection log of each cycle (FracSel's heading,
test rows and Final lines, TestVars's row, "[x included with 1 df in model]"), the cycle and
convergence lines, and FracRep's table of the final model.  Takes ``multivariable_fp`` results."""
from __future__ import annotations

from mlmcli.render.display_columns import DisplayLine
from mlmcli.render.fracpoly import powers_text
from mlmcli.render.numfmt import fmt


def _powers(p) -> str:
    return "." if p is None else powers_text(p)


def _short(name: str) -> str:
    return name if len(name) <= 12 else name[:9] + "..."


def render_initial(deviance: float, nobs: int) -> str:
    return f"\nDeviance for model with all terms untransformed = {fmt(deviance, '%9.3f')}, {nobs} observations"


def render_step(step) -> str:
    """One covariate's part of a cycle (``multivariable_fp.Selection``)."""
    if step.included:
        return f"[{step.name} included with 1 df in model]\n"
    lines = []
    if step.header:
        lines.append(DisplayLine().add("Variable").col(14).add("Model").col(20).add("(vs.)").col(28).add("Deviance")
                     .col(38).add("Dev diff.   P      Powers   (vs.)").text)
        lines.append("-" * 70)
    for row in step.rows:
        line = DisplayLine()
        if row.kind == "linear":
            line.add(_short(row.name)).col(14).add(row.model).col(21).add(row.versus).col(27)
            line.add(fmt(row.deviance, "%9.3f")).col(38)
            line.add(fmt(row.difference, "%8.3f") + fmt(row.p, "%7.3f") + row.star).col(57).add(".").col(67).add("1")
        else:
            line.add(_short(row.name)).col(14).add(row.model).col(21).add(row.versus).col(26)
            line.add(fmt(row.deviance, "%10.3f")).col(38)
            line.add(fmt(row.difference, "%8.3f") + fmt(row.p, "%7.3f") + (row.star or " ")).col(57)
            versus = row.versus_powers
            line.add(_powers(row.powers)).col(67).add("" if versus is None else versus if versus == "." else _powers(versus))
        lines.append(line.text.rstrip())
    final = DisplayLine().col(14).add("Final")
    if step.kind == "linear":
        final.col(27).add(fmt(step.deviance, "%9.3f"))
    else:
        final.col(28).add(fmt(step.deviance, "%8.3f"))
    lines.append(final.col(57).add(_powers(step.powers)).text)
    lines.append("")
    return "\n".join(lines)


def render_cycles(run) -> str:
    """Every cycle's steps, the End of Cycle lines of an unstable cycle, and the convergence line
    (more than one covariate)."""
    out = []
    ncov = None
    for number, cycle in enumerate(run.cycles, start=1):
        out.append("")
        for step in cycle.steps:
            out.append(render_step(step))
        ncov = len(cycle.steps)
        if not cycle.stable:
            out.append("-" * 70 + f"\nEnd of Cycle {number}: deviance =   {fmt(cycle.deviance, '%9.3f')}\n" + "-" * 70)
    if ncov and ncov > 1:
        count = len(run.cycles)
        head = "Fractional polynomial fitting algorithm converged" if run.stable else "No convergence"
        out.append(f"\n{head} after {count} cycle{'s' if count != 1 else ''}.")
    if run.stable:
        out.append("\nTransformations of covariates:\n")
    return "\n".join(out)


def render_final_table(depvar: str, rows) -> str:
    """FracRep's table: ``rows`` of (name, initial df, select, alpha, final powers or None, final df)."""
    width = max([len("Powers")] + [len(_powers(r[4])) for r in rows]) + 48
    rule = "-" * 13
    lines = ["", f"Final multivariable fractional polynomial model for {depvar}", rule + "+" + "-" * width]
    lines.append(DisplayLine().add("    Variable |").col(19).add("-----").col(24).add("Initial").col(31).add("-----")
                 .col(46).add("-----").col(51).add("Final").col(56).add("-----").text)
    lines.append(DisplayLine().col(14).add("|   df  ").col(25).add("Select").col(34).add("Alpha").col(43).add("Status")
                 .col(51).add("  df  ").col(59).add("Powers").text)
    lines.append(rule + "+" + "-" * width)
    for name, df0, select, alpha, powers, df1 in rows:
        shown = name if len(name) < 12 else name[:9] + "..."
        line = DisplayLine().add(" " * max(12 - len(shown), 0) + shown + " |").col(19).add(str(df0)).col(24)
        line.add(_level(select)).col(33).add(_level(alpha)).col(45)
        if powers is None:
            line.add("out").col(53).add("0").col(59)
        else:
            line.add("in").col(53).add(str(df1)).col(59).add(powers_text(powers))
        lines.append(line.text.rstrip())
    lines.append(rule + "+" + "-" * width)
    return "\n".join(lines)


def _level(value: float) -> str:
    return " A.I.C." if value == -1 else fmt(value, "%7.4f")


def render_deviance(deviance: float) -> str:
    return "Deviance:" + fmt(deviance, "%9.3f") + "."
