"""``use http://...``, ``webuse``, ``sysuse``, ``copy URL``, ``net get`` against a local HTTP
server on 127.0.0.1 (http.server in a thread); offline is simulated by refusing host-name
look-ups.  Nothing here touches the real network."""
from __future__ import annotations

import http.server
import os
import socket
import stat
import threading

import pandas as pd
import pytest

from mlmcli.dataset import Dataset


@pytest.fixture
def web(tmp_path, monkeypatch):
    """A web server over ``tmp_path/site`` (``.base`` its URL), a fresh download cache, and no
    proxies between us and 127.0.0.1."""
    site = tmp_path / "site"
    site.mkdir()
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("MLM_CACHE_DIR", str(tmp_path / "cache"))

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **kw):
            super().__init__(*a, directory=str(site), **kw)

        def log_message(self, *args):
            pass

        def do_GET(self):
            self.server.hits.append(self.path)
            if self.path.startswith("/forbidden"):
                self.send_error(403)
                return
            if self.path.startswith("/broken"):
                self.send_error(500)
                return
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    server.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.site = site
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def _save(path, **columns):
    from mlmcli.dta import write_dta
    ds = Dataset(df=pd.DataFrame(columns), label="web test data")
    for name in columns:
        ds.types[name] = "float"
    write_dta(ds, str(path))


def _offline(monkeypatch):
    def refuse(*args, **kwargs):
        raise socket.gaierror(-3, "Temporary failure in name resolution")
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


# ----------------------------------------------------------------------------- use URL
def test_use_url_downloads_adds_dta_and_names_the_url(web, do, tmp_path):
    _save(web.site / "snijders.dta", y=[1.0, 2.0, 3.0])
    rc, out, s = do(f"use {web.base}/snijders, clear\nsummarize y")
    assert rc == 0, out
    assert out.startswith("(web test data)")
    assert s.data.nobs == 3 and s.data.filename == f"{web.base}/snijders.dta"
    assert web.hits == ["/snijders.dta"]


def test_download_cache_is_private_and_revalidated(web, do, tmp_path):
    _save(web.site / "a.dta", y=[1.0])
    rc, out, _ = do(f'use "{web.base}/a.dta"')
    assert rc == 0, out
    cache = tmp_path / "cache"
    assert stat.S_IMODE(os.stat(cache).st_mode) == 0o700
    files = [p for p in cache.iterdir() if p.suffix == ".dta"]
    assert len(files) == 1 and stat.S_IMODE(os.stat(files[0]).st_mode) == 0o600
    # a second use asks the server whether the file changed (conditional GET) and gets it
    _save(web.site / "a.dta", y=[1.0, 2.0])
    os.utime(web.site / "a.dta", (2_000_000_000, 2_000_000_000))
    rc, out, s = do(f'use "{web.base}/a.dta"')
    assert rc == 0 and s.data.nobs == 2


def test_use_url_offline_uses_the_cached_copy_and_says_so(web, do, monkeypatch):
    _save(web.site / "b.dta", y=[5.0, 6.0])
    assert do(f"use {web.base}/b")[0] == 0
    _offline(monkeypatch)
    rc, out, s = do(f"use {web.base}/b")
    assert rc == 0 and s.data.nobs == 2
    assert "network unreachable: using the copy of" in out


def test_use_url_offline_without_cache_is_host_not_found(web, do, monkeypatch, new_session):
    _offline(monkeypatch)
    s = new_session(pd.DataFrame({"keep": [1.0, 2.0]}))
    rc, out, s = do(f"use {web.base}/never, clear", session=s)
    assert rc == 631 and out.strip().splitlines()[-2:] == ["host not found", "r(631);"]
    assert list(s.data.df["keep"]) == [1.0, 2.0]  # the data in memory are untouched


def test_use_url_404_is_file_not_found(web, do):
    rc, out, _ = do(f"use {web.base}/nosuch")
    assert rc == 601
    assert f"file {web.base}/nosuch.dta not found" in out


def test_http_errors_and_refused_connection(web, do):
    rc, out, _ = do(f"use {web.base}/forbidden/x")
    assert rc == 672 and "server refused to send file" in out
    rc, out, _ = do(f"use {web.base}/broken/x")
    assert rc == 675 and "server reported server error" in out
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    rc, out, _ = do(f"use http://127.0.0.1:{port}/x")
    assert rc == 677 and "remote connection failed" in out


def test_use_url_refuses_changed_data_and_save_refuses_web_file(web, do, new_session):
    _save(web.site / "c.dta", y=[1.0])
    s = new_session(pd.DataFrame({"x": [1.0]}))
    s.data.changed = True
    rc, out, s = do(f"use {web.base}/c", session=s)
    assert rc == 4 and list(s.data.df.columns) == ["x"]
    rc, out, s = do(f"use {web.base}/c, clear\nsave", session=s)
    assert rc == 633 and "may not write to web file" in out


def test_not_a_dta_file_is_named_by_its_url(web, do):
    (web.site / "junk.dta").write_bytes(b"this is not a dataset")
    rc, out, _ = do(f"use {web.base}/junk")
    assert rc == 610 and f"{web.base}/junk.dta" in out and "cache" not in out


