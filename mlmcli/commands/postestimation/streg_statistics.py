"""streg_p's statistics as predict and margins after streg read them: (name, minimal
abbreviation), each one's variable label, and the choice between unconditional and alpha1
predictions after frailty()."""
from __future__ import annotations

from mlmcli.errors import StataError

STATS = (("median", 3), ("mean", 4), ("hazard", 2), ("hr", 2), ("xb", 2), ("stdp", 4), ("surv", 4),
         ("csurv", 3), ("csnell", 3), ("ccsnell", 3), ("mgale", 2), ("cmgale", 3), ("deviance", 3))
LABELS = {"median time": "Predicted median _t", "median lntime": "Predicted median ln(_t)",
          "mean time": "Predicted mean _t", "mean lntime": "Predicted mean ln(_t)", "hazard": "Predicted hazard",
          "hr": "Predicted hazard ratio",
          "xb": "Linear prediction", "stdp": "S.E. of the prediction", "surv": "Predicted S(t|t0)",
          "csurv": "Predicted S(t|earliest t0)", "csnell": "Cox-Snell residual",
          "mgale": "Martingale-like residual", "deviance": "Deviance residual"}


def unconditional_choice(model, opts) -> bool:
    """unconditional or alpha1 (one of them, and only after frailty models), else the default."""
    chosen = [name for name in ("unconditional", "alpha1") if opts.get(name)]
    if chosen and not model.frailty:
        raise StataError(f"option {chosen[0]} allowed only with frailty models", 198)
    if len(chosen) > 1:
        raise StataError("options unconditional and alpha1 may not be combined", 198)
    if chosen:
        return chosen[0] == "unconditional"
    return bool(model.frailty) and model.frailty_theta is not None and model.unconditional_default
