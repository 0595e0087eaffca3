"""``ivpoisson``: Poisson regression (exponential mean) with endogenous regressors (Stata 13 [R]
ivpoisson), the GMM estimator:

    ivpoisson gmm depvar [varlist1] [(varlist2 = varlist_iv)] [if] [in] [fweight] [, additive
        multiplicative noconstant exposure(v) offset(v) twostep onestep igmm
        wmatrix(robust|cluster c|unadjusted) center winitial(unadjusted) vce(robust|cluster c|unadjusted)
        level(#) irr nolog igmmiterate(#) igmmeps(#) igmmweps(#) display_options]

Engine: ``mlmcli.instrumental.poisson_gmm`` (the moment conditions there); layout:
``render.iv_poisson``.  As ivpoisson.ado: additive errors and two-step GMM by default; a
wmatrix() alone sets the VCE's kind, a vce() alone the weight matrix's; robust for both
otherwise.  e(b)'s columns are ``depvar:name`` (ivpoisson.ado's renaming).  predict:
``postestimation/predict_ivpoisson`` (n, xb, xbtotal, residuals); estat overid: Hansen's J.  ``ivpoisson cfunction``: ``ivpoisson_cfunction``.  Refused by name: aweights/pweights/iweights,
winitial() other than unadjusted, from(), vce(bootstrap|jackknife|hac).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, real_option, resolve_options

HELP = {"ivpoisson": "ivpoisson gmm|cfunction depvar [varlist1] (varlist2 = varlist_iv) [if] [in] [fweight] [, additive "
                     "multiplicative twostep onestep igmm wmatrix() vce() irr] : Poisson model with endogenous "
                     "regressors"}
_OPTIONS = [OptionSpec("additive", 3), OptionSpec("multiplicative", 4), OptionSpec("twostep", 3),
            OptionSpec("onestep", 3), OptionSpec("igmm", 1), OptionSpec("wmatrix", 4, takes_arg=True),
            OptionSpec("center", 1), OptionSpec("winitial", 5, takes_arg=True), OptionSpec("vce", 3, takes_arg=True),
            OptionSpec("level", 1, takes_arg=True), OptionSpec("from", 4, takes_arg=True),
            OptionSpec("igmmiterate", 6, takes_arg=True), OptionSpec("igmmeps", 7, takes_arg=True),
            OptionSpec("igmmweps", 8, takes_arg=True), OptionSpec("irr", 2), OptionSpec("exposure", 2, takes_arg=True),
            OptionSpec("offset", 3, takes_arg=True), OptionSpec("noconstant", 6), OptionSpec("nolog", 5),
            OptionSpec("log", 3), *display_option_specs()]
_REPLAY = [OptionSpec("level", 1, takes_arg=True), OptionSpec("irr", 2), *display_option_specs()]


def cmd_ivpoisson(session, cmd) -> None:
    from mlmcli.estimation.active import replay_results

    if not cmd.args.strip():
        e = replay_results(session, ("ivpoisson",))
        return _replay(session, e, resolve_options(cmd.options, _REPLAY))
    estimator, _, rest = cmd.args.strip().partition(" ")
    cfunction = estimator in ("cfunc", "cfunct", "cfuncti", "cfunctio", "cfunction")
    if estimator != "gmm" and not cfunction:
        raise StataError(f"{estimator} not a valid estimator", 198)
    opts = resolve_options(cmd.options, _OPTIONS)
    if cfunction:
        from mlmcli.commands.estimation.ivpoisson_cfunction import fit_cfunction
        from mlmcli.commands.estimation.ivpoisson_common import offset_var

        s = _settings(session.data, opts, cfunction=True)
        table = table_options_with_notes(session, opts)
        return fit_cfunction(session, cmd, rest, opts, s, offset_var(session.data, opts), table)
    _fit_gmm(session, cmd, rest, opts)


def _replay(session, e, opts: dict) -> None:
    from mlmcli.estimation.replay_level import typed_replay_level
    from mlmcli.render.iv_poisson import render_ivpoisson

    if opts.get("irr") and e.macros.get("additive"):
        raise StataError("irr not appropriate under additive errors", 198)
    level = typed_replay_level(session, opts, e)
    result = e.result
    fit = e.model
    if level is not None or opts.get("irr"):
        lev = level if level is not None else result.level
        irr = bool(opts.get("irr"))
        if e.macros.get("estimator") == "cfunction":
            from mlmcli.commands.estimation.ivpoisson_cfunction import cfunction_equations

            result = dataclasses.replace(result, equations=cfunction_equations(fit.colnames, fit.b, fit.V, lev, irr),
                                         level=lev, irr=irr)
        else:
            result = dataclasses.replace(result, rows=fit.rows(lev, eform=irr), level=lev, irr=irr)
    table = table_options_with_notes(session, opts)
    session.print(render_ivpoisson(result, linesize=session.linesize, log=None, table=table))


def _settings(ds, opts: dict, cfunction: bool = False) -> dict:
    """The estimator's options as ivpoisson.ado reads them."""
    from mlmcli.commands.estimation.ivregress import cov_option

    if opts.get("additive") and opts.get("multiplicative"):
        raise StataError("can specify only one of additive, multiplicative", 198)
    steps = [s for s in ("onestep", "twostep", "igmm") if opts.get(s)]
    if len(steps) > 1:
        raise StataError("can specify only one of onestep, twostep, or igmm", 198)
    step = steps[0] if steps else ("onestep" if cfunction else "twostep")
    if opts.get("irr") and not opts.get("multiplicative") and not cfunction:
        raise StataError("irr not appropriate under additive errors", 198)
    if opts.get("exposure") is not None and opts.get("offset") is not None:
        raise StataError("only one of exposure() or offset() can be specified", 198)
    if step == "onestep" and opts.get("wmatrix") is not None:
        raise StataError("cannot specify wmatrix() with one-step estimator", 198)
    for name in ("from",):
        if opts.get(name) is not None:
            raise StataError(f"option {name}() is not implemented for ivpoisson in mlmcli", 198)
    winit = opts.get("winitial")
    if winit is not None:
        word = str(winit).strip().lower()
        if not (len(word) >= 2 and "unadjusted".startswith(word)):
            raise StataError("winitial() other than unadjusted is not implemented for ivpoisson in mlmcli", 198)
    wm_text, vce_text = opts.get("wmatrix"), opts.get("vce")
    if wm_text is None and vce_text is None:
        wm_text = vce_text = "robust"
    elif wm_text is None:
        wm_text = vce_text
    elif vce_text is None:
        vce_text = wm_text
    wmatrix, wclust = cov_option(ds, wm_text, "wmatrix", "ivpoisson")
    vce, vclust = cov_option(ds, vce_text, "vce", "ivpoisson")
    if wclust and vclust and wclust != vclust:
        raise StataError("cannot specify different cluster variables in wmat() and vce()", 498)
    igmm = {"igmm_iterate": int(real_option(opts, "igmmiterate", 16000)) if opts.get("igmmiterate") else 16000,
            "igmm_eps": real_option(opts, "igmmeps", 1e-6) if opts.get("igmmeps") else 1e-6,
            "igmm_weps": real_option(opts, "igmmweps", 1e-6) if opts.get("igmmweps") else 1e-6}
    return {"steps": step, "wmatrix": wmatrix, "wclust": wclust, "vce": vce, "vclust": vclust,
            "multiplicative": bool(opts.get("multiplicative")), **igmm}


