"""Fixes from the twentieth held-out batch (tests/realworld/README.md):

* ``log using /tmp/stage2i, nomsg replace`` (heldout/anon-stage2i-pwscale): ``[no]msg``, the
  option of [R] log that leaves out the name/type/date block at the top and bottom of the log
  (its default follows ``set logmsg``);
* ``reghdfe l_lmass l_rich, keepsingletons absorb(plst_id styr_id) cluster(plst_id)``
  (heldout/dee-nutnet): singleton groups kept, with reghdfe.ado's warning, and
  e(drop_singletons) / e(num_singletons);
* the OECD's pisamixed program (heldout/anon-oecd-pisa2022): ``foreach by_level in
  `by_levels'`` over levelsof's compound-quoted list loops over the values without their
  quotes; ``syntax , nbpv(integer) ... [, fast]`` takes a comma that opens an optional group
  again; ``postfile ... str20 name double(`output_names') using ...`` takes a type for a
  parenthesised list of new variables, spaces inside the parentheses allowed.
"""
from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def firms():
    rng = np.random.default_rng(20)
    firm = np.r_[np.repeat(np.arange(1, 13), 4), [50, 51]]  # two singleton firms
    x = rng.normal(size=firm.size)
    y = 0.7 * x + 0.3 * firm + rng.normal(size=firm.size)
    return pd.DataFrame({"firm": firm.astype(float), "x": x, "y": y})


# ----------------------------------------------------------------------------- log nomsg

def _log_text(do, tmp_path, options, before=""):
    path = tmp_path / "l.log"
    rc, out, _ = do(f'{before}\nlog using "{path}", text {options}\ndisplay "inside"\nlog close')
    assert rc == 0, out
    return path.read_text()


def test_log_nomsg_leaves_out_the_header_and_footer(do, tmp_path):
    with_msg = _log_text(do, tmp_path, "replace")
    without = _log_text(do, tmp_path, "replace nomsg")
    assert "log type:" in with_msg and "closed on:" in with_msg
    assert "inside" in without and "log type:" not in without and "closed on:" not in without


def test_set_logmsg_off_is_the_default_msg_overrides_it(do, tmp_path):
    assert "log type:" not in _log_text(do, tmp_path, "replace", before="set logmsg off")
    assert "log type:" in _log_text(do, tmp_path, "replace msg", before="set logmsg off")


def test_log_msg_and_nomsg_together_are_refused(do, tmp_path):
    rc, out, _ = do(f'log using "{tmp_path / "x.log"}", text msg nomsg')
    assert rc == 198 and "may not be combined" in out
    assert not (tmp_path / "x.log").exists()


# ----------------------------------------------------------------------------- reghdfe keepsingletons

def test_reghdfe_keepsingletons_keeps_them_and_matches_areg(do, firms):
    rc, out, s = do("reghdfe y x, absorb(firm) keepsingletons", firms)
    assert rc == 0, out
    assert "WARNING: Singleton observations not dropped" in out and "dropped" not in out.split("WARNING")[0]
    assert s.e.scalars["N"] == len(firms)
    assert s.e.scalars["num_singletons"] == 0 and s.e.scalars["drop_singletons"] == 0
    b_keep, dfr_keep = float(np.asarray(s.e.matrices["b"].values, float).ravel()[0]), s.e.scalars["df_r"]
    # areg keeps every row: the same slope and residual df (N - 1 - 14 firms)
    rc, out, a = do("areg y x, absorb(firm)", firms)
    assert rc == 0, out
    assert b_keep == pytest.approx(float(np.asarray(a.e.matrices["b"].values, float).ravel()[0]), rel=1e-9)
    assert dfr_keep == a.e.scalars["df_r"] == len(firms) - 1 - 14


def test_reghdfe_drops_singletons_by_default(do, firms):
    rc, out, s = do("reghdfe y x, absorb(firm)", firms)
    assert rc == 0, out
    assert "(dropped 2 singleton observations)" in out and "WARNING" not in out
    assert s.e.scalars["N"] == len(firms) - 2
    assert s.e.scalars["num_singletons"] == 2 and s.e.scalars["drop_singletons"] == 1


# ----------------------------------------------------------------------------- pisamixed's pieces

def test_foreach_over_levelsof_strips_compound_quotes(do):
    text = """clear
set obs 3
gen s = "A B" in 1
replace s = "C" in 2
replace s = "D" in 3
levelsof s, local(L)
foreach x of local L {
    display "[`x']"
}
foreach x in `L' "E F" G {
    display "<`x'>"
}"""
    rc, out, _ = do(text)
    assert rc == 0, out
    assert "[A B]" in out and "[C]" in out and "[D]" in out
    for item in ("<A B>", "<C>", "<D>", "<E F>", "<G>"):
        assert item in out


def test_syntax_takes_a_comma_opening_an_optional_group(do):
    text = """program define pv_opts, rclass
    syntax , nbpv(integer) betas(string) [, fast]
    return scalar n = `nbpv'
    return local fast "`fast'"
end
pv_opts, nbpv(3) betas(a b) fast
display r(n) " " r(fast)
pv_opts, nbpv(4) betas(a)
display r(n) " [" r(fast) "]"
"""
    rc, out, _ = do(text)
    assert rc == 0, out
    assert "3 fast" in out and "4 []" in out


