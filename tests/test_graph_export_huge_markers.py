"""``graph export`` of a marker past any drawable size (``msize(1e9)``) is refused (r(198))
before Agg rasterizes it: Agg used to take ~2 GB, cell by cell up to its cell block limit,
which the C heap then kept for the rest of the process (a pytest worker's address space grew by
that much in one test).  Wide lines and ordinary markers are drawn as before."""
from __future__ import annotations

import pytest
from matplotlib.figure import Figure

DATA = "clear\nset obs 20\ngen x = _n\ngen y = mod(_n*7, 11)\n"


@pytest.fixture
def drawn(monkeypatch):
    """The resolutions Figure.savefig was asked to draw at (the call goes through)."""
    calls = []
    real = Figure.savefig

    def savefig(self, *args, **kwargs):
        calls.append(kwargs.get("dpi"))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", savefig)
    return calls


@pytest.mark.parametrize("fmt", ["png", "tif", "emf"])
def test_a_huge_marker_is_refused_before_drawing(do, tmp_path, drawn, fmt):
    path = tmp_path / f"g.{fmt}"
    rc, out, _ = do(DATA + f'scatter y x, msize(1e9)\ngraph export "{path}"')
    assert rc == 198, out
    assert "graph could not be drawn as" in out and "pixels across" in out
    assert drawn == [] and list(tmp_path.iterdir()) == []


def test_a_huge_marker_at_a_small_resolution_is_still_refused(do, tmp_path, drawn):
    # width(20): drawn at small_raster.MIN_DPI and resampled; the marker is measured there
    rc, out, _ = do(DATA + f'scatter y x, msize(1e7)\ngraph export "{tmp_path / "g.png"}", width(20)')
    assert rc == 198 and drawn == [], out


def test_large_markers_and_wide_lines_are_drawn(do, tmp_path, drawn):
    rc, out, _ = do(DATA + f'scatter y x, msize(50)\ngraph export "{tmp_path / "a.png"}"\n'
                    f'line y x, lwidth(1e9)\ngraph export "{tmp_path / "b.png"}"')
    assert rc == 0, out
    assert len(drawn) == 2
    for name in ("a.png", "b.png"):
        assert (tmp_path / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
