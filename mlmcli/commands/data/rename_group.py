"""``rename`` of several variables at once ([D] rename group):

    rename (old1 old2 ...) (new1 new2 ...)
    rename old* new*          (also ``*_1 *``, ``x? y?``: each ``*``/``?`` of the new name is
                               what the same wildcard matched in the old one, in order)
    rename oldvars, upper | lower | proper

Every new name is checked before anything changes: a name already in use by a variable
not being renamed is r(110), an invalid one r(198); wildcard counts that differ are r(198).
The ``#`` wildcard, ``=``, ``.`` and the ``addnumber``/``renumber``/``dryrun``/``r`` options
are refused.
"""
from __future__ import annotations


import re

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import NAME_RE, RESERVED_NAMES

_CASES = {"upper": str.upper, "lower": str.lower, "proper": lambda n: n[:1].upper() + n[1:].lower()}


def _pattern_pairs(ds, old: str, new: str) -> list[tuple[str, str]]:
    """(old name, new name) for ``rename old* new*``-style patterns."""
    wild = re.findall(r"[*?]", old)
    if re.findall(r"[*?]", new) != wild[:len(re.findall(r"[*?]", new))] or len(re.findall(r"[*?]", new)) != len(wild):
        raise StataError(f"{new}: wildcards in the new name must match those in the old name ({old})", 198)
    regex = re.compile("^" + "".join("(.*)" if c == "*" else "(.)" if c == "?" else re.escape(c) for c in old) + "$")
    pairs = []
    for name in ds.varnames:
        m = regex.match(name)
        if not m:
            continue
        parts = iter(m.groups())
        pairs.append((name, "".join(next(parts) if c in "*?" else c for c in new)))
    if not pairs:
        raise StataError(f"variable {old} not found", 111)
    return pairs


def rename_pairs(ds, text: str, options) -> list[tuple[str, str]] | None:
    """The renames a group form asks for, or None when ``text`` is ``rename old new``."""
    opts = resolve_options(options, [OptionSpec("upper", 1), OptionSpec("lower", 1), OptionSpec("proper", 1)])
    cases = [k for k in _CASES if k in opts]
    if len(cases) > 1:
        raise StataError(f"options {cases[0]} and {cases[1]} may not be combined", 198)
    if "#" in text or "=" in text:
        raise StataError("rename: the # wildcard and = are not available in mlm", 198)
    if cases:
        names = list(dict.fromkeys(ds.expand_varlist(text.strip("() \t"))))
        return [(n, _CASES[cases[0]](n)) for n in names]
    m = re.match(r"^\((.*?)\)\s*\((.*?)\)$", text)
    if m:
        olds, news = m.group(1).split(), m.group(2).split()
    else:
        olds, news = text.split()[:1], text.split()[1:]
        if len(news) != 1:
            return None
    if len(olds) != len(news):
        raise StataError("number of old and new names differ", 198)
    pairs = []
    for o, n in zip(olds, news):
        if any(c in o for c in "*?"):
            pairs.extend(_pattern_pairs(ds, o, n))
        elif any(c in n for c in "*?"):
            raise StataError(f"{n}: wildcards in the new name must match those in the old name ({o})", 198)
        else:
            pairs.append((ds.resolve(o), n))
    return pairs


def apply_renames(ds, pairs: list[tuple[str, str]]) -> None:
    """Check every new name, then rename (through temporary names, so a swap works)."""
    olds = [o for o, _ in pairs]
    if len(set(olds)) != len(olds):
        raise StataError("a variable is renamed twice", 198)
    news = [n for _, n in pairs]
    if len(set(news)) != len(news):
        raise StataError("two variables would have the same new name", 198)
    for o, n in pairs:
        if not NAME_RE.match(n) or n in RESERVED_NAMES:
            raise StataError(f"{n} invalid name", 198)
        if n != o and n in ds.varnames and n not in olds:
            raise StataError(f"variable {n} already defined", 110)
    moving = [(o, n) for o, n in pairs if o != n]
    temps = []
    for k, (o, n) in enumerate(moving):
        temp = f"__mlm_rename_{k}"
        ds.rename_variable(o, temp)
        temps.append((temp, n))
    for temp, n in temps:
        ds.rename_variable(temp, n)



