"""``frmttable`` (John Luke Gallup, SSC package outreg; Stata Journal 12(4), 2012): a
formatted table from a matrix of statistics, shown in the Results window and written to a
Word (RTF ``.doc``) or TeX file.

    frmttable [using filename] [, statmat(matname) substat(#) doubles(matname)
        sdec(numgrid) sfmt(fmtgrid) dbldiv(text) title(text) ctitles(textgrid)
        rtitles(textgrid) note(text) store(tblname) replay[(tblname)]
        append[(tblname)] merge[(tblname)] replace addtable tex nodisplay]

Rows of ``statmat`` are table rows; its columns are statistics: with ``substat(#)`` each
table column takes 1 + # statistics, the first in the row and the substatistics in the rows
below it (the first in parentheses, the second in brackets, as frmttable's default
brackets).  A 1 in ``doubles()`` marks a column as the second half of a double statistic
(a confidence interval): it is shown with the column before it as ``lo - hi``
(``dbldiv()``).  ``sdec()`` gives decimal places (one number, or a grid ``3,2 \\ 0``
whose last row and column extend), ``sfmt()`` the number formats (``f``, ``fc`` (the
default: fixed with thousands commas), ``g``, ``gc``, ``e``).  Row titles default to
statmat's row names and column titles to its column names unless those are Stata's
defaults (r1 ..., c1 ...).  Missing values are blank cells.

Tables: each frmttable (and outreg) leaves its table in memory; ``store()`` keeps it
under a name; ``replay`` shows the table in memory (or a stored one) again; ``append``
puts the new rows below the table in memory (or a stored one), ``merge`` the new columns
beside it, rows matched by their titles (``mlmcli.results.formatted_table``).  With
``replay(a)`` and ``merge(b)`` or ``append(b)``, table ``b`` is merged into (appended to)
table ``a``; ``ctitles()``/``rtitles()`` then retitle the combined table.  ``using``: ``.tex`` or ``tex`` writes LaTeX, otherwise RTF (``.doc``
added when the name has no extension); an existing file needs ``replace`` (or
``addtable``, which adds the table to the file).  Everything else is r(198).
"""
from __future__ import annotations

import math
import os

from mlmcli.errors import StataError
from mlmcli.results.formatted_table import FormattedTable, append_rows, merge_columns
from mlmcli.syntax.options import OptionSpec

HELP = {"frmttable": "frmttable [using file] [, statmat() substat() doubles() sdec() sfmt() title() ctitles() "
                     "rtitles() note() store() replay() append() merge() replace addtable tex] : formatted "
                     "table of a matrix (community command)"}

_STATE = "frmttable"  # session.settings: {"current": FormattedTable | None, "stored": {name: table}}
BRACKETS = (("", ""), ("(", ")"), ("[", "]"), ("|", "|"), ("{", "}"))

TABLE_SPECS = [OptionSpec("title", 3, True), OptionSpec("ctitles", 3, True), OptionSpec("rtitles", 3, True),
               OptionSpec("note", 4, True), OptionSpec("store", 3, True), OptionSpec("replay", 2, True, True),
               OptionSpec("append", 2, True, True), OptionSpec("merge", 2, True, True), OptionSpec("replace", 3),
               OptionSpec("addtable", 4), OptionSpec("tex", None), OptionSpec("nodisplay", 6)]
FRMTTABLE_SPECS = TABLE_SPECS + [
    OptionSpec("statmat", 1, True), OptionSpec("substat", 4, True), OptionSpec("doubles", 3, True),
    OptionSpec("sdec", 2, True), OptionSpec("sfmt", 2, True), OptionSpec("dbldiv", 4, True)]


# ---------------------------------------------------------------- text and number grids
def text_grid(text: str) -> list[list[str]]:
    """``"a", "b" \\ "c"`` -> [["a", "b"], ["c"]] (quotes removed; compound quotes too)."""
    rows, row, cell, i, quoted = [], [], [], 0, False
    text = str(text)
    while i < len(text):
        ch = text[i]
        if (ch == '"' or text.startswith('`"', i)) and not "".join(cell).strip():
            cell = []  # blanks before a quoted cell
        if text.startswith('`"', i):
            end = text.find("\"'", i + 2)
            end = len(text) if end < 0 else end
            cell.append(text[i + 2:end])
            i, quoted = end + 2, True
            continue
        if ch == '"':
            end = text.find('"', i + 1)
            end = len(text) if end < 0 else end
            cell.append(text[i + 1:end])
            i, quoted = end + 1, True
            continue
        if ch in ",\\":
            row.append("".join(cell) if quoted else "".join(cell).strip())
            cell, quoted = [], False
            if ch == "\\":
                rows.append(row)
                row = []
        else:
            cell.append(ch) if not (quoted and ch.isspace()) else None
        i += 1
    row.append("".join(cell) if quoted else "".join(cell).strip())
    rows.append(row)
    return rows


