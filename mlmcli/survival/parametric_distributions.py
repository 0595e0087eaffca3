"""streg's six survival distributions: each class gives, per record, the log density of ln t
and the log survivor function at t, from the linear predictors of its equations (the _t
equation ``xb`` first, then the ancillary equations in Stata's order).

Stata's log likelihood is that of ln t, not of t: a failure contributes ln f(t) + ln t
(the Weibull and exponential evaluators write ln h(t) t; the value is then invariant to
the scale of time; Stata's FAQ example ``streg weight, dist(gamma)`` on the auto data
prints -14.77069, which is the density-of-t optimum -84.65576 plus sum(d ln t) = 69.88507).
So, with left truncation at t0 > 0,

    ll_i = d_i (ln f(t_i) + ln t_i) + (1 - d_i) ln S(t_i) - ln S(t0_i).

R's survreg reports the log likelihood of t (its loglik plus sum(d ln t) is Stata's).
"""
from __future__ import annotations

import numpy as np


def _special():
    import scipy.special as sc

    return sc


class Distribution:
    """A family: ``name`` (e(distribution)), ``title`` (before `` -- ``), ``cmd`` (e(cmd)),
    ``aux`` (the ancillary equations' names), ``metrics`` it is fitted in (``hazard`` the
    log relative-hazard form, ``time`` the accelerated failure-time form)."""

    name = title = cmd = ""
    aux: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ("time",)

    def log_density(self, lt: np.ndarray, t: np.ndarray, eqs: list, aft: bool) -> np.ndarray:
        """ln f(t) + ln t (the density of ln t)."""
        raise NotImplementedError

    def log_survivor(self, lt: np.ndarray, t: np.ndarray, eqs: list, aft: bool) -> np.ndarray:
        raise NotImplementedError

    def density_and_survivor(self, lt, t, eqs, aft) -> tuple[np.ndarray, np.ndarray]:
        """(log_density, log_survivor) at the same records (a family may share their parts)."""
        return self.log_density(lt, t, eqs, aft), self.log_survivor(lt, t, eqs, aft)

    def mean_time(self, eqs: list, aft: bool) -> np.ndarray:
        """E[T] = the integral of S(t) over t > 0 (missing where it diverges)."""
        raise NotImplementedError

    def mean_log_time(self, eqs: list, aft: bool) -> np.ndarray | None:
        """E[ln T] (None: not available)."""
        return None

    def steps(self, step: float, t: np.ndarray, m: int) -> list[float]:
        """The difference steps of the m predictors (log-scale ones: ``step``)."""
        return [step] * m

    def record_steps(self, step: float, t: np.ndarray, eqs: list, aft: bool) -> list:
        """The difference steps of the predictors at ``eqs``: ``steps``, except that a predictor
        whose effect is multiplied by a record's 1/scale (xb in z = (ln t - xb) / sigma) takes
        that record's step where the scale is below 0.1, so that z moves by at most 10 ``step``
        (a fixed step of 1e-3 moves z by 1 at sigma = 1e-3: derivatives wrong in the second
        digit and Newton stalled, fuzz round 13's loglogistic on dates).  Scales >= 0.1 keep
        ``steps`` exactly (the same bits as before)."""
        out = self.steps(step, t, len(eqs))
        scale = self._xb_scale(eqs, aft) if len(eqs) > 1 else None
        if scale is not None:
            with np.errstate(over="ignore", invalid="ignore"):
                shrunk = np.minimum(out[0], 10 * out[0] * scale)
            # a missing/zero scale keeps the step (the likelihood is not finite there anyway)
            shrunk = np.where(np.isfinite(shrunk) & (shrunk > 0), shrunk, out[0])
            if np.any(shrunk < out[0]):
                out[0] = np.broadcast_to(shrunk, np.shape(eqs[0]))
        return out

    def _xb_scale(self, eqs: list, aft: bool):
        """The scale that divides xb's effect on the likelihood (None: xb enters on its own scale)."""
        return None

    def start(self, rate: float, mean_lt: float, aft: bool) -> list[float]:
        """The constants the constant-only fit starts from, one an equation."""
        return [(-np.log(rate) if aft else np.log(rate)) if rate > 0 else 0.0] + [0.0] * len(self.aux)


