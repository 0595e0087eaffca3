"""esttab's ``onecell`` and estout's in-cell elements (``cells(b & se)``, ``incelldelimiter()``):
the layout esttab.ado/estout.ado build (cells(b & aux), the mode's in-cell delimiter: RTF
``\\line``, HTML ``<br />``, otherwise a blank; a confidence interval's column 2*modelwidth-2
wide), the numbers from the posted b and V through scipy's t quantile, and checked against
the published regress output of the auto example (repec.sowi.unibe.ch/stata/estout/esttab.html:
weight 1.746559, se .6413538, 95% CI .467736 3.025382)."""
from __future__ import annotations

import pytest
from scipy import stats

B = [1.746559, -49.51222, 1946.069]
SE = [.6413538, 86.15604, 3597.0497]
DF = 71
EST1 = ("matrix b = (1.746559, -49.51222, 1946.069)\nmatrix colnames b = weight mpg _cons\n"
        "matrix V = diag((" + ", ".join(repr(s * s) for s in SE) + "))\n"
        "matrix colnames V = weight mpg _cons\nmatrix rownames V = weight mpg _cons\n"
        "ereturn post b V, depname(price) obs(74) dof(71)\nereturn local cmd \".\"\nestimates store est1\n")


def _ci(j: int) -> tuple[float, float]:
    crit = stats.t.ppf(0.975, DF)
    return B[j] - crit * SE[j], B[j] + crit * SE[j]


def test_ci_matches_the_published_regress_output():
    lo, hi = _ci(0)
    assert abs(lo - .467736) < 1e-5 and abs(hi - 3.025382) < 1e-5


def test_onecell_on_the_screen_puts_b_and_t_in_one_cell(do):
    rc, out, _ = do(EST1 + "esttab est1, onecell")
    assert rc == 0, out
    t = [f"{b / s:.2f}" for b, s in zip(B, SE)]
    assert t == ["2.72", "-0.57", "0.54"]
    assert out.split("\n")[1:13] == [
        "----------------------------",
        "                      (1)   ",
        "                    price   ",
        "----------------------------",
        f"weight       1.747** ({t[0]})   ",
        "",
        f"mpg          -49.51 ({t[1]})   ",
        "",
        f"_cons        1946.1 ({t[2]})   ",
        "----------------------------",
        "N                      74   ",
        "----------------------------"]
    assert "t statistics in parentheses" in out


def test_ci_column_is_twice_as_wide(do):
    rc, out, _ = do(EST1 + "esttab est1, ci onecell")
    assert rc == 0, out
    lines = out.split("\n")
    lo, hi = _ci(0)
    assert lines[1] == "-" * (12 + 1 + 22 + 3)
    assert lines[5] == f"weight        1.747** [{lo:.3f},{hi:.3f}]   "
    assert "95% confidence intervals in brackets" in out


def test_rtf_of_the_real_do_file(do, tmp_path):
    path = tmp_path / "table1.rtf"
    rc, out, _ = do(EST1 + f'esttab est1 using "{path}", b() ci(%9.3f) nostar onecell stats(N) legend label '
                    "replace compress")
    assert rc == 0, out
    rtf = path.read_text()
    cis = [_ci(j) for j in range(3)]
    for label, b, (lo, hi) in zip(["weight", "mpg", "Constant"], ["1.747", "-49.51", "1946.1"], cis):
        assert f"{{{label}}}\\cell \\pard\\intbl\\qc {{{b}\\line [{lo:.3f},{hi:.3f}]}}\\cell\\row}}" in rtf
    # compress: varwidth 20-4, modelwidth 12-3, doubled for the interval: 2*9-2 = 16 characters of 120 twips
    assert "\\cellx2028\\cellx4164\\pard" in rtf
    assert "{\\pard\\ql\\fs20 95% confidence intervals in brackets\\par}" in rtf
    assert "super" not in rtf  # nostar: no stars and no legend


