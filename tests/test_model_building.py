"""``nestreg`` and ``stepwise``: the block tests, R2 changes, likelihood-ratio table and the
selection steps against R (lm/glm, tests/iv_reference/reference.R), the layout of
nestreg.ado's _tab tables and stepwise.ado's log, Stata's messages, and the data left as
they were."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).resolve().parent / "iv_reference"
REF = json.loads((REF_DIR / "reference.json").read_text())


@pytest.fixture
def df():
    d = pd.read_csv(REF_DIR / "ivdata.csv").astype(float)
    n = np.arange(1, len(d) + 1)
    d["noise1"], d["noise2"] = (n * 7) % 13, (n * 5) % 11
    d["hi"] = (d.y > 3).astype(float)
    return d


def test_nestreg_regress_wald_table(do, df):
    rc, out, s = do("nestreg: regress y (x1 z1) (z2) z3", df=df)
    assert rc == 0, out
    r = REF["nestreg"]
    W = np.asarray(s.r["wald"].values)
    np.testing.assert_allclose(W[:, 0], r["F"], rtol=1e-8)
    np.testing.assert_allclose(W[:, 3], r["p"], rtol=1e-6)
    np.testing.assert_allclose(W[:, 4], r["r2"], rtol=1e-9)
    np.testing.assert_allclose(W[1:, 5], np.diff(r["r2"]), rtol=1e-8)
    assert np.isnan(W[0, 5]) and list(W[:, 1]) == [2, 1, 1] and list(W[:, 2]) == [197, 196, 195]
    lines = out.splitlines()
    assert "Block  1: x1 z1" in lines and "Block  3: z3" in lines
    assert lines[-8:] == [
        "  +-------------------------------------------------------------+",
        "  |       |          Block  Residual                     Change |",
        "  | Block |       F     df        df   Pr > F       R2    in R2 |",
        "  |-------+-----------------------------------------------------|",
        "  |     1 |   39.81      2       197   0.0000   0.2878          |",
        "  |     2 |    5.26      1       196   0.0229   0.3064   0.0186 |",
        "  |     3 |    5.13      1       195   0.0246   0.3242   0.0178 |",
        "  +-------------------------------------------------------------+"]
    assert s.e.macros["cmdline"] == "regress y x1 z1 z2 z3"
    assert list(s.data.varnames) == list(df.columns)  # the sample's temporary variable is gone


def test_nestreg_lrtable_and_store(do, df):
    rc, out, s = do("nestreg, lrtable quietly store(m): regress y (x1 z1) z2", df=df)
    assert rc == 0, out
    r = REF["nestreg"]
    L = np.asarray(s.r["lr"].values)
    np.testing.assert_allclose(L[:, 0], r["ll"], rtol=1e-10)
    np.testing.assert_allclose(L[:, 1], r["lr"], rtol=1e-8)
    np.testing.assert_allclose(L[:, 4], r["aic"], rtol=1e-10)
    np.testing.assert_allclose(L[:, 5], r["bic"], rtol=1e-10)
    assert out.splitlines()[1:3] == ["Block  1: x1 z1", "Block  2: z2"]
    assert "  | Block |        LL       LR     df  Pr > LR       AIC       BIC |" in out.splitlines()
    assert set(s.estimates) >= {"m1", "m2"}
    rc, out, _ = do("nestreg, store(m): regress y x1 z1", session=s)
    assert rc == 322 and "estimation results m1 already exist" in out


def test_nestreg_logit_chi2(do, df):
    rc, out, s = do("nestreg, quietly: logit hi x1 (z1 z2)", df=df)
    assert rc == 0, out
    np.testing.assert_allclose(np.asarray(s.r["wald"].values)[:, 0], REF["nestreg"]["logit_chi2"], rtol=1e-4)  # two ML fits
    assert "  | Block | Wald chi2     df   Pr > F |" in out.splitlines()


def test_stepwise_backward(do, df):
    rc, out, s = do("stepwise, pr(.2): regress y x1 z1 z2 z3 noise1 noise2", df=df)
    assert rc == 0, out
    st = REF["stepwise"]
    p = f"{st['backward_first']:6.4f}"
    lines = out.splitlines()
    assert lines[:2] == ["                      begin with full model", f"p = {p} >= 0.2000  removing noise1"]
    assert list(s.e.coefficients().names) == ["x1", "z1", "z2", "z3", "noise2", "_cons"]
    assert s.e.macros["stepwise"] == "stepwise"
    assert s.e.macros["cmdline"] == "stepwise , pr(.2): regress y x1 z1 z2 z3 noise1 noise2"
    assert list(s.data.varnames) == list(df.columns)


def test_stepwise_forward(do, df):
    rc, out, s = do("stepwise, pe(.2): regress y x1 z1 z2 z3 noise1 noise2", df=df)
    assert rc == 0, out
    st = REF["stepwise"]
    expected = ["                      begin with empty model"] + [
        f"p = {p:6.4f} <  0.2000  adding  {v}" for v, p in zip(st["forward_path"], st["forward_p"])]
    assert out.splitlines()[:len(expected)] == expected
    rc, out, s = do("stepwise, pr(.2) pe(.1) forward: regress y x1 z1 z2 z3 noise1 noise2", df=df)
    assert out.splitlines()[1] == f"p = {st['forward_p'][0]:6.4f} <  0.1000  adding   z1"


def test_stepwise_hierarchical_and_lockterm1(do, df):
    rc, out, _ = do("stepwise, pr(.2) hierarchical: regress y x1 z1 z2 z3 noise1 noise2", df=df)
    assert out.splitlines()[1:3] == ["p = 0.0033 <  0.2000  keeping  noise2", "p < 0.2000            for all terms in model"]
    rc, out, s = do("stepwise, pr(.2) lockterm1: regress y (noise1 noise2) x1 z1 z2 z3", df=df)
    assert rc == 0 and "noise1" in s.e.coefficients().names


@pytest.mark.parametrize("text,rc,message", [
    ("stepwise: regress y x1 z1", 198, "at least one of pr(#) and pe(#) must be specified"),
    ("stepwise, pr(.1) pe(.2): regress y x1 z1", 198, "pr(.1) <= pe(.2) invalid"),
    ("stepwise, pr(.2) pe(.1) hier: regress y x1 z1", 198, "hierarchical pe(#) pr(#) invalid"),
    ("stepwise, pr(.2) forward: regress y x1 z1", 198, "option forward invalid or option pe(#) is missing"),
    ("stepwise, pr(2): regress y x1 z1", 125, "pr() invalid -- invalid numlist has elements outside of allowed range"),
    ("stepwise, pr(.2) lr: regress y x1 z1, vce(robust)", 198,
     "option lr is not allowed with pweights, robust, or cluster()"),
    ("nestreg: summarize y (x1)", 199, "summarize is not supported by nestreg"),
    ("nestreg, lrtable: regress y x1 z1, robust", 198,
     "option lrtable is not allowed with pweights, robust, or cluster()"),
])
def test_refusals(do, df, text, rc, message):
    got, out, s = do(text, df=df)
    assert got == rc and message in out, out
    assert list(s.data.varnames) == list(df.columns)


def test_inestimable_terms_are_dropped_with_a_note(do, df):
    df = df.assign(w=df.x1 + df.z1)
    rc, out, s = do("stepwise, pr(.2): regress y x1 z1 w", df=df)
    assert rc == 0 and out.splitlines()[0] == "note: w dropped because of estimability", out
    assert "w" not in s.e.coefficients().names
    rc, out, s = do("nestreg, quietly: regress y (x1 z1) w", df=df)
    assert rc == 0 and "note: w dropped because of estimability" in out
    assert np.asarray(s.r["wald"].values).shape[0] == 1
