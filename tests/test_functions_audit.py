"""Stata 14's statistical, mathematical and programming functions ([FN]) against scipy/numpy.

Each function's definition in [FN] Statistical functions is restated with scipy.stats (the
reference is computed here, never typed in); outside the domain the manual gives, the value is
missing; at the edges of the support it takes the manual's values (chi2(df, x) = 0 for x < 0);
counts are floor()ed ("floor(k) successes in floor(n) trials").
"""
from __future__ import annotations

import math

import numpy as np
import pytest
import scipy.special as sp
import scipy.stats as st

from mlmcli.expr import evaluate, evaluate_scalar

NAN = float("nan")


@pytest.fixture(scope="module")
def session():
    from mlmcli.session import Output, Session
    import io

    return Session(out=Output(io.StringIO()))


def value(session, text: str) -> float:
    return evaluate_scalar(session, text)


def close(a: float, b: float, rel: float = 1e-7, abs_: float = 1e-12) -> bool:
    if math.isnan(b):
        return math.isnan(a)
    return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)


# (Stata call, scipy value) -- the reference restates [FN]'s definition
CASES = [
    # beta
    ("betaden(2,3,.4)", st.beta(2, 3).pdf(.4)), ("betaden(2,3,1.5)", 0.0), ("betaden(2,3,-1)", 0.0),
    ("ibeta(2.5,3,.4)", st.beta(2.5, 3).cdf(.4)), ("ibetatail(2.5,3,.4)", st.beta(2.5, 3).sf(.4)),
    ("ibeta(2,3,-1)", 0.0), ("ibeta(2,3,2)", 1.0),
    ("invibeta(2,3,.3)", st.beta(2, 3).ppf(.3)), ("invibetatail(2,3,.3)", st.beta(2, 3).isf(.3)),
    # binomial: floor(k) or fewer / more successes in floor(n) trials
    ("binomial(10,3,.3)", st.binom(10, .3).cdf(3)), ("binomial(10,3.7,.3)", st.binom(10, .3).cdf(3)),
    ("binomial(10,-1,.3)", 0.0), ("binomial(10,12,.3)", 1.0),
    ("binomialtail(10,3,.3)", st.binom(10, .3).sf(2)), ("binomialtail(10,0,.3)", 1.0),
    ("binomialtail(10,11,.3)", 0.0),
    ("binomialp(10,3,.3)", st.binom(10, .3).pmf(3)), ("binomialp(10.9,3.5,.3)", st.binom(10, .3).pmf(3)),
    # negative binomial: failures before the nth success
    ("nbinomial(3,2,.4)", st.nbinom(3, .4).cdf(2)), ("nbinomialp(3,2,.4)", st.nbinom(3, .4).pmf(2)),
    ("nbinomialtail(3,2,.4)", st.nbinom(3, .4).sf(1)), ("nbinomialp(2.5,4,.3)", st.nbinom(2.5, .3).pmf(4)),
    ("nbinomialtail(3,0,.4)", 1.0), ("nbinomialp(3,2.5,.4)", st.nbinom(3, .4).pmf(2)),
    # chi-squared, central and noncentral
    ("chi2(3,2.5)", st.chi2(3).cdf(2.5)), ("chi2tail(3,2.5)", st.chi2(3).sf(2.5)),
    ("chi2(3,-1)", 0.0), ("chi2tail(3,-1)", 1.0), ("chi2den(3,2.5)", st.chi2(3).pdf(2.5)),
    ("invchi2(3,.4)", st.chi2(3).ppf(.4)), ("invchi2tail(3,.4)", st.chi2(3).isf(.4)),
    ("nchi2(3,2,4)", st.ncx2(3, 2).cdf(4)), ("nchi2tail(3,2,4)", st.ncx2(3, 2).sf(4)),
    ("nchi2den(3,2,4)", st.ncx2(3, 2).pdf(4)), ("nchi2(3,0,4)", st.chi2(3).cdf(4)),
    ("invnchi2(3,2,.6)", st.ncx2(3, 2).ppf(.6)), ("invnchi2tail(3,2,.6)", st.ncx2(3, 2).isf(.6)),
    # F, central and noncentral
    ("F(2,10,3)", st.f(2, 10).cdf(3)), ("Ftail(2,10,3)", st.f(2, 10).sf(3)), ("F(2,10,-1)", 0.0),
    ("Ftail(2,10,-1)", 1.0), ("Fden(2,10,3)", st.f(2, 10).pdf(3)),
    ("invF(2,10,.7)", st.f(2, 10).ppf(.7)), ("invFtail(2,10,.7)", st.f(2, 10).isf(.7)),
    ("nF(2,10,1,3)", st.ncf(2, 10, 1).cdf(3)), ("nFtail(2,10,1,3)", st.ncf(2, 10, 1).sf(3)),
    ("nFden(2,10,1,3)", st.ncf(2, 10, 1).pdf(3)), ("invnF(2,10,1,.7)", st.ncf(2, 10, 1).ppf(.7)),
    # Student's t, central and noncentral
    ("t(5,1.2)", st.t(5).cdf(1.2)), ("ttail(5,1.2)", st.t(5).sf(1.2)), ("tden(5,1.2)", st.t(5).pdf(1.2)),
    ("invt(5,.8)", st.t(5).ppf(.8)), ("invttail(5,.2)", st.t(5).isf(.2)),
    ("nt(10,1,2)", st.nct(10, 1).cdf(2)), ("nttail(10,1,2)", st.nct(10, 1).sf(2)),
    ("ntden(10,1,2)", st.nct(10, 1).pdf(2)), ("invnttail(10,1,.05)", st.nct(10, 1).isf(.05)),
    # gamma
    ("gammap(2.5,1.5)", st.gamma(2.5).cdf(1.5)), ("gammaptail(2.5,1.5)", st.gamma(2.5).sf(1.5)),
    ("invgammap(2.5,.3)", st.gamma(2.5).ppf(.3)), ("invgammaptail(2.5,.3)", st.gamma(2.5).isf(.3)),
    ("gammaden(2.5,2,1,4)", st.gamma(2.5, loc=1, scale=2).pdf(4)), ("gammaden(2.5,2,1,0)", 0.0),
    ("dgammapdx(2.5,1.5)", st.gamma(2.5).pdf(1.5)),
    ("lnigammaden(2,3,1.5)", st.invgamma(2, scale=3).logpdf(1.5)),
    # hypergeometric: population N, K successes in it, sample n, k successes in the sample
    ("hypergeometric(20,8,5,2)", st.hypergeom(20, 8, 5).cdf(2)),
    ("hypergeometricp(20,8,5,2)", st.hypergeom(20, 8, 5).pmf(2)),
    # inverse Gaussian with mean m and shape a
    ("igaussian(2,3,1)", st.invgauss(2 / 3, scale=3).cdf(1)),
    ("igaussiantail(2,3,1)", st.invgauss(2 / 3, scale=3).sf(1)),
    ("igaussianden(2,3,1)", st.invgauss(2 / 3, scale=3).pdf(1)),
    ("lnigaussianden(2,3,1)", st.invgauss(2 / 3, scale=3).logpdf(1)),
    ("invigaussian(2,3,.4)", st.invgauss(2 / 3, scale=3).ppf(.4)),
    # logistic, Weibull, Weibull PH, exponential, Cauchy
    ("logistic(1)", st.logistic.cdf(1)), ("logistic(2,1)", st.logistic(scale=2).cdf(1)),
    ("logistic(1,2,.5)", st.logistic(1, 2).cdf(.5)), ("logisticden(1,2,.5)", st.logistic(1, 2).pdf(.5)),
    ("logistictail(1,2,.5)", st.logistic(1, 2).sf(.5)), ("invlogistic(1,2,.7)", st.logistic(1, 2).ppf(.7)),
    ("invlogistictail(1,2,.7)", st.logistic(1, 2).isf(.7)),
    ("weibull(2,3,1)", st.weibull_min(2, scale=3).cdf(1)), ("weibull(2,3,.5,1)", st.weibull_min(2, .5, 3).cdf(1)),
    ("weibullden(2,3,1)", st.weibull_min(2, scale=3).pdf(1)), ("weibulltail(2,3,1)", st.weibull_min(2, scale=3).sf(1)),
    ("invweibull(2,3,.4)", st.weibull_min(2, scale=3).ppf(.4)),
    ("invweibulltail(2,3,.4)", st.weibull_min(2, scale=3).isf(.4)),
    ("weibullph(2,3,1)", st.weibull_min(2, scale=3 ** -.5).cdf(1)),
    ("weibullphden(2,3,1)", st.weibull_min(2, scale=3 ** -.5).pdf(1)),
    ("invweibullph(2,3,.4)", st.weibull_min(2, scale=3 ** -.5).ppf(.4)),
    ("exponential(2,1)", st.expon(scale=2).cdf(1)), ("exponentialden(2,1)", st.expon(scale=2).pdf(1)),
    ("exponentialtail(2,1)", st.expon(scale=2).sf(1)), ("invexponential(2,.3)", st.expon(scale=2).ppf(.3)),
    ("invexponentialtail(2,.3)", st.expon(scale=2).isf(.3)),
    ("cauchy(1,2,3)", st.cauchy(1, 2).cdf(3)), ("cauchyden(1,2,3)", st.cauchy(1, 2).pdf(3)),
    ("invcauchy(1,2,.8)", st.cauchy(1, 2).ppf(.8)), ("lncauchyden(1,2,3)", st.cauchy(1, 2).logpdf(3)),
    # normal
    ("normalden(1.5)", st.norm.pdf(1.5)), ("normalden(1.5,2)", st.norm(0, 2).pdf(1.5)),
    ("normalden(1.5,1,2)", st.norm(1, 2).pdf(1.5)), ("lnnormalden(1.5,1,2)", st.norm(1, 2).logpdf(1.5)),
    ("lnnormal(-3)", st.norm.logcdf(-3)),
    # Poisson
    ("poisson(3,2)", st.poisson(3).cdf(2)), ("poissonp(3,2)", st.poisson(3).pmf(2)),
    ("poissontail(3,2)", st.poisson(3).sf(1)), ("poisson(3,-1)", 0.0), ("poissontail(3,0)", 1.0),
    # Tukey's studentized range
    ("tukeyprob(3,10,3.2)", st.studentized_range(3, 10).cdf(3.2)),
    # mathematical
    ("asinh(1.5)", np.arcsinh(1.5)), ("acosh(1.5)", np.arccosh(1.5)), ("atanh(.5)", np.arctanh(.5)),
    ("sinh(1.5)", np.sinh(1.5)), ("cosh(1.5)", np.cosh(1.5)), ("atan2(1,-2)", np.arctan2(1, -2)),
    ("cloglog(.3)", np.log(-np.log(1 - .3))), ("invcloglog(.3)", 1 - np.exp(-np.exp(.3))),
    ("digamma(2.5)", sp.psi(2.5)), ("trigamma(2.5)", sp.polygamma(1, 2.5)),
    ("expm1(1e-10)", np.expm1(1e-10)), ("ln1p(1e-10)", np.log1p(1e-10)), ("ln1m(.5)", np.log(.5)),
    ("lnfactorial(10)", math.lgamma(11)), ("lngamma(-2.5)", math.lgamma(-2.5)),
    ("comb(10,3)", math.comb(10, 3)), ("reldif(3,5)", 2 / 6),
]

