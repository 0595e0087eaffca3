"""``syntax``: parse a program's arguments (`` `0' ``) into local macros ([P] syntax).

    syntax [varlist|varname|newvarlist|newvarname[(min=# max=# numeric string)]]
           [if] [in] [using/] [=/exp] [weight] [, options]

Square brackets mark optional parts.  Options: ``name`` (capital letters give
the minimal abbreviation: ``DETail``), ``name(string)``, ``name(integer #)``,
``name(real #)``, ``name(varlist)``, ``name(varname)``, ``name(passthru)`` and
``*`` (any other options, into `` `options' ``).  A flag not typed leaves its
macro empty; ``if`` gives `` `if' `` = ``if exp``, ``in`` gives `` `in' ``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from mlmcli.errors import StataError, option_not_allowed
from mlmcli.textscan import find_top

_VAR_ELEMENTS = ("varlist", "varname", "newvarlist", "newvarname")


@dataclass
class OptionDecl:
    name: str  # lower case
    min_abbrev: int
    kind: str  # flag | string | integer | real | varlist | varname | passthru
    default: str = ""
    required: bool = False


def cmd_syntax(session, cmd) -> None:
    from mlmcli.parser import parse_arguments

    spec = cmd.args
    main, _, opt_spec = _split_top_comma(spec)
    elements = re.findall(r"\[[^\]]*\]|\S+\([^)]*\)|\S+", main)
    typed = parse_arguments(session.locals.get("0", ""))
    loc = session.locals
    allowed = {"if": False, "in": False, "weight": False}
    var_done = False
    for element in elements:
        optional = element.startswith("[")
        body = element.strip("[]").strip()
        word = re.match(r"[A-Za-z=/_]+", body)
        key = word.group(0).lower() if word else ""
        if key in _VAR_ELEMENTS:
            _varlist(session, key, body, typed.args, optional)
            var_done = True
        elif key == "if":
            allowed["if"] = True
            loc["if"] = f"if {typed.if_exp}" if typed.if_exp else ""
        elif key == "in":
            allowed["in"] = True
            rng = typed.in_range
            loc["in"] = "" if rng is None else f"in {rng.first}" + (f"/{rng.last}" if rng.last else "")
        elif key.startswith("using"):
            _using(session, body, typed.args, optional)
            var_done = True
        elif key.startswith("="):
            _exp(session, typed.args, optional)
            var_done = True
        elif _weight_spec(body) is not None:
            allowed["weight"] = True
            kinds, bare_exp = _weight_spec(body)
            w = typed.weight
            kind = None if w is None else _typed_weight(w, kinds)
            loc["weight"] = kind or ""
            loc["exp"] = "" if w is None else (w.exp if bare_exp else f"= {w.exp}")
        else:
            raise StataError(f"invalid syntax specification: {element}", 197)
    if not var_done and typed.args.strip():
        raise StataError("varlist not allowed", 101)
    if typed.if_exp and not allowed["if"]:
        raise StataError("if not allowed", 101)
    if typed.in_range is not None and not allowed["in"]:
        raise StataError("in range not allowed", 101)
    if typed.weight is not None and not allowed["weight"]:
        raise StataError("weights not allowed", 101)
    _options(session, _parse_option_spec(opt_spec), typed.options)


_WEIGHT_TYPES = ("fweight", "aweight", "pweight", "iweight")


def _weight_spec(body: str) -> tuple[tuple[str, ...], bool] | None:
    """The weight types a ``[fweight aw pw/]`` element allows, in its order, and whether its
    trailing ``/`` asks for `exp' without the ``=``; None when the element is no weight spec.
    Each word is a type or its two-letter abbreviation (``[aw fw pw iw]``, common in ados);
    ``weight`` alone allows all four."""
    text = body.strip()
    bare_exp = text.endswith("/")
    words = text.rstrip("/").split()
    if not words:
        return None
    kinds = []
    for word in words:
        word = word.lower()
        if word == "weight":
            kinds.extend(_WEIGHT_TYPES)
            continue
        full = next((t for t in _WEIGHT_TYPES if t.startswith(word) and len(word) >= 2), None)
        if full is None:
            return None
        kinds.append(full)
    return tuple(dict.fromkeys(kinds)), bare_exp


def _typed_weight(weight, kinds: tuple[str, ...]) -> str:
    """The full name of the weight the user typed (``[w=x]``: the first type the spec lists),
    refused when the spec does not list it."""
    from mlmcli.parser import weight_kind

    kind = weight_kind(weight)
    if kind == "weight":
        return kinds[0]
    if kind not in kinds:
        raise StataError(f"{kind}s not allowed", 101)
    return kind


def _split_top_comma(spec: str) -> tuple[str, str, str]:
    """(elements before the options, ",", the options) — the comma may open ``[, …]``."""
    i = find_top(spec, ",", brackets="(")  # the comma of `[, options]` is inside [ ]
    if i < 0:
        return spec, "", ""
    head, tail = spec[:i].rstrip(), spec[i + 1:].strip()
    if head.endswith("["):  # `[, options]`: every option optional
        head, tail = head[:-1], "[" + tail if tail.endswith("]") else tail
    return head, ",", tail


def _varlist(session, key: str, body: str, args: str, optional: bool) -> None:
    spec = dict(re.findall(r"(min|max|default)\s*=\s*(\w+)", body))
    flags = set(re.findall(r"\b(numeric|string|ts|fv)\b", body))
    text = args.strip()
    if text.startswith("using ") or text.startswith("="):
        text = ""
    data = session.data
    if not text:
        if not optional:
            raise StataError("varlist required", 100)
        # an optional varlist left out means all variables, unless (default=none)
        everything = key == "varlist" and spec.get("default") != "none"
        session.locals["varlist"] = " ".join(data.varnames) if everything else ""
        return
    if key.startswith("new"):
        names = text.split()
        for name in names:
            if name in data.df.columns:
                raise StataError(f"variable {name} already defined", 110)
    else:
        from mlmcli.textscan import split_words
        from mlmcli.time_series_ops import expand_ts_varlist, is_time_series_operator, split_operated

        # varlist(ts): L(1/2).y -> L.y L2.y in Stata's spelling (as tsunab expands it);
        # varlist(fv): i.x, c.x#c.z, 2.g kept as typed
        expand = (lambda t: expand_ts_varlist(data, t)) if "ts" in flags else data.expand_varlist
        if "fv" in flags:
            names = []
            for word in split_words(text):
                op = word.partition(".")[0] if "." in word else ""
                factor = "#" in word or (bool(re.match(r"[icob\d]", op, re.I)) and not is_time_series_operator(op))
                names += [word] if factor else expand(word)
        else:
            names = expand(text)
        if "ts" not in flags and any(split_operated(n) for n in names):
            raise StataError("time-series operators not allowed", 101)  # varlist without (ts)
        for name in names:
            if "numeric" in flags and data.is_string(name):
                raise StataError("string variables not allowed in varlist;", 109)
            if "string" in flags and not data.is_string(name):
                raise StataError("numeric variables not allowed in varlist;", 109)
    lo = int(spec.get("min", 1))
    hi = 1 if key.endswith("name") else int(spec.get("max", 10 ** 9))
    if len(names) > hi:
        raise StataError("too many variables specified", 103)
    if len(names) < lo:
        raise StataError("too few variables specified", 102)
    session.locals["varlist"] = " ".join(names)  # every variable element fills `varlist'


