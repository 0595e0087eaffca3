"""The twoway fits' bootstraps draw from the session's random-number stream
(``graphs.fpfit_bootstrap.replicate_stream``, the twoway command's ``GraphStream``): without
seed() each bootstrap carries on where the stream was -- across fracpoly's fits and into the
commands after the graph, as Stata's random-number state runs on -- and seed() restarts it
(bootstrap.ado's ``set seed``), leaving the session at that seed.  Before, every fit restarted
from the session's seed and the graph left the session's stream untouched.  The numbers are
mlm's stream, not Stata's."""
from __future__ import annotations

import re

import pytest

DATA = ("quietly {\nset obs 40\ngenerate x = _n/8\ngenerate id = ceil(_n/4)\ngenerate t = mod(_n-1,4)+1\n"
        "generate yb = mod(_n*7,11) > 4\ngenerate y = x + mod(_n*3,7)/2 + mod(id,3)\nxtset id t\n}\n")


def _after(do, lines: str) -> float:
    """runiform() displayed after ``lines`` (from set seed 5)."""
    rc, out, _ = do(DATA + "set seed 5\n" + lines + "\ndisplay runiform()")
    assert rc == 0, out
    return float(out.strip().splitlines()[-1])


def _drawn(do, tmp_path, lines: str) -> list[str]:
    path = tmp_path / f"g{abs(hash(lines))}.svg"
    rc, out, _ = do(DATA + lines + f"\ngraph export \"{path}\"")
    assert rc == 0, out
    return re.findall(r' d="([^"]*)"', path.read_text())


@pytest.mark.parametrize("plain, graph", [
    ("quietly regress y x, vce(bootstrap, reps(20))", "twoway lfitci y x, estopts(vce(bootstrap, reps(20))) predopts(stdp)"),
    ("quietly regress y x, vce(bootstrap, reps(20))", "twoway fpfitci y x, estopts(vce(bootstrap, reps(20)))"),
    ("quietly logit yb x, vce(bootstrap, reps(5))", "twoway fpfitci yb x, estcmd(logit) estopts(vce(bootstrap, reps(5)))"),
])
def test_the_graph_advances_the_session_stream_as_the_plain_bootstrap(do, plain, graph):
    """regress's and logit's fracpoly fits: mlm computes the final fit's replicates, drawn where
    the plain command's are -- the session's stream after the graph is where it is after the
    plain command (the graph left it at the seed before)."""
    fresh = _after(do, "")
    assert _after(do, graph) == _after(do, plain) != fresh


def test_every_fit_draws_on_from_the_one_before(do):
    """xtgee: fracpoly's deviance is each fit's bootstrap Wald chi2, so every fit draws -- each
    after the one before, the session past all of them (more than one plain bootstrap)."""
    one = _after(do, "quietly xtgee y x, vce(bootstrap, reps(5))")
    graph = _after(do, "twoway fpfitci y x, estcmd(xtgee) estopts(vce(bootstrap, reps(5)))")
    assert graph not in (one, _after(do, ""))


def test_successive_graphs_draw_anew_unless_the_seed_is_set(do, tmp_path):
    line = "twoway fpfitci y x, estopts(vce(bootstrap, reps(10)))"
    again = _drawn(do, tmp_path, f"set seed 3\n{line}\ngraph export \"{tmp_path}/first.svg\"\n{line}")
    first = re.findall(r' d="([^"]*)"', (tmp_path / "first.svg").read_text())
    assert first != again  # the second graph's replicates carry on from the first's
    assert first == _drawn(do, tmp_path, f"set seed 3\n{line}")


def test_seed_option_restarts_and_leaves_the_session_at_it(do, tmp_path):
    line = "twoway fpfitci y x, estopts(vce(bootstrap, reps(10) seed(9)))"
    assert _drawn(do, tmp_path, line) == _drawn(do, tmp_path, f"{line}\n{line}")  # each restarts at 9
    assert _after(do, line) == _after(do, "quietly regress y x, vce(bootstrap, reps(10) seed(9))")
    rc, out, _ = do(DATA + line + "\ndisplay c(seed)")
    assert out.strip().splitlines()[-1] == "9"


def test_jackknife_leaves_the_stream_alone(do):
    assert _after(do, "twoway fpfitci yb x, estcmd(logit) estopts(vce(jackknife))") == _after(do, "")