def test_html_breaks_the_cell(do, tmp_path):
    path = tmp_path / "t.html"
    rc, out, _ = do(EST1 + f"esttab est1 using {path}, se onecell replace")
    assert rc == 0, out
    assert "<tr><td>weight      </td><td>1.747<sup>**</sup><br />(0.641)              </td></tr>" in \
        path.read_text().split("\n")


def test_estout_cells_ampersand_and_incelldelimiter(do):
    rc, out, _ = do(EST1 + 'estout est1, cells(b & se(par)) incelldelimiter(" / ")')
    assert rc == 0, out
    assert "weight       1.746559 / (.6413538)" in out.split("\n")
    rc, out, _ = do(EST1 + 'estout est1, cells("b&se(par)" t)')
    assert rc == 0, out
    assert "mpg          -49.51222 (86.15604)" in out.split("\n")


@pytest.mark.parametrize("line, rc, message", [
    ("estout est1, onecell", 198, "option onecell not allowed"),
    ("estout est1, cells(b &)", 198, "invalid syntax"),
    ("estout est1, cells(& b)", 198, "invalid syntax"),
])
def test_errors(do, line, rc, message):
    got, out, _ = do(EST1 + line)
    assert got == rc and message in out


def test_estout_column_labels_by_default(do):
    """estout.ado's default collabels: per column the labels of its elements joined by /,
    the same for each model (estout help: 'compose a label from the names or labels of the
    statistics printed in the cells of that column')."""
    two = EST1 + "estimates store est2\n"
    rc, out, _ = do(two + "estout est1 est2")
    assert rc == 0, out
    assert out.split("\n")[1:4] == ["                     est1         est2",
                                     "                        b            b",
                                     "weight           1.746559     1.746559"]
    rc, out, _ = do(two + 'estout est1 est2, cells("b se(par)" p)')
    assert rc == 0, out
    assert out.split("\n")[2] == "                      b/p           se          b/p           se"
    rc, out, _ = do(EST1 + 'estout est1, cells("ci ci_l(label(lower)) ci_u") level(90)')
    assert rc == 0, out
    assert out.split("\n")[2].split() == ["ci90", "lower", "max90"]
    rc, out, _ = do(EST1 + 'estout est1, collabels("Coef" "SE") cells("b se")')
    assert rc == 0, out
    assert out.split("\n")[2].split() == ["Coef", "SE"]
    assert "b" not in do(EST1 + "estout est1, collabels(none)")[1].split("\n")[2].split()


def test_esttab_shows_column_labels_only_with_cells_or_plain(do):
    rc, out, _ = do(EST1 + "esttab est1")
    assert rc == 0, out
    assert out.split("\n")[4] == "-" * 28  # (1), price, then the rule: no labels
    rc, out, _ = do(EST1 + 'esttab est1, cells("b(star) se")')
    assert rc == 0, out
    assert out.split("\n")[4].split() == ["b", "se"]
    rc, out, _ = do(EST1 + "esttab est1, plain")
    assert rc == 0, out
    assert out.split("\n")[2].split() == ["b/t"]


def test_wide_ci_widens_only_the_interval_column(do, tmp_path):
    """esttab.ado with ci and wide: modelwidth "12 22" -- b's column 12 (+ the stars' 3),
    the interval's 22; the rtf row definitions follow (120 twips a character + 216)."""
    rc, out, _ = do(EST1 + "esttab est1, ci wide")
    assert rc == 0, out
    lo, hi = _ci(0)
    lines = out.split("\n")
    assert lines[1] == "-" * (12 + 1 + 12 + 3 + 1 + 22)
    assert lines[5] == "weight              1.747** " + f"[{lo:.3f},{hi:.3f}]".rjust(1 + 22)
    rc, out, _ = do(EST1 + f"esttab est1 using {tmp_path}/w.rtf, ci wide")
    assert rc == 0, out
    assert "\\cellx1548\\cellx3564\\cellx6420\\pard" in (tmp_path / "w.rtf").read_text()
