"""e() and the output of clogit, ``xtlogit, fe`` and ``xtpoisson, fe`` once fitted
(``commands.estimation.conditional``): the iteration log, ml's header and coefficient table,
e()'s scalars, macros and matrices (e(Cns) with constraints()), score()'s variable."""
from __future__ import annotations

import dataclasses

from mlmcli.commands.estimation.convergence import LOG_LINE, finish
from mlmcli.syntax.options import integer_option
from mlmcli.syntax.settings import default_iterate


def post_and_show(session, cmd, fit, design, sample, scalars, log, chi2type, variance, *, cmdname, title, opts, xt, eform,
          table):
    """Post e() of a fitted clogit/xtlogit fe/xtpoisson fe (``fit``: the conditional model,
    ``scalars``, ``variance``: the variance's kind, clusters, weights, score(), constraints)
    and print the iteration log, then the header and table."""
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.render.iteration_log import iteration_line
    from mlmcli.render.panel_regression import render_ml_model
    from mlmcli.results.panel import MLHeaderResult

    from mlmcli.commands.estimation.conditional_vce import vce_display

    converged = bool(scalars["converged"])
    kind = variance.get("kind", "oim")
    test_label, header, vce_macros = vce_display(kind, scalars, variance.get("replicate_clusters") or fit.group_var,
                                                 chi2type, xt)
    # xtpoisson, fe robust hands ml crittype(log pseudolikelihood) (xtpoisson.ado)
    crit = "log pseudolikelihood" if variance["robust"] and not variance["cluster"] else "log likelihood"
    if not opts.get("nolog") and kind not in ("bootstrap", "jackknife"):  # the prefix runs it quietly
        lines = [""]
        for i, (v, note, *before) in enumerate(log):  # technique()'s "(switching technique to t)"
            lines += before + [iteration_line(i, v, crit, note)]
        session.print("\n".join(lines + ([] if converged else [LOG_LINE])))
    result = MLHeaderResult(
        title=title, depvar=fit.depvar, nobs=int(scalars["N"]), test_label=test_label,
        test_value=scalars.get("F", scalars.get("chi2")), test_p=scalars["p"], ll=scalars["ll"], coefs=fit.coef_rows(bool(eform)),
        ivar=fit.group_var if xt else None, n_groups=int(scalars["N_g"]), g_min=scalars["g_min"],
        g_avg=scalars["g_avg"], g_max=scalars["g_max"], pseudo_r2=scalars.get("r2_p", float("nan")),
        eform=eform, level=fit.level, robust=variance["robust"],
        pseudo=variance["robust"] or variance["weight_kind"] == "pweight",  # crittype: pweights under a prefix too
        cluster=(variance["n_clusters"], variance["cluster"]) if variance["robust"] and variance["cluster"] else None,
        offset_label=variance.get("offset"), **header)
    cns = variance.get("constraints")
    if cns is not None:  # _coef_table's constraints and (constrained) rows
        from mlmcli.postest.ml_constraints import mark_constrained

        result = dataclasses.replace(result, coefs=mark_constrained(result.coefs), constraint_labels=cns.labels)
    b, V = fit.e_matrices()  # in the depvar's equation (xtlogit fe's is what hausman matches against re's)
    macros = {"cmd": cmdname, "cmdline": cmd.text or f"{cmdname} {cmd.args}", "depvar": fit.depvar,
              "chi2type": chi2type, "title": title, "properties": "b V", "vce": "oim", "opt": "ml",
              "predict": {"clogit": "clogit_p", "xtlogit": "xtlogit_fe_p", "xtpoisson": "xtcnt_p"}[cmdname]}
    if variance["robust"]:
        macros.update(vce="cluster", vcetype="Robust", clustvar=variance["cluster"]) if variance["cluster"] else \
            macros.update(vce="robust", vcetype="Robust")
    macros.update(vce_macros)
    if variance.get("offset"):
        macros["offset"] = variance["offset"]
    if variance.get("multiple"):  # clogit.ado's eret local multiple
        macros["multiple"] = "multiple"
    if variance["weight_kind"]:
        macros.update(wtype=variance["weight_kind"], wexp=f"= {variance['wexp']}")
    if xt:
        macros.update(ivar=fit.group_var, model="fe")
        if cmdname == "xtlogit":  # xtlogit.ado's fe branch runs clogit and adds ``est local cmd2 "xtlogit"``:
            # e(cmd) stays clogit's, e(group) too (mlm's own dispatch keeps EstimationResults.cmd "xtlogit")
            macros.update(cmd="clogit", cmd2="xtlogit", group=fit.group_var)
    else:
        macros["group"] = fit.group_var
    scalars["k"] = float(b.values.shape[1])  # e(b)'s columns, base and omitted ones too
    matrices = {"b": b, "V": V}
    if cns is not None:  # e(Cns) over e(b)'s estimated columns
        from mlmcli.postest.ml_constraints import cns_matrix

        names = b.colnames
        est = [j for j, lab in enumerate(fit.coef_labels) if not (lab.base or lab.omitted)]
        matrices["Cns"] = cns_matrix(cns, names, est)
    session.e = EstimationResults(cmd=cmdname, scalars=scalars, macros=macros, matrices=matrices,
                                  result=result, model=fit, sample=sample.copy(), title=title, design=design)
    session.e.stamp_sample(session.data)  # e(sample) follows its rows
    if variance.get("score"):  # score(newvar): each row's d ln L / d(x b)
        from mlmcli.commands.estimation.conditional_vce import write_score
        from mlmcli.conditional_robust import score_index

        write_score(session, str(opts["score"]).strip(), sample, score_index(*variance["score"]))
    session.print(render_ml_model(result, linesize=session.linesize, table=table))
    iterate = integer_option(opts, "iterate", default_iterate(session, 300), minimum=0)
    finish(session, session.e, converged=converged, at_limit=len(log) - 1 >= iterate,
           iterate_typed=opts.get("iterate") is not None)

