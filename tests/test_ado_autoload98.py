"""Users' ado-files load automatically ([U] 17.5, [R] which, [P] discard, [P] program): an
unknown command is looked for as name.ado along the ado-path (each directory, then its
first-letter subfolder), built-ins first and a program in memory before any file; the file is
run and the command called; discard / clear ado / program drop _allado drop what was loaded,
so an edited file is read again; help shows a name.sthlp beside it."""
import textwrap

import pytest


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    def write(name: str, text: str):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
        return path
    return write


FOO = """\
    *! version 1.2.0  06dec2026
    *! the foo command
    program define foo
        version 14
        display "foo: `0'"
        foo_helper
    end

    program foo_helper
        display "helper runs"
    end
"""


def test_unknown_command_runs_its_ado_file_with_its_helpers(do, folder):
    folder("foo.ado", FOO)
    rc, out, session = do("foo a b\nprogram dir")
    assert rc == 0, out
    assert "foo: a b" in out and "helper runs" in out
    assert "  ado" in out and "foo_helper" in out  # both marked as loaded from the ado-file
    assert set(session.ado_programs) == {"foo", "foo_helper"}


def test_no_file_is_still_unrecognized(do, folder):
    folder("foo.ado", FOO)
    rc, out, _ = do("fo x")  # an ado command has no abbreviations
    assert rc == 199 and "unrecognized command:  fo" in out


def test_letter_subfolder_and_adopath_changes(do, folder, tmp_path):
    folder("lib/b/bar.ado", """\
        program bar, rclass
            return scalar x = 42
        end
    """)
    rc, out, _ = do("capture bar\ndisplay _rc")
    assert rc == 0 and out.split()[-1] == "199"
    rc, out, _ = do(f'adopath + "{tmp_path}/lib"\nbar\ndisplay r(x)')
    assert rc == 0 and out.split()[-1] == "42"
    folder("lib/bar.ado", 'program bar, rclass\n    return scalar x = 7\nend\n')
    rc, out, _ = do(f'adopath + "{tmp_path}/lib"\nbar\ndisplay r(x)')
    assert out.split()[-1] == "7"  # the directory itself before its letter subfolder
    rc, out, _ = do(f'adopath ++ "{tmp_path}/lib"\nadopath - "{tmp_path}/lib"\ncapture bar\ndisplay _rc')
    assert out.split()[-1] == "199"


def test_first_directory_on_the_path_wins(do, folder, tmp_path):
    folder("first/dup.ado", 'program dup\n    display "from first"\nend\n')
    folder("second/dup.ado", 'program dup\n    display "from second"\nend\n')
    rc, out, _ = do(f'adopath ++ "{tmp_path}/second"\nadopath ++ "{tmp_path}/first"\ndup')
    assert "from first" in out and "from second" not in out


def test_builtin_and_program_in_memory_win(do, folder):
    folder("summarize.ado", 'program summarize\n    display "NOT THE BUILT-IN"\nend\n')
    folder("mine.ado", 'program mine\n    display "from the file"\nend\n')
    rc, out, _ = do("set obs 3\ngenerate x = _n\nsummarize x\n"
                    "program mine\n    display \"from the do-file\"\nend\nmine")
    assert rc == 0, out
    assert "NOT THE BUILT-IN" not in out and "Variable" in out
    assert "from the do-file" in out and "from the file" not in out


def test_file_that_does_not_define_the_command(do, folder):
    folder("nodef.ado", 'program other\n    display "other"\nend\n')
    rc, out, _ = do("nodef")
    assert rc == 199 and "unrecognized command:  nodef not defined by nodef.ado" in out
    rc, out, _ = do("capture nodef\ndisplay _rc")
    assert rc == 0 and out.split()[-1] == "199"


def test_error_inside_the_ado_is_the_callers(do, folder):
    folder("bad.ado", """\
        program bad
            display "before"
            confirm variable nosuchvar
            display "never"
        end
    """)
    rc, out, _ = do("set obs 1\ngenerate x = 1\nbad")
    assert rc == 111 and "before" in out and "never" not in out
    assert "variable nosuchvar not found" in out
    rc, out, _ = do("set obs 1\ncapture bad\ndisplay _rc")
    assert rc == 0 and out.split()[-1] == "111"


def test_discard_reloads_an_edited_file(do, folder, new_session):
    folder("foo.ado", FOO)
    session = new_session()
    do("foo one", session=session)
    folder("foo.ado", FOO.replace('"foo: `0\'"', '"new foo: `0\'"'))
    rc, out, _ = do("foo two", session=session)
    assert "foo: two" in out and "new foo" not in out  # the program in memory runs
    rc, out, _ = do("discard\nfoo three", session=session)
    assert "new foo: three" in out


