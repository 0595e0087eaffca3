"""vce()'s synonyms for the replication types, read once before a command sees its options.

_vce_parserun.ado (Stata 16's copy, version 1.3.6; its unabVCEtype) reads vce()'s first word with

    syntax [, BOOTstrap BStrap JACKknife JACKNife JKnife Robust * ]

and takes ``bstrap`` as ``bootstrap`` and ``jacknife``/``jknife`` as ``jackknife``: so
``vce(bs)``, ``vce(bst)`` ... ``vce(bstrap)``, ``vce(jk)`` ... ``vce(jknife)`` and ``vce(jackn)``
... ``vce(jacknife)`` are ``vce(bootstrap)``/``vce(jackknife)`` for every command that runs
_vce_parserun.  The word is rewritten to its full name (the rest of vce() kept as typed), so each
command's own reading of ``bootstrap``/``jackknife`` applies.  ``boot``..``bootstrap`` and
``jack``..``jackknife`` are the commands' own abbreviations and are left alone.
"""
from __future__ import annotations

import re

# (the synonym, its minimal abbreviation, the vcetype it names): unabVCEtype's BStrap, JACKNife, JKnife
_SYNONYMS = (("bstrap", 2, "bootstrap"), ("jacknife", 5, "jackknife"), ("jknife", 2, "jackknife"))


def canonical_vce(typed: str) -> str:
    """``typed`` (vce()'s text) with a synonym first word replaced by bootstrap/jackknife."""
    text = str(typed)
    found = re.match(r"\s*([^\s,]+)", text)
    if found is None:
        return text
    word = found.group(1)  # syntax's BStrap, JKnife ...: the case counts
    for synonym, minimum, full in _SYNONYMS:
        if len(word) >= minimum and synonym.startswith(word):
            return text[:found.start(1)] + full + text[found.end(1):]
    return text


def canonical_vce_options(options: tuple) -> tuple:
    """A command's parsed options with each ``vce()`` read through ``canonical_vce`` (VCE(): no
    abbreviation); the same tuple when nothing changes."""
    from dataclasses import replace

    changed = tuple(replace(o, arg=canonical_vce(o.arg)) if o.name == "vce" and o.arg is not None else o
                    for o in options)
    return options if changed == options else changed


# vce()'s first word once canonical_vce has run: bootstrap/jackknife and their own abbreviations
_REPLICATION = (("bootstrap", 4), ("jackknife", 4))


def replication_kind(word: str) -> str | None:
    """``bootstrap`` or ``jackknife`` when vce()'s first word names one (the commands' own
    abbreviations and unabVCEtype's synonyms), else None."""
    typed = canonical_vce(word).strip()
    return next((full for full, minimum in _REPLICATION if len(typed) >= minimum and full.startswith(typed)), None)


def with_command_nodots(options: tuple) -> tuple:
    """A command's ``nodots`` typed beside ``vce(bootstrap|jackknife [, ...])`` moved into that
    vce() (the same tuple when there is none).  _vce_parserun.ado 1.3.6 reads the command's
    options with ``syntax ... [, VCE(string asis) VCE1(string asis) Robust NODOTS ...  *]`` and
    runs ``bootstrap|jackknife `vceopts' `nodots' : caller ...``: so ``logit y x, vce(bs,
    reps(5)) nodots`` is ``vce(bs, reps(5) nodots)``.  NODOTS: no abbreviation; only with a
    replication vce() (another vce(), or none, leaves ``nodots`` to the command, which refuses
    it)."""
    from dataclasses import replace

    at = [i for i, o in enumerate(options) if o.name == "vce" and o.arg is not None]
    dots = [i for i, o in enumerate(options) if o.name == "nodots" and o.arg is None]
    if not at or not dots:
        return options
    vce = options[at[-1]].arg
    head, comma, rest = str(vce).partition(",")
    words = head.split()  # bs, jk ... too when called before canonical_vce_options
    if len(words) != 1 or replication_kind(words[0]) is None:
        return options
    moved = f"{head}, {rest.strip()} nodots" if comma and rest.strip() else f"{head.rstrip()}, nodots"
    return tuple(replace(o, arg=moved) if i == at[-1] else o for i, o in enumerate(options) if i not in dots)


def command_options(options: tuple) -> tuple:
    """A command's options as _vce_parserun reads them: vce()'s synonym word read
    (``canonical_vce_options``), then a ``nodots`` beside a replication vce() moved into it
    (``with_command_nodots``).  The runner's one reading for every command it splits into options,
    and the twoway fits' ``estopts()`` (``canonical_estopts``); the same tuple when nothing changes."""
    return with_command_nodots(canonical_vce_options(options))


def canonical_estopts(typed: str) -> str:
    """The twoway fits' ``estopts()`` text as the estimation command reads its options
    (``command_options``): lfit/qfit/... run ``regress y x ..., estopts`` and fpfit ``fracpoly
    estcmd y x, estopts``, so ``estopts(vce(bs, reps(5)) nodots)`` is ``vce(bootstrap, reps(5)
    nodots)``.  The text as typed when nothing changes (or when it does not read as options: the
    fit's own reading reports that)."""
    from mlmcli.errors import StataError
    from mlmcli.syntax.options import read_options

    try:
        options = read_options(str(typed))
    except StataError:
        return typed
    read = command_options(options)
    if read is options:
        return typed
    return " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in read)


def as_typed(message: str, typed: tuple, read: tuple) -> str:
    """A refusal's text with the vce() it echoes as typed (``vcetype 'bs' not allowed``, ``option
    vce(jk) is not allowed``), not as rewritten: ``typed``/``read`` are the options before and
    after ``canonical_vce_options`` (and ``with_command_nodots``: its vce() options are paired)."""
    typed = tuple(o for o in typed if o.name == "vce" and o.arg is not None)
    read = tuple(o for o in read if o.name == "vce" and o.arg is not None)
    for before, after in zip(typed, read):
        if before is after or before.arg == after.arg:
            continue
        pairs = [(after.arg.strip(), before.arg.strip())]
        pairs.append((re.split(r"[\s,]", pairs[0][0], maxsplit=1)[0], re.split(r"[\s,]", pairs[0][1], maxsplit=1)[0]))
        for canon, shown in pairs:
            message = message.replace(f"vce({canon})", f"vce({shown})").replace(f"'{canon}'", f"'{shown}'")
    return message
