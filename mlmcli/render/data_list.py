"""Text of ``describe`` and ``list`` in Stata 13's layout.

Renderers take plain data (strings already formatted by the command) and
return text without a final newline.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

from mlmcli.render.abbrev import abbrev


@dataclass(frozen=True)
class DescribeRow:
    name: str
    vtype: str
    fmt: str
    value_label: str
    var_label: str


def render_describe_header(source: str | None, nobs: int, nvars: int, size: int,
                           data_label: str, stamp: str) -> str:
    """``Contains data from f.dta`` and the obs/vars/size lines; extras start at col 47."""
    lines = ["", f"Contains data from {source}" if source else "Contains data"]
    extras = [data_label, stamp, ""]
    for (key, value), extra in zip(((" obs:", nobs), ("vars:", nvars), ("size:", size)), extras):
        left = f" {key}{value:>14,}"
        lines.append((left + " " * 26 + extra).rstrip() if extra else left)
    return "\n".join(lines)


def render_describe_table(rows: list[DescribeRow], linesize: int, with_header_rule: bool = True,
                          fullnames: bool = False) -> str:
    """The variable table: name col 1, type col 17, format col 25, value label col 36, label col 47
    (names over 15 characters are abbreviated unless ``fullnames``, which widens the column)."""
    rule = "-" * (linesize - 1)  # Stata draws describe's rules one short of the linesize
    lines = [rule] if with_header_rule else []
    lines += ["              storage   display    value",
              "variable name   type    format     label      variable label"]
    lines.append(rule)
    wrap_width = max(linesize - 47, 20)
    name_w = max([15] + [len(r.name) for r in rows]) if fullnames else 15
    for r in rows:
        name = r.name if fullnames else abbrev(r.name, 15)
        head = f"{name:<{name_w}} {r.vtype:<7} {r.fmt:<10} {abbrev(r.value_label, 10) if r.value_label else '':<10} "
        label_lines = textwrap.wrap(r.var_label, wrap_width) or [""]
        lines.append((head + label_lines[0]).rstrip())
        lines.extend((" " * 46 + extra).rstrip() for extra in label_lines[1:])
    return "\n".join(lines)


def render_describe_footer(sorted_by: tuple[str, ...], changed: bool, linesize: int) -> str:
    lines = ["-" * (linesize - 1), ("Sorted by:  " + " ".join(sorted_by)).rstrip()]
    if changed:
        lines.append("     Note:  dataset has changed since last saved")
    return "\n".join(lines)


@dataclass(frozen=True)
class ListColumn:
    header: str
    cells: list[str]
    left: bool = False  # left-aligned (string formats with ``-``)


def render_list(columns: list[ListColumn], obs_numbers: list[int], *, show_obs: bool = True,
                clean: bool = False, separator: int = 5, header: bool = True,
                breaks: set[int] | None = None, nobs: int | None = None, abbreviate: int = 8) -> str:
    """Stata's boxed ``list`` table (or the ``clean`` one); begins with a blank line.

    A separator line comes every ``separator`` rows and before each row index in ``breaks``
    (``sepby()``).  Names are abbreviated to the wider of the column and ``abbreviate``
    characters.  Observation numbers take as many digits as ``nobs`` (the dataset's
    number of observations; at least 3)."""
    breaks = breaks or set()
    nrows = len(obs_numbers)
    widths = []
    heads = []
    for col in columns:
        vw = max((len(c) for c in col.cells), default=0)
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
    sep_line = indent + "|" + "-" * inner + "|"
    lines.append(border)
    if header:
        lines.append(indent + "| " + "   ".join(cell(h, w, c.left) for h, w, c in zip(heads, widths, columns)) + " |")
        lines.append(sep_line)
    for i, obs in enumerate(obs_numbers):
        if i and ((separator and i % separator == 0) or i in breaks):
            lines.append(sep_line)
        stub = f"{obs:>{digits}}. " if show_obs else "  "
        lines.append(stub + "| " + "   ".join(cell(c.cells[i], w, c.left) for w, c in zip(widths, columns)) + " |")
    lines.append(border)
    return "\n".join(lines)
