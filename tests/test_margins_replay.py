"""``margins`` typed with nothing but options after ``margins ..., post``: margins.ado's ``if
replay()`` branch (e(cmd) or e(cmd2) margins) shows the posted table again through _marg_report,
with level() (c(level) by default), vsquish, noatlegend, nopredictlegend and the formats; so
``estimates replay m, level(90)`` on posted margins works too.  Each replayed table must equal a
fresh ``margins`` at those options."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    n = 300
    x = rng.normal(size=n)
    g = rng.integers(0, 3, n)
    return pd.DataFrame(dict(x=x, g=g, y=(rng.random(n) < 1 / (1 + np.exp(-(0.5 * x + 0.3 * g - 0.3)))).astype(int),
                             yc=1 + x + 0.5 * g + rng.normal(size=n)))


def _table(out: str) -> list[str]:
    return [ln for ln in out.splitlines() if not ln.startswith(". ")]


@pytest.mark.parametrize("fit", ["logit y x i.g", "regress yc x i.g"])
@pytest.mark.parametrize("margins, options", [
    ("margins g", ""), ("margins g", "level(90)"), ("margins g", "level(80) vsquish cformat(%9.3f) pformat(%4.2f)"),
    ("margins, at(x=(0 1))", "noatlegend"), ("margins, at(x=(0 1)) vsquish", ""),
    ("margins, at(x=(0 1)) noatlegend cformat(%9.2f)", ""), ("margins g, at(x=(0 1 2)) noatlegend", "vsquish"),
    ("margins, at(x=1)", "level(90)"),
    ("margins, dydx(x) at(x=(0 1))", "level(99) vsquish"), ("margins g", "nopredictlegend level(90)"),
])
def test_replay_equals_a_fresh_margins(do, data, fit, margins, options):
    """The replay's display options are its own: the fresh margins is the posted one without the
    display options it was typed with (vsquish, noatlegend, cformat()), with the replay's."""
    rc, out, s = do(f"quietly {fit}", df=data)
    fresh_options = " ".join(o for o in options.split() if o != "nopredictlegend")
    comma = "" if "," in margins else ","
    plain = " ".join(w for w in margins.split() if w not in ("vsquish", "noatlegend", "cformat(%9.2f)"))
    rc, fresh, s = do(f"{plain}{'' if ',' in plain else ','} {fresh_options}", session=s)
    assert rc == 0, fresh
    rc, _, s = do(f"quietly {margins}{comma} post\nestimates store mg", session=s)
    assert rc == 0
    rc, replayed, s = do(f"margins, {options}" if options else "margins", session=s)
    assert rc == 0, replayed
    assert _table(replayed) == _table(fresh)
    rc, stored, s = do(f"estimates replay mg, noheader {options}", session=s)
    assert rc == 0 and _table(stored) == _table(fresh)


def test_level_by_hand_and_c_level(do, data):
    rc, out, s = do("quietly logit y x i.g\nquietly margins g, post level(90)", df=data)
    b, se = s.e.matrices["b"].values[0], np.sqrt(np.diag(s.e.matrices["V"].values))
    rc, out, s = do("margins", session=s)  # the fit's level(90) is not kept: c(level)
    assert "[95% Conf. Interval]" in out
    rc, out, s = do("set level 80\nmargins", session=s)
    assert "[80% Conf. Interval]" in out
    row = next(ln for ln in out.splitlines() if ln.strip().startswith("1  |"))
    lo, hi = (float(v) for v in row.split()[-2:])
    q = 1.2815515655446004
    assert lo == pytest.approx(b[1] - q * se[1], abs=1e-7) and hi == pytest.approx(b[1] + q * se[1], abs=1e-7)
    assert s.e.cmd == "margins" and s.e.scalars["level"] == 90.0  # e() unchanged


@pytest.mark.parametrize("options, rc, message", [
    ("bogus", 198, "option bogus not allowed"),
    ("post", 198, "option post not allowed"),
    ("dydx(x)", 198, "option dydx() not allowed"),
    ("coeflegend", 198, "option coeflegend not supported by mlmcli when margins replays"),
    ("mcompare(bonferroni)", 198, "option mcompare() not supported by mlmcli when margins replays"),
])
def test_options_the_replay_refuses(do, data, options, rc, message):
    rc0, out, s = do("quietly logit y x i.g\nquietly margins g, post", df=data)
    code, out, s = do(f"margins, {options}", session=s)
    assert code == rc and message in out


def test_contrasts_and_pairwise_comparisons_posted_by_margins(do, data):
    rc, out, s = do("quietly logit y x i.g", df=data)
    for line in ("margins r.g", "margins g, pwcompare"):
        rc, fresh, s = do(line, session=s)
        rc, _, s = do(f"quietly {line}{'' if ',' in line else ','} post", session=s)
        rc, replayed, s = do("margins", session=s)
        assert rc == 0 and _table(replayed) == _table(fresh)
        rc, stored, s = do("estimates replay, noheader", session=s)  # was an internal error
        assert rc == 0 and _table(stored) == _table(fresh)
        rc, out, s = do("margins, level(90)", session=s)
        assert rc == 198 and "not supported by mlmcli" in out
        rc, out, s = do("quietly logit y x i.g", session=s)


def test_other_margins_lines_after_a_post_are_unchanged(do, data):
    rc, out, s = do("quietly logit y x i.g\nquietly margins g, post", df=data)
    rc, out, s = do("margins g", session=s)  # a marginlist: margins.ado computes, after margins: r(321)
    assert rc == 321
    rc, out, s = do("quietly logit y x i.g\nquietly contrast g, post\nmargins", session=s)
    assert rc == 321  # e(cmd) contrast: no margins replay
