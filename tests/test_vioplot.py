"""``vioplot`` (community, SSC): violin plots -- each violin's mirrored kernel density (kdensity's
epanechnikov kernel and default half-width), its interquartile bar, adjacent-value spike and
median, checked against numpy on data of our own; the data are left as they were."""
from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.session import Session
from tests.execute_lines import run


def trial_session() -> Session:
    rng = np.random.default_rng(2024)
    n = 180
    g = rng.integers(1, 4, n).astype(float)
    y = 5 + 1.5 * g + rng.gamma(2.0, 1.0, n)
    y[rng.random(n) < 0.05] = np.nan
    df = pd.DataFrame({"y": y, "g": g, "s": np.where(g == 1, "TRUE", "FALSE")})
    session = Session()
    session.data = Dataset(df=df, types={"y": "double", "g": "byte", "s": "str5"},
                           value_label_of={"g": "gl"}, value_labels={"gl": {1.0: "Low", 2.0: "Mid", 3.0: "High"}})
    return session


def centile(x, p):
    """summarize, detail's percentile: the average of two order statistics at an integer n*p/100."""
    return float(np.percentile(np.sort(x), p, method="averaged_inverted_cdf"))


def epanechnikov_density(x, at):
    sd = np.std(x, ddof=1)
    iqr = centile(x, 75) - centile(x, 25)
    h = 0.9 * min(sd, iqr / 1.349) / len(x) ** 0.2
    z = (at[:, None] - x[None, :]) / h
    k = np.where(np.abs(z) < math.sqrt(5), 0.75 * (1 - z * z / 5) / math.sqrt(5), 0.0)
    return k.sum(axis=1) / (len(x) * h), h


def series(session, kind):
    return [s for s in session.graphs[-1].panels[0].series if s.kind == kind]


def test_box_parts_and_densities_by_group_match_numpy_and_data_are_left_alone():
    session = trial_session()
    before = session.data.df.copy()
    run(session, "vioplot y if y < 14, over(g) obs")
    pd.testing.assert_frame_equal(session.data.df, before)
    y, g = before["y"].to_numpy(), before["g"].to_numpy()
    areas, (spike,), (bar,) = series(session, "area"), series(session, "rspike"), series(session, "bar")
    (median,) = series(session, "scatter")
    assert len(areas) == 3
    widths = []
    for k, level in enumerate((1.0, 2.0, 3.0)):
        x = y[(g == level) & (y < 14)]
        q1, q2, q3 = centile(x, 25), centile(x, 50), centile(x, 75)
        inside = x[(x >= q1 - 1.5 * (q3 - q1)) & (x <= q3 + 1.5 * (q3 - q1))]
        np.testing.assert_allclose(sorted([bar.y[k], bar.y2[k]]), [q1, q3], rtol=1e-12)
        np.testing.assert_allclose(sorted([spike.y[k], spike.y2[k]]), [inside.min(), inside.max()], rtol=1e-12)
        np.testing.assert_allclose(median.y[k], q2, rtol=1e-12)
        # vertical violins: the band runs across x (position +- scaled density) at each value
        area = areas[k]
        values = area.x
        dens, h = epanechnikov_density(x, values)
        np.testing.assert_allclose(values[0], x.min() - h, rtol=1e-12)
        half = (np.asarray(area.y2) - np.asarray(area.y)) / 2
        widths.append(half.max())
        np.testing.assert_allclose(half / half.max(), dens / dens.max(), rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose((np.asarray(area.y2) + np.asarray(area.y)) / 2, k + 1, rtol=1e-12)
    assert max(widths) == pytest.approx(0.4)


def test_string_over_variable_horizontal_and_twoway_options_pass_through():
    session = trial_session()
    run(session, 'vioplot y, over(s) horizontal title("Yield") ylab(, angle(0)) scheme(s2mono)')
    assert len(series(session, "area")) == 2
    assert session.graphs[-1].panels[0].series[-1].kind == "scatter"


@pytest.mark.parametrize("line, rc", [
    ("vioplot y, nosuch", 198),
    ("vioplot y, over(g, bogus)", 198),
    ("vioplot y, over(g) over(s)", 198),
    ("vioplot s", 109),
    ("vioplot y if y > 1000", 2000),
    ("vioplot y, kernel(nonsense)", 198),
])
def test_errors_leave_the_data(line, rc):
    session = trial_session()
    before = session.data.df.copy()
    with pytest.raises(StataError) as err:
        run(session, line)
    assert err.value.rc == rc
    pd.testing.assert_frame_equal(session.data.df, before)
