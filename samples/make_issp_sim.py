"""Write the SYNTHETIC demo data for ``samples/handout.do``.

The course handout (``intro-multilevel-modeling``) analyses the ISSP 2003
National Identity module, which is licensed and cannot be shipped.  This script
draws a stand-in with the same structure, so that every command of the handout
runs and gives numbers of the same size.  Nothing in it is real survey data.

Outputs (deterministic: fixed seed, fixed file time stamp):

``samples/data/issp_sim.dta``
    21,790 respondents in the handout's 17 countries, with exactly the
    handout's country codes and sample sizes (value labels on ``cntryid``).

``samples/data/harmonized_sim.dta``
    A small cross-classified file for the handout's last example: respondents
    in countries crossed with survey projects (``T_COUNTRY`` x ``T_SURVEY_NAME``).

Run it with ``python3 samples/make_issp_sim.py [OUTDIR]`` (default: the
``data`` folder next to this script).  Only numpy and pandas are used.

Data-generating model of issp_sim.dta (person i in region k of country j)
------------------------------------------------------------------------
    pbw_ijk = m_j + (f_ij - mean_j f) + (v_k - mean_j v) + (e_ij - mean_j e)

    f_ij = .046 malem + .0018 (agem - 46) + b1_j (EDUCM2 - 11.5)
           + .064 EGP45 + .166 EGP711 - .156 EGP21 + .108 EGP22 + .143 EGP2325
    b1_j = -.014 - .054 weurope_j + u1_j,      u1_j ~ N(0, .00118)
    v_k  ~ N(0, .0275)   (region effect),      e_ij ~ N(0, .730)

* ``m_j`` are the handout's published country means of ``pbw`` (its
  "Group Means" column: d -0.091 ... sk 0.491).  Their variance (ML) is .1399,
  the handout's tau00 = .139 of the null model; each country's sample mean of
  ``pbw`` equals ``m_j`` exactly (the centring terms above see to that).
* The fixed effects are the handout's ANCOVA and cross-level-interaction
  estimates (goldens 06 and 14): education slope -.014 outside and -.068
  inside Western Europe (mean about -.04 with class controls, about -.05
  without), slope variance .0012 around that line (about .002 in all).
* The 17 draws of u1_j are centred within Western and Eastern Europe and
  scaled to variance .00118, so the realised slopes average the true ones.
* sigma^2: e has variance .730; with the region variance and the
  covariates the within-country variance is about .81 (handout: .813).
* Region effects are centred within each country (so the country means
  stay exact), which shrinks their variance: .0275 gives an estimated region
  variance near the handout's .023 (golden 16).
* ``LTIRMA5`` (invented values) was chosen so that regressing ``m_j`` on it
  gives the handout's -.48, and on it and ``weurope`` gives -.175 and -.443
  (goldens 11-13).  ``l2weight`` is the handout's level-2 correction factor
  (population share / sample share; its weighting table).
* ``V342`` (level-1 sampling weight) is a per-country design factor times
  exp(N(0, .3^2)); its mean is about 1.19, not 1, as in the ISSP file.
* Regions: 218 regions in 16 countries; Ireland's respondents have no region
  code, so the three-level models use 16 countries and 20,785 respondents.
  Region codes are ``cntryid*100 + k`` (Germany 251-266, Great Britain
  401-411 with the handout's sizes; Austria's 701 has 41 respondents).

Missing values are placed so that the samples shrink as in the handout:
21,790 (``mixed pbw || cntryid:``) -> 21,741 once ``EDUCM2`` is used
(Germany's OLS has 1,820) -> 21,158 with all ANCOVA covariates (per country
979 .. 2,025) -> 20,161 in the three-level ANCOVA (978 .. 2,025 per country,
5 .. 412 per region; 5 .. 418 and 992 .. 2,058 in the three-level null model).
The script checks all of these before writing.
"""
from __future__ import annotations

import datetime
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20031
TIME_STAMP = datetime.datetime(2003, 1, 1, 0, 0)
HERE = Path(__file__).resolve().parent

