"""esttab/estout ``wrap`` (estout.ado): with a varwidth() of 2 or more and several rows of
statistics per coefficient, a long label is split into pieces of varwidth characters at word
boundaries (``piece ..., nobreak``) over those rows, the last row taking what is left (then
abbreviated to the width like any label); ``nowrap`` and one row of statistics leave the
label whole.  The expected lines are worked out here from the label and the widths."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from mlmcli.render.estout import wrapped_label
from mlmcli.render.text_pieces import pieces

LABEL = "household land owned in decimals of an acre"


@pytest.fixture(scope="module")
def frame():
    rng = np.random.default_rng(46)
    x, z = rng.normal(size=80), rng.normal(size=80)
    return pd.DataFrame({"y": 1 + 0.5 * x + 0.2 * z + rng.normal(size=80), "land": x, "z": z})


def _table(do, frame, options):
    rc, out, s = do(f'label variable land "{LABEL}"\nquietly regress y land z\neststo m1\n'
                    f"esttab m1, label {options}", frame)
    assert rc == 0, out
    return out.splitlines()


def test_pieces_pack_words_greedily():
    assert pieces(LABEL, 20, nobreak=True) == ["household land owned", "in decimals of an", "acre"]
    assert pieces("abcdefghij klm", 4) == ["abcd", "efgh", "ij", "klm"]
    assert pieces("abcdefghij klm", 4, nobreak=True) == ["abcdefghij", "klm"]


def test_wrapped_label_rows():
    assert wrapped_label(LABEL, 20, 2) == ["household land owned", "in decimals of an acre"]
    assert wrapped_label(LABEL, 20, 3) == ["household land owned", "in decimals of an", "acre"]
    assert wrapped_label(LABEL, 20, 1) == [LABEL]
    assert wrapped_label(LABEL, 0, 2) == [LABEL]  # varwidth 0 (csv, tab): no wrapping
    assert wrapped_label("short", 20, 2) == ["short"]


def test_esttab_wrap_splits_the_label_over_b_and_t_rows(do, frame):
    lines = _table(do, frame, "wrap varwidth(30)")
    i = next(k for k, line in enumerate(lines) if line.startswith("household land owned in "))
    assert lines[i].startswith("household land owned in".ljust(30))
    assert lines[i + 1].startswith("decimals of an acre".ljust(30)) and "(" in lines[i + 1]


def test_esttab_wrap_abbreviates_what_the_last_row_cannot_hold(do, frame):
    lines = _table(do, frame, "wrap")
    i = next(k for k, line in enumerate(lines) if line.startswith("household land owned"))
    assert lines[i + 1].startswith("in decimals of an ~e")  # 22 characters in a width of 20


def test_nowrap_and_no_option_leave_the_label_abbreviated(do, frame):
    for options in ("", "wrap nowrap"):
        lines = _table(do, frame, options)
        assert any(line.startswith("household land own~e") for line in lines)
        assert not any(line.startswith("in decimals") for line in lines)


def test_wrap_with_one_row_of_statistics_changes_nothing(do, frame):
    for options in ("wrap not", "wrap cells(b)"):
        lines = _table(do, frame, options)
        assert any(line.startswith("household land own~e") for line in lines)
        assert not any(line.startswith("in decimals") for line in lines)
