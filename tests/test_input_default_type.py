"""``input`` and ``infile`` give an untyped variable the default storage type that ``set type``
sets (float unless changed), and hold the values as that type holds them: after ``set type
double``, 0.1 typed in is the double 0.1, not float(0.1)."""
from __future__ import annotations

import numpy as np


def _value(s, name):
    return float(s.data.df[name].iloc[0])


def test_input_follows_set_type(new_session, run):
    s = new_session()
    run(s, "set type double")
    out, rc = run(s, "input x\n0.1\nend")
    assert rc == 0, out
    assert s.data.types["x"] == "double" and _value(s, "x") == 0.1


def test_input_default_float_holds_float_values(new_session, run):
    s = new_session()
    out, rc = run(s, "input x\n0.1\nend")
    assert rc == 0, out
    assert s.data.types["x"] == "float" and _value(s, "x") == float(np.float32(0.1))


def test_infile_follows_set_type(new_session, run, tmp_path):
    path = tmp_path / "v.raw"
    path.write_text("0.1\n0.2\n")
    s = new_session()
    run(s, "set type double")
    out, rc = run(s, f'infile x using "{path}"')
    assert rc == 0, out
    assert s.data.types["x"] == "double" and _value(s, "x") == 0.1