def grid_value(grid: list[list[str]], i: int, j: int) -> str:
    """Element (i, j) of a grid whose last row and column extend to any size."""
    row = grid[min(i, len(grid) - 1)]
    return row[min(j, len(row) - 1)]


def number_grid(text: str, what: str) -> list[list[str]]:
    grid = [[c for c in r if c != ""] or [""] for r in text_grid(text)]
    for r in grid:
        for c in r:
            if what == "sdec" and not (c.isdecimal() and int(c) <= 15):
                raise StataError(f"option {what}() incorrectly specified", 198)
            if what == "sfmt" and c not in ("f", "fc", "g", "gc", "e"):
                raise StataError(f"option {what}() incorrectly specified", 198)
    return grid


def format_stat(value: float, decimals: int, fmt: str = "fc") -> str:
    """A statistic in Stata's ``%.<decimals><fmt>`` (fc: fixed with commas); missing: ""."""
    from mlmcli.render.numfmt import format_number

    if value is None or not math.isfinite(value):
        return ""
    return format_number(value, f"%40.{decimals}{fmt}").strip()


# ---------------------------------------------------------------- tables in memory
def table_state(session) -> dict:
    return session.settings.setdefault(_STATE, {"current": None, "stored": {}})


def stored_table(session, name) -> FormattedTable:
    state = table_state(session)
    if name is True or name is None or str(name).strip() == "":
        if state["current"] is None:
            raise StataError("no frmttable table in memory", 198)
        return state["current"]
    key = str(name).strip()
    if key not in state["stored"]:
        raise StataError(f"table {key} not found", 111)
    return state["stored"][key]


def _held_table(session, name) -> FormattedTable | None:
    """The table merge()/append() adds to, None when there is none (frmttable then warns)."""
    state = table_state(session)
    if name is True or name is None or str(name).strip() == "":
        return state["current"]
    return state["stored"].get(str(name).strip())


def titled(table: FormattedTable, opts: dict) -> FormattedTable:
    """ctitles()/rtitles() replace the titles of the table's own columns and rows."""
    from dataclasses import replace

    if opts.get("ctitles") not in (None, True):
        grid = text_grid(opts["ctitles"])
        table = replace(table, ctitles=tuple(tuple(r) + ("",) * (table.ncols + 1 - len(r)) for r in grid))
    if opts.get("rtitles") not in (None, True):
        grid = [r[0] if r else "" for r in text_grid(opts["rtitles"])]
        rt = list(table.rtitles)
        for k, text in enumerate(grid[:len(rt)]):
            rt[k] = text
        table = replace(table, rtitles=tuple(rt))
    return table


def finish_table(session, cmd, new: FormattedTable | None, opts: dict, file_text: str | None) -> None:
    """replay/append/merge, title()/note(), store(), display and the file: the steps
    frmttable and outreg share."""
    from dataclasses import replace

    if opts.get("append") is not None and opts.get("merge") is not None:
        raise StataError("options append and merge may not be combined", 198)
    if opts.get("replace") and opts.get("addtable"):
        raise StataError("options replace and addtable may not be combined", 198)
    built = new is not None
    if "replay" in opts:
        if built:
            raise StataError("option replay may not be combined with new statistics", 198)
        # replay(a) with merge(b)/append(b): table b is added to table a
        base = stored_table(session, opts["replay"])
        if opts.get("append") is not None:
            new = append_rows(base, stored_table(session, opts["append"]))
        elif opts.get("merge") is not None:
            new = merge_columns(base, stored_table(session, opts["merge"]))
        else:
            new = base
    else:
        if new is None:
            new = stored_table(session, True)
        target = opts.get("append") if opts.get("append") is not None else opts.get("merge")
        if target is not None and _held_table(session, target) is None:
            session.print("warning: no existing table found for merge or append")  # frmttable.ado
        elif opts.get("append") is not None:
            new = append_rows(stored_table(session, opts["append"]), new)
        elif opts.get("merge") is not None:
            new = merge_columns(stored_table(session, opts["merge"]), new)
    if not built:
        new = titled(new, opts)
    if opts.get("title") not in (None, True):
        new = replace(new, title=tuple(r[0] for r in text_grid(opts["title"])))
    if opts.get("note") not in (None, True):
        new = replace(new, notes=tuple(r[0] for r in text_grid(opts["note"])))
    if file_text is not None:
        _write(session, new, file_text, opts)
    state = table_state(session)
    state["current"] = new
    if opts.get("store") not in (None, True):
        name = str(opts["store"]).strip()
        if not name.replace("_", "a").isalnum():
            raise StataError(f"{name} invalid name", 198)
        state["stored"][name] = new
    if not opts.get("nodisplay"):
        from mlmcli.render.formatted_table import render_formatted_text

        session.print(render_formatted_text(new))


