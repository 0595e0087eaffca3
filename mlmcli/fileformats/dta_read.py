"""Reading Stata ``.dta`` files (releases 113-119; older ones through pandas).

Everything Stata keeps comes back in the :class:`~mlmcli.dataset.Dataset`: storage
types (``strL`` included: its text is read from the file's GSO table), display
formats, variable labels, value-label sets (with labels on ``.``/``.a``-``.z``),
which variable uses which set, the data label, the sort order, and
characteristics (``_dta[name]`` in ``ds.chars[name]``; a variable's ``x[name]``
in ``ds.chars["x[name]"]``; ``notes`` are characteristics too).

Numeric variables are float64 in memory with ``.a``-``.z`` as NaN payloads
(``mlmcli/missing.py``); strings are Python ``str`` with ``""`` for missing.
The data section is read with one numpy record view, so large files load fast; the
columns go to the Dataset's column store (``Dataset.set_columns``), which builds its pandas
DataFrame only when a command needs one.

Errors, with Stata's messages: no file r(601); a folder or unreadable file
r(603); not a .dta r(610); a newer release r(610); a file cut short r(612).
"""
from __future__ import annotations

import mmap
import os
import struct
import warnings
from functools import partial

import numpy as np

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.lazy_module import lazy_module
from mlmcli.fileformats import messages
from mlmcli.fileformats.dta_layout import (DOUBLE_MISSING_BITS, DOUBLE_STEP, FLOAT_MISSING_BITS,
                                           FLOAT_STEP, INT_MISSING, LAYOUTS, MISSING_FLOATS,
                                           NEW_TYPES, NUMPY_TYPES, OLD_TYPES, STRL, Layout,
                                           decode_text, label_key)

pd = lazy_module("pandas", globals(), "pd")  # only for releases before 113 (the data are numpy columns)


class _Truncated(Exception):
    pass


class _Malformed(Exception):
    pass


class _Cursor:
    """Bounds-checked reading of a byte buffer in the file's byte order."""

    def __init__(self, buf, order: str = "<"):
        self.buf = buf
        self.pos = 0
        self.order = order

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > len(self.buf):
            raise _Truncated
        out = self.buf[self.pos:self.pos + n]
        self.pos += n
        return bytes(out)

    def expect(self, tag: bytes) -> None:
        got = self.take(len(tag))
        if got != tag:
            raise _Malformed(tag)

    def peek(self, tag: bytes) -> bool:
        return bytes(self.buf[self.pos:self.pos + len(tag)]) == tag

    def uint(self, nbytes: int) -> int:
        return int.from_bytes(self.take(nbytes), "little" if self.order == "<" else "big")

    def int32(self) -> int:
        return struct.unpack(self.order + "i", self.take(4))[0]

    def array(self, dtype: str, count: int) -> np.ndarray:
        dt = np.dtype(dtype).newbyteorder(self.order)
        raw = self.take(dt.itemsize * count)
        return np.frombuffer(raw, dtype=dt, count=count)


def read_dta(path: str, columns: list[str] | None = None) -> tuple[Dataset, str]:
    """Read ``path`` into a new Dataset; returns it with the file's time-stamp text.

    ``columns``: keep only these variables (file order)."""
    try:
        with open(path, "rb") as fh:
            size = os.fstat(fh.fileno()).st_size
            if size == 0:
                raise messages.not_stata_format(path)
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as buf:
                return _read(path, buf, columns)
    except FileNotFoundError:
        raise messages.not_found(path) from None
    except IsADirectoryError:  # a folder opens on Unix and then is no dataset
        raise messages.not_stata_format(path) from None
    except PermissionError:
        raise messages.cannot_open(path) from None
    except OSError as exc:
        raise messages.cannot_open(path) from exc


def _read(path: str, buf, columns) -> tuple[Dataset, str]:
    try:
        if bytes(buf[:11]) == b"<stata_dta>":
            return _read_tagged(path, _Cursor(buf), columns)
        release, order = (bytes(buf[:2]) + b"\0\0")[:2]
        if release in (113, 114, 115) and order in (1, 2):
            return _read_old(path, buf, release, columns)
        if 102 <= release <= 112 and order in (1, 2):
            return _read_with_pandas(path, columns)
        raise messages.not_stata_format(path)
    except _Truncated:
        raise messages.corrupt_dta(path) from None
    except (_Malformed, ValueError, UnicodeDecodeError, OverflowError, struct.error):
        raise messages.not_stata_format(path) from None