# cntryid, label, n, handout country mean of pbw, weurope, LTIRMA5 (invented),
# l2weight (handout's correction factor), mean years of education (invented)
COUNTRIES = [
    (2, "d", 1829, -0.091, 1, 1.30, 1.935664518, 10.9),
    (4, "gb", 1027, -0.005, 1, 0.78, 2.474581699, 11.8),
    (7, "a", 1007, -0.128, 1, 1.27, 0.346525094, 11.2),
    (8, "h", 992, 0.765, 0, 0.08, 0.447192098, 10.8),
    (9, "i", 1091, 0.286, 1, 0.09, 2.273692907, 10.2),
    (10, "irl", 992, -0.803, 1, 1.01, 0.157457081, 12.4),
    (11, "nl", 2058, -0.189, 1, 0.11, 0.325757391, 12.6),
    (12, "n", 1487, 0.028, 1, 1.31, 0.127146872, 12.9),
    (13, "s", 1274, -0.177, 1, 0.55, 0.300587292, 12.1),
    (14, "cz", 1106, 0.466, 0, 0.05, 0.405058168, 11.9),
    (15, "slo", 1035, 0.367, 0, 0.43, 0.083376351, 11.4),
    (16, "pl", 1568, 0.014, 0, 0.19, 1.067165727, 10.9),
    (17, "bg", 1099, 0.448, 0, 0.03, 0.331445215, 10.7),
    (18, "rus", 1585, 0.131, 0, 0.16, 4.052995686, 11.6),
    (24, "e", 1221, -0.354, 1, 1.16, 1.392551732, 9.8),
    (25, "lv", 1031, 0.456, 0, 0.48, 0.105823502, 11.8),
    (26, "sk", 1388, 0.491, 0, 0.36, 0.16658306, 11.7),
]

# Respondents per country with EDUCM2 missing (49 in all; Germany 9 -> its OLS n = 1,820)
EDUC_MISSING = {"d": 9, "gb": 3, "a": 2, "i": 4, "n": 3, "s": 2, "cz": 3, "slo": 2, "pl": 5,
                "bg": 4, "rus": 6, "e": 3, "lv": 1, "sk": 2}
# Respondents per country missing on any ANCOVA covariate, EDUCM2 included (632 in all)
COVARIATE_MISSING = {"d": 62, "gb": 31, "a": 20, "h": 10, "i": 33, "irl": 8, "nl": 33, "n": 51,
                     "s": 39, "cz": 34, "slo": 32, "pl": 54, "bg": 34, "rus": 54, "e": 37,
                     "lv": 52, "sk": 48}
# Respondents with a missing region code (besides all of Ireland); all have complete covariates
REGION_MISSING = {"lv": 1, "slo": 3, "sk": 4, "e": 5}
N_REGIONS = {"d": 16, "gb": 11, "a": 9, "h": 20, "i": 20, "irl": 26, "nl": 12, "n": 19, "s": 21,
             "cz": 14, "slo": 12, "pl": 16, "bg": 9, "rus": 9, "e": 17, "lv": 5, "sk": 8}
# Region sizes the handout prints (golden 15) and the extremes of golden 16
FIXED_REGION_SIZES = {
    "d": [69, 31, 153, 9, 345, 106, 86, 165, 220, 22, 79, 93, 55, 186, 98, 112],
    "gb": [92, 57, 93, 91, 96, 81, 40, 109, 201, 101, 66],
}
FIRST_REGION_CODE = {"d": 251}              # Germany's regions are 251-266
PINNED_REGIONS = {"a": {0: 41}, "i": {1: 5}, "rus": {0: 418}}   # index within country: size
BIG_REGION = ("rus", 0, 6)                  # 418 respondents, 6 of them missing a covariate
NO_REGION_COUNTRY = "irl"

# Level-1 sampling weight: a per-country design factor times individual noise (mean != 1)
WEIGHT_SCALE = {"d": 1.0, "gb": 1.6, "a": 0.8, "h": 1.2, "i": 1.4, "irl": 1.0, "nl": 0.7,
                "n": 1.1, "s": 0.9, "cz": 1.3, "slo": 0.8, "pl": 1.5, "bg": 1.2, "rus": 1.9,
                "e": 1.1, "lv": 0.9, "sk": 1.0}

BETA = {"malem": 0.046, "agem": 0.0018, "EGP45": 0.064, "EGP711": 0.166, "EGP21": -0.156,
        "EGP22": 0.108, "EGP2325": 0.143}
SLOPE_EAST, SLOPE_WEST_SHIFT, SLOPE_VAR = -0.014, -0.054, 0.00118
REGION_VAR, RESID_VAR = 0.0275, 0.730
CLASSES = ["EGP123", "EGP45", "EGP711", "EGP21", "EGP22", "EGP2325"]

