"""heckman's e(), printed result and the model ``predict`` reads (heckma_p:
``mlmcli.commands.postestimation.predict_heckman``).

e(b): the outcome equation (named after the depvar), the selection equation (``select`` or the
selection depvar), then ML's ``athrho:_cons`` and ``lnsigma:_cons`` (Stata 13's names; shown
``/athrho``, ``/lnsigma``) or two-step's ``mills:lambda``.  Scalars N, N_cens, k, k_eq, k_aux,
k_dv, df_m, chi2, p, rho, sigma, lambda, selambda, ll, chi2_c, p_c, N_clust, rank, ic, rc,
converged; macros cmd, depvar (with the selection depvar when typed), title, title2, method
(ml | two-step), chi2type (Wald), chi2_ct, vce, vcetype, clustvar, offset1, offset2, mills,
predict (heckma_p).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import robust_macros

TITLE2 = "(regression model with sample selection)"
TITLES = {"ml": "Heckman selection model", "twostep": "Heckman selection model -- two-step estimates"}


class HeckmanModel:
    """theta (outcome b, selection g, then athrho and ln sigma, or two-step's lambda), V, the designs."""

    def __init__(self, theta, V, design, select_design, offset_vars, rho: float, sigma: float):
        self.theta, self.V = np.asarray(theta, float), np.asarray(V, float)
        self.design, self.select_design = design, select_design
        self.offset_vars, self.rho, self.sigma = offset_vars, rho, sigma
        self.kx, self.kz = len(_est(design)), len(_est(select_design))

    def index(self, data, equation: int, offset: bool = True) -> np.ndarray:
        design = self.design if equation == 1 else self.select_design
        b = self.theta[:self.kx] if equation == 1 else self.theta[self.kx:self.kx + self.kz]
        X = np.asarray(design.columns(data), float).reshape(data.nobs, -1)
        xb = X @ b if X.shape[1] else np.zeros(data.nobs)
        var = self.offset_vars[equation - 1]
        return xb + data.numeric(var) if offset and var else xb

    def index_se(self, data, equation: int) -> np.ndarray:
        design = self.design if equation == 1 else self.select_design
        start, k = (0, self.kx) if equation == 1 else (self.kx, self.kz)
        X = np.asarray(design.columns(data), float).reshape(data.nobs, -1)
        V = self.V[start:start + k, start:start + k]
        return np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, V, X), 0.0))

    # margins' hooks (commands/postestimation/margins_selection.py); command, depvars and method set by _finish
    def margins_prediction(self, options: str):
        from mlmcli.commands.postestimation import margins_selection as ms

        hook = ms.heckman_margins_prediction if self.command == "heckman" else ms.heckprob_margins_prediction
        return hook(self, options)

    def margins_variables(self) -> tuple[str, ...]:
        from mlmcli.commands.postestimation.margins_selection import selection_margins_variables

        return selection_margins_variables(self)

    @property
    def design_rows_within_sample(self):
        return self.prep.data.selected  # the outcome design's rows: the selected ones of e(sample)

    def margins_other_labels(self):
        return tuple(self.select_design.labels)


def _est(design):
    return [lab for lab in design.labels if not (lab.base or lab.omitted)]


def coef_label(name: str):
    from mlmcli.mixed.spec import CoefLabel

    return CoefLabel(name)


def selection_matrices(prep, theta, V, tail_names):
    from mlmcli.results.matrix import Matrix

    dl, sl = prep.design.labels, prep.select_design.labels
    names = [f"{prep.depvar}:{lab.name}" for lab in dl] + [f"{prep.selname}:{lab.name}" for lab in sl]
    pos = ([j for j, lab in enumerate(dl) if not (lab.base or lab.omitted)]
           + [len(dl) + j for j, lab in enumerate(sl) if not (lab.base or lab.omitted)])
    for name in tail_names:
        names.append(name)
        pos.append(len(names) - 1)
    k = len(names)
    b, full = np.zeros(k), np.zeros((k, k))
    b[pos] = theta
    full[np.ix_(pos, pos)] = V
    return Matrix(b[None, :], ("y1",), tuple(names)), Matrix(full, tuple(names), tuple(names))


