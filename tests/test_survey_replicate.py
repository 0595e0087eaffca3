"""svy's replication methods (BRR, Fay's BRR, jackknife, SDR): numbers against R's survey
package (tests/survey_reference/replicate_reference.R -> replicate_values.csv, on the replicate
weights it wrote to replicate_design.csv), the header and table against a published Stata log
of svy with jackknife replicate weights, svyset's options and errors against svyset.ado."""
from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

REF = Path(__file__).resolve().parent / "survey_reference"
JK_STRATA = (REF / "replicate_jk_strata.txt").read_text().split()


def _reference() -> dict:
    out: dict = {}
    with open(REF / "replicate_values.csv") as f:
        for row in csv.DictReader(f):
            out.setdefault(row["case"], {})[row["name"]] = (float(row["estimate"]), float(row["se"]))
    return out


@pytest.fixture(scope="module")
def frame():
    import pandas as pd

    return pd.read_csv(REF / "replicate_design.csv")


def _check(e, case: str, rel: float = 1e-6) -> None:
    coefs = e.coefficients()
    expect = _reference()[case]
    assert expect
    for name, (est, se) in expect.items():
        j = next(k for k, full in enumerate(coefs.names)
                 if full == name or (":" not in name and full.endswith(":" + name)))
        assert coefs.b[j] == pytest.approx(est, rel=rel, abs=1e-10), (case, name)
        assert np.sqrt(coefs.V[j, j]) == pytest.approx(se, rel=rel), (case, name)


SETTINGS = {
    "brr": ("svyset [pw=w], brrweight(brr*) vce(brr)", 7),
    "brr_mse": ("svyset [pw=w], brrweight(brr*) vce(brr) mse", 7),
    "fay": ("svyset [pw=w], brrweight(fay*) fay(.5) vce(brr)", 7),
    "sdr": ("svyset [pw=w], sdrweight(sdr*) vce(sdr)", 3),
    "sdr_mse": ("svyset [pw=w], sdrweight(sdr*) vce(sdr) mse", 3),
    "jk1": ("svyset [pw=w], jkrweight(jko*) vce(jackknife)", 16),
    "jkn_mse": ("svyset psu [pw=w], strata(stratum) vce(jackknife) mse", 12),
    "jkn": ("svyset psu [pw=w], strata(stratum) vce(jackknife)", 12),
}
COMMANDS = {"mean": "svy: mean y x", "total": "svy: total y", "ratio": "svy: ratio y/x",
            "regress": "svy: regress y x", "logit": "svy: logit b x", "probit": "svy: probit b x",
            "poisson": "svy: poisson c x"}
CASES = [(method, command) for method in SETTINGS for command in COMMANDS
         if f"{method}_{command}" in _reference()]


@pytest.mark.parametrize("method,command", CASES)
def test_against_r_survey(do, frame, method, command):
    setting, df = SETTINGS[method]
    rc, out, s = do(f"{setting}\n{COMMANDS[command]}\n", df=frame)
    assert rc == 0, out
    _check(s.e, f"{method}_{command}")
    assert s.e.scalars["df_r"] == df
    assert s.e.macros["vce"] == {"b": "brr", "f": "brr", "s": "sdr", "j": "jackknife"}[method[0]]


@pytest.mark.parametrize("mse,case", [(" mse", "jkn_mse"), ("", "jkn")])
def test_jackknife_weights_with_strata_match_the_design(do, frame, mse, case):
    """jkrweight(, stratum()) of the design's delete-one-PSU weights = the design's jackknife."""
    rc, out, s = do(f"svyset [pw=w], jkrweight(jk1-jk17, stratum({' '.join(JK_STRATA)})) vce(jackknife){mse}\n"
                    "svy: mean y x\n", df=frame)
    assert rc == 0, out
    _check(s.e, f"{case}_mean")
    assert s.e.scalars["N_strata"] == 5 and s.e.scalars["df_r"] == 12 and "N_psu" not in s.e.scalars
    assert "Number of strata =       5" in out and "Number of PSUs" not in out


def test_prefix_names_the_method(do, frame):
    rc, out, s = do("svyset psu [pw=w], strata(stratum)\nsvy jackknife, mse: mean y x\n", df=frame)
    assert rc == 0, out
    _check(s.e, "jkn_mse_mean")
    assert s.e.macros["mse"] == "mse"
    rc, out, s = do("svyset psu [pw=w], strata(stratum)\nsvy, vce(jackknife, mse): regress y x\n", df=frame)
    assert rc == 0, out
    _check(s.e, "jkn_mse_regress")


