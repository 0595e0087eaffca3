"""``esttab matrix(name[, fmt(fmtlist) transpose])`` / ``estout matrix(...)`` (also ``e(name, ...)``,
``r(name, ...)``): a Stata matrix tabulated instead of stored estimates.

estout.ado's MatrixMode (read for its rules, estout 3.21): the matrix is one "model" named after it
(``A``, ``e(b)``, ``r(table)``); each of its columns is a cell element ``c#`` beside the others,
labelled by the column name (``eq:name`` when the column has an equation); its rows are the table's
rows, their row equations the table's equations; ``transpose`` swaps rows and columns first;
``fmt()`` gives a format per column, recycled when it lists fewer.  esttab in matrix mode
(esttab.ado's ``matrixmode``) switches on neither stars, model numbers, depvars nor notes, and
adds no summary statistics; its rules stay.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError

_WHAT = re.compile(r"\s*(m(?:a(?:t(?:r(?:i(?:x)?)?)?)?)?|e|r)\s*\((.*)\)\s*$", re.S | re.I)


def matrix_what(names_text: str):
    """(kind, the text inside the parentheses) when ``names_text`` is estout's matrix(), e() or r()
    argument, else None."""
    m = _WHAT.match(names_text or "")
    if m is None:
        return None
    kind = m.group(1).lower()
    return ("matrix" if kind.startswith("m") else kind), m.group(2)


def _marked_repeats(rows: list[str]) -> list[str]:
    """Row names with the k-th (k > 1) occurrence of a name marked (estimation.estout's
    REPEATED_ROW): MatrixMode tabulates the matrix itself, every row, repeated names too."""
    from mlmcli.estimation.estout import REPEATED_ROW

    seen: dict[str, int] = {}
    out = []
    for row in rows:
        seen[row] = seen.get(row, 0) + 1
        out.append(row if seen[row] == 1 else f"{row}{REPEATED_ROW}{seen[row]}")
    return out


def matrix_model(session, names_text: str):
    """([(model name, results holding c1 ... ck)], cells, column labels) for a matrix() argument,
    or None when the argument names stored estimates."""
    from mlmcli.commands.data.common import unquote
    from mlmcli.textscan import split_words
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.expr.matrix_algebra import finish
    from mlmcli.expr.matrix_expression import evaluate_matrix
    from mlmcli.results.estout import CellElement
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

    what = matrix_what(names_text)
    if what is None:
        return None
    kind, inner = what
    body, options, _ = split_options(inner)
    opts = resolve_options(options, [OptionSpec("fmt", 1, takes_arg=True), OptionSpec("transpose", 1)])
    name = body.strip()
    if not re.fullmatch(r"[A-Za-z_][\w]*", name):
        raise StataError(f"{name or 'matrix'} invalid name", 198)
    shown = name if kind == "matrix" else f"{kind}({name})"
    try:
        mat = finish(evaluate_matrix(session, shown))
    except StataError:
        raise StataError(f"matrix {shown} not found", 111) from None
    values = np.asarray(mat.values, dtype=float)
    rows, cols = list(mat.rownames), list(mat.colnames)
    if opts.get("transpose"):
        values, rows, cols = values.T, cols, rows
    formats = []
    for item in (unquote(w) for w in split_words(opts["fmt"])) if isinstance(opts.get("fmt"), str) else []:
        if len(item.split()) > 1:  # estout: a list per cell of the column, one by one
            raise StataError("matrix(): fmt() with a format for each cell of a column is not available in mlm; "
                             "give one format per column", 198)
        formats.append(item)
    rows = _marked_repeats(rows)
    cells, matrices = [], {}
    for k, col in enumerate(cols):
        fmt = formats[k % len(formats)] if formats else "%9.0g"  # estout's default format
        # the label is the column name, eq:name when the column has an equation (MatrixMode's l())
        cells.append(CellElement(f"c{k + 1}", fmt, "", False, label=col.removeprefix("_:")))
        matrices[f"c{k + 1}"] = Matrix(values[:, k].reshape(1, -1), ("y1",), tuple(rows))
    results = EstimationResults(cmd="estout_matrix", matrices=matrices)
    return [(shown, results)], (tuple(cells),)
