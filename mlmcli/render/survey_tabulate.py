"""svy: tabulate's output in Stata 13's layout: the survey header (no title), the table as
tabdisp draws it, the key, the tests of independence and the notes.

tabdisp's table (read from published Stata 13 logs of svy: tabulate): the stub is as wide as
its widest text, at least 9 (stubwidth() sets it), the row variable's label wrapped to it and
bottom-aligned beside the column heads; each cell is one space (the first) or csepwidth (2)
spaces, then the widest text or head right-aligned (cellwidth() sets it); the column
variable's label is centred over the columns (an odd space on the left) on the line above
the heads.  Rows whose cells hold more than one line are separated by a blank stub line, and
a blank stub line precedes the Total row.  A table wider than the line is cut into panels of
as many columns as fit (mlm's reading: a published log shows the split, not its rule)."""
from __future__ import annotations

import math

from mlmcli.render.abbrev import abbrev
from mlmcli.render.data_tables import wrap_label
from mlmcli.render.coef_table import level_text
from mlmcli.render.numfmt import format_number
from mlmcli.results.survey import SurveyTabulation, TableItem, TableTest

_ONEWAY_NAMES = {"count": "count", "se": "se", "cv": "cv", "deff": "deff", "deft": "deft", "obs": "obs"}


def _text(value: float, fmt: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return format_number(float(value), fmt).strip()


def item_keys(t: SurveyTabulation, weighted: bool) -> list[str]:
    """The key's lines, one per displayed column of a cell (Stata 13's plural wording)."""
    porp = "percentages" if t.percent else "proportions"
    level = level_text(t.level)
    keys = []
    for item in t.items:
        k = item.kind
        if k == "count":
            keys.append("weighted counts" if weighted else "counts")
        elif k in ("cell", "row", "column"):
            keys.append(f"{k} {porp}")
        elif k == "se":
            text = f"{t.vce} standard errors of {t.item_of}"
            keys.append(text if t.vertical or t.col_title is None else f"({text})")
        elif k == "cv":
            keys.append(f"coefficients of variation of {t.item_of}")
        elif k == "ci":
            if t.vertical or t.col_title is None:
                keys += [f"lower {level}% confidence bounds for {t.item_of}",
                         f"upper {level}% confidence bounds for {t.item_of}"]
            else:
                keys.append(f"[{level}% confidence intervals for {t.item_of}]")
        elif k in ("deff", "deft"):
            keys.append(f"{k} for variances of {t.item_of}")
        elif k == "obs":
            keys.append("number of observations")
    return keys


def _oneway_heads(t: SurveyTabulation) -> list[str]:
    heads = []
    for item in t.items:
        if item.kind == "cell":
            heads.append("percentages" if t.percent else "proportions")
        elif item.kind == "ci":
            heads += ["lb", "ub"]
        else:
            heads.append(_ONEWAY_NAMES[item.kind])
    return heads


def _cell_lines(t: SurveyTabulation, i: int, j: int) -> list[str]:
    """The lines of cell (i, j): one per item (two for ci when vertical)."""
    lines = []
    vertical = t.vertical or t.col_title is None
    for item in t.items:
        v = item.values[i][j]
        if item.kind == "ci":
            lo, hi = _text(v, t.fmt), _text(item.upper[i][j], t.fmt)
            if vertical:
                lines += [lo, hi]
            else:
                lines.append(f"[{lo},{hi}]" if lo and hi else "")
        elif item.kind == "se" and not vertical:
            s = _text(v, t.fmt)
            lines.append(f"({s})" if s else "")
        else:
            lines.append(_text(v, t.fmt))
    return lines


def render_table(t: SurveyTabulation, linesize: int = 79) -> str:
    """tabdisp's table (with the leading blank line)."""
    n_r = len(t.row_labels) + (1 if t.margins else 0)
    stubs = list(t.row_labels) + (["Total"] if t.margins else [])
    if t.col_title is None:  # one-way: the items are the columns
        heads = _oneway_heads(t)
        grid = [[[x] for x in _cell_lines(t, i, 0)] for i in range(n_r)]
    else:
        heads = list(t.col_labels) + (["Total"] if t.margins else [])
        grid = [[_cell_lines(t, i, j) for j in range(len(heads))] for i in range(n_r)]
    depth = max((len(c) for row in grid for c in row), default=1)
    texts = [x for row in grid for c in row for x in c]
    cw = t.cellwidth or max([1] + [len(x) for x in texts] + [len(h) for h in heads])
    sw = t.stubwidth or max([9] + [len(s) for s in stubs])
    sep = 2 if t.csepwidth is None else t.csepwidth
    # columns per panel: as many as fit the line
    per = len(heads)
    while per > 1 and sw + 2 + 1 + cw + (per - 1) * (sep + cw) > linesize:
        per -= 1
    panels = []
    for start in range(0, len(heads), per):
        cols = list(range(start, min(start + per, len(heads))))
        body = 1 + cw + (len(cols) - 1) * (sep + cw)

        def cells(values: list[str]) -> str:
            return "".join((" " if k == 0 else " " * sep) + v.rjust(cw) for k, v in enumerate(values))

        right = []
        if t.col_title is not None:
            for line in wrap_label(t.col_title, body):
                pad = body - len(line)
                right.append(" " * ((pad + 1) // 2) + line + " " * (pad // 2))
        right.append(cells([heads[j] for j in cols]))
        left = wrap_label(t.row_title, sw)
        n = max(len(left), len(right))
        left = [""] * (n - len(left)) + left
        right = [""] * (n - len(right)) + right
        total = sw + 2 + body
        out = ["", "-" * total]
        out += [(f"{lt:<{sw}} |" + rt) for lt, rt in zip(left, right)]
        out.append("-" * (sw + 1) + "+" + "-" * body)
        for i in range(n_r):
            if i and (depth > 1 or (t.margins and i == n_r - 1)):
                out.append(" " * sw + " | ")
            for k in range(depth):
                stub = stubs[i] if k == 0 else ""
                values = [grid[i][j][k] if k < len(grid[i][j]) else "" for j in cols]
                out.append(f"{stub:>{sw}} |" + cells(values))
        out.append("-" * total)
        panels.append("\n".join(out))
    return "\n".join(panels)


def render_key(t: SurveyTabulation, weighted: bool) -> str:
    keys = item_keys(t, weighted)
    if t.col_title is not None:
        return "\n".join(("  Key:  " if i == 0 else " " * 8) + k for i, k in enumerate(keys))
    heads = _oneway_heads(t)
    cw = t.cellwidth or max(len(heads[0]), 8)
    return "\n".join(("  Key:  " if i == 0 else " " * 8) + f"{abbrev(h, cw):<{cw}}" + "  =  " + k
                     for i, (h, k) in enumerate(zip(heads, keys)))


def _col(line: str, column: int) -> str:
    """Stata's _col(#): pad to the column (1-based) when short of it."""
    return line + " " * max(column - 1 - len(line), 0)


def _df(x: float) -> str:
    if x is None or math.isnan(x) or x == int(x):
        return format_number(x, "%9.0g").strip()
    return format_number(x, "%4.2f").strip()


def _test_line(line: TableTest) -> str:
    text = _col("", 5) + line.label
    text = _col(text, 19) + (f"chi2({_df(line.df1)})" if line.stat == "chi2" else
                             f"F({_df(line.df1)}, {_df(line.df2)})")
    text = _col(text, 35) + "= " + format_number(line.value, "%9.4f")
    if line.p is not None:
        text = _col(text, 51) + "P = " + format_number(line.p, "%6.4f")
    return text


def render_tests(t: SurveyTabulation) -> str:
    out = []
    for title, lines in t.tests:
        out += ["", f"  {title}"] + [_test_line(x) for x in lines]
    return "\n".join(out)


def render_tabulation(t: SurveyTabulation, weighted: bool, linesize: int = 79, header: bool = True) -> str:
    from mlmcli.render.survey import render_header

    out = []
    if t.table:
        if header:
            out += [""] + render_header(t.header).splitlines()[2:]
        out.append(render_table(t, linesize))
        out.append(render_key(t, weighted))
    for message in t.messages:  # a leading newline: Stata's blank line (di _n) before it
        out.append(_wrap_note(message, linesize))
    if t.tests:
        out.append(render_tests(t))
    if t.deff_summary is not None:
        mg, cv = t.deff_summary
        out += ["", _col("  Mean generalized deff", 35) + "= " + format_number(mg, "%9.4f"),
                _col("  CV of generalized deffs", 35) + "= " + format_number(cv, "%9.4f")]
    for k, note in enumerate(t.notes):  # one blank line before the notes (Display's `di')
        out += ([""] if k == 0 else []) + [_wrap_note(note, linesize)]
    return "\n".join(out)


def _wrap_note(text: str, linesize: int) -> str:
    """A "Note: ..." paragraph as {p 0 6 2} wraps it; other messages as they are."""
    import textwrap

    if not text.lstrip("\n").startswith("Note:"):
        return text
    lead = "\n" if text.startswith("\n") else ""
    return lead + "\n".join(textwrap.wrap(text.lstrip("\n"), linesize - 2, subsequent_indent=" " * 6))
