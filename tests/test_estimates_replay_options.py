"""``estimates replay [namelist], options``: estimates.ado's Replay (``syntax [anything] [,
noHeader *]``) hands every option but noheader to the command's replay (Replay_u: ``e(cmd2)`` or
``e(cmd)`` typed with ``, options``).  So each replay's output and return code equal the command
typed alone with those options -- display options honoured, the others refused with the
command's own message -- after the box naming the model."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def panel():
    rng = np.random.default_rng(7)
    n = 240
    g = np.repeat(np.arange(24), 10)
    x = rng.normal(size=n)
    u = rng.normal(size=24)[g]
    y = 1 + 0.5 * x + u + rng.normal(size=n)
    t = rng.exponential(scale=np.exp(-0.5 * x))
    return pd.DataFrame(dict(g=g, tt=np.tile(np.arange(10), 24), x=x, y=y, f=(g % 3) + 1,
                             yb=(y + rng.normal(size=n) > 1.5).astype(int),
                             yc=rng.poisson(np.exp(0.3 + 0.3 * x)), t=t, d=(rng.random(n) < 0.8).astype(int)))


def _body(out: str) -> str:
    return "\n".join(ln for ln in out.splitlines() if not ln.startswith(". "))


# (setup, fit, the word typed to replay it: e(cmd2) where the fit posts one)
FITS = {
    "regress": ("", "regress y x i.f", "regress"),
    "logit": ("", "logit yb x", "logit"),
    "xtlogit_fe": ("xtset g tt", "xtlogit yb x, fe", "xtlogit"),  # e(cmd) clogit, e(cmd2) xtlogit
    "xtreg_pa": ("xtset g tt", "xtreg y x, pa", "xtreg"),  # e(cmd) xtgee, e(cmd2) xtreg
    "stcox": ("stset t, failure(d)", "stcox x", "stcox"),  # e(cmd) cox
    "mixed": ("", "mixed y x || g:", "mixed"),  # a raw command's replay
    "bootstrap": ("set seed 1", "bootstrap, reps(10): regress y x", "regress"),
}
OPTIONS = ["coeflegend", "level(90)", "eform", "or", "bogus", "level(101)", "cformat(%9.2f)", "noomitted vsquish"]


@pytest.mark.parametrize("fit", sorted(FITS))
def test_options_are_the_typed_replays(do, panel, fit):
    setup, model, word = FITS[fit]
    rc, out, s = do("\n".join(filter(None, [setup, "quietly " + model, "estimates store m",
                                            "quietly regress yc x"])), df=panel)
    assert rc == 0, out
    for option in OPTIONS:
        rc, shown, s = do(f"estimates replay m, noheader {option}", session=s)
        rc_active, active, s = do(f"estimates restore m\nestimates replay, nohead {option}", session=s)
        rc_typed, typed, s = do(f"{word}, {option}", session=s)
        assert (rc, _body(shown)) == (rc_typed, _body(typed)), (fit, option)
        assert rc_active == rc_typed and _body(typed) in _body(active), (fit, option)
        rc, _, s = do("quietly regress yc x", session=s)


def test_or_and_level_numbers(do, panel):
    rc, out, s = do("logit yb x\nestimates store m1\nregress y x", df=panel)
    b, se = s.estimates["m1"].matrices["b"].values[0, 0], math.sqrt(s.estimates["m1"].matrices["V"].values[0, 0])
    rc, out, s = do("estimates replay m1, or", session=s)
    assert rc == 0 and "Model m1" in out and "Odds Ratio" in out
    row = next(ln for ln in out.splitlines() if ln.strip().startswith("x |"))
    assert float(row.split("|")[1].split()[0]) == pytest.approx(math.exp(b), rel=1e-6)
    rc, out, s = do("estimates replay m1, level(90)", session=s)
    assert rc == 0 and "[90% Conf. Interval]" in out
    lo, hi = (float(v) for v in next(ln for ln in out.splitlines() if ln.strip().startswith("x |")).split()[-2:])
    q = 1.6448536269514722
    assert (lo, hi) == (pytest.approx(b - q * se, rel=1e-6), pytest.approx(b + q * se, rel=1e-6))
    assert s.e.cmd == "regress"  # the active results are back
    rc, out, s = do("estimates replay m1, coeflegend", session=s)
    assert rc == 0 and "_b[x]" in out and "Legend" in out


def test_an_option_the_command_refuses_stops_the_namelist(do, panel):
    rc, out, s = do("logit yb x\nestimates store m1\nregress y x\nestimates store m2\nlogit yb x\n"
                    "estimates store m3", df=panel)
    rc, out, s = do("estimates replay m1 m2 m3, or", session=s)
    assert rc == 198
    lines = _body(out).splitlines()
    assert "Model m1" in lines and "Model m2" in lines and "Model m3" not in lines
    assert lines[-2:] == ["option or not allowed", "r(198);"]  # regress's own message, after m2's box
    assert out.count("Odds Ratio") == 1
    assert s.e.cmd == "logit" and s.estimates["m2"].cmd == "regress"


def test_noheader_abbreviation_and_the_box(do, panel):
    rc, out, s = do("regress y x\nestimates store a, title(first)", df=panel)
    rc, out, s = do("estimates replay a, noh level(80)", session=s)
    assert rc == 0 and "Model a" not in out and "[80% Conf. Interval]" in out
    rc, out, s = do("estimates replay a, level(80)", session=s)
    rule = "-" * s.linesize
    lines = _body(out).splitlines()
    assert lines[:4] == ["", rule, "Model a (first)", rule] and "[80% Conf. Interval]" in out
