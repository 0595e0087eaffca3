"""mestreg's e() and its table's rows from a ``MixedSurvivalFit`` (``mestreg``'s docstring)."""
from __future__ import annotations

import dataclasses

import numpy as np

NAN = float("nan")
# Stata 14's mestreg title words (e(title): a StataCorp example) and its LR test's model names
TITLE_WORD = {"exponential": "exponential", "weibull": "Weibull", "lognormal": "lognormal",
              "loglogistic": "loglogistic", "gamma": "gamma"}
MODEL_WORD = {"exponential": "exponential", "weibull": "Weibull", "lognormal": "lognormal",
              "loglogistic": "loglogistic", "gamma": "gamma"}


def variance_rows(values, ses, names, with_cov: bool, level: float):
    """One term's var(z) rows (log-scale CIs), then with ``with_cov`` the cov(a,b) rows of every
    pair a < b (z, P, symmetric CIs), Stata's labels; ``values``/``ses`` in that order."""
    from mlmcli.mixed.inference import zcrit
    from mlmcli.results.mixed import VarianceRow
    from scipy import stats

    z = zcrit(level)
    rows, k = [], 0
    for name in names:
        v, s = float(values[k]), float(ses[k])
        half = z * s / v if v > 0 else NAN
        with np.errstate(over="ignore"):  # a variance on its boundary: the interval (0, inf)
            lo, hi = (float(v * np.exp(-half)), float(v * np.exp(half))) if half == half else (NAN, NAN)
        rows.append(VarianceRow(f"var({name})", v, s, lo, hi))
        k += 1
    if with_cov:
        for a in range(len(names)):
            for b_ in range(a + 1, len(names)):
                c, s = float(values[k]), float(ses[k])
                zz = c / s if s > 0 else NAN
                rows.append(VarianceRow(f"cov({names[a]},{names[b_]})", c, s, c - z * s, c + z * s, zz,
                                        float(2 * stats.norm.sf(abs(zz))) if zz == zz else NAN))
                k += 1
    return rows


def _random_rows(fit, names, levelvar: str, level: float):
    k0 = fit.p + fit.m
    se = np.sqrt(np.maximum(np.diag(fit.V), 0.0))
    return variance_rows(fit.b[k0:], se[k0:], names, fit.correlated, level)


def coefficient_names(fit, design, dist, names, levelvar) -> list[str]:
    out = [f"_t:{lab.name}" for lab in design.labels]
    out += [f"/:{a}" for a in dist.aux]
    out += [f"/:var({n}[{levelvar}])" for n in names]
    if fit.correlated:
        out += [f"/:cov({names[a]}[{levelvar}],{names[b]}[{levelvar}])"
                for a in range(len(names)) for b in range(a + 1, len(names))]
    return out


def full_b(fit, design):
    """e(b) and e(V) over every design column (base/omitted columns zero)."""
    est = [k for k, lab in enumerate(design.labels) if not (lab.base or lab.omitted)]
    k_all = len(design.labels) + len(fit.b) - fit.p
    pos = est + list(range(len(design.labels), k_all))
    b = np.zeros(k_all)
    V = np.zeros((k_all, k_all))
    b[pos] = fit.b
    V[np.ix_(pos, pos)] = fit.V
    return b, V


