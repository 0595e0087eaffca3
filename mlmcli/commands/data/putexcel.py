"""``putexcel``: values, expressions and matrices written into cells of an ``.xlsx`` workbook.

Stata 14+ ([RPT] putexcel)::

    putexcel set filename [, sheet(name[, replace]) replace modify open]
    putexcel ul_cell = exp|matrix(name) [ul_cell = ...] [, names rownames colnames]
    putexcel describe | clear | save | close

Stata 13 ([P] putexcel), each call standing alone::

    putexcel ul_cell=(exp) [ul_cell=matrix(name[, names|rownames|colnames]) ...] using file
        [, sheet(name) replace modify keepcellformat]

Decided without Stata to compare (see docs/putexcel.md): with ``putexcel set, replace``
the first write replaces the file and later writes modify it (do-files write a table cell
by cell after one ``set, replace``); a missing value leaves the cell empty; the default
sheet is ``Sheet1``; ``open`` is accepted because every write is saved at once, so
``save``/``close`` have nothing left to do.  ``cell = collect`` writes the current collection's
table as collect export does.  ``cell = etable[(#...)]`` writes the coefficient
table(s) shown last as putdocx's etable builds them from the stored results (numbers as
numbers).  ``image()``, ``formula()`` and the cell-format options are refused (r(198)).
"""
from __future__ import annotations

import re

from mlmcli.commands.data.common import plain_path, unquote
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.fileformats.excel import parse_cell
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.textscan import find_top, split_words

HELP = {"putexcel": ("putexcel set file [, sheet(name[, replace]) replace modify] | putexcel cell = exp|matrix(name) "
                     "[..., names rownames colnames] | putexcel describe|clear | putexcel cell=(exp) ... using file "
                     "[, sheet() replace modify]")}

_STATE = "putexcel"  # session.settings key: the file `putexcel set` chose
_SET_OPTS = [OptionSpec("sheet", takes_arg=True), OptionSpec("replace"), OptionSpec("modify"), OptionSpec("open")]
_MATRIX_OPTS = [OptionSpec("names"), OptionSpec("rownames"), OptionSpec("colnames")]
_USING_OPTS = [OptionSpec("sheet", takes_arg=True), OptionSpec("replace"), OptionSpec("modify"),
               OptionSpec("keepcellformat")] + _MATRIX_OPTS
_CELL = re.compile(r"\$?[A-Za-z]{1,3}\$?[0-9]{1,7}$")
_REFUSED = {"image": "image()", "picture": "picture()", "formula": "formula()"}


def cmd_putexcel(session, cmd) -> None:
    text = cmd.args.strip()
    words = text.split(None, 1)
    verb = words[0].lower() if words else ""
    rest = words[1] if len(words) > 1 else ""
    if verb == "set":
        return _set(session, rest)
    if verb in ("clear", "describe", "save", "close") and not rest.strip():
        if verb == "clear":
            session.settings.pop(_STATE, None)
        elif verb == "describe":
            _describe(session)
        return
    _write(session, text)


def _set(session, rest: str) -> None:
    body, options, _ = split_options(rest)
    if not body.strip():
        raise invalid_syntax()
    opts = resolve_options(options, _SET_OPTS)
    if opts.get("replace") and opts.get("modify"):
        raise StataError("options replace and modify may not be combined", 198)
    path = plain_path(body, ".xlsx")
    sheet, clear_sheet = None, False
    if "sheet" in opts:
        name, _, how = str(opts["sheet"]).partition(",")
        sheet, how = unquote(name.strip()), how.strip().lower()
        if how not in ("", "replace"):
            raise StataError(f"sheet(): option {how} not allowed", 198)
        from mlmcli.fileformats.excel_cells import check_sheet_name
        check_sheet_name(sheet)
        clear_sheet = how == "replace"
    session.settings[_STATE] = {"path": path, "sheet": sheet, "clear_sheet": clear_sheet,
                                "mode": "replace" if opts.get("replace") else
                                "modify" if opts.get("modify") else "create"}


def _describe(session) -> None:
    state = session.settings.get(_STATE)
    session.print()
    if state is None:
        session.print("  No file set; use putexcel set")
        return
    session.print("-" * 78)
    session.print(f"  File:         {state['path']}")
    session.print(f"  Type:         {'xls' if state['path'].lower().endswith('.xls') else 'xlsx'}")
    session.print(f"  Sheet:        {state['sheet'] or 'Sheet1'}")
    session.print(f"  Mode:         {state['mode']}")
    session.print("-" * 78)


def _split_items(text: str) -> list[tuple[str, str]]:
    """``A1 = exp B2 = matrix(m)`` -> [("A1", "exp"), ("B2", "matrix(m)")]: each top-level ``=``
    (not ``==``, ``<=``, ``>=``, ``!=``) ends the cell name before it."""
    marks, i = [], 0
    while True:
        i = find_top(text, "=", i)
        if i < 0:
            break
        if text[i + 1:i + 2] == "=" or (i and text[i - 1] in "=<>!~"):
            i += 2 if text[i + 1:i + 2] == "=" else 1
            continue
        m = re.search(r"(\S+)\s*$", text[:i])
        if m and _CELL.match(m.group(1)):
            marks.append((m.start(1), i, m.group(1)))
        i += 1
    if not marks or text[:marks[0][0]].strip():
        raise invalid_syntax()
    items = []
    for k, (start, eq, cell) in enumerate(marks):
        end = marks[k + 1][0] if k + 1 < len(marks) else len(text)
        exp = text[eq + 1:end].strip()
        if not exp:
            raise invalid_syntax()
        items.append((cell, exp))
    return items


