"""predict after sem without latent variables ([SEM] predict after sem): ``xb``/``xb(varlist)``
the linear predictions of the observed endogenous variables -- each equation's intercept plus
its paths times the observed values of its variables (observed endogenous regressors too, as
sem_p's st_sem_predict_xb), from e(b) and the equation's design rebuilt on the rows -- and
``scores``, one variable per column of e(b): the derivative of each row's log likelihood.

The scores are those of mlm's sem likelihood (conditional on the exogenous variables, normal
errors): for equation j with residual e = y_j - x b_j and variance s2, e x / s2 for its
coefficients and (e^2/s2 - 1) / (2 s2) for var(e.y_j).  Computed for recursive models without
error covariances (each equation's likelihood its own); other models' scores are refused
(r(198)).  Labels: ``Linear prediction (<label or name>)``; the score variables carry none
(sem_p's labels not seen).  if/in select the rows; a prediction is missing where a variable
its equation uses is."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError


def predict_sem_observed(session, e, cmd, stat: str, typed: dict) -> None:
    from mlmcli.commands.postestimation.predict import rows_selected, store_prediction
    from mlmcli.commands.postestimation.predict_sem_latent import new_prediction_names
    from mlmcli.sem.sem_margins import endogenous_named

    fit = e.model
    designs = fit.extra.get("margins_designs")
    if designs is None:
        raise StataError(f"predict after {e.cmd} with these paths is not available in mlm", 198)
    endogenous = list(fit.model.endogenous)
    if stat == "scores":
        chosen = list(e.matrices["b"].colnames)
    else:
        chosen = endogenous_named(fit, [typed["xb()"]] if stat == "xb()" else [])
        if stat == "xb":
            session.print(f"(xb({' '.join(chosen)}) assumed)")
    vtype, names = new_prediction_names(session, cmd, len(chosen))
    rows = np.asarray(rows_selected(session, cmd), bool)
    xb = {y: _linear_prediction(session.data, e, y, designs[endogenous.index(y)]) for y in endogenous}
    if stat == "scores":
        values = _scores(session.data, e, fit, xb)
        labels = [""] * len(chosen)
    else:
        values = np.column_stack([xb[y] for y in chosen])
        labels = [f"Linear prediction ({session.data.var_labels.get(y) or y})" for y in chosen]
    values = np.where(rows[:, None], values, np.nan)
    for k, (name, label) in enumerate(zip(names, labels)):
        store_prediction(session, name, values[:, k], vtype, label)


def _linear_prediction(ds, e, y: str, design) -> np.ndarray:
    X = np.asarray(design.columns(ds), float).reshape(ds.nobs, -1)
    names = list(e.matrices["b"].colnames)
    b = e.matrices["b"].values.ravel()
    coef = np.array([b[names.index(f"{y}:{c}")] for c in design.column_names])
    with np.errstate(invalid="ignore"):
        return X @ coef


def _scores(ds, e, fit, xb: dict) -> np.ndarray:
    """n x k: each row's derivative of its log likelihood by each column of e(b)."""
    names = list(e.matrices["b"].colnames)
    b = e.matrices["b"].values.ravel()
    if fit.model.recursive_order() is None:
        raise StataError("predict, scores after a nonrecursive sem is not available in mlm", 198)
    designs = fit.extra["margins_designs"]
    endogenous = list(fit.model.endogenous)
    out = np.full((ds.nobs, len(names)), np.nan)
    for j, name in enumerate(names):
        eq, _, term = name.partition(":")
        if eq.startswith("var(e.") and term == "_cons":
            y = eq[6:-1]
            s2 = b[j]
            resid = ds.numeric(y) - xb[y]
            out[:, j] = (resid ** 2 / s2 - 1) / (2 * s2)
        elif eq in endogenous:
            k = endogenous.index(eq)
            design = designs[k]
            var = b[names.index(f"var(e.{eq}):_cons")]
            X = np.asarray(design.columns(ds), float).reshape(ds.nobs, -1)
            resid = ds.numeric(eq) - xb[eq]
            out[:, j] = resid / var * X[:, list(design.column_names).index(term)]
        else:  # error covariances, exogenous variances: another likelihood's parameters
            raise StataError(f"predict, scores after sem with parameter {name} is not available in mlm", 198)
    return out
