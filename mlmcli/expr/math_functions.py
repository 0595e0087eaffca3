"""Stata 14's mathematical functions that ``functions.py`` lacks (hyperbolic, cloglog,
digamma, expm1 ...) and its programming functions ([FN] Programming functions: autocode(),
chop(), clip(), the limits of the storage types, files read as strings ...).

Numeric functions are missing outside their domain and for a missing argument, as Stata's.
Each entry: name -> (min args, max args, implementation(ctx, *values)).
"""
from __future__ import annotations

import math
import os

from mlmcli.lazy_module import lazy_module

from mlmcli.expr.statistical_functions import stat as numeric  # elementwise with a domain
from mlmcli.expr.values import MISSING, as_num, as_str, clean, is_array

np = lazy_module("numpy", globals(), "np")


def _sp():
    import scipy.special as sp
    return sp


def _digamma(x):
    return np.where((x <= 0) & (x == np.floor(x)), np.nan, _sp().digamma(x))


def _trigamma(x):
    return np.where((x <= 0) & (x == np.floor(x)), np.nan, _sp().polygamma(1, x))


def _comb(n, k):
    return _sp().comb(n, k, exact=False)


def _comb_domain(n, k):
    return (n == np.floor(n)) & (k == np.floor(k)) & (n >= 0) & (k >= 0) & (k <= n)


def _reldif(ctx, x, y):
    """reldif(x, y) = |x - y| / (|y| + 1); 0 for the same missing value twice, missing for one
    missing or two different ones."""
    from mlmcli.missing import order_key

    x, y = as_num(x), as_num(y)
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    with np.errstate(all="ignore"):
        r = np.abs(xa - ya) / (np.abs(ya) + 1)
    both = np.isnan(xa) & np.isnan(ya)
    if both.any():
        same = np.vectorize(lambda a, b: order_key(a) == order_key(b), otypes=[bool])(xa, ya)
        r = np.where(both & same, 0.0, r)
    return clean(r)


def _chop(x, eps):
    r = np.round(x)
    return np.where(np.abs(r - x) < eps, r, x)


def _clip(x, a, b):
    lo = np.where(np.isnan(a), -np.inf, a)
    hi = np.where(np.isnan(b), np.inf, b)
    return np.where(lo > hi, np.nan, np.minimum(np.maximum(x, lo), hi))


def _autocode(x, n, x0, x1):
    """The upper bound of the one of n equal intervals of (x0, x1] that holds x (x <= x0: the
    first; x > x1: the last)."""
    width = (x1 - x0) / n
    k = np.clip(np.ceil((x - x0) / width), 1, n)
    return x0 + k * width


def _autocode_domain(x, n, x0, x1):
    return ~np.isnan(x) & (n > 0) & (n == np.floor(n)) & (x0 < x1)


def _constant(value: float):
    return lambda ctx: value


def _system_value(name: str):
    """maxlong(), epsdouble() ...: the value c(name) holds."""
    def impl(ctx):
        from mlmcli.expr.system_values import c_value

        return c_value(ctx, name)
    return impl


# ----------------------------------------------------------------------------- files
def _scalar_text(ctx, f):
    f = as_str(f)
    return f[0] if is_array(f) and len(f) else (f if not is_array(f) else "")


def _fileexists(ctx, f):
    return 1.0 if os.path.isfile(os.path.expanduser(_scalar_text(ctx, f))) else 0.0


def _read(path: str) -> tuple[str, int]:
    """The file's text and Stata's error code (601 not found, 603 could not be read)."""
    path = os.path.expanduser(path)
    if not os.path.isfile(path):
        return "fileread() error 601", 601
    try:
        with open(path, "rb") as fh:
            return fh.read().decode("utf-8", "replace"), 0
    except OSError:
        return "fileread() error 603", 603


def _fileread(ctx, f):
    return _read(_scalar_text(ctx, f))[0]


def _filereaderror(ctx, s):
    """The code of the fileread() error that gave s, 0 if s is not such a message."""
    s = _scalar_text(ctx, s)
    if s.startswith("fileread() error "):
        tail = s[len("fileread() error "):]
        if tail.isdigit():
            return float(tail)
    return 0.0


def _filewrite(ctx, f, s, r=None):
    """filewrite(f, s[, r]): writes s to f and returns the bytes written; r = 1 replaces, 2 appends;
    without r an existing file is left alone (-602, "file already exists").  Inside a command the
    write waits until the command succeeds (side_effects.py)."""
    from mlmcli.expr.side_effects import pending_paths, pending_write, write_file

    path = os.path.expanduser(_scalar_text(ctx, f))
    text = _scalar_text(ctx, s)
    mode = MISSING if r is None else float(np.asarray(as_num(r), dtype=float).ravel()[0])
    data = text.encode("utf-8")
    queue = pending_write(ctx.session)
    exists = os.path.exists(path) or (queue is not None and path in pending_paths(ctx.session))
    if exists and math.isnan(mode):
        return -602.0
    mode = 2 if mode == 2 else 1
    if queue is not None:
        if not os.path.isdir(os.path.dirname(os.path.abspath(path))) or os.path.isdir(path):
            return -603.0
        queue.append((path, data, mode))
        return float(len(data))
    try:
        write_file(path, data, mode)
    except OSError:
        return -603.0
    return float(len(data))


