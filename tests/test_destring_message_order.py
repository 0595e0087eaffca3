"""destring reports each variable as it converts it, in varlist order (destring.ado loops
``foreach var of varlist``; batch 54's ``split tod, parse(" ") gen(d_) destring`` of a date
"7 Dec 2026" printed d_2's refusal before d_1's conversion), and notes every missing value
of a new variable, empty strings too, as ``(# missing values generated)`` without a comma."""
from __future__ import annotations

import pandas as pd

from mlmcli.dataset import Dataset


def test_messages_follow_the_varlist(new_session, run):
    df = pd.DataFrame({"a": ["1", "2", ""], "b": ["x", "1", "2"], "n": [1.0, 2.0, 3.0], "c": ["300", "4", "5"]})
    s = new_session(Dataset(df=df, types={"a": "str1", "b": "str1", "n": "float", "c": "str3"}))
    out, rc = run(s, "destring a b n c, replace")
    assert rc == 0
    assert out.splitlines() == ["a: all characters numeric; replaced as byte", "(1 missing value generated)",
                                "b: contains nonnumeric characters; no replace",
                                "n already numeric; no replace",
                                "c: all characters numeric; replaced as int"]
    assert s.data.types["b"] == "str1" and s.data.types["c"] == "int"


def test_missing_count_has_no_thousands_separator(new_session, run):
    df = pd.DataFrame({"v": [""] * 1200 + ["5"]})
    s = new_session(Dataset(df=df, types={"v": "str1"}))
    out, rc = run(s, "destring v, gen(w)")
    assert rc == 0
    assert out == "v: all characters numeric; w generated as byte\n(1200 missing values generated)\n"


def test_split_destring_reports_in_order(new_session, run):
    s = new_session(Dataset(df=pd.DataFrame({"tod": [" 7 Dec 2026"]}), types={"tod": "str11"}))
    out, rc = run(s, 'split tod, parse(" ") gen(d_) destring')
    assert rc == 0
    lines = [ln for ln in out.splitlines() if ln.startswith("d_") and ":" in ln]
    assert [ln.split(":")[0] for ln in lines] == ["d_1", "d_2", "d_3"]
    assert s.data.types["d_2"].startswith("str") and s.data.df["d_3"].iloc[0] == 2026


def test_percent_divides_only_when_a_value_has_a_percent_sign(new_session, run):
    df = pd.DataFrame({"p": ["5%", "10"], "q": ["5", "10"]})
    s = new_session(Dataset(df=df, types={"p": "str3", "q": "str2"}))
    out, rc = run(s, "destring p q, gen(p2 q2) percent")
    assert rc == 0, out
    assert list(s.data.df["p2"]) == [0.05, 0.1]  # every value scaled once one has %
    assert list(s.data.df["q2"]) == [5, 10]
    assert out.splitlines() == ["p: character % removed; p2 generated as double",
                                "q: all characters numeric; q2 generated as byte"]
