"""margins' hook after ``zip`` and ``zinb`` (zip_p's statistics, ``margins.equations``):

    n (the default)  exp(x b + offset1) (1 - F(z g + offset2))   "Predicted number of events"
    ir               exp(x b) (1 - F(z g + offset2))             "Predicted incidence rate"
    pr               F(z g + offset2), Pr(a certain zero)         "Pr(depvar=0)"
    pr(n), pr(a,b)   (1 - F) Pr(count in range) + F [0 in range]   "Pr(depvar=n)", "Pr(a<=depvar<=b)"
    xb               the linear prediction of equation(#1|#2)      "Linear prediction"

F the inflation link (logit or probit); the count distribution Poisson(mu) or, after zinb,
the negative binomial with size 1/alpha, alpha = exp(lnalpha).  ``nooffset`` drops offset1 as
zip_p does.  stdp and scores are refused as functions of more than e(b) (r(498)).  pr()'s
bounds must be numbers here (predict also takes variables).
"""
from __future__ import annotations

import numpy as np
from scipy import special, stats

from mlmcli.errors import StataError

_OPTS = (("n", 1), ("ir", 2), ("pr", 1), ("xb", 2), ("stdp", 4), ("equation", 2), ("nooffset", 5), ("scores", 2))


def _inflate_equation(text, depvar: str, nb: bool) -> bool:
    """equation(): True for the inflate equation (#2, inflate), False for the count one (as zip_p)."""
    t = "" if text is None else str(text).strip()
    if t in ("", "#1", depvar):
        return False
    if t in ("#2", "inflate"):
        return True
    if nb and t in ("#3", "lnalpha"):
        raise StataError("equation lnalpha has no linear prediction in mlmcli's zip_p", 198)
    raise StataError(f"equation {t} not found", 303)


def zero_inflated_margins_variables(model) -> tuple[str, ...]:
    """The inflate equation's covariates and both offset variables."""
    from mlmcli.margins.equations import equation_variables

    return equation_variables(model.inflate_design.recipes, model.offset_vars)


def zero_inflated_margins_prediction(model, options: str, depvar: str):
    from mlmcli.margins.equations import Equation, EquationsResponse, Offset
    from mlmcli.margins.response import STOCHASTIC, LinearIndex
    from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

    typed = read_options(options)
    specs = [OptionSpec(n, k, takes_arg=n in ("pr", "equation"), arg_optional=n == "pr") for n, k in _OPTS]
    opts = resolve_options(typed, specs)
    if opts.get("scores") or opts.get("stdp"):
        raise StataError(STOCHASTIC, 498)
    chosen = [s for s in ("n", "ir", "pr", "xb") if s in opts]
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat = chosen[0] if chosen else "n"
    if stat != "xb" and opts.get("equation") is not None:
        raise StataError("option equation() not allowed", 198)
    off1, off2 = model.offset_vars
    count_offset = Offset(off1, model.exposure) if off1 and not opts.get("nooffset") else None
    inflate_names = tuple(f"inflate:{c}" for c in model.inflate_design.column_names)
    inflate = Equation(tuple(model.inflate_design.recipes), Offset(off2) if off2 else None)
    if stat == "xb":
        if _inflate_equation(opts.get("equation"), depvar, model.nb):
            return EquationsResponse("Linear prediction", lambda eta, etas: etas[0], inflate_names, (inflate,))
        if count_offset is None:
            return LinearIndex("Linear prediction")
        return EquationsResponse("Linear prediction", lambda eta, etas: eta, (), (), count_offset)

    link = special.expit if model.link == "logit" else special.ndtr
    equations, names = (inflate,), inflate_names
    if model.nb:
        equations, names = (inflate, Equation()), inflate_names + ("lnalpha:_cons",)
    if stat == "pr" and not isinstance(opts.get("pr"), str):
        return EquationsResponse(f"Pr({depvar}=0)", lambda eta, etas: link(etas[0]), names, equations)
    if stat in ("n", "ir"):
        label = "Predicted number of events" if stat == "n" else "Predicted incidence rate"
        return EquationsResponse(label, lambda eta, etas: np.exp(eta) * (1 - link(etas[0])), names, equations,
                                 count_offset if stat == "n" else None)
    from mlmcli.margins.equations import count_bounds, count_probability_label

    lo, hi, shown = count_bounds(opts["pr"])
    label = count_probability_label(depvar, shown)

    def probability(eta, etas):
        mu = np.exp(eta)
        if model.nb:
            size = np.exp(-etas[1])
            dist = stats.nbinom(size, size / (size + mu))
        else:
            dist = stats.poisson(mu)
        below = dist.cdf(lo - 1) if lo > 0 else 0.0
        upper = 1.0 if np.isinf(hi) else dist.cdf(hi)
        p = link(etas[0])
        return (1 - p) * (upper - below) + p * (lo == 0)

    return EquationsResponse(label, probability, names, equations, count_offset)
