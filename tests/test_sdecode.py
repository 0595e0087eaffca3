"""``sdecode`` (Roger Newson, SSC): value labels where there are any, formatted values elsewhere,
as sdecode.ado does it; the formatted strings checked against Python's own formatting."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.session import Session
from tests.execute_lines import run


def labelled_session() -> Session:
    df = pd.DataFrame({"id": [1.0, 2, 3, 4, 5], "x": [1.0, 2, 3, np.nan, 2],
                       "y": [0.0001, 1234.5678, np.nan, 0.5, -2.25]})
    session = Session()
    session.data = Dataset(df=df, types={"id": "byte", "x": "byte", "y": "double"},
                           value_label_of={"x": "xl"}, value_labels={"xl": {1.0: "one", 2.0: "two"}},
                           var_labels={"y": "the y"})
    session.data.chars["y[note1]"] = "kept"
    return session



def strings(session, name):
    return list(session.data.column(name).astype(str))


def test_labels_then_formats_and_replace_keeps_place_label_and_chars():
    session = labelled_session()
    run(session, "sdecode x, generate(xs)", "sdecode y, format(%9.3fc) replace")
    assert strings(session, "xs") == ["one", "two", "3", "", "two"]  # missing: empty (no missing option)
    expect = [f"{v:,.3f}" if not np.isnan(v) else "" for v in (0.0001, 1234.5678, np.nan, 0.5, -2.25)]
    assert strings(session, "y") == expect
    ds = session.data
    assert ds.varnames[:3] == ["id", "x", "y"] and ds.types["y"] == f"str{max(map(len, expect))}"
    assert ds.var_labels["y"] == "the y" and ds.chars["y[note1]"] == "kept"


def test_if_in_missing_labonly_prefix_suffix_xmlsub_maxlength():
    session = labelled_session()
    run(session, "sdecode x in 2/4, gen(a) missing prefix(<) suffix(>) xmlsub",
        "sdecode x if id != 2, gen(b) labonly",
        "sdecode y, gen(c) maxlength(3)")
    assert strings(session, "a") == ["", "<two>", "<3>", "<.>", ""]
    assert strings(session, "b") == ["one", "", "", "", "two"]
    assert strings(session, "c") == [".00", "123", "", ".5", "-2."]  # %10.0g (.0001, 1234.568 ...) cut at 3


@pytest.mark.parametrize("line, rc", [
    ("sdecode x", 198), ("sdecode x, gen(a) replace", 198), ("sdecode x, gen(id)", 110),
    ("sdecode x, gen(a) maxlength(0)", 198), ("sdecode x, gen(a) esub(x10)", 198),
    ("sdecode nosuch, gen(a)", 111),
])
def test_errors_leave_the_data(line, rc):
    session = labelled_session()
    before = session.data.df.copy()
    with pytest.raises(StataError) as err:
        run(session, line)
    assert err.value.rc == rc
    pd.testing.assert_frame_equal(session.data.df, before)


def test_a_string_variable_is_refused():
    session = labelled_session()
    run(session, "sdecode x, gen(s)")
    with pytest.raises(StataError) as err:
        run(session, "sdecode s, replace")
    assert err.value.rc == 109
