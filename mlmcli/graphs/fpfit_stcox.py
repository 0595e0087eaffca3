"""``twoway fpfit``/``fpfitci`` with ``estcmd(stcox)`` (the st form of fracpoly: the plot's y the
fractional-polynomial variable, x a linear covariate; mlmcli.graphs.fpfit_survival's docstring),
with stcox's own options in estopts() and fracpred's for() and dresid.

estopts() (read by mlmcli.graphs.fpfit_stcox_options): fracpoly's options; stcox's breslow, efron,
exactm, exactp, strata(varnames), offset(varname), tvc(varlist) with texp(exp) (a function of _t),
vce(oim|robust|cluster v) (robust on stset's id() when there is one; pweights make it robust, as
stcox does), reporting options.
Every candidate fit and the final one are stcox's with them (mlmcli.commands.estimation.
stcox_setup, survival.cox_strata, cox_exact, cox_tvc), on stset's weights (fweights, iweights, pweights;
efron and exactp with weights, and exactm/exactp with tvc(), a robust VCE or pweights, fail
inside fracpoly: the note, as stcox fails).  shared(v): every fit stcox_fr's
(survival.cox_frailty), the deviance -2 log L_m(theta^), b and V the final fit's conditional on theta;
strata(), exactm/exactp, robust VCEs and stset fweights/pweights fail as stcox_fr fails (the note);
tvc() with it: the records split at the failure times; stset iweights with it constant within
group (stcox_fr's CheckWgt; otherwise its failure, the note), each group's contribution weighted.

predopts(): stdp; for(y) the centred FP terms times their b (no constant: stcox has none), for(x)
x b_x, with stdp their standard error (fracpred's pcalc and vcalc), fpfitci's band x b's stdp
around them; after tvc() e(V)'s first tvc row stands as the constant's (graphs.fpfit_fracpred_for):
for() stops with ``[_cons] not found`` r(111), for() stdp adds that row; dresid fracpred's residual
for stcox: stcox refitted on fracpred's x b (offset included) with the same options, then
``predict, deviance`` (the subject's sum on its last record with an stset id()), missing outside
e(sample) -- all at the observation twoway keeps at each distinct x.  x b is the main equation's
after tvc() (fracpred's _predict).  dresid after shared(): stcox_fr refitted on x b (its own
theta^), the deviance residuals with each group's log frailty in the linear predictor (stcox_p's
after shared()); after tvc() Stata's failure (fracpred's captured refit takes no mgale() with
tvc(), and its predict then finds no estimates: r(301)); after exactm/exactp the refit's
(with the exact method) deviance residuals from Breslow's hazard increments at its b, as predict's.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal, not_allowed_text
from mlmcli.graphs.fpfit_st_common import StCommandFailed, matches_option, texp_values
from mlmcli.graphs.fpfit_stcox_options import StcoxSettings, stcox_settings


def _weights(ds, s: StcoxSettings):
    kind = ds.chars.get("st_wt", "")
    if kind and s.ties in ("efron", "exactp"):
        raise StCommandFailed()  # stcox: weights not allowed with efron and exactp
    if s.ties.startswith("exact") and (s.tvc or s.vce != "oim" or kind == "pweight"):
        raise StCommandFailed()  # stcox: exactm and exactp not with tvc(), vce(robust|cluster)
    if kind == "pweight" and s.vce == "oim" and s.replicates is None:
        s.vce = "robust"  # stcox: pweights, a robust variance
    return kind, (ds.numeric(ds.chars["st_wv"]) if kind else np.ones(ds.nobs))


@dataclass
class StcoxFP:
    b: np.ndarray          # the main equation's: the FP terms, then x
    V: np.ndarray
    model: object          # the FractionalPolynomial of y
    rows: np.ndarray       # e(sample)
    data: object           # the final fit's CoxData (unsplit)
    strata: np.ndarray | None
    V_all: np.ndarray | None = None  # e(V) whole: with tvc() the tvc equation's rows follow (fracpred's for())
    df_r: float | None = None  # jackknife's e(df_r) (the band's t quantile)


def fit_stcox_fp(ctx, y, x, rows, s: StcoxSettings, w, plot=None) -> StcoxFP:
    """The powers of y by stcox's -2 ll with x (and tvc()) and the options; the final fit (with
    vce(jackknife|bootstrap) its variance the replicates': graphs.fpfit_stcox_replicates)."""
    from dataclasses import replace

    from mlmcli.survival.cox_strata import build_likelihood, strata_codes
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.survival.cox import CoxData, fit_cox

    ds = ctx.data
    t0, t, d = (ds.numeric(v)[rows] for v in ("_t0", "_t", "_d"))
    strata = strata_codes(ds, s.strata, rows) if s.strata else None
    offset = ds.numeric(s.offset)[rows] if s.offset else None
    tvc = np.column_stack([ds.numeric(v)[rows] for v in s.tvc]) if s.tvc else None
    g = texp_values(ctx, s.texp, t) if s.tvc else None
    base = CoxData(t0=t0, t=t, d=d, X=np.zeros((t.size, 0)), w=w[rows], ties=s.ties, offset=offset)

    def cox(X):
        likelihood, pieces = build_likelihood(replace(base, X=X), strata, tvc, g)
        return fit_cox(likelihood.data, likelihood=likelihood), pieces

    def deviance(X):
        try:
            (_, res, _, _), _ = cox(np.column_stack([X, x[rows]]))
        except np.linalg.LinAlgError:
            return None
        return -2.0 * res.f if res.converged and np.isfinite(res.f) else None

    z = y[rows]
    f = s.fracpoly
    if s.shared:
        deviance, frailty_fit = _shared_fits(ds, base, x, rows, s, tvc, g)

    def search(allowed=None):
        return best_fp(np.zeros(z.size), z, degree=f["degree"], constant=False, powers=f["powers"],
                       center=f["center"], scaling=f["scaling"], criterion=deviance, allowed=allowed,
                       fracpoly_x=f.get("fracpoly_x"))

    replicated = None
    if s.replicates is not None:
        from mlmcli.graphs.fpfit_bootstrap import group_codes
        from mlmcli.graphs.fpfit_stcox_replicates import CoxRefit, replicate_cluster_var

        cluster_var = replicate_cluster_var(ds, s)
        # the clusters' codes (cluster(varlist): each combination, string variables too)
        cluster = None if cluster_var is None else group_codes(ds, cluster_var.split(), np.flatnonzero(rows))
        groups = None
        if s.shared:
            from mlmcli.panel.groups import group_codes

            groups = group_codes(ds, s.shared, rows)
        refit = CoxRefit(base, strata, tvc, g, groups, frailty_or_cox)
        if s.bootstrap is not None and s.bootstrap.get("idcluster") and cluster is not None:
            # a variable stcox reads renumbered in every fit's replicates (reject(), saving() too)
            from mlmcli.graphs.fpfit_stcox_renumber import Renumbering

            from mlmcli.graphs.fpfit_bootstrap import group_codes as strata_codes

            boot_strata = (strata_codes(ds, s.bootstrap["strata"], np.flatnonzero(rows))
                           if s.bootstrap["strata"] else None)
            time_function = (lambda times: texp_values(ctx, s.texp, times)) if s.tvc else None
            refit.renumbering = Renumbering(ds, s, plot, rows, cluster, boot_strata, time_function)
        replicated = (refit, cluster, cluster_var)
    from mlmcli.graphs.fpfit_stcox_bootstrap import accel_first_fit, final_accel, uses_prefix
    from mlmcli.graphs.fpfit_stcox_replicates import strata_and_saver

    if replicated is not None and s.bootstrap is not None:  # bca jackknifeopts(saving()): JKAccel's file
        accel_first_fit(ctx, s, plot, rows, x, replicated)
    if replicated is not None and s.bootstrap is not None and s.bootstrap["saving"] is not None and not uses_prefix(s):
        _first_fit_file(ctx, s, plot, rows, x, replicated)
    prefixed = None
    if replicated is not None and (_prefix_outputs(s.replicates) or uses_prefix(s)):
        from mlmcli.graphs.fpfit_st_common import last_records
        from mlmcli.graphs.fpfit_stcox_replicates import prefixed_stcox

        boot = strata_and_saver(ctx, s, plot, rows, replicated[1], replicated[2], 0) if uses_prefix(s) else None
        prefixed = prefixed_stcox(ctx, plot, s, f, z, x[rows], replicated[0], replicated[1], replicated[2], search,
                                  last_records(ds, rows, t), ds.chars.get("st_wt", ""), boot)
        if prefixed is None:
            raise StCommandFailed()
        model = prefixed[0]
    else:
        model = search()
    X = np.column_stack([model.centred_terms(z), x[rows]])
    k = X.shape[1]  # the main equation's (tvc()'s columns last)
    if s.shared:
        fr = frailty_fit(X)
        b_all, V, V_all = fr.b, fr.V, None
    else:
        (lik, res, V, _), pieces = cox(X)
        if not res.converged:
            raise StCommandFailed()
        b_all, V_all = res.x, V
    df_r = None
    if prefixed is not None:
        V, df_r = prefixed[2], prefixed[3]
    elif replicated is not None:
        from mlmcli.graphs.fpfit_models import FracpolyFailed
        from mlmcli.graphs.fpfit_stcox_replicates import replicate_variance

        refit, cluster, cluster_var = replicated
        strata_b, saver, accel = None, None, None
        if s.bootstrap is not None:
            strata_b, saver = strata_and_saver(ctx, s, plot, rows, cluster, cluster_var, k - 1)
            accel = final_accel(ctx, s, plot, k - 1, cluster_var, int(rows.sum()))
        try:
            V, df_r = replicate_variance(ctx, s.replicates, np.asarray(b_all, float), X, refit, cluster, s.bootstrap,
                                         strata_b, saver, accel)
        except FracpolyFailed:
            raise StCommandFailed() from None
    elif s.vce != "oim" and not s.shared:
        V = _robust(ds, s, lik, res.x, V, rows, pieces)
    if not s.shared:
        V_all = V
    return StcoxFP(np.asarray(b_all)[:k], V[:k, :k], model, rows, replace(base, X=X), None if s.shared else strata,
                   V_all, df_r)


