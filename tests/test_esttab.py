"""esttab / estout / eststo / estadd / ssc: layouts against published esttab output
(tests/golden_esttab/README.md), the file modes, numbers, and errors."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

GOLDEN = Path(__file__).resolve().parent / "golden_esttab"


def post(names, b, se, *, depname="", obs=None, dof=None, name=None):
    """Do-file lines that post e(b) and a diagonal e(V) (and store them as ``name``)."""
    cols = " ".join(names)
    lines = [f"matrix b = ({', '.join(repr(x) for x in b)})", f"matrix colnames b = {cols}",
             f"matrix V = diag(({', '.join(repr(s * s) for s in se)}))",
             f"matrix colnames V = {cols}", f"matrix rownames V = {cols}"]
    opts = " ".join(o for o in (f"depname({depname})" if depname else "", f"obs({obs})" if obs else "",
                                f"dof({dof})" if dof else "") if o)
    lines.append(f"ereturn post b V{', ' + opts if opts else ''}")
    if name:  # estimates store needs e(cmd) (estimates.ado); eststo.ado sets "." so
        lines.append('ereturn local cmd "."')
        lines.append(f"estimates store {name}")
    return "\n".join(lines) + "\n"


PV_NAMES = ["MAT_5:z_w", "MAT_5:z_b", "MAT_5:v_b", "MAT_5:66b.id_s", "MAT_5:67.id_s", "MAT_5:68.id_s",
            "MAT_5:69.id_s", "MAT_5:70.id_s", "MAT_5:71.id_s", "MAT_5:72.id_s", "MAT_5:_cons", "lns1_1_1:_cons",
            "lnsig_e:_cons"]
PV_B = [12.512955, 26.013356, 20.507859, 0, 30.405715, 53.303288, 39.92108, 48.286777, 33.909887, -15.951792,
        629.46964, 3.8361029, 4.2050067]
PV_SE = [2.2611123, 9.3297681, 7.9064065, 0, 10.472871, 15.427992, 12.965822, 9.7514024, 40.815817, 17.508669,
         4.203277, .10507108, .01882431]


def test_wide_multi_equation_transform_matches_verbatim_stata(do):
    text = post(PV_NAMES, PV_B, PV_SE, obs=4481, name="m01")
    rc, out, _ = do(text + "esttab m01, b(%9.2f) se(%9.2f) wide transform(ln*: exp(2*@) exp(2*@))")
    assert rc == 0, out
    assert out == (GOLDEN / "pv_mixed_wide.txt").read_text()


AUTO1 = post(["weight", "mpg", "_cons"], [1.746559, -49.51222, 1946.069], [.6413538, 86.15604, 3597.0497],
             depname="price", obs=74, dof=71, name="est1")
AUTO2 = post(["weight", "mpg", "foreign", "_cons"], [3.464706, 21.8536, 3673.06, -5853.696],
             [.6306, 74.22, 683.9814, 3377.02], depname="price", obs=74, dof=70, name="est2")


def test_default_layout_of_the_published_example(do):
    rc, out, _ = do(AUTO1 + AUTO2 + "esttab est1 est2")
    assert rc == 0, out
    assert out.split("\n") == [
        "",
        "--------------------------------------------",
        "                      (1)             (2)   ",
        "                    price           price   ",
        "--------------------------------------------",
        "weight              1.747**         3.465***",
        "                   (2.72)          (5.49)   ",
        "",
        "mpg                -49.51           21.85   ",
        "                  (-0.57)          (0.29)   ",
        "",
        "foreign                            3673.1***",
        "                                   (5.37)   ",
        "",
        "_cons              1946.1         -5853.7   ",
        "                   (0.54)         (-1.73)   ",
        "--------------------------------------------",
        "N                      74              74   ",
        "--------------------------------------------",
        "t statistics in parentheses",
        "* p<0.05, ** p<0.01, *** p<0.001",
        ""]


def test_se_and_adjusted_r2_as_published(do):
    text = AUTO1 + "ereturn scalar r2_a = .2734846\nestimates store est1\n" + AUTO2 + \
        "ereturn scalar r2_a = .4781\nestimates store est2\n"
    rc, out, _ = do(text + "esttab est1 est2, se ar2")
    lines = out.split("\n")
    assert lines[6] == "                  (0.641)         (0.631)   "
    assert lines[12] == "                                  (684.0)   "
    assert lines[15] == "                 (3597.0)        (3377.0)   "
    assert lines[18] == "adj. R-sq           0.273           0.478   "
    assert lines[20] == "Standard errors in parentheses"


def test_eststo_prefix_and_names_and_esttab_defaults_to_them(do):
    import pandas as pd

    rng = np.random.default_rng(1)
    df = pd.DataFrame({"x": rng.normal(size=40), "z": rng.normal(size=40)})
    df["y"] = df.x + rng.normal(size=40)
    rc, out, s = do("eststo: quietly regress y x\neststo m2: quietly regress y x z\neststo M3\n"
                    "esttab, nonumbers mtitles", df=df)
    assert rc == 0, out
    assert "(est1 stored)" in out and "(m2 stored)" not in out
    assert s.globals["eststo"] == "est1 m2 M3"
    head = out.split("\n")
    assert head[3].split() == ["est1", "m2", "M3"]
    rc, out, s = do("eststo drop m2\neststo clear", session=s)
    assert "(m2 dropped)" in out and "eststo" not in s.globals and not s.estimates


def test_options_label_compress_keep_drop_order_stats_scalars(do):
    text = AUTO1 + "ereturn scalar ll = -683.5\nestimates store est1\n" + AUTO2 + \
        "ereturn scalar ll = -670.26\nestimates store est2\n"
    rc, out, _ = do(text + 'esttab est1 est2, keep(mpg weight) order(mpg) scalars("ll Log likelihood") '
                    "sfmt(%10.1f) obslast nogaps b(%5.2f) se(%5.2f) compress nonotes")
    assert rc == 0, out
    lines = out.split("\n")
    assert [l.split()[0] for l in lines if l[:1].isalpha()] == ["mpg", "weight", "Log", "N"]
    assert "Log like~d    -683.5       -670.3   " in lines  # labels abbreviated to varwidth 10 (compress)
    assert len(lines[1]) == 10 + 2 * 13
    assert not any("statistics" in l for l in lines)
    rc, out, _ = do(text + "esttab est1 est2, drop(_cons) noobs nostar not")
    assert "_cons" not in out and "N " not in out and "*" not in out and "(" not in out.replace("(1)", "").replace("(2)", "")


def test_file_modes(do, tmp_path):
    base = AUTO1 + AUTO2
    rc, out, _ = do(base + f"esttab est1 est2 using {tmp_path}/t.csv, replace\n"
                    f"esttab est1 est2 using {tmp_path}/t.tex, replace title(T)\n"
                    f"esttab est1 est2 using {tmp_path}/t, rtf replace\n"
                    f"esttab est1 est2 using {tmp_path}/t.html, replace\n"
                    f"esttab est1 est2 using {tmp_path}/t.txt, replace")
    assert rc == 0, out
    assert f"(output written to {tmp_path}/t.csv)" in out and f"{tmp_path}/t.rtf" in out
    csv = (tmp_path / "t.csv").read_text().split("\n")
    assert '="",="(1)",="(2)"' in csv and '="weight",="1.747**",="3.465***"' in csv
    assert '="t statistics in parentheses"' in csv
    tex = (tmp_path / "t.tex").read_text()
    assert "\\begin{table}[htbp]\\centering" in tex and "\\caption{T}" in tex
    assert "\\sym{**}" in tex and "\\_cons      &" in tex and "\\end{tabular}" in tex
    rtf = (tmp_path / "t.rtf").read_text()
    assert rtf.startswith("{\\rtf1") and rtf.rstrip().endswith("}") and "{\\super ***}" in rtf
    html = (tmp_path / "t.html").read_text()
    assert html.startswith('<table border="0" width="*">') and "<sup>**</sup>" in html
    txt = (tmp_path / "t.txt").read_text()
    assert txt.split("\n")[1] == "                      (1)             (2)   "
    assert do(base + f"esttab est1 est2 using {tmp_path}/t.csv")[0] == 602
    rc, _, _ = do(base + f"esttab est1 using {tmp_path}/t.csv, append")
    assert rc == 0 and (tmp_path / "t.csv").read_text().count('="",="(1)"') == 2


def test_estadd(do):
    text = AUTO1
    rc, out, s = do(text + "scalar k = 7\nestadd scalar icc = .25\nestadd scalar k\nestadd local fe Yes\n"
                    "estimates store est1\nestadd scalar n2 = 2*e(N): est1")
    assert rc == 0, out
    assert "added scalar:\n                e(icc) =  .25\n" in out
    assert '                 e(fe) : "Yes"' in out
    assert s.estimates["est1"].scalars["n2"] == 148 and s.e.scalars["k"] == 7
    assert do(text + "estadd scalar N = 1")[0] == 110
    assert do(text + "estadd frobnicate")[0] == 198
    assert do(text + "estadd vif")[0] == 199


def test_ssc_net_which(do):
    rc, out, _ = do("ssc install estout, replace\nssc install webdoc\nnet install st0031, from(http://x)\n"
                    "which esttab\ncapture which webdoc\ndisplay _rc")
    assert rc == 0
    lines = out.split("\n")
    assert lines[0] == "estout is built into mlm (esttab, eststo, estout, estadd, estpost); nothing to install"
    assert lines[1].startswith("package webdoc is not available in mlm")
    assert do("ssc install asdoc")[1].strip().startswith("asdoc is partly built into mlm")
    assert lines[2] == "st0031 is built into mlm (xtrho); nothing to install"
    assert lines[3] == "built-in command:  esttab" and lines[4] == "111"
    assert do("ssc frob x")[0] == 198
    out = do("ssc install gllamm, replace\nwhich gllapred")[1]
    assert "gllamm is partly built into mlm (gllamm, gllapred); not available: gllasim" in out
    assert "built-in command:  gllapred" in out
    assert do("ssc install spagplot")[1].strip().endswith("spagplot is built into mlm (spagplot); nothing to install")
    assert "fitstat is partly built into mlm" in do("ssc install fitstat")[1]


def test_refused_options_and_errors(do):
    assert do(AUTO1 + "esttab, indicate(x)")[0] == 198
    assert do(AUTO1 + "esttab, md tex")[0] == 198  # one mode only
    assert do(AUTO1 + "esttab, star(* 0.01 ** 0.05)")[0] == 198
    assert do(AUTO1 + "esttab nosuch")[0] == 111
    assert do("esttab")[0] == 301


TEAM_FITS = """clear
set obs 120
set seed 7
gen teamid = ceil(_n/10)
gen x = rnormal()
gen u = rnormal()
bysort teamid: replace u = u[1]
gen y = x + u + rnormal()
quietly mixed y x || teamid:
estadd scalar icc = 0.5
estimates store Model1
quietly mixed y || teamid:
estadd scalar icc = 0.25
estimates store Model2
"""


def test_transform_pattern_with_derivative_and_eqlabels_of_a_real_do_file(do, tmp_path):
    """corpus/anon-team-engagement/team_mlm.do line 74: transform(ln*: f df) maps every ln*
    equation (b -> exp(b)^2, se -> se * exp(b)^2), eqlabels() renames the equations."""
    rc, first, s = do(TEAM_FITS + "esttab Model1 Model2, se aic bic scalars(icc ll df_m) "
                      "transform(ln*: exp(@)^2 exp(@)^2) eqlabels(\"\" \"v1\" \"v2\")")
    assert rc == 0, first
    first = first.split("Model2")[-1]
    rc, second, _ = do("esttab Model1 Model2, se eqlabels(\"\" \"v1\" \"v2\")", session=s)
    assert rc == 0, second
    raw = [float(line.split()[1].rstrip("*")) for line in second.splitlines() if line.startswith("_cons")][1:]
    shown = [float(line.split()[1].rstrip("*")) for line in first.splitlines() if line.startswith("_cons")][1:]
    assert len(raw) == 2 and shown == pytest.approx([np.exp(v) ** 2 for v in raw], abs=2e-3)
    assert "\nv1 " in first and "\nv2 " in first and "\nicc " in first and "\nAIC " in first


def test_misplaced_using_after_the_options_is_invalid_syntax(do, tmp_path):
    """The do-file line itself ends ``eqlabels(...), using table1.html, replace``: a second
    comma then ``using`` among the options, which esttab's syntax refuses (r(198))."""
    target = tmp_path / "table1.html"
    rc, out, _ = do(TEAM_FITS + f"esttab Model1 Model2, se eqlabels(\"\" \"v1\" \"v2\"), using {target}, replace")
    assert rc == 198, out
    assert not target.exists()


