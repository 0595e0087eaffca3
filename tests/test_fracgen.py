"""fracgen (Stata 13's fracgen.ado): the terms computed here with numpy from frac_xo's shift
and scale (x/10 for a range of 10 to 99.9; x + (-min + the smallest gap) when x has a value
<= 0), the display lines as fracgen prints them, r(), and Stata's errors."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(3)
    return pd.DataFrame({"x": rng.uniform(2, 50, 40).round(2), "s": np.linspace(-2, 3, 40).round(3),
                         "z": rng.normal(size=40)})


def test_powers_scaled_and_lines(do, data):
    rc, out, session = do("fracgen x -2 3", df=data)
    assert rc == 0, out
    assert out.splitlines() == ["-> gen double x_1 = X^-2", "-> gen double x_2 = X^3", "   (where: X = x/10)"]
    X = data["x"].to_numpy() / 10
    np.testing.assert_allclose(session.data.numeric("x_1"), X ** -2.0, rtol=1e-14)
    np.testing.assert_allclose(session.data.numeric("x_2"), X ** 3.0, rtol=1e-14)
    assert session.r["names"] == "x_1 x_2" and session.r["scale"] == 10 and session.r["shift"] == 0


def test_repeated_log_power_adjusted_at_mean(do, data):
    rc, out, session = do("fracgen x 0 0, adjust(mean) name(w)", df=data)
    assert rc == 0, out
    X = data["x"].to_numpy() / 10
    m = X.mean()
    a1, a2 = np.log(m), np.log(m) ** 2
    np.testing.assert_allclose(session.data.numeric("w_1"), np.log(X) - a1, atol=1e-13)
    np.testing.assert_allclose(session.data.numeric("w_2"), np.log(X) ** 2 - a2, atol=1e-13)
    shown = out.splitlines()[1]
    assert shown.startswith("-> gen double w_2 = ln(X)^2-")
    assert float(shown.split("-")[-1]) == pytest.approx(a2, rel=1e-9)  # %12.0g
    assert session.r["adj1"] == pytest.approx(a1, rel=1e-12)


def test_shift_when_x_not_positive_and_sample(do, data):
    rc, out, session = do("fracgen s .5 if z > 0, noscaling", df=data)
    assert rc == 0, out
    s, z = data["s"].to_numpy(), data["z"].to_numpy()
    frame = s[z > 0]
    shift = -frame.min() + np.diff(np.unique(frame)).min()
    expected = np.where(z > 0, (s + shift) ** 0.5, np.nan)
    np.testing.assert_allclose(session.data.numeric("s_1"), expected, rtol=1e-12)
    assert "-> gen double s_1 = X^.5 if z > 0" in out
    assert session.r["shift"] == pytest.approx(shift, rel=1e-12)


def test_linear_alone_creates_nothing(do, data):
    rc, out, session = do("fracgen x 1", df=data)
    assert rc == 0 and out == "" and session.r["names"] == "x"
    assert session.data.varnames == ["x", "s", "z"]


@pytest.mark.parametrize("line, message, code", [
    ("fracgen x", "powers required", 198),
    ("gen x_1 = 1\nfracgen x 2", "x_1 already defined", 110),
    ("fracgen x 2, adjust(mean) center(mean)", "options adjust() and center() may not be specified together", 198),
    ("fracgen x 2, catzero", "option catzero not allowed", 198),
])
def test_errors(do, data, line, message, code):
    rc, out, session = do(line, df=data)
    assert rc == code and message in out, out
    assert "x_2" not in session.data.varnames


def test_replace(do, data):
    rc, out, session = do("fracgen x 2\nfracgen x 2, replace noscaling", df=data)
    assert rc == 0, out
    np.testing.assert_allclose(session.data.numeric("x_1"), data["x"].to_numpy() ** 2.0, rtol=1e-14)
