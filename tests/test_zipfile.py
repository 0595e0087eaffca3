"""zipfile/unzipfile ([D] zipfile): archives Python's zipfile reads back, wildcards and
directories, saving(, replace), unzipfile's replace and its refusals (nothing extracted)."""
from __future__ import annotations

import zipfile


def test_zip_and_unzip_round_trip(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("alpha")
    (tmp_path / "b.txt").write_text("beta")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("gamma")
    rc, out, s = do("zipfile *.txt sub, saving(bundle)")
    assert rc == 0 and out == "  adding: a.txt\n  adding: b.txt\n  adding: sub/c.txt\n\nfile bundle.zip saved\n"
    with zipfile.ZipFile(tmp_path / "bundle.zip") as z:
        assert sorted(z.namelist()) == ["a.txt", "b.txt", "sub/c.txt"] and z.read("sub/c.txt") == b"gamma"
    rc, out, s = do("zipfile a.txt, saving(bundle)")
    assert rc == 602 and "already exists" in out
    rc, out, s = do("unzipfile bundle")
    assert rc == 602 and "file a.txt already exists" in out
    (tmp_path / "a.txt").write_text("changed")
    rc, out, s = do("unzipfile bundle, replace")
    assert rc == 0 and (tmp_path / "a.txt").read_text() == "alpha"
    assert out.endswith("\nsuccessfully unzipped bundle.zip to current directory\n")
    assert "    inflating: sub/c.txt\n" in out


def test_refusals(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with zipfile.ZipFile(tmp_path / "evil.zip", "w") as z:
        z.writestr("../outside.txt", "x")
    rc, out, s = do("unzipfile evil")
    assert rc == 198 and not (tmp_path.parent / "outside.txt").exists()
    for line, want_rc in (("zipfile nothing.txt, saving(x)", 601), ("zipfile a.txt", 198),
                          ("unzipfile none", 601)):
        rc, out, s = do(line)
        assert rc == want_rc, (line, out)
    assert not (tmp_path / "x.zip").exists()
