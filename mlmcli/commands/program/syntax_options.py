"""``syntax``'s options part ([P] syntax): the declarations after the comma and the options
the user typed, into local macros.

Declarations: ``Name`` (a flag; ``noName`` -- lowercase no, then a capital -- an on/off flag
whose local is ``name`` holding ``noname``), ``Name(string [asis])``, ``Name(integer #)``, ``Name(real #)``,
``Name(numlist ...)``, ``Name(varlist|varname|newvarlist|newvarname ...)``,
``Name(namelist)``, ``Name(name)``, ``Name(passthru)``, ``Name(cilevel)`` and ``*``.
The leading capitals are the shortest abbreviation; an all-lowercase name must be typed in
full.  The user types the name in lowercase (``DETAIL`` does not match ``Detail``).
Declarations outside square brackets are required.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from mlmcli.errors import StataError, option_not_allowed

_KINDS = ("string", "integer", "real", "numlist", "varlist", "varname", "newvarlist", "newvarname",
          "namelist", "name", "passthru", "cilevel")


@dataclass
class OptionDecl:
    name: str  # the option's full name, lower case (noName: "noname")
    negated: bool  # declared noName (lowercase no, then a capital): an on/off flag
    min_abbrev: int
    kind: str  # flag | star | one of _KINDS
    params: str = ""  # what follows the kind: a default (integer 5) or constraints (numlist >0)
    required: bool = False

    @property
    def local(self) -> str:
        """The macro it fills: an on/off flag ``noName`` fills `name' (``NOIsily``, capital NO,
        is a plain flag filling `noisily')."""
        return self.name[2:] if self.negated else self.name


def parse_option_spec(spec: str) -> list[OptionDecl]:
    """Declared options, in order; those outside square brackets are required."""
    out: list[OptionDecl] = []
    depth = 0
    for m in re.finditer(r"\[|\]|\*|[^\W\d]\w*(?:\([^)]*\))?|\S", spec):
        item = m.group(0)
        if item in "[]":
            depth += 1 if item == "[" else -1
            continue
        if item == "*":
            out.append(OptionDecl("*", False, 1, "star"))
            continue
        if item == ",":  # `syntax , a(string) [, fast]`: a comma opening an optional group again
            continue     # (programs in use write it, e.g. the OECD's pisamixed); it adds nothing
        name, paren, arg = item.partition("(")
        if not re.fullmatch(r"[^\W\d]\w*", name):
            raise StataError(f"invalid syntax specification: {item}", 197)
        kind, params = _kind(name, paren, arg)
        negated = kind == "flag" and name[:2] == "no" and name[2:3].isupper()
        out.append(OptionDecl(name.lower(), negated, _min_abbrev(name), kind, params, required=depth == 0))
    return out


def _min_abbrev(name: str) -> int:
    """Leading capitals (Ñ too) are the minimal abbreviation; ``noUPdate`` -> ``noup``."""
    head = 2 if name[:2] == "no" and name[2:3].isupper() else 0
    caps = next((k for k, ch in enumerate(name[head:]) if not ch.isupper()), len(name) - head)
    return head + caps if caps else len(name)


def _kind(name: str, paren: str, arg: str) -> tuple[str, str]:
    if not paren:
        return "flag", ""
    words = arg.rstrip(")").split()
    if not words:
        return "string", ""
    kind = words[0].lower()
    if kind in ("str", "strin"):  # abbreviations seen in ados
        kind = "string"
    if kind not in _KINDS:
        raise StataError(f"invalid syntax specification: {name}({arg}", 197)
    return kind, " ".join(words[1:])


