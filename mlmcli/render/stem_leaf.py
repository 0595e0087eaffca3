"""``stem``'s plot as stem.ado prints it: a blank line, the title (a variable label of more
than 49 characters on a line of its own), a blank line, the rounding notes, the lines."""
from __future__ import annotations

from mlmcli.results.stem_leaf import StemLeafPlot


def render_stem_leaf(plot: StemLeafPlot) -> str:
    title = f"Stem-and-leaf plot for {plot.varname}"
    lines = [""]
    if plot.var_label and len(plot.var_label) > 49:
        lines += [title, f"({plot.var_label})"]
    elif plot.var_label:
        lines.append(f"{title} ({plot.var_label})")
    else:
        lines.append(title)
    lines.append("")
    for note in plot.notes:
        lines += [note, ""]
    lines += [f"{line.stem} | {line.leaves}" for line in plot.lines]
    return "\n".join(lines)
