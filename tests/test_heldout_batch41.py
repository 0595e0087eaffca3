"""Held-out batch 41 (tests/realworld/README.md, forty-first batch): what its files needed,
checked on data of this file's own.

- ``destring ..., generate()`` names the new variable in its message, as destring.ado does
  ("IDKAB: all characters numeric; fips generated as int" in a public Stata log).
- ``egen ... = rank(), t`` (and f, u): _grank.ado's syntax ``{Field|Track|Unique}``, one
  letter enough; two of them are refused ("only one of field, track, or unique may be specified").
- ``testparm x*`` after a fit whose coefficients include interactions: the wildcard's class
  ``[^#.]`` made the interaction split of the pattern fail (an internal error r(9999)).
- ``valuesof`` (Ben Jann's SSC command, valuesof.ado 1.0.2 with moremata's mm_invtokens()).
- esttab's ``fonttbl()``: the RTF document's font table (esttab only).
- ``avplot`` after ``regress ..., cluster(strvar)``: the string cluster variable's codes.
- ``by g: cmd`` goes on past a group without observations ("no observations", a Stata log of
  ``bysort year: reg ...`` whose first years have no data).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def couples():
    rng = np.random.default_rng(4101)
    n = 300
    g = rng.integers(1, 7, n)
    x = rng.normal(0, 1, n)
    x2 = x ** 2 + rng.normal(0, .3, n)
    z = rng.normal(0, 1, n)
    y = 1 + .8 * x - .3 * x2 + .5 * z + .4 * x * z + rng.normal(0, 1, n)
    names = np.array(["Austria", "Belgium", "Chile", "Denmark", "Estonia", "France"], dtype=object)
    return pd.DataFrame({"y": y, "x": x, "x2": x2, "z": z, "g": g.astype(float), "cn": names[g - 1],
                         "txt": np.where(np.arange(n) % 5 == 0, "n/a", np.round(x, 3).astype(str)).astype(object)})


def test_destring_generate_names_the_new_variable(do, couples):
    rc, out, s = do("destring txt, gen(num) force", couples)
    assert rc == 0, out
    assert out.splitlines()[0] == "txt: contains nonnumeric characters; num generated as double"
    assert out.splitlines()[1] == "(60 missing values generated)"
    rc, out, s = do("gen str8 code = string(g)\ndestring code, gen(gcode)", couples)
    assert out.strip().splitlines()[-1] == "code: all characters numeric; gcode generated as byte"
    rc, out, s = do("gen str8 code = string(g)\ndestring code, replace", couples)
    assert out.strip().splitlines()[-1] == "code: all characters numeric; replaced as byte"


@pytest.mark.parametrize("option, method", [("t", "min"), ("tr", "min"), ("f", "max"), ("u", "first")])
def test_egen_rank_options_abbreviated(do, couples, option, method):
    """track: 1 + number smaller; field: 1 + number greater; unique: ties by order (pandas'
    rank of the same values, computed here per group)."""
    rc, out, s = do(f"gen r = round(x)\negen k = rank(r) if g < 4, {option}", couples)
    assert rc == 0, out
    r = np.round(couples["x"].to_numpy())
    keep = couples["g"].to_numpy() < 4
    values = pd.Series(-r[keep] if method == "max" else r[keep])
    expect = values.rank(method="min" if method == "max" else method).to_numpy()
    got = s.data.df["k"].to_numpy()
    assert np.array_equal(got[keep], expect) and np.isnan(got[~keep]).all()


def test_egen_rank_two_of_field_track_unique_refused(do, couples):
    rc, out, s = do("egen k = rank(x), field track", couples)
    assert rc == 198 and "only one of field, track, or unique may be specified" in out
    assert "k" not in s.data.varnames


def _wald_f(df, names, tested):
    """The F statistic of b[tested] = 0 after OLS of y on names + constant (numpy)."""
    X = np.column_stack([df[n].to_numpy() for n in names] + [np.ones(len(df))])
    y = df["y"].to_numpy()
    b, *_ = np.linalg.lstsq(X, y, rcond=None)
    resid = y - X @ b
    s2 = resid @ resid / (len(y) - X.shape[1])
    V = s2 * np.linalg.inv(X.T @ X)
    idx = [names.index(t) for t in tested]
    bb = b[idx]
    return float(bb @ np.linalg.solve(V[np.ix_(idx, idx)], bb) / len(idx))


def test_testparm_wildcard_beside_interactions(do, couples):
    """``testparm x*`` tests x and x2 (the variables the wildcard names), not c.x#c.z."""
    df = couples.assign(xz=couples["x"] * couples["z"])
    rc, out, s = do("regress y c.x##c.z x2\ntestparm x*", df)
    assert rc == 0, out
    tested = out[out.index("( 1)"):]
    assert tested.startswith("( 1)  x = 0\n ( 2)  x2 = 0\n") and "x#" not in tested
    expect = _wald_f(df, ["x", "z", "xz", "x2"], ["x", "x2"])
    assert s.r["F"] == pytest.approx(expect, rel=1e-9) and s.r["df"] == 2
    rc, out, s = do("regress y c.x##c.z x2\ntestparm c.x#c.z", df)
    assert s.r["F"] == pytest.approx(_wald_f(df, ["x", "z", "xz", "x2"], ["xz"]), rel=1e-9)