MISSING_CASES = [
    "lnfactorial(-1)", "lngamma(0)", "lngamma(-2)", "comb(5,7)", "comb(5,-1)", "comb(5.5,2)",
    "digamma(0)", "cloglog(1)", "cloglog(0)", "betaden(0,3,.5)", "ibeta(2,-1,.4)", "invibeta(2,3,1.5)",
    "binomial(10,3,1.2)", "binomial(-1,3,.5)", "binomialp(10,11,.3)", "invbinomial(10,10,.5)", "invbinomialtail(10,0,.5)",
    "nbinomial(0,2,.4)", "nbinomialp(3,-1,.4)", "chi2(0,1)", "chi2(-1,1)", "invchi2(3,1.1)",
    "nchi2(3,-1,2)", "F(0,3,1)", "invF(2,3,-.1)", "t(0,1)", "gammap(0,1)", "gammaden(2,0,0,1)",
    "lnigammaden(2,3,0)", "hypergeometric(20,8,5,6)", "hypergeometricp(20,21,5,2)", "igaussian(-1,3,1)",
    "logistic(0,1)", "weibull(0,3,1)", "invweibull(2,3,1.5)", "exponential(-2,1)", "cauchy(0,-1,1)",
    "normalden(1,0)", "normalden(1,2,-1)", "binormal(0,0,1.5)", "poisson(-1,2)", "poissonp(3,-1)",
    "invpoisson(2,1)", "tukeyprob(1,10,3)", "normal(.)", "chi2(3,.)", "ibeta(.,2,.3)",
    "reldif(.a,.b)", "reldif(.,1)", "autocode(.,5,0,10)", "autocode(3,0,0,10)", "clip(2,3,1)",
]


