"""Writing Stata ``.dta`` files: release 117 (Stata 13) by default, 118/119 (Stata 14+),
and 114/115 (Stata 10-11 / 12) for ``saveold``.

What is written: every storage type (``strL`` as a GSO table, 117+), display
formats, variable labels, value-label sets under their own names (several
variables may share one; unattached sets too; labels on ``.a``-``.z``), the data
label, the sort order, characteristics (``ds.chars``: ``name`` -> ``_dta[name]``,
``"x[name]"`` -> ``x[name]``), and ``.a``-``.z`` under Stata's on-disk codes.

Text: release 118/119 is UTF-8.  Releases up to 117 hold one byte per character
(Latin-1) and ASCII names.  ``save`` (``version=None``) writes 117 when every text fits
Latin-1 and every name is ASCII, else 118 -- no character is ever dropped; an explicit older release refuses text it
cannot hold (r(459)), as it refuses strings longer than 244 characters or strLs
in 114/115.

A declared integer type whose values no longer fit it (a byte holding 300 or
2.5) is written in the smallest type that holds them, as Stata's ``replace``
would have promoted it; ±inf (which Stata has not) is written as ``.``.

Every write goes through :func:`mlmcli.fileformats.safe_write.atomic_write`.
"""
from __future__ import annotations

import datetime as _dt
import io

import numpy as np

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.fileformats.dta_layout import (DOUBLE_MISSING_BITS, DOUBLE_STEP, FLOAT_MISSING_BITS,
                                           FLOAT_STEP, INT_MISSING, LAYOUTS, MONTHS, NEW_CODES,
                                           NUMPY_TYPES, OLD_CODES, STRL, Layout, file_label_value)
from mlmcli.fileformats.safe_write import atomic_write
from mlmcli.fileformats.storage import INT_RANGES, MAX_DOUBLE, MAX_FLOAT, default_format, numeric_type
from mlmcli.missing import code as missing_code
from mlmcli.lazy_module import lazy_module

pd = lazy_module("pandas", globals(), "pd")  # imported on first use: reading a .dta needs none

STATA_VERSION_RELEASE = {10: 114, 11: 114, 12: 115, 13: 117, 14: 118}
DEFAULT_RELEASE = 117  # Stata 13's save
SAVEOLD_RELEASE = 115  # Stata 13's saveold: Stata 12 format (Stata 11 reads it too)


class _NeedsUnicode(Exception):
    def __init__(self, where: str):
        super().__init__(where)
        self.where = where


def release_for_stata_version(version: int) -> int:
    """``saveold, version(#)``: the .dta release a Stata version reads (11 -> 114 ... 14 -> 118)."""
    if version not in STATA_VERSION_RELEASE:
        raise StataError(f"version({version}) invalid; specify 11, 12, 13 or 14", 198)
    return STATA_VERSION_RELEASE[version]


def save_dta(ds: Dataset, path: str, *, replace: bool, version: int | None = None,
             now: _dt.datetime | None = None) -> int:
    """Write ``ds`` to ``path`` as .dta release ``version`` (None: 117, or 118 when the text
    needs Unicode); returns the release written.  Errors: r(602)/r(603)/r(608) from the
    target, r(459) for data the release cannot hold; the old file is then untouched."""
    if version is None:
        try:
            payload = _encode(ds, LAYOUTS[DEFAULT_RELEASE], now)
            release = DEFAULT_RELEASE
        except _NeedsUnicode:
            payload = _encode(ds, LAYOUTS[118], now)
            release = 118
    else:
        if version not in (114, 115, 117, 118, 119):
            raise StataError(f"cannot write .dta format {version}; use 114, 115, 117, 118 or 119", 198)
        try:
            payload = _encode(ds, LAYOUTS[version], now)
        except _NeedsUnicode as exc:
            raise StataError(f"{exc.where} has characters that .dta format {version} (Stata "
                             f"{_stata_of(version)}) cannot hold: it has no Unicode; use save", 459) from None
        release = version

    atomic_write(path, lambda tmp: write_parts(tmp, payload), replace=replace)
    return release


def write_parts(path: str, parts: list[bytes]) -> None:
    """Put the encoded file into ``path`` (the temporary file of :func:`atomic_write`)."""
    with open(path, "wb") as fh:
        for part in parts:
            fh.write(part)


def _stata_of(release: int) -> str:
    return {114: "10/11", 115: "12", 117: "13", 118: "14", 119: "15"}.get(release, "")


# ----------------------------------------------------------------------------- columns
class _Column:
    def __init__(self, name: str, vtype: str, data: np.ndarray, width: int = 0):
        self.name, self.vtype, self.data, self.width = name, vtype, data, width


