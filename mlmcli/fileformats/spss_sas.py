"""SPSS (``.sav``, ``.zsav``, ``.por``) and SAS (``.sas7bdat``, ``.xpt``) files through pyreadstat,
with Stata 16's ``import spss``/``import sas`` semantics.

Reading keeps variable labels, value labels (sets under their SPSS/SAS names,
only integer values, as Stata can label no other), the file label, SPSS
documents (as ``notes``: ``_dta[note1]`` ...), and turns:

- SPSS user-missing values into extended missing values, in the order SPSS lists
  them: each discrete value, or each value of an integer range of at most 26
  values, takes the next code ``.a``, ``.b`` ...; a wider range takes one code.
  Value labels on those values move to their codes.
- SAS special missing values ``.A``-``.Z`` into ``.a``-``.z`` (``._`` into ``.``).
- Dates: SPSS DATE-type formats (seconds since 14oct1582) and SAS date formats
  (days since 01jan1960) into Stata dates (%td); DATETIME into Stata datetimes
  (ms since 01jan1960, %tc); TIME into ms (%tcHH:MM:SS).
- Formats: ``Fw.d`` into ``%w.df`` (``%w.0g`` for d = 0); strings ``Aw`` into ``str#``.
- Names into Stata names (``strtoname`` rules; ``v#`` when nothing is left); a
  renamed variable without a label keeps its original name as its label.

Numeric variables are stored in the smallest type holding their values.

Writing ``.sav``/``.zsav`` (for round trips and colleagues using SPSS) keeps
values, variable and value labels, the data label and extended missing codes:
a variable's codes are written as values above all its data (10^k + code) and
declared user-missing -- discrete when only ``.a``-``.c`` occur, else as one range
of consecutive values -- so reading the file back gives the same codes.  Names
SPSS refuses (a leading ``_``, reserved words) are changed (``_x`` -> ``v_x``).
"""
from __future__ import annotations

import math
import os
import re

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset
from mlmcli.errors import StataError
from mlmcli.fileformats import messages
from mlmcli.fileformats.safe_write import atomic_write
from mlmcli.fileformats.storage import (add_variable, default_format, finish, name_from_text, numeric_type,
                                        string_type, text_column, unique_names)
from mlmcli.missing import LETTERS, code as missing_code, extended, order_key

SPSS_EPOCH_DAYS = 137775  # days from 14oct1582 (SPSS's day 0) to 01jan1960 (Stata's)
MS_PER_DAY = 86_400_000
_SPSS_DATE = re.compile(r"^(DATE|ADATE|EDATE|SDATE|JDATE|MOYR|QYR|WKYR)\d*$")
_SAS_DATE = re.compile(r"^(DATE|MMDDYY|DDMMYY|YYMMDD|YYMMDDN|MMDDYYN|DDMMYYN|E8601DA|MONYY|WORDDATE|"
                       r"WEEKDATE|JULIAN|NLDATE|B8601DA|YYQ|YEAR|MONNAME|DOWNAME|DAY|WEEKDATX|WORDDATX)\d*$")
_DATETIME = re.compile(r"^(DATETIME|E8601DT|B8601DT|NLDATM|YMDHMS|MDYAMPM|DTDATE)\d*$")
_TIME = re.compile(r"^(TIME|DTIME|HHMM|TOD|E8601TM|B8601TM|MMSS|HOUR)\d*$")
_SPSS_RESERVED = {"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"}


def _pyreadstat(what: str):
    try:
        import pyreadstat
    except ImportError:
        raise messages.missing_library(what, "pyreadstat", "spss" if "spss" in what else "sas") from None
    return pyreadstat


def _check_readable(path: str) -> None:
    if not os.path.exists(path):
        raise messages.not_found(path)
    if os.path.isdir(path) or not os.access(path, os.R_OK):
        raise messages.cannot_open(path)


