"""``estat wcorrelation`` after ``mixed``: the within-cluster covariance the model implies.

    estat wcorrelation [, at(levelvar = value [levelvar = value ...]) all covariance list
                          nosort format(%fmt)]

V = Z G Z' + R over one cluster (``mlmcli.mixed.within_group``), shown as standard
deviations and correlations (or, with ``covariance``, V itself).  The cluster, its
heading, the row order and the column names follow Stata 12's ``xtmixed_corr.ado``, which
Stata 13 made ``estat wcorrelation``: by default the first lowest-level group in the data
(``id = 1``); ``at()`` picks the observations with the given level values (the levels
above the highest one given must then be constant, else "Because of implied nesting, you
must also specify a value for ..." r(459)); ``all`` every observation; rows sorted by the
level variables, the by() variable and the time variable (``nosort``: data order);
columns named by the t() values when the residual structure has a time variable (else
``obs`` 1..n); entries below 1e-8 in magnitude shown as 0; ``format()`` default %6.3f
(``help estat wcorrelation``).  ``list`` lists the model's variables for those rows.
``iterate()``, ``tolerance()``, ``nrtolerance()`` and ``nonrtolerance`` are for ``menl``
only (help estat wcorrelation) and are refused here.
r(): sd, Corr, Cov, G, Z, R (matrices).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.active import require
from mlmcli.estimation.results import MIXED_COMMANDS
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTS = [OptionSpec("at", 2, takes_arg=True), OptionSpec("all", 3), OptionSpec("covariance", 3),
         OptionSpec("list", 4), OptionSpec("nosort", 6), OptionSpec("format", 3, takes_arg=True),
         OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
         OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("nonrtolerance", 7)]


def estat_wcorrelation(session, cmd) -> None:
    from mlmcli.commands.postestimation.estat import no_arguments
    from mlmcli.render.matlist import render_wcorrelation
    from mlmcli.results.postestimation import MatrixDisplay, WcorrelationResult

    from mlmcli.estimation.active import active

    if session.e is not None and active(session).cmd == "xtgee":  # xtgee's working correlation
        from mlmcli.commands.postestimation.estat_wcorrelation_xtgee import estat_wcorrelation as gee_wcorrelation
        return gee_wcorrelation(session, cmd)
    e = require(session, MIXED_COMMANDS)
    no_arguments(cmd)
    opts = resolve_options(cmd.options, _OPTS)
    for name in ("iterate", "tolerance", "nrtolerance", "nonrtolerance"):
        if name in opts:
            raise StataError(f"option {name}{'()' if name != 'nonrtolerance' else ''} not allowed", 198)
    if opts.get("at") is not None and opts.get("all"):
        raise StataError("at() may not be specified with all", 198)
    fmt = str(opts.get("format") or "%6.3f").strip()
    if not re.fullmatch(r"%-?0?\d+\.\d+[fgeFGE]c?", fmt):
        raise StataError(f"invalid %format {fmt}", 120)
    fit = e.model
    ivars = list(dict.fromkeys(e.macros.get("ivars", "").split()))
    if not ivars:
        sd = float(np.sqrt(fit.residual_variance()))
        from mlmcli.render.numfmt import format_number
        session.print(render_wcorrelation(WcorrelationResult("", (), note=(
            "model is linear regression; all observations are independent with standard deviation "
            + format_number(sd, "%10.0g").strip()))))
        return
    ds = session.data
    est_rows = _estimation_rows(session, e)
    chosen, heading = _cluster(session, e, ivars, np.sort(est_rows), opts)  # in data order
    order = chosen if opts.get("nosort") else _sorted(ds, e, ivars, chosen)
    fit_index = {int(r): k for k, r in enumerate(est_rows)}
    rows = np.array([fit_index[int(r)] for r in order], np.int64)
    V = np.array(fit.within_covariance(rows), float)
    V[np.abs(V) < 1e-8] = 0.0
    sd = np.sqrt(np.diag(V))
    with np.errstate(invalid="ignore", divide="ignore"):
        C = V / np.outer(sd, sd)
    timevar = e.macros.get("timevar")
    if timevar and not opts.get("all"):
        names = tuple(_value_text(v) for v in ds.numeric(timevar)[order])
        rowtitle = timevar
    else:
        names = tuple(str(i + 1) for i in range(len(order)))
        rowtitle = "obs"
    tup = lambda M: tuple(tuple(float(x) for x in r) for r in M)  # noqa: E731
    if opts.get("covariance"):
        mats = (MatrixDisplay("Covariances:", rowtitle, names, names, tup(V), lower=True, fmt=fmt),)
        head = f"Covariances for {heading}:"
    else:
        mats = (MatrixDisplay("Standard Deviations:", rowtitle, ("sd",), names, tup(sd[None, :]), fmt=fmt),
                MatrixDisplay("Correlations:", rowtitle, names, names, tup(C), lower=True, fmt=fmt))
        head = f"Standard deviations and correlations for {heading}:"
    session.print(render_wcorrelation(WcorrelationResult(head, mats), linesize=session.linesize))
    if opts.get("list"):
        _list(session, e, ivars, order)
    from mlmcli.mixed.within_group import cluster_design
    from mlmcli.results.matrix import Matrix
    Z, G, R = cluster_design(fit, rows)
    r = {"sd": Matrix(sd[None, :], ("sd",), names), "Corr": Matrix(C, names, names),
         "Cov": Matrix(V, names, names), "R": Matrix(R, names, names),
         "Z": Matrix(Z, names, tuple(f"c{i + 1}" for i in range(Z.shape[1]))),
         "G": Matrix(G, tuple(f"c{i + 1}" for i in range(G.shape[0])), tuple(f"c{i + 1}" for i in range(G.shape[0])))}
    session.set_r(r)


def _value_text(v: float) -> str:
    from mlmcli.render.numfmt import format_number
    return format_number(float(v), "%9.0g").strip()


def _estimation_rows(session, e) -> np.ndarray:
    """Current data rows of the estimation sample in the fit's order (followed through sort)."""
    ds = session.data
    y_fit = np.asarray(e.model.response(), float)
    rows = e.sample_positions(ds)
    if rows is None or (rows < 0).any():
        raise StataError("estimation data have changed; estat wcorrelation requires the data used "
                         "in estimation", 459)
    y = ds.numeric(e.macros["depvar"])[rows] if e.macros.get("depvar") in ds.varnames else None
    if y is None or len(rows) != len(y_fit) or not np.allclose(y, y_fit, equal_nan=True):
        raise StataError("estimation data have changed; estat wcorrelation requires the data used "
                         "in estimation in their original order", 459)
    return rows


