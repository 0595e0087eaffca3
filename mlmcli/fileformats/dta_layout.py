"""The parts of Stata's ``.dta`` format that the reader and the writer share.

Releases handled here: 113 (Stata 8-9), 114 (Stata 10-11), 115 (Stata 12) -- the
"old" binary layout with a fixed header -- and 117 (Stata 13), 118 (Stata 14-18),
119 (Stata 15+ with more than 32,767 variables) -- the tagged layout
``<stata_dta><header>...</stata_dta>``.  Field sizes differ by release
(:class:`Layout`); the missing-value codes are the same in all of them:

======  ==========================  =====================================
type    largest non-missing         ``.``, then ``.a`` ... ``.z``
======  ==========================  =====================================
byte    100                         101, 102 ... 127
int     32,740                      32,741 ... 32,767
long    2,147,483,620               2,147,483,621 ... 2,147,483,647
float   just below 2^127            bits 0x7f000000 + k * 0x800
double  just below 2^1023           bits 0x7fe0000000000000 + k * 2^40
======  ==========================  =====================================
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlmcli.missing import extended, LETTERS

# tagged-format type codes (117+): 1..2045 are str#
STRL = 32768
NEW_CODES = {"double": 65526, "float": 65527, "long": 65528, "int": 65529, "byte": 65530}
NEW_TYPES = {v: k for k, v in NEW_CODES.items()}
# old-format type codes (113-115): 1..244 are str#
OLD_CODES = {"byte": 251, "int": 252, "long": 253, "float": 254, "double": 255}
OLD_TYPES = {v: k for k, v in OLD_CODES.items()}

NUMPY_TYPES = {"byte": "i1", "int": "i2", "long": "i4", "float": "f4", "double": "f8"}
INT_MISSING = {"byte": 101, "int": 32741, "long": 2147483621}  # the code of "."
FLOAT_MISSING_BITS = 0x7F000000
FLOAT_STEP = 0x800
DOUBLE_MISSING_BITS = 0x7FE0000000000000
DOUBLE_STEP = 1 << 40
LONG_MISSING_LABEL = 2147483621  # value labels of . and .a-.z sit on long's missing codes

# NaN carrying each code: index 0 is ".", 1..26 are .a-.z (mlmcli/missing.py)
MISSING_FLOATS = np.array([extended("")] + [extended(c) for c in LETTERS], dtype=np.float64)

MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass(frozen=True)
class Layout:
    release: int
    name_len: int  # bytes of a variable, value-label or characteristic name field
    fmt_len: int
    varlabel_len: int
    data_label_len: int  # old layout: fixed field; tagged: longest label in bytes
    k_bytes: int  # tagged layout: bytes of K (and of a sort-list entry)
    n_bytes: int  # tagged layout: bytes of N
    label_len_bytes: int  # tagged layout: bytes of the data label's length
    strl_v_bits: int  # tagged layout: bits of v in a (v,o) strL reference
    gso_o_bytes: int  # tagged layout: bytes of o in a GSO
    max_str: int
    utf8: bool

    @property
    def tagged(self) -> bool:
        return self.release >= 117


LAYOUTS = {
    113: Layout(113, 33, 12, 81, 81, 2, 4, 0, 0, 0, 244, False),
    114: Layout(114, 33, 49, 81, 81, 2, 4, 0, 0, 0, 244, False),
    115: Layout(115, 33, 49, 81, 81, 2, 4, 0, 0, 0, 244, False),
    117: Layout(117, 33, 49, 81, 80, 2, 4, 1, 32, 4, 2045, False),
    118: Layout(118, 129, 57, 321, 320, 2, 8, 2, 16, 8, 2045, True),
    119: Layout(119, 129, 57, 321, 320, 4, 8, 2, 24, 8, 2045, True),
}


def decode_text(raw: bytes, utf8: bool) -> str:
    """A null-terminated text field.  Releases before 118 hold one byte per character
    (Latin-1); such a file written by a newer Stata's ``saveold`` may hold UTF-8, which
    is taken as UTF-8 when it is valid."""
    raw = raw.split(b"\0", 1)[0]
    if utf8:
        return raw.decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def label_key(value: int) -> float:
    """A value-label value from a file; long's missing codes become ``.``/``.a``... order keys."""
    from mlmcli.missing import order_key
    if value >= LONG_MISSING_LABEL:
        k = value - LONG_MISSING_LABEL
        return order_key(extended(LETTERS[k - 1] if 1 <= k <= 26 else ""))
    return float(value)


def file_label_value(key: float) -> int | None:
    """Inverse of :func:`label_key`; None for a value a .dta cannot label (non-integer)."""
    from mlmcli.missing import code, from_order_key
    if key >= 1e308:
        return LONG_MISSING_LABEL + max(int(code(from_order_key(key))), 0)
    if key != int(key) or not -2147483647 <= key <= 2147483620:
        return None
    return int(key)
