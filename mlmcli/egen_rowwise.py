"""The ``egen`` functions computed across the variables of one observation, the text
functions and the sequences ([D] egen).  Each receives ``egen_functions.EgenCall`` (the
sample, by-group codes, the variables' columns, the options) and returns (values over all
rows, default storage type); rows outside the sample are missing.

Across variables (missing values skipped unless stated):
- rowmean, rowtotal (0 when all missing; ``missing``: then missing), rowmin, rowmax,
  rowsd (n - 1), rowmedian, rowpctile (``p(#)``, summarize's percentile), rowfirst,
  rowlast, rownonmiss, rowmiss (a string counts as missing when empty);
- anymatch (1 if any variable equals a ``values()`` number, else 0), anycount (how many
  do), diff (1 if the variables are not all equal, missing counting as a value);
- anyvalue(var): var where it is one of ``values()``, else missing.
Text (string results): concat (the variables' values joined, numbers as ``string()``
or ``format()``, ``decode`` their value labels, ``punct()`` between them, ``maxlength()``),
ends (the first word, ``last``/``tail`` word(s), ``punct()`` the separator, ``trim``).
Sequences: fill(numlist) continues a pattern (period p and increment c with
L[i + p] = L[i] + c: 1 2 3 -> 4 5 ...; 1 1 2 2 -> 3 3 ...; 1 2 1 2 -> 1 2 ...),
seq() counts ``from(#)`` (1) to ``to(#)`` in ``block(#)`` repeats, within by-groups.
"""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.expr.distinct_values import apply_distinct, as_objects
from mlmcli.missing import stata_double
from mlmcli.summary_statistics import moments


def mean_of(v: np.ndarray) -> float:
    """The mean of non-missing values (a constant's exact value; scaled, so that values near
    Stata's largest double have one: summary_statistics.moments)."""
    if not v.size:
        return np.nan
    return float(v[0]) if v.min() == v.max() else moments(v, spread="none")["mean"]


def sd_of(v: np.ndarray) -> float:
    """The standard deviation with divisor n - 1 (0 for a constant, missing for n < 2; finite
    for values near 1e307 whose variance is not: summary_statistics.moments)."""
    if v.size < 2:
        return np.nan
    if v.min() == v.max():
        return 0.0
    return moments(v)["sd"]


def _row_matrix(call) -> np.ndarray:
    if not call.columns:
        raise StataError("varlist required", 100)
    if any(call.column_is_string):
        raise StataError("type mismatch", 109)
    return np.column_stack([np.asarray(c, dtype=float) for c in call.columns])


def _row_apply(call, func) -> np.ndarray:
    m = _row_matrix(call)
    out = np.full(m.shape[0], np.nan)
    for i in np.flatnonzero(call.sample):
        v = m[i][~np.isnan(m[i])]
        out[i] = func(v)
    return out


def egen_rowmean(call):
    return _row_apply(call, mean_of), "float"


def sum_of(v: np.ndarray) -> float:
    """A sum; missing past Stata's largest double."""
    with np.errstate(over="ignore", invalid="ignore"):
        return stata_double(v.sum())


def egen_rowtotal(call):
    miss_opt = call.options.get("missing")
    return _row_apply(call, lambda v: sum_of(v) if v.size or not miss_opt else np.nan), "float"


def egen_rowmin(call):
    return _row_apply(call, lambda v: float(v.min()) if v.size else np.nan), "float"


def egen_rowmax(call):
    return _row_apply(call, lambda v: float(v.max()) if v.size else np.nan), "float"


def egen_rowsd(call):
    return _row_apply(call, sd_of), "float"


def egen_rownonmiss(call):
    if any(call.column_is_string):  # strings count when not empty (the strok option's rule)
        present = np.column_stack([_present(c, s) for c, s in zip(call.columns, call.column_is_string)])
        return np.where(call.sample, present.sum(axis=1).astype(float), np.nan), "long"
    return _row_apply(call, lambda v: float(v.size)), "long"


def egen_rowmiss(call):
    if not call.columns:
        raise StataError("varlist required", 100)
    present = np.column_stack([_present(c, s) for c, s in zip(call.columns, call.column_is_string)])
    return np.where(call.sample, (~present).sum(axis=1).astype(float), np.nan), "long"


def _present(col, is_string: bool) -> np.ndarray:
    if is_string:
        return np.array([v != "" and v is not None for v in col], dtype=bool)
    return ~np.isnan(np.asarray(col, dtype=float))


def egen_rowmedian(call):
    from mlmcli.summary_statistics import stata_percentile
    return _row_apply(call, lambda v: stata_percentile(np.sort(v), 50) if v.size else np.nan), "float"


def egen_rowpctile(call):
    from mlmcli.summary_statistics import stata_percentile
    p = percentile_option(call)
    return _row_apply(call, lambda v: stata_percentile(np.sort(v), p) if v.size else np.nan), "float"


