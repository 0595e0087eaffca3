"""``spagplot`` (community): one fitted line per id plus the overall linear fit, drawn."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.session import Session

from tests.test_graphs_commands import run_lines


def panel_session() -> Session:
    rng = np.random.default_rng(11)
    ids = np.repeat([1, 2, 3, 4], 6)
    x = np.tile(np.arange(6.0), 4)
    df = pd.DataFrame({"y": 2.0 + ids * x + rng.normal(size=24), "x": x, "id": ids.astype(float)})
    session = Session()
    session.data = Dataset(df=df, types={"y": "float", "x": "float", "id": "byte"})
    return session


def drawn_lines(session) -> list[tuple[float, int]]:
    """(line width, number of polylines) of each line collection in the drawn figure."""
    from matplotlib.axes import Axes
    from matplotlib.collections import LineCollection

    from mlmcli.graphs.draw import make_figure

    fig = make_figure(session.graphs[-1])
    return [(float(c.get_linewidth()[0]), len(c.get_segments()))
            for ax in fig.findobj(Axes) for c in ax.get_children() if isinstance(c, LineCollection)]


def test_one_least_squares_line_per_id_and_the_overall_fit():
    session = panel_session()
    run_lines(session, ["spagplot y x, id(id)"])
    graph = session.graphs[-1]
    spaghetti, overall = graph.panels[0].series
    assert spaghetti.breaks == (6, 12, 18)  # a new line per id
    y, x, ids = (session.data.numeric(v) for v in ("y", "x", "id"))
    for k, start in enumerate((0, 6, 12, 18)):
        at = ids == k + 1
        b, a = np.polyfit(x[at], y[at], 1)
        np.testing.assert_allclose(spaghetti.y[start:start + 6], a + b * x[at], rtol=1e-10)
    b, a = np.polyfit(x, y, 1)
    np.testing.assert_allclose(overall.y, a + b * overall.x, rtol=1e-9)
    assert overall.style == 2 and graph.note == "Spaghetti plot of y x id id"
    (thin, id_lines), (thick, fit_lines) = drawn_lines(session)
    assert id_lines == 4 and fit_lines == 1 and thick >= 2 * thin  # lwidth(vthick)


def test_nofit_joins_the_data_and_noover_drops_the_fit_line():
    session = panel_session()
    run_lines(session, ["spagplot y x if id < 3, id(id) nofit noover ytitle(Outcome)"])
    graph = session.graphs[-1]
    (spaghetti,) = graph.panels[0].series
    np.testing.assert_allclose(spaghetti.y, session.data.numeric("y")[:12])
    assert spaghetti.breaks == (6,) and graph.ytitle == "Outcome"


def test_errors_are_statas():
    session = panel_session()
    with pytest.raises(StataError) as err:
        run_lines(session, ["spagplot y x"])
    assert err.value.rc == 198 and "option id() required" in str(err.value)
    with pytest.raises(StataError) as err:
        run_lines(session, ["spagplot y x, id(nosuch)"])
    assert err.value.rc == 111
    with pytest.raises(StataError) as err:
        run_lines(session, ["spagplot y, id(id)"])
    assert err.value.rc == 102
    assert session.graphs == [] or len(session.graphs) == 0


def test_twoway_sort_varlist_orders_rows_by_those_variables():
    """``sort(id x)``, as spagplot's ado-file draws it: ids in turn, x ascending within."""
    session = panel_session()
    session.data = session.data.__class__(
        df=session.data.df.iloc[::-1].reset_index(drop=True), types=dict(session.data.types))
    run_lines(session, ["twoway scatter y x, connect(L) msymbol(i) sort(id x)"])
    (series,) = session.graphs[-1].panels[0].series
    np.testing.assert_allclose(series.x, np.tile(np.arange(6.0), 4))
    assert series.breaks == (6, 12, 18)