def test_subpopulations(do, frame):
    rc, out, s = do("svyset psu [pw=w], strata(stratum)\nsvy jackknife, mse subpop(g): mean y\n", df=frame)
    assert rc == 0, out
    _check(s.e, "jkn_mse_subpop_mean")
    rc, out, s = do("svyset [pw=w], brrweight(brr*) vce(brr)\nsvy, subpop(g): mean y\n", df=frame)
    assert rc == 0, out
    _check(s.e, "brr_subpop_mean")


def test_skipped_replicates_leave_the_replications_and_the_design_df(do, frame):
    """Deleting a PSU of a stratum without subpopulation members changes no subpopulation
    weight: Stata marks it ``s`` and counts it nowhere (its log: 14 replications, df 14 - 31)."""
    rc, out, s = do("svyset psu [pw=w], strata(stratum)\nsvy jackknife, subpop(if stratum == 1): mean y\n", df=frame)
    assert rc == 0, out
    n1 = frame.loc[frame.stratum == 1, "psu"].nunique()
    assert s.e.scalars["N_reps"] == n1 and s.e.scalars["df_r"] == n1 - 5
    assert "s" * 3 in out.split("Jackknife replications (17)")[1].splitlines()[2]


def test_layout_as_stata(do, frame):
    """A published Stata log of svy with jackknife replicate weights: no PSU line, Replications
    above Design df, Jackknife right-aligned over Std. Err."""
    rc, out, s = do("svyset [pw=w], jkrweight(jko*) vce(jackknife)\nsvy: mean y\n", df=frame)
    assert rc == 0, out
    lines = out.splitlines()
    start = lines.index("Jackknife replications (17)")
    assert lines[start - 1] == ""
    assert lines[start + 1] == "----+--- 1 ---+--- 2 ---+--- 3 ---+--- 4 ---+--- 5 "
    assert lines[start + 2] == "." * 17 + " " * 33 + "    17"
    head = lines.index("Survey: Mean estimation")
    assert lines[head + 2].startswith("Number of strata =       1")
    assert lines[head + 3].strip().startswith("Population size")
    assert lines[head + 4].strip() == "Replications     =        17"  # the values as wide as the widest + 2
    assert lines[head + 5].strip() == "Design df        =        16"
    assert "             |              Jackknife" in lines
    rc, out, s = do("svyset [pw=w], brrweight(brr*) vce(brr)\nsvy, nodots: regress y x\n", df=frame)
    assert rc == 0, out
    assert "BRR replications" not in out
    assert "             |                 BRR" in out.splitlines()  # _coef_table centres it over Std. Err.
    assert any(line.startswith("Number of strata   =         1") and "Number of obs" in line
               for line in out.splitlines())


def test_svyset_stores_and_shows_the_replication_options(do, frame):
    rc, out, s = do("svyset [pw=w], brrweight(fay*) fay(.5) vce(brr) mse dof(5)\nsvyset\n", df=frame)
    assert rc == 0, out
    assert ("          VCE: brr\n          MSE: on\n    brrweight: fay1 .. fay8\n          fay: .5\n"
            "    Design df: 5\n  Single unit: missing") in out
    assert s.r["settings"] == ("_n [pweight= w], brrweight(fay1 fay2 fay3 fay4 fay5 fay6 fay7 fay8) fay(.5) dof(5) "
                               "singleunit(missing) vce(brr) mse")
    assert s.data.chars["_svy_mse"] == "mse" and s.data.chars["_svy_fay"] == "0.5"
    rc, out, s = do("svyset [pw=w], brrweight(fay*) fay(.5) vce(brr) dof(5)\nsvy: mean y\n", df=frame)
    assert rc == 0, out
    assert s.e.scalars["df_r"] == 5 and s.e.scalars["fay"] == 0.5


def test_jkrweight_characteristics(do, frame):
    rc, out, s = do("svyset [pw=w], jkrweight(jko1 jko2, stratum(1 2) multiplier(.5)) vce(jackknife)\n", df=frame)
    assert rc == 0, out
    chars = s.data.chars
    assert chars["jko1[jk_stratum]"] == "1" and chars["jko2[jk_stratum]"] == "2"
    assert chars["jko1[jk_multiplier]"] == ".5" and "jko1[jk_fpc]" not in chars
    rc, out, s = do("svyset [pw=w], jkrweight(jko1 jko2, stratum(1 2))\n"
                    "svyset [pw=w], jkrweight(jko1 jko2, stratum(3))\n", df=frame)
    assert rc == 459
    assert "characteristic jko1[jk_stratum] already exists" in out
    assert s.data.chars["jko1[jk_stratum]"] == "1"
    rc, out, s = do("svyset [pw=w], jkrweight(jko1 jko2 jko3, stratum(1 2))\n", df=frame)
    assert rc == 103


