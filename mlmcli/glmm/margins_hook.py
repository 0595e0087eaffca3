"""``margins`` after the me commands: the prediction as a function of x beta.

As Stata 13's margins after ``meglm``, the random effects are set to zero (the
``fixedonly`` prediction): ``mu`` (the default) is g^-1(x beta) -- Pr(y = 1) for the binary
models, exp(x beta) for counts --, ``pr outcome(#)`` after the ordinal models is
F(kappa_k - x beta) - F(kappa_{k-1} - x beta) with the cutpoints as ancillary
parameters, ``eta``/``xb`` is x beta.  Predictions built on the empirical Bayes effects
(``ebmeans``, ``ebmodes``), residuals, ``stdp`` and ``reffects`` depend on more than
e(b) and are refused (r(498)).  Offsets and binomial trials (which multiply mu) are not
part of the hook's x beta and are refused too.
"""
from __future__ import annotations

import re

from ..errors import StataError
from ..margins.response import STOCHASTIC, InverseLink, LinearIndex, OrdinalProbability

STOCHASTIC_WORDS = ("ebmeans", "ebmodes", "means", "modes", "reffects", "reses", "stdp", "pearson",
                    "deviance", "anscombe", "residuals", "response", "scores", "density", "distribution")


def margins_prediction(fit, options: str):
    fx = fit.spec.fixed
    text = options.lower().strip()
    outcome = None
    m = re.search(r"outcome\s*\(([^)]*)\)", text)
    if m:
        outcome = m.group(1).strip().lstrip("#")
        text = (text[:m.start()] + text[m.end():]).strip()
    words = text.replace(",", " ").split()
    words = [w for w in words if w not in ("fixedonly", "fixed")]
    for w in words:
        if w in STOCHASTIC_WORDS:
            raise StataError(STOCHASTIC, 498)
        if w not in ("mu", "pr", "eta", "xb", "nooffset"):
            raise StataError(f"option {w} not allowed", 198)
    stat = next((w for w in words if w in ("mu", "pr", "eta", "xb")), "mu")
    if stat in ("eta", "xb"):
        return LinearIndex("Linear prediction, fixed portion")
    if fx.offset_name and "nooffset" not in words:
        raise StataError("margins with offset() or exposure() is not implemented in mlmcli; "
                         "use predict(... nooffset)", 198)
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
    if fx.family == "binomial" and fx.trials_label not in (None, "1"):
        raise StataError("margins with binomial trials is not implemented in mlmcli", 198)
    if fx.family == "gaussian":
        return LinearIndex("Predicted mean, fixed portion only")
    return InverseLink(fx.link, "Predicted mean, fixed portion only")


def _value(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"
