"""Locale-aware comparison of Unicode text: ``ustrcompare()``, ``ustrcompareex()``, ``ustrsortkey()``,
``ustrsortkeyex()``, ``collatorlocale()``, ``collatorversion()``, ``wordbreaklocale()``.

Stata asks ICU for a collator.  mlm has pyuca (pure Python, the Unicode Collation Algorithm with
the DUCET of UCA 9.0.0): the root order, which is what ICU uses for the locales whose CLDR
collation adds no tailoring (``ROOT_ORDER_LANGUAGES``: English, German, French, Italian, Dutch,
Portuguese ...).  A locale with rules of its own (Swedish z < ö, Spanish ñ, Danish, Czech, Chinese,
Japanese ... and @collation= variants such as German phonebook) is refused (r(198)) rather than
compared in an order that locale does not use.  The ICU attributes of the ``ex`` functions are
built on the UCA's levels: strength 1-5, case first (upper first moves the uppercase tertiary
weights ahead), case level, numeric ordering of decimal digit runs, alternate shifted (variable
characters -- spaces, punctuation, symbols -- ignored until the quaternary level) and French
backward secondary weights.

A sort key is ASCII text that sorts (by bytes, as ``sort`` does) as the collator orders the texts:
each weight as three characters of base 64 from ``0``, levels separated by ``!``.  It is not
ICU's byte string, only in the same order.
"""
from __future__ import annotations

import math
import unicodedata
from functools import lru_cache

from mlmcli.errors import StataError

# languages whose CLDR collation is the root one (no tailoring rules)
ROOT_ORDER_LANGUAGES = ("en", "de", "fr", "it", "nl", "pt", "id", "ms", "ga", "sw", "zu")
_UPPER_TERTIARY = frozenset((0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x1D))
_DEFAULTS = {"strength": 3, "case": 0, "case_level": 0, "numeric": 0, "shifted": 0, "french": 0}


@lru_cache(maxsize=1)
def _collator():
    try:
        import pyuca
    except ImportError:  # pragma: no cover - a base dependency
        raise StataError("ustrcompare() and ustrsortkey() need the pyuca package: pip install pyuca", 198) from None
    return pyuca.Collator()


def uca_version() -> str:
    return _collator().UCA_VERSION


@lru_cache(maxsize=1)
def _max_variable_primary() -> int:
    """The largest primary weight of a variable collation element (``[*...]`` in allkeys.txt)."""
    import os

    import pyuca

    path = os.path.join(os.path.dirname(pyuca.__file__), f"allkeys-{uca_version()}.txt")
    top = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            at = line.find("[*")
            while at >= 0:
                top = max(top, int(line[at + 2:at + 6], 16))
                at = line.find("[*", at + 2)
    return top


def checked_locale(loc: str) -> str:
    """The locale's language if mlm's root collation is that locale's order, else r(198)."""
    text = loc.strip()
    if text.lower() in ("", "root", "c", "posix"):
        return "root"
    if "@" in text:
        raise StataError(f"locale {text}: collation variants (@...) are not available in mlm, which has "
                         "the Unicode root collation only", 198)
    parts = text.replace("-", "_").split("_")
    lang = parts[0].lower()
    if lang == "fr" and len(parts) > 1 and parts[1].upper() == "CA":
        raise StataError("locale fr_CA: its backward accent order is ustrcompareex()'s fr argument; "
                         "mlm has the Unicode root collation only", 198)
    if lang not in ROOT_ORDER_LANGUAGES:
        raise StataError(f"locale {text}: its collation rules are not available in mlm, which has the "
                         f"Unicode root order only (the order of {', '.join(ROOT_ORDER_LANGUAGES)})", 198)
    return lang


def _elements(text: str, numeric: bool) -> list[list[int]]:
    """The collation elements [primary, secondary, tertiary] of the text (NFD); with ``numeric``
    each run of decimal digits is one number: a marker, its length and its digits (leading zeros
    ignorable at the primary level)."""
    col = _collator()
    nfd = unicodedata.normalize("NFD", text)
    if not numeric:
        return [list(e[:3]) + [0] * (3 - len(e)) for e in col.collation_elements(nfd)]
    out: list[list[int]] = []
    zero = col.collation_elements("0")[0][0]
    i = 0
    while i < len(nfd):
        j = i
        while j < len(nfd) and unicodedata.decimal(nfd[j], None) is not None:
            j += 1
        if j == i:
            while j < len(nfd) and unicodedata.decimal(nfd[j], None) is None:
                j += 1
            out += [list(e[:3]) + [0] * (3 - len(e)) for e in col.collation_elements(nfd[i:j])]
        else:
            digits = [unicodedata.decimal(c) for c in nfd[i:j]]
            lead = next((k for k, d in enumerate(digits) if d), len(digits))
            significant = digits[lead:]
            out.append([zero, 0x20, 0x02])
            out.append([zero + len(significant), 0x20, 0x02])
            out += [[0, 0x20, 0x02]] * lead
            out += [[col.collation_elements(str(d))[0][0], 0x20, 0x02] for d in significant]
        i = j
    return out


