"""Round 14 of the command fuzz (docs/command_fuzz.md): the data files and formats layer.

The lines tests/fuzz_round14_files.py found, each fix's behaviour, that its file check can fail,
and a few generated lines over the corpus (``MLM_FILES_FUZZ_COUNT`` for more)."""
from __future__ import annotations

import os
import sys
import time
import warnings
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fuzz_commands as fc  # noqa: E402
import fuzz_round14_files as r14  # noqa: E402
from fuzz_command_lines import Case  # noqa: E402
from mlmcli.runner import Runner  # noqa: E402


def _session_in(folder, monkeypatch):
    monkeypatch.chdir(folder)
    session = fc.fresh_session("full")
    return session, Runner(session)


def _run(runner, session, line: str) -> tuple[int, str]:
    session.out.stream.seek(0)
    session.out.stream.truncate()
    rc = runner.run_text(line, echo=False)
    return rc, session.out.stream.getvalue()


def _line_after(tmp_path, monkeypatch, setup: str, line: str):
    """(session, runner, rc, printed) of ``line`` after ``setup`` (which must succeed)."""
    session, runner = _session_in(tmp_path, monkeypatch)
    assert _run(runner, session, setup)[0] == 0
    return (session, runner, *_run(runner, session, line))


# ------------------------------------------------------------------ what the fuzz found
@pytest.mark.parametrize("content", [b"", b"garbage bytes, not the format\n" * 3])
def test_use_of_a_damaged_parquet_file_is_not_parquet_format(tmp_path, monkeypatch, content):
    # found: use empty.parquet reached DuckDB's InvalidInputException (r(9999))
    (tmp_path / "bad.parquet").write_bytes(content)
    session, runner = _session_in(tmp_path, monkeypatch)
    before = fc.fingerprint(session)
    for line in ("use bad.parquet, clear", "use bad.parquet, clear lazy", "use y using bad.parquet, clear",
                 "import parquet bad.parquet, clear"):
        rc, out = _run(runner, session, line)
        assert rc == 610, (line, out)
        assert "file bad.parquet not Parquet format" in out
        assert fc.fingerprint(session) == before


def test_import_delimited_lazy_of_a_folder(tmp_path, monkeypatch):
    # found: import delimited dir.csv, lazy was an IsADirectoryError (r(9999)); as without lazy: r(603)
    (tmp_path / "dir.csv").mkdir()
    session, runner = _session_in(tmp_path, monkeypatch)
    for line in ("import delimited dir.csv, clear lazy", 'import delimited dir.csv, clear lazy delimiters(";")',
                 "import delimited dir.csv, clear"):
        rc, out = _run(runner, session, line)
        assert rc == 603 and "file dir.csv could not be opened" in out, (line, out)


def test_a_glob_with_one_damaged_parquet_file_is_refused(tmp_path, monkeypatch):
    session, runner = _session_in(tmp_path, monkeypatch)
    assert _run(runner, session, "export parquet using a1.parquet")[0] == 0
    (tmp_path / "a2.parquet").write_bytes(b"PAR1 but not really")
    rc, out = _run(runner, session, "use a*.parquet, clear")
    assert rc == 610 and "not Parquet format" in out


@pytest.mark.parametrize("options, rc", [("cell(XFD1048576)", 198), ("cell(A1048576)", 198),
                                         ("cell(A1048537)", 0), ("cell(A1048538) firstrow(variables)", 198),
                                         ("cell(XEP1)", 198), ("cell(XEO1)", 0)])
def test_export_excel_from_a_cell_near_the_sheets_edge(tmp_path, monkeypatch, options, rc):
    # found: cell(XFD1048576) was openpyxl's ValueError (r(9999)); 40 rows x 16 variables must fit
    session, runner = _session_in(tmp_path, monkeypatch)
    got, out = _run(runner, session, f"export excel using new.xlsx, {options}")
    assert got == rc, out
    if rc:
        assert "is outside an Excel worksheet (16384 columns, 1048576 rows)" in out
        assert not (tmp_path / "new.xlsx").exists()


def test_export_excel_of_dates_past_year_9999(tmp_path, monkeypatch):
    # found by hand (a %tc/%td at 1e300): Python's datetime overflowed (r(9999)); a date outside
    # years 1-9999 is written as its number, the others as Excel dates
    import openpyxl

    setup = ("clear\nset obs 3\ngen double tc = tc(31dec9999 23:59:59.999)\nreplace tc = 1e300 in 2\n"
             "replace tc = -1e300 in 3\nformat tc %tc\ngen td = td(01jan0100)\nreplace td = 3e6 in 2\nformat td %td")
    *_, rc, out = _line_after(tmp_path, monkeypatch, setup, "export excel using dates.xlsx, firstrow(variables)")
    assert rc == 0, out
    rows = [[c.value for c in r] for r in openpyxl.load_workbook(tmp_path / "dates.xlsx").active.iter_rows()]
    assert rows[1][0].year == 9999 and rows[1][1].year == 100
    assert rows[2] == [1e300, 3000000] and rows[3][0] == -1e300


