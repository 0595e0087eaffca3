"""``margins`` after ``ivpoisson`` (gmm and cfunction): ivpoisson_p's statistics -- ``n`` (the
default, exp(xbe)), ``xbtotal`` (xbe) and ``xb`` (depvar's x b + offset) --, the offset (or the log
of the exposure) read per row as predict reads it, left out under ``nooffset``.  After gmm xbe is
x b + offset.  After cfunction xbe also carries the control term sum_k c_k (x_k - z pi_k)
(``ControlFunctionResponse``), so n and xbtotal depend on all of e(b): the first stages' pi_k and
the c_k are margins' ancillary parameters."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError, option_not_allowed

# ivpoisson_p's statistics and the modifier: (name, minimal abbreviation)
_STATISTICS = (("n", 1), ("xbtotal", 3), ("xb", 2))
_NOOFFSET = ("nooffset", 7)


def _word(typed: str, name: str, k: int) -> bool:
    w = typed.lower()
    return len(w) >= k and name.startswith(w)


def _read(options: str) -> tuple[str, bool]:
    """(statistic, nooffset) of predict(options)."""
    from mlmcli.syntax.options import read_options

    stat, nooffset = None, False
    for opt in read_options(options.replace(",", " ")):
        name = next((s for s, k in _STATISTICS if _word(opt.name, s, k)), None) if opt.arg is None else None
        if name is not None:
            if stat is not None:
                raise StataError("only one statistic may be specified", 198)
            stat = name
        elif opt.arg is None and _word(opt.name, *_NOOFFSET):
            nooffset = True
        else:
            raise option_not_allowed(opt.name, opt.arg)
    return stat or "n", nooffset


def ivpoisson_margins_prediction(offset_var: str | None, exposure: bool, options: str):
    """margins' hook (``estimation.interface.MarginsFit``) for ``predict(options)`` after gmm
    (xbtotal is xb there) and for xb after cfunction."""
    from mlmcli.glm.predictions import OffsetResponse
    from mlmcli.margins.response import InverseLink, LinearIndex

    stat, nooffset = _read(options)
    base = InverseLink("log", "Predicted number of events") if stat == "n" else LinearIndex("Linear prediction")
    if offset_var and not nooffset:
        return OffsetResponse(base, offset_var, exposure)
    return base


def ivpoisson_margins_variables(offset_var: str | None) -> tuple[str, ...]:
    """Variables the predictions read besides X: the offset or exposure variable."""
    return (offset_var,) if offset_var else ()


class ControlFunctionResponse:
    """ivpoisson_p's n or xbtotal after cfunction as margins sees it (``row_response``):
    xbe = x b (+ offset) + sum_k c_k (x_k - z pi_k), n = exp(xbe).  x_k (an endogenous
    regressor, X's column) enters x b and its first-stage residual v_k, so at() and dy/dx's
    shifts move both; z is the exogenous regressors, the excluded instruments and _cons under
    margins' setting.  The ancillary parameters are the first stages' pi_k and the c_k
    (``ancillary``: their e(b) names), so the delta method runs over all of e(b)."""

    linear = False
    numeric_derivatives = True  # dy/dx: the engine shifts x_k in x b and in v_k alike

    def __init__(self, label: str, exp_link: bool, endog_recipes, stage_recipes, constant: bool,
                 ancillary: tuple[str, ...], offset=None):
        self.label, self.exp_link, self.endog_recipes = label, exp_link, tuple(endog_recipes)
        self.stage_recipes, self.constant = tuple(stage_recipes), constant
        self.ancillary, self.offset = tuple(ancillary), offset

    def response(self, eta, a=None):
        raise ValueError("the control function reads the rows: call row_response")

    def row_response(self, design, setting, eta, a):
        n, p = design.n, len(self.endog_recipes)
        xbe = np.broadcast_to(np.asarray(eta, float), (n,)).astype(float)
        if self.offset is not None:
            xbe = xbe + self.offset.on_rows(design)
        Z = design.matrix(setting, self.stage_recipes)
        if self.constant:
            Z = np.column_stack([Z, np.ones(n)])
        Y2 = design.matrix(setting, self.endog_recipes)
        kz = Z.shape[1]
        a = np.asarray(a, float)
        Pi, c = a[:p * kz].reshape(p, kz), a[p * kz:]
        V = Y2 - Z @ Pi.T  # the first-stage residuals v_k
        with np.errstate(all="ignore"):
            value = xbe + V @ c
            pred = np.exp(value) if self.exp_link else value
        d1 = pred if self.exp_link else np.ones(n)
        # d xbe / d pi_k = -c_k z, d xbe / d c_k = v_k
        dxbe = np.column_stack([-c[k] * Z for k in range(p)] + [V])
        return pred, d1, None, d1[:, None] * dxbe, None


def control_function_prediction(model, options: str):
    """margins' hook after cfunction: n (the default) and xbtotal carry the control term
    (``ControlFunctionResponse``); xb is depvar's equation (with the offset), as ivpoisson_p's."""
    from mlmcli.margins.equations import Offset

    stat, nooffset = _read(options)
    if stat == "xb":
        return ivpoisson_margins_prediction(model.offset_var, model.exposure, options)
    p, k0 = len(model.endog), model.n_exog
    recipes = tuple(model.design_recipes)
    kb = k0 + p + int(model.constant)
    names = [n for n, est in zip(model.colnames, model.estimable) if est][kb:]
    offset = Offset(model.offset_var, model.exposure) if model.offset_var and not nooffset else None
    label = "Predicted number of events" if stat == "n" else "Linear prediction on covariates and residuals"
    return ControlFunctionResponse(label, stat == "n", recipes[k0:k0 + p],
                                   recipes[:k0] + tuple(model.inst_design.recipes), model.constant,
                                   tuple(names), offset)


def control_function_variables(model) -> tuple[str, ...]:
    """The excluded instruments' variables and the offset: what the first stages read besides X."""
    from mlmcli.margins.equations import equation_variables

    return equation_variables(tuple(model.inst_design.recipes), (model.offset_var,))
