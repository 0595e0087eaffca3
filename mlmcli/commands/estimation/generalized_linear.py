"""``glm``: generalized linear models ([R] glm), fitted by maximum likelihood.

    glm depvar [indepvars] [if] [in] [weight] [, family(familyname) link(linkname) noconstant
        exposure(v) offset(v) vce(oim|robust|cluster v) robust cluster(v) eform level(#)
        iterate(#) tolerance(#) ltolerance(#) nrtolerance(#) nonrtolerance nolog log noheader notable nodisplay coeflegend
        baselevels allbaselevels cformat() sformat() pformat() ml]

familyname: gaussian (default), igaussian, binomial [#|varname], poisson, nbinomial [#|ml], gamma
(``nbinomial ml``: nbreg first, its alpha the k, e(nbml) = 1);
linkname: identity, log, logit, probit, cloglog, loglog, logc, power #, opower #, nbinomial
(glim_l12, glim_l04); default the canonical
link (log for nbinomial).  fweights, pweights, aweights (scaled to mean 1, glm.ado's) and iweights
(ln L weighted, e(N) the rows: ml's).  ``scale(x2|#)`` (V scaled, glm's footnote),
``vfactor(#)``, ``fisher(#)`` (the path only) and ``disp(1)``.  ``irls``: glm.ado's classical
IRLS (``mlmcli.glm.glm_irls``: the deviance log, vce(eim) by default, vce(oim|robust|cluster v),
``mu(v)``/``init(v)``, ``iterate(#)``, ``ltolerance(#)``, ``disp(#)``, ``scale(x2|dev|#)``; its
refusals of ml's options, fisher() and collinear; vce(opg|unbiased) in ``glm_irls``, vce(jackknife1|
bootstrap|jackknife) in ``glm_vce_replicates`` with IRLS refits; vce(hac) refused, as under ML).
Refused (r(198)): vce(eim|hac|unbiased) without irls (vce(opg): ml's OPG), mu()/init() without irls,
link(nbinomial) with binomial denominators.  vce(bootstrap|jackknife|jackknife1):
``glm_vce_replicates``.  The command typed alone replays.
Engine: ``mlmcli.glm.generalized_linear``; header: ``mlmcli.render.glm_header``.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import (check_collinear_option, check_marked_weights, evaluate_weight, group_codes, sandwich_vce,
                                             display_option_specs, table_options, table_options_with_notes, weight_vars)
from mlmcli.commands.estimation.convergence import finish, footnote
from mlmcli.errors import StataError
from mlmcli.syntax.settings import setting_value
from mlmcli.syntax.options import OptionSpec, confidence_level, integer_option, number_option, resolve_options

HELP = ("glm depvar [indepvars] [if] [in] [fw|pw] [, family(gaussian|binomial [#|v]|poisson|nbinomial [#|ml]|"
        "gamma|igaussian) link(identity|log|logit|probit|cloglog|loglog|logc|power #) exposure(v) offset(v) "
        "vce(oim|robust|cluster v) eform] : generalized linear models")

_OPTIONS = [
    OptionSpec("family", 1, takes_arg=True), OptionSpec("link", 1, takes_arg=True),
    OptionSpec("noconstant", 6), OptionSpec("exposure", 1, takes_arg=True), OptionSpec("offset", 1, takes_arg=True),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("robust", 1), OptionSpec("cluster", 2, takes_arg=True),
    OptionSpec("eform", 2), OptionSpec("level", 1, takes_arg=True), OptionSpec("iterate", 4, takes_arg=True),
    OptionSpec("tolerance", 3, takes_arg=True), OptionSpec("ltolerance", 4, takes_arg=True),
    OptionSpec("nrtolerance", 5, takes_arg=True), OptionSpec("nonrtolerance", 7),
    OptionSpec("nolog", 5), OptionSpec("log", 3), OptionSpec("noheader", 5), OptionSpec("notable", 5),
    OptionSpec("nodisplay", 6), *display_option_specs(), OptionSpec("ml", 2),
    OptionSpec("irls", 4), OptionSpec("scale", 2, takes_arg=True), OptionSpec("disp", 4, takes_arg=True),
    OptionSpec("vfactor", 7, takes_arg=True), OptionSpec("fisher", 6, takes_arg=True),
    OptionSpec("difficult", 4), OptionSpec("nocnsreport", 7), OptionSpec("collinear", 3),
    OptionSpec("constraints", 5, takes_arg=True), OptionSpec("mu", 2, takes_arg=True),
    OptionSpec("init", 3, takes_arg=True),
]
# ml's options, which glm.ado's irls refuses (its mlopts)
_ML_ONLY = ("tolerance", "nrtolerance", "nonrtolerance", "difficult", "constraints")
_DISPLAY = ("eform", "level", "noheader", "notable", "coeflegend", "baselevels", "allbaselevels",
            "cformat", "pformat", "sformat", "nocnsreport", "noomitted", "vsquish", "noemptycells", "nolstretch")


def _fit(session, cmd, opts):
    from mlmcli.factor_variables import build_design, parse_terms, term_variables
    from mlmcli.glm.exponential_family import family_from_option, link_from_option
    from mlmcli.glm.generalized_linear import fit_generalized_linear
    from mlmcli.parser import weight_kind
    from mlmcli.sample import mark_sample

    ds = session.data
    words = cmd.args.split()
    from mlmcli.commands.estimation.common import operated_depvar

    depvar = operated_depvar(ds, words[0])
    terms = parse_terms(ds, " ".join(words[1:])) if len(words) > 1 else []
    from mlmcli.commands.estimation.glm_vce_replicates import replicate_request

    request = replicate_request(session, opts, cmd.weight and _weight_kind(cmd), " ".join(words[1:]),
                                accepted=[spec for spec in _OPTIONS if spec.name in _DISPLAY])
    marked_cluster = None  # under the prefix the command's cluster() still marks out its sample
    irls = bool(opts.get("irls"))
    if not irls:  # glm.ado starts ml from mu(); mlm's ML start is its own
        for name in ("mu", "init"):
            if opts.get(name) is not None:
                raise StataError(f"option {name}() without irls not supported by mlmcli", 198)
    if irls:
        _check_irls_options(opts)
    if irls and request is None:
        vce, clustvar = irls_vce(ds, opts)
    elif request is not None:  # the full-sample fit: glm's default VCE (irls: eim)
        vce, clustvar = ("eim" if irls else "oim"), None
        if request[1].get("command_cluster"):
            marked_cluster = ds.resolve(request[1]["command_cluster"])
    elif str(opts.get("vce") or "").strip() == "opg" and not (opts.get("robust") or opts.get("cluster")):
        vce, clustvar = "opg", None
    else:
        _refuse_irls_only_vce(opts)
        vce, clustvar = sandwich_vce(ds, opts, "oim", robustok=True)  # glm's _vce_parserun: robustok
    from mlmcli.commands.estimation.glm import offset_vector, variable_option

    offset_var, exposure_var = variable_option(ds, opts, "offset"), variable_option(ds, opts, "exposure")
    if offset_var and exposure_var:
        raise StataError("only one of offset() or exposure() can be specified", 198)
    fam_words = str(opts.get("family") or "").split()
    m_var = (fam_words[1] if len(fam_words) == 2 and fam_words[0].lower().startswith("b")
             and not _is_number(fam_words[1]) else None)
    wexp = cmd.weight.exp if cmd.weight is not None else None
    used = ([depvar] + term_variables(terms) + weight_vars(ds, wexp)
            + [ds.resolve(v) for v in (offset_var, exposure_var, m_var) if v])
    sample = np.asarray(mark_sample(session, cmd, list(dict.fromkeys(used))), dtype=bool)
    if clustvar or marked_cluster:
        sample &= np.asarray(mark_sample(session, cmd, [clustvar or marked_cluster], strok=True), dtype=bool)
    w, kind = None, None
    if cmd.weight is not None:
        kind = _weight_kind(cmd)
        w = evaluate_weight(session, cmd.weight.exp)
        sample &= ~np.isnan(w)
        check_marked_weights(session, cmd, w, kind)
        sample &= w != 0
        if kind in ("aweight", "iweight") and (vce == "opg" or (request is not None and request[0] == "jackknife1")):
            raise StataError("only fweights (if any) are available for non-hessian, non-bootstrap matrices", 198)
    offset, offset_name = offset_vector(ds, sample, exposure_var, offset_var)
    if not np.any(sample):
        raise StataError("no observations", 2000)
    if kind == "aweight":  # glm.ado: the aweights over the sample scaled to mean 1 (ml's own rescaling)
        w = np.where(sample, w / np.mean(w[sample]), w)
    # e(N) the rows and the robust meat row by row for all but fweights (ml_model counts rows)
    rows_count = kind in ("pweight", "aweight", "iweight")
    if kind == "pweight" and vce == "opg":  # glm.ado: pweights are robust, robust needs a Hessian
        raise StataError("robust allowed only with hessian matrices", 198)
    if kind == "pweight" and vce in ("oim", "eim"):
        vce = "robust"
    family = family_from_option(opts.get("family"), ds, sample, allow_ml=True)
    link = link_from_option(opts.get("link"), family)
    design = build_design(ds, terms, sample, constant=not opts.get("noconstant"))
    check_collinear_option(opts, design, "glm")
    if design.X.shape[1] == 0:
        raise StataError("no variables in the model", 102)
    y = ds.numeric(depvar)[sample]
    nbml = family.name == "nbinomial" and fam_words[-1] == "ml"
    cns = _constraints(session, opts, depvar, design, request)
    if nbml and kind == "aweight":  # glm.ado's quietly nbreg [aw=]: nbreg's refusal
        raise StataError("aweights not allowed", 101)
    if nbml:  # glm.ado: quietly nbreg first, its e(alpha) the k
        import dataclasses

        from mlmcli.glm.generalized_linear import estimated_nbinomial_k

        family = dataclasses.replace(family, k=estimated_nbinomial_k(
            design.X, y, design.labels, offset=None if offset is None else offset[sample],
            weight=None if w is None else w[sample], pweight=kind == "pweight",
            constraints=None if cns is None else dataclasses.replace(  # nbreg's ln alpha column: free
                cns, R=np.column_stack([cns.R, np.zeros(len(cns.R))]))))
    if irls:
        fit, irls_options = _fit_irls(session, opts, ds, depvar, design, y, family, link, offset, offset_name, w,
                                      kind, sample, vce, clustvar)
        if request is not None:  # glm ..., irls under the prefix: each replicate an IRLS fit
            from mlmcli.commands.estimation.glm_vce_replicates import with_replicates

            fit = with_replicates(session, fit, request, design.X, y, None if offset is None else offset[sample],
                                  None if w is None else w[sample], kind, sample, {}, irls_options=irls_options)
        fit.nbml = nbml
        return fit, design, sample, kind, m_var
    fit = fit_generalized_linear(
        depvar, design.labels, design.X, y, family, link, offset=None if offset is None else offset[sample],
        weight=None if w is None else w[sample], pweight=rows_count, vce=vce,
        cluster=group_codes(ds, clustvar, sample) if vce == "cluster" else None, cluster_var=clustvar,
        level=confidence_level(opts, getattr(session, "level", 95.0)), offset_name=offset_name,
        iterate=integer_option(opts, "iterate", int(setting_value(session, "maxiter")), minimum=0),
        tolerance=number_option(opts, "tolerance", 1e-6),
        ltolerance=number_option(opts, "ltolerance", 1e-7), **_variance_options(opts, vce),
        # ml's nrtolerance(#) (nonrtolerance: the scaled-gradient condition dropped)
        nrtolerance=float("inf") if opts.get("nonrtolerance") else number_option(opts, "nrtolerance", 1e-5),
        constraints=None if cns is None else (cns.R, cns.r))
    fit.nbml = nbml
    fit.constraints = cns
    fit.weight_kind = kind
    if request is not None:
        from mlmcli.commands.estimation.glm_vce_replicates import with_replicates

        fit = with_replicates(
            session, fit, request, design.X, y, None if offset is None else offset[sample],
            None if w is None else w[sample], kind, sample,
            dict(iterate=integer_option(opts, "iterate", int(setting_value(session, "maxiter")), minimum=0),
                 tolerance=number_option(opts, "tolerance", 1e-6), ltolerance=number_option(opts, "ltolerance", 1e-7)))
        fit.nbml = nbml
    return fit, design, sample, kind, m_var


def _check_irls_options(opts: dict) -> None:
    """glm.ado's refusals under irls (its messages)."""
    if opts.get("ml"):
        raise StataError("ml and irls options may not be combined", 198)
    if opts.get("fisher") is not None:
        raise StataError("fisher() only valid with Newton-Raphson optimization", 198)
    if opts.get("collinear"):
        raise StataError("option collinear not allowed", 198)
    for name in _ML_ONLY:  # mlopts: syntax's own refusal
        if opts.get(name) is not None and opts.get(name) is not False:
            takes = name not in ("nonrtolerance", "difficult")
            raise StataError(f"option {name}{'()' if takes else ''} not allowed", 198)