def _write(session, table: FormattedTable, file_text: str, opts: dict) -> None:
    from mlmcli.commands.community.table_file import write_table_file
    from mlmcli.commands.data.common import unquote
    from mlmcli.render.formatted_table import render_formatted_rtf, render_formatted_tex

    path = unquote(file_text.strip())
    if not path:
        raise StataError("invalid file specification", 198)
    tex = bool(opts.get("tex")) or path.lower().endswith(".tex")
    if not os.path.splitext(path)[1]:
        path += ".tex" if tex else ".doc"
    lines = render_formatted_tex(table) if tex else render_formatted_rtf(table)
    if tex and opts.get("addtable") and os.path.exists(path):
        lines = lines[2:-1]  # the tabular only, inside the document already there
        with open(path, encoding="utf-8", errors="replace") as fh:
            old = fh.read()
        if "\\end{document}" in old:
            from mlmcli.fileformats.safe_write import write_bytes_atomic

            head = old[:old.rindex("\\end{document}")]
            write_bytes_atomic(path, (head + "\n".join(lines) + "\n\\end{document}\n").encode("utf-8"),
                               replace=True)
            return
    write_table_file(path, lines, replace=bool(opts.get("replace")), append=bool(opts.get("addtable")),
                     mode="tex" if tex else "rtf")


# ---------------------------------------------------------------- frmttable
def statmat_table(session, opts: dict) -> FormattedTable:
    import numpy as np

    from mlmcli.expr.matrices import require_matrix as lookup_matrix

    m = lookup_matrix(session, str(opts["statmat"]).strip())
    values = np.asarray(m.values, float)
    substat = 0
    if opts.get("substat") not in (None, True):
        try:
            substat = int(str(opts["substat"]).strip())
        except ValueError:
            raise StataError("option substat() incorrectly specified", 198) from None
        if substat < 0 or substat > len(BRACKETS) - 1:
            raise StataError("option substat() incorrectly specified", 198)
    second = [False] * values.shape[1]
    if opts.get("doubles") not in (None, True):
        d = np.asarray(lookup_matrix(session, str(opts["doubles"]).strip()).values, float).ravel()
        if d.size != values.shape[1]:
            raise StataError("doubles() matrix must have as many columns as statmat()", 503)
        second = [bool(v) for v in d]
        if second and second[0]:
            raise StataError("the first column of doubles() cannot be 1", 198)
    decimals = number_grid(opts["sdec"], "sdec") if opts.get("sdec") not in (None, True) else [["3"]]
    fmts = number_grid(opts["sfmt"], "sfmt") if opts.get("sfmt") not in (None, True) else [["fc"]]
    div = str(opts["dbldiv"]).strip().strip('"') if opts.get("dbldiv") not in (None, True) else "-"
    stats_per_row = []  # (columns of statmat) for each shown statistic
    for j in range(values.shape[1]):
        if second[j]:
            stats_per_row[-1] = stats_per_row[-1] + (j,)
        else:
            stats_per_row.append((j,))
    per_col = substat + 1
    if len(stats_per_row) % per_col:
        raise StataError(f"statmat() has {len(stats_per_row)} statistics; with substat({substat}) the number "
                         f"must be a multiple of {per_col}", 198)
    ncols = len(stats_per_row) // per_col
    body, rtitles = [], []
    for i in range(values.shape[0]):
        for s in range(per_col):
            cells = []
            for c in range(ncols):
                cols = stats_per_row[c * per_col + s]
                parts = [format_stat(values[i, j], int(grid_value(decimals, i, j)), grid_value(fmts, i, j))
                         for j in cols]
                text = f" {div} ".join(parts) if all(parts) else ""
                left, right = BRACKETS[s]
                cells.append(f"{left}{text}{right}" if text else "")
            body.append(tuple(cells))
            rtitles.append(m.rownames[i] if s == 0 else "")
    ctitles: tuple = ()
    names = [m.colnames[stats_per_row[c * per_col][0]] for c in range(ncols)]
    if not all(n == f"c{k + 1}" for k, n in enumerate(m.colnames)):
        ctitles = (("",) + tuple(names),)
    return titled(FormattedTable(tuple(body), tuple(rtitles), ctitles), opts)


def cmd_frmttable(session, cmd) -> None:
    from mlmcli.commands.data.common import one_using_file, split_using
    from mlmcli.syntax.options import resolve_options, split_options

    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, FRMTTABLE_SPECS)
    before, file_text = split_using(body)
    file_text = one_using_file(file_text)  # one word; a trailing if/in is r(101)
    if before.strip():
        raise StataError("invalid syntax", 198)
    new = statmat_table(session, opts) if opts.get("statmat") not in (None, True) else None
    for name in ("substat", "doubles", "sdec", "sfmt", "dbldiv"):
        if name in opts and new is None:
            raise StataError(f"option {name}() requires statmat()", 198)
    finish_table(session, cmd, new, opts, file_text)