# ----------------------------------------------------------------------------- descriptors
def _read_tagged(path: str, cur: _Cursor, columns):
    cur.expect(b"<stata_dta><header><release>")
    try:
        release = int(cur.take(3))
    except ValueError:
        raise _Malformed("release") from None
    if release > 119:
        raise messages.too_modern(path)
    if release not in LAYOUTS:
        raise messages.not_stata_format(path)
    lay = LAYOUTS[release]
    cur.expect(b"</release><byteorder>")
    order = cur.take(3)
    if order not in (b"LSF", b"MSF"):
        raise _Malformed("byteorder")
    cur.order = "<" if order == b"LSF" else ">"
    cur.expect(b"</byteorder><K>")
    nvar = cur.uint(lay.k_bytes)
    cur.expect(b"</K><N>")
    nobs = cur.uint(lay.n_bytes)
    cur.expect(b"</N><label>")
    data_label = decode_text(cur.take(cur.uint(lay.label_len_bytes)), lay.utf8)
    cur.expect(b"</label><timestamp>")
    stamp = cur.take(cur.uint(1)).decode("latin-1")
    cur.expect(b"</timestamp></header><map>")
    cur.take(14 * 8)
    cur.expect(b"</map><variable_types>")
    codes = [int(c) for c in cur.array("u2", nvar)]
    cur.expect(b"</variable_types><varnames>")
    names = _fields(cur, nvar, lay.name_len, lay.utf8)
    cur.expect(b"</varnames><sortlist>")
    sortlist = [int(i) for i in cur.array("u4" if lay.k_bytes == 4 else "u2", nvar + 1)]
    cur.expect(b"</sortlist><formats>")
    formats = _fields(cur, nvar, lay.fmt_len, lay.utf8)
    cur.expect(b"</formats><value_label_names>")
    lblnames = _fields(cur, nvar, lay.name_len, lay.utf8)
    cur.expect(b"</value_label_names><variable_labels>")
    varlabels = _fields(cur, nvar, lay.varlabel_len, lay.utf8)
    cur.expect(b"</variable_labels><characteristics>")
    chars = {}
    while cur.peek(b"<ch>"):
        cur.expect(b"<ch>")
        body = _Cursor(cur.take(cur.uint(4)), cur.order)
        _add_char(chars, body, lay)
        cur.expect(b"</ch>")
    cur.expect(b"</characteristics><data>")
    types = [_new_type(c) for c in codes]
    record = _record_dtype(types, cur.order, lay)
    raw = _records(cur, record, nobs)
    cur.expect(b"</data><strls>")
    strls = {}
    while cur.peek(b"GSO"):
        cur.expect(b"GSO")
        v = cur.uint(4)
        o = cur.uint(lay.gso_o_bytes)
        kind = cur.uint(1)
        content = cur.take(cur.uint(4))
        if kind == 130:  # text, stored with its terminating null
            content = content[:-1] if content.endswith(b"\0") else content
        strls[(v, o)] = content
    cur.expect(b"</strls><value_labels>")
    value_labels = {}
    while cur.peek(b"<lbl>"):
        cur.expect(b"<lbl>")
        length = cur.int32()
        labname = decode_text(cur.take(lay.name_len), lay.utf8)
        cur.take(3)
        value_labels[labname] = _value_label_table(_Cursor(cur.take(length), cur.order), lay.utf8)
        cur.expect(b"</lbl>")
    cur.expect(b"</value_labels></stata_dta>")
    parts = _Parts(names, types, formats, lblnames, varlabels, sortlist, chars, value_labels,
                   data_label, strls)
    return _build(path, lay, parts, raw, columns), stamp


