"""``twoway fpfit``/``fpfitci`` with ``estcmd(streg)``: fracpoly's st form with streg's
likelihood (``mlmcli.survival.parametric_fit``), dispatched from ``graphs.fpfit_survival``.

estopts(): fracpoly's options, ``distribution()`` (every streg distribution, required as streg
requires it: without it streg fails inside fracpoly's capture, the note), ``time`` (the
accelerated failure-time form of exponential and Weibull; gompertz has none: streg fails),
``offset(v)`` (in every fit, and in fracpred's x b), ``ancillary(varlist)`` and
``anc2(varlist)`` (the ancillary parameters' equations in every fit), ``strata(v)`` (i.v in the
model and in each ancillary equation; its terms in x b), ``vce(oim|robust|cluster v)``
(robust clustering on stset's id() as streg does; stset pweights make it robust), ``vce(opg)``
((sum w s s')^-1 of the records' or frailty groups' scores), ``vce(jackknife [, mse cluster()])``
and ``vce(bootstrap [, reps() seed()])`` (``fpfit_streg_replicates``: streg under the prefix,
clustered as _vce_parserun does on st data -- cluster(), shared(), stset's id(), else the
records; bootstrap with stset weights fails: the note), the reporting
options (nohr, hr, tr, nolog, noshow, level()), ``frailty(gamma|invgaussian)`` and ``shared(v)``
(``parametric_frailty``: the powers by the frailty model's -2 ll; shared() alone assumes gamma;
an unknown frailty, or shared() with a robust variance or stset weights, is streg failing).
``constraints()`` (``fpfit_st_common.fit_constraints``: ml's constrained fit in each of
fracpoly's fits, the names ``_t:__fp1 ... _t:x _t:_cons`` in the search and ``_t:Iy__1 ...``
in the final model, then ``ln_p:_cons`` ..., then with frailty() ``ln_the:_cons``, the fit
without frailty it starts from under the constraints on its own parameters) and ``collinear`` (accepted: the terms are not
collinear where fitted); ml's maximize options (``graphs.fpfit_survival_maximize``: iterate(),
the tolerances, technique() -- bhhh alone: vce(opg) --, difficult, the display options); jackknife's saving(), keep, n(), idcluster(), reject()
(``graphs.fpfit_streg_jackknife``: streg under the prefix in every fit fracpoly makes); ``noconstant`` is frac_154's own error with streg
("noconstant invalid with streg", r(198)) and any other option streg failing: inside fracpoly's
capture, so the note.  stset fweights, pweights and iweights
weight every fit.  The powers are chosen by -2 e(ll); x b is the _t equation's index (the centred
terms, x, the constant unless noconstant, plus the offset) in the metric fitted and stdp its
standard error from the _t block of V.  predopts(for(v)): fracpred's pcalc/vcalc over v's terms
(the plot's y: the centred FP terms; x: x) and e(V)'s next row -- _t:_cons, or with strata() the
first strata indicator (``graphs.fpfit_fracpred_for``) -- without the offset; fpfitci's band is
x b's own stdp around it.  predopts(dresid): streg's ``predict, deviance`` (``_deviance_residuals``),
as fracpred runs it (after an unshared frailty unconditional, after shared() at frailty 1);
missing outside e(sample).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

from mlmcli.graphs.fpfit_st_common import (FRACPOLY_NAMES, last_records, matches_option, st_fracpoly_settings,
                                           strata_term)
from mlmcli.graphs.fpfit_streg_replicates import streg_bootstrap_allowed, streg_replicate_variance
from mlmcli.graphs.fpfit_survival_maximize import converged, fit_control, new_control, read_maximize

_DISTRIBUTIONS = (("exponential", 1), ("weibull", 1), ("gompertz", 3), ("lognormal", 4), ("lnormal", 2),
                  ("loglogistic", 4), ("llogistic", 2), ("gamma", 3), ("ggamma", 4))
_SYNONYMS = {"lnormal": "lognormal", "llogistic": "loglogistic", "ggamma": "gamma"}
_REPORTING = (("nohr", 4), ("hr", 2), ("tr", 2), ("nolog", 5), ("noshow", 6), ("level", 1))
_FRAILTIES = (("gamma", 1), ("invgaussian", 1))



def sandwich_option(ctx, option):
    """(vce kind, cluster variable) of a ``robust``, ``cluster(v)`` or ``vce(oim|robust|cluster v)``
    option; ``(None, None)`` for a vce() the command rejects (it fails inside fracpoly); None for
    another option."""
    from mlmcli.syntax.options import vce_option

    name = option.name
    if matches_option(name, (("robust", 1),)):
        return "robust", None
    if matches_option(name, (("cluster", 2),)) and option.arg:
        return "cluster", ctx.data.resolve(option.arg.strip())
    if not (matches_option(name, (("vce", 3),)) and option.arg):
        return None
    replicated = replicate_option(ctx, option.arg)
    if replicated is not None:
        return replicated
    kind, args = vce_option(option.arg, (("oim", 1), ("robust", 1), ("cluster", 2), ("opg", 3)))
    if kind == "opg" and args:
        return None, None
    if kind == "opg":
        return "opg", None
    if (kind == "cluster") != (len(args) == 1) or len(args) > 1:
        return None, None
    return kind, (ctx.data.resolve(args[0]) if args else None)


def replicate_option(ctx, text):
    """vce(jackknife [, mse cluster(v)]) or vce(bootstrap [, reps() seed()]) -> (VCEChoice, the
    cluster variable typed or None); None for another vce()."""
    from mlmcli.graphs.fit_predictions import VCEChoice
    from mlmcli.syntax.replicate_vce import leverage_settings

    head = str(text).split(",")[0].strip().lower()
    if len(head) >= 4 and "bootstrap".startswith(head):  # bootstrap.ado's options: graphs.fpfit_bootstrap
        from mlmcli.graphs.fpfit_bootstrap import read_bootstrap

        found = read_bootstrap(text, None, ctx.data.resolve)  # noisily: fpfit_printed_runs
        cluster = found["cluster"]
        if cluster is not None and len(cluster) > 1:
            raise StataError("estopts(): vce(bootstrap, cluster()) of several variables with estcmd(streg) not "
                             "supported by mlmcli", 198)
        return (VCEChoice("bootstrap", reps=found["reps"], seed=found["seed"], bootstrap=found),
                cluster[0] if cluster else None)
    found = leverage_settings(text)
    if found is None or found["vce"] != "jackknife":
        return None
    cluster = ctx.data.resolve(found["cluster"]) if found.get("cluster") else None
    # saving(), keep, n(), reject(), idcluster(): graphs.fpfit_streg_jackknife
    return VCEChoice("jackknife", mse=found["mse"], saving=found["saving"], jackknife=found), cluster


def streg_options(ctx, opts, failed):
    """estopts() -> (fracpoly settings, the streg specification, vce kind, cluster variable);
    ``failed``: the exception standing for streg failing inside fracpoly."""
    from mlmcli.graphs.series_parts import last_option
    from mlmcli.syntax.options import choice_option, read_options

    text = last_option(opts, "estopts")
    typed = read_options(text) if isinstance(text, str) else ()
    fracpoly, vce, cluster = [], "oim", None
    spec = {"distribution": None, "time": False, "offset": None, "aux": [None, None],
            "strata": None, "frailty": None, "shared": None, "constraints": None, "control": new_control()}
    vce_typed = False
    for option in typed:
        name = option.name
        if matches_option(name, FRACPOLY_NAMES):
            fracpoly.append(option)
        elif matches_option(name, (("distribution", 1),)) and option.arg:
            found = choice_option(option.arg, _DISTRIBUTIONS, "distribution", fold_case=True)
            spec["distribution"] = _SYNONYMS.get(found, found)
        elif matches_option(name, (("time", 4),)):
            spec["time"] = True
        elif matches_option(name, (("noconstant", 5),)):  # frac_154: "noconstant invalid with streg"
            raise failed()
        elif matches_option(name, (("offset", 3),)) and option.arg:
            spec["offset"] = ctx.data.resolve(option.arg.strip())
        elif matches_option(name, (("strata", 2),)) and option.arg:
            spec["strata"] = ctx.data.resolve(option.arg.strip())
        elif matches_option(name, (("frailty", 2),)) and option.arg:
            text = option.arg.strip().lower()
            spec["frailty"] = next((f for f, _ in _FRAILTIES if text and f.startswith(text)), "")
        elif matches_option(name, (("shared", 2),)) and option.arg:
            spec["shared"] = ctx.data.resolve(option.arg.strip())
        elif matches_option(name, (("ancillary", 3), ("anc2", 4))) and option.arg:
            spec["aux"][0 if matches_option(name, (("ancillary", 3),)) else 1] = option.arg
        elif matches_option(name, _REPORTING):
            continue
        elif matches_option(name, (("constraints", 5),)) and option.arg:
            spec["constraints"] = option.arg
        elif matches_option(name, (("collinear", 3),)):  # fracpoly's terms are not collinear where fitted
            continue
        elif read_maximize(option, spec["control"], lambda _message: failed()):  # fpfit_survival_maximize
            continue
        elif sandwich_option(ctx, option) is not None:
            vce, cluster = sandwich_option(ctx, option)
            vce_typed = True
        else:  # an option streg does not have: streg fails inside fracpoly
            raise failed()
    settings = st_fracpoly_settings(ctx, fracpoly)
    if spec["control"]["bhhh_alone"] and not vce_typed and not ctx.data.chars.get("st_wt", "") == "pweight":
        vce = "opg"  # ml: technique(bhhh) makes vce(opg) the default
    if spec["distribution"] is None or vce is None or (spec["strata"] and any(spec["aux"])):
        raise failed()
    if spec["shared"] and spec["frailty"] is None:  # streg's GetCmd: frailty(gamma) assumed
        spec["frailty"] = "gamma"
    if spec["strata"] and spec["frailty"] is not None:  # the *het ados have no strata(): ml model fails
        raise failed()
    wkind = ctx.data.chars.get("st_wt", "")
    # an unknown frailty(), or shared() with a robust variance or weights: streg fails (the note)
    replicated = not isinstance(vce, str)
    if spec["frailty"] == "" or (spec["shared"] and not replicated and (vce not in ("oim", "opg") or wkind)):
        raise failed()
    if replicated and vce.kind == "bootstrap" and wkind:  # _vce_parserun: "weights are not allowed with
        raise failed()                                    # streg and vce(bootstrap)" r(198), in the capture
    return settings, spec, vce, cluster


def _aux_designs(ds, spec, dist, rows, failed):
    from mlmcli.factor_variables import build_design, parse_terms

    out = []
    for j, text in enumerate(spec["aux"]):
        if text is None:
            continue
        if j >= len(dist.aux):  # ancillary() without an ancillary parameter, anc2() without a second
            raise failed()
        out.append((j, build_design(ds, parse_terms(ds, text), rows, constant=True).X))
    return out


def streg_fp(ctx, fp_values, covariate, rows, settings, spec, vce, cluster_var, first, failed, names=("y", "x"),
             chosen: dict | None = None):
    """(b, V, X0, shift, rows, the number of FP terms, dresid): the FP of ``fp_values`` chosen by
    streg's -2 ll with the covariate (and the constant), e(b) and e(V) of the final fit (the _t
    equation first: X0's columns), the _t design at the rows ``first`` twoway keeps (X0, the
    offset ``shift``), the rows of streg's sample and streg's deviance residuals; ``chosen["model"]``
    set to fracpoly's model (the printed runs: graphs.fpfit_printed_runs)."""
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.fractional_polynomials import best_fp
    from mlmcli.survival.parametric_distributions import DISTRIBUTIONS
    from mlmcli.survival.parametric_fit import StregData, fit, robust_variance
    from mlmcli.panel.groups import group_codes
    from mlmcli.survival.parametric_frailty import FrailtyData, fit_frailty
    from mlmcli.survival.parametric_frailty import robust_variance as frailty_robust_variance
    from mlmcli.graphs.fpfit_models import FracpolyFailed
    from mlmcli.graphs.fpfit_streg_jackknife import has_prefix_outputs, prefixed_streg, streg_scalars

    ds = ctx.data
    dist = DISTRIBUTIONS[spec["distribution"]]
    if spec["time"] and "time" not in dist.metrics:
        raise failed()
    aft = spec["time"] or "hazard" not in dist.metrics
    for text in spec["aux"]:
        for var in term_variables(parse_terms(ds, text)) if text else ():
            rows = rows & np.isfinite(ds.numeric(var))
    for var in (spec["offset"], spec["strata"]):
        if var:
            rows = rows & np.isfinite(ds.numeric(var))
    if spec["shared"]:
        v = spec["shared"]
        rows = rows & (ds.column(v).to_numpy().astype(str) != "" if ds.is_string(v) else np.isfinite(ds.numeric(v)))
    kind = ds.chars.get("st_wt", "")
    w = ds.numeric(ds.chars["st_wv"])[rows] if kind else np.ones(int(rows.sum()))
    replicates = None if isinstance(vce, str) else vce
    if replicates is not None:  # _vce_parserun's stdata: the prefix's clusters are cluster(), else
        # shared(), else stset's id(); streg itself runs with its default variance
        cluster_var = cluster_var or spec["shared"] or ds.chars.get("st_id") or None
        vce = "oim"
    if kind == "pweight" and vce == "oim" and replicates is None:
        vce = "robust"
    if vce == "robust" and ds.chars.get("st_id"):
        vce, cluster_var = "cluster", ds.chars["st_id"]
    if cluster_var:
        rows = rows & np.isfinite(ds.numeric(cluster_var))
        w = ds.numeric(ds.chars["st_wv"])[rows] if kind else np.ones(int(rows.sum()))
    if not rows.any():
        raise failed()
    t0, t, d = (ds.numeric(v)[rows] for v in ("_t0", "_t", "_d"))
    z, cov = fp_values[rows], covariate[rows]
    n = z.size
    aux_X = [np.ones((n, 1)) for _ in dist.aux]
    for j, X in _aux_designs(ds, spec, dist, rows, failed):
        aux_X[j] = X
    strata_X0 = []
    if spec["strata"]:  # i.strata in the model and in every ancillary equation ([ST] streg)
        try:
            term = strata_term(ds, spec["strata"], rows)
        except StataError:  # xi's error on a bad v[omit]: streg fails inside fracpoly
            raise failed() from None
        strata = build_design(ds, parse_terms(ds, term), rows, constant=False)
        aux_X = [build_design(ds, parse_terms(ds, term), rows, constant=True).X for _ in dist.aux]
        strata_X0 = [np.asarray(strata.columns(ds), float).reshape(ds.nobs, -1)[first]]
    offset = ds.numeric(spec["offset"])[rows] if spec["offset"] else None
    tail = [cov] + ([strata.X] if spec["strata"] else []) + [np.ones(n)]

    from mlmcli.graphs.fpfit_streg_renumber import streg_renumbering

    renumbering = streg_renumbering(ds, replicates, spec, names[1], rows, cluster_var, tail)  # idcluster()/group()
    frailty = None
    if spec["frailty"]:  # each record its own group unless shared()
        groups = group_codes(ds, spec["shared"], rows) if spec["shared"] else np.arange(n)
        frailty = (spec["frailty"], groups, bool(spec["shared"]))

    from mlmcli.graphs.fpfit_st_common import fit_constraints

    constraints = fit_constraints(ctx, spec["constraints"], names[0])
    others = _other_names(ds, spec, dist, rows, names[1])
    # the frailty fit's parameters end in ln_the; the fit without frailty it starts from takes the
    # constraints on its own (weibullhet.ado and the others: ``qui weibull ..., `mlopts'``)
    with_the = others + ["ln_the:_cons"]
    control = fit_control(spec["control"], spec["constraints"] is not None, frailty is not None)
    ended = lambda res: converged(res, spec["control"])  # noqa: E731 -- ml's end, iterate() typed

    def streg(X, variance=True, final=False):
        data = StregData(t0, t, d, w, [np.column_stack([X] + tail)] + aux_X, dist.name, aft, offset)
        res, V = fit(data, constraints=constraints("_t", X.shape[1], others, final), **control)
        if frailty is None or not res.converged:
            return res, V
        return fit_frailty(FrailtyData(data, *frailty), res.x, variance=variance,
                           constraints=constraints("_t", X.shape[1], with_the, final), **control)

    def deviance(X):
        try:
            res, _ = streg(X, variance=False)
        except np.linalg.LinAlgError:
            return None
        return -2.0 * res.f if ended(res) and np.isfinite(res.f) else None

    def search(allowed=None):
        return best_fp(np.zeros(n), z, degree=settings["degree"], constant=False, powers=settings["powers"],
                       center=settings["center"], scaling=settings["scaling"], criterion=deviance, allowed=allowed,
                       fracpoly_x=settings.get("fracpoly_x"))

    prefixed = None
    if replicates is not None and has_prefix_outputs(replicates):  # the prefix in every fit fracpoly makes
        subjects = last_records(ds, rows, t)

        def refit(X, keep, final):
            kept = np.ones(n, bool) if keep is None else np.asarray(keep, bool)
            data = StregData(t0[kept], t[kept], d[kept], w[kept], [np.column_stack([X] + tail)[kept]]
                             + [A[kept] for A in aux_X], dist.name, aft, None if offset is None else offset[kept])
            res, V = fit(data, constraints=constraints("_t", X.shape[1], others, final))
            if frailty is not None and res.converged:
                kind_f, groups, shared = frailty
                regrouped = np.unique(groups[kept], return_inverse=True)[1] if shared else np.arange(kept.sum())
                res, V = fit_frailty(FrailtyData(data, kind_f, regrouped, shared), res.x,
                                     constraints=constraints("_t", X.shape[1], with_the, final))
            if not res.converged:
                raise FracpolyFailed("convergence not achieved")
            return res.x, V, streg_scalars(data, res, V, kind, subjects[kept])

        prefixed = prefixed_streg(ctx, replicates, settings, z, names[0], others, dist.cmd, refit,
                                  None if cluster_var is None else ds.numeric(cluster_var)[rows], cluster_var, search)
        if prefixed is None:
            raise failed()
        model = prefixed[0]
    else:
        allowed = None
        if replicates is not None and replicates.kind == "bootstrap":  # reject() in each fit before the final
            allowed = streg_bootstrap_allowed(ctx, replicates, z, settings, tail, aux_X, (t0, t, d, w, offset), dist, aft,
                                         frailty, cluster_var, rows, names[0], others, lambda k: (
                                             constraints("_t", k, others, False),
                                             constraints("_t", k, with_the, False) if frailty else None),
                                         lambda X: streg(X, variance=False)[0], ended, failed, renumbering)
        model = search(allowed)
    if chosen is not None:
        chosen["model"] = model
    terms = model.centred_terms(z)
    res, V = streg(terms, final=True)
    if not ended(res):
        raise failed()
    df_r = None
    final_cns = constraints("_t", terms.shape[1], others, True)
    frailty_cns = constraints("_t", terms.shape[1], with_the, True) if frailty else None
    if prefixed is not None:
        V, df_r = prefixed[2], prefixed[3]
    elif replicates is not None:
        boot = None
        if replicates.kind == "bootstrap":  # the prefix's options (graphs.fpfit_bootstrap_prefix)
            from mlmcli.graphs.fpfit_bootstrap_prefix import streg_prefix
            from mlmcli.graphs.fpfit_jackknife import fracgen_names

            labels = [f"_t:{n}" for n in fracgen_names(names[0], terms.shape[1])] + _other_names(
                ds, spec, dist, rows, names[1])
            boot = streg_prefix(ctx, replicates, np.flatnonzero(rows), cluster_var, names[0], labels, failed)
        V, df_r = streg_replicate_variance(ctx, replicates, res.x, terms, tail, aux_X, (t0, t, d, w, offset), dist,
                                      aft, frailty, None if cluster_var is None else ds.numeric(cluster_var)[rows],
                                      failed, (final_cns, frailty_cns), boot, renumbering)
    elif vce == "opg":  # ml's outer product of the records' (frailty groups') scores
        from mlmcli.survival.parametric_fit import opg_variance
        from mlmcli.survival.parametric_frailty import opg_variance as frailty_opg_variance

        data = StregData(t0, t, d, w, [np.column_stack([terms] + tail)] + aux_X, dist.name, aft, offset)
        V = (frailty_opg_variance(FrailtyData(data, *frailty), res.x, frailty_cns) if frailty
             else opg_variance(data, res.x, final_cns))
    elif vce != "oim":
        data = StregData(t0, t, d, w, [np.column_stack([terms] + tail)] + aux_X, dist.name, aft, offset)
        clusters = np.unique(ds.numeric(cluster_var)[rows], return_inverse=True)[1] if cluster_var else None
        fweight = w if kind == "fweight" else None
        V = (frailty_robust_variance(FrailtyData(data, *frailty), res.x, V, clusters, fweight) if frailty
             else robust_variance(data, res.x, V, clusters, fweight))
    k = terms.shape[1] + sum(1 if np.ndim(a) == 1 else a.shape[1] for a in tail)  # strata(): its indicators
    X0 = np.column_stack([model.centred_terms(fp_values[first]), covariate[first]] + strata_X0
                         + [np.ones(first.size)])
    shift = ds.numeric(spec["offset"])[first] if spec["offset"] else 0.0
    eqs, at = [np.column_stack([terms] + tail) @ res.x[:k] + (0.0 if offset is None else offset)], k
    for X in aux_X:
        eqs.append(X @ res.x[at:at + X.shape[1]])
        at += X.shape[1]
    dresid = np.full(ds.nobs, np.nan)
    # after an unshared frailty streg's predict integrates the frailty out (unconditional), after
    # shared() it sets it to 1 (alpha1): streg_p's defaults
    population = (frailty[0], float(np.exp(res.x[-1]))) if frailty and not frailty[2] else None
    dresid[rows] = _deviance_residuals(ds, rows, dist, aft, eqs, t0, t, d, population)
    return res.x, V, X0, shift, rows, terms.shape[1], dresid, df_r