def percentile_option(call) -> float:
    """``p(#)``, 0 < # < 100 (default 50)."""
    p = call.options.get("p", "50")
    try:
        p = float(p)
    except (TypeError, ValueError):
        raise StataError("p() invalid", 198) from None
    if not 0 < p < 100:
        raise StataError("p() must be between 0 and 100", 198)
    return p


def egen_rowfirst(call):
    return _row_apply(call, lambda v: float(v[0]) if v.size else np.nan), "float"


def egen_rowlast(call):
    return _row_apply(call, lambda v: float(v[-1]) if v.size else np.nan), "float"


def _values_option(call) -> np.ndarray:
    text = call.options.get("values")
    if not isinstance(text, str):
        raise StataError("option values() required", 198)
    from mlmcli.syntax.numlist import numlist

    try:
        out = numlist(text)
    except StataError as err:
        if err.rc == 134:  # a range too long to list
            raise
        raise StataError("values() invalid numlist", 121) from None
    return np.array(out, dtype=float)


def egen_anymatch(call):
    """1 if any variable equals one of ``values()``, else 0."""
    m = _row_matrix(call)
    hit = np.isin(m, _values_option(call)).any(axis=1).astype(float)
    return np.where(call.sample, hit, np.nan), "byte"


def egen_anycount(call):
    """How many of the variables equal one of ``values()``."""
    m = _row_matrix(call)
    count = np.isin(m, _values_option(call)).sum(axis=1).astype(float)
    return np.where(call.sample, count, np.nan), "byte"


def egen_anyvalue(call):
    """The variable where it is one of ``values()``, else missing."""
    m = _row_matrix(call)
    if m.shape[1] != 1:
        raise StataError("too many variables specified", 103)
    x = m[:, 0]
    return np.where(call.sample & np.isin(x, _values_option(call)), x, np.nan), "float"


def egen_diff(call):
    """1 where the variables are not all equal (missing counting as a value), else 0."""
    if not call.columns:
        raise StataError("varlist required", 100)
    if len(set(call.column_is_string)) > 1:
        raise StataError("type mismatch", 109)
    if call.column_is_string[0]:
        cols = [np.asarray(c, dtype=object) for c in call.columns]
        same = np.all([cols[0] == c for c in cols[1:]], axis=0) if len(cols) > 1 else np.ones(len(cols[0]), bool)
    else:
        from mlmcli.missing import order_key
        keys = [order_key(np.asarray(c, dtype=float)) for c in call.columns]
        same = np.all([keys[0] == k for k in keys[1:]], axis=0) if len(keys) > 1 else np.ones(len(keys[0]), bool)
    return np.where(call.sample, (~np.asarray(same, dtype=bool)).astype(float), np.nan), "byte"


# ----------------------------------------------------------------------------- text
def egen_concat(call):
    """The variables' values joined as text (numbers with ``format()`` or ``%9.0g``)."""
    from mlmcli.render.numfmt import format_number
    from mlmcli.missing import text as missing_text
    if not call.columns:
        raise StataError("varlist required", 100)
    fmt = call.options.get("format")
    fmt = fmt.strip() if isinstance(fmt, str) else "%9.0g"
    punct = _quoted(call.options.get("punct"), "")
    decode = bool(call.options.get("decode"))
    maxlen = call.options.get("maxlength")
    parts = []
    for k, (col, is_string) in enumerate(zip(call.columns, call.column_is_string)):
        if is_string:
            parts.append(apply_distinct(str, [as_objects(col)], len(col)))
        elif decode and call.texts and call.texts[k] is not None:
            parts.append(as_objects(call.texts[k]))
        else:
            col = np.asarray(col, dtype=float)
            parts.append(apply_distinct(lambda v: missing_text(v) if np.isnan(v) else format_number(float(v), fmt).strip(),
                                        [col], len(col)))
    chosen = np.asarray(call.sample, dtype=bool)
    out = np.full(chosen.size, "", dtype=object)
    out[chosen] = apply_distinct(lambda *texts: punct.join(texts), [p[:chosen.size][chosen] for p in parts],
                                 int(chosen.sum()))
    if maxlen is not None:
        try:
            k = int(maxlen)
        except ValueError:
            raise StataError("maxlength() invalid", 198) from None
        out = apply_distinct(lambda s: s[:k], [out], len(out))
    return out, "str"


