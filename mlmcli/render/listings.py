"""``ereturn list`` / ``return list`` and ``matrix list`` as Stata prints them.

Each function returns text without a final newline, including the leading blank
line Stata prints.
"""
from __future__ import annotations

import math

from mlmcli.render.abbrev import abbrev
from mlmcli.render.numfmt import format_number
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
    if s.startswith("0."):
        return s[1:]
    if s.startswith("-0."):
        return "-" + s[2:]
    return s


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
    """Stata's ``matrix list``: title ``name[r,c]`` (``symmetric`` prefix), an
    equation header line when names carry ``eq:``, columns 12 wide."""
    import numpy as np

    name, values, rownames, colnames = listing.name, listing.values, listing.rownames, listing.colnames
    symmetric, fmt = listing.symmetric, listing.fmt
    vals = np.atleast_2d(np.asarray(values, dtype=float))
    nr, nc = vals.shape
    col_eq, col_nm = zip(*[split_eq(c) for c in colnames]) if colnames else ((), ())
    row_eq, row_nm = zip(*[split_eq(r) for r in rownames]) if rownames else ((), ())
    has_row_eq = any(row_eq)
    row_labels = [f"{e}:{n}" if has_row_eq and e else n for e, n in zip(row_eq, row_nm)]
    row_labels = [abbrev(r, 32) for r in row_labels]
    stub = max((len(r) for r in row_labels), default=0)
    title = f"{'symmetric ' if symmetric else ''}{name}[{nr},{nc}]"
    lines = ["", title]
    width = 12
    if any(col_eq):
        lines.append(" " * stub + "".join(f"{abbrev(e, 10) + ':' if e else '':>{width}}" for e in col_eq))
    lines.append(" " * stub + "".join(f"{abbrev(n, 10):>{width}}" for n in col_nm))
    for i in range(nr):
        cells = []
        for j in range(nc):
            if symmetric and j > i:
                break
            cells.append(f"{format_number(vals[i, j], fmt).strip():>{width}}")
        lines.append(f"{row_labels[i]:>{stub}}" + "".join(cells))
    return "\n".join(lines)
