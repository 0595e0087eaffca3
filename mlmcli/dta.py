"""Reading and writing Stata ``.dta`` files with their metadata.

Reading goes through pandas' ``StataReader`` and keeps what Stata keeps:
variable labels, value-label sets and which variable uses which
(``value_label_of``), display formats, storage types and the data label.
All numeric variables come into memory as float64 (missing = NaN; ``.a``-
``.z`` keep their codes as NaN payloads, see ``mlmcli/missing.py``); strings become Python ``str`` in an object column with
``""`` for missing.

Writing uses pandas' ``StataWriterUTF8`` (format 118) with two additions the
public API lacks: our display formats, and value-label *sets* under their own
names (several variables may share one set; unattached sets are saved too).
pandas writes every NaN as ``.``, so ``_Writer`` puts ``.a``-``.z`` in itself.
"""
from __future__ import annotations

import datetime as _dt
import os
import tempfile

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.missing import LETTERS, code as missing_code, extended, from_order_key, order_key

_TYPE_CODES = {"b": "byte", "h": "int", "l": "long", "f": "float", "d": "double"}
_INT_RANGES = {"byte": (-127, 100), "int": (-32767, 32740), "long": (-2147483647, 2147483620)}
# numpy dtype and dta-117+ type code of each integer storage type; its missing code is max + 1
_INT_WRITE = {"byte": (np.int8, 65530), "int": (np.int16, 65529), "long": (np.int32, 65528)}


def storage_type(code) -> str:
    """Stata storage type name for a pandas ``_typlist`` entry."""
    if isinstance(code, (int, np.integer)):
        return "strL" if int(code) >= 32768 else f"str{int(code)}"
    return _TYPE_CODES.get(str(code), "double")


def read_dta(path: str, columns: list[str] | None = None) -> tuple[Dataset, str]:
    """Read ``path`` into a Dataset; returns it with the file's time stamp text."""
    try:
        reader = pd.io.stata.StataReader(path)
        with reader:
            df = reader.read(convert_categoricals=False, convert_dates=False, convert_missing=True)
            varlabels = reader.variable_labels()
            value_labels = reader.value_labels()
            fmts = list(reader._fmtlist)
            typs = list(reader._typlist)
            lbls = list(reader._lbllist)
            data_label = reader.data_label or ""
            stamp = getattr(reader, "time_stamp", "") or ""
    except FileNotFoundError:
        raise StataError(f"file {path} not found", 601) from None
    except PermissionError:
        raise StataError(f"file {path} could not be opened", 603) from None
    except Exception as exc:  # a corrupt or foreign file fails anywhere in the reader
        raise StataError(f"file {path} not Stata format", 610) from exc
    names = list(df.columns)
    ds = Dataset()
    frame = {}
    for i, name in enumerate(names):
        col = df[name]
        vtype = storage_type(typs[i])
        if vtype.startswith("str"):
            frame[name] = pd.Series(col.astype(object).where(col.notna(), "").map(str).to_numpy(dtype=object))
        else:
            frame[name] = pd.Series(_numeric_column(col))
        ds.types[name] = vtype
        ds.formats[name] = fmts[i]
        if varlabels.get(name):
            ds.var_labels[name] = varlabels[name]
        if lbls[i]:
            ds.value_label_of[name] = lbls[i]
    ds.df = pd.DataFrame(frame, columns=names) if names else pd.DataFrame(index=pd.RangeIndex(len(df)))
    ds.value_labels = {k: {_label_key(v): str(t) for v, t in d.items()} for k, d in value_labels.items()}
    ds.label = data_label
    if columns is not None:
        keep = [c for c in names if c in set(columns)]
        ds.df = ds.df[keep]
        for meta in (ds.types, ds.formats, ds.var_labels, ds.value_label_of):
            for k in list(meta):
                if k not in keep:
                    del meta[k]
    ds.filename = path
    ds.changed = False
    return ds, str(stamp)


# value labels of . / .a … .z are stored under long's missing codes 2147483621 + k
_LONG_MISSING = 2147483621


def _label_key(value) -> float:
    """A value-label key read from a file: long missing codes become .a … .z order keys."""
    v = int(value)
    if v >= _LONG_MISSING:
        return order_key(extended(LETTERS[v - _LONG_MISSING - 1] if v > _LONG_MISSING else ""))
    return float(v)


def _file_label_value(key: float) -> int:
    """Inverse of :func:`_label_key` for writing."""
    if key >= _LONG_MISSING:
        return _LONG_MISSING + max(int(missing_code(from_order_key(key))), 0)
    return int(key)


