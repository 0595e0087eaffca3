"""Stata's expression functions.

Each entry: name -> (min args, max args, implementation(ctx, *values)).
Numeric functions return missing outside their domain (``ln(0)``, ``sqrt(-1)``)
and propagate missing arguments, as Stata does.  Probability functions use
``scipy.special``, imported only when one of them is called.
"""
from __future__ import annotations

import math

from mlmcli.lazy_module import lazy_module

from mlmcli.errors import StataError
from mlmcli.expr.distinct_values import apply_distinct
from mlmcli.missing import MAX_DOUBLE
from mlmcli.expr.values import (MISSING, as_num, as_str, broadcast, clean, is_array, is_missing, is_str,
                                 truth)

np = lazy_module("numpy", globals(), "np")  # imported when an array is first needed


def _num1(f):
    """A one-argument numeric function applied elementwise (inf/NaN -> missing); ``f`` a
    function or the name of a numpy ufunc (looked up when first called: numpy is imported
    on first use)."""
    def impl(ctx, x):
        x = as_num(x)
        g = getattr(np, f) if isinstance(f, str) else f
        with np.errstate(all="ignore"):
            return clean(g(np.float64(x) if not is_array(x) else x))
    return impl


def stata_round(x, y=1.0):
    """Stata's round(x, y) = y * floor(x/y + 1/2) on numbers or arrays; y = 0 returns x."""
    with np.errstate(all="ignore"):
        return np.where(np.asarray(y) == 0, x, np.asarray(y) * np.floor(np.asarray(x) / y + 0.5))


def _round(ctx, x, y=1.0):
    """round(x, y) (``stata_round``); missing y gives missing."""
    x, y = as_num(x), as_num(y)
    return clean(np.asarray(stata_round(x, y), dtype=float))


def _mod(ctx, x, y):
    """mod(x, y) = x - y * floor(x/y); missing when y = 0."""
    x, y = as_num(x), as_num(y)
    with np.errstate(all="ignore"):
        r = np.asarray(x) - np.asarray(y) * np.floor(np.asarray(x) / np.asarray(y))
    return clean(np.asarray(r, dtype=float))


def _minmax(pick):
    def impl(ctx, *args):
        nums = [as_num(a) for a in args]
        if not any(is_array(a) for a in nums):
            vals = [a for a in nums if not math.isnan(a)]
            return float(pick(vals)) if vals else MISSING
        stack = np.vstack([broadcast(a, ctx.nobs) for a in nums])
        with np.errstate(all="ignore"), _quiet_nan():
            r = (np.nanmin if pick is min else np.nanmax)(stack, axis=0)
        return r
    return impl


class _quiet_nan:
    def __enter__(self):
        import warnings
        self._w = warnings.catch_warnings()
        self._w.__enter__()
        warnings.simplefilter("ignore", RuntimeWarning)

    def __exit__(self, *exc):
        self._w.__exit__(*exc)


def _missing(ctx, *args):
    """missing(x1, x2, …): 1 if any argument is missing (numeric ``.`` or empty string)."""
    out = None
    for a in args:
        m = is_missing(a)
        out = m if out is None else (out | m)
    if is_array(out):
        return out.astype(float)
    return 1.0 if out else 0.0


def _inlist(ctx, z, *args):
    from mlmcli.expr.values import compare
    out = 0.0
    for a in args:
        eq = compare("==", z, a)
        out = np.maximum(out, eq) if (is_array(eq) or is_array(out)) else max(out, eq)
    return out


def _inrange(ctx, z, a, b):
    """inrange(z, a, b): Stata's ordered rules for missing bounds (missing a = -inf, b = +inf)."""
    if is_str(z) or is_str(a) or is_str(b):
        za, aa, ba = (broadcast(v, ctx.nobs) if not ctx.scalar else v for v in (as_str(z), as_str(a), as_str(b)))
        r = (aa <= za) & (za <= ba)
        return np.asarray(r, dtype=float) if is_array(r) else float(r)
    z, a, b = (np.asarray(as_num(v), dtype=float) for v in (z, a, b))
    lo = np.where(np.isnan(a), -np.inf, a)
    hi = np.where(np.isnan(b), np.inf, b)
    r = (~np.isnan(z) & (lo <= z) & (z <= hi)).astype(float)
    return r if r.ndim else float(r)


