"""fracreg's e() (as _fractional_estimates.ado posts it) and its display."""
from __future__ import annotations

import numpy as np

from mlmcli.syntax.options import confidence_level

TITLES = {"probit": "Fractional probit regression", "logit": "Fractional logistic regression",
          "hetprobit": "Fractional heteroskedastic probit regression"}


def post(session, cmd, link, depvar, design, het_design, fit, ll_0, touse, kind, vce, clustvar, cluster,
         offset_var, het_offset, level):
    from mlmcli.commands.estimation.common import robust_macros
    from mlmcli.commands.estimation.ml_binary_common import attach, posted, weight_macros
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.mixed.inference import wald_test
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.postest.fractional_prediction import FractionalPredictions

    estimator = "hetprobit" if het_design is not None else link
    labels = list(design.labels)
    het_labels = list(het_design.labels) if het_design is not None else []
    blocks = ((depvar, labels), ("lnsigma", het_labels))
    names, b_mat, V_mat = posted(blocks, fit.theta, fit.V)
    _, _, V0_mat = posted(blocks, fit.theta, fit.V_modelbased)
    k = len(names)
    p = design.X.shape[1]
    chi2, df, pval = wald_test(tuple(design.labels), fit.theta[:p], fit.V[:p, :p])
    N = float(_frequency_total(session, cmd, touse) if kind == "fweight" else touse.sum())
    scalars = {"N": N, "ll": fit.loglik, "ll_0": ll_0, "r2_p": 1 - fit.loglik / ll_0, "k": float(k),
               "k_eq": 2.0 if het_design is not None else 1.0, "k_eq_model": 1.0, "k_dv": 1.0, "df_m": float(df),
               "chi2": chi2, "p": pval, "rank": float(safe_rank(fit.V)), "ic": float(max(len(fit.steps) - 1, 0)),
               "rc": 0.0, "converged": float(fit.converged)}
    if clustvar:
        scalars["N_clust"] = float(len(np.unique(cluster)))
    macros = {"cmd": "fracreg", "cmdline": (cmd.text or f"fracreg {cmd.args}").strip(), "depvar": depvar,
              "estimator": estimator, "title": TITLES[estimator], "chi2type": "Wald", "vce": vce,
              "opt": "moptimize", "ml_method": "lf2", "technique": "nr", "which": "max",
              "predict": "fracreg_p", "estat_cmd": "fracreg_estat", "marginsnotok": "stdp scores",
              "crittype": "log pseudolikelihood", "properties": "b V"}
    robust_macros(macros, True, clustvar)
    if offset_var:
        macros["offset"] = offset_var
    weight_macros(macros, cmd, kind)
    matrices = {"b": b_mat, "V": V_mat, "V_modelbased": V0_mat}
    e = EstimationResults(cmd="fracreg", scalars=scalars, macros=macros, matrices=matrices, model=None,
                          sample=touse, title=TITLES[estimator], design=design)
    het = (het_design, fit.theta[p:], het_offset) if het_design is not None else None
    model = FractionalPredictions(fit.theta[:p], fit.V[:p, :p], link, depvar, offset_var, het)
    return attach(session, e, model, fit, level, result, labels=tuple(design.labels), het_labels=tuple(het_labels),
                  steps=tuple(fit.steps))


def _frequency_total(session, cmd, touse):
    from mlmcli.commands.estimation.common import evaluate_weight

    return float(np.asarray(evaluate_weight(session, cmd.weight.exp), float)[touse].sum())


def result(e, level):
    """The result object at confidence ``level`` from e() and the fit kept on e.model."""
    from mlmcli.glm import inference as ginf
    from mlmcli.mixed.inference import fixed_rows
    from mlmcli.results.fractional_response import FractionalResult
    from mlmcli.results.glmm import GLMResult, IterationLog, IterationPhase

    m = e.model
    p = len(m.b)
    fixed = fixed_rows(m.labels, m.theta[:p], m.full_V[:p, :p], level)
    s = e.scalars
    estimator = e.macros["estimator"]
    main = GLMResult(
        title=TITLES[estimator], command="logit" if estimator == "logit" else "probit", depvar=e.macros["depvar"],
        nobs=s["N"], fixed=fixed, fixed_eform=ginf.eform_rows(fixed), eform_label="Odds Ratio", ancillary=(),
        ancillary_natural=(), loglik=s["ll"], ll_0=s["ll_0"], chi2=s["chi2"], chi2_type="Wald", df_m=int(s["df_m"]),
        p=s["p"], pseudo_r2=s["r2_p"], level=level, pseudo=True, vce="robust", cluster_var=e.macros.get("clustvar"),
        n_clusters=int(s["N_clust"]) if "N_clust" in s else None, offset_name=m.offset_var,
        converged=bool(s["converged"]), iteration_log=IterationLog((IterationPhase("", m.steps),)))
    het_rows = None
    if m.het is not None:
        het_rows = fixed_rows(m.het_labels, m.theta[p:], m.full_V[p:, p:], level)
    return FractionalResult(main, het_rows)


def display(session, e, opts, *, log: bool, table=None) -> None:
    from mlmcli.commands.estimation.common import table_options_with_notes
    from mlmcli.render.fractional_response import render_fractional

    r = e.result
    level = confidence_level(opts, r.main.level)
    if level != r.main.level:
        r = result(e, level)
    table = table if table is not None else table_options_with_notes(session, opts)
    nocoef = bool(opts.get("nocoef"))
    if nocoef or (opts.get("noheader") and opts.get("notable")):  # nothing to show
        return
    session.print(render_fractional(r, eform=bool(opts.get("or")), linesize=session.linesize, log=log,
                                    noheader=nocoef or bool(opts.get("noheader")),
                                    notable=nocoef or bool(opts.get("notable")), options=table))
