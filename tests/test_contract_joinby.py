"""``contract`` and ``joinby`` ([D] contract, [D] joinby): results against pandas on generated
data, metadata, and Stata's errors (the data unchanged after an error)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


def _unchanged(run, s, line, rc, message):
    before = s.data.df.copy()
    out, got = run(s, line)
    assert got == rc and message in out, out
    pd.testing.assert_frame_equal(s.data.df, before)


@pytest.fixture
def generated(new_session):
    rng = np.random.default_rng(67)
    n = 200
    a = rng.integers(1, 4, n).astype(float)
    a[rng.random(n) < 0.1] = np.nan
    b = rng.choice(["u", "v", "w", ""], n)
    w = rng.integers(1, 5, n).astype(float)
    return new_session(pd.DataFrame({"a": a, "b": b, "w": w, "z": rng.normal(size=n)}))


# ----------------------------------------------------------------------------- contract
def _pandas_counts(df, weights=None, dropna=False):
    frame = df.assign(_w=1.0 if weights is None else df[weights])
    if dropna:
        frame = frame[frame["a"].notna() & (frame["b"] != "")]
    key = frame["a"].fillna(1e300)  # missing sorts last, as in Stata
    got = frame.assign(_k=key).groupby(["_k", "b"], sort=True)["_w"].sum()
    return [(None if k >= 1e300 else k, b, f) for (k, b), f in got.items()]


def _rows(df, freq="_freq"):
    return [(None if np.isnan(x) else x, b, f) for x, b, f in zip(df["a"], df["b"], df[freq])]


def test_contract_counts_match_pandas(generated, run):
    expected = _pandas_counts(generated.data.df)
    out, rc = run(generated, "contract a b")
    assert (out, rc) == ("", 0)
    df = generated.data.df
    assert list(df.columns) == ["a", "b", "_freq"]
    assert _rows(df) == expected
    assert generated.data.var_labels["_freq"] == "Frequency" and generated.data.types["_freq"] == "byte"
    assert generated.data.sortedby == ("a", "b")


def test_contract_weights_nomiss_and_percentages(generated, run):
    expected = _pandas_counts(generated.data.df, "w", dropna=True)
    out, rc = run(generated, "contract a b [fw=w], nomiss freq(n) cfreq(cf) percent(p) cpercent(cp) format(%6.1f)")
    assert rc == 0, out
    df = generated.data.df
    assert list(df.columns) == ["a", "b", "n", "cf", "p", "cp"]
    assert _rows(df, "n") == expected
    freq = np.array([f for _, _, f in expected])
    np.testing.assert_allclose(df["cf"], np.cumsum(freq))
    np.testing.assert_allclose(df["p"], 100 * freq / freq.sum())
    np.testing.assert_allclose(df["cp"], 100 * np.cumsum(freq) / freq.sum())
    d = generated.data
    assert d.formats["p"] == d.formats["cp"] == "%6.1f" and d.types["p"] == "double"
    assert [d.var_labels[v] for v in ("cf", "p", "cp")] == ["Cumulative frequency", "Percent", "Cumulative percent"]


def test_contract_float_stores_single_precision(new_session, run):
    s = new_session(pd.DataFrame({"a": [1.0, 2.0, 2.0]}))
    out, rc = run(s, "contract a, percent(p) float")
    assert rc == 0, out
    assert s.data.types["p"] == "float"
    assert s.data.df["p"].iloc[0] == float(np.float32(100 / 3))


def test_contract_zero_adds_every_combination(new_session, run):
    s = new_session(pd.DataFrame({"x": [1.0, 1.0, 2.0], "s": ["a", "b", "b"]}))
    out, rc = run(s, "contract x s, zero")
    assert rc == 0, out
    df = s.data.df
    assert list(zip(df["x"], df["s"], df["_freq"])) == [(1, "a", 1), (1, "b", 1), (2, "a", 0), (2, "b", 1)]
    assert "_fillin" not in df.columns


def test_contract_errors_leave_the_data(generated, run):
    _unchanged(run, generated, "contract a, float", 198, "percent or cpercent must be specified")
    _unchanged(run, generated, "contract a, format(%5.1f)", 198, "percent or cpercent must be specified")
    _unchanged(run, generated, "contract a, freq(w)", 110, "variable w already defined")
    _unchanged(run, generated, "contract nosuch", 111, "variable nosuch not found")
    _unchanged(run, generated, "contract a if z > 100", 2000, "no observations")
    _unchanged(run, generated, "contract a [aw=w]", 101, "aweights not allowed")
    _unchanged(run, generated, "contract", 100, "varlist required")
    run(generated, "generate _freq = 1")
    _unchanged(run, generated, "contract a", 110,
               "_freq already defined: use freq() option to specify frequency variable")


# ----------------------------------------------------------------------------- joinby
@pytest.fixture
def families(new_session, run, tmp_path):
    """Master: parents (fam, inc, x); using file: kids (fam, kid, x), saved under tmp_path."""
    kids = new_session(pd.DataFrame({"fam": [1.0, 1.0, 2.0, 4.0, np.nan], "kid": ["a", "b", "c", "d", "e"],
                                     "x": [10.0, 11.0, np.nan, 13.0, 14.0]}))
    path = tmp_path / "kids.dta"
    out, rc = run(kids, f'save "{path}"')
    assert rc == 0, out
    parents = new_session(pd.DataFrame({"fam": [1.0, 1.0, 2.0, 3.0, np.nan], "inc": [100.0, 200.0, 300.0, 400.0, 500.0],
                                        "x": [1.0, 2.0, 3.0, 4.0, np.nan]}))
    return parents, path


def _pandas_join(parents, how):
    kids = pd.DataFrame({"fam": [1.0, 1.0, 2.0, 4.0, np.nan], "kid": ["a", "b", "c", "d", "e"]})
    return parents.merge(kids, on="fam", how=how)  # pandas matches missing keys too


def test_joinby_pairs_every_master_with_every_using_observation(families, run):
    s, path = families
    expected = _pandas_join(s.data.df.copy(), "inner")
    out, rc = run(s, f'joinby fam using "{path}"')
    assert (out, rc) == ("", 0)
    df = s.data.df
    assert list(df.columns) == ["fam", "inc", "x", "kid"]
    got = sorted(zip(df["inc"], df["kid"], df["x"].fillna(-1)))
    assert got == sorted(zip(expected["inc"], expected["kid"], expected["x"].fillna(-1)))  # x: the master's
    assert list(df["inc"]) == [100, 100, 200, 200, 300, 500] and list(df["kid"]) == ["a", "b", "a", "b", "c", "e"]
    assert s.data.sortedby == ("fam",)


def test_joinby_unmatched_both_with_update_and_merge_codes(families, run):
    s, path = families
    out, rc = run(s, f'joinby fam using "{path}", unmatched(both) update')
    assert rc == 0, out
    df = s.data.df
    rows = list(zip(df["fam"].fillna(-1), df["inc"].fillna(-1), df["kid"], df["x"].fillna(-1), df["_merge"]))
    assert rows == [(1, 100, "a", 1, 5), (1, 100, "b", 1, 5), (1, 200, "a", 2, 5), (1, 200, "b", 2, 5),
                    (2, 300, "c", 3, 5 - 2), (3, 400, "", 4, 1), (4, -1, "d", 13, 2), (-1, 500, "e", 14, 4)]
    assert s.data.value_label_of["_merge"] == "__MERGE"
    assert s.data.value_labels["__MERGE"][4.0] == "in both, missing in master data updated"


def test_joinby_common_variables_and_merge_name(families, run):
    s, path = families
    out, rc = run(s, f'joinby using "{path}", unmatched(master) _merge(m)')
    assert rc == 0 and out.startswith("join on common variables: fam x\n"), out
    df = s.data.df
    assert list(df["m"]) == [1, 1, 1, 1, 1] and list(df.columns) == ["fam", "inc", "x", "kid", "m"]
    assert s.data.value_labels["__MERGE"][3.0] == "both in master and using data"


def test_joinby_empty_join_keeps_the_variables(families, run):
    s, path = families
    out, rc = run(s, f'keep if fam == 3\njoinby fam using "{path}"')
    assert rc == 0 and "(joinby on fam is empty)" in out, out
    assert len(s.data.df) == 0 and list(s.data.df.columns) == ["fam", "inc", "x", "kid"]


def test_joinby_errors_leave_the_data(families, run):
    s, path = families
    _unchanged(run, s, f'joinby fam using "{path}", unmatched(x)', 198, "x is invalid value for unmatch()")
    _unchanged(run, s, f'joinby fam using "{path}", replace', 198, "option replace requires option update")
    _unchanged(run, s, f'joinby inc using "{path}"', 111, "variable inc not found")
    _unchanged(run, s, 'joinby fam using "nosuchfile.dta"', 601, "not found")
    _unchanged(run, s, "joinby fam", 100, "using required")
    run(s, "generate _merge = 1")
    _unchanged(run, s, f'joinby fam using "{path}", unmatched(both)', 110, "variable _merge already defined")
    run(s, "drop _merge\nrename fam famid\nrename x income")
    _unchanged(run, s, f'joinby using "{path}"', 198,
               "no variables in common to master and using data\nthus a join is not possible")
