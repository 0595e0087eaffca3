"""Stata 14's string lengths: bytes of UTF-8, not characters.

``str#`` holds # bytes ([U] 12.4.2: a Unicode character takes 1 to 4 bytes), ``strlen()`` and
``substr()`` count bytes, ``ustrlen()`` and ``usubstr()`` characters.  Cutting a text at a byte
position can split a character; the broken bytes become U+FFFD, as ``ustrfix()`` would make them
(a Python str cannot hold an invalid UTF-8 sequence).
"""
from __future__ import annotations

MAX_STR = 2045  # the longest str#; longer text is strL


def utf8_bytes(text: str) -> bytes:
    """The text's bytes: UTF-8, a lone surrogate U+DC80..U+DCFF the one byte it carries (Python's
    surrogateescape: the bytes ``ustrto()`` makes in another encoding), another lone surrogate as
    its three bytes."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def byte_length(text: str) -> int:
    """The text's length in bytes of UTF-8 (Stata 14's ``strlen()``)."""
    return len(text) if text.isascii() else len(utf8_bytes(text))


def byte_slice(text: str, start: int, stop: int | None = None) -> str:
    """``text`` cut between byte offsets ``start`` and ``stop`` (0-based, stop exclusive);
    a split character becomes U+FFFD."""
    if text.isascii():
        return text[start:stop]
    return utf8_bytes(text)[start:stop].decode("utf-8", "replace")


def fit_bytes(text: str, width: int) -> str:
    """The longest prefix of ``text`` that fits in ``width`` bytes, whole characters only (what
    a ``str#`` variable keeps)."""
    if text.isascii():
        return text[:width]
    out, used = [], 0
    for ch in text:
        used += byte_length(ch)
        if used > width:
            break
        out.append(ch)
    return "".join(out)


def longest_bytes(values) -> int:
    """The longest text among ``values`` in bytes (0 when there is none)."""
    texts = _distinct_texts(values)
    if len(texts) >= 1000 and set(map(type, texts)) == {str} and all(map(str.isascii, texts)):
        return max(map(len, texts))  # ASCII: a byte a character, measured without a Python call a text
    return max((byte_length(str(v)) for v in texts), default=0)


def _distinct_texts(values):
    """A column's distinct texts when it is an array of Python strings (most repeat few
    values), else the values themselves."""
    from mlmcli.lazy_module import is_ndarray

    if not is_ndarray(values) or values.dtype != object or len(values) < 1000:
        return values
    import pandas as pd

    sample = values[::max(1, len(values) // 5000)]
    if len(pd.unique(sample)) == len(sample):
        return values  # (nearly) all different: finding the distinct ones costs more than it saves
    distinct = pd.unique(values)
    return distinct if set(map(type, distinct)) == {str} else values


def string_storage_type(values) -> str:
    """``str#`` wide enough in bytes for every value (at least str1), ``strL`` beyond str2045."""
    return string_type_of_width(longest_bytes(values))


def string_type_of_width(width: int) -> str:
    """The string type of text ``width`` bytes long at the most: str1 at least, strL past str2045."""
    return "strL" if width > MAX_STR else f"str{max(width, 1)}"
