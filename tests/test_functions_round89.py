"""Round 89's expression functions: dunnettprob()/invdunnettprob(), the collation functions
(ustrcompare(), ustrsortkey() and their ex forms, collatorlocale() ...), ustrto()/ustrfrom(), s(),
return(), replay(), _caller(), matrix()/scalar(exp), diag0cnt() and the matrix densities.

References: Dunnett's (1964) table and scipy (tests/dunnett_reference/verify_dunnett.py), ICU 72's
own comparisons (tests/collation_reference/icu_compare.c), Python's codecs, closed-form densities
computed here with numpy.
"""
from __future__ import annotations

import codecs
import functools
import math
from pathlib import Path

import numpy as np
import pytest
from scipy import stats
from scipy.special import multigammaln

from mlmcli.expr import evaluate_scalar

HERE = Path(__file__).parent


@pytest.fixture()
def session(new_session):
    return new_session()


def value(session, text):
    return evaluate_scalar(session, text)


# ----------------------------------------------------------------------------- Dunnett
DUNNETT_1964_05 = {  # two-sided 5% critical values, k = 1..9 comparisons (verify_dunnett.py)
    "10": [2.23, 2.57, 2.76, 2.89, 2.99, 3.07, 3.14, 3.19, 3.24],
    "20": [2.09, 2.38, 2.54, 2.65, 2.73, 2.80, 2.86, 2.90, 2.95],
    ".": [1.96, 2.21, 2.35, 2.44, 2.51, 2.57, 2.61, 2.65, 2.69],
}


@pytest.mark.parametrize("df", list(DUNNETT_1964_05))
def test_invdunnettprob_reproduces_dunnetts_table(session, df):
    got = [round(value(session, f"invdunnettprob({k}, {df}, .95)"), 2) for k in range(1, 10)]
    assert got == DUNNETT_1964_05[df]


@pytest.mark.parametrize("df,x", [(2, 0.7), (5, 2.0), (30, 1.3), (1000, 2.5)])
def test_one_comparison_is_the_two_sided_t(session, df, x):
    exact = 1 - 2 * stats.t.sf(x, df)
    assert value(session, f"dunnettprob(1, {df}, {x})") == pytest.approx(exact, abs=1e-12)
    assert value(session, f"invdunnettprob(1, {df}, {float(exact)!r})") == pytest.approx(x, rel=1e-9)


def _scipy_rows():
    path = HERE / "dunnett_reference" / "scipy_values.txt"
    return [line.split() for line in path.read_text().splitlines() if not line.startswith("#")]


def test_dunnettprob_against_scipy(session):
    """multivariate_t's box probability (QMC, ~1e-7) and scipy.stats.dunnett's p-values (~1e-4)."""
    rows = _scipy_rows()
    assert len(rows) > 20
    for kind, k, df, x, ref in rows:
        p = value(session, f"dunnettprob({k}, {df}, {x})")
        if kind == "mvt":
            assert p == pytest.approx(float(ref), abs=2e-6)
        else:
            assert 1 - p == pytest.approx(float(ref), abs=5e-4)


def test_dunnett_inverse_round_trip_and_domain(session):
    x = value(session, "invdunnettprob(5, 12, .99)")
    assert value(session, f"dunnettprob(5, 12, {x!r})") == pytest.approx(0.99, abs=1e-12)
    assert value(session, "dunnettprob(3, 10, -1)") == 0
    for bad in ("dunnettprob(0, 10, 1)", "dunnettprob(2.5, 10, 1)", "dunnettprob(3, -1, 1)",
                "dunnettprob(3, 10, .)", "invdunnettprob(3, 10, 1)", "invdunnettprob(3, 10, 0)"):
        assert math.isnan(value(session, bad)), bad


# ----------------------------------------------------------------------------- collation
def _icu_cases():
    def text(t):
        return "" if t == "<>" else codecs.decode(t, "unicode_escape")
    path = HERE / "collation_reference" / "icu_values.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        yield f[0], [float(v) for v in f[1:8]], text(f[8]), text(f[9]), int(f[10])