VARIABLE_LABELS = {
    "respid": "Respondent id (synthetic)",
    # cntryid and region carry no variable label, as in the handout's file (its
    # fre/tab/tabstat headers show the bare names)
    "pbw": "Anti-immigrant prejudice, z score (SIMULATED)",
    "malem": "Male (1 = male, 0 = female) (SIMULATED)",
    "agem": "Age in years (SIMULATED)",
    "EDUCM2": "Education in years (SIMULATED)",
    "EGP45": "EGP: independents, small employers (SIMULATED)",
    "EGP711": "EGP: manual workers, farmers (SIMULATED)",
    "EGP21": "EGP: students (SIMULATED)",
    "EGP22": "EGP: unemployed (SIMULATED)",
    "EGP2325": "EGP: homemakers, retirees, others (SIMULATED)",
    "weurope": "Western Europe (country level)",
    "LTIRMA5": "Long-term immigration rate, 5-yr average (INVENTED)",
    "V342": "Sampling weight, level 1 (SIMULATED)",
    "l2weight": "Country weight, population/sample share (handout)",
}
DATA_LABEL = "SYNTHETIC stand-in for ISSP 2003 (simulated; not real data)"


def _class_probabilities(age: np.ndarray, educ: np.ndarray, male: np.ndarray,
                         east: int) -> np.ndarray:
    """Multinomial-logit class shares: students young, retirees old, service class educated."""
    util = np.column_stack([
        0.35 * (educ - 12),                                     # EGP123 service, clerical
        np.full(age.shape, -1.3) + 0.3 * male,                  # EGP45 self-employed
        -0.25 * (educ - 12) + 0.6 * male,                       # EGP711 manual
        np.where(age < 26, 2.5 - 0.5 * (age - 18), -6.0),        # EGP21 students
        np.full(age.shape, -1.9) + 0.5 * east,                  # EGP22 unemployed
        0.09 * (age - 58) + 0.7 * (1 - male) - 0.3,             # EGP2325 not in labour force
    ])
    util -= util.max(axis=1, keepdims=True)
    p = np.exp(util)
    return p / p.sum(axis=1, keepdims=True)


def _region_sizes(total: int, k: int, pinned: dict[int, int], rng: np.random.Generator) -> list[int]:
    """k region sizes summing to total: pinned ones as given, the others 12..400 (Dirichlet shares)."""
    free = [i for i in range(k) if i not in pinned]
    rest = total - sum(pinned.values())
    share = rng.dirichlet(np.full(len(free), 2.0))
    sizes = np.maximum(np.floor(share * rest).astype(int), 12)
    sizes = np.minimum(sizes, 400)
    while sizes.sum() != rest:      # move single respondents until the total is exact
        if sizes.sum() < rest:
            sizes[np.argmin(sizes)] += 1
        else:
            sizes[np.argmax(sizes)] -= 1
    out = [0] * k
    for i, s in pinned.items():
        out[i] = s
    for i, s in zip(free, sizes):
        out[i] = int(s)
    return out


def _slope_deviations(rng: np.random.Generator) -> np.ndarray:
    """u1_j: normal draws centred within each weurope group, variance exactly SLOPE_VAR."""
    u = rng.normal(size=len(COUNTRIES))
    west = np.array([spec[4] for spec in COUNTRIES])
    for g in (0, 1):
        u[west == g] -= u[west == g].mean()
    return u * np.sqrt(SLOPE_VAR) / u.std()


