"""Stata display formats: ``%9.0g``, ``%8.2f``, ``%9.2e``, ``%9.0gc``, ``%12s`` …

``format_number(value, fmt)`` returns the text Stata shows for ``value`` in
``fmt``, padded to the format's width (right-aligned; a ``-`` flag
left-aligns, a ``~`` flag centres strings).  Missing (None/NaN) prints ``.``.

General format ``%w.dg`` (d = 0): Stata keeps one column free for the sign
and shows as many significant digits as fit in ``w - 1`` characters, with no
leading ``0`` before the point and no trailing zeros.  It switches to
exponent form ``m.mme±XX`` (mantissa filling ``w - 1`` characters) when the
integer part does not fit, or when a small number would show fewer
significant digits in fixed form than in exponent form (``.0000123`` stays
fixed in ``%9.0g``; ``.00000123`` becomes ``1.23e-06``).

``set dp comma`` (``set_decimal_comma``) shows numbers with a comma as the decimal point.

Fixed format ``%w.df``: a number whose fixed text is wider than ``w`` shows in the
exponent form with ``d`` decimals, as ``%w.de`` would (Stata 8: ``display %9.2fc
10000000`` prints ``1.00e+07``), never hundreds of digits (``_fixed_too_wide``).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from mlmcli.limits import FORMAT_WIDTH
from mlmcli.missing import text as missing_text
from mlmcli.render.old_date_format import with_t

# ``set dp comma``: numbers show a comma as the decimal point (and a period between thousands
# in the ``c`` formats).  Stata's setting is global; the runner sets this from the session's
# ``dp`` before each command, so every renderer's numbers follow it.
_DECIMAL_COMMA = False


def set_decimal_comma(on: bool) -> None:
    global _DECIMAL_COMMA
    _DECIMAL_COMMA = bool(on)


def decimal_comma() -> bool:
    return _DECIMAL_COMMA


def _with_decimal_comma(text: str) -> str:
    """``1,234.5`` -> ``1.234,5`` (a lone ``.`` missing value stays as it is)."""
    return text.translate(_SWAP_POINT)


_SWAP_POINT = str.maketrans({".": ",", ",": "."})

_FMT_RE = re.compile(r"^%(?P<flag>[-~]?)(?P<zero>0?)(?P<w>\d+)(?:\.(?P<d>\d+))?(?P<t>[gfes])(?P<c>c?)$")


@dataclass(frozen=True)
class NumFormat:
    """A parsed ``%[-]w[.d]{g,f,e,s}[c]`` format."""

    width: int
    decimals: int
    kind: str  # g | f | e | s
    left: bool = False
    center: bool = False
    commas: bool = False
    zero_pad: bool = False


def parse_format(fmt: str) -> NumFormat:
    """Parse a Stata display format; ValueError when it is not one we support."""
    m = _FMT_RE.match(fmt.strip())
    if not m:
        raise ValueError(f"invalid format {fmt!r}")
    width = int(m["w"])
    dec = int(m["d"]) if m["d"] is not None else 0
    if width > FORMAT_WIDTH or dec > FORMAT_WIDTH:  # %2147483648g would build gigabytes
        raise ValueError(f"format {fmt!r} wider than {FORMAT_WIDTH}")
    return NumFormat(width=width, decimals=dec, kind=m["t"], left=m["flag"] == "-",
                     center=m["flag"] == "~", commas=bool(m["c"]), zero_pad=bool(m["zero"]))


_DATE_RE = re.compile(r"^%(?P<flag>-?)t(?P<unit>[cCdwmqhy])(?P<detail>.*)$")
# %tb<calname>[:details]: a business date, shown as the %td date it stands for
_BDATE_RE = re.compile(r"^%(?P<flag>-?)tb(?P<cal>[A-Za-z_][A-Za-z0-9_]*)(?::(?P<detail>.*))?$")
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def is_valid_format(fmt: str) -> bool:
    """A numeric/string display format or a date format (``%td``, ``%tm`` …; ``%d``: %td)."""
    fmt = with_t(fmt)
    bm = _BDATE_RE.match(fmt.strip())
    if bm:  # a calendar mlm has (business_calendars), with %td's details
        from mlmcli.business_calendars import business_days
        from mlmcli.render.datetime_formats import valid_details

        return business_days(bm["cal"]) is not None and valid_details(bm["detail"] or "", "d")
    dm = _DATE_RE.match(fmt.strip())
    if dm:
        from mlmcli.render.datetime_formats import valid_details

        return valid_details(dm["detail"], dm["unit"])
    try:
        parse_format(fmt)
    except ValueError:
        return False
    return True


def _format_date(value, m: re.Match) -> str:
    """An elapsed date in a ``%t`` format (``render/datetime_formats.py``)."""
    from mlmcli.render.datetime_formats import format_datetime

    if _is_missing(value):
        return _missing_text(value)
    try:
        return format_datetime(float(value), m["unit"], m["detail"])
    except (OverflowError, ValueError, TypeError):
        return "."


def _format_business_date(value, m: re.Match) -> str:
    """A %tb date: the %td date of the calendar's business day (``.`` outside its range)."""
    from mlmcli.business_calendars import dofb
    from mlmcli.render.datetime_formats import format_datetime

    if _is_missing(value):
        return _missing_text(value)
    try:
        td = dofb(float(value), m["cal"])
    except (TypeError, ValueError):
        return "."
    return "." if math.isnan(td) else format_datetime(td, "d", m["detail"] or "")