def test_estout_style_titles_prehead_legend(do, tmp_path, monkeypatch):
    """estout's style(fixed) (its plain layout), style(tex) (the rows alone: cells joined by &,
    ending \\\\, no tabular around them, _ escaped), mlabels(, titles) (the models' titles of
    estimates store, title()), collabels(none), prehead() text and the legend of the stars
    (heldout/cachanosky, heldout/compton)."""
    fits = (post(["x", "_cons"], [1.5, 2.0], [0.5, 1.0], depname="y", obs=50, name="m1")
            + "estimates store m1, title(First model)\n"
            + post(["x", "_cons"], [0.25, 3.0], [0.5, 1.0], depname="y", obs=50, name="m2")
            + "estimates store m2, title(Second model)\n")
    rc, out, s = do(fits + 'estout m1 m2, style(fixed) collabels(none) prehead("Two models") mlabels(, titles) '
                    "cells(b(star fmt(3)) se(par fmt(2))) legend\n")
    assert rc == 0, out
    lines = out.splitlines()
    k = lines.index("Two models")
    assert "First model" in lines[k + 1] and "Second model" in lines[k + 1]
    assert lines[k + 2].split()[:3] == ["x", "1.500**", "0.250"] and "* p<0.05" in out
    monkeypatch.chdir(tmp_path)
    rc, out, s = do(fits + "estout m1 m2 using t.txt, cells(b(star fmt(3)) se(fmt(3) par)) legend style(tex) replace\n")
    assert rc == 0, out
    text = (tmp_path / "t.txt").read_text()
    assert "tabular" not in text and "\\sym" not in text and "\\_cons" in text
    assert any(ln.startswith("x ") and ln.rstrip().endswith("\\\\") and "1.500**" in ln for ln in text.splitlines())
    for bad in ("style(latex)", "collabels(b se, lhs(x))", 'prehead("@note")', "mlabels(, prefix)"):
        assert do(fits + f"estout m1 m2, {bad}")[0] == 198, bad
