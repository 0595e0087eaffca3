"""teffects psmatch/nnmatch, coeflegend ([TE] teffects psmatch lists it among its reporting
options): the estimate and its _b[] name in place of the statistics, at estimation and on replay
(psmatch refused it; nnmatch accepted it and showed the statistics)."""
import numpy as np
import pandas as pd
import pytest


@pytest.fixture()
def session(new_session):
    rng = np.random.default_rng(11)
    x = rng.normal(size=150)
    t = (rng.random(150) < 1 / (1 + np.exp(-x))).astype(float)
    return new_session(pd.DataFrame({"x": x, "t": t, "y": 1 + 2 * t + x + rng.normal(size=150)}))


@pytest.mark.parametrize("model", ["psmatch (y) (t x)", "nnmatch (y x) (t)"])
def test_coeflegend_names_the_effect(session, run, model):
    plain, rc = run(session, f"teffects {model}")
    assert rc == 0, plain
    coef = float(plain.splitlines()[-2].split("|")[1].split()[0])
    for text in (f"teffects {model}, coeflegend", "teffects, coeflegend"):
        out, rc = run(session, text)
        assert rc == 0, out
        lines = out.splitlines()
        assert "           y |      Coef.  Legend" in lines and "AI Robust" not in out and "P>|z|" not in out
        value, name = lines[-2].split("|")[1].split()
        assert name == "_b[ATE:r1vs0.t]" and float(value) == pytest.approx(coef, rel=1e-6)
        assert lines[:6] == plain.splitlines()[:6]  # the header unchanged
    out, rc = run(session, "display _b[ATE:r1vs0.t]")
    assert rc == 0 and float(out) == pytest.approx(coef, rel=1e-6)
