"""The Jupyter kernel, started for real with jupyter_client: cells, graphs, errors,
completion, inspection, interrupt; and ``mlm --install-kernel``.

One kernel serves the module (started in a scratch folder with a scratch Jupyter
environment); tests that change its state say so and run in file order.
"""
from __future__ import annotations

import io
import json
import sys
import time

import pytest

pytest.importorskip("ipykernel")
pytest.importorskip("jupyter_client")

from kernel_harness import TIMEOUT, execute, jupyter_environment, png_size  # noqa: E402

from mlmcli.runner import Runner  # noqa: E402
from mlmcli.session import Output, Session  # noqa: E402


@pytest.fixture(scope="module")
def kernel(tmp_path_factory):
    from jupyter_client.manager import KernelManager

    tmp = tmp_path_factory.mktemp("jupyter")
    work = tmp_path_factory.mktemp("work")
    # the worker's environment is put back however the start fails (the next files run in it)
    with pytest.MonkeyPatch.context() as patch:
        for name, value in jupyter_environment(tmp).items():
            patch.setenv(name, value)
        km = KernelManager(kernel_name="mlm")
        km.start_kernel(cwd=str(work))
        try:
            client = km.client()
            client.start_channels()
            try:
                client.wait_for_ready(timeout=TIMEOUT)
                client.work = work
                client.manager = km
                yield client
            finally:
                client.stop_channels()
        finally:
            km.shutdown_kernel(now=True)


def mlm_text(code: str) -> str:
    """What ``mlm -q`` prints for the same commands (in process, fresh session)."""
    session = Session(out=Output(io.StringIO()))
    Runner(session).run_text(code, echo=False)
    return session.out.stream.getvalue()


DATA = "clear\nset obs 60\ngen id = _n\ngen g = mod(_n, 6) + 1\ngen x = mod(_n * 7, 11) / 3\ngen y = 2 + x + g / 4 + mod(_n * 13, 5) / 2\n"


# ----- kernel info and cells -----

def test_kernel_info_names_the_language(kernel):
    reply = kernel.kernel_info(reply=True, timeout=TIMEOUT)["content"]
    assert reply["language_info"]["name"] == "stata"
    assert reply["language_info"]["file_extension"] == ".do"
    assert reply["implementation"] == "mlm"


def test_output_is_the_text_mlm_prints(kernel):
    code = DATA + "summarize x y\ntabulate g\nregress y x"
    cell = execute(kernel, code)
    assert cell.status == "ok"
    assert cell.stderr == "" and cell.displays == []
    assert cell.stdout == mlm_text(code)
    assert "Number of obs =" in cell.stdout and "      Total |" in cell.stdout


def test_state_carries_over_between_cells(kernel):
    execute(kernel, DATA + 'local who "cells"\nglobal where "kernel"\nquietly regress y x\nestimates store ols')
    cell = execute(kernel, 'display "`who\' $where"\ncount\nestimates dir')
    assert cell.status == "ok"
    assert cell.stdout.startswith("cells kernel\n  60\n")
    assert "ols" in cell.stdout


def test_continuations_loops_and_programs_in_one_cell(kernel):
    code = ('display 1 + ///\n    2\n'
            'forvalues i = 1/3 {\n    display "i=`i\'"\n}\n'
            'program define twice\n    display 2 * `1\'\nend\n'
            'twice 21\n'
            'foreach v of varlist x y {\n    quietly summarize `v\'\n    display "`v\' " r(N)\n}')
    cell = execute(kernel, code)
    assert cell.status == "ok", cell.text
    assert cell.stdout == "3\ni=1\ni=2\ni=3\n42\nx 60\ny 60\n"
    # the program stays defined for later cells
    assert execute(kernel, "twice 5").stdout == "10\n"
    execute(kernel, "program drop twice")


