"""``graph save`` / ``graph use`` files: the graph's pure spec as JSON.

Format (documented in ``docs/graphs.md``): one JSON object

    {"format": "mlmcli-graph", "version": 1, "graph": <Graph>}

where a dataclass is an object ``{"__type__": "Graph" | "Panel" | "Series" | "Axis" |
"TextBox" | "RefLine" | "TitleLook" | "LegendLook" | "MoreAxis", <field>: <value>, ...}``, a numpy array ``{"__array__": [...], "dtype":
"float64"}`` (NaN written as null), a tuple ``{"__tuple__": [...]}``.  Fields a later
version adds are ignored by an older reader only if it does not know them: ``graph
use`` rebuilds the dataclasses by field name and leaves unknown fields out, so newer
files stay readable when a field is added (fields are never renamed).

Stata's own ``.gph`` files (binary or "live" format) cannot be read; ``graph use``
says so (r(610)).
"""
from __future__ import annotations

import dataclasses
import json
import os
import tempfile

import numpy as np

from mlmcli.errors import StataError
from mlmcli.graphs.axis_spec import Axis, MoreAxis
from mlmcli.graphs.spec import Graph, LegendLook, Panel, RefLine, Series, TextBox, TitleLook

FORMAT = "mlmcli-graph"
VERSION = 1
_TYPES = {cls.__name__: cls for cls in (Graph, Panel, Series, Axis, TextBox, RefLine, TitleLook, LegendLook,
                                       MoreAxis)}


def _encode(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {"__type__": type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = _encode(getattr(value, f.name))
        return out
    if isinstance(value, np.ndarray):
        if value.dtype == object:
            return {"__array__": [None if v is None else str(v) for v in value.tolist()], "dtype": "object"}
        data = value.astype(float)
        return {"__array__": [None if not np.isfinite(v) else float(v) for v in data.ravel()],
                "dtype": "float64", "shape": list(value.shape)}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, (np.floating, np.integer)):
        return value.item()
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value


def _decode(value):
    if isinstance(value, dict):
        if "__type__" in value:
            cls = _TYPES.get(value["__type__"])
            if cls is None:
                raise ValueError(value["__type__"])
            names = {f.name for f in dataclasses.fields(cls)}
            return cls(**{k: _decode(v) for k, v in value.items() if k in names})
        if "__array__" in value:
            if value.get("dtype") == "object":
                return np.array(value["__array__"], dtype=object)
            arr = np.array([np.nan if v is None else v for v in value["__array__"]], dtype=float)
            shape = value.get("shape")
            return arr.reshape(shape) if shape else arr
        if "__tuple__" in value:
            return tuple(_decode(v) for v in value["__tuple__"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def dumps(graph: Graph) -> str:
    return json.dumps({"format": FORMAT, "version": VERSION, "graph": _encode(graph)})


def loads(text: str) -> Graph:
    doc = json.loads(text)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError("not an mlmcli graph")
    graph = _decode(doc["graph"])
    if not isinstance(graph, Graph):
        raise ValueError("not an mlmcli graph")
    return graph


def save(graph: Graph, path: str) -> None:
    """Write atomically (temporary file, then rename), so a failed save leaves no half file."""
    from mlmcli.fileformats.safe_write import check_writable

    check_writable(path, True)  # the caller refused an existing file without replace; read-only: r(608)
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=".mlm-graph-", suffix=".gph", dir=folder)
    except OSError:
        raise StataError(f"file {path} could not be opened", 603) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(dumps(graph))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException as err:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(err, OSError):
            raise StataError(f"file {path} could not be opened", 603) from None
        raise


def load(path: str) -> Graph:
    if not os.path.isfile(path):
        raise StataError(f"file {path} not found", 601)
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError:
        raise StataError(f"file {path} could not be opened", 603) from None
    try:
        return loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, TypeError, KeyError):
        raise StataError(f"file {path} is not a graph saved by mlmcli (Stata's own .gph files "
                         "cannot be read)", 610) from None
