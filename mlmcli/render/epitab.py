"""The tables of Stata's epitab 2x2 commands (``cs``/``csi``, ``cc``/``cci``), laid out as
csi.ado, cci.ado, _cci.ado and _crc4fld.ado (a copy of Stata's ado tree:
github:opensafely-core/cohort-extractor bin/ado/base/c/csi.ado and neighbours) and the
[ST] epitab manual's examples.  SMCL box characters print as in mlm's logs ("+")."""
from __future__ import annotations

import math
import textwrap

from mlmcli.render.numfmt import format_number


def _g(value: float) -> str:
    return format_number(value, "%9.0g")


def _at(line: str, col: int, text: str) -> str:
    return line.ljust(col - 1) + text


def four_fold(cells, stub: str, rows: tuple[str, str], proportion: bool) -> list[str]:
    """_crc4fld: the counts with their totals; ``stub`` (the exposure's label) heads the
    columns; ``proportion`` adds cci's "Proportion Exposed" column."""
    a, b, c, d = cells
    lines = []
    pieces = textwrap.wrap(stub, 23) if stub else []
    for piece in pieces:
        lines.append(_at(" " * 17 + "| " + piece, 43, "|"))
    rule_width = 24 if proportion else 12
    if proportion and not pieces:
        lines.append(" " * 56 + " Proportion")
    elif proportion:
        lines[-1] += " " * 13 + "Proportion"
    total = " Total     Exposed" if proportion else " Total"
    lines.append(" " * 17 + "|   Exposed   Unexposed  |     " + total)
    rule = "-" * 17 + "+" + "-" * 24 + "+" + "-" * rule_width
    lines.append(rule)

    def row(label: str, x, y) -> str:
        text = label[:16].rjust(16) + " | " + _g(x) + "   " + _g(y) + "  |  " + _g(x + y)
        if proportion:
            text += " " + format_number(x / (x + y) if x + y else math.nan, "%12.4f")
        return text

    lines += [row(rows[0], a, b), row(rows[1], c, d), rule, row("Total", a + c, b + d)]
    return lines


def _interval_head(level_text: str) -> str:
    spaces = {2: "    ", 4: "  "}.get(len(level_text), " ")
    return " " * 17 + "|      Point estimate    |" + spaces + f"[{level_text}% Conf. Interval]"


def _estimate_row(label: str, est, label_text: str | None = None) -> str:
    line = _at(label.rjust(16) + " | ", 27, _g(est.value))
    line = _at(line, 43, "|   " + _g(est.lb) + "   " + _g(est.ub))
    tag = est.label if label_text is None else label_text
    return (line + " " + tag).rstrip()


def _point_row(label: str, value: float) -> str:
    return _at(_at(label.rjust(16) + " | ", 27, _g(value)), 43, "|")


def _tests(result, chi2_col: int) -> list[str]:
    if not math.isnan(result.p_exact):
        return [" " * 34 + "1-sided Fisher's exact P =" + format_number(result.p1_exact, "%7.4f"),
                " " * 34 + "2-sided Fisher's exact P =" + format_number(result.p_exact, "%7.4f")]
    return [" " * (chi2_col - 1) + "chi2(1) =" + format_number(result.chi2, "%9.2f")
            + "  Pr>chi2 =" + format_number(result.p, "%7.4f")]


def render_cohort(result, level_text: str, stub: str = "") -> str:
    """csi's table (cs gives the exposure's label as ``stub``)."""
    a, b, c, d = result.cells
    n1, n0, t = a + c, b + d, a + b + c + d
    risk = lambda x, y: x / y if y else math.nan  # noqa: E731
    bars = " " * 17 + "|" + " " * 24 + "|"
    lines = [""] + four_fold(result.cells, stub, ("Cases", "Noncases"), False)
    lines += [bars,
              "            Risk | " + _g(risk(a, n1)) + "   " + _g(risk(b, n0)) + "  |  " + _g(risk(a + b, t)),
              bars, _interval_head(level_text), " " * 17 + "+" + "-" * 24 + "+" + "-" * 24,
              _estimate_row("Risk difference", result.rd), _estimate_row("Risk ratio", result.rr)]
    head = " Attr. frac." if result.attributable else " Prev. frac."
    lines += [_estimate_row(head + " ex.", result.afe), _point_row(head + " pop", result.afp)]
    if result.odds is not None:
        lines.append(_estimate_row("Odds ratio", result.odds))
    lines.append(" " * 17 + "+" + "-" * 24 + "+" + "-" * 24)
    lines += _tests(result, 32)
    return "\n".join(line.rstrip() for line in lines)