def _eq_rows(prep, b, V, level):
    from mlmcli.postest.coefficient_rows import rows_from_estimates

    dl, sl = prep.design.labels, prep.select_design.labels
    out = []
    for labels, start in ((dl, 0), (sl, len(dl))):
        idx = [start + j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
        out.append(rows_from_estimates(labels, b[idx], V[np.ix_(idx, idx)], level))
    return ((prep.depvar, out[0]), (prep.selname, out[1]))


def natural_rows(b, V, level, df: float | None = None):
    """rho, sigma, lambda from (athrho, ln sigma) at the end of b: ml display's diparm rows
    (``df``: svy's t quantile on the design df for the intervals)."""
    from mlmcli.distributions import norm, t
    from mlmcli.results.mixed import CoefRow

    a, ls = b[-2], b[-1]
    Va = V[-2:, -2:]
    rho, sigma = np.tanh(a), np.exp(ls)
    q = float(norm.ppf(0.5 + level / 200) if df is None else t.ppf(0.5 + level / 200, df))
    se_a, se_l = np.sqrt(max(Va[0, 0], 0)), np.sqrt(max(Va[1, 1], 0))
    grad = np.array([sigma * (1 - rho * rho), rho * sigma])
    se_lam = float(np.sqrt(max(grad @ Va @ grad, 0)))
    lam = rho * sigma
    nan = float("nan")
    with np.errstate(over="ignore"):  # a bound past the largest double (ln sigma's se huge) is missing
        low, high = (float(v) if np.isfinite(v) else nan for v in (np.exp(ls - q * se_l), np.exp(ls + q * se_l)))
    return (CoefRow("rho", rho, (1 - rho * rho) * se_a, nan, nan, np.tanh(a - q * se_a), np.tanh(a + q * se_a)),
            CoefRow("sigma", sigma, sigma * se_l, nan, nan, low, high),
            CoefRow("lambda", lam, se_lam, nan, nan, lam - q * se_lam, lam + q * se_lam))


def build_result(e, level: float, phases=()):
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.results.glmm import IterationLog
    from mlmcli.results.selection import HeckmanResult

    prep = e.model.prep
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    eqs = _eq_rows(prep, b, V, level)
    common = dict(title=e.title, depvar=prep.depvar, nobs=e.scalars["N"], n_censored=e.scalars["N_cens"],
                  chi2=e.scalars["chi2"], df_m=int(e.scalars["df_m"]), p=e.scalars["p"], offsets=prep.offsets,
                  level=level, iteration_log=IterationLog(tuple(phases)))
    if e.macros["method"] == "two-step":
        j = len(b) - 1
        mills = rows_from_estimates((coef_label("lambda"),), b[j:], V[j:, j:], level)
        s = e.scalars
        return HeckmanResult(equations=eqs + (("mills", mills),), **common,
                             two_step_lines=(s["rho"], s["sigma"], s["lambda"], s["selambda"]))
    cluster = (int(e.scalars["N_clust"]), prep.clustvar) if prep.clustvar else None
    if e.cmd == "heckprob":  # /athrho and rho only
        (anc,) = rows_from_estimates((coef_label("/athrho"),), b[-1:], V[-1:, -1:], level)
        rho = natural_rows(np.concatenate([b, [0.0]]), padded(V), level)[0]
        return HeckmanResult(equations=eqs, **common, loglik=e.scalars["ll"], pseudo=prep.vce != "oim",
                             cluster=cluster, ancillary=(anc,), natural=(rho,), title2="",
                             independence=(e.macros["chi2_ct"], e.scalars["chi2_c"], e.scalars["p_c"]),
                             converged=bool(e.scalars.get("converged", 1)), comparison=e.scalars.get("ll_c"))
    anc = rows_from_estimates((coef_label("/athrho"), coef_label("/lnsigma")), b[-2:], V[-2:, -2:], level)
    return HeckmanResult(equations=eqs, **common, loglik=e.scalars["ll"], pseudo=prep.vce != "oim", cluster=cluster,
                         ancillary=anc, natural=natural_rows(b, V, level),
                         independence=(e.macros["chi2_ct"], e.scalars["chi2_c"], e.scalars["p_c"]),
                         converged=bool(e.scalars.get("converged", 1)))


def padded(V):
    """V with a zero row and column appended (heckprob's athrho read where heckman's sits)."""
    out = np.zeros((V.shape[0] + 1, V.shape[1] + 1))
    out[:-1, :-1] = V
    return out


def _counts(prep):
    d = prep.data
    w = d.w if prep.weight_kind == "fweight" else np.ones(len(d.w))
    return float(w.sum()), float(w[~d.selected].sum())


def wald_over_columns(prep, b, V, names, kinds):
    """The header's Wald test over the e(b) columns ``kinds`` picks (chi2, df, p)."""
    from mlmcli.mixed.inference import wald_test

    idx = [j for j, name in enumerate(names) if kinds(name)]
    labels = tuple(coef_label(names[j].split(":", 1)[1] + f"#{j}") for j in idx)  # distinct, none _cons
    return wald_test(labels, b[idx], V[np.ix_(idx, idx)])


def _finish(session, cmd, prep, e_b, e_V, scalars, macros, model, phases=()):
    from mlmcli.estimation.results import EstimationResults

    if prep.weight_kind:
        macros["wtype"] = prep.weight_kind
        macros["wexp"] = "= " + cmd.weight.exp
    name = macros["cmd"]
    macros.update(cmdline=(cmd.text or f"{name} {cmd.args}").strip(),
                  predict="heckma_p" if name == "heckman" else "heckpr_p",
                  depvar=" ".join([prep.depvar] + ([prep.seldep] if prep.seldep else [])),
                  offset1=prep.offsets[0], offset2=prep.offsets[1])
    if name == "heckman":
        macros["title2"] = TITLE2
    model.prep = prep
    model.command, model.depvars, model.method = name, macros["depvar"], macros["method"]
    e = EstimationResults(cmd=name, scalars=scalars, macros=macros, matrices={"b": e_b, "V": e_V}, model=model,
                          sample=prep.sample, title=macros["title"], design=prep.design)
    e.result = build_result(e, prep.level, phases)
    e.stamp_sample(session.data)
    return e


def ml_results(session, cmd, prep, fit, probit_ll: float, regress_ll: float):
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.results.glmm import IterationPhase

    e_b, e_V = selection_matrices(prep, fit.theta, fit.V, ("athrho:_cons", "lnsigma:_cons"))
    names, b, V = e_b.colnames, e_b.values.ravel(), e_V.values
    dep_terms = {f"{prep.depvar}:{lab.name}" for lab in _est(prep.design) if lab.name != "_cons"}
    chi2, df, p = wald_over_columns(prep, b, V, names, lambda n: n in dep_terms)
    robust = prep.vce != "oim"
    if robust:
        chi2_c, kind = float(b[-2] ** 2 / V[-2, -2]), "Wald"
    else:
        chi2_c, kind = 2 * (fit.loglik - regress_ll - probit_ll), "LR"
    N, n_cens = _counts(prep)
    rho, sigma = float(np.tanh(b[-2])), float(np.exp(b[-1]))
    lam_row = natural_rows(b, V, prep.level)[2]
    scalars = {"N": N, "N_cens": n_cens, "k": float(len(names)), "k_eq": 4.0, "k_eq_model": 1.0, "k_aux": 2.0,
               "k_dv": 2.0, "df_m": float(df), "ll": fit.loglik, "chi2": chi2, "p": p, "chi2_c": chi2_c,
               "p_c": float(chi2_dist.sf(chi2_c, 1)), "rho": rho, "sigma": sigma, "lambda": lam_row.coef,
               "selambda": lam_row.se, "rank": float(safe_rank(fit.V)), "ic": float(max(len(fit.steps) - 1, 0)),
               "rc": 0.0, "converged": float(fit.converged)}
    if prep.clustvar:
        scalars["N_clust"] = float(len(np.unique(prep.cluster)))
    macros = {"cmd": "heckman", "title": TITLES["ml"], "method": "ml", "chi2type": "Wald", "chi2_ct": kind,
              "vce": prep.vce, "opt": "moptimize", "ml_method": "d2", "user": "heck_d2", "technique": "nr",
              "which": "max", "crittype": "log pseudolikelihood" if robust else "log likelihood", "properties": "b V"}
    robust_macros(macros, robust, prep.clustvar)
    model = HeckmanModel(fit.theta, fit.V, prep.design, prep.select_design, (prep.offsets[0] or None,
                         prep.offsets[1] or None), rho, sigma)
    return _finish(session, cmd, prep, e_b, e_V, scalars, macros, model,
                   (IterationPhase("", tuple(fit.steps)),))


def two_step_results(session, cmd, prep, ts):
    from mlmcli.postest.coefficient_rows import safe_rank

    kx, kz = prep.data.X.shape[1], prep.data.Z.shape[1]
    rho, sigma = ts.rho, ts.sigma
    if abs(rho) > 1:  # rhosigma: rho truncated, sigma = lambda / rho
        rho = float(np.sign(rho))
        sigma = float(ts.b[-1] / rho)
    theta = np.concatenate([ts.b[:kx], ts.gamma, ts.b[kx:]])
    V = np.zeros((kx + kz + 1, kx + kz + 1))
    out_idx = list(range(kx)) + [kx + kz]
    V[np.ix_(out_idx, out_idx)] = ts.V
    V[kx:kx + kz, kx:kx + kz] = ts.V_gamma
    e_b, e_V = selection_matrices(prep, theta, V, ("mills:lambda",))
    names, b, Vm = e_b.colnames, e_b.values.ravel(), e_V.values
    dep_vars = {lab.name for lab in _est(prep.design) if lab.name != "_cons"}
    chi2, df, p = wald_over_columns(prep, b, Vm, names, lambda n: n.split(":", 1)[1] in dep_vars and not n.startswith("mills:"))
    N, n_cens = _counts(prep)
    scalars = {"N": N, "N_cens": n_cens, "k": float(len(names)), "k_eq": 3.0, "k_dv": 2.0, "df_m": float(df),
               "chi2": chi2, "p": p, "rho": rho, "sigma": sigma, "lambda": float(ts.b[-1]),
               "selambda": _root(ts.V[-1, -1]), "rank": float(safe_rank(V))}
    macros = {"cmd": "heckman", "title": TITLES["twostep"], "method": "two-step", "chi2type": "Wald",
              "vce": "conventional", "properties": "b V", "rhometh": "rhosigma"}
    model = HeckmanModel(theta, V, prep.design, prep.select_design, (None, None), rho, sigma)
    return _finish(session, cmd, prep, e_b, e_V, scalars, macros, model)


def _root(variance) -> float:
    """A standard error; missing for a negative variance (the two-step V need not be positive
    definite: Stata's sqrt() of a negative number is missing)."""
    return float(np.sqrt(variance)) if variance >= 0 else float("nan")


def render_results(e, *, log: bool, options, linesize: int = 80, level: float | None = None) -> str:
    from mlmcli.render.selection import render_heckman

    r = e.result
    if level is not None and level != r.level:
        r = dataclasses.replace(build_result(e, level), iteration_log=r.iteration_log)
    return render_heckman(r, linesize=linesize, log=log, options=options)


def probit_results(session, cmd, prep, fit, ll_c: float, phases):
    """heckprob's e(): heckprob.ado's names (ll_c, chi2_c, p_c, chi2_ct, rho, k_aux 1, N_cens)."""
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.postest.coefficient_rows import safe_rank
    e_b, e_V = selection_matrices(prep, fit.theta, fit.V, ("athrho:_cons",))
    names, b, V = e_b.colnames, e_b.values.ravel(), e_V.values
    dep_terms = {f"{prep.depvar}:{lab.name}" for lab in _est(prep.design) if lab.name != "_cons"}
    chi2, df, p = wald_over_columns(prep, b, V, names, lambda n: n in dep_terms)
    robust = prep.vce != "oim"
    chi2_c, kind = (float(b[-1] ** 2 / V[-1, -1]), "Wald") if robust else (abs(-2 * (fit.loglik - ll_c)), "LR")
    N, n_cens = _counts(prep)
    scalars = {"N": N, "N_cens": n_cens, "k": float(len(names)), "k_eq": 3.0, "k_eq_model": 1.0, "k_aux": 1.0,
               "k_dv": 2.0, "df_m": float(df), "ll": fit.loglik, "chi2": chi2, "p": p, "chi2_c": chi2_c,
               "p_c": float(chi2_dist.sf(chi2_c, 1)), "rho": float(np.tanh(b[-1])),
               "rank": float(safe_rank(fit.V)), "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0,
               "converged": float(fit.converged)}
    if not robust:
        scalars["ll_c"] = ll_c
    if prep.clustvar:
        scalars["N_clust"] = float(len(np.unique(prep.cluster)))
    macros = {"cmd": "heckprob", "title": "Probit model with sample selection", "method": "ml", "chi2type": "Wald",
              "chi2_ct": kind, "vce": prep.vce, "opt": "moptimize", "ml_method": "lf", "user": "heckp_lf",
              "technique": "nr", "which": "max", "crittype": "log pseudolikelihood" if robust else "log likelihood",
              "properties": "b V"}
    robust_macros(macros, robust, prep.clustvar)
    model = HeckmanModel(fit.theta, fit.V, prep.design, prep.select_design, (prep.offsets[0] or None,
                         prep.offsets[1] or None), scalars["rho"], 1.0)
    return _finish(session, cmd, prep, e_b, e_V, scalars, macros, model, phases)
