"""``bootstrap, noisily: cmd`` and ``jackknife, noisily|trace: cmd`` for the commands whose own
vce(bootstrap|jackknife) mlm runs (the logit family, poisson, nbreg, ologit, glm, the xt
commands, clogit, streg, stcox, stcrreg): the prefix is the command's vce(kind, noisily), whose
shared runner prints bootstrap.ado's / jackknife.ado's "First call" heading, the first call and
each replicate's run (``commands.estimation.replicate_noisily``).  Numbers: the jackknife SEs
against R (``prefix_noisily_own_replicates/jackknife_reference.R`` and its JSON: leave-one-out
glm/lm refits); the bootstrap's printed slopes give its SE; noisily changes no number."""
from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest

REFERENCE = json.loads((Path(__file__).parent / "prefix_noisily_own_replicates" /
                        "jackknife_reference.json").read_text())
# the data of jackknife_reference.R, without random numbers
DATA = ("quietly {\nset obs 24\ngenerate x = _n/4\ngenerate id = ceil(_n/4)\ngenerate t = mod(_n-1,4)+1\n"
        "generate yb = mod(_n*7,11) > 4\ngenerate c = mod(_n*5,7)\ngenerate o = mod(_n*5,3)\ngenerate y = x + mod(_n*3,7)/2 + mod(id,3)\n"
        "xtset id t\n}\n")


def _slopes(text: str, name: str = "x") -> list[float]:
    return [float(m.group(1)) for m in re.finditer(rf"^\s+{name} \|\s+(\S+)", text, re.M)]


def _se(session, j: int = 0) -> float:
    return float(np.sqrt(session.e.matrices["V"].values[j, j]))


def _jackknife_se(values) -> float:
    values = np.asarray(values, float)
    return float(np.sqrt((len(values) - 1) / len(values) * ((values - values.mean()) ** 2).sum()))


@pytest.mark.parametrize("name, line", [("logit", "logit yb x"), ("poisson", "poisson c x")])
def test_jackknife_noisily_prefix_layout_and_r_numbers(do, name, line):
    _, plain, _ = do(DATA + line)
    rc, out, s = do(DATA + f"jackknife, noisily: {line}")
    assert rc == 0, out
    head, rest = out.split("\nJackknife replications (24)\n")
    assert head == f"jackknife: First call to {name} with data as is:\n\n. {line}\n" + plain
    assert rest.count(f". {line}\n") == 24 and "(running" not in out and "...." not in out
    printed = _slopes(rest)[:24]  # each replicate's slope, then the final table's
    np.testing.assert_allclose(printed, REFERENCE["replicates"][name], rtol=2e-5, atol=1e-6)
    assert _se(s) == pytest.approx(REFERENCE["se"][name], rel=1e-5)
    assert s.e.macros["vce"] == "jackknife" and s.e.macros["cmdline"] == f"jackknife , noisily: {line}"
    _, _, quiet = do(DATA + f"quietly jackknife: {line}")
    np.testing.assert_array_equal(quiet.e.matrices["V"].values, s.e.matrices["V"].values)


def test_jackknife_trace_prefix_on_xtreg_fe(do):
    rc, out, s = do(DATA + "jackknife, trace: xtreg y x, fe")
    assert rc == 0, out
    lines = out.splitlines()
    echoes = [k for k, text in enumerate(lines) if text == ". xtreg y x, fe"]
    assert len(echoes) == 25 and all(lines[k + 1] == "  - xtreg y x, fe" for k in echoes)
    assert _slopes(out)[0] == pytest.approx(REFERENCE["full"]["xtreg_fe"], rel=1e-6)
    assert _se(s) == pytest.approx(REFERENCE["se"]["xtreg_fe"], rel=1e-6)


@pytest.mark.parametrize("line, title", [("nbreg c x", "Negative binomial regression"),
                                         ("ologit o x", "Ordered logistic regression"),
                                         ("glm c x, family(poisson)", "Generalized linear models"),
                                         ("xtreg y x", "Random-effects GLS regression")])
def test_bootstrap_noisily_prefix_prints_each_draw(do, line, title):
    rc, out, s = do(DATA + f"bootstrap, reps(3) seed(4) noisily: {line}")
    assert rc == 0, out
    name = line.split()[0]
    assert out.startswith(f"bootstrap: First call to {name} with data as is:\n\n. {line}\n")
    runs = out.split("\nBootstrap replications (3)\n")[1]
    assert runs.count(f". {line}\n") == 3 and runs.count(title) == 4  # 3 draws and the final table
    slopes = _slopes(runs)[:3]
    assert _se(s) == pytest.approx(np.std(slopes, ddof=1), rel=1e-5)  # printed to 7 digits
    _, _, quiet = do(DATA + f"quietly bootstrap, reps(3) seed(4): {line}")
    np.testing.assert_array_equal(quiet.e.matrices["V"].values, s.e.matrices["V"].values)


def test_survival_prefixes_print_their_runs(do):
    st = ("quietly {\nset obs 20\ngenerate x = _n/10\ngenerate tt = 1 + mod(_n*7,13)\n"
          "generate d = mod(_n,4) > 0\nstset tt, failure(d)\n}\n")
    rc, out, s = do(st + "jackknife, noisily: stcox x")
    assert rc == 0, out
    runs = out.split("\nJackknife replications (20)\n")[1]
    assert runs.count(". stcox x\n") == 20
    assert _se(s) == pytest.approx(_jackknife_se(np.log(_slopes(runs)[:20])), rel=1e-4)  # hazard ratios shown
    rc, out, _ = do(st + "bootstrap, reps(2) seed(1) noisily: streg x, dist(exponential)")
    assert rc == 0 and out.split("\nBootstrap replications (2)\n")[1].count(". streg x, dist(exponential)\n") == 2


def test_prefix_units_are_observations_or_its_clusters(do):
    # jackknife: xtgee leaves one observation out (not a panel: that is xtgee's vce(jackknife))
    rc, out, _ = do(DATA + "jackknife, noisily: xtgee y x in 1/12")
    assert rc == 0 and out.split("\nJackknife replications (12)\n")[1].count(". xtgee y x in 1/12\n") == 12
    # bootstrap's cluster(id) idcluster(nid): each drawn panel numbered in nid
    rc, out, s = do(DATA + "bootstrap, reps(2) seed(1) cluster(id) idcluster(nid) noisily: xtreg y x, i(nid)")
    assert rc == 0, out
    runs = out.split("\nBootstrap replications (2)\n")[1]
    assert runs.count("Number of groups   =         6") == 3  # 2 draws of 6 panels and the final table
    assert _se(s) == pytest.approx(np.std(_slopes(runs)[:2], ddof=1), rel=1e-5)