def test_delimit_semicolon_carries_over_until_cr(kernel):
    first = execute(kernel, "#delimit ;\ndisplay 1 +\n  1;")
    assert first.stdout == "delimiter now ;\n2\n"
    second = execute(kernel, 'display "a"; display\n "b";')
    assert second.status == "ok" and second.stdout == "a\nb\n"
    third = execute(kernel, "#delimit cr\ndisplay 3")
    assert third.stdout == "delimiter now cr\n3\n"
    assert execute(kernel, "display 4").stdout == "4\n"


def test_echo_magic_echoes_as_a_do_file(kernel):
    cell = execute(kernel, "*%echo\ndisplay 1\ndisplay 2 + ///\n 3")
    assert cell.stdout == mlm_text_echo("*%echo\ndisplay 1\ndisplay 2 + ///\n 3")
    assert ". display 1\n1\n" in cell.stdout and "> " in cell.stdout


def mlm_text_echo(code: str) -> str:
    session = Session(out=Output(io.StringIO()))
    Runner(session).run_text(code, echo=True)
    return session.out.stream.getvalue()


# ----- errors -----

def test_error_shows_message_and_rc_and_stops_the_cell(kernel):
    execute(kernel, DATA)
    cell = execute(kernel, "display 1\nsummarize nosuchvar\ndisplay 2")
    assert cell.status == "error"
    assert cell.reply["ename"] == "r(111)"
    assert cell.reply["evalue"] == "variable nosuchvar not found"
    assert cell.stdout == "1\n"
    assert cell.stderr == "variable nosuchvar not found\nr(111);\n"
    assert cell.order == ["stdout", "stderr"]
    # the failing command left the data as it was
    assert execute(kernel, "count").stdout == "  60\n"


def test_error_inside_a_loop_and_a_syntax_error(kernel):
    cell = execute(kernel, 'forvalues i = 1/3 {\n    display `i\'\n    if `i\' == 2 error 459\n}\ndisplay "after"')
    assert cell.status == "error" and cell.reply["ename"] == "r(459)"
    assert cell.stdout == "1\n2\n"
    cell = execute(kernel, "generate = 1")
    assert cell.status == "error" and cell.reply["ename"] == "r(198)"
    assert cell.stderr.endswith("r(198);\n")


def test_exit_ends_the_cell_like_a_do_file(kernel):
    cell = execute(kernel, "display 1\nexit\ndisplay 2")
    assert cell.status == "ok" and cell.stdout == "1\n"
    cell = execute(kernel, "exit 459")
    assert cell.status == "error" and cell.reply["ename"] == "r(459)"
    assert cell.stderr == "r(459);\n"
    assert execute(kernel, "display 5").stdout == "5\n"  # the kernel is still there


# ----- graphs -----

def test_graph_appears_inline_once_as_png_and_svg(kernel):
    execute(kernel, DATA)
    cell = execute(kernel, 'display "before"\ntwoway scatter y x, title(Inline)\ndisplay "after"')
    assert cell.status == "ok"
    assert cell.order == ["stdout", "display", "stdout"]  # the graph right after its command
    (shown,) = cell.displays
    width, height = png_size(shown["data"]["image/png"])
    assert width > 300 and height > 200
    assert shown["data"]["image/svg+xml"].lstrip().startswith("<?xml")
    assert shown["metadata"]["image/png"]["width"] < width  # drawn for high-density screens
    # the same graph is not shown again by later cells
    assert execute(kernel, "display 1").displays == []
    # graph export writes a file and draws nothing new
    cell = execute(kernel, "graph export inline.png, replace")
    assert cell.displays == [] and (kernel.work / "inline.png").is_file()


def test_each_new_graph_of_a_cell_is_shown_and_graph_display_shows_again(kernel):
    cell = execute(kernel, "scatter y x, name(first)\nline y id, sort name(second)\ngraph dir")
    assert cell.status == "ok"
    assert [d["data"]["text/plain"] for d in cell.displays] == ["<Graph first>", "<Graph second>"]
    again = execute(kernel, "graph display first")
    assert [d["data"]["text/plain"] for d in again.displays] == ["<Graph first>"]
    png_size(again.displays[0]["data"]["image/png"])