def _read_old(path: str, buf, release: int, columns):
    lay = LAYOUTS[release]
    cur = _Cursor(buf, ">" if buf[1] == 1 else "<")
    cur.take(4)
    nvar = cur.uint(2)
    nobs = cur.uint(4)
    data_label = decode_text(cur.take(81), False)
    stamp = cur.take(18).split(b"\0", 1)[0].decode("latin-1")
    codes = list(cur.take(nvar))
    names = _fields(cur, nvar, lay.name_len, False)
    sortlist = [int(i) for i in cur.array("u2", nvar + 1)]
    formats = _fields(cur, nvar, lay.fmt_len, False)
    lblnames = _fields(cur, nvar, lay.name_len, False)
    varlabels = _fields(cur, nvar, lay.varlabel_len, False)
    chars = {}
    while True:
        kind = cur.uint(1)
        length = cur.int32()
        if kind == 0 and length == 0:
            break
        body = cur.take(length)
        if kind == 1:
            _add_char(chars, _Cursor(body, cur.order), lay)
    types = [_old_type(c) for c in codes]
    record = _record_dtype(types, cur.order, lay)
    raw = _records(cur, record, nobs)
    value_labels = {}
    while cur.pos < len(buf):
        length = cur.int32()
        labname = decode_text(cur.take(33), False)
        cur.take(3)
        value_labels[labname] = _value_label_table(_Cursor(cur.take(length), cur.order), False)
    parts = _Parts(names, types, formats, lblnames, varlabels, sortlist, chars, value_labels,
                   data_label, {})
    return _build(path, lay, parts, raw, columns), stamp


def _fields(cur: _Cursor, count: int, width: int, utf8: bool) -> list[str]:
    return [decode_text(cur.take(width), utf8) for _ in range(count)]


def _add_char(chars: dict, body: _Cursor, lay: Layout) -> None:
    var = decode_text(body.take(lay.name_len), lay.utf8)
    name = decode_text(body.take(lay.name_len), lay.utf8)
    text = decode_text(body.take(len(body.buf) - body.pos), lay.utf8)
    chars[name if var == "_dta" else f"{var}[{name}]"] = text


def _new_type(code: int) -> str:
    if 1 <= code <= 2045:
        return f"str{code}"
    if code == STRL:
        return "strL"
    if code in NEW_TYPES:
        return NEW_TYPES[code]
    raise _Malformed("type")


def _old_type(code: int) -> str:
    if 1 <= code <= 244:
        return f"str{code}"
    if code in OLD_TYPES:
        return OLD_TYPES[code]
    raise _Malformed("type")


def _record_dtype(types: list[str], order: str, lay: Layout) -> np.dtype:
    fields = []
    for i, vtype in enumerate(types):
        if vtype == "strL":
            fields.append((f"f{i}", order + "u8"))
        elif vtype.startswith("str"):
            fields.append((f"f{i}", f"S{vtype[3:]}"))
        else:
            fields.append((f"f{i}", order + NUMPY_TYPES[vtype]))
    return np.dtype(fields) if fields else np.dtype([])


def _records(cur: _Cursor, record: np.dtype, nobs: int) -> np.ndarray:
    if record.itemsize == 0:
        return np.zeros(nobs, dtype=[("_", "u1")])
    raw = cur.take(record.itemsize * nobs)
    return np.frombuffer(raw, dtype=record, count=nobs)


def _value_label_table(cur: _Cursor, utf8: bool) -> dict[float, str]:
    n = cur.int32()
    txtlen = cur.int32()
    if n < 0 or txtlen < 0:
        raise _Malformed("value label")
    offsets = cur.array("i4", n)
    values = cur.array("i4", n)
    text = cur.take(txtlen)
    out = {}
    for off, val in zip(offsets.tolist(), values.tolist()):
        if not 0 <= off <= txtlen:
            raise _Malformed("value label offset")
        out[label_key(val)] = decode_text(text[off:], utf8)
    return out


# ----------------------------------------------------------------------------- columns
class _Parts:
    def __init__(self, names, types, formats, lblnames, varlabels, sortlist, chars, value_labels,
                 data_label, strls):
        self.names, self.types, self.formats = names, types, formats
        self.lblnames, self.varlabels, self.sortlist = lblnames, varlabels, sortlist
        self.chars, self.value_labels, self.data_label, self.strls = chars, value_labels, data_label, strls


