"""``twoway fpfit``/``fpfitci`` with ``estcmd(stcox)`` or ``estcmd(streg)``, as
twoway__fpfit_serset draws it.

The serset program runs ``capture fracpoly stcox y x [weight], estopts`` on the plot's
observations.  For the st commands fracpoly takes no dependent variable (frac_chk's dist 7):
its first variable -- the plot's y -- is the fractional-polynomial variable and x enters
linearly as a covariate, on the stset records (_t0, _t], _d.  fracpoly chooses y's powers by
the deviance -2 e(ll) (frac_dv), the terms centred at the mean of (scaled) y (its default
adjust), and fracpred draws the linear predictor x b = sum_j b_j (y_j - c_j) + b_x x (no
constant) of the observation twoway keeps at each distinct x (the data sorted by x and y: the
smallest y there), missing where that observation is outside stcox's sample; ``stdp`` (and the
band of fpfitci) sqrt(x V x') with the normal quantile (stcox keeps no e(df_r)).

Stata's note "(note:  fracpoly could not fit model)", nothing drawn, when stcox fails inside
the capture: data not stset (r(119)), weights (stcox takes them from stset only), an option
stcox does not have.  estopts(): fracpoly's options (degree(), powers(), center()/adjust(),
noscaling, all, log, compare), stcox's breslow/efron, vce(oim|robust|cluster v) (robust
clustering on stset's id(), as stcox does), reporting options (nohr, nolog, noshow).  stcox's
own options, stset weights, for() and dresid: mlmcli.graphs.fpfit_stcox, which fits stcox.

streg: ``mlmcli.graphs.fpfit_streg`` (every distribution and streg's options).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

SURVIVAL_COMMANDS = ("stcox", "streg")
# fracpoly's own options (passed on to fit_options.fracpoly_options)
_FRACPOLY_NAMES = (("degree", 3), ("powers", 2), ("center", 4), ("adjust", 2), ("noscaling", 5), ("all", 3),
                   ("log", 2), ("compare", 3))
_REPORTING = (("nohr", 4), ("hr", 2), ("nolog", 5), ("noshow", 6), ("level", 1))
_REFUSED = (("exactm", 6), ("exactp", 6), ("strata", 6), ("shared", 6), ("tvc", 3), ("texp", 4), ("offset", 3))


def _matches(name: str, table) -> str | None:
    from mlmcli.syntax.abbreviation import resolve_choice
    return resolve_choice(name.lower(), table)


class _Failed(Exception):
    """stcox fails inside fracpoly's capture."""


def _survival_options(ctx, opts, command: str):
    """estopts() -> (fracpoly settings, stcox's ties or streg's (distribution, time metric), vce
    kind, cluster variable)."""
    from mlmcli.graphs.fit_options import fracpoly_options
    from mlmcli.graphs.series_parts import last_option
    from mlmcli.syntax.options import read_options, vce_option

    if command == "streg":
        from mlmcli.graphs.fpfit_streg import streg_options
        return streg_options(ctx, opts, _Failed)
    text = last_option(opts, "estopts")
    typed = read_options(text) if isinstance(text, str) else ()
    fracpoly, ties, vce, cluster = [], "breslow", "oim", None
    for option in typed:
        if _matches(option.name, _FRACPOLY_NAMES):
            fracpoly.append(option)
        elif command == "stcox" and _matches(option.name, (("breslow", 3), ("efron", 3))):
            ties = _matches(option.name, (("breslow", 3), ("efron", 3)))
        elif _matches(option.name, _REPORTING):
            continue
        elif _matches(option.name, _REFUSED):
            raise StataError(f"estopts(): option {option.name} not supported by mlmcli with estcmd({command})", 198)
        elif _matches(option.name, (("robust", 1),)):
            vce = "robust"
        elif _matches(option.name, (("cluster", 2),)) and option.arg:
            vce, cluster = "cluster", ctx.data.resolve(option.arg.strip())
        elif _matches(option.name, (("vce", 3),)) and option.arg:
            kind, args = vce_option(option.arg, (("oim", 1), ("robust", 1), ("cluster", 2), ("opg", 3)))
            if kind == "opg" or (kind == "cluster" and len(args) != 1) or (kind != "cluster" and args):
                raise _Failed()
            vce, cluster = kind, (ctx.data.resolve(args[0]) if kind == "cluster" else None)
        else:  # an option stcox does not have: stcox fails inside fracpoly
            raise _Failed()
    spelled = " ".join(f"{o.name}({o.arg})" if o.arg is not None else o.name for o in fracpoly)
    settings, _, _, _ = fracpoly_options(ctx, {"estopts": spelled} if spelled else {}, "regress")
    return settings, ties, vce, cluster


def _predict_options(text, command: str) -> bool:
    """fracpred's options -> stdp."""
    from mlmcli.syntax.options import read_options

    if not isinstance(text, str):
        return False
    stdp = False
    for option in read_options(text):
        name = _matches(option.name, (("stdp", 4), ("for", 3), ("all", 3), ("dresid", 2)))
        if name is None:
            raise StataError(f"predopts(): option {option.name} not allowed", 198)
        if command != "streg" and name in ("for", "dresid"):  # streg's: survival_fpfit
            raise StataError(f"predopts({name}) with estcmd({command}) not supported by mlmcli", 198)
        stdp = stdp or name == "stdp"
    return stdp


