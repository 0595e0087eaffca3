"""Stata 14's statistical functions ([FN] Statistical functions): cumulatives, tails,
densities and inverses of the beta, binomial, chi-squared, exponential, F, gamma,
hypergeometric, negative binomial, normal, Poisson, Student's t and Tukey distributions,
central and noncentral (the inverse Gaussian, logistic, Weibull, Weibull PH, Cauchy and
exponential families are in ``statistical_families.py``).

Each function is missing outside the domain the manual gives it (a shape <= 0, a
probability outside [0, 1], any missing argument), and takes the manual's values at the edges
of the support (``chi2(df, x)`` is 0 for x < 0, ``binomial(n, k, p)`` is 1 for k >= n).
scipy.special does the numerics; it is imported when a function is first called.
Each entry: name -> (min args, max args, implementation(ctx, *values)).
"""
from __future__ import annotations

from mlmcli.lazy_module import lazy_module

from mlmcli.expr.values import as_num, clean

np = lazy_module("numpy", globals(), "np")


def scipy_special():
    import scipy.special as sp
    return sp


def stat(f, domain=None, whole=()):
    """A function of numeric arrays; missing where ``domain(*args)`` is false or a result is
    not finite.  The arguments at the positions in ``whole`` are counts, taken as floor()
    ([FN]: "floor(k) successes in floor(n) trials")."""
    def impl(ctx, *args):
        xs = [np.asarray(as_num(a), dtype=float) for a in args]
        xs = [np.floor(x) if i in whole else x for i, x in enumerate(xs)]
        with np.errstate(all="ignore"):
            r = np.asarray(f(*xs), dtype=float)
            if domain is not None:
                r = np.where(domain(*xs), r, np.nan)
        return clean(r)
    return impl


def probability(p):
    return (p >= 0) & (p <= 1)


def _open_prob(p):
    return (p > 0) & (p < 1)


def _whole(x):
    return np.floor(x)


# ----------------------------------------------------------------------------- beta
def _nbeta_terms(a, b, lam, x, term):
    """sum over j of Poisson(j; lam/2) * term(a + j, b, x): the noncentral beta as a Poisson
    mixture of central betas (summed over the mixing weights' bulk)."""
    sp = scipy_special()
    half = np.asarray(lam, dtype=float) / 2
    top = int(np.nanmax(half + 12 * np.sqrt(half) + 30)) if np.size(half) else 30
    total = np.zeros(np.broadcast(a, b, lam, x).shape)
    for j in range(top + 1):
        weight = np.exp(-half + j * np.log(np.where(half > 0, half, 1)) - sp.gammaln(j + 1)) if j else np.exp(-half)
        weight = np.where((half == 0) & (j > 0), 0.0, weight)
        total = total + weight * term(a + j, b, x)
    return total


def _beta_density(a, b, x):
    sp = scipy_special()
    inside = (x >= 0) & (x <= 1)
    xc = np.clip(x, 0, 1)
    with np.errstate(all="ignore"):
        logd = (a - 1) * np.log(xc) + (b - 1) * np.log1p(-xc) - sp.betaln(a, b)
    return np.where(inside, np.exp(logd), 0.0)


def _ibeta(a, b, x):
    return scipy_special().betainc(a, b, np.clip(x, 0, 1))


def _invnibeta(a, b, lam, p):
    from scipy.optimize import brentq

    def one(a1, b1, l1, p1):
        if p1 <= 0:
            return 0.0
        if p1 >= 1:
            return 1.0
        return brentq(lambda x: float(_nbeta_terms(a1, b1, l1, x, _ibeta)) - p1, 0.0, 1.0, xtol=1e-15)
    return np.vectorize(one, otypes=[float])(a, b, lam, p)


def _ab(a, b, *rest):
    return (a > 0) & (b > 0)


