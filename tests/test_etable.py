"""etable: the layout against published Stata 18 output (tests/golden_etable/README.md), the
numbers against the stored estimates, export() files, and the errors."""
from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

GOLDEN = Path(__file__).resolve().parent / "golden_etable"


def post(names, b, se, *, obs=None, name=None):
    """Do-file lines that post e(b) and a diagonal e(V) and store them as ``name``."""
    cols = " ".join(names)
    lines = [f"matrix b = ({', '.join(repr(x) for x in b)})", f"matrix colnames b = {cols}",
             f"matrix V = diag(({', '.join(repr(s * s) for s in se)}))",
             f"matrix colnames V = {cols}", f"matrix rownames V = {cols}",
             f"ereturn post b V{f', obs({obs})' if obs else ''}", 'ereturn local cmd "."',
             f"estimates store {name}"]  # estimates store needs e(cmd) (estimates.ado)
    return "\n".join(lines) + "\n"


# the gutten fits of agrogan1.github.io/multilevel/tables (their estimates-table output)
M1 = post(["height:age_base", "height:1b.site", "height:2.site", "height:3.site", "height:4.site", "height:5.site",
           "height:_cons", "tree_ID:var(_cons)", "Residual:var(e)"],
          [.2144446, 0, -3.316408, -8.094846, -11.50985, -15.86582, 8.233362, 2.170508, 8.392966],
          [.0023691, 0, .4738969, .5358151, .5291215, .7116202, .4092147, .4004445, .3586298], obs=1200, name="M1")
M4 = post(["height:age_base", "height:1b.site", "height:2.site", "height:3.site", "height:4.site", "height:5.site",
           "height:1b.location"] + [f"height:{k}.location" for k in range(2, 8)]
          + ["height:_cons", "tree_ID:var(_cons)", "Residual:var(e)"],
          [.2143854, 0, -2.994348, -7.764809, -10.84402, -15.17887, 0, -.3215123, .4745482, .0598813, -.4502186,
           -.2549412, -1.453754, 8.180898, 1.981234, 8.396723],
          [.0023822, 0, .5335979, .563856, .6356708, .7953014, 0, 1.246019, .6385101, .7092946, .5372169, .7074584,
           .7466009, .5441571, .3765076, .3589345], obs=1200, name="M4")


def test_stars_layout_matches_the_published_output(do):
    rc, out, _ = do(M1 + M4 + "etable, estimates(M1 M4) novarlabel cstat(_r_b) showstars showstarsnote "
                    "column(estimate)")
    assert rc == 0, out
    assert out == (GOLDEN / "gutten_m1_m4_stars.txt").read_text()


def test_p_value_lines_match_the_published_output(do):
    rc, out, _ = do(M1 + M4 + "etable, estimates(M1 M4) novarlabel cstat(_r_b) cstat(_r_p) column(estimate)")
    assert rc == 0, out
    assert out == (GOLDEN / "gutten_m1_m4_p.txt").read_text()


@pytest.fixture
def panel():
    rng = np.random.default_rng(7)
    n_groups, per = 30, 6
    g = np.repeat(np.arange(1, n_groups + 1), per)
    x = rng.normal(size=g.size)
    z = rng.integers(0, 3, size=g.size)
    c = rng.integers(1, 5, size=g.size)
    y = 1 + 0.8 * x + 0.3 * z + rng.normal(0, 1, n_groups)[g - 1] + rng.normal(0, 1, g.size)
    return pd.DataFrame({"y": y, "x": x, "z": z.astype(float), "g": g.astype(float), "c": c.astype(float)})


LABELS = ('label variable x "Hours worked"\nlabel variable y "Outcome"\nlabel define zl 0 "none" 1 "some" 2 "many"\n'
          'label values z zl\n')


def _lines(out: str) -> list[str]:
    return out.split("\n")