def plot_points(ctx, plot, keep, command: str):
    """(fpfitci?, level, stdp, y, x, the plot's sample, twoway's kept row at each distinct x
    (the data sorted by x and y: the smallest y there), those x); None when no row is usable."""
    from mlmcli.graphs.series_parts import last_option
    from mlmcli.syntax.options import confidence_level

    opts = plot.options
    with_ci = plot.kind == "fpfitci"
    if with_ci and (opts.get("stdf") or opts.get("stdr")):
        raise StataError(f"option {'stdf' if opts.get('stdf') else 'stdr'} not allowed", 198)
    typed = {"level": last_option(opts, "level")} if isinstance(last_option(opts, "level"), str) else {}
    level = confidence_level(typed, 95.0)
    stdp = _predict_options(last_option(opts, "predopts"), command)
    x_all, y_all = ctx.data.numeric(plot.x), ctx.data.numeric(plot.ys[0])
    sample = keep & np.isfinite(x_all) & np.isfinite(y_all)
    if not sample.any():
        return None
    order = np.flatnonzero(sample)[np.lexsort((y_all[sample], x_all[sample]))]
    first = order[np.r_[True, np.diff(x_all[order]) != 0]]
    return with_ci, level, stdp, y_all, x_all, sample, first, x_all[first]


def failed_fit(ctx, plot, at, level, with_ci):
    """The command failing inside fracpoly's capture: Stata's note, nothing drawn."""
    from mlmcli.graphs import fits
    from mlmcli.graphs.fitted_plots import fit_and_band
    from mlmcli.graphs.fpfit_models import FAILED_NOTE

    ctx.messages.append(FAILED_NOTE)
    nan = np.full(at.shape, np.nan)
    return fit_and_band(ctx, plot, fits.LineFit(at, nan, nan, nan.copy()), level, with_ci, "Fitted values")


def fracpred_line(ctx, plot, at, X0, b, V, outside, stdp, level, with_ci, shift=0.0, label=None, values=None):
    """fracpred's x b (plus ``shift``: streg's offset) or stdp at the kept rows X0, missing
    ``outside`` e(sample); the band with the normal quantile; ``label``: the line's, if not
    twoway's default; ``values``: fracpred's statistic itself (dresid) in place of x b."""
    from mlmcli.graphs import fits
    from mlmcli.graphs.fitted_plots import fit_and_band
    from mlmcli.postest.linear_prediction import quadratic_form_rows

    var_p = quadratic_form_rows(X0, V)
    fitted = np.sqrt(np.maximum(var_p, 0.0)) if stdp else X0 @ b + shift
    if values is not None:
        fitted = values
    fitted = np.where(outside, np.nan, fitted)
    lower = upper = None
    if with_ci:
        from mlmcli.distributions import norm
        q = float(norm.ppf(0.5 + level / 200.0))
        width = np.where(outside, np.nan, np.sqrt(np.maximum(var_p, 0.0)))
        lower, upper = fitted - q * width, fitted + q * width
    label = label or ("S.E. of the prediction" if stdp else "Fitted values")
    return fit_and_band(ctx, plot, fits.LineFit(at, fitted, lower, upper), level, with_ci, label)


def survival_fpfit(ctx, plot, keep, command: str):
    """The Series of fpfit/fpfitci with estcmd(stcox|streg) (module docstring)."""
    if command == "stcox":  # stcox's options, stset weights, for() and dresid: graphs.fpfit_stcox
        from mlmcli.graphs.fpfit_stcox import stcox_fpfit
        return stcox_fpfit(ctx, plot, keep)
    from mlmcli.graphs.fpfit_streg import streg_fp
    from mlmcli.survival.settings import is_st

    points = plot_points(ctx, plot, keep, command)
    if points is None:
        return []
    with_ci, level, stdp, y_all, x_all, sample, first, at = points
    ds = ctx.data
    try:
        settings, ties, vce, cluster_var = _survival_options(ctx, plot.options, command)
        if not is_st(ds.chars) or plot.weights is not None:  # r(119); streg's weights come from stset
            raise _Failed()
        fit_rows = sample & (ds.numeric("_st") == 1)
        if cluster_var:
            fit_rows &= np.isfinite(ds.numeric(cluster_var))
        b, V, X0, shift, fit_rows, k_terms, dresid = streg_fp(ctx, y_all, x_all, fit_rows, settings, ties, vce,
                                                              cluster_var, first, _Failed)
    except (_Failed, StataError) as failure:
        if isinstance(failure, StataError) and "not supported by mlmcli" in str(failure):
            raise
        return failed_fit(ctx, plot, at, level, with_ci)
    from mlmcli.graphs.fpfit_stcox import _predopts
    from mlmcli.graphs.series_parts import last_option

    _, for_var, with_dresid = _predopts(ctx, last_option(plot.options, "predopts"), plot.ys[0], plot.x)
    if for_var is not None:  # fracpred's xpredict: the variable's terms and _t:_cons, no offset
        from mlmcli.graphs.fpfit_streg import for_columns

        cols = for_columns(k_terms, X0.shape[1], for_var == plot.ys[0], ties["constant"], ties["distribution"])
        X0, b, V, shift = X0[:, cols], b[cols], V[np.ix_(cols, cols)], 0.0
    # fracpred predicts in e(sample) only
    if with_dresid and for_var is None:  # fracpred: for() wins over dresid, dresid over stdp
        return fracpred_line(ctx, plot, at, X0, b, V, ~fit_rows[first], False, level, with_ci,
                             label=f"deviance residuals for {plot.ys[0]}", values=dresid[first])
    return fracpred_line(ctx, plot, at, X0, b, V, ~fit_rows[first], stdp, level, with_ci, shift,
                         "Predicted " + plot.ys[0] if for_var is not None else None)