def _using(session, body: str, args: str, optional: bool) -> None:
    m = re.search(r"\busing\s+(\"[^\"]*\"|\S+)", args)
    if m is None:
        if not optional:
            raise StataError("using required", 100)
        session.locals["using"] = ""
        return
    name = m.group(1).strip('"')
    session.locals["using"] = name if "/" in body else f'using "{name}"'


def _exp(session, args: str, optional: bool) -> None:
    text = args.strip()
    if not text.startswith("="):
        if not optional:
            raise StataError("= exp required", 100)
        session.locals["exp"] = ""
        return
    session.locals["exp"] = text[1:].strip()


def _parse_option_spec(spec: str) -> list[OptionDecl]:
    """Declared options; those outside square brackets are required."""
    out: list[OptionDecl] = []
    depth = 0
    for m in re.finditer(r"\[|\]|\*|[^\W\d]\w*(?:\([^)]*\))?", spec):
        item = m.group(0)
        if item in "[]":
            depth += 1 if item == "[" else -1
            continue
        if item == "*":
            out.append(OptionDecl("*", 1, "star"))
            continue
        name, _, arg = item.partition("(")
        caps = next((k for k, ch in enumerate(name) if not ch.isupper()), len(name))  # Ñ is a capital too
        kind, default = "flag", ""
        if arg:
            words = arg.rstrip(")").split()
            kind = words[0].lower() if words else "string"
            default = words[1] if len(words) > 1 else ""
            if kind == "numlist":  # its constraints: max=2 >0 integer ascending ...
                default = " ".join(words[1:])
            if kind not in ("string", "integer", "real", "varlist", "varname", "passthru", "numlist"):
                kind = "string"
        out.append(OptionDecl(name.lower(), caps or len(name), kind, default, required=depth == 0))
    return out


