"""Stata 13's text of ``sts test``: the tables of logrank.ado, wilc_st.ado, tware_st.ado,
peto_st.ado, fh_st.ado (events observed and expected, the weighted sums "Sum of ranks") and
ctst_st.ado (relative hazards, the LR chi2), stratified or not, and _sttrend's test for trend.
Numbers in, text out."""
from __future__ import annotations

import math

from mlmcli.render.numfmt import format_number

TITLES = {"logrank": "log-rank", "wilcoxon": "Wilcoxon (Breslow)", "tware": "Tarone-Ware", "peto": "Peto-Peto",
          "fh": "Fleming-Harrington"}


def table_width(ttl: str, labels) -> int:
    """The ados' label column: max(heading, labels, 5) + 1."""
    return max(len(ttl), *(len(label) for label in labels), 5) + 1


def test_title(kind: str, stratified: bool) -> str:
    if kind == "cox":
        return ("Stratified Cox" if stratified else "Cox") + " regression-based test for equality of survival curves"
    name = TITLES[kind]
    if not stratified:
        name = name[0].upper() + name[1:]
    return ("Stratified " if stratified else "") + name + " test for equality of survivor functions"


def _g(value: float, width: int = 10) -> str:
    return format_number(float(value), f"%{width}.0g").rjust(width)


def _f(value: float, decimals: int, width: int = 10) -> str:
    return ".".rjust(width) if value is None or not math.isfinite(value) else f"{value:{width}.{decimals}f}"


def render_rank_table(kind: str, ttl: str, labels, result, strata_text: str = "") -> list[str]:
    """The table and chi2 lines (no title) of one call of the ado; ``strata_text``: the strata()
    variables of a stratified test."""
    stratified = bool(strata_text)
    width = table_width(ttl, labels)
    extra = kind != "logrank"
    rule = "-" * width + "+" + "-" * (38 if extra else 25)
    star = "(*)"
    third = {"cox": ("       Relative", "hazard"), "logrank": ("", "")}.get(kind, ("        Sum of", "ranks"))
    head2 = ttl.ljust(width) + "|  observed    " + ("expected(*)" if stratified else "   expected")
    if extra:  # the ado's " hazard" / "  ranks", or "hazard(*)" / "ranks(*)"
        head2 += "      " + (third[1] + star if stratified else third[1].rjust(7))
    out = ["", " " * (width - 1) + " |   Events         Events" + third[0], head2, rule]
    for k, label in enumerate(labels):
        row = label.ljust(width) + "|" + _g(result.observed[k]) + "     " + _f(result.expected[k], 2)
        if kind == "cox":
            row += "   " + _f(result.hazard[k], 4)
        elif extra:
            row += "   " + _g(result.u[k])
        out.append(row)
    total = float(sum(result.observed))
    out += [rule, "Total".ljust(width) + "|" + _g(total) + "     " + _f(total, 2)
            + ("   " + _f(1.0, 4) if kind == "cox" else "   " + _g(0) if extra else "")]
    if stratified:
        out += ["", f"(*) sum over calculations within {strata_text}"]
    pad = width + 7
    pad1 = pad - (result.df >= 10)
    label = f"chi2({result.df}) = "
    if kind == "cox":
        pad1 = max(pad1 - 5, 1)
        label = "  LR " + label
    out += ["", " " * (pad1 - 1) + label + _f(result.chi2, 2), " " * (pad - 1) + "Pr>chi2 = " + _f(result.p, 4)]
    return out


def render_trend(chi2: float, p: float, width: int, df: int) -> list[str]:
    """_sttrend's lines, at the columns of the test above them."""
    pad = width + 7
    pad1 = pad - (df >= 10)
    return ["", "Test for trend of survivor functions", "",
            " " * (pad1 - 1) + "chi2(1) = " + _f(chi2, 2), " " * (pad - 1) + "Pr>chi2 = " + _f(p, 4)]