# GetVCE's types that mlm fits only with irls (glm_irls); under ML they are mlm's refusal, not
# _vce_parse's "vcetype not allowed" (Stata takes them there)
_IRLS_ONLY_VCE = (("eim", 1), ("hac", 3), ("unbiased", 3), ("jackknife1", 10))


def _refuse_irls_only_vce(opts) -> None:
    from mlmcli.syntax.options import vce_option

    kind = vce_option(opts["vce"], _IRLS_ONLY_VCE)[0] if opts.get("vce") is not None else None
    if kind is not None:
        raise StataError(f"vce({kind}) without irls not supported by mlmcli with glm", 198)


def irls_vce(ds, opts):
    """glm's IRLS variance: eim (default), oim, opg, unbiased, robust, cluster v (robust/cluster()
    too); hac is refused as under ML (mlm has no glm HAC)."""
    from mlmcli.syntax.options import read_vce, vce_option

    v = opts.get("vce")
    if v is None:
        if opts.get("cluster"):
            return "cluster", ds.resolve(str(opts["cluster"]).strip())
        return ("robust" if opts.get("robust") else "eim"), None
    kinds = (("eim", 1), ("oim", 1), ("robust", 1), ("cluster", 2), ("opg", 3), ("hac", 3), ("unbiased", 3),
             ("jackknife1", 10))
    kind, args = vce_option(v, kinds)
    if kind == "hac":
        raise StataError("vce(hac) with glm's irls not supported by mlmcli", 198)
    if kind == "unbiased" and opts.get("cluster"):
        raise StataError("vce(unbiased) with cluster() under glm's irls not supported by mlmcli", 198)
    kind, args = read_vce(v, kinds)  # _vce_parse's refusals (GetVCE's opt() and argopt() lists)
    if len(args) > 1:
        raise StataError("vce(cluster) with several variables not supported by mlmcli with glm", 198)
    if kind == "cluster":
        return kind, ds.resolve(args[0])
    return ("robust" if kind == "eim" and opts.get("robust") else kind), None


