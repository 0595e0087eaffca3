"""``icc``: intraclass correlations of ratings.

    icc depvar target [rater] [if] [in] [, mixed absolute consistency testvalue(0) level(#) format(%fmt)]

Two variables: the one-way random-effects model (each target rated by its own k raters);
three: the two-way random-effects model (raters random, absolute agreement by default) or,
with ``mixed``, the two-way mixed-effects model (raters fixed, consistency by default).
Numbers from ``mlmcli.rater_agreement``; the data must be balanced as [R] icc requires
(k ratings of every target; in the two-way models one rating per target and rater).
r(): N_target, N_rater, icc_i, icc_avg and their _F, _df1, _df2, _p, _lb, _ub; testvalue,
level; r(model), r(type), r(depvar), r(target), r(rater).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, number_option, resolve_options
from mlmcli.syntax.varlist import counted_varlist

ICC_OPTIONS = [OptionSpec("mixed", 5), OptionSpec("absolute", 3), OptionSpec("consistency", 4),
               OptionSpec("testvalue", 9, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
               OptionSpec("format", 6, takes_arg=True)]


def _codes(ds, name: str, rows: np.ndarray) -> np.ndarray:
    values = ds.df[name].to_numpy(dtype=object)[rows].astype(str) if ds.is_string(name) else ds.numeric(name)[rows]
    return np.unique(values, return_inverse=True)[1]


def _ratings_matrix(y: np.ndarray, target: np.ndarray, rater: np.ndarray | None) -> np.ndarray:
    """n x k ratings: row = target; columns = the target's ratings in data order (one-way)
    or the raters (two-way).  Unbalanced data are refused as [R] icc does."""
    n = int(target.max()) + 1
    counts = np.bincount(target, minlength=n)
    if rater is None:
        k = int(counts[0])
        if np.any(counts != k):
            raise StataError("unbalanced data are not allowed: each target must be rated by the same "
                             "number of raters", 459)
        order = np.argsort(target, kind="stable")
        return y[order].reshape(n, k)
    k = int(rater.max()) + 1
    cells = np.bincount(target * k + rater, minlength=n * k)
    if np.any(cells != 1):
        raise StataError("unbalanced data are not allowed: each rater must rate each target exactly once", 459)
    out = np.empty((n, k))
    out[target, rater] = y
    return out


def cmd_icc(session, cmd) -> None:
    from mlmcli.rater_agreement import one_way_icc, two_way_icc
    from mlmcli.render.intraclass import render_icc
    from mlmcli.results.statistics import IccResult, IccRow

    opts = resolve_options(cmd.options, ICC_OPTIONS)
    ds = session.data
    names = counted_varlist(ds, cmd.args, 2, 3)
    depvar, target = names[0], names[1]
    rater = names[2] if len(names) == 3 else None
    if ds.is_string(depvar):
        raise StataError("type mismatch", 109)
    if opts.get("absolute") and opts.get("consistency"):
        raise StataError("options absolute and consistency may not be combined", 184)
    if rater is None:
        for bad in ("mixed", "consistency"):
            if opts.get(bad):
                raise StataError(f"option {bad} not allowed with the one-way random-effects model", 198)
    if "testvalue" in opts:
        if number_option(opts, "testvalue", 0.0) != 0:
            raise StataError("icc, testvalue() other than 0 is not implemented in mlmcli", 199)
    fmt = "%9.0g"
    if "format" in opts:
        from mlmcli.render.numfmt import is_valid_format
        fmt = str(opts["format"]).strip()
        if not is_valid_format(fmt):
            raise StataError("invalid %format", 120)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    rows = mark(session, cmd, names, strok=True)
    if not rows.any():
        raise StataError("no observations", 2000)
    y = ds.numeric(depvar)[rows]
    tcodes = _codes(ds, target, rows)
    rcodes = None if rater is None else _codes(ds, rater, rows)
    matrix = _ratings_matrix(y, tcodes, rcodes)
    if matrix.shape[0] < 2 or matrix.shape[1] < 2:
        raise StataError("insufficient observations", 2001)
    mixed = bool(opts.get("mixed"))
    if rater is None:
        est, model, kind = one_way_icc(matrix, level), "One-way random-effects model", "absolute"
    else:
        absolute = bool(opts.get("absolute")) or (not mixed and not opts.get("consistency"))
        est = two_way_icc(matrix, absolute, level)
        model = "Two-way mixed-effects model" if mixed else "Two-way random-effects model"
        kind = "absolute" if absolute else "consistency"
    result = IccResult(
        model=model, agreement="Absolute agreement" if kind == "absolute" else "Consistency of agreement",
        depvar=depvar, target=target, rater=rater, raters_fixed=mixed, n_targets=est.n_targets,
        n_raters=est.n_raters,
        rows=(IccRow("Individual", est.individual.icc, est.individual.lb, est.individual.ub),
              IccRow("Average", est.average.icc, est.average.lb, est.average.ub)),
        F=est.individual.F, df1=est.individual.df1, df2=est.individual.df2, p=est.individual.p, level=level,
        fmt=fmt)
    session.print(render_icc(result))
    r = {"N_target": float(est.n_targets), "N_rater": float(est.n_raters), "testvalue": 0.0, "level": level}
    for key, e in (("icc_i", est.individual), ("icc_avg", est.average)):
        r.update({key: e.icc, f"{key}_F": e.F, f"{key}_df1": float(e.df1), f"{key}_df2": float(e.df2),
                  f"{key}_p": e.p, f"{key}_lb": e.lb, f"{key}_ub": e.ub})
    r.update({"model": {"One-way random-effects model": "one-way random",
                        "Two-way random-effects model": "two-way random",
                        "Two-way mixed-effects model": "two-way mixed"}[model],
              "type": kind, "depvar": depvar, "target": target})
    if rater is not None:
        r["rater"] = rater
    session.set_r(r)
