"""Stata 13's output of ``sem`` and ``gsem`` (observed-variable path models).

sem: the variable listing (``Endogenous variables`` / ``Exogenous variables``), the
iteration log under ``Fitting target model:``, the header (``Structural equation model``,
``Estimation method  = ml``, ``Log likelihood     = ``), the table with a ``Structural``
section holding one ``  y <-`` block per equation, the error variances (no z and P, the
interval on the log scale) and ``LR test of model vs. saturated``.  gsem: the iteration
log, ``Generalized structural equation model`` with ``Log likelihood = ``, one ``y <-``
block per equation, latent (co)variances and error variances.  The name column is 12
wide, widened to the longest label.
"""
from __future__ import annotations

from mlmcli.render.coef_table import ci_header
from mlmcli.render.iteration_log import iteration_line
from mlmcli.render.numfmt import format_number
from mlmcli.results.sem import SEMResult, SEMRow

RIGHT = 66


def _width(res: SEMResult) -> int:
    labels = [r.label for _, rows in res.equations for r in rows]
    labels += [r.label for g in res.variance_groups for r in g]
    labels += [f"  {eq} <-" for eq, _ in res.equations]
    return min(max([12] + [len(s) for s in labels]), 32)


def _numbers(row: SEMRow) -> str:
    if row.constrained:
        return format_number(row.coef, "%9.0g").rjust(11) + "  (constrained)"
    text = format_number(row.coef, "%9.0g").rjust(11) + format_number(row.se, "%9.0g").rjust(11)
    if row.variance:
        text += " " * 17
    else:
        text += format_number(row.z, "%8.2f").rjust(9) + format_number(row.p, "%5.3f").rjust(8)
    return text + format_number(row.lo, "%9.0g").rjust(13) + format_number(row.hi, "%9.0g").rjust(12)


def _table(res: SEMResult) -> list[str]:
    s = _width(res)
    total = s + RIGHT
    out: list[str] = []
    if res.cluster is not None:
        n, var = res.cluster
        out.append(f"(Std. Err. adjusted for {format_number(n, '%9.0g').strip()} clusters in {var})".rjust(total))
    out.append("-" * total)
    if res.command == "sem" or res.vcetype:
        out.append(" " * s + " |" + " " * 17 + (res.vcetype or "OIM"))
    head = " " * s + " |" + "Coef.".rjust(11) + "Std. Err.".rjust(12) + "z".rjust(7) + "P>|z|".rjust(9)
    out.append(head + ci_header(res.level).rjust(total - len(head)))
    rule = "-" * (s + 1) + "+" + "-" * (total - s - 2)
    out.append(rule)
    indent = "  " if res.command == "sem" else ""
    if res.command == "sem":
        out.append("Structural".ljust(s) + " |")
    for i, (eq, rows) in enumerate(res.equations):
        if i > 0:
            out.append(("  " + "-" * (s - 1) if indent else "-" * (s + 1)) + "+" + "-" * (total - s - 2))
        out.append(f"{indent}{eq} <-".ljust(s) + " |")
        for row in rows:
            if row.constrained:
                out.append(" " * s + " |")
                out.append(row.label.rjust(s) + " |" + _numbers(row))
                out.append(" " * s + " |")
            else:
                out.append(row.label.rjust(s) + " |" + _numbers(row))
    for group in res.variance_groups:
        out.append(rule)
        for row in group:
            out.append(row.label.rjust(s) + " |" + _numbers(row))
    out.append("-" * total)
    return out


def _log(res: SEMResult) -> list[str]:
    if res.nolog:
        return []
    lines: list[str] = []
    if res.command == "sem":
        lines += ["Fitting target model:", ""]
    elif res.fixed_loglik is not None:
        lines += ["Fitting fixed-effects model:", "", iteration_line(0, res.fixed_loglik, "log likelihood"), "",
                  "Fitting full model:", ""]
    else:
        lines.append("")
    lines += [iteration_line(i, v, "log likelihood") for i, v in enumerate(res.iterations)]
    return lines + [""]


def render_sem(res: SEMResult, *, replay: bool = False) -> str:
    """The whole output; ``replay`` (the command typed alone, ``estimates replay``): the
    header and table only, as Stata replays them."""
    out: list[str] = []
    if res.command == "sem" and not replay:
        out += ["", "Endogenous variables", "", "Observed:  " + " ".join(res.endogenous)]
        if res.exogenous:
            out += ["", "Exogenous variables", "", "Observed:  " + " ".join(res.exogenous)]
        out.append("")
    if not replay:
        out += _log(res)
    n = format_number(res.n, "%9.0g").strip()
    ll = format_number(res.loglik, "%10.0g").strip()
    if res.command == "sem":
        out.append("Structural equation model".ljust(48) + "Number of obs      = " + n.rjust(9))
        out.append("Estimation method  = ml")
        out.append("Log likelihood     = " + ll)
    else:
        out.append("Generalized structural equation model".ljust(48) + "Number of obs      = " + n.rjust(9))
        out.append("Log likelihood = " + ll)
    out.append("")
    for i, text in enumerate(res.constraints, 1):
        out.append(f" ({i:2d})  {text}")
    out += _table(res)
    if res.lr_saturated is not None:
        chi2, df, p = res.lr_saturated
        left = "LR test of model vs. saturated: " + f"chi2({df})".ljust(10)
        out.append(left + "= " + format_number(chi2, "%9.2f").rjust(9)
                   + ", Prob > chi2 = " + format_number(p, "%6.4f").rjust(6))
    return "\n".join(out)
