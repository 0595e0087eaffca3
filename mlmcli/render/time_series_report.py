"""Text of ``tsreport`` (Stata 13's tsreport.ado 1.2.4: DisplayIt, the "Gap summary report"
of TsrVarlist and the notes of Mvar).  The tables are the ado's ``_tab`` class tables
(_tab.class): a column of width w shows its title and strings in ``%(w-1)s`` unless set,
numbers after ``pad`` spaces in the column's format, a ``|`` column starts with the bar; in
a text log ``{c TT}``/``{c BT}`` print as ``-`` and ``{c +}`` as ``+``.
"""
from __future__ import annotations

import re

from mlmcli.render.abbrev import abbrev
from mlmcli.render.display_columns import DisplayLine
from mlmcli.render.lrtest import wrap_paragraph
from mlmcli.render.numfmt import format_number
from mlmcli.render.old_date_format import with_t

# fmtwidth() of the %t formats' default forms
_DATE_WIDTHS = {"d": 9, "w": 7, "m": 7, "q": 6, "h": 6, "y": 4, "c": 18, "C": 18, "g": 9}


def fmtwidth(fmt: str) -> int:
    """Stata's fmtwidth(): the default %t forms by table, a detailed %t form by the width of
    a date shown in it, other formats by their width."""
    body = with_t(fmt).replace("-", "", 1)  # %d: Stata 9's %td
    if body[1:2] == "t" and len(body) >= 3:
        if len(body) == 3:
            return _DATE_WIDTHS.get(body[2], 9)
        return len(format_number(0, fmt).strip())
    m = re.match(r"%0?(\d+)", body)
    return int(m.group(1)) if m else 9


def _left(fmt: str) -> bool:
    return fmt[1:2] == "-"


def _num(value, fmt: str) -> str:
    return format_number(value, fmt)


def header(*, timevar: str, panelvar: str, fmt: str, start, end, n_obs: int, n_gaps: int,
           panel_changes: bool, var: str = "", any_vars: list[str] | None = None) -> list[str]:
    """DisplayIt's lines before its table (the blank line first)."""
    width = fmtwidth(fmt)
    digits = max(4, len(str(n_obs)) + 2)
    length = max(len(f"Variable:         {var}"), len(f"Panel variable:   {panelvar}"),
                 len(f"Time variable:    {timevar}"), len("Starting period = ") + width,
                 len(f"Observations    = {n_obs}"))
    lines = [""]
    if any_vars:
        length = max(length, len("Variables:        ") + max(len(v) for v in any_vars) + 1)
        lines += wrap_paragraph("Variables:        " + join_names(any_vars), length + 2,
                                hanging=18)
    if var:
        lines.append(f"Variable:         {var}")
    if panelvar:
        lines.append(f"Panel variable:   {panelvar}")
    lines.append(f"Time variable:    {timevar}")
    lines.append("-" * length)
    lines.append("Starting period = " + _num(start, fmt))
    lines.append("Ending period   = " + _num(end, fmt))
    if width > digits:
        count_fmt = f"%{'-' if _left(fmt) else ''}{width}.0fc"
        lines.append("Observations    = " + _num(n_obs, count_fmt))
        lines.append("Number of gaps  = " + _num(n_gaps, count_fmt))
    else:
        lines.append(f"Observations    = {n_obs}")
        lines.append(f"Number of gaps  = {n_gaps}")
    if panel_changes:
        lines.append("(Gap count includes panel changes)")
    return lines


def join_names(names: list[str]) -> str:
    """"y", "y and x", "y, x, and z" (the ado's list of variables)."""
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]} and {names[1]}"
    return ", ".join(names[:-1]) + ", and " + names[-1]


_Line = DisplayLine  # one display line with Stata's _col(#)


def _starts(widths: list[int], bars: set[int]) -> list[int]:
    """_reset_columns: each column's starting column (lmargin 0); the bar before column i
    (``bars``, 0-based) is drawn at that column's start and widens the step after it."""
    starts, current = [], 1
    for i, w in enumerate(widths):
        starts.append(current)
        current += w + (1 if i in bars else 0)
    return starts


def _rule(widths: list[int], joint: str) -> str:
    """``.sep``: the hline over every column, ``joint`` where the bar is (before column 2)."""
    return "-" * widths[0] + joint + "-" * sum(widths[1:])


def _padding(fmt: str) -> int:
    width = fmtwidth(fmt)
    if width > 9:
        return 1
    return 2 if _left(fmt) else 12 - (width + 1)


