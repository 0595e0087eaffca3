"""Text of ``estat classification`` (lstat.ado), ``estat gof`` (lfit.ado) and ``lroc`` in
Stata 13's layout; the numbers come computed (``mlmcli.postest.binary_fit``)."""
from __future__ import annotations

from mlmcli.render.numfmt import format_number


def _f(value, fmt: str) -> str:
    return format_number(value, fmt)


def cutoff_text(cutoff: float) -> str:
    """The cutoff as syntax's ``real`` option holds it (``.5``)."""
    return format_number(cutoff, "%18.0g").strip()


def render_classification(model: str, depvar: str, t, pct: dict, cutoff: str) -> str:
    a, b, c, d = t.a, t.b, t.c, t.d
    g = lambda v: _f(v, "%9.0g")  # noqa: E731
    rule = "-" * 11 + "+" + "-" * 26 + "+" + "-" * 11
    lines = ["", f"{model} model for {depvar}", "",
             " " * 14 + "-" * 8 + " True " + "-" * 8,
             "Classified |" + " " * 9 + "D" + " " * 12 + "~D  |" + " " * 6 + "Total",
             rule,
             "     +     | " + g(a) + " " * 5 + g(b) + "  |  " + g(a + b),
             "     -     | " + g(c) + " " * 5 + g(d) + "  |  " + g(c + d),
             rule,
             "   Total   | " + g(a + c) + " " * 5 + g(b + d) + "  |  " + g(a + b + c + d),
             "", f"Classified + if predicted Pr(D) >= {cutoff}", f"True D defined as {depvar} != 0",
             "-" * 50]

    def row(label: str, condition: str, key: str) -> str:
        return f"{label:<32}{condition}{_f(pct[key], '%8.2f')}%"
    lines += [row("Sensitivity", "Pr( +| D)", "P_p1"), row("Specificity", "Pr( -|~D)", "P_n0"),
              row("Positive predictive value", "Pr( D| +)", "P_1p"),
              row("Negative predictive value", "Pr(~D| -)", "P_0n"), "-" * 50,
              row("False + rate for true ~D", "Pr( +|~D)", "P_p0"),
              row("False - rate for true D", "Pr( -| D)", "P_n1"),
              row("False + rate for classified +", "Pr(~D| +)", "P_0p"),
              row("False - rate for classified -", "Pr( D| -)", "P_1n"), "-" * 50,
              f"{'Correctly classified':<41}{_f(pct['P_corr'], '%8.2f')}%", "-" * 50]
    return "\n".join(lines)


def _divided_list(headers: list[str], rows: list[list[str]]) -> list[str]:
    """``list ..., noobs divider`` (numbers right-aligned; the table's lines)."""
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    inner = sum(widths) + 3 * (len(widths) - 1) + 2
    out = ["  +" + "-" * inner + "+",
           "  | " + " | ".join(h.rjust(w) for h, w in zip(headers, widths)) + " |",
           "  |" + "+".join("-" * (w + 2) for w in widths) + "|"]
    out += ["  | " + " | ".join(c.rjust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    out.append("  +" + "-" * inner + "+")
    return out


def render_gof(model: str, depvar: str, fit, n: int, group: int, p_value: float, table: bool,
               patterns=None) -> str:
    """lfit.ado's display: the title, the collapsed-table notes, the table, the test."""
    lines = ["", f"{model} model for {depvar}, goodness-of-fit test"]
    m = len(fit.groups)
    pending = None  # a line ended by the next display (lfit's ``_c``)
    if group:
        lines.append("")
        pending = "  (Table collapsed on quantiles of estimated probabilities)"
        if m < group:
            lines.append(pending)
            pending = f"  (There are only {m} distinct quantiles because of ties)"
        if not table:
            lines.append(pending)
            pending = None
    if table:
        lines.append(pending if pending is not None else "")
        rows = [[_f(g.number, "%6.0f").strip(), _f(g.prob, "%8.4f").strip(), _f(g.observed, "%9.0g").strip(),
                 _f(g.expected, "%9.1f").strip(), _f(g.total - g.observed, "%9.0g").strip(),
                 _f(g.total - g.expected, "%9.1f").strip(), _f(g.total, "%9.0g").strip()] for g in fit.groups]
        lines += _divided_list(["Group", "Prob", "Obs_1", "Exp_1", "Obs_0", "Exp_0", "Total"], rows)
        if not group and patterns and patterns[0]:
            names, values = patterns
            lines.append("")
            lines += _divided_list(["Group", "Prob"] + names,
                                   [[r[0], r[1]] + v for r, v in zip(rows, values)])
    lines += ["", " " * 7 + "number of observations = " + _f(n, "%9.0g")]
    if group:
        lines.append(" " * 13 + "number of groups = " + _f(m, "%9.0g"))
        name = "Hosmer-Lemeshow"
    else:
        lines.append(" number of covariate patterns = " + _f(m, "%9.0g"))
        name = "Pearson"
    label = f"{name} chi2({fit.df})"
    lines.append(" " * max(29 - len(label), 0) + label + " = " + _f(fit.chi2, "%12.2f"))
    lines.append(" " * 18 + "Prob > chi2 = " + _f(p_value, "%14.4f"))
    return "\n".join(lines)


def render_lroc(model: str, depvar: str, n: int, area: float) -> str:
    return "\n".join(["", f"{model} model for {depvar}", "",
                      "number of observations = " + _f(n, "%8.0f"),
                      "area under ROC curve   = " + _f(area, "%8.4f")])


def render_survey_gof(model: str, depvar: str, fit) -> str:
    """estat gof after svy in _svy_gof_hl.ado's layout: the title, then the label right-aligned
    to column 29 with its value in %12.2f and ``Prob > F =`` (``Prob > chi2 =``) after 21 (18)
    blanks with the p-value in %14.4f."""
    if fit.is_chi2:
        label, p_label = f"chi2({_whole(fit.df1)})", " " * 18 + "Prob > chi2 = "
    else:
        label, p_label = f"F({_whole(fit.df1)},{_whole(fit.df2)})", " " * 21 + "Prob > F = "
    return "\n".join(["", f"{model} model for {depvar}, goodness-of-fit test", "",
                      " " * max(29 - len(label), 0) + label + " = " + _f(fit.statistic, "%12.2f"),
                      p_label + _f(fit.p, "%14.4f")])


def render_svylogitgof(fit) -> str:
    """svylogitgof's lines: mlmcli's own (the ado-file was not found to read its layout)."""
    label = f"F-adjusted test statistic F({_whole(fit.df1)},{_whole(fit.df2)})"
    return "\n".join(["", f"Archer-Lemeshow F-adjusted mean residual test, {fit.groups} groups", "",
                      f"     {label} = " + _f(fit.statistic, "%9.4f"),
                      " " * (5 + len(label) - len("P-value")) + "P-value = " + _f(fit.p, "%9.4f")])


def _whole(value: float) -> str:
    """A df as a local macro holds it (``9``, ``15.5``)."""
    return _f(value, "%18.0g").strip()