@pytest.mark.parametrize("call,expected", CASES, ids=[c for c, _ in CASES])
def test_function_agrees_with_scipy(session, call, expected):
    got = value(session, call)
    assert close(got, float(expected), rel=1e-6, abs_=1e-10), (call, got, float(expected))


@pytest.mark.parametrize("call", MISSING_CASES)
def test_outside_the_domain_is_missing(session, call):
    assert math.isnan(value(session, call))


@pytest.mark.parametrize("n,k,p", [(10, 3, .3), (25, 12, .5), (7, 0, .2)])
def test_binomial_inverses_invert(session, n, k, p):
    """invbinomial(n,k,P) is the p with binomial(n,k,p) = P; invbinomialtail the p with
    binomialtail(n,k,p) = P ([FN])."""
    target = float(st.binom(n, p).cdf(k))
    assert close(value(session, f"invbinomial({n},{k},{target!r})"), p, rel=1e-6)
    if k >= 1:
        tail = float(st.binom(n, p).sf(k - 1))
        assert close(value(session, f"invbinomialtail({n},{k},{tail!r})"), p, rel=1e-6)


@pytest.mark.parametrize("n,k,p", [(3, 2, .4), (2.5, 5, .3)])
def test_nbinomial_inverses_invert(session, n, k, p):
    target = float(st.nbinom(n, p).cdf(k))
    assert close(value(session, f"invnbinomial({n},{k},{target!r})"), p, rel=1e-6)
    tail = float(st.nbinom(n, p).sf(k - 1))
    assert close(value(session, f"invnbinomialtail({n},{k},{tail!r})"), p, rel=1e-6)