def _text(text: str, lay: Layout, where: str) -> bytes:
    if lay.utf8:
        return text.encode("utf-8")
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        raise _NeedsUnicode(where) from None


def _name_field(name: str, lay: Layout, where: str) -> bytes:
    """A name's field: releases before 118 (Stata 13 and older) hold ASCII names only, so a
    name with a Unicode letter (Stata 14's rule) needs 118 even when Latin-1 could spell it."""
    if not lay.utf8 and not name.isascii():
        raise _NeedsUnicode(where)
    return _field(name, lay.name_len, lay, where)


def _field(text: str, width: int, lay: Layout, where: str) -> bytes:
    """A null-padded fixed field (at least one terminating null); long text is cut,
    never inside a UTF-8 character."""
    raw = _text(text, lay, where)
    if len(raw) > width - 1:
        raw = raw[:width - 1]
        if lay.utf8:
            raw = raw.decode("utf-8", errors="ignore").encode("utf-8")
    return raw + b"\0" * (width - len(raw))


def _numeric_column(ds: Dataset, name: str, lay: Layout) -> _Column:
    values = ds.df[name].to_numpy(dtype=float, na_value=np.nan)
    values = np.where(np.isinf(values), np.nan, values)  # no infinity in Stata
    values = np.where(np.abs(values) > MAX_DOUBLE, np.nan, values)
    vtype = ds.types.get(name, "double")
    if vtype not in NUMPY_TYPES:
        vtype = "double"
    finite = values[~np.isnan(values)]
    if vtype in INT_RANGES and finite.size:
        lo, hi = INT_RANGES[vtype]
        if finite.min() < lo or finite.max() > hi or np.any(finite != np.trunc(finite)):
            vtype = numeric_type(values)  # wider than declared: the values outgrew it
    if vtype == "float" and finite.size and np.abs(finite).max() > MAX_FLOAT:
        vtype = "double"
    codes = np.maximum(missing_code(values), 0)  # 0 for ".", k for .a-.z
    miss = np.isnan(values)
    if vtype in INT_MISSING:
        data = np.where(miss, INT_MISSING[vtype] + codes, np.nan_to_num(values)).astype(NUMPY_TYPES[vtype])
    elif vtype == "float":
        data = values.astype(np.float32)
        if miss.any():
            data.view(np.uint32)[miss] = np.uint32(FLOAT_MISSING_BITS) + codes[miss].astype(np.uint32) * np.uint32(FLOAT_STEP)
    else:
        data = values.copy()
        if miss.any():
            data.view(np.uint64)[miss] = np.uint64(DOUBLE_MISSING_BITS) + codes[miss].astype(np.uint64) * np.uint64(DOUBLE_STEP)
    return _Column(name, vtype, data)


def _string_column(ds: Dataset, name: str, lay: Layout) -> _Column:
    where = f"variable {name}"
    codes, distinct = pd.factorize(ds.df[name].to_numpy(dtype=object), use_na_sentinel=True)
    encoded = [_text(str(v), lay, where) for v in distinct] + [b""]  # code -1 (None/NaN) is ""
    table = np.empty(len(encoded), dtype=object)
    table[:] = encoded
    raw = table[codes].tolist()  # each distinct text encoded once
    longest = max((len(b) for b in encoded), default=0)
    declared = ds.types.get(name, "")
    width = int(declared[3:]) if declared[3:].isdecimal() else 0
    width = max(width, longest, 1)
    if declared == "strL" or width > lay.max_str:
        if not lay.tagged:
            if longest > lay.max_str:
                raise StataError(f"variable {name} has strings longer than {lay.max_str} characters; "
                                 f".dta format {lay.release} (Stata {_stata_of(lay.release)}) cannot hold "
                                 f"them; use save", 459)
            width = max(longest, 1)
        else:
            return _Column(name, "strL", np.array(raw, dtype=object))
    return _Column(name, f"str{width}", np.array(raw, dtype=f"S{width}"), width)


def _columns(ds: Dataset, lay: Layout) -> list[_Column]:
    return [_string_column(ds, n, lay) if ds.is_string(n) else _numeric_column(ds, n, lay)
            for n in ds.varnames]


