"""Stata's date and time functions ([D] datetime, [D] functions "Date and time functions").

Stata's elapsed dates count from 01jan1960: a daily date ``%td`` is days since then, a
datetime ``%tc`` milliseconds, a weekly ``%tw`` / monthly ``%tm`` / quarterly ``%tq`` /
half-yearly ``%th`` date periods (52 weeks a year, the 52nd has 8 or 9 days), a yearly
``%ty`` date the year itself.  Functions of a date use its integer part (``floor``);
anything outside 01jan0100 - 31dec9999, an impossible date, or a string that does not
match its mask gives missing.

String masks (``date(s, "DMY")``, ``clock(s, "YMDhms")``, ``monthly(s, "YM")``): the
letters give the order of the parts of ``s``; a two-digit year needs the century in the
mask (``"MD19Y"``) or a ``topyear`` (the year is then the latest one <= topyear ending in
those digits).  Parts are runs of digits or letters (month names and their three-letter
forms; day names are skipped); other characters separate them, and a run of digits with
no separators is split by the mask (``"20000115"`` with ``"YMD"``).
"""
from __future__ import annotations

import math
import re

from mlmcli.lazy_module import lazy_module

from mlmcli.expr.values import MISSING, as_num, as_str, broadcast, clean, is_array

np = lazy_module("numpy", globals(), "np")  # imported when an array is first needed

DAY_MS = 86_400_000.0
_EPOCH = "1960-01-01"  # day 0 (as np.datetime64(_EPOCH, "D") where used)
_LO_DAY = -679_350.0   # 01jan0100
_HI_DAY = 2_936_549.0  # 31dec9999
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
_DAYNAMES = ("sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")


# ----------------------------------------------------------------------------- calendar
def _valid_days(d: np.ndarray) -> np.ndarray:
    return np.isfinite(d) & (d >= _LO_DAY) & (d <= _HI_DAY)


def _ymd(days: np.ndarray):
    """(year, month, day) arrays of daily dates (already floored and valid)."""
    dt = np.datetime64(_EPOCH, "D") + days.astype(np.int64).astype("timedelta64[D]")
    months = dt.astype("datetime64[M]")
    year = months.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (dt - months.astype("datetime64[D]")).astype(np.int64) + 1
    return year, month, day


def days_from_ymd(year, month, day) -> np.ndarray:
    """Daily dates of (year, month, day) arrays; missing where the date does not exist."""
    y, m, d = (np.asarray(v, dtype=float) for v in np.broadcast_arrays(year, month, day))
    y, m, d = np.atleast_1d(y), np.atleast_1d(m), np.atleast_1d(d)
    out = np.full(y.shape, np.nan)
    ok = (np.isfinite(y) & np.isfinite(m) & np.isfinite(d) & (y == np.trunc(y)) & (m == np.trunc(m))
          & (d == np.trunc(d)) & (m >= 1) & (m <= 12) & (d >= 1) & (y >= 100) & (y <= 9999))
    if ok.any():
        yy, mm, dd = y[ok].astype(np.int64), m[ok].astype(np.int64), d[ok].astype(np.int64)
        first = ((yy - 1970) * 12 + (mm - 1)).astype("datetime64[M]").astype("datetime64[D]")
        days = (first - np.datetime64(_EPOCH, "D")).astype(np.int64) + dd - 1
        month_len = ((((yy - 1970) * 12 + mm).astype("datetime64[M]").astype("datetime64[D]")) - first).astype(np.int64)
        good = dd <= month_len
        vals = np.where(good, days.astype(float), np.nan)
        out[ok] = vals
    return out


def _dayfunc(f):
    """A function of a daily date: f(year, month, day, floored days) on the valid dates."""
    def impl(ctx, d):
        x = as_num(d)
        arr = np.atleast_1d(np.asarray(x, dtype=float))
        fl = np.floor(arr)
        ok = _valid_days(fl)
        out = np.full(arr.shape, np.nan)
        if ok.any():
            y, m, dd = _ymd(fl[ok])
            out[ok] = f(y, m, dd, fl[ok])
        return clean(out) if is_array(x) else clean(out[0])
    return impl


def _vectorized(f, nargs_min: int):
    """f over numeric arguments broadcast together (missing in, missing out)."""
    def impl(ctx, *args):
        nums = [as_num(a) for a in args]
        arrays = [np.atleast_1d(np.asarray(a, dtype=float)) for a in nums]
        shaped = np.broadcast_arrays(*arrays)
        with np.errstate(all="ignore"):
            out = np.asarray(f(*shaped), dtype=float)
        return clean(out) if any(is_array(a) for a in nums) else clean(out.reshape(-1)[0])
    return impl


