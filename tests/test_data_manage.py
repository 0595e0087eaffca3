"""sort, gsort, keep/drop, rename, order, label, format, encode/decode, recode,
xtset, preserve/restore."""
from __future__ import annotations

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset


def data() -> Dataset:
    ds = Dataset(df=pd.DataFrame({
        "id": [3.0, 1.0, 2.0, 1.0, 3.0, 2.0],
        "t": [1.0, 1.0, 1.0, 2.0, 2.0, 2.0],
        "x": [5.0, np.nan, 1.0, 2.0, 4.0, 3.0],
        "name": np.array(["c", "a", "b", "a", "c", "b"], dtype=object),
    }))
    ds.types.update(id="byte", t="byte", x="double", name="str1")
    return ds


def test_sort_and_gsort(new_session, run):
    s = new_session(data())
    run(s, "sort id t")
    assert s.data.numeric("id").tolist() == [1, 1, 2, 2, 3, 3] and s.data.sortedby == ("id", "t")
    run(s, "sort x")
    assert s.data.numeric("x")[:5].tolist() == [1, 2, 3, 4, 5] and np.isnan(s.data.numeric("x")[5])
    run(s, "gsort -x")
    assert s.data.numeric("x")[:5].tolist() == [5, 4, 3, 2, 1] and np.isnan(s.data.numeric("x")[5])
    assert s.data.sortedby == ()
    run(s, "gsort name -t")
    assert s.data.df["name"].tolist() == ["a", "a", "b", "b", "c", "c"] and s.data.numeric("t")[0] == 2


def test_keep_drop_observations_and_variables(new_session, run):
    s = new_session(data())
    assert run(s, "drop if x == .") == ("(1 observation deleted)\n", 0)
    assert run(s, "keep if id < 3") == ("(2 observations deleted)\n", 0)
    assert s.data.nobs == 3
    assert run(s, "drop in 1") == ("(1 observation deleted)\n", 0)
    assert run(s, "drop x name") == ("", 0)
    assert s.data.varnames == ["id", "t"]
    run(s, "keep t")
    assert s.data.varnames == ["t"]
    assert run(s, "drop nosuch")[1] == 111
    assert run(s, "drop")[1] == 100


def test_drop_all_on_empty_data_runs_on(new_session, run):
    """``clear`` then ``drop _all`` (a do-file header idiom) is not an error; ``keep _all``
    and a bare ``drop`` still need variables."""
    s = new_session(Dataset())
    assert run(s, "drop _all") == ("", 0)
    assert run(s, "set obs 3\ndrop _all")[1] == 0 and s.data.nobs == 0
    assert run(s, "drop")[1] == 100


def test_by_drop_within_groups(new_session, run):
    s = new_session(data())
    assert run(s, "bysort id (t): drop if _n == 1") == ("(3 observations deleted)\n", 0)
    assert s.data.numeric("t").tolist() == [2, 2, 2]


def test_rename_and_order(new_session, run):
    s = new_session(data())
    run(s, "rename x y")
    assert "y" in s.data.varnames and "x" not in s.data.varnames
    assert run(s, "rename y id") == ("variable id already defined\nr(110);\n", 110)
    run(s, "rename (id t) (pid time)")
    assert s.data.varnames[:2] == ["pid", "time"]
    run(s, "order name")
    assert s.data.varnames == ["name", "pid", "time", "y"]
    run(s, "order name, last")
    assert s.data.varnames[-1] == "name"
    run(s, "order y, after(pid)")
    assert s.data.varnames == ["pid", "y", "time", "name"]


def test_rename_groups_wildcards_and_case(new_session, run):
    import pandas as pd
    s = new_session(pd.DataFrame({"a1": [1.0], "a2": [2.0], "b_old": [3.0], "Cx": [4.0]}))
    for text in ("rename a* z*", "rename *_old *", "rename Cx, lower", "rename (z1 z2) (z2 z1)"):
        assert run(s, text) == ("", 0), text
    assert s.data.varnames == ["z2", "z1", "b", "cx"]
    assert s.data.df["z2"].tolist() == [1.0]  # the swap went through temporary names
    run(s, "rename *, upper")
    assert s.data.varnames == ["Z2", "Z1", "B", "CX"]
    run(s, "rename Z?, proper")
    assert s.data.varnames == ["Z2", "Z1", "B", "CX"]
    assert run(s, "rename CX, lower upper")[1] == 198
    assert run(s, "rename B Z1")[1] == 110
    assert run(s, "rename Z* B")[1] == 198  # wildcards differ
    assert run(s, "rename (Z1 Z2) (Q Q)")[1] == 198
    assert run(s, "rename Q* R*")[1] == 111
    assert run(s, "rename B#")[1] == 198
    assert run(s, "rename B x y")[1] == 198
    assert s.data.varnames == ["Z2", "Z1", "B", "CX"]  # failures changed nothing


def test_label_commands(new_session, run):
    s = new_session(data())
    run(s, 'label define yn 1 "yes" 2 "no"')
    out, rc = run(s, 'label define yn 3 "maybe"')
    assert (out, rc) == ("label yn already defined\nr(110);\n", 110)
    run(s, 'label define yn 3 "maybe", add')
    assert run(s, 'label define yn 3 "again", add')[1] == 180
    run(s, 'label define yn 3 "perhaps", modify')
    run(s, "label values id yn")
    run(s, 'label variable id "Person id"')
    assert s.data.var_labels["id"] == "Person id" and s.data.value_label_of["id"] == "yn"
    out, _ = run(s, "label list yn")
    assert out == "yn:\n           1 yes\n           2 no\n           3 perhaps\n"
    assert run(s, "label values name yn")[1] == 181
    assert run(s, "label list nolab")[1] == 111
    run(s, "label values id")
    assert "id" not in s.data.value_label_of
    run(s, "label drop yn")
    assert "yn" not in s.data.value_labels
    run(s, 'label data "My data"')
    assert s.data.label == "My data"


