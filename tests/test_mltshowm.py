"""``mltshowm`` (mlt package, SSC): the ado-file's one line, ``estimates table $mcdac, star
b(%5.4f)`` (``all``: FULL and every WJ* refit), after mltcooksd; r() left empty."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def fitted(new_session, run):
    s = new_session()
    rc = run(s, f'use "{ROOT / "samples" / "data" / "hsb.dta"}", clear\nkeep if school < 1500\n'
                "quietly xtmixed mathach ses meanses || school:, mle\nquietly mltcooksd\n")[1]
    assert rc == 0
    return s


def _body(out):
    lines = out.splitlines()
    return lines[[k for k, line in enumerate(lines) if line.startswith(". ")][0] + 1:]  # after the echo


@pytest.mark.parametrize("command, names", [("mltshowm", "$mcdac"), ("mltshowm, all", "FULL WJ*")])
def test_the_table_of_the_refits(fitted, command, names, run):
    s = fitted
    direct, rc = run(s, f"estimates table {names}, star b(%5.4f)", echo=True, stop_on_error=False)
    assert rc == 0, direct
    out, rc = run(s, command, echo=True, stop_on_error=False)
    assert rc == 0, out
    assert _body(out) == _body(direct)
    assert "FULL" in out and "ses" in out and s.r == {}
    if names == "$mcdac":
        assert s.globals["mcdac"].split()[0] == "FULL"


def test_errors(fitted, run):
    s = fitted
    assert run(s, "mltshowm ses", echo=True, stop_on_error=False)[1] == 101
    assert run(s, "mltshowm, nosuch", echo=True, stop_on_error=False)[1] == 198


def test_ssc_install_mlt_names_the_commands_mlm_has(new_session, run):
    out, rc = run(new_session(), "ssc install mlt")
    assert rc == 0
    assert "mlt is partly built into mlm (mltcooksd, mltrsq, mltshowm, mlt2stage); not available: mltl2scatter" in out
