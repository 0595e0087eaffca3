"""``graph export f.eps, mag(#) orientation(portrait|landscape)`` ([G-3] eps_options) and
``graph set eps mag|orientation``: read back from the EPS written -- its bounding box, the
transform after ``%%EndProlog`` applied to the graph's corners, the drawing itself unchanged."""
from __future__ import annotations

import math
import re
import struct

import pytest

from graphs_helpers import make_session, run


@pytest.fixture()
def s(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    session = make_session()
    run(session, 'scatter y x, title("Top")')
    run(session, "graph export plain.eps")
    return session


def _text(path) -> str:
    return path.read_text(encoding="latin-1")


def _box(text: str) -> tuple[int, ...]:
    return tuple(int(v) for v in re.search(r"^%%BoundingBox: (.*)$", text, re.M).group(1).split())


def _body(text: str) -> str:
    return text.split("%%EndProlog\n", 1)[1]


def _transform(text: str):
    """The point map of the ``translate``/``rotate``/``scale`` lines mlm writes after the prolog
    (PostScript: each operator changes the user space of what follows)."""
    lines = _body(text).split("mpldict begin", 1)[0].splitlines()
    ops, stack = [], []
    for word in " ".join(line for line in lines if not line.startswith("%")).split():
        if word in ("translate", "rotate", "scale"):
            ops.append((word, stack[-1:] if word == "rotate" else stack[-2:]))
            stack = []
        else:
            stack.append(float(word))

    def apply(x: float, y: float) -> tuple[float, float]:
        for name, args in reversed(ops):  # the last operator acts on the drawing first
            if name == "translate":
                x, y = x + args[0], y + args[1]
            elif name == "scale":
                x, y = x * args[0], y * args[1]
            else:
                a = math.radians(args[0])
                x, y = x * math.cos(a) - y * math.sin(a), x * math.sin(a) + y * math.cos(a)
        return round(x, 6), round(y, 6)
    return apply


def test_mag_scales_the_box_and_the_drawing(s, tmp_path):
    out, rc = run(s, "graph export m.eps, mag(50)")
    assert (out, rc) == ("(file m.eps written in EPS format)\n", 0)
    plain, half = _text(tmp_path / "plain.eps"), _text(tmp_path / "m.eps")
    _, _, w, h = _box(plain)
    assert _box(half) == (0, 0, math.ceil(w / 2), math.ceil(h / 2))
    assert "%%Orientation: Portrait" in half
    apply = _transform(half)
    assert apply(0, 0) == (0, 0) and apply(w, h) == (w / 2, h / 2)
    # the drawing itself is the plain EPS's, behind the transform
    assert _body(half).endswith(_body(plain)) and "0.5 0.5 scale" in half


def test_landscape_turns_the_graph_counterclockwise_in_a_swapped_box(s, tmp_path):
    run(s, "graph export l.eps, orientation(landscape)")
    plain, turned = _text(tmp_path / "plain.eps"), _text(tmp_path / "l.eps")
    _, _, w, h = _box(plain)
    assert _box(turned) == (0, 0, h, w) and "%%Orientation: Landscape" in turned
    apply = _transform(turned)
    # 90 degrees counterclockwise: the graph's bottom-left corner to the bottom-right, its top
    # edge (the title's) along the left edge of the box
    assert apply(0, 0) == (h, 0) and apply(w, 0) == (h, w) and apply(0, h) == (0, 0)
    assert apply(w, h) == (0, w)
    assert _body(turned).endswith(_body(plain))


def test_mag_and_landscape_with_cmyk_and_fontface(s, tmp_path):
    run(s, "graph export b.eps, mag(150) orientation(landscape) cmyk(on) fontface(Times)")
    _, _, w, h = _box(_text(tmp_path / "plain.eps"))
    both = _text(tmp_path / "b.eps")
    assert _box(both) == (0, 0, math.ceil(1.5 * h), math.ceil(1.5 * w))
    apply = _transform(both)
    assert apply(0, 0) == (1.5 * h, 0) and apply(w, h) == (0, 1.5 * w)
    assert "setcmykcolor" in both and "setrgbcolor" not in both
    assert set(re.findall(r"^/([\w-]+) [\d.]+ selectfont", both, re.M)) == {"Times-Roman"}


def test_mag_100_portrait_is_the_plain_file(s, tmp_path):
    run(s, "graph export same.eps, mag(100) orientation(portrait)")
    assert (tmp_path / "same.eps").read_bytes() == (tmp_path / "plain.eps").read_bytes()


def test_preview_follows_the_scaled_turned_box(s, tmp_path):
    from PIL import Image
    import io

    run(s, "graph export p.eps, mag(50) orientation(landscape) preview(on)")
    data = (tmp_path / "p.eps").read_bytes()
    _, ps_at, ps_len, _, _, tif_at, tif_len, _ = struct.unpack("<4sIIIIIIH", data[:30])
    box = _box(data[ps_at:ps_at + ps_len].decode("latin-1"))
    _, _, w, h = _box(_text(tmp_path / "plain.eps"))
    assert box == (0, 0, math.ceil(h / 2), math.ceil(w / 2))
    with Image.open(io.BytesIO(data[tif_at:tif_at + tif_len])) as preview:
        assert preview.size == (box[2], box[3])


def test_graph_set_eps_mag_and_orientation(s, tmp_path):
    assert run(s, "graph set eps mag 50") == ("", 0)
    assert run(s, "graph set eps orientation landscape") == ("", 0)
    listed = run(s, "graph set eps")[0]
    assert re.search(r"^    mag +50$", listed, re.M) and re.search(r"^    orientation +landscape$", listed, re.M)
    run(s, "graph export set.eps")
    run(s, "graph export typed.eps, mag(50) orientation(landscape)")
    assert (tmp_path / "set.eps").read_bytes() == (tmp_path / "typed.eps").read_bytes()
    run(s, "graph export upright.eps, orientation(portrait)")  # the typed option wins
    _, _, w, h = _box(_text(tmp_path / "plain.eps"))
    assert _box(_text(tmp_path / "upright.eps")) == (0, 0, math.ceil(w / 2), math.ceil(h / 2))


@pytest.mark.parametrize("setting, typed, message", [
    ("mag 0", "mag(0)", "mag() must be between 0.01 and 10000"),
    ("mag big", "mag(big)", "option mag() incorrectly specified"),
    ("orientation sideways", "orientation(sideways)", "option orientation() incorrectly specified"),
])
def test_bad_values(s, tmp_path, setting, typed, message):
    out, rc = run(s, f"graph export x.eps, {typed}", stop_on_error=False)
    assert rc == 198 and message in out
    assert run(s, f"graph set eps {setting}", stop_on_error=False) == (out, rc)
    assert not (tmp_path / "x.eps").exists()