def test_poisson_inverses_invert(session):
    assert close(value(session, f"poisson({value(session, 'invpoisson(4,.3)')!r},4)"), .3, rel=1e-7)
    assert close(value(session, f"poissontail({value(session, 'invpoissontail(4,.3)')!r},4)"), .3, rel=1e-7)


def test_noncentrality_inverses(session):
    """npnchi2(df,x,p), npnF(df1,df2,f,p), npnt(df,t,p): the noncentrality that gives cdf p."""
    lam = value(session, "npnchi2(3,4,.3)")
    assert close(st.ncx2(3, lam).cdf(4), .3, rel=1e-6)
    lam = value(session, "npnF(2,10,3,.4)")
    assert close(st.ncf(2, 10, lam).cdf(3), .4, rel=1e-6)
    lam = value(session, "npnt(10,2,.4)")
    assert close(st.nct(10, lam).cdf(2), .4, rel=1e-6)
    assert close(value(session, "invtukeyprob(3,10,.9)"), st.studentized_range(3, 10).ppf(.9), rel=1e-5)


def test_noncentral_beta(session):
    """nibeta/nbetaden: the Poisson(np/2) mixture of beta(a + j, b), checked by quadrature of
    scipy's noncentral F (a noncentral beta is F's transform)."""
    a, b, lam, x = 2.0, 3.0, 1.5, 0.4
    f = (x / a) / ((1 - x) / b)  # X ~ ncbeta(a,b,lam) <=> (X/a)/((1-X)/b) ~ ncF(2a, 2b, lam)
    assert close(value(session, f"nibeta({a},{b},{lam},{x})"), st.ncf(2 * a, 2 * b, lam).cdf(f), rel=1e-6)
    dfdx = (b / a) / (1 - x) ** 2
    assert close(value(session, f"nbetaden({a},{b},{lam},{x})"), st.ncf(2 * a, 2 * b, lam).pdf(f) * dfdx, rel=1e-6)
    p = value(session, f"nibeta({a},{b},{lam},{x})")
    assert close(value(session, f"invnibeta({a},{b},{lam},{p!r})"), x, rel=1e-6)