def _is_missing(value) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(value)
    except TypeError:
        return False


def _missing_text(value) -> str:
    """``.`` or ``.a`` … ``.z`` (extended missing values carry a NaN payload)."""
    try:
        return missing_text(value)
    except (TypeError, ValueError):  # None, pandas NA
        return "."


def _pad(text: str, f: NumFormat) -> str:
    if f.left:
        return text.ljust(f.width)
    if f.center:
        return text.center(f.width)
    return text.rjust(f.width)


def drop_leading_zero(text: str) -> str:
    """Stata writes no zero before the decimal point: ``0.5`` -> ``.5``, ``-0.05`` -> ``-.05``."""
    if text.startswith("0."):
        return text[1:]
    if text.startswith("-0."):
        return "-" + text[2:]
    return text


def _strip_zeros(s: str) -> str:
    """``0.12300`` -> ``.123``; ``12.000`` -> ``12``; ``-0.5`` -> ``-.5``."""
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    s = drop_leading_zero(s)
    if s in ("", "-", "-0"):
        s = "0"
    return s


def _fixed_fit(a: float, budget: int) -> str | None:
    """|x| in fixed form using at most ``budget`` characters, or None."""
    if a >= 1:
        nint = len(str(int(a)))
        if nint > budget:
            return None
        dec = max(budget - nint - 1, 0)
        s = _strip_zeros(f"{a:.{dec}f}")
        if len(s) > budget:  # rounding carried into a new integer digit
            s = _strip_zeros(f"{a:.{max(dec - 1, 0)}f}")
            if len(s) > budget:
                return None
        return s
    dec = budget - 1
    if dec < 1:
        return None
    return _strip_zeros(f"{a:.{dec}f}")


def _exp_text(a: float, mant_dec: int) -> str:
    """``1.23e-06`` with ``mant_dec`` mantissa decimals, two-digit exponent minimum."""
    s = f"{a:.{max(mant_dec, 0)}e}"
    mant, ex = s.split("e")
    sign = ex[0]
    digits = ex[1:].lstrip("0").rjust(2, "0")
    return f"{mant}e{sign}{digits}"


def _general(x: float, f: NumFormat) -> str:
    """Stata ``%w.dg``: the unpadded text (sign included)."""
    if x == 0:
        return "0"
    neg = x < 0
    a = abs(x)
    budget = max(f.width - 1, 1)
    if f.decimals > 0:
        # %w.dg with d>0: at most d significant digits (C's %g), then Stata's width rule
        s = f"{a:.{f.decimals}g}"
        if "e" in s:
            m, ex = s.split("e")
            s = _exp_text(a, max(len(m.replace(".", "")) - 1, 0))
        else:
            s = _strip_zeros(s) if "." in s else s
        if len(s) <= budget:
            return ("-" if neg else "") + s
    exp_mant_dec = budget - 6  # "d." + decimals + "e-XX"
    fixed = _fixed_fit(a, budget)
    if fixed is not None and fixed != "0":
        if a >= 1 or not fixed.startswith("."):
            return ("-" if neg else "") + fixed
        # small numbers stay fixed while the digits fixed form can show are at
        # least as many as the exponent form shows (.00001, .0000123 in %9.0g)
        lead = -math.floor(math.log10(a)) - 1
        if (budget - 1) - lead >= exp_mant_dec + 1:
            return ("-" if neg else "") + fixed
    e = _exp_text(a, exp_mant_dec)
    while len(e) > budget and exp_mant_dec > 0:  # three-digit exponents
        exp_mant_dec -= 1
        e = _exp_text(a, exp_mant_dec)
    if exp_mant_dec == 0 and len(e) > budget:
        e = _exp_text(a, 0)
    return ("-" if neg else "") + e


def _add_commas(s: str) -> str:
    neg = s.startswith("-")
    body = s[1:] if neg else s
    if "e" in body:
        return s
    ip, dot, frac = body.partition(".")
    if ip:
        ip = f"{int(ip):,}"
    return ("-" if neg else "") + ip + dot + frac


def _read_format(fmt: str) -> tuple:
    """(business-date match, date match, NumFormat) of ``fmt``: what format_number reads of it."""
    fmt = with_t(fmt)
    bm = _BDATE_RE.match(fmt.strip())
    dm = _DATE_RE.match(fmt.strip())
    f = None
    if not dm:
        try:
            f = parse_format(fmt)
        except ValueError:  # an unsupported format never crashes a display: fall back to %9.0g
            f = NumFormat(9, 0, "g")
    return bm, dm, f


