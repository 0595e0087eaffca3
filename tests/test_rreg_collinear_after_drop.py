"""Two fuzz/held-out leftovers (rr88).

1. ``rreg y x1 i.f if s == "a"`` (fuzz round 9, the longnames shape of
   tests/fuzz_command_data.py) crashed with r(9999): the Cook's D > 1 screen dropped both rows
   of level 3, so X'X on the rows left was singular.  rreg.ado 3.5.0 runs ``_rmcoll `rhs'`` on
   the whole sample (its notes are shown) and then every fit, from the screen's refit to the
   pseudovalue regression, is ``_regress `lhs' `rhs' if `touse'`` on the rows left: the factor
   levels are those of the screened sample (level 3 is gone from e(b), as it is from regress's
   on those rows) and a column collinear there is regress's omitted column (0 in e(b), e(V)).
2. ``xtologit sum_success_m i.ressources##i. with_expert newperiod``
   (tests/realworld/heldout/anon-expert-experiment): a blank after a factor-variable operator's
   dot.  Stata reads ``i. x`` as ``i.x``: Trounstine's published replication do-file types
   ``xtmixed biggestsplit ... logpop  i. year south midwest west if winner==1||geo_id2:`` in
   Table 1 and the appendix and then summarizes ``if e(sample)`` (code-index ids 37198240035
   and 8278499486; a class's commented re-run, 8476958279, reads it as year fixed effects, and
   an R port, 47199678765, as a year factor), and the held-out author stores and tabulates the
   fit typed with ``i. with_expert``.  mlm now closes the gap wherever a factor-variable list is
   parsed (estimation varlists, margins' marginlist, fvexpand, fvunab, varlists).
"""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_command_data import fresh_session  # noqa: E402
from mlmcli.runner import Runner  # noqa: E402


def _run(session, text: str) -> int:
    runner = Runner(session)
    rc = 0
    for line in text.strip().splitlines():
        rc = runner.run_text(line, echo=False)
    return rc


def _b(session) -> dict[str, float]:
    b = session.e.matrices["b"]
    return dict(zip(b.colnames, b.values.ravel()))


# ------------------------------------------------------------------ 1. rreg after the Cook's D screen
def test_fuzz_line_runs_and_the_vanished_level_leaves_e_b():
    s = fresh_session("longnames")
    assert _run(s, 'rreg y x1 i.f if s == "a", nolog genwt(rw)') == 0
    b = _b(s)
    assert list(b) == ["x1", "1b.f", "2.f", "_cons"]  # 3.f: no row left (regress's expansion)
    assert s.e.scalars["N"] == 6 and s.e.scalars["df_m"] == 2 and s.e.scalars["rank"] == 3
    f, sv, rw = (s.data.numeric("f"), np.array([v == "a" for v in s.data.df["s"]]), s.data.numeric("rw"))
    assert np.all(np.isnan(rw[sv & (f == 3)])) and np.all(np.isfinite(rw[sv & (f != 3)]))  # out of touse


def test_the_fit_is_the_engines_on_the_screened_rows_and_their_design():
    """The posted b and V are the biweight fit of y on (x1, 2.f, _cons) over the rows the screen
    kept: the screen on the whole sample's design, then nothing dropped again."""
    from mlmcli.robust.biweight_regression import cooks_screen, fit_biweight

    s = fresh_session("longnames")
    sv = np.array([v == "a" for v in s.data.df["s"]])
    y, x1, f = (s.data.numeric(v)[sv] for v in ("y", "x1", "f"))
    whole = np.column_stack([x1, f == 2, f == 3, np.ones(y.size)]).astype(float)
    kept = cooks_screen(y, whole)
    assert not np.any(kept[f == 3]) and kept.sum() == 6
    X = np.column_stack([x1, f == 2, np.ones(y.size)])[kept].astype(float)
    expected = fit_biweight(y[kept], X, screen=False)
    assert _run(s, 'rreg y x1 i.f if s == "a", nolog') == 0
    b = _b(s)
    np.testing.assert_allclose([b["x1"], b["2.f"], b["_cons"]], expected.b, rtol=1e-12)
    V = s.e.matrices["V"].values
    keep = [0, 2, 3]
    np.testing.assert_allclose(V[np.ix_(keep, keep)], expected.V, rtol=1e-10)


def test_predict_and_margins_after_the_screened_fit():
    s = fresh_session("longnames")
    assert _run(s, 'rreg y x1 i.f if s == "a", nolog\npredict double xb1\nmargins f') == 0
    b, f, x1 = _b(s), s.data.numeric("f"), s.data.numeric("x1")
    xb = s.data.numeric("xb1")
    # a level e(b) does not hold gets no indicator, as with regress on those rows
    np.testing.assert_allclose(xb[f == 3], b["_cons"] + b["x1"] * x1[f == 3], rtol=1e-12)


