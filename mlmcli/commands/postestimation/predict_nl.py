"""``predict`` after ``nl`` (nl_p): ``predict [type] newvar [if] [in] [, yhat residuals]``.

yhat (the default) is e(sexp) evaluated with the parameters at e(b) in every observation
(out of sample too, as nl_p does); residuals are depvar - yhat.  ``scores`` is refused (not
built in mlm)."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_OPTS = [OptionSpec("yhat", 1), OptionSpec("residuals", 1), OptionSpec("scores", 2)]


def fitted_values(session, e) -> np.ndarray:
    """e(sexp) at e(b) over every observation."""
    from mlmcli.expr import evaluate

    params = e.macros["params"].split()
    b = np.asarray(e.matrices["b"].values, float).ravel()
    values = dict(zip(params, b))
    expr = re.sub(r"\{([^\W\d]\w*)\}", lambda m: "(" + format(float(values[m.group(1)]), ".17g") + ")", e.macros["sexp"])
    return np.asarray(evaluate(session, expr), float)


def predict_nl(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction

    opts = resolve_options(cmd.options, _OPTS)
    chosen = [k for k in ("yhat", "residuals", "scores") if k in opts]
    if len(chosen) > 1:
        raise StataError("only one of yhat, residuals, or scores may be specified", 198)
    if "scores" in opts:
        raise StataError("predict, scores after nl is not implemented in mlm", 198)
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    with np.errstate(all="ignore"):
        yhat = fitted_values(session, e)
        if "residuals" in opts:
            values = session.data.df[e.macros["depvar"]].to_numpy(dtype=float) - yhat
            label = "Residuals"
        else:
            values, label = yhat, "Fitted values"
    values = np.where(rows & np.isfinite(values), values, np.nan)
    store_prediction(session, name, values, vtype, label)
