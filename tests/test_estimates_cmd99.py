"""Estimation results without e(cmd) -- ``ereturn post`` alone, repest's posted tables -- as Stata
16's ado files treat them (opensafely-core/cohort-extractor's bin/ado/base/e: estimates.ado
1.10.0, est_expand.ado 1.0.2, estimates_notes.ado 1.0.2, estimates_sample.ado 1.0.1; eststo.ado
1.1.0 of benjann/estout; repest.ado 1.11.2):

- Store: ``last estimation results not found, nothing to store`` r(301); Title and EstSave:
  ``last estimates not found`` r(301); estimates_notes: ``error 301`` (the same message);
- est_expand, which replay/table/stats/restore/for/change/dir/drop/describe run on their names,
  refuses ``.`` without e(cmd): ``last estimates (.) not found`` r(301), before any output, and
  reads ``.`` as the name the active results are stored under;
- ``estimates`` typed alone replays only results with e(cmd); Query says ``(no estimation
  results)`` without e(cmd) and names e(cmd2) before e(cmd);
- eststo sets e(cmd) ``.`` on results that lack it, so they can be stored; repest's store()
  sets e(cmd) ``N/A`` first.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

POSTED = ("matrix b = (1, 2)\nmatrix colnames b = x _cons\nmatrix V = I(2)\nmatrix colnames V = x _cons\n"
          "matrix rownames V = x _cons\nereturn post b V, obs(10)\n")


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(99)
    x = rng.normal(size=40)
    return pd.DataFrame({"x": x, "y": 1 + 0.5 * x + rng.normal(size=40)})


@pytest.mark.parametrize("line", ["estimates title", "estimates title: a model", "estimates save m99, replace",
                                  "estimates notes", "estimates notes: a note", "est title: B"])
def test_title_save_and_notes_need_e_cmd(do, line, tmp_path):
    rc, out, s = do(POSTED + f"cd {tmp_path}\n" + line)
    assert rc == 301 and out.rstrip().splitlines()[-2:] == ["last estimates not found", "r(301);"], out
    assert "estimates_title" not in s.e.macros and not list(tmp_path.iterdir())


def test_an_eclass_program_sets_e_cmd_first(do, tmp_path):
    path = tmp_path / "m.ster"
    rc, out, s = do(POSTED + f'ereturn local cmd "mine"\nestimates title: a model\nestimates title\n'
                    f'estimates notes: a note\nestimates save "{path}"\nestimates describe using "{path}"')
    assert rc == 0, out
    assert path.exists() and s.e.macros["estimates_title"] == "a model"
    assert '  Estimation results "a model" saved on' in out


@pytest.mark.parametrize("line", [
    "estimates replay", "estimates replay .", "estimates table", "estimates table .", "estimates stats",
    "estimates stats .", "estimates restore .", "estimates for .: display 1", "estimates change ., title(a)",
    "estimates change", "estimates dir .", "estimates drop .", "estimates describe ."])
def test_dot_needs_e_cmd(do, line):
    """est_expand: ``.`` without e(cmd) is refused before the subcommand prints anything."""
    rc, out, s = do(POSTED + "capture noisily " + line + "\ndisplay _rc")
    assert out.strip().splitlines() == ["last estimates (.) not found", "301"], out
    assert s.e is not None and s.e.matrices["b"].values.tolist() == [[1.0, 2.0]]  # the results stay


def test_dot_with_no_results_at_all(do):
    rc, out, _ = do("estimates table")
    assert rc == 301 and "last estimates (.) not found" in out, out
    rc, out, _ = do("estimates")  # estimates alone: nothing to replay, nothing said
    assert rc == 0 and out.strip() == "", out


def test_estimates_alone_query_describe_and_esample_without_e_cmd(do):
    rc, out, s = do(POSTED + "estimates\nestimates query\nestimates describe\nestimates dir")
    assert rc == 0, out
    assert "(no estimation results)" in out and "last estimates" not in out
    # Describe without a name reads e() unchecked: no title, an empty command line
    assert "  Estimation results produced by\n\n      .\n" in out, out
    rc, out, s = do(POSTED + "generate z = 1\nestimates esample: z\nestimates esample: z", df=pd.DataFrame({"v": [1.0] * 4}))
    assert rc == 322 and "no; e(sample) already set" in out, out


def test_eststo_sets_e_cmd_dot(do, data):
    """eststo.ado: ``if `"`e(cmd)'"'=="" ... eret local cmd "."`` before estimates store."""
    rc, out, s = do(POSTED + "eststo m1\nestimates dir\ndisplay \"[\" e(cmd) \"]\"\nesttab m1, se")
    assert rc == 0, out
    assert "m1" in s.estimates and s.estimates["m1"].macros["cmd"] == "."
    assert re.search(r"^\s+m1 \| \.\s+no depvar\s+2", out, re.M), out
    assert "[.]" in out and re.search(r"^x\s+1\s*$", out, re.M), out
    rc, out, s = do(POSTED + "eststo\nestimates store m2")  # e(cmd) is now set: store takes them too
    assert rc == 0 and "(est1 stored)" in out and {"est1", "m2"} <= set(s.estimates), out
    rc, out, s = do("eststo m1")  # no results at all: estimates store's refusal
    assert rc == 301 and "last estimation results not found, nothing to store" in out, out
    assert not s.estimates and not s.globals.get("eststo")
    rc, out, s = do("quietly regress y x\neststo m1\ndisplay e(cmd)", df=data)  # e(cmd) kept when set
    assert rc == 0 and out.rstrip().endswith("regress"), out


def test_dot_is_the_stored_name(do, data):
    """est_expand: ``.`` is e(_estimates_name) when the active results are stored."""
    rc, out, s = do("quietly regress y x\nestimates store m1\nestimates table\nestimates stats .", df=data)
    assert rc == 0, out
    assert re.search(r"Variable \|\s+m1\s*$", out, re.M) and re.search(r"^\s+m1 \|", out, re.M), out
    rc, out, s = do("estimates drop .\nestimates dir", session=s)  # drops m1 itself
    assert rc == 0 and not s.estimates, out
    rc, out, s = do("estimates table", session=s)
    assert rc == 0 and re.search(r"Variable \|\s+active\s*$", out, re.M), out


def test_for_on_the_active_results_alone_has_no_header(do, data):
    rc, out, s = do("quietly regress y x\nestimates for .: display \"ran\"", df=data)
    assert rc == 0 and "Model" not in out and "active results" not in out and "ran" in out, out
    rc, out, s = do("estimates store m1\nestimates for m1: display \"ran\"", session=s)
    assert rc == 0 and "Model" not in out and "ran" in out, out
    rc, out, s = do("quietly regress y\nestimates store m0, title(null)\nestimates for m1 m0: display \"ran\"",
                    session=s)
    assert rc == 0 and "Model m1\n" in out and "Model m0 (null)" in out, out
    rc, out, _ = do("estimates for : display 1", session=s)
    assert rc == 198 and "name-list expected" in out, out


def test_restore_and_change_take_one_name(do, data):
    rc, out, s = do("quietly regress y x\nestimates store m1\nquietly regress y\nestimates store m0\n"
                    "estimates restore m*", df=data)
    assert rc == 198 and "too many names specified" in out, out
    rc, out, s = do("estimates change m*, title(t)", session=s)
    assert rc == 198 and "too many names specified" in out, out
    rc, out, s = do("estimates change, title(now)\nestimates dir", session=s)  # default "." = m0
    assert rc == 0 and s.estimates["m0"].macros["estimates_title"] == "now", out


def test_query_names_e_cmd2(do, data):
    rc, out, _ = do("quietly regress y x\nereturn local cmd2 \"mine\"\nestimates query", df=data)
    assert rc == 0 and "(active results produced by mine; not yet stored)" in out, out


def _pisa():
    rng = np.random.default_rng(7)
    n = 60
    df = pd.DataFrame({"cnt": np.repeat(["AAA", "BBB"], n // 2), "cntschid": np.repeat(np.arange(6), n // 6),
                       "escs": rng.normal(size=n)})
    for p in range(1, 11):
        df[f"pv{p}math"] = 500 + 20 * df.escs + rng.normal(0, 30, n)
    df["w_fstuwt"] = np.exp(rng.normal(3, 0.2, n))
    for k in range(1, 81):
        df[f"w_fsturwt{k}"] = df.w_fstuwt * np.where(rng.random(n) < 0.5, 1.5, 0.5)
    return df


def test_after_repest(do):
    """repest_display_bylevel posts with ereturn post alone: estimates store refuses the table,
    eststo stores it with e(cmd) "."; store() sets e(cmd) "N/A" itself before storing."""
    df = _pisa()
    rc, out, s = do("repest PISA, estimate(means escs) by(cnt) display\nestimates store r1", df=df)
    assert rc == 301 and "last estimation results not found, nothing to store" in out, out
    assert s.e is not None and not s.e.macros.get("cmd")
    rc, out, s = do("eststo r1\nestimates dir", session=s)
    assert rc == 0 and s.estimates["r1"].macros["cmd"] == "." and re.search(r"^\s+r1 \| \.", out, re.M), out
    rc, out, s = do("repest PISA, estimate(means escs) by(cnt) store(m_)\nestimates dir", df=df)
    assert rc == 0 and {"m_AAA", "m_BBB"} <= set(s.estimates), out
    assert re.search(r"^\s+m_AAA \| N/A", out, re.M), out


def test_estimates_stats_and_table_read_missing_e_n_and_ll(do):
    """Stats fills its matrix from e(N), e(ll) as they are (missing when absent), and GetRankV
    takes rank(e(V)) without e(rank) -- 0, with its note, without e(V); est_table's aic/bic are
    -2*e(ll) + ... (missing), N and ll a model lacks are blank."""
    zero_row = ("matrix b = (1, 2, 3)\nmatrix colnames b = x z _cons\nmatrix V = (1, 0, 0 \\ 0, 0, 0 \\ 0, 0, 1)\n"
                "matrix colnames V = x z _cons\nmatrix rownames V = x z _cons\nereturn post b V\n")
    rc, out, s = do(zero_row + "eststo m1\nestimates stats m1\nestimates table m1, stats(N ll aic bic)")
    assert rc == 0, out
    assert re.search(r"^\s+m1 \|\s+\.\s+\.\s+\.\s+2\s+\.\s+\.\s*$", out, re.M), out  # rank 2 of 3
    assert re.search(r"^\s+aic \|\s+\.\s*$", out, re.M) and re.search(r"^\s+N \|\s*$", out, re.M), out
    rc, out, s = do("matrix b = (1, 2)\nmatrix colnames b = x _cons\nereturn post b, obs(20)\n"
                    "eststo m2\nestimates stats m2\nmatrix S = r(S)")
    assert rc == 0 and "(m2 does not contain matrix e(V); rank = 0 assumed)" in out, out
    assert s.matrices["S"].values[0, 0] == 20 and s.matrices["S"].values[0, 3] == 0


def test_for_with_stored_names_and_the_active_results(do, data):
    """For: "." is the active results held at the start (``_est unhold hcurrent``), under the
    header "active results", whatever name came before it."""
    rc, out, s = do("quietly regress y x\nestimates store m1\nquietly regress y\n"
                    "estimates for m1 .: display e(df_m)", df=data)
    assert rc == 0, out
    lines = [ln for ln in out.splitlines() if ln and not ln.startswith("-")]
    assert lines == ["Model m1", "1", "active results", "0"], out
    assert s.e.scalars["df_m"] == 0 and s.e.macros.get("_estimates_name") is None


def test_restore_of_the_active_name_keeps_the_active_results(do, data):
    """Restore: ``if !inlist("`name'", ".", "`e(_estimates_name)'")`` -- restoring the name the
    active results are stored under changes nothing; drop unholds (the name is gone); noheader."""
    rc, out, s = do("quietly regress y x\nestimates store m1\nereturn local mine \"kept\"\n"
                    "estimates restore m1", df=data)
    assert rc == 0 and s.e.macros.get("mine") == "kept" and "(results m1 are active now)" in out, out
    rc, out, s = do("quietly regress y\nestimates restore m1, drop noheader", session=s)
    assert rc == 0 and out.strip() == "" and "m1" not in s.estimates, out
    assert s.e.scalars["df_m"] == 1 and not s.e.macros.get("_estimates_name")
    rc, out, _ = do("estimates restore m1", session=s)
    assert rc == 111 and "estimation result m1 not found" in out, out


def test_dir_names_e_cmd2(do, data):
    """Dir: ``local cmd`im' `e(cmd)'`` then ``if "`e(cmd2)'" != "" local cmd`im' `e(cmd2)'``."""
    rc, out, _ = do("quietly regress y x\nereturn local cmd2 \"mine\"\nestimates store m1\nestimates dir", df=data)
    assert rc == 0 and re.search(r"^\s+m1 \| mine\s+y\s+2", out, re.M), out


@pytest.mark.parametrize("line", ["estimates table _all", "estimates stats _all", "estimates replay _all",
                                  "estimates dir _all", "estimates for _all: display 1", "estimates drop _all"])
def test_all_with_nothing_stored_shows_nothing(do, line):
    """est_expand returns no names; each subcommand exits (``if "`names'" == "" exit``)."""
    rc, out, _ = do(POSTED + line)
    assert rc == 0 and out.strip() == "", out
