"""The `mlm` command line: do files, stdin, -c, -q, --log, exit codes."""
from __future__ import annotations

import subprocess
import sys

import pytest

from mlmcli.cli import exit_status, main


def test_piped_stdin_prints_4(mlm):
    p = mlm(stdin="display 2+2\n")
    assert p.returncode == 0
    assert p.stdout == ". display 2+2\n4\n"
    assert p.stderr == ""


def test_dash_reads_stdin_quietly(mlm):
    p = mlm("-q", "-", stdin="display 2+2\ndisplay 3\n")
    assert (p.returncode, p.stdout) == (0, "4\n3\n")


def test_error_in_do_file_stops_with_nonzero_status(mlm, tmp_path):
    do = tmp_path / "a.do"
    do.write_text("display 1\nsummarize nothere\ndisplay 2\n")
    p = mlm(str(do))
    assert p.returncode == 111
    assert p.stdout == ". display 1\n1\n\n. summarize nothere\nvariable nothere not found\nr(111);\n"
    assert "Traceback" not in p.stderr


def test_internal_errors_never_show_a_traceback_without_debug(mlm, tmp_path):
    p = mlm("-c", "display 1; foo")
    assert p.returncode == 199 and "Traceback" not in p.stdout + p.stderr


def test_repeated_dash_c_runs_every_script_in_order(mlm):
    # each -c adds its commands (argparse would otherwise keep only the last)
    p = mlm("-q", "-c", "clear; set obs 3", "-c", "gen x = _n", "-c", "display x[3]")
    assert (p.returncode, p.stdout) == (0, "obs was 0, now 3\n3\n")


def test_version(mlm):
    p = mlm("--version")
    assert p.returncode == 0 and p.stdout.startswith("mlm ")


def test_dash_c_splits_on_semicolons(capsys):
    rc = main(["-c", 'display 1; display "a;b"; di 3'])
    assert rc == 0
    assert capsys.readouterr().out == '. display 1\n1\n\n. display "a;b"\na;b\n\n. di 3\n3\n'


def test_main_with_arguments_leaves_the_callers_imports_and_warnings_alone(capsys):
    # main(argv) runs in its caller's process (these tests, a pytest worker): mlm's own
    # process installs an import hook that freezes what is alive at each library import, and
    # ignores library warnings; in a caller's process both outlived the call
    import warnings

    finders, filters = list(sys.meta_path), list(warnings.filters)
    assert main(["-q", "-c", "display 5"]) == 0
    assert sys.meta_path == finders
    assert warnings.filters == filters
    assert capsys.readouterr().out == "5\n"


def test_quiet_flag(capsys):
    assert main(["-q", "-c", "display 5"]) == 0
    assert capsys.readouterr().out == "5\n"


def test_several_files_run_in_order_and_share_the_session(tmp_path, capsys):
    a = tmp_path / "a.do"
    b = tmp_path / "b.do"
    a.write_text("global x 7\n")
    b.write_text('display "$x"\n')
    assert main(["-q", str(a), str(b)]) == 0
    assert capsys.readouterr().out == "7\n"


def test_missing_file(tmp_path, capsys):
    path = tmp_path / "none.do"
    assert main([str(path)]) == 1  # r(601) does not fit in an exit status
    assert capsys.readouterr().out == f"file {path} not found\nr(601);\n"


def test_exit_in_a_file_ends_that_file(tmp_path, capsys):
    a = tmp_path / "a.do"
    a.write_text("display 1\nexit\ndisplay 2\n")
    assert main(["-q", str(a)]) == 0
    assert capsys.readouterr().out == "1\n"


def test_exit_from_dash_c(capsys):
    assert main(["-q", "-c", "display 1; exit; display 2"]) == 0
    assert capsys.readouterr().out == "1\n"


def test_log_file_gets_the_output(tmp_path, capsys):
    log = tmp_path / "out.log"
    assert main(["--log", str(log), "-c", "display 6*7"]) == 0
    assert log.read_text() == ". display 6*7\n42\n"
    assert capsys.readouterr().out == ". display 6*7\n42\n"


def test_graphs_dir_is_created_and_set(tmp_path, monkeypatch, capsys):
    seen = {}
    import mlmcli.commands.program.control as program

    def spy(session, cmd):
        seen["dir"] = session.graph_dir
    monkeypatch.setattr(program, "cmd_version", spy)
    target = tmp_path / "g"
    assert main(["-q", "--graphs", str(target), "-c", "version 13"]) == 0
    assert target.is_dir() and seen["dir"] == str(target)


@pytest.mark.parametrize("rc,status", [(0, 0), (9, 9), (198, 198), (601, 1), (9999, 1)])
def test_exit_status_mapping(rc, status):
    assert exit_status(rc) == status


def test_do_files_in_utf8_or_windows_1252(tmp_path, capsys):
    latin = tmp_path / "latin.do"
    latin.write_bytes(b'display "caf\xe9"\n')
    utf = tmp_path / "utf.do"
    utf.write_bytes(b'\xef\xbb\xbfdisplay "caf\xc3\xa9"\n')
    assert main(["-q", str(latin), str(utf)]) == 0
    assert capsys.readouterr().out == "caf\u00e9\ncaf\u00e9\n"