def test_format_command_and_list_respects_it(new_session, run):
    s = new_session(data())
    run(s, "format x %6.2f")
    assert s.data.formats["x"] == "%6.2f"
    out, _ = run(s, "list x in 1")
    assert "  1. | 5.00 |" in out
    assert run(s, "format x %q")[1] == 120
    assert run(s, "format name %9.2f")[1] == 120
    run(s, "format name %-10s")
    assert s.data.formats["name"] == "%-10s"


def test_encode_decode(new_session, run):
    s = new_session(data())
    run(s, "encode name, gen(code)")
    assert s.data.numeric("code").tolist() == [3, 1, 2, 1, 3, 2]
    assert s.data.value_labels["code"] == {1.0: "a", 2.0: "b", 3.0: "c"}
    assert s.data.types["code"] == "long"
    run(s, "decode code, gen(back)")
    assert s.data.df["back"].tolist() == s.data.df["name"].tolist()
    assert run(s, "encode x, gen(z)") == ("not possible with numeric variable\nr(107);\n", 107)
    assert run(s, "decode x, gen(z)") == ("x not labeled\nr(182);\n", 182)
    assert run(s, "encode name")[1] == 198


def test_recode(new_session, run):
    s = new_session(data())
    assert run(s, "recode x (1 2 = 0) (3/5 = 1)") == ("(x: 5 changes made)\n", 0)
    assert s.data.numeric("x")[[0, 2, 3, 4, 5]].tolist() == [1, 0, 0, 1, 1]
    out, _ = run(s, "recode id (3 = 30) (else = 0), gen(id2)")
    assert out == "(6 differences between id and id2)\n"
    assert s.data.numeric("id2").tolist() == [30, 0, 0, 0, 30, 0]
    assert s.data.types["id2"] == "byte"
    run(s, "recode t (min = 10) (max = 20)")
    assert s.data.numeric("t").tolist() == [10, 10, 10, 20, 20, 20]
    run(s, "recode x (missing = -1)")
    assert s.data.numeric("x")[1] == -1
    assert run(s, "recode name (1 = 2)")[1] == 109


def test_xtset(new_session, run):
    s = new_session(data())
    out, rc = run(s, "xtset id t")
    assert rc == 0
    assert out == ("       panel variable:  id (strongly balanced)\n"
                   "        time variable:  t, 1 to 2\n"
                   "                delta:  1 unit\n")
    assert s.data.chars["_TSpanel"] == "id" and s.r["timevar"] == "t"
    assert s.data.numeric("id").tolist() == [1, 1, 2, 2, 3, 3]
    run(s, "drop in 1")
    out, _ = run(s, "xtset id t")
    assert out.splitlines()[0] == "       panel variable:  id (unbalanced)"
    out, _ = run(s, "xtset")
    assert out.startswith("       panel variable:  id")
    out, _ = run(s, "xtset id")
    assert out == "       panel variable:  id (unbalanced)\n"
    assert run(s, "xtset name")[1] == 109
    run(s, "gen one = 1")
    assert run(s, "xtset one")[0] == "       panel variable:  one (balanced)\n"
    assert run(s, "xtset one t") == ("repeated time values within panel\nr(451);\n", 451)


def test_preserve_restore(new_session, run):
    s = new_session(data())
    run(s, "preserve")
    run(s, "drop if id == 1\ngen y = 2")
    assert run(s, "preserve") == ("already preserved\nr(621);\n", 621)
    run(s, "restore")
    assert s.data.nobs == 6 and "y" not in s.data.varnames
    assert run(s, "restore") == ("nothing to restore\nr(622);\n", 622)
    run(s, "preserve\ndrop in 1\nrestore, preserve")
    assert s.data.nobs == 6 and s.preserved is not None
    run(s, "drop in 1\nrestore, not")
    assert s.data.nobs == 5 and s.preserved is None


def test_gsort_generate_and_bad_recode_rule(new_session, run):
    s = new_session(data())
    assert run(s, "gsort id, gen(k)")[1] == 0
    assert s.data.numeric("k").tolist() == [1, 1, 2, 2, 3, 3]
    assert run(s, "recode id (1/ = 2)") == ("invalid syntax\nr(198);\n", 198)


def test_label_dir_and_list_set_stata_r(do):
    rc, out, s = do('label define yn 0 "no" 1 "yes" .a "refused"\nlabel define other 5 "five"\nlabel dir')
    assert rc == 0 and s.r["names"] == "yn other"
    rc, out, s = do("label list yn", session=s)
    assert (s.r["k"], s.r["min"], s.r["max"], s.r["hasemiss"]) == (3, 0, 1, 1)
    rc, out, s = do("label list other", session=s)
    assert (s.r["k"], s.r["min"], s.r["max"], s.r["hasemiss"]) == (1, 5, 5, 0)
    rc, out, s = do("label list, foo", session=s)
    assert rc == 198 and "option foo not allowed" in out