def test_default_layout_labels_intercept_and_variance_components(do, panel):
    rc, out, s = do(LABELS + "quietly regress y x\nestimates store OLS\nquietly mixed y x i.z || g:\n"
                    "estimates store MLM\netable, estimates(OLS MLM)", df=panel)
    assert rc == 0, out
    lines = _lines(out)
    ols, mlm = s.estimates["OLS"], s.estimates["MLM"]
    b = dict(zip(mlm.matrices["b"].colnames, mlm.matrices["b"].values.ravel()))
    V = mlm.matrices["V"]
    se = dict(zip(V.colnames, np.sqrt(np.diag(V.values))))
    var_cons = math.exp(2 * b["lns1_1_1:_cons"])
    var_e = math.exp(2 * b["lnsig_e:_cons"])
    rows = [line for line in lines if line and not line.startswith("-")]
    assert rows[0].split() == ["Outcome", "Outcome"]  # column(depvar): the depvar's label
    labels = [line[:22].rstrip() for line in rows[1:]]
    assert labels == ["Hours worked", "", "z", "  some", "", "  many", "", "Intercept", "", "var(_cons)", "",
                      "var(e)", "", "Number of observations"]
    x_row = rows[1].split()
    assert x_row[-2:] == [f"{ols.matrices['b'].values[0, 0]:.3f}", f"{b['y:x']:.3f}"]
    assert rows[2].split() == [f"({math.sqrt(ols.matrices['V'].values[0, 0]):.3f})", f"({se['y:x']:.3f})"]
    assert rows[10].split() == ["var(_cons)", f"{var_cons:.3f}"]
    assert rows[11].split() == [f"({2 * var_cons * se['lns1_1_1:_cons']:.3f})"]  # the delta method
    assert rows[12].split() == ["var(e)", f"{var_e:.3f}"]
    assert rows[14].split()[-2:] == ["180", "180"]
    # the variance components start in the column of the mixed model
    assert rows[10].index(f"{var_cons:.3f}") + len(f"{var_cons:.3f}") == rows[1].rindex(x_row[-1]) + len(x_row[-1])


def test_variance_components_merge_by_level_in_first_appearance_order(do, panel):
    # as the published crossed1A/crossed2A table: a level new in the second model comes after var(e)
    rc, out, _ = do("quietly mixed y x || _all: R.c || _all: R.g\nestimates store A\n"
                    "quietly mixed y x || _all: R.c || g:\nestimates store B\n"
                    "etable, estimates(A B) column(index) novarlabel", df=panel)
    assert rc == 0, out
    labels = [line.split()[0] for line in _lines(out)[4:] if line[:1] not in ("", " ", "-")]
    assert labels == ["x", "_cons", "var(R_c)", "var(R_g)", "var(e)", "var(_cons)", "Number"]
    assert "(1)" in out and "(2)" in out


def test_active_estimates_and_command_column(do, panel):
    rc, out, _ = do("quietly regress y x\netable, column(command) cstat(_r_b) cstat(_r_ci) mstat(N) mstat(r2)",
                    df=panel)
    assert rc == 0, out
    lines = _lines(out)
    assert lines[2].split() == ["regress"]
    assert lines[5].startswith(" " * 20) and lines[5].strip().startswith("[") and lines[5].strip().endswith("]")
    assert any(line.startswith("R-squared") for line in lines)


def test_keep_drop_title_and_stars_levels(do, panel):
    rc, out, _ = do("quietly regress y x z\nestimates store m\n"
                    'etable, estimates(m) keep(x _cons) title("My table") showstars showstarsnote '
                    'stars(.1 "+" .05 "*" .01 "**")', df=panel)
    assert rc == 0, out
    lines = _lines(out)
    assert lines[1] == "My table"
    assert not any(line.startswith("z") for line in lines)
    assert lines[-2] == "** p<.01, * p<.05, + p<.1"
    rc, out, _ = do("quietly regress y x z\netable, drop(x)", df=panel)
    assert rc == 0 and "x " not in out.split("Intercept")[0].split("-\n", 2)[-1]