def fill_options(session, decls: list[OptionDecl], typed) -> None:
    """Match the typed options to the declarations and set their local macros."""
    loc = session.locals
    star = any(d.kind == "star" for d in decls)
    for d in decls:
        if d.kind != "star":
            loc[d.local] = _default(session, d)
    rest: list[str] = []
    given: set[str] = set()
    for opt in typed:
        name = opt.name  # typed in lowercase: DETAIL is not the option Detail declares
        decl = next((d for d in decls if d.kind != "star" and d.name == name), None) or next(
            (d for d in decls if d.kind != "star" and len(name) >= d.min_abbrev
             and d.name.startswith(name)), None)
        if decl is None or (decl.kind == "flag" and opt.arg is not None and star):
            if not star:
                raise option_not_allowed(opt.name, opt.arg)
            rest.append(opt.name if opt.arg is None else f"{opt.name}({opt.arg})")
            continue
        given.add(decl.name)
        if decl.kind == "flag":
            if opt.arg is not None:
                raise option_not_allowed(opt.name, opt.arg)
            loc[decl.local] = decl.name
            continue
        if opt.arg is None:
            raise StataError(f"option {decl.name}() required", 198)
        loc[decl.local] = option_value(session, decl, opt.arg)
    if star:
        loc["options"] = " ".join(rest)
    for d in decls:
        if d.required and d.kind != "star" and d.name not in given:
            raise StataError(f"option {d.name}{'' if d.kind == 'flag' else '()'} required", 198)


def _default(session, decl: OptionDecl) -> str:
    if decl.kind in ("integer", "real") and decl.params:
        return decl.params.split()[0]
    if decl.kind == "cilevel":
        level = float(getattr(session, "level", 95.0))
        return f"{level:g}"
    return ""


def option_value(session, decl: OptionDecl, arg: str) -> str:
    kind = decl.kind
    if kind == "passthru":
        return f"{decl.name}({arg})"
    if kind in ("integer", "real", "cilevel"):
        return _number(decl, arg)
    if kind in ("varlist", "varname", "newvarlist", "newvarname"):
        from mlmcli.commands.program.syntax_elements import ElementSpec, variables

        spec = ElementSpec(kind, decl.params, optional=True)
        if not arg.strip():
            return ""
        try:
            return " ".join(variables(session, spec, arg)[0])
        except StataError as err:
            raise StataError(f"option {decl.name}() invalid -- {err.message}" if err.rc == 198
                             else err.message, err.rc) from None
    if kind in ("namelist", "name"):
        from mlmcli.commands.program.syntax_elements import check_names

        names = arg.split()
        check_names(names, local="local" in decl.params.split())
        if kind == "name" and len(names) > 1:
            raise StataError(f"option {decl.name}() invalid", 198)
        return " ".join(names)
    if kind == "numlist":  # expanded and checked; Stata: `levels() invalid -- invalid numlist ...'
        from mlmcli.commands.program.parse_numlist import syntax_numlist

        try:
            return syntax_numlist(arg, decl.params)
        except StataError as err:
            if err.rc == 197:
                raise
            raise StataError(f"{decl.name}() invalid -- {err.message}", err.rc) from None
    if "asis" not in decl.params.split():  # string without asis: the outer quotes go
        return _unquote(arg.strip())
    return arg


def _unquote(text: str) -> str:
    """One quoted string (simple or compound) loses its quotes; ``"a" "b"`` stays as typed."""
    from mlmcli.textscan import is_quote_start, quote_end

    if text and is_quote_start(text, 0) and quote_end(text, 0) == len(text):
        return text[2:-2] if text.startswith('`"') else text[1:-1]
    return text


def _number(decl: OptionDecl, arg: str) -> str:
    try:
        value = float(arg)
    except ValueError:
        raise StataError(f"option {decl.name}() incorrectly specified", 198) from None
    if decl.kind == "cilevel":
        if not 10 <= value <= 99.99:
            raise StataError("level() must be between 10 and 99.99 inclusive", 198)
        return f"{value:g}"
    if decl.kind == "integer" and not value.is_integer():
        raise StataError(f"option {decl.name}() incorrectly specified", 198)
    return str(int(value)) if value.is_integer() else arg.strip()