def _other_names(ds, spec, dist, rows, xname) -> list[str]:
    """e(b)'s names after the FP terms: ``_t:x``, strata()'s indicators, ``_t:_cons``, then each
    ancillary equation's (its covariates' names, or ``_cons``)."""
    from mlmcli.factor_variables import build_design, parse_terms

    def estimable(text, constant):
        design = build_design(ds, parse_terms(ds, text), rows, constant=constant)
        return [lab.name for lab in design.labels if not (lab.base or lab.omitted)]

    # strata(): the ados' xi dummies _S<v>_<level> (fracpoly's streg runs below version 15), the
    # columns of i.v's levels but the one xi drops (strata_term)
    strata = ([_xi_name(spec["strata"], n) for n in estimable(strata_term(ds, spec["strata"], rows), False)]
              if spec["strata"] else [])
    out = [f"_t:{n}" for n in [xname] + strata + ["_cons"]]
    for j, eq in enumerate(dist.aux):
        if spec["strata"]:
            out += [f"{eq}:{n}" for n in strata + ["_cons"]]
            continue
        text = spec["aux"][j] if j < len(spec["aux"]) else None
        out += [f"{eq}:{n}" for n in (estimable(text, True) if text else ["_cons"])]
    return out


def _xi_name(var: str, fv_name: str) -> str:
    """xi's ``_S<var>_<k>`` for i.var's ``k.var`` (i.var's levels are nonnegative integers)."""
    return f"{('_S' + var)[:11]}_{fv_name.split('.', 1)[0]}"


