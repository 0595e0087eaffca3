"""Stata text for the data-management reports (``duplicates report``, ``codebook``,
Stata 13's ``table``); every number and text comes ready in the result objects."""
from __future__ import annotations

from mlmcli.results.data_management import DuplicatesReport


def duplicates_title(varlist_text: str) -> str:
    """``Duplicates in terms of all variables`` / ``... in terms of x y``, after a blank line."""
    return "\nDuplicates in terms of " + (varlist_text or "all variables")


def render_duplicates_report(report: DuplicatesReport) -> str:
    rule = "-" * 38
    lines = [rule, "   copies | observations       surplus", "----------+" + "-" * 27]
    for copies, obs, surplus in report.rows:
        lines.append(f"{copies:>9,} | {obs:>12,} {surplus:>13,}")
    lines.append(rule)
    return "\n".join(lines)
