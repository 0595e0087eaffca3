"""``vce(bootstrap [, ...])`` and ``vce(jackknife [, ...])`` of tobit, intreg and areg
(commands/estimation/vce_through_prefix.py): their ado files' ``_vce_parserun`` runs the prefix
on the command, so the vce() form prints and posts what ``bootstrap _b, ...: cmd`` does with
the same seed (e(cmdline) the command as typed); _coef_table_header's ``Replications`` line;
areg's jackknife checked against a leave-one-out loop in numpy."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
PANEL = ROOT / "tests/reference_values/panel_unbalanced.csv"


@pytest.fixture
def go(new_session, run):
    """``go(text) -> (rc, printed, session)`` on the hsb schools below 2000 (18 schools, 706 pupils)."""
    def run_on_hsb(text):
        session = new_session()
        printed, rc = run(session, f"use {ROOT / 'samples/data/hsb.dta'}, clear\nkeep if school < 2000\n{text}",
                          echo=True, stop_on_error=False)
        return rc, printed, session
    return run_on_hsb


def _after_echo(out: str, line: str) -> list[str]:
    lines = out.splitlines()
    start = lines.index(f". {line}") + 1
    end = next((j for j in range(start, len(lines)) if lines[j].startswith(". ")), len(lines))
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]


@pytest.mark.parametrize("vce_form,prefix_form", [
    ("tobit mathach ses, ll(0) vce(bootstrap, reps(6) seed(2))",
     "bootstrap _b, reps(6) seed(2): tobit mathach ses, ll(0)"),
    ("intreg mathach mathach ses, vce(bootstrap, reps(5) seed(11) nodots)",
     "bootstrap, reps(5) seed(11) nodots: intreg mathach mathach ses"),
    ("tobit mathach ses, ll(0) vce(jackknife, cluster(school) nodots)",
     "jackknife, cluster(school) nodots: tobit mathach ses, ll(0)"),
    ("areg mathach ses, absorb(school) vce(bootstrap, reps(5) seed(3))",
     "bootstrap, reps(5) seed(3): areg mathach ses, absorb(school)"),
    ("areg mathach ses, absorb(school) vce(jackknife, cluster(school))",
     "jackknife, cluster(school): areg mathach ses, absorb(school)"),
])
def test_vce_form_is_the_prefix_with_the_same_seed(go, vce_form, prefix_form):
    rc, out, s = go(f"{vce_form}\nmatrix V1 = e(V)\nmatrix b1 = e(b)\n{prefix_form}")
    assert rc == 0, out
    assert _after_echo(out, vce_form) == _after_echo(out, prefix_form)
    np.testing.assert_allclose(s.matrices["V1"].values, s.e.matrices["V"].values, rtol=1e-12)
    np.testing.assert_allclose(s.matrices["b1"].values, s.e.matrices["b"].values, rtol=1e-12)
    rc, out, s = go(vce_form)
    assert s.e.macros["cmdline"] == vce_form  # the ado's ereturn local cmdline "cmd `0'"
    kind = "bootstrap" if "bootstrap" in vce_form else "jackknife"
    assert s.e.macros["vce"] == kind and s.e.macros["prefix"] == kind
    assert s.e.macros["vcetype"] == kind.capitalize()


def test_tobit_bootstrap_header_and_table(go):
    rc, out, s = go("tobit mathach ses, ll(0) vce(bootstrap, reps(6) seed(2))")
    assert rc == 0, out
    lines = _after_echo(out, "tobit mathach ses, ll(0) vce(bootstrap, reps(6) seed(2))")
    assert lines[0] == "(running tobit on estimation sample)"
    assert lines[2] == "Bootstrap replications (6)"
    head = lines.index("Tobit regression                                  Number of obs   =        706")
    assert lines[head + 1] == "                                                  Replications    =          6"
    assert lines[head + 2].startswith("                                                  Wald chi2(1)    =")
    assert lines[head + 7] == "             |   Observed   Bootstrap                         Normal-based"
    assert lines[head + 8] == "     mathach |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]"
    assert s.e.scalars["N_reps"] == 6 and s.e.cmd == "tobit"
    assert "V_modelbased" in s.e.matrices and "b_bs" in s.e.matrices


def test_intreg_jackknife_replications_and_t_statistics(go):
    # seven of the schools (246 pupils): one fit per pupil left out
    rc, out, s = go("keep if school < 1400\nintreg mathach mathach ses, vce(jackknife, nodots)")
    assert rc == 0, out
    lines = out.splitlines()
    head = lines.index("Interval regression                               Number of obs   =        246")
    assert lines[head + 1] == "                                                  Replications    =        246"
    assert lines[head + 2].startswith("                                                  F(   1,    245) =")
    assert "             |              Jackknife" in lines
    assert s.e.scalars["df_r"] == 245 and s.e.scalars["N_reps"] == 246


def test_areg_jackknife_matches_a_leave_one_out_loop(do):
    df = pd.read_csv(PANEL).astype(float)
    rc, out, s = do("areg y x1 d, absorb(id) vce(jackknife, nodots)", df=df)
    assert rc == 0, out
    y, X, g = df["y"].to_numpy(), df[["x1", "d"]].to_numpy(), df["id"].to_numpy()

    def areg_b(keep):
        yk, Xk, gk = y[keep], X[keep], g[keep]
        yw, Xw = yk.copy(), Xk.copy()
        for level in np.unique(gk):  # the within transformation
            at = gk == level
            yw[at] -= yk[at].mean()
            Xw[at] -= Xk[at].mean(axis=0)
        b = np.linalg.lstsq(Xw, yw, rcond=None)[0]
        return np.append(b, yk.mean() - Xk.mean(axis=0) @ b)  # areg's _cons: at the overall means

    n = len(y)
    B = np.array([areg_b(np.arange(n) != i) for i in range(n)])
    dev = B - B.mean(axis=0)
    V = (n - 1) / n * dev.T @ dev
    np.testing.assert_allclose(s.e.matrices["b"].values[0], areg_b(np.ones(n, bool)), rtol=1e-9)
    np.testing.assert_allclose(s.e.matrices["V"].values, V, rtol=1e-7, atol=1e-14)
    assert s.e.scalars["df_r"] == n - 1 and s.e.scalars["N_reps"] == n
    assert s.e.macros["cmdline"] == "areg y x1 d, absorb(id) vce(jackknife, nodots)"
    assert out.splitlines()[2] == " " * 48 + "Replications       =       199"


@pytest.mark.parametrize("line,rc,message", [
    ("tobit mathach ses, ll(0) vce(bootstrap, reps(4)) robust", 198, "options vce() and robust may not be combined"),
    ("areg mathach ses, absorb(school) robust vce(jackknife)", 198, "options vce() and robust may not be combined"),
    ("tobit mathach ses [fw=school], ll(0) vce(bootstrap, reps(4))", 101, "weights not allowed"),
    ("intreg mathach mathach ses, vce(bootstrap, reps(4) bogus)", 198, "option bogus not allowed"),
])
def test_refusals_leave_e_alone(go, line, rc, message):
    got, out, s = go(f"regress mathach ses\n{line}")
    assert got == rc, out
    assert message in out
    assert s.e.cmd == "regress"


def test_areg_replay_shows_the_replicate_table_again(go):
    # seven of the schools (246 pupils): one fit per pupil left out
    rc, out, s = go("keep if school < 1400\nareg mathach ses, absorb(school) vce(jackknife, nodots)\nareg")
    assert rc == 0, out
    first = _after_echo(out, "areg mathach ses, absorb(school) vce(jackknife, nodots)")
    assert _after_echo(out, "areg") == first
    assert "      command:  areg mathach ses, absorb(school)" in first
    assert s.e.macros["command"] == "areg mathach ses, absorb(school)"


def test_command_level_is_the_prefix_level_and_prefixes_are_not_the_command(go):
    rc, out, s = go("quietly tobit mathach ses, ll(0) vce(bootstrap, reps(3) seed(1) level(80)) level(90)")
    assert rc == 0, out
    assert s.e.macros["cmdline"] == "tobit mathach ses, ll(0) vce(bootstrap, reps(3) seed(1) level(80)) level(90)"
    assert s.e.scalars["level"] == 90
    rc, out, s = go("tobit mathach ses, ll(0) vce(bootstrap, reps(3) seed(1) nodots level(90))")
    assert "     mathach |      Coef.   Std. Err.      z    P>|z|     [90% Conf. Interval]" in out.splitlines()


def test_by_is_refused(go):
    rc, out, s = go("sort school\nby school: tobit mathach ses, ll(0) vce(bootstrap, reps(3))")
    assert rc == 190 and "the by prefix may not be used with vce(bootstrap) option" in out  # _vce_parserun
