"""margins' hook after ``nl`` (nl_p; e(marginsok) ``default Yhat``, e(marginsnotok) ``SCores
Residuals``):

    yhat (the default)     e(sexp) at the parameters, on each row     "Fitted values"

nl's e(b) holds only parameters (``b0:_cons`` ...), so every one of them is a margins ancillary
parameter and margins' own linear index is empty; the derivatives of yhat in the parameters are
numerical (Richardson-extrapolated central differences, as ``margins.equations``), and so are
dydx()'s (margins' ``numeric_derivatives``).  Margins' covariates are e(rhs) (nl.ado posts them as
the hidden e(covariates): the variables() list, or the x of ``nl exp3: y x``): at(), over() and
dydx() take those; without variables() an interactive nl has none, and margins gives the average
prediction (dydx(x) is "'x' not found in list of covariates", r(322)).  The other variables the
expression reads stay as observed.  residuals and scores depend on more than e(b) (r(498)).
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError, option_not_allowed

STEP = 1e-5  # relative step in the parameters


class NlMarginsModel:
    """What margins reads after nl: the expression, its parameters and variables."""

    def __init__(self, sexp: str, params, covariates, variables):
        self.sexp, self.params = sexp, tuple(params)
        self.covariates, self.variables = tuple(covariates), tuple(variables)

    def margins_prediction(self, options: str):
        from mlmcli.margins.response import STOCHASTIC
        from mlmcli.syntax.abbreviation import resolve_choice
        from mlmcli.syntax.options import read_options

        for o in read_options(options):
            if o.arg is None and resolve_choice(o.name, (("residuals", 1), ("scores", 2))):
                raise StataError(STOCHASTIC, 498)
            if o.arg is not None or resolve_choice(o.name, (("yhat", 1),)) is None:
                raise option_not_allowed(o.name, o.arg)
        return NlPrediction(self)

    def margins_other_labels(self) -> tuple:
        """e(rhs): margins' covariates (nl's e(b) names none)."""
        from mlmcli.mixed.spec import CoefLabel

        return tuple(CoefLabel(v) for v in self.covariates)

    def margins_variables(self) -> tuple[str, ...]:
        return self.variables


def empty_design(n: int):
    """margins' design after nl: no columns (every coefficient is ancillary)."""
    from mlmcli.factor_variables import FixedDesign

    return FixedDesign(np.zeros((n, 0)), (), (), ())


class NlPrediction:
    """yhat = f(x; b) on the margins rows (``estimation.interface.MarginsPrediction`` with the
    per-row ``row_response``); ``bind_session`` gives it the expression engine's context."""

    linear = False
    numeric_derivatives = True
    label = "Fitted values"

    def __init__(self, model: NlMarginsModel):
        self.model = model
        self.ancillary = tuple(f"{p}:_cons" for p in model.params)
        self.session = None
        self._compiled = re.sub(r"\{([^\W\d]\w*)\}",
                                lambda m: f"__nl_margins_{model.params.index(m.group(1))}", model.sexp)

    def bind_session(self, session) -> None:
        self.session = session

    def _evaluate(self, design, setting, a) -> np.ndarray:
        from mlmcli.commands.estimation.menl import mean_function

        n = design.n
        inputs = {v: np.broadcast_to(np.asarray(design.value(setting, v), float), (n,)) for v in self.model.variables}
        inputs.update({f"__nl_margins_{j}": np.full(n, v) for j, v in enumerate(a)})
        f = mean_function(self.session, self._compiled, np.arange(n), {k: k for k in inputs})
        return f(inputs)

    def response(self, eta, a=None):
        raise ValueError("nl's prediction reads the rows: call row_response")

    def row_response(self, design, setting, eta, a):
        a = np.asarray(a, float)
        with np.errstate(all="ignore"):
            p = self._evaluate(design, setting, a)
            da = parameter_derivatives(lambda b: self._evaluate(design, setting, b), a, design.n)
        return p, np.zeros(design.n), None, da, None


def parameter_derivatives(f, a: np.ndarray, n: int) -> np.ndarray:
    """n x m: d f(a) / d a_j per row by Richardson-extrapolated central differences,
    D = (4 D(h/2) - D(h)) / 3, h = STEP max(|a_j|, 1) (nl's and arima's margins)."""
    da = np.zeros((n, len(a)))
    for j in range(len(a)):
        h = STEP * max(abs(a[j]), 1.0)

        def central(step):
            up, dn = a.copy(), a.copy()
            up[j] += step
            dn[j] -= step
            return (f(up) - f(dn)) / (2 * step)

        da[:, j] = (4 * central(h / 2) - central(h)) / 3
    return da