# ----------------------------------------------------------------------------- binomial and negative binomial
def _binomial(n, k, p):
    """P(K <= k) = I_{1-p}(n - k, k + 1) for 0 <= k < n."""
    n, k = _whole(n), _whole(k)
    kk = np.clip(k, 0, np.maximum(n - 1, 0))
    inside = scipy_special().betainc(n - kk, kk + 1, 1 - p)
    return np.where(k < 0, 0.0, np.where(k >= n, 1.0, inside))


def _binomialtail(n, k, p):
    """P(K >= k) = I_p(k, n - k + 1) for 1 <= k <= n."""
    n, k = _whole(n), _whole(k)
    kk = np.clip(k, 1, np.maximum(n, 1))
    inside = scipy_special().betainc(kk, n - kk + 1, p)
    return np.where(k <= 0, 1.0, np.where(k > n, 0.0, inside))


def _binomialp(n, k, p):
    import scipy.stats as st
    return st.binom.pmf(k, n, p)


def _binom_domain(n, k, p):
    return (n >= 0) & probability(p)


def _nbinomialp(n, k, p):
    sp = scipy_special()
    return np.exp(sp.gammaln(n + k) - sp.gammaln(k + 1) - sp.gammaln(n) + n * np.log(p) + sp.xlog1py(k, -p))


def _nb_domain(n, k, p):
    return (n > 0) & (p > 0) & (p <= 1) & (k >= 0)


# ----------------------------------------------------------------------------- chi2, F, t
def _chi2(df, x):
    return np.where(x < 0, 0.0, scipy_special().chdtr(df, np.maximum(x, 0)))


def _chi2tail(df, x):
    return np.where(x < 0, 1.0, scipy_special().chdtrc(df, np.maximum(x, 0)))


def _df(df, *rest):
    return df > 0


def _df2(d1, d2, *rest):
    return (d1 > 0) & (d2 > 0)


def _chi2_density(df, x):
    import scipy.stats as st
    return st.chi2.pdf(x, df)


def _f_density(d1, d2, f):
    import scipy.stats as st
    return st.f.pdf(f, d1, d2)


def _t_density(df, t):
    import scipy.stats as st
    return st.t.pdf(t, df)


def _nchi2_domain(df, lam, x):
    return (df > 0) & (lam >= 0)


def _ncx2_pdf(df, lam, x):
    import scipy.stats as st
    return np.where(x < 0, 0.0, np.where(lam == 0, st.chi2.pdf(np.maximum(x, 0), df),
                                         st.ncx2.pdf(np.maximum(x, 0), df, np.where(lam > 0, lam, 1))))


def _nf_pdf(d1, d2, lam, f):
    import scipy.stats as st
    return np.where(f < 0, 0.0, np.where(lam == 0, st.f.pdf(np.maximum(f, 0), d1, d2),
                                         st.ncf.pdf(np.maximum(f, 0), d1, d2, np.where(lam > 0, lam, 1))))


def _nt_pdf(df, lam, t):
    import scipy.stats as st
    return st.nct.pdf(t, df, lam)


# ----------------------------------------------------------------------------- gamma
def _gammaden(a, b, g, x):
    sp = scipy_special()
    z = (x - g) / b
    with np.errstate(all="ignore"):
        d = np.exp((a - 1) * np.log(np.where(z > 0, z, 1)) - z - sp.gammaln(a)) / b
    return np.where(x < g, 0.0, np.where(z == 0, np.where(a == 1, 1 / b, np.where(a < 1, np.inf, 0.0)), d))


def _dgammapdx(a, x):
    sp = scipy_special()
    return np.where(x <= 0, 0.0, np.exp((a - 1) * np.log(np.where(x > 0, x, 1)) - x - sp.gammaln(a)))


def _dgammapdxdx(a, x):
    return np.where(x <= 0, 0.0, _dgammapdx(a, x) * ((a - 1) / np.where(x > 0, x, 1) - 1))


