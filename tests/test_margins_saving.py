"""``margins ..., saving(filename[, replace double])``: the margins file as _marg_save.ado
writes it -- one observation per margin, _deriv _term _predict _at _atopt _margin _se
(_se_margin under version 16) _statistic _pvalue _ci_lb _ci_ub, then _m#, _at#, _by#, their
labels, value labels and characteristics, compressed; never overwritten without replace
(_prefix_saving's ``confirm new file``: r(602) before anything is computed)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.missing import code


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(29)
    n = 300
    x = rng.normal(size=n)
    g = rng.integers(0, 2, n)
    k = rng.integers(1, 4, n)
    y = 1 + 0.8 * x + 0.5 * g + 0.2 * k + rng.normal(size=n)
    return pd.DataFrame(dict(y=y, x=x, g=g, k=k))


META = dict(var_labels={"x": "Exposure", "g": "Group"}, value_label_of={"g": "glab"},
            value_labels={"glab": {0.0: "Control", 1.0: "Treated"}}, types={"g": "byte", "k": "int"})


def _saved(do, data, tmp_path, margins: str, fit: str = "regress y x i.g i.k", version: str = ""):
    path = tmp_path / "m.dta"
    rc, out, s = do(f"quietly {fit}\n{version}quietly {margins} saving({path})", df=data, **META)
    assert rc == 0, out
    table = s.r["table"]
    rc, out, s = do(f"use {path}, clear", session=s)
    assert rc == 0, out
    return s.data, table


def test_margins_over_and_at_file(do, data, tmp_path):
    ds, table = _saved(do, data, tmp_path, "margins g, at(x=(-1 0 1)) over(k)")
    names = ["_deriv", "_term", "_predict", "_at", "_atopt", "_margin", "_se", "_statistic", "_pvalue",
             "_ci_lb", "_ci_ub", "_m1", "_at1", "_at2", "_at3", "_by1"]
    assert list(ds.df.columns) == names
    assert ds.nobs == 18 == table.values.shape[1]
    for var, row in (("_margin", 0), ("_se", 1), ("_statistic", 2), ("_ci_lb", 4), ("_ci_ub", 5)):
        assert ds.types[var] == "float"
        assert np.allclose(ds.df[var], table.values[row].astype(np.float32), rtol=0, atol=0)
    assert ds.var_labels["_margin"] == "Linear prediction, predict()"
    assert ds.var_labels["_se"] == "Standard error"
    assert ds.var_labels["_statistic"] == "t-statistic" and ds.var_labels["_pvalue"] == "P>|t|"
    assert ds.var_labels["_ci_lb"] == "95% Confidence interval, LB"
    assert ds.var_labels["_m1"] == "Group" and ds.value_label_of["_m1"] == "glab"
    assert ds.var_labels["_at1"] == "Exposure" and ds.var_labels["_by1"] == "k"
    assert ds.label == "Created by command margins; also see char list"
    # the margins' coordinates: at() row, its option, the at() value, the marginlist and over() levels
    assert ds.df["_at"].tolist() == [1] * 6 + [2] * 6 + [3] * 6
    assert ds.df["_atopt"].tolist() == [1] * 18
    assert ds.df["_at1"].tolist() == [-1] * 6 + [0] * 6 + [1] * 6
    assert ds.df["_by1"].tolist() == [1, 1, 2, 2, 3, 3] * 3
    assert ds.df["_m1"].tolist() == [0, 1] * 9
    assert (code(ds.df["_at2"].to_numpy()) == 15).all()  # .o: g as observed
    assert ds.df["_deriv"].isna().all() and ds.df["_predict"].isna().all()
    assert ds.types["_term"] == "byte" and ds.value_labels["_term"] == {1.0: "g"}
    assert ds.value_labels["_atopt"] == {1.0: "x=(-1 0 1)"}
    chars = ds.chars
    assert chars["cmd"] == "margins" and chars["margin_vars"] == "g" and chars["at_vars"] == "x g k"
    assert chars["atopt1"] == "x=(-1 0 1)" and chars["k_at"] == "1"
    assert chars["atstats1"] == "values asobserved asobserved" and "atstats4" not in chars  # x=(-1 0 1)
    assert chars["u_at_vars"] == "x" and chars["_u_at_vars"] == "_at1"
    assert chars["over"] == "k" and chars["by_vars"] == "k" and "within" not in chars
    assert chars["_m1[varname]"] == "g" and chars["_at1[varname]"] == "x" and chars["_by1[varname]"] == "k"
    assert chars["title"] == "Predictive margins" and chars["expression"] == "predict()"
    assert "marg_save_version" not in chars


def test_dydx_file_labels_derivatives(do, data, tmp_path):
    ds, table = _saved(do, data, tmp_path, "margins, dydx(*)")
    # the base levels' columns (0b.g, 1b.k) are left out
    assert ds.nobs == 4 and list(ds.df["_deriv"]) == [1, 2, 3, 4]
    assert ds.value_labels["_deriv"] == {1.0: "x", 2.0: "1.g", 3.0: "2.k", 4.0: "3.k"}
    assert ds.value_labels["_derivl"][1.0] == "Exposure"  # label language derivlabels
    assert ds.chars["_lang_list"] == "default derivlabels" and ds.chars["_deriv[_lang_l_derivlabels]"] == "_derivl"
    kept = [j for j, n in enumerate(table.colnames) if "b." not in n]
    assert np.allclose(ds.df["_margin"], table.values[0, kept].astype(np.float32), rtol=0, atol=0)
    assert ds.value_labels["_term"] == {1.0: "_cons"}


def test_version_16_names_the_se_margin_and_double(do, data, tmp_path):
    ds, table = _saved(do, data, tmp_path, "margins k, atmeans", version="version 16: ")
    assert "_se_margin" in ds.df.columns and "_se" not in ds.df.columns
    assert ds.chars["marg_save_version"] == "2"
    assert ds.chars["atopt1"] == "(mean) _factor (mean) _continuous"
    path = tmp_path / "d.dta"
    rc, out, s = do(f"quietly regress y x i.g i.k\nquietly margins k, saving({path}, double)\nuse {path}, clear",
                    df=data, **META)
    assert rc == 0, out
    assert s.data.types["_margin"] == "double" and s.data.types["_se"] == "double"


def test_never_overwrites_without_replace(do, data, tmp_path):
    path = tmp_path / "m.dta"
    path.write_bytes(b"keep me")
    rc, out, s = do(f"quietly regress y x i.g\nmargins g, saving({tmp_path / 'm'})", df=data)
    assert rc == 602
    assert f"file {path} already exists\ninvalid saving() option" in out
    assert "Predictive margins" not in out  # refused before computing, as _prefix_saving is in parse
    assert path.read_bytes() == b"keep me"
    rc, out, s = do(f"quietly regress y x i.g\nquietly margins g, saving({path}, replace)\nuse {path}, clear",
                    df=data)
    assert rc == 0 and s.data.nobs == 2


@pytest.mark.parametrize("opt, text, rc", [
    ("saving(m, foo)", "option foo not allowed\ninvalid saving() option", 198),
    ("saving(m, every(-1))", "suboption every() of the saving() option requires a positive integer", 198),
    ("saving(, replace)", "file name required\ninvalid saving() option", 100),
])
def test_invalid_saving_options(do, data, tmp_path, opt, text, rc):
    r, out, s = do(f"cd {tmp_path}\nquietly regress y x i.g\nmargins g, {opt}", df=data)
    assert r == rc and text in out


def test_contrasts_and_pairwise_comparisons_are_saved(do, data, tmp_path):
    # contrasts since round 11 (tests/test_heldout_round11.py), pairwise comparisons since mg89
    # (tests/test_margins_round89.py)
    r, out, s = do(f"quietly regress y x i.g\nmargins r.g, saving({tmp_path / 'c'})", df=data)
    assert r == 0 and (tmp_path / "c.dta").exists()
    r, out, s = do(f"quietly regress y x i.g\nmargins g, pwcompare saving({tmp_path / 'p'})", df=data)
    assert r == 0 and (tmp_path / "p.dta").exists()


def test_the_data_in_memory_is_kept_and_the_file_plots(do, data, tmp_path):
    path = tmp_path / "m.dta"
    rc, out, s = do(f"quietly regress y x i.g i.k\nquietly margins g, at(x=(0 1)) saving({path})", df=data)
    assert rc == 0 and s.data.nobs == 300
    graph = tmp_path / "g.png"
    rc, out, s = do(f"use {path}, clear\ntwoway (connected _margin _at1 if _m1 == 0) "
                    f"(rcap _ci_lb _ci_ub _at1 if _m1 == 0), legend(off)\ngraph export {graph}", session=s)
    assert rc == 0, out
    assert graph.exists()


def test_nose_file_keeps_the_margins_only(do, data, tmp_path):
    """margins, nose posts no e(V): r(table)'s se ... ul are missing, and so are the file's."""
    ds, table = _saved(do, data, tmp_path, "margins g, nose")
    assert np.isnan(table.values[1:6]).all()
    assert ds.df["_se"].isna().all() and ds.df["_ci_ub"].isna().all()
    assert np.allclose(ds.df["_margin"], table.values[0].astype(np.float32), rtol=0, atol=0)


def test_several_at_options_and_one_dydx_equation(do, data, tmp_path):
    ds, table = _saved(do, data, tmp_path, "margins, dydx(x) at(x=(0 1)) at(g=1)")
    assert ds.df["_at"].tolist() == [1, 2, 3] and ds.df["_atopt"].tolist() == [1, 1, 2]
    assert ds.df["_deriv"].tolist() == [1, 1, 1] and ds.value_labels["_deriv"] == {1.0: "x"}
    assert ds.df["_at1"].tolist()[:2] == [0, 1] and code(ds.df["_at1"].to_numpy())[2] == 15  # .o
    assert code(ds.df["_at2"].to_numpy())[:2].tolist() == [15, 15] and ds.df["_at2"].iloc[2] == 1
    assert ds.value_labels["_atopt"] == {1.0: "x=(0 1)", 2.0: "g=1"}
    assert ds.chars["k_at"] == "2" and ds.chars["atstats3"] == "asobserved value asobserved"
    assert ds.value_labels["_term"] == {1.0: "_cons"}
