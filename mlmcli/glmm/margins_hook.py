"""``margins`` after the me commands: the prediction as a function of x beta.

As Stata 13's margins after ``meglm``, the random effects are set to zero (the
``fixedonly`` prediction): ``mu`` (the default) is g^-1(x beta) -- Pr(y = 1) for the binary
models, exp(x beta) for counts --, ``pr outcome(#)`` after the ordinal models is
F(kappa_k - x beta) - F(kappa_{k-1} - x beta) with the cutpoints as ancillary
parameters, ``eta``/``xb`` is x beta.  Predictions built on the empirical Bayes effects
(``ebmeans``, ``ebmodes``), residuals, ``stdp`` and ``reffects`` depend on more than
e(b) and are refused (r(498)).  An ``offset()``/``exposure()`` enters the linear
prediction of ``mu`` (and of ``eta``/``xb``) unless ``nooffset`` is given: mu = g^-1(x beta +
offset), the offset read per row of the data (``glm.predictions.OffsetResponse``); with
binomial trials mu is the expected count n_i g^-1(x beta) (``TrialsResponse``), n_i the trials
variable or number.  After metobit/meintreg: eta (the default) and pr(a,b), e(a,b), ystar(a,b),
at u = 0 or ``marginal`` (``censored_margins``).
"""
from __future__ import annotations

import re

import numpy as np

from ..errors import StataError, option_not_allowed
from ..glm.predictions import OffsetResponse, offset_variable as parse_offset
from ..margins.response import STOCHASTIC, InverseLink, LinearIndex, OrdinalProbability
from ..syntax.options import read_options

STOCHASTIC_WORDS = ("ebmeans", "ebmodes", "means", "modes", "reffects", "remeans", "remodes", "reses", "stdp",
                    "pearson", "deviance", "anscombe", "residuals", "response", "scores", "density", "distribution")


def margins_prediction(fit, options: str):
    if getattr(fit, "xt_command", None) in ("xtlogit", "xtprobit", "xtcloglog"):
        return _xt_binary_prediction(fit, options)
    fx = fit.spec.fixed
    if fx.censor is not None:  # metobit/meintreg: eta, pr(a,b), e(a,b), ystar(a,b) [fixedonly|marginal]
        from .censored_margins import censored_margins_prediction

        base, nooffset = censored_margins_prediction(fit, options)
        if fx.offset_name and not nooffset:
            wrapped = OffsetResponse(base, *offset_variable(fit))
            wrapped.numeric_derivatives = getattr(base, "numeric_derivatives", False)
            return wrapped
        return base
    text = options.strip()
    outcome = None
    m = re.search(r"outcome\s*\(([^)]*)\)", text)
    if m:
        outcome = m.group(1).strip().lstrip("#")
        text = (text[:m.start()] + text[m.end():]).strip()
    typed = [o for o in read_options(text.replace(",", " "))
             if o.arg is not None or o.name not in ("fixedonly", "fixed")]
    words = [o.name for o in typed]
    for o in typed:
        if o.arg is None and o.name in STOCHASTIC_WORDS:
            raise StataError(STOCHASTIC, 498)
        if o.arg is not None or o.name not in ("mu", "pr", "eta", "xb", "nooffset"):
            raise option_not_allowed(o.name, o.arg)
    stat = next((w for w in words if w in ("mu", "pr", "eta", "xb")), "mu")
    base = _base_prediction(fit, stat, outcome, m)
    if fx.offset_name and "nooffset" not in words:
        return OffsetResponse(base, *offset_variable(fit))
    return base


def offset_variable(fit) -> tuple[str, bool]:
    """(variable, is it an exposure (its log enters))."""
    return parse_offset(fit.spec.fixed.offset_name)


def margins_variables(fit) -> tuple[str, ...]:
    """Variables margins' predictions read besides X: the offset/exposure and trials variables."""
    fx = fit.spec.fixed
    out = [offset_variable(fit)[0]] if fx.offset_name else []
    if _trials_variable(fx) is not None:
        out.append(fx.trials_label)
    if fx.censor is not None:  # the random slopes' variables of a marginal pr/e/ystar
        from .censored_margins import slope_variables

        out += [v for v in slope_variables(fit) if v not in out]
    return tuple(out)