def _fit_irls(session, opts, ds, depvar, design, y, family, link, offset, offset_name, w, kind, sample, vce,
              clustvar):
    from mlmcli.glm.glm_irls import fit_glm_irls

    mu_var = _mu_variable(ds, opts)
    mu_start = ds.numeric(mu_var)[sample] if mu_var else None
    # what each replicate's refit repeats (the prefix reruns glm ..., irls with the same options)
    refit = dict(iterate=integer_option(opts, "iterate", int(setting_value(session, "maxiter")), minimum=0),
                 ltolerance=_irls_ltolerance(opts), disp=_variance_options(opts, vce, irls=True).get("disp", 1.0),
                 mu_start=mu_start)
    fit = fit_glm_irls(
        depvar, design.labels, design.X, y, family, link, offset=None if offset is None else offset[sample],
        weight=None if w is None else w[sample], frequency=kind == "fweight", rows_count=kind != "fweight",
        vce=vce, cluster=group_codes(ds, clustvar, sample) if vce == "cluster" else None, cluster_var=clustvar,
        level=confidence_level(opts, getattr(session, "level", 95.0)), offset_name=offset_name,
        **{**refit, **_variance_options(opts, vce, irls=True)})
    fit.weight_kind = kind
    return fit, refit


def _irls_ltolerance(opts: dict) -> float:
    value = number_option(opts, "ltolerance", 1e-6)
    if not 0 <= value < 1:
        raise StataError("ltolerance() must be in [0,1)", 198)
    return value


