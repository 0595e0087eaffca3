"""Variance functions and link functions of ``glm`` ([R] glm): the exponential-family
pieces a generalized linear model g(E y) = x b + offset is made of.

Mean mu = m h(eta), with m the binomial denominator (1 for the other families) and h the
inverse link acting on mu/m.  Per observation (prior weight w):

- variance function V(mu): Gaussian 1; Bernoulli/binomial mu(1 - mu/m); Poisson mu;
  gamma mu^2; inverse Gaussian mu^3; negative binomial mu + k mu^2;
- unit deviance d(y, mu): Gaussian (y-mu)^2; binomial 2[y ln(y/mu) + (m-y) ln((m-y)/(m-mu))];
  Poisson 2[y ln(y/mu) - (y-mu)]; gamma 2[-ln(y/mu) + (y-mu)/mu]; inverse Gaussian
  (y-mu)^2/(mu^2 y); negative binomial 2[y ln(y/mu) - (y + 1/k) ln((1+ky)/(1+k mu))],
  with 0 ln 0 = 0;  Pearson residual (y - mu)/sqrt(V(mu));
- log likelihood l(y, mu): binomial ln C(m, y) + y ln(mu/m) + (m-y) ln(1-mu/m); Poisson
  y ln mu - mu - ln y!; negative binomial ln G(y+1/k) - ln G(1/k) - ln y! + y ln(k mu/(1+k mu))
  - ln(1+k mu)/k; Gaussian -[(y-mu)^2/phi + ln(2 pi phi)]/2 with phi = D/N (the ML
  variance, so that glm's Gaussian log likelihood is regress's); gamma -y/mu - ln mu and
  inverse Gaussian -[(y-mu)^2/(y mu^2) + ln(2 pi y^3)]/2, both at scale 1.

Links g(mu/m) = eta with their first two derivatives of h: identity, log, logit, probit,
cloglog, loglog (-ln(-ln u)), logc (ln(1-u)), power a (u^a; power 0 is log), odds power a
(((u/(1-u))^a - 1)/a, glim_l12; opower 0 is the logit) and nbinomial (ln(mu/(mu + 1/k)),
glim_l04: on the mean itself -- a binomial's denominator m aside, mu = (1/k)/(exp(-eta) - 1)
with the variance mu(1 - mu/m) -- k the negative binomial family's, 1 with another family).
The display strings are e(varfuncf)/e(varfunct) and e(linkf)/e(linkt) as Stata prints them
in glm's header (``V(u) = u*(1-u)  [Bernoulli]``, ``g(u) = ln(u/(1-u))  [Logit]``).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import special

from mlmcli import distributions as stats  # scipy.stats' numbers without its import

from ..errors import StataError

FAMILIES = (("gaussian", 3), ("igaussian", 2), ("binomial", 1), ("poisson", 1), ("nbinomial", 2),
            ("gamma", 3))
LINKS = (("identity", 1), ("log", 3), ("logit", 1), ("probit", 1), ("cloglog", 1), ("loglog", 5),
         ("logc", 4), ("power", 3), ("opower", 3), ("nbinomial", 2))
CANONICAL = {"gaussian": "identity", "binomial": "logit", "poisson": "log", "nbinomial": "log",
             "gamma": ("power", -1.0), "igaussian": ("power", -2.0)}
DISCRETE = ("binomial", "poisson", "nbinomial")
_TITLES = {"gaussian": "Gaussian", "igaussian": "Inverse Gaussian", "poisson": "Poisson",
           "gamma": "Gamma", "nbinomial": "Neg. Binomial"}


def _g(x: float) -> str:
    from ..render.numfmt import format_number
    return format_number(float(x), "%9.0g").strip()


@dataclass(frozen=True)
class Family:
    """``name``; ``m``: binomial denominators (None: Bernoulli); ``m_label``: the
    denominator as typed (a number or a variable name); ``k``: the negative binomial k."""

    name: str
    m: np.ndarray | None = None
    m_label: str | None = None
    k: float = 1.0
    k_text: str = ""

    @property
    def bernoulli(self) -> bool:
        return self.name == "binomial" and self.m is None

    @property
    def discrete(self) -> bool:
        return self.name in DISCRETE

    def denominators(self, n: int) -> np.ndarray:
        return np.ones(n) if self.m is None else np.asarray(self.m, float)

    def variance(self, mu: np.ndarray) -> np.ndarray:
        if self.name == "gaussian":
            return np.ones_like(mu)
        if self.name == "binomial":
            return mu * (1 - mu / self.denominators(len(mu)))
        if self.name == "poisson":
            return mu
        if self.name == "gamma":
            return mu ** 2
        if self.name == "igaussian":
            return mu ** 3
        return mu + self.k * mu ** 2

    def variance_derivative(self, mu: np.ndarray) -> np.ndarray:
        if self.name == "gaussian":
            return np.zeros_like(mu)
        if self.name == "binomial":
            return 1 - 2 * mu / self.denominators(len(mu))
        if self.name == "poisson":
            return np.ones_like(mu)
        if self.name == "gamma":
            return 2 * mu
        if self.name == "igaussian":
            return 3 * mu ** 2
        return 1 + 2 * self.k * mu

    def unit_deviance(self, y: np.ndarray, mu: np.ndarray) -> np.ndarray:
        def ylog(a, b):
            return np.where(a > 0, a * np.log(np.where(a > 0, a, 1) / b), 0.0)
        if self.name == "gaussian":
            return (y - mu) ** 2
        if self.name == "binomial":
            m = self.denominators(len(y))
            return 2 * (ylog(y, mu) + ylog(m - y, m - mu))
        if self.name == "poisson":
            return 2 * (ylog(y, mu) - (y - mu))
        if self.name == "gamma":
            return 2 * (-np.log(y / mu) + (y - mu) / mu)
        if self.name == "igaussian":
            return (y - mu) ** 2 / (mu ** 2 * y)
        k = self.k
        return 2 * (ylog(y, mu) - (y + 1 / k) * np.log((1 + k * y) / (1 + k * mu)))

    def loglik(self, y: np.ndarray, mu: np.ndarray, w: np.ndarray) -> float:
        """The log likelihood of glm's header (module docstring)."""
        if self.name == "gaussian":
            phi = float(np.sum(w * (y - mu) ** 2) / np.sum(w))
            return float(-0.5 * np.sum(w * ((y - mu) ** 2 / phi + np.log(2 * np.pi * phi))))
        if self.name == "binomial":
            m = self.denominators(len(y))
            p = mu / m
            with np.errstate(divide="ignore", invalid="ignore"):
                t = (special.gammaln(m + 1) - special.gammaln(y + 1) - special.gammaln(m - y + 1)
                     + special.xlogy(y, p) + special.xlog1py(m - y, -p))
            return float(np.sum(w * t))
        if self.name == "poisson":
            return float(np.sum(w * (special.xlogy(y, mu) - mu - special.gammaln(y + 1))))
        if self.name == "gamma":
            return float(np.sum(w * (-y / mu - np.log(mu))))
        if self.name == "igaussian":
            return float(-0.5 * np.sum(w * ((y - mu) ** 2 / (y * mu ** 2) + np.log(2 * np.pi * y ** 3))))
        k = self.k
        return float(np.sum(w * (special.gammaln(y + 1 / k) - special.gammaln(1 / k) - special.gammaln(y + 1)
                                 + special.xlogy(y, k * mu / (1 + k * mu)) - np.log1p(k * mu) / k)))

    def check_outcome(self, y: np.ndarray) -> None:
        """Stata's domain checks on depvar (r(499) as glm's)."""
        if self.name == "binomial":
            m = self.denominators(len(y))
            if np.any(y < 0) or np.any(y > m):
                raise StataError("dependent variable must be between 0 and the number of trials", 499)
        elif self.name in ("poisson", "nbinomial") and np.any(y < 0):
            raise StataError(f"dependent variable must be nonnegative for family({self.name})", 499)
        elif self.name in ("gamma", "igaussian") and np.any(y <= 0):
            raise StataError(f"dependent variable must be positive for family({self.name})", 499)

    def starting_mean(self, y: np.ndarray) -> np.ndarray:
        """IRLS's starting mu: (y + mean y)/2, and (y + 0.5)/(m + 1) scaled for the binomial."""
        if self.name == "binomial":
            m = self.denominators(len(y))
            return m * (y + 0.5) / (m + 1)
        return (y + np.mean(y)) / 2

    def strings(self) -> tuple[str, str]:
        """(e(varfuncf), e(varfunct))."""
        if self.name == "binomial":
            return ("u*(1-u)", "Bernoulli") if self.bernoulli else (f"u*(1-u/{self.m_label})", "Binomial")
        if self.name == "nbinomial":
            return f"u+({_g(round(self.k, 4))})u^2", "Neg. Binomial"  # glim_v6: round($SGLM_a, 0.0001)
        return {"gaussian": "1", "poisson": "u", "gamma": "u^2", "igaussian": "u^3"}[self.name], \
            _TITLES[self.name]


