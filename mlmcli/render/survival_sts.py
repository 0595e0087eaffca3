"""Stata 13's text of ``sts list``: the Kaplan-Meier (or Nelson-Aalen) table, the at() listing
and compare's side-by-side columns, as sts.ado's List, Listat and Licompu print them (sts
test's tables: ``survival_sts_test``).  Numbers in, text out."""
from __future__ import annotations

import math

from mlmcli.render.numfmt import format_number

RULE = "-" * 79


def _fixed(value: float, width: int) -> str:
    return ("." if value is None or not math.isfinite(value) else f"{value:.4f}").rjust(width)


def _g(value: float, width: int) -> str:
    return format_number(value, f"%{width}.0g").rjust(width)


def _plain_header(function: str, level: float, enter: bool) -> list[str]:
    """sts.ado's List heading: Net over Lost unless enter (then an Enter column); the title
    (Survivor, Failure, Nelson-Aalen) over the function; the space before the interval by
    the length of the level as typed."""
    title = {"survival": "Survivor", "failure": "Failure", "na": "Nelson-Aalen"}[function]
    first = (" " * 11 + "Beg.").ljust(25) + ("" if enter else "Net")
    first = first.ljust(38 if function == "na" else 40) + title
    shown = f"{level:g}"
    spaces = {2: 5, 4: 3}.get(len(shown), 2)
    second = ("  Time    Total   Fail   Lost  " + ("Enter" if enter else "     ")).ljust(40)
    second += ("Cum. Haz." if function == "na" else "Function ") + "    Error" + " " * spaces + f"[{shown}% Conf. Int.]"
    return [first.ljust(54) + "Std.", second]


def _at_header(function: str, level: float) -> list[str]:
    title = {"survival": "Survivor", "failure": "Failure", "na": "Nelson-Aalen"}[function]
    first = (" " * 14 + "Beg.").ljust(38 if function == "na" else 40) + title
    second = "    Time     Total     Fail".ljust(40) + ("Cum. Haz." if function == "na" else "Function ")
    return [first.ljust(54) + "Std.", second + f"    Error     [{level:g}% Conf. Int.]"]


def render_sts_list(groups, failure: bool, level: float, at: bool, *, function: str | None = None,
                    enter: bool = False) -> str:
    """groups: (heading, rows); a row is (time, beg. total, fail, net lost, S, se, lb, ub) --
    net lost is None in an at() listing; with ``enter`` a ninth value, the number entering
    (Lost is then the number censored).  ``function``: survival, failure or na (cumhaz)."""
    function = function or ("failure" if failure else "survival")
    head = _at_header(function, level) if at else _plain_header(function, level, enter)
    out = ["", *head, RULE]
    for heading, rows in groups:
        if heading:
            out.append(heading)
        for row in rows:
            time, total, fail, lost, s, se, lb, ub = row[:8]
            if at:  # Listat: %8.0g "  " %8.0g " " %8.0g " " _skip(8) %11.4f
                left = _g(time, 8) + "  " + _g(total, 8) + " " + _g(fail, 8) + " " + " " * 8 + _fixed(s, 11)
            else:   # List: %6.0g " " %8.0g " " %6.0g " " %6.0g " " (%6.0g entered | 6 spaces) " " %11.4f
                left = (_g(time, 6) + " " + _g(total, 8) + " " + _g(fail, 6) + " " + _g(lost, 6) + " "
                        + (_g(row[8], 6) if enter else " " * 6) + " " + _fixed(s, 11))
            out.append(left + " " + _fixed(se, 9) + " " + _fixed(lb, 10) + " " + _fixed(ub, 9))
    out.append(RULE)
    if at:
        word = {"survival": "Survivor", "failure": "Failure", "na": "Nelson-Aalen"}[function]
        out += [f"Note:  {word} function is calculated over full data and evaluated at indicated",
                "       times; it is not calculated from aggregates shown at left."]
    return "\n".join(out)


def render_sts_compare(chunks, function: str, at, adjusted: bool = False) -> str:
    """sts.ado's Licompu: per block of at most six groups a title over the columns, a line per
    by() variable with the groups' values, then the function at each at() time side by side.
    chunks: (by_names, [per group: [value text per by() variable]], [per group: values at at]).
    ``adjusted`` (adjustfor()): the title "Adjusted Survivor Function" (Failure)."""
    title = compare_title(function, adjusted)
    out = []
    for by_names, texts, values in chunks:
        k = len(texts)
        wid = k * 11 - 5
        left = (wid - len(title)) // 2
        right = wid - len(title) - left
        out.append("")
        if left > 0 and right > 0:
            out.append(" " * 17 + "-" * left + title + "-" * right)
        else:
            out.append(" " * max(17 + wid - len(title), 0) + title)
        for v, name in enumerate(by_names):
            out.append(name.ljust(12) + "".join(t[v][:9].rjust(11) for t in texts))
        rule = "-" * (12 + k * 11)
        out.append(rule)
        for j, u in enumerate(at):
            out.append(("time" if j == 0 else "    ") + _g(u, 8) + "".join(_fixed(col[j], 11) for col in values))
        out.append(rule)
    return "\n".join(out)


def compare_title(function: str, adjusted: bool = False) -> str:
    """Licompu's ttl: "[Adjusted ]Survivor Function", "... Failure Function", "Nelson-Aalen Cum. Haz."."""
    word = {"survival": "Survivor", "failure": "Failure", "na": "Nelson-Aalen"}[function]
    return ("Adjusted " if adjusted else "") + word + (" Cum. Haz." if function == "na" else " Function")
