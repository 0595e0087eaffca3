"""margins' hook after ``tpoisson``, ``tnbreg``, ``ztp`` and ``ztnb`` (their _p files' statistics,
``margins.equations``): with mu = exp(x b + offset) and f the untruncated count distribution
(Poisson, or the negative binomial with size 1/alpha, alpha = exp(lnalpha)):

    n (the default)  mu                                              "Predicted number of events"
    ir               exp(x b)                                        "Predicted incidence rate"
    cm               E(y | y > t) = (mu - sum_{k<=t} k f(k)) / Pr(y > t)  "Conditional mean of n > ll(t)"
    pr(n), pr(a,b)   the untruncated probabilities                   "Pr(y=n)", "Pr(a<=y<=b)"
    xb               x b + offset                                    "Linear prediction"

t is ll()'s number or each row's value of ll()'s variable.  stdp and scores are refused as
functions of more than e(b) (r(498)); cpr() as predict refuses it.
"""
from __future__ import annotations

import numpy as np
from scipy import stats

from mlmcli.errors import StataError

_OPTS = (("n", 1), ("ir", 2), ("cm", 2), ("pr", 1), ("cpr", 2), ("xb", 2), ("stdp", 4), ("nooffset", 5),
         ("scores", 2))


def truncated_count_margins_variables(model) -> tuple[str, ...]:
    names = [model.offset_var] if model.offset_var else []
    if isinstance(model.point, str):
        names.append(model.point)
    return tuple(names)


def truncated_count_margins_prediction(model, options: str, depvar: str, cmd: str):
    from mlmcli.margins.equations import count_bounds, count_probability_label
    from mlmcli.margins.equations import Equation, EquationsResponse, Offset
    from mlmcli.margins.response import STOCHASTIC, InverseLink, LinearIndex
    from mlmcli.syntax.options import OptionSpec, read_options, resolve_options

    specs = [OptionSpec(n, k, takes_arg=n in ("pr", "cpr")) for n, k in _OPTS]
    opts = resolve_options(read_options(options), specs)
    if opts.get("scores") or opts.get("stdp"):
        raise StataError(STOCHASTIC, 498)
    if opts.get("cpr") is not None:
        raise StataError(f"option cpr not supported by mlmcli after {cmd}", 198)
    chosen = [s for s in ("n", "ir", "cm", "xb", "pr") if opts.get(s) is not None and opts.get(s) is not False]
    if len(chosen) > 1:
        raise StataError("only one statistic may be specified", 198)
    stat = chosen[0] if chosen else "n"
    offset = Offset(model.offset_var, model.exposure) if model.offset_var and not opts.get("nooffset") else None
    if stat == "ir" or (offset is None and stat in ("n", "xb")):
        if stat == "xb":
            return LinearIndex("Linear prediction")
        return InverseLink("log", "Predicted incidence rate" if stat == "ir" else "Predicted number of events")
    if stat in ("n", "xb"):
        label = "Linear prediction" if stat == "xb" else "Predicted number of events"
        fn = (lambda eta, etas: eta) if stat == "xb" else (lambda eta, etas: np.exp(eta))
        return EquationsResponse(label, fn, (), (), offset)
    equations, names = (), ()
    if model.nb:
        equations, names = (Equation(),), ("lnalpha:_cons",)

    def distribution(mu, etas):
        if not model.nb:
            return stats.poisson(mu)
        size = np.exp(-etas[0])
        return stats.nbinom(size, size / (size + mu))

    if stat == "pr":
        lo, hi, shown = count_bounds(str(opts["pr"]))
        label = count_probability_label(depvar, shown)

        def probability(eta, etas):
            dist = distribution(np.exp(eta), etas)
            below = dist.cdf(lo - 1) if lo > 0 else 0.0
            return (1.0 if np.isinf(hi) else dist.cdf(hi)) - below

        return EquationsResponse(label, probability, names, equations, offset)
    # cm: the truncation point, a number or a variable read on the rows (an equation without
    # coefficients whose "offset" is the variable carries it to the value function)
    point = model.point
    if isinstance(point, str):
        equations = equations + (Equation((), Offset(point)),)
    shown = point if isinstance(point, str) else f"{point:g}"

    def conditional_mean(eta, etas):
        mu = np.exp(eta)
        t = etas[-1] if isinstance(point, str) else np.full(np.shape(mu), float(point))
        dist = distribution(mu, etas)
        top = int(np.nanmax(np.where(np.isfinite(t), t, 0))) if np.size(t) else 0
        below = sum(k * np.where(t >= k, dist.pmf(k), 0.0) for k in range(1, top + 1))
        return (mu - below) / dist.sf(np.where(np.isfinite(t), t, 0))

    return EquationsResponse(f"Conditional mean of n > ll({shown})", conditional_mean, names, equations, offset)