@dataclass(frozen=True)
class Link:
    """``name`` (identity log logit probit cloglog loglog logc power opower nbinomial); ``power``:
    a of power a and opower a; ``power_text``: a as typed (glm's header prints it so); ``k``: the
    nbinomial link's k (the fit sets the family's)."""

    name: str
    power: float = 1.0
    power_text: str = ""
    k: float = 1.0

    def inverse(self, eta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """h(eta), h'(eta), h''(eta) with u = h(eta) the mean over the denominator."""
        n = self.name
        if n == "identity" or n == "power" and self.power == 1:
            return eta, np.ones_like(eta), np.zeros_like(eta)
        if n == "log" or n == "power" and self.power == 0:
            h = np.exp(np.minimum(eta, 700))
            return h, h, h
        if n == "logit":
            h = special.expit(eta)
            d = h * (1 - h)
            return h, d, d * (1 - 2 * h)
        if n == "probit":
            d = stats.norm.pdf(eta)
            return special.ndtr(eta), d, -eta * d
        if n == "cloglog":
            e = np.exp(np.minimum(eta, 700))
            d = np.exp(np.minimum(eta, 700) - e)
            return -np.expm1(-e), d, d * (1 - e)
        if n == "loglog":
            e = np.exp(np.minimum(-eta, 700))
            h = np.exp(-e)
            return h, e * h, e * h * (e - 1)
        if n == "logc":
            e = np.exp(np.minimum(eta, 700))
            return 1 - e, -e, -e
        if n == "opower":  # odds (1 + a eta)^(1/a); glim_l12's derivatives
            a = self.power
            with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
                odds = (1 + a * eta) ** (1 / a)
                h = odds / (1 + odds)
                d = h ** (1 - a) * (1 - h) ** (1 + a)
                return h, d, d * d * ((1 - a) / h - (1 + a) / (1 - h))
        if n == "nbinomial":  # mu = (1/k)/(exp(-eta) - 1); glim_l04's derivatives
            k = self.k
            with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
                h = (1 / k) / np.expm1(-eta)
                h = np.where(eta < 0, h, np.nan)
                return h, h * (1 + k * h), h * (1 + k * h) * (1 + 2 * k * h)
        a = 1 / self.power  # power a: u = eta^(1/a)
        with np.errstate(invalid="ignore", divide="ignore"):
            return eta ** a, a * eta ** (a - 1), a * (a - 1) * eta ** (a - 2)

    def link(self, u: np.ndarray) -> np.ndarray:
        n = self.name
        if n == "identity" or n == "power" and self.power == 1:
            return u
        if n == "log" or n == "power" and self.power == 0:
            return np.log(u)
        if n == "logit":
            return special.logit(u)
        if n == "probit":
            return special.ndtri(u)
        if n == "cloglog":
            return np.log(-np.log1p(-u))
        if n == "loglog":
            return -np.log(-np.log(u))
        if n == "logc":
            return np.log1p(-u)
        with np.errstate(invalid="ignore", divide="ignore"):
            if n == "opower":
                return ((u / (1 - u)) ** self.power - 1) / self.power
            if n == "nbinomial":
                return np.log(u / (u + 1 / self.k))
            return u ** self.power

    def strings(self, family: Family) -> tuple[str, str]:
        """(e(linkf), e(linkt)); a binomial with denominators writes u/n for u."""
        m = None if family.name != "binomial" or family.bernoulli else family.m_label
        u = f"u/{m}" if m else "u"
        n = self.name
        if n == "power" and self.power in (0, 1):
            n = "log" if self.power == 0 else "identity"
        if n == "identity":
            return "u", "Identity"
        if n == "log":
            return "ln(u)", "Log"
        if n == "logit":
            return (f"ln(u/({m}-u))" if m else "ln(u/(1-u))"), "Logit"
        if n == "probit":
            return f"invnorm({u})", "Probit"
        if n == "cloglog":
            return f"ln(-ln(1-{u}))", "Complementary log-log"
        if n == "loglog":
            return f"-ln(-ln({u}))", "Log-log"
        if n == "logc":
            return f"ln(1-{u})", "Log complement"
        if n == "opower":  # glim_l12: a as typed
            a = self.power_text or _g(self.power)
            return f"((u/({m or 1}-u))^({a})-1)/({a})", "Odds power"
        if n == "nbinomial":  # glim_l04: $SGLM_a, the family's k as typed (1 with another family)
            return f"ln(u/(u+(1/{_k_text(family)})))", "Neg. Binomial"
        if self.power == -1:
            return "1/u", "Reciprocal"
        if self.power == -2:
            return "1/(u^2)", "Power(-2)"
        return f"u^({_g(self.power)})", "Power"


def _k_text(family: Family) -> str:
    if family.name != "nbinomial":
        return "1"
    return family.k_text or _g(family.k)


def family_from_option(text: str | None, ds, sample, allow_ml: bool = False) -> Family:
    """``family(name [#|varname])``: Gaussian by default; ``allow_ml``: ``nbinomial ml`` is read
    (its k, 1 here, is the caller's to estimate)."""
    from ..syntax.options import choice_option

    words = (text or "gaussian").split()
    if not words:
        raise StataError("family() invalid", 198)
    name = choice_option(words[0], FAMILIES, "family", fold_case=True)  # MapFam: lower(trim())
    rest = words[1:]
    if name == "binomial" and rest:
        if len(rest) != 1:
            raise StataError("family() invalid", 198)
        try:
            m = float(rest[0])
            return Family(name, np.full(int(np.count_nonzero(sample)), m), rest[0])
        except ValueError:
            var = ds.resolve(rest[0])
            return Family(name, ds.numeric(var)[sample], var)
    if name == "nbinomial" and rest:
        if len(rest) == 1 and rest[0] == "ml" and allow_ml:  # MapFL: `2' != "ml", case kept
            return Family(name)
        if len(rest) != 1 or rest[0] == "ml":
            raise StataError("family(nbinomial ml) is not implemented in mlmcli; give k as a number", 198)
        try:
            k = float(rest[0])
        except ValueError:
            raise StataError("family() invalid", 198) from None
        if k <= 0:
            raise StataError("nbinomial k must be positive", 198)
        return Family(name, k=k, k_text=rest[0])
    if rest:
        raise StataError("family() invalid", 198)
    return Family(name)


def link_from_option(text: str | None, family: Family) -> Link:
    from ..syntax.options import choice_option

    if not text:
        canon = CANONICAL[family.name]
        return Link("power", canon[1]) if isinstance(canon, tuple) else Link(canon)
    words = text.split()
    name = choice_option(words[0], LINKS, "link", fold_case=True)  # MapLink: lower()
    if name == "nbinomial":
        if len(words) > 1:
            raise StataError("link() invalid", 198)
        # glim_l04 maps the mean itself, a binomial's denominator aside (generalized_linear.link_scale)
        return Link(name, k=family.k if family.name == "nbinomial" else 1.0)
    if name == "opower":  # glm.ado's MapLink: opower 0 is the logit (glim_l02)
        try:
            a = float(words[1]) if len(words) == 2 else None
        except ValueError:
            a = None
        if a is None or not np.isfinite(a):
            raise StataError("invalid # in link(opower #)", 198)
        return Link("logit") if a == 0 else Link("opower", a, words[1])
    if name == "power":
        if len(words) > 2:
            raise StataError("link() invalid", 198)
        try:  # glm.ado's MapLink: confirm number
            return Link("power", float(words[1]))
        except (IndexError, ValueError):
            raise StataError("invalid # in link(power #)", 198) from None
    if len(words) > 1:
        raise StataError("link() invalid", 198)
    return Link(name)
