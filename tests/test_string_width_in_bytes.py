"""New string variables made by parmest, regsave and meta set take ``str#`` wide enough in
bytes (UTF-8, as Stata 14 and later count), at least str1 and strL past str2045: the shared
rule text_bytes.string_storage_type.  parmest's label and meta set's _meta_studylabel once
counted characters (``Âgé du ménage`` str13 where Stata makes str16)."""
from __future__ import annotations

import pytest

DATA = """clear
set obs 20
set seed 4
gen x = rnormal()
label variable x "Âgé du ménage"
gen y = x + rnormal()
gen str10 who = cond(_n<=10, "Zoë", "Åsa") + string(_n)
gen es = rnormal()
gen se = 0.5
quietly regress y x
"""


def _type(run, session, name: str) -> str:
    printed, rc = run(session, f"local t : type {name}\ndisplay \"`t'\"")
    assert rc == 0, printed
    return printed.split()[-1]


@pytest.fixture
def data(new_session, run):
    session = new_session(None)
    printed, rc = run(session, DATA)
    assert rc == 0, printed
    return session


def test_parmest_types_in_bytes(data, run):
    printed, rc = run(data, "parmest, label norestore")
    assert rc == 0, printed
    assert _type(run, data, "parm") == "str5"                               # _cons
    assert _type(run, data, "label") == f"str{len('Âgé du ménage'.encode())}"  # 16 bytes, 13 characters


def test_parmest_idstr_in_bytes(data, run):
    printed, rc = run(data, 'parmest, idstr("é") norestore')
    assert rc == 0, printed
    assert _type(run, data, "idstr") == "str2"


def test_regsave_names(data, run):
    printed, rc = run(data, "regsave")
    assert rc == 0, printed
    assert _type(run, data, "var") == "str5"


def test_meta_studylabel_in_bytes(data, run):
    printed, rc = run(data, "quietly meta set es se, studylabel(who)")
    assert rc == 0, printed
    widest = max(len(f"{w}{i}".encode()) for i, w in enumerate(["Zoë"] * 10 + ["Åsa"] * 10, start=1))
    assert _type(run, data, "_meta_studylabel") == f"str{widest}"


def test_string_type_of_width():
    from mlmcli.text_bytes import string_storage_type, string_type_of_width

    assert [string_type_of_width(w) for w in (0, 1, 9, 2045, 2046)] == ["str1", "str1", "str9", "str2045", "strL"]
    assert string_storage_type(["", "ab", "é"]) == "str2" and string_storage_type([]) == "str1"
