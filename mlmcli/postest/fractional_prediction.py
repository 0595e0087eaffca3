"""``predict`` and ``margins`` after fracreg, hetprob, betareg, scobit and the grouped-data
commands: every statistic is a function of the linear prediction x b (+ the offset) and of the
model's other equation (het()'s z g, betareg's scale, scobit's ln alpha):

    fracreg/hetprob: cm/pr = G(x b / exp(z g)), sigma = exp(z g); betareg: cmean = G(x b);
    scobit: pr = 1 - (1 + exp(x b))^(-alpha); blogit & co.: pr = G(x b), n = pop pr;
    all: xb, stdp = sqrt(x V x').
"""
from __future__ import annotations

import numpy as np

from mlmcli.postest.linear_prediction import LinearIndexPredictions


class PostedIndexPredictions(LinearIndexPredictions):
    """What these fits share: b and V of the first equation's estimable coefficients, e(b) and
    e(V) as the command posts them (``posted``), xb as the one statistic of the index."""

    posted = None  # (e(b), e(V))

    def e_matrices(self):
        return self.posted

    def result(self):
        return None  # the command keeps the result object

    def predict_from_index(self, statistic: str, xb, rows):
        from mlmcli.errors import StataError

        if statistic == "xb":
            return xb
        raise StataError(f"option {statistic} not allowed", 198)


def margins_statistic(options: str, table, default: str, *, stochastic=("stdp", "scores"), many_rc: int = 198) -> str:
    """The statistic of margins' predict() (``table``: (name, minimal abbreviation) ...; none typed:
    ``default``); stdp and scores depend on more than e(b) (r(498))."""
    from mlmcli.errors import StataError, option_not_allowed
    from mlmcli.margins.response import STOCHASTIC
    from mlmcli.syntax.abbreviation import resolve_choice
    from mlmcli.syntax.options import read_options

    typed = read_options(options)
    if len(typed) > 1:
        raise StataError("only one statistic may be specified", many_rc)
    name = resolve_choice(typed[0].name.lower(), table) if typed else default
    if name is None or (typed and typed[0].arg is not None):
        raise option_not_allowed(typed[0].name, typed[0].arg)
    if name in stochastic:
        raise StataError(STOCHASTIC, 498)
    return name


class FractionalPredictions(PostedIndexPredictions):
    """The fit ``predict`` and ``margins`` see: b (the estimable coefficients of the mean
    equation), V (theirs), the link, and with het() the variance equation's design and g."""

    def __init__(self, b, V, link: str, depvar: str, offset_var: str | None, het=None, command: str = "fracreg"):
        self.b, self.V = np.asarray(b, float), np.asarray(V, float)
        self.command = command
        self.link, self.depvar, self.offset_var = link, depvar, offset_var
        self.het = het  # (design, g, offset variable or None): sigma_i = exp(z_i g + offset_i)

    def sigma_at(self, data, offset: bool = True):
        """exp(z g) on every row of ``data`` (1 without het())."""
        if self.het is None:
            return np.ones(data.nobs)
        design, g, het_offset = self.het
        Z = np.asarray(design.columns(data), float).reshape(data.nobs, -1)
        zg = Z @ g
        if offset and het_offset:
            zg = zg + data.numeric(het_offset)
        return np.exp(zg)

    def conditional_mean(self, xb, sigma):
        from mlmcli.glm.fractional_response import mean_function

        return mean_function(self.link, xb / sigma)

    def margins_prediction(self, options: str):
        """margins' hook: cm (the default) G(x b), xb; stdp and scores depend on more than e(b)
        (fracreg's e(marginsnotok)).  After het() mlm refuses margins (the mean needs the
        variance equation's design, which margins' single-index hook does not carry)."""
        from mlmcli.errors import StataError
        from mlmcli.margins.response import InverseLink, LinearIndex

        name = margins_statistic(options, (("cm", 2), ("xb", 2), ("stdp", 4), ("sigma", 1), ("scores", 2)), "cm")
        if self.het is not None:
            what = "hetprob" if self.command == "hetprob" else "fracreg with het()"
            raise StataError(f"margins after {what} not supported by mlmcli", 198)
        if name == "sigma":
            raise StataError("option sigma invalid", 198)
        if self.offset_var:
            raise StataError("margins after fracreg with offset() not supported by mlmcli", 198)
        if name == "xb":
            return LinearIndex("Linear prediction")
        return InverseLink(self.link, f"Conditional mean of {self.depvar}")