def test_graph_drawn_before_an_error_is_still_shown(kernel):
    cell = execute(kernel, "scatter y x, name(third)\nsummarize nosuchvar")
    assert cell.status == "error" and len(cell.displays) == 1


# ----- completion and inspection -----

def complete(kernel, code, cursor=None):
    cursor = len(code) if cursor is None else cursor
    reply = kernel.complete(code, cursor, reply=True, timeout=TIMEOUT)["content"]
    assert reply["status"] == "ok"
    return reply["matches"], reply["cursor_start"], reply["cursor_end"]


def test_completion_of_commands_variables_and_macros(kernel):
    execute(kernel, DATA + 'local mylocal 1\nglobal myglobal 2\nquietly regress y x\nestimates store fit1')
    assert complete(kernel, "summ") == (["summarize"], 0, 4)
    assert "mixed" in complete(kernel, "mi")[0]
    assert complete(kernel, "quietly regr") == (["regress"], 8, 12)  # "reg" also completes to reghdfe
    assert complete(kernel, "by g: summ")[0] == ["summarize"]
    assert complete(kernel, "summarize i") == (["id"], 10, 11)
    # estimates store fit1 made Stata's e(sample) variable _est_fit1
    assert complete(kernel, "regress y x i.")[0] == ["_est_fit1", "g", "id", "x", "y"]
    assert complete(kernel, 'display "`myl') == (["mylocal'"], 10, 13)
    assert complete(kernel, "display $mygl") == (["myglobal"], 9, 13)
    assert complete(kernel, "display ${mygl")[0] == ["myglobal}"]
    assert complete(kernel, "estimates restore f")[0] == ["fit1"]
    # the command the cursor is in, across lines
    assert complete(kernel, "display 1\nsummarize y ///\n  i")[0] == ["id"]


def test_completion_of_file_names(kernel):
    (kernel.work / "sub").mkdir(exist_ok=True)
    (kernel.work / "sub" / "wages.dta").write_bytes(b"")
    (kernel.work / "sub" / "wages.csv").write_text("a\n")
    (kernel.work / "analysis.do").write_text("display 1\n")
    assert complete(kernel, "use su") == (["sub/"], 4, 6)
    assert complete(kernel, "use sub/w")[0] == ["sub/wages.dta"]  # use: .dta files
    assert complete(kernel, 'import delimited "sub/w')[0] == ["sub/wages.csv", "sub/wages.dta"]
    assert complete(kernel, "do ana")[0] == ["analysis.do"]
    assert complete(kernel, "merge 1:1 id using sub/")[0] == ["sub/wages.csv", "sub/wages.dta"]


def test_help_and_inspect_show_the_help_text(kernel):
    cell = execute(kernel, "help mixed")
    assert cell.status == "ok" and "mixed depvar" in cell.stdout
    reply = kernel.inspect("mixed y x || g:", 2, reply=True, timeout=TIMEOUT)["content"]
    assert reply["found"] and reply["data"]["text/plain"] == cell.stdout.rstrip("\n")
    reply = kernel.inspect("summarize x", 11, reply=True, timeout=TIMEOUT)["content"]
    assert reply["found"] and reply["data"]["text/plain"].startswith("x  float")
    reply = kernel.inspect("nosuchcommand", 3, reply=True, timeout=TIMEOUT)["content"]
    assert not reply["found"]


def test_is_complete_asks_for_continuations_and_open_blocks(kernel):
    def status(code):
        msg_id = kernel.is_complete(code)
        reply = kernel.get_shell_msg(timeout=TIMEOUT)
        assert reply["parent_header"]["msg_id"] == msg_id
        return reply["content"]["status"]
    assert status("display 1") == "complete"
    assert status("display 1 ///") == "incomplete"
    assert status("forvalues i = 1/2 {") == "incomplete"
    assert status("forvalues i = 1/2 {\n display `i'\n}") == "complete"


# ----- interrupt -----

