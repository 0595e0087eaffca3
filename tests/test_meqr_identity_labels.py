"""meqr/xtme display: an identity block over many variables prints ``sd(first..last)(1)`` and
the full list as a footnote after the LR test line (``_xtme_display``'s rule: the 8-character
abbreviations joined by blanks are kept up to 20 characters)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.render.meqr_display import collapse_long_names
from mlmcli.results.mixed import RandomLevel, VarianceRow


def _states(seed: int = 3) -> pd.DataFrame:
    """Counts over 6 states with a state-specific slope in year (one dummy-slope column each)."""
    rng = np.random.default_rng(seed)
    state = np.repeat(np.arange(1, 7), 30)
    year = np.tile(np.arange(30), 6) / 10.0
    slope = rng.normal(scale=0.3, size=7)[state]
    y = rng.poisson(np.exp(1.0 + 0.2 * year + slope * year))
    df = pd.DataFrame({"deaths": y.astype(float), "year": year, "state": state})
    for k in range(1, 7):
        df[f"slope_state_{k}"] = year * (state == k)
    df["a"], df["b"], df["c"] = df["slope_state_1"], df["slope_state_2"], df["slope_state_3"]
    return df


def test_long_identity_list_is_shortened_with_a_footnote(do):
    # laplace: the labels are the point, not the estimates; the default 7 points on six random
    # effects of one group (7^6 nodes) took ~25 s of CPU
    rc, out, _ = do("set linesize 80\nxtmepoisson deaths year || _all: slope_state_*, cov(identity) nocons laplace",
                    _states())
    assert rc == 0, out
    lines = out.splitlines()
    assert "_all: Identity               |" in lines
    row = next(ln for ln in lines if "sd(" in ln)
    assert row.startswith(" " * 3 + "sd(slope~_1..slope~_6)(1) |"), row
    lr = next(i for i, ln in enumerate(lines) if ln.startswith("LR test vs. Poisson regression:"))
    # {p 0 4 4} at linesize 80: 76 columns, continuation lines indented 4
    assert lines[lr + 1:lr + 3] == ["(1) slope_state_1 slope_state_2 slope_state_3 slope_state_4 slope_state_5",
                                    "    slope_state_6"]


def test_short_identity_list_is_kept(do):
    rc, out, _ = do("meqrpoisson deaths year || _all: a b c, cov(identity) nocons", _states())
    assert rc == 0, out
    assert any(ln.startswith(" " * 18 + "var(a b c) |") for ln in out.splitlines()), out
    assert "\n(1) " not in out


def _row(label):
    return VarianceRow(label, 1.0, 0.1, 0.8, 1.2)


def test_footnotes_number_the_shortened_blocks_in_order():
    names = " ".join(f"x{k}" for k in range(1, 13))  # 'x1 ... x12' is 35 characters
    levels = [RandomLevel("id", "Independent", (_row("var(_cons)"),)),
              RandomLevel("_all", "Identity", (_row(f"var({names})"),)),
              RandomLevel("_all", "Exchangeable", (_row(f"var({names})"), _row(f"cov({names})"))),
              RandomLevel("_all", "Identity", (_row("var(u1 u2 u3)"),))]
    out, notes = collapse_long_names(levels)
    assert out[0] is levels[0] and out[3] is levels[3]
    assert [r.label for r in out[1].rows] == ["var(x1..x12)(1)"]
    assert [r.label for r in out[2].rows] == ["var(x1..x12)(2)", "cov(x1..x12)(2)"]
    assert notes == [f"(1) {names}", f"(2) {names}"]