def _country(spec: tuple, u1: float, rng: np.random.Generator) -> pd.DataFrame:
    cid, lab, n, mean_pbw, west, ltirma5, l2w, educ_mean = spec
    east = 1 - west
    male = (rng.random(n) < 0.47).astype(float)
    age = np.clip(np.round(rng.normal(46, 17, n)), 18, 92)
    educ = np.clip(np.round(rng.normal(educ_mean - 0.03 * (age - 46), 3.3)), 0, 25)
    probs = _class_probabilities(age, educ, male, east)
    cls = (probs.cumsum(axis=1) > rng.random(n)[:, None]).argmax(axis=1)
    dummies = {c: (cls == i).astype(float) for i, c in enumerate(CLASSES)}

    slope = SLOPE_EAST + SLOPE_WEST_SHIFT * west + u1
    # centred at Europe-wide values, so slopes do not move the country intercepts
    fixed = (BETA["malem"] * male + BETA["agem"] * (age - 46) + slope * (educ - 11.5)
             + sum(BETA[c] * dummies[c] for c in CLASSES[1:]))

    # Regions: every respondent belongs to one (Ireland's codes are withheld below)
    n_missing_region = REGION_MISSING.get(lab, 0)
    k = N_REGIONS[lab]
    if lab in FIXED_REGION_SIZES:
        sizes = FIXED_REGION_SIZES[lab]
    else:
        sizes = _region_sizes(n - n_missing_region, k, PINNED_REGIONS.get(lab, {}), rng)
    region_idx = np.repeat(np.arange(k), sizes)
    # respondents without a region code: drawn into regions too (they live somewhere)
    region_idx = np.concatenate([region_idx, rng.integers(0, k, n_missing_region)])
    order = rng.permutation(n)
    region_idx = region_idx[order]
    has_region_code = np.concatenate([np.ones(n - n_missing_region, bool),
                                      np.zeros(n_missing_region, bool)])[order]
    v = rng.normal(0, np.sqrt(REGION_VAR), k)[region_idx]
    e = rng.normal(0, np.sqrt(RESID_VAR), n)
    pbw = mean_pbw + (fixed - fixed.mean()) + (v - v.mean()) + (e - e.mean())

    first = FIRST_REGION_CODE.get(lab, cid * 100 + 1)
    region = (first + region_idx).astype(float)
    region[~has_region_code] = np.nan
    if lab == NO_REGION_COUNTRY:
        region[:] = np.nan

    weight = WEIGHT_SCALE[lab] * np.exp(rng.normal(0, 0.3, n))
    df = pd.DataFrame({
        "cntryid": cid, "region": region, "pbw": pbw, "malem": male, "agem": age,
        "EDUCM2": educ, **{c: dummies[c] for c in CLASSES[1:]},
        "weurope": west, "LTIRMA5": ltirma5, "V342": np.round(weight, 4), "l2weight": l2w,
    })
    _place_missing(df, lab, sizes, region_idx, has_region_code, rng)
    return df


def _place_missing(df: pd.DataFrame, lab: str, sizes: list[int], region_idx: np.ndarray,
                   has_region_code: np.ndarray, rng: np.random.Generator) -> None:
    """Blank covariates of COVARIATE_MISSING[lab] respondents (in place).

    Never in regions under 20 respondents (the smallest region must stay at 5)
    nor among respondents without a region code; in the 418-respondent region
    exactly 6 (so it has 412 in the three-level ANCOVA).
    """
    n_cov = COVARIATE_MISSING[lab]
    small = np.isin(region_idx, [i for i, s in enumerate(sizes) if s < 20])
    eligible = has_region_code & ~small
    chosen: list[int] = []
    if lab == BIG_REGION[0]:
        in_big = eligible & (region_idx == BIG_REGION[1])
        chosen += list(rng.choice(np.flatnonzero(in_big), BIG_REGION[2], replace=False))
        eligible &= region_idx != BIG_REGION[1]
    chosen += list(rng.choice(np.flatnonzero(eligible), n_cov - len(chosen), replace=False))
    chosen = np.array(sorted(chosen))
    n_educ = EDUC_MISSING.get(lab, 0)
    educ_rows = rng.choice(chosen, n_educ, replace=False)
    df.loc[educ_rows, "EDUCM2"] = np.nan
    # the others miss sex (10%), age (35%) or class (55%)
    for row in np.setdiff1d(chosen, educ_rows):
        u = rng.random()
        if u < 0.10:
            df.loc[row, "malem"] = np.nan
        elif u < 0.45:
            df.loc[row, "agem"] = np.nan
        else:
            df.loc[row, CLASSES[1:]] = np.nan


def make_issp(rng: np.random.Generator) -> pd.DataFrame:
    u1 = _slope_deviations(rng)
    df = pd.concat([_country(spec, u, rng) for spec, u in zip(COUNTRIES, u1)], ignore_index=True)
    df.insert(0, "respid", np.arange(1, len(df) + 1))
    return df


def check_issp(df: pd.DataFrame) -> None:
    """Assert the sample sizes the handout shows (see the module docstring)."""
    def per_country(mask):
        return df[mask].groupby("cntryid").size()

    assert len(df) == 21790 and df["pbw"].notna().all()
    assert df["EDUCM2"].notna().sum() == 21741
    assert per_country(df["EDUCM2"].notna()).agg(["min", "max"]).tolist() == [992, 2058]
    assert ((df["cntryid"] == 2) & df["EDUCM2"].notna()).sum() == 1820
    ancova = df[["malem", "agem", "EDUCM2"] + CLASSES[1:]].notna().all(axis=1)
    assert ancova.sum() == 21158
    assert per_country(ancova).agg(["min", "max"]).tolist() == [979, 2025]
    has_region = df["region"].notna()
    assert has_region.sum() == 20785 and df.loc[has_region, "region"].nunique() == 218
    assert df.loc[has_region, "cntryid"].nunique() == 16
    assert per_country(has_region).agg(["min", "max"]).tolist() == [992, 2058]
    sizes = df[has_region].groupby("region").size()
    assert sizes.agg(["min", "max"]).tolist() == [5, 418]
    three = has_region & ancova
    assert three.sum() == 20161
    assert per_country(three).agg(["min", "max"]).tolist() == [978, 2025]
    assert df[three].groupby("region").size().agg(["min", "max"]).tolist() == [5, 412]
    assert df.groupby("region").cntryid.nunique().max() == 1          # regions nested
    assert abs(df["V342"].mean() - 1) > 0.05