def _build(path: str, lay: Layout, p: _Parts, raw: np.ndarray, columns) -> Dataset:
    if len(set(p.names)) != len(p.names):
        raise _Malformed("duplicate names")
    keep = set(columns) if columns is not None else None
    ds = Dataset()
    frame = {}
    kept = []
    for i, (name, vtype) in enumerate(zip(p.names, p.types)):
        if keep is not None and name not in keep:
            continue
        kept.append(name)
        col = raw[f"f{i}"]
        if vtype == "strL":
            frame[name] = _strl_column(col, p.strls, lay)
        elif vtype.startswith("str"):
            frame[name] = _text_column(col, lay.utf8)
        else:
            frame[name] = stored_numeric(col, vtype)
        ds.types[name] = vtype
        ds.formats[name] = p.formats[i] or "%9.0g"
        if p.varlabels[i]:
            ds.var_labels[name] = p.varlabels[i]
        if p.lblnames[i]:
            ds.value_label_of[name] = p.lblnames[i]
    ds.set_columns({name: frame[name] for name in kept}, len(raw))
    ds.value_labels = p.value_labels
    ds.label = p.data_label
    ds.chars = {k: v for k, v in p.chars.items()
                if "[" not in k or k.split("[", 1)[0] in frame}
    order = []
    for idx in p.sortlist:
        if idx == 0:
            break
        if not 1 <= idx <= len(p.names):
            order = []
            break
        order.append(p.names[idx - 1])
    ds.sortedby = tuple(order) if all(v in frame for v in order) else ()
    ds.filename = path
    ds.changed = False
    return ds


def stored_numeric(col: np.ndarray, vtype: str):
    """A numeric column for the Dataset's column store: its float64 values
    (``numeric_values``), or a function giving them on each call from a compact copy --
    an integer column without missing codes in the narrowest integer type holding its
    values, a float column without missing codes as float32 (both exact, ~1 ms per million
    rows a call).  Doubles and columns with missing codes are decoded once, as a frame
    would hold them (a call on every use would cost ~18 ms per million rows).  (B's float64
    columns were 4 of its ~100 MiB; narrowed they take 0.7.)"""
    if vtype in INT_MISSING and len(col) and not (col >= INT_MISSING[vtype]).any():
        lo, hi = int(col.min()), int(col.max())
        for narrow in (np.int8, np.int16, np.int32):
            info = np.iinfo(narrow)
            if info.min <= lo and hi <= info.max:
                stored = col.astype(narrow)
                stored.flags.writeable = False
                return partial(_as_float64, stored)
    values = numeric_values(col, vtype)
    if vtype == "float" and not np.isnan(values).any():
        stored = col.astype(np.float32)  # (the machine's byte order)
        stored.flags.writeable = False
        return partial(_as_float64, stored)
    return values


def _as_float64(stored: np.ndarray) -> np.ndarray:
    return stored.astype(np.float64)


def numeric_values(col: np.ndarray, vtype: str) -> np.ndarray:
    """A stored numeric column as float64; Stata's missing codes become ``.``/``.a``-``.z`` NaNs."""
    values = col.astype(np.float64)
    if vtype in INT_MISSING:
        miss = col >= INT_MISSING[vtype]
        if miss.any():
            values[miss] = MISSING_FLOATS[(col[miss].astype(np.int64) - INT_MISSING[vtype]).clip(0, 26)]
        return values
    if vtype == "float":
        bits = col.astype(col.dtype.newbyteorder("=")).view(np.uint32)
        base, step = FLOAT_MISSING_BITS, FLOAT_STEP
        miss = (bits & np.uint32(0x7FFFFFFF)) >= np.uint32(base)
    else:
        bits = col.astype(col.dtype.newbyteorder("=")).view(np.uint64)
        base, step = DOUBLE_MISSING_BITS, DOUBLE_STEP
        miss = (bits & np.uint64(0x7FFFFFFFFFFFFFFF)) >= np.uint64(base)
    if miss.any():
        # Stata writes positive codes; anything else beyond the largest number (inf, NaN, a
        # negative code) is read as "."
        k = (bits[miss].astype(np.int64) - base) // step
        k = np.where((bits[miss] >> (31 if vtype == "float" else 63)) == 0, k, 0)
        k = np.where((k >= 0) & (k <= 26), k, 0)
        values[miss] = MISSING_FLOATS[k]
    return values


