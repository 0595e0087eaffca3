"""Stata 13's output of ``sem`` and ``gsem`` (observed-variable path models).

sem: the variable listing (``Endogenous variables`` / ``Exogenous variables``), the
iteration log under ``Fitting target model:``, the header (``Structural equation model``,
``Estimation method  = ml``, ``Log likelihood     = ``), the table with a ``Structural``
section holding one ``  y <-`` block per equation, the error variances (no z and P, the
interval on the log scale) and ``LR test of model vs. saturated``.  gsem: the iteration
log, ``Generalized structural equation model`` with ``Log likelihood = ``, one ``y <-``
block per equation, latent (co)variances and error variances.  The name column stays 12
wide: longer labels are abbreviated (``var(e.job_~k)|`` runs up to the bar) or wrap.
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import ci_header
from mlmcli.render.iteration_log import iteration_line
from mlmcli.render.numfmt import format_number
from mlmcli.results.sem import SEMResult, SEMRow

RIGHT = 66


def _label(text: str, s: int) -> str:
    """A label in the name column: right-aligned before `` |``; one character longer runs
    up to the ``|`` (``var(e.job_~k)|`` in Stata's sem output)."""
    return text.rjust(s) + " |" if len(text) <= s else text.rjust(s + 1)[: s + 1] + "|"


def _parameter_labels(text: str, s: int) -> list[str]:
    """The label lines of a variance or covariance row: ``var(e.NAME)`` with NAME
    abbreviated to fit s + 1 columns; a longer label wraps after ``var(`` or after the
    comma of ``cov(A,B)`` (the last line carries the numbers)."""
    if len(text) <= s + 1:
        return [_label(text, s)]
    if text.startswith("var(e."):
        inner = abbrev(text[6:-1], s + 1 - 7)
        if len(inner) + 7 <= s + 1:
            return [_label(f"var(e.{inner})", s)]
    head, sep, tail = (text.partition(",") if text.startswith("cov(") else (text[:4], "", text[4:]))
    return [_label(abbrev(head + sep, s), s), _label(abbrev(tail, s + 1), s)]


def _equation_label(eq: str, indent: str, s: int) -> str:
    text = f"{indent}{eq} <-"
    if len(text) > s + 1:
        text = f"{indent}{abbrev(eq, s + 1 - len(indent) - 3)} <-"
    return text.ljust(s) + " |" if len(text) <= s else text.ljust(s + 1) + "|"


def _numbers(row: SEMRow, fmts: tuple[str, str, str] = ("%9.0g", "%8.2f", "%5.3f")) -> str:
    """A row's numbers in ``fmts`` (cformat, sformat, pformat: sem_display's _coef_table)."""
    c, s, p = fmts
    if row.constrained:
        return format_number(row.coef, c).rjust(11) + f"  ({row.note})"
    text = format_number(row.coef, c).rjust(11) + format_number(row.se, c).rjust(11)
    if row.variance:
        text += " " * 17
    else:
        text += format_number(row.z, s).rjust(9) + format_number(row.p, p).rjust(8)
    return text + format_number(row.lo, c).rjust(13) + format_number(row.hi, c).rjust(12)


def coefficient_table(res: SEMResult, fmts: tuple[str, str, str] = ("%9.0g", "%8.2f", "%5.3f")) -> list[str]:
    s = 12  # Stata's sem keeps the 78-column table and abbreviates the labels
    total = s + RIGHT
    out: list[str] = []
    if res.cluster is not None:
        n, var = res.cluster
        out.append(f"(Std. Err. adjusted for {format_number(n, '%9.0g').strip()} clusters in {var})".rjust(total))
    out.append("-" * total)
    if res.command == "sem" or res.vcetype:
        out.append(" " * s + " |" + " " * 17 + (res.vcetype or "OIM"))
    head = ("Standardized" if res.standardized else " " * s) + " |" + "Coef.".rjust(11) + "Std. Err.".rjust(12) + "z".rjust(7) + "P>|z|".rjust(9)
    out.append(head + ci_header(res.level).rjust(total - len(head)))
    rule = "-" * (s + 1) + "+" + "-" * (total - s - 2)
    out.append(rule)
    indent = "  " if res.command == "sem" else ""
    measurement = set(res.measurement)
    for i, (eq, rows) in enumerate(res.equations):
        section = "Measurement" if eq in measurement else "Structural"
        opens = res.command == "sem" and (i == 0 or (section == "Measurement") != (res.equations[i - 1][0] in measurement))
        if opens and i > 0:
            out.append(rule)
        if opens:
            out.append(section.ljust(s) + " |")
        elif i > 0:
            out.append(("  " + "-" * (s - 1) if indent else "-" * (s + 1)) + "+" + "-" * (total - s - 2))
        if not rows:  # a multinomial response's base outcome
            out.append(eq.ljust(s) + " |  (base outcome)")
            continue
        out.append(_equation_label(eq, indent, s))
        blank = " " * s + " |"
        for k, row in enumerate(rows):
            label = _label(abbrev(row.label, s), s)
            if row.header:  # sem with group(): the parameter's line, its groups' rows below
                out.append(label)
            elif row.constrained and row.note == "constrained" and res.command == "gsem":
                # a loading: set off by blank lines, one between two
                out += ([] if out[-1] == blank else [blank]) + [label + _numbers(row, fmts)]
                out += [blank] if k + 1 < len(rows) else []
            else:
                out.append(label + _numbers(row, fmts))
    for group in res.variance_groups:
        out.append(rule)
        grouped = group[0].header  # sem with group(): a parameter's line, then its groups' rows
        for row in group:
            if grouped and not row.header:
                out.append(_label(abbrev(row.label, s), s) + _numbers(row, fmts))
                continue
            lines = _parameter_labels(row.label, s)
            out += lines if row.header else lines[:-1] + [lines[-1] + _numbers(row, fmts)]
    out.append("-" * total)
    return out


def _log(res: SEMResult) -> list[str]:
    if res.nolog:
        return []
    lines: list[str] = []
    word = "log pseudolikelihood" if res.pseudo else "log likelihood"  # ml's word under vce(robust)
    if res.command == "sem":
        lines += ["Fitting target model:", ""]
    elif res.fixed_loglik is not None:
        fixed = res.fixed_iterations or (res.fixed_loglik,)
        lines += ["Fitting fixed-effects model:", ""]
        lines += [iteration_line(i, v, word) for i, v in enumerate(fixed)]
        lines += ["", "Fitting full model:", ""]
    else:
        lines.append("")
    notes = res.iteration_notes
    lines += [iteration_line(i, v, word, notes[i] if i < len(notes) else "") for i, v in enumerate(res.iterations)]
    if not res.converged:
        lines.append("convergence not achieved")
    return lines + [""]


def render_sem(res: SEMResult, *, replay: bool = False, cformat: str | None = None,
               sformat: str | None = None, pformat: str | None = None) -> str:
    """The whole output; ``replay`` (the command typed alone, ``estimates replay``): the
    header and table only, as Stata replays them.  ``cformat``/``sformat``/``pformat``: the
    table's formats (None: %9.0g, %8.2f, %5.3f)."""
    out: list[str] = []
    if res.variable_lists is not None and not replay:
        # sem's describe lines ({p 0 indent 2}): every kind's names start in one column, two
        # past the longest "Kind:" shown; long lists wrap under it, within 78 columns
        indent = max(len(kind) for _, kinds in res.variable_lists for kind, _ in kinds) + 3
        for heading, kinds in res.variable_lists:
            out += ["", heading, ""]
            for kind, names in kinds:
                line = f"{kind}:".ljust(indent)
                for name in names:
                    if len(line) + len(name) + (0 if line.endswith(" ") else 1) > 78 and line.strip():
                        out.append(line.rstrip())
                        line = " " * indent
                    line += name if line.endswith(" ") else " " + name
                out.append(line)
        out.append("")
    elif res.command == "sem" and not replay:
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
        if res.grouping is not None:
            gvar, count = res.grouping
            out.append(f"Grouping variable  = {gvar}".ljust(48) + "Number of groups   = " + str(count).rjust(9))
        out.append(f"Estimation method  = {res.method}")
        out.append("Log likelihood     = " + ll)
    else:
        out.append("Generalized structural equation model".ljust(48) + "Number of obs      = " + n.rjust(9))
        out.append(("Log pseudolikelihood = " if res.pseudo else "Log likelihood = ") + ll)
    out.append("")
    for i, text in enumerate(res.constraints, 1):
        out.append(f" ({i:2d})  {text}")
    out += coefficient_table(res, (cformat or "%9.0g", sformat or "%8.2f", pformat or "%5.3f"))
    if any(row.label == "[*]" for _, rows in res.equations for row in rows) or any(
            row.label == "[*]" for group in res.variance_groups for row in group):
        out += ["Note: [*] identifies parameter estimates constrained to be equal across", "      groups."]
    if res.lr_saturated is not None:
        chi2, df, p = res.lr_saturated
        left = "LR test of model vs. saturated: " + f"chi2({df})".ljust(10)
        out.append(left + "= " + format_number(chi2, "%9.2f").rjust(9)
                   + ", Prob > chi2 = " + format_number(p, "%6.4f").rjust(6))
    return "\n".join(out)
