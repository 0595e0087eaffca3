"""fpfit's final fracgen when jackknife's ``keep idcluster(x)`` renumbered the plotted x (the ML
estcmds with ``noconstant degree(1)``: the first candidate survives, so the final fit runs after a
fit's jackknife renamed its cluster numbering 1..G over x).

frac_154 copies x once (``gen double x = rhs``, scaled by frac_xo) and builds every candidate's
terms from that copy, so the candidates never see the renumbered x.  fracpoly's final
``fracgen rhs pwrs if touse, ... adjust(#)`` reads the renumbered x: fracgen (1.5.4) runs frac_xo
on it anew -- the shift and scale from its current values unless ``noscaling`` -- and centres
each term at ``((# + shift) / scale)^p`` (log for p = 0), # the number fracpoly's frac_adj
computed from the original x (its mean, or its minimum with two distinct values; center(#)'s
number as typed; center(no): no centring).  twoway__fpfit_serset then sorts on the renumbered x
and draws fracpred's x b at x = 1..G (graphs.fpfit_plot)."""
from __future__ import annotations

from dataclasses import replace

import numpy as np


def centring_number(model) -> float:
    """The number on x's original scale at which ``model`` centres its terms (fracgen's adjust
    #): inverted from its first term's centring value."""
    c, p = float(model.center[0]), float(model.powers[0])
    z = float(np.exp(c)) if p == 0 else abs(c) ** (1.0 / p)  # z > 0: the term's inverse
    return z * model.scale - model.shift


def refracgen(model, x_new: np.ndarray, fp_settings: dict):
    """``model`` as fracgen builds its final terms on the renumbered ``x_new`` (missing outside
    the command's sample): shift and scale from x_new's values, the centring values those of the
    original centring number."""
    from mlmcli.fractional_polynomials import fp_terms, shift_and_scale

    values = np.asarray(x_new, float)
    shift, scale = shift_and_scale(values[np.isfinite(values)], fp_settings.get("scaling", True))
    if fp_settings.get("center") == "no" or not model.center:
        center = tuple(0.0 for _ in model.powers)
    else:
        at = (centring_number(model) + shift) / scale
        center = tuple(float(t[0]) for t in fp_terms(np.array([at]), model.powers))
    return replace(model, shift=shift, scale=scale, center=center)