def _dgammapdadx(a, x):
    return np.where(x <= 0, 0.0, _dgammapdx(a, x) * (np.log(np.where(x > 0, x, 1)) - scipy_special().digamma(a)))


def _gammap(a, x):
    return scipy_special().gammainc(a, np.maximum(x, 0))


def _dgammapda(a, x):
    """dP(a,x)/da by a 4-point central difference (P is smooth in a)."""
    h = 1e-4 * np.maximum(a, 1e-2)
    return (-_gammap(a + 2 * h, x) + 8 * _gammap(a + h, x) - 8 * _gammap(a - h, x) + _gammap(a - 2 * h, x)) / (12 * h)


def _dgammapdada(a, x):
    h = 1e-3 * np.maximum(a, 1e-2)
    return (-_gammap(a + 2 * h, x) + 16 * _gammap(a + h, x) - 30 * _gammap(a, x) + 16 * _gammap(a - h, x)
            - _gammap(a - 2 * h, x)) / (12 * h * h)


def _a_pos(a, *rest):
    return a > 0


def _dgamma_domain(a, x):
    return (a > 0) & (np.maximum(a - 2e-4 * np.maximum(a, 1e-2), 0) > 0)


def _lnigammaden(a, b, x):
    sp = scipy_special()
    return a * np.log(b) - sp.gammaln(a) - (a + 1) * np.log(x) - b / x


# ----------------------------------------------------------------------------- hypergeometric
def _hyper_domain(big_n, big_k, n, k):
    whole = (big_n == np.floor(big_n)) & (big_k == np.floor(big_k)) & (n == np.floor(n)) & (k == np.floor(k))
    return (whole & (big_n >= 2) & (big_k >= 1) & (big_k < big_n) & (n >= 1) & (n < big_n)
            & (k >= np.maximum(0, n - big_n + big_k)) & (k <= np.minimum(big_k, n)))


def _hypergeometric(big_n, big_k, n, k):
    import scipy.stats as st
    return st.hypergeom.cdf(k, big_n, big_k, n)


def _hypergeometricp(big_n, big_k, n, k):
    import scipy.stats as st
    return st.hypergeom.pmf(k, big_n, big_k, n)


# ----------------------------------------------------------------------------- normal
def _binormal(h, k, rho):
    """The bivariate normal cdf by Owen's T function (Owen 1956):
    Phi2 = (Phi(h) + Phi(k))/2 - T(h, a_h) - T(k, a_k) - [hk < 0 or (hk = 0 and h + k < 0)]/2."""
    sp = scipy_special()
    h, k, rho = np.broadcast_arrays(np.asarray(h, float), np.asarray(k, float), np.asarray(rho, float))
    root = np.sqrt(np.maximum(1 - rho * rho, 0))
    with np.errstate(all="ignore"):
        a_h = np.where(h == 0, np.where(k - rho * h >= 0, np.inf, -np.inf), (k - rho * h) / (h * root))
        a_k = np.where(k == 0, np.where(h - rho * k >= 0, np.inf, -np.inf), (h - rho * k) / (k * root))
        both_zero = np.sqrt((1 - rho) / np.maximum(1 + rho, 1e-300))  # Phi2(0,0,rho) = 1/4 + asin(rho)/(2 pi)
        a_h = np.where((h == 0) & (k == 0), both_zero, a_h)
        a_k = np.where((h == 0) & (k == 0), both_zero, a_k)
        sign = np.sign(h) * np.sign(k)  # not h * k, which underflows to 0
        correction = np.where((sign < 0) | ((sign == 0) & (h + k < 0)), 0.5, 0.0)
        general = 0.5 * (sp.ndtr(h) + sp.ndtr(k)) - sp.owens_t(h, a_h) - sp.owens_t(k, a_k) - correction
    upper = sp.ndtr(np.minimum(h, k))  # rho = 1
    lower = np.maximum(sp.ndtr(h) + sp.ndtr(k) - 1, 0.0)  # rho = -1
    out = np.where(rho >= 1, upper, np.where(rho <= -1, lower, general))
    return np.clip(out, 0.0, 1.0)


