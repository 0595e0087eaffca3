"""``regress ..., vce(bootstrap, noisily)`` and ``trace`` (and the bootstrap prefix's) print what
bootstrap.ado and _loop_bs.ado print (Stata 12's and 16's agree): "bootstrap: First call to regress
with data as is:", the echo and regress's output on the estimation sample, "Bootstrap replications
(#)", then each draw's echo and regress's output; ``trace`` adds each run's traced line after its
echo (the first call's too: bootstrap.ado sets trace on around it).  The draws are mlm's, so each
printed replicate is checked against the bootstrap standard error it feeds."""
from __future__ import annotations

import re

import numpy as np
import pytest

SIX = ('quietly {\nset obs 6\ngenerate x = real(word("1 2 3 4 6 5", _n))\n'
       'generate y = real(word("1 3 2 5 4 6", _n))\n}\n')


def _slopes(text: str) -> list[float]:
    return [float(m.group(1)) for m in re.finditer(r"^\s+x \|\s+(\S+)", text, re.M)]


def test_noisily_layout_and_its_replicates_give_the_standard_error(do):
    _, plain, _ = do(SIX + "regress y x")
    rc, out, s = do(SIX + "regress y x, vce(bootstrap, reps(5) seed(3) noisily)")
    assert rc == 0
    head, rest = out.split("\nBootstrap replications (5)\n")
    assert head == "bootstrap: First call to regress with data as is:\n\n. regress y x\n" + plain
    runs, final = rest.split("\nLinear regression")
    assert runs.count(". regress y x\n") == 5 and "Bootstrap" in final and "...." not in out
    slopes = _slopes(runs)
    assert len(slopes) == 5
    se = np.sqrt(s.e.matrices["V"].values[0, 0])
    assert se == pytest.approx(np.std(slopes, ddof=1), rel=1e-5)  # the printed slopes (7 digits)


def test_trace_is_noisily_with_each_run_traced_and_the_prefix_takes_both(do):
    _, noisy, _ = do(SIX + "regress y x, vce(bootstrap, reps(4) seed(3) noisily)")
    rc, traced, _ = do(SIX + "regress y x, vce(bootstrap, reps(4) seed(3) trace)")
    assert rc == 0
    lines = traced.splitlines()
    echoes = [k for k, line in enumerate(lines) if line == ". regress y x"]
    assert len(echoes) == 5 and all(lines[k + 1] == "  - regress y x" for k in echoes)
    assert [line for line in lines if line != "  - regress y x"] == noisy.splitlines()
    rc, prefixed, _ = do(SIX + "bootstrap, reps(4) seed(3) noisily: regress y x")
    assert rc == 0 and prefixed == noisy


def test_quietly_keeps_the_runs_shown_through_noisily(do):
    _, loud, _ = do(SIX + "regress y x, vce(bootstrap, reps(3) seed(3) noisily)")
    rc, quiet, _ = do(SIX + "quietly regress y x, vce(bootstrap, reps(3) seed(3) noisily)")
    assert rc == 0
    full = loud.split(". regress y x\n", 1)[1].split("\nBootstrap replications")[0]
    runs = loud.split("\nBootstrap replications (3)\n")[1].split("\nLinear regression")[0]
    assert quiet == full + runs


@pytest.mark.parametrize("line, message", [
    ("regress y x, vce(bootstrap, noisily) beta", "vce(bootstrap, noisily) not supported by mlmcli with regress's option"),
    # xtreg's vce(bootstrap, noisily) prints too (test_replicate_noisily_commands), and since pf28 the
    # prefix's (test_prefix_noisily_own_replicates)
])
def test_what_mlm_does_not_print_is_refused(do, line, message):
    rc, out, _ = do(SIX + line)
    assert rc == 198 and message in out


def test_forced_weights_print_the_weighted_runs_and_reject_its_message(do):
    """force: each run is regress with the weights (echoed), its aweights' sum line first; a
    rejected draw is followed by _loop_bs's "rejected results" message (nz25)."""
    weights = "generate w = real(word(\"1 2 1 3 1 2\", _n))\n"
    _, plain, _ = do(SIX + weights + "regress y x [aw=w]")
    rc, out, s = do(SIX + weights + "regress y x [aw=w], vce(bootstrap, reps(5) seed(3) force noisily)")
    assert rc == 0
    head, rest = out.split("\nBootstrap replications (5)\n")
    # regress.ado hands vce() to _vce_parserun before _regress prints "(sum of wgt is ...)": bootstrap's
    # first line comes first, the sum line only in each printed run
    assert head == "bootstrap: First call to regress with data as is:\n\n. regress y x [aweight= w]\n" + plain
    assert plain.startswith("(sum of wgt is   1.0000e+01)\n")
    runs = rest.split("\nLinear regression")[0]
    assert runs.count(". regress y x [aweight= w]\n(sum of wgt is") == 5
    se = np.sqrt(s.e.matrices["V"].values[0, 0])
    assert se == pytest.approx(np.std(_slopes(runs), ddof=1), rel=1e-5)
    rc, out, _ = do(SIX + "regress y x, vce(bootstrap, reps(6) seed(3) noisily reject(_b[x] > 0.9))")
    runs = out.split("\nBootstrap replications (6)\n")[1].split("\nLinear regression")[0]
    parts = runs.split(". regress y x\n")[1:]
    rejected = [p for p in parts if "rejected results from regress, posting missing values" in p]
    assert rejected and all(_slopes(p)[0] > 0.9 for p in rejected)
    assert all(_slopes(p)[0] <= 0.9 for p in parts if p not in rejected)
