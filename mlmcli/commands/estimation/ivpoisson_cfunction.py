"""``ivpoisson cfunction``: the control-function estimator ([R] ivpoisson), on
``mlmcli.instrumental.poisson_control_function``.

    ivpoisson cfunction depvar [varlist1] (varlist2 = varlist_iv) [if] [in] [fweight] [, noconstant
        exposure(v) offset(v) onestep twostep igmm wmatrix() center vce(robust|cluster c) level(#)
        irr nolog display_options]

e(b): depvar's equation (the exogenous, then the endogenous regressors, _cons), each endogenous
variable's first stage (the exogenous regressors, the instruments, _cons) and ``c_<endog>:_cons``
(Stata 13's name of the control parameter).  The system is exactly identified, so onestep,
twostep and igmm give the same estimates.  irr transforms the first equation only.  Refused:
additive, multiplicative (Stata's errors), vce(unadjusted) (Stata's), predict (by name).
"""
from __future__ import annotations

import dataclasses

import numpy as np

from mlmcli.commands.estimation.ivpoisson_fit import IVPoissonMarginsHook
from mlmcli.errors import StataError


def fit_cfunction(session, cmd, text: str, opts: dict, settings: dict, offset_var, table) -> None:
    from mlmcli.commands.estimation.ivregress import iv_sample
    from mlmcli.instrumental.poisson_control_function import fit_control_function

    for name in ("additive", "multiplicative"):
        if opts.get(name):
            raise StataError(f"cannot specify {name} for cfunction estimator", 198)
    if settings["vce"] == "unadjusted":
        raise StataError("unadjusted not allowed in vce() for ivpoisson cfunction", 198)
    depvar, design, inst_design, data, p, wkind, sample = iv_sample(
        session, cmd, text, opts, "unadjusted", settings["vclust"], settings["wclust"], gmm=True,
        markout=(offset_var,) if offset_var else (), weight_note=False)
    if p == 0:
        raise StataError("control-function estimation requires at least one endogenous variable", 198)
    from mlmcli.commands.estimation.ivpoisson_common import check_depvar, offset_values

    check_depvar(depvar, data.y)
    offset, offset_text = offset_values(session, opts, sample)
    const = [data.X1[:, -1:]] if data.constant else []
    exog_cols = data.X1[:, :-1] if data.constant else data.X1
    A = np.column_stack([exog_cols, data.Y] + const)
    Zf = np.column_stack([exog_cols, data.Z1] + const)
    codes = data.cluster if data.cluster is not None else data.wcluster
    fit = fit_control_function(data.y, A, data.Y, Zf, offset, data.w, "cluster" if settings["vce"] == "cluster"
                               else "robust", codes)
    names = [lab.name for lab in design.labels if not (lab.base or lab.omitted)]
    endog, exog = names[:p], [n for n in names[p:] if n != "_cons"]
    excluded = list(inst_design.column_names)
    cons = ["_cons"] if data.constant else []
    colnames = [f"{depvar}:{n}" for n in exog + endog + cons]
    for e in endog:
        colnames += [f"{e}:{n}" for n in exog + excluded + cons]
    colnames += [f"c_{e}:_cons" for e in endog]
    for note in design.notes + inst_design.notes:
        session.print(note)
    _post(session, cmd, opts, settings, depvar, endog, exog + excluded, colnames, fit, data, A, Zf, wkind,
          sample, offset_text, table, _exogenous_first(design, p), offset_var)


def _exogenous_first(design, p: int):
    """The design in the order of depvar's equation in e(b) -- the exogenous regressors, the
    p endogenous ones, _cons -- so that margins lists dydx(*) and sets at() as Stata does."""
    est = [j for j, lab in enumerate(design.labels) if not (lab.base or lab.omitted)]
    cut = est[p - 1] + 1  # the endogenous block: labels up to the p-th estimable one
    labels = list(design.labels)
    cons = [len(labels) - 1] if labels and labels[-1].name == "_cons" else []
    order = [j for j in range(cut, len(labels)) if j not in cons] + list(range(cut)) + cons
    new_labels = tuple(labels[j] for j in order)
    col = {j: i for i, j in enumerate(est)}
    cols = [col[j] for j in order if j in col]
    return dataclasses.replace(design, labels=new_labels, recipes=tuple(design.recipes[i] for i in cols),
                               X=design.X[:, cols])


