"""``creturn list`` ([P] creturn): layout as in a published Stata 13.1 log."""
from __future__ import annotations

import re


def test_creturn_list_layout(new_session, run):
    session = new_session()
    out, rc = run(session, "set obs 3\ngenerate x = 1\ncreturn list")
    assert rc == 0, out
    lines = out.splitlines()
    rule = "    " + "-" * (session.linesize - 5)
    start = lines.index("System values")
    assert lines[start + 1] == "" and lines[start + 2] == rule
    assert re.fullmatch(r'        c\(current_date\) = "[ \d]\d \w{3} \d{4}"', lines[start + 3])
    assert '             c(version) = 13                         (version)' in lines
    assert '              c(maxint) = 32740' in lines
    assert '                   c(N) = 3' in lines and '                   c(k) = 1' in lines
    assert '             c(changed) = 1' in lines
    assert '              c(dirsep) = "/"' in lines or '              c(dirsep) = "\\"' in lines
    assert all(ln.index("=") == 24 for ln in lines if ln.lstrip().startswith("c("))
    for title in ("Directories and paths", "Numerical and string limits", "Current dataset", "Other"):
        assert title in lines


def test_long_strings_are_cut(new_session, run, tmp_path, monkeypatch):
    folder = tmp_path / "a_rather_long_folder_name"
    folder.mkdir()
    monkeypatch.chdir(folder)
    out, rc = run(new_session(), "creturn list")
    assert rc == 0, out
    row = next(ln for ln in out.splitlines() if "c(pwd)" in ln)
    value = row.split(" = ", 1)[1]
    assert len(value) == 21 and value.endswith('.."') and value[1:18] == str(folder)[:17]


def test_creturn_needs_list(new_session, run):
    out, rc = run(new_session(), "creturn")
    assert rc == 198 and "invalid syntax" in out
    out, rc = run(new_session(), "creturn lis")
    assert rc == 0