def _mu_variable(ds, opts: dict) -> str | None:
    """mu(v) or init(v) (the same variable if both): the starting mean."""
    names = [ds.resolve(str(opts[o]).strip()) for o in ("init", "mu") if opts.get(o) is not None]
    if len(set(names)) > 1:
        raise StataError("mu() and init() should use the same varname", 198)
    return names[0] if names else None


def _constraints(session, opts, depvar, design, request):
    """constraints(numlist) over e(b)'s ``depvar:x`` columns of the estimable coefficients (ml's
    makecns notes what the model lacks); refused with the replicate VCEs, whose refits mlm does
    not constrain."""
    if opts.get("constraints") is None:
        return None
    if request is not None:
        raise StataError("option constraints() with vce(bootstrap|jackknife) not supported by mlmcli with glm", 198)
    from mlmcli.postest.ml_constraints import read_constraints

    names = [f"{depvar}:{lab.name}" for lab in design.labels if not (lab.base or lab.omitted)]
    return read_constraints(session, names, opts["constraints"], note=session.print)


def _weight_kind(cmd) -> str:
    from mlmcli.parser import weight_kind

    kind = weight_kind(cmd.weight)
    return "aweight" if kind == "weight" else kind


def _variance_options(opts: dict, vce: str, irls: bool = False) -> dict:
    """scale(x2|#) (and dev under irls), vfactor(#) (glm.ado's checks and messages); fisher(#)
    and disp(1) change nothing under ML (fisher: the first iterations' Hessian, the path only);
    under irls disp(#) is the fit's."""
    out: dict = {}
    for name in ("vfactor", "fisher", "disp"):
        text = str(opts.get(name) or "").strip()
        if opts.get(name) is None:
            continue
        if not _is_number(text) or (name == "fisher" and float(text) != int(float(text))):
            raise StataError(f"option {name}() incorrectly specified", 198)
        if float(text) <= 0 and name != "disp" or float(text) < 0:
            raise StataError(f"{name}() must be positive", 198)
        if name == "disp" and float(text) != 1 and not irls:
            raise StataError("disp() allowed only with irls option", 198)
        if name == "disp" and irls:
            if float(text) == 0:  # the deviance divided by it
                raise StataError("disp() must be positive", 198)
            out["disp"] = float(text)
        if name == "vfactor":
            out["vfactor"] = float(text)
    if opts.get("scale") is not None:
        text = str(opts["scale"]).strip()
        if vce not in ("oim", "eim"):
            raise StataError("cannot use scale() with alternate variances", 198)
        if text == "dev" and irls:
            out["scale"] = text
            return out
        if text == "dev":
            raise StataError("option scale(dev) allowed only with option irls", 198)
        if text != "x2":
            if not _is_number(text):
                raise StataError("invalid scale()", 198)
            if float(text) <= 0:
                raise StataError("scale(#) must be positive", 198)
        out["scale"] = text
    return out


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def _results(cmd, fit, design, sample, weight_kind, m_var):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    # the depvar's equation: glm.ado's `ml model (`yname': `y' = xvars)`; its irls path posts
    # _regress's unnamed columns
    eq = "" if fit.irls_deviances is not None else f"{fit.depvar}:"
    names = tuple(f"{eq}{lab.name}" for lab in fit.labels)
    est = [j for j, lab in enumerate(fit.labels) if not (lab.base or lab.omitted)]
    b = np.zeros(len(names))
    b[est] = fit.beta
    V = np.zeros((len(names), len(names)))
    V[np.ix_(est, est)] = fit.V
    has_cons = any(lab.name == "_cons" for lab in fit.labels)
    varf, vart = fit.family.strings()
    linkf, linkt = fit.link.strings(fit.family)
    from mlmcli.glm.stored_results import glm_scalars

    scalars = {**glm_scalars(fit, has_cons), "level": fit.level}
    robust = fit.vce in ("robust", "cluster")
    pseudo = robust or fit.pseudo
    if fit.vce_label is not None:  # vce(bootstrap|jackknife|jackknife1)
        _replicate_results(fit, scalars)
    macros = {"cmd": "glm", "cmdline": (cmd.text or f"glm {cmd.args}").strip(), "depvar": fit.depvar,
              "title": "Generalized linear models", "varfunct": vart, "varfuncf": varf, "linkt": linkt,
              "linkf": linkf, "opt": "ml", "opt1": "ML", "which": "max", "ml_method": "d2", "technique": "nr",
              "vce": fit.vce, "vcetype": fit.vce_label or ("Robust" if robust else fit.vce.upper()),
              "properties": "b V",
              "predict": "glim_p", "crittype": "log pseudolikelihood" if pseudo else "log likelihood"}
    if fit.irls_deviances is not None:
        _irls_results(fit, scalars, macros)
    if not has_cons:
        macros["cons"] = "noconstant"
    if fit.link.name in ("opower", "nbinomial"):  # glm.ado's e(link): the glim_l program
        macros["link"] = "glim_l12" if fit.link.name == "opower" else "glim_l04"
    if fit.family.name == "binomial":
        macros["m"] = fit.family.m_label or "1"
    if fit.cluster_var:
        macros["clustvar"] = fit.cluster_var
    if fit.vce in ("bootstrap", "jackknife"):
        macros["prefix"] = fit.vce
        if fit.mse:
            macros["mse"] = "mse"
    if weight_kind:
        macros["wtype"] = weight_kind
        macros["wexp"] = "= " + cmd.weight.exp
    if fit.offset_name:
        macros["offset"] = fit.offset_name
    matrices = {"b": Matrix(b[None, :], ("y1",), names), "V": Matrix(V, names, names)}
    if fit.constraints is not None:  # e(Cns) over e(b)'s columns
        from mlmcli.postest.ml_constraints import cns_matrix

        matrices["Cns"] = cns_matrix(fit.constraints, names, est)
    return EstimationResults(cmd="glm", scalars=scalars, macros=macros, matrices=matrices,
                             result=fit, model=fit, sample=sample, title="Generalized linear models",
                             design=design)