def _doy(y, m, d, days):
    return days - days_from_ymd(y, 1, 1) + 1


def _week(y, m, d, days):
    return np.minimum(np.floor((_doy(y, m, d, days) - 1) / 7) + 1, 52)


# period <-> daily conversions
def _periods(per: int, unit_of_year):
    """``mofd``-like: the period (per a year) holding a daily date."""
    def f(y, m, d, days):
        return (y - 1960) * per + unit_of_year(y, m, d, days) - 1
    return f


def _first_day(per: int, first_month_of):
    """``dofm``-like: the first day of a period."""
    def f(p):
        p = np.floor(p)
        year = 1960 + np.floor(p / per)
        k = p - (year - 1960) * per
        return days_from_ymd(year, first_month_of(k), np.ones_like(p))
    return f


def _dofw(w):
    w = np.floor(w)
    year = 1960 + np.floor(w / 52)
    k = w - (year - 1960) * 52
    return days_from_ymd(year, np.ones_like(w), np.ones_like(w)) + 7 * k


def _period_of(per: int):
    """``ym(y, m)``-like: the period number of (year, k)."""
    def f(y, k):
        ok = (y == np.trunc(y)) & (k == np.trunc(k)) & (k >= 1) & (k <= per)
        return np.where(ok, (y - 1960) * per + k - 1, np.nan)
    return f


# ----------------------------------------------------------------------------- times
def _hms(h, m, s):
    return (h * 3600 + m * 60 + s) * 1000.0


def _clock_part(divisor: float, modulo: float):
    def f(c):
        c = np.floor(c)
        return np.floor(np.mod(c, modulo) / divisor)
    return f


def _ss(c):
    return np.mod(c, 60_000.0) / 1000.0


# ----------------------------------------------------------------------------- parsing
_TOKEN_RE = re.compile(r"\d+|[A-Za-z]+")
_MASK_RE = re.compile(r"(\d\d)?([DMYhmsWQH#])")


def _mask_parts(mask: str) -> list[tuple[str, int | None]] | None:
    """``"MD19Y"`` -> [("M", None), ("D", None), ("Y", 19)]; None for an invalid mask."""
    text = mask.replace(" ", "")
    parts, pos = [], 0
    for m in _MASK_RE.finditer(text):
        if m.start() != pos:
            return None
        century = int(m.group(1)) if m.group(1) else None
        if century is not None and m.group(2) != "Y":
            return None
        parts.append((m.group(2), century))
        pos = m.end()
    return parts if pos == len(text) and parts else None


def _month_number(word: str) -> int | None:
    w = word.lower()
    if len(w) < 3:
        return None
    for k, name in enumerate(_MONTHS, 1):
        if name.startswith(w) or (w == "sept" and k == 9):
            return k
    return None


def _split_digits(token: str, kinds: list[tuple[str, int | None]]) -> list[str] | None:
    """A run of digits with no separators, split by the widths the mask implies."""
    widths = [(2 if century is not None else 4) if kind == "Y" else (1 if kind == "H" else 2)
              for kind, century in kinds]
    if kinds and kinds[-1][0] == "s" and len(token) > sum(widths):  # fractional seconds?
        return None
    if sum(widths) != len(token):
        return None
    out, pos = [], 0
    for w in widths:
        out.append(token[pos:pos + w])
        pos += w
    return out


