"""Test helper (not a test module): run graph commands on generated data and look at what
matplotlib drew (axes by gid, the artists of each series, limits, tick and legend texts)."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset
from mlmcli.runner import Runner
from mlmcli.session import Output, Session


def make_session(n: int = 60, seed: int = 7) -> Session:
    """y, x (continuous), z (positive), g (1-3, labelled), h (0/1), w (1-3 integer weights)."""
    rng = np.random.default_rng(seed)
    g = np.arange(n) % 3 + 1
    x = np.round(rng.uniform(0, 10, n), 2)
    y = np.round(1 + 0.5 * x - 0.8 * g + rng.normal(0, 1, n), 3)
    df = pd.DataFrame({"y": y, "x": x, "z": np.round(np.exp(rng.normal(1, .5, n)), 3),
                       "g": g.astype(float), "h": (np.arange(n) % 2).astype(float),
                       "w": (np.arange(n) % 3 + 1).astype(float)})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={"y": "float", "x": "float", "z": "float", "g": "byte",
                                         "h": "byte", "w": "byte"})
    session.data.var_labels["y"] = "Outcome"
    session.data.value_label_of["g"] = "gl"
    session.data.value_labels["gl"] = {1: "low", 2: "mid", 3: "high"}
    return session


def range_session(n: int = 60) -> Session:
    """``make_session``'s data with a range about y: hi = y + 1, lo = y - 1."""
    session = make_session(n=n)
    run(session, "gen hi = y + 1")
    run(session, "gen lo = y - 1")
    return session


def survival_reference_session(name: str, setup: str, columns=None) -> Session:
    """tests/survival_reference/``name`` (a CSV; R's ``wt.loss`` as ``wt_loss``; only ``columns``
    when given) as doubles, then ``setup`` run (the stset line)."""
    from pathlib import Path

    df = pd.read_csv(Path(__file__).parent / "survival_reference" / name)
    df = df if columns is None else df[list(columns)]
    session = double_session({c.replace(".", "_"): df[c] for c in df})
    run(session, setup)
    return session


def double_session(columns: dict) -> Session:
    """A session whose data are ``columns`` (name -> values), every variable a double."""
    df = pd.DataFrame({k: np.asarray(v, float) for k, v in columns.items()})
    session = Session(out=Output(io.StringIO()))
    session.data = Dataset(df=df, types={k: "double" for k in df})
    return session


def run(session: Session, text: str, stop_on_error: bool = True) -> tuple[str, int]:
    session.out.stream.seek(0)
    session.out.stream.truncate()
    rc = Runner(session).run_text(text, echo=False, stop_on_error=stop_on_error)
    return session.out.stream.getvalue(), rc


def figure(graph):
    """The drawn matplotlib Figure of a Graph (Agg canvas, drawn once so texts are laid out)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from mlmcli.graphs.draw import make_figure

    fig = make_figure(graph)
    FigureCanvasAgg(fig).draw()
    return fig


def axes(fig, gid: str = "panel1"):
    for ax in fig.axes:
        if ax.get_gid() == gid:
            return ax
    raise KeyError(gid)


def artists(fig, gid: str) -> list:
    """Every artist of every axes whose gid is ``gid``."""
    out = []
    for ax in fig.axes:
        for art in ax.get_children():
            if art.get_gid() == gid:
                out.append(art)
            elif hasattr(art, "get_children"):
                out.extend(a for a in art.get_children() if a.get_gid() == gid)
    return out


def line_xy(fig, gid: str) -> tuple[np.ndarray, np.ndarray]:
    """x, y of the markers a scatter series drew (its Line2D)."""
    (line,) = artists(fig, gid)
    return np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)


def segments(fig, gid: str) -> list[np.ndarray]:
    """The polylines of a line series (its LineCollection)."""
    (coll,) = artists(fig, gid)
    return [np.asarray(s) for s in coll.get_segments()]


def bars(fig, gid: str) -> list:
    """The Rectangles of a bar series."""
    return [a for a in artists(fig, gid) if a.__class__.__name__ == "Rectangle"]


def subfigures(fig) -> list:
    """The figure and all its sub-figures, depth first."""
    out = [fig]
    for sub in getattr(fig, "subfigs", []):
        out += subfigures(sub)
    return out


def legend_texts(fig) -> list[str]:
    """The legend entries, wherever the legend was put."""
    texts = []
    found = []
    for holder in [*subfigures(fig), *fig.axes]:
        found += list(getattr(holder, "legends", []) or [])
        leg = holder.get_legend() if hasattr(holder, "get_legend") else None
        if leg is not None:
            found.append(leg)
    for leg in found:  # in reading order: rows top to bottom, left to right
        items = [(t.get_window_extent(), t.get_text()) for t in leg.get_texts()]
        items.sort(key=lambda item: (-round(item[0].y0), item[0].x0))
        texts += [text for _, text in items]
    return texts


def all_texts(fig) -> list[str]:
    """Every text drawn in the figure (titles, notes, tick labels, annotations)."""
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]


def tick_texts(ax, which: str = "x") -> list[str]:
    labels = ax.get_xticklabels() if which == "x" else ax.get_yticklabels()
    return [t.get_text() for t in labels if t.get_text()]


def drawn(session: Session, text: str):
    """(Graph, Figure) of a graph command that must succeed."""
    out, rc = run(session, text)
    assert rc == 0, out
    graph = session.graphs[-1]
    return graph, figure(graph)


def refused(session: Session, text: str, word: str) -> None:
    """The command stops with ``... option <word> not supported by mlmcli`` r(198)."""
    out, rc = run(session, text, stop_on_error=False)
    assert rc == 198 and word in out and "not supported by mlmcli" in out, out


def assert_band(graph, ref: dict, rtol: float) -> None:
    """An fpfitci graph's line and band against reference values (``at``, ``xb``, ``lower``, ``upper``)."""
    band, line = graph.panels[0].series
    np.testing.assert_allclose(line.x, ref["at"])
    np.testing.assert_allclose(line.y, ref["xb"], rtol=rtol)
    np.testing.assert_allclose(band.y, ref["lower"], rtol=rtol)
    np.testing.assert_allclose(band.y2, ref["upper"], rtol=rtol)
