"""``by g: cmd ..., vce(bootstrap|jackknife)``: _vce_parserun's refusal (syntax.by_vce), before
any group runs: "the by prefix may not be used with vce(<the word typed>) option" r(190) for the
commands whose ado hands the by prefix to _vce_parserun (tobit, intreg, cnreg, areg, regress, the
logit family, poisson, glm, ...); robust beside it r(198) first (not glm: robustok); xtreg.ado's
own "the by prefix may not be used with vce() option" r(198) for any vce(); other vce()s run
by group as before."""
from __future__ import annotations

import pytest

DATA = ("quietly {\nset obs 40\ngenerate x = _n/10\ngenerate g = ceil(_n/10)\ngenerate t = mod(_n-1,10)+1\n"
        "generate y = x + mod(_n*3,7)/2 + mod(g,3)\ngenerate yb = mod(_n*7,11) > 4\ngenerate c = mod(_n*5,7)\n"
        "generate u = y + 1\nxtset g t\n}\n")


@pytest.mark.parametrize("line, word", [
    ("tobit y x, ll(2) vce(bootstrap, reps(3))", "bootstrap"),
    ("tobit y x, ll(2) vce(boot, reps(3))", "boot"),
    ("intreg y u x, vce(jackknife)", "jackknife"),
    ("cnreg y x, censored(yb) vce(jack)", "jack"),
    ("areg y x, absorb(t) vce(bootstrap, reps(3) seed(1))", "bootstrap"),
    ("areg y x, absorb(t) vce(jknife)", "jknife"),
    ("regress y x, vce(jackknife)", "jackknife"),
    ("logit yb x, vce(bs, reps(3))", "bs"),
    ("poisson c x, vce(jackknife)", "jackknife"),
    ("glm c x, family(poisson) vce(jackknife) robust", "jackknife"),  # glm: robustok
    ("xtlogit yb x, vce(bootstrap, reps(3))", "bootstrap"),
    ("xtgee y x, vce(jackknife)", "jackknife"),
    ("xtpoisson c x, fe vce(boot)", "boot"),
])
def test_by_with_replication_vce_is_r190_before_any_group(do, line, word):
    rc, out, s = do(DATA + f"sort g\ngenerate keep = _n\nby g: {line}")
    assert rc == 190, out
    assert out.rstrip().endswith(f"the by prefix may not be used with vce({word}) option\nr(190);")
    assert "-> g =" not in out and s.e is None  # nothing ran
    rc, out, s = do(DATA + f"gsort -x\nbysort g: {line}")
    assert rc == 190 and s.data.numeric("x")[0] == 4  # data as they were (bysort's sort undone)


@pytest.mark.parametrize("line, message, rc", [
    ("tobit y x, ll(2) vce(bootstrap) robust", "options vce() and robust may not be combined", 198),
    ("xtreg y x, vce(robust)", "the by prefix may not be used with vce() option", 198),
    ("xtreg y x, fe vce(bootstrap, reps(3))", "the by prefix may not be used with vce() option", 198),
])
def test_other_refusals(do, line, message, rc):
    got, out, _ = do(DATA + f"sort g\nby g: {line}")
    assert got == rc and message in out


def test_other_vces_still_run_by_group(do):
    rc, out, s = do(DATA + "sort g\nby g: regress y x, vce(robust)")
    assert rc == 0 and out.count("-> g = ") == 4 and out.count("Robust") == 4
