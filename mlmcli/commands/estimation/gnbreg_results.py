"""gnbreg's e(), printed result and the model ``predict`` reads (gnbreg_p:
``mlmcli.commands.postestimation.predict_gnbreg``).

e(b): the count equation (named after the depvar), then ``lnalpha``'s.  Scalars N, ll, ll_0
(with a constant-only model), chi2, p, df_m, r2_p, k, k_eq 2, k_eq_model 1, k_dv 1, rank, ic,
rc, converged, N_clust; macros cmd, depvar, title, chi2type (LR | Wald), vce, vcetype,
clustvar, offset1 (the offset or ln(exposure)), predict (gnbreg_p), crittype, wtype, wexp.
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.common import robust_macros
from mlmcli.commands.estimation.heckman_results import HeckmanModel

TITLE = "Generalized negative binomial regression"


class GeneralizedNBModel(HeckmanModel):
    """x b (with the offset or ln(exposure)) and z g by equation, their standard errors."""

    design_rows_within_sample = None

    def index(self, data, equation: int, offset: bool = True) -> np.ndarray:
        xb = super().index(data, equation, offset=False)
        if equation == 1 and offset and self.exposure_var:
            with np.errstate(divide="ignore", invalid="ignore"):
                return xb + np.log(np.where(data.numeric(self.exposure_var) > 0, data.numeric(self.exposure_var), np.nan))
        var = self.offset_vars[0] if equation == 1 else None
        return xb + data.numeric(var) if offset and var else xb

    def margins_prediction(self, options: str):
        from mlmcli.commands.postestimation.margins_gnbreg import gnbreg_margins_prediction

        return gnbreg_margins_prediction(self, options)

    def margins_variables(self) -> tuple[str, ...]:
        from mlmcli.margins.equations import equation_variables

        return equation_variables(self.select_design.recipes, (self.offset_vars[0], self.exposure_var))


def _labels(prep):
    return ((prep.depvar, prep.design.labels), ("lnalpha", prep.alpha_design.labels))


def build_result(e, level: float, phases=()):
    from mlmcli.commands.estimation.equation_estimates import equation_rows
    from mlmcli.results.generalized_count import GeneralizedNBResult
    from mlmcli.results.glmm import IterationLog

    prep = e.model.prep
    b, V = e.matrices["b"].values.ravel(), e.matrices["V"].values
    eqs = equation_rows(_labels(prep), b, V, level)
    s = e.scalars
    cluster = (int(s["N_clust"]), prep.clustvar) if prep.clustvar else None
    offset = (prep.offset_name, "exposure" if prep.exposure_var else "offset") if prep.offset_name else None
    return GeneralizedNBResult(title=TITLE, nobs=s["N"], chi2_type=e.macros["chi2type"], chi2=s["chi2"],
                               df_m=int(s["df_m"]), p=s["p"], loglik=s["ll"], equations=eqs,
                               pseudo_r2=s.get("r2_p"), pseudo=prep.vce != "oim", cluster=cluster, offset=offset,
                               level=level, iteration_log=IterationLog(tuple(phases)),
                               converged=bool(s.get("converged", 1)))


def gnbreg_results(session, cmd, prep, fit, ll_0, phases):
    from mlmcli.commands.estimation.heckman_results import wald_over_columns
    from mlmcli.distributions import chi2 as chi2_dist
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank

    from mlmcli.commands.estimation.equation_estimates import full_estimates, matrices

    names, b, V = full_estimates(_labels(prep), fit.theta, fit.V)
    robust = prep.vce != "oim"
    count_terms = {f"{prep.depvar}:{lab.name}" for lab in prep.design.labels
                   if not (lab.base or lab.omitted) and lab.name != "_cons"}
    if ll_0 is not None and not robust:  # ml's continue: LR against the constant-only model
        df = len(count_terms)
        chi2, kind = 2 * (fit.loglik - ll_0), "LR"
        p = float(chi2_dist.sf(chi2, df)) if df else float("nan")
    else:
        chi2, df, p = wald_over_columns(prep, b, V, names, lambda n: n in count_terms)
        kind = "Wald"
    d = prep.data
    N = float(d.w.sum()) if prep.weight_kind == "fweight" else float(len(d.w))
    scalars = {"N": N, "k": float(len(names)), "k_eq": 2.0, "k_eq_model": 1.0, "k_dv": 1.0, "df_m": float(df),
               "ll": fit.loglik, "chi2": chi2, "p": p, "rank": float(safe_rank(fit.V)),
               "ic": float(max(len(fit.steps) - 1, 0)), "rc": 0.0, "converged": float(fit.converged)}
    if ll_0 is not None:
        scalars["ll_0"] = ll_0
        scalars["r2_p"] = 1 - fit.loglik / ll_0
    if prep.clustvar:
        scalars["N_clust"] = float(len(np.unique(prep.cluster)))
    macros = {"cmd": "gnbreg", "title": TITLE, "chi2type": kind, "vce": prep.vce, "opt": "moptimize",
              "ml_method": "lf", "user": "gnbre_lf", "technique": "nr", "which": "max",
              "crittype": "log pseudolikelihood" if robust else "log likelihood", "properties": "b V",
              "predict": "gnbreg_p", "depvar": prep.depvar, "offset1": prep.offset_name,
              "cmdline": (cmd.text or f"gnbreg {cmd.args}").strip()}
    robust_macros(macros, robust, prep.clustvar)
    if prep.weight_kind:
        macros["wtype"], macros["wexp"] = prep.weight_kind, "= " + cmd.weight.exp
    model = GeneralizedNBModel(fit.theta, fit.V, prep.design, prep.alpha_design, (prep.offset_var, None), 0.0, 1.0)
    model.prep, model.exposure_var, model.depvars = prep, prep.exposure_var, prep.depvar
    e = EstimationResults(cmd="gnbreg", scalars=scalars, macros=macros, matrices=matrices(names, b, V), model=model,
                          sample=prep.sample, title=TITLE, design=prep.design)
    e.result = build_result(e, prep.level, phases)
    e.stamp_sample(session.data)
    return e


def render_results(e, *, log: bool, options, linesize: int = 80, level: float | None = None) -> str:
    from mlmcli.render.generalized_count import render_gnbreg

    r = e.result
    if level is not None and level != r.level:
        r = dataclasses.replace(build_result(e, level), iteration_log=r.iteration_log)
    return render_gnbreg(r, linesize=linesize, log=log, options=options)


def replayed(session, cmd) -> bool:
    """``gnbreg`` alone (display options): the last results shown again (irr is refused)."""
    from mlmcli.commands.estimation.equation_estimates import replayed as replay
    from mlmcli.errors import StataError

    if any(o.name in ("ir", "irr") for o in cmd.options):  # fit or replay: not landed
        raise StataError("option irr not supported by mlmcli with gnbreg", 198)
    return replay(session, cmd, ("gnbreg",), render_results)
