"""``regress [weight], vce(jackknife, noisily)`` and noisily with ``nodrop n()|nocount`` and if/in:
each replicate's output is regress's with the weights jackknife.ado's loop gives it (fweights one
copy less, pweights and iweights the others' times n/(n-1), aweights as typed without the row),
compared here with regress typed with those weights; the replicates' b are R's elsewhere
(test_regress_weighted_jackknife.py, test_regress_jackknife_iweights_eform.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from graphs_helpers import double_session, run

REFERENCE = json.loads((Path(__file__).parent / "regress_reference" / "vcovhc.json").read_text())


@pytest.fixture
def s():
    session = double_session({k: REFERENCE[k] for k in ("y", "x1", "x2", "w")})
    run(session, "keep in 1/6\ngenerate double f = 1 + mod(_n, 3)")
    return session


def _run(s, text):
    return run(s, text, stop_on_error=False)


def _expected(s, echo, full_command, replicate_commands, final_command):
    full, _ = _run(s, full_command)
    each = [_run(s, command)[0] for command in replicate_commands]
    final, _ = _run(s, final_command)
    return ("jackknife: First call to regress with data as is:\n\n" + echo + full
            + f"\nJackknife replications ({len(each)})\n" + "".join(echo + text for text in each) + final)


@pytest.mark.parametrize("typed, echoed, replicate", [
    ("fw=f", "fweight= f", "[fw=r]"),
    ("pw=w", "pweight= w", "[pw=r] if _n != {i}"),
    ("iw=w", "iweight= w", "[iw=r] if _n != {i}")])
def test_weighted_replicates_are_regress_with_the_loop_s_weights(s, typed, echoed, replicate):
    kind = typed.split("=")[0]
    out, rc = _run(s, f"regress y x1 [{typed}], vce(jackknife, noisily nocount)")
    assert rc == 0, out
    texts = []  # each replicate's weights in r, then regress typed with them
    for i in range(1, 7):
        if kind == "fw":  # one copy less
            _run(s, f"capture drop r\ngenerate double r = f - (_n == {i})")
        else:  # _loop_jknife_iw: the others' weights times n/(n-1)
            _run(s, f"capture drop r\ngenerate double r = cond(_n == {i}, 0, w * 6 / 5)")
        texts.append(_run(s, f"regress y x1 {replicate.format(i=i)}")[0])
    full, _ = _run(s, f"regress y x1 [{typed}]")
    final, _ = _run(s, f"regress y x1 [{typed}], vce(jackknife, nodots nocount)")
    echo = f". regress y x1 [{echoed}]\n"
    expected = ("jackknife: First call to regress with data as is:\n\n" + echo + full
                + "\nJackknife replications (6)\n" + "".join(echo + text for text in texts) + final)
    assert out == expected
    if kind == "pw":  # regress's line: the rescaled pweights' sum
        assert "(sum of wgt is" in texts[0]


def test_aweights_with_force(s):
    out, rc = _run(s, "regress y x1 [aw=w], vce(jackknife, noisily force)")
    assert rc == 0, out
    expected = _expected(s, ". regress y x1 [aweight= w]\n", "regress y x1 [aw=w]",
                         [f"regress y x1 [aw=w] if _n != {i}" for i in range(1, 7)],
                         "regress y x1 [aw=w], vce(jackknife, nodots force)")
    assert out == expected and out.count("(sum of wgt is") == 7


def test_nodrop_replicates_outside_the_sample_print_the_full_fit(s):
    """nodrop nocount with if: the if observation regress drops (a missing x1) is a replicate
    whose regress leaves out nothing."""
    _run(s, "replace x1 = . in 3")
    out, rc = _run(s, "regress y x1 if x2 < 100, vce(jackknife, noisily nodrop nocount)")
    assert rc == 0, out
    replicates = ["regress y x1 if x2 < 100" if i == 3 else f"regress y x1 if x2 < 100 & _n != {i}"
                  for i in range(1, 7)]
    expected = _expected(s, ". regress y x1 if (x2 < 100)\n", "regress y x1 if x2 < 100", replicates,
                         "regress y x1 if x2 < 100, vce(jackknife, nodots nodrop nocount)")
    assert out == expected


def test_noconstant_level_and_reject(s):
    """noconstant is echoed in full and each regress runs with it; level() is the prefix's (the
    replicates keep c(level)); a rejected replicate is followed by the loop's message."""
    run(s, "quietly regress y x1, noconstant")
    bound = float(s.e.matrices["b"].values[0, 0])
    texts, rejected = [], []
    for i in range(1, 7):
        texts.append(_run(s, f"regress y x1 if _n != {i}, noconstant")[0])
        rejected.append(s.e.matrices["b"].values[0, 0] > bound)
    assert 0 < sum(rejected) < 6
    reject = f"reject(_b[x1] > {bound!r})"
    out, rc = _run(s, f"regress y x1, nocons level(90) vce(jackknife, noisily {reject})")
    assert rc == 0, out
    full, _ = _run(s, "regress y x1, noconstant")
    final, _ = _run(s, f"regress y x1, nocons level(90) vce(jackknife, nodots {reject})")
    echo = ". regress y x1, noconstant\n"
    message = "rejected results from regress, posting missing values\n"
    expected = ("jackknife: First call to regress with data as is:\n\n" + echo + full
                + "\nJackknife replications (6)\n"
                + "".join(echo + text + (message if bad else "") for text, bad in zip(texts, rejected)) + final)
    assert out == expected
    assert "[95% Conf. Interval]" in texts[0] and "[90% Conf. Interval]" in final


