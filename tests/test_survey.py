"""svyset, svydescribe and the svy: prefix (linearized): numbers against R's survey package
(tests/survey_reference/survey_reference.R -> values.csv), layout against Stata 13's published
output, errors against Stata's messages."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

REF = Path(__file__).resolve().parent / "survey_reference"


def _reference() -> dict:
    out: dict = {}
    with open(REF / "values.csv") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["case"], {})[row["name"]] = (float(row["estimate"]), float(row["se"]), int(row["df"]))
    return out


@pytest.fixture(scope="module")
def design_frame():
    import pandas as pd

    return pd.read_csv(REF / "design.csv")


def _check(e, case: str, reference: dict, rel: float = 1e-6) -> None:
    coefs = e.coefficients()
    expect = reference[case]
    for name, (est, se, df) in expect.items():
        # logit's, probit's and poisson's e(b) carry the depvar as equation (Stata's)
        j = next(k for k, full in enumerate(coefs.names)
                 if full == name or (":" not in name and full.endswith(":" + name)))
        assert coefs.b[j] == pytest.approx(est, rel=rel, abs=1e-10), (case, name)
        assert np.sqrt(coefs.V[j, j]) == pytest.approx(se, rel=max(rel, 1e-5)), (case, name)
    assert e.scalars["df_r"] == next(iter(expect.values()))[2] or case.startswith("hsb_subpop")


CASES = [
    ("mean", "svy: mean y x"),
    ("total", "svy: total y"),
    ("ratio", "svy: ratio y/x"),
    ("proportion", "generate o = 1 + (y > 2.5) + (y > 4)\nsvy: proportion o"),
    ("regress", "svy: regress y x i.g"),
    ("logit", "svy: logit b x i.g"),
    ("probit", "svy: probit b x"),
    ("poisson", "svy: poisson c x i.g"),
    ("ologit", "generate o = 1 + (y > 2.5) + (y > 4)\nsvy: ologit o x g"),
    ("oprobit", "generate o = 1 + (y > 2.5) + (y > 4)\nsvy: oprobit o x g"),
    ("cloglog", "svy: cloglog b x i.g"),
    ("nbreg", "svy: nbreg c x i.g"),
    ("mlogit", "generate o = 1 + (y > 2.5) + (y > 4)\nsvy: mlogit o x i.g"),
    ("subpop_mean", "svy, subpop(g): mean y"),
    ("over_mean", "svy: mean y, over(g)"),
    ("subpop_regress", "svy, subpop(if g == 1): regress y x"),
]


@pytest.mark.parametrize("case,line", CASES)
def test_against_r_survey(do, design_frame, case, line):
    rc, out, s = do(f"keep if stratum < 6\nsvyset psu [pw=w], strata(stratum)\n{line}\n", df=design_frame)
    assert rc == 0, out
    _check(s.e, case, _reference(), rel=2e-4 if case in ("ologit", "oprobit") else 1e-6)  # svyolr: optim's


@pytest.mark.parametrize("case,line", [("fpc_mean", "svy: mean y"), ("fpc_regress", "svy: regress y x")])
def test_fpc_against_r_survey(do, design_frame, case, line):
    rc, out, s = do(f"keep if stratum < 6\nsvyset psu [pw=w], strata(stratum) fpc(fpc)\n{line}\n", df=design_frame)
    assert rc == 0, out
    _check(s.e, case, _reference())


@pytest.mark.parametrize("rule", ["certainty", "scaled", "centered"])
def test_single_unit_rules_against_r(do, design_frame, rule):
    rc, out, s = do(f"svyset psu [pw=w], strata(stratum) singleunit({rule})\nsvy: mean y\n", df=design_frame)
    assert rc == 0, out
    _check(s.e, f"lonely_{rule}_mean", _reference())
    rc, out, s = do("svy: regress y x\n", session=s)
    assert rc == 0, out
    _check(s.e, f"lonely_{rule}_regress", _reference())


def test_single_unit_missing_is_stata_note(do, design_frame):
    rc, out, s = do("svyset psu [pw=w], strata(stratum)\nsvy: mean y\n", df=design_frame)
    assert rc == 0
    assert "Note: missing standard errors because of stratum with single sampling unit." in out
    assert np.isnan(s.e.coefficients().V[0, 0])
    assert s.e.scalars["singleton"] == 1


def test_hsb_school_as_psu(do, shared_dir):
    path = shared_dir / "data" / "hsb.dta"
    if not path.exists():
        pytest.skip("hsb.dta absent")
    ref = _reference()
    rc, out, s = do(f"use {path}\nsvyset school\nsvy: mean mathach ses\n")
    assert rc == 0, out
    _check(s.e, "hsb_mean", ref)
    rc, out, s = do("svy: regress mathach ses i.minority\n", session=s)
    _check(s.e, "hsb_regress", ref)
    rc, out, s = do("svy, subpop(female): logit minority ses\n", session=s)
    _check(s.e, "hsb_subpop_logit", ref)
    assert s.e.scalars["df_r"] == 159  # Stata: the full sample's PSUs less strata (R's degf: 140)


def test_svyset_display_store_replay_and_save(do, design_frame, tmp_path):
    rc, out, s = do("svyset psu [pweight=w], strata(stratum) fpc(fpc)\n", df=design_frame)
    assert rc == 0
    assert out == ("\n      pweight: w\n          VCE: linearized\n  Single unit: missing\n"
                   "     Strata 1: stratum\n         SU 1: psu\n        FPC 1: fpc\n")
    assert s.data.chars["_svy_strata1"] == "stratum" and s.data.chars["_svy_su1"] == "psu"
    assert s.data.chars["_svy_wtype"] == "pweight" and s.data.chars["_svy_wvar"] == "w"
    assert "_svy_vce" not in s.data.chars and "_svy_singleunit" not in s.data.chars  # only when typed
    assert s.r["settings"] == "psu [pweight= w], strata(stratum) fpc(fpc) singleunit(missing) vce(linearized)"
    file = tmp_path / "d.dta"
    rc, out2, s = do(f'save "{file}"\nuse "{file}", clear\nsvyset\n', session=s)
    assert rc == 0 and out2.endswith(out)
    rc, out3, s = do("svyset, clear\nsvyset\n", session=s)
    assert out3 == "no survey characteristics are set\n"


def test_svyset_without_psu_and_errors(do, design_frame):
    rc, out, s = do("svyset [pw=w]\n", df=design_frame)
    assert "SU 1: <observations>" in out and "Strata 1: <one>" in out
    for line, message, code in [
        ("svyset", "psuid required", 198),  # placeholder replaced below
    ][:0]:
        pass
    cases = [("svyset nosuch", "nosuch invalid psu variable name", 111),
             ("svyset psu, singleunit(bad)", "option singleunit() invalid", 198),
             ("svyset psu [fw=w]", "fweights not allowed", 101),
             ("svyset psu, vce(bootstrap)", "not supported by mlmcli", 198)]
    for line, message, code in cases:
        rc, out, s = do(line + "\n", session=s)
        assert rc == code and message in out, (line, out)
    rc, out, s = do("svyset\n", session=s)  # a failing svyset keeps the settings
    assert "pweight: w" in out


def test_multistage_parsed_note_and_estimated(do, design_frame):
    rc, out, s = do("svyset stratum || psu\n", df=design_frame)
    assert "Note: Stage 1 is sampled with replacement; further stages will be ignored" in out
    assert "SU 2" not in out
    rc, out, s = do("svyset stratum, fpc(fpc) || psu, strata(g)\n", session=s)
    assert "Strata 2: g" in out and "SU 2: psu" in out
    rc, out, s = do("svy: mean y\n", session=s)  # fpc() differs within the one stage-1 stratum
    assert rc == 462 and "fpc for all observations within a stratum must be the same" in out
    rc, out, s = do("keep if stratum < 6\nsvyset psu, strata(stratum) fpc(fpc) || _n, strata(g)\nsvy: mean y\n",
                    session=s)  # two stages (tests/test_survey_multistage.py)
    assert rc == 0 and s.e.scalars["stages"] == 2 and s.e.macros["strata2"] == "g"


def test_svy_header_and_table_layout(do, design_frame):
    rc, out, s = do("keep if stratum < 6\nsvyset psu [pw=w], strata(stratum)\nsvy: regress y x\n", df=design_frame)
    lines = out.splitlines()
    i = lines.index("Survey: Linear regression")
    assert lines[i - 2] == "(running regress on estimation sample)"
    assert lines[i + 2].startswith("Number of strata   =         5                  Number of obs      =       ")
    assert lines[i + 5].startswith(" " * 48 + "F(   1,     12)    =")
    assert "             |             Linearized" in lines
    assert len(lines[i + 2]) == 78
    rc, out, s = do("svy: mean y\n", session=s)
    lines = out.splitlines()
    i = lines.index("Survey: Mean estimation")
    assert lines[i + 2].startswith("Number of strata =       5")
    assert all(len(x) == 62 for x in lines[i + 2:i + 5])
    assert "             |       Mean   Std. Err.     [95% Conf. Interval]" in lines


def test_ologit_cutpoints_below_a_plus_rule(do, design_frame):
    rc, out, s = do("keep if stratum < 6\ngenerate o = 1 + (y > 2.5) + (y > 4)\nsvyset psu [pw=w], strata(stratum)\n"
                    "svy: ologit o x g\n", df=design_frame)
    assert rc == 0, out
    lines = out.splitlines()
    i = next(k for k, line in enumerate(lines) if line.startswith("       /cut1 |"))
    assert lines[i - 1] == "-" * 13 + "+" + "-" * 64
    assert lines[i][13:].split() and lines[i][38:55].strip() == ""  # no t and P for a cutpoint
    assert "Survey: Ordered logistic regression" in lines


def test_proportion_labelled_levels_and_legend(do, design_frame):
    rc, out, s = do("keep if stratum < 6\nlabel define gl 0 \"none\" 1 \"some\"\nlabel values g gl\n"
                    "svyset psu [pw=w], strata(stratum)\nsvy: proportion g c\n", df=design_frame)
    assert rc == 0, out
    lines = out.splitlines()
    assert "      _prop_1: g = none" in lines and "      _prop_2: g = some" in lines
    assert "g            |" in lines and "c            |" in lines
    assert "     _prop_1 |" in out and "           0 |" in out
    assert s.e.coefficients().names[:3] == ("g:_prop_1", "g:_prop_2", "c:0")
    b = s.e.coefficients().b
    assert b[0] + b[1] == pytest.approx(1.0)


def test_command_options_honoured_or_refused(do, design_frame):
    rc, out, s = do("svyset psu [pw=w]\nregress y x [pw=w], noconstant\n", df=design_frame)
    r2 = s.e.scalars["r2"]
    rc, out, s = do("svy: regress y x, noconstant level(90)\n", session=s)
    assert rc == 0, out
    assert s.e.scalars["r2"] == pytest.approx(r2)  # uncentred, as regress's
    assert "[90% Conf. Interval]" in out
    rc, out, s = do("svy: regress y x, beta\n", session=s)
    assert rc == 198 and "option beta is not supported by mlmcli" in out
    rc, out, s = do("svy: logit b x, coeflegend\n", session=s)  # cformat() is honoured since cf102
    assert rc == 198


def test_noheader_notable_nolegend(do, design_frame):
    rc, out, s = do("svyset psu [pw=w]\nsvy, noheader: mean y\n", df=design_frame)
    assert "Survey: Mean estimation" not in out and "Linearized" in out
    rc, out, s = do("svy, notable: mean y\n", session=s)
    assert "Survey: Mean estimation" in out and "Linearized" not in out
    rc, out, s = do("svy, nolegend: ratio y/x\n", session=s)
    assert "_ratio_1: y/x" not in out and "_ratio_1 |" in out


def test_subpop_strata_without_members_are_omitted(do, design_frame):
    # the single-PSU stratum 6 outside the subpopulation: no missing SE, its note instead, and
    # the same numbers as the design without it (R's reference "mean")
    rc, out, s = do("svyset psu [pw=w], strata(stratum)\nsvy, subpop(if stratum < 6): mean y\n", df=design_frame)
    assert rc == 0, out
    assert "Note: 1 stratum omitted because it contains no subpopulation members." in out
    assert s.e.scalars["N_strata_omit"] == 1 and s.e.scalars["df_r"] == 12
    _check(s.e, "subpop_omitted", {"subpop_omitted": {"y": _reference()["mean"]["y"]}})


# UCLA's "How do I analyze survey data with a systematic sample design?" (Lehtonen and Pahkinen,
# Table 2.6): the data, svyset as the page does
UCLA_SYSTEMATIC = ("clear\ninput id str clu wt ue91 lab91\n1 1 1 4 4123 33786\n2 1 5 4 721 4930\n"
                   "3 2 9 4 194 2069\n4 2 13 4 129 927\n5 2 17 4 239 2144\n6 2 21 4 61 573\n7 2 25 4 262 1737\n"
                   "8 2 29 4 166 1615\nend\ngenerate fpc1 = 8/32\nsvyset clu [pweight=wt], strata(str) fpc(fpc1)\n")


def test_total_with_fpc_rate_as_stata_printed(do):
    # UCLA's "How do I analyze survey data with a systematic sample design?" (Lehtonen and
    # Pahkinen, Table 2.6), Stata's printed svy: total: 23580, 11801.49, [-5297.209, 52457.21]
    rc, out, s = do(UCLA_SYSTEMATIC + "svy: total ue91\n")
    assert rc == 0, out
    assert "        ue91 |      23580   11801.49     -5297.209    52457.21" in out.splitlines()
    assert s.e.scalars["df_r"] == 6 and s.e.scalars["N_pop"] == 32
    rc, out, s = do("svy: ratio ue91 lab91\n", session=s)  # [R] ratio: the slash may be left out
    assert rc == 0 and "_ratio_1: ue91/lab91" in out


@pytest.mark.parametrize("kind", ["mean", "total"])
def test_estat_effects_against_r_deff(do, design_frame, kind):
    rc, out, s = do(f"keep if stratum < 6\nsvyset psu [pw=w], strata(stratum)\nsvy: {kind} y x\nestat effects\n",
                    df=design_frame)
    assert rc == 0, out
    deff = s.r["deff"].values.ravel()
    ref = _reference()[f"deff_{kind}"]
    assert deff == pytest.approx([ref["y"][0], ref["x"][0]], rel=1e-6)
    assert s.r["deft"].values.ravel() == pytest.approx(np.sqrt(deff), rel=1e-9)  # no fpc: one SRS variance
    column = ("Mean" if kind == "mean" else "Total").rjust(5)
    assert "             |      " + column + "   Std. Err.      DEFF       DEFT" in out


def test_mlogit_layout_and_replay(do, design_frame):
    rc, out, s = do("keep if stratum < 6\ngenerate o = 1 + (y > 2.5) + (y > 4)\nsvyset psu [pw=w], strata(stratum)\n"
                    "svy: mlogit o x i.g\n", df=design_frame)
    assert rc == 0, out
    lines = out.splitlines()
    assert "Survey: Multinomial logistic regression" in lines
    assert "                                                F(   4,      9)    =      9.43" in lines
    assert "2            |  (base outcome)" in lines and "           o |      Coef.   Std. Err.      t    P>|t|" \
        "     [95% Conf. Interval]" in lines
    assert s.e.scalars["df_r"] == 12 and s.e.macros["prefix"] == "svy" and "ll" not in s.e.scalars
    rc, out2, s = do("svy\n", session=s)
    assert rc == 0 and out2.splitlines()[-12:] == lines[-12:]


def test_nbreg_alpha_row(do, design_frame):
    rc, out, s = do("keep if stratum < 6\nsvyset psu [pw=w], strata(stratum)\nsvy: nbreg c x i.g\n", df=design_frame)
    assert rc == 0, out
    lines = out.splitlines()
    k = next(i for i, ln in enumerate(lines) if ln.startswith("    /lnalpha |"))
    b = s.e.coefficients()
    j = list(b.names).index("lnalpha:_cons")
    alpha, se = np.exp(b.b[j]), np.exp(b.b[j]) * np.sqrt(b.V[j, j])
    assert lines[k + 1] == "-------------+" + "-" * 64
    assert lines[k + 2].startswith("       alpha |") and f"{alpha:.7f}"[1:8] in lines[k + 2]
    assert float(lines[k + 2].split()[3]) == pytest.approx(se, rel=1e-5)
    assert "Survey: Negative binomial regression" in out
    rc, out90, s = do("svy, level(90)\n", session=s)  # the /lnalpha and alpha intervals at 90%
    row = next(ln for ln in out90.splitlines() if ln.startswith("    /lnalpha |")).split()
    lo, q = float(row[4]), float(np.sqrt(b.V[j, j]))
    from mlmcli import distributions as stats

    assert lo == pytest.approx(b.b[j] - stats.t.ppf(0.95, 12) * q, rel=1e-5)


def test_estat_effects_srssubpop_against_r_subset_deff(do, design_frame):
    rc, out, s = do("keep if stratum < 6\nsvyset psu [pw=w], strata(stratum)\nsvy, subpop(g): mean y x\n"
                    "estat effects, srssubpop\n", df=design_frame)
    assert rc == 0, out
    ref = _reference()["srssub_deff_mean"]  # R: deff of svymean on subset(design, g == 1)
    assert s.r["deff"].values.ravel() == pytest.approx([ref["y"][0], ref["x"][0]], rel=1e-6)
    rc, out, s = do("estat effects\n", session=s)  # whole-sample SRS: other values
    assert not np.allclose(s.r["deff"].values.ravel(), [ref["y"][0], ref["x"][0]])
    rc, out, s = do("svy, subpop(g): regress y x\nestat effects, srssubpop\n", session=s)
    assert rc == 0 and "V_srssub" in s.e.matrices
    rc, out, s = do("svy: mean y\nestat effects, srssubpop\n", session=s)
    assert rc == 198 and "option srssubpop requires subpopulation estimation results" in out


def test_estat_effects_with_fpc_as_stata_printed(do):
    # the UCLA log above: estat effects after svy: total ue91 printed DEFF .758641, DEFT .754308
    rc, out, s = do(UCLA_SYSTEMATIC + "svy: total ue91\nestat effects\n")
    assert rc == 0, out
    assert "        ue91 |      23580   11801.49    .758641    .754308" in out.splitlines()
    assert "Note: Weights must represent population totals for deff to be correct when using an FPC;" in out
    rc, out, s = do("estat svyset\n", session=s)
    assert "FPC 1: fpc1" in out
    rc, out, s = do("regress ue91 wt\nestat effects\n", session=s)
    assert rc == 321


def test_perfect_predictor_rows_leave_the_sample_and_predict_works(do, design_frame):
    rc, out, s = do("keep if stratum < 6\ngenerate pp = cond(stratum == 1, b, 0)\nsvyset psu [pw=w], strata(stratum)\n"
                    "svy: logit b x pp\npredict p1\n", df=design_frame)
    assert rc == 0, out
    assert "pp dropped and 13 obs not used" in out
    assert s.e.scalars["N"] == 206 - 13
    assert "Number of obs      =       193" in out


def test_over_legend_and_table(do, design_frame):
    rc, out, s = do("keep if stratum < 6\nlabel define gl 0 \"none\" 1 \"two words\"\nlabel values g gl\n"
                    "svyset psu [pw=w], strata(stratum)\nsvy: mean y x, over(g)\ntest [y]none = [y]_subpop_2\n",
                    df=design_frame)
    assert rc == 0, out
    lines = out.splitlines()
    assert "         none: g = none" in lines and "    _subpop_2: g = two words" in lines
    assert "        Over |       Mean   Std. Err.     [95% Conf. Interval]" in lines
    assert "y            |" in lines and "x            |" in lines
    assert s.e.macros["over"] == "g" and s.e.macros["over_namelist"] == "none _subpop_2"


def test_svy_errors(do, design_frame):
    rc, out, s = do("svy: mean y\n", df=design_frame)
    assert rc == 119 and "data not set up for svy, use svyset" in out
    rc, out, s = do("svyset psu\nsvy: xtreg y x\n", session=s)
    assert rc == 322 and "xtreg is not supported by svy with vce(linearized)" in out
    rc, out, s = do("svy: stcox x\n", session=s)  # svy takes stcox in Stata; mlm does not compute it
    assert rc == 199 and "not supported by mlmcli" in out
    rc, out, s = do("svy: regress y x [pw=w]\n", session=s)
    assert rc == 101
    rc, out, s = do("svy: regress y x, vce(robust)\n", session=s)
    assert rc == 198


def test_postestimation_after_svy(do, design_frame):
    rc, out, s = do("keep if stratum < 6\nsvyset psu [pw=w], strata(stratum)\nsvy: regress y x i.g\n"
                    "test x\nlincom x + 1.g\nestimates store a\n", df=design_frame)
    assert rc == 0, out
    assert s.e.macros["prefix"] == "svy" and s.e.macros["vce"] == "linearized"
    assert s.e.scalars["N_strata"] == 5 and s.e.scalars["N_psu"] == 17
    # test's F on (1, df_r) of the design: t^2
    coefs = s.e.coefficients()
    j = coefs.names.index("x")
    t = coefs.b[j] / np.sqrt(coefs.V[j, j])
    assert f"{t * t:.2f}" in out


def test_svydescribe(do, design_frame):
    rc, out, s = do("svyset psu [pw=w], strata(stratum)\nsvydescribe\n", df=design_frame)
    assert rc == 0, out
    assert "Survey: Describing stage 1 sampling units" in out
    assert "       6         1*" in out  # the single-unit stratum starred
    assert s.r["N_strata"] == 6 and s.r["N_units"] == 18 and s.r["N_single"] == 1


@pytest.mark.parametrize("design", ["svyset _n", "svyset, srs"])
def test_observations_as_psus_without_strata_or_psu_variable(do, design):
    """No variable in the design (``_n`` or ``srs``): each observation its own PSU (was an
    internal error: the design's rows were counted from its variables); the linearized V of a
    mean is then s^2/n."""
    frame = {"a": np.arange(50) % 3, "y": np.sin(np.arange(50.0))}
    import pandas as pd

    rc, out, s = do(f"{design}\nsvy: regress y i.a\nsvy: mean y", df=pd.DataFrame(frame))
    assert rc == 0 and "Number of PSUs     =        50" in out, out
    y = frame["y"]
    assert s.e.scalars["N_psu"] == 50 and s.e.scalars["df_r"] == 49
    assert abs(np.sqrt(s.e.matrices["V"].values[0, 0]) - y.std(ddof=1) / np.sqrt(50)) < 1e-12


def test_mean_over_two_variables_is_over_their_combinations(do, design_frame):
    """over(g h): each combination present a domain, named _subpop_# in ascending order (the
    names a published replication file's lincom uses, heldout/anon-tess-polarization); the
    estimates and their variance those of over() on one variable coding the combinations."""
    rc, out, s = do("keep if stratum < 6\nsvyset psu [pw=w], strata(stratum)\ngenerate h = x > 0\negen gh = group(g h)\n"
                    "svy: mean y, over(gh)\nmatrix b1 = e(b)\nmatrix V1 = e(V)\nsvy: mean y, over(g h)\n",
                    df=design_frame)
    assert rc == 0, out
    b1, V1 = s.matrices["b1"], s.matrices["V1"]
    b = s.e.matrices["b"]
    assert b.colnames == tuple(f"y:_subpop_{k}" for k in range(1, len(b.colnames) + 1))
    assert np.allclose(b.values, b1.values)
    assert np.allclose(s.e.matrices["V"].values, V1.values, equal_nan=True)
    assert s.e.macros["over"] == "g h" and "    _subpop_1: g h = " in out
    rc, out, s = do("lincom [y]_subpop_1 - [y]_subpop_2\n", session=s)
    assert rc == 0, out


def test_model_replay_with_or_under_svy(do, design_frame):
    """svy: logit, or -- svy.ado's replay of the last svy results with the command's options;
    r(301) when the last results are not svy: logit's."""
    rc, out, s = do("svyset psu [pw=w], strata(stratum)\ngenerate yb = y > 3\nsvy: logit yb x\n"
                    "svy: logit, or\n", df=design_frame)
    assert rc == 0, out
    b = s.e.coefficients()
    j = list(b.names).index("yb:x")
    row = next(ln for ln in out.splitlines()[::-1] if ln.startswith("           x |")).split()
    assert float(row[2]) == pytest.approx(np.exp(b.b[j]), rel=1e-6)
    last = out[out.rindex("Odds Ratio"):]
    assert not any(ln.startswith("       _cons |") for ln in last.splitlines())
    rc, out, s = do("svy: probit, or\n", session=s)
    assert rc == 301, out
    rc, out, s = do("logit yb x\nsvy: logit, or\n", session=s)
    assert rc == 301, out
