"""ivprobit's and ivtobit's e(), printed result and the model ``predict`` reads (ivprobit_p,
ivtobit_p: ``mlmcli.commands.postestimation.predict_ivprobit``).  ivtobit's ML ancillary
parameters are ``alpha``, ``lns``, ``lnv`` (shown with ``s``, ``v``); its scalars add N_unc,
N_lc, N_rc, llopt, ulopt.

ML e(b): depvar's equation (the endogenous regressor, the exogenous ones, _cons), the reduced
form (named after the endogenous variable: exogenous, instruments, _cons), ``athrho:_cons``,
``lnsigma:_cons``.  Two-step e(b): one unnamed equation.  Scalars N, ll (ML), chi2, df_m, p
(Wald of the structural equation but its constant), chi2_exog, p_exog, endog_ct, k_aux (ML),
N_cds, N_cdf, rank, ic, converged, N_clust; macros cmd, depvar ("y y2"), instd, insts, method
(ml | twostep), title, vce, vcetype, clustvar, chi2type (Wald), predict (ivprobit_p); matrix
Sigma (ML).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import robust_macros
from mlmcli.commands.estimation.heckman_results import coef_label


class IVProbitModel:
    """The structural index x b (e(b)'s first equation) and its standard error."""

    design_rows_within_sample = None

    def __init__(self, b, V, design):
        self.b, self.V, self.design = np.asarray(b, float), np.asarray(V, float), design

    def _columns(self, data):
        return np.asarray(self.design.columns(data), float).reshape(data.nobs, -1)

    def index(self, data) -> np.ndarray:
        return self._columns(data) @ self.b

    def index_se(self, data) -> np.ndarray:
        X = self._columns(data)
        return np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, self.V, X), 0.0))

    def margins_prediction(self, options: str):
        """e(marginsok): ivprobit's xb (the default, "Fitted values") and pr; ivtobit's xb."""
        from mlmcli.errors import StataError
        from mlmcli.margins.response import STOCHASTIC, InverseLink, LinearIndex
        from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

        tobit = self.prep.name == "ivtobit"
        specs = [OptionSpec("xb"), OptionSpec("stdp"), OptionSpec("stdf"), OptionSpec("scores", 2)]
        specs += ([OptionSpec(n, 1, takes_arg=True) for n in ("pr", "e")] + [OptionSpec("ystar", 2, takes_arg=True)]
                  if tobit else [OptionSpec("pr", 1), OptionSpec("rules", 4), OptionSpec("asif", 4)])
        opts = resolve_options(read_options(options), specs)
        for name in ("e", "ystar") + (("pr",) if tobit else ()):
            if opts.get(name) is not None:
                raise StataError(f"option {name}() not supported by mlmcli with margins after ivtobit", 198)
        if any(opts.get(n) for n in ("stdp", "stdf", "scores")):
            raise StataError(STOCHASTIC, 498)
        chosen = [n for n in ("xb", "pr", "rules", "asif") if opts.get(n)]
        if len(chosen) > 1:
            raise StataError("invalid syntax", 198)
        if not chosen or chosen == ["xb"]:
            return LinearIndex("Linear prediction" if tobit else "Fitted values")
        if self.prep.method == "twostep":
            raise StataError("probabilities not available with two-step estimator", 198)
        return InverseLink("probit", "Probability of positive outcome")


def _structural_rows(prep, b, V, level):
    from mlmcli.postest.coefficient_rows import rows_from_estimates

    labels = prep.design.labels
    idx = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    return rows_from_estimates(labels, b[idx], V[np.ix_(idx, idx)], level)


def _structural_wald(prep, b, V):
    from mlmcli.mixed.inference import wald_test

    labels = prep.design.labels
    idx = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted) and lab.name != "_cons"]
    return wald_test(tuple(coef_label(f"c{j}") for j in idx), b[idx], V[np.ix_(idx, idx)])


def _exp_row(name, b, V, j, level):
    """diparm(..., exp): exp(b), exp(b) se, exp of the limits."""
    from mlmcli.distributions import norm
    from mlmcli.results.mixed import CoefRow

    q = float(norm.ppf(0.5 + level / 200))
    se = float(np.sqrt(max(V[j, j], 0.0)))
    nan = float("nan")
    return CoefRow(name, np.exp(b[j]), np.exp(b[j]) * se, nan, nan, np.exp(b[j] - q * se), np.exp(b[j] + q * se))


