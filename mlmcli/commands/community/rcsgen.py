"""``rcsgen`` (Paul Lambert and others, ``ssc install rcsgen``): restricted cubic spline
variables.  A compatible implementation written from the package's help and ado-file
(version 1.5.7); the basis and the orthogonalisation are in ``mlmcli.splines``:

    rcsgen varname [if] [in], gen(stub) [df(#) knots(numlist) bknots(# #)
                                         percentiles(numlist) orthog]

``df(#)``: boundary knots at the extremes (or ``bknots()``) and interior knots at the
centiles 100j/#; ``percentiles()``: knots at those centiles (0 and 100 are the extremes);
``knots()``: the knots themselves.  Creates ``stub1`` ... (doubles, missing outside the
sample); stores ``r(knots)``, ``r(rcslist)`` and with ``orthog`` ``r(R)``.  The other
options of rcsgen (``dgen()``, ``rmatrix()``, ``reverse``, ``scalar()``, ``center()``,
``nosecondder``, ``nofirstder``, ``fw()``, ``if2()``) are refused.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sample import mark_sample
from mlmcli.splines import centile_knots, orthogonalise, restricted_cubic_basis
from mlmcli.summary_statistics import stata_percentile
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"rcsgen": "rcsgen varname [if] [in], gen(stub) [df(#) knots(numlist) bknots(# #) percentiles(numlist) orthog]"}

_REFUSED = ("dgen", "rmatrix", "reverse", "scalar", "center", "nosecondder", "nofirstder", "fw", "if2")


def _options(cmd) -> dict:
    specs = [OptionSpec("gen", 1, takes_arg=True), OptionSpec("df", 2, takes_arg=True),
             OptionSpec("knots", 1, takes_arg=True), OptionSpec("bknots", 2, takes_arg=True),
             OptionSpec("percentiles", 1, takes_arg=True), OptionSpec("orthog", 1)]
    specs += [OptionSpec(name, takes_arg=name not in ("reverse", "nosecondder", "nofirstder")) for name in _REFUSED]
    opts = resolve_options(cmd.options, specs)
    for name in _REFUSED:
        if name in opts:
            raise StataError(f"rcsgen: option {name} is not available in mlm", 198)
    return opts


def _knots(x: np.ndarray, opts: dict) -> list[float]:
    from mlmcli.syntax.numlist import numlist

    given = [k for k in ("knots", "df", "percentiles") if k in opts]
    if len(given) > 1:
        raise StataError("Only one of the knots, df and percentiles options can be used", 198)
    if "bknots" in opts and "df" not in opts:
        raise StataError("Boundary knots can only be defined with the degrees of freedom option", 198)
    if "knots" in opts:
        return sorted(numlist(opts["knots"]))
    if x.size == 0:
        raise StataError("no observations", 2000)
    if "percentiles" in opts:
        sx = np.sort(x)
        cents = numlist(opts["percentiles"])
        if any(b <= a for a, b in zip(cents, cents[1:])) or any(not 0 <= c <= 100 for c in cents):
            raise StataError("percentiles() invalid: give ascending numbers from 0 to 100", 198)
        return sorted(float(sx[0]) if c == 0 else float(sx[-1]) if c == 100 else stata_percentile(sx, c)
                      for c in cents)
    if "df" not in opts:
        return []
    try:
        df = int(str(opts["df"]).strip())
    except ValueError:
        raise StataError("option df() incorrectly specified", 198) from None
    if df < 1:
        raise StataError("df() must be a positive integer", 198)
    if df == 1:
        return []
    boundary = None
    if "bknots" in opts:
        pair = numlist(opts["bknots"])
        if len(pair) != 2:
            raise StataError("bknots() takes two numbers", 198)
        boundary = (pair[0], pair[1])
    knots = centile_knots(x, df, boundary)
    if knots[1] <= knots[0]:
        raise StataError("Lowest internal knot is not greater than lower boundary knot", 198)
    if knots[-2] >= knots[-1]:
        raise StataError("Highest internal knot is not greater than upper boundary knot", 198)
    return knots


def cmd_rcsgen(session, cmd) -> None:
    from mlmcli.commands.program.macros import macro_number
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.varlist import check_new_name

    opts = _options(cmd)
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if len(names) != 1:
        raise StataError("rcsgen needs one variable (the scalar() form is not available)" if not names
                         else "too many variables specified", 103 if names else 100)
    var = names[0]
    if ds.is_string(var):
        raise StataError("string variables not allowed in varlist;", 109)
    stub = opts.get("gen")
    if not isinstance(stub, str) or not stub.strip():
        raise StataError("Must specify name for cubic splines basis", 198)
    stub = stub.strip()
    rows = mark_sample(session, cmd, [var])
    x = ds.numeric(var)[rows]
    knots = _knots(x, opts)
    z = restricted_cubic_basis(x, knots)
    new = [f"{stub}{j}" for j in range(1, z.shape[1] + 1)]
    for name in new:
        check_new_name(ds, name)
    r = {}
    if opts.get("orthog"):
        if x.size == 0:
            raise StataError("no observations", 2000)
        z, rmat = orthogonalise(z)
        size = rmat.shape[0]  # Mata's st_matrix() leaves the names at r1.../c1...
        r["R"] = Matrix(rmat, tuple(f"r{i}" for i in range(1, size + 1)), tuple(f"c{i}" for i in range(1, size + 1)))
    for j, name in enumerate(new):
        column = np.full(ds.nobs, np.nan)
        column[rows] = z[:, j]
        ds.set_variable(name, column, "double")
    session.print(f"Variables {new[0]} to {new[-1]} were created")
    if not knots:
        session.print(f"Warning: Only {new[0]} has been created as you did not specifiy any the knots, "
                      "df or percentile options")
    r["knots"] = " ".join(macro_number(k) for k in knots)
    r["rcslist"] = " ".join(new)
    session.set_r(r)
