"""``vce(bootstrap, noisily|trace)`` and ``vce(jackknife, noisily|trace)`` of the commands other
than regress (``commands.estimation.replicate_noisily``): bootstrap.ado's "First call" heading,
the echo and the command's output on the data as they are, "Bootstrap replications (#)", then
each replicate's echo and the command's output on its rows (_loop_bs: ``capture noisily quietly
noisily``); jackknife.ado's the same with "Jackknife replications (#)".  The draws are mlm's, so
each printed replicate is checked against the standard error it feeds, and noisily changes no
number."""
from __future__ import annotations

import re

import numpy as np
import pytest

DATA = ("quietly {\nset obs 40\nset seed 5\ngenerate x = _n/10\ngenerate id = ceil(_n/4)\n"
        "generate t = mod(_n-1,4)+1\ngenerate y = x + rnormal() + mod(id,3)\ngenerate yb = y > 3\n"
        "generate c = round(exp(y/3))\nxtset id t\n}\n")


def _coefficients(text: str, name: str = "x") -> list[float]:
    return [float(m.group(1)) for m in re.finditer(rf"^\s+{name} \|\s+(\S+)", text, re.M)]


def _se(session, j: int = 0) -> float:
    return float(np.sqrt(session.e.matrices["V"].values[j, j]))


def test_logit_bootstrap_noisily_layout_and_numbers(do):
    _, plain, _ = do(DATA + "logit yb x")
    rc, out, s = do(DATA + "logit yb x, vce(bootstrap, reps(4) seed(3) noisily)")
    assert rc == 0
    head, rest = out.split("\nBootstrap replications (4)\n")
    assert head == "bootstrap: First call to logit with data as is:\n\n. logit yb x\n" + plain
    assert rest.count(". logit yb x\n") == 4 and "...." not in out and "(running" not in out
    runs = rest.split("\nLogistic regression  ")[:-1]
    slopes = _coefficients("\n".join(runs))
    assert len(slopes) == 4
    assert _se(s) == pytest.approx(np.std(slopes, ddof=1), rel=1e-5)  # printed to 7 digits
    _, _, quiet = do(DATA + "quietly logit yb x, vce(bootstrap, reps(4) seed(3))")
    assert np.allclose(quiet.e.matrices["V"].values, s.e.matrices["V"].values, rtol=0, atol=0)


def test_trace_adds_the_traced_line_after_each_echo(do):
    _, noisy, _ = do(DATA + "poisson c x, vce(bootstrap, reps(3) seed(3) noisily)")
    rc, traced, _ = do(DATA + "poisson c x, vce(bootstrap, reps(3) seed(3) trace)")
    assert rc == 0
    lines = traced.splitlines()
    echoes = [k for k, line in enumerate(lines) if line == ". poisson c x"]
    assert len(echoes) == 4 and all(lines[k + 1] == "  - poisson c x" for k in echoes)
    assert [line for line in lines if line != "  - poisson c x"] == noisy.splitlines()


def test_quietly_keeps_what_is_shown_through_noisily(do):
    _, loud, _ = do(DATA + "probit yb x, vce(bootstrap, reps(2) seed(3) noisily)")
    rc, quiet, _ = do(DATA + "quietly probit yb x, vce(bootstrap, reps(2) seed(3) noisily)")
    assert rc == 0
    first = loud.split(". probit yb x\n", 1)[1].split("\nBootstrap replications")[0]
    runs = loud.split("\nBootstrap replications (2)\n")[1].rsplit("\nProbit regression", 1)[0]
    assert quiet == first + runs


def test_options_kept_in_the_echo_vce_and_level_not(do):
    rc, out, _ = do(DATA + "glm c x, family(poisson) level(90) vce(bootstrap, reps(2) seed(3) noisily)")
    assert rc == 0
    assert out.count(". glm c x, family(poisson)\n") == 3 and "vce(" not in out.split("Bootstrap replications")[1]


def test_xtreg_replicates_renumber_the_panels(do):
    rc, out, s = do(DATA + "xtreg y x, vce(bootstrap, reps(3) seed(2) noisily)")
    assert rc == 0
    runs = out.split("\nBootstrap replications (3)\n")[1]
    # each drawn panel a panel of its own (_vce_parserun's idcluster(panelvar)): 10 groups of 4
    assert runs.count("Number of groups   =        10") == 4  # 3 replicates and the final table
    slopes = _coefficients(runs)[:3]
    assert _se(s) == pytest.approx(np.std(slopes, ddof=1), rel=1e-5)


