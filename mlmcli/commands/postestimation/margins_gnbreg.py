"""margins' hook after ``gnbreg`` (gnbreg_p), through ``margins.equations``: x b the count
equation (margins' own, its offset or ln(exposure) added unless ``nooffset``), z g lnalpha's.
``n`` (the default) exp(x b + offset), ``ir`` exp(x b), ``xb``, ``alpha`` exp(z g), ``lnalpha``
z g; ``stdp``/``stdplna``/scores are refused as functions of more than e(b) (r(498)); ``pr()``
as predict refuses it.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

_STATS = (("n", 1), ("ir", 2), ("xb", 2), ("alpha", 1), ("lnalpha", 3))
_NOT_OK = (("stdp", 4), ("stdplna", 5), ("scores", 2), ("scoreslna", 7))


def gnbreg_margins_prediction(model, options: str):
    from mlmcli.margins.equations import Equation, EquationsResponse, Offset
    from mlmcli.margins.response import STOCHASTIC
    from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

    opts = resolve_options(read_options(options), [OptionSpec(n, k) for n, k in _STATS + _NOT_OK]
                           + [OptionSpec("nooffset", 5), OptionSpec("pr", takes_arg=True)])
    if opts.get("pr") is not None:
        raise StataError("option pr() not supported by mlmcli after gnbreg", 198)
    if any(opts.get(n) for n, _ in _NOT_OK):
        raise StataError(STOCHASTIC, 498)
    chosen = [n for n, _ in _STATS if opts.get(n)]
    if len(chosen) > 1:
        raise StataError("invalid syntax", 198)
    stat = chosen[0] if chosen else "n"
    offset = None
    if stat in ("n", "xb") and not opts.get("nooffset"):
        if model.exposure_var:
            offset = Offset(model.exposure_var, log=True)
        elif model.offset_vars[0]:
            offset = Offset(model.offset_vars[0])
    if stat in ("n", "ir"):
        label = "Predicted number of events" if stat == "n" else "Predicted incidence rate"
        return EquationsResponse(label, lambda eta, etas: np.exp(eta), (), (), offset)
    if stat == "xb":
        return EquationsResponse("Linear prediction", lambda eta, etas: eta, (), (), offset)
    second = Equation(tuple(model.select_design.recipes))
    names = tuple(f"lnalpha:{c}" for c in model.select_design.column_names)
    if stat == "alpha":
        return EquationsResponse("Predicted alpha", lambda eta, etas: np.exp(etas[0]), names, (second,))
    return EquationsResponse("Predicted ln(alpha)", lambda eta, etas: etas[0], names, (second,))
