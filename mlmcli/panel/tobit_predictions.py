"""``predict`` and ``margins`` after ``xttobit``: the linear prediction x b (+ the offset).

predict gives xb (the default) and stdp (``PoissonGammaPredictions``).  margins' hook
(``estimation.interface.MarginsFit``) gives xb, with ``nooffset``; stdp is refused as a
stochastic prediction.  Stata's tobit_p (which xttobit_p calls) also has pr0(a,b), e0(a,b)
and ystar0(a,b); mlm's predict lacks them, so margins refuses them too, with a message that
says so rather than Stata's ``not allowed``.
"""
from __future__ import annotations

from dataclasses import dataclass

from .poisson_gamma import PoissonGammaPredictions


@dataclass(frozen=True)
class TobitRandomEffectsPredictions(PoissonGammaPredictions):
    """PoissonGammaPredictions (xb, stdp) with margins' hook."""

    def margins_prediction(self, options: str):
        from ..errors import StataError, option_not_allowed
        from ..margins.response import STOCHASTIC, LinearIndex
        from ..syntax.options import read_options

        nooffset = False
        for opt in read_options(options.replace(",", " ")):
            word = opt.name.lower()
            if word == "xb" and opt.arg is None:
                continue
            if word == "nooffset" and opt.arg is None:
                nooffset = True
            elif "stdp".startswith(word) and len(word) >= 4 and opt.arg is None:
                raise StataError(STOCHASTIC, 498)
            elif word in ("pr0", "e0", "ystar0", "ys0", "yst0", "ysta0") and opt.arg is not None:
                raise StataError(f"margins, predict({word}()) after xttobit not supported by mlmcli", 198)
            else:
                raise option_not_allowed(opt.name, opt.arg)
        base = LinearIndex("Linear prediction")
        if self.offset_var and not nooffset:
            from ..glm.predictions import OffsetResponse

            return OffsetResponse(base, self.offset_var, self.offset_is_log)
        return base

    def margins_variables(self) -> tuple[str, ...]:
        return (self.offset_var,) if self.offset_var else ()
