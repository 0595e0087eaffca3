"""``xtmlogit``'s fits and results (``commands.estimation.xtmlogit``): the random-effects fit
from mlogit's (the comparison model), the conditional fixed-effects fit over the panels whose
outcome changes, the printed result and e()."""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli import distributions as stats
from mlmcli.errors import StataError

TITLES = {"re": "Random-effects multinomial logistic regression",
          "fe": "Conditional fixed-effects multinomial logistic regression"}


def _spec(setup: dict, y, X, labels, constant: bool):
    from mlmcli.glm.multinomial import MultinomialSpec

    return MultinomialSpec(depvar=setup["depvar"], y=y, outcomes=setup["outcomes"], eq_names=setup["names"],
                           base=setup["base"], X=X, labels=tuple(labels), constant=constant,
                           vce=setup["vce"], cluster_var=setup["clustvar"], **setup["maxopts"])


def _cluster_of_panels(session, setup: dict, sample, groups) -> np.ndarray | None:
    from mlmcli.commands.estimation.common import group_codes

    if setup["vce"] != "cluster":
        return None
    codes = group_codes(session.data, setup["clustvar"], sample)
    out = np.zeros(int(groups.max()) + 1, int)
    out[groups] = codes
    return out


def _print_log(session, setup: dict, phases) -> None:
    if setup["nolog"]:
        return
    from mlmcli.render.xt_random_intercept import render_xt_re_iteration_log
    from mlmcli.results.glmm import IterationLog

    session.print(render_xt_re_iteration_log(IterationLog(tuple(phases))))


def fit_re(session, terms, sample, y, setup: dict, noconstant: bool, covariance: str, points: int, method: str):
    """(PanelMultinomialFit, design): mlogit's fit, then the random-effects model from it."""
    from mlmcli.commands.estimation.common import group_codes
    from mlmcli.factor_variables import build_design
    from mlmcli.glm.multinomial import MultinomialModel, fit_multinomial
    from mlmcli.panel.multinomial_panel_fit import PanelMultinomialFit
    from mlmcli.panel.multinomial_random_effects import (CovarianceStructure, PanelMultinomialData,
                                                         RandomEffectsLikelihood, fit_random_effects)
    from mlmcli.results.glmm import IterationPhase

    design = build_design(session.data, terms, sample, constant=not noconstant)
    for note in design.notes:
        session.print(note)
    if design.X.shape[1] == 0:
        raise StataError("no variables; noconstant without covariates", 102)
    spec = _spec(dict(setup, vce="oim", clustvar=None), y, design.X, design.labels, not noconstant)
    comparison = fit_multinomial(spec, setup["level"])
    groups = group_codes(session.data, setup["ivar"], sample)
    data = PanelMultinomialData(y, spec.K, spec.base, np.asarray(design.X, float), groups)
    free = data.free
    cov = CovarianceStructure(covariance, tuple(k + 1 for k in free))
    model = RandomEffectsLikelihood(data, cov, points, method)
    robust = setup["vce"] in ("robust", "cluster")
    re = fit_random_effects(model, comparison.theta, robust=robust,
                            cluster=_cluster_of_panels(session, setup, sample, groups), **setup["maxopts"])
    _print_log(session, setup, [IterationPhase("Fitting fixed-effects model:", tuple(comparison.phases[0].steps)),
                                IterationPhase("Fitting full model:", tuple(re.steps))])
    kb = model.k_beta
    fit = PanelMultinomialFit(
        dataclasses.replace(spec, vce=setup["vce"], cluster_var=setup["clustvar"]), MultinomialModel(spec),
        re.theta[:kb], re.V[:kb, :kb], re.loglik, comparison.loglik, re.converged, [], robust, re.n_clusters,
        re.limit_reached, setup["level"], kind="re", cov=cov, gamma=re.theta[kb:], V_full=re.V,
        rule=(model.Z, model.logw), intmethod=method, intpoints=points)
    return fit, design


