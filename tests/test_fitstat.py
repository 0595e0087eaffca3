"""``fitstat``: SPost13's fitstat.ado refuses every model outside its list (melogit posts
e(cmd) = meglm) with a message and rc 0; mlm does the same, and says r(199) where SPost
would compute measures mlm does not have (models other than logit/logistic/probit;
tests/test_fitstat_binary_measures.py checks those)."""
import numpy as np
import pandas as pd
import pytest


def _frame(n=200, seed=4):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(20), n // 20).astype(float)
    x = rng.normal(size=n)
    y = (rng.random(n) < 1 / (1 + np.exp(-x))).astype(float)
    return pd.DataFrame({"g": g, "x": x, "y": y})


@pytest.mark.parametrize("model", ["melogit y x || g:", "mixed y x || g:", "xtlogit y x, i(g)"])
def test_models_spost_does_not_accept_print_its_message_and_go_on(do, model):
    rc, out, _ = do(f"quietly {model}\nfitstat\ndisplay 42", df=_frame())
    assert rc == 0, out
    assert "fitstat does not work with the last model estimated" in out and "42" in out


def test_no_estimates_is_the_same_message(do):
    rc, out, _ = do("fitstat", df=_frame())
    assert rc == 0 and "fitstat does not work with the last model estimated" in out


def test_accepted_models_without_measures_in_mlm_say_so(do):
    df = _frame().assign(c=lambda f: (f.x > 0).astype(float) + 1)
    rc, out, _ = do("quietly poisson c x\nfitstat", df=df)
    assert rc == 199 and "fitstat after poisson is not implemented in mlm" in out


def test_options(do):
    rc, out, _ = do("quietly melogit y x || g:\nfitstat, bogus", df=_frame())
    assert rc == 198 and "option bogus not allowed" in out
    rc, out, _ = do("quietly melogit y x || g:\nfitstat, save ic", df=_frame())
    assert rc == 0
