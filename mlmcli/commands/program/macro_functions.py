"""More of Stata's extended macro functions ([P] macro), reached from ``macros.extended_function``:

    piece #p #l of "string" [, nobreak]      copy {local|global} name
    permname name [, length(#)]             dir "dir" {files|dirs|other} "pattern" [, nofail respectcase]
    adosubdir "filename"                    sortedby           data label
    constraint {#|dir}                      environment name
    e(scalars|macros|matrices|functions)    r(scalars|macros|matrices|functions)    s(macros)
    all {globals|scalars|matrices} ["pattern"]    all {numeric|string} scalars ["pattern"]
    {strlen|ustrlen|udstrlen} {local|global} name
    label {lab|(varname)} {maxlength | # [#2]} [, strict]

``matched_function`` returns None when the text names none of these, so the caller can go on
to its own message.  ``dir`` lists names sorted (Stata gives the operating system's order,
which is not reproducible); see docs/macro_extended_functions.md for the decisions taken.
"""
from __future__ import annotations

import fnmatch
import os
import re
import unicodedata

from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError, invalid_syntax


def matched_function(session, spec: str) -> str | None:
    for pattern, handler in _HANDLERS:
        m = re.match(pattern, spec, re.S)
        if m:
            return handler(session, m)
    return None


def macro_number(value: float) -> str:
    """A number as a macro holds it (Stata keeps up to 17 significant digits)."""
    from mlmcli.render.numfmt import format_number_with_period as format_number

    if value != value:
        from mlmcli.missing import text

        return text(value)  # `.a` stays `.a`
    return format_number(value, "%18.0g").strip()


def _options(text: str | None, known: dict[str, int]) -> dict[str, str]:
    """``, opt opt(arg)`` -> {full name: argument or ""}; an unknown option is r(198)."""
    out: dict[str, str] = {}
    for m in re.finditer(r"(\w+)\s*(?:\(([^)]*)\))?", text or ""):
        word = m.group(1).lower()
        full = next((k for k, n in known.items() if k.startswith(word) and len(word) >= n), None)
        if full is None:
            raise StataError(f"option {word} not allowed", 198)
        out[full] = m.group(2) if m.group(2) is not None else ""
    return out


def _table(session, kind: str) -> dict:
    return session.locals if kind == "local" else session.globals


# ------------------------------------------------------------------ strings
def _piece(session, m) -> str:
    from mlmcli.render.text_pieces import pieces

    number, length = int(m.group(1)), int(m.group(2))
    if number < 1 or length < 1:
        raise invalid_syntax()
    text = unquote(m.group(3))
    nobreak = "nobreak" in _options(m.group(4), {"nobreak": 7})
    parts = pieces(text, length, nobreak=nobreak)
    return parts[number - 1] if number <= len(parts) else ""


def _copy(session, m) -> str:
    return _table(session, m.group(1)).get(m.group(2), "")


def _string_length(session, m) -> str:
    value = _table(session, m.group(2)).get(m.group(3), "")
    if m.group(1) == "ustrlen":
        return str(len(value))
    if m.group(1) == "udstrlen":  # display columns: East Asian wide characters take two
        return str(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in value))
    return str(len(value.encode("utf-8")))  # strlen / length: bytes


# ------------------------------------------------------------------ data
def _permname(session, m) -> str:
    name = m.group(1)
    length = 32
    opts = _options(m.group(2), {"length": 1})
    if "length" in opts:
        try:
            length = int(opts["length"])
        except ValueError:
            raise invalid_syntax() from None
        if not 8 <= length <= 32:  # decided: the manual's range for length() is not at hand
            raise StataError("length() must be between 8 and 32", 198)
    name = re.sub(r"\W", "_", name)
    if name[0].isdigit():
        name = "_" + name
    name = name[:length]
    used = set(session.data.varnames) if session.data is not None else set()
    if name not in used:
        return name
    k = 1
    while True:
        suffix = str(k)
        candidate = name[:length - len(suffix)] + suffix
        if candidate not in used:
            return candidate
        k += 1


def _sortedby(session, m) -> str:
    return " ".join(session.data.sortedby) if session.data is not None else ""


def _data_label(session, m) -> str:
    return session.data.label if session.data is not None else ""


def _label(session, m) -> str:
    """``label {lab|(varname)} {maxlength | # [#2]} [, strict]``: the label of #, cut to #2
    characters; without one the number itself, or "" with ``strict``."""
    data = session.data
    name = data.value_label_of.get(data.resolve(m.group(2)), "") if m.group(1) else m.group(2)
    labels = data.value_labels.get(name, {})
    strict = "strict" in _options(m.group(5), {"strict": 6})
    if m.group(3) == "maxlength":
        if m.group(4) or strict:
            raise invalid_syntax()
        return str(max((len(t) for t in labels.values()), default=0))
    from mlmcli.missing import extended, order_key

    try:
        word = m.group(3)
        number = extended(word[1:]) if word.startswith(".") and len(word) <= 2 else float(word)
    except ValueError:
        raise invalid_syntax() from None
    text = labels.get(order_key(number))
    if text is None:
        return "" if strict else macro_number(number)
    return text[:int(m.group(4))] if m.group(4) else text


