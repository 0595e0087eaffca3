"""The printed result of a multinomial logit fit (``results.multinomial``): the table rows of
every outcome (z tests, normal confidence intervals; RRR rows exp(b), se exp(b) se_b) and
the model test."""
from __future__ import annotations

from ..mixed.inference import fixed_rows
from ..results.multinomial import MultinomialResult, OutcomeEquation
from .inference import eform_rows

TITLE = "Multinomial logistic regression"


def multinomial_result(fit, level: float | None = None) -> MultinomialResult:
    spec = fit.spec
    level = fit.level if level is None else level
    equations = outcome_equations(fit, level)
    chi2, df, p, kind = fit.model_test()
    rep, extra = fit.replicate, {}
    if rep is not None:  # vce(bootstrap|jackknife): glm.inference.with_replicates's rules
        extra = dict(n_reps=rep.n, vce_label=rep.vcetype, df_r=rep.df_r,
                     replications=(fit.n_clusters, spec.cluster_var) if spec.cluster_var else None)
        if rep.df_r is not None:
            equations, chi2, p = _jackknife_rows(equations, rep.df_r, level, chi2, df)
    return MultinomialResult(
        title=TITLE, depvar=spec.depvar, nobs=fit.nobs(), equations=tuple(equations), loglik=fit.loglik,
        ll_0=fit.ll_0, chi2=chi2, chi2_type=kind, df_m=df, p=p,
        pseudo_r2=1 - fit.loglik / fit.ll_0 if fit.ll_0 else float("nan"), level=level,
        vce="robust" if fit.robust else rep.kind if rep is not None else "oim", pseudo=spec.pweight is not None,
        cluster_var=spec.cluster_var if fit.robust else None, n_clusters=fit.n_clusters,
        converged=fit.converged, iteration_log=fit.iteration_log(),
        constraint_labels=spec.constraints.labels if spec.constraints is not None else (), **extra)


def outcome_equations(fit, level: float) -> list:
    """One block an outcome, the base one empty and marked (mlogit's and xtmlogit's tables)."""
    spec = fit.spec
    equations: list = []
    for k, name in enumerate(spec.eq_names):
        if k == spec.base:
            equations.append(OutcomeEquation(name, (), (), True))
            continue
        beta, Vk = fit.equation_coefficients(k)
        rows = fixed_rows(tuple(spec.labels), beta, Vk, level)
        if spec.constraints is not None:  # a coefficient the constraints fix has no variance
            from mlmcli.postest.ml_constraints import mark_constrained

            rows = mark_constrained(rows)
        equations.append(OutcomeEquation(name, rows, eform_rows(rows)))
    return equations


def _jackknife_rows(equations, df_r: float, level: float, chi2: float, df_m: int):
    """Jackknife's t rows on df_r and its F = W/df_m: (equations, F, p)."""
    from dataclasses import replace

    from mlmcli import distributions
    from .inference import t_row

    crit = float(distributions.t.ppf(0.5 + level / 200, df_r))
    out = []
    for eq in equations:
        rows = tuple(t_row(row, df_r, crit) for row in eq.rows)
        out.append(replace(eq, rows=rows, eform_rows=eform_rows(rows)) if not eq.base else eq)
    F = chi2 / df_m if df_m else float("nan")
    return tuple(out), F, float(distributions.f.sf(F, df_m, df_r)) if df_m else float("nan")