def parse_parts(text: str, mask: str, topyear=None) -> dict[str, float] | None:
    """The parts of ``text`` named by ``mask`` ({"Y": 2000, "M": 1, "D": 15, ...}), or None."""
    parts = _mask_parts(mask)
    if parts is None:
        return None
    tokens = _TOKEN_RE.findall(text)
    frac = re.search(r"[:.](\d+)\.(\d+)\s*(?:[AaPp]\.?[Mm]\.?)?\s*$", text)  # 12:30:15.25
    words: list[str] = []
    pm = None
    for tok in tokens:
        if tok.isalpha():
            low = tok.lower()
            if low in ("am", "pm", "a", "p"):
                pm = low.startswith("p")
                continue
            if any(name.startswith(low) for name in _DAYNAMES) and len(low) >= 2 and _month_number(low) is None:
                continue
            if low in ("st", "nd", "rd", "th"):
                continue
            if len(low) == 1 and low.upper() in "MQHW" and any(k == low.upper() for k, _ in parts):
                continue  # the period letter of 2000m3, 2000q2, 2000h1, 2000w12
        words.append(tok)
    fraction = 0.0
    if frac and parts[-1][0] == "s" and len(words) == len(parts) + 1 and words[-1] == frac.group(2):
        fraction = float("0." + frac.group(2))
        words = words[:-1]
    if len(words) != len(parts):
        # a digits-only run standing for several consecutive numeric parts
        if len(words) < len(parts):
            expanded, i, j = [], 0, 0
            while i < len(words) and j < len(parts):
                remaining_words = len(words) - i
                remaining_parts = len(parts) - j
                span = remaining_parts - remaining_words + 1
                if words[i].isdigit() and span > 1:
                    split = _split_digits(words[i], parts[j:j + span])
                    if split is not None:
                        expanded.extend(split)
                        i, j = i + 1, j + span
                        continue
                expanded.append(words[i])
                i, j = i + 1, j + 1
            words = expanded
        if len(words) != len(parts):
            return None
    out: dict[str, float] = {}
    for (kind, century), word in zip(parts, words):
        if kind == "#":
            continue
        if kind == "M" and word.isalpha():
            number = _month_number(word)
            if number is None:
                return None
            out["M"] = float(number)
            continue
        if not word.isdigit():
            return None
        value = float(int(word))
        if kind == "Y":
            if century is not None:
                if len(word) > 2:
                    return None
                value = century * 100 + value
            elif len(word) <= 2:
                if topyear is None or not math.isfinite(topyear):
                    return None
                value = _with_topyear(int(word), int(topyear))
        out[kind] = value
    if "s" in out:
        out["s"] += fraction
    if pm is not None and "h" in out:
        h = out["h"]
        if not 1 <= h <= 12:
            return None
        out["h"] = (h % 12) + (12 if pm else 0)
    return out


def _with_topyear(yy: int, topyear: int) -> float:
    """The latest year <= topyear whose last two digits are yy."""
    year = topyear - ((topyear - yy) % 100)
    return float(year)


def _string_function(convert, default_topyear=None):
    """A function of (string, mask[, topyear]) applied to each observation."""
    def impl(ctx, s, mask, topyear=None):
        s = as_str(s)
        mask = as_str(mask)
        top = None if topyear is None else as_num(topyear)
        if not is_array(s) and not is_array(mask) and not is_array(top):
            return clean(convert(s, mask, top))
        n = len(s) if is_array(s) else (len(mask) if is_array(mask) else len(top))
        ss, mm = broadcast(s, n), broadcast(mask, n)
        tt = broadcast(top, n) if top is not None else [None] * n
        cache: dict = {}
        out = np.empty(n)
        for i in range(n):
            key = (ss[i], mm[i], tt[i])
            if key not in cache:
                cache[key] = convert(ss[i], mm[i], tt[i])
            out[i] = cache[key]
        return clean(out)
    return impl


def _date_of(text: str, mask: str, top) -> float:
    parts = parse_parts(text, mask, top)
    if parts is None or set(parts) != {"D", "M", "Y"}:
        return MISSING
    return float(days_from_ymd(parts["Y"], parts["M"], parts["D"])[0])


def _clock_of(text: str, mask: str, top) -> float:
    parts = parse_parts(text, mask, top)
    if parts is None or not parts:
        return MISSING
    day = 0.0
    if {"D", "M", "Y"} & set(parts):
        if not {"D", "M", "Y"} <= set(parts):
            return MISSING
        day = float(days_from_ymd(parts["Y"], parts["M"], parts["D"])[0])
        if math.isnan(day):
            return MISSING
    h, m, s = parts.get("h", 0.0), parts.get("m", 0.0), parts.get("s", 0.0)
    if not (0 <= h <= 23 and 0 <= m <= 59 and 0 <= s < 61):
        return MISSING
    return day * DAY_MS + float(_hms(h, m, s))


def _period_string(per: int, letter: str):
    """``monthly(s, "YM")``, ``quarterly(s, "YQ")``, ``halfyearly(s, "YH")``, ``weekly(s, "YW")``."""
    def convert(text: str, mask: str, top) -> float:
        parts = parse_parts(text, mask, top)
        if parts is None or set(parts) != {"Y", letter}:
            return MISSING
        k = parts[letter]
        if not 1 <= k <= per:
            return MISSING
        return (parts["Y"] - 1960) * per + k - 1
    return convert


def _yearly(text: str, mask: str, top) -> float:
    parts = parse_parts(text, mask, top)
    if parts is None or set(parts) != {"Y"}:
        return MISSING
    return parts["Y"]


