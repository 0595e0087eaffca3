"""``ereturn list`` / ``return list`` and ``matrix list`` as Stata prints them.

Each function returns text without a final newline, including the leading blank
line Stata prints.
"""
from __future__ import annotations

import math

from mlmcli.render.numfmt import drop_leading_zero, format_number
from mlmcli.results.postestimation import MatrixListing, ResultsListing
from mlmcli.syntax.coefnames import split_eq


def stata_scalar_text(v) -> str:
    """A scalar as ``ereturn list`` shows it: up to 16 significant digits, no leading 0."""
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "."
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    s = f"{v:.16g}"
    if "e" in s:
        mant, exp = s.split("e")
        sign = exp[0] if exp[0] in "+-" else "+"
        return f"{mant}e{sign}{exp.lstrip('+-').zfill(2)}"
    return drop_leading_zero(s)


def render_results_list(listing: ResultsListing) -> str:
    """``ereturn list`` (prefix ``e``) / ``return list`` (prefix ``r``)."""
    prefix, scalars, macros, matrices, functions = (listing.prefix, listing.scalars, listing.macros,
                                                    listing.matrices, listing.functions)
    lines: list[str] = []

    def key(name):
        return f"{prefix}({name})".rjust(22)

    if scalars:
        lines += ["", "scalars:"]
        lines += [f"{key(k)} =  {stata_scalar_text(v)}" for k, v in scalars.items()]
    if macros:
        lines += ["", "macros:"]
        lines += [f'{key(k)} : "{v}"' for k, v in macros.items()]
    if matrices:
        lines += ["", "matrices:"]
        for k, m in matrices.items():
            r, c = _shape(m)
            lines.append(f"{key(k)} :  {r} x {c}")
    if functions:
        lines += ["", "functions:"]
        lines += [f"{key(f)}   " for f in functions]
    return "\n".join(lines)


def _shape(m) -> tuple[int, int]:
    vals = getattr(m, "values", m)
    try:
        shape = vals.shape
    except AttributeError:
        return 1, 1
    if len(shape) == 1:
        return 1, shape[0]
    return shape[0], shape[1]


def render_matrix_list(listing: MatrixListing) -> str:
    """Stata's ``matrix list``.

    Verbatim Stata output this follows (``matrix list e(V)`` after ``regress bweight mbsmoke
    mage sm_age``; ``matrix list b`` of a ``mixed`` e(b); ``matrix list e(b)`` with nine
    columns at linesize 80, the wrapped case)::

        symmetric e(V)[4,4]
                    mbsmoke        mage      sm_age       _cons
        mbsmoke   10733.267
           mage   71.343306   2.6610229

        b[1,4]
             liking_ij:  liking_ij:   lns1_1_1:    lnsig_e:
               genre_i       _cons       _cons       _cons
        y1   5.1710617   60.229571   2.0205456   2.0902013

        e(b)[1,9]
                     mpg        weight        length          turn         trunk
        y1    -106.52857     4.8527254     -80.74026    -307.76057     105.61283

                headroom  displacement    gear_ratio         _cons
        y1    -791.71181     12.221453     2317.7772     12675.275

    and from [U] 14.4, ``matrix input mymat = (1,2\\3,4)`` lists as::

        mymat[2,2]
            c1  c2
        r1   1   2
        r2   3   4

    The row names (``eq:name`` when rows have equations) are right-aligned in a stub as wide
    as the longest; every column is as wide as the widest formatted value, column name or
    equation name with its colon, plus 2; equation names stand one column right of the
    names.  Columns that
    do not fit the line size continue in panels below; a symmetric matrix shows its lower
    triangle (``nohalf``: all of it)."""
    import numpy as np

    name, values, rownames, colnames = listing.name, listing.values, listing.rownames, listing.colnames
    fmt = listing.fmt
    vals = np.atleast_2d(np.asarray(values, dtype=float))
    nr, nc = vals.shape
    half = listing.symmetric and listing.half
    col_eq, col_nm = zip(*[split_eq(c) for c in colnames]) if nc else ((), ())
    row_eq, row_nm = zip(*[split_eq(r) for r in rownames]) if nr else ((), ())
    has_row_eq = any(row_eq)
    row_labels = [f"{e}:{n}" if has_row_eq else n for e, n in zip(row_eq, row_nm)]
    names = listing.names
    stub = max((len(r) for r in row_labels), default=0) if names else 0
    texts = [[format_number(v, fmt).strip() for v in row] for row in vals]
    width = 2 + max([len(t) for row in texts for t in row] + [1]
                    + ([len(n) for n in col_nm] + [len(e) + 1 for e in col_eq if e] if names else []))
    per_panel = max(1, (listing.linesize - stub) // width)
    lines: list[str] = [""] if listing.blank else []
    if listing.header:
        title = f"{'symmetric ' if listing.symmetric else ''}{name}[{nr},{nc}]"
        lines.append(title + (f":  {listing.title}" if listing.title else ""))
    for first in range(0, max(nc, 1), per_panel):
        cols = range(first, min(nc, first + per_panel))
        if first:
            lines.append("")
        if names:
            if any(col_eq[j] for j in cols):
                lines.append(" " * (stub + 1) + "".join(f"{col_eq[j] + ':' if col_eq[j] else '':>{width}}"
                                                        for j in cols).rstrip())
            lines.append(" " * stub + "".join(f"{col_nm[j]:>{width}}" for j in cols))
        for i in range(first if half else 0, nr):
            shown = [j for j in cols if not (half and j > i)]
            cells = "".join(f"{texts[i][j]:>{width}}" for j in shown)
            label = f"{row_labels[i]:>{stub}}" if names else ""
            lines.append(label + cells)
    return "\n".join(lines)
