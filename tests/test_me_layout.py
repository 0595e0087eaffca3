"""Stata 13's layout of the me commands' output (``render/glmm_display.py``), on generated data.

Header: title left, ``Number of obs      =`` at column 49 with values ending at column
78; ``Group variable:`` with its name ending at column 31; ``Obs per group: min =``;
``Integration method: mvaghermite`` beside ``Integration points =``; Wald chi2 and
the log likelihood.  Table: 78 columns, the name column 12 wide then `` |``; the random
effects inside it (``level        |`` then right-aligned ``var(_cons)|`` rows with no z
and P), covariances in their own block with z and P, a label wider than the name column
wrapped after its comma, a nested level's label longer than the column split at ``>``;
``/cut1`` rows; ``Odds Ratio``/``IRR``/``exp(b)`` headings;
the offset row; ``LR test vs. logistic regression: chibar2(01) = ... Prob>=chibar2 =``.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _binary_data(seed=3, n_groups=30, size=12):
    rng = np.random.default_rng(seed)
    g = np.repeat(np.arange(1, n_groups + 1), size)
    x = rng.normal(size=g.size)
    urbanity = rng.normal(size=g.size)
    u = rng.normal(0, 0.8, n_groups)[g - 1]
    s = rng.normal(0, 0.5, n_groups)[g - 1]
    y = (rng.random(g.size) < 1 / (1 + np.exp(-(-0.2 + 0.7 * x + u + s * urbanity)))).astype(float)
    cls = (np.arange(g.size) % 3) + 1
    cnt = rng.poisson(np.exp(0.3 + 0.4 * x + u))
    ordinal = np.clip(np.round(1.5 + x + u + rng.logistic(size=g.size) * 0.7), 0, 4) + 1
    return pd.DataFrame({"y": y, "x": x, "urbanity": urbanity, "school": g, "class": cls, "count": cnt,
                         "grade": ordinal, "expo": rng.uniform(1, 3, g.size)})


@pytest.fixture(scope="module")
def data():
    return _binary_data()


def _fit(do, data, text):
    rc, out, session = do(text, data.copy())
    assert rc == 0, out
    return out.split("\n"), session


def test_header_columns(do, data):
    lines, _ = _fit(do, data, "melogit y x || school:, nolog")
    k = next(i for i, ln in enumerate(lines) if ln.startswith("Mixed-effects logistic regression"))
    head = lines[k:k + 12]
    assert head[0] == "Mixed-effects logistic regression".ljust(48) + "Number of obs      =       360"
    assert head[1] == "Group variable:".ljust(25) + "school".ljust(23) + "Number of groups   =        30"
    assert head[2] == ""
    assert head[3] == " " * 48 + "Obs per group: min =        12"
    assert head[4] == " " * 48 + "               avg =      12.0"
    assert head[5] == " " * 48 + "               max =        12"
    assert head[6] == ""
    assert head[7] == "Integration method: mvaghermite".ljust(48) + "Integration points =         7"
    assert head[8] == ""
    assert head[9].startswith(" " * 48 + "Wald chi2(1)       =") and len(head[9]) == 78
    assert head[10].startswith("Log likelihood = ") and head[10][48:].startswith("Prob > chi2        =")
    assert head[11] == "-" * 78


def test_random_effects_rows_inside_the_coefficient_table(do, data):
    lines, _ = _fit(do, data, "melogit y x || school:, nolog")
    top = next(i for i, ln in enumerate(lines) if ln == "-" * 78)
    table = lines[top:]
    assert table[1] == "           y |      Coef.   Std. Err.      z    P>|z|     [95% Conf. Interval]"
    assert table[2] == "-" * 13 + "+" + "-" * 64
    k = table.index("school       |")
    assert table[k - 1] == "-" * 13 + "+" + "-" * 64
    var = table[k + 1]
    assert var.startswith("   var(_cons)|") and len(var) == 78
    assert var[36:53].strip() == ""  # no z, no P
    assert table[k + 2] == "-" * 78
    lr = table[k + 3]
    assert lr.startswith("LR test vs. logistic regression: chibar2(01) = ") and " Prob>=chibar2 = " in lr
    # every numeric row ends at column 78, as the coefficient rows do
    xrow = next(ln for ln in table if ln.startswith("           x |"))
    assert len(xrow) == 78 and xrow.index("|") == var.index("|")


def test_covariance_block_with_z_and_p_and_wrapped_label(do, data):
    lines, _ = _fit(do, data, "melogit y x || school: urbanity, covariance(unstructured) intmethod(laplace) nolog")
    k = [i for i, ln in enumerate(lines) if ln == "school       |"]
    assert len(k) == 2  # variances, then covariances
    assert lines[k[0] + 1].startswith("var(urbanity)|") or lines[k[0] + 1].startswith("  var(urban~y)|")
    assert lines[k[0] + 2].startswith("   var(_cons)|")
    assert lines[k[1] + 1] == " cov(urban~y,|"
    row = lines[k[1] + 2]
    assert row.startswith("       _cons)|") and len(row.split("|")[1].split()) == 6 and len(row) == 78
    assert "chi2(3) = " in lines[k[1] + 4] and "Prob > chi2 = " in lines[k[1] + 4]
    assert lines[k[1] + 6] == "Note: LR test is conservative and provided only for reference."


def test_nested_levels_are_labelled_by_their_path(do, data):
    lines, _ = _fit(do, data, "melogit y x || school: || class:, intmethod(laplace) nolog")
    assert "school       |" in lines and "school>class |" in lines
    assert any(ln.strip().startswith("Group Variable |") for ln in lines)
    assert any(ln == "Integration method: laplace".ljust(48) + "Integration points =         1" for ln in lines)


def test_a_nested_label_longer_than_the_name_column_is_split_at_its_path_separator(do, data):
    data = data.rename(columns={"school": "location", "class": "brood"})
    lines, _ = _fit(do, data, "melogit y x || location: || brood:, intmethod(laplace) nolog")
    k = lines.index("location>    |")
    assert lines[k + 1] == "brood        |" and lines[k + 2].startswith("   var(_cons)|")
    assert not any("~" in ln for ln in lines)


def test_level_label_lines_follow_stata_s_equation_header_rule():
    from mlmcli.render.glmm_display import level_label_lines
    assert level_label_lines("school>class", 12) == ["school>class"]
    assert level_label_lines("location>brood", 12) == ["location>", "brood"]
    assert level_label_lines("a>bb>cc>location", 12) == ["a>bb>cc>", "location"]
    assert level_label_lines("region>district>village", 12) == ["region>", "district>", "village"]
    assert level_label_lines("verylongdistrictname", 12) == ["verylongdi~e"]


def test_ordinal_cut_points(do, data):
    lines, _ = _fit(do, data, "meologit grade x || school:, nolog")
    assert lines[next(i for i, ln in enumerate(lines) if ln.startswith("Mixed-effects"))].startswith(
        "Mixed-effects ologit regression")
    cuts = [ln for ln in lines if ln.startswith("       /cut")]
    assert len(cuts) == 4 and all(len(c) == 78 and c[36:53].strip() == "" for c in cuts)
    assert not any(ln.startswith("       _cons |") for ln in lines)
    assert any(ln.startswith("LR test vs. ologit regression: chibar2(01) =") for ln in lines)


@pytest.mark.parametrize("command, option, heading", [
    ("melogit y x", "or", "Odds Ratio"), ("mepoisson count x", "irr", "IRR"),
    ("menbreg count x", "irr", "IRR"), ("mecloglog y x", "eform", "exp(b)"),
    ("meglm y x", "family(bernoulli) eform", "exp(b)")])
def test_eform_headings(do, data, command, option, heading):
    lines, session = _fit(do, data, f"{command} || school:, {option} nolog")
    head = next(ln for ln in lines if "Std. Err." in ln and "Interval]" in ln)
    assert head[14:25] == heading.rjust(11)
    x = next(ln for ln in lines if ln.startswith("           x |"))
    b = session.e.matrices["b"].values[0, 0]
    assert float(x.split("|")[1].split()[0]) == pytest.approx(np.exp(b), rel=5e-7)


def test_exposure_row_and_nbinomial_header(do, data):
    lines, _ = _fit(do, data, "menbreg count x, exposure(expo) || school:, nolog")
    assert "Overdispersion:            mean" in lines
    assert "    ln(expo) |          1  (exposure)" in lines
    assert any(ln.startswith("    /lnalpha |") for ln in lines)
    lines, _ = _fit(do, data, "mepoisson count x, offset(expo) || school:, nolog")
    assert "        expo |          1  (offset)" in lines


def test_meglm_header_names_family_and_link(do, data):
    lines, _ = _fit(do, data, "meglm count x || school:, family(poisson) link(log) nolog")
    k = next(i for i, ln in enumerate(lines) if ln.startswith("Mixed-effects GLM"))
    assert lines[k + 1] == "Family:                 Poisson"  # as a Stata 13 log prints it (mx88)
    assert lines[k + 2] == "Link:                       log"


def test_iteration_log_phases(do, data):
    lines, _ = _fit(do, data, "melogit y x || school:")
    heads = [ln for ln in lines if ln.endswith(":") and ln.startswith(("Fitting", "Refining"))]
    assert heads == ["Fitting fixed-effects model:", "Refining starting values:", "Fitting full model:"]
    assert any(ln.startswith("Grid node 0:   log likelihood = ") for ln in lines)
    assert any(ln.startswith("Iteration 0:   log likelihood = ") for ln in lines)


def test_display_options_and_replay(do, data):
    lines, session = _fit(do, data, "melogit y x || school:, nolog noheader nolrtest")
    assert not any(ln.startswith("Mixed-effects") for ln in lines)
    assert not any(ln.startswith("LR test") for ln in lines)
    rc, out, _ = do("melogit, notable level(90)", session=session)
    assert rc == 0 and "Mixed-effects logistic regression" in out and "Coef." not in out
    rc, out, _ = do("melogit, or", session=session)
    assert rc == 0 and "Odds Ratio" in out
    rc, out, _ = do("melogit, level(90)", session=session)
    assert "[90% Conf. Interval]" in out
    rc, out, _ = do("melogit, intpoints(3)", session=session)
    assert rc == 198 and "option intpoints not allowed" in out


def test_robust_header_and_no_lr_test(do, data):
    lines, _ = _fit(do, data, "melogit y x || school:, vce(robust) nolog")
    assert any(ln.startswith("Log pseudolikelihood = ") for ln in lines)
    assert "(Std. Err. adjusted for 30 clusters in school)".rjust(78) in lines
    assert not any(ln.startswith("LR test") for ln in lines)