class Exponential(Distribution):
    """h(t) = exp(xb) (hazard form) or exp(-xb) (time form); ln S = -h t;
    ln f + ln t = ln h + ln t - h t."""

    name, title, cmd, metrics = "exponential", "Exponential regression", "ereg", ("hazard", "time")

    @staticmethod
    def _lnh(eqs, aft):
        return -eqs[0] if aft else eqs[0]

    def log_density(self, lt, t, eqs, aft):
        lnh = self._lnh(eqs, aft)
        return lnh + lt - np.exp(lnh) * t

    def log_survivor(self, lt, t, eqs, aft):
        return -np.exp(self._lnh(eqs, aft)) * t

    def mean_time(self, eqs, aft):
        """1 / h."""
        return np.exp(-self._lnh(eqs, aft))

    def mean_log_time(self, eqs, aft):
        """-ln h - Euler's constant (ln T = -ln h + ln E, E standard exponential)."""
        return -self._lnh(eqs, aft) - np.euler_gamma


class Weibull(Distribution):
    """p = exp(ln_p); hazard form h(t) = p t^(p-1) exp(xb), time form h(t) = p t^(p-1)
    exp(-p xb); ln S = -exp(xb) t^p (resp. -exp(-p xb) t^p); ln f + ln t = ln p + p ln t
    + ln S + (xb or -p xb)."""

    name, title, cmd, metrics = "weibull", "Weibull regression", "weibull", ("hazard", "time")
    aux = ("ln_p",)

    def _xb_scale(self, eqs, aft):
        return np.exp(-eqs[1]) if aft else None  # ln S = -exp(p (ln t - xb)): the scale 1/p

    @staticmethod
    def _log_scale(eqs, aft):
        p = np.exp(eqs[1])
        return (-p * eqs[0] if aft else eqs[0]), p

    def log_density(self, lt, t, eqs, aft):
        ls, p = self._log_scale(eqs, aft)
        return ls + eqs[1] + p * lt - np.exp(ls + p * lt)

    def log_survivor(self, lt, t, eqs, aft):
        ls, p = self._log_scale(eqs, aft)
        return -np.exp(ls + p * lt)

    def density_and_survivor(self, lt, t, eqs, aft):
        """Both with p ln t and exp(ls + p ln t) taken once (the same operations, bit for bit:
        the frailty fits evaluate them 100,000 times)."""
        ls, p = self._log_scale(eqs, aft)
        plt = p * lt
        cum = np.exp(ls + plt)
        return ls + eqs[1] + plt - cum, -cum

    def mean_time(self, eqs, aft):
        """Gamma(1 + 1/p) exp(-ls / p), ln S = -exp(ls) t^p."""
        ls, p = self._log_scale(eqs, aft)
        return np.exp(_special().gammaln(1 + 1 / p) - ls / p)

    def mean_log_time(self, eqs, aft):
        """(-ls - Euler's constant) / p (p ln T = -ls + ln E)."""
        ls, p = self._log_scale(eqs, aft)
        return (-ls - np.euler_gamma) / p


class Gompertz(Distribution):
    """Hazard form only: h(t) = exp(xb) exp(gamma t); ln S = -exp(xb) (exp(gamma t) - 1) / gamma
    (-exp(xb) t at gamma = 0); ln f + ln t = xb + gamma t + ln t + ln S."""

    name, title, cmd, metrics = "gompertz", "Gompertz regression", "gompertz", ("hazard",)
    aux = ("gamma",)

    def steps(self, step, t, m):
        # gamma multiplies t: its step on the scale of 1/t
        return [step, step / max(float(np.max(t)), 1e-300)]

    def log_survivor(self, lt, t, eqs, aft):
        g = eqs[1]
        gt = g * t
        small = np.abs(gt) < 1e-12
        frac = np.where(small, t, np.expm1(gt) / np.where(g == 0, 1.0, g))
        return -np.exp(eqs[0]) * frac

    def log_density(self, lt, t, eqs, aft):
        return eqs[0] + eqs[1] * t + lt + self.log_survivor(lt, t, eqs, aft)

    def mean_time(self, eqs, aft):
        """(1/gamma) exp(c) E1(c), c = exp(xb) / gamma (gamma > 0); 1/exp(xb) at gamma = 0;
        missing for gamma < 0 (S tends to exp(exp(xb) / gamma) > 0: no finite mean)."""
        lam, g = np.exp(eqs[0]), np.broadcast_to(eqs[1], np.shape(eqs[0]))
        gpos = np.where(g > 0, g, 1.0)
        c = lam / gpos
        out = np.where(g > 0, _special().exp1(c) * np.exp(c) / gpos, np.nan)
        return np.where(g == 0, 1 / lam, out)