def test_merge_and_import_delimited_read_urls(web, do):
    (web.site / "t.csv").write_text("id,v\n1,10\n2,20\n")
    _save(web.site / "m.dta", id=[1.0, 2.0], w=[7.0, 8.0])
    rc, out, s = do(f"import delimited {web.base}/t.csv, clear\nmerge 1:1 id using {web.base}/m")
    assert rc == 0, out
    assert list(s.data.df["w"]) == [7.0, 8.0]


# ----------------------------------------------------------------------------- webuse
def test_webuse_query_set_and_use(web, do):
    rc, out, s = do("webuse query")
    assert out.strip() == '(prefix now "http://www.stata-press.com/data/r13")'
    _save(web.site / "nlswork.dta", id=[1.0])
    rc, out, s = do(f"webuse set {web.base}/\nwebuse nlswork, clear", session=s)
    assert rc == 0, out
    assert out.splitlines()[0] == f'(prefix now "{web.base}")'
    assert s.data.filename == f"{web.base}/nlswork.dta"
    rc, out, s = do("webuse set\nwebuse query", session=s)
    assert out.splitlines() == ['(prefix now "http://www.stata-press.com/data/r13")'] * 2


def test_webuse_missing_file_and_bad_syntax(web, do):
    rc, out, s = do(f"webuse set {web.base}\nwebuse nosuch")
    assert rc == 601 and f"file {web.base}/nosuch.dta not found" in out
    assert do("webuse")[0] == 198
    assert do("webuse a b")[0] == 198
    assert do(f"webuse set {web.base}\nwebuse x, nolabel")[0] == 198


# ----------------------------------------------------------------------------- sysuse
def test_sysuse_dir_and_unknown_dataset(do):
    rc, out, _ = do("sysuse dir")
    assert rc == 0 and "auto.dta" in out and "not shipped with mlm" in out
    rc, out, _ = do("sysuse nosuch")
    assert rc == 601 and 'file "nosuch.dta" not found' in out


def test_sysuse_downloads_stata_dataset_offline_message(do, monkeypatch, tmp_path):
    monkeypatch.setenv("MLM_CACHE_DIR", str(tmp_path / "cache"))
    _offline(monkeypatch)
    rc, out, _ = do("sysuse auto, clear")
    assert rc == 631
    assert "not shipped with mlm" in out and "host not found" in out


def test_sysuse_reads_through_the_webuse_site(web, do, monkeypatch):
    from mlmcli.commands.data import web as webcmd
    monkeypatch.setattr(webcmd, "WEBUSE_DEFAULT", web.base + "/r13")
    (web.site / "r13").mkdir()
    _save(web.site / "r13" / "auto.dta", price=[4099.0])
    rc, out, s = do("sysuse auto")
    assert rc == 0 and s.data.nobs == 1


# ----------------------------------------------------------------------------- copy, net get
def test_copy_url_and_local_never_overwrites_without_replace(web, do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (web.site / "maps.do").write_text("display 1\n")
    rc, out, _ = do(f"copy {web.base}/maps.do maps.do")
    assert rc == 0 and (tmp_path / "maps.do").read_text() == "display 1\n"
    (web.site / "maps.do").write_text("display 2\n")
    os.utime(web.site / "maps.do", (2_000_000_000, 2_000_000_000))  # Last-Modified moves on
    rc, out, _ = do(f"copy {web.base}/maps.do maps.do")
    assert rc == 602 and "file maps.do already exists" in out
    assert (tmp_path / "maps.do").read_text() == "display 1\n"
    rc, out, _ = do(f"copy {web.base}/maps.do maps.do, replace")
    assert rc == 0 and (tmp_path / "maps.do").read_text() == "display 2\n"
    (tmp_path / "sub").mkdir()
    assert do("copy maps.do sub, public")[0] == 0
    assert stat.S_IMODE(os.stat(tmp_path / "sub" / "maps.do").st_mode) == 0o644
    assert do("copy nosuch.txt x.txt")[0] == 601
    assert do("copy maps.do")[0] == 198
    assert do(f"copy maps.do {web.base}/up.do")[0] == 633


def test_net_get_copies_ancillary_files(web, do, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (web.site / "mlmus.pkg").write_text("v 3\nd data for the book\nf hsb.dta\nf tool.ado\nf tool.sthlp\n")
    _save(web.site / "hsb.dta", y=[1.0])
    rc, out, _ = do(f"net get mlmus, from({web.base})")
    assert rc == 0, out
    assert out.splitlines() == ["checking mlmus consistency and verifying not already installed...",
                                "copying into current directory...", "      copying  hsb.dta",
                                "ancillary files successfully copied."]
    assert (tmp_path / "hsb.dta").exists() and not (tmp_path / "tool.ado").exists()
    rc, out, _ = do(f"net get mlmus, from({web.base})")
    assert rc == 602
    assert do(f"net get mlmus, from({web.base}) replace")[0] == 0
    assert do("net get nopkg")[0] == 198  # no location yet
    rc, out, _ = do(f"net install x, from({web.base})")
    assert rc == 0 and "package x is not available in mlm" in out
    rc, out, _ = do(f"net link x")
    assert rc == 199 and "not implemented" in out
