"""``twoway fpfit``/``fpfitci`` with ``estcmd(stcrreg)``, as twoway__fpfit_serset draws it.

fracpoly's st form (as ``graphs.fpfit_survival`` for stcox): the plot's y is the
fractional-polynomial variable, x a covariate entering linearly, on the stset records; the
powers by the deviance -2 e(ll) (frac_dv: stcrreg's log pseudolikelihood), the terms centred
at the mean of (scaled) y -- y shifted, scaled and centred over fracpoly's rows (y, x, _t), those
stcrreg drops (offset(), tvc(), cluster) included: ``fpfit_st_common.with_fracpoly_sample``; fracpred draws x b = sum_j b_j (y_j - c_j) + b_x x (no constant) at
the observation twoway keeps for each distinct x, missing outside stcrreg's sample; ``stdp``
and fpfitci's band use stcrreg's robust V (clustered on stset's id() or vce(cluster v), with
M/(M-1) unless noadjust) and the normal quantile.  predopts(for(v)): fracpred's pcalc/vcalc over v's terms (no constant;
after tvc() the tvc row read as the constant's: ``graphs.fpfit_fracpred_for``), the band x b's
stdp around it; dresid fracpred's error "dresid option of fracpred not supported for stcrreg".

estopts(): compete(crvar[==numlist]) -- required, as stcrreg requires it (without it stcrreg
fails: Stata's note "(note:  fracpoly could not fit model)", nothing drawn) --, fracpoly's
options, offset(varname) (in every fit, and in fracpred's x b: stcrreg_p's xb includes it),
tvc(varlist) with texp(exp) (a function of _t; every fit with z g(t), survival.subdistribution_grid;
x b and stdp the main equation's, as fracpred's _predict), vce(robust|cluster v), robust,
vce(bootstrap|jackknife [, ...]) (the final fit's replicate V: ``graphs.fpfit_competing_replicates``;
jackknife's saving() keep n() reject() idcluster(): the prefix in each fit, ``fpfit_competing_jackknife``),
cluster(), noadjust and reporting options (noshr, nolog, noshow, level()); ``constraints()``
(``fpfit_st_common.fit_constraints``: ml's constrained fit in each of fracpoly's fits),
``from()`` (each fit's starting values, ml's init(): a name a fit lacks without skip fails it) and
``collinear``; an option stcrreg does not have makes it fail (the note), as
do data not stset, a weight, texp() without tvc() or not a function of _t, or a competing event
stset as a failure.  stset fweights, iweights and pweights weight every fit (stcrreg's rules,
survival.subdistribution_hazard.stcrreg_weights and stcrreg_variance); negative iweights make
stcrreg fail (the note).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from mlmcli.errors import StataError, is_mlm_refusal
from mlmcli.graphs.fpfit_st_common import (FRACPOLY_NAMES, StCommandFailed, fit_constraints, matches_option,
                                           st_fracpoly_settings, texp_values)

_REPORTING = (("noshr", 5), ("shr", 3), ("nohr", 4), ("nolog", 5), ("noshow", 6), ("level", 1),
              ("noheader", 6), ("notable", 7), ("nodisplay", 9))
_ML = (("constraints", 5), ("collinear", 3), ("from", 4))


@dataclass
class CompetingSettings:
    fracpoly: dict
    compete: str
    cluster: str | None = None
    noadjust: bool = False
    offset: str | None = None
    tvc: list[str] = field(default_factory=list)   # tvc()'s variables (its terms: factor variables too)
    tvc_terms: list = field(default_factory=list)
    texp: str = "_t"
    weights: np.ndarray | None = None   # stset's fweights, iweights or pweights (all observations)
    weight_kind: str = ""
    constraints: str | None = None      # constraints(numlist), read in each fit (fpfit_st_common.fit_constraints)
    start: str | None = None            # from(): ml's init() in each fit
    replicates: object = None           # vce(jackknife|bootstrap)'s VCEChoice (graphs.fpfit_competing_replicates)
    bootstrap: dict | None = None       # vce(bootstrap, ...)'s suboptions
    replicate_cluster: str | None = None  # the cluster() typed in vce(jackknife|bootstrap, ...)
    nodrop: tuple | None = None         # jackknife's nodrop replicates (fpfit_competing_jackknife.nodrop_replicates)
    rerun: tuple | None = None          # (_t, _t0) over the fit's rows from stcrreg's stset rerun (``_rerun``)


def _model_option(ctx, option, s: CompetingSettings) -> bool:
    """offset(), tvc() and texp() into ``s`` (False: not one of them)."""
    kind = matches_option(option.name, (("offset", 3), ("tvc", 3), ("texp", 4)))
    if kind is None or not option.arg:
        return False
    if kind == "texp":
        s.texp = "".join(option.arg.split())
        return True
    if kind == "tvc":
        from mlmcli.factor_variables import parse_terms, term_variables

        s.tvc_terms = parse_terms(ctx.data, option.arg)
        s.tvc = term_variables(s.tvc_terms)
        return True
    names = ctx.data.expand_varlist(option.arg)
    if len(names) != 1:
        raise StCommandFailed()
    s.offset = names[0]
    return True


def _competing_options(ctx, opts) -> CompetingSettings:
    """estopts() -> the settings of stcrreg's fits."""
    from mlmcli.graphs.series_parts import last_option
    from mlmcli.syntax.options import read_options, vce_option

    text = last_option(opts, "estopts")
    typed = read_options(text) if isinstance(text, str) else ()
    fracpoly, compete, cluster, noadjust = [], None, None, False
    s = CompetingSettings({}, "")
    for option in typed:
        if _model_option(ctx, option, s):
            continue
        if matches_option(option.name, FRACPOLY_NAMES):
            fracpoly.append(option)
        elif matches_option(option.name, (("compete", 4),)) and option.arg:
            compete = option.arg
        elif matches_option(option.name, _REPORTING):
            continue
        elif matches_option(option.name, (("noadjust", 5),)):
            noadjust = True
        elif matches_option(option.name, _ML):  # collinear: fracpoly's terms are not collinear where fitted
            kind = matches_option(option.name, _ML)
            if kind != "collinear" and not option.arg:
                raise StCommandFailed()
            if kind == "constraints":
                s.constraints = option.arg
            elif kind == "from":
                s.start = option.arg
        elif matches_option(option.name, (("robust", 1),)):
            continue
        elif matches_option(option.name, (("cluster", 2),)) and option.arg:
            cluster = ctx.data.resolve(option.arg.strip())
        elif matches_option(option.name, (("vce", 3),)) and option.arg:
            from mlmcli.graphs.fpfit_competing_replicates import read_replicates

            found = read_replicates(ctx, option.arg)
            if found is not None:  # _vce_parserun's prefix around each fit: the final fit's V
                s.replicates, s.bootstrap, s.replicate_cluster = found
                continue
            kind, args = vce_option(option.arg, (("robust", 1), ("cluster", 2)))
            if kind is None or (kind == "cluster" and len(args) != 1) or (kind == "robust" and args):
                raise StCommandFailed()
            cluster = ctx.data.resolve(args[0]) if kind == "cluster" else cluster
        else:  # an option stcrreg does not have: stcrreg fails inside fracpoly
            raise StCommandFailed()
    texp_typed = any(matches_option(o.name, (("texp", 4),)) for o in typed)
    if compete is None or (texp_typed and not s.tvc):  # compete() required; texp() only with tvc()
        raise StCommandFailed()
    s.fracpoly = st_fracpoly_settings(ctx, fracpoly)
    s.compete, s.cluster, s.noadjust = compete, cluster, noadjust
    return s


