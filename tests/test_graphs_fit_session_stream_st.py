"""fpfit's st estcmds draw their bootstraps from the session's random-number stream, as the other
twoway fits do (tests/test_graphs_fit_session_stream.py; ``graphs.fpfit_bootstrap.generator``):
estcmd(stcox), estcmd(streg) and estcmd(stcrreg) -- without seed() each bootstrap carries on
where the stream was and the commands after the graph carry on from it; seed() restarts it
(bootstrap.ado's ``set seed``) and leaves the session at that seed.  Before ss38 each st fit drew from a stream started
at the session's seed and the graph left the session's stream alone (two graphs in a row drew the
same replicates).  estcmd(cox), estcmd(weibull) and estcmd(ereg) take no vce() (the old built-in
and ado commands: fracpoly's note) so draw nothing.  The numbers are mlm's stream, not Stata's."""
from __future__ import annotations

import re

import numpy as np
import pytest

DATA = ("quietly {\nset obs 40\ngenerate x = _n/8\ngenerate z = mod(_n*3,7)/2\ngenerate t = mod(_n*7,11)+1+x\n"
        "generate c = mod(_n,3)\ngenerate d = c>0\ngenerate id = ceil(_n/4)\nstset t, failure(d)\n}\n")

STCOX = "twoway fpfitci x z, estcmd(stcox) estopts(vce(bootstrap, reps(5){}))"
STREG = "twoway fpfitci x z, estcmd(streg) estopts(dist(weibull) vce(bootstrap, reps(5){}))"
# stcrreg's draws are stcox's code (fpfit_stcox_replicates / StcoxBootstrapRun, which
# fpfit_competing* call): checked here without touching those modules
STCRREG = ("quietly stset t, failure(c==1)\n"
           "twoway fpfitci x z, estcmd(stcrreg) estopts(compete(c==2) vce(bootstrap, reps(5){}))")
PLAIN = {"stcox": "quietly stcox x z, vce(bootstrap, reps(5){})",
         "streg": "quietly streg x z, dist(weibull) vce(bootstrap, reps(5){})",
         "stcrreg": "quietly stset t, failure(c==1)\nquietly stcrreg x z, compete(c==2) vce(bootstrap, reps(5){})"}


def _after(do, lines: str) -> float:
    """runiform() displayed after ``lines`` (from set seed 5)."""
    rc, out, _ = do(DATA + "set seed 5\n" + lines + "\ndisplay runiform()")
    assert rc == 0, out
    assert "could not fit" not in out, out
    return float(out.strip().splitlines()[-1])


def _drawn(do, tmp_path, lines: str) -> list[str]:
    path = tmp_path / f"g{abs(hash(lines))}.svg"
    rc, out, _ = do(DATA + lines + f"\ngraph export \"{path}\"")
    assert rc == 0 and "could not fit" not in out, out
    return re.findall(r' d="([^"]*)"', path.read_text())


@pytest.mark.parametrize("cmd, graph", [("stcox", STCOX), ("streg", STREG), ("stcrreg", STCRREG)])
@pytest.mark.parametrize("extra", ["", " cluster(id)"])
def test_the_graph_advances_the_session_stream_as_the_plain_bootstrap(do, cmd, graph, extra):
    """Only the final fit draws (its replicates give the band), where the plain command's
    bootstrap draws: the session's stream after the graph is where it is after the plain command
    (before ss38 it was where the seed left it)."""
    fresh = _after(do, "")
    assert _after(do, graph.format(extra)) == _after(do, PLAIN[cmd].format(extra)) != fresh


@pytest.mark.parametrize("graph", [STCOX, STREG, STCRREG])
def test_successive_graphs_draw_anew_unless_the_seed_is_set(do, tmp_path, graph):
    line = graph.format("")
    again = _drawn(do, tmp_path, f"set seed 3\n{line}\ngraph export \"{tmp_path}/first.svg\"\n{line}")
    first = re.findall(r' d="([^"]*)"', (tmp_path / "first.svg").read_text())
    assert first != again  # the second graph's replicates carry on from the first's
    assert first == _drawn(do, tmp_path, f"set seed 3\n{line}")


