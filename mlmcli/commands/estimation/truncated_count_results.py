"""tpoisson's, tnbreg's, ztp's and ztnb's e(), printed result and predict model.

e(b): the count equation (named after the depvar), then the negative binomial's
``lnalpha:_cons`` (Stata 13's name; shown ``/lnalpha``).  Scalars N, k, k_eq, k_eq_model, k_dv,
k_aux, df_m, ll, ll_0, r2_p, chi2, p, alpha, ll_c, chi2_c, N_clust, rank, ic, rc, converged;
macros cmd, depvar, title, llopt, offset, dispers, chi2type, chi2_ct, vce, vcetype, clustvar,
wtype, wexp, predict.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import robust_macros

TITLES = {"tpoisson": "Truncated Poisson regression", "tnbreg": "Truncated negative binomial regression",
          "ztp": "Zero-truncated Poisson regression", "ztnb": "Zero-truncated negative binomial regression"}
PREDICT = {"tpoisson": "tpoisson_p", "tnbreg": "tnbreg_p", "ztp": "ztp_p", "ztnb": "ztnb_p"}


class TruncatedCountModel:
    """What predict reads: b, V, the design, offset, truncation point and alpha."""

    def __init__(self, theta, V, design, offset_var, exposure, point, nb):
        self.theta, self.V = np.asarray(theta, float), np.asarray(V, float)
        self.design, self.offset_var, self.exposure, self.point, self.nb = design, offset_var, exposure, point, nb
        self.k = design.X.shape[1]

    def index(self, data, offset: bool = True):
        X = np.asarray(self.design.columns(data), float).reshape(data.nobs, -1)
        xb = X @ self.theta[:self.k] if X.shape[1] else np.zeros(data.nobs)
        if offset and self.offset_var:
            v = data.numeric(self.offset_var)
            if self.exposure:
                with np.errstate(divide="ignore", invalid="ignore"):
                    v = np.where(v > 0, np.log(np.where(v > 0, v, 1.0)), np.nan)
            xb = xb + v
        return xb

    def index_se(self, data):
        X = np.asarray(self.design.columns(data), float).reshape(data.nobs, -1)
        V = self.V[:self.k, :self.k]
        return np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, V, X), 0.0))

    def truncation_points(self, data):
        if isinstance(self.point, str):
            return data.numeric(self.point)
        return np.full(data.nobs, float(self.point))

    def margins_prediction(self, options: str):
        from mlmcli.commands.postestimation.margins_truncated_count import truncated_count_margins_prediction

        return truncated_count_margins_prediction(self, options, self.prep.depvar, self.prep.name)

    def margins_variables(self) -> tuple[str, ...]:
        from mlmcli.commands.postestimation.margins_truncated_count import truncated_count_margins_variables

        return truncated_count_margins_variables(self)

    @property
    def alpha(self):
        return float(np.exp(self.theta[-1])) if self.nb else None


def _label(name):
    from mlmcli.mixed.spec import CoefLabel

    return CoefLabel(name)


def build_result(e, level: float, phases=(), converged=True):
    from mlmcli.missing import stata_exp
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.results.glmm import IterationLog
    from mlmcli.results.mixed import CoefRow
    from mlmcli.results.truncated_count import TruncatedCountResult

    prep = e.model.prep
    labels = prep.design.labels
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    idx = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    rows = rows_from_estimates(labels, b[idx], V[np.ix_(idx, idx)], level)
    eform = rows_from_estimates(labels, b[idx], V[np.ix_(idx, idx)], level, eform=True)
    anc = ()
    if prep.nb:
        (ln_row,) = rows_from_estimates((_label("/lnalpha"),), b[-1:], V[-1:, -1:], level)
        alpha = float(np.exp(b[-1]))
        nan = float("nan")
        anc = (dataclasses.replace(ln_row, stat=nan, p=nan),
               CoefRow("alpha", alpha, alpha * ln_row.se, nan, nan, stata_exp(ln_row.ci_lo), stata_exp(ln_row.ci_hi)))
    s = e.scalars
    alpha_test = None
    if "chi2_c" in s:
        alpha_test = (s["chi2_c"], 1.0 if b[-1] < -20 else 0.5 * _chi2_sf(s["chi2_c"]))
    title2 = f"Truncation point: {prep.point_var or prep.point_text}" if prep.name in ("tpoisson", "tnbreg") else ""
    cluster = (int(s["N_clust"]), prep.clustvar) if prep.clustvar else None
    return TruncatedCountResult(
        title=e.title, title2=title2, depvar=prep.depvar, nobs=s["N"], chi2_type=e.macros["chi2type"],
        chi2=s["chi2"], df_m=int(s["df_m"]), p=s["p"], loglik=s["ll"], rows=rows, eform_rows=eform, ancillary=anc,
        offset=prep.offset_name, level=level, pseudo=prep.vce != "oim", cluster=cluster, alpha_test=alpha_test,
        iteration_log=IterationLog(tuple(phases)), converged=converged)


def _chi2_sf(x):
    from mlmcli.distributions import chi2

    return float(chi2.sf(x, 1))


def estimation_results(session, cmd, prep, fit, phases, ll0, ll_poisson):
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.mixed.inference import wald_test
    from mlmcli.postest.coefficient_rows import coefficient_matrices, safe_rank
    from mlmcli.results.matrix import Matrix

    k = prep.data.X.shape[1]
    b_mat, V_mat = coefficient_matrices(prep.design.labels, fit.theta[:k], fit.V[:k, :k])
    names = [f"{prep.depvar}:{n}" for n in b_mat.colnames]
    est = [j for j, lab in enumerate(prep.design.labels) if not (lab.base or lab.omitted)]
    if prep.nb:
        names.append("lnalpha:_cons")
        est.append(len(names) - 1)
    b, V = np.zeros(len(names)), np.zeros((len(names), len(names)))
    b[est], V[np.ix_(est, est)] = fit.theta, fit.V
    labels = tuple(lab for lab in prep.design.labels if not (lab.base or lab.omitted))
    df_m = sum(1 for lab in labels if lab.name != "_cons")
    robust = prep.vce != "oim"
    if ll0 is not None and not robust:
        chi2type, chi2 = "LR", 2 * (fit.loglik - ll0)
        p = float(chi2_dist.sf(chi2, df_m)) if df_m else float("nan")
    else:
        chi2type = "Wald"
        chi2, df_m, p = wald_test(labels, fit.theta[:k], fit.V[:k, :k])
    N = float(prep.data.w.sum()) if prep.weight_kind == "fweight" else float(len(prep.data.y))
    scalars = {"N": N, "k": float(len(names)), "k_eq": 2.0 if prep.nb else 1.0, "k_eq_model": 1.0, "k_dv": 1.0,
               "df_m": float(df_m), "ll": fit.loglik, "chi2": float(chi2), "p": p,
               "rank": float(safe_rank(fit.V)), "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0,
               "converged": float(fit.converged)}
    if ll0 is not None:
        scalars.update(ll_0=ll0, r2_p=1 - fit.loglik / ll0)
    if prep.clustvar:
        scalars["N_clust"] = float(len(np.unique(prep.cluster)))
    macros = {"cmd": prep.name, "cmdline": (cmd.text or f"{prep.name} {cmd.args}").strip(), "depvar": prep.depvar,
              "title": TITLES[prep.name], "chi2type": chi2type, "vce": prep.vce, "opt": "moptimize",
              "ml_method": "e2", "technique": "nr", "which": "max", "properties": "b V",
              "crittype": "log pseudolikelihood" if robust else "log likelihood", "predict": PREDICT[prep.name]}
    if prep.name in ("tpoisson", "tnbreg"):
        macros["llopt"] = prep.point_text
    if prep.offset_name:
        macros["offset"] = prep.offset_name
    if prep.nb:
        scalars.update(k_aux=1.0, alpha=float(np.exp(fit.theta[-1])))
        macros["dispers"] = "mean"
        if ll_poisson is not None:
            chi2_c = 0.0 if (fit.loglik < ll_poisson or fit.theta[-1] < -20) else 2 * (fit.loglik - ll_poisson)
            scalars.update(ll_c=ll_poisson, chi2_c=chi2_c)
            macros["chi2_ct"] = "LR"
    robust_macros(macros, robust, prep.clustvar)
    if prep.weight_kind:
        macros["wtype"] = prep.weight_kind
        macros["wexp"] = "= " + cmd.weight.exp
    model = TruncatedCountModel(fit.theta, fit.V, prep.design, prep.offset_var, prep.exposure,
                                prep.point_var or float(prep.point_text), prep.nb)
    model.prep = prep
    e = EstimationResults(cmd=prep.name, scalars=scalars, macros=macros,
                          matrices={"b": Matrix(b[None, :], ("y1",), tuple(names)),
                                    "V": Matrix(V, tuple(names), tuple(names))},
                          model=model, sample=prep.sample, title=TITLES[prep.name], design=prep.design)
    e.result = build_result(e, prep.level, phases, fit.converged)
    e.stamp_sample(session.data)
    return e


def render_results(e, *, log: bool, eform: bool, options, linesize: int = 80, level: float | None = None) -> str:
    from mlmcli.render.truncated_count import render_truncated_count

    r = e.result
    if level is not None and level != r.level:
        r = dataclasses.replace(build_result(e, level, converged=r.converged), iteration_log=r.iteration_log)
    return render_truncated_count(r, eform=eform, linesize=linesize, log=log, options=options)