def _fmtwidth(ctx, fmt):
    """The width of a display format (``%9.2f`` 9, ``%-12s`` 12); missing for a format that is
    not one."""
    import re

    text = _scalar_text(ctx, fmt).strip()
    m = re.fullmatch(r"%-?~?0?(\d+)(?:\.\d+)?(?:[gfe]c?|s|[gf]c)", text)
    if m:
        return float(m.group(1))
    m = re.fullmatch(r"%-?(\d+)?(t[cCdwmqhyb]|d)(.*)", text)
    if m:
        if m.group(1):
            return float(m.group(1))
        from mlmcli.render.numfmt import format_number

        return float(len(format_number(0.0, text).strip()))
    return MISSING


def _has_eprop(ctx, name):
    """has_eprop(name): 1 if name is among the words of e(properties)."""
    e = ctx.session.e
    words = str(e.macros.get("properties", "")).split() if e is not None else []
    return 1.0 if _scalar_text(ctx, name) in words else 0.0


def _caller(ctx):
    """_caller(): the version the running program's caller ran under (``version #:`` or ``version #``
    before the call); outside a program, the version in force."""
    frames = ctx.session.return_frames
    return float(frames[-1]["caller_version"]) if frames else float(getattr(ctx.session, "version", 13.0))


def _by_state(ctx):
    """The by-group a byable program is being called for (program_options.by_program), or None."""
    return getattr(ctx.session, "program_by_state", None)


def _by(ctx):
    """_by(): 1 when the running program was called with by: ([P] byable), 0 otherwise."""
    return 0.0 if _by_state(ctx) is None else 1.0


def _byindex(ctx):
    """_byindex(): the number of the by-group a byable(recall) program runs for (1 without by)."""
    state = _by_state(ctx)
    return float(state["index"]) if state else 1.0


def _bylastcall(ctx):
    """_bylastcall(): 1 on the call for the last by-group, and when the program was not called with by."""
    state = _by_state(ctx)
    return 1.0 if not state or state["last"] else 0.0


def _byn(which):
    def value(ctx):
        """_byn1(), _byn2(): the first and last observation of the by-group (1 and _N without by)."""
        state = _by_state(ctx)
        if state:
            return float(state[which])
        return 1.0 if which == "n1" else float(ctx.session.data.nobs if ctx.session.data is not None else 0)
    return value


def _replay(ctx):
    """replay(): 1 when the running program's arguments (local 0) are empty or start with a
    comma -- an estimation command called to redisplay its results."""
    text = str(ctx.session.locals.get("0", "")).lstrip()
    return 1.0 if text == "" or text.startswith(",") else 0.0


MATHEMATICAL: dict[str, tuple[int, int, object]] = {
    "sinh": (1, 1, numeric(np.sinh)), "cosh": (1, 1, numeric(np.cosh)),
    "asinh": (1, 1, numeric(np.arcsinh)), "acosh": (1, 1, numeric(np.arccosh)),
    "atanh": (1, 1, numeric(np.arctanh)), "atan2": (2, 2, numeric(np.arctan2)),
    "cloglog": (1, 1, numeric(lambda x: np.log(-np.log1p(-x)), lambda x: (x > 0) & (x < 1))),
    "invcloglog": (1, 1, numeric(lambda x: -np.expm1(-np.exp(x)))),
    "digamma": (1, 1, numeric(_digamma)), "trigamma": (1, 1, numeric(_trigamma)),
    "expm1": (1, 1, numeric(np.expm1)),
    "ln1p": (1, 1, numeric(np.log1p)), "log1p": (1, 1, numeric(np.log1p)),
    "ln1m": (1, 1, numeric(lambda x: np.log1p(-x))), "log1m": (1, 1, numeric(lambda x: np.log1p(-x))),
    "lnfactorial": (1, 1, numeric(lambda n: _sp().gammaln(np.floor(n) + 1), lambda n: n >= 0)),
    "lngamma": (1, 1, numeric(lambda x: _sp().gammaln(x), lambda x: ~((x <= 0) & (x == np.floor(x))))),
    "comb": (2, 2, numeric(_comb, _comb_domain)),
    "reldif": (2, 2, _reldif),
}

PROGRAMMING: dict[str, tuple[int, int, object]] = {
    "autocode": (4, 4, numeric(_autocode, _autocode_domain)),
    "chop": (2, 2, numeric(_chop)), "clip": (3, 3, numeric(_clip, lambda x, a, b: ~np.isnan(x))),
    "byteorder": (0, 0, _constant(2.0 if __import__("sys").byteorder == "little" else 1.0)),
    **{name: (0, 0, _system_value(name)) for name in (
        "epsdouble", "epsfloat", "maxbyte", "minbyte", "maxint", "minint", "maxlong", "minlong",
        "maxfloat", "minfloat", "maxdouble", "mindouble", "smallestdouble")},
    "_caller": (0, 0, _caller),
    "fileexists": (1, 1, _fileexists), "fileread": (1, 1, _fileread), "filereaderror": (1, 1, _filereaderror),
    "filewrite": (2, 3, _filewrite), "fmtwidth": (1, 1, _fmtwidth), "has_eprop": (1, 1, _has_eprop),
    "replay": (0, 0, _replay), "_by": (0, 0, _by), "_byindex": (0, 0, _byindex),
    "_bylastcall": (0, 0, _bylastcall), "_byn1": (0, 0, _byn("n1")), "_byn2": (0, 0, _byn("n2")),
}

FUNCTIONS = {**MATHEMATICAL, **PROGRAMMING}
