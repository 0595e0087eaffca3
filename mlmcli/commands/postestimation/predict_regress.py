"""``predict`` after ``regress`` (Stata's regres_p).

    predict [type] newvar [if] [in] [, statistic nooffset]

statistic: ``xb`` (the default: "(option xb assumed; fitted values)"), ``stdp``, ``stdf``,
``stdr``, ``residuals``, ``score``, ``rstandard``, ``rstudent``, ``cooksd``,
``leverage``/``hat``, ``pr(a,b)``, ``e(a,b)``, ``ystar(a,b)`` (a, b numbers, ``.`` or numeric
variables), ``dfbeta(varname)``, ``dfits``, ``welsch``, ``covratio``.  The residual and leverage
statistics are ``mlmcli.postest.regression_diagnostics``'s; ``dfbeta()``, ``dfits``, ``welsch``
and ``covratio`` only in e(sample), the others wherever the row's variables are there.
regres_p's refusals: after a robust VCE (e(vcetype) "Robust") cooksd, covratio, dfbeta, dfits,
e(), hat, pr(), rstandard, rstudent, stdf, stdr, welsch, ystar(); after vce(bootstrap) or
vce(jackknife) residuals, cooksd, covratio, dfbeta, dfits, hat, rstandard, rstudent, stdf,
stdr, welsch.  After weights the leverage is Stata's x (X'WX)^-1 x' and the other statistics
are computed from it for every weight type (``regression_diagnostics``' module docstring: with
aweights, those of an observation of rescaled weight one); dfbeta() after weights is Stata's
r(398).
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError, option_not_allowed
from mlmcli.estimation.rows import PredictionRows, sample_in_current_order
from mlmcli.postest.regress_prediction import AFTER_PREFIX, AFTER_ROBUST, LABELS, Prediction
from mlmcli.syntax.abbreviation import resolve_choice

_NAMES = (("xb", 2), ("stdp", 4), ("stdf", 4), ("stdr", 4), ("residuals", 2), ("scores", 2),
          ("rstandard", 4), ("rstudent", 4), ("cooksd", 1), ("hat", 1), ("leverage", 1), ("pr", 1),
          ("e", 1), ("ystar", 2), ("dfbeta", 3), ("dfits", 3), ("welsch", 1), ("covratio", 3),
          ("nooffset", 5), ("index", 1))
_TAKES = ("pr", "e", "ystar", "dfbeta")


def _statistic(cmd) -> tuple[str, str | None, bool]:
    """(the statistic, its argument, typed or assumed)."""
    chosen: list[tuple[str, str | None]] = []
    for option in cmd.options:
        name = resolve_choice(option.name, _NAMES)
        if name is None:
            raise option_not_allowed(option.name, option.arg)
        if name == "nooffset":
            continue
        if (name in _TAKES) != (option.arg is not None):
            raise StataError(f"option {option.name} incorrectly specified" if option.arg is None
                             else f"option {option.name}() not allowed", 198)
        chosen.append(({"leverage": "hat", "index": "xb", "scores": "score"}.get(name, name), option.arg))
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 198)
    return (chosen[0][0], chosen[0][1], True) if chosen else ("xb", None, False)


def _check_allowed(e, stat: str) -> None:
    prefix = e.macros.get("prefix")
    if e.macros.get("vcetype") == "Robust" and stat in AFTER_ROBUST:
        shown = f"{stat}()" if stat in ("e", "pr", "ystar") else stat
        raise StataError(f"option {shown} not allowed after robust estimation", 198)
    if prefix and stat in AFTER_PREFIX:
        raise StataError(f"option {stat} not allowed after {prefix} estimation", 198)
    from mlmcli.postest.regression_diagnostics import check_weighted

    check_weighted(stat, e.macros.get("wtype"))


def _bound(session, text: str) -> np.ndarray | float:
    """regre_p2's Fix: a numeric variable, a number or ``.``."""
    from mlmcli.postest.regress_prediction import bound_from_text

    return bound_from_text(session.data, text)


