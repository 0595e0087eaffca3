"""``syntax``'s first element ([P] syntax): what the user typed before ``if``/``in``/
``using``/``=``/the weight, read as a varlist, varname, newvarlist, newvarname, namelist,
name or anything, with the element's parameters::

    varlist(min=# max=# numeric string fv ts default=none generate id="text" name=lmac)
    namelist(min=# max=# local id="text" name=lmac)      anything(equalok everything id= name=)

varlist/varname/newvarlist/newvarname fill `varlist' (newvarlist also `typlist'),
namelist/name fill `namelist', anything `anything'; ``name=`` picks another macro.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from mlmcli.errors import StataError
from mlmcli.syntax.varlist import NAME_RE, RESERVED_NAMES, STORAGE_TYPE_RE
from mlmcli.textscan import find_top, outside_quotes

FIRST_ELEMENTS = ("varlist", "varname", "newvarlist", "newvarname", "namelist", "name", "anything")
_PARAM_RE = re.compile(r"(\w+)\s*=\s*(\"[^\"]*\"|[^\s)]*)|(\w+)")
_FLAGS = {"numeric", "string", "fv", "ts", "local", "everything", "equalok", "generate"}


@dataclass
class ElementSpec:
    kind: str
    params: str = ""
    optional: bool = False
    values: dict = field(default_factory=dict)
    flags: set = field(default_factory=set)

    def __post_init__(self):
        for m in _PARAM_RE.finditer(self.params):
            if m.group(3):
                if m.group(3).lower() not in _FLAGS:
                    raise StataError(f"invalid syntax specification: {self.kind}({self.params})", 197)
                self.flags.add(m.group(3).lower())
            else:
                key = m.group(1).lower()
                if key not in ("min", "max", "default", "id", "name"):
                    raise StataError(f"invalid syntax specification: {self.kind}({self.params})", 197)
                self.values[key] = m.group(2).strip('"')

    @property
    def local(self) -> str:
        default = {"namelist": "namelist", "name": "namelist", "anything": "anything"}.get(self.kind, "varlist")
        return self.values.get("name", default)

    def bounds(self) -> tuple[int, int]:
        try:
            lo = int(self.values.get("min", 1))
            hi = 1 if self.kind in ("varname", "newvarname", "name") else int(self.values.get("max", 120_000))
        except ValueError:
            raise StataError(f"invalid syntax specification: {self.kind}({self.params})", 197) from None
        return lo, hi


def element_spec(body: str, optional: bool) -> ElementSpec | None:
    """``varlist(min=2)`` -> its ElementSpec; None for a word that is no first element."""
    m = re.fullmatch(r"(\w+)\s*(?:\((.*)\))?", body.strip(), re.S)
    if m is None or m.group(1).lower() not in FIRST_ELEMENTS:
        return None
    return ElementSpec(m.group(1).lower(), m.group(2) or "", optional)


def split_typed(text: str, keep_equals: bool) -> tuple[str, str | None, str | None]:
    """What the user typed before the options, if, in and weight -> (the first element's words,
    the using file or None, the =exp or None).  ``keep_equals``: anything(equalok) without an
    =exp element keeps its ``=``."""
    main, using, exp = text.strip(), None, None
    k = _top_word(main, "using")
    if k >= 0:
        main, using = main[:k].rstrip(), main[k + 5:].strip()
    if not keep_equals:
        k = _top_equals(main)
        if k >= 0:
            main, exp = main[:k].rstrip(), main[k + 1:].strip()
    return main, using, exp


def _top_word(text: str, word: str) -> int:
    start = 0
    while True:
        k = find_top(text, word, start)
        if k < 0:
            return -1
        before = text[k - 1] if k else " "
        after = text[k + len(word)] if k + len(word) < len(text) else " "
        if before.isspace() and (after.isspace() or after == '"'):
            return k
        start = k + 1


def _top_equals(text: str) -> int:
    for i in outside_quotes(text):
        if text[i] == "=" and find_top(text, "=", i) == i:
            prev, nxt = text[i - 1:i], text[i + 1:i + 2]
            if prev not in ("=", "<", ">", "!", "~") and nxt != "=":
                return i
    return -1


def fill_first(session, spec: ElementSpec, text: str) -> None:
    """Set the first element's local(s) from the words typed."""
    loc = session.locals
    if spec.kind == "newvarlist" or spec.kind == "newvarname":
        loc["typlist"] = ""
    if not text.strip():
        if not spec.optional:
            raise StataError(_required_message(spec), 100 if spec.kind not in ("namelist", "name") else 198)
        everything = spec.kind == "varlist" and spec.values.get("default", "all") != "none"
        loc[spec.local] = " ".join(session.data.varnames) if everything else ""
        return
    if spec.kind == "anything":
        loc[spec.local] = text.strip()
        return
    if spec.kind in ("namelist", "name"):
        names = text.split()
        check_names(names, local="local" in spec.flags)
        _check_count(len(names), spec, "names")
        loc[spec.local] = " ".join(names)
        return
    names, types = variables(session, spec, text)
    loc[spec.local] = " ".join(names)
    if types:
        loc["typlist"] = " ".join(types)


