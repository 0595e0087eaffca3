"""``noisily`` and ``trace`` on the generic prefix path (``commands.estimation.replicate_prefix_noisily``):
``bootstrap [exp_list], noisily: cmd`` and ``jackknife [exp_list], noisily: cmd`` for a command
without its own replicate code (cnreg, tobit, intreg, summarize ...), and cnreg's/tobit's/intreg's
``vce(bootstrap|jackknife, noisily)`` that run through it: bootstrap.ado's "First call" heading,
the echo and the output on the data as they are, "Bootstrap replications (#)", then each
replicate's echo and output (_loop_bs: ``capture noisily quietly noisily cmd``).  The printed run
is the replicate's own run, so each printed coefficient is a replicate and V is the same with and
without noisily."""
from __future__ import annotations

import re

import numpy as np
import pytest

DATA = ("quietly {\nset obs 30\nset seed 5\ngenerate x = _n/10\ngenerate y = x + rnormal()\n"
        "generate c = cond(y > 2.5, 1, 0)\ngenerate u = cond(c, ., y)\n}\n")


def _coefficients(text: str, name: str = "x") -> list[float]:
    return [float(m.group(1)) for m in re.finditer(rf"^\s+{name} \|\s+(\S+)", text, re.M)]


def test_cnreg_bootstrap_prefix_noisily_layout_and_numbers(do):
    _, plain, _ = do(DATA + "cnreg y x, censored(c)")
    rc, out, s = do(DATA + "bootstrap, reps(4) seed(3) noisily: cnreg y x, censored(c)")
    assert rc == 0
    head, rest = out.split("\nBootstrap replications (4)\n")
    assert head == "bootstrap: First call to cnreg with data as is:\n\n. cnreg y x, censored(c)\n" + plain
    assert rest.count(". cnreg y x, censored(c)\n") == 4 and "...." not in out and "(running" not in out
    runs = rest.split(". cnreg y x, censored(c)\n")[1:]
    slopes = [_coefficients(r)[0] for r in runs]
    assert len(slopes) == 4
    V = s.e.matrices["V"].values
    assert np.sqrt(V[0, 0]) == pytest.approx(np.std(slopes, ddof=1), rel=1e-5)  # printed to 7 digits
    _, _, quiet = do(DATA + "bootstrap, reps(4) seed(3): cnreg y x, censored(c)")
    np.testing.assert_array_equal(quiet.e.matrices["V"].values, V)


@pytest.mark.parametrize("line", ["cnreg y x, censored(c) vce(bootstrap, reps(3) seed(2) noisily)",
                                  "tobit y x, ul(2.5) vce(bootstrap, reps(3) seed(2) noisily)",
                                  "intreg y u x, vce(bootstrap, reps(3) seed(2) noisily)"])
def test_vce_bootstrap_noisily_of_the_censored_commands(do, line):
    name = line.split()[0]
    rc, out, s = do(DATA + line)
    assert rc == 0
    echo = ". " + line.split(" vce(")[0].rstrip(",") + "\n"  # the command as run, vce() taken out
    assert out.startswith(f"bootstrap: First call to {name} with data as is:\n\n{echo}")
    assert out.split("\nBootstrap replications (3)\n")[1].count(echo) == 3
    _, _, quiet = do(DATA + line.replace(" noisily", ""))
    np.testing.assert_array_equal(quiet.e.matrices["V"].values, s.e.matrices["V"].values)
    assert s.e.macros["cmdline"] == line


def test_jackknife_noisily_prints_each_left_out_run(do):
    rc, out, s = do(DATA + "jackknife, noisily: tobit y x, ul(2.5)")
    assert rc == 0
    runs = out.split("\nJackknife replications (30)\n")[1].split(". tobit y x, ul(2.5)\n")[1:]
    assert len(runs) == 30 and all("Number of obs   =         29" in r for r in runs)
    slopes = np.array([_coefficients(r)[0] for r in runs])
    jk = np.sqrt(29 / 30 * np.sum((slopes - slopes.mean()) ** 2))
    assert np.sqrt(s.e.matrices["V"].values[0, 0]) == pytest.approx(jk, rel=1e-5)
    _, _, quiet = do(DATA + "jackknife: tobit y x, ul(2.5)")
    np.testing.assert_array_equal(quiet.e.matrices["V"].values, s.e.matrices["V"].values)


