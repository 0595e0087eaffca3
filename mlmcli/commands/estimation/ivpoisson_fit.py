"""``ivpoisson``'s fit object (the estimation layer's interface): e(b), e(V), the table's rows
(exponentiated under irr) and ivpoisson_p's statistics: n (the default, exp(xb + offset)) and xb
(with the offset, or the log of the exposure, unless nooffset)."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.postest.linear_prediction import linear_prediction


class IVPoissonMarginsHook:
    """margins' hook of both ivpoisson estimators (``ivpoisson_margins``): n or xb of depvar's
    equation, with the fit's ``offset_var``/``exposure``."""
    offset_var: str | None = None
    exposure: bool = False

    def margins_prediction(self, options: str):
        from mlmcli.commands.estimation.ivpoisson_margins import ivpoisson_margins_prediction

        return ivpoisson_margins_prediction(self.offset_var, self.exposure, options)

    def margins_variables(self) -> tuple[str, ...]:
        from mlmcli.commands.estimation.ivpoisson_margins import ivpoisson_margins_variables

        return ivpoisson_margins_variables(self.offset_var)


class IVPoissonFit(IVPoissonMarginsHook):
    offset_var: str | None = None  # asked of the class by predict: the fit takes nooffset
    predict_default = "n"
    predict_default_note = "(option n assumed; predicted number of events)"

    def __init__(self, coef_labels, b, V, depvar: str, offset_var: str | None, exposure: bool):
        self.coef_labels, self.b, self.V = coef_labels, np.asarray(b, float), np.asarray(V, float)
        self.depvar, self.offset_var, self.exposure = depvar, offset_var, exposure
        self.result_object = None

    def e_matrices(self):
        from mlmcli.postest.coefficient_rows import coefficient_matrices

        return coefficient_matrices(self.coef_labels, self.b, self.V)

    def rows(self, level: float, eform: bool = False) -> tuple:
        from mlmcli.postest.coefficient_rows import rows_from_estimates

        return rows_from_estimates(self.coef_labels, self.b, self.V, level, None, eform=eform)

    def coef_rows(self) -> tuple:
        return self.result_object.rows if self.result_object is not None else self.rows(95.0)

    def result(self):
        return self.result_object

    def predict_options(self) -> tuple:
        return (("n", 1, "Predicted number of events"), ("xb", 2, "Linear prediction"))

    def predict(self, statistic: str, rows) -> np.ndarray:
        if statistic not in ("n", "xb"):
            raise StataError(f"option {statistic} not allowed", 198)
        xb = linear_prediction(rows.fixed_design(), self.b)
        if self.offset_var and not rows.nooffset:
            off = rows.variable(self.offset_var).astype(float)
            xb = xb + (np.log(np.where(off > 0, off, np.nan)) if self.exposure else off)
        return xb if statistic == "xb" else np.exp(xb)