def competing_fp(ctx, fp_values, covariate, sample, s: CompetingSettings, status, clusters, records=None,
                 names=("y", "x")):
    """(b, V, the FP of ``fp_values``): the powers by -2 ll of stcrreg's model with the FP terms
    and the covariate (and offset(), tvc()), the final fit on the centred terms and the
    covariate, b the main equation's and V robust, all of e(V) (tvc()'s rows after the main
    equation's); ``records``: the subjects' (last, first) records with multiple records per
    subject or delayed entry (subdistribution_grid.subject_records)."""
    from mlmcli.factor_variables import build_design
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.survival.subdistribution_hazard import (COUNTED, CompetingData, fit_subdistribution,
                                                        stcrreg_variance, stcrreg_weights)
    from mlmcli.survival.subdistribution_grid import GridSubdistribution

    ds = ctx.data
    settings = s.fracpoly
    t, t0_all = s.rerun if s.rerun is not None else (ds.numeric("_t")[sample], ds.numeric("_t0")[sample])
    z, cov = fp_values[sample], covariate[sample]
    offset = ds.numeric(s.offset)[sample] if s.offset else np.zeros(t.size)
    Z = build_design(ds, s.tvc_terms, sample, constant=False).X if s.tvc else None
    g = texp_values(ctx, s.texp, t) if s.tvc else None
    w = stcrreg_weights(s.weight_kind, s.weights[sample]) if s.weight_kind else None
    last, first = records if records is not None else (None, None)
    t0 = t0_all if last is not None else None

    constraints = fit_constraints(ctx, s.constraints, names[0])
    head = "main" if s.tvc else "_t"
    others = [f"{head}:{names[1]}"] + ([f"tvc:{v}" for v in s.tvc] if s.tvc else [])

    def fit(X, final=False):
        data = CompetingData(t=t, status=status, X=X, offset=offset, w=w)
        grid = s.tvc or last is not None
        cns = constraints(head, X.shape[1] - 1, others, final)
        start = None
        if s.start is not None:  # stcrreg.ado's init(from), the others at 0; ml's errors fail the fit
            start = np.nan_to_num(_start(ctx, s.start, head, X.shape[1] - 1, others, names[0], final))
        return fit_subdistribution(data, start, likelihood=GridSubdistribution(data, Z, g, t0, last, first)
                                   if grid else None, constraints=cns)

    def deviance(X):
        try:
            _, res, _ = fit(np.column_stack([X, cov]))
        except np.linalg.LinAlgError:
            return None
        except StataError:  # from() naming what the search's fits lack: frac_154's first fit fails so
            raise StCommandFailed() from None
        return -2.0 * res.f if res.converged and np.isfinite(res.f) else None

    def search(allowed=None):
        return best_fp(np.zeros(z.size), z, degree=settings["degree"], constant=False, powers=settings["powers"],
                       center=settings["center"], scaling=settings["scaling"], criterion=deviance, allowed=allowed,
                       fracpoly_x=settings.get("fracpoly_x"))

    prefixed = None
    from mlmcli.graphs.fpfit_competing_bootstrap import uses_prefix

    if s.replicates is not None and (_prefix_outputs(s.replicates) or s.nodrop or uses_prefix(s)):  # every fit's
        from mlmcli.graphs.fpfit_competing_jackknife import prefixed_stcrreg
        from mlmcli.graphs.fpfit_competing_replicates import CompetingRefit, replicate_clusters

        ids = ds.numeric(ds.chars["st_id"])[sample] if ds.chars.get("st_id") else None
        refit = CompetingRefit(t, t0_all, status, offset, ids, None, None, (Z, g), None)
        cluster, cluster_var = replicate_clusters(ds, s, sample)
        subject = np.ones(z.size, bool) if last is None else last
        boot = _bootstrap_prefix(ctx, s, sample, cluster, names) if uses_prefix(s) else None
        prefixed = prefixed_stcrreg(ctx, s, settings, z, cov, refit, cluster, cluster_var, search, subject, status,
                                    names, constraints, head, others,
                                    weights=s.weights[sample] if s.weight_kind else None, boot=boot)
        if prefixed is None:
            raise StCommandFailed()
        model = prefixed[0]
    else:
        if s.bootstrap is not None and s.bootstrap.get("saving") is not None:  # without replace: the first fit's
            from mlmcli.graphs.fpfit_competing_replicates import first_fit_file

            try:
                first = fit(cov[:, None], final=True)[1]
            except StataError:
                raise StCommandFailed() from None
            first_fit_file(ctx, s, names, sample, first.x, cov[:, None], t, status, offset, w, (Z, g))
        model = search()
    try:
        lik, res, V = fit(np.column_stack([model.centred_terms(z), cov]), final=True)
    except StataError:
        raise StCommandFailed() from None
    if not res.converged:
        raise StCommandFailed()
    k = model.centred_terms(z[:1]).shape[1] + 1  # the main equation: the FP terms and x
    if prefixed is not None:  # the prefix's final fit: its replicate V
        return res.x[:k], prefixed[2], model, prefixed[3]
    if s.replicates is not None:  # the replicates' V of the final fit (graphs.fpfit_competing_replicates)
        from mlmcli.graphs.fpfit_competing_replicates import bootstrap_saver, replicate_variance

        X = np.column_stack([model.centred_terms(z), cov])
        cns = constraints(head, X.shape[1] - 1, others, True)
        saver = bootstrap_saver(ctx, s, names, X.shape[1] - 1, sample)[0]
        V, df_r = replicate_variance(ctx, s, res.x, X, t, status, offset, sample, w=w, tvc=(Z, g), constraints=cns,
                                     saver=saver, xname=names[1])
        return res.x[:k], V, model, df_r
    subject = np.ones(z.size, bool) if last is None else last
    subjects_weight = float(w[subject].sum()) if s.weight_kind in COUNTED else float(subject.sum())
    V, _ = stcrreg_variance(lik, res.x, V, clusters, s.weight_kind, n_obs=z.size, subjects_weight=subjects_weight,
                            clusters_are_ids=s.cluster is None, noadjust=s.noadjust)
    return res.x[:k], V, model, None


