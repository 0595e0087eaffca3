"""``predict`` after ``gnbreg`` (gnbreg_p):

    predict [type] newvar [if] [in] [, n ir xb stdp alpha lnalpha stdplna nooffset]

``n`` (the default, "(option n assumed; predicted number of events)") exp(x b + offset), ``ir``
exp(x b), ``xb`` and ``stdp`` (the count equation; _pred_se's labels), ``alpha`` exp(z g),
``lnalpha`` z g, ``stdplna`` its standard error; labels as gnbreg_p's.  ``scores``/``scoreslna``
and ``pr()`` are refused by name.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.postestimation.predict import one_new_variable, rows_selected, store_prediction
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options

_STATS = ("n", "ir", "xb", "stdp", "alpha", "lnalpha", "stdplna")
_OPTS = [OptionSpec("n"), OptionSpec("ir"), OptionSpec("xb"), OptionSpec("stdp"), OptionSpec("alpha", 1),
         OptionSpec("lnalpha", 3), OptionSpec("stdplna", 5), OptionSpec("nooffset", 5), OptionSpec("scores", 2),
         OptionSpec("scoreslna", 7), OptionSpec("pr", takes_arg=True)]
_LABELS = {"n": "Predicted number of events", "ir": "Predicted incidence rate", "xb": "Linear prediction",
           "stdp": "S.E. of the prediction", "alpha": "Predicted alpha", "lnalpha": "Predicted ln(alpha)",
           "stdplna": "S.E. predicted ln(alpha)"}


def predict_gnbreg(session, e, cmd) -> None:
    opts = resolve_options(cmd.options, _OPTS)
    for name in ("scores", "scoreslna", "pr"):
        if opts.get(name) is not None:
            raise StataError(f"option {name} not supported by mlmcli after gnbreg", 198)
    chosen = [s for s in _STATS if opts.get(s)]
    if len(chosen) > 1:
        raise StataError("invalid syntax", 198)
    stat = chosen[0] if chosen else "n"
    vtype, name = one_new_variable(session, cmd)
    rows = rows_selected(session, cmd)
    model, data = e.model, session.data
    offset = not opts.get("nooffset")
    if not chosen:
        session.print("(option n assumed; predicted number of events)")
    if stat in ("n", "xb"):
        xb = model.index(data, 1, offset)
        values = np.exp(xb) if stat == "n" else xb
    elif stat == "ir":
        values = np.exp(model.index(data, 1, False))
    elif stat == "stdp":
        values = model.index_se(data, 1)
    elif stat in ("alpha", "lnalpha"):
        zg = model.index(data, 2, offset)
        values = np.exp(zg) if stat == "alpha" else zg
    else:
        values = model.index_se(data, 2)
    store_prediction(session, name, np.where(rows, values, np.nan), vtype, _LABELS[stat])