@pytest.fixture
def listing():
    return pd.DataFrame({"name": np.array(["a b", "c", "", 'say "hi"', "c"], dtype=object),
                         "v": [1.5, np.nan, 3.0, 2.0, 1e10]})


def test_valuesof_lists_every_observation_quoted(do, listing):
    rc, out, s = do("valuesof name", listing)
    assert rc == 0, out
    assert out.strip() == '"a b" c `"say "hi""\' c'
    assert s.r == {"values": '"a b" c `"say "hi""\' c'}
    rc, out, s = do("valuesof name, missing", listing)
    assert s.r["values"] == '"a b" c "" `"say "hi""\' c'
    rc, out, s = do("valuesof v", listing)
    assert s.r["values"] == "1.5 3 2 10000000000"
    rc, out, s = do("valuesof v if v < 3, missing format(%9.2f)", listing)
    assert s.r["values"] == "1.50 2.00"
    rc, out, s = do("valuesof v in 1/2, missing", listing)
    assert s.r["values"] == "1.5 ."


def test_valuesof_feeds_foreach_and_refuses_two_variables(do, listing):
    rc, out, s = do('valuesof name\nforeach w in `r(values)\' {\ndi `"[`w\']"\'\n}', listing)
    assert rc == 0, out
    assert [ln for ln in out.splitlines() if ln.startswith("[")] == ["[a b]", "[c]", '[say "hi"]', "[c]"]
    rc, out, s = do("valuesof name v", listing)
    assert rc == 103
    rc, out, s = do("valuesof v, format(xyz)", listing)
    assert rc == 7


def test_esttab_fonttbl_writes_the_rtf_font_table(do, couples, tmp_path):
    path = tmp_path / "t.rtf"
    rc, out, s = do(f'regress y x z\neststo m1\nesttab m1 using "{path}", fonttbl(\\f0\\fnil Arial; ) replace',
                    couples)
    assert rc == 0, out
    assert path.read_text().splitlines()[0] == "{\\rtf1\\ansi\\deff0 {\\fonttbl\\f0\\fnil Arial; }"
    rc, out, s = do(f'regress y x z\neststo m1\nesttab m1 using "{path}", replace', couples)
    assert path.read_text().splitlines()[0] == "{\\rtf1\\ansi\\deff0 {\\fonttbl\\f0\\fnil Times New Roman;}"
    rc, out, s = do("regress y x z\neststo m1\nestout m1, fonttbl(x)", couples)
    assert rc == 198 and "option fonttbl not allowed" in out


def test_avplot_after_a_string_cluster_variable(do, couples):
    """The plot's note is the same as after clustering on the numeric codes of the groups."""
    from graphs_helpers import figure

    def note(cluster):
        rc, out, s = do(f"regress y x z, cluster({cluster})\navplot x", couples)
        assert rc == 0, out
        fig = figure(s.graphs[-1])
        return sorted(t.get_text() for ax in fig.axes for t in ax.texts) + sorted(t.get_text() for t in fig.texts)

    assert note("cn") == note("g")


def test_by_goes_on_past_a_group_without_observations(do, couples):
    rc, out, s = do("sort g\nby g: regress y x if g != 2 & g != 6", couples)
    assert rc == 0, out
    blocks = out.split("-> g = ")[1:]
    assert len(blocks) == 6
    assert blocks[1].splitlines()[1] == "no observations" and "Number of obs" not in blocks[1]
    assert blocks[5].splitlines()[1:] == ["no observations"]
    assert "Number of obs" in blocks[2] and "r(2000)" not in out
    rc, out, s = do("sort g\nby g: tab cn if g == 3", couples)
    assert rc == 0 and out.count("no observations") == 5


