"""Stata 14's string functions ([FN] String functions).

Stata 14 keeps text as UTF-8 and its plain string functions count bytes: ``strlen()``,
``substr()``, ``strpos()`` and ``strreverse()`` work on bytes and ``strupper()`` & co. change
ASCII letters only, while the ``u`` functions (``ustrlen()``, ``usubstr()``, ``ustrupper()`` ...)
work on Unicode characters and ``ud`` ones on display columns (``mlmcli.text_bytes``).
Each entry: name -> (min args, max args, implementation(ctx, *values)).
"""
from __future__ import annotations

import math
import re
import unicodedata

from mlmcli.lazy_module import lazy_module

from mlmcli.errors import StataError
from mlmcli.expr.distinct_values import apply_distinct
from mlmcli.expr.values import MISSING, as_num, as_str, is_array
from mlmcli.text_bytes import byte_length, byte_slice

np = lazy_module("numpy", globals(), "np")


def elementwise(f, kinds: str, numeric_out: bool = False):
    """A function of scalars applied observation by observation.  ``kinds`` names each
    argument's type, ``s`` string or ``n`` number (a wrong type is r(109)); missing numbers
    arrive as NaN."""
    def impl(ctx, *args):
        vals = [as_str(a) if k == "s" else as_num(a) for a, k in zip(args, kinds)]
        if not any(is_array(v) for v in vals):
            return f(*vals)
        n = next(len(v) for v in vals if is_array(v))
        return apply_distinct(f, vals, n, numeric_out)
    return impl


# ----------------------------------------------------------------------------- bytes
def substr_bytes(s: str, n1: float, n2: float = MISSING) -> str:
    """substr(s, n1, n2): n2 bytes from byte n1 (n1 < 0 counts from the end; n2 missing: to the end)."""
    span = _span(byte_length(s), n1, n2)
    return byte_slice(s, *span) if span else ""


def _span(length: int, n1: float, n2: float) -> tuple[int, int] | None:
    """The 0-based [start, stop) of substr()'s n1, n2 in a text of ``length`` units."""
    if math.isnan(n1) or n1 == 0 or (not math.isnan(n2) and n2 < 0):
        return None
    start = int(n1) - 1 if n1 > 0 else length + int(n1)
    if start < 0 or start >= length:
        return None
    stop = length if math.isnan(n2) else min(length, start + int(n2))
    return (start, stop) if stop > start else None


def usubstr(s: str, n1: float, n2: float = MISSING) -> str:
    span = _span(len(s), n1, n2)
    return s[span[0]:span[1]] if span else ""


def _byte_position(s: str, index: int) -> float:
    return float(byte_length(s[:index]) + 1) if index >= 0 else 0.0


def _ascii_map(table: dict[int, int]):
    return lambda s: s.translate(table)


_UPPER = {c: c - 32 for c in range(ord("a"), ord("z") + 1)}
_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def strproper(s: str) -> str:
    """The first ASCII letter and any ASCII letter after a non-letter capitalised, other ASCII
    letters lowercased; other characters unchanged ([FN] strproper())."""
    out, prev_letter = [], False
    for ch in s:
        letter = ch.isascii() and ch.isalpha()
        out.append((ch.lower() if prev_letter else ch.upper()) if letter else ch)
        prev_letter = letter
    return "".join(out)


def strreverse(s: str) -> str:
    """The bytes in reverse order: plain ASCII reversed; a multibyte character broken (U+FFFD)."""
    return s[::-1] if s.isascii() else s.encode("utf-8")[::-1].decode("utf-8", "replace")


def indexnot(s1: str, s2: str) -> float:
    for i, ch in enumerate(s1):
        if ch not in s2:
            return _byte_position(s1, i)
    return 0.0


def subinword(s1: str, s2: str, s3: str, n: float) -> str:
    """s2 replaced by s3 where s2 is a whole word (bounded by blanks or the ends), the first n times."""
    if s2 == "":
        return s1
    count = 0 if math.isnan(n) else max(int(n), 0)
    if not math.isnan(n) and count == 0:
        return s1
    pattern = re.compile(r"(?<![^ ])" + re.escape(s2) + r"(?![^ ])")
    return pattern.sub(lambda m: s3, s1, count=count)


