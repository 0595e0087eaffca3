"""zip's and zinb's e() and printed result (zip.ado/zinb.ado's ereturn names), and the model
``predict`` reads (zip_p: ``mlmcli.commands.postestimation.predict_zero_inflated``).

e(b): the count equation (named after the depvar), ``inflate``, then zinb's ``lnalpha:_cons``
(Stata 13's name; the table shows ``/lnalpha``).  Scalars N, N_zero, k, k_eq, k_eq_model, k_dv,
df_m, ll, ll_0 (with a constant-only model), chi2, p, rank, ic, rc, converged, N_clust, vuong,
zinb's k_aux and, with ``zip``, ll_cp and chi2_cp; macros cmd, depvar, inflate (logit|probit),
offset1, offset2, predict (zip_p), chi2type, chi2_cpt, vce, vcetype, clustvar, wtype, wexp.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import robust_macros


class ZeroInflatedModel:
    """What predict needs: theta, V, the two designs and offsets, the inflation link."""

    def __init__(self, theta, V, design, inflate_design, offset_vars, exposure: bool, link: str, nb: bool):
        self.theta, self.V = np.asarray(theta, float), np.asarray(V, float)
        self.design, self.inflate_design = design, inflate_design
        self.offset_vars, self.exposure, self.link, self.nb = offset_vars, exposure, link, nb
        self.kx, self.kz = design.X.shape[1], inflate_design.X.shape[1]

    def index(self, data, equation: int, offset: bool = True) -> np.ndarray:
        """x b (+ offset) of equation 1 (count) or 2 (inflate) on every row of ``data``."""
        design = self.design if equation == 1 else self.inflate_design
        b = self.theta[:self.kx] if equation == 1 else self.theta[self.kx:self.kx + self.kz]
        X = np.asarray(design.columns(data), float).reshape(data.nobs, -1)
        xb = X @ b if X.shape[1] else np.zeros(data.nobs)
        var = self.offset_vars[equation - 1]
        if offset and var:
            v = data.numeric(var)
            if equation == 1 and self.exposure:
                with np.errstate(divide="ignore", invalid="ignore"):
                    v = np.where(v > 0, np.log(np.where(v > 0, v, 1.0)), np.nan)
            xb = xb + v
        return xb

    def index_se(self, data, equation: int) -> np.ndarray:
        design = self.design if equation == 1 else self.inflate_design
        start = 0 if equation == 1 else self.kx
        k = self.kx if equation == 1 else self.kz
        X = np.asarray(design.columns(data), float).reshape(data.nobs, -1)
        V = self.V[start:start + k, start:start + k]
        with np.errstate(invalid="ignore"):
            return np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, V, X), 0.0))

    def inflation_probability(self, zb: np.ndarray) -> np.ndarray:
        from scipy import special

        return special.expit(zb) if self.link == "logit" else special.ndtr(zb)

    fitted_metric = None  # fitted on shifted columns: glm.rescaled_fit.FittedMetric (``fitted_metric``)

    def margins_fitted_metric(self):
        """The fitted metric margins' delta method works in (None: the user's units)."""
        return self.fitted_metric

    def margins_prediction(self, options: str):
        from mlmcli.commands.postestimation.margins_zero_inflated import zero_inflated_margins_prediction

        return zero_inflated_margins_prediction(self, options, self.prep.depvar)

    def margins_other_labels(self):
        return tuple(self.inflate_design.labels)

    def margins_variables(self) -> tuple[str, ...]:
        from mlmcli.commands.postestimation.margins_zero_inflated import zero_inflated_margins_variables

        return zero_inflated_margins_variables(self)

    @property
    def alpha(self) -> float | None:
        return float(np.exp(self.theta[-1])) if self.nb else None


def _label(name: str):
    from mlmcli.mixed.spec import CoefLabel

    return CoefLabel(name)


def _positions(labels, start: int) -> list[int]:
    return [start + j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]


def _names_and_positions(prep) -> tuple[list[str], list[int]]:
    """e(b)'s names and the positions of the estimates in it (base/omitted columns are zeros)."""
    dl, il = prep.design.labels, prep.inflate_design.labels
    names = [f"{prep.depvar}:{lab.name}" for lab in dl] + [f"inflate:{lab.name}" for lab in il]
    pos = _positions(dl, 0) + _positions(il, len(dl))
    if prep.name == "zinb":
        names.append("lnalpha:_cons")
        pos.append(len(names) - 1)
    return names, pos