def _first_fit_file(ctx, s, plot, rows, x, replicated) -> None:
    """bootstrap's saving() without replace: the first fit writes the file, the second fails."""
    from mlmcli.graphs.fpfit_models import FracpolyFailed
    from mlmcli.graphs.fpfit_stcox_replicates import first_fit_file, strata_and_saver

    refit, cluster, cluster_var = replicated
    strata_b, write = strata_and_saver(ctx, s, plot, rows, cluster, cluster_var, 0)
    try:
        first_fit_file(ctx, s.replicates, s.bootstrap, refit, x[rows], plot.x, s.tvc, cluster, strata_b, write)
    except FracpolyFailed:
        raise StCommandFailed() from None


def _prefix_outputs(vce) -> bool:
    """jackknife's saving(), keep, n(), reject(), idcluster(): the prefix in each of fracpoly's fits."""
    from mlmcli.graphs.fpfit_streg_jackknife import has_prefix_outputs

    return has_prefix_outputs(vce)


def _shared_fits(ds, base, x, rows, s: StcoxSettings, tvc, g):
    """estopts(shared()): (the deviance of the FP terms, the frailty fit of a final design);
    with tvc() on the records split at the failure times, each piece in its record's group."""
    from dataclasses import replace

    from mlmcli.panel.groups import group_codes
    from mlmcli.survival.cox_strata import build_likelihood

    if s.strata or s.ties.startswith("exact") or s.vce != "oim" or ds.chars.get("st_wt", "") not in ("", "iweight"):
        raise StCommandFailed()  # stcox_fr: not allowed for shared frailty models; only iweights
    groups = group_codes(ds, s.shared, rows)
    if groups.max() < 1:
        raise StCommandFailed()  # v must define more than one group
    w = base.w
    if np.any(np.bincount(groups, weights=w) != np.bincount(groups) * w[np.unique(groups, return_index=True)[1]]):
        raise StCommandFailed()  # stcox_fr's CheckWgt: iweights constant within group

    def frailty_fit(X):
        data, fit_groups, likelihood = replace(base, X=X), groups, None
        if tvc is not None:
            likelihood, pieces = build_likelihood(data, None, tvc, g)
            data, fit_groups = likelihood.data, groups[pieces]
        return frailty_or_cox(data, fit_groups, likelihood)

    def deviance(X):
        try:
            return -2.0 * frailty_fit(np.column_stack([X, x[rows]])).loglik
        except np.linalg.LinAlgError:
            return None
    return deviance, frailty_fit