@pytest.mark.parametrize("line,rc,message", [
    ("svyset [pw=w], brrweight(w brr1)", 198, "the brrweight() varlist may not contain pweight variable w"),
    ("svyset [pw=w], brrweight(brr*) fay(1)", 198, "option fay(1) is not allowed"),
    ("svyset [pw=w], brrweight(brr*) fay(3)", 125, "invalid numlist has elements outside of allowed range"),
    ("svyset [pw=w], mse", 198, "invalid vcetype"),
    ("svyset [pw=w], vce(linearized) mse", 198, "option mse is not allowed with vce(linearized)"),
    ("svyset [pw=w], vce(foo)", 198, "option vce(foo) invalid"),
    ("svyset psu [pw=w]\nsvy brr: mean y", 198, "brrweight()"),
    ("svyset psu [pw=w]\nsvy sdr: mean y", 198, "sdrweight()"),
    ("svyset [pw=w], brrweight(brr*) vce(brr)\nsvy: tabulate g", 198, "svy brr: tabulate is not supported"),
    ("svyset [pw=w], brrweight(brr*) vce(brr)\nsvy jackknife (_b[y]*2): mean y", 198, "expression list"),
])
def test_errors(do, frame, line, rc, message):
    code, out, s = do(line + "\n", df=frame)
    assert code == rc, out
    assert message in out


def test_failing_svyset_keeps_the_settings(do, frame):
    rc, out, s = do("svyset [pw=w], brrweight(brr*) vce(brr)\nsvyset [pw=w], brrweight(brr*) fay(1)\n", df=frame)
    assert rc == 198
    assert s.data.chars["_svy_vce"] == "brr" and s.data.chars["_svy_brrweight"].startswith("brr1")


def test_design_jackknife_with_an_fpc(do, frame):
    rc, out, s = do("svyset psu [pw=w], strata(stratum) fpc(fpc)\nsvy jackknife, mse nodots: mean y x\n", df=frame)
    assert rc == 0, out
    _check(s.e, "jkn_fpc_mse_mean")


def test_effects_and_replay_keep_the_method(do, frame):
    rc, out, s = do("svyset [pw=w], brrweight(fay*) fay(.5) vce(brr) mse\nsvy, nodots: logit b x\n"
                    "estat effects\nestat svyset\nsvy\n", df=frame)
    assert rc == 0, out
    assert out.count("             |                 BRR") == 3  # the fit, estat effects, the replay
    assert "          MSE: on\n    brrweight: fay1 .. fay8\n          fay: .5" in out


def test_regress_vce_jackknife_svy_is_svy_jackknife(do, frame):
    """jackknife.ado's svy option: the svyset design's jackknife (regress y x, vce(jackknife, svy))."""
    rc, out, s = do("svyset psu [pw=w], strata(stratum)\nregress y x, vce(jackknife, svy mse nodots)\n", df=frame)
    assert rc == 0, out
    _check(s.e, "jkn_mse_regress")
    assert s.e.macros["prefix"] == "svy" and s.e.macros["vce"] == "jackknife"
    assert s.e.macros["cmdline"] == "regress y x, vce(jackknife, svy mse nodots)"
    assert "FPC 1: <zero>\n(running regress on estimation sample)\n\nSurvey: Linear regression" in out
    rc, out, s = do("svyset psu [pw=w], strata(stratum)\nregress y x, vce(jackknife, svy cluster(psu))\n", df=frame)
    assert rc == 198 and "option cluster() is not allowed with svy" in out
    rc, out, s = do("regress y x, vce(jackknife, svy)\n", df=frame)
    assert rc == 119 and "data not set up for svy, use svyset" in out


def test_design_jackknife_with_a_single_psu_stratum(do):
    """singleunit(missing): missing SEs and the note; certainty: the lonely PSU's replicate is
    skipped, so 17 replicates (mlm's rule, docs/survey.md)."""
    import pandas as pd

    design = pd.read_csv(REF / "design.csv")
    rc, out, s = do("svyset psu [pw=w], strata(stratum)\nsvy jackknife, mse nodots: mean y x\n", df=design)
    assert rc == 0, out
    assert "Note: missing standard errors because of stratum with single sampling unit." in out
    rc, out, s = do("svyset psu [pw=w], strata(stratum) singleunit(certainty)\nsvy jackknife, mse nodots: mean y\n",
                    df=design)
    assert rc == 0, out
    assert np.isfinite(s.e.matrices["V"].values[0, 0]) and s.e.scalars["N_reps"] == 17
