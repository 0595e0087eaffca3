"""``syntax``: parse a program's arguments (`` `0' ``) into local macros ([P] syntax).

    syntax [varlist|varname|newvarlist|newvarname|namelist|name|anything[(params)]]
           [if] [in] [using/] [=/exp] [weight] [, options]

Square brackets mark optional parts.  The first element and its parameters are
``syntax_elements``; the option declarations (flags, ``noName``, ``Name(string asis)``,
``Name(integer #)``, ``Name(real #)``, ``Name(numlist ...)``, ``Name(varlist ...)``,
``Name(namelist)``, ``Name(passthru)``, ``*``) are ``syntax_options``.  ``if`` gives
`` `if' `` = ``if exp`` (``if/``: the bare expression), ``in`` gives `` `in' ``.
"""
from __future__ import annotations

import re

from mlmcli.commands.program.syntax_elements import element_spec, fill_first, split_typed
from mlmcli.commands.program.syntax_options import fill_options, parse_option_spec
from mlmcli.errors import StataError
from mlmcli.textscan import find_top


def cmd_syntax(session, cmd) -> None:
    from mlmcli.parser import parse_arguments

    main, _, opt_spec = _split_top_comma(cmd.args)
    decls = parse_option_spec(opt_spec)
    elements = re.findall(r"\[[^\]]*\]|[^\s\[(]+\([^)]*\)|[^\s\[]+", main)
    if "".join(elements).replace(" ", "") != re.sub(r"\s", "", main) or any(
            e.count("(") != e.count(")") for e in elements):  # `syntax [` or `varlist(numeric`: unmatched
        raise StataError(f"invalid syntax specification: {main.strip()}", 197)
    first, parts = None, {}
    for element in elements:
        optional = element.startswith("[")
        body = element[1:-1].strip() if optional else element
        spec = element_spec(body, optional) if first is None and not parts else None
        if spec is not None:
            first = spec
            continue
        key = _part_key(body)
        if key is None or key in parts:
            raise StataError(f"invalid syntax specification: {element}", 197)
        parts[key] = (body, optional)
    raw = session.locals.get("0", "")
    everything = first is not None and "everything" in first.flags
    typed = parse_arguments("" if everything else raw)
    keep_equals = first is not None and "equalok" in first.flags and "exp" not in parts
    if everything:
        text, using, exp = raw[:_options_comma(raw)].strip(), None, None
    else:
        text, using, exp = split_typed(typed.args, keep_equals)
    if first is not None:
        fill_first(session, first, text)
    elif text:
        raise StataError("varlist not allowed", 101)
    _qualifiers(session, parts, typed, using, exp)
    fill_options(session, decls, typed.options if not everything else parse_arguments(
        raw[_options_comma(raw):]).options)


def _options_comma(text: str) -> int:
    """Where the options start (the top-level comma; a comma inside () [] or quotes is not it)."""
    k = find_top(text, ",", brackets="([")
    return len(text) if k < 0 else k


def _part_key(body: str) -> str | None:
    text = body.strip()
    low = text.lower()
    if low in ("if", "if/"):
        return "if"
    if low in ("in", "in/"):
        return "in"
    if low in ("using", "using/"):
        return "using"
    if re.fullmatch(r"=\s*/?\s*exp", low):
        return "exp"
    if _weight_spec(text) is not None:
        return "weight"
    return None


def _qualifiers(session, parts: dict, typed, using, exp) -> None:
    """if, in, using, =exp and the weight: allowed, required or refused as the spec says."""
    loc = session.locals
    checks = (("using", using is not None, "using"), ("exp", exp is not None, "=exp"),
              ("if", bool(typed.if_exp), "if"), ("in", typed.in_range is not None, "in range"),
              ("weight", typed.weight is not None, "weights"))
    for key, given, label in checks:
        if key not in parts:
            if given:
                raise StataError(f"{label} not allowed", 101)
            continue
        body, optional = parts[key]
        if not given and not optional:
            raise StataError(f"{label} required", 100)
    if "if" in parts:
        bare = parts["if"][0].endswith("/")
        loc["if"] = "" if not typed.if_exp else (typed.if_exp if bare else f"if {typed.if_exp}")
    if "in" in parts:
        rng = typed.in_range
        text = "" if rng is None else f"{rng.first}" + (f"/{rng.last}" if rng.last else "")
        loc["in"] = text if not text or parts["in"][0].endswith("/") else f"in {text}"
    if "using" in parts:
        name = (using or "").strip()
        name = name[1:-1] if len(name) >= 2 and name[0] == name[-1] == '"' else name
        loc["using"] = name if not name or parts["using"][0].endswith("/") else f'using "{name}"'
    if "exp" in parts:
        bare = "/" in parts["exp"][0]
        loc["exp"] = "" if exp is None else (exp if bare else f"= {exp}")
    if "weight" in parts:
        kinds, bare_exp = _weight_spec(parts["weight"][0])
        w = typed.weight
        loc["weight"] = "" if w is None else _typed_weight(w, kinds)
        if w is not None or "exp" not in parts:  # `exp' is shared with an =exp element
            loc["exp"] = "" if w is None else (w.exp if bare_exp else f"= {w.exp}")


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