def _robust(ds, s, lik, b, V, rows, pieces):
    """stcox's robust variance: clusters of cluster() or stset's id(), the M/(M-1) factor."""
    from mlmcli.survival.cox import robust_variance

    var = s.cluster or ds.chars.get("st_id") or None
    clusters = np.unique(ds.numeric(var)[rows], return_inverse=True)[1] if var else None
    m = int(clusters.max()) + 1 if clusters is not None else int(rows.sum())
    if pieces is not None:
        clusters = pieces if clusters is None else clusters[pieces]
    V = robust_variance(lik, b, V, clusters, lik.data.w)
    return V * (m / (m - 1.0)) if m > 1 else V


def deviance_residuals(ctx, fit: StcoxFP, s: StcoxSettings, eta: np.ndarray) -> np.ndarray:
    """fracpred's dresid after stcox: stcox refitted on eta (x b with the offset) with the same
    options, its deviance residuals (stcox_p's: by subject with an stset id()), on e(sample)."""
    from dataclasses import replace

    from mlmcli.survival.cox_residuals import subject_sums
    from mlmcli.survival.cox import fit_cox
    from mlmcli.survival.cox_residuals import cox_residuals
    from mlmcli.survival.cox_strata import StratifiedLikelihood

    if s.tvc:
        # fracpred's residual: "capture stcox eta, ... mgale()" fails after tvc() (stcox takes no
        # residuals with tvc()), then "predict, deviance" finds no estimates
        raise StataError("last estimates not found", 301)
    data = replace(fit.data, X=eta[fit.rows][:, None])
    if s.shared:  # stcox_fr refitted on eta (its own theta^), the residuals given its log frailties
        from mlmcli.panel.groups import group_codes

        groups = group_codes(ctx.data, s.shared, fit.rows)
        fr = frailty_or_cox(data, groups)
        offset = fr.frailties[groups] + (data.offset if data.offset is not None else 0.0)
        mgale = cox_residuals(replace(data, offset=offset), None, fr.b).mgale
    else:
        likelihood = StratifiedLikelihood(data, fit.strata)
        _, res, _, _ = fit_cox(data, likelihood=likelihood)
        mgale = cox_residuals(data, fit.strata, res.x).mgale
    died = data.d
    if ctx.data.chars.get("st_id"):
        mgale = subject_sums(ctx.data, fit.rows, mgale)
        died = subject_sums(ctx.data, fit.rows, died)
    with np.errstate(invalid="ignore", divide="ignore"):
        dev = np.sign(mgale) * np.sqrt(-2 * (mgale + np.where(died != 0, died * np.log(died - mgale), 0.0)))
    out = np.full(ctx.data.nobs, np.nan)
    out[fit.rows] = dev
    return out


