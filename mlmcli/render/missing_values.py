"""The layouts of ``misstable summarize`` and ``misstable patterns`` (misstable.ado's columns,
in a text log's characters: {c TLC} and {c +} as +, {c BT} as -)."""
from __future__ import annotations

from mlmcli.render.numfmt import format_number
from mlmcli.results.missing_values import MissingPatterns, MissingSummary


def _abbrev(name: str, width: int = 12) -> str:
    from mlmcli.render.abbrev import abbrev
    return abbrev(name, width)


def render_missing_summary(table: MissingSummary) -> str:
    lines = [" " * 63 + "Obs<.",
             " " * 48 + "+" + "-" * 30,
             " " * 15 + "|" + " " * 32 + "| Unique",
             "      Variable |     Obs=.     Obs>.     Obs<.  | values        Min         Max",
             "  " + "-" * 13 + "+" + "-" * 32 + "+" + "-" * 30]
    for row in table.rows:
        name = _abbrev(row.name)
        head = " " * (14 - len(name)) + name + " |"
        if row.is_string:
            lines.append(f"{head} (string variable)".ljust(48) + "|")
            continue
        eq = format_number(row.n_eq_dot, "%10.0gc") if row.n_eq_dot or table.show_zeros else " " * 10
        gt = format_number(row.n_gt_dot, "%10.0gc") if row.n_gt_dot or table.show_zeros else " " * 10
        unique = "  |   >500" if row.unique is None else "  |" + format_number(row.unique, "%7.0gc")
        lines.append(head + eq + gt + format_number(row.n_lt_dot, "%10.0gc") + unique + "  "
                     + format_number(row.minimum, "%9.0g") + "   " + format_number(row.maximum, "%9.0g"))
    lines.append("  " + "-" * 78)  # {c BT} prints as - in a text log (render/hypotheses.py)
    return "\n".join(lines)


def _table_width(n_vars: int) -> int:
    n = min(n_vars, 16)
    if n < 4:
        return 13
    blocks = n // 4
    extra = 2 + 3 * (n - 4 * blocks) if blocks * 4 != n else 0
    return 14 * blocks - 1 + extra


def _share(count: int, total: int, first: bool) -> str:
    if total and 100 * count / total >= 1:
        text = f" {100 * count / total:6.0f}"
    else:
        text = "     <1"
    return text + ("%" if first else " ") + "    |"


def _pattern_line(p: MissingPatterns, count: int, flags, first: bool) -> list[str]:
    total = p.n_complete + p.n_incomplete
    head = "  " + (format_number(count, "%11.0gc") + " |" if p.frequency else _share(count, total, first))
    lines, text = [], head
    for j, missing in enumerate(flags):
        if j and j % 16 == 0:
            lines.append(text)
            text = "  " + " " * 12 + "|"
        elif j and j % 4 == 0:
            text += "  "
        text += f"{0 if missing else 1:3d}"
    lines.append(text)
    if len(flags) > 16 and not first:
        lines.append("  " + " " * 12 + "|")
    return lines


def render_missing_patterns(p: MissingPatterns, linesize: int = 80) -> str:
    tabwid = _table_width(len(p.names))
    title = "Missing-value patterns"
    pad = " " * (2 + max(0, (12 + tabwid - len(title)) // 2))
    lines = ["", pad + title, pad + "  (1 means complete)", "",
             "  " + " " * 12 + "|   Pattern"]
    numbers = "".join(("  " if j and j % 4 == 0 else "") + f"{j + 1:3d}" for j in range(min(len(p.names), 16)))
    lines.append("  " + ("  Frequency |" if p.frequency else "  Percent   |") + numbers)
    rule = "  " + "-" * 12 + "+" + "-" * tabwid
    lines.append(rule)
    lines += _pattern_line(p, p.n_complete, [False] * len(p.names), True)
    lines.append("  " + " " * 12 + "|")
    last_total = None
    for flags, count in p.patterns:
        if p.totals and sum(flags) != last_total:
            last_total = sum(flags)
            mark = f" {last_total}:"
            lines.append(" " + mark + " " * (13 - len(mark)) + "|")
        lines += _pattern_line(p, count, flags, False)
    lines.append(rule)
    total = p.n_complete + p.n_incomplete
    lines.append("  " + (format_number(total, "%11.0gc") + " |" if p.frequency else "    100%    |"))
    lines.append("")
    lines += _variables_paragraph(p.names, linesize)
    return "\n".join(lines)


def _variables_paragraph(names, linesize: int) -> list[str]:
    """``{p 2 16 2}Variables are {bind: (1) x} ...``: SMCL joins the lines with a space, so
    two spaces come before each "(k)"; more than 16 variables: rows of 16 (``{p 6 14 2}Row k:``)."""
    if len(names) <= 16:
        return _paragraph(["Variables", "are"] + [f" ({k}) {n}" for k, n in enumerate(names, 1)], 2, 16, linesize)
    out = ["  Variables are"]
    for start in range(0, len(names), 16):
        chunk = names[start:start + 16]
        out += _paragraph(["Row", f"{start // 16 + 1}:"] + [f" ({k}) {n}" for k, n in enumerate(chunk, 1)],
                          6, 14, linesize)
    return out


def _paragraph(words: list[str], first: int, rest: int, linesize: int) -> list[str]:
    width = linesize - 2
    lines, text = [], " " * first
    for word in words:
        candidate = text + ("" if text.strip() == "" else " ") + word
        if len(candidate) > width and text.strip():
            lines.append(text)
            text = " " * rest + word.lstrip()
        else:
            text = candidate
    lines.append(text)
    return lines