def test_export_markdown_html_tex_and_no_overwrite(do, tmp_path):
    md, html, tex, txt = (tmp_path / f"t.{ext}" for ext in ("md", "html", "tex", "txt"))
    rc, out, _ = do(M1 + f'etable, estimates(M1) novarlabel showstars showstarsnote column(estimates) '
                    f'export("{md}", as(markdown) replace)')
    assert rc == 0, out
    assert f"(collection ETable exported to file {md})" in out
    text = md.read_text().split("\n")
    # the published paper-template/table2.md layout
    assert text[0] == "|                        | M1      |    |"
    assert text[1] == "|------------------------|---------|----|"
    assert text[2] == "| age_base               | 0.214   | ** |"
    assert text[3] == "|                        | (0.002) |    |"
    assert text[4] == "| site                   |         |    |"
    assert text[5] == "|   2                    | -3.316  | ** |"
    assert text[-3] == "| Number of observations | 1200    |    |"
    assert text[-2] == "** p<.01, * p<.05" and text[-1] == ""
    for path in (html, tex, txt):
        rc, out, _ = do(M1 + f'etable, estimates(M1) showstars export("{path}")')
        assert rc == 0, out
    assert "<table>" in html.read_text() and "<td>-3.316</td>" in html.read_text()
    assert r"\begin{tabular}" in tex.read_text() and r"\quad 2 & -3.316 & ** \\" in tex.read_text()
    assert "Number of observations" in txt.read_text() and txt.read_text().startswith("---")
    xlsx = tmp_path / "t.xlsx"
    rc, out, _ = do(M1 + f'etable, estimates(M1) showstars title("T") column(estimates) export("{xlsx}")')
    assert rc == 0, out
    from openpyxl import load_workbook
    sheet = load_workbook(xlsx).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "T" and values[1][1] == "M1" and values[2][:3] == ["age_base", "0.214", "**"]
    before = md.read_text()
    rc, out, _ = do(M1 + f'etable, estimates(M1) export("{md}")')
    assert rc == 602 and f"file {md} already exists" in out
    assert md.read_text() == before


@pytest.mark.parametrize("options, rc, message", [
    ("estimates(M1 nosuch)", 111, "estimation result nosuch not found"),
    ("estimates(M1) bogus", 198, "option bogus not allowed"),
    ("estimates(M1), showstars", 198, "invalid 'showstars'"),  # Stata's verdict on the corpus's double comma
    ("estimates(M1) cstat(_r_foo)", 198, "cstat(_r_foo) invalid"),
    ("estimates(M1) column(nonsense)", 198, "column(nonsense) invalid"),
    ("estimates(M1) keep(nosuch)", 111, "coefficient nosuch not found"),
    ('estimates(M1) export("t.docx")', 198, "not available in mlm"),
    ('estimates(M1) export("t.xyz")', 198, "specify option as()"),
    ("estimates(M1) varlabel novarlabel", 198, "may not be combined"),
])
def test_errors(do, options, rc, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    got, out, _ = do(M1 + f"etable, {options}")
    assert got == rc and message in out, out
    assert not any(tmp_path.iterdir())


def test_no_estimates_is_r301(do):
    rc, out, _ = do("etable")
    assert rc == 301 and "last estimates not found" in out


def test_variance_interval_is_mixed_own(do, panel):
    # mixed's random-effects table computes the interval on the log scale; etable shows that one
    rc, out, _ = do("mixed y x || g:\netable, cstat(_r_b) cstat(_r_ci)", df=panel)
    assert rc == 0, out
    printed = next(line for line in out.split("\n") if line.strip().startswith("var(_cons) |"))
    lo, hi = (float(v) for v in printed.split()[-2:])
    lines = out.split("\n")
    k = next(i for i, line in enumerate(lines) if line.startswith("var(_cons) "))
    assert lines[k + 1].split() == [f"[{lo:.3f}", f"{hi:.3f}]"]


def test_me_variance_row_is_named_by_its_equation(do, panel):
    rc, out, _ = do("generate hi = y > 1\nquietly melogit hi x || g:\netable, showstars", df=panel)
    assert rc == 0, out
    row = next(line for line in out.split("\n") if line.startswith("var(_cons[g])"))
    assert "*" not in row
