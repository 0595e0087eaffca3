"""``xtreg``, ``hausman`` and ``xttest0`` on Stata's nlswork against the [XT] xtreg manual
examples: every number and the Stata 13 layout (tests/golden_panel/README.md)."""
from __future__ import annotations

from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden_panel"


@pytest.fixture(scope="module")
def nlswork(shared_dir):
    path = shared_dir / "data" / "stata" / "nlswork.dta"
    if not path.exists():
        pytest.skip("nlswork.dta not in ../shared")
    return path


def _run(do, path, text):
    rc, out, s = do(f'use "{path}", clear\nquietly xtset idcode year\n' + text, echo=True)
    assert rc == 0, out
    return out, s


@pytest.mark.parametrize("name", sorted(p.name for p in GOLDEN.glob("xtreg_*.txt")))
def test_xtreg_output_equals_the_manual(do, nlswork, name):
    golden = (GOLDEN / name).read_text()
    command = golden.split("\n", 1)[0]
    out, _ = _run(do, nlswork, command[2:])
    block = out.split(command + "\n", 1)[1].rstrip("\n")
    assert command + "\n" + block + "\n" == golden


def test_hausman_and_xttest0_match_the_manual(do, nlswork):
    model = "ln_w grade age c.age#c.age ttl_exp c.ttl_exp#c.ttl_exp tenure c.tenure#c.tenure 2.race not_smsa south"
    out, s = _run(do, nlswork, f"quietly xtreg {model}, fe\nestimates store fixed\nquietly xtreg {model}, re\n"
                  "estimates store random\nxttest0\nscalar lm = r(lm)\nhausman fixed random")
    assert "chibar2(01) = 14779.98" in out
    assert "                          =      149.43" in out and "chi2(8) = (b-B)'" in out
    assert abs(s.r["chi2"] - 149.43) < 0.005 and s.r["df"] == 8 and s.r["rank"] == 8
    assert abs(s.scalars["lm"] - 14779.98) < 0.005
    # the first row of the hausman table: b, B, b-B, sqrt(diag(V_b-V_B))
    assert "         age |    .0359987     .0368059       -.0008073        .0013177" in out


def test_stored_results_of_the_manual_models(do, nlswork):
    model = "ln_w grade age c.age#c.age ttl_exp c.ttl_exp#c.ttl_exp tenure c.tenure#c.tenure 2.race not_smsa south"
    _, s = _run(do, nlswork, f"quietly xtreg {model}, re")
    e = s.e
    assert (e.scalars["N"], e.scalars["N_g"], e.scalars["df_m"]) == (28091, 4697, 10)
    assert abs(e.scalars["sigma_u"] - .25790526) < 5e-9 and abs(e.scalars["rho"] - .44045273) < 5e-9
    assert abs(e.scalars["chi2"] - 9244.74) < 0.005
    assert e.macros["model"] == "re" and e.macros["predict"] == "xtrere_p" and e.macros["ivar"] == "idcode"
    _, s = _run(do, nlswork, f"quietly xtreg {model}, fe")
    e = s.e
    assert (e.scalars["df_a"], e.scalars["df_r"], e.scalars["df_b"]) == (4696, 23386, 8)
    assert abs(e.scalars["F_f"] - 6.65) < 0.005 and abs(e.scalars["corr"] - .1936) < 5e-5
    assert e.matrices["b"].colnames[0] == "o.grade"
