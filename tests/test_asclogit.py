"""asclogit: numbers against R (tests/asclogit_reference/asclogit.R: survival::clogit on the
stacked design, the Wald test and the probabilities by hand), asclogit.ado's layout (header,
``(base alternative)`` block), predict (asclogit_p), estat alternatives (asclogit_estat's
table), test, estimates store/replay, and Stata's errors."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

REF_DIR = Path(__file__).parent / "asclogit_reference"
_spec = importlib.util.spec_from_file_location("asclogit_make_data", REF_DIR / "make_data.py")
_mod = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mod)
DATA = pd.DataFrame(_mod.rows(), columns=["id", "mode", "choice", "cost", "ttime", "income", "psize"]).astype(float)
LABELS = "label define ml 1 air 2 train 3 bus 4 car\nlabel values mode ml\n"
FIT = "asclogit choice cost ttime, case(id) alternatives(mode) casevars(income psize)"


def _ref():
    out = {}
    for line in (REF_DIR / "values.txt").read_text().splitlines():
        tag, name, *vals = line.split()
        out[(tag, name)] = [float(v) for v in vals]
    return out


REF = _ref()
# e(b)'s order -> R's names
ORDER = ["cost", "ttime", "inc2", "ps2", "c2", "inc3", "ps3", "c3", "inc4", "ps4", "c4"]


def _run(do, text):
    rc, printed, s = do(LABELS + text, DATA.copy())
    assert rc == 0, printed
    return printed, s


def test_fit_against_clogit_and_layout(do):
    printed, s = _run(do, FIT)
    e = s.e
    b = e.matrices["b"].values[0]
    se = np.sqrt(np.diag(e.matrices["V"].values))
    np.testing.assert_allclose(b, [REF[("full", n)][0] for n in ORDER], rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(se, [REF[("full", n)][1] for n in ORDER], rtol=1e-4)
    assert e.scalars["ll"] == pytest.approx(REF[("full", "ll")][0], abs=1e-5)
    assert e.scalars["chi2"] == pytest.approx(REF[("full", "wald")][0], rel=1e-4)
    assert e.scalars["df_m"] == 8 and e.scalars["N"] == 480 and e.scalars["N_case"] == 120
    assert e.matrices["b"].colnames == ("mode:cost", "mode:ttime", "train:income", "train:psize", "train:_cons",
                                        "bus:income", "bus:psize", "bus:_cons", "car:income", "car:psize",
                                        "car:_cons")
    lines = printed.split("\n")
    at = lines.index(next(x for x in lines if x.startswith("Alternative-specific conditional logit")))
    assert lines[at] == "Alternative-specific conditional logit".ljust(47) + "Number of obs      =        480"
    assert lines[at + 1] == "Case variable: id".ljust(47) + "Number of cases    =        120"
    assert lines[at + 3] == "Alternative variable: mode".ljust(47) + "Alts per case: min =          4"
    assert lines[at + 4] == " " * 62 + "avg =        4.0"
    assert lines[at + 7].startswith(" " * 50 + "Wald chi2(8)    =      59.47")
    assert lines[at + 8] == "Log likelihood = -116.11081".ljust(50) + "Prob > chi2     =     0.0000"
    assert "air          |  (base alternative)" in lines
    assert lines.index("mode         |") < lines.index("air          |  (base alternative)") < lines.index(
        "train        |")
    assert any(x.startswith("Iteration 0:   log likelihood = ") for x in lines)


def test_no_constant_no_casevars(do):
    printed, s = _run(do, "asclogit choice cost ttime, case(id) alternatives(mode) noconstant nolog")
    b = s.e.matrices["b"].values[0]
    np.testing.assert_allclose(b, [REF[("nocons", n)][0] for n in ("cost", "ttime")], rtol=1e-5)
    assert s.e.scalars["ll"] == pytest.approx(REF[("nocons", "ll")][0], abs=1e-5)
    assert "(base alternative)" not in printed and "Iteration" not in printed


def test_base_alternative_moves_the_empty_block(do):
    printed, s = _run(do, FIT + " basealternative(bus) nolog")
    assert "bus          |  (base alternative)" in printed
    assert s.e.scalars["i_base"] == 3
    assert s.e.scalars["ll"] == pytest.approx(REF[("full", "ll")][0], abs=1e-5)  # same model
    b = dict(zip(s.e.matrices["b"].colnames, s.e.matrices["b"].values[0]))
    assert b["air:_cons"] == pytest.approx(-REF[("full", "c3")][0], abs=1e-5)


def test_predict_pr_xb_test_and_estimates(do):
    printed, s = _run(do, FIT + " nolog\npredict p\npredict x, xb\ntest [train]income = [bus]income\n"
                      "estimates store m1\nestimates replay m1\nestat alternatives")
    assert "(option pr assumed; Pr(mode))" in printed
    p, x = s.data.numeric("p")[:8], s.data.numeric("x")[:8]
    np.testing.assert_allclose(p, [REF[("full", f"row{i}")][0] for i in range(1, 9)], rtol=1e-5)
    np.testing.assert_allclose(x, [REF[("full", f"row{i}")][1] for i in range(1, 9)], rtol=1e-5)
    sums = pd.Series(s.data.numeric("p")).groupby(DATA["id"]).sum()
    np.testing.assert_allclose(sums, 1.0)
    assert " ( 1)  [train]income - [bus]income = 0" in printed
    assert printed.count("Alternative-specific conditional logit") == 2
    lines = printed.split("\n")
    head = lines.index("   Alternatives summary for mode")
    counts = DATA[DATA.choice == 1]["mode"].value_counts()
    assert lines[head + 1] == "  +" + "-" * 73 + "+"
    assert lines[head + 2] == "  |          Alternative                  |    Cases   Frequency    Percent |"
    assert lines[head + 3] == "  |  index        value             label |   present   selected   selected |"
    assert lines[head + 5] == (f"  |      1           1                air |       120 {counts[1]:10d} "
                               f"{100 * counts[1] / 120:10.2f} |")


def test_casewise_deletion_and_notes(do):
    data = DATA.copy()
    data.loc[1, "cost"] = np.nan  # case 1 loses an unchosen row: the whole case goes (casewise)
    rc, printed, s = do(LABELS + FIT + " nolog", data)
    assert rc == 0 and s.e.scalars["N_case"] == 119 and s.e.scalars["N"] == 476
    rc, printed, s = do(LABELS + FIT + " altwise nolog", data)
    assert rc == 0 and s.e.scalars["N"] == 479 and s.e.scalars["alt_min"] == 3
    data = DATA.copy()
    data.loc[data.id == 2, "choice"] = 0
    rc, printed, s = do(LABELS + FIT + " nolog", data)
    assert "note: 1 case (4 obs) dropped due to no positive outcome per case" in printed


@pytest.mark.parametrize("text, message, code", [
    ("asclogit choice cost, alternatives(mode)", "option case() required", 198),
    ("asclogit choice cost, case(id)", "option alternatives() required", 198),
    ("asclogit choice income, case(id) alternatives(mode)",
     "variable income is not alternative-specific; it has no within-case variability", 459),
    ("asclogit choice cost, case(id) alternatives(mode) casevars(ttime)", "variable ttime is not constant within case",
     459),
    ("replace choice = 2 in 1\nasclogit choice cost, case(id) alternatives(mode)",
     "depvar choice must be a 0/1 variable indicating which alternatives are chosen", 450),
    ("replace mode = 2 in 1\nasclogit choice cost, case(id) alternatives(mode)",
     "variable mode has replicate levels for one or more cases; this is not allowed", 459),
    ("asclogit choice cost, case(id) alternatives(mode) vce(robust)",
     "option vce() not supported by mlmcli with asclogit", 198),
    ("asclogit choice, case(id) alternatives(mode) noconstant", "too few variables specified", 102),
    ('gen str3 s = "a"\nasclogit choice cost, case(id) alternatives(mode) casevars(s)',
     "string variables not allowed in varlist;\ns is a string variable", 109),
])
def test_errors(do, text, message, code):
    rc, printed, s = do(LABELS + text, DATA.copy())
    assert rc == code and message in printed


def test_estat_mfx_runs_and_replay_without_results(do):
    rc, printed, _ = do("asclogit", DATA.copy())
    assert rc == 301
    # estat mfx is no longer refused (its numbers: tests/test_asclogit_estat_mfx.py)
    rc, printed, _ = do(LABELS + FIT + " nolog\nestat mfx", DATA.copy())
    assert rc == 0 and printed.count("Pr(choice = ") == 4