def predict_regress(session, e, cmd) -> None:
    """regres_p (module docstring)."""
    from mlmcli.postest.linear_prediction import quadratic_form_rows
    from mlmcli.postest.regression_diagnostics import (outcome_statistic, standard_error_statistic,
                                                       weighted_leverage)

    fit = e.model
    stat, arg, typed = _statistic(cmd)
    _check_allowed(e, stat)
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    prows = PredictionRows(session, e)
    X = prows.fixed_design()
    xb = X @ fit.b
    s = float(fit.rmse)
    var_p = quadratic_form_rows(X, fit.V)
    sample = sample_in_current_order(session, e)
    sample = np.zeros(session.data.nobs, bool) if sample is None else np.asarray(sample, bool)
    label = LABELS.get(stat, "")
    if stat == "xb":
        values, label = xb, ("Linear prediction" if typed else "Fitted values")
    elif stat in ("stdp", "stdf", "stdr"):
        values = standard_error_statistic(stat, var_p, s * s)
    elif stat in ("pr", "e", "ystar"):
        values, label = _truncated(session, stat, arg, xb, s, e.macros["depvar"], rows)
    else:
        leverage = weighted_leverage(X, X[sample], _sample_weights(session, e, sample))
        columns = _dfbeta_columns(session, e, arg, X) if stat == "dfbeta" else None
        if stat == "dfbeta":
            label = f"DFBETA {_dfbeta_name(session, e.model.coef_labels, arg)}"
        values = leverage if stat == "hat" else outcome_statistic(stat, residual=prows.depvar() - xb, leverage=leverage,
                                   in_sample=sample & rows, s=s, N=float(fit.N), k=int(fit.rank),
                                   df_m=int(fit.df_m), dfbeta_columns=columns)
    if not typed:
        session.print("(option xb assumed; fitted values)")
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)


def _sample_weights(session, e, sample: np.ndarray) -> np.ndarray | None:
    """The weights regress used, at e(sample)'s rows in the current order (None: unweighted)."""
    kind = e.macros.get("wtype")
    if not kind:
        return None
    from mlmcli.commands.estimation.common import evaluate_weight
    from mlmcli.ols import regress_weights

    w = np.asarray(evaluate_weight(session, e.macros["wexp"].lstrip("= ").strip()), float)[sample]
    return regress_weights(w, kind, int(sample.sum()))[0]


def _dfbeta_name(session, labels, typed: str) -> str:
    """dfbeta()'s argument: a coefficient name as typed (6.cyl, dfbeta's list) or a variable."""
    typed = typed.strip()
    return typed if any(lab.name == typed for lab in labels) else session.data.resolve(typed)


def _dfbeta_columns(session, e, typed: str, X: np.ndarray):
    """dfbeta(varname): its column of the design and the other non-constant columns."""
    labels = [lab for lab in e.model.coef_labels if not (lab.base or lab.omitted)]
    name = _dfbeta_name(session, labels, typed)
    found = [j for j, lab in enumerate(labels) if lab.name == name]
    if not found:
        raise StataError(f"{name} not found in list of covariates", 322)
    others = [j for j, lab in enumerate(labels) if j != found[0] and lab.name != "_cons"]
    return X[:, found[0]], X[:, others]


def _truncated(session, stat: str, arg: str, xb, s: float, depvar: str, rows):
    """pr(a,b), e(a,b), ystar(a,b) (regre_p2)."""
    from mlmcli.postest.regress_prediction import bound_values, parse_bounds
    from mlmcli.postest.regression_diagnostics import truncated_statistic

    prediction = Prediction(stat, typed=parse_bounds(arg, stat))
    lo, hi = bound_values(prediction, lambda text: _bound(session, text))
    return truncated_statistic(stat, xb, s, lo, hi), prediction.label(depvar)