def _irls_results(fit, scalars: dict, macros: dict) -> None:
    """glm.ado's IRLS e(): no log likelihood, AIC or e(converged); e(disp), e(ic) the iterations,
    e(crittype) deviance, e(opt) irls with its header's e(opt1) e(opt2)."""
    for name in ("ll", "aic", "converged"):
        scalars.pop(name, None)
    scalars["ic"] = float(len(fit.irls_deviances))
    scalars["disp"] = fit.disp
    for name in ("which", "ml_method", "technique"):
        macros.pop(name, None)
    oim = fit.vce == "oim"
    macros.update({"opt": "irls", "opt1": "MQL Newton-Raphson" if oim else "MQL Fisher scoring",
                   "opt2": "(IRLS OIM)" if oim else "(IRLS EIM)", "crittype": "deviance",
                   "vcetype": fit.vce_label})
    if fit.vce == "unbiased":  # glm.ado's e(setype), Head's "Standard errors" line
        macros["setype"] = "Unbiased Sandwich"


def _replicate_results(fit, scalars: dict) -> None:
    """e(N_reps) and jackknife's e(df_r); glm's e(k_eq_model) = 0 leaves _prefix_model_test no
    test to post, so e(df_m) goes (glm_vce_replicates)."""
    if fit.vce not in ("bootstrap", "jackknife"):
        return
    scalars["N_reps"] = float(fit.n_reps)
    scalars["k_eq_model"] = 0.0
    scalars.pop("df_m", None)
    if fit.df_r is not None:
        scalars["df_r"] = float(fit.df_r)


