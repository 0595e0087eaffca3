"""``set rmsg on`` (the return message after each command: [R] set rmsg, [U] 8) and
``set maxiter #`` (the default ``iterate()`` of the maximum-likelihood commands:
[R] maximize, "iterate(#) ... the default is c(maxiter)")."""
from __future__ import annotations

import io
import re

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

RMSG = r"t=\d+\.\d\d \d\d:\d\d:\d\d"


def _run(text: str) -> str:
    session = Session(out=Output(io.StringIO()))
    Runner(session).run_text(text, echo=True)
    return session.out.stream.getvalue()


def test_rmsg_follows_each_echoed_command_and_the_error():
    out = _run("set rmsg on\ndisplay 1\nforvalues i = 1/2 {\n  display `i'\n}\n* a comment\n"
               "set rmsg off\ndisplay 3\nset rmsg on\ndisplay nosuch").splitlines()
    assert re.fullmatch(r"r; " + RMSG, out[1])  # `set rmsg on` itself ends with one
    assert out[3:6] == [". display 1", "1", out[5]] and re.fullmatch(r"r; " + RMSG, out[5])
    loop_end = out.index("2")  # the loop's lines get none; the loop as one command does
    assert re.fullmatch(r"r; " + RMSG, out[loop_end + 1]) and out[loop_end - 1] == "1"
    assert out[out.index(". * a comment") + 1] == ". set rmsg off"  # a comment is no command
    off = out.index(". set rmsg off")
    assert out[off + 1:off + 5] == ["", ". display 3", "3", ""]
    assert out[-2] == "nosuch not found"
    assert re.fullmatch(r"r\(111\); " + RMSG, out[-1])


def test_rmsg_values(do):
    rc, out, s = do("set rmsg on\ndisplay c(rmsg)")
    assert rc == 0 and s.settings["rmsg"] == "on" and "on" in out.splitlines()
    rc, out, _ = do("set rmsg sometimes")
    assert rc == 198 and "set rmsg: on or off required" in out


def test_maxiter_is_the_default_iterate(do):
    data = ("clear\nquietly set obs 60\ngen x = _n/10\ngen t = exp(-0.3*x)*(1+mod(_n*7,13))\n"
            "gen d = mod(_n,4)>0\nquietly stset t, failure(d)\n")
    rc, out, s = do(data + "set maxiter 1\ndisplay c(maxiter)\nstcox x, nolog")
    assert s.settings["maxiter"] == 1 and out.splitlines()[0] == "1"
    # the limit not typed as iterate(): ml's convergence failure is an error ([R] maximize)
    assert rc == 430 and "convergence not achieved" in out
    rc, out, _ = do(data + "set maxiter 1\nstcox x, nolog iterate(1)")
    assert rc == 0 and "convergence not achieved" in out  # typed: a warning only
    rc, out, _ = do(data + "set maxiter 1\nset maxiter 16000\nstcox x, nolog")
    assert rc == 0 and "convergence not achieved" not in out
    rc, out, _ = do("set maxiter 16001")
    assert rc == 198 and "set maxiter: maxiter must be between 0 and 16,000" in out
