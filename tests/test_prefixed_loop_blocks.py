"""A loop or if block under quietly/capture/noisily (``quietly foreach x of ... {``) and the
brace right after the list (``foreach i of numlist 1/2{``)."""
from __future__ import annotations


def test_quietly_foreach_runs_the_loop_quietly(do):
    rc, out, s = do('quietly foreach i of numlist 1/2 {\ndisplay `i\'\nnoisily display "n`i\'"\n}\ndisplay "end"')
    assert rc == 0 and out.splitlines() == ["n1", "n2", "end"]


def test_capture_noisily_forvalues_and_quietly_if(do):
    rc, out, s = do("capture noisily forvalues j = 1/2 {\ndisplay `j'\n}\nqui: if 1 {\ndisplay 9\n}\n"
                    "capture forvalues k = 1/2 {\nerror 7\n}\ndisplay _rc")
    assert rc == 0 and out.splitlines() == ["1", "2", "7"]


def test_brace_without_space(do):
    rc, out, s = do("foreach i of numlist 1/2{\ndisplay `i'\n}")
    assert rc == 0 and out.splitlines() == ["1", "2"]