@pytest.mark.parametrize("cmd, graph", [("stcox", STCOX), ("streg", STREG), ("stcrreg", STCRREG)])
def test_seed_option_restarts_and_leaves_the_session_at_it(do, tmp_path, cmd, graph):
    line = graph.format(" seed(9)")
    assert _drawn(do, tmp_path, line) == _drawn(do, tmp_path, f"{line}\n{line}")  # each restarts at 9
    assert _after(do, line) == _after(do, PLAIN[cmd].format(" seed(9)"))
    rc, out, _ = do(DATA + line + "\ndisplay c(seed)")
    assert out.strip().splitlines()[-1] == "9"


@pytest.mark.parametrize("cmd, graph", [("stcox", STCOX), ("streg", STREG), ("stcrreg", STCRREG)])
def test_reject_in_every_fit_draws_on_from_the_fit_before(do, cmd, graph):
    """With reject() every fit runs under the prefix (stcox: ``StcoxBootstrapRun``, streg:
    ``BootstrapPrefix``), each drawing after the one before, so the session ends past more draws
    than one plain bootstrap."""
    one = _after(do, PLAIN[cmd].format(" reject(_b[z] > 100)"))
    graph = _after(do, graph.format(" reject(_b[z] > 100)"))
    assert graph not in (one, _after(do, ""))


@pytest.mark.parametrize("graph", [STCOX, STREG, STCRREG])
def test_jackknife_leaves_the_stream_alone(do, graph):
    assert _after(do, graph.replace("vce(bootstrap, reps(5){})", "vce(jackknife)")) == _after(do, "")


@pytest.mark.parametrize("estcmd", ["cox", "weibull", "ereg"])
def test_the_old_commands_take_no_vce_and_leave_the_stream_alone(do, estcmd):
    rc, out, _ = do(DATA + "set seed 5\n" + f"twoway fpfit t x, estcmd({estcmd}) estopts(dead(d) vce(bootstrap, "
                    "reps(5)))\ndisplay runiform()")
    assert rc == 0 and "(note:  fracpoly could not fit model)" in out
    assert float(out.strip().splitlines()[-1]) == _after(do, "")


def _coefficients(text: str, name: str) -> list[float]:
    return [float(m.group(1)) for m in re.finditer(rf"^\s+{name} \|\s+(\S+)", text, re.M)]


@pytest.mark.parametrize("cmd, line, final, names, hazard", [
    ("stcox", "twoway fpfit x z, estcmd(stcox) estopts(degree(1) powers(1) vce(bootstrap, reps(4) noisily saving({}, replace)))",
     ". stcox Ix__1 z\n", ["Ix__1", "z"], True),
    ("streg", "twoway fpfit x z, estcmd(streg) estopts(degree(1) powers(1) dist(weibull) nohr "
              "vce(bootstrap, reps(4) noisily saving({}, replace)))", ". streg Ix__1 z, dist(weibull) nohr\n",
     ["Ix__1", "z"], False),
])
def test_printed_final_runs_without_seed_replay_the_bands_draws(do, tmp_path, cmd, line, final, names, hazard):
    """Without seed(), after draws before the graph: the final fit's printed replicates are the
    ones saving() holds -- the band's, drawn on from the session's stream -- and printing them
    does not advance the session's stream (the plain command's draws)."""
    f = tmp_path / "bs"
    rc, out, session = do(DATA + "set seed 5\ndisplay runiform()\n" + line.format(f) + "\ndisplay runiform()")
    assert rc == 0 and "could not fit" not in out, out
    runs = out.split(final)[1:]
    assert len(runs) == 4, out
    shown = np.array([[_coefficients(p, n)[0] for n in names] for p in runs])
    shown = np.log(shown) if hazard else shown  # stcox's table in hazard ratios
    rc2, out2, _ = do(f"use \"{f}\", clear", session=session)
    assert rc2 == 0, out2
    saved = session.data.df[[c for c in session.data.df.columns if c.endswith(tuple(names))]].to_numpy()[:, :2]
    np.testing.assert_allclose(shown, saved, rtol=1e-6, atol=1e-6)  # 7 digits shown
    plain = _after(do, "display runiform()\n" + PLAIN[cmd].format("").replace("reps(5)", "reps(4)"))
    assert float(out.strip().splitlines()[-1]) == plain
