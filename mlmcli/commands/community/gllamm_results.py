"""gllamm's printed result and e() from the glmm engine's fit (see ``gllamm``'s docstring).

Numbers of units (gllamm's ``Estimate``): level 1 = the sum over observations of the product
of all levels' weights; level k = the sum over level-k units of the product of the weights of
levels k and above.  Condition number = sqrt(largest / smallest eigenvalue) of the inverse of
e(V) (gllamm's ``prepare``).  Variances and covariances of the random effects: Sigma = L L'
with delta-method standard errors; ``cor(i,j)`` = cov / sqrt(var_i var_j).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.results.gllamm import CovarianceEntry, GllammResult, IterationLine, RandomLevelBlock


def iteration_lines(result, adapt: bool) -> tuple[IterationLine, ...]:
    """The engine's full-model iterations (ln L at gllamm's integration rule, re-adapted at
    every evaluation when ``adapt``) as gllamm's loop; with ``adapt`` the final value is the
    Newton-Raphson line that follows the adaptive loop."""
    steps = [s for ph in result.iteration_log.phases if ph.heading.startswith("Fitting full") for s in ph.steps]
    if not adapt:
        return tuple(IterationLine("ml", s.iteration, s.loglik) for s in steps)
    lines = [IterationLine("adaptive", s.iteration, s.loglik) for s in steps]
    if steps:
        lines.append(IterationLine("ml", 0, steps[-1].loglik))
    return tuple(lines)


def _units(fit, model) -> tuple[float, ...]:
    spec = fit.spec
    rows = fit.model.rows
    terms = list(reversed(spec.terms))  # innermost first
    n = len(rows)
    level_w = [np.ones(n) if spec.fixed.fweight is None else np.asarray(spec.fixed.fweight, float)[rows]]
    level_w += [np.ones(n) if t.fweight is None else np.asarray(t.fweight, float)[rows] for t in terms]
    out = [float(np.sum(np.prod(level_w, axis=0)))]
    for k, term in enumerate(terms):
        above = np.prod(level_w[k + 1:], axis=0)
        group = np.asarray(term.group)[rows]
        _, first = np.unique(group, return_index=True)
        out.append(float(np.sum(above[first])))
    return tuple(out)


def parameter_names(fit, model) -> list[str]:
    dep = model.depvar
    names = [f"{dep}:{lab.name}" for lab in fit.labels if not (lab.base or lab.omitted)]
    if fit.spec.fixed.family == "gaussian":
        names.append("lns1:_cons")
    elif fit.spec.fixed.family == "ordinal":
        names += [f"_cut1{j}:_cons" for j in range(1, fit.model.m + 1)]
    for k, lv in enumerate(model.levels, start=1):
        if not lv.variables:
            names.append(f"{lv.cluster[:4]}{k}:_cons")
            continue
        stem = f"{lv.cluster[:3]}{k}_"
        names += [f"{stem}{r}:{v}" for r, v in enumerate(lv.variables, start=1)]
        q = len(lv.variables)
        if model.correlated and q > 1:
            names += [f"{stem}{i}_{j}:_cons" for i in range(2, q + 1) for j in range(1, i)]
    return names


def _random_blocks(fit, model) -> tuple[RandomLevelBlock, ...]:
    from mlmcli.glmm.cholesky_metric import delta_method, level_covariances

    values, V = delta_method(lambda th: level_covariances(fit.model, th, model.correlated), fit.theta, fit.V)
    se = np.sqrt(np.maximum(np.diag(V), 0.0))
    out, k = [], 0
    for lev, lv in enumerate(model.levels, start=2):
        q = max(len(lv.variables), 1)
        full = model.correlated and q > 1
        var = {}
        entries = []
        for i in range(1, q + 1):
            for j in range(1, i + 1):
                if i == j or full:
                    entries.append((i, j, float(values[k]), float(se[k])))
                    if i == j:
                        var[i] = float(values[k])
                    k += 1
                else:
                    entries.append((i, j, 0.0, float("nan")))
        rows = []
        for i, j, v, s in entries:
            if i == j:
                rows.append(CovarianceEntry(i, j, v, s))
            elif not full:
                rows.append(CovarianceEntry(i, j, 0.0, float("nan"), fixed_zero=True))
            else:
                rows.append(CovarianceEntry(i, j, v, s, correlation=v / np.sqrt(var[i] * var[j])))
        out.append(RandomLevelBlock(lev, lv.cluster, tuple(rows)))
    return tuple(out)


def gllamm_result(fit, result, model, level: float) -> GllammResult:
    from mlmcli.glm.inference import eform_rows
    from mlmcli.mixed.inference import fixed_rows

    p = fit.model.p
    fixed = fixed_rows(fit.labels, fit.beta, fit.V[:p, :p], level)
    equations = ()
    if fit.spec.fixed.family == "ordinal":
        m = fit.model.m
        cuts = fixed_rows(tuple(_cons_labels(m)), fit.anc, fit.V[p:p + m, p:p + m], level)
        equations = tuple((f"_cut1{j + 1}", (cuts[j],)) for j in range(m))
    level1 = None
    if fit.spec.fixed.family == "gaussian" and result.residual is not None:
        level1 = (float(result.residual.estimate), float(result.residual.se))
    b, V = gllamm_coefficients(fit, model)
    return GllammResult(
        depvar=model.depvar, units=_units(fit, model), condition_number=condition_number(V),
        loglik=float(fit.loglik), fixed=fixed, fixed_eform=eform_rows(fixed), equations=equations,
        level1_variance=level1, random=_random_blocks(fit, model), level=level, adapt=model.adapt,
        converged=bool(fit.converged), iterations=iteration_lines(result, model.adapt))


def _cons_labels(m: int):
    from mlmcli.factor_variables import CoefLabel
    return [CoefLabel("_cons") for _ in range(m)]


def gllamm_coefficients(fit, model) -> tuple[np.ndarray, np.ndarray]:
    """e(b), e(V) values in gllamm's parametrisation."""
    from mlmcli.glmm.cholesky_metric import delta_method, gllamm_parameters

    return delta_method(lambda th: gllamm_parameters(fit.model, th, model.correlated), fit.theta, fit.V)


