"""The shipped sample data: regenerated files equal the shipped ones, and the
synthetic ISSP file has the handout's structure and sample sizes."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pandas.io.stata import StataReader

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
DATA = SAMPLES / "data"

HANDOUT_COUNTRIES = {2: ("d", 1829), 4: ("gb", 1027), 7: ("a", 1007), 8: ("h", 992),
                     9: ("i", 1091), 10: ("irl", 992), 11: ("nl", 2058), 12: ("n", 1487),
                     13: ("s", 1274), 14: ("cz", 1106), 15: ("slo", 1035), 16: ("pl", 1568),
                     17: ("bg", 1099), 18: ("rus", 1585), 24: ("e", 1221), 25: ("lv", 1031),
                     26: ("sk", 1388)}
ANCOVA = ["malem", "agem", "EDUCM2", "EGP45", "EGP711", "EGP21", "EGP22", "EGP2325"]


def _load_module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read(path: Path) -> tuple[pd.DataFrame, dict, dict, str]:
    with StataReader(path) as reader:
        data = reader.read(convert_categoricals=False)
        return data, reader.variable_labels(), reader.value_labels(), reader.data_label


@pytest.fixture(scope="module")
def issp() -> pd.DataFrame:
    return _read(DATA / "issp_sim.dta")[0]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    outdir = tmp_path_factory.mktemp("samples")
    _load_module("make_issp_sim", SAMPLES / "make_issp_sim.py").write_all(outdir)
    return outdir


@pytest.mark.parametrize("name", ["issp_sim.dta", "harmonized_sim.dta"])
def test_regenerated_file_equals_shipped(regenerated, name):
    new, shipped = _read(regenerated / name), _read(DATA / name)
    pd.testing.assert_frame_equal(new[0], shipped[0])
    assert new[1:] == shipped[1:]          # variable labels, value labels, data label


@pytest.mark.parametrize("name", ["issp_sim.dta", "harmonized_sim.dta"])
def test_regeneration_is_byte_stable(regenerated, tmp_path, name):
    # a second run in the same environment writes the same bytes (fixed seed and time stamp)
    _load_module("make_issp_sim2", SAMPLES / "make_issp_sim.py").write_all(tmp_path)
    assert (tmp_path / name).read_bytes() == (regenerated / name).read_bytes()


def test_labelled_as_synthetic():
    data, var_labels, value_labels, data_label = _read(DATA / "issp_sim.dta")
    assert "SYNTHETIC" in data_label
    assert "SIMULATED" in var_labels["pbw"]
    assert value_labels["cntryid"] == {k: v[0] for k, v in HANDOUT_COUNTRIES.items()}


def test_handout_countries_and_sizes(issp):
    sizes = issp.groupby("cntryid").size()
    assert sizes.to_dict() == {k: v[1] for k, v in HANDOUT_COUNTRIES.items()}
    assert len(issp) == 21790
    assert issp["pbw"].notna().all()


def test_samples_shrink_as_in_the_handout(issp):
    educ = issp["EDUCM2"].notna()
    assert educ.sum() == 21741                                    # golden 08/09
    assert ((issp["cntryid"] == 2) & educ).sum() == 1820         # golden 07, Germany
    full = issp[ANCOVA].notna().all(axis=1)
    assert full.sum() == 21158                                    # golden 06
    per_country = issp[full].groupby("cntryid").size()
    assert (per_country.min(), per_country.max()) == (979, 2025)
    assert round(per_country.mean(), 1) == 1244.6


def test_three_level_structure(issp):
    has_region = issp["region"].notna()
    sub = issp[has_region]
    assert len(sub) == 20785 and sub["cntryid"].nunique() == 16   # golden 16
    assert sub["region"].nunique() == 218
    region_sizes = sub.groupby("region").size()
    assert (region_sizes.min(), region_sizes.max()) == (5, 418)
    assert round(region_sizes.mean(), 1) == 95.3
    assert sub.groupby("region")["cntryid"].nunique().max() == 1  # pure hierarchy
    full = sub[sub[ANCOVA].notna().all(axis=1)]
    assert len(full) == 20161                                      # golden 17/18
    per_country = full.groupby("cntryid").size()
    assert (per_country.min(), per_country.max()) == (978, 2025)
    region_sizes = full.groupby("region").size()
    assert (region_sizes.min(), region_sizes.max()) == (5, 412)


def test_handout_region_table_counts(issp):
    # golden 15: Germany's regions 251-266 and Great Britain's 401-411 with the handout's counts
    d = issp[issp["cntryid"] == 2].groupby("region").size()
    assert d.index.min() == 251 and d.index.max() == 266
    assert d.loc[[251, 255, 266]].tolist() == [69, 345, 112]
    gb = issp[issp["cntryid"] == 4].groupby("region").size()
    assert gb.loc[[401, 409, 411]].tolist() == [92, 201, 66]
    assert (issp["region"] == 701).sum() == 41


def test_country_means_are_the_handouts(issp):
    means = issp.groupby("cntryid")["pbw"].mean().round(3)
    assert means[2] == -0.091 and means[8] == 0.765 and means[10] == -0.803 and means[26] == 0.491
    # their ML variance is the handout's tau00 of the null model (.139)
    assert abs(means.var(ddof=0) - 0.139) < 0.002


def test_weights_and_country_variables(issp):
    assert abs(issp["V342"].mean() - 1) > 0.05 and (issp["V342"] > 0).all()
    by_country = issp.groupby("cntryid")[["weurope", "LTIRMA5", "l2weight"]].nunique()
    assert (by_country == 1).all().all()                          # constant within country
    assert issp.groupby("cntryid")["weurope"].first().sum() == 9
    assert issp.loc[issp["cntryid"] == 18, "l2weight"].iloc[0] == pytest.approx(4.052995686)


def test_education_slope_close_to_handout(issp):
    # within-country OLS slope pooled over countries: the handout's is about -.05
    sub = issp.dropna(subset=["EDUCM2"])
    x = sub["EDUCM2"] - sub.groupby("cntryid")["EDUCM2"].transform("mean")
    y = sub["pbw"] - sub.groupby("cntryid")["pbw"].transform("mean")
    slope = float((x * y).sum() / (x * x).sum())
    assert -0.07 < slope < -0.035


def test_harmonized_is_cross_classified():
    data, var_labels, value_labels, _ = _read(DATA / "harmonized_sim.dta")
    cells = pd.crosstab(data["T_COUNTRY"], data["T_SURVEY_NAME"])
    assert cells.shape == (16, 7)
    assert (cells == 0).any().any()                  # not every country in every project
    assert ((cells > 0).sum(axis=1) >= 2).all()      # every country in two projects or more
    assert var_labels["T_SURVEY_NAME"] == "SURVEY PROJECT NAME"
    assert value_labels["T_SURVEY_NAME"][1] == "AMB"


def test_hsb_school_file_matches_students():
    students = _read(DATA / "hsb.dta")[0]
    schools = _read(DATA / "hsb_schools.dta")[0]
    assert len(schools) == 160 and schools["school"].is_unique
    assert set(schools["school"]) == set(students["school"])
    raw = students.groupby("school")["meanses"].first()
    diff = schools.set_index("school")["MEANSES"] - raw
    # the book's MEANSES is the raw school mean centred over schools (to 3 decimals)
    assert np.allclose(diff, -raw.mean(), atol=0.0011)


def test_hsb_school_file_regenerates(shared_dir, tmp_path):
    module = _load_module("make_hsb_schools", SAMPLES / "make_hsb_schools.py")
    module.main(["x", str(shared_dir / "data" / "stata" / "hsbmerged.csv"), str(tmp_path)])
    new, shipped = _read(tmp_path / "hsb_schools.dta"), _read(DATA / "hsb_schools.dta")
    pd.testing.assert_frame_equal(new[0], shipped[0])
    assert new[1:] == shipped[1:]
