"""The two XML documents of ``xmlsave``/``xmluse`` ([D] xmlsave): Stata's ``dta`` document (the
header, descriptors, variable labels, characteristics, data and value labels of a dataset) and
Excel's SpreadsheetML 2003 workbook (``excel``: one worksheet, the variable names in its first
row).  Pure conversions between text and Dataset.

The ``dta`` elements follow Stata's document as far as known here (``<header>``,
``<descriptors>`` with typelist/varlist/srtlist/fmtlist/lbllist, ``<variable_labels>``,
``<expansion>``, ``<data>`` of ``<o>`` rows of ``<v>`` values, ``<value_labels>``); the reader
looks at element names only, so attributes it does not know do not matter."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.fileformats.storage import excel_column_letters
from mlmcli.missing import from_order_key, order_key, text as missing_text
from mlmcli.text_bytes import string_storage_type

_SS = "urn:schemas-microsoft-com:office:spreadsheet"


def _number_text(v: float) -> str:
    if v != v:
        return missing_text(v)
    return str(int(v)) if float(v).is_integer() and abs(v) < 2 ** 53 else repr(float(v))


def _number(text: str | None) -> float:
    text = (text or "").strip()
    if text.startswith("."):
        from mlmcli.missing import extended

        return extended(text[1:]) if len(text) == 2 else float("nan")
    try:
        return float(text) if text else float("nan")
    except ValueError:
        return float("nan")


def _sub(parent, tag: str, text=None, **attrs):
    node = ET.SubElement(parent, tag, {k: str(v) for k, v in attrs.items()})
    if text is not None:
        node.text = str(text)
    return node


def dta_document(ds: Dataset, names: list[str], rows: np.ndarray) -> bytes:
    root = ET.Element("dta")
    header = _sub(root, "header")
    for tag, value in (("ds_format", 113), ("byteorder", "LOHI"), ("filetype", 1), ("nvar", len(names)),
                       ("nobs", int(rows.sum())), ("data_label", ds.label or ""), ("time_stamp", "")):
        _sub(header, tag, value)
    descriptors = _sub(root, "descriptors")
    typelist, varlist = _sub(descriptors, "typelist"), _sub(descriptors, "varlist")
    srtlist, fmtlist, lbllist = (_sub(descriptors, t) for t in ("srtlist", "fmtlist", "lbllist"))
    for name in names:
        _sub(typelist, "type", ds.types.get(name, "float"), varname=name)
        _sub(varlist, "variable", varname=name)
        _sub(fmtlist, "fmt", ds.format_of(name), varname=name)
        _sub(lbllist, "lblname", ds.value_label_of.get(name, ""), varname=name)
    for name in ds.sortedby:
        if name in names:
            _sub(srtlist, "sort", varname=name)
    vlabels = _sub(root, "variable_labels")
    for name in names:
        _sub(vlabels, "vlabel", ds.var_labels.get(name, ""), varname=name)
    expansion = _sub(root, "expansion")
    for key, value in ds.chars.items():
        _sub(expansion, "char", value, name=key)
    data = _sub(root, "data")
    columns = [(n, ds.df[n].to_numpy(dtype=object)[rows] if ds.is_string(n) else ds.numeric(n)[rows]) for n in names]
    for i in range(int(rows.sum())):
        o = _sub(data, "o")
        for name, values in columns:
            _sub(o, "v", values[i] if ds.is_string(name) else _number_text(values[i]))
    labels = _sub(root, "value_labels")
    used = {ds.value_label_of.get(n) for n in names} - {None, ""}
    for lab in sorted(used):
        node = _sub(labels, "vallab", name=lab)
        for key, text in sorted(ds.value_labels.get(lab, {}).items()):
            _sub(node, "label", text, value=_number_text(from_order_key(key)))
    return _serialise(root)


def _serialise(root, legible: bool = True) -> bytes:
    if legible:
        ET.indent(root, space="\t")
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def read_dta_document(root) -> Dataset:
    names = [v.get("varname") for v in root.iter("variable")]
    types = {t.get("varname"): (t.text or "float").strip() for t in root.iter("type")}
    rows = [[(v.text or "") for v in o.iter("v")] for o in root.iter("o")]
    frame = {}
    for k, name in enumerate(names):
        cells = [r[k] if k < len(r) else "" for r in rows]
        frame[name] = cells if types.get(name, "").startswith("str") else np.array([_number(c) for c in cells])
    ds = Dataset(df=pd.DataFrame(frame, columns=names), types=types)
    ds.formats.update({f.get("varname"): f.text.strip() for f in root.iter("fmt") if f.text})
    ds.value_label_of.update({x.get("varname"): x.text.strip() for x in root.iter("lblname") if x.text and x.text.strip()})
    ds.var_labels.update({x.get("varname"): x.text for x in root.iter("vlabel") if x.text})
    ds.chars.update({c.get("name"): c.text or "" for c in root.iter("char")})
    for vallab in root.iter("vallab"):
        ds.value_labels[vallab.get("name")] = {order_key(_number(x.get("value"))): x.text or ""
                                              for x in vallab.iter("label")}
    label = root.find("header/data_label")
    ds.label = (label.text or "") if label is not None else ""
    ds.sortedby = tuple(s.get("varname") for s in root.iter("sort"))
    return ds


def excel_document(ds: Dataset, names: list[str], rows: np.ndarray) -> bytes:
    ET.register_namespace("ss", _SS)
    root = ET.Element(f"{{{_SS}}}Workbook")
    table = _sub(_sub(root, f"{{{_SS}}}Worksheet", **{f"{{{_SS}}}Name": "Sheet1"}), f"{{{_SS}}}Table")

    def cell(row, kind: str, value: str) -> None:
        _sub(_sub(row, f"{{{_SS}}}Cell"), f"{{{_SS}}}Data", value, **{f"{{{_SS}}}Type": kind})

    head = _sub(table, f"{{{_SS}}}Row")
    for name in names:
        cell(head, "String", name)
    columns = [(n, ds.df[n].to_numpy(dtype=object)[rows] if ds.is_string(n) else ds.numeric(n)[rows]) for n in names]
    for i in range(int(rows.sum())):
        row = _sub(table, f"{{{_SS}}}Row")
        for name, values in columns:
            v = values[i]
            if ds.is_string(name):
                cell(row, "String", v)
            elif v != v:
                _sub(row, f"{{{_SS}}}Cell")  # an empty cell
            else:
                cell(row, "Number", _number_text(v))
    return _serialise(root)


def read_excel_document(root, sheet: str | None, firstrow: bool) -> Dataset:
    sheets = root.findall(f"{{{_SS}}}Worksheet")
    chosen = [s for s in sheets if sheet is None or s.get(f"{{{_SS}}}Name") == sheet]
    if not chosen:
        raise StataError(f"worksheet {sheet} not found", 601)
    grid = []
    for row in chosen[0].iter(f"{{{_SS}}}Row"):
        cells = []
        for c in row.findall(f"{{{_SS}}}Cell"):
            index = c.get(f"{{{_SS}}}Index")
            while index and len(cells) < int(index) - 1:
                cells.append(None)
            data = c.find(f"{{{_SS}}}Data")
            cells.append(None if data is None else (data.get(f"{{{_SS}}}Type"), data.text or ""))
        grid.append(cells)
    width = max((len(r) for r in grid), default=0)
    grid = [r + [None] * (width - len(r)) for r in grid]
    if firstrow and grid:
        names, grid = [c[1] if c else f"var{k + 1}" for k, c in enumerate(grid[0])], grid[1:]
    else:
        names = [excel_column_letters(k) for k in range(width)]
    frame, types = {}, {}
    for k, name in enumerate(names):
        col = [r[k] for r in grid]
        if all(c is None or c[0] == "Number" for c in col):
            frame[name] = np.array([float(c[1]) if c else np.nan for c in col])
            types[name] = "double"
        else:
            frame[name] = [c[1] if c else "" for c in col]
            types[name] = string_storage_type([c[1] for c in col if c])
    return Dataset(df=pd.DataFrame(frame, columns=names), types=types)


def parse(data: bytes):
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise StataError(f"file is not XML: {exc}", 610) from None


def document_kind(root) -> str:
    return "excel" if root.tag == f"{{{_SS}}}Workbook" else "dta" if root.tag == "dta" else ""
