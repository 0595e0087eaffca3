"""``mixed``'s ``residuals(rspec)``: the typed text -> ``ResidualOptions`` -> the engine's
``ResidualSpec`` on the estimation sample.

    residuals(restype [, by(varname) t(varname)])
    restype := independent | exchangeable | ar [#] | ma [#] | unstructured | banded [#]
               | toeplitz [#] | exponential

Abbreviations, defaults, checks, notes and messages follow Stata's ``xtmixed.ado``
(Stata 12: ``ParseVarStruct``, ``GetVarStruct``, ``GetGroupLabels``, ``ProcessTimeVar``),
which Stata 13's ``mixed`` inherited; the structures and their options are documented in
the archived ``xtmixed`` help and in ``help mixed``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

# name -> minimal abbreviation (xtmixed.ado ParseVarStruct: ``ar`` and ``ma`` exactly)
KINDS = (("independent", 3), ("exchangeable", 2), ("ar", 2), ("ma", 2), ("unstructured", 2),
         ("banded", 2), ("toeplitz", 2), ("exponential", 3))
ORDERED = ("ar", "ma", "banded", "toeplitz")
TITLES = {"independent": "Independent", "exchangeable": "Exchangeable", "unstructured": "Unstructured",
          "exponential": "Exponential"}
_OPTIONS = [OptionSpec("by", 2, takes_arg=True), OptionSpec("t", 1, takes_arg=True)]


@dataclass(frozen=True)
class ResidualOptions:
    """``residuals()`` as typed: ``kind`` (canonical), ``order`` (None: the structure's
    default), ``t``/``by`` variable names as typed, ``text`` (e(resopt))."""

    kind: str = "independent"
    order: int | None = None
    t: str | None = None
    by: str | None = None
    text: str = ""
    notes: tuple[str, ...] = ()


def _invalid(msg: str) -> StataError:
    return StataError(msg, 198)


def parse_residuals(text: str) -> ResidualOptions:
    """``restype [#] [, by() t()]`` -> ResidualOptions (r(198) messages as xtmixed.ado's)."""
    body, options, _ = split_options(text)
    opts = resolve_options(options, _OPTIONS)
    words = body.split()
    if len(words) == 1:  # ``ar1``: the structure and its order typed together
        m = re.match(r"^([^0-9]*)(.*)$", words[0])
        words = [w for w in (m.group(1), m.group(2)) if w]
    word, rest = (words[0], words[1:]) if words else ("", [])  # ParseVarStruct: case kept
    if len(rest) > 1:
        raise _invalid("invalid residuals() specification")
    kind = ""
    if word in ("ar", "ma"):
        kind = word
    elif not word:
        kind = "independent"
    else:
        for name, k in KINDS:
            if name not in ("ar", "ma") and len(word) >= k and name.startswith(word):
                kind = name
                break
    if not kind:
        raise _invalid("invalid residual() structure")
    order = None
    notes: list[str] = []
    if kind in ORDERED and rest:
        try:
            order = int(rest[0])
            if str(order) != rest[0].lstrip("+"):
                raise ValueError
        except ValueError:
            order = -1
        if kind in ("ar", "ma") and order < 1:
            raise _invalid(f"{kind.upper()} parameter must be a positive integer")
        if kind in ("banded", "toeplitz") and order < 0:
            raise _invalid(f"{kind.capitalize()} parameter must be a nonnegative integer")
        if kind == "toeplitz" and order == 0:
            notes.append("Note: A Toeplitz structure of order 0 is the independent structure")
            kind, order = "independent", None
    elif rest:
        raise _invalid("residual() structure does not take any additional arguments")
    by = opts.get("by")
    t = opts.get("t")
    for name, value in (("by", by), ("t", t)):
        if value is not None and len(value.split()) != 1:
            raise _invalid(f"option {name}() incorrectly specified")
    return ResidualOptions(kind, order, t.strip() if t else None, by.strip() if by else None,
                           text.strip(), tuple(notes))


def residual_variables(ds, ro: ResidualOptions) -> tuple[str | None, str | None]:
    """The t() and by() variables, names resolved (r(111)); t() must be numeric."""
    t = ds.resolve(ro.t) if ro.t else None
    by = ds.resolve(ro.by) if ro.by else None
    if t is not None and ds.is_string(t):
        raise StataError("type mismatch", 109)
    return t, by


def needs_t(kind: str) -> bool:
    return kind in ("ar", "ma", "toeplitz", "unstructured", "banded", "exponential")


@dataclass(frozen=True)
class BuiltResidual:
    """The engine's ResidualSpec (or None for plain i.i.d. errors) and the notes to print."""

    spec: object | None
    notes: tuple[str, ...]


def _group_labels(ds, var: str, values) -> tuple[str, ...]:
    """Each by() group's text as Stata shows it (GetGroupLabels: string values, value
    labels, or the integer values; at most 30 characters)."""
    from mlmcli.render.abbrev import abbrev

    if ds.is_string(var):
        return tuple(abbrev(str(v), 30) for v in values)
    out = []
    for v in values:
        text = ds.value_label_text(var, float(v))
        if text is not None:
            out.append(str(text)[:30])
            continue
        if float(v) != np.floor(float(v)):
            raise StataError("numeric by() variable must be integer-valued", 459)
        out.append(str(int(v)))
    return tuple(out)


def build_residual_spec(ds, ro: ResidualOptions, sample: np.ndarray, panels: np.ndarray,
                        t_var: str | None, by_var: str | None) -> BuiltResidual:
    """The ResidualSpec over the estimation sample (``panels``: the lowest level's group
    codes on the sample rows).  Checks and notes as xtmixed.ado's GetVarStruct and
    ProcessTimeVar; the sample already excludes rows with a missing t() or by() value."""
    from mlmcli.mixed.spec import ResidualSpec

    kind, order = ro.kind, ro.order
    notes = list(ro.notes)
    t = None
    if needs_t(kind):
        if t_var is None:
            raise StataError("t() required for this structure", 198)
        t = ds.numeric(t_var)[sample].astype(float)
    elif t_var is not None:
        notes.append("Note: t() not required for this residual structure; ignored")
    by = by_labels = None
    if by_var is not None:
        col = ds.column(by_var)[sample]
        values, codes = np.unique(col.astype(str).to_numpy() if ds.is_string(by_var)
                                  else col.to_numpy(float), return_inverse=True)
        if len(values) == 1:
            notes.append("Note: grouping variable constant over estimation data; by() option ignored")
            by_var = None
        else:
            by, by_labels = codes.astype(np.int64), _group_labels(ds, by_var, values)
            if kind != "independent" and _varies_within(by, panels):
                raise StataError("option residuals(): by variable is not constant within "
                                 "lowest-level panels", 459)
    if t is not None:
        notes += _check_time(kind, order, t, panels)
    if kind == "independent" and by is None:
        return BuiltResidual(None, tuple(notes))
    spec = ResidualSpec(kind, order, t, t_var if t is not None else None, by, by_var, by_labels or ())
    return BuiltResidual(spec, tuple(notes))


def _varies_within(codes: np.ndarray, panels: np.ndarray) -> bool:
    first = np.full(int(panels.max()) + 1, -1)
    first[panels[::-1]] = codes[::-1]
    return bool(np.any(first[panels] != codes))


def _check_time(kind: str, order: int | None, t: np.ndarray, panels: np.ndarray) -> list[str]:
    """ProcessTimeVar's checks (r(459)) and its gap note."""
    notes: list[str] = []
    if kind == "exponential":
        return notes
    integer = np.all(t == np.round(t))
    if kind in ("unstructured", "banded"):
        if not integer:
            raise StataError("t() variable must be integer-valued", 459)
        if np.any(t < 0):
            raise StataError("t() variable must be nonnegative-valued", 459)
        if _repeated(t, panels):
            raise StataError("repeated t() values within lowest-level panels", 459)
        levels = len(np.unique(t))
        if kind == "banded" and order is not None and order > levels - 1:
            raise StataError("banded order must be less than the number of unique time values", 459)
        return notes
    if not integer:
        raise StataError("time variable must be integer-valued", 459)
    if _repeated(t, panels):
        raise StataError("repeated time values within lowest-level panels", 459)
    sizes = np.bincount(panels)
    lo = np.full(len(sizes), np.inf)
    hi = np.full(len(sizes), -np.inf)
    np.minimum.at(lo, panels, t)
    np.maximum.at(hi, panels, t)
    used = sizes > 0
    if np.any(hi[used] - lo[used] + 1 > sizes[used]):
        notes.append("Note: time gaps exist in the estimation data")
    k = 1 if order is None and kind in ("ar", "ma") else order
    if k is not None and not np.any(sizes > k):
        name = {"ar": "AR", "ma": "MA", "toeplitz": "Toeplitz"}[kind]
        raise StataError(f"{name} order must be less than the size of the largest lowest-level panel", 459)
    return notes


def _repeated(t: np.ndarray, panels: np.ndarray) -> bool:
    order = np.lexsort((t, panels))
    ps, ts = panels[order], t[order]
    return bool(np.any((ps[1:] == ps[:-1]) & (ts[1:] == ts[:-1])))


def structure_label(kind: str, order: int | None) -> str:
    """e(rstructlab) before the data fix a default order."""
    if kind in TITLES:
        return TITLES[kind]
    return {"ar": "AR", "ma": "MA", "toeplitz": "Toeplitz", "banded": "Banded"}[kind] + f"({order})"