def _fit_gmm(session, cmd, text: str, opts: dict) -> None:
    from mlmcli.commands.estimation.ivpoisson_common import check_depvar, offset_values, offset_var
    from mlmcli.commands.estimation.ivregress import iv_sample
    from mlmcli.instrumental.poisson_gmm import PoissonGMMData, fit_poisson_gmm, starting_values
    from mlmcli.parser import weight_kind

    ds = session.data
    s = _settings(ds, opts)
    if cmd.weight is not None and weight_kind(cmd.weight) != "fweight":
        kind = {"weight": "aweight"}.get(weight_kind(cmd.weight), weight_kind(cmd.weight))
        raise StataError(f"{kind}s are not implemented for ivpoisson in mlmcli", 198)
    table = table_options_with_notes(session, opts)
    offset_var = offset_var(ds, opts)
    depvar, design, inst_design, data, p, wkind, sample = iv_sample(
        session, cmd, text, opts, "unadjusted", s["vclust"], s["wclust"], gmm=True,
        markout=(offset_var,) if offset_var else (), weight_note=False)
    y = data.y
    check_depvar(depvar, y)
    offset, offset_text = offset_values(session, opts, sample)
    X = np.column_stack([data.Y, data.X1])
    exog_cols = data.X1[:, :-1] if data.constant else data.X1
    Z = np.column_stack([exog_cols, data.Z1] + ([data.X1[:, -1:]] if data.constant else []))
    codes = data.cluster if data.cluster is not None else data.wcluster
    d = PoissonGMMData(y=y, X=X, Z=Z, offset=offset, w=data.w, multiplicative=s["multiplicative"],
                       cluster=codes if s["vce"] == "cluster" else None,
                       wcluster=codes if s["wmatrix"] == "cluster" else None)
    fit = fit_poisson_gmm(d, starting_values(d), steps=s["steps"], wmatrix=s["wmatrix"], vce=s["vce"],
                          center=bool(opts.get("center")), igmm_iterate=s["igmm_iterate"],
                          igmm_eps=s["igmm_eps"], igmm_weps=s["igmm_weps"])
    for note in design.notes + inst_design.notes:
        session.print(note)
    level = confidence_level(opts, getattr(session, "level", 95.0))
    _post(session, cmd, opts, s, depvar, design, inst_design, d, fit, p, wkind, sample, level, offset_text,
          offset_var, table)