def _write(session, text: str) -> None:
    body, options, _ = split_options(text)
    using = re.search(r"(?:^|\s)using(?:\s+|(?=\"))", body)
    if using:  # Stata 13's form: everything named on the line
        items_text, file_text = body[:using.start()], body[using.end():]
        opts = resolve_options(options, _USING_OPTS)
        if opts.get("replace") and opts.get("modify"):
            raise StataError("options replace and modify may not be combined", 198)
        path = plain_path(file_text, ".xlsx")
        sheet = unquote(str(opts["sheet"]).strip()) if "sheet" in opts else None
        target = {"path": path, "sheet": sheet, "clear_sheet": False,
                  "mode": "replace" if opts.get("replace") else "modify" if opts.get("modify") else "create"}
        state = None
    else:
        state = session.settings.get(_STATE)
        if state is None:
            raise StataError("no file specified; use putexcel set filename", 198)
        opts = resolve_options(options, _MATRIX_OPTS)
        items_text, target = body, state
    matrix_names = [k for k in ("names", "rownames", "colnames") if opts.get(k)]
    cells = []
    for cell, exp in _split_items(items_text):
        cells.extend(_cells_of(session, cell, exp, matrix_names))
    from mlmcli.fileformats.excel_cells import write_cells
    write_cells(target["path"], target["sheet"], cells, fresh=target["mode"] == "replace",
                must_not_exist=target["mode"] == "create", clear_sheet=target["clear_sheet"])
    if state is not None:  # later writes add to what this one wrote
        state["mode"], state["clear_sheet"] = "modify", False
    session.print(f"file {target['path']} saved")


def _cells_of(session, cell: str, exp: str, matrix_names: list[str]) -> list[tuple[int, int, object]]:
    row, col = parse_cell(cell)
    head = re.match(r"([A-Za-z]+)\s*(\(|$)", exp)
    word = head.group(1).lower() if head else ""
    if word in _REFUSED:
        raise StataError(f"putexcel: {_REFUSED[word]} is not available in mlm; write values, expressions "
                         "and matrix() (esttab using file.csv writes an estimation table)", 198)
    if word == "etable":
        return _etable_cells(session, exp[len(head.group(1)):].strip(), row, col, matrix_names)
    if word == "collect" and exp.strip().lower() == "collect":
        return _collect_cells(session, row, col, matrix_names)
    if word == "matrix" and head.group(2) == "(" and exp.endswith(")"):
        inner = exp[head.end():-1]
        name, sub, _ = split_options(inner)
        names = list(matrix_names)
        if sub:  # Stata 13: matrix(name, names)
            names += [k for k in ("names", "rownames", "colnames") if resolve_options(sub, _MATRIX_OPTS).get(k)]
        return _matrix_cells(session, name.strip(), row, col, names)
    from mlmcli.expr import evaluate_scalar
    return [(row, col, evaluate_scalar(session, exp))]


def _etable_cells(session, which: str, row: int, col: int, names: list[str]) -> list:
    """``cell = etable[(#...)]``: the coefficient table(s) shown last (putdocx's etable, from the
    stored results), its top-left corner at the cell; several tables one under another with an
    empty row between; numbers as numbers, the interval's heading in its first column."""
    from mlmcli.commands.data.putdocx_etable import etable_rows

    if names:
        raise StataError(f"option {names[0]} not allowed", 198)
    if which and not (which.startswith("(") and which.endswith(")")):
        raise invalid_syntax()
    cells, r = [], row
    for table in etable_rows(session, which[1:-1] if which else "", raw=True):
        for line in table:
            c = col
            for cell in line:
                text, span = cell if isinstance(cell, tuple) else (cell, 1)
                if text is not None and text != "":
                    cells.append((r, c, text))
                c += span
            r += 1
        r += 1
    return cells


def _collect_cells(session, row: int, col: int, names: list[str]) -> list:
    """``cell = collect``: the current collection's table as collect export writes it to a
    workbook (title, heading lines, headers, body and notes as text), its top-left corner at
    the cell."""
    from mlmcli.commands.data.collect_export import collection_cells
    from mlmcli.commands.data.collection_layout import lay_out
    from mlmcli.commands.data.table_collect import collection

    if names:
        raise StataError(f"option {names[0]} not allowed", 198)
    _, coll = collection(session, {})
    rows = collection_cells(lay_out(coll), framed=True)
    return [(row + i, col + j, text) for i, line in enumerate(rows) for j, text in enumerate(line) if text != ""]


def _matrix_cells(session, name: str, row: int, col: int, names: list[str]) -> list:
    from mlmcli.expr.matrix_algebra import finish
    from mlmcli.expr.matrix_expression import evaluate_matrix
    if not name or len(split_words(name)) != 1:
        raise invalid_syntax()
    m = finish(evaluate_matrix(session, name))
    rows = "names" in names or "rownames" in names
    cols = "names" in names or "colnames" in names
    r0, c0 = row + (1 if cols else 0), col + (1 if rows else 0)
    cells = []
    if cols:
        cells += [(row, c0 + j, n) for j, n in enumerate(m.colnames)]
    if rows:
        cells += [(r0 + i, col, n) for i, n in enumerate(m.rownames)]
    for i, line in enumerate(m.values.tolist()):
        cells += [(r0 + i, c0 + j, v) for j, v in enumerate(line)]
    return cells
