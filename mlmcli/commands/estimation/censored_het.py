"""``intreg ..., het(varlist [, noconstant])``: ln sigma_i = z_i g (intreg.ado's ``intrg_ll2``).

As intreg.ado: the homoskedastic model is fitted quietly first; its b and, for g, the
regression of its ln sigma on z (slopes 0, the constant ln sigma; without a constant the least
squares fit of that constant) start Newton in (b, g); only the full model's log is shown.  No
constant-only model: the header's test is Wald's on the model equation.  The table has two
equations, ``model`` and ``lnsigma``; e(b) ``model:...``, ``lnsigma:...``; e(het)
"heteroskedasticity", no e(sigma)/e(k_aux).  predict uses sigma_i = exp(z_i g).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.estimation.common import robust_macros
from mlmcli.commands.estimation.convergence import finish

TITLE = "Interval regression"


def run_heteroskedastic(session, cmd, prep, opts, homoskedastic, iterate: int, render_results) -> None:
    """``render_results(e, log=)``: the command's printed text of the posted results."""
    from mlmcli.censored_normal import fit_heteroskedastic
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.mixed.inference import wald_test
    from mlmcli.postest.censored_prediction import CensoredPredictions
    from mlmcli.postest.coefficient_rows import coefficient_matrices, rows_from_estimates
    from mlmcli.results.censored_regression import CensoredRegressionResult, ModelTest
    from mlmcli.results.glmm import IterationLog, IterationPhase
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.options import number_option

    Z = prep.het.X
    g0 = np.linalg.lstsq(Z, np.full(len(Z), homoskedastic.lnsigma), rcond=None)[0]
    start = np.concatenate([homoskedastic.b, g0])
    fit = fit_heteroskedastic(prep.data, Z, start, cluster=prep.cluster, robust=prep.vce != "oim",
                              frequency=prep.weight_kind == "fweight", iterate=iterate,
                              tolerance=number_option(opts, "tolerance", 1e-6),
                              ltolerance=number_option(opts, "ltolerance", 1e-7),
                              nrtolerance=number_option(opts, "nrtolerance", 1e-5))
    p, q = len(fit.b), len(fit.g)
    labels = [lab for lab in prep.design.labels if not (lab.base or lab.omitted)]
    chi2, df, pv = wald_test(tuple(labels), fit.b, fit.V[:p, :p])
    test = ModelTest("Wald", chi2, df, pv)
    rows = rows_from_estimates(prep.design.labels, fit.b, fit.V[:p, :p], prep.level)
    het_rows = rows_from_estimates(prep.het.labels, fit.g, fit.V[p:, p:], prep.level)
    frequency = prep.weight_kind == "fweight"
    N = float(prep.data.w.sum()) if frequency else float(len(prep.data.w))
    counts = prep.data.counts(frequency)
    cluster = (int(len(np.unique(prep.cluster))), prep.clustvar) if prep.clustvar else None
    result = CensoredRegressionResult(
        command="intreg", title=TITLE, depvar="", nobs=int(N), rows=rows, ancillary=(), natural=None,
        loglik=fit.loglik, test=test, pseudo_r2=float("nan"), counts=counts, level=prep.level,
        pseudo=prep.vce != "oim", cluster=cluster, het_rows=het_rows,
        iteration_log=IterationLog((IterationPhase("Fitting full model:", tuple(fit.full.steps)),)),
        converged=fit.converged)
    b_model, V_model = coefficient_matrices(prep.design.labels, fit.b, fit.V[:p, :p])
    b_het, _ = coefficient_matrices(prep.het.labels, fit.g, fit.V[p:, p:])
    names = tuple(f"model:{n}" for n in b_model.colnames) + tuple(f"lnsigma:{n}" for n in b_het.colnames)
    est = ([j for j, lab in enumerate(prep.design.labels) if not (lab.base or lab.omitted)]
           + [len(prep.design.labels) + j for j, lab in enumerate(prep.het.labels) if not (lab.base or lab.omitted)])
    b = np.zeros(len(names))
    b[est] = np.concatenate([fit.b, fit.g])
    V = np.zeros((len(names), len(names)))
    V[np.ix_(est, est)] = fit.V
    robust = prep.vce != "oim"
    scalars = {"N": N, **counts, "df_m": float(df), "ll": fit.loglik, "chi2": chi2, "p": pv, "k": float(len(names)),
               "k_eq": 2.0, "k_eq_model": 1.0, "k_dv": 2.0, "rank": float(fit.rank), "converged": float(fit.converged),
               "ic": float(len(fit.full.steps) - 1), "rc": 0.0}
    if cluster:
        scalars["N_clust"] = float(cluster[0])
    macros = {"cmd": "intreg", "cmdline": (cmd.text or f"intreg {cmd.args}").strip(),
              "depvar": " ".join(prep.depvars), "title": TITLE, "chi2type": "Wald",
              "vce": prep.vce, "properties": "b V", "predict": "intreg_p", "het": "heteroskedasticity",
              "crittype": "log pseudolikelihood" if robust else "log likelihood", "opt": "moptimize",
              "ml_method": "e2", "technique": "nr", "which": "max", "ml_score": "intrg_ll2",
              "marginsok": "default XB Pr(passthru) E(passthru) YStar(passthru)"}
    robust_macros(macros, robust, prep.clustvar)
    if prep.weight_kind:
        macros["wtype"], macros["wexp"] = prep.weight_kind, "= " + cmd.weight.exp
    if prep.offset_var:
        macros["offset"] = prep.offset_var
    model = CensoredPredictions(fit.b, fit.V[:p, :p], float("nan"), prep.offset_var, prep.design.labels,
                                het=(prep.het, fit.g), ancillary="lnsigma:_cons", depvar=prep.depvars[0])
    matrices = {"b": Matrix(b[None, :], ("y1",), names), "V": Matrix(V, names, names)}
    model.posted = (matrices["b"], matrices["V"])
    e = EstimationResults(cmd="intreg", scalars=scalars, macros=macros, matrices=matrices,
                          result=result, model=model, sample=prep.sample, title=TITLE, design=prep.design)
    e.stamp_sample(session.data)
    session.e = e
    session.print(render_results(e, log=not opts.get("nolog")))
    finish(session, e, converged=fit.converged, at_limit=fit.limit_reached,
           iterate_typed=opts.get("iterate") is not None)
    assert q == len(prep.het.labels) - sum(1 for lab in prep.het.labels if lab.base or lab.omitted)