def gap_table(rows: list[tuple[float, ...]], *, panelvar: str, pfmt: str, tsfmt: str,
              linesize: int) -> tuple[list[str], int]:
    """DisplayIt's "Gap report" (blank line first) and the table's width (r(width))."""
    left = _left(tsfmt)
    ffw = max(fmtwidth(tsfmt) + 2, 12)
    gds = 13
    for r in rows:
        after = "." if r[1] != r[1] else str(int(r[1]))
        gds = max(gds, len(str(int(r[0]))) + 2 + len(after) + 1)
    pad1 = _padding(tsfmt)
    count_fmt = f"%{'-' if left else ''}9.0fc"
    if panelvar:
        pfw = fmtwidth(pfmt)
        ppfw = max(pfw + 2, 12)
        # the ado tests the time format's justification here, not the panel's
        pad2 = (2 if left else 12 - (pfw + 1)) if pfw <= 9 else 1
        wtab = gds + 1 + ppfw + 2 * ffw + 12
        if wtab > linesize:
            gds = min(gds - (wtab - linesize), 6)
            if gds < 2:
                gds = 6
        widths = [gds, ppfw, ffw, ffw, 12]
        pads = [0, pad2, pad1, pad1, 3]
        fmts = ["", pfmt, tsfmt, tsfmt, count_fmt]
        titles = ["Obs.", abbrev(panelvar, 9), "Start", "End", "N. Obs."]
        cols = [None, 2, 3, 4, 5]  # indices into a gap row
    else:
        widths = [gds, ffw, ffw, 12]
        pads = [0, pad1, pad1, 3]
        fmts = ["", tsfmt, tsfmt, count_fmt]
        titles = ["Obs.", "Start", "End", "N. Obs."]
        cols = [None, 3, 4, 5]
    starts = _starts(widths, {1})
    last = len(widths) - 1
    out = ["", "Gap report", _rule(widths, "-")]
    line = _Line().add(titles[0].ljust(gds))
    for k in range(1, len(widths)):
        line.col(starts[k])
        if k == 1:
            line.add("|")
        title_width = 12 if k == last else widths[k] - 1
        line.add(titles[k].rjust(title_width))
    out += [line.text, _rule(widths, "+")]
    for r in rows:
        if r[1] != r[1] or r[0] == r[1]:
            label = str(int(r[0]))
        else:
            label = f"{int(r[0])}--{int(r[1])}"
        line = _Line().add(label.rjust(gds))
        for k in range(1, len(widths)):
            line.col(starts[k])
            if k == 1:
                line.add("|")
            line.add(" " * pads[k] + _num(r[cols[k]], fmts[k]))
        out.append(line.text)
    out.append(_rule(widths, "-"))
    return out, sum(widths) + 1


def summary_table(names: list[str], results: list[tuple[float, float, int, int]], *,
                  tsfmt: str, linesize: int) -> tuple[list[str], int]:
    """TsrVarlist's "Gap summary report": one row per variable (start, end, obs, gaps);
    the name column widens for long names as under ``set lstretch on``."""
    ffw = max(fmtwidth(tsfmt) + 2, 12)
    pad1 = _padding(tsfmt)
    longest = max([11] + [len(n) for n in names])
    w = 13 + 1 + 2 * ffw + 8 + 8
    vds = max(13, min(longest + 1, 13 + linesize - w))
    widths = [vds, ffw, ffw, 9, 9]
    starts = _starts(widths, {1})
    out = ["", "Gap summary report", _rule(widths, "-")]
    number_of = _Line().col(vds + 1).add("|").col(vds + 2 * ffw + 7).add("--Number of--")
    out.append(number_of.text)
    line = _Line().add(f"{'Variable':<8}").col(starts[1]).add("|" + "Start".rjust(ffw - 1))
    line.col(starts[2]).add("End".rjust(ffw - 1)).col(starts[3]).add("Obs.".rjust(9))
    line.col(starts[4]).add("Gaps".rjust(9))
    out += [line.text, _rule(widths, "+")]
    for name, (start, end, n_obs, n_gaps) in zip(names, results):
        line = _Line().add(abbrev(name, vds - 1).rjust(vds - 1)).col(starts[1]).add("|")
        line.add(" " * pad1 + _num(start, tsfmt)).col(starts[2]).add(" " * pad1 + _num(end, tsfmt))
        line.col(starts[3]).add(" " + _num(n_obs, "%8.0fc")).col(starts[4]).add(" " + _num(n_gaps, "%8.0fc"))
        out.append(line.text)
    out.append(_rule(widths, "-"))
    return out, sum(widths) + 1


def missing_notes(timevar_names: list[str], panelvar_names: list[str], *, timevar: str,
                  panelvar: str, width: int, linesize: int) -> list[str]:
    """Mvar: "Note: There are observations on y and x for which t is missing", a
    ``{p 0 6 0 width}`` paragraph (width 0: the line size)."""
    out = []
    for names, var in ((timevar_names, timevar), (panelvar_names, panelvar)):
        if names:
            text = f"Note: There are observations on {join_names(names)} for which {var} is missing"
            out += wrap_paragraph(text, width or linesize, hanging=6, right=0)
    return out