def interrupt_on(kernel, marker: str):
    """An output hook that interrupts the kernel once ``marker`` has been printed: the
    cell is then surely running (and the line shows although the command goes on)."""
    fired = []

    def hook(msg):
        if not fired and msg["msg_type"] == "stream" and marker in msg["content"]["text"]:
            fired.append(time.monotonic())
            kernel.manager.interrupt_kernel()
    return hook, fired


def test_interrupt_breaks_a_long_loop_and_keeps_the_session(kernel):
    execute(kernel, DATA + "quietly regress y x")
    hook, fired = interrupt_on(kernel, "looping")
    cell = execute(kernel, 'display "looping"\nlocal n 0\nwhile 1 {\n    local n = `n\' + 1\n}\ndisplay "never"',
                   timeout=60, on_output=hook)
    assert fired, "the line printed before the loop never arrived while it ran"
    assert cell.status == "error" and cell.reply["ename"] == "r(1)"
    assert cell.stdout == "looping\n"
    assert cell.stderr == "--Break--\nr(1);\n"
    after = execute(kernel, 'display `n\' > 0\ncount\nsummarize y\ndisplay e(cmd)')
    assert after.status == "ok"
    assert after.stdout.startswith("1\n  60\n")
    assert after.stdout.endswith("regress\n")


def test_interrupt_during_a_fit_keeps_data_and_earlier_results(kernel):
    # a fit of several seconds: random slopes at two levels on 40,000 rows
    execute(kernel, "clear\nset obs 40000\nset seed 1\ngen a = ceil(_n / 400)\ngen b = ceil(_n / 20)\n"
                    "gen x = rnormal()\ngen y = x + rnormal() + mod(a, 7) / 3 + mod(b, 5) / 4\n"
                    "quietly regress y x")
    hook, fired = interrupt_on(kernel, "fitting")
    cell = execute(kernel, 'display "fitting"\nmixed y x || a: x, cov(unstructured) || b: x, cov(unstructured)\n'
                           'display "never"', on_output=hook)
    # "fitting" arrived while the fit ran: its hook's interrupt stopped the fit (status below)
    assert fired
    assert cell.status == "error", "the fit ended before the interrupt reached it"
    assert cell.reply["ename"] == "r(1)" and cell.stderr == "--Break--\nr(1);\n"
    assert "Mixed-effects" not in cell.stdout
    after = execute(kernel, "count\ndisplay e(cmd)\nsummarize x")
    assert after.status == "ok"
    assert after.stdout.startswith("  40,000\nregress\n")


def test_silent_requests_show_nothing_but_run(kernel):
    messages = []
    reply = kernel.execute_interactive('global silentrun "yes"\ndisplay "hidden"', silent=True,
                                       timeout=TIMEOUT, output_hook=messages.append)
    assert reply["content"]["status"] == "ok"
    assert [m for m in messages if m["msg_type"] in ("stream", "display_data")] == []
    assert execute(kernel, 'display "$silentrun"').stdout == "yes\n"


# ----- installing -----

def test_install_kernel_writes_the_kernelspec(tmp_path, capsys):
    from mlmcli.cli import main

    assert main(["--install-kernel", "--prefix", str(tmp_path)]) == 0
    spec = json.loads((tmp_path / "share/jupyter/kernels/mlm/kernel.json").read_text())
    assert spec["display_name"] == "Stata syntax (mlm)"
    assert spec["argv"][:3] == [sys.executable, "-m", "mlmcli.kernel"]
    assert spec["interrupt_mode"] == "signal"
    assert "Stata syntax (mlm)" in capsys.readouterr().out


def test_install_kernel_options_are_refused_alone(capsys):
    from mlmcli.cli import main

    with pytest.raises(SystemExit) as exc:
        main(["--sys-prefix"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit):
        main(["--install-kernel", "--sys-prefix", "--prefix", "/tmp/x"])
    assert "--install-kernel" in capsys.readouterr().err


def test_user_install_goes_to_the_jupyter_data_dir(tmp_path, monkeypatch):
    from mlmcli.cli import main

    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path))
    assert main(["--install-kernel"]) == 0
    assert (tmp_path / "kernels" / "mlm" / "kernel.json").is_file()