def _post(session, cmd, opts, s, depvar, design, inst_design, d, fit, p, wkind, sample, level, offset_text,
          offset_var, table) -> None:
    from mlmcli.commands.estimation.ivregress import gmm_weight_label
    from mlmcli.commands.estimation.ivpoisson_common import common_macros
    from mlmcli.commands.estimation.ivpoisson_fit import IVPoissonFit
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.render.iv_poisson import TITLE, render_ivpoisson
    from mlmcli.results.iv_poisson import IVPoissonResult
    from mlmcli.results.matrix import Matrix

    labels = list(design.labels)
    est_idx = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    endog = tuple(labels[j].name for j in est_idx[:p])
    exog = tuple(labels[j].name for j in est_idx[p:] if labels[j].name != "_cons")
    excluded = tuple(inst_design.column_names)
    model = IVPoissonFit(design.labels, fit.b, fit.V, depvar, offset_var, opts.get("exposure") is not None)
    irr = bool(opts.get("irr"))
    clustvar = s["vclust"] if s["vce"] == "cluster" else None
    result = IVPoissonResult(
        depvar=depvar, nobs=d.nobs, k=len(fit.b), n_moments=d.Z.shape[1], winit="Unadjusted",
        wmatrix=None if s["steps"] == "onestep" else gmm_weight_label(s["wmatrix"], s["wclust"]),
        rows=model.rows(level, eform=irr), instd=endog, insts=exog + excluded, level=level,
        robust=s["vce"] != "unadjusted", cluster=(fit.n_clust, clustvar) if clustvar else None,
        steps=tuple(tuple(v) for v in fit.steps), exactly_identified=fit.exactly_identified and s["steps"] != "onestep",
        irr=irr, converged=fit.converged)
    model.result_object = result
    b, V = model.e_matrices()
    k, q = d.X.shape[1], d.Z.shape[1]
    scalars = {"N": d.nobs, "k": float(k), "k_eq": 1.0, "n_moments": float(q), "Q": fit.Q, "J": fit.J,
               "J_df": float(q - k), "rank": float(safe_rank(fit.V)), "converged": float(fit.converged)}
    if clustvar:
        scalars["N_clust"] = float(fit.n_clust)
    macros = common_macros(cmd, s, depvar, endog, exog + excluded, clustvar, offset_text, wkind)
    macros.update(estimator="gmm", gmmestimator=s["steps"], winit="Unadjusted")
    macros["multiplicative" if s["multiplicative"] else "additive"] = (
        "multiplicative" if s["multiplicative"] else "additive")
    if s["vce"] != "unadjusted":
        macros["vcetype"] = "Robust"
    znames = exog + excluded + (("_cons",) if d.Z.shape[1] > len(exog) + len(excluded) else ())
    matrices = {"b": b, "V": V, "W": Matrix(fit.W, znames, znames)}
    if fit.S is not None:
        matrices["S"] = Matrix(fit.S, znames, znames)
    session.e = EstimationResults(cmd="ivpoisson", scalars=scalars, macros=macros, matrices=matrices,
                                  result=result, model=model, sample=sample.copy(), title=TITLE, design=design)
    session.e.stamp_sample(session.data)
    session.print(render_ivpoisson(result, linesize=session.linesize, log=not opts.get("nolog"), table=table))
    if not fit.converged:
        raise StataError("convergence not achieved", 430)


def estat_overid(session, cmd) -> None:
    """gmm_estat's OverID (after ivpoisson and gmm): Hansen's J = N Q(b) at the final weight
    matrix, chi2(moments - parameters); not after a one-step fit."""
    from scipy import stats

    from mlmcli.estimation.active import active
    from mlmcli.render.numfmt import format_number

    e = active(session)
    resolve_options(cmd.options, [])
    extra = cmd.args.split()[1:]  # the words after the subcommand
    if extra:
        raise StataError(f"{' '.join(extra)} invalid", 198)
    if (e.macros.get("gmmestimator") or e.macros.get("estimator")) == "onestep":
        raise StataError("not available after one-step estimation", 498)
    J, df = e.scalars["J"], int(e.scalars["J_df"])
    p = float(stats.chi2.sf(J, df)) if df > 0 else float("nan")
    line = (f"  Hansen's J chi2({df}) =" + format_number(J, "%8.0g") + " (p = " + format_number(p, "%5.4f") + ")")
    out = ["", "  Test of overidentifying restriction:", "", line]
    if df == 0:
        out += ["", "Note: test cannot be performed because there are no", "      overidentifying restrictions."]
    session.print("\n".join(out))
    session.set_r({"J": J, "J_p": p, "J_df": float(df)})