def test_clogit_bootstrap_noisily_runs_each_replicate(do):
    rc, out, s = do(DATA + "clogit yb x, group(id) vce(bootstrap, reps(3) seed(2) noisily)")
    assert rc == 0
    assert out.count(". clogit yb x, group(id)\n") == 4
    slopes = _coefficients(out.split("Bootstrap replications (3)")[1])[:3]
    assert _se(s) == pytest.approx(np.std(slopes, ddof=1), rel=1e-5)


def test_poisson_jackknife_noisily_gives_the_jackknife_se(do):
    rc, out, s = do(DATA + "poisson c x in 1/12, vce(jackknife, noisily)")
    assert rc == 0
    head, rest = out.split("\nJackknife replications (12)\n")
    assert head.startswith("jackknife: First call to poisson with data as is:\n\n. poisson c x in 1/12\n")
    assert rest.count(". poisson c x in 1/12\n") == 12 and "Number of obs   =         11" in rest
    b = np.array(_coefficients(rest)[:12])
    jk = np.sqrt((len(b) - 1) / len(b) * np.sum((b - b.mean()) ** 2))
    assert _se(s) == pytest.approx(jk, rel=1e-5)


def test_xtgee_jackknife_trace_leaves_each_panel_out(do):
    rc, out, _ = do(DATA + "xtgee y x, vce(jackknife, trace)")
    assert rc == 0
    assert out.count(". xtgee y x\n  - xtgee y x\n") == 11
    assert out.split("Jackknife replications (10)")[1].count("Number of groups   =         9") == 10


@pytest.mark.parametrize("line, message", [
    ("poisson c x [fw=t], vce(jackknife, noisily)",
     "vce(jackknife, noisily) with weights not supported by mlmcli with poisson"),
    ("logit yb x, vce(bootstrap, noisily dots)", "options dots() and noisily may not be combined"),
])
def test_refused(do, line, message):
    rc, out, _ = do(DATA + line)
    assert rc == 198 and message in out


def test_bca_jackknifeopts_noisily_prints_the_acceleration_jackknife(do):
    rc, out, s = do(DATA + "logit yb x in 1/30, vce(bootstrap, reps(3) seed(1) bca jackknifeopts(noisily))")
    assert rc == 0
    head, rest = out.split("\nJackknife replications (30)\n")
    assert head.endswith("jackknife: First call to logit with data as is:\n\n. logit yb x in 1/30\n" +
                         head.split(". logit yb x in 1/30\n", 1)[1])
    runs, final = rest.split("\nBootstrap replications (3)\n")
    assert runs.count(". logit yb x in 1/30\n") == 30 and runs.count("Number of obs   =         29") == 30
    assert ". logit" not in final and final.splitlines()[1].startswith("... ")  # bootstrap's own dots
    _, _, plain = do(DATA + "quietly logit yb x in 1/30, vce(bootstrap, reps(3) seed(1) bca)")
    for name in ("V", "ci_bca"):
        np.testing.assert_array_equal(plain.e.matrices[name].values, s.e.matrices[name].values)


def test_regress_bca_jackknifeopts_trace(do):
    rc, out, _ = do(DATA + "regress y x in 1/10, vce(bootstrap, reps(2) seed(1) bca jackknifeopts(trace))")
    assert rc == 0
    assert out.count(". regress y x in 1/10\n  - regress y x in 1/10\n") == 11


def test_the_command_typed_is_echoed_and_run(do):
    # logistic runs logit's code and xtlogit, pa xtgee's: the echo and each run are the typed command's
    rc, out, _ = do(DATA + "logistic yb x, vce(bootstrap, reps(2) seed(1) noisily)")
    assert rc == 0 and out.startswith("bootstrap: First call to logistic with data as is:\n\n. logistic yb x\n")
    assert out.count(". logistic yb x\n") == 3 and out.count("Odds Ratio") == 4
    rc, out, _ = do(DATA + "xtlogit yb x, pa vce(bootstrap, reps(2) seed(1) noisily)")
    assert rc == 0 and out.count(". xtlogit yb x, pa\n") == 3