def _bootstrap_prefix(ctx, s, sample, cluster, names) -> tuple:
    """(strata() codes over the rows or None, saving()'s writer or None, ``renumbering_for(k)``) of
    bootstrap's reject() path (graphs.fpfit_competing_bootstrap)."""
    from mlmcli.graphs.fpfit_bootstrap import group_codes
    from mlmcli.graphs.fpfit_competing_replicates import bootstrap_saver, renumbering

    strata = group_codes(ctx.data, s.bootstrap["strata"], np.flatnonzero(sample)) if s.bootstrap["strata"] else None
    write = bootstrap_saver(ctx, s, names, 0, sample)[0]
    codes = None if cluster is None else np.unique(cluster, return_inverse=True)[1]
    built: dict = {}

    def renumbering_for(k):  # idcluster()/group() over what stcrreg reads: each fit's design of k columns
        if k not in built:
            built[k] = renumbering(ctx, s, sample, codes, k, names[1])
        return built[k]
    return strata, write, renumbering_for


def _prefix_outputs(vce) -> bool:
    """jackknife's saving(), keep, n(), reject(), idcluster(): the prefix in each of fracpoly's fits."""
    from mlmcli.graphs.fpfit_streg_jackknife import has_prefix_outputs

    return has_prefix_outputs(vce)