def test_parquet_keeps_dates_and_times_past_arrows_types(tmp_path, monkeypatch):
    # found by hand: a %tc of 1e300 went into timestamp[ms] through int64 (wrapped to -2^63), and
    # import parquet then failed in Arrow's float cast (r(9999)); such a column is now float64
    import pyarrow.parquet as pq

    session, runner = _session_in(tmp_path, monkeypatch)
    setup = ("clear\nset obs 3\ngen double tc = tc(31dec9999 23:59:59.999)\nreplace tc = 1e300 in 2\nformat tc %tc\n"
             "gen double td = td(01jan0100)\nreplace td = -1e300 in 3\nformat td %td\n"
             "gen double ok = tc(01jan2000 00:00:00)\nformat ok %tc")
    assert _run(runner, session, setup)[0] == 0
    before = session.data.df[["tc", "td", "ok"]].to_numpy().copy()
    assert _run(runner, session, "export parquet using d.parquet")[0] == 0
    schema = pq.read_schema(tmp_path / "d.parquet")
    assert [str(schema.field(n).type) for n in ("tc", "td", "ok")] == ["double", "double", "timestamp[ms]"]
    for line in ("import parquet d.parquet, clear", "use d.parquet, clear"):
        rc, out = _run(runner, session, line)
        assert rc == 0, out
        assert (session.data.df[["tc", "td", "ok"]].to_numpy() == before).all()
        assert [session.data.format_of(n) for n in ("tc", "td", "ok")] == ["%tc", "%td", "%tc"]


def test_save_nolabel_keeps_the_associations_not_the_definitions(tmp_path, monkeypatch):
    # found: save's nolabel (and orphans, all) were r(198); [D] save: nolabel omits the value
    # labels, the variables keep the names of theirs
    session, runner = _session_in(tmp_path, monkeypatch)
    for command in ("save", "saveold"):
        assert _run(runner, session, f"{command} nl_{command}.dta, nolabel")[0] == 0
        assert session.data.value_labels  # the data in memory keep theirs
        rc, _ = _run(runner, session, f"use nl_{command}.dta, clear")
        assert rc == 0
        assert session.data.value_label_of == {"g": "gl", "f": "fl"}
        assert session.data.value_labels == {}
        session, runner = _session_in(tmp_path, monkeypatch)


def test_save_orphans_and_all(tmp_path, monkeypatch):
    session, runner = _session_in(tmp_path, monkeypatch)
    _run(runner, session, "label define unused 1 one")
    assert _run(runner, session, "save orph.dta, orphans")[0] == 0
    _run(runner, session, "use orph.dta, clear")
    assert "unused" in session.data.value_labels
    rc, out = _run(runner, session, "save other.dta, all")
    assert rc == 198 and "option all not allowed" in out
    assert not (tmp_path / "other.dta").exists()


def test_a_string_without_a_format_shows_statas_default():
    # found by the save/use round trip: a str3 without a stored format showed %3s before a
    # save and %9s after it; Stata's default is %9s up to str9 (and for strL)
    from mlmcli.dataset import Dataset

    ds = Dataset()
    ds.types.update(a="str3", b="str9", c="str10", d="strL", e="str2045")
    assert [ds.format_of(n) for n in "abcde"] == ["%9s", "%9s", "%10s", "%9s", "%2045s"]


def test_an_old_damaged_dta_warns_nothing(tmp_path, monkeypatch):
    # pandas' reader of releases 102-112 warned (overflow) on a damaged header before failing
    (tmp_path / "v102.dta").write_bytes(bytes([102, 2, 1, 0, 3, 0, 2, 0, 0, 0]) + bytes(range(200, 240)))
    session, runner = _session_in(tmp_path, monkeypatch)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        rc, out = _run(runner, session, "use v102.dta, clear")
    assert rc == 610 and "not Stata format" in out


MISMATCH = ('clear\nset obs 3\ngen id = _n\ngen s = _n\ngen x = "b"\nsave u.dta\n'
            'clear\nset obs 3\ngen id = _n\ngen s = "a"\ngen x = _n\nreplace x = . in 2')