def _cond(ctx, x, a, b, c=None):
    """cond(x, a, b[, c]): a if x is true, b if false, c if x is missing (when given)."""
    if is_str(a) != is_str(b) or (c is not None and is_str(c) != is_str(a)):
        raise StataError("type mismatch", 109)
    xv = as_num(x)
    t = truth(xv)
    if not is_array(xv):
        if c is not None and math.isnan(xv):
            return c
        return a if t else b
    n = len(xv)
    out = np.where(t, broadcast(a, n), broadcast(b, n))
    if c is not None:
        out = np.where(np.isnan(xv), broadcast(c, n), out)
    return out if not is_str(a) else out.astype(object)


def _sum(ctx, x):
    """sum(x): running sum over the evaluated observations (within by-groups); missing counts as 0."""
    x = as_num(x)
    if ctx.scalar:
        return 0.0 if math.isnan(x) else x
    v = np.nan_to_num(broadcast(x, ctx.nobs), nan=0.0)
    if ctx.rows is not None:  # Stata accumulates only over the observations it evaluates
        v = np.where(np.asarray(ctx.rows, dtype=bool), v, 0.0)
    with np.errstate(over="ignore", invalid="ignore"):
        if ctx.by_vars and len(v):
            cs = _running_sums_by_group(v, ctx.groups())
        else:
            cs = np.cumsum(v)
    cs[~(np.abs(cs) <= MAX_DOUBLE)] = np.nan  # a sum past Stata's largest double is missing
    return cs


def _running_sums_by_group(v: np.ndarray, groups) -> np.ndarray:
    """Each by-group's own running sum, added from 0 as Stata does: one cumsum of the whole
    column less the sum before the group lost the group's digits below the earlier groups'
    total (and was inf - inf = missing after an overflow in an earlier group)."""
    first, size = groups
    cs = v.copy()  # a group of one is its value
    for start in np.unique(first[size > 1]):
        stop = start + size[start]
        cs[start:stop] = np.cumsum(v[start:stop])
    return cs


def _int(ctx, x):
    x = as_num(x)
    return clean(np.trunc(x)) if is_array(x) else (MISSING if math.isnan(x) else float(math.trunc(x)))


# ----- string functions -----

def _strmap(f, out_num=False):
    """Apply a Python function to each string (and extra scalar arguments)."""
    def impl(ctx, s, *extra):
        s = as_str(s)
        if isinstance(s, str) and not any(is_array(e) for e in extra):
            return f(s, *extra)
        n = len(s) if is_array(s) else ctx.nobs
        return apply_distinct(f, [s, *extra], n, out_num)
    return impl


def _subinstr(s, a, b, n):
    if a == "":
        return s
    if math.isnan(n) or n >= len(s) + 1:
        return s.replace(a, b)
    return s.replace(a, b, int(n)) if n >= 1 else s


def _word(s, n):
    words = s.split()
    if math.isnan(n) or n == 0:
        return ""
    k = int(n)
    k = k - 1 if k > 0 else len(words) + k
    return words[k] if 0 <= k < len(words) else ""


def _string(ctx, x, fmt=None):
    """string(n[, fmt]): the number as Stata prints it (default %9.0g, leading blanks dropped),
    with a period as the decimal point under set dp comma too (its text goes back into code)."""
    from mlmcli.render.numfmt import format_number_with_period as format_number

    x = as_num(x)
    f = "%9.0g" if fmt is None else as_str(fmt)
    if is_array(f):
        f = f[0] if len(f) else "%9.0g"

    def one(v):
        return format_number(v, f).strip()
    if is_array(x):
        return apply_distinct(one, [x], len(x))
    return one(x)


def _real(ctx, s):
    s = as_str(s)

    def one(t):
        try:
            v = float(t.strip())
        except ValueError:
            return MISSING
        return v if math.isfinite(v) else MISSING
    if is_array(s):
        return apply_distinct(one, [s], len(s), numeric_out=True)
    return one(s)


def _strmatch(s, pattern):
    import fnmatch
    return 1.0 if fnmatch.fnmatchcase(s, pattern) else 0.0


def _regexm(ctx, s, pattern):
    """regexm(s, re): 1 if s matches; the groups are kept for regexs(n)."""
    from mlmcli.expr.regex import compile_pattern, match_each

    s, pattern = as_str(s), as_str(pattern)
    if is_array(pattern):
        raise StataError("type mismatch", 109)
    return match_each(ctx, s, compile_pattern(pattern), "_regex_match")