def _start(ctx, text, head, k_terms, others, fp_name, final):
    """from()'s values at a fit's parameters (``fpfit_ml_start.start_values_from``), the terms
    named as ``fit_constraints`` names them."""
    from mlmcli.graphs.fpfit_jackknife import fracgen_names
    from mlmcli.graphs.fpfit_ml_start import start_values_from

    terms = fracgen_names(fp_name, k_terms) if final else [f"__fp{j + 1}" for j in range(k_terms)]
    return start_values_from(ctx.jackknife_hooks.session, [f"{head}:{t}" for t in terms] + others, text)


def _rerun(ctx, s: CompetingSettings, rows, kept):
    """stcrreg.ado's ParseCompete stset rerun in fracpoly's fits (the plain command's:
    ``survival.stcrreg_renumbering.stset_rerun_outcomes``): None when it gives the data's st
    variables over the fit's rows, else (_t, _t0, failure types, lastrec).  frac_154 (1.4.7) takes
    ``_t`` only as its st form's y -- ``markout touse rhs _t base`` before the first fit (the data's
    _t, missing on stset's excluded records) and ``regress _t base`` for e(fp_rdf) --; frac_xo and
    fracgen transform the plot's y (rhs), so the FP terms are y's whatever the rerun gives.  The
    first fit (``stcrreg x if touse``) marks with the data's _st and finds lastrec on its _t, and its
    ``qui stset`` leaves the rerun's variables in the data, so the later fits mark and sort with
    them: the same rows and times as long as every row of the first fit stays in the rerun (else
    the first fit's r(459), the note, or mlm's refusal) and lastrec is the same (else refused, as in
    the plain command).  twoway__fpfit_serset (1.0.5) runs fracpoly after ``preserve`` and ``keep if
    touse`` (the plot's rows, ``kept``), so stset is rerun on those rows only: with stset id() a
    subject's record the plot leaves out (y or x missing) is not there, and the next record starts
    where the kept one before it ends (st_set's ``_t0 = _t[_n-1]``)."""
    from mlmcli.survival.competing_risks import parse_compete
    from mlmcli.survival.stcrreg_renumbering import stset_rerun_outcomes

    hooks = getattr(ctx, "jackknife_hooks", None)  # stset's rerun: the command layer's (twoway's hooks)
    if getattr(hooks, "stset_rerun", None) is None:
        return None
    crvar, values = parse_compete(ctx.data, s.compete)
    return stset_rerun_outcomes(ctx.data, hooks.stset_rerun(ctx.data), rows, crvar, values, bool(s.tvc),
                                "estcmd(stcrreg)", kept=kept)