def fitted_metric(prep, fit):
    """The ``FittedMetric`` of a fit on shifted columns over e(b) (None: fitted in the user's
    units): margins' delta method differentiates there."""
    from mlmcli.glm.rescaled_fit import equations_metric

    if fit.fitted is None:
        return None
    maps, sizes, theta, V = fit.fitted
    names, pos = _names_and_positions(prep)
    return equations_metric(maps, sizes, theta, V, pos, len(names))


def matrices(prep, fit):
    """e(b), e(V) with base/omitted columns as zeros, and the positions of the estimates in them."""
    from mlmcli.results.matrix import Matrix

    names, pos = _names_and_positions(prep)
    k = len(names)
    b, V = np.zeros(k), np.zeros((k, k))
    b[pos] = fit.theta
    V[np.ix_(pos, pos)] = fit.V
    return Matrix(b[None, :], ("y1",), tuple(names)), Matrix(V, tuple(names), tuple(names))


def build_result(prep, e_b, e_V, scalars: dict, level: float, phases=(), converged=True, vuong=None,
                 alpha_test=None):
    """The printed result from e(b)/e(V) at ``level``."""
    from mlmcli.postest.coefficient_rows import rows_from_estimates
    from mlmcli.results.censored_regression import ModelTest
    from mlmcli.results.glmm import IterationLog
    from mlmcli.results.mixed import CoefRow
    from mlmcli.results.zero_inflated import ZeroInflatedResult

    b, V = e_b.values.ravel(), e_V.values
    dl, il = prep.design.labels, prep.inflate_design.labels

    def rows(labels, start, eform=False):
        idx = _positions(labels, start)
        return rows_from_estimates(labels, b[idx], V[np.ix_(idx, idx)], level, eform=eform)

    count_rows, inflate_rows = rows(dl, 0), rows(il, len(dl))
    ancillary, natural = (), None
    if prep.name == "zinb":
        j = len(b) - 1
        (anc,) = rows_from_estimates((_label("/lnalpha"),), b[j:], V[j:, j:], level)
        ancillary = (anc,)
        from mlmcli.missing import stata_exp

        alpha = float(np.exp(b[j]))
        natural = CoefRow("alpha", alpha, alpha * anc.se, float("nan"), float("nan"), stata_exp(anc.ci_lo),
                          stata_exp(anc.ci_hi))
    test = ModelTest(scalars["chi2type"], scalars["chi2"], int(scalars["df_m"]), scalars["p"])
    cluster = (int(scalars["N_clust"]), prep.clustvar) if prep.clustvar else None
    return ZeroInflatedResult(
        command=prep.name, title=scalars["title"], depvar=prep.depvar, nobs=scalars["N"], n_zero=scalars["N_zero"],
        inflation=prep.link, equations=((prep.depvar, count_rows), ("inflate", inflate_rows)), offsets=prep.offsets,
        loglik=scalars["ll"], test=test, level=level, pseudo=prep.vce != "oim", cluster=cluster,
        ancillary=ancillary, natural=natural, vuong=vuong, alpha_test=alpha_test, vuong_p=_upper_tail(vuong), eform_rows=rows(dl, 0, True),
        iteration_log=IterationLog(tuple(phases)), converged=converged)


def _upper_tail(z: float | None) -> float:
    from mlmcli.distributions import norm

    return float("nan") if z is None else float(norm.sf(z))


TITLES = {"zip": "Zero-inflated Poisson regression", "zinb": "Zero-inflated negative binomial regression"}