def abbrev(s: str, n: float) -> str:
    """s abbreviated to n characters (5 to 32) with ~ before its last character."""
    if math.isnan(n):
        return s
    n = min(max(int(n), 5), 32)
    if len(s) <= n:
        return s
    return s[:n - 2] + "~" + s[-1]


def plural(n: float, s1: str, s2: str | None = None) -> str:
    """s1 as is for n = ±1, else its plural: s1+"s", or with s2 "+suffix", "-suffix" or a replacement."""
    if not math.isnan(n) and abs(n) == 1:
        return s1
    if s2 is None:
        return s1 + "s"
    if s2.startswith("+"):
        return s1 + s2[1:]
    if s2.startswith("-"):
        return s1[:-len(s2) + 1] if len(s2) > 1 and s1.endswith(s2[1:]) else s1
    return s2


_SOUNDEX = {**dict.fromkeys("BFPV", "1"), **dict.fromkeys("CGJKQSXZ", "2"), **dict.fromkeys("DT", "3"),
            "L": "4", **dict.fromkeys("MN", "5"), "R": "6"}


def soundex(s: str, nara: bool = False) -> str:
    """The soundex code: first letter and three digits.  The U.S. Census (NARA) rule also
    merges equal codes separated by H or W."""
    letters = [c for c in s.upper() if "A" <= c <= "Z"]
    if not letters:
        return ""
    code, last = [letters[0]], _SOUNDEX.get(letters[0], "")
    for c in letters[1:]:
        digit = _SOUNDEX.get(c, "")
        if digit and digit != last:
            code.append(digit)
        if not (nara and c in "HW"):
            last = digit
    return "".join(code[:4]).ljust(4, "0")


def strtoname(s: str, p: float = 1.0) -> str:
    """A Stata 13 name: each character outside [A-Za-z0-9_] becomes _, an underscore goes in
    front of a leading digit unless p = 0, and the name is cut to 32 characters."""
    name = "".join(ch if (ch.isascii() and (ch.isalnum() or ch == "_")) else "_" for ch in s) or "_"
    if name[0].isdigit() and p != 0:
        name = "_" + name
    return name[:32]


def ustrtoname(s: str, p: float = 1.0) -> str:
    """A Stata 14 name: Unicode letters, digits and _ kept, anything else _, a leading digit
    prefixed by _ unless p = 0, cut to 32 characters."""
    def ok(ch):
        return ch == "_" or unicodedata.category(ch)[0] in "LN" or unicodedata.category(ch) in ("Mn", "Mc")
    name = "".join(ch if ok(ch) else "_" for ch in s) or "_"
    if unicodedata.category(name[0]) == "Nd" and p != 0:
        name = "_" + name
    return name[:32]


def tobytes(s: str, n: float = 0.0) -> str:
    """The first 200 bytes of s as escapes: ``\\d097`` (decimal) or, n nonzero, ``\\x61``."""
    raw = s.encode("utf-8")[:200]
    if math.isnan(n) or n == 0:
        return "".join(f"\\d{b:03d}" for b in raw)
    return "".join(f"\\x{b:02x}" for b in raw)


# ----------------------------------------------------------------------------- Unicode characters
def _start(n: float | None) -> int:
    return 0 if n is None or math.isnan(n) or n <= 1 else int(n) - 1


def ustrpos(s1: str, s2: str, n: float | None = None) -> float:
    """The character position of s2 in s1 from character n on; 0 if absent."""
    if n is not None and not math.isnan(n) and int(n) > len(s1):
        return 0.0
    i = s1.find(s2, _start(n))
    return float(i + 1)


def ustrrpos(s1: str, s2: str, n: float | None = None) -> float:
    """The last position of s2 in s1 (within the first n characters when n > 0); 0 if absent."""
    stop = len(s1) if n is None or math.isnan(n) or n <= 0 else int(n)
    return float(s1.rfind(s2, 0, stop) + 1)


