"""``regress, vce(jackknife)`` when leaving out one observation (cluster) makes a regressor
collinear: jackknife.ado's loops compare each replicate's omitted coefficients with the full
sample's (``_check_omit``) and post missing values where they differ, so the replicate is an
``x``, left out of V, e(df_r) and e(N_reps); _prefix_footnote's note follows the table.  V against
R (``tests/regress_reference/jackknife_collinear_replicates.R``: lm without each observation or
cluster, a replicate with an aliased coefficient left out); under noisily the replicate's regress
output (its own collinearity note and ``(omitted)`` row) and the loop's message; the echoed line
with a factor level _rmcoll omits; regress's ``beta`` handed to every regress."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from graphs_helpers import double_session, run
from mlmcli.ols_jackknife import COLLINEAR

REFERENCE = json.loads((Path(__file__).parent / "regress_reference" / "jackknife_collinear_replicates.json").read_text())
NOTE = ("Note: one or more parameters could not be estimated in 1 jackknife replicate;\n"
        "      standard-error estimates include only complete replications.\n")


@pytest.fixture
def s():
    return double_session({k: REFERENCE[k] for k in ("y", "x1", "d", "g", "c", "dc", "fw", "pw")})


def _run(s, text):
    return run(s, text, stop_on_error=False)


@pytest.mark.parametrize("command, key, df_r, dots", [
    ("regress y x1 d, vce(jackknife)", "observation", 18, "..x................."),
    ("regress y x1 dc, vce(jackknife, cluster(c))", "cluster", 3, ".x..."),
    ("regress y x1 i.g, vce(jackknife)", "factor", 18, "......x............."),
    ("regress y x1 d [pw=pw], vce(jackknife)", "pweight", 18, "..x................."),
    # fweights: the replicates' frequencies less the collinear one's (1), less one
    ("regress y x1 d [fw=fw], vce(jackknife)", "fweight", 28, "..x................."),
])
def test_collinear_replicate_posts_missing_values(s, command, key, df_r, dots):
    out, rc = _run(s, command)
    assert rc == 0, out
    V = s.e.matrices["V"].values
    shown = [j for j, name in enumerate(s.e.matrices["b"].colnames) if name not in ("1b.g",)]
    np.testing.assert_allclose(V[np.ix_(shown, shown)], np.asarray(REFERENCE[key]["V"]), rtol=1e-10)
    assert s.e.scalars["N_reps"] == REFERENCE[key]["usable"] - (0 if key != "fweight" else 29 - 19)
    assert s.e.scalars["N_misreps"] == REFERENCE[key]["missing"] == 1
    assert s.e.scalars["df_r"] == df_r and s.e.macros["missing"] == "missing"
    assert f"\n{dots.ljust(50)}{len(dots):6d}\n" in out
    assert out.endswith("-" * 78 + "\n" + NOTE)


def test_note_on_replay_and_not_with_notable(s):
    _run(s, "regress y x1 d, vce(jackknife)")
    out, rc = _run(s, "regress")
    assert rc == 0 and out.endswith(NOTE)
    out, rc = _run(s, "regress, notable")
    assert rc == 0 and "Note:" not in out
    out, rc = _run(s, "regress y x1 d, vce(jackknife) notable")
    assert rc == 0 and "Note:" not in out and "Replications" in out


def test_reject_note_counts_rejected_replicates(s):
    """The note is _prefix_footnote's for any replicate posted missing (here reject()'s)."""
    out, rc = _run(s, "regress y x1, vce(jackknife, reject(_b[x1] > .59) nodots)")
    assert rc == 0, out
    k = int(s.e.scalars["N_misreps"])
    assert k == 4 and "could not be estimated in 4 jackknife replicates;" in out


def _blocks(out: str, echo: str) -> list[str]:
    """The text after each echoed line, up to the next."""
    return out.split(echo)[1:]


def test_noisily_shows_the_replicate_regress_and_the_loop_message(s):
    out, rc = _run(s, "regress y x1 d, vce(jackknife, noisily)")
    assert rc == 0, out
    blocks = _blocks(out, ". regress y x1 d\n")
    assert len(blocks) == 21
    for i, block in enumerate(blocks[1:], start=1):
        text, _ = _run(s, f"regress y x1 d if _n != {i}")
        if i == 3:  # regress's own note and (omitted) row, then the loop's message
            assert text.startswith("note: d omitted because of collinearity\n")
            assert "           d |          0  (omitted)\n" in text
            assert block == text + COLLINEAR + "\n"
        else:
            assert block.startswith(text)
    assert out.endswith(NOTE)


def test_collinearity_is_checked_before_reject(s):
    """The loops test _check_omit's result first: the replicate's message is the collinearity
    one even where reject() would be true."""
    out, rc = _run(s, "regress y x1 d, vce(jackknife, noisily reject(_b[d] == 0))")
    assert rc == 0, out
    blocks = _blocks(out, ". regress y x1 d\n")
    assert blocks[3].endswith(COLLINEAR + "\n") and "rejected results" not in out


def test_factor_level_omitted_in_the_full_sample(s):
    """_rmcoll omits 3.g (the same column as d7): its note once, first; the line writes i.g as its
    e(b) columns (``1b.g 2.g 3o.g``); each regress omits 3.g without a note; leaving out
    observation 7 makes d7 constant: that regress omits it too, and the loop's message follows."""
    _run(s, "generate d7 = _n == 7")
    note = "note: 3.g omitted because of collinearity\n"
    out, rc = _run(s, "regress y d7 i.g, vce(jackknife, noisily)")
    assert rc == 0, out
    assert s.e.scalars["N_reps"] == 19
    echo = ". regress y d7 1b.g 2.g 3o.g\n"
    assert out.startswith(note + "jackknife: First call to regress with data as is:\n\n" + echo)
    assert out.count(note) == 1 and out.count(echo) == 21
    blocks = _blocks(out, echo)
    for i in (1, 2, 20):
        text, _ = _run(s, f"regress y d7 i.g if _n != {i}")
        assert blocks[i].startswith(text.replace(note, ""))
    assert blocks[7].startswith("note: d7 omitted because of collinearity\n")
    assert blocks[7].endswith(COLLINEAR + "\n") and "          d7 |          0  (omitted)\n" in blocks[7]


