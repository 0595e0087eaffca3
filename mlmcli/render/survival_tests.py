"""The tables of ``estat phtest`` (stphtest.ado's layout) and ``estat concordance``
(stcstat.ado's lines) from ``mlmcli.results.survival_tests``."""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
from mlmcli.results.survival_tests import ConcordanceResult, PhTestResult

_RULE = "      " + "-" * 64
_MID = "      " + "-" * 12 + "+" + "-" * 51


def _at(line: str, col: int, text: str) -> str:
    """``text`` from 1-based column ``col`` (Stata's _col(): no move backwards)."""
    return line + " " * max(col - 1 - len(line), 0) + text


def _row(label: str, rho: str, chi2: float, df: int, p: float) -> str:
    line = _at("      " + label, 19, "|")
    if rho:
        line = _at(line, 25, rho)
    line = _at(line, 37, format_number(chi2, "%9.2f"))
    line = _at(line, 50, format_number(float(df), "%5.0f"))
    return _at(line, 64, format_number(p, "%5.4f"))


def render_phtest(r: PhTestResult) -> str:
    lines = ["", "      Test of proportional-hazards assumption", "", f"      Time:  {r.title}", _RULE]
    if r.rows:
        lines += ["                  |       rho            chi2       df       Prob>chi2", _MID]
        lines += [_row(abbrev(row.name, 12), format_number(row.rho, "%8.5f"), row.chi2, row.df, row.p)
                  for row in r.rows]
    else:
        lines.append("                  |                      chi2       df       Prob>chi2")
    lines += [_MID, _row("global test", "", r.chi2, r.df, r.p), _RULE]
    if r.robust:
        lines += ["", "note: robust variance-covariance matrix used."]
    return "\n".join(lines)


def _equals(label: str, col: int, value: str) -> str:
    return _at(label, col, " = ") + value


def render_concordance(r: ConcordanceResult) -> str:
    lines: list[str] = []
    h = r.harrell
    if h is not None:
        lines += ["", "  Harrell's C concordance statistic"]
        if r.sample_note:
            lines.append("  (note: different samples used to fit model and to calculate C statistic)")
        lines.append("")
        if h.pairs is not None:
            lines += [_equals("  Number of subjects (N)", 38, format_number(float(h.n), "%8.0f")),
                      _equals("  Number of comparison pairs (P)", 38, format_number(h.pairs, "%8.0f")),
                      _equals("  Number of orderings as expected (E)", 38, format_number(h.expected, "%8.0f")),
                      _equals("  Number of tied predictions (T)", 38, format_number(h.tied, "%8.0f")), ""]
            lines.append(_equals(" " * 10 + "Harrell's C = (E + T/2) / P", 38, format_number(h.c, "%8.4g")))
        else:
            lines.append(_equals(" " * 26 + "Harrell's C", 38, format_number(h.c, "%8.4g")))
        label = " " * 19 + "Somers' D = 2C - 1" if h.with_gheller else " " * 28 + "Somers' D"
        lines.append(_equals(label, 38, format_number(2 * (h.c - 0.5), "%8.4g")))
    g = r.gheller
    if g is not None:
        lines += ["", "  Gonen and Heller's K concordance statistic"]
        if r.sample_note:
            lines += ["  ", "  (note: different samples used to fit model and to calculate K statistic)"]
        col = 38 if g.wide_labels else len("Gonen and Heller's K") + 11
        dk = "Somers' D = 2K - 1" if g.wide_labels else "Somers' D"
        lines += ["", _equals("  Number of subjects (N)", col, format_number(float(g.n), "%8.0f")), "",
                  _equals("Gonen and Heller's K".rjust(col - 1), col, format_number(g.k, "%8.4g")),
                  _equals(dk.rjust(col - 1), col, format_number(2 * g.k - 1, "%8.4g"))]
        if g.se is not None:
            lines += [_equals("Gonen's smoothed K".rjust(col - 1), col, format_number(g.smoothed, "%8.4g")),
                      _equals("Asymptotic SE".rjust(col - 1), col, format_number(g.se, "%8.4g"))]
    return "\n".join(lines)