def _deviance_residuals(ds, rows, dist, aft, eqs, t0, t, d, population=None) -> np.ndarray:
    """streg's predict, deviance on its sample (fracpred's dresid after streg): the Cox-Snell
    residual -ln S(_t | _t0), with an stset id() summed over the subject's records onto its
    last (missing on the others), m = _d - csnell, sign(m) sqrt(-2 (m + _d ln(_d - m)));
    ``population`` (frailty kind, theta): S integrated over the frailty."""
    from mlmcli.survival.parametric_frailty import population_log_survivor

    with np.errstate(all="ignore"):
        ls = dist.log_survivor(np.log(t), t, eqs, aft)
        safe = np.where(t0 > 0, t0, 1.0)
        ls0 = np.where(t0 > 0, dist.log_survivor(np.log(safe), safe, eqs, aft), 0.0)
        if population:
            ls, ls0 = (population_log_survivor(*population[:1], v, population[1]) for v in (ls, ls0))
    cs, dd = -(ls - ls0), np.asarray(d, float)
    if ds.chars.get("st_id"):
        ids = ds.numeric(ds.chars["st_id"])[rows]
        total_cs, total_d = np.full(cs.size, np.nan), np.full(cs.size, np.nan)
        order = np.lexsort((t, ids))
        for sid in np.unique(ids):
            mine = order[ids[order] == sid]
            total_cs[mine[-1]], total_d[mine[-1]] = cs[mine].sum(), dd[mine].sum()
        cs, dd = total_cs, total_d
    m = dd - cs
    with np.errstate(all="ignore"):
        return np.sign(m) * np.sqrt(-2 * (m + dd * np.log(np.where(dd > 0, dd - m, 1.0))))
