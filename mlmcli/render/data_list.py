"""Text of ``describe`` and ``list`` in Stata 13's layout.

Renderers take the result types of ``mlmcli.results.data`` (strings already
formatted by the command) and return text without a final newline.
"""
from __future__ import annotations

import textwrap
from mlmcli.render.abbrev import abbrev
from mlmcli.results.data import DescribeFooter, DescribeHeader, DescribeTable, ListTable


def render_describe_header(h: DescribeHeader) -> str:
    """``Contains data from f.dta`` and the obs/vars/size lines; extras start at col 47."""
    source, nobs, nvars, size, data_label, stamp = h.source, h.nobs, h.nvars, h.size, h.data_label, h.stamp
    lines = ["", f"Contains data from {source}" if source else "Contains data"]
    extras = [data_label, stamp, "(_dta has notes)" if h.dta_notes else ""]
    for (key, value), extra in zip(((" obs:", nobs), ("vars:", nvars), ("size:", size)), extras):
        left = f" {key}{value:>14,}"
        lines.append((left + " " * 26 + extra).rstrip() if extra else left)
    return "\n".join(lines)


def render_describe_table(table: DescribeTable, *, linesize: int) -> str:
    """The variable table: name col 1, type col 17, format col 25, value label col 36, label col 47
    (names over 15 characters are abbreviated unless ``fullnames``, which widens the column); a
    variable with notes has ``*`` in col 45 and the table ends with a line saying so."""
    rows, fullnames = table.rows, table.fullnames
    rule = "-" * (linesize - 1)  # Stata draws describe's rules one short of the linesize
    lines = [rule] if table.with_header_rule else []
    lines += ["              storage   display    value",
              "variable name   type    format     label      variable label"]
    lines.append(rule)
    wrap_width = max(linesize - 47, 20)
    name_w = max([15] + [len(r.name) for r in rows]) if fullnames else 15
    for r in rows:
        name = r.name if fullnames else abbrev(r.name, 15)
        value_label = abbrev(r.value_label, 8 if r.has_notes else 10) if r.value_label else ""
        head = f"{name:<{name_w}} {r.vtype:<7} {r.fmt:<10} {value_label:<10} "
        if r.has_notes:
            head = head[:-2] + "* "
        label_lines = textwrap.wrap(r.var_label, wrap_width) or [""]
        lines.append((head + label_lines[0]).rstrip())
        lines.extend((" " * 46 + extra).rstrip() for extra in label_lines[1:])
    if any(r.has_notes for r in rows):
        lines.append(" " * 44 + "* indicated variables have notes")
    return "\n".join(lines)


def render_describe_footer(footer: DescribeFooter, *, linesize: int) -> str:
    lines = (["-" * (linesize - 1)] if footer.rule else []) + [("Sorted by:  " + " ".join(footer.sorted_by)).rstrip()]
    if footer.changed:
        lines.append("     Note:  dataset has changed since last saved")
    return "\n".join(lines)


def render_list(table: ListTable) -> str:
    """Stata's boxed ``list`` table (or the ``clean`` one, which has no dividers); begins
    with a blank line.

    A separator line comes every ``separator`` rows and before each row index in ``breaks``
    (``sepby()``).  Names are abbreviated to the wider of the column and ``abbreviate``
    characters.  Observation numbers take as many digits as ``nobs`` (the dataset's
    number of observations; at least 3)."""
    columns, obs_numbers, show_obs, clean = table.columns, table.obs_numbers, table.show_obs, table.clean
    separator, header, breaks, nobs, abbreviate = (table.separator, table.header, table.breaks, table.nobs,
                                                   table.abbreviate)
    widths = []
    heads = []
    for col in columns:
        vw = max([len(c) for c in col.cells] + [col.min_width])
        head = abbrev(col.header, max(vw, abbreviate))
        heads.append(head)
        widths.append(max(vw, len(head)))
    top = nobs if nobs is not None else (max(obs_numbers) if obs_numbers else 0)
    digits = max(3, len(str(top)))
    stub_w = digits + 2  # "  1. "

    def cell(text: str, w: int, left: bool) -> str:
        return text.ljust(w) if left else text.rjust(w)

    lines = [""]
    if clean:
        pad = " " * stub_w if show_obs else ""
        if header:
            lines.append(pad + "  " + "   ".join(cell(h, w, c.left) for h, w, c in zip(heads, widths, columns)) + "  ")
        for i, obs in enumerate(obs_numbers):
            stub = f"{obs:>{digits}}. " if show_obs else ""
            lines.append(stub + "  " + "   ".join(cell(c.cells[i], w, c.left) for w, c in zip(widths, columns)) + "  ")
        return "\n".join(lines)
    inner = sum(widths) + 3 * (len(widths) - 1) + 2
    indent = " " * stub_w if show_obs else "  "
    border = indent + "+" + "-" * inner + "+"
    # divider: the columns parted by " | ", and the inner rules crossed by "+" there (the
    # layout of Stata's lfit table, which lists with divider)
    gap = " | " if table.divider else "   "
    sep_line = indent + "|" + ("+".join("-" * (w + 2) for w in widths) if table.divider else "-" * inner) + "|"
    lines.append(border)
    if header:
        lines.append(indent + "| " + gap.join(cell(h, w, c.left) for h, w, c in zip(heads, widths, columns)) + " |")
        lines.append(sep_line)
    for i, obs in enumerate(obs_numbers):
        if i and ((separator and i % separator == 0) or i in breaks):
            lines.append(sep_line)
        stub = f"{obs:>{digits}}. " if show_obs else "  "
        lines.append(stub + "| " + gap.join(cell(c.cells[i], w, c.left) for w, c in zip(widths, columns)) + " |")
    lines.append(border)
    return "\n".join(lines)