def fit_fe(session, terms, sample, y, setup: dict):
    """(PanelMultinomialFit, design, sample): the conditional likelihood over the panels whose
    outcome changes; the others dropped with a note, covariates without within-panel variance
    omitted."""
    from mlmcli.commands.estimation.common import group_codes
    from mlmcli.glm.multinomial import MultinomialModel
    from mlmcli.panel.design import candidate_columns, design_with, estimable
    from mlmcli.panel.groups import Panels
    from mlmcli.panel.multinomial_conditional import ConditionalLikelihood, fit_conditional
    from mlmcli.panel.multinomial_panel_fit import PanelMultinomialFit
    from mlmcli.results.glmm import IterationPhase

    ds = session.data
    groups = group_codes(ds, setup["ivar"], sample)
    lo = np.full(int(groups.max()) + 1, np.iinfo(np.int64).max)
    hi = np.full(len(lo), -1)
    np.minimum.at(lo, groups, y)
    np.maximum.at(hi, groups, y)
    varies = (lo != hi)[groups]
    n_drop = int(np.sum(lo == hi))
    if n_drop:
        s = "s" if n_drop > 1 else ""
        session.print(f"note: {n_drop} group{s} ({int(np.sum(~varies))} obs) dropped because of all same outcome.")
    if not varies.any():
        raise StataError("no observations", 2000)
    at = np.flatnonzero(sample)
    sample = np.zeros_like(sample)
    sample[at[varies]] = True
    y = y[varies]
    groups = group_codes(ds, setup["ivar"], sample)
    layout, C = candidate_columns(ds, terms, sample)
    W = Panels(groups).within(C) if C.shape[1] else C
    keep = estimable(W, C, constant=False)
    design = design_with(ds, terms, layout, C, keep, False)
    own = np.einsum("ij,ij->j", W, W) if W.size else np.zeros(0)
    scale = np.einsum("ij,ij->j", C - C.mean(axis=0), C - C.mean(axis=0)) if C.size else own
    dropped = [k for k in range(C.shape[1]) if not keep[k]]
    for k, note in zip(dropped, design.notes):
        name = note[len("note: "):].split(" omitted", 1)[0]
        zero = own[k] <= 1e-12 * max(scale[k], 1e-300)
        session.print(f"note: {name} omitted because of no within-group variance." if zero else note)
    if design.X.shape[1] == 0:
        raise StataError("no variables", 102)
    spec = _spec(setup, y, design.X, design.labels, False)
    model = ConditionalLikelihood(y, spec.K, spec.base, np.asarray(design.X, float), groups)
    robust = setup["vce"] in ("robust", "cluster")
    cf = fit_conditional(model, robust=robust, cluster=_cluster_of_panels(session, setup, sample, groups),
                         **setup["maxopts"])
    if not setup["nolog"]:
        from mlmcli.render.xt_random_intercept import render_xt_re_iteration_log
        from mlmcli.results.glmm import IterationLog

        text = render_xt_re_iteration_log(IterationLog((IterationPhase("", tuple(cf.steps)),)))
        session.print("\n".join(line for line in text.split("\n")[2:]))  # no heading: a plain log
    fit = PanelMultinomialFit(spec, MultinomialModel(spec), cf.theta, cf.V, cf.loglik, cf.ll_0, cf.converged, [],
                              robust, cf.n_clusters, cf.limit_reached, setup["level"], kind="fe")
    return fit, design, sample


def _variance_rows(fit, level: float):
    from mlmcli.results.xt_random_intercept import ParameterRow

    z = stats.norm.ppf(0.5 + level / 200)
    kb = len(fit.theta)
    rows = []
    for j, label in enumerate(fit.cov.labels):
        v = float(fit.gamma[j])
        se = float(np.sqrt(max(fit.V_full[kb + j, kb + j], 0.0)))
        if label.startswith("var") and v > 0 and se > 0:
            from mlmcli.missing import stata_exp  # missing, not inf, where exp() overflows

            lo, hi = stata_exp(np.log(v) - z * se / v), stata_exp(np.log(v) + z * se / v)
        else:
            lo, hi = v - z * se, v + z * se
        rows.append(ParameterRow(label, v, se, float(lo), float(hi)))
    return tuple(rows)


def panel_result(fit, header, level: float):
    """The printed result at ``level`` (``header``: a result whose sample fields are kept)."""
    from mlmcli.glm.multinomial_report import outcome_equations
    from mlmcli.results.xtmlogit import PanelMultinomialResult

    spec = fit.spec
    equations = outcome_equations(fit, level)
    chi2, df, p, kind = fit.model_test()
    if fit.kind == "re" and kind == "LR":  # the re model's test is Wald's (its LR is against mlogit)
        chi2, df, p, kind = _wald(fit)
    return PanelMultinomialResult(
        title=header["title"], model=fit.kind, depvar=spec.depvar, ivar=header["ivar"], nobs=len(spec.y),
        n_groups=header["n_groups"], g_min=header["g_min"], g_avg=header["g_avg"], g_max=header["g_max"],
        wald_chi2=chi2, wald_df=df, wald_p=p, loglik=fit.loglik, chi2_type=kind,
        intmethod=getattr(fit, "intmethod", None), intpoints=getattr(fit, "intpoints", None), level=level,
        robust=fit.robust, equations=tuple(equations),
        variances=_variance_rows(fit, level) if fit.kind == "re" else (), lr=fit.lr_test(),
        cluster=(fit.n_clusters, spec.cluster_var) if spec.cluster_var and fit.n_clusters else None)


