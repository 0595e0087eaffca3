"""``notes`` ([D] notes): notes kept as characteristics, as Stata's notes.ado keeps them --
``evar[note0]`` holds the number of the last note, ``evar[note1]``, ``evar[note2]``, ... the
texts (a dropped note leaves a gap until ``notes renumber``).  So ``char list`` shows them,
and they are saved, renamed and dropped with the characteristics.

Subcommands: ``notes [evarname]: text`` (add; `` TS `` becomes a time stamp), ``notes``
and ``notes [list] evarlist [in #[/#]]`` (list), ``notes search text``, ``notes replace
evarname in # : text``, ``notes drop evarlist [in #[/#]]``, ``notes renumber evarname``,
and the programmer's ``notes _count lname : evarname``, ``notes _fetch lname : evarname #``,
``notes _dir lname``.
"""
from __future__ import annotations

import re
import time

from mlmcli.characteristics import DTA, char_key
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.render.lrtest import wrap_paragraph

LAST_NOTE = 9999
_LAST = 10000  # `in #/l`: the range element l


def cmd_notes(session, cmd) -> None:
    text = cmd.args.strip()
    if not text:
        _list(session, "")
        return
    m = re.match(r"([^\s:]+|:)\s*", text)
    one, rest = m.group(1), text[m.end():]
    if "list".startswith(one):  # l, li, lis, list
        _list(session, rest)
    elif one in _SUBCOMMANDS:
        _SUBCOMMANDS[one](session, rest)
    elif one == ":":
        _add(session, DTA, rest)
    elif rest.startswith(":"):
        _add(session, _evarname(session, one), rest[1:])
    else:
        _list(session, text)


def _evarname(session, name: str) -> str:
    return name if name == DTA else session.data.resolve(name)


def _note(chars: dict, evar: str, i: int) -> str:
    return chars.get(char_key(evar, f"note{i}"), "")


def _count(chars: dict, evar: str) -> int | None:
    """``evar[note0]`` as a number (None when it is not one)."""
    try:
        return int(float(chars.get(char_key(evar, "note0"), "")))
    except ValueError:
        return None


def _add(session, evar: str, text: str) -> None:
    text = text.strip()
    if not text:
        session.print("  (no note added)")
        return
    chars = session.data.chars
    n = _count(chars, evar)
    if n is not None and n >= LAST_NOTE:
        raise StataError("too many notes", 103)
    n = 1 if n is None else n + 1
    chars[char_key(evar, "note0")] = str(n)
    chars[char_key(evar, f"note{n}")] = _stamped(text)
    session.data.changed = True


def _stamped(text: str) -> str:
    """The word ``TS`` becomes the date and time, ``substr("$S_DATE $S_TIME", 1, 17)``."""
    stamp = time.strftime("%e %b %Y %H:%M")
    return " ".join(stamp if w == "TS" else w for w in text.split(" "))


def _parse(session, text: str) -> tuple[bool, list[str], int, int]:
    """``[evarlist] [in #[/#]]`` -> (a list was typed, the names, first, last).  No list:
    ``_dta`` and every variable; ``_dta`` typed (or ``_all``) puts ``_dta`` last."""
    padded = f" {text.strip()} "
    at = padded.find(" in ")
    rawlist, rawin = (padded[:at].strip(), padded[at + 4:].strip()) if at >= 0 else (text.strip(), "")
    ds = session.data
    if not rawlist:
        names, typed = [DTA, *ds.varnames], False
    else:
        words = rawlist.split()
        has_dta = DTA in words
        words = [w for w in words if w != DTA]
        names = ds.expand_varlist(words) if words else []
        if has_dta or rawlist == "_all":
            names.append(DTA)
        typed = True
    if not rawin:
        return typed, names, 1, LAST_NOTE
    m = re.fullmatch(r"([^\s/]+)\s*(?:/\s*([^\s/]+))?", rawin)
    if m:
        first = _range_element(m.group(1))
        last = first if m.group(2) is None else _range_element(m.group(2))
        if first <= last:
            return typed, names, first, last
    raise StataError(f"in {rawin}:  invalid", 198)


def _range_element(el: str) -> int:
    if el in ("f", "F"):
        return 1
    if el in ("l", "L"):
        return _LAST
    if re.fullmatch(r"\d+", el) and 1 <= int(el) <= LAST_NOTE:
        return int(el)
    raise StataError(f"{el}:  invalid range element", 198)


def _show(session, evar: str, numbered: list[tuple[int, str]]) -> None:
    """A blank line, ``evar:``, and each note as ``{p p0 p1}#. text{p_end}``."""
    session.print("")
    session.print(f"{evar}:")
    for i, text in numbered:
        k = len(str(i))
        lines = wrap_paragraph(f"{i}. {text}", session.linesize, first=max(3 - k, 0),
                               hanging=7 if k > 3 else 6, right=0)
        session.print("\n".join(lines))


