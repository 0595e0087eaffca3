"""sktest's and ladder's tables, laid out as Stata's sktest.ado and ladder.ado draw them (a copy
of Stata's ado tree: github:opensafely-core/cohort-extractor bin/ado/base/s/sktest.ado,
bin/ado/base/l/ladder.ado)."""
from __future__ import annotations

import math

from mlmcli.render.numfmt import format_number


def _at(line: str, col: int, text: str) -> str:
    return line.ljust(col - 1) + text


def _num(value: float, fmt: str) -> str:
    return format_number(value, fmt) if not math.isnan(value) else format_number(float("nan"), fmt)


def render_sktest(rows, adjust: bool) -> str:
    """rows: (abbreviated name, SkewKurtTest)."""
    lines = ["", " " * 20 + "Skewness/Kurtosis tests for Normality",
             " " * 58 + "------ joint ------",
             "    Variable |        Obs  Pr(Skewness)  Pr(Kurtosis) " + ("adj" if adjust else "   ")
             + " chi2(2)   Prob>chi2",
             "-" * 13 + "+" + "-" * 63]
    for name, t in rows:
        line = f"{name:>12} |"
        line = _at(line, 16, format_number(float(t.n), "%10.0fc"))
        line = _at(line, 31, _num(t.p_skew, "%5.4f"))
        line = _at(line, 45, _num(t.p_kurt, "%5.4f"))
        line = _at(line, 54, _num(t.chi2, "%9.2f"))
        line = _at(line, 72, _num(t.p_chi2, "%6.4f"))
        lines.append(line)
    return "\n".join(lines)


def render_ladder(rungs, name: str) -> str:
    """rungs: (words, formula, SkewKurtTest or None) in ladder order."""
    lines = ["", _at(_at(_at("Transformation", 24, "formula"), 46, "chi2(2)"), 60, "P(chi2)"), "-" * 66]
    for words, formula, t in rungs:
        line = _at(words, 24, formula.format(v=name))
        if t is None:
            line = _at(_at(line, 51, "."), 64, ".")
        else:
            line = _at(_at(line, 43, format_number(t.chi2, "%9.2f")), 60, format_number(t.p_chi2, "%5.3f"))
        lines.append(line)
    return "\n".join(lines)