def test_discard_keeps_do_file_programs(do, folder):
    folder("foo.ado", FOO)
    rc, out, session = do("program mine\n    display 1\nend\nfoo x\ndiscard\nprogram dir")
    assert rc == 0
    assert set(session.programs) == {"mine"}
    assert "  ado" not in out.split("program dir")[-1]


def test_clear_ado_program_drop_allado_and_clear_all(do, folder):
    folder("foo.ado", FOO)
    for drop in ("clear ado", "program drop _allado"):
        rc, out, session = do(f"program mine\n    display 1\nend\nfoo x\n{drop}")
        assert rc == 0 and set(session.programs) == {"mine"}, (drop, out)
    rc, out, session = do("foo x\nclear all\nfoo y")  # a do-file beginning with clear all runs its ados
    assert rc == 0 and "foo: y" in out


def test_do_file_beside_its_ado_runs_from_that_folder(do, folder, tmp_path):
    folder("foo.ado", FOO)
    folder("t.do", "clear all\nfoo from the do-file\n")
    rc, out, _ = do("do t.do")
    assert rc == 0 and "foo: from the do-file" in out


def test_which_shows_the_file_and_its_star_bang_lines(do, folder, tmp_path):
    folder("foo.ado", FOO)
    folder("lib/f/foo.ado", "*! version 9\nprogram foo\nend\n")
    rc, out, _ = do("which foo")
    assert out.strip().splitlines()[-3:] == ["./foo.ado", "*! version 1.2.0  06dec2026", "*! the foo command"]
    rc, out, _ = do(f'adopath + "{tmp_path}/lib"\nwhich foo, all')
    assert f"{tmp_path}/lib/f/foo.ado" in out and "*! version 9" in out and "./foo.ado" in out
    rc, out, _ = do("which summarize")
    assert "built-in command:  summarize" in out
    rc, out, _ = do("program mine\nend\nwhich mine")
    assert rc == 111 and "command mine not found as either built-in or ado-file" in out
    rc, out, _ = do("which foo.sthlp")
    assert rc == 111 and "file not found along ado-path" in out


def test_help_shows_a_users_sthlp_as_text(do, folder):
    folder("foo.ado", FOO)
    folder("foo.sthlp", """\
        {smcl}
        {* *! version 1.2.0}{...}
        {title:Title}

        {phang}
        {bf:foo} {hline 2} Say the words{p_end}

        {pstd}
        See {help summarize:summarize}; {cmd:foo} {it:words}.
    """)
    rc, out, _ = do("help foo")
    assert rc == 0, out
    assert "foo -- Say the words" in out and "See summarize; foo words." in out
    assert "{" not in out and "smcl" not in out
    folder("gee.hlp", "{title:Gee}\nold-style help\n")
    rc, out, _ = do("help gee")
    assert "Gee" in out and "old-style help" in out
    rc, out, _ = do("help nosuchthing")
    assert rc == 111


def test_prefixes_and_commands_that_run_programs_load_them(do, folder):
    folder("byp.ado", """\
        program byp, byable(recall)
            marksample touse
            quietly count if `touse'
            display "n=" r(N)
        end
    """)
    folder("myr.ado", """\
        program myr, rclass
            summarize x, meanonly
            return scalar m = r(mean)
        end
    """)
    folder("mynorm_lf.ado", """\
        program mynorm_lf
            args lnf mu lnsigma
            quietly replace `lnf' = ln(normalden($ML_y1, `mu', exp(`lnsigma')))
        end
    """)
    data = "set obs 40\ngenerate g = _n > 10\ngenerate x = mod(_n * 7, 11) + g\n"
    rc, out, _ = do(data + "by g: byp")
    assert rc == 0 and "n=10" in out and "n=30" in out, out
    rc, out, _ = do(data + "bootstrap m=r(m), reps(3) seed(1) nodots: myr")
    assert rc == 0 and "command:  myr" in out, out
    rc, out, _ = do(data + "ml model lf mynorm_lf (x = g) /lnsigma\nml maximize, nolog")
    assert rc == 0 and "lnsigma" in out, out
    rc, out, _ = do("unabcmd byp\ndisplay r(cmd)")
    assert rc == 0 and out.split()[-1] == "byp"


def test_error_while_the_file_loads_is_shown_once_and_the_file_is_read_again(do, folder, new_session):
    folder("lerr.ado", """\
        program lerr
            display "defined"
        end
        capture nosuch_first
        nosuchcmd here
    """)
    rc, out, _ = do("lerr")
    assert rc == 199 and out.count("r(199);") == 1 and "unrecognized command:  nosuchcmd" in out
    assert "nosuch_first" not in out
    session = new_session()
    rc, out, _ = do("capture lerr\ndisplay _rc\ncapture noisily lerr", session=session)
    assert out.strip().splitlines() == ["199", "unrecognized command:  nosuchcmd"]
    assert "lerr" not in session.programs  # nothing of a file that failed stays
