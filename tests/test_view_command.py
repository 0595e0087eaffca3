"""view ([R] view): mlm's output is its Viewer.  ``view [file] filename`` shows the file as type
does (a .smcl log laid out as SMCL, asis as plain text), ``view help|search|...`` runs the
command, ``view browse url`` notes that no browser is opened; a missing file is r(601) (as in
the PHIRST do-file that ends viewing its own smcl log)."""
from __future__ import annotations


def test_view_shows_a_smcl_log_as_type_does(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, _, s = do("set obs 3\ngen y = _n\nlog using vlog, smcl replace\nsummarize y\nlog close", echo=True)
    assert rc == 0
    raw = (tmp_path / "vlog.smcl").read_text()
    assert "{txt}" in raw and "{com}" in raw
    rc, viewed, _ = do("view vlog.smcl", session=s)
    rc2, typed, _ = do("type vlog.smcl", session=s)
    assert rc == rc2 == 0 and viewed == typed
    assert "summarize y" in viewed and "{txt}" not in viewed and "{com}" not in viewed
    assert "Variable |" in viewed
    rc, asis, _ = do('view file "vlog.smcl", asis', session=s)
    assert rc == 0 and asis.rstrip("\n").split("\n") == raw.rstrip("\n").split("\n")


def test_view_text_file_and_errors(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("first\tline\nsecond line\n")
    rc, out, _ = do("view notes.txt")
    assert rc == 0 and out.split("\n")[:2] == ["first   line", "second line"]
    rc, out, _ = do("view missing.smcl")
    assert rc == 601 and "file missing.smcl not found" in out
    rc, out, _ = do("view notes.txt, nosuch")
    assert rc == 198 and "option nosuch not allowed" in out
    rc, out, _ = do("view")
    assert rc == 198


def test_view_subcommands(do):
    rc, viewed, _ = do("view help type")
    rc2, helped, _ = do("help type")
    assert rc == rc2 == 0 and viewed == helped and "Display contents of a file" in viewed
    rc, out, _ = do("view browse https://www.stata.com")
    assert rc == 0 and "mlm opens no browser: https://www.stata.com" in out


def test_view_adopath_finds_the_file_along_the_ado_path(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "myado"
    (folder / "m").mkdir(parents=True)
    (folder / "m" / "mytool.sthlp").write_text("{smcl}\n{title:My tool}\n{pstd}Some {it:help}.{p_end}\n")
    rc, out, s = do(f'adopath + "{folder}"\nview mytool.sthlp, adopath')
    assert rc == 0 and "My tool" in out and "Some help." in out and "{pstd}" not in out
    rc, out, _ = do("view nosuchfile.sthlp, adopath", session=s)
    assert rc == 601 and "not found" in out