def estimation_results(session, cmd, prep, fit, phases, ll0, ll_zip, vuong, nobs: float, n_zero: float):
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.mixed.inference import wald_test
    from mlmcli.postest.coefficient_rows import safe_rank

    e_b, e_V = matrices(prep, fit)
    kx = prep.data.X.shape[1]
    count_labels = tuple(lab for lab in prep.design.labels if not (lab.base or lab.omitted))
    df_m = sum(1 for lab in count_labels if lab.name != "_cons")
    robust = prep.vce != "oim"
    if ll0 is not None and not robust:
        chi2type, chi2 = "LR", 2 * (fit.loglik - ll0)
        p = float(chi2_dist.sf(chi2, df_m)) if df_m else float("nan")
    else:  # ml's Wald test of the count equation (robust, or no constant-only model)
        chi2type = "Wald"
        chi2, df_w, p = wald_test(count_labels, fit.theta[:kx], fit.V[:kx, :kx])
    scalars = {"N": nobs, "N_zero": n_zero, "k": float(e_b.values.shape[1]), "k_eq": 3.0 if prep.name == "zinb" else 2.0,
               "k_eq_model": 1.0, "k_dv": 1.0, "df_m": float(df_m), "ll": fit.loglik, "chi2": float(chi2), "p": p,
               "rank": float(safe_rank(fit.V)), "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0,
               "converged": float(fit.converged)}
    if ll0 is not None:
        scalars["ll_0"] = ll0
    if prep.clustvar:
        scalars["N_clust"] = float(len(np.unique(prep.cluster)))
    if vuong is not None:
        scalars["vuong"] = vuong
    alpha_test = None
    if prep.name == "zinb":
        scalars["k_aux"] = 1.0
        if ll_zip is not None:
            cc = abs(-2 * (ll_zip - fit.loglik))
            cc = 0.0 if cc < 1e-5 else cc
            scalars.update(ll_cp=ll_zip, chi2_cp=cc)
            alpha_test = (cc, 1.0 if cc == 0 else 0.5 * float(chi2_dist.sf(cc, 1)))
    title = TITLES[prep.name]
    macros = {"cmd": prep.name, "cmdline": (cmd.text or f"{prep.name} {cmd.args}").strip(), "depvar": prep.depvar,
              "title": title, "inflate": prep.link, "offset1": prep.offsets[0], "offset2": prep.offsets[1],
              "chi2type": chi2type, "vce": prep.vce, "opt": "moptimize", "ml_method": "e2", "technique": "nr",
              "which": "max", "user": f"{prep.name}_{'llf' if prep.link == 'logit' else 'plf'}",
              "crittype": "log pseudolikelihood" if robust else "log likelihood", "properties": "b V",
              "predict": "zip_p"}
    if ll_zip is not None and prep.name == "zinb":
        macros["chi2_cpt"] = "LR"
    robust_macros(macros, robust, prep.clustvar)
    if prep.weight_kind:
        macros["wtype"] = prep.weight_kind
        macros["wexp"] = "= " + cmd.weight.exp
    result = build_result(prep, e_b, e_V, {**scalars, "chi2type": chi2type, "title": title}, prep.level, phases,
                          fit.converged, vuong, alpha_test)
    model = ZeroInflatedModel(fit.theta, fit.V, prep.design, prep.inflate_design, prep.offset_vars, prep.exposure,
                              prep.link, prep.name == "zinb")
    model.prep = prep
    model.fitted_metric = fitted_metric(prep, fit)
    e = EstimationResults(cmd=prep.name, scalars=scalars, macros=macros, matrices={"b": e_b, "V": e_V},
                          result=result, model=model, sample=prep.sample, title=title, design=prep.design)
    e.stamp_sample(session.data)
    return e


def render_results(e, *, log: bool, eform: bool, options, linesize: int = 80, level: float | None = None) -> str:
    from mlmcli.render.zero_inflated import render_zero_inflated

    r = e.result
    if level is not None and level != r.level:
        scalars = {**e.scalars, "chi2type": e.macros["chi2type"], "title": e.title}
        fresh = build_result(e.model.prep, e.matrices["b"], e.matrices["V"], scalars, level)
        r = dataclasses.replace(fresh, vuong=r.vuong, vuong_p=r.vuong_p, alpha_test=r.alpha_test)
    return render_zero_inflated(r, eform=eform, linesize=linesize, log=log, options=options)