def _wald(fit):
    """The Wald test that every slope of every outcome equation is zero."""
    p = fit.model.p
    est = fit.estimable()
    slope = [i for i, j in enumerate(est) if fit.spec.labels[j].name != "_cons"]
    idx = [f * p + c for f in range(len(fit.model.free)) for c in slope]
    if not idx:
        return float("nan"), 0, float("nan"), "Wald"
    b, V = fit.theta[idx], fit.V[np.ix_(idx, idx)]
    if not (np.isfinite(b).all() and np.isfinite(V).all()):
        return float("nan"), len(idx), float("nan"), "Wald"
    stat = float(b @ np.linalg.pinv(V) @ b)
    rank = int(np.linalg.matrix_rank(V))
    return stat, rank, float(stats.chi2.sf(stat, rank)), "Wald"


def ereturn(cmd, fit, design, sample, groups, setup: dict, baselab: str):
    from mlmcli.commands.estimation.common import robust_macros
    from mlmcli.commands.postestimation.predict_xtmlogit import XtMlogitFit
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.glm.separation import stata_g
    from mlmcli.results.matrix import Matrix

    fit = XtMlogitFit(**{f.name: getattr(fit, f.name) for f in dataclasses.fields(fit)},
                      margins_design=design) if not isinstance(fit, XtMlogitFit) else fit
    sizes = np.bincount(groups)
    header = dict(title=_title(fit.kind), ivar=setup["ivar"], n_groups=len(sizes), g_min=float(sizes.min()),
                  g_avg=float(sizes.mean()), g_max=float(sizes.max()))
    result = panel_result(fit, header, setup["level"])
    spec = fit.spec
    b, V = fit.e_matrices()
    scalars = {"N": float(len(spec.y)), "N_g": float(len(sizes)), "g_min": header["g_min"],
               "g_avg": header["g_avg"], "g_max": header["g_max"], "ll": fit.loglik, "k": float(b.values.shape[1]),
               "k_out": float(spec.K), "k_eq": float(spec.K + (1 if fit.kind == "re" else 0)), "k_dv": 1.0,
               "df_m": float(result.wald_df), "chi2": result.wald_chi2, "p": result.wald_p,
               "rank": float(np.linalg.matrix_rank(np.nan_to_num(fit.V_full if fit.kind == "re" else fit.V))),
               "ibaseout": float(spec.base + 1), "baseout": spec.outcomes[spec.base],
               "converged": float(fit.converged), "level": setup["level"]}
    if fit.kind == "re":
        scalars.update(ll_c=fit.ll_0, n_quad=float(fit.intpoints))
        if result.lr is not None:
            scalars.update(chi2_c=result.lr[0], df_c=float(result.lr[1]), p_c=result.lr[2])
    else:
        scalars["ll_0"] = fit.ll_0
    if fit.robust and fit.n_clusters:
        scalars["N_clust"] = float(fit.n_clusters)
    macros = {"cmd": "xtmlogit", "cmdline": (cmd.text or f"xtmlogit {cmd.args}").strip(), "depvar": spec.depvar,
              "ivar": setup["ivar"], "model": fit.kind, "title": result.title, "chi2type": result.chi2_type,
              "eqnames": " ".join(spec.eq_names), "baselab": baselab,
              "vce": setup["vce"], "opt": "moptimize", "which": "max", "technique": "nr",
              "crittype": "log pseudolikelihood" if fit.robust else "log likelihood", "properties": "b V",
              "predict": "xtmlogit_p", "marginsnotok": "stdp SCores",
              "marginsdefault": " ".join(f"predict({'pr' if fit.kind == 're' else 'pu0'} outcome({stata_g(v)}))"
                                         for v in spec.outcomes)}
    if fit.kind == "re":
        macros.update(covariance=fit.cov.kind, intmethod=fit.intmethod, chi2_ct="LR")
    robust_macros(macros, fit.robust, setup["clustvar"])
    matrices = {"b": b, "V": V, "out": Matrix(np.array(spec.outcomes, float)[None, :], ("r1",),
                                              tuple(f"c{i + 1}" for i in range(spec.K)))}
    return EstimationResults(cmd="xtmlogit", scalars=scalars, macros=macros, matrices=matrices, result=result,
                             model=fit, sample=sample, title=result.title, design=design)


def _title(kind: str) -> str:
    return TITLES[kind]
