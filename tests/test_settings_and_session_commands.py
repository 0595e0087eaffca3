"""``set`` forms (honoured, accepted, refused), ``c()`` values, ``log`` without a subcommand,
``mata`` blocks, ``cls``, ``browse``/``edit``, ``erase``, ``about``."""
from __future__ import annotations

import pandas as pd
import pytest


# ----------------------------------------------------------------------------- set
def test_set_level_is_the_default_confidence_level(do):
    rc, out, s = do("set level 90\ndisplay c(level)")
    assert rc == 0 and out.strip() == "90" and s.level == 90.0
    rc, out, _ = do("set level 5")
    assert rc == 198 and "level() must be between 10 and 99.99 inclusive" in out


def test_set_type_double_is_generate_and_egen_default(do):
    rc, out, s = do("set obs 3\nset type double\ngen x = _n/3\negen m = mean(x)\ngen float f = 1")
    assert rc == 0
    assert s.data.types["x"] == "double" and s.data.types["m"] == "double" and s.data.types["f"] == "float"
    assert s.data.df["x"][0] == 1 / 3  # not rounded to single precision
    assert do("set type int")[0] == 198


def test_set_varabbrev_off_requires_full_names(do):
    rc, out, s = do("set obs 1\ngen income = 1\nsummarize inc")
    assert rc == 0
    rc, out, s = do("set varabbrev off\nsummarize inc", session=s)
    assert rc == 111 and "variable inc not found" in out
    rc, out, s = do("clear\nset obs 1\ngen income = 2\nsummarize inc", session=s)  # a new dataset too
    assert rc == 111
    assert do("set varabbrev on\nsummarize inc", session=s)[0] == 0
    assert do("set varabbrev maybe")[0] == 198


def test_set_memory_message_and_accepted_settings(do):
    rc, out, s = do("set memory 100m")
    assert rc == 0 and out.splitlines() == [
        "set memory ignored.",
        "    Memory no longer needs to be set in modern Statas; see help memory for an explanation."]
    rc, out, s = do("set more off, permanently\nset matsize 800\nset pagesize 50\nset logtype text\n"
                    "set graphics off\nset trace off\nset emptycells keep\ndisplay c(matsize) \" \" c(more)")
    assert rc == 0 and out.strip() == "800 off"
    assert do("set matsize 5")[0] == 198
    assert do("set more sometimes")[0] == 198
    assert do("set more off, forever")[0] == 198


def test_set_maxvar_refused_with_data_in_memory(do):
    rc, out, _ = do("set maxvar 10000")
    assert rc == 0
    rc, out, _ = do("set obs 1\nset maxvar 10000")
    assert rc == 4 and "no; data in memory would be lost" in out


@pytest.mark.parametrize("line", ["set output inform"])  # set cformat: tests/test_set_display_formats.py; emptycells drop: test_heldout_leftovers42.py
def test_settings_mlm_does_not_implement_are_refused_not_ignored(do, line):
    rc, out, _ = do(line)
    assert rc == 198 and "is not implemented in mlm" in out


def test_unknown_setting(do):
    rc, out, _ = do("set frobnicate 1")
    assert rc == 198 and "set frobnicate not allowed" in out


# ----------------------------------------------------------------------------- c()
def test_c_values_as_strings_and_numbers(do):
    rc, out, s = do('if c(os) == "Unix" display "unix"\ndisplay c(N) + c(k)\n'
                    'display "`c(os)\' `c(type)\' `c(dirsep)\'"\ndisplay c(maxbyte) \" \" c(version)')
    assert rc == 0
    assert out.splitlines() == ["unix", "0", "Unix float /", "100 13"]
    rc, out, s = do("set obs 4\ngen x = 1\ndisplay c(N) \" \" c(k) \" \" c(changed)\ndisplay `c(N)' * 2")
    assert out.splitlines()[-2:] == ["4 1 1", "8"]
    rc, out, _ = do('display "[`r(nosuch)\']"\ndisplay length(c(current_date)) >= 10')
    assert out.splitlines() == ["[]", "1"]


def test_current_date_pads_a_one_digit_day_with_a_space(do):
    """Stata 16.1's ``creturn list``: ``c(current_date) = " 3 Feb 2023"`` (a public log)."""
    import re
    import time

    from mlmcli.expr.system_values import current_date_text

    assert current_date_text(2023, 2, 3) == " 3 Feb 2023"
    assert current_date_text(2026, 12, 13) == "13 Dec 2026"
    rc, out, _ = do("display \"[`c(current_date)']\"\ndisplay length(c(current_date))")
    text, length = out.splitlines()
    assert re.fullmatch(r"\[[ 123]\d [A-Z][a-z]{2} \d{4}\]", text) and length == "11", out
    assert text[1:3] == f"{time.localtime().tm_mday:2d}"


# ----------------------------------------------------------------------------- log
def test_log_alone_is_log_query_and_off_on(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    rc, out, _ = do("log\nquietly log")
    assert rc == 0 and out.strip() == "no log file open"
    rc, out, s = do('log using a.log, text\ndisplay "one"\nlog off\ndisplay "two"\nlog on\n'
                    'display "three"\nlog close')
    assert rc == 0
    text = (tmp_path / "a.log").read_text()
    assert "one" in text and "three" in text and "two" not in text
    assert do("log off")[0] == 606


# ----------------------------------------------------------------------------- mata
def test_mata_block_runs_and_the_line_after_end_is_a_stata_command(do):
    rc, out, s = do("mata:\nx = 1\ny = x + 1\nend\ndisplay 5")
    assert rc == 0 and s.mata["y"].tolist() == [[2]] and out.rstrip().endswith("5")
    from mlmcli.runner import Runner
    from mlmcli.session import Output, Session
    import io
    s = Session(out=Output(io.StringIO()))
    rc = Runner(s).run_text("mata\nst_local(\"a\", \"1\")\nend\ndisplay 7 + `a'", echo=False, stop_on_error=False)
    lines = s.out.stream.getvalue().splitlines()
    assert lines[-1] == "8"  # the line after `end` runs as a Stata command, with the local Mata set


def test_mata_one_line(do):
    rc, out, s = do("mata: x = 1")
    assert rc == 0 and s.mata["x"].tolist() == [[1]]


# ----------------------------------------------------------------------------- screen, editor, files
def test_cls_browse_edit_are_messages_not_errors(do, new_session):
    s = new_session(pd.DataFrame({"x": [1.0, 2.0]}))
    rc, out, s = do("cls\nbrowse\nbro x if x > 1\nedit x in 1", session=s)
    assert rc == 0
    assert out.splitlines() == ["(browse: mlm has no Data Editor; use list to see the data)"] * 2 + [
        "(edit: mlm has no Data Editor; use list to see the data)"]
    assert do("browse nosuch", session=s)[0] == 111
    # Stata's cls reads nothing after its word (a course's do-files open with `cls, clear all`)
    assert do("cls, clear all", session=s)[0] == 0 and s.data.nobs == 2


def test_erase(do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.dta").write_bytes(b"x")
    rc, out, _ = do("erase old.dta")
    assert rc == 0 and not (tmp_path / "old.dta").exists()
    rc, out, _ = do('erase "old.dta"')
    assert rc == 601 and "file old.dta not found" in out
    (tmp_path / "d").mkdir()
    assert do("rm d")[0] == 608


def test_about(do):
    rc, out, _ = do("about")
    assert rc == 0 and "not Stata" in out