@pytest.mark.parametrize("h,k,rho", [(0, 0, .5), (1, -.5, -.3), (-1.2, .7, .8), (.3, 0, .2), (0, .3, .2), (0, -.3, .2), (-.3, 0, -.4), (2, 1, 0),
                                     (-.5, -.5, -.9), (1, 2, 1), (1, -2, -1)])
def test_binormal_agrees_with_scipy(session, h, k, rho):
    if abs(rho) == 1:
        expected = st.norm.cdf(min(h, k)) if rho == 1 else max(st.norm.cdf(h) + st.norm.cdf(k) - 1, 0)
    else:
        expected = st.multivariate_normal([0, 0], [[1, rho], [rho, 1]]).cdf([h, k])
    assert close(value(session, f"binormal({h},{k},{rho})"), expected, rel=1e-5, abs_=1e-7)


def test_gamma_derivatives_by_differences(session):
    """dgammapda and dgammapdada, dgammapdadx, dgammapdxdx: P(a,x)'s derivatives, checked
    against central differences of scipy's gammainc."""
    a, x, h = 2.5, 1.2, 1e-5
    d_a = (sp.gammainc(a + h, x) - sp.gammainc(a - h, x)) / (2 * h)
    assert close(value(session, f"dgammapda({a},{x})"), d_a, rel=1e-6)
    h2 = 1e-3
    d_aa = (sp.gammainc(a + h2, x) - 2 * sp.gammainc(a, x) + sp.gammainc(a - h2, x)) / h2 ** 2
    assert close(value(session, f"dgammapdada({a},{x})"), d_aa, rel=1e-4)
    d_ax = (st.gamma(a + h).pdf(x) - st.gamma(a - h).pdf(x)) / (2 * h)
    assert close(value(session, f"dgammapdadx({a},{x})"), d_ax, rel=1e-6)
    d_xx = (st.gamma(a).pdf(x + h) - st.gamma(a).pdf(x - h)) / (2 * h)
    assert close(value(session, f"dgammapdxdx({a},{x})"), d_xx, rel=1e-6)