def render_case_control(result, level_text: str, stub: str = "", note: str = "") -> str:
    """cci's table: the exact interval's layout (no leading blank line, a "+" under the
    heading) or _cci's for cornfield, woolf and tb."""
    exact_ci = result.odds.label == "(exact)"
    head_rule = " " * 17 + ("+" if exact_ci else "|") + "-" * 24 + "+" + "-" * 24
    lines = ([] if exact_ci else [""]) + four_fold(result.cells, stub, ("Cases", "Controls"), True)
    lines += [" " * 17 + "|" + " " * 24 + "|", _interval_head(level_text), head_rule,
              _estimate_row("Odds ratio", result.odds)]
    head = " Attr. frac." if result.attributable else " Prev. frac."
    lines += [_estimate_row(head + " ex.", result.afe), _point_row(head + " pop", result.afp),
              " " * 17 + "+" + "-" * 24 + "+" + "-" * 24]
    lines += _tests(result, 32)
    if note:
        lines += ["", " " + note]
    return "\n".join(line.rstrip() for line in lines)


def render_strata(result, by_label: str, level_text: str, crude, crude_tag: str, *,
                  case_control: bool, show_crude: bool = True, show_tests: bool = True) -> str:
    """cc's and cs's stratified table (cc.ado; cs.ado's dispcs): cc's numbers sit one column
    further left, and its homogeneity chi2 is %8.2f where cs's is %9.3f."""
    lead, gap = ("  ", "     ") if case_control else ("   ", "    ")

    def row(label: str, est, tail: str = "") -> str:
        line = label[:16].rjust(16) + " |" + lead + _g(est.value) + gap + _g(est.lb) + "  " + _g(est.ub)
        return (line + tail).rstrip()

    head = by_label[:16].rjust(16) + " |"
    head = _at(_at(head, 25 if result.measure == "IRR" else 26, result.measure), 37 - len(level_text),
               f"[{level_text}% Conf. Interval]   M-H Weight")
    rule = "-" * 17 + "+" + "-" * 49
    lines = ["", head, rule]
    for stratum in result.strata:
        lines.append(row(stratum.label, stratum.estimate, "    " + _g(stratum.weight) + " " + stratum.estimate.label))
    lines.append(rule)
    if show_crude:
        lines.append(_at(row("Crude", crude), 69, crude_tag) if crude_tag else row("Crude", crude))
    if result.pooled is not None:
        lines.append(row("Pooled (direct)", result.pooled))
    mh = row("M-H combined", result.combined)
    lines.append(_at(mh, 69, result.combined.label) if result.combined.label else mh)
    if show_tests:
        lines.append(rule)
        for test in result.tests:
            if test.df <= 0:
                continue
            tail = "  Pr>chi2 = " + format_number(test.p, "%6.4f")
            if result.measure == "IRR":   # ir.ado's own line
                lines.append(" Test of homogeneity " + ("(M-H)    " if test.name == "M-H" else "(direct) ")
                             + f"chi2({test.df}) = " + format_number(test.chi2, "%9.2f") + tail)
                continue
            stat = (") = " + format_number(test.chi2, "%8.2f")) if case_control else \
                (") =" + format_number(test.chi2, "%9.3f"))
            lines.append(_at(f"Test of homogeneity ({test.name})", 32, f"chi2({test.df}" + stat + tail))
    if result.measure == "OR":
        lines += ["", " " * 19 + "Test that combined OR = 1:",
                  " " * 32 + "Mantel-Haenszel chi2(1) =" + format_number(result.mh_chi2, "%10.2f"),
                  " " * 48 + "Pr>chi2 =" + format_number(result.mh_p, "%10.4f")]
    return "\n".join(lines)



