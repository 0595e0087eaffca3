"""What a ``menl`` fit reports: the table rows, the Wald test and e().

- Fixed effects: one block per linear combination (equation ``name``, coefficients in the
  order of its ``define()``, base levels included), then the free parameters as ``/a``
  (Stata's free-parameter rows), z = b / se from V(theta) = sigma^2 A^-1 (``fit``).
- Wald chi2 (header): H0: every coefficient of the linear combinations other than ``_cons``
  is 0, chi2 = b' V^-1 b on as many degrees of freedom; no test when there is none.
- e(b): the fixed parameters (``xb:1.gender_bin``, ``/:a0``) then the variance parameters
  in the estimation metric, ``/<group>:lnsd(U0)`` and ``/Residual:lnsigma``; e(V) is
  block diagonal (fixed effects; the variance parameters' covariance from ``fit``).
  e(rank) counts both, so ``estat ic`` has df = fixed parameters + q + 1.
"""
from __future__ import annotations

import numpy as np

from mlmcli.nlme.fit import NLMEFit
from mlmcli.results.matrix import Matrix
from mlmcli.results.nlme import NLMEResult, VarianceRow


def _labels(fit: NLMEFit):
    """(equation, labels) blocks: every combination's labels, then the free parameters."""
    from mlmcli.mixed.spec import CoefLabel
    blocks = []
    for c in fit.spec.combinations:
        labels = c.labels or tuple(CoefLabel(n) for n in c.names)
        blocks.append((c.name, tuple(labels)))
    if fit.spec.free:
        blocks.append((None, tuple(CoefLabel("/" + n) for n in fit.spec.free)))
    return blocks


def coefficient_names(fit: NLMEFit) -> tuple[list[str], list[int]]:
    """e(b)'s fixed-part column names and the positions of the estimable ones."""
    names, est = [], []
    for eq, labels in _labels(fit):
        for lab in labels:
            if eq is None:
                names.append("/:" + lab.name[1:])
            else:
                names.append(f"{eq}:{lab.name}")
            if not (lab.base or lab.omitted):
                est.append(len(names) - 1)
    return names, est


def variance_names(fit: NLMEFit, group_var: str) -> list[str]:
    return [f"/{group_var}:lnsd({r})" for r in fit.spec.random] + ["/Residual:lnsigma"]


def e_matrices(fit: NLMEFit, group_var: str) -> tuple[Matrix, Matrix]:
    names, est = coefficient_names(fit)
    vnames = variance_names(fit, group_var)
    k, m = len(names), len(vnames)
    b = np.zeros(k + m)
    b[est] = fit.theta
    b[k:] = fit.log_sd
    V = np.zeros((k + m, k + m))
    V[np.ix_(est, est)] = fit.V_theta
    V[k:, k:] = np.nan_to_num(fit.V_log_sd)
    cols = tuple(names + vnames)
    return Matrix(b[None, :], ("y1",), cols), Matrix(V, cols, cols)


def wald_test(fit: NLMEFit) -> tuple[float, int, float] | None:
    from mlmcli.distributions import chi2
    idx, j = [], 0
    for c in fit.spec.combinations:
        idx += [j + i for i, n in enumerate(c.names) if n != "_cons"]
        j += c.X.shape[1]
    if not idx:
        return None
    b = fit.theta[idx]
    V = fit.V_theta[np.ix_(idx, idx)]
    stat = float(b @ np.linalg.pinv(V) @ b)
    return stat, len(idx), float(chi2.sf(stat, len(idx)))


def group_counts(fit: NLMEFit) -> tuple[int, int, float, int]:
    counts = np.bincount(fit.spec.group, minlength=fit.spec.n_groups)
    return fit.spec.n_groups, int(counts.min()), float(counts.mean()), int(counts.max())


def nlme_result(fit: NLMEFit, *, depvar: str, group_var: str, level: float) -> NLMEResult:
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    spec = fit.spec
    equations, j = [], 0
    for eq, labels in _labels(fit):
        k = sum(1 for lab in labels if not (lab.base or lab.omitted))
        rows = rows_from_estimates(labels, fit.theta[j:j + k], fit.V_theta[j:j + k, j:j + k], level)
        equations.append((eq, rows))
        j += k
    var = [VarianceRow(*r) for r in fit.variance_rows(level, "variance")]
    sd = [VarianceRow(*r) for r in fit.variance_rows(level, "sd")]
    n_groups, g_min, g_avg, g_max = group_counts(fit)
    method = "REML" if spec.reml else "ML"
    return NLMEResult(
        title=f"Mixed-effects {method} nonlinear regression", depvar=depvar, nobs=len(spec.y),
        group_var=group_var, n_groups=n_groups, g_min=g_min, g_avg=g_avg, g_max=g_max,
        crit_label="Linear. log restricted-likelihood" if spec.reml else "Linearization log likelihood",
        loglik=fit.loglik, wald=wald_test(fit), equations=tuple(equations),
        cov_label="Identity" if spec.q == 1 else "Independent", variances=tuple(var[:-1]),
        residual_variance=var[-1], sds=tuple(sd[:-1]), residual_sd=sd[-1], level=level,
        converged=fit.converged, iteration_log=tuple(fit.history[1:]), method=method)


def scalars(fit: NLMEFit, result: NLMEResult) -> dict[str, float]:
    _, est = coefficient_names(fit)
    k_r = fit.spec.q + 1
    out = {"N": float(len(fit.spec.y)), "ll": float(fit.loglik), "k": float(len(est) + k_r),
           "k_f": float(len(est)), "k_r": float(fit.spec.q), "k_res": 1.0,
           "rank": float(len(est) + k_r), "converged": float(fit.converged), "level": float(result.level),
           "N_g": float(result.n_groups), "g_min": float(result.g_min), "g_avg": result.g_avg,
           "g_max": float(result.g_max), "df_m": 0.0}
    if result.wald is not None:
        out.update(chi2=result.wald[0], df_m=float(result.wald[1]), p=result.wald[2])
    return out
