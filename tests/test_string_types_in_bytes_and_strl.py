"""New string variables made by parmest, regsave and meta set take ``str#`` wide enough in
bytes (UTF-8, as Stata 14 and later count), at least str1 and strL past str2045: the shared
rule text_bytes.string_storage_type.  parmest's label and meta set's _meta_studylabel once
counted characters (``Âgé du ménage`` str13 where Stata makes str16).

append, merge, reshape and stack widen a string variable to the wider of the two types
(common.wider_type); a strL on either side makes strL, as Stata promotes str# to strL.
The helper once took strL for str2045, so appending a 3,000-byte strL onto a str5 left a
str2045 variable holding 3,000 bytes."""
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


WIDEST_WHO = max(len(f"{w}{i}".encode()) for i, w in enumerate(["Zoë"] * 10 + ["Åsa"] * 10, start=1))


@pytest.fixture
def data(new_session, run):
    session = new_session(None)
    printed, rc = run(session, DATA)
    assert rc == 0, printed
    return session


@pytest.fixture
def files(new_session, run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = new_session(None)
    printed, rc = run(session, 'clear\nset obs 2\ngen strL s = "a"\nreplace s = 3000 * "x" in 2\ngen id = _n\n'
                               'save L\nclear\nset obs 1\ngen str5 s = "abcde"\ngen id = 9\nsave S\n'
                               'gen str40 w = "b"\nsave W\n')
    assert rc == 0, printed
    return session


CASES = [
    ("data", "parmest, label norestore",
     {"parm": "str5", "label": f"str{len('Âgé du ménage'.encode())}"}),   # 16 bytes, 13 characters
    ("data", 'parmest, idstr("é") norestore', {"idstr": "str2"}),
    ("data", "regsave", {"var": "str5"}),
    # coefplot's marker labels: "Zoë" has 3 characters, 4 bytes
    ("data", 'quietly coefplot, mlabel("Zoë") generate(c_) nodraw', {"c_mlbl": "str4"}),
    ("data", "quietly meta set es se, studylabel(who)", {"_meta_studylabel": f"str{WIDEST_WHO}"}),
    ("files", "use S, clear\nappend using L", {"s": "strL"}),
    ("files", "use L, clear\nmerge 1:1 id using S, nogenerate", {"s": "strL"}),
    ("files", "use S, clear\nrename s w\nappend using W", {"w": "str40"}),
]


@pytest.mark.parametrize("setup,line,types", CASES)
def test_new_string_types(request, run, setup, line, types):
    session = request.getfixturevalue(setup)
    printed, rc = run(session, line)
    assert rc == 0, printed
    for name, expected in types.items():
        printed, rc = run(session, f"local t : type {name}\ndisplay \"`t'\"")
        assert rc == 0 and printed.split()[-1] == expected, (line, name, printed)


def test_appended_strl_keeps_its_bytes(files, run):
    printed, rc = run(files, "use S, clear\nappend using L\ndisplay strlen(s[3])")
    assert rc == 0 and printed.split()[-1] == "3000", printed


def test_string_type_of_width():
    from mlmcli.text_bytes import string_storage_type, string_type_of_width

    assert [string_type_of_width(w) for w in (0, 1, 9, 2045, 2046)] == ["str1", "str1", "str9", "str2045", "strL"]
    assert string_storage_type(["", "ab", "é"]) == "str2" and string_storage_type([]) == "str1"
