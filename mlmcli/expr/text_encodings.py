"""``ustrto(s, enc, mode)`` and ``ustrfrom(s, enc, mode)``: Unicode text to and from other encodings
([FN] String functions), with Python's codecs where Stata has ICU's converters.

mlm keeps text as Python strings (Unicode).  The bytes of another encoding that are not UTF-8 --
what ``ustrto()`` returns, what ``ustrfrom()`` reads -- are carried the way Python's
``surrogateescape`` does it: each such byte as one lone surrogate U+DC80..U+DCFF, which ``file
write`` and ``save`` put back as that byte (and ``strlen()`` counts as one byte).

mode, as Stata: 1 substitute (``ustrto``: the encoding's substitution character, 0x1A (ASCII SUB,
ICU's) for a one-byte encoding, ``?`` for a multibyte one; ``ustrfrom``: U+FFFD), 2 skip, 3 stop at
the first unsupported character or invalid byte and return "", 4 escape (``ustrto``: \\uhhhh or
\\Uhhhhhhhh; ``ustrfrom``: %Xhh for each invalid byte); any other value is 1.  An encoding name
Python does not know gives "".
"""
from __future__ import annotations

import codecs
import math

_SINGLE_BYTE_SUB = "\x1a"


def _codec(enc: str):
    """The codec; UTF-16 and UTF-32 without an order given are little-endian without a byte-order
    mark (each character is encoded alone)."""
    try:
        info = codecs.lookup(enc.strip())
    except (LookupError, ValueError):
        return None
    return codecs.lookup(info.name + "-le") if info.name in ("utf-16", "utf-32") else info


def _mode(mode: float) -> int:
    return int(mode) if not math.isnan(mode) and mode in (1, 2, 3, 4) else 1


def _one_byte(info) -> bool:
    try:
        return all(len(ch.encode(info.name)) <= 1 for ch in "aZ09")  # and not UTF-16/32
    except UnicodeError:
        return False


def raw_bytes(s: str) -> bytes:
    """The bytes a string stands for (lone surrogates U+DC80..U+DCFF: single bytes)."""
    return s.encode("utf-8", "surrogateescape")


def from_raw(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _valid_text(s: str) -> str:
    """s with any byte that is not UTF-8 (a lone surrogate) as U+FFFD ([M-5] ustrto: "Any invalid
    UTF-8 sequence in s is replaced with ... \\ufffd")."""
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in s)


def ustrto(s: str, enc: str, mode: float = 1.0) -> str:
    info = _codec(enc)
    if info is None:
        return ""
    text, how = _valid_text(s), _mode(mode)
    sub = _SINGLE_BYTE_SUB if _one_byte(info) else "?"
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode(info.name)
        except UnicodeEncodeError:
            if how == 2:
                continue
            if how == 3:
                return ""
            if how == 4:
                code = ord(ch)
                out += (f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}").encode("ascii")
            else:
                out += sub.encode(info.name)
    return from_raw(bytes(out))


def ustrfrom(s: str, enc: str, mode: float = 1.0) -> str:
    info = _codec(enc)
    if info is None:
        return ""
    data, how = raw_bytes(s), _mode(mode)
    if how == 1:
        return data.decode(info.name, "replace")
    if how == 2:
        return data.decode(info.name, "ignore")
    if how == 3:
        try:
            return data.decode(info.name)
        except UnicodeDecodeError:
            return ""
    return data.decode(info.name, "mlm_percent_x")


def _percent_x(err: UnicodeDecodeError):
    bad = err.object[err.start:err.end]
    return "".join(f"%X{b:02X}" for b in bad), err.end


codecs.register_error("mlm_percent_x", _percent_x)


def _table():
    from mlmcli.expr.string_functions import elementwise

    return {"ustrto": (3, 3, elementwise(ustrto, "ssn")), "ustrfrom": (3, 3, elementwise(ustrfrom, "ssn"))}


FUNCTIONS = _table()
