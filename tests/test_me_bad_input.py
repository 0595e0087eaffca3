"""Bad input to the me commands gets Stata's messages and return codes, and leaves the data
exactly as it was; a fit stopped by iterate(#) posts its results with a warning (rc 0), as Stata's ml."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(7)
    g = np.repeat(np.arange(1, 21), 10)
    x = rng.normal(size=g.size)
    y = (rng.random(g.size) < 1 / (1 + np.exp(-(x + rng.normal(0, 1, 20)[g - 1])))).astype(float)
    return pd.DataFrame({"y": y, "x": x, "g": g, "one": 1.0, "neg": -1.0 * (x > 0), "half": 0.5,
                         "cnt": rng.poisson(2, g.size).astype(float), "w": -x, "perfect": (x > 0).astype(float),
                         "zero": 0.0, "frac": rng.poisson(2, g.size) + 0.5})


CASES = [
    ("melogit one x || g:", 2000, "outcome does not vary; remember:"),
    ("mepoisson neg x || g:", 459, "neg must be greater than or equal to zero"),
    ("melogit perfect x || g:", 2000, "outcome = x > "),
    ("mepoisson zero x || g:", 2000, "outcome does not vary"),
    ("meologit one x || g:", 2000, "outcome does not vary"),
    ("logit perfect x", 2000, "outcome = x > "),
    ("logit one x", 2000, "outcome does not vary; remember:"),
    ("poisson neg x", 459, "neg must be greater than or equal to zero"),
    ("menbreg neg x || g:", 459, "neg must be greater than or equal to zero"),
    ("melogit y x || nosuch:", 111, "variable nosuch not found"),
    ("melogit y nosuch || g:", 111, "variable nosuch not found"),
    ("melogit y x || g:, intmethod(simpson)", 198, "intmethod(simpson) invalid"),
    ("melogit y x || g:, intpoints(0)", 198, "intpoints() must be an integer between 1 and 195"),
    ("melogit y x || g:, intmethod(laplace) intpoints(3)", 198,
     "option intpoints() not allowed with intmethod(laplace)"),
    ("melogit y x || g:, irr", 198, "option irr not allowed"),
    ("mepoisson cnt x || g:, or", 198, "option or not allowed"),
    ("meprobit y x || g:, technique(bhhh)", 198, "option technique(bhhh) not allowed"),
    ("meprobit y x || g:, technique(newton)", 198, "option technique() invalid: newton"),
    ("melogit y x || g:, constraints(1)", 111, "constraint (1) not defined"),
    ("melogit y x, exposure(cnt) || g:", 198, "option exposure() not allowed"),
    ("mepoisson cnt x, exposure(x) || g:", 459, "x <= 0 in some observations"),
    ("mepoisson cnt x, exposure(cnt) offset(x) || g:", 198, "only one of offset() or exposure() can be specified"),
    ("meglm y x || g:, family(bernoulli) link(log)", 198, "link log not allowed with family bernoulli"),
    ("meglm y x || g:, family(weibull)", 198, "family(weibull) invalid"),
    ("menbreg cnt x || g:, dispersion(huge)", 198, "dispersion(huge) invalid"),
    ("melogit y x [pw=w] || g:", 402, "negative weights encountered"),
    ("melogit y x [iw=cnt] || g:", 101, "iweights not allowed"),
    ("melogit y x || g:, binomial(half)", 459, "half must contain nonnegative integers"),
    ("melogit y x || g: x, covariance(diagonal)", 198, "covariance(diagonal) invalid"),
    ("melogit", 301, "last estimates not found"),
]


@pytest.mark.parametrize("text, rc, message", CASES)
def test_stata_messages_and_data_untouched(do, data, text, rc, message):
    before = data.copy()
    got_rc, out, session = do(text, data.copy())
    assert got_rc == rc, out
    assert message in out
    pd.testing.assert_frame_equal(session.data.df, before)
    assert "Traceback" not in out


@pytest.mark.parametrize("text", ["mepoisson frac x || g:, nolog", "poisson frac x, nolog",
                                  "menbreg frac x || g:, nolog"])
def test_noninteger_counts_are_fitted_with_stata_note(do, data, text):
    """Stata's poisson (and the me count models' fixed-effects fit) accept non-integer counts
    with ``note: you are responsible for interpretation of noncount dep. variable``."""
    rc, out, session = do(text, data.copy())
    assert rc == 0, out
    assert "note: you are responsible for interpretation of noncount dep. variable" in out
    assert session.e is not None


def test_iterate_limit_posts_results_and_the_do_file_goes_on(mlm, tmp_path, data):
    """ml reaching iterate(#) is not an error (ml_max.ado: $ML_rc 0 when iterate() is typed):
    the table, ``Warning: convergence not achieved``, e(converged) = 0, and the do-file goes on."""
    path = tmp_path / "d.dta"
    from mlmcli.dataset import Dataset
    from mlmcli.dta import write_dta
    write_dta(Dataset(df=data.copy()), str(path))
    do = tmp_path / "nc.do"
    do.write_text(f'use "{path}", clear\nmelogit y x || g:, iterate(1) nolog\ndisplay "reached " e(converged)\n')
    proc = mlm(str(do))
    assert proc.returncode == 0, proc.stdout
    assert "Warning: convergence not achieved\n" in proc.stdout and "r(430);" not in proc.stdout
    assert "reached 0" in proc.stdout


def test_predict_after_me_refuses_what_it_cannot_do(do, data):
    rc, out, session = do("melogit y x || g:, nolog\npredict p, scores", data.copy())
    assert rc == 198 and "option scores not allowed" in out
    for text, code, message in [("predict p1 p2, mu", 103, "too many variables specified"),
                                ("predict p, outcome(2)", 198, "option outcome() not allowed"),
                                ("predict r, reffects fixedonly", 198, "option fixedonly not allowed with reffects"),
                                ("predict p, mu fixedonly modes", 198, "fixedonly may not be combined"),
                                ("predict r1 r2, reffects", 103, "too many variables specified"),
                                ("margins, predict(mu ebmeans)", 498, "stochastic quantities other than e(b)"),
                                ("estat recovariance, level(nosuch)", 198, "level nosuch not found")]:
        rc, out, _ = do(text, session=session)
        assert rc == code and message in out, (text, out)
    rc, out, _ = do("melogit y x || g:, vce(robust) nolog\npredict r, reffects reses(s)", session=session)
    assert rc == 498 and "reses() not available after robust" in out
