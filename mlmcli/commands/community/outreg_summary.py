"""outreg's summary-statistics rows (``summstat() summdec() summtitles()``), as outreg.ado 4.32's
Mata ``SummStat()`` builds them before handing them to frmttable as ``addrows()``:

- ``summstat(egrid)``: names of e() scalars, a grid (``r2 \\ N``: rows; ``r2, N``: columns);
  default ``r2 \\ N`` when the model has e(r2), else ``N``.  A name the model does not have
  is a missing value, shown as ``.`` (Mata's strofreal of missing).
- ``summdec(numlist)``: decimals, read as a column and stretched to the grid by repeating its
  last row and then its last column (the ado's ``_CConformB``); default 0 for names
  starting with ``N`` or ``df``, else 2.  Numbers are ``%16.<dec>fc``.
- ``summtitles(textgrid)``: the row titles; default the first column's names, proper-cased
  (``strproper``: ``r2`` -> ``R2``).  Titles and statistics are joined side by side, the
  shorter padded with blanks: so four titles for the two default statistics title the
  R2 and N values with the first two and leave the last two rows without numbers.
"""
from __future__ import annotations

import math

from mlmcli.errors import StataError


def _decimal_grid(text: str, shape: tuple[int, int]) -> list[list[int]]:
    """summdec(numlist >=0 <=15) as a column, conformed to the statistics' grid."""
    words = str(text).replace(",", " ").split()
    try:
        values = [float(w) for w in words]
    except ValueError:
        raise StataError("invalid numlist", 121) from None
    if not values:
        raise StataError("invalid numlist", 121)
    if any(not 0 <= v <= 15 for v in values):
        raise StataError("invalid numlist has elements outside of allowed range", 125)
    if any(v != int(v) for v in values):
        raise StataError("option summdec() incorrectly specified", 198)
    rows, cols = shape
    column = [int(v) for v in values][:rows]
    column += [column[-1]] * (rows - len(column))  # repeat the last row, then the column
    return [[d] * cols for d in column]


def _default_decimals(name: str) -> int:
    return 0 if name.startswith("N") or name.startswith("df") else 2


def _formatted(value, decimals: int) -> str:
    from mlmcli.render.numfmt import format_number

    if value is None or not math.isfinite(float(value)):
        return "."
    return format_number(float(value), f"%16.{decimals}fc").strip()


def summary_rows(scalars: dict, opts: dict) -> list[tuple[str, tuple[str, ...]]]:
    """(row title, cells) of the summary rows below the coefficients."""
    from mlmcli.commands.community.frmttable import text_grid
    from mlmcli.expr.string_functions import strproper

    given = opts.get("summstat")
    text = str(given) if given not in (None, True) and str(given).strip() else ("r2 \\ N" if "r2" in scalars else "N")
    grid = [[cell.strip() for cell in row] for row in text_grid(text)]
    width = max(len(r) for r in grid)
    grid = [r + [""] * (width - len(r)) for r in grid]
    if opts.get("summdec") not in (None, True):
        decimals = _decimal_grid(opts["summdec"], (len(grid), width))
    else:
        decimals = [[_default_decimals(name) for name in row] for row in grid]
    if opts.get("summtitles") not in (None, True):
        titles = text_grid(opts["summtitles"])
        if any(len(r) > 1 for r in titles):
            raise StataError("outreg: summtitles() with several columns of row titles is not available in "
                             "mlm (one column of row titles: separate the titles with \\)", 198)
        titles = [r[0] for r in titles]
    else:
        titles = [strproper(row[0]) for row in grid]
    cells = [tuple("" if not name else _formatted(scalars.get(name), dec) for name, dec in zip(row, decs))
             for row, decs in zip(grid, decimals)]
    depth = max(len(titles), len(cells))
    titles += [""] * (depth - len(titles))
    cells += [("",) * width] * (depth - len(cells))
    return list(zip(titles, cells))
