"""``mltrsq`` (mlt package, SSC): Snijders-Bosker and Bryk-Raudenbush R-squared after a two-level
xtmixed fit -- the numbers against lme4 fits and the formulas written out in R
(tests/multilevel_r2_reference/mltrsq.R), the layout against the ado-file's display lines,
e() and the side effects (FULL, mltsample) and the messages of the ado-file."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = json.loads((ROOT / "tests" / "multilevel_r2_reference" / "mltrsq.json").read_text())
KEYS = ("sb_rsq_l1", "sb_rsq_l2", "br_rsq_l1", "br_rsq_l2")


@pytest.fixture()
def session(new_session, run):
    s = new_session()
    assert run(s, f'use "{ROOT / "samples" / "data" / "hsb.dta"}", clear\nkeep if school < 3000\n')[1] == 0
    return s


def _block(out: str, command: str) -> list[str]:
    """The lines the command printed (after its echo, up to the next echo)."""
    lines = out.splitlines()
    start = lines.index(f". {command}") + 1
    end = next((k for k in range(start, len(lines)) if lines[k].startswith(". ")), len(lines))
    return [line.rstrip() for line in lines[start:end]]


def test_ml_fit_matches_lme4_and_the_formulas(session, run):
    s = session
    out, rc = run(s, "quietly xtmixed mathach ses meanses || school:, mle\nmltrsq, full", echo=True, stop_on_error=False)
    assert rc == 0, out
    ref = REFERENCE["ml_ses_meanses"]
    for key in KEYS:
        assert s.e.scalars[key] == pytest.approx(ref[key], rel=2e-6)
        assert s.e.scalars[key] == float(np.float32(s.e.scalars[key]))  # held in a float, as the ado-file
    assert s.e.scalars["N_l2"] == 39
    assert _block(out, "mltrsq, full") == [
        "Level 2 variable is school", "", "", "Calculating R-squared for the parameters of",
        " ses meanses and _cons", "", "", "Number of macro-units:    39", "",
        "Harmonic mean of the level-2 group sizes: 40.74", "",
        "Random-effects Parameters of complete model:",
        f"   Residual-varianz level 1: {ref['omega']:.4f}", f"   Residual-varianz level 2: {ref['tau']:.4f}", "",
        "Random-effects Parameters of Null-model:",
        f"   Residual-varianz level 1: {ref['omega0']:.4f}", f"   Residual-varianz level 2: {ref['tau0']:.4f}",
        "", "", f"Snijders/Bosker R-squared Level 1:  {ref['sb_rsq_l1']:.4f}",
        f"Snijders/Bosker R-squared Level 2:  {ref['sb_rsq_l2']:.4f}", "",
        f"Bryk/Raudenbush R-squared Level 1:  {ref['br_rsq_l1']:.4f}",
        f"Bryk/Raudenbush R-squared Level 2:  {ref['br_rsq_l2']:.4f}"]
    # the user's results stay active (with the scalars added); FULL and mltsample stay, as in the ado-file
    assert s.e.macros["cmdline"] == "xtmixed mathach ses meanses || school:, mle"
    assert "_estimates_name" not in s.e.macros and "FULL" in s.estimates
    assert s.data.types["mltsample"] == "float" and np.all(s.data.numeric("mltsample") == 1)


def test_random_slopes_are_refitted_away_with_reml(session, run):
    s = session
    out, rc = run(s, "gen mltsample = 5\nquietly xtmixed mathach ses || school: ses, reml\nmltrsq", echo=True, stop_on_error=False)
    assert rc == 0, out
    ref = REFERENCE["reml_ses"]
    for key in KEYS:
        assert s.e.scalars[key] == pytest.approx(ref[key], rel=2e-6)
    block = _block(out, "mltrsq")
    assert block[5:8] == ["", "Model needs to be recalculated without random slopes to estimate R-squared values",
                          "this may take some time..."]
    assert "Harmonic mean of the level-2 group sizes: 40.74" not in out
    assert s.e.macros["revars"] == "ses _cons" and s.e.macros["method"] == "REML"
    assert np.all(s.data.numeric("mltsample") == 1)  # the user's mltsample was dropped first


def test_harmonic_mean_is_the_float_the_ado_file_stores():
    from mlmcli.commands.community.mltrsq import harmonic_mean_float

    ids = np.repeat([1, 2, 3], [3, 7, 11])
    exact = 3 / (1 / 3 + 1 / 7 + 1 / 11)
    assert harmonic_mean_float(ids, 3) == pytest.approx(exact, rel=1e-7)
    assert harmonic_mean_float(ids, 3) == float(np.float32(harmonic_mean_float(ids, 3)))


def test_messages_of_the_ado_file(session, run):
    s = session
    out, rc = run(s, "quietly mixed mathach ses || school:\nmltrsq", echo=True, stop_on_error=False)
    assert rc == 0 and "xtmrsq works only after xtmixed" in out and "N_l2" not in s.e.scalars
    out, rc = run(s, "gen cls = mod(_n, 3)\nquietly xtmixed mathach || school: || cls:\nmltrsq", echo=True, stop_on_error=False)
    assert rc == 0 and "xtmrsq works only with 2-level models" in out
    out, rc = run(s, "quietly xtmixed mathach ses || school:\nmltrsq ses", echo=True, stop_on_error=False)
    assert rc == 101 and "varlist not allowed" in out
    out, rc = run(s, "mltrsq, nosuch", echo=True, stop_on_error=False)
    assert rc == 198
    assert "mltsample" not in s.data.varnames


def test_string_level_two_identifier(session, run):
    s = session
    out, rc = run(s, "tostring school, generate(sch)\nquietly xtmixed mathach ses meanses || sch:, mle\nmltrsq",
                  echo=True, stop_on_error=False)
    assert rc == 0, out
    ref = REFERENCE["ml_ses_meanses"]
    for key in KEYS:
        assert s.e.scalars[key] == pytest.approx(ref[key], rel=2e-6)
