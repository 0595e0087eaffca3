"""The random-effects forms of ``xtlogit``, ``xtprobit`` and ``xtpoisson, normal``:

    xtlogit depvar [indepvars] [if] [in] [, re i(panelvar) noconstant offset(varname) or
            intmethod(mvaghermite|aghermite|ghermite) intpoints(#) vce(oim|robust|cluster v)
            level(#) nolog iterate(#) tolerance(#) ltolerance(#)]

A random intercept per panel, u_i ~ N(0, sigma_u^2): the glmm engine's model of
``melogit depvar indepvars || panelvar:`` (``meprobit``, ``mepoisson``) integrated by
mean-variance adaptive Gauss-Hermite quadrature with 12 points unless ``intpoints(#)`` (Stata
13's default for these commands; ``aghermite`` is the mode-curvature scheme).  Reported in the
xt way: ``/lnsig2u`` = ln sigma_u^2 (the estimation metric: e(b)'s ``lnsig2u:_cons``),
``sigma_u`` = exp(lnsig2u / 2) and, for the binary models, ``rho`` = sigma_u^2 / (sigma_u^2
+ c) with c = pi^2/3 (logit) or 1 (probit); their SEs by the delta method, their confidence
limits the transformed limits of ``/lnsig2u``.  The LR test of rho = 0 (sigma_u = 0) compares
with the pooled model: chibar2(01).  ``xtpoisson, re`` without ``normal`` is the gamma model
(not available: r(199)).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

MODELS = {"xtlogit": ("melogit", "or", "Odds Ratio", "logistic"),
          "xtprobit": ("meprobit", None, None, "probit"),
          "xtpoisson": ("mepoisson", "irr", "IRR", "Poisson")}
LATENT = {"xtlogit": np.pi ** 2 / 3, "xtprobit": 1.0}


def options_of(cmdname: str) -> list[OptionSpec]:
    opts = [OptionSpec("re", 2), OptionSpec("i", 1, takes_arg=True), OptionSpec("noconstant", 6),
            OptionSpec("offset", 3, takes_arg=True), OptionSpec("intmethod", 4, takes_arg=True),
            OptionSpec("intpoints", 4, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
            OptionSpec("level", 1, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
            OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
            OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
            OptionSpec("baselevels", 10), OptionSpec("allbaselevels", 13)]
    eform = MODELS[cmdname][1]
    if eform:
        opts.append(OptionSpec(eform, 2 if eform == "or" else 3))
    if cmdname == "xtpoisson":
        opts += [OptionSpec("normal", 4), OptionSpec("exposure", 1, takes_arg=True)]
    return opts


def _intmethod(opts: dict) -> str:
    if "intmethod" not in opts:
        return "mvaghermite"
    from mlmcli.syntax.options import choice_option
    chosen = choice_option(opts["intmethod"], (("mvaghermite", 2), ("aghermite", 1), ("ghermite", 2)), "intmethod")
    return "mcaghermite" if chosen == "aghermite" else chosen


def _points(opts: dict) -> int:
    if "intpoints" not in opts:
        return 12
    try:
        q = int(str(opts["intpoints"]).strip())
    except ValueError:
        raise StataError("intpoints() must be an integer", 198) from None
    if not 1 <= q <= 195:
        raise StataError("intpoints() must be between 1 and 195", 198)
    return q


# ====================================================================== the fit
def fit_random_intercept(session, cmd, cmdname: str) -> None:
    from mlmcli.commands.estimation.me import build_spec
    from mlmcli.commands.estimation.mixed_syntax import MixedCommand, REEquation
    from mlmcli.commands.estimation.panel_common import panel_variable
    from mlmcli.glmm.fit import fit_glmm

    opts = resolve_options(cmd.options, options_of(cmdname))
    if cmdname == "xtpoisson" and not opts.get("normal"):
        raise StataError("xtpoisson, re with gamma-distributed random effects is not implemented in mlmcli "
                         "yet; the normal option (Gaussian random effects), fe and pa are", 199)
    if cmd.weight is not None:
        raise StataError("weights are not available with the random-effects model in mlmcli", 101)
    words = cmd.args.split()
    if not words:
        raise StataError("varlist required", 100)
    ivar = panel_variable(session, opts.get("i"))
    model = MODELS[cmdname][0]
    passed = {k: v for k, v in opts.items() if k in ("level", "iterate", "tolerance", "ltolerance", "nrtolerance",
                                                     "vce")}
    fe = {k: v for k, v in opts.items() if k in ("offset", "exposure")}
    mc = MixedCommand(depvar=words[0], fixed=" ".join(words[1:]), if_exp=cmd.if_exp, in_range=cmd.in_range,
                      noconstant=bool(opts.get("noconstant")), equations=(REEquation(ivar),),
                      options=passed, fe_options=fe)
    spec, design, sample, notes = build_spec(session, model, mc)
    spec = dataclasses.replace(spec, intmethod=_intmethod(opts), intpoints=_points(opts))
    for note in list(design.notes) + notes:
        session.print(note)
    fit = fit_glmm(spec)
    result = fit.result()
    for note in result.notes:
        session.print(note)
    if not opts.get("nolog"):
        from mlmcli.render.xt_random_intercept import render_xt_re_iteration_log
        log = render_xt_re_iteration_log(result.iteration_log)
        if log:
            session.print(log)
    e = _estimation_results(cmdname, (cmd.text or cmdname).strip(), fit, result, sample, design, ivar)
    e.stamp_sample(session.data)
    session.e = e
    display(session, e, opts)
    if not result.converged:
        raise StataError("convergence not achieved", 430)


def _estimation_results(cmdname, cmdline, fit, result, sample, design, ivar):
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix

    dep = fit.spec.depvar
    names = [f"{dep}:{lab.name}" for lab in fit.labels] + ["lnsig2u:_cons"]
    est = [j for j, lab in enumerate(fit.labels) if not (lab.base or lab.omitted)]
    nf, p = len(fit.labels), fit.model.p
    # theta = (beta, ln sd): lnsig2u = 2 ln sd
    T = np.eye(len(fit.theta))
    T[p, p] = 2.0
    theta = T @ fit.theta
    Vt = T @ np.nan_to_num(fit.V) @ T.T
    idx = est + [nf]
    b = np.zeros(len(names))
    b[idx] = theta
    V = np.zeros((len(names), len(names)))
    V[np.ix_(idx, idx)] = Vt
    params = ancillary(cmdname, theta[p], np.sqrt(max(Vt[p, p], 0.0)), result.level)
    g = result.groups[0].summary
    lr = result.lr_test
    scalars = {"N": float(fit.nobs()), "N_g": float(g.n_groups), "g_min": float(g.min), "g_avg": float(g.avg),
               "g_max": float(g.max), "k": float(len(names)), "ll": fit.loglik, "chi2": result.wald_chi2,
               "p": result.wald_p, "df_m": float(result.wald_df), "n_quad": float(fit.spec.points),
               "sigma_u": params["sigma_u"][0], "converged": float(fit.converged), "level": float(result.level),
               "rank": float(np.linalg.matrix_rank(Vt)) if Vt.size else 0.0}
    if "rho" in params:
        scalars["rho"] = params["rho"][0]
    if lr is not None:
        scalars.update(ll_c=lr.ll_single, chi2_c=lr.chi2, p_c=lr.p)
    macros = {"cmd": cmdname, "cmdline": cmdline, "depvar": dep, "ivar": ivar, "model": "re",
              "title": title(cmdname), "distrib": "Gaussian", "intmethod": fit.spec.method,
              "chi2type": "Wald", "vce": "robust" if fit.robust else "oim", "crittype": "log likelihood",
              "properties": "b V", "predict": f"{cmdname}_re_p"}
    if fit.robust:
        macros["vcetype"] = "Robust"
    if fit.spec.fixed.offset_name:
        macros["offset"] = fit.spec.fixed.offset_name
    full = np.asarray(sample, bool).copy()
    full[np.flatnonzero(full)] = np.asarray(fit.used, bool)
    same_columns = len(fit.labels) == len(design.labels) and all(
        a.omitted == b_.omitted for a, b_ in zip(fit.labels, design.labels))
    return EstimationResults(cmd=cmdname, scalars=scalars,
                             macros=macros, matrices={"b": Matrix(b[None, :], ("y1",), tuple(names)),
                                                      "V": Matrix(V, tuple(names), tuple(names))},
                             result=result, model=fit, sample=full, title=title(cmdname),
                             design=design if same_columns else None)


def title(cmdname: str) -> str:
    return {"xtlogit": "Random-effects logistic regression", "xtprobit": "Random-effects probit regression",
            "xtpoisson": "Random-effects Poisson regression"}[cmdname]


def ancillary(cmdname: str, lnsig2u: float, se: float, level: float) -> dict:
    """(estimate, se, lo, hi) of ``/lnsig2u``, ``sigma_u`` and (binary models) ``rho``."""
    from scipy import stats

    z = stats.norm.ppf(0.5 + level / 200)
    lo, hi = lnsig2u - z * se, lnsig2u + z * se
    s = np.exp(lnsig2u / 2)
    out = {"lnsig2u": (lnsig2u, se, lo, hi), "sigma_u": (s, s / 2 * se, np.exp(lo / 2), np.exp(hi / 2))}
    if cmdname in LATENT:
        c = LATENT[cmdname]

        def rho(v):
            return np.exp(v) / (np.exp(v) + c)
        r = rho(lnsig2u)
        out["rho"] = (r, r * (1 - r) * se, rho(lo), rho(hi))
    return out


# ====================================================================== display
def display(session, e, opts: dict) -> None:
    from mlmcli.render.xt_random_intercept import render_xt_re

    cmdname = e.cmd
    result = e.result
    level = confidence_level(opts, result.level)
    if level != result.level:
        fit = e.model
        fx = dataclasses.replace(fit.spec.fixed, level=level)
        result = dataclasses.replace(fit, spec=dataclasses.replace(fit.spec, fixed=fx)).result()
    eform_word, eform_label = MODELS[cmdname][1:3]
    eform = bool(eform_word and opts.get(eform_word))
    b = e.matrices["b"].values[0]
    se = np.sqrt(np.diag(e.matrices["V"].values))
    params = ancillary(cmdname, b[-1], se[-1], level)
    session.print(render_xt_re(result, title=title(cmdname), ivar=e.macros["ivar"], params=params,
                               eform_label=eform_label if eform else None, intmethod=e.macros["intmethod"],
                               linesize=session.linesize))


def replay(session, e, *, noheader: bool = False) -> None:
    display(session, e, {})


def replay_command(session, cmd) -> None:
    """``xtlogit [, or level(#)]`` after ``xtlogit, re``."""
    e = session.e
    spec = [OptionSpec("level", 1, takes_arg=True)]
    eform = MODELS[e.cmd][1]
    if eform:
        spec.append(OptionSpec(eform, 2 if eform == "or" else 3))
    display(session, e, resolve_options(cmd.options, spec))