# --- the cross-classified example (handout: tab T_COUNTRY T_SURVEY_NAME) -------------------
PROJECTS = ["AMB", "ASES", "CB", "CDCEE", "CNEP", "EB", "EQLS"]
HARMONIZED_COUNTRIES = ["AD", "AL", "AT", "AZ", "BA", "BE", "BG", "BY", "CH", "CZ", "DE",
                        "DK", "EE", "ES", "FI", "FR"]


def make_harmonized(rng: np.random.Generator) -> pd.DataFrame:
    """Respondents in countries x survey projects (not every country in every project).

    trust = 0 + u_country + w_project + e, with var(u) = .15, var(w) = .05, var(e) = .80;
    the drawn u and w are centred and scaled to exactly those variances (7 projects
    are too few for a raw draw to show its variance).
    """
    def exact(n: int, var: float) -> np.ndarray:
        x = rng.normal(size=n)
        return (x - x.mean()) / x.std() * np.sqrt(var)

    u = exact(len(HARMONIZED_COUNTRIES), 0.15)
    w = exact(len(PROJECTS), 0.05)
    rows = []
    for c in range(len(HARMONIZED_COUNTRIES)):
        projects = rng.choice(len(PROJECTS), int(rng.integers(2, 4)), replace=False)
        for p in sorted(projects):
            n = int(rng.integers(60, 160))
            female = (rng.random(n) < 0.52).astype(float)
            trust = u[c] + w[p] + rng.normal(0, np.sqrt(0.80), n)
            rows.append(pd.DataFrame({"T_COUNTRY": c + 1, "T_SURVEY_NAME": p + 1,
                                      "female": female, "trust": trust}))
    df = pd.concat(rows, ignore_index=True)
    df.insert(0, "respid", np.arange(1, len(df) + 1))
    return df


def _write(df: pd.DataFrame, path: Path, dtypes: dict, labels: dict, value_labels: dict,
           data_label: str) -> None:
    out = df.astype(dtypes)
    out.to_stata(path, write_index=False, version=118, time_stamp=TIME_STAMP,
                 data_label=data_label, variable_labels=labels, value_labels=value_labels)


def write_all(outdir: Path) -> tuple[Path, Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(SEED)
    issp = make_issp(rng)
    check_issp(issp)
    byte, flt = "Int8", "float32"
    issp_path = outdir / "issp_sim.dta"
    _write(issp, issp_path,
           {"respid": "int32", "cntryid": "int8", "region": "Int16", "pbw": flt, "malem": byte,
            "agem": "Int16", "EDUCM2": byte, **{c: byte for c in CLASSES[1:]},
            "weurope": "int8", "LTIRMA5": flt, "V342": flt, "l2weight": "float64"},
           VARIABLE_LABELS,
           {"cntryid": {cid: lab for cid, lab, *_ in COUNTRIES}},
           DATA_LABEL)

    harm = make_harmonized(rng)
    harm_path = outdir / "harmonized_sim.dta"
    _write(harm, harm_path,
           {"respid": "int32", "T_COUNTRY": "int8", "T_SURVEY_NAME": "int8", "female": "int8",
            "trust": flt},
           {"respid": "Respondent id (synthetic)",
            "T_COUNTRY": "COUNTRY (TERRITORY) NAME",
            "T_SURVEY_NAME": "SURVEY PROJECT NAME",
            "female": "Female (SIMULATED)",
            "trust": "Institutional trust, z score (SIMULATED)"},
           {"T_COUNTRY": {i + 1: c for i, c in enumerate(HARMONIZED_COUNTRIES)},
            "T_SURVEY_NAME": {i + 1: p for i, p in enumerate(PROJECTS)}},
           "SYNTHETIC harmonized-survey example (simulated; not real data)")
    return issp_path, harm_path


def main(argv: list[str]) -> int:
    outdir = Path(argv[1]) if len(argv) > 1 else HERE / "data"
    for path in write_all(outdir):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
