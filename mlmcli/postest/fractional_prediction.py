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
    name = resolve_choice(typed[0].name, table) if typed else default
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
        """margins' hook: cm (hetprob: pr; the default) G(x b / exp(z g)), sigma exp(z g), xb;
        stdp and scores depend on more than e(b) (fracreg's e(marginsnotok)).  With het() or
        an offset the prediction reads the rows (``margins.equations``: z g under margins'
        setting, g margins' ancillary parameters)."""
        from mlmcli.errors import StataError
        from mlmcli.margins.equations import EquationsResponse
        from mlmcli.margins.response import InverseLink, LinearIndex

        hetprob = self.command == "hetprob"
        table = (("pr", 1), ("xb", 2), ("stdp", 4), ("sigma", 1)) if hetprob else \
            (("cm", 2), ("xb", 2), ("stdp", 4), ("sigma", 1), ("scores", 2))
        name = margins_statistic(options, table, "pr" if hetprob else "cm")
        if name == "sigma" and self.het is None:
            raise StataError("option sigma invalid", 198)
        label = f"Pr({self.depvar})" if hetprob else f"Conditional mean of {self.depvar}"
        if self.het is None and not self.offset_var:
            return LinearIndex("Linear prediction") if name == "xb" else InverseLink(self.link, label)
        names, equations = self._other_equations()
        offset = _offset(self.offset_var)
        if name == "xb":
            return EquationsResponse("Linear prediction", lambda eta, etas: eta, (), (), offset)
        if name == "sigma":
            return EquationsResponse("Sigma", lambda eta, etas: np.exp(etas[0]), names, equations)
        from mlmcli.glm.fractional_response import mean_function

        if self.het is None:
            return EquationsResponse(label, lambda eta, etas: mean_function(self.link, eta), (), (), offset)
        return EquationsResponse(label, lambda eta, etas: mean_function(self.link, eta / np.exp(etas[0])), names,
                                 equations, offset)

    def _other_equations(self):
        """(e(b) names, ``Equation``) of the variance equation."""
        from mlmcli.margins.equations import Equation

        if self.het is None:
            return (), ()
        design, _, het_offset = self.het
        eq = "lnsigma2" if self.command == "hetprob" else "lnsigma"
        return (tuple(f"{eq}:{c}" for c in design.column_names),
                (Equation(tuple(design.recipes), _offset(het_offset)),))

    def margins_other_labels(self):
        """The variance equation's coefficients: margins sets and differentiates its covariates."""
        return tuple(self.het[0].labels) if self.het is not None else ()

    def margins_variables(self) -> tuple[str, ...]:
        """The variance equation's covariates and the offsets: what the prediction reads besides X."""
        from mlmcli.margins.equations import equation_variables

        recipes = tuple(self.het[0].recipes) if self.het is not None else ()
        return equation_variables(recipes, (self.offset_var, self.het[2] if self.het is not None else None))


def _offset(variable):
    from mlmcli.margins.equations import Offset

    return Offset(variable) if variable else None


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
        """margins' hook: cmean (the default) G(x b), xb; cvariance and xbscale read the scale
        equation on the rows (``margins.equations``); stdp and scores are e(marginsnotok)."""
        from mlmcli.margins.response import InverseLink, LinearIndex

        name = margins_statistic(options, (("cmean", 2), ("cvariance", 4), ("xb", 2), ("xbscale", 5), ("stdp", 4),
                                           ("scores", 2)), "cmean", many_rc=498)
        if name == "xb":
            return LinearIndex(f"Linear prediction in {self.depvar} equation")
        if name == "cmean" and self.link != "loglog":
            return InverseLink(self.link, f"Conditional mean of {self.depvar}")
        from mlmcli.glm.beta_regression import mean, precision
        from mlmcli.margins.equations import Equation, EquationsResponse

        if name == "cmean":  # loglog: margins' inverse links lack it
            return EquationsResponse(f"Conditional mean of {self.depvar}", lambda eta, etas: mean(self.link, eta)[0],
                                     (), ())
        design = self.scale[0]
        names, equations = tuple(f"scale:{c}" for c in design.column_names), (Equation(tuple(design.recipes)),)
        if name == "xbscale":
            return EquationsResponse("Linear prediction in scale equation", lambda eta, etas: etas[0], names,
                                     equations)

        def variance(eta, etas):
            mu = mean(self.link, eta)[0]
            return mu * (1 - mu) / (1 + precision(self.slink, etas[0])[0])
        return EquationsResponse(f"Conditional variance of {self.depvar}", variance, names, equations)

    def margins_other_labels(self):
        """The scale equation's coefficients: margins sets and differentiates its covariates."""
        return tuple(self.scale[0].labels)

    def margins_variables(self) -> tuple[str, ...]:
        from mlmcli.margins.equations import equation_variables

        return equation_variables(tuple(self.scale[0].recipes))


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
        if name == "n":
            raise StataError("margins, predict(n) (E(cases), the default) not supported by mlmcli; "
                             "type predict(pr)", 198)
        if self.offset_var:
            from mlmcli.glm.fractional_response import mean_function
            from mlmcli.margins.equations import EquationsResponse

            if name == "xb":
                return EquationsResponse("Linear prediction", lambda eta, etas: eta, (), (), _offset(self.offset_var))
            return EquationsResponse("Pr(outcome)", lambda eta, etas: mean_function(self.link, eta), (), (),
                                     _offset(self.offset_var))
        if name == "xb":
            return LinearIndex("Linear prediction")
        return InverseLink(self.link, "Pr(outcome)")

    def margins_variables(self) -> tuple[str, ...]:
        return (self.offset_var,) if self.offset_var else ()


class SkewedLogitPredictions(PostedIndexPredictions):
    """scobit's fit as ``predict`` and ``margins`` see it: b, V of the depvar's equation and
    ln alpha (e(b)'s ``lnalpha:_cons``, margins' ancillary parameter)."""

    def __init__(self, b, V, lnalpha: float, depvar: str, offset_var: str | None):
        self.b, self.V = np.asarray(b, float), np.asarray(V, float)
        self.lnalpha, self.depvar, self.offset_var = float(lnalpha), depvar, offset_var

    def margins_prediction(self, options: str):
        """margins' hook: pr (the default) p = 1 - (1 + exp(eta))^(-alpha) with its derivatives in
        eta and ln alpha; xb (with an offset: read on the rows, ``margins.equations``)."""
        from mlmcli.margins.response import LinearIndex

        name = margins_statistic(options, (("pr", 1), ("xb", 2), ("stdp", 4), ("scores", 2)), "pr")
        if self.offset_var:
            from mlmcli.glm.skewed_logit import probability
            from mlmcli.margins.equations import Equation, EquationsResponse

            if name == "xb":
                return EquationsResponse("Linear prediction", lambda eta, etas: eta, (), (), _offset(self.offset_var))
            return EquationsResponse(f"Pr({self.depvar})", lambda eta, etas: probability(eta, etas[0]),
                                     ("lnalpha:_cons",), (Equation(),), _offset(self.offset_var))
        if name == "xb":
            return LinearIndex("Linear prediction")
        return SkewedLogitResponse(f"Pr({self.depvar})")

    def margins_variables(self) -> tuple[str, ...]:
        return (self.offset_var,) if self.offset_var else ()


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
