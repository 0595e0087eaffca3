"""doedit ([R] doedit): mlm has no Do-file Editor; a do-file that opens one runs through with a
note naming the file, creating nothing (the CHAIN cohort's do-file starts with doedit of its own
path); two unquoted words are one file name too many (r(198), as log using)."""
from __future__ import annotations


def test_doedit_notes_and_creates_nothing(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, _ = do('doedit\ndoedit "my analysis.do"\ndoed other.do')
    assert rc == 0
    assert out.count("(doedit: mlm has no Do-file Editor") == 3
    assert "; my analysis.do)" in out and "; other.do)" in out
    assert list(tmp_path.iterdir()) == []
    rc, out, _ = do("doedit my analysis.do")
    assert rc == 198 and "invalid 'analysis.do'" in out
