"""``margins`` after gsem: predict(mu|pr|eta [outcome()] [marginal | conditional(fixedonly)]) as a
function of e(b), for one generalized equation (bernoulli, poisson, gaussian, ordinal, multinomial)
whose latent variables are random intercepts with loadings fixed at 1.

Evidence (help gsem_postestimation, Stata 14 and 16; gsem_p.ado 1.3.2, Stata 14):

- margins' statistics are mu (the default), pr and eta; density, distribution, survival and latent
  are "not allowed with margins";
- "predict's option marginal is assumed if predict's option conditional(fixedonly) is not
  specified" (gsem_p: ``if "`c(marginscmd)'" == "on" { local marginal marginal }``), so the
  empirical Bayes predictions never reach margins (r(498) here);
- mu, pr and eta "default to the first depvar ... If depvar is family(multinomial) or
  family(ordinal) the default is the first level of the outcome";
- the default of margins "calculate[s] expected values for each depvar": under version 14 or
  later margins reads e(marginsdefault) (``commands.postestimation.margins.default_predictions``),
  which gsem posts here as one ``predict(mu outcome(k.y))`` per level of a multinomial or ordinal
  outcome (``marginsdefault``), so the table gets one ``k._predict`` block per outcome.

With eta = x b of the first equation (the first non-base outcome's after mlogit), the other
outcome equations, the cutpoints and the latent variances are margins' ancillary parameters
(``margins.equations.EquationsResponse``, numerical derivatives in them).  ``marginal`` integrates
the conditional mean h(eta + u) over u ~ N(0, s2), s2 the sum of the intercepts' variances (one u
added to every non-base outcome's index after mlogit, as the shared M[g]@1), by Gauss-Hermite
quadrature with e(n_quad) points (or ``intpoints()``); ``conditional(fixedonly)`` sets u = 0.
"""
from __future__ import annotations

import numpy as np
from scipy import special, stats

from ..errors import StataError, option_not_allowed
from ..glmm.quadrature import gauss_hermite
from ..margins.equations import Equation, EquationsResponse
from ..margins.response import STOCHASTIC, LinearIndex, inverse_link
from ..syntax.abbreviation import resolve_choice
from ..syntax.options import read_options

_STATISTICS = (("mu", 2), ("pr", 2), ("eta", 3))
_FLAGS = (("marginal", 4), ("fixedonly", 5), ("nooffset", 5))
_STOCHASTIC = (("means", 5), ("ebmeans", 7), ("modes", 5), ("ebmodes", 7), ("latent", 3), ("density", 3),
               ("distribution", 4), ("survival", 4), ("scores", 2), ("stdp", 4), ("classpr", 7))


