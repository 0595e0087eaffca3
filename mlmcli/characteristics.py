"""Characteristics ([P] char, [U] 12.8): named texts attached to the dataset (``_dta``) and
to each variable, kept in ``Dataset.chars``.

Keys: ``_dta[name]`` is stored under ``name``, a variable's ``x[name]`` under ``"x[name]"``
(the form the .dta reader, writer and parquet store already use).  The dict keeps the order
of definition; a redefinition keeps its place.  Characteristics follow their variable
through ``rename`` and go with it on ``drop``.
"""
from __future__ import annotations

DTA = "_dta"


def char_key(evarname: str, charname: str) -> str:
    """The key of ``evarname[charname]`` in ``Dataset.chars``."""
    return charname if evarname == DTA else f"{evarname}[{charname}]"


def split_key(key: str) -> tuple[str, str]:
    """``"x[name]"`` -> ("x", "name"); ``"name"`` -> ("_dta", "name")."""
    if "[" in key and key.endswith("]"):
        var, name = key[:-1].split("[", 1)
        return var, name
    return DTA, key


def names_of(chars: dict, evarname: str) -> list[str]:
    """The characteristic names of ``evarname``, in the order of definition."""
    return [name for var, name in map(split_key, chars) if var == evarname]


def drop_for(chars: dict, names) -> None:
    """Remove the characteristics of the variables ``names`` (``drop``, ``keep``)."""
    names = set(names)
    for key in [k for k in chars if split_key(k)[0] in names and "[" in k]:
        del chars[key]


def rename_in(chars: dict, old: str, new: str) -> None:
    """``old``'s characteristics become ``new``'s, each keeping its place."""
    if not any(k.startswith(old + "[") for k in chars):
        return
    renamed = {}
    for key, text in chars.items():
        var, name = split_key(key)
        renamed[char_key(new, name) if var == old and "[" in key else key] = text
    chars.clear()
    chars.update(renamed)


def rename_in_settings(chars: dict, old: str, new: str, keys) -> None:
    """The dataset characteristics ``keys`` (xtset's ``_dta[_TSpanel]``, ``_dta[_TStvar]`` ...)
    that name ``old`` name ``new`` after ``rename``: the settings follow the variable, as after
    Stata's rename ``xtset`` reports the new name (docs/xtset_rename.md)."""
    for key in keys:
        if str(chars.get(key, "")).strip() == old:
            chars[key] = new


def has_notes(chars: dict, evarname: str) -> bool:
    """Whether ``notes`` are attached (``evar[note0]`` set and not 0, as notes.ado's _dir)."""
    return chars.get(char_key(evarname, "note0"), "0") not in ("", "0")
