"""The absorbed factors of the HDFE commands (ppmlhdfe, ivreghdfe): ``var``, ``i.var`` and
intercept interactions ``i.a#i.b`` (``#`` of any number of variables), each one factor whose
categories are the observed combinations -- ms_parse_absvars' canonical name ``a#b``.
Slopes (``##``, ``c.``) are each command's own refusal.

``absorb_text`` drops double quotes (also compound ones) around the absvars: a do-file that
keeps its absvars in a global made of two quoted strings (``global fe "a b" "c#d"``,
then ``absorb("$fe")``) runs in Stata -- the replication package of Shrinivas et al. (2025)
estimates every table that way -- so the quotes only group words; which step of
reghdfe's parsing drops them was not traced.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.errors import StataError
from mlmcli.sorted_codes import row_codes

_QUOTES = re.compile(r'`"|"\'|"')


def absorb_text(text: str) -> str:
    """absorb()'s text with its double quotes dropped (the words they grouped kept apart)."""
    return _QUOTES.sub(" ", text)


def slope_word(word: str) -> bool:
    """A heterogeneous-slope absvar (``i.a##c.x``, ``i.a#c.x``)."""
    return "##" in word or bool(re.search(r"(^|#)c\.", word, re.I))


def intercept_factor(ds, word: str) -> list[str]:
    """The variables of one intercept absvar (``i.`` prefixes dropped, names resolved)."""
    parts = []
    for part in word.split("#"):
        if part[:2].lower() == "i.":
            part = part[2:]
        if "." in part or not part:
            raise StataError(f"absorb({word}) invalid", 198)
        parts.append(ds.resolve(part))
    return parts


def factor_codes(ds, variables: list[str], sample: np.ndarray) -> np.ndarray:
    """Codes 0..G-1 of a factor's categories (the observed combinations) on the sample rows."""
    from mlmcli.commands.estimation.common import group_codes

    codes = [group_codes(ds, v, sample) for v in variables]
    if len(codes) == 1:
        return codes[0]
    return row_codes(codes).astype(np.int64)
