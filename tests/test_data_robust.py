"""Random command lines built from the data commands' vocabulary give results or Stata
errors, never an internal error (run in a scratch folder: some lines write files)."""
from __future__ import annotations

import io
import os

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mlmcli.dataset import Dataset
from mlmcli.runner import Runner
from mlmcli.session import Output, Session

COMMANDS = ["use", "save", "import delimited", "export delimited", "insheet", "clear", "describe", "list", "count",
            "summarize", "tabulate", "fre", "tabstat", "generate", "replace", "egen", "sort", "gsort", "keep", "drop",
            "rename", "order", "label", "format", "encode", "decode", "recode", "xtset", "preserve", "restore",
            "merge", "append", "collapse", "reshape"]
WORDS = ["x", "g", "s", "t", "nosuch", "=", "==", "(", ")", "(mean)", "(sd)", "1", "2.5", "-1", ".", '"a"', '""',
         ",", "if", "in", "1/2", "f/l", "using", "x.dta", "by(g)", "gen(z)", "i(g)", "j(t)", "long", "wide",
         "define", "values", "variable", "list", "lab", "%9.2f", "%5s", "%q", "[fw=g]", "[aw=x]", "m:1", "1:1",
         "keep(match)", "nogen", "missing", "detail", "stat(mean sd)", "col(stat)", "format", "*", "x-g",
         "mean(x)", "group(g)", "tag(g)", "rowmean(x g)", "else", "min/max", "3/5", "clean", "noobs", "sepby(g)",
         "row", "chi2", "replace", "clear", "nolabel", "str3", "byte", "z", "_n", "update", "values(1 2)"]
PREFIXES = ["", "", "", "by g: ", "bysort g: ", "capture ", "quietly "]


def fresh_session() -> Session:
    ds = Dataset(df=pd.DataFrame({"x": [1.0, 2, np.nan, 4, 5], "g": [1.0, 1, 2, 2, 3], "t": [1.0, 2, 1, 2, 1],
                                  "s": np.array(["a", "", "b", "a", "c"], dtype=object)}))
    ds.types.update(x="float", g="byte", t="byte", s="str1")
    return Session(data=ds, out=Output(io.StringIO()))


@pytest.fixture(scope="module")
def scratch_cwd(tmp_path_factory):
    old = os.getcwd()
    os.chdir(tmp_path_factory.mktemp("robust"))
    yield
    os.chdir(old)


@settings(max_examples=300, deadline=None)
@given(prefix=st.sampled_from(PREFIXES), command=st.sampled_from(COMMANDS),
       words=st.lists(st.sampled_from(WORDS), max_size=7))
def test_random_data_commands_never_crash(scratch_cwd, prefix, command, words):
    s = fresh_session()
    Runner(s).run_text(prefix + command + " " + " ".join(words), echo=False)
    assert "internal error" not in s.out.stream.getvalue()