def test_postfile_types_a_parenthesised_list(do, tmp_path):
    path = tmp_path / "r.dta"
    text = f"""tempname h
local names " a_b  a_se "
postfile `h' str20 cnt double(`names') int(k) m using "{path}", replace
post `h' ("AUT") (1.25) (0.5) (3) (7)
postclose `h'
use "{path}", clear
describe
list"""
    rc, out, s = do(text)
    assert rc == 0, out
    ds = s.data
    assert list(ds.varnames) == ["cnt", "a_b", "a_se", "k", "m"]
    assert [ds.types[v] for v in ds.varnames] == ["str20", "double", "double", "int", "float"]
    assert float(ds.numeric("a_b")[0]) == 1.25


def test_postfile_type_group_errors(do, tmp_path):
    rc, out, _ = do(f'tempname h\npostfile `h\' double() using "{tmp_path / "e.dta"}"')
    assert rc == 198, out
    rc, out, _ = do(f'tempname h\npostfile `h\' blah(a b) using "{tmp_path / "e.dta"}"')
    assert rc == 198, out


# ----------------------------------------------------------------------------- psacalc (SSC)

@pytest.fixture(scope="module")
def selection():
    rng = np.random.default_rng(2019)
    n = 400
    w1, w2 = rng.normal(size=n), rng.normal(size=n)
    x = 0.6 * w1 + 0.4 * w2 + rng.normal(size=n)
    y = 1.0 + 0.5 * x + 0.8 * w1 + 0.3 * w2 + rng.normal(size=n)
    return pd.DataFrame({"y": y, "x": x, "w1": w1, "w2": w2, "g": (np.arange(n) % 20).astype(float)})


def _r(s, name):
    return float(s.r[name])


def test_psacalc_inputs_are_the_auxiliary_regressions(do, selection):
    from mlmcli.commands.community.psacalc import solve

    rc, out, s = do("regress y x w1 w2\npsacalc beta x, rmax(0.9) delta(0.5)", selection)
    assert rc == 0, out
    # the inputs by numpy: uncontrolled and controlled fits, variances of the residualized treatment
    X = np.column_stack([selection.x, np.ones(len(selection))])
    b_o, *_ = np.linalg.lstsq(X, selection.y, rcond=None)
    r_o = 1 - np.sum((selection.y - X @ b_o) ** 2) / np.sum((selection.y - selection.y.mean()) ** 2)
    Z = np.column_stack([selection.x, selection.w1, selection.w2, np.ones(len(selection))])
    b_t, *_ = np.linalg.lstsq(Z, selection.y, rcond=None)
    r_t = 1 - np.sum((selection.y - Z @ b_t) ** 2) / np.sum((selection.y - selection.y.mean()) ** 2)
    W = Z[:, 1:]
    t_x = np.var(selection.x - W @ np.linalg.lstsq(W, selection.x, rcond=None)[0], ddof=1)
    want = solve(b_o[0], b_t[0], r_o, r_t, np.var(selection.y, ddof=1), np.var(selection.x, ddof=1), t_x,
                 0.5, 0.0, 0.9)
    assert _r(s, "beta") == pytest.approx(want["betax"], rel=1e-8)
    assert "Uncontrolled |" in out and f"{b_o[0]:.5f}" in out and f"{b_t[0]:.5f}" in out
    assert s.e.macros["cmd"] == "regress" and "__psacalc_touse" not in s.data.varnames


@pytest.mark.parametrize("delta", [0.5, 1.0, 2.0])
def test_psacalc_beta_and_delta_are_inverse(do, selection, delta):
    """beta* for a delta (a root of the cubic or quadratic) put back into the closed-form delta
    bound gives that delta again: two routes through Oster's equations."""
    rc, out, s = do(f"regress y x w1 w2\npsacalc beta x, rmax(0.8) delta({delta})", selection)
    assert rc == 0, out
    beta_star = _r(s, "beta")
    rc, out, s = do(f"psacalc delta x, rmax(0.8) beta({beta_star!r})", session=s)
    assert rc == 0, out
    assert _r(s, "delta") == pytest.approx(delta, rel=1e-6)


def test_psacalc_model_option_and_areg(do, selection):
    rc, out, s = do("psacalc beta x, model(areg y x w1 w2, absorb(g)) delta(-0.1) rmax(1)", selection)
    assert rc == 0, out
    assert s.r["cmd"] == "areg" and s.e.macros["cmd"] == "areg"
    assert "Treatment Effect Estimate" in out and "Delta        |   -0.100" in out


def test_psacalc_refusals(do, selection):
    rc, out, _ = do("regress y x\npsacalc beta x", selection)
    assert rc == 5001 and "Model does not have controls" in out
    rc, out, _ = do("regress y x w1\npsacalc beta x, rmax(1.5)", selection)
    assert rc == 5001 and "maximum possible R-squared is 1" in out
    rc, out, _ = do("regress y x w1\npsacalc gamma x", selection)
    assert rc == 5001 and "Invalid type" in out
    rc, out, _ = do("psacalc beta x", selection)
    assert rc == 301
    rc, out, _ = do("regress y x w1\npsacalc beta x w1", selection)
    assert rc == 103
