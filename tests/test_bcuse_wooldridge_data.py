"""``bcuse NAME [, clear nodesc]`` (SSC, C. F. Baum): Wooldridge's datasets from Boston
College's server, loaded as ``use URL`` and then described.  The server is a local
http.server (the ``web`` fixture of test_web_data); nothing touches the real network."""
from __future__ import annotations

import pytest

from mlmcli.commands.data import web as web_commands
from tests.test_web_data import _offline, _save, web  # noqa: F401  (fixture)


@pytest.fixture
def bc(web, monkeypatch):  # noqa: F811
    folder = web.site / "ec-p" / "data" / "wooldridge"
    folder.mkdir(parents=True)
    monkeypatch.setattr(web_commands, "BCUSE_PREFIX", f"{web.base}/ec-p/data/wooldridge")
    _save(folder / "jtrain.dta", fcode=[1.0, 1.0, 2.0, 2.0], year=[1987.0, 1988.0, 1987.0, 1988.0],
          lscrap=[0.5, 0.2, -0.1, 0.3])
    return web


def test_bcuse_loads_the_file_and_describes_it(bc, do):
    rc, out, s = do("bcuse jtrain, clear\nsummarize lscrap")
    assert rc == 0, out
    assert s.data.nobs == 4 and list(s.data.df.columns) == ["fcode", "year", "lscrap"]
    assert f"Contains data from {bc.base}/ec-p/data/wooldridge/jtrain.dta" in out
    assert "lscrap" in out.split("Contains data")[1]
    assert bc.hits == ["/ec-p/data/wooldridge/jtrain.dta"]
    assert s.r["mean"] == pytest.approx((0.5 + 0.2 - 0.1 + 0.3) / 4)


def test_bcuse_nodesc_loads_quietly(bc, do):
    rc, out, s = do("bcuse jtrain.dta, clear nodesc")
    assert rc == 0, out
    assert "Contains data" not in out and s.data.nobs == 4


def test_bcuse_keeps_changed_data_without_clear(bc, do):
    rc, out, s = do("set obs 2\ngen x = 1\nbcuse jtrain")
    assert rc == 4, out
    assert list(s.data.df.columns) == ["x"]


def test_bcuse_refuses_unknown_options_and_two_names(bc, do):
    rc, out, _ = do("bcuse jtrain, clear detail")
    assert rc == 198, out
    rc, out, _ = do("bcuse jtrain wagepan, clear")
    assert rc == 198, out


def test_bcuse_offline_is_a_network_error(bc, do, monkeypatch):
    monkeypatch.setattr(web_commands, "BCUSE_PREFIX", "http://fmwww.bc.edu.invalid/ec-p/data/wooldridge")
    _offline(monkeypatch)
    rc, out, s = do("bcuse wagepan, clear")
    assert rc in (631, 677), out
    assert s.data.nobs == 0