def read_spss(path: str, *, columns: list[str] | None = None, encoding: str | None = None,
              case: str = "preserve") -> Dataset:
    """``import spss``: a new Dataset from ``.sav``, ``.zsav`` or ``.por``."""
    prs = _pyreadstat("import spss")
    _check_readable(path)
    reader = prs.read_por if path.lower().endswith(".por") else prs.read_sav
    kw = {"user_missing": True} if reader is prs.read_sav else {}
    try:
        df, meta = reader(path, disable_datetime_conversion=True, encoding=encoding, **kw)
    except Exception as exc:  # pyreadstat's errors: ReadstatError, PyreadstatError, UnicodeError ...
        raise StataError(f"file {path} not SPSS format", 610) from exc
    return _to_dataset(path, df, meta, "spss", columns, case)


def read_sas(path: str, *, columns: list[str] | None = None, encoding: str | None = None,
             catalog: str | None = None, case: str = "preserve") -> Dataset:
    """``import sas`` (``.sas7bdat``, with value labels from a ``.sas7bcat`` ``catalog``) and
    ``import sasxport`` (``.xpt``): a new Dataset."""
    prs = _pyreadstat("import sas")
    _check_readable(path)
    if catalog is not None:
        _check_readable(catalog)
    try:
        if path.lower().endswith((".xpt", ".xport")):
            df, meta = prs.read_xport(path, disable_datetime_conversion=True, encoding=encoding)
        else:
            df, meta = prs.read_sas7bdat(path, disable_datetime_conversion=True, encoding=encoding,
                                         catalog_file=catalog, user_missing=True)
    except Exception as exc:
        raise StataError(f"file {path} not SAS format", 610) from exc
    return _to_dataset(path, df, meta, "sas", columns, case)


# ----------------------------------------------------------------------------- to a Dataset
def _to_dataset(path: str, df: pd.DataFrame, meta, kind: str, columns, case: str) -> Dataset:
    original = list(df.columns)
    if columns is not None:
        wanted = set(columns)
        missing = [c for c in columns if c not in original]
        if missing:
            raise StataError(f"variable {missing[0]} not found in {path}", 111)
        original = [c for c in original if c in wanted]
    names = unique_names([name_from_text(c, case=case) for c in original],
                         [f"v{j + 1}" for j in range(len(original))])
    ds = Dataset()
    frame: dict = {}
    labels = meta.column_names_to_labels or {}
    formats = meta.original_variable_types or {}
    ranges = (getattr(meta, "missing_ranges", None) or {}) if kind == "spss" else {}
    for src, name in zip(original, names):
        col = df[src]
        label = labels.get(src) or ("" if src == name else src)
        fmt_in = (formats.get(src) or "").upper()
        if _is_text(col, meta, src):
            texts = ["" if v is None or (isinstance(v, float) and v != v) else str(v) for v in col.tolist()]
            add_variable(ds, frame, name, text_column(texts), string_type(texts), label=label[:80])
            continue
        values, codes_of = _numeric(col, ranges.get(src), kind)
        values, fmt = _dates(values, fmt_in, kind)
        vtype = "double" if fmt and fmt.startswith("%tc") else numeric_type(values)
        add_variable(ds, frame, name, values, vtype, fmt or _number_format(fmt_in, vtype), label[:80])
        labset = (meta.variable_to_label or {}).get(src)
        if labset:
            ds.value_label_of[name] = labset
            mapping = _label_map((meta.value_labels or {}).get(labset, {}), codes_of)
            merged = ds.value_labels.setdefault(labset, {})
            merged.update(mapping)
    ds.value_labels = {k: v for k, v in ds.value_labels.items() if v}
    for var in list(ds.value_label_of):
        if ds.value_label_of[var] not in ds.value_labels:
            del ds.value_label_of[var]
    ds = finish(ds, frame, names, len(df), None)
    ds.label = (meta.file_label or "")[:80]
    notes = [n for n in (getattr(meta, "notes", None) or []) if n and n.strip()]
    if notes:
        ds.chars.update({f"note{i}": n for i, n in enumerate(notes, start=1)})
        ds.chars["note0"] = str(len(notes))
    ds.changed = bool(names)  # not a Stata dataset: `use` must not discard it silently
    return ds


