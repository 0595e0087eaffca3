"""An unclosed quote is Stata's "too few quotes" r(132) wherever it is found: by the parser, in
the options of commands that read their line as text (twoway, the graph commands, the
options reader every command shares) and in display."""
from __future__ import annotations

import pytest

SETUP = "clear\nset obs 3\ngenerate x = _n\n"


@pytest.mark.parametrize("line", [
    'scatter x x, title("abc)',
    'twoway (scatter x x, title("a))',
    'scatter x x, title("abc',
    'summarize x, format("abc',
    'regress x, level("9',
    'display "abc',
    'display `"abc"',
])
def test_unclosed_quote_is_too_few_quotes(new_session, run, line):
    out, rc = run(new_session(), SETUP + line, echo=True, stop_on_error=False)
    assert rc == 132, out
    assert out.rstrip().endswith("too few quotes\nr(132);"), out


def test_closed_quotes_still_read(new_session, run):
    out, rc = run(new_session(), SETUP + "display `\"a\"b\"'\ndisplay \"(\" \"x\"", echo=True, stop_on_error=False)
    assert rc == 0 and 'a"b\n' in out and "(x" in out, out