def test_exp_list_noisily_and_trace(do):
    rc, out, s = do(DATA + "jackknife m=r(mean), noisily: summarize y if x > .5")
    assert rc == 0
    assert out.count("jackknife: First call to summarize with data as is:\n\n. summarize y if x > .5\n") == 1
    runs = out.split("\nJackknife replications (25)\n")[1].split(". summarize y\n")[1:]
    assert len(runs) == 25 and all(re.search(r"^\s+y \|\s+24 ", r, re.M) for r in runs)
    _, _, quiet = do(DATA + "jackknife m=r(mean): summarize y if x > .5")
    np.testing.assert_array_equal(quiet.e.matrices["V"].values, s.e.matrices["V"].values)
    rc, traced, _ = do(DATA + "bootstrap b=_b[x], reps(2) seed(1) trace: cnreg y x, censored(c)")
    lines = traced.splitlines()
    echoes = [k for k, text in enumerate(lines) if text == ". cnreg y x, censored(c)"]
    assert rc == 0 and len(echoes) == 3 and all(lines[k + 1] == "  - cnreg y x, censored(c)" for k in echoes)


def test_quietly_keeps_what_is_shown_through_noisily(do):
    rc, out, _ = do(DATA + "quietly bootstrap, reps(2) seed(3) noisily: cnreg y x, censored(c)")
    assert rc == 0
    assert "First call" not in out and "Bootstrap replications" not in out
    assert out.count(". cnreg y x, censored(c)\n") == 2  # the replicates' echoes (noisily di)
    assert out.count("Censored-normal regression") == 3  # the first call's run and two replicates'


def test_a_failing_replicate_shows_its_message_and_the_loops(do):
    rc, out, s = do(DATA + "bootstrap r(mean), reps(2) seed(1) noisily reject(1): summarize y")
    assert rc == 2000  # every replicate rejected
    assert out.count("rejected results from summarize, posting missing values") == 2
    rc, out, _ = do(DATA + "bootstrap, reps(2) seed(3) noisily dots: cnreg y x, censored(c)")
    assert rc == 198 and "options dots and noisily may not be combined" in out


def test_a_replicate_omitting_a_coefficient_gets_check_omits_message(do):
    rc, out, s = do("quietly {\nset obs 8\nset seed 5\ngenerate y = _n/10 + rnormal()\ngenerate d = _n == 1\n}\n"
                    "jackknife, noisily: tobit y d, ll(-5)")
    assert rc == 0
    message = "collinearity in replicate sample is not the same as the full sample, posting missing values"
    runs = out.split("\nJackknife replications (8)\n")[1].split(". tobit y d, ll(-5)\n")[1:]
    assert len(runs) == 8 and message not in out.split("Jackknife replications")[0]
    assert [message in r for r in runs] == [True] + [False] * 7  # the first left out: d omitted
    assert "note: d omitted because of collinearity" in runs[0] and s.e.scalars["N_reps"] == 7


def test_the_commands_level_is_the_prefixs(do):
    rc, out, s = do(DATA + "bootstrap, reps(2) seed(1) noisily: tobit y x, ul(2.5) level(90)")
    assert rc == 0 and "level(" not in out and out.count(". tobit y x, ul(2.5)\n") == 3
    assert s.e.scalars["level"] == 90
    intervals = [line for line in out.splitlines() if "Conf. Interval]" in line]
    # the runs without level() (95%), the table at the prefix's level (_prefix_command moves it)
    assert len(intervals) == 4 and all("[95%" in i for i in intervals[:3]) and "[90%" in intervals[3]
    rc, out, _ = do(DATA + "bootstrap, reps(2) level(80): tobit y x, ul(2.5) level(90)")
    assert rc == 198 and "option level() of bootstrap conflicts with option level() of tobit" in out
