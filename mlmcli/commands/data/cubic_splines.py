"""``mkspline stub = x [if] [in], cubic [nknots(#) knots(numlist) displayknots]``: restricted
cubic splines as mkspline.ado 1.2.5 (28jan2009) makes them.

Knots t_1 < ... < t_k: those of knots(), or by default (nknots(), 5 unless given, 3-7) at
centile's percentiles (3: 10 50 90; 4: 5 35 65 95; 5: 5 27.5 50 72.5 95; 6: 5 23 41 59 77 95;
7: 2.5 18.33 34.17 50 65.83 81.67 97.5) of x in the sample, the outer two moved in to the
centiles 100 * 5/(N+1) and 100 * (N-4)/(N+1) (N: the nonmissing x, whatever if/in) when
beyond them.  stub1 = x and, for j = 1, ..., k-2,

    stub(j+1) = [(x - t_j)+^3 - (x - t_(k-1))+^3 (t_k - t_j)/(t_k - t_(k-1))
                 + (x - t_k)+^3 (t_(k-1) - t_j)/(t_k - t_(k-1))] / (t_k - t_1)^2,

the differences x - t_j held as floats (the ado's ``gen _Xm`j'``), every variable a float,
missing outside if/in.  r(N_knots) and r(knots) (1 x k, columns knot1 ..., row x).  Messages
and return codes are the ado's: knots not increasing, fewer than 2 knots given, nknots()
differing from the knots given, more than 7 default knots (r(498)), and knots that collapse
on a small sample (r(198)).  Weights are refused (r(101)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark
from mlmcli.errors import StataError
from mlmcli.summary_statistics import altdef_percentile
from mlmcli.syntax.numlist import numlist
from mlmcli.syntax.varlist import check_new_name

DEFAULT_CENTILES = {3: (10, 50, 90), 4: (5, 35, 65, 95), 5: (5, 27.5, 50, 72.5, 95), 6: (5, 23, 41, 59, 77, 95),
                    7: (2.5, 18.33, 34.17, 50, 65.83, 81.67, 97.5)}


def make_cubic(session, cmd, opts) -> None:
    if cmd.weight is not None:
        raise StataError("weights not allowed in mlm's mkspline", 101)
    ds = session.data
    left, eq, right = cmd.args.partition("=")
    if not eq or len(left.split()) != 1 or len(right.split()) != 1:
        raise StataError("invalid syntax", 198)
    stub = left.split()[0]
    x_name = ds.resolve(right.split()[0])
    if ds.is_string(x_name):
        raise StataError("type mismatch", 109)
    rows = mark(session, cmd, [x_name])
    x = ds.numeric(x_name)
    knots = _knots(x, rows, opts)
    k = len(knots)
    if knots[0] >= knots[1] or knots[-1] <= knots[-2]:
        raise StataError("Sample size too small for this many knots.", 198)
    names = [f"{stub}{j}" for j in range(1, k)]
    for name in names:
        check_new_name(ds, name)
    for name, values in zip(names, cubic_columns(x, knots)):
        values = np.where(rows & np.isfinite(values), values, np.nan).astype(np.float32).astype(float)
        ds.set_variable(name, values, "float")
    from mlmcli.results.matrix import Matrix

    loc = Matrix(np.array([knots], float), (x_name,), tuple(f"knot{j}" for j in range(1, k + 1)))
    if opts.get("displayknots"):
        from mlmcli.render.matlist import render_matlist
        from mlmcli.results.postestimation import MatrixDisplay

        session.print(render_matlist(MatrixDisplay("", "", loc.rownames, loc.colnames,
                                                   tuple(tuple(r) for r in loc.values), fmt="%9.0g"),
                                     linesize=session.linesize))
    session.set_r({"N_knots": float(k), "knots": loc})


def cubic_columns(x: np.ndarray, knots: list[float]) -> list[np.ndarray]:
    """The k-1 basis columns above at ``x`` (doubles; the differences x - t_j held as floats)."""
    k = len(knots)
    with np.errstate(invalid="ignore", over="ignore"):
        plus = [np.maximum(np.float32(x - t).astype(float), 0.0) for t in knots]  # gen _Xm`j' (float); uplus
        columns = [np.asarray(x, float).copy()]
        tk, tk1, t1 = knots[-1], knots[-2], knots[0]
        for j in range(k - 2):
            tj = knots[j]
            columns.append((plus[j] ** 3 - plus[k - 2] ** 3 * (tk - tj) / (tk - tk1)
                            + plus[k - 1] ** 3 * (tk1 - tj) / (tk - tk1)) / (tk - t1) ** 2)
    return columns


def _knots(x: np.ndarray, rows: np.ndarray, opts) -> list[float]:
    given = [float(v) for v in numlist(str(opts["knots"]))] if opts.get("knots") else None
    nk = None
    if opts.get("nknots") is not None:
        values = numlist(str(opts["nknots"]))
        if len(values) != 1:
            raise StataError("invalid numlist has too many elements", 123)
        nk = int(values[0])
    if given is not None:
        if nk is not None and nk != len(given):
            raise StataError("Count in nknots must be the same as the number of knots specified.", 498)
        if len(given) < 2:
            raise StataError("Restricted cubic splines must have at least 2 knots.", 498)
        if any(b <= a for a, b in zip(given, given[1:])):
            raise StataError("Knots must be in increasing order.", 498)
        return given
    nk = 5 if nk is None else nk
    if nk not in DEFAULT_CENTILES:
        raise StataError(f"Restricted cubic splines with {nk} knots at default values not implemented.\n"
                         "Number of knots specified in nknots() must be between 3 and 7.", 498)
    used = np.sort(x[rows])
    knots = [altdef_percentile(used, p) for p in DEFAULT_CENTILES[nk]]
    n_all = int(np.sum(~np.isnan(x)))
    low = altdef_percentile(used, 5 / (n_all + 1) * 100)
    high = altdef_percentile(used, (n_all - 4) / (n_all + 1) * 100)
    knots[0] = max(knots[0], low)
    knots[-1] = min(knots[-1], high)
    return knots