def _strl_refs(cols: list[_Column], lay: Layout) -> tuple[list[bytes], dict[str, np.ndarray]]:
    """GSO records and each strL column's (v,o) references (one GSO per distinct text per column)."""
    gsos: list[bytes] = []
    refs: dict[str, np.ndarray] = {}
    vbits = lay.strl_v_bits
    for v, col in enumerate(cols, start=1):
        if col.vtype != "strL":
            continue
        ref = np.zeros(len(col.data), dtype=np.uint64)
        first: dict[bytes, int] = {}
        for o, text in enumerate(col.data.tolist(), start=1):
            if not text:
                continue
            key = first.get(text)
            if key is None:
                key = v | (o << vbits)
                first[text] = key
                gsos.append(b"GSO" + v.to_bytes(4, "little") + o.to_bytes(lay.gso_o_bytes, "little")
                            + b"\x82" + (len(text) + 1).to_bytes(4, "little") + text + b"\0")
            ref[o - 1] = key
        refs[col.name] = ref
    return gsos, refs


def _records(cols: list[_Column], refs: dict[str, np.ndarray], nobs: int) -> bytes:
    if not cols:
        return b""
    fields = []
    for i, col in enumerate(cols):
        if col.vtype == "strL":
            fields.append((f"f{i}", "<u8"))
        elif col.vtype.startswith("str"):
            fields.append((f"f{i}", f"S{col.width}"))
        else:
            fields.append((f"f{i}", "<" + NUMPY_TYPES[col.vtype]))
    rec = np.zeros(nobs, dtype=np.dtype(fields))
    for i, col in enumerate(cols):
        rec[f"f{i}"] = refs[col.name] if col.vtype == "strL" else col.data
    return rec.tobytes()


def _value_label_tables(ds: Dataset, lay: Layout) -> list[tuple[str, bytes]]:
    tables = []
    for labname, mapping in ds.value_labels.items():
        entries = sorted((v, t) for v, t in ((file_label_value(k), t) for k, t in mapping.items())
                         if v is not None)
        if not entries:
            continue
        offsets, text = [], b""
        for value, label in entries:
            offsets.append(len(text))
            text += _text(str(label), lay, f"value label {labname}")[:32000] + b"\0"
        table = (len(entries).to_bytes(4, "little") + len(text).to_bytes(4, "little")
                 + np.array(offsets, dtype="<i4").tobytes()
                 + np.array([v for v, _ in entries], dtype="<i4").tobytes() + text)
        tables.append((labname, table))
    return tables


def _chars(ds: Dataset) -> list[tuple[str, str, str]]:
    out = []
    for key, text in ds.chars.items():
        if "[" in key and key.endswith("]"):
            var, name = key[:-1].split("[", 1)
            if var not in ds.df.columns:
                continue
        else:
            var, name = "_dta", key
        out.append((var, name, str(text)))
    return out


def _sortlist(ds: Dataset, k_bytes: int) -> bytes:
    names = ds.varnames
    idx = [names.index(v) + 1 for v in ds.sortedby if v in names] if all(v in names for v in ds.sortedby) else []
    return np.array(idx + [0] * (len(names) + 1 - len(idx)), dtype="<u4" if k_bytes == 4 else "<u2").tobytes()


def _stamp(now: _dt.datetime | None) -> bytes:
    now = now or _dt.datetime.now()
    return f"{now.day:02d} {MONTHS[now.month - 1]} {now.year} {now.hour:02d}:{now.minute:02d}".encode()


# ----------------------------------------------------------------------------- layouts
def _encode(ds: Dataset, lay: Layout, now) -> list[bytes]:
    cols = _columns(ds, lay)
    nobs, nvar = ds.nobs, len(cols)
    if nvar > (65535 if lay.k_bytes == 2 else 2 ** 32 - 1) or (lay.release <= 117 and nobs >= 2 ** 31):
        raise StataError(f"dataset too large for .dta format {lay.release}", 459)
    gsos, refs = _strl_refs(cols, lay)
    data = _records(cols, refs, nobs)
    fmts = [_format_for(ds, c) for c in cols]
    names = [_name_field(c.name, lay, f"variable name {c.name}") for c in cols]
    lblnames = [_name_field(ds.value_label_of.get(c.name, ""), lay, f"label name of {c.name}")
                for c in cols]
    varlabels = [_field(ds.var_labels.get(c.name, ""), lay.varlabel_len, lay, f"label of variable {c.name}")
                 for c in cols]
    label = _text(ds.label or "", lay, "the dataset label")
    if len(label) > lay.data_label_len:
        label = label[:lay.data_label_len]
        if lay.utf8:
            label = label.decode("utf-8", errors="ignore").encode("utf-8")
    chars = [(_name_field(v, lay, f"characteristic {v}[{n}]"),
              _name_field(n, lay, f"characteristic {v}[{n}]"),
              _text(t, lay, f"characteristic {v}[{n}]") + b"\0") for v, n, t in _chars(ds)]
    tables = [(_name_field(n, lay, f"value label name {n}"), t) for n, t in _value_label_tables(ds, lay)]
    formats = [_field(f, lay.fmt_len, lay, "a format") for f in fmts]
    if lay.tagged:
        return _tagged(lay, cols, nobs, label, now, names, formats, lblnames, varlabels, chars, data,
                       gsos, tables, _sortlist(ds, lay.k_bytes))
    return _old(lay, cols, nobs, label, now, names, formats, lblnames, varlabels, chars, data, tables,
                _sortlist(ds, 2))