def survival_result(fit, *, dist, aft, design, method, points, level, nobs, groups, blocks, labels, n_re,
                    cluster_var: str | None = None, pseudo: bool = False):
    """The table's result of a mestreg fit: the _t rows, ancillaries, the random-effects
    ``blocks`` (``RandomLevel``, their ``labels``), the ``groups`` (``GroupSummary`` per
    level), the Wald test and the LR test of the ``n_re`` random-effects parameters (none
    after a robust fit, as the me commands' display: a pseudolikelihood has no LR test)."""
    from mlmcli.glm.inference import ancillary_rows, chibar_or_chi2, eform_rows
    from mlmcli.mixed.inference import fixed_rows, wald_test
    from mlmcli.results.glmm import GLMMResult, GroupInfo, IterationLog, IterationPhase, LRTestSingle

    p, m = fit.p, fit.m
    beta, Vb = fit.b[:p], fit.V[:p, :p]
    fixed = fixed_rows(design.labels, beta, Vb, level)
    chi2, df, pv = wald_test(design.labels, beta, Vb)
    se = np.sqrt(np.maximum(np.diag(fit.V), 0.0))
    anc = ancillary_rows(list(dist.aux), fit.b[p:p + m], se[p:p + m], level)
    lr_chi2 = max(2 * (fit.loglik - fit.ll_fixed), 0.0)
    lr_p, kind = chibar_or_chi2(lr_chi2, n_re)
    word = MODEL_WORD[dist.name]
    robust = bool(getattr(fit, "robust", False))
    lr = None if robust else LRTestSingle(lr_chi2, n_re, lr_p, kind, fit.ll_fixed, word,
                                          f"LR test vs. {word} model:", conservative=n_re > 1)
    title = f"Mixed-effects {TITLE_WORD[dist.name]} regression"  # Stata 14's (a StataCorp example)
    phases = (IterationPhase("Fitting fixed-effects model:", fit.fixed_steps),
              IterationPhase("Fitting full model:", fit.steps))
    return GLMMResult(title=title, command="mestreg", family=dist.name, link="time" if aft else "hazard",
                      depvar="_t", nobs=nobs, groups=tuple(GroupInfo(g, points) for g in groups),
                      integration=method, integration_points=points, fixed=fixed, fixed_eform=eform_rows(fixed),
                      eform_label="Time Ratio" if aft else "Haz. Ratio", ancillary=anc, ancillary_natural=(),
                      random={"variance": tuple(blocks)}, loglik=fit.loglik, wald_chi2=chi2, wald_df=df,
                      wald_p=pv, lr_test=lr, level=level, converged=fit.converged,
                      iteration_log=IterationLog(phases), random_labels=tuple(labels), pseudo=pseudo,
                      vce="robust" if robust else "oim", cluster_var=cluster_var if robust else None,
                      n_clusters=getattr(fit, "n_clusters", None) if robust else None)


def result_from_fit(fit, *, dist, aft, design, term, method, points, level, nobs, counts, cluster_var=None,
                    pseudo=False):
    from mlmcli.results.mixed import GroupSummary, RandomLevel

    names = tuple(term.names)
    covariance = "Unstructured" if fit.correlated else ("Independent" if len(names) > 1 else "Identity")
    random = RandomLevel(term.levelvar, covariance, tuple(_random_rows(fit, names, term.levelvar, level)))
    g = GroupSummary(term.levelvar, len(counts), int(counts.min()), float(counts.mean()), int(counts.max()))
    return survival_result(fit, dist=dist, aft=aft, design=design, method=method, points=points, level=level,
                           nobs=nobs, groups=(g,), blocks=(random,), labels=(term.levelvar,),
                           n_re=len(fit.b) - fit.p - fit.m, cluster_var=cluster_var, pseudo=pseudo)


def build_results(session, cmdline, dist, aft, design, term, sample, fit, method, points, correlated,
                  vce_info: dict | None = None):
    """``vce_info``: the command's ``weight`` (kind, exp) and the robust VCE's ``cluster_var``."""
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.options import confidence_level

    level = confidence_level({}, getattr(session, "level", 95.0))
    group = np.asarray(term.group)
    counts = np.bincount(group)
    nobs = int(np.count_nonzero(sample))
    vce_info = vce_info or {}
    weight = vce_info.get("weight")
    inputs = dict(dist=dist, aft=aft, design=design, term=term, method=method, points=points, nobs=nobs,
                  counts=counts, cluster_var=vce_info.get("cluster_var"),
                  pseudo=weight is not None and weight.kind == "pweight")
    result = result_from_fit(fit, level=level, **inputs)
    names = coefficient_names(fit, design, dist, term.names, term.levelvar)
    b, V = full_b(fit, design)
    bm = Matrix(b.reshape(1, -1), ("y1",), tuple(names))
    Vm = Matrix(V, tuple(names), tuple(names))
    k = len(names)
    n_re = len(fit.b) - fit.p - fit.m
    scalars = {"N": float(nobs), "k": float(k), "k_dv": 0.0, "k_eq": float(1 + len(dist.aux) + n_re),
               "k_f": float(len(design.labels)), "k_r": float(n_re + len(dist.aux)), "k_rs": float(n_re),
               "k_rc": float(n_re - len(term.names)), "ll": fit.loglik, "ll_c": fit.ll_fixed,
               "chi2": result.wald_chi2, "p": result.wald_p, "df_m": float(result.wald_df),
               **({} if result.lr_test is None else
                  {"chi2_c": result.lr_test.chi2, "p_c": result.lr_test.p, "df_c": float(n_re)}),
"rank": float(len(fit.b)),  # ml's rank: the free parameters (the Cholesky metric's Hessian)
              
               "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0, "converged": float(fit.converged),
               "n_quad": float(points), "level": float(level)}
    macros = {"cmd": "mestreg", "cmdline": cmdline, "depvar": "_t", "title": result.title,
              "distribution": dist.name, "frm2": "time" if aft else "hazard", "ivars": term.levelvar,
              "intmethod": method, "vce": "oim", "chi2type": "Wald", "opt": "moptimize", "ml_method": "d0",
              "technique": "nr", "properties": "b V", "predict": "mestreg_p"}
    if fit.robust:
        macros.update(vce="robust", vcetype="Robust", clustvar=vce_info["cluster_var"])
        scalars["N_clust"] = float(fit.n_clusters)
    if weight is not None:
        macros.update(wtype=weight.kind, wexp=f"= {weight.exp.strip()}")
    mats = {"b": bm, "V": Vm, "N_g": Matrix(np.array([[float(len(counts))]]), ("r1",), (term.levelvar,)),
            "g_min": Matrix(np.array([[float(counts.min())]]), ("r1",), (term.levelvar,)),
            "g_avg": Matrix(np.array([[float(counts.mean())]]), ("r1",), (term.levelvar,)),
            "g_max": Matrix(np.array([[float(counts.max())]]), ("r1",), (term.levelvar,))}
    ds = session.data
    level_col = ds.column(term.levelvar) if ds.is_string(term.levelvar) else ds.numeric(term.levelvar)
    in_sample = np.asarray(level_col)[np.asarray(sample, bool)]
    values = [None] * len(counts)
    for code, v in zip(group.tolist(), in_sample.tolist()):
        values[code] = v
    model = MestregModel(fit, dist, aft, design, term, (bm, Vm), result, inputs, tuple(values), method)
    return EstimationResults(cmd="mestreg", scalars=scalars, macros=macros, matrices=mats, result=result,
                             model=model, sample=np.asarray(sample, bool).copy(), title=result.title,
                             design=design)