@lru_cache(maxsize=1 << 16)  # a variable's repeated values are keyed once
def sort_levels(text: str, strength: int = 3, case: int = 0, case_level: int = 0, numeric: int = 0,
                shifted: int = 0, french: int = 0) -> tuple[tuple[int, ...], ...]:
    """The UCA sort key of ``text`` as its levels (compare the tuples)."""
    elements = _elements(text, bool(numeric))
    quaternary = []
    if shifted:
        top = _max_variable_primary()
        after_variable = False
        shifted_elements = []
        for p, s, t in elements:
            if 0 < p <= top:
                quaternary.append(p)
                shifted_elements.append([0, 0, 0])
                after_variable = True
            elif p == 0 and after_variable:
                shifted_elements.append([0, 0, 0])
            else:
                if p or s or t:
                    quaternary.append(0xFFFF)
                shifted_elements.append([p, s, t])
                after_variable = after_variable and p == 0
        elements = shifted_elements
    levels = [tuple(p for p, _, _ in elements if p)]
    if strength >= 2:
        second = [s for _, s, _ in elements if s]
        levels.append(tuple(reversed(second) if french else second))
    if case_level:
        levels.append(tuple(2 if t in _UPPER_TERTIARY else 1 for p, _, t in elements if p))
    if strength >= 3:
        third = [t for _, _, t in elements if t]
        if case == 1:  # upper first
            third = [t if t in _UPPER_TERTIARY else t + 0x100 for t in third]
        levels.append(tuple(third))
    if strength >= 4 and shifted:
        levels.append(tuple(quaternary))
    if strength >= 5:
        levels.append(tuple(ord(c) for c in unicodedata.normalize("NFD", text)))
    return tuple(levels)


def _options(st, case, cslv, norm, num, alt, fr) -> dict | None:
    """ustrcompareex()'s attributes (-1: the default) or None when one is out of its range."""
    values = (st, case, cslv, norm, num, alt, fr)
    if any(math.isnan(v) for v in values):
        return None
    st, case, cslv, norm, num, alt, fr = (int(v) for v in values)
    if st not in (-1, 1, 2, 3, 4, 5) or case not in (-1, 0, 1, 2) or any(v not in (-1, 0, 1) for v in (cslv, norm, num, alt, fr)):
        return None
    chosen = {"strength": st, "case": case, "case_level": cslv, "numeric": num, "shifted": alt, "french": fr}
    return {k: (_DEFAULTS[k] if v == -1 else v) for k, v in chosen.items()}


def _sign(a, b) -> float:
    return float((a > b) - (a < b))


def ustrcompare(s1: str, s2: str, loc: str = "") -> float:
    checked_locale(loc)
    return _sign(sort_levels(s1), sort_levels(s2))


def ustrcompareex(s1, s2, loc, st, case, cslv, norm, num, alt, fr) -> float:
    checked_locale(loc)
    options = _options(st, case, cslv, norm, num, alt, fr)
    if options is None:
        return math.nan
    return _sign(sort_levels(s1, **options), sort_levels(s2, **options))


def _key_text(levels, identical: bool = False) -> str:
    """Each weight as 3 characters (4 for the code points of the identical level)."""
    def weight(w: int, width: int) -> str:
        return "".join(chr(48 + ((w >> (6 * k)) & 63)) for k in reversed(range(width)))
    last = len(levels) - 1
    return "!".join("".join(weight(w, 4 if identical and i == last else 3) for w in level)
                    for i, level in enumerate(levels))


def ustrsortkey(s: str, loc: str = "") -> str:
    checked_locale(loc)
    return _key_text(sort_levels(s))


def ustrsortkeyex(s, loc, st, case, cslv, norm, num, alt, fr) -> str:
    checked_locale(loc)
    options = _options(st, case, cslv, norm, num, alt, fr)
    if options is None:
        return ""
    return _key_text(sort_levels(s, **options), options["strength"] >= 5)


def collatorlocale(loc: str, kind: float = 0.0) -> str:
    """The locale whose collation rules mlm uses: "root" for a locale it accepts, "" otherwise."""
    try:
        checked_locale(loc)
    except StataError:
        return ""
    return "root"


def collatorversion(loc: str) -> str:
    """The collation's version: pyuca's UCA version (ICU's collator version is not available)."""
    try:
        checked_locale(loc)
    except StataError:
        return ""
    return uca_version()


def wordbreaklocale(loc: str, kind: float = 0.0) -> str:
    """Word boundaries (ustrword(), ustrtitle()) follow one rule for every locale: "root"."""
    return "root"


def _table():
    from mlmcli.expr.string_functions import elementwise

    def with_locale(f, kinds, numeric_out=False):
        """The locale argument, when left out, is c(locale_functions)."""
        def impl(ctx, *args):
            from mlmcli.expr.system_values import default_locale

            if len(args) < len(kinds):
                args = (*args, default_locale(ctx.session))
            return elementwise(f, kinds, numeric_out)(ctx, *args)
        return impl
    return {
        "ustrcompare": (2, 3, with_locale(ustrcompare, "sss", True)),
        "ustrcompareex": (10, 10, elementwise(ustrcompareex, "sssnnnnnnn", True)),
        "ustrsortkey": (1, 2, with_locale(ustrsortkey, "ss")),
        "ustrsortkeyex": (9, 9, elementwise(ustrsortkeyex, "ssnnnnnnn")),
        "collatorlocale": (2, 2, elementwise(collatorlocale, "sn")),
        "collatorversion": (1, 1, elementwise(collatorversion, "s")),
        "wordbreaklocale": (2, 2, elementwise(wordbreaklocale, "sn")),
    }


FUNCTIONS = _table()
