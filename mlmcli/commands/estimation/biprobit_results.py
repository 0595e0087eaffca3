"""biprobit's e(), printed result and the model ``predict`` reads (bipr_p:
``mlmcli.commands.postestimation.predict_biprobit``).

e(b): the first equation (named after depvar1 or its eqname), the second, then ``athrho:_cons``
(Stata 13's name; shown ``/athrho``).  Scalars N, ll, ll_c (not under a robust VCE), chi2, p,
df_m, chi2_c, p_c, rho, k, k_eq 3, k_aux 1, k_eq_model 2, k_dv 2, rank, ic, rc, converged,
N_clust; macros cmd, depvar ("y1 y2"), title, chi2type (Wald), chi2_ct (LR | Wald), vce,
vcetype, clustvar, offset1, offset2, predict (bipr_p), crittype, wtype, wexp.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import robust_macros
from mlmcli.commands.estimation.heckman_results import HeckmanModel, coef_label


class BivariateProbitModel(HeckmanModel):
    """heckprob's model (index and index_se by equation) for the two outcome equations."""

    design_rows_within_sample = None  # both designs hold every row of e(sample)

    def margins_prediction(self, options: str):
        from mlmcli.commands.postestimation.margins_biprobit import biprobit_margins_prediction

        return biprobit_margins_prediction(self, options)


def _labels(prep):
    return tuple((eq.name, design.labels) for eq, design in zip(prep.equations, prep.designs))


def build_result(e, level: float, phases=()):
    from mlmcli.commands.estimation.equation_estimates import equation_rows
    from mlmcli.commands.estimation.heckman_results import natural_rows, padded
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.results.glmm import IterationLog
    from mlmcli.results.selection import HeckmanResult

    prep = e.model.prep
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    eqs = equation_rows(_labels(prep), b, V, level)
    (anc,) = rows_from_estimates((coef_label("/athrho"),), b[-1:], V[-1:, -1:], level)
    rho = natural_rows(np.concatenate([b, [0.0]]), padded(V), level)[0]
    cluster = (int(e.scalars["N_clust"]), prep.clustvar) if prep.clustvar else None
    return HeckmanResult(title=e.title, depvar=e.macros["depvar"], nobs=e.scalars["N"], n_censored=0.0,
                         chi2=e.scalars["chi2"], df_m=int(e.scalars["df_m"]), p=e.scalars["p"], equations=eqs,
                         offsets=tuple(eq.offset or "" for eq in prep.equations), loglik=e.scalars["ll"], level=level,
                         pseudo=prep.vce != "oim", cluster=cluster, ancillary=(anc,), natural=(rho,), title2="",
                         independence=(e.macros["chi2_ct"], e.scalars["chi2_c"], e.scalars["p_c"]),
                         iteration_log=IterationLog(tuple(phases)), converged=bool(e.scalars.get("converged", 1)),
                         comparison=e.scalars.get("ll_c", e.model.ll_comparison))


def biprobit_results(session, cmd, prep, fit, ll_c: float, phases):
    from mlmcli.commands.estimation.heckman_results import wald_over_columns
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank

    from mlmcli.commands.estimation.equation_estimates import full_estimates, matrices

    names, b, V = full_estimates(_labels(prep), fit.theta, fit.V, ("athrho:_cons",))
    chi2, df, p = wald_over_columns(prep, b, V, names, lambda n: not n.endswith(":_cons"))  # ml's wald(2)
    robust = prep.vce != "oim"
    chi2_c, kind = (float(b[-1] ** 2 / V[-1, -1]), "Wald") if robust else (abs(-2 * (ll_c - fit.loglik)), "LR")
    d = prep.data
    N = float(d.w.sum()) if prep.weight_kind == "fweight" else float(len(d.w))
    scalars = {"N": N, "k": float(len(names)), "k_eq": 3.0, "k_eq_model": 2.0, "k_aux": 1.0, "k_dv": 2.0,
               "df_m": float(df), "ll": fit.loglik, "chi2": chi2, "p": p, "chi2_c": chi2_c,
               "p_c": float(chi2_dist.sf(chi2_c, 1)), "rho": float(np.tanh(b[-1])), "rank": float(safe_rank(fit.V)),
               "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0, "converged": float(fit.converged)}
    if not robust:
        scalars["ll_c"] = ll_c
    if prep.clustvar:
        scalars["N_clust"] = float(len(np.unique(prep.cluster)))
    eqs = prep.equations
    macros = {"cmd": "biprobit", "title": TITLES[int(prep.seemingly_unrelated)], "chi2type": "Wald", "chi2_ct": kind,
              "vce": prep.vce, "opt": "moptimize", "ml_method": "d2", "user": "bipr_lf", "technique": "nr",
              "which": "max", "crittype": "log pseudolikelihood" if robust else "log likelihood", "properties": "b V",
              "predict": "bipr_p", "depvar": f"{eqs[0].depvar} {eqs[1].depvar}", "offset1": eqs[0].offset or "",
              "offset2": eqs[1].offset or "", "cmdline": (cmd.text or f"biprobit {cmd.args}").strip()}
    robust_macros(macros, robust, prep.clustvar)
    if prep.weight_kind:
        macros["wtype"], macros["wexp"] = prep.weight_kind, "= " + cmd.weight.exp
    model = BivariateProbitModel(fit.theta, fit.V, prep.designs[0], prep.designs[1],
                                 (eqs[0].offset, eqs[1].offset), scalars["rho"], 1.0)
    model.prep, model.ll_comparison = prep, ll_c
    model.command, model.depvars, model.method = "biprobit", macros["depvar"], "ml"
    e = EstimationResults(cmd="biprobit", scalars=scalars, macros=macros, matrices=matrices(names, b, V), model=model,
                          sample=prep.sample, title=macros["title"], design=prep.designs[0])
    e.result = build_result(e, prep.level, phases)
    e.stamp_sample(session.data)
    return e


TITLES = ("Bivariate probit regression", "Seemingly unrelated bivariate probit")


def render_results(e, *, log: bool, options, linesize: int = 80, level: float | None = None) -> str:
    from mlmcli.render.bivariate_probit import render_biprobit

    r = e.result
    if level is not None and level != r.level:
        r = dataclasses.replace(build_result(e, level), iteration_log=r.iteration_log)
    return render_biprobit(r, linesize=linesize, log=log, options=options)
