"""The normal, Student t, chi-squared and F distributions: densities, distribution
functions, tail probabilities and quantiles, as ``scipy.stats.norm/t/chi2/f`` give them.

Importing ``scipy.stats`` costs ~0.9 s of CPU (it builds every distribution's docstring
and imports scipy.optimize, integrate, interpolate, spatial); the four distributions
the tables need are scipy.special functions, ~0.2 s.  Each method here evaluates the
same special function that ``scipy.stats`` evaluates, with the same argument checks
and boundary values (``rv_continuous.cdf/sf/ppf/isf/pdf`` at loc 0, scale 1), so the
numbers are identical to the last bit:

- norm: cdf = ndtr(x), sf = ndtr(-x), ppf = ndtri(q), isf = -ndtri(q),
  pdf = exp(-x^2/2) / sqrt(2 pi);
- t(df): cdf = stdtr(df, x), sf = stdtr(df, -x), ppf = stdtrit(df, q), isf = -stdtrit(df, q);
- chi2(df): cdf = chdtr(df, x), sf = chdtrc(df, x), ppf = 2 gammaincinv(df/2, q),
  isf = chdtri(df, q);
- f(d1, d2): cdf = fdtr(d1, d2, x), sf = fdtrc(d1, d2, x), ppf = fdtri(d1, d2, q),
  isf = fdtri(d1, d2, 1 - q).

Outside the support, the distribution function is 0 below it and 1 above (the tail the
other way round); quantiles at 0 and 1 are the support's ends; an invalid degree of
freedom (not > 0), a missing argument or a probability outside [0, 1] gives NaN.
"""
from __future__ import annotations

import math

import numpy as np

_SQRT_2PI = math.sqrt(2 * math.pi)


def _special():
    import scipy.special as sc

    return sc


def _result(out: np.ndarray):
    return out[()] if out.ndim == 0 else out


class _Distribution:
    """One family: ``lower``/``upper`` ends of the support, the special functions in the
    ``_cdf``/``_sf``/``_ppf``/``_isf``/``_pdf`` methods (on valid arguments only)."""

    lower = -np.inf
    upper = np.inf

    def _arrays(self, x, args):
        x = np.asarray(x)
        x = np.asarray(x, dtype=np.promote_types(x.dtype, np.float64))
        args = tuple(np.asarray(a) for a in args)
        valid = np.ones((), bool)
        for a in args:
            valid = valid & (a > 0)
        return x, args, valid

    def _place(self, out, cond, fn, x, args):
        if np.any(cond):
            shape = out.shape
            good = [np.broadcast_to(v, shape)[cond] for v in (x,) + args]
            np.place(out, cond, fn(*good))

    def _tail(self, x, args, fn, at_lower: float):
        """cdf (0 at or below the support's lower end, 1 at or above its upper end) or sf."""
        x, args, valid = self._arrays(x, args)
        inside = (self.lower < x) & (x < self.upper)
        cond = valid & inside
        out = np.zeros(np.shape(cond), x.dtype)
        np.place(out, (1 - valid) + np.isnan(x), np.nan)
        if at_lower == 0.0:
            np.place(out, valid & (x >= self.upper), 1.0)
        else:
            np.place(out, valid & (x <= self.lower), 1.0)
        self._place(out, cond, fn, x, args)
        return _result(out)

    def _quantile(self, q, args, fn, at_zero: float, at_one: float):
        q = np.asarray(q)
        args = tuple(np.asarray(a) for a in args)
        valid = np.ones((), bool)
        for a in args:
            valid = valid & (a > 0)
        cond = valid & (0 < q) & (q < 1)
        out = np.full(np.shape(cond), fill_value=np.nan)
        np.place(out, valid & (q == 0), at_zero)
        np.place(out, valid & (q == 1), at_one)
        self._place(out, cond, lambda *v: fn(*v) + 0.0, q, args)  # as scipy's `* scale + loc`: no -0.0
        return _result(out)

    def cdf(self, x, *args):
        return self._tail(x, args, self._cdf, 0.0)

    def sf(self, x, *args):
        return self._tail(x, args, self._sf, 1.0)

    def ppf(self, q, *args):
        return self._quantile(q, args, self._ppf, self.lower, self.upper)

    def isf(self, q, *args):
        return self._quantile(q, args, self._isf, self.upper, self.lower)


class _Normal(_Distribution):
    def _cdf(self, x):
        return _special().ndtr(x)

    def _sf(self, x):
        return _special().ndtr(-x)

    def _ppf(self, q):
        return _special().ndtri(q)

    def _isf(self, q):
        return -_special().ndtri(q)

    def pdf(self, x):
        x, _, _ = self._arrays(x, ())
        out = np.zeros(x.shape, x.dtype)
        np.putmask(out, np.isnan(x), np.nan)
        cond = (self.lower <= x) & (x <= self.upper)
        with np.errstate(over="ignore"):  # |x| past 1e154: x^2 is inf, the density 0 (as scipy's)
            self._place(out, cond, lambda v: np.exp(-v ** 2 / 2.0) / _SQRT_2PI, x, ())
        return _result(out)


class _StudentT(_Distribution):
    def _cdf(self, x, df):
        return _special().stdtr(df, x)

    def _sf(self, x, df):
        return _special().stdtr(df, -x)

    def _ppf(self, q, df):
        return _special().stdtrit(df, q)

    def _isf(self, q, df):
        return -_special().stdtrit(df, q)


class _ChiSquared(_Distribution):
    lower = 0.0

    def _cdf(self, x, df):
        return _special().chdtr(df, x)

    def _sf(self, x, df):
        return _special().chdtrc(df, x)

    def _ppf(self, q, df):
        return 2 * _special().gammaincinv(df / 2, q)

    def _isf(self, q, df):
        return _special().chdtri(df, q)


class _FisherF(_Distribution):
    lower = 0.0

    def _cdf(self, x, d1, d2):
        return _special().fdtr(d1, d2, x)

    def _sf(self, x, d1, d2):
        return _special().fdtrc(d1, d2, x)

    def _ppf(self, q, d1, d2):
        return _special().fdtri(d1, d2, q)

    def _isf(self, q, d1, d2):
        return _special().fdtri(d1, d2, 1.0 - q)


norm = _Normal()
t = _StudentT()
chi2 = _ChiSquared()
f = _FisherF()