def test_merge_force_and_the_string_numeric_mismatch(tmp_path, monkeypatch):
    # found: merge's force was "option force not allowed"; [D] merge: without it a variable
    # string in one file and numeric in the other is r(106), with it the using values are missing
    session, runner = _session_in(tmp_path, monkeypatch)
    assert _run(runner, session, MISMATCH)[0] == 0
    before = fc.fingerprint(session)
    rc, out = _run(runner, session, "merge 1:1 id using u.dta")
    assert rc == 106 and "variable s is str1 in master but float in using data" in out
    assert "You could specify merge's force option" in out
    assert fc.fingerprint(session) == before
    rc, out = _run(runner, session, "merge 1:1 id using u.dta, force update")
    assert rc == 0, out
    # x's missing value in row 2 is not "updated" from the using file's string "b"
    assert session.data.df["x"].isna().tolist() == [False, True, False]
    assert session.data.df["s"].tolist() == ["a", "a", "a"]
    assert session.data.df["_merge"].tolist() == [3.0, 3.0, 3.0]


def test_merge_1_1_n_is_the_sequential_merge(tmp_path, monkeypatch):
    # found: merge 1:1 _n using f ([D] merge's sequential merge, drawn in most fuzz merge lines)
    # was "variable _n not found"; observation i meets observation i, in the files' orders
    setup = ('clear\nset obs 5\ngen b = _n\ngen s = "u"\ngsort -b\nsave uu.dta\n'
             'clear\nset obs 3\ngen a = _n * 10\ngen s = "m"')
    session, runner, rc, out = _line_after(tmp_path, monkeypatch, setup, "merge 1:1 _n using uu.dta")
    assert rc == 0, out
    df = session.data.df
    assert df["a"].tolist()[:3] == [10, 20, 30] and df["b"].tolist() == [5, 4, 3, 2, 1]
    assert df["s"].tolist() == ["m", "m", "m", "u", "u"] and df["_merge"].tolist() == [3, 3, 3, 2, 2]
    assert session.data.sortedby == ()
    rc, out = _run(runner, session, "merge m:1 _n using uu.dta")
    assert rc == 198 and "merge 1:1 _n" in out


def test_infile_with_a_dictionary_is_refused_by_name(tmp_path, monkeypatch):
    # found: infile using dict.dct was "invalid syntax"
    (tmp_path / "d.dct").write_text("infile dictionary {\n  x %3f\n}\n")
    session, runner = _session_in(tmp_path, monkeypatch)
    rc, out = _run(runner, session, "infile using d.dct, clear")
    assert rc == 198 and "infile with a dictionary" in out and "infix" in out


# ------------------------------------------------------------------ the harness's checks
def test_the_file_check_flags_what_a_line_must_not_do():
    case = Case("dta", "full", (), "save data.dta")
    before = {"data.dta": "a", "keep.txt": "b"}
    assert r14.check_files(case, 0, before, dict(before)) is None
    assert "changed ['data.dta'] without replace" in r14.check_files(case, 0, before, {**before, "data.dta": "c"})
    assert "touched files" in r14.check_files(case, 602, before, {**before, "new.dta": "d"})
    assert "removed" in r14.check_files(case, 0, before, {"keep.txt": "b"})
    erase = Case("csv", "full", (), "erase keep.txt")
    assert r14.check_files(erase, 0, before, {"data.dta": "a"}) is None
    replace = Case("dta", "full", (), "save data.dta, replace")
    assert r14.check_files(replace, 0, before, {**before, "data.dta": "c"}) is None


def test_the_round_trip_view_sees_a_lost_label(tmp_path, monkeypatch):
    session, runner = _session_in(tmp_path, monkeypatch)
    before = r14.saved_view(session)
    _run(runner, session, "save rt.dta, nolabel")
    _run(runner, session, "use rt.dta, clear")
    after = r14.saved_view(session)
    assert [k for k in before if before[k] != after[k]] == ["value_labels"]


# ------------------------------------------------------------------ a few generated lines
def _small_corpus(folder: str) -> None:
    """The corpus without its slow odd dataset (3,000 value labels): the lines naming odd.dta
    meet r(601)."""
    saved = r14.ODD_DATA
    try:
        r14.ODD_DATA = ["generate double em = .a", "replace em = .z in 2", "generate strL big = \"a\" * 3000"]
        r14.build_corpus(folder)
    finally:
        r14.ODD_DATA = saved


def test_generated_lines_find_nothing(tmp_path):
    count = int(os.environ.get("MLM_FILES_FUZZ_COUNT", "16"))
    budget = float(os.environ.get("MLM_FILES_FUZZ_BUDGET", "8"))
    corpus, folder = tmp_path / "corpus", tmp_path / "run"
    corpus.mkdir()
    folder.mkdir()
    _small_corpus(str(corpus))
    fc._install_traceback_hook()
    findings, start = [], time.monotonic()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", category=RuntimeWarning, module="mlmcli")
        for _family, case in r14.make_cases(7, count, {"dta", "csv", "excel", "foreign"}):
            if time.monotonic() - start > budget:
                break
            findings += r14.run_one(case, str(folder), str(corpus))[1]
    assert not findings, "\n".join(f"{f.kind}: {f.case.line!r}: {f.detail}" for f in findings)
