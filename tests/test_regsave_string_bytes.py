"""regsave's string columns are sized in bytes, as Stata's str# is ([U] 12.4.2: a UTF-8
character takes 1 to 4 bytes; regsave.ado makes them with ``gen`` and ``compress``, which size
them in bytes): a multibyte addlabel() value and its column's type, in memory and through a
saved file, against the UTF-8 length computed here."""
from __future__ import annotations

import numpy as np
import pandas as pd


def _frame():
    rng = np.random.default_rng(3)
    x = rng.normal(size=40)
    return pd.DataFrame({"y": 1 + x + rng.normal(size=40), "x": x})


def test_multibyte_label_column_is_sized_in_bytes(do):
    label = "Säugetiere–Größe"  # 16 characters, 21 bytes of UTF-8 (ä ö ß 2 each, the dash 3)
    width = len(label.encode("utf-8"))
    assert width == 21 and len(label) == 16
    rc, out, s = do(f"regress y x\nregsave, addlabel(model, {label})", _frame())
    assert rc == 0, out
    assert list(s.data.df["model"]) == [label, label]
    assert s.data.types["model"] == f"str{width}"  # not str16, the characters
    assert s.data.types["var"] == "str5"  # "_cons": ASCII, bytes = characters


def test_multibyte_label_round_trips_through_the_file(do, tmp_path):
    label = "日本語"  # 3 characters, 9 bytes
    path = tmp_path / "r.dta"
    rc, out, s = do(f'regress y x\nregsave using "{path}", replace addlabel(src, {label})\nuse "{path}", clear',
                    _frame())
    assert rc == 0, out
    assert list(s.data.df["src"]) == [label, label]
    assert s.data.types["src"] == f"str{len(label.encode('utf-8'))}"
