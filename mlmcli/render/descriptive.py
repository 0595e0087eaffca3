"""mean/total/ratio/proportion outside svy (_prefix_display's layout in Stata 13) and ci/cii's
tables (ci.ado and cii.ado of Stata 14.0, which Stata 14+ runs under version 13)."""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev
from mlmcli.render.coef_table import name_width
from mlmcli.render.numfmt import format_number
from mlmcli.render.survey import render_estimate_table
from mlmcli.results.descriptive import CentileTable, DescriptiveEstimates, IntervalTable


def render_descriptive(r: DescriptiveEstimates, linesize: int = 80, header: bool = True, legend: bool = True,
                       coeflegend: bool = False, cformat: str = "%9.0g") -> str:
    """A blank line, "Mean estimation" with Number of obs at column 37, the legend (ratio's
    names, over()'s groups) between blank lines, the cluster note and the table."""
    t = r.table
    s = name_width([(None, t.rows)], linesize=linesize)
    width = s + 50
    out = [""]
    if header:
        out.append(f"{r.title:<36}Number of obs    = {r.n_obs:>7}")
        if r.replications is not None:
            out.append(f"{'':<36}Replications     = {r.replications:>7}")
        out.append("")
    if t.legend and legend:
        lw = max(len(name) for name, _ in t.legend)
        out.extend(f"{name:>{max(lw, 13)}}: {text}" if name else "" for name, text in t.legend)
        out.append("")
    if r.clusters is not None and not coeflegend:
        note = f"(Std. Err. adjusted for {r.clusters[0]} clusters in {r.clusters[1]})"
        out.append(note.rjust(width))
    if coeflegend:
        out.append(_legend_table(t, s, cformat))
    else:
        table = render_estimate_table(t, linesize, cformat).split("\n")
        if r.heading:  # in place of the vcetype line
            table[1] = " " * s + " |" + r.heading
        out.extend(table)
    return "\n".join(out)


def _legend_table(t, s: int, cformat: str) -> str:
    """coeflegend: the estimate and the ``_b[]`` name of each row."""
    total = s + 50
    out = ["-" * total, ("Over" if t.over else "").rjust(s) + " |" + t.column.rjust(11) + "  Legend",
           "-" * (s + 1) + "+" + "-" * (total - s - 2)]
    for i, row in enumerate(t.rows):
        eq = t.equations[i] if t.equations else ""
        if eq and (i == 0 or t.equations[i] != t.equations[i - 1]):
            out.append(abbrev(eq, s).ljust(s) + " |")
        name = f"_b[{eq}:{row.name}]" if eq else f"_b[{row.name}]"
        out.append(abbrev(row.name, s).rjust(s) + " |" + format_number(row.coef, cformat).rjust(11) + "  " + name)
    out.append("-" * total)
    return "\n".join(out)


def _level_text(level: float) -> str:
    return f"{level:.15g}"  # string(level): 95, 99.5


def render_interval_table(r: IntervalTable) -> str:
    """ci/cii: the heading at column 58 (47 for variances), the column titles, the rows (a rule
    every ``separator`` rows), then the notes each after a blank line."""
    lvl = _level_text(r.level)
    out = []
    if r.variances:
        if r.heading:
            out.append(" " * 46 + r.heading)
        spaces = {2: "   ", 4: " "}.get(len(lvl), "")
        out.append(f"    Variable |{' ' * 8}Obs{' ' * 6}{r.column:<12}{spaces}[{lvl}% Conf. Interval]")
        out.append("-" * 13 + "+" + "-" * 52)
    else:
        if r.heading:
            out.append(" " * 57 + r.heading)
        count = "Exposure" if r.count == "Exposure" else "     Obs"
        title = ("  " + r.column) if len(r.column) > 8 else ("    " + r.column.rjust(8))
        spaces = {2: "   ", 4: " "}.get(len(lvl), "")  # (cii's own spacing comes to the same)
        out.append(f"    Variable |   {count}{title}    Std. Err.    {spaces}[{lvl}% Conf. Interval]")
        out.append("-" * 13 + "+" + "-" * 63)
    for i, row in enumerate(r.rows):
        if i and r.separator and i % r.separator == 0:
            out.append("-" * 13 + "+" + ("-" * 52 if r.variances else "-" * 63))
        name = abbrev(row.name, 12).rjust(12) + " |"
        if r.count == "Exposure":
            n = " " + format_number(row.n, "%9.0g").rjust(9)
        else:
            n = format_number(row.n, "%10.0fc").rjust(10)
        if r.variances:  # Obs at 16, the estimate at 31, the bounds at 46 and 58
            line = (name + " " + n + " " * 5 + format_number(row.estimate, row.fmt).rjust(9)
                    + " " * 6 + format_number(row.lb, row.fmt).rjust(9) + " " * 3
                    + format_number(row.ub, row.fmt).rjust(9))
        else:  # the count at 16 (17), mean at 29, se at 41, bounds at 57 and 69
            line = (name + " " + n + " " * 3 + format_number(row.estimate, row.fmt).rjust(9)
                    + " " * 3 + format_number(row.se, row.fmt).rjust(9) + " " * 7
                    + format_number(row.lb, row.fmt).rjust(9) + " " * 3
                    + format_number(row.ub, row.fmt).rjust(9) + row.mark)
        out.append(line)
    for note in r.notes:
        out.extend(["", note])
    return "\n".join(out)


def render_centile_table(r: CentileTable) -> str:
    """centile.ado's table: the heading ending at column 75, the titles, one line per centile
    (the observations at 15-24, the centile at 29, the estimate at 39, the limits at 55 and 67)."""
    from mlmcli.render.display_columns import DisplayLine

    lvl = _level_text(r.level)
    spaces = {2: "   ", 4: " "}.get(len(lvl), "")
    out = ["", r.heading.rjust(75),
           f"    Variable |       Obs  Percentile    Centile     {spaces}[{lvl}% Conf. Interval]",
           "-" * 13 + "+" + "-" * 61]
    for row in r.rows:
        name = abbrev(row.name, 12).rjust(12) + " |"
        if row.n == 0:
            out.append(name + format_number(0, "%8.0f").rjust(8))
            continue
        for j, (centile, estimate, lb, ub, mark) in enumerate(row.centiles):
            line = DisplayLine().add(name if j == 0 else " " * 13 + "|")
            if j == 0:
                line.col(14).add(format_number(row.n, "%10.0fc").rjust(10))
            line.col(29).add(format_number(centile, "%7.0g").rjust(7))
            for column, value in ((39, estimate), (55, lb), (67, ub)):
                line.col(column).add(format_number(value, row.fmt).rjust(9))
            out.append(line.add(mark).text)
    if r.note:
        out.extend(["", r.note])
    return "\n".join(out)
