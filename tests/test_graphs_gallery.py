"""samples/gallery.do draws one graph of every kind and exports each as a PNG into the
current folder."""
from __future__ import annotations

import io
import re

from mlmcli.runner import Runner
from mlmcli.session import Output, Session


def test_gallery_exports_one_png_per_graph_type(root_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    script = (root_dir / "samples" / "gallery.do").read_text()
    exports = re.findall(r"graph export (\S+\.png)", script)
    session = Session(out=Output(io.StringIO()))
    rc = Runner(session).run_text(script, echo=False)
    out = session.out.stream.getvalue()
    assert rc == 0 and not re.search(r"^r\(\d+\);", out, re.M), out[-2000:]
    written = sorted(p.name for p in tmp_path.glob("*.png"))
    assert written == sorted(exports) and len(written) >= 20
    for name in written:
        assert (tmp_path / name).read_bytes()[:4] == b"\x89PNG"
    assert f"(file {exports[0]} written in PNG format)" in out
