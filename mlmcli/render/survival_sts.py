"""Stata 13's text of ``sts list`` (the Kaplan-Meier table) and ``sts test`` (the log-rank or
Wilcoxon table): numbers in, text out."""
from __future__ import annotations

import math

from mlmcli.render.numfmt import format_number

RULE = "-" * 79


def _num(value: float, width: int) -> str:
    return format_number(value, "%8.0g").strip().rjust(width)


def _fixed(value: float, width: int) -> str:
    return ("." if value is None or not math.isfinite(value) else f"{value:.4f}").rjust(width)


def _function_header(first: str, second: str, failure: bool, level: float) -> list[str]:
    word = "Failure" if failure else "Survivor"
    return [(first.ljust(40) + word).ljust(54) + "Std.",
            second + "Function     Error     [" + f"{level:g}% Conf. Int.]"]


def render_sts_list(groups, failure: bool, level: float, at: bool) -> str:
    """groups: (heading, rows); a row is (time, beg. total, fail, net lost, S, se, lb, ub) --
    net lost is None in an at() listing."""
    if at:
        head = _function_header(" " * 14 + "Beg.", "    Time     Total     Fail             ", failure, level)
    else:
        head = _function_header(" " * 11 + "Beg.          Net",
                                "  Time    Total   Fail   Lost           ", failure, level)
    out = ["", *head, RULE]
    for heading, rows in groups:
        if heading:
            out.append(heading)
        for time, total, fail, lost, s, se, lb, ub in rows:
            if at:
                left = _num(time, 8) + _num(total, 10) + _num(fail, 9)
            else:
                left = _num(time, 6) + _num(total, 9) + _num(fail, 7) + _num(lost, 7)
            out.append(left + _fixed(s, 48 - len(left)) + _fixed(se, 10) + _fixed(lb, 11) + _fixed(ub, 10))
    out.append(RULE)
    if at:
        word = "Failure" if failure else "Survivor"
        out += [f"Note:  {word} function is calculated over full data and evaluated at indicated",
                "       times; it is not calculated from aggregates shown at left."]
    return "\n".join(out)


def render_sts_test(title: str, varname: str, labels, observed, expected, chi2: float, df: int, p: float,
                    ranks=None) -> str:
    """The table of ``sts test``: events observed and expected by group (and the Wilcoxon's
    sums of ranks), the total, chi2 and p."""
    width = max(11, *(len(label) for label in labels), len(varname))
    extra = 13 if ranks is not None else 0
    bar = "-" * (width + 1) + "+" + "-" * (25 + extra)
    out = ["", title, "", " " * (width + 1) + "|   Events         Events" + ("        Sum of" if extra else ""),
           varname.ljust(width + 1) + "|  observed       expected" + ("        ranks" if extra else ""), bar]
    for k, (label, obs, exp) in enumerate(zip(labels, observed, expected)):
        out.append(label.ljust(width + 1) + "|" + _num(obs, 10) + f"{exp:15.2f}"
                   + (_num(round(ranks[k], 6), 13) if extra else ""))
    out += [bar, "Total".ljust(width + 1) + "|" + _num(sum(observed), 10) + f"{sum(expected):15.2f}"
            + (_num(0, 13) if extra else ""), "",
            " " * 18 + f"chi2({df}) =" + f"{chi2:11.2f}",
            " " * 18 + "Pr>chi2 =" + f"{p:11.4f}"]
    return "\n".join(out)