def _is_text(col: pd.Series, meta, src: str) -> bool:
    kind = (getattr(meta, "readstat_variable_types", None) or {}).get(src)
    if kind is not None:
        return kind == "string"
    return col.dtype == object and all(isinstance(v, str) or v is None for v in col.tolist())


def _numeric(col: pd.Series, ranges, kind: str) -> tuple[np.ndarray, dict[float, float]]:
    """float64 values with missing codes; ``codes_of``: original user-missing value -> code NaN."""
    if col.dtype == object:  # SAS special missing arrive as letters among the numbers
        out = np.empty(len(col), dtype=float)
        for i, v in enumerate(col.tolist()):
            if isinstance(v, str):
                letter = v.strip().lstrip(".").lower()
                out[i] = extended(letter) if len(letter) == 1 and letter in LETTERS else np.nan
            else:
                out[i] = np.nan if v is None else float(v)
    else:
        out = col.to_numpy(dtype=float, na_value=np.nan).copy()
    codes_of: dict[float, float] = {}
    if ranges:
        k = 0
        for spec in ranges:
            lo, hi = float(spec["lo"]), float(spec["hi"])
            if k >= 26:
                break
            if lo == hi or (lo.is_integer() and hi.is_integer() and 0 < hi - lo < 26):
                for v in np.arange(lo, hi + 1) if lo != hi else [lo]:
                    if k >= 26:
                        break
                    k += 1
                    codes_of[float(v)] = extended(LETTERS[k - 1])
                    out[out == v] = codes_of[float(v)]
            else:
                k += 1
                nan = extended(LETTERS[k - 1])
                inside = (out >= lo) & (out <= hi)
                for v in np.unique(out[inside]):
                    codes_of[float(v)] = nan
                out[inside] = nan
    return out, codes_of


def _dates(values: np.ndarray, fmt: str, kind: str) -> tuple[np.ndarray, str | None]:
    base = re.sub(r"[\d.]+$", "", fmt)
    spss = kind == "spss"
    keep = np.isnan(values)
    if (_SPSS_DATE.match(base) if spss else _SAS_DATE.match(base)):
        days = values / 86400 - SPSS_EPOCH_DAYS if spss else values
        return np.where(keep, values, np.floor(days)), "%td"
    if _DATETIME.match(base):
        ms = (values - SPSS_EPOCH_DAYS * 86400) * 1000 if spss else values * 1000
        return np.where(keep, values, np.round(ms)), "%tc"
    if _TIME.match(base):
        return np.where(keep, values, np.round(values * 1000)), "%tcHH:MM:SS"
    return values, None


def _number_format(fmt: str, vtype: str) -> str:
    m = re.match(r"^(?:F|N|COMMA|DOLLAR|BEST|PCT)?(\d+)(?:\.(\d+))?$", fmt)
    if not m:
        return default_format(vtype)
    width, dec = int(m.group(1)), int(m.group(2) or 0)
    width = min(max(width, 1), 48)
    comma = "c" if fmt.startswith(("COMMA", "DOLLAR")) else ""
    return f"%{width}.{dec}f{comma}" if dec else f"%{width}.0g{comma}"


def _label_map(labels: dict, codes_of: dict[float, float]) -> dict[float, str]:
    out = {}
    for value, text in labels.items():
        if isinstance(value, str):  # a label on a string value or a SAS special missing letter
            letter = value.strip().lstrip(".").lower()
            if len(letter) == 1 and letter in LETTERS:
                out[order_key(extended(letter))] = str(text)
            continue
        v = float(value)
        if v in codes_of:
            out[order_key(codes_of[v])] = str(text)
        elif v.is_integer() and abs(v) <= 2147483620:
            out[v] = str(text)
    return out


