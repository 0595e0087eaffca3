"""An estimation command typed alone shows its results at c(level) (``set level``, 95 by
default) unless level(#) is typed on the replay: level() is a display option ([R] estimation
options; [U] 20.8), the fit's level() is not kept.  The rule lives in one place
(``estimation/replay_level.py``, applied by the runner); each replayed table must be
the one a fresh fit at that level prints.  stcox and streg: tests/test_st_replay_level.py."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def panel():
    rng = np.random.default_rng(1)
    n = 300
    g = np.repeat(np.arange(30), 10)
    x = rng.normal(size=n)
    u = rng.normal(size=30)[g]
    y = 1 + 0.5 * x + u + rng.normal(size=n)
    return pd.DataFrame(dict(g=g, t=np.tile(np.arange(10), 30), x=x, y=y,
                             yb=(y + rng.normal(size=n) > 1.5).astype(int),
                             yc=rng.poisson(np.exp(0.3 + 0.3 * x + 0.3 * u)), yo=np.digitize(y, [0, 1, 2]),
                             x2=rng.normal(size=n)))


def _table(out: str) -> list[str]:
    """The coefficient table(s) and what follows them (the header above may differ: no log)."""
    lines = out.splitlines()
    at = min(i for i, ln in enumerate(lines) if "Conf. Interval]" in ln)
    return [ln for ln in lines[at:] if ln.strip() and not ln.startswith(". ")]


MODELS = ["regress y x", "logit yb x", "probit yb x", "logistic yb x", "poisson yc x", "nbreg yc x",
          "glm yc x, family(poisson)", "tobit y x, ll(0)", "ologit yo x", "mlogit yo x",
          "mixed y x || g:", "melogit yb x || g:", "meqrlogit yb x || g:", "xtreg y x, re", "xtreg y x, fe",
          "xtlogit yb x, re", "xtlogit yb x, fe", "xtpoisson yc x, fe", "xtgee y x", "xtnbreg yc x, re",
          "xttobit y x, ll(0)", "clogit yb x, group(g)", "areg y x, absorb(g)", "reghdfe y x, absorb(g)", "rreg y x",
          "sem (y <- x)", "gsem (y <- x)", "menl y = {b0}+{b1}*x + {U[g]}", "gllamm y x, i(g)",
          "xtreg y x, pa"]


@pytest.mark.parametrize("model", MODELS)
def test_replay_at_c_level(do, panel, model):
    comma = "," if "," not in model else ""
    cmd = model.split()[0]
    rc, at95, s = do(f"xtset g t\n{model}", df=panel)
    assert rc == 0, at95
    rc, at90, s = do(f"{model}{comma} level(90)", session=s)
    assert rc == 0 and "[90% Conf. Interval]" in at90, at90
    rc, replay, s = do(cmd, session=s)  # the fit's level(90) is not kept
    assert rc == 0 and "[95% Conf. Interval]" in replay and "90% Conf" not in replay, replay
    assert _table(replay) == _table(at95)
    assert s.e.result.level == 90  # e() unchanged
    rc, replay90, s = do(f"{cmd}, level(90)", session=s)  # typed on the replay
    assert rc == 0 and _table(replay90) == _table(at90)
    rc, at80, s = do(f"set level 80\n{model}", session=s)
    rc, _, s = do(f"{model}{comma} level(99)", session=s)
    rc, again, s = do(cmd, session=s)  # set level: the replay's default
    assert rc == 0 and _table(again) == _table(at80)


def test_replay_at_fit_level_unchanged(do, panel):
    """Fitted at c(level): the replay is as before (nothing added)."""
    rc, fit, s = do("set level 90\nregress y x", df=panel)
    rc, replay, s = do("regress", session=s)
    assert rc == 0 and _table(replay) == _table(fit) and "[90% Conf. Interval]" in replay


def test_other_replay_options_still_refused(do, panel):
    rc, out, s = do("qreg y x, level(90)\nqreg, noheader", df=panel)
    assert rc == 198


def test_qreg_replay_keeps_the_fit_se(do, panel):
    """qreg's iid VCE depends on level() (the Hall-Sheather bandwidth), so a fresh fit at 95 has
    other standard errors: the replay shows e(V)'s at c(level), b -/+ t(e(df_r)) se."""
    from mlmcli import distributions as stats

    rc, out, s = do("qreg y x, level(90)", df=panel)
    rc, replay, s = do("qreg", session=s)
    assert rc == 0 and "[95% Conf. Interval]" in replay
    b = s.e.matrices["b"].values[0]
    se = np.sqrt(np.diag(s.e.matrices["V"].values))
    q = float(stats.t.ppf(0.975, s.e.scalars["df_r"]))
    row = next(ln for ln in replay.splitlines() if ln.strip().startswith("x |"))
    lo, hi = (float(v) for v in row.split()[-2:])
    assert lo == pytest.approx(b[0] - q * se[0], rel=1e-6) and hi == pytest.approx(b[0] + q * se[0], rel=1e-6)
