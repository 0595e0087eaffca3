"""``(running cmd on estimation sample)``: bootstrap.ado (4.9.1) and jackknife.ado call
``_prefix_note cmdname, nodots`` before the full-sample run, so each command whose
vce(bootstrap|jackknife) goes through _vce_parserun prints the line, a blank line, then the
replications heading and the dots -- the logit family, poisson, nbreg, ologit/oprobit, mlogit, glm,
clogit and the xt commands as regress does (each has its own replicate code in mlm); nodots
leaves it out (_prefix_note exits when called with nodots), and bootstrap's ``bca`` calls it only
through its acceleration jackknife (JKAccel), before ``Jackknife replications``."""
from __future__ import annotations

import pytest

DATA = ("quietly {\nset obs 40\ngenerate x = _n/8\ngenerate id = ceil(_n/4)\ngenerate t = mod(_n-1,4)+1\n"
        "generate yb = mod(_n*7,11) > 4\ngenerate c = mod(_n*5,7)\ngenerate o = mod(_n*5,3)\n"
        "generate y = x + mod(_n*3,7)/2 + mod(id,3)\nxtset id t\n}\n")

LINES = ["logit yb x", "logistic yb x", "probit yb x", "cloglog yb x", "poisson c x", "nbreg c x",
         "ologit o x", "oprobit o x", "mlogit o x", "glm yb x, family(binomial)", "clogit yb x, group(id)",
         "regress y x", "xtreg y x", "xtreg y x, fe", "xtreg y x, be", "xtreg y x, mle", "xtgee y x",
         "xtlogit yb x", "xtlogit yb x, fe", "xtlogit yb x, pa", "xtprobit yb x", "xtpoisson c x", "xtpoisson c x, fe"]


def _after_echo(out: str, line: str) -> list[str]:
    return out.split(line, 1)[1].splitlines()[1:]


@pytest.mark.parametrize("line", LINES)
@pytest.mark.parametrize("vce, heading", [("bootstrap, reps(2) seed(3)", "Bootstrap replications (2)"),
                                          ("jackknife", "Jackknife replications (")])
def test_running_note_before_the_replications(do, line, vce, heading):
    sep = " " if "," in line else ", "
    typed = f"{line}{sep}vce({vce})"
    rc, out, _ = do(DATA + typed, echo=True)
    assert rc == 0, out
    after = _after_echo(out, typed)
    assert after[0] == f"(running {line.split()[0]} on estimation sample)", after[:3]
    assert after[1] == "" and after[2].startswith(heading), after[:3]
    assert out.count("on estimation sample)") == 1


@pytest.mark.parametrize("line", ["logit yb x", "poisson c x", "ologit o x", "xtlogit yb x"])
def test_nodots_leaves_the_note_out(do, line):
    rc, out, _ = do(DATA + f"{line}, vce(bootstrap, reps(2) seed(3)) nodots", echo=True)
    assert rc == 0 and "on estimation sample)" not in out and "Bootstrap replications" not in out


def test_prefix_form_prints_it_once(do):
    rc, out, _ = do(DATA + "bootstrap, reps(2) seed(3): logit yb x", echo=True)
    assert rc == 0 and out.count("(running logit on estimation sample)") == 1