def result_at_level(e, level: float):
    if level == e.result.level:
        return e.result
    return e.model.result_at(level)


class FittedSurvivalModel:
    """What the mestreg model objects share (``MestregModel``, ``mestreg_levels.NestedMestregModel``):
    e(b)/e(V), the result, every level's covariance, the random design and xb/stdp on any rows;
    each defines ``result_at``, ``effect_names``, ``effect_labels`` and ``effects_on_rows``."""

    def e_matrices(self):
        return self.matrices

    def result(self):
        return self._result

    @property
    def Sigma(self) -> np.ndarray:
        return self.fit.Sigma

    def random_design(self, data) -> np.ndarray:
        """Z (nobs, q) of the random effects on the rows of ``data``."""
        return np.column_stack([np.ones(data.nobs) if n == "_cons" else data.numeric(n) for n in self.effect_names()])

    def predict(self, statistic: str, rows):
        from mlmcli.errors import StataError
        from mlmcli.postest.linear_prediction import prediction_se

        X = rows.fixed_design()
        k = X.shape[1]
        b = self.matrices[0].values[0]
        if statistic == "xb":
            return X @ b[:k]
        if statistic == "stdp":
            return prediction_se(X, self.matrices[1].values[:k, :k])
        raise StataError(f"option {statistic} not allowed", 198)


@dataclasses.dataclass
class MestregModel(FittedSurvivalModel):
    """The fitted model on any rows (predict_mestreg): the _t equation's design, the random
    effects' design and groups, the family, the EB means/SDs by group value."""

    fit: object
    dist: object
    aft: bool
    design: object
    term: object
    matrices: tuple
    _result: object
    inputs: dict
    group_values: tuple  # the level variable's value of each fitted group (by code)
    method: str

    def result_at(self, level: float):
        return result_from_fit(self.fit, level=level, **self.inputs)

    def effect_names(self) -> list[str]:
        """The variable (or _cons) of each random effect, in e(b)'s order."""
        return list(self.term.names)

    def effect_labels(self) -> list[str]:
        """reffects' names of the random effects, in e(b)'s order: ``_cons[id]``."""
        return [f"{n}[{self.term.levelvar}]" for n in self.term.names]

    def effects_on_rows(self, data) -> tuple[np.ndarray, np.ndarray]:
        """The EB means and posterior SDs (nobs, q) of each row's group (NaN outside the
        fitted groups)."""
        col = data.column(self.term.levelvar) if data.is_string(self.term.levelvar) else data.numeric(
            self.term.levelvar)
        lookup = {v: k for k, v in enumerate(self.group_values)}
        g = np.array([lookup.get(v, -1) for v in np.asarray(col).tolist()], np.int64)
        gi, ok = np.where(g >= 0, g, 0), (g >= 0)[:, None]
        return (np.where(ok, self.fit.eb_means[gi], np.nan), np.where(ok, self.fit.eb_sds[gi], np.nan))
