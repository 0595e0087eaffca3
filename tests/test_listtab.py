"""``listtab`` (Roger Newson, SSC): observations as rows of a text table, as listtab.ado and
listtab_rstyle.ado build them (expected lines written out by hand)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.session import Session
from tests.execute_lines import run


def table_session() -> Session:
    df = pd.DataFrame({"row": ["a", "b&c", ""], "est": [1.23456, 2.0, np.nan], "k": [1.0, 2.0, 1.0]})
    session = Session()
    session.data = Dataset(df=df, types={"row": "str6", "est": "double", "k": "byte"}, formats={"est": "%9.2f"},
                           value_label_of={"k": "kl"}, value_labels={"kl": {1.0: "one"}})
    session.data.chars["est[head]"] = "Estimate"
    session.data.chars["row[head]"] = "Row"
    return session



def test_tabular_file_with_head_and_foot_lines_labels_and_missing(tmp_path):
    session = table_session()
    out = tmp_path / "t.tex"
    run(session, f'listtab row est k using "{out}", rstyle(tabular) headlines("\\begin{{tabular}}{{lrr}}" '
                 f'"\\hline") footlines("\\end{{tabular}}") headchars(head) missnum(--)')
    assert out.read_text().splitlines() == [
        "\\begin{tabular}{lrr}", "\\hline", "Row&Estimate&\\\\",
        "a&1.23&one\\\\", "b&c&2.00&2\\\\", "&--&one\\\\", "\\end{tabular}"]
    with pytest.raises(StataError) as err:  # no replace: the file stays
        run(session, f'listtab row using "{out}", rstyle(html)')
    assert err.value.rc == 602 and out.read_text().startswith("\\begin")
    run(session, f'listtab row est using "{out}" if _n < 3, replace rstyle(html) nolabel')
    assert out.read_text().splitlines() == ["<tr><td>a</td><td>1.23</td></tr>", "<tr><td>b&c</td><td>2.00</td></tr>"]


def test_type_and_own_delimiters_and_appendto(tmp_path, capsys):
    session = table_session()
    run(session, 'listtab row k in 1/2, type begin("[") delimiter(" | ") end("]") nolabel')
    assert capsys.readouterr().out.splitlines()[-2:] == ["[a | 1]", "[b&c | 2]"]
    log = tmp_path / "log.txt"
    log.write_text("first\n")
    run(session, f'listtab row in 1, appendto("{log}") rstyle(markdown)')
    assert log.read_text() == "first\n|a|\n"


def test_nothing_to_write_to_is_an_error():
    session = table_session()
    with pytest.raises(StataError) as err:
        run(session, "listtab row")
    assert err.value.rc == 498
