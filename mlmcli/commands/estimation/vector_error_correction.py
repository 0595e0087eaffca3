"""Cointegrating rank and vector error-correction models by Johansen's ML method ([TS] vecrank,
[TS] vec; vecrank.ado 1.1.0, vec.ado 1.5.1, _vecu.ado 1.4.2 and _vecauxdisp.ado of the Stata 16
tree, their displays unchanged since Stata 9):

    vecrank depvarlist [if] [in] [, lags(#) trend(constant|rconstant|trend|rtrend|none) notrace
        max ic level99 levela noreduce]
    vec depvarlist [if] [in] [, rank(#) lags(#) trend(...) level(#) nobtable alpha pi noptable
        noetable noidtest dforce noreduce]

The data must be tsset (one panel, no gaps in the sample).  Formulas: ``time_series.johansen``;
layouts: ``render.vec_model``.  sindicators(varlist): the indicators enter unrestricted, beside the
lagged differences.  Refused by name: seasonal (the undocumented automatic indicators),
bconstraints()/aconstraints() and the options of the constrained fit (afrom(), bfrom(),
iterate(), tolerance(), ltolerance(), log, trace, toltrace), mai.  Where vec.ado would shorten
the lags because the lagged differences are collinear (vec_rmcoll) mlmcli refuses the model
instead (decided: the message names the collinearity).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.vec_data import lags_option, parse_trend, refuse_model_options, vec_data
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"vecrank": "vecrank depvarlist [if] [in] [, lags(#) trend() notrace max ic level99 levela] : "
                   "cointegrating rank of a VECM",
        "vec": "vec depvarlist [if] [in] [, rank(#) lags(#) trend() alpha pi nobtable noetable] : "
               "vector error-correction models"}
_MODEL = [OptionSpec("lags", 2, takes_arg=True), OptionSpec("trend", 1, takes_arg=True),
          OptionSpec("sindicators", 2, takes_arg=True), OptionSpec("seasonal", 8), OptionSpec("noreduce", 8)]
_RANK_SHOW = [OptionSpec("notrace", 4), OptionSpec("max", 1), OptionSpec("ic", 1), OptionSpec("level99", 7),
              OptionSpec("levela", 6)]
_VEC_SHOW = [OptionSpec("level", 1, takes_arg=True), OptionSpec("nobtable", 4), OptionSpec("alpha", 2),
             OptionSpec("pi", 2), OptionSpec("noptable", 4), OptionSpec("mai", 1), OptionSpec("noetable", 4),
             OptionSpec("noidtest", 4), OptionSpec("dforce", 3), OptionSpec("nocnsreport", 7)]
_VEC_FIT = [OptionSpec("rank", 1, takes_arg=True), OptionSpec("bconstraints", 2, takes_arg=True),
            OptionSpec("aconstraints", 2, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
            OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("iterate", 4, takes_arg=True),
            OptionSpec("afrom", 2, takes_arg=True), OptionSpec("bfrom", 2, takes_arg=True),
            OptionSpec("nolog", 4), OptionSpec("log", 3), OptionSpec("trace", 2), OptionSpec("toltrace", 7)]


# ---------------------------------------------------------------------------- vecrank
def _replayed(session, cmd, name: str, shown, show) -> bool:
    """Replay (no varlist, no if/in): the last results of ``name`` shown again; True when done."""
    if cmd.args.strip() or cmd.if_exp or cmd.in_range:
        return False
    opts = resolve_options(cmd.options, shown)
    if session.e is None or session.e.cmd != name:
        raise StataError(f"{name} results not found", 301)
    show(session, session.e, opts)
    return True


def _fit_options(cmd, specs) -> dict:
    opts = resolve_options(cmd.options, specs)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    refuse_model_options(opts)
    return opts


def cmd_vecrank(session, cmd) -> None:
    if _replayed(session, cmd, "vecrank", _RANK_SHOW, _show_rank):
        return
    opts = _fit_options(cmd, [*_MODEL, *_RANK_SHOW])
    e = fit_rank(session, cmd, opts)
    session.e = e
    _show_rank(session, e, opts)


def fit_rank(session, cmd, opts):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix
    from mlmcli.time_series.johansen import moments, rank_statistics, selected_rank

    trend, p = parse_trend(opts.get("trend")), lags_option(opts)
    data = vec_data(session, cmd, cmd.args, p, trend, sindicators=opts.get("sindicators"))
    stats = rank_statistics(moments(data.Z0, data.Z1, data.Z2))
    K = len(data.endog)
    ce0, ce1, ce2 = [f"{i}_ce" for i in range(K)], [f"{i}_ce" for i in range(1, K + 1)], [f"{i}_ce" for i in range(K + 1)]

    def row(name, values, cols):
        return Matrix(np.asarray(values, float)[None, :].copy(), (name,), tuple(cols))

    sbic_r, hqic_r = int(np.argmin(stats.sbic)), int(np.argmin(stats.hqic))
    scalars = {"N": float(data.Z0.shape[0]), "k_eq": float(K), "k_dv": float(K), "n_lags": float(p),
               "tmin": data.tmin, "tmax": data.tmax, "k_ce95": selected_rank(stats, trend, 95),
               "k_ce99": selected_rank(stats, trend, 99), "k_cesbic": float(sbic_r), "k_cehqic": float(hqic_r)}
    matrices = {"ll": row("LL", stats.ll, ce2), "aic": row("AIC", stats.aic, ce2), "sbic": row("SBIC", stats.sbic, ce2),
                "hqic": row("HQIC", stats.hqic, ce2), "k_rank": row("parameters", stats.parms, ce2),
                "lambda": row("eigenvalues", stats.lam, ce1), "trace": row("trace", stats.trace, ce0),
                "max": row("max", stats.max, ce0)}
    macros = {"cmd": "vecrank", "cmdline": (cmd.text or f"vecrank {cmd.args}").strip(), "trend": trend,
              "tsfmt": session.data.format_of(data.tvar), "reduce_lags": ""}
    if opts.get("sindicators"):
        macros["sindicators"] = " ".join(v for v in data.z2_names if "." not in v and v not in ("_trend", "_cons"))
    e = EstimationResults(cmd="vecrank", scalars=scalars, macros=macros, matrices=matrices)
    return e


def _show_rank(session, e, opts) -> None:
    from mlmcli.render.vec_model import render_vecrank
    from mlmcli.time_series.johansen import critical_value

    levels = (99,) if opts.get("level99") and not opts.get("levela") else ((95, 99) if opts.get("levela") else (95,))
    K, trend = int(e.scalars["k_eq"]), e.macros["trend"]
    tables = []
    if not opts.get("notrace"):
        tables.append("trace")
    if opts.get("max"):
        tables.append("max")
    if opts.get("ic"):
        tables.append("ic")
    cv = {(t, lv): [critical_value(t, lv, K - r, trend) for r in range(K)] for t in ("trace", "max") for lv in (95, 99)}
    m = {k: e.matrices[k].values.ravel() for k in ("ll", "aic", "sbic", "hqic", "k_rank", "lambda", "trace", "max")}
    session.print(render_vecrank(tables, levels, m, cv, e.scalars, trend, _sample_text(e)))


def _sample_text(e) -> str:
    from mlmcli.render.numfmt import format_number

    fmt = e.macros.get("tsfmt") or "%9.0g"
    return f"{format_number(e.scalars['tmin'], fmt).strip()} - {format_number(e.scalars['tmax'], fmt).strip()}"


# ---------------------------------------------------------------------------- vec
def cmd_vec(session, cmd) -> None:
    if _replayed(session, cmd, "vec", _VEC_SHOW, _show_vec):
        return
    opts = _fit_options(cmd, [*_MODEL, *_VEC_SHOW, *_VEC_FIT])
    for name in ("bconstraints", "aconstraints"):
        if opts.get(name) is not None:
            raise StataError(f"option {name}() of vec is not implemented in mlmcli", 198)
    for name in ("iterate", "tolerance", "ltolerance", "bfrom", "afrom"):
        if opts.get(name) is not None:
            raise StataError(f"{name}() cannot be specified when no constraints() are specified", 198)
    for name in ("log", "nolog", "trace", "toltrace"):
        if opts.get(name):
            raise StataError(f"{name} cannot be specified when no constraints() are specified", 198)
    if opts.get("pi") and opts.get("noptable"):
        raise StataError("pi cannot be specified with noptable", 198)
    if opts.get("mai"):
        raise StataError("option mai of vec is not implemented in mlmcli", 198)
    confidence_level(opts, getattr(session, "level", 95.0))
    from mlmcli.commands.estimation.vec_fit import fit_vec

    e = fit_vec(session, cmd, opts)
    session.e = e
    _show_vec(session, e, opts)


def _show_vec(session, e, opts) -> None:
    from mlmcli.commands.estimation.vec_fit import show_vec

    show_vec(session, e, opts)