def _status(ctx, compete, rows, last):
    """stcrreg's failure types on ``rows`` (``competing_risks.failure_types``: a subject's
    outcome on its last record); a competing event stset as a failure fails inside fracpoly."""
    from mlmcli.survival.competing_risks import failure_types, parse_compete

    crvar, values = parse_compete(ctx.data, compete)
    try:
        return failure_types(ctx.data, crvar, values, rows, last)
    except StataError:
        raise StCommandFailed() from None


def competing_fpfit(ctx, plot, keep):
    """The Series of fpfit/fpfitci with estcmd(stcrreg) (module docstring)."""
    from mlmcli.graphs.fpfit_st_common import check_band, failed_fit, fracpred_line, plot_points, with_fracpoly_sample
    from mlmcli.graphs.fpfit_stcox import fracpred_predopts
    from mlmcli.graphs.series_parts import last_option
    from mlmcli.survival.settings import is_st
    from mlmcli.survival.subdistribution_grid import subject_records

    points = plot_points(ctx, plot, keep)
    if points is None:
        return []
    with_ci, level, stdp, y_all, x_all, sample, first, at = points
    ds = ctx.data
    try:
        s = _competing_options(ctx, plot.options)
        if not is_st(ds.chars) or plot.weights is not None:  # r(119); stcrreg's weights come from stset
            raise StCommandFailed()
        s.fracpoly = with_fracpoly_sample(ds, s.fracpoly, y_all, sample)  # frac_xo's and fracgen's rows
        wkind = ds.chars.get("st_wt", "")
        s.weights = ds.numeric(ds.chars["st_wv"]) if wkind else None
        s.weight_kind = wkind
        fit_rows = sample & (ds.numeric("_st") == 1)
        if wkind:  # negative iweights: stcrreg's r(498) inside fracpoly (the note)
            fit_rows &= ~np.isnan(s.weights) if wkind == "iweight" else s.weights > 0
        for name in s.tvc + ([s.offset] if s.offset else []):  # stcrreg's markout
            if ds.is_string(name):
                raise StCommandFailed()
            fit_rows &= np.isfinite(ds.numeric(name))
        cluster_var = s.cluster or ds.chars.get("st_id") or None
        if cluster_var:
            fit_rows &= np.isfinite(ds.numeric(cluster_var))
        if s.replicates is not None:
            from mlmcli.graphs.fpfit_competing_replicates import check_replicates, replicate_clusters_fail

            check_replicates(s)
            from mlmcli.graphs.fpfit_competing_bootstrap import check_reject_reads

            check_reject_reads(s)  # the plain command's refusal of reject() reading other e()
            if replicate_clusters_fail(ds, s, fit_rows):
                raise StCommandFailed()
            if s.replicates.kind == "jackknife":  # nodrop: frac_154's touse rows stcrreg drops
                from mlmcli.graphs.fpfit_competing_jackknife import nodrop_replicates

                s.nodrop = nodrop_replicates(ds, s, sample & np.isfinite(ds.numeric("_t")), fit_rows)
        ids = ds.numeric(ds.chars["st_id"])[fit_rows] if ds.chars.get("st_id") else None
        if not fit_rows.any():
            raise StCommandFailed()
        rebuilt = _rerun(ctx, s, fit_rows, sample)  # stcrreg's own stset rerun (ParseCompete), as the plain command
        t, t0 = (ds.numeric("_t")[fit_rows], ds.numeric("_t0")[fit_rows]) if rebuilt is None else rebuilt[:2]
        records = subject_records(ids, t0, t, "estcmd(stcrreg)")
        clusters = np.unique(ds.numeric(cluster_var)[fit_rows], return_inverse=True)[1] if cluster_var else None
        if rebuilt is None:
            status = _status(ctx, s.compete, fit_rows, records[0] if records is not None else None)
        else:
            status, s.rerun = rebuilt[2], (t, t0)
            if records is not None and not np.array_equal(records[0], rebuilt[3]):
                raise StataError("estcmd(stcrreg) whose stset rerun reorders a subject's records not supported by "
                                 "mlmcli", 198)
        b, V_all, model, df_r = competing_fp(ctx, y_all, x_all, fit_rows, s, status, clusters, records,
                                       (plot.ys[0], plot.x))
    except (StCommandFailed, StataError) as failure:
        if is_mlm_refusal(failure):
            raise
        return failed_fit(ctx, plot, at, level, with_ci)
    # fracpred runs once fracpoly has fitted: its option errors only now
    _, for_var, dresid = fracpred_predopts(ctx, last_option(plot.options, "predopts"), plot.ys[0], plot.x)
    check_band(plot)
    if dresid:  # fracpred.ado, once fracpoly has fitted
        raise StataError("dresid option of fracpred not supported for stcrreg", 198)
    X0 = np.column_stack([model.centred_terms(y_all[first]), x_all[first]])
    k = X0.shape[1]
    values = label = None
    if for_var is not None:  # pcalc/vcalc (graphs.fpfit_fracpred_for); the band x b's stdp around it
        from mlmcli.graphs.fpfit_fracpred_for import fracpred_for

        cols = list(range(k - 1)) if for_var == plot.ys[0] else [k - 1]
        values, label = fracpred_for(X0, b, V_all, cols, k, None, stdp), "Predicted " + plot.ys[0]
    # fracpred predicts in e(sample) only
    offset = ds.numeric(s.offset)[first] if s.offset else 0.0  # stcrreg_p's xb includes the offset
    return fracpred_line(ctx, plot, at, X0, b, V_all[:k, :k], ~fit_rows[first], stdp, level, with_ci, offset,
                         label, values, df_r=df_r)