def egen_ends(call):
    """The first word of a string variable (``head``, default), its last word (``last``) or
    all but the first (``tail``); words split at ``punct()`` (default a space)."""
    if len(call.columns) != 1:
        raise StataError("too many variables specified" if call.columns else "varlist required",
                         103 if call.columns else 100)
    if not call.column_is_string[0]:
        raise StataError("type mismatch", 109)
    kinds = [k for k in ("head", "last", "tail") if call.options.get(k)]
    if len(kinds) > 1:
        raise StataError("options head, last, and tail are exclusive", 198)
    kind = kinds[0] if kinds else "head"
    punct = _quoted(call.options.get("punct"), " ") or " "
    trim = bool(call.options.get("trim"))
    out = []
    for value, inside in zip(call.columns[0], call.sample):
        s = str(value) if inside else ""
        if kind == "head":
            piece = s.split(punct, 1)[0]
        elif kind == "last":
            piece = s.rsplit(punct, 1)[-1] if punct in s else s
        else:
            piece = s.split(punct, 1)[1] if punct in s else ""
        out.append(piece.strip() if trim else piece)
    return np.array(out, dtype=object), "str"


def _quoted(value, default: str) -> str:
    if not isinstance(value, str):
        return default
    v = value.strip()
    if len(v) >= 2 and v[0] == v[-1] == '"':
        return v[1:-1]
    return value


# ----------------------------------------------------------------------------- sequences
def egen_fill(call):
    """A numlist's pattern continued over all observations (no if/in, no by)."""
    from mlmcli.syntax.numlist import numlist
    if not call.text:
        raise StataError("invalid syntax", 198)
    values = np.array(numlist(call.text), dtype=float)
    if values.size < 2:
        raise StataError("fill() requires at least two numbers", 198)
    n = call.sample.size
    period, step = values.size, 0.0
    for p in range(1, values.size):
        d = values[p:] - values[:-p]
        if np.all(d == d[0]):
            period, step = p, float(d[0])
            break
    idx = np.arange(n)
    return values[idx % period] + step * (idx // period), "float"


def egen_seq(call):
    """``seq() [, from(#) to(#) block(#)]``: from, from+1, ..., to, from, ... each value
    ``block`` times, restarting in each by-group."""
    def number(name, default):
        value = call.options.get(name)
        if value is None:
            return default
        try:
            out = int(float(value))
        except ValueError:
            raise StataError(f"{name}() invalid", 198) from None
        return out
    start, stop, block = number("from", 1), number("to", None), number("block", 1)
    if block < 1:
        raise StataError("block() must be positive", 198)
    out = np.full(call.sample.size, np.nan)
    for g in np.unique(call.groups[call.sample]):
        rows = np.flatnonzero(call.sample & (call.groups == g))
        k = np.arange(rows.size) // block
        if stop is None:
            out[rows] = float(start) + k
        else:
            span = abs(stop - start) + 1  # a Python int: from(1e300) overflows int64
            sign = 1 if stop >= start else -1
            out[rows] = float(start) + sign * (k if span > rows.size else k % span)
    return out, "float"


FUNCTIONS = {
    "rowmean": (egen_rowmean, "varlist"), "rowtotal": (egen_rowtotal, "varlist"),
    "rowmin": (egen_rowmin, "varlist"), "rowmax": (egen_rowmax, "varlist"),
    "rowsd": (egen_rowsd, "varlist"), "rownonmiss": (egen_rownonmiss, "varlist"),
    "rowmiss": (egen_rowmiss, "varlist"), "rowmedian": (egen_rowmedian, "varlist"),
    "rowpctile": (egen_rowpctile, "varlist"), "rowfirst": (egen_rowfirst, "varlist"),
    "rowlast": (egen_rowlast, "varlist"), "anymatch": (egen_anymatch, "varlist"),
    "anycount": (egen_anycount, "varlist"), "anyvalue": (egen_anyvalue, "varlist"),
    "diff": (egen_diff, "varlist"), "concat": (egen_concat, "varlist"), "ends": (egen_ends, "varlist"),
    "fill": (egen_fill, "numlist"), "seq": (egen_seq, "none"),
}

# Stata 9 renamed the row functions; its _grmiss.ado, _grmean.ado ... still run the old names
# (rmiss -> rowmiss, robs -> rownonmiss, rsum -> rowtotal, ...), as do the do-files written for them
OLD_NAMES = {"rmean": "rowmean", "rsum": "rowtotal", "rmin": "rowmin", "rmax": "rowmax", "rsd": "rowsd",
             "robs": "rownonmiss", "rmiss": "rowmiss", "rfirst": "rowfirst", "rlast": "rowlast"}
FUNCTIONS.update({old: FUNCTIONS[new] for old, new in OLD_NAMES.items()})

# results that do not depend on by-groups (egen ..., by() refuses them), fill() included
ROWWISE = {"rowmean", "rowtotal", "rowmin", "rowmax", "rowsd", "rownonmiss", "rowmiss", "rowmedian", "rowpctile",
           "rowfirst", "rowlast", "anymatch", "anycount", "anyvalue", "diff", "concat", "ends", "fill"} | set(OLD_NAMES)