def _regexs(ctx, n):
    """regexs(n): subexpression n of the last regexm() match ("" when none)."""
    m = getattr(ctx.session, "_regex_match", None)
    n = as_num(n)
    v = float(n[0]) if is_array(n) and len(n) else (float(n) if not is_array(n) else math.nan)
    if math.isnan(v):
        return ""
    k = int(v)
    if m is None or k < 0 or k > (m.re.groups or 0):
        return ""
    return m.group(k) or ""


def _regexr(s, pattern, repl):
    from mlmcli.expr.regex import replace_first

    return replace_first(pattern, s, repl)


def _num_to_str(f):
    def impl(ctx, x):
        x = as_num(x)
        if is_array(x):
            return apply_distinct(lambda v: "" if np.isnan(v) else f(v), [x], len(x))
        return "" if math.isnan(x) else f(x)
    return impl


def _recode(ctx, x, *cuts):
    """recode(x, x1, …, xn): x1 if x <= x1, x2 if x <= x2, …, else xn; missing stays missing."""
    xs, *bounds = np.broadcast_arrays(*(np.asarray(as_num(v), dtype=float) for v in (x, *cuts)))
    out = np.array(bounds[-1], dtype=float)
    done = np.zeros(xs.shape, dtype=bool)
    for b in bounds:
        hit = ~done & (xs <= b)
        out = np.where(hit, b, out)
        done |= hit
    return clean(np.where(np.isnan(xs), np.nan, out))


def _irecode(ctx, x, *cuts):
    """irecode(x, x1, …, xn): 0 if x <= x1, 1 if x <= x2, …, n otherwise."""
    xs, *bounds = np.broadcast_arrays(*(np.asarray(as_num(v), dtype=float) for v in (x, *cuts)))
    out = np.zeros(xs.shape, dtype=float)
    for c in bounds:
        out = out + (xs > c)
    return clean(np.where(np.isnan(xs), np.nan, out))


def _trange(ctx, which, low, high):
    from mlmcli.expr.time_ranges import time_range

    return time_range(ctx, which, low, high)


def _fvlevel(ctx, level, name):
    from mlmcli.time_series_ops import fvlevel_function

    return fvlevel_function(ctx, level, name)


def _tsop(ctx, op, name):
    from mlmcli.time_series_ops import tsop_function

    return tsop_function(ctx, op, name)


FUNCTIONS: dict[str, tuple[int, int, object]] = {
    # math
    "ln": (1, 1, _num1("log")), "log": (1, 1, _num1("log")), "log10": (1, 1, _num1("log10")),
    "exp": (1, 1, _num1("exp")), "sqrt": (1, 1, _num1("sqrt")), "abs": (1, 1, _num1("abs")),
    "floor": (1, 1, _num1("floor")), "ceil": (1, 1, _num1("ceil")),
    "int": (1, 1, _int), "trunc": (1, 1, _int), "round": (1, 2, _round), "mod": (2, 2, _mod),
    "sign": (1, 1, _num1("sign")),
    "_tsop": (2, 2, lambda ctx, op, name: _tsop(ctx, op, name)),  # L.x, D2.x (time_series_ops)
    "_fvlevel": (2, 2, lambda ctx, level, name: _fvlevel(ctx, level, name)),  # 2.rep78 ([U] 13.8)
    "_trange": (3, 3, lambda ctx, *args: _trange(ctx, *args)),  # tin(), twithin() (time_ranges)
    "sin": (1, 1, _num1("sin")), "cos": (1, 1, _num1("cos")), "tan": (1, 1, _num1("tan")),
    "asin": (1, 1, _num1("arcsin")), "acos": (1, 1, _num1("arccos")), "atan": (1, 1, _num1("arctan")),
    "logit": (1, 1, _num1(lambda x: np.log(x / (1 - x)))),
    "invlogit": (1, 1, _num1(lambda x: 1 / (1 + np.exp(-x)))),
    "min": (1, 99, _minmax(min)), "max": (1, 99, _minmax(max)),
    "missing": (1, 99, _missing), "mi": (1, 99, _missing),
    "inlist": (2, 255, _inlist), "inrange": (3, 3, _inrange), "cond": (3, 4, _cond), "sum": (1, 1, _sum),
    # strings (more in string_functions.py)
    "trim": (1, 1, _strmap(lambda s: s.strip(" "))), "strtrim": (1, 1, _strmap(lambda s: s.strip(" "))),
    "ltrim": (1, 1, _strmap(lambda s: s.lstrip(" "))), "rtrim": (1, 1, _strmap(lambda s: s.rstrip(" "))),
    "itrim": (1, 1, _strmap(lambda s: _itrim(s))),
    "stritrim": (1, 1, _strmap(lambda s: _itrim(s))),
    "subinstr": (4, 4, _strmap(lambda s, a, b, n: _subinstr(s, as_str(a), as_str(b), as_num(n)))),
    "word": (2, 2, _strmap(lambda s, n: _word(s, as_num(n)))),
    "wordcount": (1, 1, _strmap(lambda s: float(len(s.split())), True)),
    "strmatch": (2, 2, _strmap(lambda s, p: _strmatch(s, as_str(p)), True)),
    "string": (1, 2, _string), "strofreal": (1, 2, _string), "real": (1, 1, _real),
    "regexm": (2, 2, _regexm), "regexs": (1, 1, _regexs),
    "regexr": (3, 3, _strmap(lambda s, p, r: _regexr(s, as_str(p), as_str(r)))),
    # char(n): ASCII and extended ASCII codes 0-255 ([FN]); uchar() takes any code point
    "char": (1, 1, _num_to_str(lambda v: chr(int(v)) if 0 <= v <= 255 else "")),
    # numeric extras
    "float": (1, 1, _num1(lambda x: np.asarray(x, dtype=np.float32).astype(float))),
    "tanh": (1, 1, _num1("tanh")),
    "recode": (3, 255, _recode), "irecode": (2, 255, _irecode),
}