def _value_text(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def _info(fit) -> dict:
    """What the prediction needs from the gsem fit: family, link, depvar, outcome values (and the
    base's index) and e(b)'s latent variances; models mlm cannot predict from are refused."""
    (eq,) = fit.model.equations
    fam = fit.extra.get("family") or eq.response.family
    link = fit.extra.get("link") or eq.response.link
    if eq.slopes or fit.model.latent_paths:
        raise StataError("margins after gsem with random slopes or paths to latent variables not supported by"
                         " mlmcli", 198)
    if eq.response.exposure or eq.response.offset:
        raise StataError("margins after gsem with exposure() or offset() not supported by mlmcli", 198)
    if fam == "binomial" and eq.response.trials not in (None, "1"):
        raise StataError("margins after gsem with family(binomial #) not supported by mlmcli", 198)
    if fam not in ("bernoulli", "binomial", "poisson", "gaussian", "ordinal", "multinomial"):
        raise StataError(f"margins after gsem with family({fam}) not supported by mlmcli", 198)
    variances = tuple(n for n in fit.names if n.startswith("var(") and n.endswith("):_cons")
                      and "[" in n and not n.startswith("var(e."))
    values, base = None, None
    if fam == "multinomial":
        eqs = [n.split(":", 1)[0] for n in fit.names if ":" in n and not n.startswith("var(")]
        free = list(dict.fromkeys(eqs))
        base_eq = fit.extra["base_equation"]
        levels = sorted(free + [base_eq], key=lambda s: float(s.split(".", 1)[0]))
        values = [float(s.split(".", 1)[0]) for s in levels]
        base = levels.index(base_eq)
    elif fam == "ordinal":
        values = [float(v) for v in fit.glmm.spec.fixed.categories]
    return {"eq": eq, "family": fam, "link": link, "depvar": eq.depvar, "values": values, "base": base,
            "variances": variances}


def marginsdefault(fit) -> str:
    """e(marginsdefault): the expected value of each outcome (each level of a multinomial or
    ordinal depvar), marginal in the latent variables."""
    info = _info_or_none(fit)
    if info is None:
        return ""
    y = info["depvar"]
    if info["values"] is None:
        return f"predict(mu outcome({y}))"
    return " ".join(f"predict(mu outcome({_value_text(v)}.{y}))" for v in info["values"])


def _info_or_none(fit):
    try:
        return _info(fit)
    except StataError:
        return None


def _outcome_index(info, text: str | None) -> int:
    """outcome(): ``k.y``, ``y k``, ``#k``, ``k`` or ``y`` -> the level's index (0 without levels)."""
    y, values = info["depvar"], info["values"]
    if text is None:
        return 0
    typed = str(text).strip()
    words = [typed[:-len(y) - 1]] if typed.endswith("." + y) else [w for w in typed.split() if w != y]
    if values is None or not words:
        if words:
            raise StataError(f"outcome({text}) invalid", 198)
        return 0
    try:
        if len(words) != 1:
            raise ValueError
        k = int(words[0][1:]) - 1 if words[0].startswith("#") else values.index(float(words[0]))
    except ValueError:
        raise StataError(f"outcome({text}) invalid", 198) from None
    if not 0 <= k < len(values):
        raise StataError(f"outcome({text}) invalid", 198)
    return k


def parse_statistic(options: str):
    """predict()'s (statistic, outcome() text, flags, intpoints()) for margins after gsem."""
    stat, outcome, flags, points = None, None, set(), None
    for o in read_options(options.replace(",", " ")):
        low = o.name.lower()
        if "outcome".startswith(low) and len(low) >= 1 and o.arg is not None:
            outcome = o.arg.strip()
            continue
        if low.startswith("cond") and "conditional".startswith(low) and o.arg is not None:
            word = o.arg.strip().lower()
            if word in ("ebmeans", "ebmodes"):
                raise StataError(STOCHASTIC, 498)
            if word != "fixedonly":
                raise StataError("invalid conditional() option", 198)
            flags.add("fixedonly")
            continue
        if low.startswith("intp") and "intpoints".startswith(low) and o.arg is not None:
            try:
                points = int(o.arg.strip())
            except ValueError:
                raise StataError("invalid intpoints() option", 198) from None
            if points < 2:
                raise StataError("invalid intpoints() option", 198)
            continue
        if o.arg is None and resolve_choice(low, _STOCHASTIC) is not None:
            raise StataError(STOCHASTIC, 498)
        name = resolve_choice(low, _STATISTICS + _FLAGS) if o.arg is None else None
        if name is None:
            raise option_not_allowed(o.name, o.arg)
        if name in dict(_STATISTICS):
            if stat is not None and stat != name:
                raise StataError("only one statistic may be specified", 198)
            stat = name
        else:
            flags.add(name)
    if {"marginal", "fixedonly"} <= flags:
        raise StataError("options marginal and conditional(fixedonly) may not be combined", 198)
    return stat or "mu", outcome, flags, points


def gsem_margins_prediction(fit, design, options: str):
    """margins' prediction (``estimation.interface.MarginsPrediction``) after gsem; module docstring."""
    info = _info(fit)
    stat, outcome, flags, points = parse_statistic(options)
    fam, link, y, values = info["family"], info["link"], info["depvar"], info["values"]
    k = _outcome_index(info, outcome)
    if stat == "pr" and fam not in ("bernoulli", "binomial", "ordinal", "multinomial"):
        raise StataError("option pr not allowed", 198)
    marginal = "fixedonly" not in flags and bool(info["variances"])
    shown = y if values is None else f"{_value_text(values[k])}.{y}"
    tail = "" if marginal or not info["variances"] else ", fixed portion only"
    t, w = gauss_hermite(points or int(fit.extra.get("n_quad") or 7))
    other_eqs, other_names, equations = [], [], []
    if fam == "multinomial":
        free = [j for j in range(len(values)) if j != info["base"]]
        for j in free[1:]:
            eqname = f"{_value_text(values[j])}.{y}"
            other_eqs.append(j)
            other_names += [f"{eqname}:{c}" for c in design.column_names]
            equations.append(Equation(tuple(design.recipes)))
        first = free[0]
    cuts = ()
    if fam == "ordinal":
        cuts = tuple(f"{n}:_cons" for n in fit.glmm.model.family.anc_names)
        equations += [Equation(None) for _ in cuts]
    variances = info["variances"] if marginal else ()
    equations += [Equation(None) for _ in variances]
    ancillary = tuple(other_names) + cuts + variances
    if stat == "eta":  # E(eta + u) = eta: no latent variance enters
        label = f"Linear prediction ({shown})"
        if fam != "multinomial" or k == first:
            return LinearIndex(label)
        if k == info["base"]:
            return EquationsResponse(label, lambda eta, etas: np.zeros_like(eta), (), ())
        at = other_eqs.index(k)
        return EquationsResponse(label, lambda eta, etas: etas[at], tuple(other_names),
                                 tuple(equations[:len(other_eqs)]))
    n_other, n_cuts = len(other_eqs), len(cuts)

    def conditional(index_shift, eta, etas):
        """h(eta + u) of each row at latent value ``index_shift`` (a number)."""
        if fam == "multinomial":
            index = np.zeros((len(eta), len(values)))
            index[:, first] = eta + index_shift
            for j, e in zip(other_eqs, etas[:n_other]):
                index[:, j] = e + index_shift
            return special.softmax(index, axis=1)[:, k]
        if fam == "ordinal":
            c = [np.asarray(e, float) for e in etas[:n_cuts]]
            cdf = special.expit if link == "logit" else stats.norm.cdf
            hi = cdf(c[k] - eta - index_shift) if k < len(c) else 1.0
            lo = cdf(c[k - 1] - eta - index_shift) if k > 0 else 0.0
            return hi - lo
        return inverse_link(link, eta + index_shift)[0]

    def value(eta, etas):
        eta = np.asarray(eta, float)
        if not variances:
            return conditional(0.0, eta, etas)
        s2 = sum(np.asarray(e, float) for e in etas[len(etas) - len(variances):])
        sd = np.sqrt(np.maximum(s2, 0.0))
        return sum(wk * conditional(sd * tk, eta, etas) for tk, wk in zip(t, w))

    if stat == "pr" or fam in ("ordinal", "multinomial"):
        label = f"Pr({shown}){tail}"
    else:
        label = f"Predicted mean ({shown}){tail}"
    return EquationsResponse(label, value, ancillary, tuple(equations))