class Lognormal(Distribution):
    """Time form: ln t ~ N(xb, sigma^2), sigma = exp(ln_sig), z = (ln t - xb) / sigma;
    ln f + ln t = ln phi(z) - ln sigma; ln S = ln Phi(-z)."""

    name, title, cmd = "lognormal", "Lognormal regression", "lnormal"
    aux = ("ln_sig",)

    def _xb_scale(self, eqs, aft):
        return np.exp(eqs[1])

    def log_density(self, lt, t, eqs, aft):
        z = (lt - eqs[0]) * np.exp(-eqs[1])
        return -0.5 * z * z - 0.5 * np.log(2 * np.pi) - eqs[1]

    def log_survivor(self, lt, t, eqs, aft):
        return _special().log_ndtr(-(lt - eqs[0]) * np.exp(-eqs[1]))

    def mean_time(self, eqs, aft):
        """exp(xb + sigma^2 / 2)."""
        return np.exp(eqs[0] + 0.5 * np.exp(2 * eqs[1]))

    def mean_log_time(self, eqs, aft):
        return eqs[0]


class Loglogistic(Distribution):
    """Time form: S(t) = 1 / (1 + (exp(-xb) t)^(1/gamma)), gamma = exp(ln_gam),
    z = (ln t - xb) / gamma; ln f + ln t = z - ln gamma - 2 ln(1 + e^z); ln S = -ln(1 + e^z)."""

    name, title, cmd = "loglogistic", "Loglogistic regression", "llogistic"
    aux = ("ln_gam",)

    def _xb_scale(self, eqs, aft):
        return np.exp(eqs[1])

    def log_density(self, lt, t, eqs, aft):
        z = (lt - eqs[0]) * np.exp(-eqs[1])
        return z - eqs[1] - 2 * np.logaddexp(0.0, z)

    def log_survivor(self, lt, t, eqs, aft):
        return -np.logaddexp(0.0, (lt - eqs[0]) * np.exp(-eqs[1]))

    def mean_time(self, eqs, aft):
        """exp(xb) pi gamma / sin(pi gamma) for gamma < 1 (missing otherwise)."""
        g = np.exp(eqs[1])
        with np.errstate(all="ignore"):
            return np.where(g < 1, np.exp(eqs[0]) * np.pi * g / np.sin(np.pi * g), np.nan)

    def mean_log_time(self, eqs, aft):
        return eqs[0]