def _list(session, text: str) -> None:
    _, names, first, last = _parse(session, text)
    chars = session.data.chars
    for evar in names:
        n = _count(chars, evar)
        if n is None:
            continue
        n = min(n, last)
        shown = [(i, _note(chars, evar, i)) for i in range(first, n + 1) if _note(chars, evar, i)]
        if shown:
            _show(session, evar, shown)


def _search(session, text: str) -> None:
    words = text.split()
    if not words:
        raise StataError("something required", 100)
    if len(words) > 1:
        raise invalid_syntax()
    chars, found = session.data.chars, False
    for evar in [DTA, *session.data.varnames]:
        n = _count(chars, evar)
        hits = [(i, _note(chars, evar, i)) for i in range(1, (n or 0) + 1) if words[0] in _note(chars, evar, i)]
        if hits:
            _show(session, evar, hits)
            found = True
    if not found:
        session.print(f"{words[0]}: not found")


def _replace(session, text: str) -> None:
    m = re.match(r"(\S+)\s+in\s+([^\s:]+)\s*:(.*)$", text, re.S)
    if not m or not re.fullmatch(r"-?\d+", m.group(2)):
        raise invalid_syntax()
    evar = m.group(1)
    if evar != DTA:
        try:
            evar = session.data.resolve(evar)
        except StataError as err:
            session.print(err.message)
            raise StataError("", 198) from None
    num, new = int(m.group(2)), m.group(3).strip()
    chars = session.data.chars
    if not new or not _note(chars, evar, num):
        session.print("  (no note replaced)")
        return
    chars[char_key(evar, f"note{num}")] = _stamped(new)
    session.data.changed = True
    session.print(f"  (note {num} for {m.group(1)} replaced)")


def _drop(session, text: str) -> None:
    typed, names, first, last = _parse(session, text)
    if not typed:
        raise invalid_syntax()
    chars, total = session.data.chars, 0
    for evar in names:
        n = _count(chars, evar)
        if n is None:
            continue
        top = min(last, n)
        start = top if first == _LAST else first
        present = [i for i in range(start, top + 1) if _note(chars, evar, i)]
        if not present:
            continue
        for i in range(present[0], top + 1):
            if chars.pop(char_key(evar, f"note{i}"), None):
                total += 1
        remaining = [i for i in range(n, 0, -1) if _note(chars, evar, i)]
        if remaining:
            chars[char_key(evar, "note0")] = str(remaining[0])
        else:
            chars.pop(char_key(evar, "note0"), None)
    if total:
        session.data.changed = True
    session.print(f"  ({total} {'note' if total == 1 else 'notes'} dropped)")


def _renumber(session, text: str) -> None:
    words = text.split(None, 1)
    if not words:
        raise StataError("nothing found where varname or _dta expected", 198)
    if len(words) > 1:
        raise StataError(f"{words[1].strip()} found where nothing expected", 198)
    evar = words[0]
    if evar != DTA:
        try:
            evar = session.data.resolve(evar)
        except StataError:
            raise StataError(f"{words[0]} found where varname or _dta expected", 111) from None
    chars = session.data.chars
    n = _count(chars, evar)
    if n is None or n <= 0:
        return
    texts = [_note(chars, evar, i) for i in range(1, n + 1)]
    for i in range(1, n + 1):
        chars.pop(char_key(evar, f"note{i}"), None)
    kept = [t for t in texts if t]
    chars[char_key(evar, "note0")] = str(len(kept))
    for i, t in enumerate(kept, start=1):
        chars[char_key(evar, f"note{i}")] = t
    session.data.changed = True


def _programmer(session, text: str, what: str) -> None:
    """``_count lname : evarname``, ``_fetch lname : evarname #``, ``_dir lname``: the
    answer in the caller's local ``lname``."""
    words = text.replace(":", " : ").split()
    if not words:
        raise invalid_syntax()
    chars, dest = session.data.chars, words[0]
    if what == "_dir":
        with_notes = [v for v in session.data.varnames if chars.get(char_key(v, "note0"), "0") != "0"]
        value = " ".join(([DTA] if chars.get("note0", "0") != "0" else []) + sorted(with_notes))
    elif len(words) >= 3 and words[1] == ":":
        evar = words[2]
        if what == "_count":
            value = chars.get(char_key(evar, "note0"), "") or "0"
        else:
            value = chars.get(char_key(evar, f"note{words[3] if len(words) > 3 else ''}"), "")
    else:
        raise invalid_syntax()
    session.locals[dest] = value


_SUBCOMMANDS = {
    "drop": _drop, "search": _search, "replace": _replace, "renumber": _renumber,
    "_count": lambda s, t: _programmer(s, t, "_count"),
    "_fetch": lambda s, t: _programmer(s, t, "_fetch"),
    "_dir": lambda s, t: _programmer(s, t, "_dir"),
}
