"""Every string column has a string storage type (str# or strL) whichever way it entered the
data, so ``describe`` shows it and ``replace`` can widen or shorten it.

The root cause tested first: a DataFrame handed to ``Dataset`` (or assigned to ``ds.df``) with a
text column used to leave ``types`` without an entry, so the column was taken for a ``float``
and ``replace s = s + "x"`` failed on ``int("at")``.  Then each command path that creates or
rebuilds string columns, checked the same way."""
import re

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset

STRING_TYPE = re.compile(r"str([1-9]\d*)|strL")

BASE = 'clear\ninput id str5 s x\n1 "ab" 3\n2 "cde" 4\n3 "f" 5\nend\n'


def _assert_string_types(ds):
    for name in ds.varnames:
        if ds.is_string(name):
            assert STRING_TYPE.fullmatch(ds.types.get(name, "")), (name, ds.types.get(name))


def _assert_replace_works(do, session, name):
    """describe shows the type; a longer value widens it, substr() shortens the values."""
    rc, printed, _ = do(f"describe {name}", session=session)
    assert rc == 0
    assert re.search(rf"^{name}\s+(str\d+|strL)\s", printed, re.M), printed
    width = session.data.types[name]
    longest = max(len(str(v).encode()) for v in session.data.df[name]) if session.data.nobs else 0
    rc, printed, _ = do(f'replace {name} = {name} + "xy"', session=session)
    assert rc == 0, printed
    assert session.data.df[name].tolist()[0].endswith("xy")
    if width != "strL" and longest + 2 > int(width[3:]):
        assert session.data.types[name] == f"str{longest + 2}"
    rc, printed, _ = do(f"replace {name} = substr({name}, 1, 1)", session=session)
    assert rc == 0, printed
    assert all(len(v) <= 1 for v in session.data.df[name])


# ----------------------------------------------------------------- the root cause: Dataset itself
def test_dataframe_string_column_gets_a_width(do):
    rc, printed, session = do('describe\nreplace s = s + "x"\nreplace s = substr(s,1,1)',
                              df=pd.DataFrame({"s": ["ab", "c"], "x": [1, 2]}))
    assert rc == 0, printed
    assert re.search(r"^s\s+str2\s+%9s", printed, re.M), printed
    assert "variable s was str2 now str3" in printed
    assert session.data.df["s"].tolist() == ["a", "c"]


@pytest.mark.parametrize("values", [["ab", None, "cde"], ["ab", np.nan, "cde"],
                                    pd.array(["ab", pd.NA, "cde"], dtype="string")])
def test_missing_text_becomes_empty_string(values, do):
    rc, printed, session = do('replace s = s + "x"', df=pd.DataFrame({"s": values}))
    assert rc == 0, printed
    assert session.data.df["s"].tolist() == ["abx", "x", "cdex"]
    assert session.data.types["s"] == "str4"


def test_long_text_is_strL():
    ds = Dataset(df=pd.DataFrame({"s": ["a" * 3000, "b"]}))
    assert ds.types["s"] == "strL"


def test_width_counts_bytes_not_characters():
    assert Dataset(df=pd.DataFrame({"s": ["é"]})).types["s"] == "str2"  # UTF-8: two bytes


def test_assigned_frame_gets_types_existing_ones_kept():
    ds = Dataset(df=pd.DataFrame({"s": ["ab"]}), types={"s": "str10"})
    assert ds.types["s"] == "str10"  # a declared wider type stays
    ds.df = ds.df.assign(t=["xyz"])
    assert ds.types == {"s": "str10", "t": "str3"}


def test_a_numeric_column_typed_str_gets_its_numeric_type_back():
    ds = Dataset(df=pd.DataFrame({"s": ["ab"]}))
    ds.df = pd.DataFrame({"s": [1.5]})
    assert ds.types["s"] == "float"
    assert not ds.is_string("s")


def test_set_variable_with_text_over_a_numeric_variable():
    ds = Dataset(df=pd.DataFrame({"x": [1.0, 2.0]}), types={"x": "double"})
    ds.set_variable("x", np.array(["a", "bcd"], dtype=object))
    assert ds.types["x"] == "str3"


def test_numeric_columns_without_type_keep_the_implicit_default():
    assert Dataset(df=pd.DataFrame({"x": [1.5]})).types == {}


def test_snapshot_and_copy_keep_derived_types():
    ds = Dataset(df=pd.DataFrame({"s": ["ab"]}))
    assert ds.copy().types["s"] == "str2" and ds.snapshot().types["s"] == "str2"