def fracpred_predopts(ctx, text, y: str, x: str) -> tuple[bool, str | None, bool]:
    """fracpred's options -> (stdp, the for() variable, dresid)."""
    from mlmcli.syntax.options import read_options

    stdp, for_var, dresid = False, None, False
    for option in read_options(text) if isinstance(text, str) else ():
        name = matches_option(option.name, (("stdp", 4), ("for", 3), ("all", 3), ("dresid", 2)))
        if name is None:
            raise StataError(f"predopts(): {not_allowed_text(option.name, option.arg)}", 198)
        if (name == "for") != (option.arg is not None):
            raise StataError(f"predopts(): option {option.name} incorrectly specified", 198)
        if name == "for":
            for_var = ctx.data.resolve(option.arg.strip())
            if for_var not in (y, x):  # fracpred: "`for' was not an xvar", the name unabbreviated
                raise StataError(f"{for_var} was not an xvar", 198)
        stdp, dresid = stdp or name == "stdp", dresid or name == "dresid"
    return stdp, for_var, dresid


def stcox_fpfit(ctx, plot, keep):
    """The Series of fpfit/fpfitci with estcmd(stcox) (module docstring)."""
    from mlmcli.graphs.fpfit_st_common import check_band, failed_fit, fracpred_line, plot_points, with_fracpoly_sample
    from mlmcli.graphs.series_parts import last_option
    from mlmcli.survival.settings import is_st

    opts = plot.options
    ds = ctx.data
    points = plot_points(ctx, plot, keep)
    if points is None:
        return []
    with_ci, level, _, y_all, x_all, sample, first, at = points
    try:
        s = stcox_settings(ctx, last_option(opts, "estopts"))
        if s.bootstrap is not None:  # idcluster() group(): graphs.fpfit_stcox_bootstrap
            from mlmcli.graphs.fpfit_stcox_bootstrap import check_numbering

            check_numbering(ctx, s, plot)
        if not is_st(ds.chars) or plot.weights is not None:  # r(119); stcox's weights come from stset
            raise StCommandFailed()
        s.fracpoly = with_fracpoly_sample(ds, s.fracpoly, y_all, sample)  # frac_xo's and fracgen's rows
        _, w = _weights(ds, s)
        rows = sample & (ds.numeric("_st") == 1) & (w > 0)
        for name in s.strata + s.tvc + [v for v in (s.offset, s.cluster, s.shared) if v]:  # stcox's markout
            rows &= (ds.column(name).to_numpy().astype(str) != "") if ds.is_string(name) \
                else np.isfinite(ds.numeric(name))
        if s.replicates is not None and s.replicates.kind == "bootstrap" and ds.chars.get("st_wt", ""):
            raise StCommandFailed()  # _vce_parserun: "weights are not allowed with stcox and vce(bootstrap)"
        if s.replicate_cluster:  # the prefix's markout (bootstrap's cluster(varlist), strok)
            from mlmcli.graphs.fpfit_bootstrap import group_codes

            rows &= group_codes(ds, s.replicate_cluster.split(), np.arange(ds.nobs)) >= 0
        if s.bootstrap is not None and s.bootstrap["strata"]:  # bootstrap's marksample: strata() known
            from mlmcli.graphs.fpfit_bootstrap import group_codes

            rows &= group_codes(ds, s.bootstrap["strata"], np.arange(ds.nobs)) >= 0
        from mlmcli.survival.st_renumbering import EntryNotBeforeExit

        try:
            fit = fit_stcox_fp(ctx, y_all, x_all, rows, s, w, plot)
        except EntryNotBeforeExit as refusal:  # idcluster()/group() over _t or _t0 (fpfit_stcox_renumber)
            raise StataError(f"estopts(): {refusal.message}", 198) from None
    except (StCommandFailed, StataError) as failure:
        if is_mlm_refusal(failure):
            raise
        return failed_fit(ctx, plot, at, level, with_ci)
    from mlmcli.graphs.fpfit_printed_runs import print_fracpoly_runs  # vce(, noisily)'s runs

    print_fracpoly_runs(ctx, plot, fit.model, np.flatnonzero(sample), s.fracpoly, st=True)
    # fracpred runs once fracpoly has fitted: its option errors only now
    stdp, for_var, dresid = fracpred_predopts(ctx, last_option(opts, "predopts"), plot.ys[0], plot.x)
    check_band(plot)
    terms = fit.model.centred_terms(y_all[first])
    X0, b, V = np.column_stack([terms, x_all[first]]), fit.b, fit.V
    offset = ds.numeric(s.offset) if s.offset else np.zeros(ds.nobs)
    values = label = None
    if for_var is not None:  # fracpred's pcalc/vcalc over the variable's own terms (after tvc() the
        from mlmcli.graphs.fpfit_fracpred_for import fracpred_for  # tvc row as ncons); the band x b's stdp

        k = terms.shape[1]
        values = fracpred_for(X0, b, V if fit.V_all is None else fit.V_all,
                              list(range(k)) if for_var == plot.ys[0] else [k], k + 1, None, stdp)
        label = "Predicted " + plot.ys[0]
    elif dresid:  # fracpred: for() wins over dresid, dresid over stdp
        eta = np.column_stack([fit.model.centred_terms(y_all), x_all]) @ fit.b + offset
        values, label = deviance_residuals(ctx, fit, s, eta)[first], f"deviance residuals for {plot.ys[0]}"
    # fracpred predicts in e(sample) only
    return fracpred_line(ctx, plot, at, X0, b, V, ~fit.rows[first], stdp, level, with_ci,
                         offset[first] if for_var is None else 0.0, label, values, df_r=fit.df_r)


def frailty_or_cox(data, groups: np.ndarray, likelihood=None):
    """stcox, shared()'s fit; where the profile likelihood falls from theta = 0 (theta^ = 0,
    [ST] stcox: the frailty model then reduces to the Cox model) the Cox model's b, V and log
    likelihood with every frailty 0 -- the boundary fit, whose digits beyond the optimiser's
    tolerance Stata's stcox_fr may place otherwise."""
    from mlmcli.survival.cox import fit_cox
    from mlmcli.survival.cox_frailty import FrailtyFit, fit_shared_frailty

    fr = fit_shared_frailty(data, groups)
    if fr is not None:
        return fr
    _, res, V, _ = fit_cox(data, likelihood=likelihood)
    return FrailtyFit(theta=0.0, se_theta=float("nan"), b=np.asarray(res.x, float), V=np.asarray(V, float),
                      frailties=np.zeros(int(groups.max()) + 1), loglik=float(res.f), iterations=[])
