"""``tab2``: one two-way table per pair of variables, headed as tab2.ado heads them; counts
against pandas' crosstab; Stata's errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def three(new_session):
    rng = np.random.default_rng(2)
    n = 120
    return new_session(pd.DataFrame({"a": rng.integers(1, 3, n).astype(float), "b": rng.integers(0, 3, n).astype(float),
                                     "c": rng.integers(5, 7, n).astype(float), "z": rng.normal(size=n)}))


def _cells(out: str, header: str) -> list[str]:
    block = out.split(header + "\n", 1)[1].split("\n-> ", 1)[0]
    return [line for line in block.splitlines() if "|" in line and not line.strip().startswith("|")]


def test_tab2_tabulates_every_pair_with_its_header(three, run):
    out, rc = run(three, "tab2 a b c")
    assert rc == 0, out
    headers = [line for line in out.splitlines() if line.startswith("-> ")]
    assert headers == ["-> tabulation of a by b", "-> tabulation of a by c", "-> tabulation of b by c"]
    df = three.data.df
    table = pd.crosstab(df["a"], df["b"])
    rows = _cells(out, "-> tabulation of a by b")
    first = next(r for r in rows if r.split("|")[0].strip() == "1")
    assert [int(v) for v in first.split("|")[1].split()] == list(table.loc[1.0])
    assert three.r["N"] == len(df) and three.r["r"] == 3 and three.r["c"] == 2  # the last table: b by c


def test_tab2_firstonly_if_and_options(three, run):
    out, rc = run(three, "tab2 a b c if z > 0, firstonly chi2")
    assert rc == 0, out
    headers = [line for line in out.splitlines() if line.startswith("-> ")]
    assert headers == ["-> tabulation of a by b if z > 0", "-> tabulation of a by c if z > 0"]
    assert out.count("Pearson chi2") == 2
    assert three.r["N"] == int((three.data.df["z"] > 0).sum())


def test_tab2_errors(three, run):
    out, rc = run(three, "tab2 a")
    assert rc == 102 and "too few variables specified" in out
    out, rc = run(three, "tab2 a b [aw=c]")
    assert rc == 101 and "aweights not allowed" in out and "->" not in out
    out, rc = run(three, "tab2 a b, nosuch")
    assert rc == 198 and "option nosuch not allowed" in out


def test_tab1_header_repeats_the_if_and_in_typed(three, run):
    out, rc = run(three, "tab1 a b if z > 0 in 1/50")
    assert rc == 0, out
    headers = [line for line in out.splitlines() if line.startswith("-> ")]
    assert headers == ["-> tabulation of a if z > 0 in 1/50", "-> tabulation of b if z > 0 in 1/50"]
