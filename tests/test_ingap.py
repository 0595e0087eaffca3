"""``ingap`` (Roger Newson, SSC): gap observations before/after listed positions, as ingap.ado
places and fills them (checked against the layout built by hand)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.session import Session
from tests.execute_lines import run


def table_session() -> Session:
    df = pd.DataFrame({"lab": list("abcde"), "x": [1.0, 2, 3, 4, 5], "g": [1.0, 1, 1, 2, 2]})
    session = Session()
    session.data = Dataset(df=df, types={"lab": "str5", "x": "byte", "g": "byte"}, var_labels={"x": "the x"})
    return session



def column(session, name):
    ds = session.data
    return list(ds.column(name).astype(str)) if ds.is_string(name) else list(ds.numeric(name))


def test_gaps_before_positions_from_start_and_end_with_labels_and_order():
    session = table_session()
    run(session, 'ingap 1 -1 3, rowlabel(lab) growlabels("Top" "Bottom") gapindicator(gap) neworder(no)')
    assert column(session, "lab") == ["Top", "a", "b", "", "c", "d", "Bottom", "e"]
    x = np.array(column(session, "x"), float)
    assert np.isnan(x[[0, 3, 6]]).all() and list(x[[1, 2, 4, 5, 7]]) == [1, 2, 3, 4, 5]
    assert column(session, "gap") == [1, 0, 0, 1, 0, 0, 1, 0]
    assert column(session, "no") == list(range(1, 9)) and session.data.sortedby == ("no",)
    assert session.r == {}


def test_by_groups_after_and_rstring():
    session = table_session()
    run(session, "bysort g: ingap 2 -1, after rstring(varlab) grexpression(lab[_n-1] + \"!\") rowlabel(lab)")
    # group 2 has two rows: 2 and -1 are both e, so two gaps follow it (replace runs in order)
    assert column(session, "lab") == ["a", "b", "b!", "c", "c!", "d", "e", "e!", "e!!"]
    assert column(session, "g") == [1, 1, 1, 1, 1, 2, 2, 2, 2]


def test_if_restricts_the_positions_and_rstring_name():
    session = table_session()
    run(session, "ingap 4 if g == 2, rstring(name)")
    assert column(session, "lab") == ["a", "b", "c", "lab", "d", "e"]


@pytest.mark.parametrize("line, rc", [
    ("ingap 1, rowlabel(x)", 109), ("ingap 1, rstring(bogus)", 498), ("ingap 1.5", 126),
    ("ingap 1, gapindicator(x)", 110), ("ingap 1, gapindicator(a) neworder(a)", 498),
])
def test_errors_leave_the_data(line, rc):
    session = table_session()
    before = session.data.df.copy()
    with pytest.raises(StataError) as err:
        run(session, line)
    assert err.value.rc == rc
    pd.testing.assert_frame_equal(session.data.df, before)
