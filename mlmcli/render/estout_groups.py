"""estout's ``mgroups()`` header row (estout.ado's MgroupsPattern and WriteCaption): the models
are put in groups by ``pattern()`` (a 1 starts a group; the first model always does), each
column of a model gets its group's number, and

- without ``span`` a group's label (abbreviated to the column width, then ``prefix``/``suffix``
  around it, ``@span`` there being 1) is written right-aligned in the group's first column, the
  group's other columns empty;
- with ``span`` a group is one cell as wide as its columns and the delimiters between them
  (star columns with their stars' width), the label left-aligned in it, ``@span`` in
  prefix/suffix the number of columns spanned; ``erepeat()`` is written after the row's end
  once per group, its ``@span`` the group's column range (``2-3``: the labels' column is 1).
"""
from __future__ import annotations

from mlmcli.render.abbrev import abbrev


def group_numbers(pattern: tuple, nmodels: int) -> list[int]:
    """The group number of each model (MgroupsPattern: the first model starts group 1)."""
    out, j = [], 0
    for m in range(nmodels):
        p = pattern[m] if m < len(pattern) else ""
        if m == 0 or p == "1":
            j += 1
        out.append(j)
    return out


def _abbrev(text: str, width: int, on: bool) -> str:
    if on and 0 < width < len(text):
        return abbrev(text, width) if width <= 32 else text[:width]
    return text


def mgroups_cells(groups: dict, columns: list, width_of, star_width_of, delim_width: int, widths: bool,
                  abbreviate: bool) -> tuple[list[str], str]:
    """(cells after the label column, text written after the row's end) of the mgroups row.
    ``columns``: (model, column) pairs; ``width_of(k)``: the model width of column k (0 when the
    mode has no widths); ``star_width_of(k)``: the stars' width of column k."""
    labels = groups["labels"]
    numbers = group_numbers(groups.get("pattern", ()), max((mi for mi, _ in columns), default=-1) + 1)
    row = [numbers[mi] for mi, _ in columns]
    prefix, suffix = groups.get("prefix", ""), groups.get("suffix", "")
    cells, repeat = [], ""

    def label(r: int, width: int, nspan: int) -> str:
        text = labels[r - 1] if r - 1 < len(labels) else ""
        text = _abbrev(text, width, abbreviate)
        return (prefix + text + suffix).replace("@span", str(nspan))

    if not groups.get("span"):
        last = None
        for c, (_, k) in enumerate(columns):
            w = width_of(k) if widths else 0
            text = label(row[c], w, 1) if row[c] != last else ""
            last = row[c]
            cells.append((text.rjust(w) if w else text) + " " * star_width_of(k))
        return cells, repeat
    nspan, span_width, c0 = 0, -delim_width, 2
    for c, (_, k) in enumerate(columns):
        nspan += 1
        span_width += (width_of(k) if widths else 0) + delim_width + star_width_of(k)
        if c + 1 == len(columns) or row[c + 1] != row[c]:
            text = label(row[c], span_width if widths else 0, nspan)
            cells.append(text.ljust(span_width) if widths and span_width > 0 else text)
            repeat += groups.get("erepeat", "").replace("@span", f"{c0}-{c0 + nspan - 1}")
            c0 += nspan
            nspan, span_width = 0, -delim_width
    return cells, repeat


def unstacked_pattern(groups: dict, unstack: dict) -> tuple:
    """mgroups()'s pattern (per model) read per column of an unstacked table: a model's pattern
    on its first column, 0 on the others."""
    pattern, model_of = groups.get("pattern", ()), unstack["model_of"]
    return tuple((pattern[mi] if mi < len(pattern) else "") if c == 0 or model_of[c - 1] != mi else "0"
                 for c, mi in enumerate(model_of))


def model_headers(texts: list, model_of, columns: list, width_of, star_width_of, delim_width: int,
                  widths: bool, abbreviate: bool, tex: bool) -> list[str]:
    """The cells of a model numbers or titles row of an unstacked table (estout's WriteCaption
    with the models as the groups): a model's text over its first column, in LaTeX (esttab's
    ``span prefix(\\multicolumn{@span}{c}{) suffix(})``) one cell spanning its columns."""
    starts = [c == 0 or model_of[c - 1] != mi for c, mi in enumerate(model_of)]
    labels = [texts[mi] if mi < len(texts) else "" for c, mi in enumerate(model_of) if starts[c]]
    groups = {"labels": tuple(labels), "pattern": tuple("1" if s else "0" for s in starts), "span": tex,
              "prefix": "\\multicolumn{@span}{c}{" if tex else "", "suffix": "}" if tex else ""}
    return mgroups_cells(groups, columns, width_of, star_width_of, delim_width, widths, abbreviate)[0]