def _options(session, decls: list[OptionDecl], typed) -> None:
    loc = session.locals
    star = any(d.kind == "star" for d in decls)
    for d in decls:
        if d.kind != "star":
            loc[d.name] = d.default if d.kind in ("integer", "real") else ""
    rest: list[str] = []
    for opt in typed:
        lowered = opt.name.lower()
        decl = next((d for d in decls if d.kind != "star" and len(lowered) >= d.min_abbrev
                     and d.name.startswith(lowered)), None)
        if decl is None:
            if not star:
                raise option_not_allowed(opt.name, opt.arg)
            rest.append(opt.name if opt.arg is None else f"{opt.name}({opt.arg})")
            continue
        if decl.kind == "flag":
            if opt.arg is not None:
                raise StataError(f"option {opt.name}() not allowed", 198)
            loc[decl.name] = decl.name
            continue
        if opt.arg is None:
            raise StataError(f"option {decl.name}() required", 198)
        loc[decl.name] = _option_value(session, decl, opt.arg)
    if star:
        loc["options"] = " ".join(rest)
    given = {d.name for d in decls for o in typed
             if len(o.name) >= d.min_abbrev and d.name.startswith(o.name.lower())}
    for d in decls:
        if d.required and d.name not in given:
            raise StataError(f"option {d.name}() required", 198)


def _option_value(session, decl: OptionDecl, arg: str) -> str:
    if decl.kind == "passthru":
        return f"{decl.name}({arg})"
    if decl.kind in ("integer", "real"):
        try:
            value = float(arg)
        except ValueError:
            raise StataError(f"option {decl.name}() incorrectly specified", 198) from None
        if decl.kind == "integer" and not value.is_integer():
            raise StataError(f"option {decl.name}() incorrectly specified", 198)
        return str(int(value)) if value.is_integer() else arg.strip()
    if decl.kind in ("varlist", "varname"):
        names = session.data.expand_varlist(arg)
        if decl.kind == "varname" and len(names) != 1:
            raise StataError("too many variables specified", 103)
        return " ".join(names)
    if not arg.strip() and decl.kind == "string":
        return ""
    if decl.kind == "numlist":  # expanded and checked; Stata: `levels() invalid -- invalid numlist ...'
        from mlmcli.commands.program.parse_numlist import syntax_numlist

        try:
            return syntax_numlist(arg, decl.default)
        except StataError as err:
            if err.rc == 197:
                raise
            raise StataError(f"{decl.name}() invalid -- {err.message}", err.rc) from None
    return arg


def macro_target(args: str) -> tuple[str, str]:
    """``lmacname : rest`` (unab, tsunab) -> (lmacname, rest); anything else r(198)."""
    from mlmcli.syntax.varlist import NAME_RE

    colon = find_top(args, ":")
    if colon < 0:
        raise StataError("invalid syntax", 198)
    name = args[:colon].strip()
    if not NAME_RE.match(name) or len(name) > 31:
        raise StataError("invalid syntax", 198)
    return name, args[colon + 1:]


def unab_arguments(args: str, most: int = 120_000) -> tuple[str, str, int, int, object]:
    """``lmacname : varlist [, min(#) max(#) name(string)]`` (unab, fvunab, tsunab) ->
    (lmacname, varlist, min, max, name() as typed or None)."""
    from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

    name, rest = macro_target(args)
    body, options, _ = split_options(rest)
    opts = resolve_options(options, [OptionSpec("min", 3, takes_arg=True), OptionSpec("max", 3, takes_arg=True),
                                     OptionSpec("name", 4, takes_arg=True)])
    bounds = []
    for key, default in (("min", 1), ("max", most)):
        try:
            bounds.append(int(opts[key]) if key in opts else default)
        except ValueError:
            raise StataError(f"option {key}() invalid", 198) from None
    return name, body, bounds[0], bounds[1], opts.get("name")


def check_count(count: int, lo: int, hi: int, label) -> None:
    """unab's r(102)/r(103), ``name:  `` in front when name() was given."""
    where = f"{label.strip()}:  " if isinstance(label, str) and label.strip() else ""
    if count < lo:
        raise StataError(f"{where}too few variables specified", 102)
    if count > hi:
        raise StataError(f"{where}too many variables specified", 103)


def cmd_unab(session, cmd) -> None:
    """``unab lmacname : varlist [, min(#) max(#) name(string)]``: the varlist with its
    abbreviations, wildcards and ranges expanded, into a local macro ([P] unab)."""
    name, body, lo, hi, label = unab_arguments(cmd.args)
    names = session.data.expand_varlist(body)
    check_count(len(names), lo, hi, label)
    session.locals[name] = " ".join(names)
