"""predict and margins after the panel count models with a panel effect (``xtnbreg, re|fe``,
``xtpoisson, re`` with gamma effects): xtnbreg_p's and xtpois_p's statistics

    xb    x b + offset (the default)        stdp  sqrt(x V x')
    nu0   exp(x b + offset): the count with the panel effect at its neutral value
    iru0  exp(x b): the incidence rate (never the offset)

``nooffset`` leaves the offset (or ln of the exposure) out of xb and nu0.  The margins hook
writes xb and nu0 as functions of x b (``margins.response``); stdp and the scores depend on
more than e(b) (r(498)).
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError

COUNT_PREDICT_OPTIONS = (("xb", 2, "Linear prediction"), ("stdp", 4, "S.E. of the linear prediction"),
                         ("nu0", 3, "Predicted number of events (assuming u_i=0)"),
                         ("iru0", 4, "Predicted incidence rate (assuming u_i=0)"))


def count_statistic(statistic: str, xb: np.ndarray, xb_with_offset: np.ndarray) -> np.ndarray:
    """xb, nu0 or iru0 from x b and x b + offset (``with_offset``: x b itself under nooffset)."""
    if statistic == "iru0":
        return np.exp(xb)
    if statistic == "xb":
        return xb_with_offset
    if statistic == "nu0":
        return np.exp(xb_with_offset)
    raise StataError(f"option {statistic} not allowed", 198)


def margins_words(options: str) -> tuple[list[str], bool]:
    """predict()'s words without ``nooffset`` (as predict's, at least ``nooffse``), and whether it was typed."""
    words = options.replace(",", " ").split()  # names as typed: predict(XB) is refused
    nooffset = [w for w in words if len(w) >= 7 and "nooffset".startswith(w)]
    return [w for w in words if w not in nooffset], bool(nooffset)


def with_offset_response(base, offset_var: tuple | None, nooffset: bool):
    """``base`` evaluated at x b + offset (``offset_var`` = (kind, variable)), unless nooffset."""
    if offset_var is None or nooffset:
        return base
    from mlmcli.glm.predictions import OffsetResponse

    kind, var = offset_var
    return OffsetResponse(base, var, kind == "exposure")


def count_margins_prediction(options: str, offset_var: tuple | None):
    """margins' hook: ``xb`` (the default, as predict's), ``nu0``, ``iru0`` (see the module docstring)."""
    from mlmcli.margins.response import STOCHASTIC, InverseLink, LinearIndex

    words, nooffset = margins_words(options)
    if len(words) > 1:
        raise StataError(f"option {words[1]} not allowed", 198)
    word = words[0] if words else "xb"
    chosen = next((name for name, n, _ in COUNT_PREDICT_OPTIONS if len(word) >= n and name.startswith(word)), None)
    if chosen == "stdp" or word.startswith("score"):
        raise StataError(STOCHASTIC, 498)
    if chosen is None:
        raise StataError(f"option {word} not allowed", 198)
    label = next(label for name, _, label in COUNT_PREDICT_OPTIONS if name == chosen)
    base = LinearIndex(label) if chosen == "xb" else InverseLink("log", label)
    return base if chosen == "iru0" else with_offset_response(base, offset_var, nooffset)
