"""Text of the st tools (stsplit's failure-time list; stptime, strate, stci, ltable tables)."""
from __future__ import annotations

from mlmcli.render.numfmt import format_number


def render_failure_times(groups: list, linesize: int) -> str:
    """stsplit, at(failures) list: the failure times in %9.0g columns, per stratum when there
    are strata (stsplit.ado's AtFailures); a blank line after the single list."""
    ncol = max(1, (linesize - 1) // 9)
    lines: list[str] = []
    for i, times in enumerate(groups):
        if len(groups) > 1:
            lines += ["", f"stratum {i + 1}"]
            if not len(times):
                lines.append(" " * 8 + "no failures")
                continue
        cells = [format_number(float(v), "%9.0g").rjust(9) for v in times]
        lines += ["".join(cells[j:j + ncol]) for j in range(0, len(cells), ncol)]
    if len(groups) == 1:
        lines.append("")
    return "\n".join(lines)
