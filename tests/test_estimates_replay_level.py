"""``estimates replay`` shows stored results at c(level), as the command typed alone does: Stata's
estimates replay runs the command's replay on them, and level() is a display option (the fit's
level() is not kept; docs/replay_level.md).  Each replayed table must equal a fresh fit's at
c(level) after ``set level 80``."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def panel():
    rng = np.random.default_rng(3)
    n = 240
    g = np.repeat(np.arange(24), 10)
    x = rng.normal(size=n)
    u = rng.normal(size=24)[g]
    y = 1 + 0.5 * x + u + rng.normal(size=n)
    return pd.DataFrame(dict(g=g, t=np.tile(np.arange(10), 24), x=x, y=y,
                             yb=(y + rng.normal(size=n) > 1.5).astype(int), yc=rng.poisson(np.exp(0.3 + 0.3 * x))))


def _table(out: str) -> list[str]:
    lines = out.splitlines()
    at = min(i for i, ln in enumerate(lines) if "Conf. Interval]" in ln)
    return [ln for ln in lines[at:] if ln.strip() and not ln.startswith(". ")]


MODELS = ["regress y x", "logit yb x", "glm yc x, family(poisson)", "mixed y x || g:", "xtlogit yb x, fe",
          "xtreg y x, re", "sem (y <- x)", "clogit yb x, group(g)"]


@pytest.mark.parametrize("model", MODELS)
def test_estimates_replay_at_c_level(do, panel, model):
    comma = "," if "," not in model else ""
    rc, out, s = do(f"xtset g t\n{model}{comma} level(90)\nestimates store m\nset level 80", df=panel)
    assert rc == 0, out
    rc, at80, s = do(model, session=s)
    assert "[80% Conf. Interval]" in at80
    rc, _, s = do(f"{model}{comma} level(99)", session=s)  # active results fitted at 99
    for replay in ("estimates replay", "estimates replay m"):
        rc, shown, s = do(replay, session=s)
        assert rc == 0 and "90% Conf" not in shown and "99% Conf" not in shown, shown
        assert _table(shown) == _table(at80)
    assert s.e.result.level == 99 and s.estimates["m"].result.level == 90  # e() unchanged


def test_estimates_replay_noheader_at_c_level(do, panel):
    rc, mixed80, s = do("set level 80\nmixed y x || g:", df=panel)
    rc, out, s = do("qreg y x, level(90)\nestimates store q", session=s)
    rc, qreg80, s = do("qreg", session=s)  # qreg's replay keeps e(V) (level-dependent se): docs/replay_level.md
    assert "[80% Conf. Interval]" in qreg80
    rc, out, s = do("mixed y x || g:, level(90)\nestimates store m", session=s)
    assert rc == 0, out
    rc, shown, s = do("estimates replay q, noheader", session=s)  # noheader is estimates replay's own
    assert rc == 0 and "Model q" not in shown and _table(shown) == _table(qreg80)
    rc, shown, s = do("estimates replay m, noheader", session=s)  # the command's header stays (estimates.ado)
    assert rc == 0 and "Model m" not in shown and "Log likelihood" in shown and _table(shown) == _table(mixed80)


def test_estimates_replay_at_fit_level_as_before(do, panel):
    rc, out, s = do("set level 90\nregress y x\nestimates replay", df=panel)
    assert rc == 0 and out.count("[90% Conf. Interval]") == 2