# ----------------------------------------------------------------------------- literals
_LITERAL_MASKS = {"td": ("DMY", "d"), "tc": ("DMYhms", "c"), "tC": ("DMYhms", "c"), "tm": ("YM", "m"),
                  "tq": ("YQ", "q"), "th": ("YH", "h"), "tw": ("YW", "w"), "ty": ("Y", "y")}


def literal_value(kind: str, text: str) -> float | None:
    """The value of a date literal ``td(15jan2000)``, ``tm(2000m1)``, ``tc(15jan2000 12:00)``
    ..., or None when ``text`` is no such date."""
    text = text.strip()
    if kind in ("tm", "tq", "th", "tw"):
        letter = kind[1]
        m = re.fullmatch(rf"(\d{{1,4}})\s*{letter}\s*(\d{{1,2}})", text, re.I)
        if not m:
            return None
        per = {"m": 12, "q": 4, "h": 2, "w": 52}[letter]
        k = int(m.group(2))
        return None if not 1 <= k <= per else (int(m.group(1)) - 1960) * per + k - 1
    if kind == "ty":
        return float(text) if text.isdigit() else None
    if kind == "td":
        value = _date_of(text, "DMY", None)
    else:
        n_time = len(re.findall(r"\d+", text.split(" ", 1)[1] if " " in text else ""))
        mask = "DMY" + "hms"[:max(n_time, 1)]
        value = _clock_of(text, mask, None) if n_time else _clock_of(text + " 00", "DMYh", None)
        if kind == "tC" and value is not None and not math.isnan(value):  # %tC counts leap seconds
            from mlmcli.leap_seconds import tC_of_tc

            value = float(tC_of_tc(value))
    return None if value is None or math.isnan(value) else value


_LITERAL_RE = re.compile(r"(?<![\w.])(td|tc|tC|tm|tq|th|tw|ty|d|m|q)\(([^()\"]*)\)")
# d(), m() and q() are Stata's pre-10 names of td(), tm() and tq() and still work: d(10nov2020),
# m(1969m3), q(1954q1) in published research code (Ramey's fiscal shocks, q(1982Q1) ...); the
# other old forms (w(), h(), y()) are not seen in use and not taken
_LITERAL_SYNONYMS = {"d": "td", "m": "tm", "q": "tq"}


def substitute_literals(text: str) -> str:
    """Expression text with every date literal outside quotes replaced by its number;
    an invalid literal raises Stata's r(198)."""
    return substitute_literals_mapped(text)[0]


def substitute_literals_mapped(text: str) -> tuple[str, list[int]]:
    """``substitute_literals`` and, for each offset of the new text (and its end), the
    offset in ``text`` it came from: where a token boundary found in the new text lies in
    the text as typed (``display`` splits its line at expression ends)."""
    if "(" not in text or not any(k + "(" in text for k in (*_LITERAL_MASKS, *_LITERAL_SYNONYMS)):
        return text, list(range(len(text) + 1))
    from mlmcli.textscan import rewrite_outside_strings

    return rewrite_outside_strings(text, _literal_at)