def test_cli_log_is_independent_of_log_commands(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    do = tmp_path / "a.do"
    do.write_text("capture log close\nlog using own.log, replace\ndisplay 1\nlog close\ndisplay 2\n")
    assert main(["-q", "--log", str(tmp_path / "all.log"), str(do)]) == 0
    whole = (tmp_path / "all.log").read_text()
    assert "1\n" in whole and whole.endswith("2\n")
    own = (tmp_path / "own.log").read_text().splitlines()
    assert "1" in own and "2" not in own  # the do-file's own log stopped at `log close`


def test_tempfiles_are_erased_when_mlm_exits(tmp_path):
    import subprocess
    import sys

    script = tmp_path / "t.do"
    script.write_text('clear\nset obs 2\ngenerate x = 1\ntempfile keep\nsave `keep\'\ndisplay "`keep\'"\n')
    out = subprocess.run([sys.executable, "-m", "mlmcli", "-q", str(script)],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    path = out.stdout.strip().splitlines()[-1]
    assert "St" in path and not __import__("os").path.exists(path)


def test_files_named_after_a_tempfile_are_erased_at_exit_but_folders_kept(tmp_path):
    import os
    import subprocess
    import sys

    script = tmp_path / "t.do"
    script.write_text('clear\nset obs 2\ngenerate x = 1\ntempfile t\nexport delimited using "`t\'.csv"\n'
                      'save "`t\'_copy"\nmkdir "`t\'_folder"\ndisplay "`t\'"\n')
    out = subprocess.run([sys.executable, "-m", "mlmcli", "-q", str(script)],
                         capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    path = out.stdout.strip().splitlines()[-1]
    assert "St" in path
    assert not os.path.exists(path + ".csv") and not os.path.exists(path + "_copy.dta")
    assert os.path.isdir(path + "_folder")  # what a user put in a folder is theirs
    os.rmdir(path + "_folder")


def test_log_file_is_never_overwritten_without_replace(tmp_path, capsys):
    log = tmp_path / "out.log"
    log.write_text("yesterday's work\n")
    assert main(["--log", str(log), "-c", "display 1"]) == 2
    assert "already exists" in capsys.readouterr().err
    assert log.read_text() == "yesterday's work\n"
    assert main(["-q", "--replace", "--log", str(log), "-c", "display 1"]) == 0
    assert log.read_text() == "1\n"


def test_graphs_folder_holding_graphs_is_refused_without_replace(tmp_path, capsys):
    folder = tmp_path / "g"
    folder.mkdir()
    (folder / "Graph1.png").write_bytes(b"old")
    assert main(["-q", "--graphs", str(folder), "-c", "display 1"]) == 2
    assert "Graph1.png" in capsys.readouterr().err
    assert (folder / "Graph1.png").read_bytes() == b"old"
    assert main(["-q", "--replace", "--graphs", str(folder), "-c", "display 1"]) == 0


def test_unusable_graphs_path_is_a_message_not_a_traceback(tmp_path, mlm):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    p = mlm("-q", "--graphs", str(blocker / "sub"), "-c", "display 1")
    assert p.returncode == 2 and "cannot create graphs folder" in p.stderr
    assert "Traceback" not in p.stderr and blocker.read_text() == "x"


def test_console_that_cannot_encode_a_character_gets_a_question_mark(tmp_path):
    import os

    env = dict(os.environ, PYTHONIOENCODING="ascii")
    p = subprocess.run([sys.executable, "-m", "mlmcli", "-q", "-c", 'display "caf\u00e9"; summarize caf\u00e9'],
                       capture_output=True, env=env, timeout=120)
    out = p.stdout.decode("ascii")
    assert "Traceback" not in p.stderr.decode("ascii", "replace")
    assert out == "caf?\nvariable caf? not found\nr(111);\n" and p.returncode == 111


_THREAD_REPORT = """
import os, sys
sys.argv = ["mlm", "-q", "-c", "matrix A = (2, 1 \\\\ 1, 2); matrix B = cholesky(A)"]
from mlmcli.cli import main
main()
import numpy, scipy.linalg
scipy.linalg.cho_factor(numpy.eye(3))
print(os.environ.get("OPENBLAS_NUM_THREADS"), len(os.listdir("/proc/self/task")))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="threads counted in /proc")
def test_the_command_line_loads_blas_without_worker_threads(tmp_path):
    import os

    env = {k: v for k, v in os.environ.items()
           if k not in ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", _THREAD_REPORT], capture_output=True, text=True,
                         cwd=tmp_path, env=env, timeout=120)
    assert out.returncode == 0, out.stderr
    setting, threads = out.stdout.split()[-2:]
    # numpy's and scipy's OpenBLAS started no thread of their own (pyarrow, when pandas
    # loads it, may keep one allocator thread)
    assert setting == "1" and int(threads) <= 2
    env["OMP_NUM_THREADS"] = "2"  # the user's own setting is kept
    out = subprocess.run([sys.executable, "-c", _THREAD_REPORT], capture_output=True, text=True,
                         cwd=tmp_path, env=env, timeout=120)
    assert out.returncode == 0 and out.stdout.split()[-2] == "None", out.stderr
