"""Bad input to ``mixed`` through the real CLI: a Stata message and r() for each, never a traceback."""
from __future__ import annotations


ERROR_DO = """\
clear
set obs 60
gen g = ceil(_n/6)
gen x = mod(_n, 7)
gen y = x + mod(_n, 5) + g/3
gen str3 s = "a"
gen w = 1 + mod(_n, 2)
gen cl = mod(_n, 3)
capture noisily mixed y nosuch || g:
display "rc=" _rc
capture noisily mixed y x || nosuch:
display "rc=" _rc
capture noisily mixed y x [pw=w] || g:, reml
display "rc=" _rc
capture noisily mixed s x || g:
display "rc=" _rc
capture noisily mixed y x if y > 1000 || g:
display "rc=" _rc
capture noisily mixed y x in 1/1 || g:
display "rc=" _rc
capture noisily mixed y x || g:, vce(cluster cl)
display "rc=" _rc
capture noisily mixed y x || g:, pweight(x)
display "rc=" _rc
capture noisily mixed y x || g:, cov(bogus)
display "rc=" _rc
capture noisily meqrlogit y x || g: i.x
display "rc=" _rc
capture noisily mixed y || _all: R.
display "rc=" _rc
"""


def test_bad_input_gets_stata_errors_never_a_traceback(mlm, tmp_path):
    do = tmp_path / "bad.do"
    do.write_text(ERROR_DO)
    p = mlm("-q", str(do), cwd=tmp_path)
    out = p.stdout + p.stderr
    assert p.returncode == 0, out
    assert "Traceback" not in out and "internal error" not in out
    rcs = [int(line[3:]) for line in p.stdout.splitlines() if line.startswith("rc=")]
    assert rcs == [111, 111, 101, 2000, 2000, 2001, 459, 407, 198, 198, 198]
    for msg in ("variable nosuch not found", "REML not supported with weights",
                "no observations", "insufficient observations",
                "highest-level groups are not nested within cl", "pweights not constant within g",
                "must use R. when specifying factor variables in random-effects equations"):
        assert msg in p.stdout, msg
