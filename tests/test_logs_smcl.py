"""log using (SMCL by default, text, named logs), translate, cmdlog."""
from __future__ import annotations

import pytest

SCRIPT = 'display "{braces} and } alone"\ndisplay 1+1\ncapture noisily confirm variable nothere\n'


def _body(text: str) -> list[str]:
    """A log without its opening and closing information blocks."""
    lines = text.splitlines()
    return [ln for ln in lines if not ln.lstrip().startswith(("name:", "log:", "log type:", "opened on:",
                                                              "closed on:"))]


def test_log_defaults_to_smcl_and_translates_to_the_text_log(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, s = do("set obs 3\ngen x = _n\nlog using first\n" + SCRIPT + "summarize x\nlog close\n"
                    "log using second, text\n" + SCRIPT + "summarize x\nlog close\n"
                    "translate first.smcl first.log", echo=True)
    assert rc == 0, out
    smcl = (tmp_path / "first.smcl").read_text()
    assert smcl.startswith("{smcl}\n")
    assert "{com}. display" in smcl and "{c -(}braces{c )-}" in smcl
    assert "log type:  smcl" in smcl
    assert "(file first.log written in .log format)" in out
    translated = (tmp_path / "first.log").read_text()
    text_log = (tmp_path / "second.log").read_text()
    assert "{" in translated and "{c -(}" not in translated
    assert _body(translated) == _body(text_log)
    assert "variable nothere not found" in translated


def test_log_using_refusals_leave_no_file(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kept.smcl").write_text("{smcl}\nold\n")
    rc, out, _ = do("log using kept")
    assert (rc, out) == (602, "file kept.smcl already exists\nr(602);\n")
    assert (tmp_path / "kept.smcl").read_text() == "{smcl}\nold\n"
    assert do("log using a, text smcl")[0] == 198
    assert do("log using a, append replace")[0] == 198
    assert do("log using a, bogus")[:2] == (198, "option bogus not allowed\nr(198);\n")
    assert not (tmp_path / "a.smcl").exists() and not (tmp_path / "a.log").exists()
    assert do("log close")[:2] == (606, "no log file open\nr(606);\n")


def test_append_keeps_the_old_log(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    do('log using a.log\ndisplay "one"\nlog close')
    do('log using a.log, append\ndisplay "two"\nlog close')
    text = (tmp_path / "a.log").read_text()
    assert text.index("one") < text.index("two")


def test_named_logs_write_at_once_and_close_one_by_one(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, s = do('log using a, text name(first)\nlog using b, smcl name(second)\ndisplay "both"\n'
                    'log off first\ndisplay "only b"\nlog close first\ndisplay "still b"\nlog close second')
    assert rc == 0, out
    a, b = (tmp_path / "a.log").read_text(), (tmp_path / "b.smcl").read_text()
    assert "both" in a and "only b" not in a and "still b" not in a
    assert "both" in b and "only b" in b and "still b" in b
    assert "name:  first" in a and "name:  second" in b
    assert s.out.log is None
    rc, out, _ = do("log using a2, text name(n1)\nlog using a2, text name(n2) replace")
    assert rc == 604


def test_two_unnamed_logs_are_refused(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, s = do("log using a, text\nlog using b, text")
    assert (rc, out.splitlines()[-2:]) == (604, ["log file already open", "r(604);"])
    do("log close _all", session=s)
    assert s.out.log is None


def test_translate_refusals(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert do("translate none.smcl out.log")[0] == 601
    (tmp_path / "plain.smcl").write_text("not smcl\n")
    assert do("translate plain.smcl out.log")[0] == 610
    (tmp_path / "ok.smcl").write_text("{smcl}\n{txt}hello {hline 3} {c -(}x{c )-}\n")
    assert do("translate ok.smcl out.ps")[0] == 198
    assert do("translate ok.smcl out.log")[0] == 0
    assert (tmp_path / "out.log").read_text() == "hello --- {x}\n"
    rc, out, _ = do("translate ok.smcl out.log")
    assert rc == 602 and (tmp_path / "out.log").read_text() == "hello --- {x}\n"
    assert do("translate ok.smcl out.log, replace translator(smcl2txt)")[0] == 0


@pytest.mark.parametrize("line, tagged", [
    (". summarize x", "{com}. summarize x"),
    ("r(111);", "{err}r(111);"),
    ("a {b} c", "{txt}a {c -(}b{c )-} c"),
])
def test_smcl_line_tags(line, tagged):
    from mlmcli.commands.program.logs import smcl_line, smcl_to_text

    assert smcl_line(line) == tagged
    assert smcl_to_text(tagged) == line


def test_cmdlog_records_the_commands_typed(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, s = do("cmdlog using cmds\ndisplay 1\nset obs 2\ncmdlog off\ndisplay 2\ncmdlog on\n"
                    "gen y = 1\ncmdlog close")
    assert rc == 0, out
    assert (tmp_path / "cmds.txt").read_text() == "display 1\nset obs 2\ncmdlog off\ngen y = 1\ncmdlog close\n"
    assert do("cmdlog close")[0] == 606
    assert do("cmdlog using cmds")[0] == 602


@pytest.mark.parametrize("smcl, text", [
    ("{txt}a {bf:bold} and {it:slanted} b", "a bold and slanted b"),  # the text of {tag:text} stays
    ("see {help regress:regress} or {browse \"http://a.b/c\":the page}", "see regress or the page"),
    ("{ralign 8:abc}|{lalign 5:de}|", "     abc|de   |"),
    ("{bf:{c |}} {c -(}x{c )-}", "| {x}"),  # inside out; literal braces survive
    ("{col 5}{res}1.0{col 12}2", "    1.0    2"),  # the digits after {col #} are text, not the column
    ("{c TLC}{hline 3}{c TRC}", "+---+"),
])
def test_smcl_text_directives(smcl, text):
    from mlmcli.commands.program.logs import smcl_to_text

    assert smcl_to_text(smcl) == text
