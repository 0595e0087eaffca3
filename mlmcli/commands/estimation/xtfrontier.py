"""Stochastic frontier models for panel data ([XT] xtfrontier):

    xtfrontier depvar [indepvars] [if] [in], {ti|tvd} [noconstant cost level(#) nolog iterate(#) ...]

u_i ~ N+(mu, sigma_u^2) shared by a panel's observations (ti, Battese and Coelli 1988), or
u_it = exp(-eta (t - T_i)) u_i with T_i the panel's last period (tvd, Battese and Coelli 1992), on
``mlmcli.glm.truncated_frontier`` with the panels of ``xtset``; the table is frontier's tnormal
one (/mu, /lnsigma2, /ilgtgamma; sigma2, gamma, sigma_u2, sigma_v2) under _crcphdr's panel
header.  predict (xtfront_p): xb, stdp, u, m, te, the latter three per panel from its
estimation-sample rows (tvd: times exp(-eta (t - T_i))).  Refused by name (r(198)): weights,
constraints(), vce(bootstrap|jackknife); any other vce() but oim is _vce_parse's "vcetype 'name' not
allowed".  ti with tvd, and neither: xtfrontier.ado 1.9.0's messages.  The command typed alone replays.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.estimation.common import display_option_specs, table_options_with_notes
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, confidence_level, resolve_options

HELP = {"xtfrontier": "xtfrontier depvar [indepvars] [if] [in], ti [noconstant cost level(#) nolog] : "
                      "time-invariant stochastic frontier model for panel data"}
_DISPLAY = [OptionSpec("level", 1, takes_arg=True), *display_option_specs()]
_OPTIONS = [
    *_DISPLAY, OptionSpec("ti", 2), OptionSpec("tvd", 3), OptionSpec("cost", 4), OptionSpec("noconstant", 6),
    OptionSpec("vce", 3, takes_arg=True), OptionSpec("nolog", 5), OptionSpec("log", 3),
    OptionSpec("iterate", 4, takes_arg=True), OptionSpec("tolerance", 3, takes_arg=True),
    OptionSpec("ltolerance", 4, takes_arg=True), OptionSpec("nrtolerance", 5, takes_arg=True),
    OptionSpec("difficult", 4), OptionSpec("constraints", 5, takes_arg=True), OptionSpec("from", 4, takes_arg=True),
    OptionSpec("collinear", 3), OptionSpec("nocnsreport", 7),
]
TITLES = {False: "Time-invariant inefficiency model", True: "Time-varying decay inefficiency model"}


def run(session, cmd) -> None:
    from mlmcli.commands.estimation.convergence import finish
    from mlmcli.commands.estimation.frontier_tnormal import fit as fit_tnormal
    from mlmcli.commands.estimation.limited_dependent import depvar_and_terms, ml_settings
    from mlmcli.commands.estimation.panel_common import panel_variable, time_variable
    from mlmcli.factor_variables import build_design, term_variables
    from mlmcli.sample import mark_sample

    if not cmd.args.strip() and cmd.weight is None and not cmd.if_exp and not cmd.in_range:
        return replay_typed(session, cmd)
    ds = session.data
    opts = resolve_options(cmd.options, _OPTIONS)
    tvd = bool(opts.get("tvd"))
    if tvd and opts.get("ti"):
        raise StataError("ti and tvd cannot both be specified", 198)
    if not (tvd or opts.get("ti")):
        raise StataError("either ti or tvd must be specified", 198)
    for refused in ("constraints", "from"):
        if opts.get(refused) is not None:
            raise StataError(f"option {refused}() not supported by mlmcli with xtfrontier", 198)
    vce = str(opts.get("vce") or "oim").strip()
    if vce not in ("oim", "oi"):
        if re.match(r"(boot|bs|jack|jk)", vce):  # _vce_parserun's replicates: not built here
            raise StataError("option vce() other than vce(oim) not supported by mlmcli with xtfrontier", 198)
        from mlmcli.syntax.options import vcetype_not_allowed

        raise vcetype_not_allowed(opts["vce"])  # xtfrontier.ado: _vce_parse, opt(OIM) old
    if cmd.weight is not None:
        raise StataError("weights not supported by mlmcli with xtfrontier", 198)
    ivar = panel_variable(session)
    tvar = time_variable(session)
    if tvd and not tvar:
        raise StataError("time variable not set; use xtset panelvar timevar", 459)
    depvar, terms = depvar_and_terms(ds, cmd.args)
    if opts.get("noconstant") and not terms:
        raise StataError("varlist required", 102)
    table = table_options_with_notes(session, opts)
    touse = np.asarray(mark_sample(session, cmd, [depvar] + term_variables(terms)), dtype=bool)
    touse &= ~np.isnan(ds.numeric(ivar)) & (~np.isnan(ds.numeric(tvar)) if tvd else True)
    if not touse.any():
        raise StataError("no observations", 2000)
    if np.ptp(ds.numeric(depvar)[touse]) == 0:  # xtfrontier.ado's _rmcoll of the depvar
        raise StataError("dependent variable cannot be constant", 198)
    design = build_design(ds, terms, touse, constant=not opts.get("noconstant"))
    for note in design.notes:
        session.print(note)
    y = ds.numeric(depvar)[touse]
    _, codes = np.unique(ds.numeric(ivar)[touse], return_inverse=True)
    sign = -1 if opts.get("cost") else 1
    time = None
    if tvd:  # t - T_i, T_i the panel's last period in the sample
        t = ds.numeric(tvar)[touse]
        last = np.full(codes.max() + 1, -np.inf)
        np.maximum.at(last, codes, t)
        time = t - last[codes]
    fit, start = fit_tnormal(y, design.X, codes, sign, not opts.get("noconstant"), ml_settings(session, opts), time)
    e = _post(session, cmd, depvar, design, fit, touse, codes, sign, ivar, tvar, tvd,
              confidence_level(opts, getattr(session, "level", 95.0)))
    session.e = e
    _display(session, e, opts, log=not opts.get("nolog"), table=table)
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=opts.get("iterate") is not None)


def _post(session, cmd, depvar, design, fit, touse, codes, sign, ivar, tvar, tvd, level):
    from mlmcli.commands.estimation.frontier import FrontierFit, posted, sigmas
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.results.glmm import IterationLog, IterationPhase
    from mlmcli.results.matrix import Matrix

    extra = ("mu", "eta", "ilgtgamma", "lnsigma2") if tvd else ("mu", "ilgtgamma", "lnsigma2")
    names, b, V, (chi2, df, pval) = posted(design, fit, depvar, extra)
    k, p = len(names), len(fit.theta) - len(extra)
    sizes = np.bincount(codes)
    g = 1 / (1 + np.exp(-fit.theta[-2]))
    scalars = {"N": float(touse.sum()), "N_g": float(len(sizes)), "g_min": float(sizes.min()),
               "g_avg": float(sizes.mean()), "g_max": float(sizes.max()), "ll": fit.loglik, "k": float(k),
               "k_eq": float(1 + len(extra)), "k_dv": 1.0, "df_m": float(df), "chi2": chi2, "p": pval, "mu": float(fit.theta[p]),
               "gamma": float(g), "sigma2": float(np.exp(fit.theta[-1])), **sigmas(fit.theta, "tnormal"),
               "rank": float(safe_rank(fit.V)), "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0,
               "converged": float(fit.converged)}
    if tvd:
        scalars["eta"] = float(fit.theta[p + 1])
    title = TITLES[tvd]
    macros = {"cmd": "xtfrontier", "cmdline": (cmd.text or f"xtfrontier {cmd.args}").strip(), "depvar": depvar,
              "title": title, "model": "tvd" if tvd else "ti", "ivar": ivar, "tvar": tvar or "", "chi2type": "Wald", "vce": "oim",
              "function": "cost" if sign < 0 else "production", "opt": "moptimize", "ml_method": "d2",
              "technique": "nr", "which": "max", "crittype": "log likelihood", "properties": "b V",
              "predict": "xtfront_p"}
    matrices = {"b": Matrix(b[None, :], ("y1",), tuple(names)), "V": Matrix(V, tuple(names), tuple(names))}
    e = EstimationResults(cmd="xtfrontier", scalars=scalars, macros=macros, matrices=matrices, model=None,
                          sample=touse, title=title, design=design)
    e.model = FrontierFit(fit.theta, fit.V, design.labels, "tnormal", sign,
                          IterationLog((IterationPhase("", tuple(fit.steps)),)))
    e.model.tvd = tvd
    e.result = _result(e, level)
    e.stamp_sample(session.data)
    return e


def _result(e, level):
    from mlmcli.commands.estimation import frontier_tnormal as tn
    from mlmcli.mixed.inference import fixed_rows
    from mlmcli.render.abbrev import abbrev
    from mlmcli.results.frontier import FrontierResult

    m, s = e.model, e.scalars
    tvd = getattr(m, "tvd", False)
    p = len(m.theta) - (4 if tvd else 3)
    panel = (abbrev(e.macros["ivar"], 12), abbrev(e.macros["tvar"], 12) if e.macros["tvar"] else "",
             int(s["N_g"]), int(s["g_min"]), s["g_avg"], int(s["g_max"]))
    return FrontierResult(
        title=e.macros["title"], depvar=e.macros["depvar"], nobs=s["N"], chi2=s["chi2"], df_m=int(s["df_m"]), p=s["p"],
        loglik=s["ll"], rows=fixed_rows(m.labels, m.theta[:p], m.V[:p, :p], level),
        ancillary=tn.ancillary_rows(m.theta, m.V, level, tvd), natural=tn.transformed_rows(m.theta, m.V, level),
        level=level, iteration_log=m.log, converged=bool(s["converged"]), panel=panel)


def _display(session, e, opts, *, log: bool, table=None) -> None:
    from mlmcli.commands.estimation.frontier import show

    show(session, e, opts, _result, log=log, table=table)


def replay_typed(session, cmd) -> None:
    from mlmcli.commands.estimation.frontier import replay_typed as replay

    replay(session, cmd, "xtfrontier", _result)


def cmd_xtfrontier(session, cmd) -> None:
    run(session, cmd)
