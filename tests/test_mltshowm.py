"""``mltshowm`` (mlt package, SSC): the ado-file's one line, ``estimates table $mcdac, star
b(%5.4f)`` (``all``: FULL and every WJ* refit), after mltcooksd; r() left empty."""
from __future__ import annotations

import io
from pathlib import Path

import pytest

from mlmcli.runner import Runner
from mlmcli.session import Output, Session

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def fitted():
    s = Session(out=Output(io.StringIO()))
    r = Runner(s)
    rc = r.run_text(f'use "{ROOT / "samples" / "data" / "hsb.dta"}", clear\nkeep if school < 1500\n'
                    "quietly xtmixed mathach ses meanses || school:, mle\nquietly mltcooksd\n", stop_on_error=True)
    assert rc == 0
    return s, r


def _run(s, r, text):
    s.out.stream.seek(0)
    s.out.stream.truncate()
    rc = r.run_text(text, stop_on_error=False)
    return rc, s.out.stream.getvalue()


def _body(out):
    lines = out.splitlines()
    return lines[[k for k, line in enumerate(lines) if line.startswith(". ")][0] + 1:]  # after the echo


@pytest.mark.parametrize("command, names", [("mltshowm", "$mcdac"), ("mltshowm, all", "FULL WJ*")])
def test_the_table_of_the_refits(fitted, command, names):
    s, r = fitted
    rc, direct = _run(s, r, f"estimates table {names}, star b(%5.4f)")
    assert rc == 0, direct
    rc, out = _run(s, r, command)
    assert rc == 0, out
    assert _body(out) == _body(direct)
    assert "FULL" in out and "ses" in out and s.r == {}
    if names == "$mcdac":
        assert s.globals["mcdac"].split()[0] == "FULL"


def test_errors(fitted):
    s, r = fitted
    assert _run(s, r, "mltshowm ses")[0] == 101
    assert _run(s, r, "mltshowm, nosuch")[0] == 198