def test_programming_functions(session):
    """autocode(): the upper bound of the one of n equal intervals holding x; chop(), clip(),
    reldif() of equal missing values ([FN] Programming functions)."""
    edges = np.linspace(0, 10, 6)[1:]
    for x in (-1.0, 0.0, 1.9, 2.0, 2.1, 7.0, 10.0, 12.0):
        expected = edges[min(max(np.searchsorted(edges, x), 0), len(edges) - 1)]
        assert close(value(session, f"autocode({x},5,0,10)"), expected)
    assert value(session, "chop(2.0000001, 1e-6)") == 2.0
    assert value(session, "chop(2.01, 1e-6)") == 2.01
    assert value(session, "clip(5,1,3)") == 3.0 and value(session, "clip(-5,1,.)") == 1.0
    assert value(session, "clip(5,.,.)") == 5.0
    assert value(session, "reldif(.a,.a)") == 0.0
    for name in ("maxlong", "epsdouble", "maxbyte", "smallestdouble", "maxfloat"):
        assert value(session, f"{name}()") == value(session, f"c({name})")
    assert value(session, "epsdouble()") == np.finfo(float).eps
    assert value(session, "_caller()") == value(session, "c(version)")
    assert value(session, "fmtwidth(\"%9.2f\")") == 9 and value(session, "fmtwidth(\"%-12s\")") == 12
    assert math.isnan(value(session, "fmtwidth(\"junk\")"))


def test_file_functions(session, tmp_path):
    path = tmp_path / "note.txt"
    q = str(path).replace("\\", "/")
    assert value(session, f'fileexists("{q}")') == 0.0
    assert value(session, f'filewrite("{q}", "héllo")') == len("héllo".encode())
    assert value(session, f'filewrite("{q}", "again")') < 0  # no overwriting without r
    assert path.read_text(encoding="utf-8") == "héllo"
    assert value(session, f'filewrite("{q}", "!", 2)') == 1 and path.read_text(encoding="utf-8") == "héllo!"
    assert value(session, f'fileexists("{q}")') == 1.0
    assert value(session, f'fileread("{q}")') == "héllo!"
    assert value(session, f'filereaderror(fileread("{q}"))') == 0.0
    assert value(session, f'filereaderror(fileread("{q}.none"))') == 601.0


def test_functions_run_over_observations(new_session):
    """Every new function takes a variable: one value per observation, missing where the
    argument is missing."""
    import pandas as pd

    s = new_session(pd.DataFrame({"x": [0.2, 0.5, NAN], "k": [1.0, 2.0, 3.0]}))
    got = evaluate(s, "ibeta(2,3,x)")
    assert np.allclose(got[:2], st.beta(2, 3).cdf([0.2, 0.5])) and np.isnan(got[2])
    got = evaluate(s, "poissonp(3,k)")
    assert np.allclose(got, st.poisson(3).pmf([1, 2, 3]))
    got = evaluate(s, "binormal(x,k,.3)")
    assert np.isnan(got[2]) and np.all(np.isfinite(got[:2]))


def test_leap_seconds(session):
    """%tC counts the leap seconds %tc ignores: 22 between 1960 and 2000, 27 by 2017, and
    31dec2016 23:59:60 exists in %tC ([D] datetime)."""
    import datetime

    def tc(y, m, d):
        return (datetime.date(y, m, d) - datetime.date(1960, 1, 1)).days * 86_400_000.0
    assert value(session, f"Cofc({tc(2000, 1, 1)!r})") - tc(2000, 1, 1) == 22_000
    assert value(session, f"Cofc({tc(2017, 1, 1)!r})") - tc(2017, 1, 1) == 27_000
    leap = value(session, "Cmdyhms(12,31,2016,23,59,60)")
    assert value(session, f"ssC({leap!r})") == 60 and value(session, f"hhC({leap!r})") == 23
    assert value(session, f"Cofc(cofC({leap!r} + 1000))") == leap + 1000
    assert value(session, f"dofC({leap!r})") == tc(2016, 12, 31) / 86_400_000
    assert value(session, 'Clock("1jan2017 00:00:00","DMYhms")') == leap + 1000
    assert value(session, "tC(01jan2017 00:00:00)") == leap + 1000
    from mlmcli.render.datetime_formats import format_datetime

    assert format_datetime(leap, "C") == "31dec2016 23:59:60"
    assert format_datetime(leap + 1000, "C") == "01jan2017 00:00:00"
