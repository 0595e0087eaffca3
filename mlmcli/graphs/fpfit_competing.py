"""``twoway fpfit``/``fpfitci`` with ``estcmd(stcrreg)``, as twoway__fpfit_serset draws it.

fracpoly's st form (as ``graphs.fpfit_survival`` for stcox): the plot's y is the
fractional-polynomial variable, x a covariate entering linearly, on the stset records; the
powers by the deviance -2 e(ll) (frac_dv: stcrreg's log pseudolikelihood), the terms centred
at the mean of (scaled) y; fracpred draws x b = sum_j b_j (y_j - c_j) + b_x x (no constant) at
the observation twoway keeps for each distinct x, missing outside stcrreg's sample; ``stdp``
and fpfitci's band use stcrreg's robust V (clustered on stset's id() or vce(cluster v), with
M/(M-1) unless noadjust) and the normal quantile.

estopts(): compete(crvar[==numlist]) -- required, as stcrreg requires it (without it stcrreg
fails: Stata's note "(note:  fracpoly could not fit model)", nothing drawn) --, fracpoly's
options, vce(robust|cluster v), robust, cluster(), noadjust and reporting options (noshr,
nolog, noshow, level()).  offset(), tvc(), texp() and stcrreg's other refusals are refused;
an option stcrreg does not have makes it fail (the note), as do data not stset, a weight, or
a competing event stset as a failure.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.fpfit_st_common import FRACPOLY_NAMES, StCommandFailed, matches_option

_REPORTING = (("noshr", 5), ("shr", 3), ("nohr", 4), ("nolog", 5), ("noshow", 6), ("level", 1),
              ("noheader", 6), ("notable", 7), ("nodisplay", 9))
_REFUSED = (("offset", 3), ("tvc", 3), ("texp", 4), ("constraints", 5), ("collinear", 3), ("from", 4))


def _competing_options(ctx, opts):
    """estopts() -> (fracpoly settings, compete() text, cluster variable or None, noadjust)."""
    from mlmcli.graphs.fit_options import fracpoly_options
    from mlmcli.graphs.series_parts import last_option
    from mlmcli.syntax.options import read_options, vce_option

    text = last_option(opts, "estopts")
    typed = read_options(text) if isinstance(text, str) else ()
    fracpoly, compete, cluster, noadjust = [], None, None, False
    for option in typed:
        if matches_option(option.name, FRACPOLY_NAMES):
            fracpoly.append(option)
        elif matches_option(option.name, (("compete", 4),)) and option.arg:
            compete = option.arg
        elif matches_option(option.name, _REPORTING):
            continue
        elif matches_option(option.name, (("noadjust", 5),)):
            noadjust = True
        elif matches_option(option.name, _REFUSED):
            raise StataError(f"estopts(): option {option.name} not supported by mlmcli with estcmd(stcrreg)", 198)
        elif matches_option(option.name, (("robust", 1),)):
            continue
        elif matches_option(option.name, (("cluster", 2),)) and option.arg:
            cluster = ctx.data.resolve(option.arg.strip())
        elif matches_option(option.name, (("vce", 3),)) and option.arg:
            kind, args = vce_option(option.arg, (("robust", 1), ("cluster", 2)))
            if kind is None or (kind == "cluster" and len(args) != 1) or (kind == "robust" and args):
                raise StCommandFailed()
            cluster = ctx.data.resolve(args[0]) if kind == "cluster" else cluster
        else:  # an option stcrreg does not have: stcrreg fails inside fracpoly
            raise StCommandFailed()
    if compete is None:  # stcrreg's compete() is required
        raise StCommandFailed()
    spelled = " ".join(f"{o.name}({o.arg})" if o.arg is not None else o.name for o in fracpoly)
    settings, _, _, _ = fracpoly_options(ctx, {"estopts": spelled} if spelled else {}, "regress")
    return settings, compete, cluster, noadjust


def competing_fp(ctx, fp_values, covariate, sample, settings, status, clusters, noadjust: bool):
    """(b, V, the FP of ``fp_values``): the powers by -2 ll of stcrreg's model with the FP terms
    and the covariate, the final fit on the centred terms and the covariate, V robust."""
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.survival.subdistribution_hazard import CompetingData, fit_subdistribution, robust_variance

    t = ctx.data.numeric("_t")[sample]
    z, cov = fp_values[sample], covariate[sample]

    def fit(X):
        return fit_subdistribution(CompetingData(t=t, status=status, X=X, offset=np.zeros(t.size)))

    def deviance(X):
        try:
            _, res, _ = fit(np.column_stack([X, cov]))
        except np.linalg.LinAlgError:
            return None
        return -2.0 * res.f if res.converged and np.isfinite(res.f) else None

    model = best_fp(np.zeros(z.size), z, degree=settings["degree"], constant=False, powers=settings["powers"],
                    center=settings["center"], scaling=settings["scaling"], criterion=deviance)
    lik, res, V = fit(np.column_stack([model.centred_terms(z), cov]))
    if not res.converged:
        raise StCommandFailed()
    V = robust_variance(lik, res.x, V, clusters)
    m = int(clusters.max()) + 1 if clusters is not None else z.size
    if not noadjust and m > 1:
        V = V * (m / (m - 1.0))
    return res.x, V, model


def _status(ctx, compete, rows):
    """stcrreg's failure types on ``rows`` (1 failure, 2 competing, 0 censored); a competing
    event stset as a failure, or records stcrreg mlm does not fit, fail inside fracpoly."""
    from mlmcli.survival.competing_risks import parse_compete

    ds = ctx.data
    crvar, values = parse_compete(ds, compete)
    cr = ds.numeric(crvar)[rows]
    competing = np.isin(cr, np.asarray(values, float)) if values is not None else (cr != 0) & ~np.isnan(cr)
    d = ds.numeric("_d")[rows]
    if np.any(competing & (d == 1)):
        raise StCommandFailed()
    return np.where(d == 1, 1, np.where(competing, 2, 0))


def competing_fpfit(ctx, plot, keep):
    """The Series of fpfit/fpfitci with estcmd(stcrreg) (module docstring)."""
    from mlmcli.graphs.fpfit_st_common import failed_fit, fracpred_line, plot_points
    from mlmcli.survival.settings import is_st

    points = plot_points(ctx, plot, keep, "stcrreg")
    if points is None:
        return []
    with_ci, level, stdp, y_all, x_all, sample, first, at = points
    ds = ctx.data
    try:
        settings, compete, cluster_var, noadjust = _competing_options(ctx, plot.options)
        if not is_st(ds.chars) or plot.weights is not None:  # r(119); stcrreg's weights come from stset
            raise StCommandFailed()
        if ds.chars.get("st_wt"):
            raise StataError("estcmd(stcrreg) with stset weights not supported by mlmcli", 198)
        fit_rows = sample & (ds.numeric("_st") == 1)
        cluster_var = cluster_var or ds.chars.get("st_id") or None
        if cluster_var:
            fit_rows &= np.isfinite(ds.numeric(cluster_var))
        if ds.chars.get("st_id"):
            ids = ds.numeric(ds.chars["st_id"])[fit_rows]
            if np.unique(ids).size != ids.size:
                raise StataError("estcmd(stcrreg) with multiple records per subject not supported by mlmcli", 198)
        if np.any(ds.numeric("_t0")[fit_rows] > 0):
            raise StataError("estcmd(stcrreg) with delayed entry not supported by mlmcli", 198)
        if not fit_rows.any():
            raise StCommandFailed()
        clusters = np.unique(ds.numeric(cluster_var)[fit_rows], return_inverse=True)[1] if cluster_var else None
        status = _status(ctx, compete, fit_rows)
        b, V, model = competing_fp(ctx, y_all, x_all, fit_rows, settings, status, clusters, noadjust)
    except (StCommandFailed, StataError) as failure:
        if isinstance(failure, StataError) and "not supported by mlmcli" in str(failure):
            raise
        return failed_fit(ctx, plot, at, level, with_ci)
    X0 = np.column_stack([model.centred_terms(y_all[first]), x_all[first]])
    # fracpred predicts in e(sample) only
    return fracpred_line(ctx, plot, at, X0, b, V, ~fit_rows[first], stdp, level, with_ci)
