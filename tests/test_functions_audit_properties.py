"""Property tests (hypothesis) for the functions of the Stata 14 audit: domains, inverses,
complements, and the byte/character rules of the string functions."""
from __future__ import annotations

import io
import math
import re
import unicodedata

import numpy as np
import pandas as pd
import scipy.stats as st
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st_h

from mlmcli.dataset import Dataset
from mlmcli.expr import evaluate, evaluate_scalar
from mlmcli.session import Output, Session

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_SESSION = Session(out=Output(io.StringIO()))

shapes = st_h.floats(min_value=0.05, max_value=50, allow_nan=False)
probabilities = st_h.floats(min_value=1e-6, max_value=1 - 1e-6, allow_nan=False)
texts = st_h.text(alphabet=st_h.characters(blacklist_categories=("Cs", "Cc")), max_size=40)


def value(text: str) -> float:
    return evaluate_scalar(_SESSION, text)


def over_text(text: str, expression: str):
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=pd.DataFrame({"s": [text]}), types={"s": "strL"})
    return evaluate(session, expression)[0]


@SETTINGS
@given(shapes, shapes, probabilities)
def test_ibeta_inverts_invibeta(a, b, p):
    x = value(f"invibeta({a!r},{b!r},{p!r})")
    assume(0 < x < 1)  # a quantile within 1e-16 of 0 or 1 rounds to the bound itself
    # up to the cdf's change over a few representable x (steep next to 0 and 1 for small shapes)
    slack = st.beta(a, b).pdf(x) * 8 * np.spacing(x)
    assert abs(value(f"ibeta({a!r},{b!r},{x!r})") - p) <= 1e-6 * p + 1e-9 + slack
    assert math.isclose(value(f"ibeta({a!r},{b!r},{x!r}) + ibetatail({a!r},{b!r},{x!r})"), 1.0, rel_tol=1e-12)


@SETTINGS
@given(st_h.integers(1, 200), st_h.integers(-3, 205), probabilities)
def test_binomial_cdf_and_tail_are_complements(n, k, p):
    """binomial(n,k,p) + binomialtail(n,k+1,p) = 1, and the pmf is their difference."""
    assert math.isclose(value(f"binomial({n},{k},{p!r}) + binomialtail({n},{k + 1},{p!r})"), 1.0, rel_tol=1e-9)
    if 0 <= k <= n:
        assert math.isclose(value(f"binomialp({n},{k},{p!r})"), st.binom(n, p).pmf(k), rel_tol=1e-6, abs_tol=1e-300)


@SETTINGS
@given(st_h.floats(min_value=0.01, max_value=500), st_h.integers(0, 400))
def test_poisson_cdf_tail_pmf(m, k):
    assert math.isclose(value(f"poisson({m!r},{k}) + poissontail({m!r},{k + 1})"), 1.0, rel_tol=1e-9)
    assert math.isclose(value(f"poissonp({m!r},{k})"), st.poisson(m).pmf(k), rel_tol=1e-6, abs_tol=1e-300)


@SETTINGS
@given(st_h.floats(min_value=0.1, max_value=50), st_h.integers(0, 60), probabilities)
def test_nbinomial_inverse(n, k, p):
    q = value(f"nbinomial({n!r},{k},{p!r})")
    if 1e-9 < q < 1 - 1e-9:
        assert math.isclose(value(f"invnbinomial({n!r},{k},{q!r})"), p, rel_tol=1e-5, abs_tol=1e-9)


@SETTINGS
@given(st_h.floats(min_value=-1e3, max_value=0, exclude_max=True) | st_h.just(float("nan")),
       st_h.floats(min_value=-5, max_value=5))
def test_degrees_of_freedom_outside_the_domain_give_missing(df, x):
    for call in (f"chi2({df!r},{abs(x)!r})", f"t({df!r},{x!r})", f"F({df!r},2,{abs(x)!r})",
                 f"nchi2({df!r},1,{abs(x)!r})", f"tden({df!r},{x!r})", f"invttail({df!r},.3)"):
        assert math.isnan(value(call.replace("nan", "."))), call


