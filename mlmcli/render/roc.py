"""``roctab``'s tables, laid out as roctab.ado (Stata's MYDIspl and MYDETail programs;
a copy of Stata's ado tree: github:opensafely-core/cohort-extractor bin/ado/base/r/roctab.ado)
and the [R] roctab manual's output (hanley data: 109, 0.8932, 0.0307, 0.83295, 0.95339)."""
from __future__ import annotations

import math

from mlmcli.render.numfmt import format_number


def _at(line: str, col: int, text: str) -> str:
    """``_col(col)`` then ``text`` (1-based column)."""
    return line.ljust(col - 1) + text


def render_roc_area(result, level_text: str) -> str:
    """The ROC area table: Obs, Area, Std. Err. and the interval."""
    se_type = {"hanley": "Hanley"}.get(result.se_method, "      ")
    ci_type = "-- Binomial Exact --" if result.ci_method == "binomial" else "-Asymptotic Normal--"
    spaces = {2: "      ", 4: "    "}.get(len(level_text), "   ")
    head = _at(_at(_at("", 23, "ROC"), 32, se_type), 46, ci_type)
    row = _at("", 5, format_number(result.n, "%10.0fc"))
    row = _at(row, 18, format_number(result.area, "%8.4f"))
    row = _at(row, 31, format_number(result.se, "%8.4f"))
    row = _at(row, 46, format_number(result.lb, "%8.5f"))
    row = _at(row, 58, format_number(result.ub, "%8.5f"))
    return "\n".join(["", head.rstrip(),
                      f"           Obs       Area     Std. Err.{spaces}[{level_text}% Conf. Interval]",
                      "     " + "-" * 60, row])


def render_roc_detail(result, cut_texts: list[str]) -> str:
    """``detail``: sensitivity, specificity, correctly classified and likelihood ratios at
    each cutpoint; ``cut_texts`` are the ratings as shown (value labels, or values)."""
    def fmt(value: float, spec: str) -> str:
        return format_number(value, spec) if not math.isnan(value) else ""

    lines = ["", "Detailed report of sensitivity and specificity", "-" * 78,
             " " * 42 + " Correctly",
             "Cutpoint      Sensitivity   Specificity   Classified          LR+          LR-", "-" * 78]
    last = ""
    for k, cut in enumerate(result.cutpoints):
        if k < len(cut_texts):
            last = cut_texts[k] if len(cut_texts[k]) <= 7 else cut_texts[k][:5] + ".."
            label = f"( >= {last} )"
        else:
            label = f"( >  {last} )"
        line = _at(label, 17, format_number(cut.sensitivity, "%8.2f") + "%")
        line = _at(line, 31, format_number(cut.specificity, "%8.2f") + "%")
        line = _at(line, 44, format_number(cut.correct, "%8.2f") + "%")
        line = _at(line, 58, fmt(cut.lr_pos, "%8.4f"))
        line = _at(line, 71, fmt(cut.lr_neg, "%8.4f"))
        lines.append(line.rstrip())
    lines += ["-" * 78, ""]
    return "\n".join(lines)