def _level_values(ds, var: str, rows: np.ndarray):
    if ds.is_string(var):
        return ds.column(var).to_numpy().astype(str)[rows]
    return ds.numeric(var)[rows]


def _cluster(session, e, ivars: list[str], est_rows: np.ndarray, opts):
    """(data rows of the chosen cluster in data order, heading text)."""
    ds = session.data
    levels = [v for v in ivars if v != "_all"]
    if opts.get("all"):
        return est_rows, "all the data"
    at = opts.get("at")
    keep = np.ones(len(est_rows), bool)
    if at is None:  # the first lowest-level cluster in the data
        first = est_rows[0]
        parts = []
        for v in levels:
            vals = _level_values(ds, v, est_rows)
            x0 = _level_values(ds, v, np.array([first]))[0]
            keep &= vals == x0
            parts.append(f"{v} = {x0 if isinstance(x0, str) else _value_text(x0)}")
        return est_rows[keep], " ".join(parts) or "all the data"
    pairs = re.findall(r"((?:[^\W\d]|[~*?])[\w~*?]*)\s*=\s*(\"[^\"]*\"|[^\s,=]+)", str(at))
    if not pairs or re.sub(r"((?:[^\W\d]|[~*?])[\w~*?]*)\s*=\s*(\"[^\"]*\"|[^\s,=]+)|[\s,]", "", str(at)):
        raise StataError("at() invalid", 198)
    parts = []
    top = len(levels)
    from mlmcli.commands.estimation.mixed_equations import resolve_one
    for name, value in pairs:
        lev = resolve_one(ds, name)
        if lev not in levels:
            raise StataError(f"{lev} is not a level variable in your model", 198)
        top = min(top, levels.index(lev))
        vals = _level_values(ds, lev, est_rows)
        if ds.is_string(lev):
            x = value.strip('"')
        else:
            try:
                x = float(value)
            except ValueError:
                raise StataError("type mismatch", 109) from None
        keep &= vals == x
        if not np.any(keep):
            raise StataError(f"{lev} == {value} not represented in the estimation sample or at other "
                             "specified level values", 459)
        parts.append(f"{lev} = {value.strip(chr(34))}")
    chosen = est_rows[keep]
    for lev in levels[:top][::-1]:
        vals = _level_values(ds, lev, chosen)
        if len(set(vals.tolist())) > 1:
            raise StataError(f"Because of implied nesting, you must also specify a value for {lev}", 459)
    return chosen, " ".join(parts)


def _sorted(ds, e, ivars: list[str], rows: np.ndarray) -> np.ndarray:
    """Rows sorted by the level variables, the by() variable, the time variable, then data order."""
    keys = [rows]  # np.lexsort: last key sorts first
    for v in [e.macros.get("timevar"), e.macros.get("rbyvar")] + [v for v in ivars if v != "_all"][::-1]:
        if v:
            vals = _level_values(ds, v, rows)
            if vals.dtype.kind in "US":
                _, vals = np.unique(vals, return_inverse=True)
            keys.append(vals)
    return rows[np.lexsort(keys)]


def _list(session, e, ivars: list[str], order: np.ndarray) -> None:
    """``Data:`` and the model's variables for the rows shown (xtmixed_corr.ado: GetVarList)."""
    from mlmcli.commands.data.describe import list_rows
    from mlmcli.syntax.coefnames import parse_coef_name

    ds = session.data
    names = [v for v in ivars if v != "_all"] + [e.macros["depvar"]]
    k_f = int(e.scalars.get("k_f", 0))
    for full in e.matrices["b"].colnames[:k_f]:
        name = full.split(":", 1)[-1]
        if name == "_cons":
            continue
        try:
            parts = parse_coef_name(name)
            names += [p.var for p in parts.parts]
        except Exception:
            names.append(name)
    names += [e.macros.get("rbyvar", ""), e.macros.get("timevar", "")]
    names += [v.replace("R.", "") for v in e.macros.get("revars", "").split() if v != "_cons"]
    names = [n for n in dict.fromkeys(names) if n and n in ds.varnames]
    session.print("\nData:")
    list_rows(session, ds, names, order, list(range(1, len(order) + 1)), len(order), {})