def _constraint(session, m) -> str:
    store = session.constraints
    if m.group(1) == "dir":
        return " ".join(str(k) for k in sorted(store))
    from mlmcli.syntax.numlist import constraint_number

    return store.get(constraint_number(m.group(1)), "")


# ------------------------------------------------------------------ files
def _adosubdir(session, m) -> str:
    name = os.path.basename(unquote(m.group(1)))
    first = name[:1].lower()
    return first if "a" <= first <= "z" else "_"


def dir_entries(folder: str, kind: str, pattern: str) -> list[str]:
    """The names (no folder) of the ``files``, ``dirs`` or ``other`` entries of ``folder``
    that match ``pattern``, sorted -- the list ``: dir`` returns; none for a folder that
    cannot be read (Stata returns nothing then)."""
    try:
        entries = os.listdir(os.path.expanduser(folder or "."))
    except OSError:
        return []
    full = os.path.join(os.path.expanduser(folder or "."), "")
    chosen = []
    for entry in sorted(entries):
        if not fnmatch.fnmatchcase(entry, pattern):
            continue
        path = full + entry
        is_dir, is_file = os.path.isdir(path), os.path.isfile(path)
        if (kind == "files" and is_file and not is_dir) or (kind == "dirs" and is_dir) \
                or (kind == "other" and not is_dir and not is_file):
            chosen.append(entry)
    return chosen


def _dir(session, m) -> str:
    folder, kind, pattern = unquote(m.group(1)), m.group(2), unquote(m.group(3))
    # respectcase only matters on Windows (case-insensitive names); here matching always
    # respects case, as Stata's does on Unix
    nofail = "nofail" in _options(m.group(4), {"nofail": 6, "respectcase": 7})
    chosen = [f'"{entry}"' for entry in dir_entries(folder, kind, pattern)]
    from mlmcli.limits import MACRO_LENGTH

    if nofail:  # the names that fit; without nofail a too-long list is the caller's r(920)
        total = -1
        for k, name in enumerate(chosen):
            total += len(name) + 1
            if total > MACRO_LENGTH:
                chosen = chosen[:k]
                break
    return " ".join(chosen)


def _environment(session, m) -> str:
    return os.environ.get(m.group(1), "")


# ------------------------------------------------------------------ stored results
def _result_names(session, m) -> str:
    letter, what = m.group(1), m.group(2)
    if letter == "e":
        e = session.e
        if e is None:
            return ""
        from mlmcli.commands.postestimation.listings import e_results_listed

        listed = e_results_listed(e)
        return " ".join(listed[("scalars", "macros", "matrices", "functions").index(what)])
    if letter == "s" and what != "macros":
        raise invalid_syntax()
    if what == "functions":
        return ""  # r() never holds a function here
    from mlmcli.commands.postestimation.listings import r_results_split

    split = r_results_split(session.r if letter == "r" else session.s)
    return " ".join(split[("scalars", "macros", "matrices").index(what)])


def _all_names(session, m) -> str:
    kind, what, pattern = m.group(1), m.group(2), unquote(m.group(3) or '"*"')
    if what == "globals" and not kind:
        names = list(session.globals)
    elif what == "matrices" and not kind:
        names = list(session.matrices)
    elif what == "scalars":
        scalars = session.scalars
        names = [k for k, v in scalars.items()
                 if not kind or (kind == "string") == isinstance(v, str)]
    else:
        raise invalid_syntax()
    return " ".join(n for n in names if fnmatch.fnmatchcase(n, pattern))


_QUOTED = r"(`\".*?\"'|\"[^\"]*\"|\S+)"
_HANDLERS = [
    (r"piece\s+(\d+)\s+(\d+)\s+of\s+(.*?)\s*(?:,\s*(\w+\s*))?$", _piece),
    (r"copy\s+(local|global)\s+(\w+)\s*$", _copy),
    (r"(strlen|ustrlen|udstrlen)\s+(local|global)\s+(\w+)\s*$", _string_length),
    (r"permname\s+(\S+?)\s*(?:,\s*(.*))?$", _permname),
    (r"sortedby\s*$", _sortedby),
    (r"data\s+l(?:a|ab|abe|abel)?\s*$", _data_label),
    (r"constraint\s+(dir|\d+)\s*$", _constraint),
    (r"label\s+(\(?)(\w+)\)?\s+(maxlength|\S+?)(?:\s+(\d+))?\s*(?:,\s*(.*))?$", _label),
    (r"adosubdir\s+" + _QUOTED + r"\s*$", _adosubdir),
    (r"dir\s+" + _QUOTED + r"\s+(files|dirs|other)\s+" + _QUOTED + r"\s*(?:,\s*(.*))?$", _dir),
    (r"env(?:i|ir|iro|iron|ironm|ironme|ironmen|ironment)?\s+(\w+)\s*$", _environment),
    (r"([ers])\((scalars|macros|matrices|functions)\)\s*$", _result_names),
    (r"all\s+(?:(numeric|string)\s+)?(globals|scalars|matrices)\s*(" + _QUOTED[1:-1] + r")?\s*$", _all_names),
]