def build_result(e, level: float, phases=()):
    from mlmcli.commands.estimation.heckman_results import natural_rows
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.results.glmm import IterationLog
    from mlmcli.results.iv_probit import IVProbitResult

    prep = e.model.prep
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    s = e.scalars
    common = dict(method=prep.method, title=e.title, nobs=s["N"], chi2=s["chi2"], df_m=int(s["df_m"]), p=s["p"],
                  rows=_structural_rows(prep, b, V, level), instd=tuple(e.macros["instd"].split()),
                  insts=tuple(e.macros["insts"].split()),
                  exogeneity=(s["chi2_exog"], int(s["endog_ct"]), s["p_exog"]), level=level)
    tobit = prep.name == "ivtobit"
    if tobit:
        common["censoring"] = (prep.depvar, s["N_lc"], s["N_unc"], s["N_rc"], *prep.limit_texts)
        common["exogeneity_label"] = "/alpha"
    if prep.method == "twostep":
        return IVProbitResult(**common)
    if tobit:
        anc = rows_from_estimates(tuple(coef_label(n) for n in ("/alpha", "/lns", "/lnv")), b[-3:], V[-3:, -3:],
                                  level)
        natural = (_exp_row("s", b, V, len(b) - 2, level), _exp_row("v", b, V, len(b) - 1, level))
    else:
        anc = rows_from_estimates((coef_label("/athrho"), coef_label("/lnsigma")), b[-2:], V[-2:, -2:], level)
        natural = natural_rows(b, V, level)[:2]
    cluster = (int(s["N_clust"]), prep.clustvar) if prep.clustvar else None
    return IVProbitResult(**common, loglik=s["ll"], pseudo=prep.vce != "oim", cluster=cluster, ancillary=anc,
                          natural=natural, iteration_log=IterationLog(tuple(phases)),
                          converged=bool(s.get("converged", 1)))


def _finish(session, cmd, prep, names, b, V, scalars, macros, phases=()):
    from mlmcli.commands.estimation.equation_estimates import matrices
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.results.matrix import Matrix

    kx = len(prep.design.labels)
    xb = np.asarray(prep.design.X, float) @ np.asarray(b[:kx])[[j for j, lab in enumerate(prep.design.labels)
                                                                 if not (lab.base or lab.omitted)]]
    w = prep.w if prep.weight_kind == "fweight" else np.ones(len(prep.w))
    chi2_exog, df_exog = scalars["chi2_exog"], int(scalars["endog_ct"])
    from mlmcli.distributions import chi2 as chi2_dist

    scalars.update(N=float(w.sum()), p_exog=float(chi2_dist.sf(chi2_exog, df_exog)), rank=float(safe_rank(V)))
    name = prep.name
    if name == "ivtobit":
        lo, hi = prep.limits
        left, right = prep.y <= lo, prep.y >= hi
        scalars.update(N_lc=float(w[left].sum()), N_rc=float(w[right].sum()), N_unc=float(w[~(left | right)].sum()))
        for key, v, text in (("llopt", lo, prep.limit_texts[0]), ("ulopt", hi, prep.limit_texts[1])):
            if text:
                scalars[key] = v
    else:
        scalars.update(N_cds=float(w[xb > 18].sum()), N_cdf=float(w[xb < -18].sum()))
    endog = [lab.name for lab in prep.endog]
    insts = [lab.name for lab in prep.exog + prep.inst if not (lab.base or lab.omitted)]
    macros.update(cmd=name, depvar=" ".join([prep.depvar] + endog), instd=" ".join(endog),
                  insts=" ".join(insts), vce=prep.vce, chi2type="Wald", predict=f"{name}_p", properties="b V",
                  cmdline=(cmd.text or f"{name} {cmd.args}").strip(), title=TITLE[name, prep.method])
    if prep.weight_kind:
        macros["wtype"], macros["wexp"] = prep.weight_kind, "= " + cmd.weight.exp
    est = [j for j, lab in enumerate(prep.design.labels) if not (lab.base or lab.omitted)]
    model = IVProbitModel(b[est], V[np.ix_(est, est)], prep.design)
    model.prep = prep
    mats = matrices(names, b, V)
    e = EstimationResults(cmd=name, scalars=scalars, macros=macros, matrices=mats, model=model,
                          sample=prep.sample, title=macros["title"], design=prep.design)
    if prep.method == "ml":
        if name == "ivtobit":  # ivtobit.ado: [[s^2 + a^2 v^2, a v^2], [a v^2, v^2]]
            a, s2, v2 = float(b[-3]), float(np.exp(2 * b[-2])), float(np.exp(2 * b[-1]))
            sigma = np.array([[s2 + a * a * v2, a * v2], [a * v2, v2]])
        else:
            rho, sd = float(np.tanh(b[-2])), float(np.exp(b[-1]))
            sigma = np.array([[1.0, rho * sd], [rho * sd, sd * sd]])
        e.matrices["Sigma"] = Matrix(sigma, (prep.depvar, endog[0]), (prep.depvar, endog[0]))
    e.result = build_result(e, prep.level, phases)
    e.stamp_sample(session.data)
    return e


