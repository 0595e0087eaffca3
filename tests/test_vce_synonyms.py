"""vce(bs|bstrap|jk|jknife|jacknife ...): _vce_parserun's unabVCEtype synonyms of
vce(bootstrap)/vce(jackknife), read once before the command sees its options
(``syntax.vce_synonyms``): the same fit, V and e() as the full name; a refusal echoes the vce()
as typed."""
from __future__ import annotations

import re

import numpy as np
import pytest

from mlmcli.syntax.vce_synonyms import canonical_vce

DATA = ("quietly {\nset obs 40\ngenerate x = _n/8\ngenerate id = ceil(_n/4)\ngenerate t = mod(_n-1,4)+1\n"
        "generate yb = mod(_n*7,11) > 4\ngenerate c = mod(_n*5,7)\ngenerate o = mod(_n*5,3)\n"
        "generate y = x + mod(_n*3,7)/2 + mod(id,3)\nxtset id t\n}\n")


@pytest.mark.parametrize("typed, read", [
    ("bs", "bootstrap"), ("bst, reps(3)", "bootstrap, reps(3)"), ("bstrap,reps(3)", "bootstrap,reps(3)"),
    ("jk", "jackknife"), ("jkn, mse", "jackknife, mse"), ("jknife", "jackknife"),
    ("jackn", "jackknife"), ("jacknife", "jackknife"),
    # not synonyms: the commands' own abbreviations, or no replication vcetype at all
    ("boot", "boot"), ("jack", "jack"), ("jackk", "jackk"), ("b", "b"), ("j", "j"), ("jkk", "jkk"),
    ("bsx", "bsx"), ("robust", "robust"), ("cluster bs", "cluster bs"),
    # unabVCEtype's syntax reads the word with its case (tests/test_option_argument_case.py)
    ("BS", "BS"), ("JKnife", "JKnife")])
def test_unabvcetype_spellings(typed, read):
    assert canonical_vce(typed) == read


@pytest.mark.parametrize("line", [
    "regress y x", "logit yb x", "poisson c x", "ologit o x", "glm yb x, family(binomial)",
    "xtreg y x", "xtlogit yb x", "mlogit o x", "areg y x, absorb(id)"])
@pytest.mark.parametrize("synonym, full", [("bs, reps(4) seed(5)", "bootstrap, reps(4) seed(5)"),
                                           ("bstrap, reps(4) seed(5)", "boot, reps(4) seed(5)"),
                                           ("jk", "jackknife"), ("jknife", "jack"), ("jackn", "jackknife")])
def test_synonym_fits_as_full_name(do, line, synonym, full):
    sep = " " if "," in line else ", "
    rc1, out1, s1 = do(DATA + f"{line}{sep}vce({synonym})")
    rc2, out2, s2 = do(DATA + f"{line}{sep}vce({full})")
    assert rc1 == rc2 == 0, out1
    kind = "bootstrap" if "boot" in full else "jackknife"
    assert s1.e.macros["vce"] == s2.e.macros["vce"] == kind
    assert s1.e.macros["vcetype"] == kind.capitalize()
    np.testing.assert_allclose(s1.e.matrices["V"].values, s2.e.matrices["V"].values)
    assert ("Bootstrap replications" if kind == "bootstrap" else "Jackknife replications") in out1
    assert f"vce({synonym})" in s1.e.macros.get("cmdline", f"vce({synonym})")  # e(cmdline) as typed


def test_refusal_echoes_vce_as_typed(do):
    rc, out, _ = do(DATA + "qreg y x, vce(bs)")
    assert rc == 198 and "option vce(bs) is not allowed" in out
    rc, out, _ = do(DATA + "xttobit y x, ll(0) vce(jk)")
    assert rc == 198 and "vcetype 'jk' not allowed" in out
    rc, out, _ = do(DATA + "by id: logit yb x, vce(bst)")
    assert rc == 190 and "the by prefix may not be used with vce(bst) option" in out


def test_fpfit_estopts_synonym(do, tmp_path):
    shown = {}
    for vce in ("bs, reps(3) seed(2)", "bootstrap, reps(3) seed(2)", "jk", "jackknife"):
        path = tmp_path / f"g{len(shown)}.svg"
        rc, out, _ = do(DATA + f"twoway fpfitci y x, estopts(vce({vce}))\ngraph export \"{path}\"")
        assert rc == 0, out
        shown[vce] = re.findall(r' d="([^"]*)"', path.read_text())  # the drawn paths: the band and the fit
    assert shown["bs, reps(3) seed(2)"] == shown["bootstrap, reps(3) seed(2)"]
    assert shown["jk"] == shown["jackknife"]