# ----------------------------------------------------------------------------- .sav writing
def write_spss(ds: Dataset, path: str, *, replace: bool, compress: bool | None = None) -> None:
    """Write ``ds`` as an SPSS ``.sav`` (``compress``: ``.zsav``, default from the extension)."""
    prs = _pyreadstat("export spss")
    compress = path.lower().endswith(".zsav") if compress is None else compress
    out_names = _spss_names(ds.varnames)
    frame = {}
    formats, missing_ranges, value_labels = {}, {}, {}
    for name, out in zip(ds.varnames, out_names):
        if ds.is_string(name):
            frame[out] = ["" if v is None else str(v) for v in ds.df[name].tolist()]
            continue
        values = ds.df[name].to_numpy(dtype=float, na_value=np.nan)
        fmt = ds.formats.get(name, "")
        stand_in, ranges = _missing_stand_ins(name, values, ds)
        codes = np.maximum(missing_code(values), 0)
        data = values.copy()
        if fmt.startswith(("%td", "%d")):
            data = (data + SPSS_EPOCH_DAYS) * 86400
            formats[out] = "DATE11"
        elif fmt.startswith(("%tc", "%tC")):
            data = data / 1000 + SPSS_EPOCH_DAYS * 86400
            formats[out] = "DATETIME20"
        else:
            formats[out] = _spss_format(fmt, ds.types.get(name, "double"))
        for k, v in stand_in.items():
            data[codes == k] = v
        data[np.isnan(values) & (codes == 0)] = np.nan
        frame[out] = data
        if ranges:
            missing_ranges[out] = ranges
        labset = ds.value_labels.get(ds.value_label_of.get(name, ""), {})
        if labset:
            mapped = {}
            for key, text in labset.items():
                if key >= 1e308:
                    k = int(missing_code(_from_key(key)))
                    if k in stand_in:
                        mapped[stand_in[k]] = text
                else:
                    mapped[key] = text
            value_labels[out] = mapped
    df = pd.DataFrame(frame, columns=out_names)
    labels = {out: ds.var_labels[n] for n, out in zip(ds.varnames, out_names) if ds.var_labels.get(n)}

    def write(tmp: str) -> None:
        try:
            prs.write_sav(df, tmp, file_label=ds.label or "", column_labels=labels or None,
                          compress=compress, variable_value_labels=value_labels or None,
                          missing_ranges=missing_ranges or None, variable_format=formats or None)
        except (prs.PyreadstatError, prs.ReadstatError) as exc:
            raise StataError(f"file {path} could not be written as SPSS: {exc}", 693) from None

    atomic_write(path, write, replace=replace)


def _from_key(key: float) -> float:
    from mlmcli.missing import from_order_key
    return from_order_key(key)


def _missing_stand_ins(name: str, values: np.ndarray, ds: Dataset) -> tuple[dict[int, float], list]:
    """Values standing for .a-.z in SPSS: 10^k + code, above every value of the variable."""
    codes = set(int(c) for c in np.unique(missing_code(values)) if c > 0)
    labset = ds.value_labels.get(ds.value_label_of.get(name, ""), {})
    codes |= {int(missing_code(_from_key(k))) for k in labset if k >= 1e308} - {0}
    if not codes:
        return {}, []
    finite = values[~np.isnan(values)]
    top = float(np.abs(finite).max()) if finite.size else 0.0
    base = 10.0 ** max(1, math.ceil(math.log10(top + 27)))
    if base + 26 == base or base > 2 ** 52:
        raise StataError(f"variable {name}: values too large to keep .a-.z in an SPSS file", 459)
    high = max(codes)
    stand_in = {k: base + k for k in range(1, high + 1)}
    if high <= 3:
        return stand_in, [base + k for k in range(1, high + 1)]
    return stand_in, [{"lo": base + 1, "hi": base + high}]


def _spss_format(fmt: str, vtype: str) -> str:
    m = re.match(r"^%-?(\d+)\.(\d+)([fg])", fmt)
    if m and m.group(3) == "f":
        return f"F{max(int(m.group(1)), int(m.group(2)) + 2)}.{m.group(2)}"
    width = int(m.group(1)) if m else 8
    return f"F{width}.0" if vtype in ("byte", "int", "long") else f"F{max(width, 8)}.2"


def _spss_names(names: list[str]) -> list[str]:
    out = []
    for name in names:
        new = name
        if new.startswith("_"):
            new = "v" + new
        if new.upper() in _SPSS_RESERVED:
            new += "_"
        while new in out:
            new += "_"
        out.append(new[:64])
    return out