def _text_column(col: np.ndarray, utf8: bool) -> np.ndarray:
    """Decode each distinct value once (string columns repeat a lot): an object array."""
    if len(col) == 0:
        return np.empty(0, dtype=object)
    distinct, where = np.unique(col, return_inverse=True)
    texts = np.empty(len(distinct), dtype=object)
    texts[:] = [decode_text(b, utf8) if b else "" for b in distinct.tolist()]
    return texts[where.reshape(-1)]


def _strl_column(col: np.ndarray, strls: dict, lay: Layout) -> np.ndarray:
    vbits = lay.strl_v_bits
    mask = (1 << vbits) - 1
    out = np.empty(len(col), dtype=object)
    texts = []
    for ref in col.tolist():
        if ref == 0:
            texts.append("")
            continue
        content = strls.get((ref & mask, ref >> vbits))
        if content is None:
            raise _Malformed("strL reference")
        texts.append(decode_text(content, lay.utf8) if b"\0" not in content
                     else content.decode("utf-8" if lay.utf8 else "latin-1", errors="replace"))
    out[:] = texts
    return out


# ----------------------------------------------------------------------------- before Stata 8
def _read_with_pandas(path: str, columns) -> tuple[Dataset, str]:
    """Releases 102-112 (Stata 1-7) through pandas' reader, which knows their layouts."""
    try:
        reader = pd.io.stata.StataReader(path)
        with reader, warnings.catch_warnings():
            # pandas' arithmetic on a damaged header's type bytes warns (overflow) before it fails
            warnings.simplefilter("ignore", RuntimeWarning)
            df = reader.read(convert_categoricals=False, convert_dates=False, convert_missing=True)
            varlabels = reader.variable_labels()
            value_labels = reader.value_labels()
            fmts = list(reader._fmtlist)
            typs = list(reader._typlist)
            lbls = list(reader._lbllist)
            data_label = reader.data_label or ""
            stamp = getattr(reader, "time_stamp", "") or ""
    except StataError:
        raise
    except Exception as exc:  # a damaged old file fails anywhere in pandas' reader
        raise messages.not_stata_format(path) from exc
    ds = Dataset()
    frame = {}
    kept = [c for c in df.columns if columns is None or c in set(columns)]
    for name in kept:
        i = list(df.columns).index(name)
        typ = typs[i]
        if isinstance(typ, (int, np.integer)):
            vtype = f"str{int(typ)}"
            col = df[name]
            frame[name] = pd.Series(col.astype(object).where(col.notna(), "").map(str).to_numpy(dtype=object))
        else:
            vtype = {"b": "byte", "h": "int", "l": "long", "f": "float"}.get(str(typ), "double")
            frame[name] = pd.Series(_pandas_numeric(df[name]))
        ds.types[name] = vtype
        ds.formats[name] = fmts[i]
        if varlabels.get(name):
            ds.var_labels[name] = varlabels[name]
        if lbls[i]:
            ds.value_label_of[name] = lbls[i]
    ds.df = pd.DataFrame(frame, columns=kept) if kept else pd.DataFrame(index=pd.RangeIndex(len(df)))
    ds.value_labels = {k: {label_key(int(v)): str(t) for v, t in d.items()} for k, d in value_labels.items()}
    ds.label = data_label
    ds.filename = path
    ds.changed = False
    return ds, str(stamp)


def _pandas_numeric(col: pd.Series) -> np.ndarray:
    from mlmcli.missing import extended
    if col.dtype != object:
        return pd.to_numeric(col, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    out = np.empty(len(col), dtype=float)
    for i, v in enumerate(col.tolist()):
        if isinstance(v, pd.io.stata.StataMissingValue):
            out[i] = extended(v.string[1:])
        else:
            try:
                out[i] = float(v)
            except (TypeError, ValueError):
                out[i] = np.nan
    return out