def condition_number(V: np.ndarray) -> float | None:
    try:
        eig = np.linalg.eigvalsh(np.linalg.inv(V))
    except np.linalg.LinAlgError:
        return None
    if not np.all(np.isfinite(eig)) or eig.min() <= 0:
        return None
    return float(np.sqrt(eig.max() / eig.min()))


def result_at_level(e, level: float) -> GllammResult:
    if level == e.result.level:
        return e.result
    from mlmcli.glm.inference import eform_rows
    from mlmcli.mixed.inference import fixed_rows

    fit = e.model
    p = fit.model.p
    fixed = fixed_rows(fit.labels, fit.beta, fit.V[:p, :p], level)
    equations = e.result.equations
    if equations:
        m = fit.model.m
        cuts = fixed_rows(tuple(_cons_labels(m)), fit.anc, fit.V[p:p + m, p:p + m], level)
        equations = tuple((f"_cut1{j + 1}", (cuts[j],)) for j in range(m))
    return dataclasses.replace(e.result, fixed=fixed, fixed_eform=eform_rows(fixed), equations=equations,
                               level=level)


def estimation_results(session, cmdline: str, fit, result, model, sample, design):
    """e() after gllamm (names as gllamm's ``delmacs`` and ``ml`` post them)."""
    from mlmcli.commands.estimation.me import posted_results
    from mlmcli.results.matrix import Matrix

    level = float(result.level)
    shown = gllamm_result(fit, result, model, level)
    names = parameter_names(fit, model)
    b, V = gllamm_coefficients(fit, model)
    if len(names) != len(b):
        raise AssertionError("gllamm parameter names do not match the estimates")
    eqs_names = tuple(names)
    bm = Matrix(np.asarray(b)[None, :], ("y1",), eqs_names)
    Vm = Matrix(np.asarray(V), eqs_names, eqs_names)
    n_levels = len(model.levels) + 1
    tprf = sum(max(len(lv.variables), 1) for lv in model.levels)
    scalars = {"N": shown.units[0], "ll": float(fit.loglik), "k": float(len(b)),
               "rank": float(np.linalg.matrix_rank(np.nan_to_num(V))) if len(b) else 0.0,
               "converged": float(fit.converged), "tplv": float(n_levels), "tprf": float(tprf + 1),
               "adapt": float(model.adapt), "cor": float(model.correlated)}
    if shown.condition_number is not None:
        scalars["cn"] = shown.condition_number
    fam = model.family
    macros = {"cmd": "gllamm", "cmdline": cmdline, "predict": "gllapred", "depvar": model.depvar,
              "title": "gllamm model", "crittype": "log likelihood", "properties": "b V",
              "famil": fam.gllamm_family, "link": fam.gllamm_link if fam.family != "ordinal" else "",
              "linko": fam.gllamm_link if fam.family == "ordinal" else "",
              "clus": " ".join(lv.cluster for lv in reversed(model.levels)),
              "weight": model.weight_stub or "", "offset": model.offset or "", "denom": model.denom or ""}
    macros = {k: v for k, v in macros.items() if v}  # Stata keeps no empty macros
    from mlmcli.glmm.cholesky_metric import cholesky_matrix

    chol = cholesky_matrix(fit.model, fit.theta, model.correlated)
    rf = tuple(f"c{k}" for k in range(1, chol.shape[0] + 1))
    mats = {"b": bm, "V": Vm, "Vs": Vm,  # e(Vs): the model-based V a replay without robust reposts
            "chol": Matrix(chol, tuple(f"r{k}" for k in range(1, chol.shape[0] + 1)), rf),
            "nu": Matrix(np.array([list(shown.units)]), ("r1",), tuple(f"c{k}" for k in range(1, n_levels + 1))),
            "nip": Matrix(np.full((1, tprf), float(model.nip)), ("r1",), tuple(f"c{k}" for k in range(1, tprf + 1)))}
    return posted_results("gllamm", scalars, macros, mats, shown, fit, sample, design)
