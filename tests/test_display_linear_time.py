"""``display`` reads each directive's expression from a window of the line that ends at a blank
outside quotes and brackets, widened while the parser takes all of it (mlmcli/expr/display.py):
a line of many directives costs time linear in its length (it was quadratic: each directive
re-read the rest of the line), and an expression longer than the first window, or one whose
strings, brackets or date literals hold blanks, still ends where the whole line says."""
from __future__ import annotations

import datetime

import pandas as pd
import pytest

from scaling import assert_not_superlinear


@pytest.fixture
def session(new_session):
    return new_session(pd.DataFrame({"x": [1.0, 2.0]}))


def _shown(session, run, text: str) -> str:
    out, rc = run(session, text)
    assert rc == 0, out
    return out


@pytest.mark.parametrize("item, shown", [
    ('"a" ', "a"),                      # strings only
    ("7 ", "7"),                        # numbers only: `7 7` is no expression, each is one
    ('"x=" 2+3 _col(1) ', "x=5"),       # a string, an expression, a column directive
    ("%5.1f 2.5 , ", "  2.5 "),        # a format and a blank
])
def test_a_line_of_many_directives_is_linear(session, run, item, shown):
    def display(n):
        return _shown(session, run, "display _continue " + item * n)

    small, large = assert_not_superlinear(display, 2000, 4, what=f"display {item!r} x n")
    if "_col" not in item:  # _col(1) on a long line: where the columns fall is not the point
        assert small == shown * 2000 and large == shown * 8000


def test_an_expression_longer_than_the_first_window(session, run):
    terms = 150  # `1 + 1 + ... + 1` of 600 characters, its blanks at the top level
    out = _shown(session, run, "display " + " + ".join(["1"] * terms) + ' "x" ' + " - ".join(["2"] * terms))
    assert out == f"{terms}x{2 - 2 * (terms - 1)}\n"


def test_blanks_inside_strings_brackets_and_literals_do_not_end_an_expression(session, run):
    long_string = "w " * 100  # 200 characters, blanks inside the quotes
    out = _shown(session, run, f'display "a" + "{long_string}" + "b" 1')
    assert out == "a" + long_string + "b1\n"
    bracketed = "(" + " + ".join(["2"] * 60) + ")"  # blanks only inside the brackets
    out = _shown(session, run, f"display {bracketed} * 3 4")
    assert out == f"{60 * 2 * 3}4\n"
    padding = '"p" ' * 30  # the literal lies beyond the first directive's window
    out = _shown(session, run, f"display {padding}td(15jan2000) + 1")
    assert out == "p" * 30 + str((datetime.date(2000, 1, 15) - datetime.date(1960, 1, 1)).days + 1) + "\n"


def test_an_error_after_many_directives_is_still_reported(session, run):
    out, rc = run(session, "display " + '"a" ' * 500 + "1 +")
    assert rc == 198
