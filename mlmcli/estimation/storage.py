"""``estimates save`` / ``estimates use``: estimation results in a file of mlm's own.

Stata's ``.ster`` files are a private binary format; mlm writes its own, under the same
default extension, and reads only its own (a Stata ``.ster`` is refused with r(610)).

The file is a NumPy ``.npz`` archive (a zip file; read with ``allow_pickle=False``, so
loading runs no code from the file) holding

- ``meta``: UTF-8 JSON (as a uint8 array)::

      {"format": "mlmcli-estimates", "version": 1, "saved": "04 Dec 2026 10:00",
       "cmd": "regress", "title": "...", "scalars": {...}, "macros": {...},
       "matrices": {"b": <Matrix>, ...}, "result": <the command's result object>,
       "posted_version": 15.0}  (the version the fit ran under: its e(b) stripe; may be absent)

- ``a0``, ``a1``, ...: the arrays the JSON refers to as ``{"__array__": "a0"}``;
- for each further result set ``estimates save, append`` adds (number k = 2, 3, ...),
  ``sk_meta`` and its arrays ``sk_a0``, ``sk_a1``, ... (``estimates use, number(k)``).

Values are encoded as JSON with tags: ``{"__dataclass__": "mlmcli.results.mixed:MixedResult",
"fields": {...}}`` (only result types of ``mlmcli.results`` are rebuilt when read),
``{"__tuple__": [...]}``, ``{"__dict__": [[key, value], ...]}``, ``{"__float__": "nan"|"inf"|
"-inf"}`` (extended missing values ``.a`` ... ``.z`` keep their NaN payload through the
arrays only), and arrays as above.

What is kept: e() scalars, macros and matrices and the result the estimation command's
``replay`` prints.  What is not: e(sample) (results read back mark no observation until
``estimates esample:`` says which), the engine's fit object and the design that rebuilds
X, so ``predict``, ``margins`` and the multilevel ``estat`` subcommands need
the model fitted again (they say so, r(321)) -- except after ``mixed``, whose fixed portion
(predict xb/stdp, margins) comes from e(b)/e(V) and whose random effects from the model
rebuilt at e(b) once ``estimates esample:`` marks the rows (``stored_mixed``, set by the
``estimates use`` command); everything
that reads only e() — replay,
``estimates table/stats``, ``test``, ``lincom``, ``nlcom``, ``lrtest``, ``estat ic/vce`` — works.
"""
from __future__ import annotations

import dataclasses
import importlib
import io
import json
import math
import re
import time
import zipfile

import numpy as np

from mlmcli.errors import StataError
from mlmcli.estimation.results import EstimationResults

FORMAT = "mlmcli-estimates"
VERSION = 1


class MissingFit:
    """Stands in for the fit object of results read by ``estimates use``: asking it for
    anything is Stata-style r(321), not a Python error."""

    def __init__(self, cmd: str):
        self._cmd = cmd

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        raise StataError(f"{self._cmd} results from estimates use hold e() only; fit the model again for this "
                         "command", 321)


# ---------------------------------------------------------------- encoding
class _Encoder:
    def __init__(self, prefix: str = ""):
        self.arrays: dict[str, np.ndarray] = {}
        self.prefix = prefix  # "s2_" ...: the arrays of a later result set in the same file

    def array(self, a: np.ndarray) -> dict:
        key = f"{self.prefix}a{len(self.arrays)}"
        self.arrays[key] = np.ascontiguousarray(a)
        return {"__array__": key}

    def encode(self, v):
        if v is None or isinstance(v, (bool, str)):
            return v
        if isinstance(v, (int, np.integer)) and not isinstance(v, bool):
            return int(v)
        if isinstance(v, (float, np.floating)):
            v = float(v)
            if math.isfinite(v):
                return v
            return {"__float__": "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")}
        if isinstance(v, np.bool_):
            return bool(v)
        if isinstance(v, np.ndarray):
            if v.dtype == object:
                return {"__list_array__": [self.encode(x) for x in v.tolist()], "shape": list(v.shape)}
            return self.array(v)
        if dataclasses.is_dataclass(v) and not isinstance(v, type):
            cls = type(v)
            if not cls.__module__.startswith("mlmcli.results"):
                raise TypeError(f"{cls.__module__}.{cls.__name__}")
            return {"__dataclass__": f"{cls.__module__}:{cls.__qualname__}",
                    "fields": {f.name: self.encode(getattr(v, f.name)) for f in dataclasses.fields(v)}}
        if isinstance(v, tuple):
            return {"__tuple__": [self.encode(x) for x in v]}
        if isinstance(v, list):
            return [self.encode(x) for x in v]
        if isinstance(v, dict):
            return {"__dict__": [[self.encode(k), self.encode(x)] for k, x in v.items()]}
        raise TypeError(type(v).__name__)