def _lnnormalden(x, *ms):
    m, s = (0.0, 1.0) if not ms else ((0.0, ms[0]) if len(ms) == 1 else ms)
    z = (x - m) / s
    return -0.5 * z * z - np.log(s) - 0.5 * np.log(2 * np.pi)


def _normalden(x, *ms):
    return np.exp(_lnnormalden(x, *ms))


def _sd_domain(x, *ms):
    return (ms[-1] > 0) if ms else ~np.isnan(x)


# ----------------------------------------------------------------------------- Poisson
def _poisson(m, k):
    k = _whole(k)
    return np.where(k < 0, 0.0, scipy_special().pdtr(np.maximum(k, 0), m))


def _poissontail(m, k):
    k = _whole(k)
    return np.where(k <= 0, 1.0, scipy_special().pdtrc(np.maximum(k - 1, 0), m))


def _poissonp(m, k):
    sp = scipy_special()
    return np.exp(sp.xlogy(k, m) - m - sp.gammaln(k + 1))


def _m_pos(m, k):
    return (m > 0) & ~np.isnan(k)


def _poissonp_domain(m, k):
    return (m > 0) & (k >= 0)


def _invpoisson_domain(k, p):
    return (k >= 0) & _open_prob(p)


# ----------------------------------------------------------------------------- Tukey
def _tukeyprob(k, df, x):
    import scipy.stats as st
    return np.where(x <= 0, 0.0, st.studentized_range.cdf(np.maximum(x, 0), k, df))


def _invtukeyprob(k, df, p):
    import scipy.stats as st
    return st.studentized_range.ppf(p, k, df)


def _tukey_domain(k, df, x):
    return (k >= 2) & (df >= 1) & ~np.isnan(x)


def _dunnett(name):
    """dunnettprob()/invdunnettprob() (``dunnett_distribution``) element by element, each distinct
    (k, df, x) computed once."""
    def f(k, df, x):
        from mlmcli import dunnett_distribution as dunnett

        one = getattr(dunnett, name)
        k, df, x = np.broadcast_arrays(k, df, x)
        flat = list(zip(k.ravel().tolist(), df.ravel().tolist(), x.ravel().tolist()))
        seen = {key: one(*key) for key in dict.fromkeys(flat)}
        return np.array([seen[key] for key in flat], dtype=float).reshape(k.shape)
    return f


def _refined(cdf, start, p):
    """The noncentrality where cdf(lambda) = p: scipy's inverse polished by a few secant steps
    (ncfdtrinc alone is good to about 1e-5)."""
    lam = np.asarray(start, dtype=float).copy()
    for _ in range(30):
        h = 1e-6 * np.maximum(np.abs(lam), 1e-3)
        f0 = cdf(lam) - p
        slope = (cdf(lam + h) - cdf(lam - h)) / (2 * h)
        step = np.where((slope != 0) & np.isfinite(slope), f0 / np.where(slope != 0, slope, 1), 0.0)
        lam = np.maximum(lam - step, 0.0)
        if np.all(np.abs(step) <= 1e-13 * np.maximum(np.abs(lam), 1)):
            break
    return lam


def _s(name):
    return lambda *a: getattr(scipy_special(), name)(*a)


