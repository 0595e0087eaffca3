"""encode/decode on columns of repeated texts (computed per distinct value) against a plain
Python computation: codes 1..K in sorted order of the selected non-empty texts, an existing
label extended, decode's label text (empty where unlabelled, unselected or missing),
maxlength()'s cut."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings, strategies as st

from mlmcli.dataset import Dataset
from mlmcli.missing import extended

TEXTS = ["", "b", "a", "Zeta", "é", "日本", " lead", "x" * 40, "a b"]
columns = st.lists(st.sampled_from(TEXTS), min_size=1, max_size=40)


def _dataset(texts, numbers=None) -> Dataset:
    frame = {"s": pd.Series(texts, dtype=object), "i": np.arange(1.0, len(texts) + 1)}
    if numbers is not None:
        frame["x"] = np.array(numbers, dtype=float)
    return Dataset(df=pd.DataFrame(frame))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(columns, st.integers(1, 40))
def test_encode_then_decode(new_session, run, texts, last):
    s = new_session(_dataset(texts))
    last = min(last, len(texts))
    out, rc = run(s, f"encode s in 1/{last}, gen(e)")
    assert rc == 0, out
    chosen = sorted({t for t in texts[:last] if t != ""})
    code = {t: float(k + 1) for k, t in enumerate(chosen)}
    expect = [code[t] if i < last and t != "" else math.nan for i, t in enumerate(texts)]
    np.testing.assert_array_equal(s.data.numeric("e"), np.array(expect))
    assert s.data.value_labels["e"] == {v: t for t, v in code.items()}
    run(s, "decode e, gen(d)")
    assert s.data.df["d"].tolist() == [t if i < last else "" for i, t in enumerate(texts)]
    run(s, "decode e if i > 2, gen(d2) maxlength(3)")
    want = [t.encode()[:3].decode("utf-8", "ignore") if i >= 2 and i < last else "" for i, t in enumerate(texts)]
    got = s.data.df["d2"].tolist()
    assert [g for g, w in zip(got, want) if w.isascii()] == [w for w in want if w.isascii()]


def test_encode_extends_an_existing_label(new_session, run):
    s = new_session(_dataset(["c", "a", "c", "b", ""] * 300))
    run(s, 'label define lab 5 "c"')
    assert run(s, "encode s, gen(e) label(lab)")[1] == 0
    assert s.data.value_labels["lab"] == {5.0: "c", 6.0: "a", 7.0: "b"}
    np.testing.assert_array_equal(s.data.numeric("e")[:5], [5.0, 6.0, 5.0, 7.0, math.nan])


def test_decode_missing_values_and_unlabelled_codes(new_session, run):
    numbers = [1.0, math.nan, extended("a"), 2.0, 3.0, -0.0, 1.0] * 200
    s = new_session(_dataset(["t"] * len(numbers), numbers))
    run(s, 'label define l 1 "one" 2 "two" .a "dot a" 0 "zero"')
    run(s, "label values x l")
    assert run(s, "decode x, gen(d)")[1] == 0
    labels = {1.0: "one", 2.0: "two", 0.0: "zero"}
    want = ["dot a" if np.float64(v).tobytes() == np.float64(extended("a")).tobytes()
            else ("" if math.isnan(v) else labels.get(v, "")) for v in numbers]
    assert s.data.df["d"].tolist() == want