def cfunction_equations(colnames, b, V, level: float, irr: bool) -> tuple:
    """The table's blocks; under irr the first equation exponentiated."""
    from mlmcli.postest.coefficient_rows import rows_by_equation

    blocks = rows_by_equation(colnames, b, V, level=level)
    if irr:
        from mlmcli.missing import stata_exp  # exp() past the double range is missing, as Stata's

        first = tuple(dataclasses.replace(r, coef=stata_exp(r.coef), se=stata_exp(r.coef) * r.se,
                                          ci_lo=stata_exp(r.ci_lo), ci_hi=stata_exp(r.ci_hi))
                      for r in blocks[0][1])
        blocks[0] = (blocks[0][0], first)
    return tuple((eq, tuple(rows)) for eq, rows in blocks)


class ControlFunctionModel(IVPoissonMarginsHook):
    """e() of the control function; predict is refused by name, margins predicts from depvar's
    equation (``ivpoisson_margins``)."""

    def __init__(self, colnames, b, V, offset_var: str | None = None, exposure: bool = False):
        self.colnames, self.b, self.V = colnames, b, V
        self.offset_var, self.exposure = offset_var, exposure
        self.result_object = None

    def result(self):
        return self.result_object

    def predict(self, statistic: str, rows):
        raise StataError("predict after ivpoisson cfunction is not implemented in mlmcli", 198)


def _post(session, cmd, opts, s, depvar, endog, insts, colnames, fit, data, A, Zf, wkind, sample, offset_text,
          table, design, offset_var) -> None:
    from mlmcli.commands.estimation.ivpoisson_common import common_macros
    from mlmcli.commands.estimation.ivregress import gmm_weight_label
    from mlmcli.estimation.results import EstimationResults
    from mlmcli.postest.coefficient_rows import safe_rank
    from mlmcli.render.iv_poisson import TITLE, render_ivpoisson
    from mlmcli.results.iv_poisson import IVPoissonResult
    from mlmcli.results.matrix import Matrix
    from mlmcli.syntax.options import confidence_level

    level = confidence_level(opts, getattr(session, "level", 95.0))
    irr = bool(opts.get("irr"))
    k = len(colnames)
    clustvar = s["vclust"] if s["vce"] == "cluster" else None
    result = IVPoissonResult(
        depvar=depvar, nobs=float(data.w.sum()), k=k, n_moments=k, winit="Unadjusted",
        wmatrix=gmm_weight_label(s["wmatrix"], s["wclust"]), rows=(),
        equations=cfunction_equations(colnames, fit.theta, fit.V, level, irr), instd=tuple(endog),
        insts=tuple(insts), level=level, robust=True, cluster=(fit.n_clust, clustvar) if clustvar else None,
        steps=tuple(tuple(v) for v in fit.steps), exactly_identified=True, irr=irr, converged=fit.converged)
    model = ControlFunctionModel(colnames, fit.theta, fit.V, offset_var, opts.get("exposure") is not None)
    model.result_object = result
    scalars = {"N": float(data.w.sum()), "k": float(k), "k_eq": float(1 + 2 * len(endog)), "n_moments": float(k),
               "Q": fit.Q, "J": float(data.w.sum()) * fit.Q, "J_df": 0.0, "rank": float(safe_rank(fit.V)),
               "converged": float(fit.converged)}
    if clustvar:
        scalars["N_clust"] = float(fit.n_clust)
    macros = common_macros(cmd, s, depvar, endog, insts, clustvar, offset_text, wkind)
    macros.update(estimator="cfunction", gmmestimator=s["steps"], multiplicative="multiplicative",
                  winit="Unadjusted, independent", vcetype="Robust")
    matrices = {"b": Matrix(fit.theta.reshape(1, -1), ("y1",), tuple(colnames)),
                "V": Matrix(fit.V, tuple(colnames), tuple(colnames))}
    session.e = EstimationResults(cmd="ivpoisson", scalars=scalars, macros=macros, matrices=matrices,
                                  result=result, model=model, sample=sample.copy(), title=TITLE,
                                  design=design)  # margins: depvar's equation
    session.e.stamp_sample(session.data)
    session.print(render_ivpoisson(result, linesize=session.linesize, log=not opts.get("nolog"), table=table))
    if not fit.converged:
        raise StataError("convergence not achieved", 430)