def _display(session, fit, opts, *, nolog: bool, noheader: bool = False) -> None:
    from mlmcli.render.glm_header import render_generalized_linear

    if opts.get("nodisplay") or (opts.get("notable") and (noheader or opts.get("noheader"))):
        return  # neither header nor table
    level = confidence_level(opts, fit.level) if opts.get("level") is not None else None
    table = table_options_with_notes(session, opts)  # _get_diopts: the display options, formats checked
    text = render_generalized_linear(
        fit, eform=bool(opts.get("eform")), linesize=session.linesize, nolog=nolog,
        noheader=noheader or bool(opts.get("noheader")), level=level, options=table,
        cnsreport=not opts.get("nocnsreport"))
    if opts.get("notable"):  # the header only
        text = text.split("\n\n-")[0] if "\n\n-" in text else text
        text = "\n".join(ln for ln in text.split("\n") if not ln.startswith(("-", " " * 13 + "|")))
    session.print(text)


def replay(session, e, *, noheader: bool = False, opts: dict | None = None) -> None:
    _display(session, e.model, opts or {}, nolog=True, noheader=noheader)
    footnote(session, e)


OPTIONS = _OPTIONS  # svy: glm reads glm's options as glm does


def fit_command(session, cmd, opts):
    """glm's preparation and fit (svy: glm): (fit, design, sample, weight kind, m variable)."""
    return _fit(session, cmd, opts)