def _itrim(s: str) -> str:
    import re
    return re.sub(" {2,}", " ", s)


STRING_NAMES = ("trim", "strtrim", "ltrim", "rtrim", "itrim", "stritrim", "subinstr", "word", "wordcount",
                "strmatch", "string", "strofreal", "real", "regexm", "regexs", "regexr", "char")
PROGRAMMING_NAMES = ("missing", "mi", "inlist", "inrange", "cond", "recode", "irecode", "float")


def categories() -> list[tuple[str, list[str]]]:
    """The functions by [FN]'s categories, for ``help functions``."""
    from mlmcli.expr import (clock_functions, collation, dates, math_functions, matrices, random_numbers,
                             statistical_families, statistical_functions, string_functions, text_encodings)

    own = [n for n in _BASIC if not n.startswith("_")]
    return [
        ("Mathematical functions", [n for n in own if n not in STRING_NAMES + PROGRAMMING_NAMES]
         + list(math_functions.MATHEMATICAL)),
        ("Statistical functions", list(statistical_functions.FUNCTIONS) + list(statistical_families.FUNCTIONS)),
        ("String functions", list(STRING_NAMES) + list(string_functions.FUNCTIONS) + list(collation.FUNCTIONS)
         + list(text_encodings.FUNCTIONS)),
        ("Programming functions", list(PROGRAMMING_NAMES) + list(math_functions.PROGRAMMING)
         + ["c", "e", "r", "s", "return", "scalar", "matrix"]),
        ("Date and time functions", list(dates.FUNCTIONS) + list(clock_functions.FUNCTIONS)),
        ("Selecting time spans", ["tin", "twithin"]),
        ("Random-number functions", list(random_numbers.FUNCTIONS)),
        ("Matrix functions (of matrix names)", list(matrices.SCALAR_FUNCTIONS)),
        ("Matrix functions returning matrices (matrix define)", list(matrices.MATRIX_VALUED)),
    ]


def _more_functions() -> None:
    """The other modules' functions join the table: mathematical and programming
    (``math_functions.py``), statistical (``statistical_functions.py``, ``statistical_families.py``), string
    (``string_functions.py``, ``collation.py``, ``text_encodings.py``), date and time (``dates.py``, %tC
    in ``clock_functions.py``) and
    random-number functions (``random_numbers.py``)."""
    from mlmcli.expr import (clock_functions, collation, dates, math_functions, random_numbers,
                             statistical_families, statistical_functions, string_functions, text_encodings)
    for module in (math_functions, statistical_functions, statistical_families, string_functions, collation,
                   text_encodings, dates, clock_functions, random_numbers):
        FUNCTIONS.update(module.FUNCTIONS)


_BASIC = tuple(FUNCTIONS)  # functions.py's own, before the other modules join
_more_functions()
