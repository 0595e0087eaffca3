"""``predict`` after ``ivpoisson`` (ivpoisson_p, [R] ivpoisson postestimation):

    predict [type] newvar [if] [in] [, n | xb | xbtotal | residuals  nooffset  equation(eq)]

With xbe = depvar's x b plus the offset (or ln of the exposure; not under ``nooffset``) and,
after ``cfunction``, plus sum_j c_j (y2_j - z pi_j) (the first stages' residuals times the
control parameters):  n (the default) exp(xbe); xbtotal xbe; residuals y - exp(xbe) under
additive errors, y / exp(xbe) - 1 under multiplicative ones and after cfunction.  xb: the linear
prediction of depvar's equation (with the offset) or of the equation that ``equation()`` names
(``#k`` or its name; after cfunction the first stages and the c_ parameters, without offset).
Every row the variables allow is predicted (out of sample too), as ivpoisson_p does.  ``pr()``
(undocumented in Stata) is refused."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTS = [OptionSpec("n", 1), OptionSpec("xb", 2), OptionSpec("xbtotal", 3), OptionSpec("residuals", 1),
         OptionSpec("equation", 2, takes_arg=True), OptionSpec("nooffset", 5), OptionSpec("pr", 2, takes_arg=True)]
_STATISTICS = ("n", "xb", "xbtotal", "residuals")


def predict_ivpoisson(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
    from mlmcli.estimation.rows import fixed_design_all_rows

    model = e.model
    if model is None or not hasattr(model, "equation_index"):  # results read back without the fit
        raise StataError("predict after ivpoisson is not implemented in mlmcli for these results", 199)
    opts = resolve_options(cmd.options, _OPTS)
    if opts.get("pr") is not None:
        raise StataError("option pr() is not implemented for ivpoisson in mlmcli", 198)
    chosen = [s for s in _STATISTICS if opts.get(s)]
    if len(chosen) > 1:
        raise StataError("can only specify one of\nn, pr(), residuals, xbtotal, or xb", 198)
    stat = chosen[0] if chosen else "n"
    if opts.get("equation") is not None and stat != "xb":
        raise StataError("equation() invalid without xb", 198)
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    if not chosen:
        session.print("(option n assumed; predicted number of events)")
    data = session.data
    X = fixed_design_all_rows(session, e)
    inst = getattr(model, "inst_design", None)
    Zinst = np.asarray(inst.columns(data), float).reshape(data.nobs, -1) if inst is not None else None
    nooffset = bool(opts.get("nooffset"))
    k = _equation(model.equations, opts.get("equation")) if stat == "xb" else 0
    with np.errstate(all="ignore"):
        index = model.equation_index(k, X, Zinst)
        if k == 0:
            index = index + _offset(data, model, nooffset)
        if stat == "xb":
            values, label = index, "Linear prediction"
        else:
            xbe = index + model.control_term(X, Zinst)
            cfunction = e.macros.get("estimator") == "cfunction"
            if stat == "n":
                values, label = np.exp(xbe), "Predicted number of events"
            elif stat == "xbtotal":
                values = xbe
                label = "Linear prediction on covariates and residuals" if cfunction else "Linear prediction"
            else:
                y = data.numeric(e.macros["depvar"]).astype(float)
                values = y - np.exp(xbe) if e.macros.get("additive") else y / np.exp(xbe) - 1
                label = "Residuals"
    values = np.where(rows & np.isfinite(values), values, np.nan)
    store_prediction(session, name, values, vtype, label)


def _offset(data, model, nooffset: bool):
    if not model.offset_var or nooffset:
        return 0.0
    off = data.numeric(model.offset_var).astype(float)
    return np.log(np.where(off > 0, off, np.nan)) if model.exposure else off


def _equation(equations: tuple[str, ...], typed) -> int:
    """equation(#k | name): the 0-based index among e(b)'s equations."""
    if typed is None:
        return 0
    word = str(typed).strip()
    if word.startswith("#"):
        try:
            k = int(word[1:])
        except ValueError:
            k = 0
        if 1 <= k <= len(equations):
            return k - 1
        raise StataError(f"equation {word} not found", 303)
    if word in equations:
        return equations.index(word)
    raise StataError(f"equation {word} not found", 303)
