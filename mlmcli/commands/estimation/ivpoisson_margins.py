"""``margins`` after ``ivpoisson`` (gmm and cfunction): ivpoisson_p's statistics as functions of
the first equation's x b -- ``n`` (the default, exp(x b + offset)) and ``xb`` (x b + offset) --,
the offset (or the log of the exposure) read per row as predict reads it, left out under
``nooffset``.  After cfunction only depvar's equation enters (the first stages and the control
parameters are other equations of e(b)), as after ivpoisson_p."""
from __future__ import annotations

from mlmcli.errors import StataError, option_not_allowed

# ivpoisson_p's statistics and the modifier: (name, minimal abbreviation)
_STATISTICS = (("n", 1), ("xb", 2))
_NOOFFSET = ("nooffset", 7)


def _word(typed: str, name: str, k: int) -> bool:
    w = typed.lower()
    return len(w) >= k and name.startswith(w)


def ivpoisson_margins_prediction(offset_var: str | None, exposure: bool, options: str):
    """margins' hook (``estimation.interface.MarginsFit``) for ``predict(options)``."""
    from mlmcli.glm.predictions import OffsetResponse
    from mlmcli.margins.response import InverseLink, LinearIndex
    from mlmcli.syntax.options import read_options

    stat, nooffset = None, False
    for opt in read_options(options.replace(",", " ")):
        name = next((s for s, k in _STATISTICS if _word(opt.name, s, k)), None) if opt.arg is None else None
        if name is not None:
            if stat is not None:
                raise StataError("only one statistic may be specified", 198)
            stat = name
        elif opt.arg is None and _word(opt.name, *_NOOFFSET):
            nooffset = True
        else:
            raise option_not_allowed(opt.name, opt.arg)
    base = LinearIndex("Linear prediction") if stat == "xb" else InverseLink("log", "Predicted number of events")
    if offset_var and not nooffset:
        return OffsetResponse(base, offset_var, exposure)
    return base


def ivpoisson_margins_variables(offset_var: str | None) -> tuple[str, ...]:
    """Variables the predictions read besides X: the offset or exposure variable."""
    return (offset_var,) if offset_var else ()
