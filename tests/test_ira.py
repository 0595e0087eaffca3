"""ira (Graf-Vlachy, SSC): within-group agreement indices checked against the textbook
formulas computed here by hand, the display, r() and the errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

# two groups, two items, three and two judges
DATA = pd.DataFrame({
    "judge": [1, 2, 3, 1, 2, 3, 1, 2, 1, 2],
    "group": [1, 1, 1, 1, 1, 1, 2, 2, 2, 2],
    "item": [1, 1, 1, 2, 2, 2, 1, 1, 2, 2],
    "rating": [5, 6, 5, 4, 6, 7, 2, 3, 1, 7]}).astype(float)


def _by_hand(df: pd.DataFrame, A: int) -> dict[str, list[float]]:
    """Per group: rwg(j) (uniform null), r*wg(j), r'wg(B), awg(j), ADM(j), ADMd(j)."""
    s2_eu = (A * A - 1) / 12
    J = df["item"].nunique()
    out = {k: [] for k in ("rwg", "rstar", "rB", "awg", "ADM", "ADMd")}
    for _, g in df.groupby("group"):
        items = [grp.rating.to_numpy() for _, grp in g.groupby("item")]
        s2 = np.mean([x.var(ddof=1) for x in items])
        ratio = s2 / s2_eu
        out["rwg"].append(J * (1 - ratio) / (J * (1 - ratio) + ratio))
        out["rstar"].append(1 - ratio)
        dev = g.rating - g.groupby("item").rating.transform("mean")
        out["rB"].append(1 - (dev.groupby(g.judge).mean() ** 2).mean() / s2_eu)
        awg = []
        for x in items:
            k, m = x.size, x.mean()
            smax = ((A + 1) * m - m * m - A) * k / (k - 1)
            inside = (k - 1 + A) / k <= m <= (A * (k - 1) + 1) / k
            awg.append(1 - 2 * x.var(ddof=1) / smax if inside else 1.0)
        out["awg"].append(np.mean(awg))
        out["ADM"].append(np.mean([np.abs(x - x.mean()).mean() for x in items]))
        out["ADMd"].append(np.mean([np.abs(x - np.median(x)).mean() for x in items]))
    return out


def test_indices_match_the_formulas(do):
    rc, out, s = do("ira judge rating, item(item) group(group)", df=DATA)
    assert rc == 0, out
    hand = _by_hand(DATA, 7)
    rwg = [min(max(v, 0.0), 1.0) if 0 <= v <= 1 else 0.0 for v in hand["rwg"]]  # out of [0, 1] -> 0
    assert s.r["rwg_unif_mean"] == pytest.approx(np.mean(rwg))
    assert s.r["rwg_unif_range"] == pytest.approx(max(rwg) - min(rwg))
    for key, name in (("rstar", "rstarwg"), ("rB", "rapowgB"), ("awg", "awg"), ("ADM", "ADM"), ("ADMd", "ADMd")):
        assert s.r[f"{name}_mean"] == pytest.approx(np.mean(hand[key])), name
        assert s.r[f"{name}_median"] == pytest.approx(np.median(hand[key])), name
    assert (s.r["N"], s.r["J"], s.r["groups"], s.r["A"]) == (10, 2, 2, 7)


def test_layout(do):
    rc, out, s = do("ira judge rating, item(item) group(group)", df=DATA)
    lines = out.rstrip("\n").split("\n")
    start = lines.index("Number of observations (N)                 = 10")
    assert lines[start:start + 7] == [
        "Number of observations (N)                 = 10",
        "Number of items (J)                        = 2",
        "Number of groups                           = 2",
        "Response options (A)                       = 7",
        "",
        "Interrater agreement (across groups)        | Mean    | Median  | Range",
        "--------------------------------------------+---------+---------+---------",
    ]
    assert lines[start + 7] == "rwg(j) [null distribution: uniform]         |  0.4000 |  0.4000 |  0.8000"
    assert lines[start + 8] == "   Note: rwg > 1 in at least one group      |         |         |"
    assert "r*wg(j)                                     | -0.3229 | -0.3229 |  1.9792" in lines
    assert lines[-1].startswith("ADMd(j)")


def test_single_group_single_item_and_custom_null(do):
    df = DATA[DATA.group == 1]
    rc, out, s = do("ira judge rating if item == 1, options(6) distribution(2)", df=df)
    assert rc == 0, out
    x = np.array([5.0, 6.0, 5.0])
    ratio = x.var(ddof=1) / 2
    assert s.r["rwg_custom_mean"] == pytest.approx(1 - ratio)          # J = 1: rwg = 1 - S2/s2
    assert "rwg(j) [null distribution variance: 2.0000] |" in out
    assert s.r["groups"] == 1 and s.r["J"] == 1


@pytest.mark.parametrize("text, words", [
    ("ira judge rating, item(item) group(group) options(5)", "rating(s) > 5, outside the scale range"),
    ("ira judge rating, group(group)", "Not all judges provided exactly one rating per item per group"),
    ("ira judge rating, options(1)", "cannot have a less than two response options"),
    ("ira judge rating, distribution(0)", "cannot be zero"),
    ("ira judge rating, bogus", "option bogus not allowed"),
])
def test_errors(do, text, words):
    rc, out, _ = do(text, df=DATA)
    assert rc == 198 and words in out, out


def test_ssc_and_which(do):
    rc, out, _ = do("ssc install ira\nwhich ira", df=DATA)
    assert rc == 0 and "ira is built into mlm" in out and "built-in command:  ira" in out


def test_by_reports_each_group(do):
    rc, out, s = do("by group: ira judge rating, item(item)", df=DATA)
    assert rc == 0, out
    assert out.count("Number of groups                           = 1") == 2
    hand = _by_hand(DATA[DATA.group == 2], 7)
    assert s.r["rstarwg_mean"] == pytest.approx(hand["rstar"][0])   # r() of the last by-group