def cmd_glm(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    opts = resolve_options(cmd.options, _OPTIONS)
    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        bad = [k for k in opts if k not in _DISPLAY]
        if bad:
            raise StataError(f"option {bad[0]} not allowed", 198)
        e = replay_results(session, ("glm",))
        _display(session, e.model, opts, nolog=True)
        return footnote(session, e)
    if not cmd.args.strip():  # glm [fw=w], glm if ...: not a replay; syntax's varlist required
        raise StataError("varlist required", 100)
    table_options(opts)  # _get_diopts runs before the fit: a bad cformat() or fvwrap() fits nothing
    fit, design, sample, kind, m_var = _fit(session, cmd, opts)
    if kind == "aweight" and not opts.get("nodisplay"):  # glm.ado's _rmcoll [aw=] prints the sum first
        from mlmcli.render.regress_table import weight_sum_line

        session.print(weight_sum_line(float(np.sum(evaluate_weight(session, cmd.weight.exp)[sample]))))
    for note in design.notes:
        session.print(note)
    session.e = _results(cmd, fit, design, sample, kind, m_var)
    quietly = fit.vce in ("bootstrap", "jackknife")  # the prefix's full-sample run is quiet
    _display(session, fit, opts, nolog=bool(opts.get("nolog")) or quietly)
    # glm.ado hands ml iterate(#) always (its default c(maxiter)), so ml's limit is never
    # an error after glm: the warning, rc 0
    finish(session, session.e, converged=fit.converged, at_limit=fit.limit_reached, iterate_typed=True)