def _outlier_pair_data() -> pd.DataFrame:
    """Twenty rows, y near 1 + x; d = 1 on two rows whose y are far off (Cook's D > 1 for both),
    so d is constant 0 on the rows the screen keeps."""
    rng = np.random.default_rng(3)
    x = rng.normal(size=20)
    y = 1 + x + 0.3 * rng.normal(size=20)
    d = np.zeros(20)
    d[[4, 11]] = 1
    x[[4, 11]] = [3.5, 3.8]
    y[[4, 11]] = [40.0, -35.0]
    return pd.DataFrame({"y": y, "x": x, "d": d})


def test_a_column_constant_on_the_rows_left_is_omitted(do):
    rc, out, s = do("rreg y x d, nolog", _outlier_pair_data())
    assert rc == 0, out
    assert s.e.scalars["N"] == 18
    b = _b(s)
    assert list(b) == ["x", "o.d", "_cons"] and b["o.d"] == 0
    assert "(omitted)" in out and "note:" not in out  # regress's omission inside rreg.ado's quietly
    V = s.e.matrices["V"].values
    assert np.all(V[1] == 0) and np.all(V[:, 1] == 0)
    assert s.e.scalars["df_m"] == 1 and s.e.scalars["rank"] == 2
    from mlmcli.robust.biweight_regression import fit_biweight

    data, kept = _outlier_pair_data(), s.e.sample
    X = np.column_stack([data["x"], np.ones(20)])[kept]
    alone = fit_biweight(data["y"].to_numpy()[kept], X, screen=False)  # the rows left, without d
    np.testing.assert_allclose([b["x"], b["_cons"]], alone.b, rtol=1e-12)


def test_the_engine_zeroes_columns_collinear_after_its_own_screen():
    """fit_biweight with screen (fracpoly's rreg): a column constant on the kept rows gets b = 0
    and V = 0; the other coefficients are the fit without it."""
    from mlmcli.robust.biweight_regression import fit_biweight

    data = _outlier_pair_data()
    y = data["y"].to_numpy()
    X = np.column_stack([data["x"], data["d"], np.ones(20)])
    fit = fit_biweight(y, X)
    assert fit.kept.sum() == 18 and fit.b[1] == 0 and np.all(fit.V[1] == 0) and fit.df_m == 1
    alone = fit_biweight(y[fit.kept], X[fit.kept][:, [0, 2]], screen=False)
    np.testing.assert_allclose(fit.b[[0, 2]], alone.b, rtol=1e-12)
    np.testing.assert_allclose(fit.V[np.ix_([0, 2], [0, 2])], alone.V, rtol=1e-12)


# ------------------------------------------------------------------ 2. i. x: a blank after the operator
@pytest.mark.parametrize("typed, plain", [
    ("regress y x1 i. f", "regress y x1 i.f"),
    ("regress y i.g##i. f", "regress y i.g##i.f"),
    ("regress y c. x1##i. f", "regress y c.x1##i.f"),
    ("regress y ib2. f x1", "regress y ib2.f x1"),
    ("regress y ib(last).  f", "regress y ib(last).f"),
    ("regress y i. (f b)", "regress y i.(f b)"),
    ("logit b x1 i. f", "logit b x1 i.f"),
    ("ologit o i.b##i. f", "ologit o i.b##i.f"),
])
def test_a_blank_after_the_operator_is_the_operator_joined(typed, plain):
    a, b = fresh_session("full"), fresh_session("full")
    assert _run(a, "quietly " + typed) == 0
    assert _run(b, "quietly " + plain) == 0
    assert _b(a).keys() == _b(b).keys()
    np.testing.assert_allclose(list(_b(a).values()), list(_b(b).values()), rtol=1e-12)


def test_the_held_out_form_in_xtologit():
    a, b = fresh_session("full"), fresh_session("full")
    assert _run(a, "xtset g t\nquietly xtologit o i.b##i. f x1") == 0
    assert _run(b, "xtset g t\nquietly xtologit o i.b##i.f x1") == 0
    assert list(_b(a)) == list(_b(b))
    np.testing.assert_allclose(list(_b(a).values()), list(_b(b).values()), rtol=1e-10)


def test_time_series_operators_margins_fvexpand_and_fvunab():
    s = fresh_session("full")
    s.data.set_variable("tt", np.arange(1.0, s.data.nobs + 1))
    assert _run(s, "tsset tt\nquietly regress y L. x1") == 0
    assert list(_b(s)) == ["L.x1", "_cons"]
    assert _run(s, "quietly regress y x1 i.f\nmargins i. f") == 0
    assert _run(s, "fvexpand i. f") == 0 and s.r["varlist"] == "1b.f 2.f 3.f"
    assert _run(s, "fvunab names : i. f x1") == 0 and s.locals["names"] == "i.f x1"


@pytest.mark.parametrize("line, rc", [
    ("regress y x1. x2", 198),  # x1 is no operator: not joined, invalid as before
    ("regress y i.", 198),  # nothing after the operator
])
def test_only_an_operator_is_joined_to_the_next_word(line, rc):
    s = fresh_session("full")
    assert _run(s, line) == rc