def _format_for(ds: Dataset, col: _Column) -> str:
    fmt = ds.formats.get(col.name) or default_format(col.vtype)
    if col.vtype.startswith("str") and not fmt.endswith("s"):
        return default_format(col.vtype)
    if not col.vtype.startswith("str") and fmt.endswith("s"):
        return default_format(col.vtype)
    return fmt


def _tagged(lay, cols, nobs, label, now, names, formats, lblnames, varlabels, chars, data, gsos,
            tables, sortlist) -> list[bytes]:
    out = io.BytesIO()
    where = {}

    def section(tag: str, body: bytes) -> None:
        where[tag] = out.tell()
        out.write(f"<{tag}>".encode() + body + f"</{tag}>".encode())

    out.write(b"<stata_dta>")
    out.write(b"<header><release>" + str(lay.release).encode() + b"</release><byteorder>LSF</byteorder>"
              + b"<K>" + len(cols).to_bytes(lay.k_bytes, "little") + b"</K>"
              + b"<N>" + nobs.to_bytes(lay.n_bytes, "little") + b"</N>"
              + b"<label>" + len(label).to_bytes(lay.label_len_bytes, "little") + label + b"</label>"
              + b"<timestamp>\x11" + _stamp(now) + b"</timestamp></header>")
    map_at = out.tell()
    out.write(b"<map>" + b"\0" * (14 * 8) + b"</map>")
    codes = [STRL if c.vtype == "strL" else (c.width if c.vtype.startswith("str") else NEW_CODES[c.vtype])
             for c in cols]
    section("variable_types", np.array(codes, dtype="<u2").tobytes())
    section("varnames", b"".join(names))
    section("sortlist", sortlist)
    section("formats", b"".join(formats))
    section("value_label_names", b"".join(lblnames))
    section("variable_labels", b"".join(varlabels))
    section("characteristics", b"".join(b"<ch>" + (len(v) + len(n) + len(t)).to_bytes(4, "little") + v + n + t
                                        + b"</ch>" for v, n, t in chars))
    where["data"] = out.tell()
    out.write(b"<data>")
    head = out.getvalue()
    tail = io.BytesIO()
    base = len(head) + len(data)
    tail.write(b"</data>")
    where["strls"] = base + tail.tell()
    tail.write(b"<strls>" + b"".join(gsos) + b"</strls>")
    where["value_labels"] = base + tail.tell()
    tail.write(b"<value_labels>" + b"".join(b"<lbl>" + len(t).to_bytes(4, "little") + n + b"\0\0\0" + t + b"</lbl>"
                                            for n, t in tables) + b"</value_labels>")
    where["end"] = base + tail.tell()
    tail.write(b"</stata_dta>")
    where["eof"] = base + tail.tell()
    offsets = [0, map_at] + [where[t] for t in ("variable_types", "varnames", "sortlist", "formats",
                                                 "value_label_names", "variable_labels", "characteristics",
                                                 "data", "strls", "value_labels", "end", "eof")]
    head = bytearray(head)
    head[map_at + 5:map_at + 5 + 14 * 8] = np.array(offsets, dtype="<u8").tobytes()
    return [bytes(head), data, tail.getvalue()]


def _old(lay, cols, nobs, label, now, names, formats, lblnames, varlabels, chars, data, tables,
         sortlist) -> list[bytes]:
    out = io.BytesIO()
    out.write(bytes([lay.release, 2, 1, 0]) + len(cols).to_bytes(2, "little") + nobs.to_bytes(4, "little"))
    out.write(label[:80] + b"\0" * (81 - len(label[:80])))
    stamp = _stamp(now)
    out.write(stamp + b"\0" * (18 - len(stamp)))
    out.write(bytes(c.width if c.vtype.startswith("str") else OLD_CODES[c.vtype] for c in cols))
    out.write(b"".join(names) + sortlist + b"".join(formats) + b"".join(lblnames) + b"".join(varlabels))
    for v, n, t in chars:
        out.write(b"\x01" + (len(v) + len(n) + len(t)).to_bytes(4, "little") + v + n + t)
    out.write(b"\0" + b"\0\0\0\0")
    labels = b"".join(len(t).to_bytes(4, "little") + n + b"\0\0\0" + t for n, t in tables)
    return [out.getvalue(), data, labels]