@SETTINGS
@given(st_h.floats(min_value=-6, max_value=6), st_h.floats(min_value=-6, max_value=6),
       st_h.floats(min_value=-0.999, max_value=0.999))
def test_binormal_bounds_and_symmetry(h, k, rho):
    """Phi2 is a probability, symmetric in (h, k), at most min(Phi(h), Phi(k)) and at least the
    Frechet bound Phi(h) + Phi(k) - 1."""
    p = value(f"binormal({h!r},{k!r},{rho!r})")
    assert math.isclose(p, value(f"binormal({k!r},{h!r},{rho!r})"), rel_tol=1e-9, abs_tol=1e-12)
    ph, pk = st.norm.cdf(h), st.norm.cdf(k)
    assert max(ph + pk - 1, 0) - 1e-9 <= p <= min(ph, pk) + 1e-9


@SETTINGS
@given(texts)
def test_byte_and_character_lengths(text):
    assert over_text(text, "strlen(s)") == len(text.encode("utf-8"))
    assert over_text(text, "ustrlen(s)") == len(text)


@SETTINGS
@given(texts, st_h.integers(0, 45))
def test_usubstr_splits_and_rejoins(text, k):
    left = over_text(text, f"usubstr(s, 1, {k})")
    right = over_text(text, f"usubstr(s, {k + 1}, .)")
    assert left + right == text and left == text[:k]


@SETTINGS
@given(st_h.text(alphabet=st_h.characters(max_codepoint=127, blacklist_categories=("Cc",)), max_size=40),
       st_h.integers(0, 45))
def test_substr_on_ascii_text_is_by_position(text, k):
    assert over_text(text, f"substr(s, 1, {k})") + over_text(text, f"substr(s, {k + 1}, .)") == text


@SETTINGS
@given(texts, st_h.integers(0, 1))
def test_names_are_valid(text, prefix):
    name = over_text(text, f"strtoname(s, {prefix})")
    assert re.fullmatch(r"[A-Za-z0-9_]{1,32}", name)
    if prefix:
        assert not name[0].isdigit()
    uname = over_text(text, f"ustrtoname(s, {prefix})")
    assert 1 <= len(uname) <= 32
    assert all(c == "_" or unicodedata.category(c)[0] in "LN" or unicodedata.category(c) in ("Mn", "Mc") for c in uname)


@SETTINGS
@given(st_h.text(alphabet=st_h.characters(blacklist_categories=("Cs",)), max_size=60))
def test_hex_escapes_round_trip(text):
    assert over_text(text, "ustrunescape(ustrtohex(s))") == text


@SETTINGS
@given(st_h.lists(texts, min_size=1, max_size=5))
def test_generated_str_width_is_the_longest_in_bytes(values):
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=pd.DataFrame({"s": values}), types={"s": "strL"})
    from mlmcli.runner import Runner

    assert Runner(session).run_text("generate t = s", echo=False) == 0
    longest = max(len(v.encode("utf-8")) for v in values)
    expected = "strL" if longest > 2045 else f"str{max(longest, 1)}"
    assert session.data.types["t"] == expected


def test_new_random_numbers_follow_their_distributions():
    """rigaussian(), rweibullph(), rcauchy(): a Kolmogorov-Smirnov check against scipy's cdf
    on 4,000 draws from a fixed seed."""
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=pd.DataFrame({"i": np.arange(4000.0)}))
    from mlmcli.expr.random_numbers import restart

    restart(session, 12345)
    for call, cdf in (("rigaussian(2,3)", st.invgauss(2 / 3, scale=3).cdf),
                      ("rweibullph(2,3,1)", st.weibull_min(2, loc=1, scale=3 ** -.5).cdf),
                      ("rcauchy(1,2)", st.cauchy(1, 2).cdf)):
        draws = evaluate(session, call)
        assert st.kstest(draws, cdf).pvalue > 1e-4, call
