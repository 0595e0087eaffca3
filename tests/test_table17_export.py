"""collect export to .xls (mlm's own BIFF8 writer, read back with xlrd), .pdf (matplotlib),
and a layout of several tables (a table dimension) to every format; no overwrite without
replace."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest


@pytest.fixture
def data():
    rng = np.random.default_rng(5)
    return pd.DataFrame({"a": rng.integers(0, 2, 60).astype(float), "t": rng.integers(1, 3, 60).astype(float),
                         "y": rng.normal(0, 1, 60)})


def test_xls_read_back_with_xlrd(do, data, tmp_path):
    xlrd = pytest.importorskip("xlrd")
    path = tmp_path / "t.xls"
    rc, out, _ = do(f'table (a), stat(frequency) stat(mean y) nformat(%9.3f mean)\ncollect title "Means"\n'
                    f'collect export "{path}"', df=data)
    assert rc == 0, out
    sheet = xlrd.open_workbook(str(path)).sheet_by_index(0)
    rows = [sheet.row_values(r) for r in range(sheet.nrows)]
    assert rows[0][0] == "Means"
    assert rows[1] == ["", "Frequency", "Mean"]
    assert rows[2][0] == "a"
    part = data[data.a == 0]
    assert rows[3] == ["  0", str(len(part)), f"{part.y.mean():.3f}"]
    assert rows[-1] == ["  Total", str(len(data)), f"{data.y.mean():.3f}"]


def test_several_tables_to_xls_text_and_pdf(do, data, tmp_path):
    xlrd = pytest.importorskip("xlrd")
    xls, txt, pdf, docx = (tmp_path / f"t.{e}" for e in ("xls", "txt", "pdf", "docx"))
    rc, out, _ = do(f'table (a) () (t)\ncollect export "{xls}"\ncollect export "{txt}"\ncollect export "{pdf}"\n'
                    f'collect export "{docx}"', df=data)
    assert rc == 0, out
    sheet = xlrd.open_workbook(str(xls)).sheet_by_index(0)
    first = [sheet.cell_value(r, 0) for r in range(sheet.nrows)]
    assert [v for v in first if v.startswith("t = ")] == ["t = 1", "t = 2", "t = Total"]
    text = txt.read_text()
    assert text.count("t = ") == 3 and text.count("Frequency") == 3
    assert pdf.read_bytes().startswith(b"%PDF")
    import zipfile
    assert "t = Total" in zipfile.ZipFile(docx).read("word/document.xml").decode()


def test_no_overwrite_without_replace(do, data, tmp_path):
    path = tmp_path / "keep.xls"
    path.write_bytes(b"keep")
    rc, out, _ = do(f'table (a)\ncollect export "{path}"', df=data)
    assert rc == 602 and "already exists" in out and path.read_bytes() == b"keep"
    rc, out, _ = do(f'table (a)\ncollect export "{path}", replace', df=data)
    assert rc == 0 and path.read_bytes()[:4] == bytes.fromhex("D0CF11E0")
    rc, out, _ = do(f'table (a)\ncollect export "{tmp_path / "x"}", as(pdf)', df=data)
    assert rc == 0 and (tmp_path / "x.pdf").exists()
    rc, out, _ = do(f'table (a)\ncollect export "{tmp_path / "x.smcl"}"', df=data)
    assert rc == 198 and ".smcl files is not available" in out