def test_ustrcompareex_agrees_with_icu():
    from mlmcli.expr.collation import ustrcompareex

    cases = list(_icu_cases())
    assert len(cases) > 1000
    wrong = [(c[:4], c[4]) for c in cases if ustrcompareex(c[2], c[3], c[0], *c[1]) != c[4]]
    assert wrong == []


def test_ustrcompare_through_expressions(do):
    rc, out, _ = do('display ustrcompare("z", "ö", "de") ", " ustrcompare("a", "B") ", " ustrcompare("b", "b", "en_US")'
                    '\ndisplay ustrcompareex("a10", "a9", "en", -1, -1, -1, -1, 1, -1, -1)')
    assert rc == 0 and "1, -1, 0" in out and out.strip().endswith("1")
    for loc in ("sv", "es_ES", "de@collation=phonebook", "fr_CA"):
        rc, out, _ = do(f'display ustrcompare("z", "ö", "{loc}")')
        assert rc == 198 and "root" in out, loc
    rc, out, _ = do('display ustrcompareex("a", "b", "en", 9, -1, -1, -1, -1, -1, -1)')
    assert rc == 0 and out.strip() == "."


WORDS = ["b", "A", "a", "côte", "coté", "cote", "côté", "a-b", "ab", "Zebra", "zebra", "10", "9", "ä", "", "Ω"]


def test_sort_keys_sort_as_the_comparison(do):
    from mlmcli.expr.collation import ustrcompare, ustrsortkey

    by_compare = sorted(WORDS, key=functools.cmp_to_key(lambda a, b: int(ustrcompare(a, b))))
    assert sorted(WORDS, key=ustrsortkey) == by_compare
    assert all(k.isascii() for k in map(ustrsortkey, WORDS))
    import pandas as pd

    rc, out, s = do("gen k = ustrsortkey(w)\nsort k", pd.DataFrame({"w": WORDS}))
    assert rc == 0, out
    assert list(s.data.df["w"]) == by_compare


def test_collator_introspection(session):
    assert evaluate_scalar(session, 'collatorlocale("en_US", 0)') == "root"
    assert evaluate_scalar(session, 'collatorlocale("sv", 0)') == ""
    assert evaluate_scalar(session, 'collatorversion("en")') == "9.0.0"
    assert evaluate_scalar(session, 'wordbreaklocale("de", 1)') == "root"


# ----------------------------------------------------------------------------- ustrto / ustrfrom
def test_ustrto_and_ustrfrom_modes(session):
    def ev(text):
        return evaluate_scalar(session, text)
    latin = ev('ustrto("café", "latin1", 1)')
    assert latin.encode("utf-8", "surrogateescape") == "café".encode("latin-1")
    assert ev('strlen(ustrto("café", "latin1", 1))') == 4
    assert ev('ustrfrom(ustrto("café", "latin1", 1), "latin1", 1)') == "café"
    assert ev('ustrto("a€b", "latin1", 1)') == "a\x1ab"
    assert ev('ustrto("a€b", "latin1", 2)') == "ab"
    assert ev('ustrto("a€b", "latin1", 3)') == ""
    assert ev('ustrto("a€b", "latin1", 4)') == "a\\u20acb"
    assert ev('ustrto("a\U0001F600", "latin1", 4)') == "a\\U0001f600"
    assert ev('ustrto("a€b", "latin1", 9)') == "a\x1ab"  # any other mode is 1
    assert ev('ustrto("a€", "windows-1252", 1)').encode("utf-8", "surrogateescape") == "a€".encode("cp1252")
    assert ev('ustrto("é", "nosuch-encoding", 1)') == ""
    bad = ev('"ok" + ustrto("é", "latin1", 1)')
    assert ev(f'ustrfrom("{bad}", "utf-8", 1)') == "ok\ufffd"
    assert ev(f'ustrfrom("{bad}", "utf-8", 2)') == "ok"
    assert ev(f'ustrfrom("{bad}", "utf-8", 3)') == ""
    assert ev(f'ustrfrom("{bad}", "utf-8", 4)') == "ok%XE9"
    assert ev('ustrfrom(ustrto("日本", "Shift_JIS", 1), "Shift_JIS", 1)') == "日本"


