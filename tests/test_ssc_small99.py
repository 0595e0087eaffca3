"""Two small SSC commands followed from their ado-files: ``nscale`` (rescale to 0-1: names,
missing()/up/down, reverse, replace, labels, errors) and ``xtmrho`` (each level's share of the
variance after xtmixed; checked against the variance components and estat icc).  Expected values
are computed here from the min-max formula and from e(b)."""
from __future__ import annotations

import math

import numpy as np

SETUP = """clear
input byte x double y
3 10
7 .
5 20
9 99
1 15
end
label define xl 1 "low" 9 "high"
label values x xl
label variable x "the x"
"""


def minmax(v):
    v = np.asarray(v, float)
    return (v - np.nanmin(v)) / (np.nanmax(v) - np.nanmin(v))


def test_prefix_names_values_and_labels(do):
    rc, out, s = do(SETUP + "nscale x y, pre(n_)")
    assert rc == 0, out
    x, y = s.data.numeric("x"), s.data.numeric("y")
    np.testing.assert_allclose(s.data.numeric("n_x"), minmax(x).astype(np.float32), rtol=0)
    np.testing.assert_allclose(s.data.numeric("n_y"), minmax(y), rtol=0)
    assert np.isnan(s.data.numeric("n_y")[1])
    assert s.data.types["n_x"] == "float" and s.data.types["n_y"] == "double"
    assert s.data.var_labels["n_x"] == "the x"
    assert s.data.value_label_of.get("n_x") is None and s.data.value_label_of["x"] == "xl"
    assert s.data.varnames[-2:] == ["n_x", "n_y"]


def test_characteristics_copied_whatever_the_storage_type(do):
    # the copy keeps its source's characteristics, a double's as a byte's (promoted to float)
    rc, out, s = do(SETUP + 'char x[src] "survey"\nchar y[note1] "a note"\nnscale x y, pre(n_)')
    assert rc == 0, out
    assert s.data.chars.get("n_x[src]") == "survey" and s.data.chars.get("n_y[note1]") == "a note"


def test_default_postfix_generate_postfix_separator(do):
    rc, out, s = do(SETUP + "nscale x\nnscale x y, gen(a b)\nnscale y, post(z) sep")
    assert rc == 0, out
    assert {"x_01", "a", "b", "y_z"} <= set(s.data.varnames)
    np.testing.assert_allclose(s.data.numeric("b"), minmax(s.data.numeric("y")), rtol=0)


def test_missing_up_down_reverse_replace(do):
    rc, out, s = do(SETUP + "nscale y, gen(m) m(99)\nnscale y, gen(u) m(20) up\n"
                    "nscale y, gen(d) m(10) down reverse\nnscale y, replace")
    assert rc == 0, out
    y0 = np.array([10, np.nan, 20, 99, 15])
    kept = np.where(y0 == 99, np.nan, y0)
    np.testing.assert_allclose(s.data.numeric("m"), minmax(kept), rtol=0)
    np.testing.assert_allclose(s.data.numeric("u"), minmax(np.where(y0 >= 20, np.nan, y0)), rtol=0)
    np.testing.assert_allclose(s.data.numeric("d"), 1 - minmax(np.where(y0 <= 10, np.nan, y0)), rtol=0)
    np.testing.assert_allclose(s.data.numeric("y"), minmax(y0), rtol=0)


def test_errors_leave_data_unchanged(do):
    for text, code in [("nscale x, replace pre(n_)", 198), ("nscale x y, gen(a)", 103),
                       ("nscale x, m(1) up down", 198), ("nscale x, up", 198), ("nscale x, gen(y)", 110),
                       ("nscale x, interactive", 198), ("nscale x, bogus", 198)]:
        rc, out, s = do(SETUP + text)
        assert rc == code, (text, out)
        assert s.data.varnames == ["x", "y"], text


def test_constant_variable_becomes_missing_and_tabulate_prints(do):
    rc, out, s = do(SETUP + "gen c = 4\nnscale c\nnscale x, tab")
    assert rc == 0, out
    assert np.isnan(s.data.numeric("c_01")).all()
    assert "Freq." in out and "the x |" in out  # the carried variable label heads the table


def test_xtmrho_shares_of_the_variance_components(do):
    rc, out, s = do("use samples/data/hsb.dta, clear\nxtmixed mathach ses || school:, reml\nxtmrho\n"
                    "estat icc")
    assert rc == 0, out
    names, b = list(s.e.coefficients().names), np.asarray(s.e.coefficients().b, float)
    u = math.exp(2 * b[names.index("lns1_1_1:_cons")])
    e = math.exp(2 * b[names.index("lnsig_e:_cons")])
    rho = u / (u + e)
    assert math.isclose(s.e.scalars["rho1"], rho, rel_tol=1e-12)
    assert math.isclose(s.e.scalars["var_sum"], u + e, rel_tol=1e-12)
    assert "Levels: school" in out
    assert f"Intraclass correlation  (ICC):  rho1 = {rho:.5f}" in out
    assert f"{rho:.7f}"[1:] in out  # estat icc's row: the same number for one level


def test_xtmrho_three_levels_own_shares_and_refusals(do):
    rc, out, s = do("use samples/data/hsb.dta, clear\ngen grp = mod(school, 7)\n"
                    "xtmixed mathach ses || grp: || school:, ml\nxtmrho")
    assert rc == 0, out
    names, b = list(s.e.coefficients().names), np.asarray(s.e.coefficients().b, float)
    u1, u2 = (math.exp(2 * b[names.index(f"lns{k}_1_1:_cons")]) for k in (1, 2))
    total = u1 + u2 + math.exp(2 * b[names.index("lnsig_e:_cons")])
    assert math.isclose(s.e.scalars["rho1"], u1 / total, rel_tol=1e-12)
    assert math.isclose(s.e.scalars["rho2"], u2 / total, rel_tol=1e-12)
    assert "Levels: grp school" in out and "rho2 = " in out
    rc, out, s = do("use samples/data/hsb.dta, clear\nregress mathach ses\nxtmrho")
    assert rc == 123 and "No Multi-Level-Command specified" in out
    rc, out, s = do("use samples/data/hsb.dta, clear\nmixed mathach ses || school:\nxtmrho")
    assert rc == 0 and "Intraclass" not in out.split(". xtmrho")[-1]
