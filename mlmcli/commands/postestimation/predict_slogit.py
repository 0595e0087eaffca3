"""``predict`` after ``slogit`` (slogit_p), dimension 1:

    predict [type] {stub*|newvar1 ... newvarK | newvar} [if] [in] [, pr outcome(outcome)]
    predict [type] newvar [if] [in], {xb|stdp} [dimension(1)]

pr (the default): mlogit_p's syntax and notes (``predict_mlogit``) with the stereotype model's
probabilities; xb: the index x b of the dimension, stdp its standard error.  Refused: scores
and dimension() other than 1.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError


def predict_slogit(session, e, cmd) -> None:
    from mlmcli.commands.postestimation.predict_mlogit import predict_mlogit
    from mlmcli.estimation.rows import PredictionRows
    from mlmcli.syntax.options import OptionSpec, resolve_options

    own = [OptionSpec("xb", 2), OptionSpec("stdp", 4), OptionSpec("scores", 2),
           OptionSpec("dimension", 3, takes_arg=True)]
    if not any(spec.matches(o.name) for o in cmd.options for spec in own):  # pr: mlogit_p's syntax
        return predict_mlogit(session, e, cmd)
    opts = resolve_options(cmd.options, own)
    if "scores" in opts:
        raise StataError("option scores not supported by mlmcli after slogit", 198)
    if opts.get("dimension") is not None and str(opts["dimension"]).strip() != "1":
        raise StataError("dimension() must be 1 after a slogit of dimension 1", 198)  # decided
    chosen = [s for s in ("xb", "stdp") if s in opts]
    if len(chosen) != 1:
        raise StataError("only one of xb or stdp is allowed" if chosen else "invalid syntax", 198)
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    m = e.model
    p = len(m.xnames)
    X = PredictionRows(session, e).fixed_design()
    if chosen[0] == "xb":
        values, label = X @ m.theta[:p], "Linear prediction"
    else:
        Vb = m.V[:p, :p]
        values, label = np.sqrt(np.maximum(np.einsum("ij,jk,ik->i", X, Vb, X), 0)), "S.E. of linear prediction"
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, label)