def test_non_utf8_bytes_are_written_by_file_write_and_refused_by_a_variable(do, tmp_path):
    target = tmp_path / "out.txt"
    rc, out, s = do(f'local x = ustrto("café", "latin1", 1)\nfile open fh using "{target}", write replace\n'
                    'file write fh "`x\'" _n\nfile close fh')
    assert rc == 0, out
    assert target.read_bytes() == b"caf\xe9\n"
    rc, out, s = do('set obs 2\ngen w = cond(_n == 1, "café", "x")\nreplace w = ustrto(w, "latin1", 1)')
    assert rc == 198 and "not UTF-8" in out
    assert list(s.data.df["w"]) == ["café", "x"]


# ----------------------------------------------------------------------------- programming
def test_s_return_replay_and_caller(do):
    rc, out, _ = do('''sreturn local vars "a b"
display "[`s(vars)']" s(vars) "[" s(nosuch) "]"
program define rr, rclass
  return scalar x = 3
  return local t "hi"
  display return(x) + 1 " `return(t)' " return(t)
  display replay()
end
rr
rr , opt
rr x
program define cv
  display "caller " _caller()
  version 10
end
version 11: cv
cv
display _caller()''')
    assert rc == 0, out
    lines = out.splitlines()
    assert "[a b]a b[]" in lines
    assert lines.count("4 hi hi") == 3
    assert [ln for ln in lines if ln in ("0", "1")] == ["1", "1", "0"]
    assert "caller 11" in lines and "caller 13" in lines
    assert lines[-1] == "13"  # the program's own `version 10` ended with it


def test_matrix_and_scalar_functions_take_names_as_scalars(do):
    import pandas as pd

    rc, out, _ = do("scalar b = 5\nmatrix A = (1,2\\3,4)\nmatrix Z = (0,1\\2,0)\n"
                    "display b \" \" scalar(b) \" \" matrix(b*2) \" \" matrix(A[2,1]) \" \" scalar(b+_pi-_pi)\n"
                    "display diag0cnt(A) diag0cnt(Z)", pd.DataFrame({"b": [1.0]}))
    assert rc == 0, out
    assert out.splitlines()[0] == "1 5 10 3 5"
    assert out.splitlines()[1] == "02"
    rc, out, _ = do("matrix A = (1,2)\ndisplay matrix(A)")
    assert rc == 509
    rc, out, _ = do("display scalar(nosuch + 1)")
    assert rc == 111 and "nosuch not found" in out
    rc, out, _ = do("matrix A = (1,2)\ndisplay diag0cnt(A)")
    assert rc == 503


# ----------------------------------------------------------------------------- matrix densities
def test_matrix_densities_against_closed_forms(do):
    V = np.array([[1.0, 0.5], [0.5, 2.0]])
    S = np.array([[2.0, 0.3], [0.3, 1.0]])
    m, x, df, n = np.array([0.2, -0.1]), np.array([1.0, -1.0]), 5.0, 2
    d = x - m
    mvn = -0.5 * (n * math.log(2 * math.pi) + math.log(np.linalg.det(V)) + d @ np.linalg.solve(V, d))
    wish = ((df - n - 1) / 2 * math.log(np.linalg.det(S)) - np.trace(np.linalg.solve(V, S)) / 2
            - df * n / 2 * math.log(2) - df / 2 * math.log(np.linalg.det(V)) - multigammaln(df / 2, n))
    iwish = (df / 2 * math.log(np.linalg.det(V)) - (df + n + 1) / 2 * math.log(np.linalg.det(S))
             - np.trace(V @ np.linalg.inv(S)) / 2 - df * n / 2 * math.log(2) - multigammaln(df / 2, n))
    rc, out, s = do("matrix M = (.2, -.1)\nmatrix V = (1, .5 \\ .5, 2)\nmatrix X = (1 \\ -1)\n"
                    "matrix S = (2, .3 \\ .3, 1)\nscalar a = lnmvnormalden(M, V, X)\n"
                    "scalar b = lnwishartden(5, V, S)\nscalar c = lniwishartden(5, V, S)\n"
                    "scalar d = lnwishartden(1, V, S)\nmatrix N = (1, 2 \\ 2, 1)\nscalar e = lnmvnormalden(M, N, X)")
    assert rc == 0, out
    got = {k: float(s.scalars[k]) for k in "abcde"}
    assert got["a"] == pytest.approx(mvn, rel=1e-12)
    assert got["b"] == pytest.approx(wish, rel=1e-12)
    assert got["c"] == pytest.approx(iwish, rel=1e-12)
    assert math.isnan(got["d"]) and math.isnan(got["e"])
    rc, _, _ = do("matrix M = (0, 0, 0)\nmatrix V = I(2)\ndisplay lnmvnormalden(M, V, M)")
    assert rc == 503