def test_collinear_regressor_is_written_o_and_noted_once(s):
    """_vce_parserun's _rmcoll: its note once, first; the line ``regress y x1 o.x3``; every
    regress omits x3 without a note (regress y x1 x3's output without its note line)."""
    _run(s, "generate double x3 = 2 * x1")
    note = "note: x3 omitted because of collinearity\n"
    out, rc = _run(s, "regress y x1 x3, vce(jackknife, noisily)")
    assert rc == 0, out
    expected = _expected(s, ". regress y x1 o.x3\n", "regress y x1 x3",
                         [f"regress y x1 x3 if _n != {i}" for i in range(1, 7)],
                         "regress y x1 x3, vce(jackknife, nodots)")
    assert expected.count(note) == 8 and out.startswith(note)
    assert out == note + expected.replace(note, "")
    plain, rc = _run(s, "regress y x1 x3, vce(jackknife)")
    assert plain.startswith(note + "(running regress on estimation sample)") and plain.count(note) == 1


def test_collinear_factor_level_is_written_as_the_columns(s):
    """x4 is 1.g: _rmcoll omits 1.g, and the line writes i.g as its e(b) columns."""
    _run(s, "generate g = mod(_n, 2)\ngenerate x4 = g == 1")
    out, rc = _run(s, "regress y x4 i.g, vce(jackknife, noisily)")
    assert rc == 0, out
    assert out.count(". regress y x4 0b.g 1o.g\n") == 7


def test_factor_term_without_an_omitted_level_stays_as_typed(s):
    """Only a term with an omitted level is written as its columns: i.g beside o.x3 stays i.g."""
    _run(s, "generate double x3 = 2 * x1\ngenerate g = mod(_n, 3)")
    out, rc = _run(s, "regress y x1 x3 i.g, vce(jackknife, noisily)")
    assert rc == 0, out
    assert out.count(". regress y x1 o.x3 i.g\n") == 7


def test_a_failing_fweight_replicate_shows_regress_s_error(s):
    """nodrop nocount: a zero frequency less one is -1, regress stops (r(402), its message shown
    under the loop's capture noisily) and the loop says so; the dropped observation's replicate
    leaves out nothing (the full sample's output)."""
    _run(s, "replace f = 0 in 2\nreplace y = . in 4")
    out, rc = _run(s, "regress y x1 [fw=f], vce(jackknife, noisily nodrop nocount)")
    assert rc == 0, out
    failed, code = _run(s, "generate double r = f - (_n == 2)\nregress y x1 [fw=r]")
    assert code == 402 and "negative weights encountered" in failed
    _run(s, "drop r")
    echo = ". regress y x1 [fweight= f]\n"
    each = []
    for i in range(1, 7):
        if i == 2:
            each.append("negative weights encountered\n"
                        "an error occurred when jackknife executed regress, posting missing values\n")
            continue
        _run(s, f"capture drop r\ngenerate double r = f - (_n == {i})")
        each.append(_run(s, "regress y x1 [fw=r]")[0])
    full, _ = _run(s, "regress y x1 [fw=f]")
    final, _ = _run(s, "regress y x1 [fw=f], vce(jackknife, nodots nodrop nocount)")
    assert out == ("jackknife: First call to regress with data as is:\n\n" + echo + full
                   + "\nJackknife replications (6)\n" + "".join(echo + text for text in each) + final)
    assert each[3] == full  # row 4's replicate: nothing of regress's left out


def test_the_loop_s_messages_wrap_as_smcl_paragraphs(s):
    """{p 0 0 2}: at linesize 60 the failing replicate's message fills at most 58 columns."""
    _run(s, "replace f = 0 in 2\nset linesize 60")
    out, rc = _run(s, "regress y x1 [fw=f], vce(jackknife, noisily nodrop nocount)")
    assert rc == 0, out
    assert ("negative weights encountered\nan error occurred when jackknife executed regress, posting\n"
            "missing values\n") in out
