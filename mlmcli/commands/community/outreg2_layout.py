"""outreg2's tab-separated text file (the .txt it writes for every table), laid out as its
makeFile and cleanFile leave it (outreg2 2.2.5, zhangdashenqi/stata_ado_plus ``o/outreg2.ado``;
checked against the published tables of tanfei-li/Development_Replication ``tabfig/*.txt``):

- makeFile's rows: the column numbers ``(1)``, the column titles with ``VARIABLES`` in the first
  cell of the last of them (``replace report = VARIABLES if rowtype2[_n+1]==0``), an empty row
  (its "top row (empty)", rowtype2 0), the coefficient rows, an empty row (its "bottom row",
  rowtype2 2), then Observations, the statistics rows and the notes;
- outsheet writes every row with every column, so an empty cell is an empty field and each row
  has as many tabs as the table has columns less one (the notes and empty rows too);
- ``label``: cleanFile joins a second column, ``LABELS`` in the ``VARIABLES`` row, holding the
  variable label of the name in the first cell (none for a variable without a label), and
  ``Constant`` for the constant when any variable of the data has a label (its ``emptyLabel``
  skip); the first column keeps the names;
- ``title()`` lines go above, first cell only, padded as every row;
- ``onecol`` (and ``long``): cleanFile's EQUATION column first, ``EQUATION`` in the
  ``VARIABLES`` row and each equation's name on its first coefficient row only (``replace
  v0="" if top==""``), the names split off the ``eq:var`` rows; a one-equation model's
  equation is its depvar (``mat colnames b = depvar:``).
"""
from __future__ import annotations


def _cells(line: str) -> list[str]:
    return line.split("\t")


def variable_labels(session) -> dict[str, str] | None:
    """{name: label} of the data's variables with a (trimmed) label, ``Constant`` added, as
    cleanFile's label file; None when no variable has a label (cleanFile then joins nothing,
    so even the constant's cell stays empty)."""
    data = getattr(session, "data", None)
    labels = getattr(data, "var_labels", None) or {}
    names = set(getattr(data, "varnames", ()) or ())
    found = {n: str(lab).strip() for n, lab in labels.items() if n in names and str(lab or "").strip()}
    if not found:
        return None
    return {**found, "Constant": "Constant"}


def depvar_heading(session, e) -> str | None:
    """The column heading under ``label`` without ctitle(): the dependent variable's label (as
    the published outreg2 tables show it), None when it has none."""
    depvar = (str(e.macros.get("depvar", "")).split() or [""])[0]
    labels = variable_labels(session) or {}
    return labels.get(depvar) if depvar != "Constant" else None


def _equation_cells(body: list[list[str]], equations, single: str | None):
    """The body without its equation heading rows (an equation's name alone on a row) and the
    EQUATION cell of each row left: the name on its equation's first row, else empty."""
    kept, cells, pending = [], [], single
    for row in body:
        if row and row[0] in equations and not any(c.strip() for c in row[1:]):
            pending = row[0]
            continue
        kept.append(row)
        cells.append(pending if pending is not None and row and row[0] else "")
        if cells[-1]:
            pending = None
    return kept, cells


def text_rows(lines: list[str], *, titles: int, stats: int, notes: int,
              labels: dict[str, str] | None | bool = False, equations=None, single: str | None = None) -> list[str]:
    """outreg2's text file rows from the tab-mode lines of the table (``titles`` title lines,
    two header rows, the body, ``stats`` statistic rows, ``notes`` note lines).  ``labels``:
    False without the ``label`` option, else variable_labels()' map (None: no labels).
    ``equations`` (onecol): the equation names whose heading rows become the EQUATION column;
    ``single`` the equation of a one-equation model (its depvar)."""
    rows = [_cells(ln) for ln in lines]
    head_end = titles + 2
    body_end = max(len(rows) - stats - notes, head_end)  # a table without coefficient rows
    head, body, tail = rows[titles:head_end], rows[head_end:body_end], rows[body_end:]
    eq_cells = None
    if equations is not None:
        body, eq_cells = _equation_cells(body, set(equations), single)
    head[-1] = ["VARIABLES"] + head[-1][1:]
    out = rows[:titles] + head + [[""]] + body + [[""]] + tail
    if labels is not False:
        lookup = labels or {}
        first_body = titles + 3
        last_body = first_body + len(body)
        for k, row in enumerate(out):
            if k == head_end - 1:
                cell = "LABELS"
            elif first_body <= k < last_body and row and row[0]:
                cell = lookup.get(row[0], "")
            else:
                cell = ""
            out[k] = row[:1] + [cell] + row[1:] if row else ["", cell]
    if eq_cells is not None:
        column = [""] * (len(head) - 1) + ["EQUATION", ""] + eq_cells + [""] * (1 + len(tail))
        out = out[:titles] + [[c] + row for c, row in zip(column, out[titles:])]
    width = max(len(r) for r in out)
    return ["\t".join(r + [""] * (width - len(r))) for r in out]
