"""``predict`` and ``margins`` after ``xttobit``: the linear prediction x b (+ the offset).

predict gives xb (the default) and stdp (``PoissonGammaPredictions``); its pr0/e0/ystar0 are in
``commands.postestimation.predict_censored``.  margins' hook (``estimation.interface.MarginsFit``)
gives xb, with ``nooffset``, and pr0(a,b), e0(a,b), ystar0(a,b) as tobit_p computes them after
xttobit: the statistics of y* ~ N(x b, s^2) with s = sqrt(sigma_u^2 + sigma_e^2) (GetRMSE's);
stdp/stdf are refused as stochastic predictions.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .poisson_gamma import PoissonGammaPredictions


# tobit_p's options after xttobit as margins' predict() takes them (nooffset typed in full)
_MARGINS_NAMES = (("xb", 2), ("nooffset", 8), ("stdp", 4), ("stdf", 4), ("pr0", 1), ("e0", 1), ("ystar0", 2))
_ZERO_STATISTICS = ("pr0", "e0", "ystar0")


class CombinedSigmaResponse:
    """margins' response p = h(eta; s) of y* ~ N(eta, s^2), s = sqrt(sigma_u^2 + sigma_e^2), its
    derivatives in (sigma_u, sigma_e) by ds/dsigma_u = sigma_u/s and ds/dsigma_e = sigma_e/s."""

    linear = False
    ancillary = ("sigma_u:_cons", "sigma_e:_cons")

    def __init__(self, statistic: str, lo: float, hi: float, label: str):
        self.statistic, self.lo, self.hi, self.label = statistic, lo, hi, label

    def response(self, eta, a):
        return self._evaluate(eta, a, self.lo, self.hi)

    def row_response(self, design, setting, eta, a):  # a variable bound read at the rows
        from ..postest.censored_prediction import bounds_at_rows

        return self._evaluate(eta, a, *bounds_at_rows(design, self.lo, self.hi, self.statistic + "0"))

    def _evaluate(self, eta, a, lo, hi):
        from ..postest.censored_prediction import censored_response

        su, se = (float(v) for v in np.asarray(a, float).ravel()[:2])
        s = float(np.hypot(su, se))
        p, d1, d2, ds, d1s = censored_response(self.statistic, eta, s, lo, hi)
        g = np.array([su / s, se / s])
        return p, d1, d2, np.asarray(ds)[..., None] * g, np.asarray(d1s)[..., None] * g


@dataclass(frozen=True)
class TobitRandomEffectsPredictions(PoissonGammaPredictions):
    """PoissonGammaPredictions (xb, stdp) with margins' hook."""

    depvar: str = "y"

    def margins_prediction(self, options: str):
        from ..errors import StataError, option_not_allowed
        from ..margins.response import STOCHASTIC, LinearIndex
        from ..syntax.abbreviation import resolve_choice
        from ..syntax.options import read_options

        nooffset, statistic = False, None
        for opt in read_options(options.strip().lstrip(",")):
            name = resolve_choice(opt.name, _MARGINS_NAMES)
            if name is None or (name in _ZERO_STATISTICS) != (opt.arg is not None):
                raise option_not_allowed(opt.name, opt.arg)
            if name == "nooffset":
                nooffset = True
            elif name in ("stdp", "stdf"):
                raise StataError(STOCHASTIC, 498)
            elif name in _ZERO_STATISTICS:
                if statistic is not None:
                    raise StataError("only one statistic may be specified", 198)
                statistic = (name[:-1], opt.arg)  # pr0 -> pr: the statistic of y* at u_i = 0
        base = LinearIndex("Linear prediction") if statistic is None else self._zero_response(*statistic)
        if self.offset_var and not nooffset:
            from ..glm.predictions import OffsetResponse

            return OffsetResponse(base, self.offset_var, self.offset_is_log)
        return base

    def _zero_response(self, name: str, arg: str):
        from ..postest.censored_prediction import margins_bounds

        prediction, lo, hi = margins_bounds(name, arg, name + "0")
        return CombinedSigmaResponse(name, lo, hi, prediction.label(self.depvar))

    def margins_variables(self) -> tuple[str, ...]:
        return (self.offset_var,) if self.offset_var else ()
