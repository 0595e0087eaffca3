"""``mestreg``: multilevel mixed-effects parametric survival models ([ME] mestreg, Stata 14) on
stset data (engines ``mlmcli.survival.mixed_survival`` for one level of independent or
unstructured effects, ``mlmcli.survival.nested_survival`` for the rest).

    mestreg [indepvars] [if] [in] [pweight] || levelvar: [varlist] [, covariance() noconstant]
            [|| levelvar: [varlist] [, covariance() noconstant] ...],
            distribution(exponential|loglogistic|weibull|lognormal|gamma) [time nohr tratio
            noconstant intmethod() intpoints(#) vce(oim|robust|cluster clustvar) level(#) noshow
            noheader notable nogroup nolrtest nolog iterate(#)]

exponential and Weibull in the log relative-hazard metric by default (hazard ratios; nohr:
coefficients), ``time`` the accelerated failure-time metric (``tratio``: time ratios);
lognormal, loglogistic and gamma are AFT only.  Stata 14's mestreg has no Gompertz (Stata 15
added it): refused with r(198) as Stata 14's distribution() check refuses it.  Random
intercepts and slopes at one or more nested levels (``|| school: || class:``; covariance
independent, the default with slopes, identity, exchangeable or unstructured); crossed ``_all``
and ``R.x`` terms, level weights, fweights/iweights and vce(bootstrap|jackknife) are refused
(r(198)) -- mlm does not fit them.  pweights and vce(robust|cluster) on the one-level model
(``mixed_survival``): each record's log likelihood times its weight, V the cluster sandwich of
the groups' scores (clustered at the level unless vce(cluster)), pweights implying robust.

e(): b and V with Stata 14's names (``_t:x``, ``/:ln_p``, ``/:var(_cons[id])``,
``/:var(_cons[school>class])``, ``/:cov(x[id],_cons[id])``), e(ll), e(ll_c) (the model
without random effects: streg's),
e(chi2_c)/e(p_c)/e(df_c), e(chi2)/e(p)/e(df_m) (Wald of the _t slopes), e(N), e(k), e(rank),
e(N_g), e(distribution), e(frm2) (hazard|time), e(ivars), e(intmethod), e(n_quad),
e(predict) = mestreg_p (``predict_mestreg``).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.convergence import footnote
from mlmcli.commands.estimation.me import end_of_fit, me_equations, with_log_line
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option

DISTRIBUTIONS = (("exponential", 1), ("weibull", 1), ("gompertz", 3), ("lognormal", 4), ("lnormal", 2),
                 ("loglogistic", 4), ("llogistic", 2), ("gamma", 3))
SYNONYMS = {"lnormal": "lognormal", "llogistic": "loglogistic"}
METHODS = (("mvaghermite", 2), ("mcaghermite", 2), ("ghermite", 2), ("laplace", 1))
OPTIONS = [OptionSpec("distribution", 4, takes_arg=True), OptionSpec("time", 4), OptionSpec("nohr", 4),
           OptionSpec("tratio", 2), OptionSpec("noshow", 6), OptionSpec("intmethod", 4, takes_arg=True),
           OptionSpec("intpoints", 4, takes_arg=True), OptionSpec("level", 1, takes_arg=True),
           OptionSpec("notable", 5), OptionSpec("noheader", 6), OptionSpec("nogroup", 6),
           OptionSpec("nolrtest", 6), OptionSpec("nolog", 5), OptionSpec("log", 3),
           OptionSpec("iterate", 4, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
           *(OptionSpec(name, 7, takes_arg=True) for name in ("cformat", "pformat", "sformat"))]  # [ME] mestreg
DISPLAY = ("level", "notable", "noheader", "nogroup", "nolrtest", "nohr", "tratio", "noshow",
           "cformat", "pformat", "sformat")
FE_OPTIONS = [OptionSpec("noconstant", 6)]


def _distribution(opts: dict) -> str:
    from mlmcli.syntax.options import choice_option

    if opts.get("distribution") is None:
        raise StataError("option distribution() required", 198)
    name = choice_option(str(opts["distribution"]).strip(), DISTRIBUTIONS, "distribution", fold_case=True)
    if name == "gompertz":  # Stata 15 added it to mestreg
        raise StataError("distribution(gompertz) not allowed; Stata 14's mestreg fits exponential, loglogistic, "
                         "weibull, lognormal and gamma", 198)
    return SYNONYMS.get(name, name)


def _metric(opts: dict, dist: str) -> bool:
    """True for the accelerated failure-time metric."""
    ph = dist in ("exponential", "weibull")
    if opts.get("time") and opts.get("nohr"):
        raise StataError("options time and nohr may not be combined", 198)
    aft = bool(opts.get("time")) or not ph
    if opts.get("nohr") and aft:
        raise StataError(f"option nohr not allowed with distribution({dist})" if not ph else
                         "option nohr not allowed with the accelerated failure-time metric", 198)
    if opts.get("tratio") and not aft:
        raise StataError("option tratio not allowed with the proportional-hazards metric; specify time", 198)
    return aft


def _refuse(opts: dict, mc, rterms, one_level: bool) -> None:
    """What mlm does not fit: vce(bootstrap|jackknife), fweights, and weights or a robust VCE
    with more than one level (the nested engine has no weights or scores)."""
    if opts.get("vce") is not None and str(opts["vce"]).strip() not in ("oim", "oi"):
        from mlmcli.syntax.options import STANDARD_VCE_KINDS, vce_option, vcetype_not_allowed

        kind = vce_option(str(opts["vce"]).split(",")[0], tuple(k for k in STANDARD_VCE_KINDS if k[0] != "opg"))[0]
        if kind is None:  # [ME] mestreg: oim, robust, cluster, bootstrap, jackknife
            raise vcetype_not_allowed(opts["vce"])
        if kind == "oim":  # vce(oim x)
            raise StataError("invalid vce() option", 198)
        if kind not in ("robust", "cluster") or not one_level:
            raise StataError(f"option vce({kind}) not supported by mlmcli's mestreg"
                             + ("" if one_level else " with more than one level or correlated effects"), 198)
    if mc.weight is not None:
        if mc.weight.kind == "aweight":
            raise StataError("aweight not allowed", 101)
        if mc.weight.kind == "fweight" or not one_level:
            raise StataError(f"{mc.weight.kind}s not supported by mlmcli's mestreg"
                             + ("" if one_level else " with more than one level or correlated effects"), 198)
    for t in rterms:
        if t.levelvar == "_all" or t.factor or any(n.startswith("R.") for n in t.names):
            raise StataError("mlmcli's mestreg does not fit _all: or R.varname terms", 198)
        if t.fweight is not None or t.pweight is not None:
            raise StataError("level weights not supported by mlmcli's mestreg", 198)


def _group_clusters(group: np.ndarray, cluster: np.ndarray, cluster_var: str) -> np.ndarray:
    """The cluster code of each group (codes 0..G-1 in ``group``): groups must nest in clusters."""
    G = int(group.max()) + 1
    per = np.full(G, -1, np.int64)
    per[group] = cluster
    if np.any(per[group] != cluster):
        raise StataError(f"highest-level groups are not nested within {cluster_var}", 459)
    return per


def _iterate_limit(opts: dict) -> int:
    """iterate(#), 300 unless typed: what the fit runs to and what its end is judged against."""
    return integer_option(opts, "iterate", 300) if opts.get("iterate") is not None else 300


def _one_level(rterms) -> bool:
    """The model ``mixed_survival`` fits (one equation, Cholesky metric): one level, its
    effects independent or unstructured; the others go to ``nested_survival``."""
    if len(rterms) != 1:
        return False
    t = rterms[0]
    return len(t.names) == 1 or t.covariance in ("independent", "unstructured")


def _method(opts: dict) -> tuple[str, int]:
    from mlmcli.syntax.options import choice_option

    method = "mvaghermite"
    if opts.get("intmethod") is not None:
        method = choice_option(str(opts["intmethod"]).strip(), METHODS, "intmethod", fold_case=True)
    points = 7
    if opts.get("intpoints") is not None:
        if method == "laplace":
            raise StataError("option intpoints() not allowed with intmethod(laplace)", 198)
        try:
            points = int(str(opts["intpoints"]).strip())
        except ValueError:
            raise StataError("intpoints() must be an integer", 198) from None
        if not 1 <= points <= 128:
            raise StataError("intpoints() must be between 1 and 128", 198)
    return method, (1 if method == "laplace" else points)


def fit_mestreg(session, text: str):
    """(e, opts, description) of ``mestreg`` ``text``."""
    from mlmcli.commands.data.survival_settings import require_st
    from mlmcli.commands.estimation import mixed_design as steps
    from mlmcli.commands.estimation.mestreg_results import build_results
    from mlmcli.commands.estimation.mixed_syntax import parse_mixed
    from mlmcli.factor_variables import build_design, parse_terms
    from mlmcli.fit_progress import iteration_progress
    from mlmcli.survival.mixed_survival import fit_mixed_survival
    from mlmcli.survival.parametric_distributions import DISTRIBUTIONS as FAMILIES

    ds = session.data
    desc = require_st(ds)
    mc = parse_mixed("_t " + text, OPTIONS, FE_OPTIONS)
    opts = mc.options
    dist_name = _distribution(opts)
    aft = _metric(opts, dist_name)
    if not mc.equations:
        raise StataError("mlmcli's mestreg needs a random-effects equation (|| levelvar:); "
                         "without one the model is streg's", 198)
    if ds.chars.get("st_wt"):
        raise StataError("weights not supported by mlmcli's mestreg", 198)
    terms = parse_terms(ds, mc.fixed) if mc.fixed.strip() else []
    equations = me_equations(session, mc)
    sample = steps.estimation_sample(session, mc, "_t", terms, equations, ["_d", "_t0"])
    sample &= ds.numeric("_st") == 1
    if not sample.any():
        raise StataError("no observations", 2000)
    weights = steps.evaluate_weights(session, mc, sample)
    notes: list[str] = []
    rterms, empty = steps.random_terms(ds, equations, weights, sample, notes)
    if empty or not rterms:
        raise StataError("random-effects equation with no variables and noconstant", 198)
    _refuse(opts, mc, rterms, _one_level(rterms))
    has_pw = weights.has("pweight")
    vce, cluster, cluster_var = steps.vce_setting(session, mc, sample, rterms, has_pw)
    w = None if mc.weight is None else weights.model_part(mc.weight.kind, sample)
    method, points = _method(opts)
    design = build_design(ds, terms, sample, constant=not mc.noconstant)
    t, t0, d = (ds.numeric(v)[sample] for v in ("_t", "_t0", "_d"))
    iterate = _iterate_limit(opts)
    for note in list(design.notes) + notes:
        session.print(note)
    cmdline = f"mestreg {text}".strip()
    criterion = "log pseudolikelihood" if vce != "oim" or has_pw else "log likelihood"
    if not _one_level(rterms):
        from mlmcli.commands.estimation.mestreg_levels import build_results as build_nested
        from mlmcli.survival.nested_survival import fit_nested_survival

        try:
            with iteration_progress(session, "mestreg", criterion) as on_iteration:
                fit = fit_nested_survival(FAMILIES[dist_name], aft, design.X, t, t0, d, rterms, method=method,
                                          points=points, iterate=iterate, on_iteration=on_iteration)
        except ValueError as exc:
            raise StataError(f"mestreg: {exc}", 909 if "integration points" in str(exc) else 430) from None
        e = build_nested(session, cmdline, FAMILIES[dist_name], aft, design, rterms, sample, fit, method, points)
        return e, opts, desc
    term = rterms[0]
    correlated = term.covariance == "unstructured" and len(term.names) > 1
    try:
        group_cluster = (None if vce == "oim" else
                         _group_clusters(np.asarray(term.group), np.asarray(cluster), cluster_var))
        with iteration_progress(session, "mestreg", criterion) as on_iteration:
            fit = fit_mixed_survival(FAMILIES[dist_name], aft, design.X, t, t0, d, np.asarray(term.Z, float),
                                     np.asarray(term.group), correlated=correlated, method=method, points=points,
                                     iterate=iterate, weights=w, group_cluster=group_cluster,
                                     on_iteration=on_iteration)
    except ValueError as exc:
        raise StataError(f"mestreg: {exc}", 430) from None
    e = build_results(session, cmdline, FAMILIES[dist_name], aft, design, term, sample, fit,
                      method, points, correlated,
                      vce_info=dict(weight=mc.weight, cluster_var=cluster_var if vce != "oim" else None))
    return e, opts, desc


def _display(session, e, opts: dict) -> None:
    from mlmcli.commands.estimation.common import display_formats_with_notes
    from mlmcli.commands.estimation.mestreg_results import result_at_level
    from mlmcli.render.mestreg_display import render_mestreg
    from mlmcli.syntax.options import confidence_level

    result = result_at_level(e, confidence_level(opts, e.result.level))
    hr = e.macros["frm2"] == "hazard" and not opts.get("nohr")
    session.print(render_mestreg(result, eform=hr or bool(opts.get("tratio")),
                                 noheader=bool(opts.get("noheader")), notable=bool(opts.get("notable")),
                                 nogroup=bool(opts.get("nogroup")), nolrtest=bool(opts.get("nolrtest")),
                                 **display_formats_with_notes(session, opts)))  # the options, else set cformat ...


def replay(session, e, *, noheader: bool = False) -> None:
    _display(session, e, {"noheader": noheader})


def cmd_mestreg(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results
    from mlmcli.commands.estimation.mixed_syntax import read_piece
    from mlmcli.render.survival import render_st_show
    from mlmcli.syntax.options import resolve_options

    text = cmd.args.strip()
    if not text or text.startswith(","):
        e = replay_results(session, ("mestreg",))
        opts = resolve_options(read_piece(text).options, OPTIONS)
        bad = [k for k in opts if k not in DISPLAY]
        if bad:
            raise StataError(f"option {bad[0]} not allowed", 198)
        if opts.get("tratio") and e.macros["frm2"] == "hazard":
            raise StataError("option tratio not allowed with the proportional-hazards metric", 198)
        if opts.get("nohr") and e.macros["frm2"] == "time":
            raise StataError("option nohr not allowed with the accelerated failure-time metric", 198)
        _display(session, e, opts)
        return footnote(session, e)
    e, opts, desc = fit_mestreg(session, text)
    if not (opts.get("noshow") or session.data.chars.get("st_show") == "noshow"):
        session.print(render_st_show(desc))
    if not opts.get("nolog"):
        from mlmcli.render.mestreg_display import render_log

        session.print(with_log_line(render_log(e.result), bool(e.result.converged)))
    e.stamp_sample(session.data)
    session.e = e
    _display(session, e, opts)
    # ml's end of a fit that stopped short, as the me commands': the warning after iterate(#), else r(430)
    end_of_fit(session, e, e.result, _iterate_limit(opts), opts.get("iterate") is not None)
