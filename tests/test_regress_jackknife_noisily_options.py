"""``regress ..., <options> vce(jackknife, noisily)``: the line the prefix echoes and each
regress's output with regress's own options, as the ado-files build them (_vce_parserun hands the
options on as typed; _eqlist appends ``noconstant``; _prefix_command's ParseCommand takes
``level()``, ``vce()`` and ``eform()`` out and appends ``noheader notable``; jackknife.ado's
_get_diopts takes the display options out of each regress's options).  Each replicate's output is
compared with regress typed without that observation and with the options it keeps."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from graphs_helpers import double_session, run
from mlmcli.dta import read_dta

REFERENCE = json.loads((Path(__file__).parent / "regress_reference" / "vcovhc.json").read_text())


@pytest.fixture
def s():
    session = double_session({k: REFERENCE[k] for k in ("y", "x1", "x2", "w")})
    run(session, "keep in 1/6")
    return session


def _run(s, text):
    return run(s, text, stop_on_error=False)


def _expected(s, echo, options, final_command):
    """The noisily text when the full sample's and every replicate's regress take ``options``."""
    full, _ = _run(s, f"regress y x1, {options}")
    each = [_run(s, f"regress y x1 if _n != {i}, {options}")[0] for i in range(1, 7)]
    final, _ = _run(s, final_command)
    return ("jackknife: First call to regress with data as is:\n\n" + echo + full
            + "\nJackknife replications (6)\n" + "".join(echo + text for text in each) + final)


def test_options_are_echoed_as_typed_and_kept_by_each_regress(s):
    """Typed options in order (display options too), then noconstant, then noheader; each regress
    runs with noheader, depname() and noconstant but without cformat() (a display option)."""
    typed = "regress y x1, nohead cformat(%9.3f) depname(dd) nocons level(90)"
    out, rc = _run(s, f"{typed} vce(jackknife, noisily)")
    assert rc == 0, out
    echo = ". regress y x1, cformat(%9.3f) depname(dd) noconstant noheader\n"
    expected = _expected(s, echo, "noheader depname(dd) noconstant", f"{typed} vce(jackknife, nodots)")
    assert out == expected
    assert "Number of obs" not in out.split("Jackknife replications")[1].split("Jackknife")[0]
    assert out.count("          dd |") == 8 and "[90% Conf. Interval]" in out.split(". regress")[-1]


def test_noheader_notable_leave_each_regress_silent(s):
    out, rc = _run(s, "regress y x1, notable noheader vce(jackknife, noisily)")
    assert rc == 0, out
    echo = ". regress y x1, noheader notable"
    assert out == ("jackknife: First call to regress with data as is:\n\n" + echo + "\n"
                   + "\nJackknife replications (6)\n" + "".join(echo + "\n" for _ in range(6)))


def test_plus_and_weights(s):
    """plus leaves every regress's table open (not the jackknife's: plus is one of regress's
    options, not the prefix's display options); with pweights regress's sum-of-weights line first."""
    out, rc = _run(s, "regress y x1 [pw=w], plus vce(jackknife, noisily)")
    assert rc == 0, out
    first = out.split("Jackknife replications")[0]
    full, _ = _run(s, "regress y x1 [pw=w], plus")
    head = "jackknife: First call to regress with data as is:\n\n. regress y x1 [pweight= w], plus\n"
    assert first == head + full + "\n"
    assert full.rstrip().endswith("-------------+----------------------------------------------------------------")
    assert out.rstrip().endswith("-" * 78) and out.count("-------------+-------") == 2 * 7 + 1


def test_eform_is_not_echoed(s):
    out, rc = _run(s, "regress y x1, eform(ratio) vce(jackknife, noisily)")
    assert rc == 0, out
    assert out.count(". regress y x1\n") == 7 and "eform" not in out.split("\n")[2]


def test_invalid_format_note_comes_first(s):
    """jackknife.ado's first _get_diopts prints the note once, before the prefix's output."""
    note = "note: invalid cformat(), using default\n"
    noisy, rc = _run(s, "regress y x1, cformat(%12.3f) vce(jackknife, noisily)")
    assert rc == 0, noisy
    assert noisy.startswith(note + "jackknife: First call") and noisy.count(note) == 1
    assert ". regress y x1, cformat(%12.3f)\n" in noisy
    plain, rc = _run(s, "regress y x1, cformat(%12.3f) vce(jackknife)")
    assert plain.startswith(note + "(running regress on estimation sample)") and plain.count(note) == 1
    prefix, rc = _run(s, "regress y x1, vce(jackknife, cformat(%12.3f) nodots)")
    assert prefix.startswith(note) and prefix.count(note) == 1


def test_saving_records_the_options(s, tmp_path):
    os.chdir(tmp_path)
    out, rc = _run(s, "regress y x1, nocons vsquish notable vce(jackknife, saving(reps) nodots)")
    assert rc == 0, out
    ds, _ = read_dta("reps.dta")
    assert ds.chars["jk_command"] == "regress y x1, vsquish noconstant notable"


def test_beta_is_echoed_and_shapes_each_regress(s):
    """beta stays among regress's options (_get_diopts does not take it): echoed as typed, each
    regress's table has its Beta column (test_regress_jackknife_collinear.py compares them)."""
    out, rc = _run(s, "regress y x1, beta level(90) vce(jackknife, noisily)")
    assert rc == 0, out
    assert out.count(". regress y x1, beta\n") == 7 and out.count("Beta") == 7


def test_noc_is_noconstant_kept_where_typed(s):
    """regress's syntax is noConstant (frac_154's CheckForNoConstant: "-regress- has syntax
    noConstant"), so ``noc`` drops the constant; _eqlist's ``noCONStant`` takes only ``nocons`` and
    longer, so ``noc`` goes on through its ``*`` as typed, where typed, and each regress takes it."""
    typed = "regress y x1, noc depname(dd) nohead"
    out, rc = _run(s, f"{typed} vce(jackknife, noisily)")
    assert rc == 0, out
    echo = ". regress y x1, noc depname(dd) noheader\n"
    assert out == _expected(s, echo, "noheader depname(dd) noconstant", f"{typed} vce(jackknife, nodots)")
    assert "_cons" not in out


@pytest.mark.parametrize("short", ["noc", "noco", "nocon"])
def test_noc_abbreviations_fit_without_the_constant(s, short, tmp_path):
    full, rc = _run(s, "regress y x1, noconstant")
    assert rc == 0
    b = s.e.matrices["b"].values.copy()
    out, rc = _run(s, f"regress y x1, {short}")
    assert rc == 0 and out == full and (s.e.matrices["b"].values == b).all()
    os.chdir(tmp_path)
    out, rc = _run(s, f"regress y x1, {short} notable vce(jackknife, saving(reps) nodots)")
    assert rc == 0, out
    assert read_dta("reps.dta")[0].chars["jk_command"] == f"regress y x1, {short} notable"