FUNCTIONS: dict[str, tuple[int, int, object]] = {
    # beta
    "betaden": (3, 3, stat(_beta_density, _ab)),
    "ibeta": (3, 3, stat(_ibeta, _ab)),
    "ibetatail": (3, 3, stat(lambda a, b, x: scipy_special().betaincc(a, b, np.clip(x, 0, 1)), _ab)),
    "invibeta": (3, 3, stat(_s("betaincinv"), lambda a, b, p: _ab(a, b) & probability(p))),
    "invibetatail": (3, 3, stat(_s("betainccinv"), lambda a, b, p: _ab(a, b) & probability(p))),
    "nbetaden": (4, 4, stat(lambda a, b, lam, x: _nbeta_terms(a, b, lam, x, _beta_density),
                            lambda a, b, lam, x: _ab(a, b) & (lam >= 0) & (lam <= 10000))),
    "nibeta": (4, 4, stat(lambda a, b, lam, x: np.clip(_nbeta_terms(a, b, lam, x, _ibeta), 0, 1),
                          lambda a, b, lam, x: _ab(a, b) & (lam >= 0) & (lam <= 10000))),
    "invnibeta": (4, 4, stat(_invnibeta, lambda a, b, lam, p: _ab(a, b) & (lam >= 0) & (lam <= 1000) & probability(p))),
    # binomial
    "binomial": (3, 3, stat(_binomial, _binom_domain, (0, 1))),
    "binomialtail": (3, 3, stat(_binomialtail, _binom_domain, (0, 1))),
    "binomialp": (3, 3, stat(_binomialp, lambda n, k, p: _binom_domain(n, k, p) & (k >= 0) & (k <= n), (0, 1))),
    "invbinomial": (3, 3, stat(lambda n, k, p: 1 - scipy_special().betaincinv(n - k, k + 1, p),
                               lambda n, k, p: _binom_domain(n, k, p) & (k >= 0) & (k < n) & _open_prob(p), (0, 1))),
    "invbinomialtail": (3, 3, stat(lambda n, k, p: scipy_special().betaincinv(k, n - k + 1, p),
                                   lambda n, k, p: _binom_domain(n, k, p) & (k >= 1) & (k <= n) & _open_prob(p), (0, 1))),
    # negative binomial: failures before the nth success
    "nbinomial": (3, 3, stat(lambda n, k, p: scipy_special().betainc(n, k + 1, p), _nb_domain, (1,))),
    "nbinomialp": (3, 3, stat(_nbinomialp, _nb_domain, (1,))),
    "nbinomialtail": (3, 3, stat(lambda n, k, p: np.where(k <= 0, 1.0, scipy_special().betaincc(n, np.maximum(k, 1), p)),
                                 _nb_domain, (1,))),
    "invnbinomial": (3, 3, stat(lambda n, k, q: scipy_special().betaincinv(n, k + 1, q),
                                lambda n, k, q: _nb_domain(n, k, 0.5) & _open_prob(q), (1,))),
    "invnbinomialtail": (3, 3, stat(lambda n, k, q: scipy_special().betainccinv(n, k, q),
                                    lambda n, k, q: _nb_domain(n, k, 0.5) & (k >= 1) & _open_prob(q), (1,))),
    # chi-squared
    "chi2": (2, 2, stat(_chi2, _df)), "chi2tail": (2, 2, stat(_chi2tail, _df)),
    "chi2den": (2, 2, stat(lambda df, x: np.where(x < 0, 0.0, _chi2_density(df, np.maximum(x, 0))), _df)),
    "invchi2": (2, 2, stat(lambda df, p: scipy_special().chdtri(df, 1 - p), lambda df, p: _df(df) & probability(p))),
    "invchi2tail": (2, 2, stat(_s("chdtri"), lambda df, p: _df(df) & probability(p))),
    "nchi2": (3, 3, stat(lambda df, lam, x: np.where(x < 0, 0.0, scipy_special().chndtr(np.maximum(x, 0), df, lam)),
                         _nchi2_domain)),
    "nchi2tail": (3, 3, stat(lambda df, lam, x: np.where(x < 0, 1.0, 1 - scipy_special().chndtr(np.maximum(x, 0), df, lam)),
                             _nchi2_domain)),
    "nchi2den": (3, 3, stat(_ncx2_pdf, _nchi2_domain)),
    "invnchi2": (3, 3, stat(lambda df, lam, p: scipy_special().chndtrix(p, df, lam), lambda df, lam, p: _nchi2_domain(df, lam, p) & probability(p))),
    "invnchi2tail": (3, 3, stat(lambda df, lam, p: scipy_special().chndtrix(1 - p, df, lam),
                                lambda df, lam, p: _nchi2_domain(df, lam, p) & probability(p))),
    "npnchi2": (3, 3, stat(lambda df, x, p: _refined(lambda lam: scipy_special().chndtr(x, df, lam),
                                                     scipy_special().chndtrinc(x, df, p), p),
                           lambda df, x, p: (df > 0) & (x >= 0) & _open_prob(p))),
    # F
    "F": (3, 3, stat(lambda d1, d2, f: np.where(f < 0, 0.0, scipy_special().fdtr(d1, d2, np.maximum(f, 0))), _df2)),
    "Ftail": (3, 3, stat(lambda d1, d2, f: np.where(f < 0, 1.0, scipy_special().fdtrc(d1, d2, np.maximum(f, 0))), _df2)),
    "Fden": (3, 3, stat(lambda d1, d2, f: np.where(f < 0, 0.0, _f_density(d1, d2, np.maximum(f, 0))), _df2)),
    "invF": (3, 3, stat(_s("fdtri"), lambda d1, d2, p: _df2(d1, d2) & probability(p))),
    "invFtail": (3, 3, stat(lambda d1, d2, p: scipy_special().fdtri(d1, d2, 1 - p), lambda d1, d2, p: _df2(d1, d2) & probability(p))),
    "nF": (4, 4, stat(lambda d1, d2, lam, f: np.where(f < 0, 0.0, scipy_special().ncfdtr(d1, d2, lam, np.maximum(f, 0))),
                      lambda d1, d2, lam, f: _df2(d1, d2) & (lam >= 0))),
    "nFtail": (4, 4, stat(lambda d1, d2, lam, f: np.where(f < 0, 1.0, 1 - scipy_special().ncfdtr(d1, d2, lam, np.maximum(f, 0))),
                          lambda d1, d2, lam, f: _df2(d1, d2) & (lam >= 0))),
    "nFden": (4, 4, stat(_nf_pdf, lambda d1, d2, lam, f: _df2(d1, d2) & (lam >= 0))),
    "invnF": (4, 4, stat(lambda d1, d2, lam, p: scipy_special().ncfdtri(d1, d2, lam, p),
                         lambda d1, d2, lam, p: _df2(d1, d2) & (lam >= 0) & probability(p))),
    "invnFtail": (4, 4, stat(lambda d1, d2, lam, p: scipy_special().ncfdtri(d1, d2, lam, 1 - p),
                             lambda d1, d2, lam, p: _df2(d1, d2) & (lam >= 0) & probability(p))),
    "npnF": (4, 4, stat(lambda d1, d2, f, p: _refined(lambda lam: scipy_special().ncfdtr(d1, d2, lam, f), scipy_special().ncfdtrinc(d1, d2, p, f), p),
                        lambda d1, d2, f, p: _df2(d1, d2) & (f >= 0) & _open_prob(p))),
    # Student's t
    "t": (2, 2, stat(_s("stdtr"), _df)), "ttail": (2, 2, stat(lambda df, t: scipy_special().stdtr(df, -t), _df)),
    "tden": (2, 2, stat(_t_density, _df)),
    "invt": (2, 2, stat(_s("stdtrit"), lambda df, p: _df(df) & probability(p))),
    "invttail": (2, 2, stat(lambda df, p: scipy_special().stdtrit(df, 1 - p), lambda df, p: _df(df) & probability(p))),
    "nt": (3, 3, stat(lambda df, lam, t: scipy_special().nctdtr(df, lam, t), lambda df, lam, t: _df(df) & ~np.isnan(lam))),
    "nttail": (3, 3, stat(lambda df, lam, t: 1 - scipy_special().nctdtr(df, lam, t), lambda df, lam, t: _df(df) & ~np.isnan(lam))),
    "ntden": (3, 3, stat(_nt_pdf, lambda df, lam, t: _df(df) & ~np.isnan(lam))),
    "invnt": (3, 3, stat(lambda df, lam, p: scipy_special().nctdtrit(df, lam, p), lambda df, lam, p: _df(df) & probability(p))),
    "invnttail": (3, 3, stat(lambda df, lam, p: scipy_special().nctdtrit(df, lam, 1 - p), lambda df, lam, p: _df(df) & probability(p))),
    "npnt": (3, 3, stat(lambda df, t, p: _refined(lambda lam: scipy_special().nctdtr(df, lam, t),
                                                  scipy_special().nctdtrinc(df, p, t), p),
                        lambda df, t, p: _df(df) & _open_prob(p))),
    # gamma
    "gammaden": (4, 4, stat(_gammaden, lambda a, b, g, x: (a > 0) & (b > 0) & ~np.isnan(g))),
    "gammap": (2, 2, stat(_gammap, _a_pos)),
    "gammaptail": (2, 2, stat(lambda a, x: scipy_special().gammaincc(a, np.maximum(x, 0)), _a_pos)),
    "invgammap": (2, 2, stat(_s("gammaincinv"), lambda a, p: (a > 0) & probability(p))),
    "invgammaptail": (2, 2, stat(_s("gammainccinv"), lambda a, p: (a > 0) & probability(p))),
    "dgammapdx": (2, 2, stat(_dgammapdx, _a_pos)),
    "dgammapdxdx": (2, 2, stat(_dgammapdxdx, _a_pos)),
    "dgammapdadx": (2, 2, stat(_dgammapdadx, _a_pos)),
    "dgammapda": (2, 2, stat(_dgammapda, _dgamma_domain)),
    "dgammapdada": (2, 2, stat(_dgammapdada, _dgamma_domain)),
    "lnigammaden": (3, 3, stat(_lnigammaden, lambda a, b, x: (a > 0) & (b > 0) & (x > 0))),
    # hypergeometric
    "hypergeometric": (4, 4, stat(_hypergeometric, _hyper_domain)),
    "hypergeometricp": (4, 4, stat(_hypergeometricp, _hyper_domain)),
    # normal
    "normal": (1, 1, stat(_s("ndtr"))), "invnormal": (1, 1, stat(_s("ndtri"), probability)),
    "lnnormal": (1, 1, stat(_s("log_ndtr"))),
    "normalden": (1, 3, stat(_normalden, _sd_domain)),
    "lnnormalden": (1, 3, stat(_lnnormalden, _sd_domain)),
    "binormal": (3, 3, stat(_binormal, lambda h, k, r: (r >= -1) & (r <= 1) & ~np.isnan(h) & ~np.isnan(k))),
    # Poisson
    "poisson": (2, 2, stat(_poisson, _m_pos)),
    "poissontail": (2, 2, stat(_poissontail, _m_pos)),
    "poissonp": (2, 2, stat(_poissonp, _poissonp_domain, (1,))),
    "invpoisson": (2, 2, stat(lambda k, p: scipy_special().pdtri(k, p), _invpoisson_domain, (0,))),
    "invpoissontail": (2, 2, stat(lambda k, q: scipy_special().gammaincinv(k, q),
                                  lambda k, q: (k >= 1) & _open_prob(q), (0,))),
    # Tukey's studentized range
    "tukeyprob": (3, 3, stat(_tukeyprob, _tukey_domain)),
    "invtukeyprob": (3, 3, stat(_invtukeyprob, lambda k, df, p: _tukey_domain(k, df, p) & _open_prob(p))),
    # Dunnett's many-one t (k comparisons with a control; df missing: the normal limit)
    "dunnettprob": (3, 3, stat(_dunnett("dunnettprob"))),
    "invdunnettprob": (3, 3, stat(_dunnett("invdunnettprob"))),
}
