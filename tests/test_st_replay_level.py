"""stcox and streg typed alone redisplay at c(level) unless level() is typed on the replay:
stcox_7's replay calls ``_coef_table`` without the fit's level() and streg.ado's Display has
``Level(cilevel)``, so a fit's level(90) is not kept.  The replayed table is the one a fit at
that level prints; e() is unchanged."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

HERE = Path(__file__).parent / "survival_reference"
SETUP = "stset time, failure(died)\n"


@pytest.fixture
def lung():
    return pd.read_csv(HERE / "lung.csv").rename(columns={"ph.ecog": "ph_ecog", "wt.loss": "wt_loss"})


def _table(out: str) -> list[str]:
    lines = out.splitlines()
    at = max(i for i, ln in enumerate(lines) if "Conf. Interval]" in ln)
    return lines[at:at + 8]


@pytest.mark.parametrize("model", ["stcox age sex", "streg age sex, distribution(weibull)",
                                   "streg age sex, distribution(lognormal)", "stcox age sex, vce(robust)",
                                   "streg age sex, distribution(weibull) frailty(gamma)"])
def test_replay_level(do, lung, model):
    comma = "," if "," not in model else ""
    rc, at95, s = do(SETUP + f"{model}{comma} nolog", df=lung)
    rc, at80, s = do(f"{model}{comma} nolog level(80)", session=s)
    cmd = model.split()[0]
    rc, replay, s = do(cmd, session=s)
    assert rc == 0 and "[95% Conf. Interval]" in replay, replay
    assert _table(replay) == _table(at95)
    assert s.e.scalars.get("level", 80) == 80  # e() unchanged
    rc, replay80, s = do(f"{cmd}, level(80)", session=s)
    assert _table(replay80) == _table(at80)
    rc, replay99, s = do(f"set level 99\n{cmd}", session=s)
    assert "[99% Conf. Interval]" in replay99