def render_matched_pairs(result, level_text: str) -> str:
    """mcci's table: the pairs, McNemar's tests, the proportions with the factor and the odds
    ratio (mcci.ado)."""
    a, b, c, d = result.cells
    lines = [""] + four_fold_matched(result.cells)
    lines += ["", "McNemar's chi2(1) = " + format_number(result.chi2, "%9.2f") + "    Prob > chi2 ="
              + format_number(result.p, "%7.4f"),
              "Exact McNemar significance probability       =" + format_number(result.p_exact, "%7.4f")]
    spaces, width = {4: ("   ", 22), 5: ("  ", 23)}.get(len(level_text), ("     ", 20))
    lines += ["", "Proportion with factor",
              " " * 8 + "Cases      " + _g(result.p_cases),
              " " * 8 + "Controls   " + _g(result.p_controls) + spaces + f"[{level_text}% Conf. Interval]",
              " " * 19 + "-" * 9 + spaces + "-" * width]
    for label, est in (("difference ", result.difference), ("ratio      ", result.ratio),
                       ("rel. diff. ", result.relative_difference)):
        lines.append(" " * 8 + label + _g(est.value) + " " * 5 + _g(est.lb) + "  " + _g(est.ub))
    lines += ["", " " * 8 + "odds ratio " + _g(result.odds.value) + " " * 5 + _g(result.odds.lb) + "  "
              + _g(result.odds.ub) + "   " + result.odds.label]
    return "\n".join(line.rstrip() for line in lines)


def four_fold_matched(cells) -> list[str]:
    """_crc4fld with mcci's headings: Controls over the columns, Cases beside the rows."""
    lines = four_fold(cells, "Controls", ("Exposed", "Unexposed"), False)
    lines[1] = "Cases" + lines[1][5:]
    return lines


def render_incidence(result, level_text: str, stub: str = "", rows=("Cases", "Person-time")) -> str:
    """iri's table (iri.ado): cases and person-time, the rates, their difference and ratio,
    the fractions and the mid-p exact test."""
    a, b, n1, n0 = result.cells
    rate = lambda x, y: x / y if y else math.nan  # noqa: E731
    bars = " " * 17 + "|" + " " * 24 + "|"
    lines = [""] + four_fold(result.cells, stub, rows, False)[:-1]
    lines += [bars, "  Incidence rate | " + _g(rate(a, n1)) + "   " + _g(rate(b, n0)) + "  |  "
              + _g(rate(a + b, n1 + n0)), bars, _interval_head(level_text),
              " " * 17 + "+" + "-" * 24 + "+" + "-" * 24,
              _estimate_row(" Inc. rate diff.", result.difference),
              _estimate_row(" Inc. rate ratio", result.ratio)]
    head = " Attr. frac." if result.attributable else " Prev. frac."
    lines += [_estimate_row(head + " ex.", result.afe), _point_row(head + " pop", result.afp),
              " " * 17 + "+" + "-" * 24 + "+" + "-" * 24]
    k = f"{a:g}"
    lines += [_at(" " * 21 + f"(midp)   Pr(k{result.direction}{k}) =", 61, format_number(result.p, "%7.4f") + " (exact)"),
              _at(" " * 21 + f"(midp) 2*Pr(k{result.direction}{k}) =", 61,
                  format_number(2 * result.p, "%7.4f") + " (exact)")]
    return "\n".join(line.rstrip() for line in lines)


def render_odds_table(result, level_text: str, variable: str | None, labels: list[str],
                      ratios: list | None = None) -> str:
    """tabodds's table (tabodds.ado): with an exposure variable its levels, the tests of
    homogeneity and of trend; without one a single row.  ``ratios`` (option or): tab_or.ado's
    table of odds ratios against the base level in place of the odds."""
    spaces = {4: "    ", 5: "   "}.get(len(level_text), "      ")
    interval = f"[{level_text}% Conf. Interval]"
    if ratios is not None:
        return _odds_ratio_table(result, level_text, variable, labels, ratios)

    def numbers(row) -> str:
        return (_g(row.cases) + "    " + _g(row.controls) + "  " + format_number(row.odds, "%9.5f") + "      "
                + format_number(row.lb, "%9.5f") + " " + format_number(row.ub, "%9.5f"))

    if variable is None:
        rule = "   " + "-" * 61
        lines = ["", rule, " " + "        cases     controls       odds" + spaces + interval, rule]
        lines += [" " + "    " + numbers(row) for row in result.rows] + [rule]
        return "\n".join(lines)
    lines = ["", "-" * 12 + "+" + "-" * 61,
             abbreviate_label(variable).rjust(10) + "  |      cases     controls       odds" + spaces + interval,
             "-" * 12 + "+" + "-" * 61]
    for row, label in zip(result.rows, labels):
        lines.append(label.rjust(11) + " |  " + numbers(row))
    lines.append("-" * 12 + "+" + "-" * 61)
    return "\n".join(lines + _odds_tests(result))