TITLE = {("ivprobit", "ml"): "Probit model with endogenous regressors",
         ("ivprobit", "twostep"): "Two-step probit with endogenous regressors",
         ("ivtobit", "ml"): "Tobit model with endogenous regressors",
         ("ivtobit", "twostep"): "Two-step tobit with endogenous regressors"}


def ml_results(session, cmd, prep, fit, phases):
    from mlmcli.commands.estimation.equation_estimates import full_estimates

    endog = prep.endog[0].name
    tobit = prep.name == "ivtobit"
    tail = ("alpha:_cons", "lns:_cons", "lnv:_cons") if tobit else ("athrho:_cons", "lnsigma:_cons")
    names, b, V = full_estimates(((prep.depvar, prep.design.labels), (endog, prep.reduced.labels)), fit.theta, fit.V, tail)
    chi2, df, p = _structural_wald(prep, b, V)
    robust = prep.vce != "oim"
    j = len(names) - len(tail)  # athrho or alpha
    scalars = {"ll": fit.loglik, "chi2": chi2, "df_m": float(df), "p": p, "chi2_exog": float(b[j] ** 2 / V[j, j]),
               "endog_ct": 1.0, "k_aux": float(len(tail)), "k": float(len(names)), "k_eq": 2.0 + len(tail),
               "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0, "converged": float(fit.converged)}
    if prep.clustvar:
        scalars["N_clust"] = float(len(np.unique(prep.cluster)))
    macros = {"method": "ml", "opt": "moptimize", "ml_method": "lf", "user": "ivtob_1_lf" if tobit else "ivprob_1_lf",
              "technique": "nr",
              "which": "max", "crittype": "log pseudolikelihood" if robust else "log likelihood"}
    robust_macros(macros, robust, prep.clustvar)
    return _finish(session, cmd, prep, names, b, V, scalars, macros, phases)


def two_step_results(session, cmd, prep, ts):
    from mlmcli.commands.estimation.equation_estimates import full_estimates

    names, b, V = full_estimates(((None, prep.design.labels),), ts.b, ts.V)
    chi2, df, p = _structural_wald(prep, b, V)
    scalars = {"chi2": chi2, "df_m": float(df), "p": p, "chi2_exog": ts.chi2_exog, "df_exog": float(ts.df_exog),
               "endog_ct": float(ts.df_exog)}
    return _finish(session, cmd, prep, names, b, V, scalars, {"method": "twostep"})


def render_results(e, *, log: bool, options, linesize: int = 80, level: float | None = None) -> str:
    from mlmcli.render.iv_probit import render_ivprobit

    r = e.result
    if level is not None and level != r.level:
        r = dataclasses.replace(build_result(e, level), iteration_log=r.iteration_log)
    return render_ivprobit(r, linesize=linesize, log=log, options=options)


def replayed(session, cmd, name: str = "ivprobit") -> bool:
    """``ivprobit`` (``ivtobit``) alone (display options): the last results shown again."""
    from mlmcli.commands.estimation.equation_estimates import replayed as replay

    return replay(session, cmd, (name,), render_results)