def ustrleft(s: str, n: float) -> str:
    return "" if math.isnan(n) or n <= 0 else s[:int(n)]


def ustrright(s: str, n: float) -> str:
    return "" if math.isnan(n) or n <= 0 else s[-int(n):]


def usubinstr(s1: str, s2: str, s3: str, n: float) -> str:
    if s2 == "":
        return s1
    if math.isnan(n):
        return s1.replace(s2, s3)
    return s1.replace(s2, s3, int(n)) if n >= 1 else s1


def _word_char(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "LN" or cat in ("Mn", "Mc", "Pc")


def unicode_words(s: str) -> list[str]:
    """The words of s by Unicode's word boundaries (UAX #29, simplified): runs of letters and
    digits (with an apostrophe or a period inside them) are words, every other character but a
    space is a word of its own ("Parlez-vous" is "Parlez", "-", "vous")."""
    words, i, n = [], 0, len(s)
    while i < n:
        ch = s[i]
        if ch.isspace():
            i += 1
            continue
        if not _word_char(ch):
            words.append(ch)
            i += 1
            continue
        j = i + 1
        while j < n and (_word_char(s[j]) or (s[j] in "'’.:" and j + 1 < n and _word_char(s[j + 1])
                                                and _word_char(s[j - 1]))):
            j += 1
        words.append(s[i:j])
        i = j
    return words


def ustrword(s: str, n: float, locale: str | None = None) -> str:
    words = unicode_words(s)
    if math.isnan(n) or n == 0:
        return ""
    k = int(n) - 1 if n > 0 else len(words) + int(n)
    return words[k] if 0 <= k < len(words) else ""


def ustrtitle(s: str, locale: str | None = None) -> str:
    """Each word's first letter in title case, the rest in lowercase."""
    out, i = [], 0
    for w in unicode_words(s):
        j = s.find(w, i)
        out.append(s[i:j])
        out.append(w[:1].title() + w[1:].lower() if _word_char(w[0]) else w)
        i = j + len(w)
    out.append(s[i:])
    return "".join(out)


def column_width(ch: str) -> int:
    """Display columns of a character: 2 for East Asian wide and full-width, 0 for combining."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def udstrlen(s: str) -> float:
    return float(sum(column_width(ch) for ch in s))


def udsubstr(s: str, n1: float, n2: float = MISSING) -> str:
    """The characters starting at character n1 that fit in n2 display columns (to the end if
    n2 is missing)."""
    start = _span(len(s), n1, MISSING)
    if start is None:
        return ""
    out, used = [], 0
    for ch in s[start[0]:]:
        used += column_width(ch)
        if not math.isnan(n2) and used > n2:
            break
        out.append(ch)
    return "".join(out)


def uchar(n: float) -> str:
    return chr(int(n)) if not math.isnan(n) and 0 <= n <= 0x10FFFF and not 0xD800 <= n <= 0xDFFF else ""


def _first_char_is(test):
    return lambda s: float(bool(s) and test(s[0]))


def ustrnormalize(s: str, form: str) -> str:
    forms = {"nfc": "NFC", "nfd": "NFD", "nfkc": "NFKC", "nfkd": "NFKD", "nfkcci": "NFKC"}
    key = form.strip().lower()
    if key not in forms:
        return ""
    out = unicodedata.normalize(forms[key], s)
    return out.casefold() if key == "nfkcci" else out


def ustrtohex(s: str, n: float = 1.0) -> str:
    """Up to 200 characters of s from character n as ``\\uhhhh`` (``\\Uhhhhhhhh`` past U+FFFF)."""
    part = s[_start(n):][:200]
    return "".join(f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}" for c in part)


_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|x\{[0-9A-Fa-f]{1,8}\}|x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)",
                     re.DOTALL)
_SIMPLE_ESCAPES = {"a": "\a", "b": "\b", "t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r", "e": "\x1b"}


def ustrunescape(s: str) -> str:
    """The escape sequences of s (``\\uhhhh``, ``\\Uhhhhhhhh``, ``\\x{h...}``, ``\\xhh``, octal,
    ``\\n`` ...) replaced by their characters; an invalid code point gives ""."""
    def one(m):
        e = m.group(1)
        if e[0] in "uU" and len(e) > 1:
            code = int(e[1:], 16)
        elif e.startswith("x{"):
            code = int(e[2:-1], 16)
        elif e[0] == "x" and len(e) > 1:
            code = int(e[1:], 16)
        elif e[0] in "01234567":
            code = int(e, 8)
        else:
            return _SIMPLE_ESCAPES.get(e, e)
        if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            raise ValueError
        return chr(code)
    try:
        return _ESCAPE.sub(one, s)
    except ValueError:
        return ""


# ----------------------------------------------------------------------------- Unicode regular expressions
def _uregex(pattern: str, noc: float | None):
    from mlmcli.expr.regex import compile_pattern

    ignore_case = noc is not None and not math.isnan(noc) and noc != 0
    return compile_pattern(("(?i)" if ignore_case else "") + pattern)


def _ustrregexm(ctx, s, pattern, noc=None):
    s, pattern = as_str(s), as_str(pattern)
    if is_array(pattern):
        raise StataError("type mismatch", 109)
    from mlmcli.expr.regex import match_each

    return match_each(ctx, s, _uregex(pattern, None if noc is None else _scalar(noc)), "_uregex_match")


def _ustrregexs(ctx, n):
    m = getattr(ctx.session, "_uregex_match", None)
    k = _scalar(as_num(n))
    if m is None or math.isnan(k) or not 0 <= int(k) <= (m.re.groups or 0):
        return ""
    return m.group(int(k)) or ""


def _icu_replacement(m, text: str) -> str:
    """An ICU replacement: ``$n`` is group n, ``\\x`` is x taken literally."""
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
        elif ch == "$" and i + 1 < len(text) and text[i + 1].isdigit():
            k = int(text[i + 1])
            out.append((m.group(k) or "") if k <= (m.re.groups or 0) else "")
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _ustrregexr(count: int):
    def f(s1, pattern, s2, noc=None):
        rx = _uregex(pattern, noc)
        return rx.sub(lambda m: _icu_replacement(m, s2), s1, count=count)
    return f


def _scalar(v) -> float:
    if is_array(v):
        return float(v[0]) if len(v) else MISSING
    return float(v)


def _optional(f, kinds: str, numeric_out: bool = False):
    """Like ``elementwise`` for a function whose last arguments may be left out."""
    def impl(ctx, *args):
        return elementwise(f, kinds[:len(args)], numeric_out)(ctx, *args)
    return impl


def _ustrfix(s: str, rep: str = "\ufffd") -> str:
    return s.replace("\ufffd", rep) if rep != "\ufffd" else s


def _is_unicode_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "L"


def _is_unicode_digit(ch: str) -> bool:
    return unicodedata.category(ch) == "Nd"


def _strlen(s: str) -> float:
    return float(byte_length(s))


def _strpos(s1: str, s2: str) -> float:
    return _byte_position(s1, s1.find(s2))


def _strrpos(s1: str, s2: str) -> float:
    return _byte_position(s1, s1.rfind(s2))


def _ltrim_unicode(s: str) -> str:
    return s.lstrip()


FUNCTIONS: dict[str, tuple[int, int, object]] = {
    # bytes (Stata 14's plain string functions)
    "strlen": (1, 1, elementwise(_strlen, "s", True)), "length": (1, 1, elementwise(_strlen, "s", True)),
    "substr": (2, 3, _optional(substr_bytes, "snn")),
    "strpos": (2, 2, elementwise(_strpos, "ss", True)), "strrpos": (2, 2, elementwise(_strrpos, "ss", True)),
    "indexnot": (2, 2, elementwise(indexnot, "ss", True)),
    "strupper": (1, 1, elementwise(_ascii_map(_UPPER), "s")), "upper": (1, 1, elementwise(_ascii_map(_UPPER), "s")),
    "strlower": (1, 1, elementwise(_ascii_map(_LOWER), "s")), "lower": (1, 1, elementwise(_ascii_map(_LOWER), "s")),
    "strproper": (1, 1, elementwise(strproper, "s")), "proper": (1, 1, elementwise(strproper, "s")),
    "strreverse": (1, 1, elementwise(strreverse, "s")), "reverse": (1, 1, elementwise(strreverse, "s")),
    "strltrim": (1, 1, elementwise(lambda s: s.lstrip(" "), "s")),
    "strrtrim": (1, 1, elementwise(lambda s: s.rstrip(" "), "s")),
    "subinword": (4, 4, elementwise(subinword, "sssn")),
    "abbrev": (2, 2, elementwise(abbrev, "sn")),
    "plural": (2, 3, lambda ctx, n, s1, s2=None: elementwise(plural, "nss")(ctx, n, s1, *([] if s2 is None else [s2]))),
    "soundex": (1, 1, elementwise(soundex, "s")),
    "soundex_nara": (1, 1, elementwise(lambda s: soundex(s, nara=True), "s")),
    "strtoname": (1, 2, _optional(strtoname, "sn")),
    "tobytes": (1, 2, _optional(tobytes, "sn")),
    # Unicode characters
    "ustrlen": (1, 1, elementwise(lambda s: float(len(s)), "s", True)),
    "usubstr": (2, 3, _optional(usubstr, "snn")),
    "ustrleft": (2, 2, elementwise(ustrleft, "sn")), "ustrright": (2, 2, elementwise(ustrright, "sn")),
    "ustrpos": (2, 3, _optional(ustrpos, "ssn", True)), "ustrrpos": (2, 3, _optional(ustrrpos, "ssn", True)),
    "ustrupper": (1, 2, _optional(lambda s, loc=None: s.upper(), "ss")),
    "ustrlower": (1, 2, _optional(lambda s, loc=None: s.lower(), "ss")),
    "ustrtitle": (1, 2, _optional(ustrtitle, "ss")),
    "ustrtrim": (1, 1, elementwise(lambda s: s.strip(), "s")),
    "ustrltrim": (1, 1, elementwise(_ltrim_unicode, "s")),
    "ustrrtrim": (1, 1, elementwise(lambda s: s.rstrip(), "s")),
    "ustrreverse": (1, 1, elementwise(lambda s: s[::-1], "s")),
    "usubinstr": (4, 4, elementwise(usubinstr, "sssn")),
    "ustrword": (2, 3, _optional(ustrword, "sns")),
    "ustrwordcount": (1, 2, _optional(lambda s, loc=None: float(len(unicode_words(s))), "ss", True)),
    "ustrnormalize": (2, 2, elementwise(ustrnormalize, "ss")),
    "ustrtohex": (1, 2, _optional(ustrtohex, "sn")),
    "ustrunescape": (1, 1, elementwise(ustrunescape, "s")),
    "ustrtoname": (1, 2, _optional(ustrtoname, "sn")),
    "ustrfix": (1, 2, _optional(_ustrfix, "ss")),
    "ustrinvalidcnt": (1, 1, elementwise(lambda s: float(s.count("\ufffd")), "s", True)),
    "uchar": (1, 1, elementwise(uchar, "n")),
    "uisdigit": (1, 1, elementwise(_first_char_is(_is_unicode_digit), "s", True)),
    "uisletter": (1, 1, elementwise(_first_char_is(_is_unicode_letter), "s", True)),
    "udstrlen": (1, 1, elementwise(udstrlen, "s", True)),
    "udsubstr": (2, 3, _optional(udsubstr, "snn")),
    "ustrregexm": (2, 3, _ustrregexm), "ustrregexs": (1, 1, _ustrregexs),
    "ustrregexrf": (3, 4, _optional(_ustrregexr(1), "sssn")),
    "ustrregexra": (3, 4, _optional(_ustrregexr(0), "sssn")),
}