# ----------------------------------------------------------------------------- batch 41, fourth file
def test_zscore_standardizes_as_the_ado(do, couples):
    """zscore.ado 2.0.1: (x - r(mean)) / r(sd) of summarize over if/in, a double z_x on every
    observation of if/in, and its count of missing values."""
    df = couples.assign(xm=np.where(np.arange(len(couples)) % 7 == 0, np.nan, couples["x"]))
    rc, out, s = do("zscore xm z", df)
    assert rc == 0, out
    assert out.splitlines() == ["z_xm created with 43 missing values", "z_z created with 0 missing values"]
    x = df["xm"].to_numpy()
    expect = (x - np.nanmean(x)) / np.nanstd(x, ddof=1)
    assert np.allclose(s.data.df["z_xm"], expect, equal_nan=True) and s.data.types["z_xm"] == "double"
    rc, out, s = do("zscore z if g < 3, stub(s_)", df)
    keep = df["g"].to_numpy() < 3
    z = df["z"].to_numpy()
    got = s.data.df["s_z"].to_numpy()
    assert np.allclose(got[keep], (z[keep] - z[keep].mean()) / z[keep].std(ddof=1)) and np.isnan(got[~keep]).all()
    assert out.strip() == f"s_z created with {int((~keep).sum())} missing values"


def test_zscore_listwise_weights_and_refusals(do, couples):
    df = couples.assign(xm=np.where(np.arange(len(couples)) % 7 == 0, np.nan, couples["x"]),
                        w=(np.arange(len(couples)) % 3 + 1).astype(float))
    rc, out, s = do("zscore z xm, listwise", df)
    ok = ~np.isnan(df["xm"].to_numpy())
    z = df["z"].to_numpy()
    assert np.allclose(s.data.df["z_z"].to_numpy()[ok], (z[ok] - z[ok].mean()) / z[ok].std(ddof=1))
    assert np.isnan(s.data.df["z_z"].to_numpy()[~ok]).all()
    rc, out, s = do("zscore z [aw=w]", df)
    w = df["w"].to_numpy()
    m = np.sum(w * z) / w.sum()
    sd = np.sqrt(np.sum(w * (z - m) ** 2) / (w.sum() - w.sum() / len(z)))  # summarize's aweights
    assert np.allclose(s.data.df["z_z"], (z - m) / sd)
    rc, out, s = do("zscore z [fw=w]", df)
    sd = np.sqrt(np.sum(w * (z - m) ** 2) / (w.sum() - 1))
    assert np.allclose(s.data.df["z_z"], (z - m) / sd)
    rc, out, s = do("gen z_x = 1\nzscore z x", df)
    assert rc == 198 and "z_x is not a valid variable name" in out and "z_z" not in s.data.varnames
    rc, out, s = do("zscore z [pw=w]", df)
    assert rc == 101


def test_merge_notes_value_labels_already_defined(do, tmp_path):
    """A Stata log of merge 1:1 ..., keepusing() nogen: "(label vlR0000100 already defined)" for
    each using label whose name the master has, before the table; the master's definition stays."""
    using = pd.DataFrame({"id": [1.0, 2.0, 3.0], "a": [1.0, 2.0, 1.0], "b": [0.0, 1.0, 1.0]})
    from mlmcli.dataset import Dataset
    from mlmcli.dta import write_dta

    ds = Dataset(df=using, types={"id": "byte", "a": "byte", "b": "byte"},
                 value_label_of={"a": "shared", "b": "own"},
                 value_labels={"shared": {1.0: "using one"}, "own": {0.0: "no", 1.0: "yes"}})
    path = tmp_path / "u.dta"
    write_dta(ds, str(path))
    master = pd.DataFrame({"id": [1.0, 2.0], "c": [1.0, 1.0]})
    rc, out, s = do(f'label define shared 1 "master one"\nlabel values c shared\n'
                    f'merge 1:1 id using "{path}", keepusing(a) nogen', master)
    assert rc == 0, out
    lines = out.splitlines()
    assert lines[0] == "(label shared already defined)" and "Result" in out
    assert sum("already defined" in ln for ln in lines) == 1
    assert s.data.value_labels["shared"] == {1.0: "master one"} and "own" in s.data.value_labels
    rc, out, s = do(f'label define shared 1 "master one"\nmerge 1:1 id using "{path}", nolabel nogen', master)
    assert "already defined" not in out


def test_reshape_report_lists_first_two_and_last(do):
    """reshape.ado's RepF: more than three j values show as "v1 v2 ... v5" in the report."""
    df = pd.DataFrame({"id": np.repeat([1.0, 2.0], 5), "t": np.tile(np.arange(1.0, 6.0), 2),
                       "y": np.arange(10.0)})
    rc, out, s = do("reshape wide y, i(id) j(t)", df)
    assert rc == 0, out
    assert [ln for ln in out.splitlines() if "->" in ln][-1].split("->")[1].strip() == "y1 y2 ... y5"
    rc, out, s = do("reshape wide y, i(id) j(t)\nreshape long", df)
    assert [ln for ln in out.splitlines() if "->" in ln][-1].split("->")[0].strip() == "y1 y2 ... y5"
    small = df[df["t"] <= 3]
    rc, out, s = do("reshape wide y, i(id) j(t)", small)
    assert [ln for ln in out.splitlines() if "->" in ln][-1].split("->")[1].strip() == "y1 y2 y3"