class BetaPredictions(PostedIndexPredictions):
    """betareg's fit as ``predict`` and ``margins`` see it: b and V of the depvar's equation, the
    link; g and the scale design for cvariance and xbscale."""

    def __init__(self, b, V, link: str, slink: str, depvar: str, scale):
        self.b, self.V = np.asarray(b, float), np.asarray(V, float)
        self.link, self.slink, self.depvar = link, slink, depvar
        self.scale = scale  # (design, g)

    def scale_index(self, data):
        design, g = self.scale
        return np.asarray(design.columns(data), float).reshape(data.nobs, -1) @ g

    def margins_prediction(self, options: str):
        """margins' hook: cmean (the default) G(x b) and xb; cvariance and xbscale need the scale
        equation's design, which margins' single-index hook does not carry (mlm refuses them);
        stdp and scores are e(marginsnotok)."""
        from mlmcli.errors import StataError
        from mlmcli.margins.response import InverseLink, LinearIndex

        name = margins_statistic(options, (("cmean", 2), ("cvariance", 4), ("xb", 2), ("xbscale", 5), ("stdp", 4),
                                           ("scores", 2)), "cmean", many_rc=498)
        if name in ("cvariance", "xbscale") or (name == "cmean" and self.link == "loglog"):
            raise StataError(f"margins, predict({name}) after betareg not supported by mlmcli", 198)
        if name == "xb":
            return LinearIndex(f"Linear prediction in {self.depvar} equation")
        return InverseLink(self.link, f"Conditional mean of {self.depvar}")


class GroupedPredictions(PostedIndexPredictions):
    """blogit/bprobit/glogit/gprobit as ``predict`` and ``margins`` see them: b, V, the link and
    the population variable (n = pop G(x b))."""

    def __init__(self, b, V, link: str, pop: str, offset_var: str | None):
        self.b, self.V = np.asarray(b, float), np.asarray(V, float)
        self.link, self.pop, self.offset_var = link, pop, offset_var

    def margins_prediction(self, options: str):
        """margins' hook: pr and xb; n (the default) multiplies by pop_var, which margins'
        single-index hook does not carry (mlm refuses it)."""
        from mlmcli.errors import StataError
        from mlmcli.margins.response import InverseLink, LinearIndex

        name = margins_statistic(options, (("n", 1), ("pr", 1), ("xb", 2), ("stdp", 4)), "n")
        if self.offset_var and name != "xb":
            raise StataError("margins after a grouped-data fit with offset() not supported by mlmcli", 198)
        if name == "n":
            raise StataError("margins, predict(n) (E(cases), the default) not supported by mlmcli; "
                             "type predict(pr)", 198)
        if name == "xb":
            return LinearIndex("Linear prediction")
        return InverseLink(self.link, "Pr(outcome)")


class SkewedLogitPredictions(PostedIndexPredictions):
    """scobit's fit as ``predict`` and ``margins`` see it: b, V of the depvar's equation and
    ln alpha (e(b)'s ``lnalpha:_cons``, margins' ancillary parameter)."""

    def __init__(self, b, V, lnalpha: float, depvar: str, offset_var: str | None):
        self.b, self.V = np.asarray(b, float), np.asarray(V, float)
        self.lnalpha, self.depvar, self.offset_var = float(lnalpha), depvar, offset_var

    def margins_prediction(self, options: str):
        """margins' hook: pr (the default) p = 1 - (1 + exp(eta))^(-alpha) with its derivatives in
        eta and ln alpha; xb."""
        from mlmcli.errors import StataError
        from mlmcli.margins.response import LinearIndex

        name = margins_statistic(options, (("pr", 1), ("xb", 2), ("stdp", 4), ("scores", 2)), "pr")
        if self.offset_var:
            raise StataError("margins after scobit with offset() not supported by mlmcli", 198)
        if name == "xb":
            return LinearIndex("Linear prediction")
        return SkewedLogitResponse(f"Pr({self.depvar})")


class SkewedLogitResponse:
    """p = 1 - exp(-alpha L), L = ln(1 + e^eta), a = ln alpha: dp/deta = alpha s q, d2p/deta2 =
    alpha q (s(1-s) - alpha s^2), dp/da = alpha L q, d2p/deta da = alpha s q (1 - alpha L), with
    s = invlogit(eta), q = exp(-alpha L)."""

    linear = False
    ancillary = ("lnalpha:_cons",)

    def __init__(self, label: str):
        self.label = label

    def response(self, eta, a):
        from scipy import special

        eta = np.asarray(eta, float)
        alpha = float(np.exp(np.asarray(a, float).ravel()[0]))
        L, s = np.logaddexp(0.0, eta), special.expit(eta)
        q = np.exp(-alpha * L)
        p = -np.expm1(-alpha * L)
        d1 = alpha * s * q
        d2 = alpha * q * (s * (1 - s) - alpha * s * s)
        da = alpha * L * q
        d1a = alpha * s * q * (1 - alpha * L)
        return p, d1, d2, da[..., None], d1a[..., None]
