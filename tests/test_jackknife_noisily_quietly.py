"""``quietly regress ..., vce(jackknife, noisily)`` (and under ``capture``): what jackknife.ado and
_loop_jknife.ado show through ``noisily`` is shown, what they show with plain ``display`` is not.

jackknife.ado (Stata 12's 9.9.0 and Stata 16's) runs the full sample's command as ``capture noisily
quietly `noisily' ...`` and prints its "jackknife: First call to ... with data as is:" heading and
echo with plain ``di``; the loop echoes each replicate's command with ```noi' di`` (``noisily``)
and runs it ``capture `noiqui' `noisily' ...``, its ``_dots 0, title()`` plain.  ``noisily``
turns output back on inside an enclosing ``quietly`` ([P] quietly), so the user's quietly leaves
every regress's output, the replicates' echoes and the loop's messages, and silences the heading,
the title and the final table."""
from __future__ import annotations

FIVE = 'quietly {\nset obs 5\ngenerate x = _n\ngenerate y = real(word("1 3 2 5 4", _n))\n}\n'


def _parts(loud: str) -> tuple[str, str, str]:
    """(the full sample's regress output, the replicates' echoes and outputs, the final table) of
    the unquiet run's text."""
    head, rest = loud.split("jackknife: First call to regress with data as is:\n\n. regress y x\n", 1)
    assert head == ""
    full, rest = rest.split("\nJackknife replications (5)\n", 1)
    cut = rest.index("\nLinear regression")
    return full, rest[:cut], rest[cut:]


def test_quietly_keeps_what_the_prefix_shows_noisily(do):
    rc, loud, _ = do(FIVE + "regress y x, vce(jackknife, noisily)")
    assert rc == 0
    full, replicates, final = _parts(loud)
    assert replicates.count(". regress y x\n") == 5 and "Jackknife" in final
    for prefix in ("quietly", "capture"):
        rc, quiet, session = do(FIVE + f"{prefix} regress y x, vce(jackknife, noisily)")
        assert rc == 0
        assert quiet == full + replicates
        assert session.e.macros["vce"] == "jackknife"


def test_quietly_without_noisily_stays_silent(do):
    rc, quiet, _ = do(FIVE + "quietly regress y x, vce(jackknife)")
    assert rc == 0 and quiet == ""