class GeneralizedGamma(Distribution):
    """Time form (Stata's parameterisation): sigma = exp(ln_sig), kappa, gam = kappa^-2,
    z = sign(kappa) (ln t - xb) / sigma, u = gam exp(|kappa| z);
    ln f + ln t = gam ln gam - ln(sigma sqrt(gam)) - lngamma(gam) + z sqrt(gam) - u;
    S = 1 - I(gam, u) for kappa > 0, I(gam, u) for kappa < 0 (I the regularised lower
    incomplete gamma); kappa = 0 is the lognormal."""

    name, title, cmd = "gamma", "Gamma regression", "gamma"
    aux = ("ln_sig", "kappa")

    def _xb_scale(self, eqs, aft):
        return np.exp(eqs[1])

    @staticmethod
    def _parts(lt, eqs):
        k = eqs[2]
        k0 = np.where(k == 0, 1.0, k)
        gam = 1.0 / (k0 * k0)
        z = np.sign(k0) * (lt - eqs[0]) * np.exp(-eqs[1])
        return k, gam, z, gam * np.exp(np.abs(k0) * z)

    def log_density(self, lt, t, eqs, aft):
        """In a form without cancellation as kappa -> 0 (gam -> infinity): with w = |kappa| z,
        z sqrt(gam) - u = -gam (e^w - 1 - w) - gam, and gam ln gam - ln sqrt(gam) - lngamma(gam)
        - gam = -ln sqrt(2 pi) - r(gam), r Stirling's remainder; so
        ln f + ln t = -ln sqrt(2 pi) - r(gam) - ln sigma - (e^w - 1 - w) / kappa^2,
        the lognormal's at kappa = 0."""
        k, gam, z, _ = self._parts(lt, eqs)
        w = np.abs(k) * z
        small = np.abs(w) < 1e-4
        excess = np.where(small, w * w * (0.5 + w * (1 / 6 + w / 24)), np.expm1(w) - w)
        with np.errstate(divide="ignore", invalid="ignore"):
            quad = np.where(k == 0, 0.5 * z * z, excess * gam)
        return -0.5 * np.log(2 * np.pi) - _stirling_remainder(np.where(k == 0, np.inf, gam)) - eqs[1] - quad

    def log_survivor(self, lt, t, eqs, aft):
        sc = _special()
        k, gam, z, u = self._parts(lt, eqs)
        with np.errstate(divide="ignore"):
            out = np.where(k > 0, np.log(sc.gammaincc(gam, u)), np.log(sc.gammainc(gam, u)))
        return np.where(k == 0, Lognormal().log_survivor(lt, t, eqs[:2], aft), out)

    def mean_time(self, eqs, aft):
        """T = exp(xb) (u / gam)^(sigma / kappa), u ~ Gamma(gam, 1): exp(xb) gam^(-sigma/kappa)
        Gamma(gam + sigma/kappa) / Gamma(gam) where gam + sigma/kappa > 0 (missing otherwise)."""
        sc = _special()
        k = np.broadcast_to(eqs[2], np.shape(eqs[0]))
        k0 = np.where(k == 0, 1.0, k)
        gam, r = 1.0 / (k0 * k0), np.exp(eqs[1]) / k0
        with np.errstate(all="ignore"):
            out = np.where(gam + r > 0, np.exp(eqs[0] - r * np.log(gam) + sc.gammaln(gam + r) - sc.gammaln(gam)),
                           np.nan)
        return np.where(k == 0, Lognormal().mean_time(eqs[:2], aft), out)

    def mean_log_time(self, eqs, aft):
        """xb + (sigma / kappa) (digamma(gam) - ln gam); xb at kappa = 0."""
        k = np.broadcast_to(eqs[2], np.shape(eqs[0]))
        k0 = np.where(k == 0, 1.0, k)
        gam = 1.0 / (k0 * k0)
        out = eqs[0] + np.exp(eqs[1]) / k0 * (_special().digamma(gam) - np.log(gam))
        return np.where(k == 0, eqs[0], out)


def _stirling_remainder(a):
    """lngamma(a) - ((a - 1/2) ln a - a + ln sqrt(2 pi)): the series for a > 15 (its error below
    1e-12 there), directly otherwise; 0 at infinity."""
    a = np.asarray(a, float)
    big = a > 15
    ab = np.where(big, a, 1.0)
    series = 1 / (12 * ab) - 1 / (360 * ab ** 3) + 1 / (1260 * ab ** 5) - 1 / (1680 * ab ** 7)
    af = np.where(big, 1.0, a)
    direct = _special().gammaln(af) - ((af - 0.5) * np.log(af) - af + 0.5 * np.log(2 * np.pi))
    return np.where(big, np.where(np.isinf(a), 0.0, series), direct)


DISTRIBUTIONS = {cls.name: cls() for cls in (Exponential, Weibull, Gompertz, Lognormal, Loglogistic,
                                             GeneralizedGamma)}
