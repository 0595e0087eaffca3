"""``twoway fpfit``/``fpfitci`` with ``estcmd(stcox)`` or ``estcmd(streg)``, as
twoway__fpfit_serset draws it.

The serset program runs ``capture fracpoly stcox y x [weight], estopts`` on the plot's
observations.  For the st commands fracpoly takes no dependent variable (frac_chk's dist 7):
its first variable -- the plot's y -- is the fractional-polynomial variable and x enters
linearly as a covariate, on the stset records (_t0, _t], _d.  fracpoly chooses y's powers by
the deviance -2 e(ll) (frac_dv), the terms centred at the mean of (scaled) y (its default
adjust) -- shifted, scaled and centred over fracpoly's rows (y, x, _t), those the command drops
included (``fpfit_st_common.with_fracpoly_sample``) --, and fracpred draws the linear predictor x b = sum_j b_j (y_j - c_j) + b_x x (no
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

from mlmcli.errors import StataError, is_mlm_refusal
from mlmcli.graphs.fpfit_st_common import (StCommandFailed, check_band, failed_fit, fracpred_line, plot_points,
                                           with_fracpoly_sample)

SURVIVAL_COMMANDS = ("stcox", "streg")


def survival_fpfit(ctx, plot, keep, command: str):
    """The Series of fpfit/fpfitci with estcmd(stcox|streg) (module docstring)."""
    if command == "stcox":  # stcox's options, stset weights, for() and dresid: graphs.fpfit_stcox
        from mlmcli.graphs.fpfit_stcox import stcox_fpfit
        return stcox_fpfit(ctx, plot, keep)
    from mlmcli.graphs.fpfit_streg import streg_fp, streg_options
    from mlmcli.survival.settings import is_st

    points = plot_points(ctx, plot, keep)
    if points is None:
        return []
    with_ci, level, stdp, y_all, x_all, sample, first, at = points
    ds = ctx.data
    try:
        settings, ties, vce, cluster_var = streg_options(ctx, plot.options, StCommandFailed)
        if not is_st(ds.chars) or plot.weights is not None:  # r(119); streg's weights come from stset
            raise StCommandFailed()
        settings = with_fracpoly_sample(ds, settings, y_all, sample)  # frac_xo's and fracgen's rows
        fit_rows = sample & (ds.numeric("_st") == 1)
        if cluster_var:
            fit_rows &= np.isfinite(ds.numeric(cluster_var))
        chosen: dict = {}
        b, V, X0, shift, fit_rows, k_terms, dresid, df_r = streg_fp(ctx, y_all, x_all, fit_rows, settings, ties, vce,
                                                              cluster_var, first, StCommandFailed,
                                                              (plot.ys[0], plot.x), chosen)
    except (StCommandFailed, StataError) as failure:
        if is_mlm_refusal(failure):
            raise
        return failed_fit(ctx, plot, at, level, with_ci)
    from mlmcli.graphs.fpfit_printed_runs import print_fracpoly_runs  # vce(, noisily)'s runs

    print_fracpoly_runs(ctx, plot, chosen["model"], np.flatnonzero(sample), settings, st=True)
    from mlmcli.graphs.fpfit_stcox import fracpred_predopts
    from mlmcli.graphs.series_parts import last_option

    _, for_var, with_dresid = fracpred_predopts(ctx, last_option(plot.options, "predopts"), plot.ys[0], plot.x)
    check_band(plot)
    k = X0.shape[1]  # the _t equation: the terms, x, strata indicators, _cons
    b_t, V_t, outside = b[:k], V[:k, :k], ~fit_rows[first]  # fracpred predicts in e(sample) only
    if for_var is not None:  # pcalc/vcalc, no offset; the band x b's stdp around it
        from mlmcli.graphs.fpfit_fracpred_for import fracpred_for

        cols = list(range(k_terms)) if for_var == plot.ys[0] else [k_terms]
        values = fracpred_for(X0, b, V, cols, k_terms + 1, k - 1, stdp)
        return fracpred_line(ctx, plot, at, X0, b_t, V_t, outside, stdp, level, with_ci,
                             label="Predicted " + plot.ys[0], values=values, df_r=df_r)
    if with_dresid:  # fracpred: for() wins over dresid, dresid over stdp
        return fracpred_line(ctx, plot, at, X0, b_t, V_t, outside, False, level, with_ci,
                             label=f"deviance residuals for {plot.ys[0]}", values=dresid[first], df_r=df_r)
    return fracpred_line(ctx, plot, at, X0, b_t, V_t, outside, stdp, level, with_ci, shift, df_r=df_r)
