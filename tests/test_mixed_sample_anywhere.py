"""``mixed``/``xtmixed``: ``if``/``in``/``[pw|fw=]`` typed inside a ``||`` equation.

Stata 16's _mixed_parseifin.ado ("allow if/in anywhere") reads every piece of the command
with ``syntax [anything] [pw fw] [if] [in]`` and keeps one if, one in and one observation
weight for the whole model; a second one of any is r(198) with "multiple if conditions not
allowed" / "multiple in ranges not allowed" / "multiple observation weights not allowed".
So ``mixed y x || g: if c`` is ``mixed y x if c || g:``.
"""
from __future__ import annotations

import numpy as np
import pytest

from mlmcli.commands.estimation.mixed_syntax import parse_mixed
from mlmcli.errors import StataError


def test_equation_qualifiers_become_the_models():
    mc = parse_mixed("y x || g: z if a>1 in 1/50 [pw=w], cov(un) || h:, pweight(w2)",
                     sample_anywhere=True)
    assert mc.if_exp == "a>1" and mc.weight.kind == "pweight" and mc.weight.exp.strip() == "w"
    assert (mc.in_range.first, mc.in_range.last) == ("1", "50")
    g, h = mc.equations
    assert (g.levelvar, g.varlist, g.covariance) == ("g", "z", "unstructured")
    assert (h.levelvar, h.pweight) == ("h", "w2")


def test_split_between_pieces():
    mc = parse_mixed("y x in 1/9 || g: if a || h: [fw=f]", sample_anywhere=True)
    assert mc.if_exp == "a" and mc.in_range.last == "9" and mc.weight.kind == "fweight"


@pytest.mark.parametrize("text,message", [
    ("y x if a || g: if b", "multiple if conditions not allowed"),
    ("y x || g: if a || h: if b", "multiple if conditions not allowed"),
    ("y x in 1/5 || g: in 1/9", "multiple in ranges not allowed"),
    ("y x [pw=w] || g: [pw=w]", "multiple observation weights not allowed"),
    ("y x || g: [fw=f] || h: [pw=w]", "multiple observation weights not allowed"),
])
def test_second_one_is_r198(text, message):
    with pytest.raises(StataError) as err:
        parse_mixed(text, sample_anywhere=True)
    assert (err.value.message, err.value.rc) == (message, 198)


def test_me_commands_keep_refusing():
    """The me commands' _me_estimate reads an equation without [if] (tests/test_me_equation_qualifiers.py)."""
    with pytest.raises(StataError) as err:
        parse_mixed("y x || g: if a")
    assert (err.value.message, err.value.rc) == ("if not allowed", 101)


DO = """\
clear
set obs 240
gen g = ceil(_n/8)
gen x = mod(_n*7, 11)
gen u = mod(g*13, 7) - 3
gen y = 1 + .5*x + u + mod(_n*17, 9) - 4
gen c = mod(_n, 4) > 0
gen w = 1 + mod(_n, 3)
gen wg = 1 + mod(g, 2)
qui mixed y x if c in 1/200 [pw=w] || g:, pweight(wg)
matrix b0 = e(b)
scalar n0 = e(N)
predict fit0, fitted
qui mixed y x || g: if c in 1/200 [pw=w], pweight(wg)
matrix b1 = e(b)
display "same1=" mreldif(b0, b1) " N=" e(N) - n0
qui xtmixed y x in 1/200 || g: [pw=w] if c, pweight(wg)
matrix b2 = e(b)
display "same2=" mreldif(b0, b2) " N=" e(N) - n0
predict fit2, fitted
count if abs(fit0 - fit2) > 1e-7 * (1 + abs(fit0)) & (fit0 < . | fit2 < .)
display "pred=" r(N)
capture noisily mixed y x if c || g: if x
display "rc=" _rc
"""


def test_through_the_cli_same_fit_as_the_fixed_part(new_session, run):
    s = new_session()
    out, rc = run(s, DO, stop_on_error=False)
    assert rc == 0, out
    lines = {k: v for k, v in (ln.split("=", 1) for ln in out.splitlines() if "=" in ln and ln[:4] in
                                ("same", "pred", "rc=1"))}
    for key in ("same1", "same2"):
        diff, n = lines[key].split(" N=")
        assert float(diff) < 1e-8 and float(n) == 0, out
    assert "multiple if conditions not allowed" in out and lines["rc"] == "198"
    assert int(lines["pred"]) == 0  # predict after either form fills the same rows alike


def test_meqrlogit_reads_if_in_any_piece_too(do):
    """meqrlogit/xtmelogit parse with _mixed_parseifin as mixed does: ``|| g: if c`` is the
    model's if; a second if is r(198); a weight in an equation stays ``weights not allowed``."""
    import pandas as pd

    rng = np.random.default_rng(4)
    g = np.repeat(np.arange(12), 15)
    x = rng.normal(size=g.size)
    df = pd.DataFrame({"g": g.astype(float), "x": x, "c": (np.arange(g.size) % 3).astype(float),
                       "y": (x + rng.normal(size=12)[g] + rng.logistic(size=g.size) > 0).astype(float)})
    rc, out, s = do("quietly meqrlogit y x || g: if c > 0", df=df)
    assert rc == 0, out
    inside = (s.e.matrices["b"].values.copy(), s.e.scalars["N"])
    rc, out, s = do("quietly meqrlogit y x if c > 0 || g:", session=s)
    assert rc == 0 and s.e.scalars["N"] == inside[1] == 120
    np.testing.assert_array_equal(s.e.matrices["b"].values, inside[0])
    rc, out, _ = do("meqrlogit y x if c > 0 || g: if c < 2", session=s)
    assert rc == 198 and "multiple if conditions not allowed" in out
    rc, out, _ = do("meqrlogit y x || g: [pw=c]", session=s)
    assert rc == 101 and "weights not allowed" in out