# ----------------------------------------------------------------- command paths
PATHS = {
    "input": "",
    "set_obs": "set obs 5",
    "import_delimited": "export delimited using t.csv, replace\nimport delimited using t.csv, clear",
    "import_excel": "export excel using t.xlsx, replace firstrow(variables)\nimport excel using t.xlsx, clear firstrow",
    "use": "save t.dta, replace\nuse t.dta, clear",
    "use_format_114": "saveold t114.dta, replace version(11)\nuse t114.dta, clear",
    "import_parquet": "export parquet using t.parquet, replace\nimport parquet using t.parquet, clear",
    "import_spss": "export spss using t.sav, replace\nimport spss using t.sav, clear",
    "collapse": "collapse (sum) x, by(s)",
    "contract": "contract s",
    "reshape": "reshape wide x, i(id) j(s) string\nreshape long x, i(id) j(s) string",
    "merge": 'save m.dta, replace\nclear\ninput id str3 t\n1 "q"\n4 "zz"\nend\nmerge 1:1 id using m.dta',
    "append": 'save m.dta, replace\nclear\ninput id str8 s\n9 "longer1"\nend\nappend using m.dta',
    "joinby": 'save m.dta, replace\nclear\ninput id str3 t\n1 "q"\n2 "zz"\nend\njoinby id using m.dta',
    "cross": 'keep s\nsave m.dta, replace\nclear\ninput str3 t\n"q"\n"zz"\nend\ncross using m.dta',
    "expand": "expand 2",
    "fillin": "fillin s x",
    "encode_decode": "encode s, gen(e)\ndecode e, gen(d)",
    "split": "split s, gen(p) parse(d)",
    "egen": "egen c = concat(s x)\negen g = group(s)\negen t = tag(s)",
    "tostring": "tostring x, replace\ntostring id, gen(ids)",
    "destring": "gen n = string(x)\ndestring n, gen(nn)",
    "generate": 'gen t = s + "yy"\ngen strL u = s',
    "preserve_restore": "preserve\ndrop x\nrestore",
    "recast": "recast str20 s\nrecast strL s",
    "statsby": "statsby m=r(mean), by(s) clear: summarize x",
    "sort_keep_drop": "sort s\nkeep if x > 3\ndrop in 1",
    "svmat": 'gen y = x\nmkmat x y, matrix(M)\nclear\nsvmat M\ngen s = "a" + string(M1)',
    "separate": "separate x, by(s)",
    "rename": "rename s t\norder t",
    "stack": "stack s s, into(v) clear",
    "by_gsort_duplicates": "bysort s: gen k = _n\ngsort -s\nduplicates drop s, force",
    "postfile": ('tempname h\npostfile `h\' str4 w using p.dta, replace\npost `h\' ("ab")\n'
                 "postclose `h'\nuse p.dta, clear"),
    "putexcel_import": ('putexcel set pe.xlsx, replace\nputexcel A1 = "head" A2 = "val"\nputexcel save\n'
                        "import excel using pe.xlsx, clear firstrow"),
    "xpose": "drop s\nxpose, clear varname",
}


@pytest.mark.parametrize("path", list(PATHS))
def test_command_path_leaves_string_types(path, do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, printed, session = do(BASE + PATHS[path])
    assert rc == 0, printed
    _assert_string_types(session.data)
    strings = [v for v in session.data.varnames if session.data.is_string(v)]
    assert strings, "the path should leave a string variable"
    for name in strings:
        _assert_replace_works(do, session, name)


# ----------------------------------------------------------------- levelsof into data
def test_levelsof_list_put_into_a_variable(do):
    """levelsof's r(levels) quotes each level in compound quotes; put inside compound quotes
    again (`"`L'"') it is one string literal, as Stata's quotes nest."""
    rc, printed, session = do(BASE + "levelsof s, local(L)\ngen w = `\"`L'\"'")
    assert rc == 0, printed
    assert session.data.df["w"].iloc[0] == "`\"ab\"' `\"cde\"' `\"f\"'"
    _assert_string_types(session.data)
    _assert_replace_works(do, session, "w")


@pytest.mark.parametrize("literal, shown", [
    ("`\"a `\"b\"' c\"'", "a `\"b\"' c"),                  # one level of nesting
    ("`\"`\"`\"x\"'\"'\"'", "`\"`\"x\"'\"'"),                 # two
    ("`\"say \"hi\" there\"'", 'say "hi" there'),            # plain quotes inside
])
def test_nested_compound_quotes_are_one_string(literal, shown, do):
    rc, printed, _ = do(f"display {literal}")
    assert rc == 0, printed
    assert printed.strip().splitlines()[-1] == shown


def test_two_compound_strings_stay_two(do):
    rc, printed, _ = do("display `\"a\"' + `\"b\"'")
    assert rc == 0 and printed.strip().splitlines()[-1] == "ab"


def test_import_sas_transport_file(do, tmp_path, monkeypatch):
    prs = pytest.importorskip("pyreadstat")
    monkeypatch.chdir(tmp_path)
    prs.write_xport(pd.DataFrame({"S": ["ab", "cde"], "X": [1.0, 2.0]}), "t.xpt")
    rc, printed, session = do("import sas using t.xpt, clear")
    assert rc == 0, printed
    assert session.data.types["S"] == "str3"
    _assert_replace_works(do, session, "S")