def _trials_variable(fx) -> str | None:
    if fx.family != "binomial" or fx.trials_label is None:
        return None
    try:
        float(fx.trials_label)
    except ValueError:
        return fx.trials_label
    return None


def _base_prediction(fit, stat: str, outcome, m):
    fx = fit.spec.fixed
    if stat in ("eta", "xb"):
        return LinearIndex("Linear prediction, fixed portion")
    if fx.family == "ordinal":
        cats = list(fx.categories)
        k = 0
        if outcome is not None:
            try:
                value = float(outcome)
            except ValueError:
                raise StataError(f"outcome({outcome}) invalid", 198) from None
            if m.group(1).strip().startswith("#"):
                k = int(value) - 1
            elif value in cats:
                k = cats.index(value)
            else:
                raise StataError(f"outcome({outcome}) invalid", 198)
            if not 0 <= k < len(cats):
                raise StataError(f"outcome({outcome}) invalid", 198)
        cuts = tuple(f"{n}:_cons" for n in fit.model.family.anc_names)
        label = f"Pr({fx.depvar}=={_value(cats[k])}), fixed portion only"
        return OrdinalProbability(fx.link, k, cuts, label)
    if stat == "pr" and fx.family not in ("bernoulli", "binomial"):
        raise StataError("option pr not allowed", 198)
    if fx.family == "gaussian":
        return LinearIndex("Predicted mean, fixed portion only")
    base = InverseLink(fx.link, "Predicted mean, fixed portion only")
    if fx.family == "binomial" and fx.trials_label not in (None, "1") and stat == "mu":
        return TrialsResponse(base, fx.trials_label, _trials_variable(fx) is not None)
    return base


class TrialsResponse:
    """mu = n_i g^-1(eta): the expected number of successes of n_i binomial trials (n_i a
    variable read per row, or a number)."""

    linear = False
    ancillary: tuple[str, ...] = ()

    def __init__(self, base, trials: str, is_variable: bool):
        self.base, self.trials, self.is_variable = base, trials, is_variable
        self.label = base.label

    def _scale(self, n, out):
        p, d1, d2, da, d1a = out
        return n * p, n * d1, n * d2, da, d1a

    def response(self, eta, a=None):
        if self.is_variable:  # no rows: the probability (margins always passes rows; see row_response)
            return self.base.response(eta, a)
        return self._scale(float(self.trials), self.base.response(eta, a))

    def row_response(self, design, setting, eta, a):
        n = np.asarray(design.observed(self.trials), float) if self.is_variable else float(self.trials)
        return self._scale(n, self.base.response(eta, a))


def _value(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _xt_binary_prediction(fit, options: str):
    """``margins`` after ``xtlogit, re`` / ``xtprobit, re``: their predict (xtbin_p) makes xb
    the default ("Linear prediction") and pu0 = g^-1(xb), "Pr(depvar=1 assuming u_i=0)";
    stdp is refused (r(198))."""
    fx = fit.spec.fixed
    typed = list(read_options(options.replace(",", " ")))
    words = [o.name for o in typed]
    for o in typed:
        if o.arg is not None or o.name not in ("xb", "pu0", "nooffset", "stdp"):
            raise option_not_allowed(o.name, o.arg)
    chosen = [w for w in words if w in ("xb", "pu0", "stdp")]
    if len(chosen) > 1:
        raise StataError("invalid syntax", 198)
    if chosen == ["stdp"]:
        raise StataError("margins of predict(stdp) after xtlogit/xtprobit are not available in mlm", 198)
    if chosen == ["pu0"]:
        base = InverseLink(fx.link, f"Pr({fx.depvar}=1 assuming u_i=0)")
    else:
        base = LinearIndex("Linear prediction")
    if fx.offset_name and "nooffset" not in words:
        return OffsetResponse(base, *offset_variable(fit))
    return base
