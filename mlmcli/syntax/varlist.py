"""Names of new variables and storage types, as Stata reads them.

``NAME_RE`` is a valid name (32 characters at most); ``RESERVED_NAMES`` can
never name a variable.  ``[type] newvar`` (``generate``), ``[type] newvar |
stub* | newvarlist`` (``predict``).  Existing variables (abbreviations,
wildcards, ranges) are expanded by ``Dataset.expand_varlist`` / ``resolve``.
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError

# Stata 14's rule, as the .dta 118/119 files mlm reads and writes hold: letters (Unicode letters
# too: [^\W\d] is a letter or _), ASCII digits and _, not starting with a digit, 32 characters
NAME_RE = re.compile(r"^[^\W\d](?:[0-9]|[^\W\d]){0,31}$")
# The same rule for patterns that find names inside text (unanchored, any length: the 32-character
# limit is NAME_RE's): NAME_START is a letter or _, NAME_CHAR a letter, digit or _ (\w: it lets a
# Unicode digit through after the first character, which no command finds ambiguous).
NAME_START = r"[^\W\d]"
NAME_CHAR = r"\w"
NAME_PATTERN = NAME_START + NAME_CHAR + "*"


def is_name(text: str) -> bool:
    """``text`` is a name by Stata 14's rule (reserved words aside)."""
    return bool(NAME_RE.fullmatch(text))


RESERVED_NAMES = frozenset(
    "_all _b _coef _cons _n _N _pi _pred _rc _se _skip byte double float int long "
    "if in using with strL".split()
) | frozenset(f"str{k}" for k in range(1, 2046))  # str1 ... str2045 are type names too

# str1 ... str2045 (Stata 13's widest fixed string; longer is strL) and strL
STORAGE_TYPE_RE = re.compile(r"^(byte|int|long|float|double|str(?:[1-9]\d{0,2}|1\d{3}|20[0-3]\d|204[0-5]|L))$")
NUMERIC_TYPES = ("byte", "int", "long", "float", "double")


def check_new_name(data, name: str) -> None:
    """A valid name not yet in ``data`` (Stata's r(198) / r(110) messages)."""
    if not NAME_RE.match(name) or name in RESERVED_NAMES:
        raise StataError(f"{name} invalid name", 198)
    if name in data.varnames:
        raise StataError(f"variable {name} already defined", 110)


def parse_typed_name(left: str, allow_str: bool = False) -> tuple[str | None, str]:
    """``double x`` -> ("double", "x"); ``x`` -> (None, "x").  ``allow_str``: generate's and
    egen's bare ``str`` type ([D] generate: a str# as wide as the result needs) -> ("str", "x")."""
    parts = left.split()
    if len(parts) == 1:
        return None, parts[0]
    if len(parts) == 2 and (STORAGE_TYPE_RE.match(parts[0]) or allow_str and parts[0] == "str"):
        return parts[0], parts[1]
    raise StataError("invalid syntax", 198)


def parse_new_varlist(text: str, types=NUMERIC_TYPES) -> tuple[str | None, list[str], str | None]:
    """``[type] newvar | stub* | newvarlist`` -> (type, names, stub); names empty with a stub."""
    words = text.split()
    vtype = None
    if words and words[0] in types:
        vtype = words.pop(0)
    if not words:
        raise StataError("varlist required", 100)
    if len(words) == 1 and words[0].endswith("*"):
        stub = words[0][:-1]
        if not stub:
            raise StataError("invalid syntax", 198)
        return vtype, [], stub
    for w in words:
        if any(ch in w for ch in "*?~-"):
            raise StataError("invalid syntax", 198)
    return vtype, words, None


def equation_score_names(data, text: str, n_eq: int) -> tuple[str | None, list[str]]:
    """``predict [type] {stub* | newvar1 ... newvarq}, scores`` after an ml fit of ``n_eq``
    equations: stub* makes stub1 ... stubq; up to q new names (one per equation, in order).
    More: ``too many variables specified`` r(103); none: ``invalid syntax`` r(198)."""
    vtype, names, stub = parse_new_varlist(text)
    if stub is not None:
        names = [f"{stub}{k + 1}" for k in range(n_eq)]
    if not names or len(names) > n_eq:
        raise StataError("too many variables specified" if names else "invalid syntax", 103 if names else 198)
    for name in names:
        check_new_name(data, name)
    return vtype, names


def counted_varlist(data, text: str, least: int = 1, most: int | None = None, *,
                    empty_ok: bool = False) -> list[str]:
    """``syntax varlist(min=least max=most)``: the expanded names, or Stata's count errors.

    More than ``most``: ``too many variables specified`` r(103); fewer than ``least``: ``too few
    variables specified`` r(102). Nothing typed is ``varlist required`` r(100), unless
    ``empty_ok``, when it counts as none (too few when ``least`` > 0).  A group with no
    operator, ``(x y)``, is its variables, as in time-series and factor varlists
    (``expand_ts_varlist``): MLMUS exercise files type ``hist(re1pred)`` (heldout/paul-johnson
    ex_5_1; Stata's own verdict on a bare group in a plain varlist is unverified).
    """
    if "(" in text:
        from mlmcli.textscan import split_words

        text = " ".join(w[1:-1] if w.startswith("(") and w.endswith(")") and "(" not in w[1:-1] else w
                        for w in split_words(text))
    names = data.expand_varlist(text, allow_empty=empty_ok)
    if most is not None and len(names) > most:
        raise StataError("too many variables specified", 103)
    if len(names) < least:
        raise StataError("too few variables specified", 102)
    return names
