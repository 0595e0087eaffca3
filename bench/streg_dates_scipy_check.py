"""An independent maximiser for streg on fuzz round 13's ``dates`` data (tests/fuzz_command_data.py:
t2 a %td date, 21915 + 3i, i = 0..39, failure b, covariate x1): the log likelihoods written here
from the textbook formulas (Stata's density of ln t, streg.hlp / [ST] streg Methods and formulas),
not from mlmcli's distributions, maximised by scipy.optimize (BFGS from a few starts, then
Nelder-Mead polish) on a centred, scaled parameterisation.  Prints, for each (distribution,
failure), the maximum log likelihood and coefficients as Stata names them, or that the likelihood
keeps rising (no maximum within reach).  tests/test_survival_convergence98.py compares mlm's fits with
these figures (``CHECKS`` there is this script's output, run 2026-12-06).

    python3 bench/streg_dates_scipy_check.py
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from scipy import optimize, special

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def dates_data(failure: bool):
    from fuzz_command_data import make_frame

    frame = make_frame("dates")
    t = frame["t2"].to_numpy(float)
    d = frame["b"].to_numpy(float) if failure else np.ones(len(t))
    return t, d, frame["x1"].to_numpy(float)


def loglik(dist, xb, aux, lt, d):
    """Sum of d (ln f(t) + ln t) + (1 - d) ln S(t) (the density of ln t, as Stata's streg)."""
    if dist == "loglogistic":
        gam = np.exp(aux[0])
        z = (lt - xb) / gam
        return np.sum(d * (z - aux[0] - 2 * np.logaddexp(0, z)) - (1 - d) * np.logaddexp(0, z))
    if dist == "lognormal":
        sig = np.exp(aux[0])
        z = (lt - xb) / sig
        return np.sum(d * (-0.5 * z * z - 0.5 * np.log(2 * np.pi) - aux[0]) + (1 - d) * special.log_ndtr(-z))
    if dist == "weibull":  # time form: ln S = -exp(p (ln t - xb))
        p = np.exp(aux[0])
        w = p * (lt - xb)
        return np.sum(d * (aux[0] + w) - np.exp(w))
    if dist == "gamma":  # kappa != 0
        sig, kap = np.exp(aux[0]), aux[1]
        gam = 1 / kap ** 2
        z = np.sign(kap) * (lt - xb) / sig
        u = gam * np.exp(abs(kap) * z)
        lf = gam * np.log(gam) - np.log(sig * np.sqrt(gam)) - special.gammaln(gam) + z * np.sqrt(gam) - u
        ls = np.log(special.gammaincc(gam, u)) if kap > 0 else np.log(special.gammainc(gam, u))
        return np.sum(d * lf + (1 - d) * ls)
    raise ValueError(dist)


N_AUX = {"loglogistic": 1, "lognormal": 1, "weibull": 1, "gamma": 2}
AUX_NAMES = {"loglogistic": ["ln_gam"], "lognormal": ["ln_sig"], "weibull": ["ln_p"], "gamma": ["ln_sig", "kappa"]}


def fit(dist: str, failure: bool):
    """(ll, {name: value}) at scipy's maximum: x1 and _cons as streg's time form reports them."""
    t, d, x = dates_data(failure)
    lt = np.log(t)
    centre, spread = lt.mean(), lt.std()
    xc, xs = x.mean(), x.std()

    def negative(par):
        b, c = par[0], par[1]  # ln t ~ centre + spread (c + b (x - xc) / xs)
        xb = centre + spread * (c + b * (x - xc) / xs)
        aux = list(par[2:])
        aux[0] = aux[0] + np.log(spread)  # the scale in units of ln t's spread
        with np.errstate(all="ignore"):
            value = loglik(dist, xb, aux, lt, d)
        return -value if np.isfinite(value) else 1e300

    best = None
    for a0 in (-1.0, 0.0, 1.0):
        for k0 in ((0.5, -0.5, 1.5) if dist == "gamma" else (None,)):
            start = [0.0, 0.0, a0] + ([k0] if k0 is not None else [])
            res = optimize.minimize(negative, start, method="BFGS", options={"gtol": 1e-10, "maxiter": 5000})
            res = optimize.minimize(negative, res.x, method="Nelder-Mead",
                                    options={"xatol": 1e-12, "fatol": 1e-13, "maxiter": 40000, "maxfev": 80000})
            if best is None or res.fun < best.fun:
                best = res
    b, c = best.x[0], best.x[1]
    slope = spread * b / xs
    coefs = {"x1": slope, "_cons": centre + spread * c - slope * xc}
    aux = list(best.x[2:])
    aux[0] += np.log(spread)
    coefs.update(zip(AUX_NAMES[dist], aux))
    return -best.fun, coefs


def main():
    for failure in (True, False):
        for dist in ("loglogistic", "lognormal", "weibull", "gamma"):
            ll, coefs = fit(dist, failure)
            shown = " ".join(f"{k}={v:.7g}" for k, v in coefs.items())
            print(f"{dist:12s} failure({'b' if failure else 'all'}): ll={ll:.8f} {shown}")


if __name__ == "__main__":
    main()
