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


def copy_for(chars: dict, src: str, new: str) -> None:
    """``src``'s characteristics (notes included) given to ``new`` too (clonevar, vreverse, nscale)."""
    for name in names_of(chars, src):
        chars[char_key(new, name)] = chars[char_key(src, name)]


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


def xi_omitted_index(ds, var: str, values: list, numeric: bool, present, notes: list | None = None) -> int:
    """The index in ``values`` (var's sorted levels) of the level xi drops: v[omit]'s, else with
    _dta[omit] set the most frequent (the first of equals) among ``present`` (var's nonmissing
    values), else the lowest (xi.ado 2.3.4's xi_ei); a v[omit] var never equals goes to ``notes``.  The rule of ``xi`` (commands.estimation.xi) and of
    the commands that run it themselves."""
    import numpy as np

    from mlmcli.errors import StataError

    char = ds.chars.get(f"{var}[omit]")
    if char and numeric:
        try:
            float(char)
        except ValueError:
            raise StataError(f" characteristic {var}[omit] ({char}) invalid;\nvariable {var} is numeric", 198) from None
    if char:
        for k, v in enumerate(values):
            if (numeric and float(char) == float(np.float32(v))) or (not numeric and v == char):
                return k
        if notes is not None:
            notes.append(f"(characteristic {var}[omit]: {char}\nyet variable {var} never equals {char}; "
                         "characteristic ignored)")
    if ds.chars.get("omit"):
        counts = [int(np.count_nonzero(present == v)) for v in values]
        return counts.index(max(counts)) if counts else 0
    return 0


def xi_omitted_level(ds, var: str):
    """The level ``xi i.var`` drops, over every row in memory as xi reads them (None: no values);
    for the commands that run xi themselves (the streg ados' strata() before version 15)."""
    import numpy as np

    if ds.is_string(var):
        col = ds.df[var].to_numpy(dtype=object).astype(str)
        present, numeric = col[col != ""], False
    else:
        col = ds.numeric(var)
        present, numeric = col[~np.isnan(col)], True
    values = sorted(set(present.tolist()))
    if not values:
        return None
    return values[xi_omitted_index(ds, var, values, numeric, present)]


def adopt_notes(chars: dict, other: dict, evarnames) -> None:
    """The notes of ``other`` (a using file's characteristics) on ``evarnames`` (``_dta``
    and variables) added to ``chars`` after the notes already there, each note text once:
    append's and merge's default ([D] append: "incorporate notes from the using dataset that
    do not already appear in the master data"; ``nonotes``: not called)."""
    for evar in evarnames:
        try:
            last = int(float(other.get(char_key(evar, "note0"), "0") or 0))
        except ValueError:
            continue
        theirs = [other[key] for i in range(1, last + 1) if (key := char_key(evar, f"note{i}")) in other]
        if not theirs:
            continue
        try:
            count = int(float(chars.get(char_key(evar, "note0"), "0") or 0))
        except ValueError:
            count = 0
        mine = {chars.get(char_key(evar, f"note{i}")) for i in range(1, count + 1)}
        for text in theirs:
            if text not in mine:
                count += 1
                chars[char_key(evar, f"note{count}")] = text
                mine.add(text)
        chars[char_key(evar, "note0")] = str(count)