def _required_message(spec: ElementSpec) -> str:
    if "id" in spec.values:
        return f"{spec.values['id']} required"
    if spec.kind == "anything":
        return "something required"
    if spec.kind in ("namelist", "name"):
        return "nothing found where name expected"
    return "varlist required"


def check_names(names: list[str], local: bool = False) -> None:
    """Each word a name (``local``: a local macro name, which may start with a digit or _)."""
    for name in names:
        ok = re.fullmatch(r"\w{1,31}", name) if local else (NAME_RE.fullmatch(name) and name not in RESERVED_NAMES)
        if not ok:
            raise StataError(f"{name} invalid name", 198)


def _check_count(count: int, spec: ElementSpec, what: str) -> None:
    lo, hi = spec.bounds()
    if count > hi:
        raise StataError(f"too many {what} specified", 103)
    if count < lo:
        raise StataError(f"too few {what} specified", 102)


def variables(session, spec: ElementSpec, text: str) -> tuple[list[str], list[str]]:
    """(the variable names, the storage types of new ones) for a variable element."""
    data = session.data
    types: list[str] = []
    if spec.kind.startswith("new"):
        names, current = [], "float"
        for word in text.split():
            if STORAGE_TYPE_RE.match(word):
                current = word
                continue
            if not NAME_RE.fullmatch(word) or word in RESERVED_NAMES:
                raise StataError(f"{word} invalid name", 198)
            if word in data.varnames:
                raise StataError(f"variable {word} already defined", 110)
            names.append(word)
            types.append(current)
    else:
        names = _existing(data, spec.flags, text)
    _check_count(len(names), spec, "variables")
    return names, types


def _existing(data, flags: set, text: str) -> list[str]:
    from mlmcli.textscan import split_words
    from mlmcli.time_series_ops import expand_ts_varlist, is_time_series_operator, split_operated

    # varlist(ts): L(1/2).y -> L.y L2.y in Stata's spelling (as tsunab expands it);
    # varlist(fv): i.x, c.x#c.z, 2.g kept as typed
    expand = (lambda t: expand_ts_varlist(data, t)) if "ts" in flags else data.expand_varlist

    def factor(word: str) -> bool:
        op = word.partition(".")[0] if "." in word else ""
        return "#" in word or (bool(re.match(r"[icob\d(]", op, re.I)) and not is_time_series_operator(op))

    if "fv" in flags:
        names = []
        for word in split_words(text):
            names += [word] if factor(word) else expand(word)
    else:
        if any(factor(word) for word in split_words(text)):
            raise StataError("factor-variable and time-series operators not allowed", 101)
        names = expand(text)
    if "ts" not in flags and any(split_operated(n) for n in names):
        raise StataError("time-series operators not allowed", 101)  # varlist without (ts)
    for name in names:
        if "numeric" in flags and data.is_string(name):
            raise StataError("string variables not allowed in varlist;", 109)
        if "string" in flags and not data.is_string(name):
            raise StataError("numeric variables not allowed in varlist;", 109)
    return names
