"""``ivpoisson cfunction``: the control-function estimator ([R] ivpoisson), on
``mlmcli.instrumental.poisson_control_function``.

    ivpoisson cfunction depvar [varlist1] (varlist2 = varlist_iv) [if] [in] [fweight] [, noconstant
        exposure(v) offset(v) onestep twostep igmm wmatrix() center vce(robust|cluster c) level(#)
        irr nolog display_options]

e(b): depvar's equation (the exogenous, then the endogenous regressors, _cons), each endogenous
variable's first stage (the exogenous regressors, the instruments, _cons) and ``c_<endog>:_cons``
(Stata 13's name of the control parameter), base and omitted factor levels included (zeros, as
ivpoisson.ado posts them).  The system is exactly identified, so onestep, twostep and igmm give
the same estimates.  irr transforms the first equation only.  Refused: additive, multiplicative
(Stata's errors), vce(unadjusted) (Stata's).  predict: ``postestimation/predict_ivpoisson``.
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
    colnames, estimable = _system_columns(depvar, design, inst_design, p, endog)
    for note in design.notes + inst_design.notes:
        session.print(note)
    _post(session, cmd, opts, settings, depvar, endog, exog + excluded, colnames, estimable, fit, data, wkind,
          sample, offset_text, table, _exogenous_first(design, p), inst_design, offset_var)


def _system_columns(depvar: str, design, inst_design, p: int, endog: list[str]):
    """e(b)'s names as ivpoisson.ado posts them -- depvar's equation over every exogenous and
    endogenous label, each first stage over every exogenous and instrument label, base and
    omitted factor levels included (zero in e(b) and e(V)) -- and which of them are estimated
    (theta's columns, in order)."""
    labels = list(design.labels)
    est = [j for j, lab in enumerate(labels) if not (lab.base or lab.omitted)]
    cut = est[p - 1] + 1  # the endogenous block, as in _exogenous_first
    cons = [lab for lab in labels if lab.name == "_cons"]
    exog = [lab for lab in labels[cut:] if lab.name != "_cons"]
    blocks = [(depvar, exog + labels[:cut] + cons)]
    blocks += [(e, exog + list(inst_design.labels) + cons) for e in endog]
    colnames, estimable = [], []
    for eq, labs in blocks:
        colnames += [f"{eq}:{lab.name}" for lab in labs]
        estimable += [not (lab.base or lab.omitted) for lab in labs]
    colnames += [f"c_{e}:_cons" for e in endog]
    estimable += [True] * len(endog)
    return colnames, np.array(estimable)


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
    """e() of the control function.  ``colnames``/``b``/``V``: e(b)'s columns (base and omitted
    ones included); ``theta`` the estimated ones: depvar's equation (the exogenous, the endogenous
    regressors, _cons), each first stage (the exogenous regressors, the instruments, _cons), the
    c_ parameters; ``estimable`` marks theta's columns of e(b).  predict (``predict_ivpoisson``)
    reads ``equations`` and ``equation_index``; margins ivpoisson_p's n with the control term
    (``ivpoisson_margins.control_function_prediction``), over ``design_recipes`` (depvar's
    estimable columns: the exogenous, the endogenous regressors) and the instruments'."""

    def __init__(self, colnames, b, V, theta, depvar: str, endog, n_exog: int, constant: bool, inst_design,
                 offset_var: str | None = None, exposure: bool = False, estimable=None, design_recipes=()):
        self.colnames, self.b, self.V, self.theta = colnames, b, V, np.asarray(theta, float)
        self.estimable = np.ones(len(colnames), bool) if estimable is None else np.asarray(estimable, bool)
        self.design_recipes = tuple(design_recipes)
        self.depvar, self.endog, self.n_exog, self.constant = depvar, tuple(endog), n_exog, constant
        self.inst_design, self.offset_var, self.exposure = inst_design, offset_var, exposure
        self.equations = (depvar, *self.endog, *(f"c_{e}" for e in self.endog))
        self.result_object = None

    def result(self):
        return self.result_object

    def margins_prediction(self, options: str):
        from mlmcli.commands.estimation.ivpoisson_margins import control_function_prediction

        return control_function_prediction(self, options)

    def margins_variables(self) -> tuple[str, ...]:
        from mlmcli.commands.estimation.ivpoisson_margins import control_function_variables

        return control_function_variables(self)

    def margins_other_labels(self) -> tuple:
        """The excluded instruments' labels: covariates of the first stages that margins also
        sets (at(), atmeans) and differentiates (dydx(*)), as Stata's margins takes e(b)'s."""
        return tuple(self.inst_design.labels)

    def _pieces(self, X):
        p = len(self.endog)
        kb = self.n_exog + p + int(self.constant)
        kz = (len(self.theta) - kb - p) // p
        return kb, kz, self.theta[kb:kb + p * kz].reshape(p, kz), self.theta[kb + p * kz:]

    def _instruments(self, X, Zinst):
        const = [np.ones((X.shape[0], 1))] if self.constant else []
        return np.column_stack([X[:, :self.n_exog], Zinst] + const)

    def equation_index(self, k: int, X, Zinst) -> np.ndarray:
        """Equation k's x b (no offset) on the rows of X (depvar's estimable columns, in e(b)'s
        order) and Zinst (the excluded instruments' columns)."""
        kb, _, Pi, c = self._pieces(X)
        p = len(self.endog)
        if k == 0:
            return X @ self.theta[:kb]
        if k <= p:
            return self._instruments(X, Zinst) @ Pi[k - 1]
        return np.full(X.shape[0], c[k - p - 1])

    def control_term(self, X, Zinst) -> np.ndarray:
        """sum_j c_j (y2_j - z pi_j): ivpoisson_p's correction of x b for E(e | y2)."""
        _, _, Pi, c = self._pieces(X)
        Zf = self._instruments(X, Zinst)
        Y2 = X[:, self.n_exog:self.n_exog + len(self.endog)]
        return sum(c[j] * (Y2[:, j] - Zf @ Pi[j]) for j in range(len(self.endog)))


def _post(session, cmd, opts, s, depvar, endog, insts, colnames, estimable, fit, data, wkind, sample, offset_text,
          table, design, inst_design, offset_var) -> None:
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
    k = len(fit.theta)
    b_full = np.zeros(len(colnames))
    b_full[estimable] = fit.theta
    V_full = np.zeros((len(colnames), len(colnames)))
    V_full[np.ix_(estimable, estimable)] = fit.V
    clustvar = s["vclust"] if s["vce"] == "cluster" else None
    result = IVPoissonResult(
        depvar=depvar, nobs=float(data.w.sum()), k=k, n_moments=k, winit="Unadjusted",
        wmatrix=gmm_weight_label(s["wmatrix"], s["wclust"]), rows=(),
        equations=cfunction_equations(colnames, b_full, V_full, level, irr), instd=tuple(endog),
        insts=tuple(insts), level=level, robust=True, cluster=(fit.n_clust, clustvar) if clustvar else None,
        steps=tuple(tuple(v) for v in fit.steps), exactly_identified=True, irr=irr, converged=fit.converged)
    n_exog = len(insts) - len(inst_design.column_names)
    model = ControlFunctionModel(colnames, b_full, V_full, fit.theta, depvar, endog, n_exog, data.constant,
                                 inst_design, offset_var, opts.get("exposure") is not None, estimable,
                                 design.recipes)
    model.result_object = result
    scalars = {"N": float(data.w.sum()), "k": float(k), "k_eq": float(1 + 2 * len(endog)), "n_moments": float(k),
               "Q": fit.Q, "J": float(data.w.sum()) * fit.Q, "J_df": 0.0, "rank": float(safe_rank(fit.V)),
               "converged": float(fit.converged)}
    if clustvar:
        scalars["N_clust"] = float(fit.n_clust)
    macros = common_macros(cmd, s, depvar, endog, insts, clustvar, offset_text, wkind)
    macros.update(estimator="cfunction", gmmestimator=s["steps"], multiplicative="multiplicative",
                  winit="Unadjusted, independent", vcetype="Robust")
    matrices = {"b": Matrix(b_full.reshape(1, -1), ("y1",), tuple(colnames)),
                "V": Matrix(V_full, tuple(colnames), tuple(colnames))}
    session.e = EstimationResults(cmd="ivpoisson", scalars=scalars, macros=macros, matrices=matrices,
                                  result=result, model=model, sample=sample.copy(), title=TITLE,
                                  design=design)  # margins: depvar's equation, the rest ancillary
    session.e.stamp_sample(session.data)
    session.print(render_ivpoisson(result, linesize=session.linesize, log=not opts.get("nolog"), table=table))
    if not fit.converged:
        raise StataError("convergence not achieved", 430)
