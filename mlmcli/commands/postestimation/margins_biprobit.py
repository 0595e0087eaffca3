"""margins' hook after ``biprobit`` (bipr_p's e(marginsok)), through ``margins.equations``: x1 b1
the first equation (margins' own), x2 b2 the second, rho = tanh(athrho) (e(b)'s constant, so the
delta method sees it).  ``p11`` (the default), ``p10``, ``p01``, ``p00``, ``pmarg1``, ``pmarg2``,
``pcond1`` p11/Phi(x2 b2), ``pcond2`` p11/Phi(x1 b1), ``xb1``, ``xb2``; ``stdp1``/``stdp2``
(e(marginsnotok)) and scores are refused as functions of more than e(b) (r(498)).
"""
from __future__ import annotations

import numpy as np
from scipy import special

from mlmcli.commands.postestimation.margins_selection import STOCHASTIC_OPTIONS
from mlmcli.errors import StataError

_BIPROBIT = (("p11", 3), ("p10", 3), ("p01", 3), ("p00", 3), ("pmarg1", 6), ("pmarg2", 6), ("pcond1", 6),
             ("pcond2", 6), ("xb1", 3), ("xb2", 3))
_NOT_OK = STOCHASTIC_OPTIONS + (("stdp1", 5), ("stdp2", 5))


def biprobit_margins_prediction(model, options: str):
    from mlmcli.glm.bivariate_normal import cdf
    from mlmcli.margins.equations import Equation, EquationsResponse, Offset
    from mlmcli.margins.response import STOCHASTIC
    from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

    opts = resolve_options(read_options(options), [OptionSpec(n, k) for n, k in _BIPROBIT + _NOT_OK]
                           + [OptionSpec("nooffset", 5)])
    if any(opts.get(n) for n, _ in _NOT_OK):
        raise StataError(STOCHASTIC, 498)
    chosen = [n for n, _ in _BIPROBIT if opts.get(n)]
    if len(chosen) > 1:
        raise StataError("invalid syntax", 198)
    stat = chosen[0] if chosen else "p11"
    nooffset = bool(opts.get("nooffset"))
    y1, y2 = model.depvars.split()[:2]
    off1, off2 = (v if v and not nooffset else None for v in model.offset_vars)
    first = Offset(off1) if off1 else None
    second = Equation(tuple(model.select_design.recipes), Offset(off2) if off2 else None)
    names = tuple(f"{model.prep.equations[1].name}:{c}" for c in model.select_design.column_names)
    if stat == "xb1":
        return EquationsResponse(f"Linear prediction of {y1}", lambda eta, etas: eta, (), (), first)
    if stat == "pmarg1":
        return EquationsResponse(f"Pr({y1}=1)", lambda eta, etas: special.ndtr(eta), (), (), first)
    if stat == "xb2":
        return EquationsResponse(f"Linear prediction of {y2}", lambda eta, etas: etas[0], names, (second,), first)
    if stat == "pmarg2":
        return EquationsResponse(f"Pr({y2}=1)", lambda eta, etas: special.ndtr(etas[0]), names, (second,), first)
    s1 = -1.0 if stat in ("p01", "p00") else 1.0
    s2 = -1.0 if stat in ("p10", "p00") else 1.0

    def joint(eta, etas):
        m1, m2 = np.broadcast_arrays(np.asarray(eta, float), np.asarray(etas[0], float))
        p = cdf(s1 * m1, s2 * m2, np.full(m1.shape, s1 * s2) * np.tanh(etas[1]))
        if stat == "pcond1":
            return p / special.ndtr(m2)
        return p / special.ndtr(m1) if stat == "pcond2" else p

    label = {"pcond1": f"Pr({y1}=1|{y2}=1)", "pcond2": f"Pr({y2}=1|{y1}=1)"}.get(
        stat, f"Pr({y1}={int(s1 > 0)},{y2}={int(s2 > 0)})")
    return EquationsResponse(label, joint, names + ("athrho:_cons",), (second, Equation()), first)