def _decode(v, arrays):
    if isinstance(v, list):
        return [_decode(x, arrays) for x in v]
    if not isinstance(v, dict):
        return v
    if "__array__" in v:
        return np.array(arrays[v["__array__"]])
    if "__float__" in v:
        return float(v["__float__"])
    if "__tuple__" in v:
        return tuple(_decode(x, arrays) for x in v["__tuple__"])
    if "__dict__" in v:
        return {_hashable(_decode(k, arrays)): _decode(x, arrays) for k, x in v["__dict__"]}
    if "__list_array__" in v:
        out = np.empty(len(v["__list_array__"]), dtype=object)
        out[:] = [_decode(x, arrays) for x in v["__list_array__"]]
        return out.reshape(v["shape"])
    if "__dataclass__" in v:
        module, _, name = v["__dataclass__"].partition(":")
        if not module.startswith("mlmcli.results"):
            raise ValueError(module)
        cls = getattr(importlib.import_module(module), name)
        if not dataclasses.is_dataclass(cls):
            raise ValueError(name)
        fields = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: _decode(x, arrays) for k, x in v["fields"].items() if k in fields})
    raise ValueError("unknown tag")


def _hashable(k):
    return tuple(k) if isinstance(k, list) else k


# ---------------------------------------------------------------- files
def _set_key(number: int) -> str:
    """The prefix of result set ``number`` in a file: "" for the first, "s2_", "s3_" ..."""
    return "" if number == 1 else f"s{number}_"


def sets_in(arrays: dict) -> int:
    """How many result sets a file's arrays hold (``estimates save, append`` adds one)."""
    return 1 + sum(1 for k in arrays if re.fullmatch(r"s\d+_meta", k))


def save(e: EstimationResults, path: str, *, replace: bool, append: bool = False) -> None:
    """Write ``e`` to ``path`` (atomically; an existing file needs ``replace``: r(602));
    ``append`` adds it as the next result set of an existing file (``estimates use, number()``)."""
    import os

    from mlmcli.fileformats.safe_write import write_bytes_atomic

    kept: dict = {}
    if append and os.path.exists(path):
        _, kept = read_meta(path, raw=True)
        replace = True
    enc = _Encoder(_set_key(sets_in(kept) + 1) if kept else "")
    try:
        result = enc.encode(e.result)
    except (TypeError, ValueError):  # a result type outside mlmcli.results: keep e() only
        result = None
    meta = {"format": FORMAT, "version": VERSION, "saved": time.strftime("%d %b %Y %H:%M"),
            "cmd": e.cmd, "title": e.title, "scalars": enc.encode(dict(e.scalars)),
            "macros": {k: str(v) for k, v in e.macros.items() if k != "_estimates_name"},
            "matrices": enc.encode(dict(e.matrices)), "result": result,
            "posted_version": e.posted_version}  # the stripe the fit posted (Stata 15's free parameters)
    buf = io.BytesIO()
    meta_key = (enc.prefix or "") + "meta"
    np.savez_compressed(buf, **kept, **{meta_key: np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)},
                        **enc.arrays)
    write_bytes_atomic(path, buf.getvalue(), replace=replace)


def read_meta(path: str, number: int = 1, *, raw: bool = False) -> tuple[dict, dict]:
    """(the JSON part of result set ``number``, the arrays) of a file ``save`` wrote; anything
    else is r(610); a set the file does not hold r(111).  ``raw``: every array as stored."""
    try:
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        if raw:
            json.loads(arrays["meta"].tobytes().decode("utf-8"))
            return {}, arrays
        key = _set_key(number) + "meta"
        if key not in arrays:
            raise StataError("estimation result set not found in file", 111)
        meta = json.loads(arrays.pop(key).tobytes().decode("utf-8"))
    except FileNotFoundError:
        raise StataError(f"file {path} not found", 601) from None
    except (OSError, ValueError, KeyError, UnicodeDecodeError, EOFError, zipfile.BadZipFile):  # EOFError: empty file
        raise StataError(f"file {path} not mlm estimation results (Stata's own .ster files cannot be read)",
                         610) from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise StataError(f"file {path} not mlm estimation results", 610)
    if meta.get("version", 0) > VERSION:
        raise StataError(f"file {path} was written by a newer mlm", 610)
    return meta, arrays


def load(path: str, number: int = 1) -> EstimationResults:
    """Result set ``number`` of the file ``save`` wrote (its fit object a ``MissingFit``)."""
    meta, arrays = read_meta(path, number)
    try:
        result = _decode(meta.get("result"), arrays)
    except (ValueError, TypeError, AttributeError, ImportError):
        result = None  # a result type this mlm does not have: e() still loads
    try:
        scalars = _decode(meta["scalars"], arrays)
        matrices = _decode(meta["matrices"], arrays)
    except (ValueError, TypeError, KeyError, AttributeError, ImportError):
        raise StataError(f"file {path} not mlm estimation results", 610) from None
    cmd = str(meta.get("cmd", ""))
    version = meta.get("posted_version")  # None (a file from before it was kept): the version now
    return EstimationResults(cmd=cmd, scalars=scalars, macros=dict(meta.get("macros", {})), matrices=matrices,
                             result=result, model=MissingFit(cmd), sample=None, title=str(meta.get("title", "")),
                             posted_version=float(version) if isinstance(version, (int, float)) else None)