def test_omitted_continuous_interaction_is_written_co(s):
    """c.x1#c.x1 is sq: _rmcoll omits it, and the line writes its e(b) name ``co.x1#co.x1``."""
    _run(s, "generate double sq = x1 * x1")
    out, rc = _run(s, "regress y x1 sq c.x1#c.x1, vce(jackknife, noisily)")
    assert rc == 0, out
    assert out.startswith("note: c.x1#c.x1 omitted because of collinearity\n")
    assert out.count(". regress y x1 sq co.x1#co.x1\n") == 21


def test_beta_is_handed_to_every_regress(s):
    """beta is one of regress's options the prefix passes on (not a display option): each
    regress's table has the Beta column, the jackknife's table does not."""
    _run(s, "keep in 4/9")
    out, rc = _run(s, "regress y x1, beta vce(jackknife, noisily)")
    assert rc == 0, out
    echo = ". regress y x1, beta\n"
    blocks = _blocks(out, echo)
    assert len(blocks) == 7
    full, _ = _run(s, "regress y x1, beta")
    assert blocks[0] == full + "\nJackknife replications (6)\n"
    for i in range(1, 7):
        text, _ = _run(s, f"regress y x1 if _n != {i}, beta")
        assert blocks[i].startswith(text)
    final, _ = _run(s, "regress y x1, vce(jackknife, nodots)")
    assert blocks[6] == _run(s, "regress y x1 if _n != 6, beta")[0] + final
    assert "Beta" not in final
    plain, rc = _run(s, "regress y x1, beta vce(jackknife, nodots)")
    assert rc == 0 and plain == final


def test_beta_refusals_stay(s):
    out, rc = _run(s, "regress y x1, beta vce(jackknife, noisily) ")
    assert rc == 0
    out, rc = _run(s, "regress, beta")  # the replay of the jackknife's table
    assert rc == 198 and "option beta not supported by mlmcli with vce(jackknife)" in out
    out, rc = _run(s, "regress y x1 [pw=pw], beta vce(jackknife, noisily)")
    assert rc == 198 and "option beta not supported by mlmcli with pweights" in out and "jackknife:" not in out


def test_saving_and_keep_have_a_missing_row(s, tmp_path):
    """The loop posts (.) for every statistic: saving()'s row and keep's pseudovalues are missing
    in every column, the base level's too; the others' pseudovalues use the usable replicates."""
    from mlmcli.dta import read_dta

    out, rc = _run(s, f"regress y x1 d i.g, vce(jackknife, saving({tmp_path / 'reps'}) keep nodots)")
    assert rc == 0, out
    ds, _ = read_dta(str(tmp_path / "reps.dta"))
    names = ["_b_x1", "_b_d", "_b_1b_g", "_b_2_g", "_b_3_g", "_b_cons"]
    rows = np.column_stack([ds.numeric(v) for v in names])
    missing = [2, 6]  # observation 3 alone has d, observation 7 alone level 3 of g
    assert np.isnan(rows[missing]).all() and np.isfinite(np.delete(rows, missing, 0)).all()
    base = s.data.numeric("_b_1b_g")
    assert np.isnan(base[missing]).all() and (np.delete(base, missing) == 0).all()
    b = s.e.matrices["b"].values.ravel()
    G = 18  # the usable replicates (_jk_pseudo)
    np.testing.assert_allclose(s.data.numeric("_b_x1")[5], G * b[0] - (G - 1) * rows[5, 0], rtol=1e-6)