def _numeric_column(col: pd.Series) -> np.ndarray:
    """A numeric column as float64; ``.a`` … ``.z`` (pandas' ``StataMissingValue``) keep their codes."""
    if col.dtype != object:
        return pd.to_numeric(col, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    values = col.to_numpy(dtype=object)
    out = np.empty(len(values), dtype=float)
    for i, v in enumerate(values):
        if isinstance(v, pd.io.stata.StataMissingValue):
            out[i] = extended(v.string[1:])
        else:
            try:
                out[i] = float(v)
            except (TypeError, ValueError):
                out[i] = np.nan
    return out


def _default_format(vtype: str) -> str | None:
    """Stata's default display format of a storage type (None: let pandas choose)."""
    if vtype.startswith("str"):
        width = vtype[3:]
        return f"%{width}s" if width.isdigit() and int(width) > 9 else "%9s"
    return {"byte": "%8.0g", "int": "%8.0g", "long": "%12.0g", "float": "%9.0g", "double": "%10.0g"}.get(vtype)


def _column_for_writing(ds: Dataset, name: str) -> pd.Series:
    """The column cast to the dtype that makes pandas write its storage type."""
    col = ds.df[name]
    vtype = ds.types.get(name, "double")
    if vtype.startswith("str") or col.dtype == object:
        return col.astype(object).where(col.notna(), "").map(str)
    values = col.to_numpy(dtype=float, na_value=np.nan)
    if vtype in _INT_RANGES and not np.isnan(values).any():
        lo, hi = _INT_RANGES[vtype]
        if len(values) == 0 or (values.min() >= lo and values.max() <= hi and np.all(values == np.round(values))):
            return pd.Series(values.astype({"byte": np.int8, "int": np.int16, "long": np.int32}[vtype]))
    if vtype == "float":
        return pd.Series(values.astype(np.float32))
    return pd.Series(values)


def _with_extended_codes(col: np.ndarray, codes: np.ndarray, rows: np.ndarray, single: bool) -> np.ndarray:
    """Stata's on-disk ``.a`` … ``.z``: float 0x7f000000 + k·2^11, double 0x7fe0000000000000 + k·2^40."""
    if single:
        bits = (np.uint32(0x7F000000) + codes[rows].astype(np.uint32) * np.uint32(2048)).view(np.float32)
        col = col.astype(np.float32)
    else:
        bits = (np.uint64(0x7FE0000000000000) + codes[rows].astype(np.uint64) * np.uint64(1 << 40)).view(np.float64)
        col = col.astype(np.float64)
    col[rows] = bits
    return col


class _Writer(pd.io.stata.StataWriterUTF8):
    """StataWriterUTF8 that writes our formats and named value-label sets."""

    def __init__(self, path, frame, ds: Dataset, **kw):
        self._mlm_ds = ds
        super().__init__(path, frame, write_index=False, version=118, **kw)

    def _set_formats_and_types(self, dtypes) -> None:
        super()._set_formats_and_types(dtypes)
        for i, name in enumerate(self.varlist):
            fmt = self._mlm_ds.formats.get(name) or _default_format(self._mlm_ds.types.get(name, ""))
            if fmt and len(fmt) <= 56:
                self.fmtlist[i] = fmt
            # integer storage types with missing values: pandas only writes those as
            # floats, so write the integers with Stata's missing code ourselves
            vtype = self._mlm_ds.types.get(name, "")
            if self.typlist[i] not in (65526, 65527):  # 65526 double, 65527 float
                continue
            values = self._mlm_ds.df[name].to_numpy(dtype=float, na_value=np.nan)
            codes = np.maximum(missing_code(values), 0)  # 0 for ., k for .a … .z
            if vtype in _INT_RANGES:
                finite = values[~np.isnan(values)]
                lo, hi = _INT_RANGES[vtype]
                if not (finite.size and (finite.min() < lo or finite.max() > hi
                                         or np.any(finite != np.round(finite)))):
                    dtype, type_code = _INT_WRITE[vtype]
                    self.data[name] = np.where(np.isnan(values), hi + 1 + codes, values).astype(dtype)
                    self.typlist[i] = type_code
                    continue
            extended_rows = np.isnan(values) & (codes > 0)
            if extended_rows.any():  # pandas writes every NaN as "."; put Stata's .a … .z codes in
                self.data[name] = _with_extended_codes(self.data[name].to_numpy(copy=True), codes,
                                                       extended_rows, self.typlist[i] == 65527)

    def _write_value_label_names(self) -> None:
        from io import BytesIO
        self._update_map("value_label_names")
        bio = BytesIO()
        for name in self.varlist:
            lab = self._mlm_ds.value_label_of.get(name, "")
            encoded = lab[:32].encode(self._encoding)
            bio.write(encoded + b"\x00" * (129 - len(encoded)))
        self._write_bytes(self._tag(bio.getvalue(), "value_label_names"))

    def _write_value_labels(self) -> None:
        self._update_map("value_labels")
        bio_parts = []
        for labname, mapping in self._mlm_ds.value_labels.items():
            ints = {_file_label_value(k): v for k, v in mapping.items() if k >= _LONG_MISSING or float(k) == int(k)}
            if not ints:
                continue
            vl = pd.io.stata.StataNonCatValueLabel(labname, ints, encoding=self._encoding)
            lab = vl.generate_value_label(self._byteorder)
            bio_parts.append(self._tag(lab, "lbl"))
        self._write_bytes(self._tag(b"".join(bio_parts), "value_labels"))


def write_dta(ds: Dataset, path: str) -> None:
    """Write ``ds`` to ``path`` atomically: a temp file in the same folder, then ``os.replace``.

    A failure leaves any existing file untouched and no partial file behind.
    """
    frame = pd.DataFrame({name: _column_for_writing(ds, name) for name in ds.varnames}, columns=ds.varnames)
    frame.index = pd.RangeIndex(len(frame))
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise StataError(f"file {path} could not be opened", 603)
    fd, tmp = tempfile.mkstemp(prefix=".mlm-save-", suffix=".dta", dir=folder)
    os.close(fd)
    try:
        labels = {k: v[:80] for k, v in ds.var_labels.items() if k in frame.columns}
        writer = _Writer(tmp, frame, ds, data_label=(ds.label or None) and ds.label[:80],
                         variable_labels=labels, time_stamp=_dt.datetime.now())
        writer.write_file()
        chmod_like_new_file(tmp)
        os.replace(tmp, path)
    except StataError:
        _remove_quietly(tmp)
        raise
    except (ValueError, OSError, UnicodeEncodeError) as exc:
        _remove_quietly(tmp)
        raise StataError(f"file {path} could not be saved: {exc}", 693) from exc
    except BaseException:
        _remove_quietly(tmp)
        raise


def chmod_like_new_file(path: str) -> None:
    """mkstemp makes 0600 files; give the saved file the usual umask-based mode."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def _remove_quietly(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