def _literal_at(text: str, i: int):
    """The number a date literal starting at ``text[i]`` stands for (``rewrite_outside_strings``'s
    rewrite), None where none starts; an invalid one raises r(198)."""
    from mlmcli.errors import StataError

    m = _LITERAL_RE.match(text, i)
    if not m or (i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_.")):
        return None
    value = literal_value(_LITERAL_SYNONYMS.get(m.group(1), m.group(1)), m.group(2))
    if value is None:
        raise StataError(f"{m.group(2).strip()} invalid date in {m.group(1)}()", 198)
    number = repr(float(value))
    return number, m.end(), [i] * len(number)


def _business(convert, name_first: bool):
    """bofd("cal", td) / dofb(b, "cal") (``business_calendars``), element by element."""
    from mlmcli.business_calendars import bofd, dofb

    f = bofd if convert == "bofd" else dofb

    def impl(ctx, a, b):
        name, x = (as_str(a), as_num(b)) if name_first else (as_str(b), as_num(a))
        if not is_array(name) and not is_array(x):
            return clean(f(name, x) if name_first else f(x, name))
        n = len(x) if is_array(x) else len(name)
        return clean(np.array([f(c, v) if name_first else f(v, c) for c, v in zip(broadcast(name, n), broadcast(x, n))]))
    return impl


# ----------------------------------------------------------------------------- the table
def _q(y, m, d, days):
    return np.floor((m - 1) / 3) + 1


def _h(y, m, d, days):
    return np.where(m <= 6, 1.0, 2.0)


FUNCTIONS: dict[str, tuple[int, int, object]] = {
    "mdy": (3, 3, _vectorized(lambda m, d, y: days_from_ymd(y, m, d), 3)),
    "year": (1, 1, _dayfunc(lambda y, m, d, days: y)),
    "yofd": (1, 1, _dayfunc(lambda y, m, d, days: y)),
    "month": (1, 1, _dayfunc(lambda y, m, d, days: m)),
    "day": (1, 1, _dayfunc(lambda y, m, d, days: d)),
    "dow": (1, 1, _dayfunc(lambda y, m, d, days: np.mod(days + 5, 7))),
    "doy": (1, 1, _dayfunc(_doy)),
    "week": (1, 1, _dayfunc(_week)),
    "quarter": (1, 1, _dayfunc(_q)),
    "halfyear": (1, 1, _dayfunc(_h)),
    "mofd": (1, 1, _dayfunc(_periods(12, lambda y, m, d, days: m))),
    "qofd": (1, 1, _dayfunc(_periods(4, _q))),
    "hofd": (1, 1, _dayfunc(_periods(2, _h))),
    "wofd": (1, 1, _dayfunc(_periods(52, _week))),
    "dofm": (1, 1, _vectorized(_first_day(12, lambda k: k + 1), 1)),
    "bofd": (2, 2, _business("bofd", True)),
    "dofb": (2, 2, _business("dofb", False)),
    "dofq": (1, 1, _vectorized(_first_day(4, lambda k: 3 * k + 1), 1)),
    "dofh": (1, 1, _vectorized(_first_day(2, lambda k: 6 * k + 1), 1)),
    "dofw": (1, 1, _vectorized(_dofw, 1)),
    "dofy": (1, 1, _vectorized(lambda y: days_from_ymd(np.floor(y), 1, 1), 1)),
    "ym": (2, 2, _vectorized(_period_of(12), 2)),
    "yq": (2, 2, _vectorized(_period_of(4), 2)),
    "yh": (2, 2, _vectorized(_period_of(2), 2)),
    "yw": (2, 2, _vectorized(_period_of(52), 2)),
    "date": (2, 3, _string_function(_date_of)),
    "daily": (2, 3, _string_function(_date_of)),
    "clock": (2, 3, _string_function(_clock_of)),
    "Clock": (2, 3, _string_function(_clock_of)),
    "monthly": (2, 3, _string_function(_period_string(12, "M"))),
    "quarterly": (2, 3, _string_function(_period_string(4, "Q"))),
    "halfyearly": (2, 3, _string_function(_period_string(2, "H"))),
    "weekly": (2, 3, _string_function(_period_string(52, "W"))),
    "yearly": (2, 3, _string_function(_yearly)),
    "mdyhms": (6, 6, _vectorized(lambda mo, d, y, h, mi, s: days_from_ymd(y, mo, d) * DAY_MS + _hms(h, mi, s), 6)),
    "dhms": (4, 4, _vectorized(lambda d, h, m, s: d * DAY_MS + _hms(h, m, s), 4)),
    "hms": (3, 3, _vectorized(_hms, 3)),
    "dofc": (1, 1, _vectorized(lambda c: np.floor(c / DAY_MS), 1)),
    "dofC": (1, 1, _vectorized(lambda c: np.floor(c / DAY_MS), 1)),
    "cofd": (1, 1, _vectorized(lambda d: np.floor(d) * DAY_MS, 1)),
    "Cofd": (1, 1, _vectorized(lambda d: np.floor(d) * DAY_MS, 1)),
    "hh": (1, 1, _vectorized(_clock_part(3_600_000.0, DAY_MS), 1)),
    "hhC": (1, 1, _vectorized(_clock_part(3_600_000.0, DAY_MS), 1)),
    "mm": (1, 1, _vectorized(_clock_part(60_000.0, 3_600_000.0), 1)),
    "mmC": (1, 1, _vectorized(_clock_part(60_000.0, 3_600_000.0), 1)),
    "ss": (1, 1, _vectorized(_ss, 1)),
    "ssC": (1, 1, _vectorized(_ss, 1)),
    "hours": (1, 1, _vectorized(lambda ms: ms / 3_600_000.0, 1)),
    "minutes": (1, 1, _vectorized(lambda ms: ms / 60_000.0, 1)),
    "seconds": (1, 1, _vectorized(lambda ms: ms / 1000.0, 1)),
    "msofhours": (1, 1, _vectorized(lambda h: h * 3_600_000.0, 1)),
    "msofminutes": (1, 1, _vectorized(lambda m: m * 60_000.0, 1)),
    "msofseconds": (1, 1, _vectorized(lambda s: s * 1000.0, 1)),
}