def _odds_tests(result) -> list[str]:
    """tabodds.ado's test of homogeneity of the odds and score test for trend."""
    column = 35 + (result.df_hom >= 10) + (result.df_hom >= 100)
    return [f"Test of homogeneity (equal odds): chi2({result.df_hom})  = " + format_number(result.chi2_hom, "%8.2f"),
            " " * (column - 1) + "Pr>chi2  = " + format_number(result.p_hom, "%8.4f"), "",
            "Score test for trend of odds:     chi2(1)  = " + format_number(result.chi2_trend, "%8.2f"),
            " " * 34 + "Pr>chi2  = " + format_number(result.p_trend, "%8.4f")]


def _odds_ratio_table(result, level_text: str, variable: str, labels: list[str], ratios: list) -> str:
    """tab_or.ado's display (header in 13 + 61 columns; each row's label right-aligned to column
    12, the odds ratio right after the bar -- its _col(6) lies behind -- then chi2, p and the
    interval at columns 31, 45, 55 and 66), then tabodds.ado's two tests."""
    spaces = {2: "     ", 4: "   "}.get(len(level_text), "  ")
    lines = ["", "-" * 13 + "+" + "-" * 61,
             abbreviate_label(variable, 12).rjust(12) + " | " + " Odds Ratio       chi2       P>chi2" + spaces
             + f"[{level_text}% Conf. Interval]",
             "-" * 13 + "+" + "-" * 61]
    for r, label in zip(ratios, labels):
        line = label.rjust(12) + " |  " + format_number(r.odds, "%10.6f")
        line = _at(_at(_at(_at(line, 31, format_number(r.chi2, "%7.2f")), 45, format_number(r.p, "%5.4f")),
                       55, format_number(r.lb, "%10.6f")), 66, format_number(r.ub, "%10.6f"))
        lines.append(line)
    lines.append("-" * 13 + "+" + "-" * 61)
    return "\n".join(lines + _odds_tests(result))


def abbreviate_label(text: str, width: int = 9) -> str:
    """abbrev(text, 9): a longer text keeps its first width - 2 characters, "~" and its last."""
    return text if len(text) <= width else text[:width - 2] + "~" + text[-1]


def render_mh_odds(result, level_text: str, title: list[str], trend_of: str | None) -> str:
    """mhodds's lines (mhodds.ado: the title, the note on uninformative strata, MTAb2)."""
    lines = [""] + title
    if result.informative < result.strata:
        lines += ["", f"note: only {result.informative} of the {result.strata} strata formed in this analysis contribute",
                  "      information about the effect of the explanatory variable"]
    if trend_of is not None:
        lines += ["", "(The Odds Ratio estimate is an approximation to the odds ratio",
                  f"for a one unit increase in {trend_of})"]
    spaces = {4: "      ", 5: "     "}.get(len(level_text), "        ")
    rule = "    " + "-" * 64
    row = _at(_at(_at(_at(" " * 5 + format_number(result.odds, "%10.6f"), 20, format_number(result.chi2, "%7.2f")),
                      35, format_number(result.p, "%5.4f")), 48, format_number(result.lb, "%10.6f")),
              59, format_number(result.ub, "%10.6f"))
    lines += ["", rule, "     Odds Ratio    chi2(1)        P>chi2" + spaces + f"[{level_text}% Conf. Interval]",
              rule, row, rule]
    return "\n".join(lines)
