"""``xbrcspline`` (Nicola Orsini, ``ssc install xbrcspline``): the linear predictor of a
restricted cubic spline of x, made by ``mkspline stub = x, cubic``, at chosen values of x
relative to a reference value, with its confidence interval.  A compatible implementation
written from the package's ado-file (version 1.0.1, 6aug2019):

    xbrcspline stub, matknots(matname) values(numlist) [reference(exp) level(#) format(%fmt)
                                                      lsplines eform generate(names)]

``matknots()`` is mkspline's ``r(knots)`` saved as a matrix (1 x k, 3 <= k <= 7; its row
name is x).  For each value v the spline basis s_1(v) = v, s_(j+1)(v) (mkspline's formula,
the differences held as floats as the ado's ``gen`` leaves them) is compared with the means
of the variables stub1 ... over the observations where x == float(reference) (the reference
defaults to x's minimum): xb(v) = sum_i _b[stub_i] (s_i(v) - ref_i), its standard error by
the delta method from e(V) and a level(#) interval xb -/+ q se (q normal, or t(e(df_r)) when
the estimates have residual degrees of freedom: the ado runs predictnl under version 10).
``eform`` shows exp(xb) and the exponentiated bounds.  The table is a ``list, clean noobs``
of x (or, with ``lsplines``, every basis column), XB or exp(XB), LB and UB in format()
(default %3.2fc), after "Reference value for x = #".  ``generate()`` saves up to four of
(x, XB, LB, UB) as float variables in observations 1 to the number of values, as the ado
does (more values than observations: r(198)).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"xbrcspline": "xbrcspline stub, matknots(matname) values(numlist) [reference(exp) level(#) "
                      "format(%fmt) lsplines eform generate(names)]"}

OPTIONS = [OptionSpec("matknots", 4, takes_arg=True), OptionSpec("values", 1, takes_arg=True),
           OptionSpec("reference", 1, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
           OptionSpec("format", 1, takes_arg=True), OptionSpec("lsplines", 3), OptionSpec("eform"),
           OptionSpec("generate", 3, takes_arg=True)]


def spline_rows(values: list[float], knots: list[float]) -> np.ndarray:
    """mkspline's restricted cubic basis at ``values`` (len(values) x (k-1)), each column held
    as a float (the ado's ``gen``)."""
    from mlmcli.commands.data.cubic_splines import cubic_columns

    columns = cubic_columns(np.asarray(values, float), knots)
    return np.column_stack([np.asarray(c, np.float32).astype(float) for c in columns])


def _reference(session, opts, x: np.ndarray) -> float:
    from mlmcli.expr import evaluate_scalar

    text = (opts.get("reference") or "").strip() if isinstance(opts.get("reference"), str) else ""
    if not text:
        finite = x[~np.isnan(x)]
        return float(finite.min()) if finite.size else float("nan")
    value = evaluate_scalar(session, text)
    if isinstance(value, str):
        raise StataError("type mismatch", 109)
    return float(value)


def _level(session, opts) -> float:
    if opts.get("level") is None:
        return float(getattr(session, "level", 95.0))
    try:
        level = float(str(opts["level"]).strip())
    except ValueError:
        raise StataError("option level() incorrectly specified", 198) from None
    if level != int(level):
        raise StataError("option level() incorrectly specified", 198)
    if level < 10 or level > 99:
        raise StataError("level() invalid", 198)
    return level


def _linear_predictor(session, stub: str, diffs: np.ndarray, level: float):
    """xb, lower and upper bounds of sum_i _b[stub_i] * diffs[:, i] (delta method)."""
    from mlmcli import distributions as dist
    from mlmcli.estimation.active import active
    from mlmcli.expr.stored_results import coefficient
    from mlmcli.postest.delta_method import jacobian
    from mlmcli.results.matrix import Matrix

    e = active(session)
    if "b" not in e.matrices or "V" not in e.matrices:
        raise StataError("estimation command does not save e(b) and e(V)", 321)
    b0 = e.matrices["b"]
    V = np.asarray(e.matrices["V"].values, float)
    names = [f"{stub}{i}" for i in range(1, diffs.shape[1] + 1)]

    def g(beta: np.ndarray) -> np.ndarray:
        trial = Matrix(np.asarray(beta, float).reshape(1, -1), tuple(b0.rownames), tuple(b0.colnames))
        session.e = dataclasses.replace(e, matrices={**e.matrices, "b": trial})
        coefs = np.array([coefficient(session, None, name) for name in names], float)
        return diffs @ coefs

    beta = np.asarray(b0.values, float).ravel()
    try:
        with np.errstate(all="ignore"):
            xb = g(beta)
            G = jacobian(g, beta)
    finally:
        session.e = e
    se = np.sqrt(np.einsum("ij,jk,ik->i", G, V, G))
    df_r = e.scalars.get("df_r")
    if df_r is not None and np.isfinite(df_r) and df_r > 0:
        q = float(dist.t.ppf(0.5 + level / 200, df_r))
    else:
        q = float(dist.norm.ppf(0.5 + level / 200))
    return xb, xb - q * se, xb + q * se


def cmd_xbrcspline(session, cmd) -> None:
    from mlmcli.commands.program.macro_functions import macro_number
    from mlmcli.render.data_list import render_list
    from mlmcli.render.numfmt import format_number
    from mlmcli.results.data import ListColumn, ListTable
    from mlmcli.syntax.numlist import numlist
    from mlmcli.syntax.varlist import check_new_name

    opts = resolve_options(cmd.options, OPTIONS)
    for required in ("matknots", "values"):
        if not isinstance(opts.get(required), str) or not opts[required].strip():
            raise StataError(f"option {required}() required", 198)
    fmt = opts["format"].strip() if isinstance(opts.get("format"), str) and opts["format"].strip() else "%3.2fc"
    level = _level(session, opts)
    ds = session.data
    matname = opts["matknots"].strip()
    if matname not in session.matrices:
        raise StataError(f"matrix {matname} not found", 111)
    knots_matrix = session.matrices[matname]
    xname = ds.resolve(knots_matrix.rownames[0])
    x = ds.numeric(xname)
    refx = _reference(session, opts, x)
    words = cmd.args.split()
    if len(words) != 1:
        raise StataError("write only the stub specified with mkspline (restricted cubic spline) command", 198)
    stub = words[0]
    knots = [float(t) for t in np.asarray(knots_matrix.values, float).ravel()]
    k = len(knots)
    values = [float(v) for v in numlist(opts["values"].replace(",", " "))]
    if len(values) > ds.nobs:
        raise StataError("Obs. nos. out of range", 198)
    basis = spline_rows(values, knots)
    at_ref = x == np.float32(refx)
    refs = []
    for i in range(1, k):
        column = ds.numeric(ds.resolve(f"{stub}{i}"))[at_ref]
        column = column[~np.isnan(column)]
        if column.size == 0:
            session.print("")
            raise StataError(f"change the referent value to an existing value of {xname}. The default is the minimum.",
                             198)
        refs.append(float(column.mean()))
    if not 3 <= k <= 7:
        raise StataError(f"Restricted cubic splines with {k} knots at default values not implemented.\n"
                         "Number of knots specified in nknots() must be between 3 and 7.", 498)
    xb, lo, hi = _linear_predictor(session, stub, basis - np.asarray(refs), level)
    as_float = lambda a: np.asarray(a, np.float32).astype(float)  # noqa: E731  (predictnl's and gen's floats)
    shown = [as_float(c) for c in (xb, lo, hi)]
    head = "XB"
    if opts.get("eform"):
        shown, head = [as_float(np.exp(c)) for c in shown], "exp(XB)"
    session.print("")
    session.print(f"Reference value for {xname} = {macro_number(refx)}")
    cell = lambda v, f: format_number(float(v), f).strip()  # noqa: E731
    if opts.get("lsplines"):
        columns = [ListColumn(f"{stub}{i + 1}", [cell(v, fmt) for v in basis[:, i]]) for i in range(k - 1)]
    else:
        columns = [ListColumn(xname, [cell(v, "%9.0g") for v in basis[:, 0]])]
    columns += [ListColumn(name, [cell(v, fmt) for v in col]) for name, col in zip((head, "LB", "UB"), shown)]
    session.print(render_list(ListTable(tuple(columns), tuple(range(1, len(values) + 1)), show_obs=False,
                                        clean=True, nobs=ds.nobs)))
    if isinstance(opts.get("generate"), str) and opts["generate"].strip():
        new = opts["generate"].split()
        if len(new) > 4:
            raise StataError("too many names specified", 103)
        for name in new:
            check_new_name(ds, name)
        for name, col in zip(new, [basis[:, 0]] + shown):
            column = np.full(ds.nobs, np.nan)
            column[:len(values)] = col
            ds.set_variable(name, np.asarray(column, np.float32).astype(float), "float")