# format text -> _read_format's reading: a table or an iteration log formats thousands of
# numbers in a few formats (32,000 log lines of %10.0g: a third of their rendering was reading
# the format again).  The readings are immutable (matches, frozen NumFormat).
_FORMAT_READINGS: dict = {}


def _resolved_format(fmt) -> tuple:
    reading = _FORMAT_READINGS.get(fmt) if isinstance(fmt, str) else None
    if reading is None:
        reading = _read_format(fmt)
        if isinstance(fmt, str):
            if len(_FORMAT_READINGS) >= 4096:  # typed formats are few; bound it all the same
                _FORMAT_READINGS.clear()
            _FORMAT_READINGS[fmt] = reading
    return reading


def format_number(value, fmt: str) -> str:
    """Display ``value`` in Stata format ``fmt`` (see module docstring).

    Strings use ``%ws``; numbers given to ``%s`` print as ``%9.0g`` would.
    """
    bm, dm, f = _resolved_format(fmt)
    if bm and not isinstance(value, str):
        return _format_business_date(value, bm)
    if dm:
        return value if isinstance(value, str) else _format_date(value, dm)
    if f.kind == "s":
        if isinstance(value, str):
            return _pad(value, f)
        if _is_missing(value):
            return _pad(_missing_text(value), f)
        x = float(value)
        # an infinity (no Stata value holds one) prints as missing, as under the numeric formats
        return _pad("." if math.isinf(x) else _general(x, NumFormat(9, 0, "g")), f)
    if isinstance(value, str):
        return _pad(value, f)
    if _is_missing(value):
        return _pad(_missing_text(value), f)
    try:
        x = float(value)
    except (TypeError, ValueError):  # pandas NA and other non-numbers print as missing
        return _pad(".", f)
    if math.isinf(x):
        return _pad(".", f)
    if f.kind == "f":
        s = f"{x:.{f.decimals}f}"
        if f.commas:
            s = _add_commas(s)
        if len(s) > f.width:
            s = _fixed_too_wide(x, s, f)
    elif f.kind == "e":
        s = ("-" if x < 0 else "") + _exp_text(abs(x), f.decimals)
    else:
        if f.commas:
            s = _general_commas(x, f)
        else:
            s = _general(x, f)
    if f.zero_pad and not f.left and len(s) < f.width:
        sign = "-" if s.startswith("-") else ""
        s = sign + s[len(sign):].rjust(f.width - len(sign), "0")
    if _DECIMAL_COMMA:
        s = _with_decimal_comma(s)
    return _pad(s, f)


def format_number_with_period(value, fmt: str) -> str:
    """``format_number`` with a period as the decimal point whatever ``set dp`` says: the text
    of a number that goes back into code (a macro's ``= exp``, ``string()``), which Stata's
    expressions read with a period."""
    global _DECIMAL_COMMA
    saved, _DECIMAL_COMMA = _DECIMAL_COMMA, False
    try:
        return format_number(value, fmt)
    finally:
        _DECIMAL_COMMA = saved


def _fixed_too_wide(x: float, fixed: str, f: NumFormat) -> str:
    """``%w.df`` text wider than ``w``: the exponent form with ``d`` decimals when it fits in
    ``w`` (Stata 8: ``display %9.2fc 10000000`` prints ``1.00e+07``, statalist
    2003-04/msg00160); when neither fits, the shorter of the two (``1e300`` in ``%8.4f`` is
    ``1.0000e+300``, not 300 digits; ``-49.51`` in ``%5.2f`` stays as it is -- no evidence
    of Stata's choice there, so the text that overflows least)."""
    exp = ("-" if x < 0 else "") + _exp_text(abs(x), f.decimals)
    return exp if len(exp) <= f.width or len(exp) < len(fixed) else fixed


def format_within(value, fmt: str) -> str:
    """``format_number`` held to the format's width: a ``%w.df`` number whose exponent form with
    d decimals is still wider than w (``2.16e+161`` for %8.2f) drops decimals until it fits
    (``2.2e+161``), so that a table column keeps its place; the form with no decimals is kept
    when even that overflows.  For the statistic columns of coefficient tables (z near 1e161)."""
    text = format_number(value, fmt)
    f = parse_format(fmt)
    if f.kind != "f" or len(text) <= f.width or isinstance(value, str) or _is_missing(value):
        return text
    x = float(value)
    for decimals in range(f.decimals - 1, -1, -1):
        text = ("-" if x < 0 else "") + _exp_text(abs(x), decimals)
        if len(text) <= f.width:
            break
    return _pad(text, f)


def _general_commas(x: float, f: NumFormat) -> str:
    """``%w.0gc``: the general format with thousands separators, shrinking the
    digit budget until the separated text fits."""
    for w in range(f.width, 1, -1):
        s = _add_commas(_general(x, NumFormat(w, f.decimals, "g")))
        if "e" in s:
            break
        if len(s) <= f.width:
            return s
    return _general(x, f)


def fmt(value, spec: str) -> str:
    """Short alias of :func:`format_number`."""
    return format_number(value, spec)
