"""``estimates replay [namelist], noheader``: as Stata's estimates.ado (Replay: ``syntax [anything]
[, noHeader *]``; noheader only skips its Header program), the option drops the box naming the
model -- a blank line, a rule, ``Model name (title)``, a rule -- and nothing else: the command's
own replay, header included, is printed exactly as without the option."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def panel():
    rng = np.random.default_rng(5)
    n = 240
    g = np.repeat(np.arange(24), 10)
    x = rng.normal(size=n)
    u = rng.normal(size=24)[g]
    y = 1 + 0.5 * x + u + rng.normal(size=n)
    return pd.DataFrame(dict(g=g, t=np.tile(np.arange(10), 24), x=x, y=y, f=(g % 3) + 1,
                             yb=(y + rng.normal(size=n) > 1.5).astype(int),
                             yc=rng.poisson(np.exp(0.3 + 0.3 * x + 0.3 * u))))


# one fit per estimation module whose replay() used to take noheader= and ignore it
FITS = {
    "gllamm": "gllamm y x, i(g)",
    "anova": "anova y f",
    "areg": "areg y x, absorb(g)",
    "censored": "tobit y x, ll(0)",
    "negative_binomial_panel": "xtset g t\nxtnbreg yc x",
    "robust_regression": "rreg y x",
    "sem": "sem (y <- x)",
    "xt_random_intercept": "xtset g t\nxtlogit yb x, re",
    "xtreg": "xtset g t\nxtreg y x, re",
    "margins": "regress y x i.f\nmargins f, post",
}


def _body(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if not ln.startswith(". ")]


@pytest.mark.parametrize("module", sorted(FITS))
def test_noheader_drops_only_the_model_box(do, panel, module):
    rc, out, s = do(FITS[module] + "\nestimates store m, title(my fit)", df=panel)
    assert rc == 0, out
    rc, full, s = do("estimates replay m", session=s)
    assert rc == 0, full
    rc, bare, s = do("estimates replay m, noheader", session=s)
    assert rc == 0, bare
    full, bare = _body(full), _body(bare)
    at = full.index("Model m (my fit)")
    rule = "-" * s.linesize
    assert full[at - 2:at + 2] == ["", rule, "Model m (my fit)", rule]
    assert "Model m (my fit)" not in bare
    assert bare == full[:at - 2] + full[at + 2:]  # the command's output, its header included, unchanged
    assert any(ln.strip() for ln in bare)


def test_noheader_over_a_namelist_and_the_active_results(do, panel):
    rc, out, s = do("regress y x\nestimates store a\nareg y x, absorb(g)\nestimates store b", df=panel)
    rc, both, s = do("estimates replay a b, noheader", session=s)
    assert rc == 0 and "Model a" not in both and "Model b" not in both
    assert both.count("Number of obs") == 2
    rc, active, s = do("estimates replay, noheader", session=s)
    assert rc == 0 and "Model b" not in active and "Number of obs" in active


def test_replay_options_other_than_noheader_go_to_the_command(do, panel):
    rc, out, s = do("regress y x\nestimates store a\nestimates replay a, nohead", df=panel)
    assert rc == 0 and "Model a" not in out
    rc, out, s = do("estimates replay a, coeflegend", session=s)  # regress's replay (tests/test_estimates_replay_options.py)
    assert rc == 0 and "_b[x]" in out
