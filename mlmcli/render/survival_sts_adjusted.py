"""Stata's text of ``sts list, adjustfor()`` (sts.ado's List and Listata): the adjusted
survivor (or failure) function at every distinct time of each group, or at the at() times,
and the closing line "Survivor function adjusted for varlist".  Numbers in, text out."""
from __future__ import annotations

import math

from mlmcli.render.numfmt import format_number


def _fixed(value) -> str:
    return ("." if value is None or not math.isfinite(value) else f"{value:.4f}").rjust(11)


def render_sts_list_adjusted(groups, failure: bool, adjust: list[str], at: bool) -> str:
    """groups: (heading, rows), a row (time, function value)."""
    word = "Failure" if failure else "Survivor"
    blank = " " if failure else ""
    if at:  # Listata
        out = ["", " " * 18 + "Adjusted", f"    Time    {blank}{word} Function", "-" * 29]
        width, rule = 8, "-" * 29
    else:
        out = ["", " " * 15 + "Adjusted", f"  Time    {blank}{word} Function", "-" * 27]
        width, rule = 6, "-" * 27
    for heading, rows in groups:
        if heading:
            out.append(heading)
        for time, value in rows:
            out.append(format_number(time, f"%{width}.0g").rjust(width) + "     " + _fixed(value))
    out += [rule, f"{word} function adjusted for {' '.join(adjust)}"]
    return "\n".join(out)
