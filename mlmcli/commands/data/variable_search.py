"""Finding variables: ``ds`` ([D] ds) and ``lookfor`` ([D] lookfor); both leave r(varlist)."""
from __future__ import annotations

import fnmatch

from mlmcli.errors import StataError
from mlmcli.sample import refuse_sample_qualifiers

_TYPES = ("byte", "int", "long", "float", "double", "string", "str#", "strL", "numeric")
_MAX_STR = 2045  # c(maxstrvarlen): str1 ... str2045


def cmd_ds(session, cmd) -> None:
    """``ds [varlist] [, not | has(spec) | not(spec)  insensitive alpha detail varwidth(#)
    skip(#) indent(#)]``."""
    from mlmcli.render.abbrev import abbrev
    from mlmcli.render.name_columns import render_name_columns
    from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options

    refuse_sample_qualifiers(cmd)
    bare_not = any(o.name == "not" and o.arg is None for o in cmd.options)
    options = [o for o in cmd.options if not (o.name == "not" and o.arg is None)]
    opts = resolve_options(options, [OptionSpec("has", takes_arg=True), OptionSpec("not", takes_arg=True),
                                     OptionSpec("insensitive", 4), OptionSpec("detail", 1),
                                     OptionSpec("alpha", 1), OptionSpec("varwidth", 1, takes_arg=True),
                                     OptionSpec("skip", 1, takes_arg=True),
                                     OptionSpec("indent", takes_arg=True)])
    indent = integer_option(opts, "indent", 0)
    varwidth = integer_option(opts, "varwidth", 12)
    skip = integer_option(opts, "skip", 2)
    # ds_util's checks, in its order
    if not 0 <= indent <= 244:
        raise StataError("indent() should be in the range 0..244", 198)
    if not 5 <= varwidth <= 32:
        raise StataError("varwidth() should be in the range 5..32", 198)
    if not 1 <= skip <= 10:
        raise StataError("skip() should be in the range 1..10", 198)
    has, not_spec = opts.get("has"), opts.get("not")
    given = [name for name, on in (("has()", has), ("not()", not_spec), ("not", bare_not)) if on]
    if len(given) == 3:
        raise StataError("may not combine options has(), not(), and not", 198)
    if len(given) == 2:
        raise StataError(f"may not combine options {given[0]} and {given[1]}", 198)
    ds = session.data
    from mlmcli.varlist_resolution import ungroup_parentheses

    typed = ungroup_parentheses(cmd.args)
    varlist = ds.expand_varlist(typed) if typed.strip() else list(ds.varnames)
    session.set_r({})
    if not varlist:
        return
    spec = not_spec if not_spec is not None else has
    if spec is not None:
        found = set(_having(ds, spec, "not" if not_spec is not None else "has", bool(opts.get("insensitive"))))
        keep = (lambda v: v not in found) if not_spec is not None else (lambda v: v in found)
        varlist = [v for v in varlist if keep(v)]
    if bare_not:
        chosen = set(varlist)
        varlist = [v for v in ds.varnames if v not in chosen]
    if not varlist:
        return
    if opts.get("alpha"):
        varlist = sorted(varlist)
    if opts.get("detail"):
        _describe(session, varlist)
    else:
        session.print(render_name_columns([abbrev(v, varwidth) for v in varlist], linesize=session.linesize,
                                          indent=indent, gap=skip))
    session.set_r({"varlist": " ".join(varlist)})


def _describe(session, varlist: list[str]) -> None:
    from mlmcli.ast import Command
    from mlmcli.commands.data.describe import cmd_describe

    cmd_describe(session, Command(name="describe", args=" ".join(varlist)))


def _having(ds, spec: str, option: str, insensitive: bool) -> list[str]:
    """The variables ``has(spec)`` names: varlabel/vallabel [patterns], format patterns,
    char [patterns], type types (ds_util's CheckHas: the kind abbreviates as Stata allows)."""
    from mlmcli.blocks import split_list
    from mlmcli.characteristics import names_of

    parts = spec.strip().split(None, 1)
    what = parts[0].lower() if parts else ""
    patterns = split_list(parts[1]) if len(parts) > 1 else []
    kind = None
    if what and "varlabel".startswith(what) and len(what) >= 4:
        kind = "varlabel"
    elif what and "vallabel".startswith(what) and len(what) >= 4:
        kind = "vallabel"
    elif what and "format".startswith(what):
        kind = "format"
    elif what and "char".startswith(what):
        kind = "char"
    elif what and "type".startswith(what):
        kind = "type"
    if kind is None or (kind in ("format", "type") and not patterns):
        raise StataError(f"invalid {option}() option", 198)
    if kind == "type":
        return [v for v in ds.varnames if _type_matches(ds, v, _types(patterns))]
    if insensitive:
        patterns = [p.lower() for p in patterns]

    def texts(v: str) -> list[str]:
        if kind == "varlabel":
            found = [ds.var_labels.get(v, "")]
        elif kind == "vallabel":
            found = [ds.value_label_of.get(v, "")]
        elif kind == "format":
            found = [ds.format_of(v)]
        else:
            found = names_of(ds.chars, v)
        return [t.lower() for t in found] if insensitive else found

    out = []
    for v in ds.varnames:
        found = [t for t in texts(v) if t]
        if not patterns:
            hit = bool(found)
        elif kind == "format":
            hit = any(_match(t, p) or _match(t, "%" + p) for t in found for p in patterns)
        else:
            hit = any(_match(t, p) for t in found for p in patterns)
        if hit:
            out.append(v)
    return out


def _match(text: str, pattern: str) -> bool:
    """Stata's match(): * any text, ? one character, the whole text."""
    return fnmatch.fnmatchcase(text, pattern.replace("[", "[[]"))


def _types(words: list[str]) -> list[str]:
    """has(type ...)'s words: type names, or string lengths as numbers (a numlist: 1/10)."""
    from mlmcli.syntax.numlist import numlist

    names = [w for w in words if w in _TYPES]
    rest = [w for w in words if w not in _TYPES]
    if rest:
        try:
            numbers = numlist(" ".join(rest))
        except StataError:
            raise StataError("invalid variable type(s)", 198) from None
        if not all(float(x).is_integer() and 1 <= x <= _MAX_STR for x in numbers):
            raise StataError("invalid variable type(s)", 198)
        names += [str(int(x)) for x in numbers]
    return names


def _type_matches(ds, name: str, wanted: list[str]) -> bool:
    vtype = ds.types.get(name, "float")
    string = ds.is_string(name)
    for w in wanted:
        if (w == "string" and string) or (w == "numeric" and not string):
            return True
        if w == "str#" and string and vtype != "strL":
            return True
        if vtype in (w, "str" + w):
            return True
    return False


def cmd_lookfor(session, cmd) -> None:
    """``lookfor string [string ...]``: describe the variables whose name or label contains any
    of the strings, ignoring case (quotes keep a phrase together)."""
    from mlmcli.blocks import split_list

    text = cmd.args.strip()
    if not text:
        raise StataError("nothing to look for", 198)
    words = [w.lower() for w in split_list(text) if w]  # strpos(s, "") is 0: an empty word finds nothing
    ds = session.data
    if not ds.varnames:
        raise StataError("no variables defined", 111)
    found = []
    for v in ds.varnames:
        label = ds.var_labels.get(v, "").replace("'", "").replace("`", "").lower()
        if any(w in v.lower() or w in label for w in words):
            found.append(v)
    session.set_r({})
    if found:
        _describe(session, found)
        session.set_r({"varlist": " ".join(found)})