# ----------------------------------------------------------------------------- help
def test_help_names_the_new_functions(do):
    rc, out, _ = do("help functions")
    assert rc == 0 and "not there" not in out and "dunnettprob()" in out and "ustrsortkeyex()" in out
    rc, out, _ = do("help ustrcompare()")
    assert rc == 0 and "string functions" in out and "root" in out and "r(198)" in out
    rc, out, _ = do("help dunnettprob")
    assert rc == 0 and "statistical functions" in out and "Dunnett" in out
    rc, out, _ = do("help abs()")
    assert rc == 0 and "mathematical functions" in out


# ----------------------------------------------------------------------------- sweep(), matuniform()
def test_sweep_is_goodnights_operator_and_sweeping_every_pivot_inverts(do):
    a = np.array([[4.0, 2.0, 1.0], [2.0, 3.0, 0.5], [1.0, 0.5, 2.0]])
    k = 1  # 0-based pivot of sweep(A, 2)
    b = a - np.outer(a[:, k], a[k, :]) / a[k, k]
    b[k, :], b[:, k] = a[k, :] / a[k, k], -a[:, k] / a[k, k]
    b[k, k] = 1 / a[k, k]
    rc, out, s = do("matrix A = (4,2,1 \\ 2,3,.5 \\ 1,.5,2)\nmatrix rownames A = x y z\nmatrix colnames A = p q r\n"
                    "matrix B = sweep(A, 2)\nmatrix C = sweep(sweep(sweep(A, 1), 2), 3)\nmatrix D = sweep(A, 4)")
    assert rc == 503, out  # no fourth pivot
    np.testing.assert_allclose(s.matrices["B"].values, b, rtol=1e-14)
    assert tuple(s.matrices["B"].rownames) == ("x", "q", "z") and tuple(s.matrices["B"].colnames) == ("p", "y", "r")
    np.testing.assert_allclose(s.matrices["C"].values, np.linalg.inv(a), rtol=1e-12)


def test_matuniform_draws_from_the_seeded_stream(do):
    rc, out, s = do("set seed 89\nmatrix U = matuniform(3, 2)\nset seed 89\nset obs 6\ngen double u = .\n"
                    "replace u = runiform()\nmatrix V = matuniform(3, 2)")
    assert rc == 0, out
    u = s.matrices["U"].values
    assert u.shape == (3, 2) and ((u >= 0) & (u < 1)).all()
    np.testing.assert_array_equal(u.ravel(), s.data.df["u"].to_numpy())
    assert not np.array_equal(u, s.matrices["V"].values)


def test_set_locale_functions_is_the_default_locale(do):
    rc, out, s = do('display c(locale_functions)\nset locale_functions sv\ndisplay c(locale_functions)\n'
                    'display ustrcompare("a", "b", "en")\ncapture display ustrcompare("a", "b")\ndisplay _rc\n'
                    'set locale_functions default\ndisplay ustrcompare("a", "b")')
    assert rc == 0, out
    assert [ln for ln in out.splitlines() if ln and not ln.startswith(".")] == ["en_US", "sv", "-1", "198", "-1"]
