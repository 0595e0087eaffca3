"""``margins`` after ``glm``: its predictions as functions of x b (``margins.response``).

As glim_p: ``mu`` (the default) is m h(x b + offset), h the inverse of any of glm's links
(``exponential_family.Link.inverse`` gives h, h', h''), m the binomial denominators (a
number, or a variable read per row: ``glmm.margins_hook.TrialsResponse``; 1 under the
nbinomial link, which maps the mean itself); ``xb``/``eta`` is x b + offset; ``nooffset``
leaves the offset out of both.  ``stdp`` and the residuals and influence statistics depend
on more than e(b) and are refused as Stata refuses them (r(498)).
"""
from __future__ import annotations

from ..errors import StataError, option_not_allowed
from ..margins.response import STOCHASTIC, LinearIndex

# glim_p's statistics: (name, minimal abbreviation)
MARGINS_STATISTICS = (("mu", 2), ("xb", 2), ("eta", 3))
STOCHASTIC_STATISTICS = (("stdp", 4), ("anscombe", 1), ("cooksd", 1), ("deviance", 1), ("hat", 1),
                         ("likelihood", 1), ("pearson", 1), ("response", 1), ("score", 3), ("working", 1))
MODIFIERS = (("nooffset", 7), ("adjusted", 3), ("standardized", 3), ("studentized", 5), ("modified", 3))


class LinkResponse:
    """p = h(eta) for glm's link (``Link``): identity ... power, opower and nbinomial too."""

    ancillary: tuple[str, ...] = ()

    def __init__(self, link, label: str):
        self.link, self.label = link, label
        self.linear = link.name == "identity" or (link.name == "power" and link.power == 1)

    def response(self, eta, a=None):
        h, d1, d2 = self.link.inverse(eta)
        return h, d1, d2, None, None


def _word(typed: str, table) -> str | None:
    w = typed.lower()
    return next((name for name, k in table if len(w) >= k and name.startswith(w)), None)


def glm_margins_prediction(fit, options: str):
    """margins' hook (``estimation.interface.MarginsFit``) of a ``GeneralizedLinearFit``."""
    from ..glm.predictions import OffsetResponse, offset_variable
    from ..glmm.margins_hook import TrialsResponse
    from ..syntax.options import read_options

    stat, nooffset = None, False
    for opt in read_options(options):
        name = _word(opt.name, MARGINS_STATISTICS) if opt.arg is None else None
        if name is not None and stat is None:
            stat = "xb" if name == "eta" else name
        elif _word(opt.name, STOCHASTIC_STATISTICS) and opt.arg is None:
            raise StataError(STOCHASTIC, 498)
        elif _word(opt.name, MODIFIERS) == "nooffset" and opt.arg is None:
            nooffset = True
        else:
            raise option_not_allowed(opt.name, opt.arg)
    if stat == "xb":
        base = LinearIndex("Linear prediction")
    else:
        base = LinkResponse(fit.link, f"Predicted mean {fit.depvar}")
        fam = fit.family
        if fam.name == "binomial" and fam.m is not None and fit.link.name != "nbinomial":
            base = TrialsResponse(base, fam.m_label, not _is_number(fam.m_label))
    if fit.offset_name and not nooffset:
        return OffsetResponse(base, *offset_variable(fit.offset_name))
    return base


def glm_margins_variables(fit) -> tuple[str, ...]:
    """Variables the margins predictions read besides X: the offset/exposure and denominators."""
    from ..glm.predictions import offset_variable

    out = [offset_variable(fit.offset_name)[0]] if fit.offset_name else []
    fam = fit.family
    if fam.name == "binomial" and fam.m is not None and not _is_number(fam.m_label):
        out.append(fam.m_label)
    return tuple(out)


def _is_number(text) -> bool:
    try:
        float(text)
        return True
    except (TypeError, ValueError):
        return False
