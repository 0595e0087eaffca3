"""``numlist``: expand and check a numeric list for a program ([P] numlist).

    numlist "numlist" [, ascending descending integer missingokay min(#) max(#)
                         range(operator# [operator#]) sort]

The expanded list goes to r(numlist).  The checks and their errors: too few elements r(122)
(default min(1)), too many r(123) (default max(1600)), missing values without missingokay
r(127), noninteger elements with integer r(126), elements outside range() r(125), and with
ascending/descending a list not strictly in that order r(124).  A malformed list is r(121).
"""
from __future__ import annotations

import math
import re

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, real_option, resolve_options, split_options

_OPTIONS = [OptionSpec("ascending", 3), OptionSpec("descending", 4), OptionSpec("integer", 3),
            OptionSpec("missingokay", 4), OptionSpec("min", 3, takes_arg=True),
            OptionSpec("max", 3, takes_arg=True), OptionSpec("range", 1, takes_arg=True),
            OptionSpec("sort", 4)]
_MAX_ELEMENTS = 1600
_BOUND = re.compile(r"(<=|>=|<|>)(\S+)")


def cmd_numlist(session, cmd) -> None:
    from mlmcli.commands.program.tokens import next_token, strip_quotes

    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, _OPTIONS)
    token, rest, quoted = next_token(body.strip())
    if quoted and not rest.strip():
        body = strip_quotes(token)
    flags = {name for name in ("ascending", "descending", "integer", "missingokay", "sort") if opts.get(name)}
    words = checked_numlist(body, flags, _count_bound(opts, "min", 1), _count_bound(opts, "max", _MAX_ELEMENTS),
                            _range(opts.get("range")))
    session.set_r({"numlist": " ".join(words)})


def checked_numlist(body: str, flags: set, lo: int, hi: int, bounds: list[tuple[str, float]]) -> list[str]:
    """The numbers of ``body`` as text, checked (numlist; syntax's numlist options): ``flags``
    among ascending, descending, integer, missingokay, sort."""
    from mlmcli.blocks import number_text
    from mlmcli.missing import order_key, text
    from mlmcli.syntax.numlist import numlist

    values = numlist(body, missing_ok="missingokay" in flags)
    if len(values) < lo:
        raise StataError("invalid numlist has too few elements", 122)
    if len(values) > hi:
        raise StataError("invalid numlist has too many elements", 123)
    present = [v for v in values if not math.isnan(v)]
    if "integer" in flags and any(not v.is_integer() for v in present):
        raise StataError("invalid numlist has noninteger elements", 126)
    if any(not _within(v, bounds) for v in present):
        raise StataError("invalid numlist has elements outside of allowed range", 125)
    keys = [order_key(v) for v in values]
    if ("ascending" in flags and not all(a < b for a, b in zip(keys, keys[1:]))
            or "descending" in flags and not all(a > b for a, b in zip(keys, keys[1:]))):
        raise StataError("invalid numlist has elements out of order", 124)
    if "sort" in flags:
        values = sorted(values, key=order_key)
    return [text(v) if math.isnan(v) else number_text(v) for v in values]


def syntax_numlist(arg: str, spec: str) -> str:
    """``syntax``'s ``name(numlist [ascending|descending] [integer] [missingokay] [min=#]
    [max=#] [>#|>=#] [<#|<=#] [sort])``: the expanded, checked list ([P] syntax)."""
    flags: set = set()
    bounds: list[tuple[str, float]] = []
    counts = {"min": 1, "max": _MAX_ELEMENTS}
    for word in spec.split():
        key, eq, number = word.partition("=")
        if eq and key.lower() in counts and number.isdigit():
            counts[key.lower()] = int(number)
        elif _BOUND.fullmatch(word):
            bounds += _range(word)
        elif word.lower() in ("ascending", "descending", "integer", "missingokay", "sort"):
            flags.add(word.lower())
        else:
            raise StataError(f"invalid syntax specification: numlist {spec}", 197)
    return " ".join(checked_numlist(arg, flags, counts["min"], counts["max"], bounds))


def _count_bound(opts: dict, name: str, default: int) -> int:
    if name not in opts:
        return default
    value = real_option(opts, name, default)
    if not value.is_integer() or value < 0 or (name == "max" and value > _MAX_ELEMENTS):
        raise StataError(f"option {name}() incorrectly specified", 198)
    return int(value)


def _range(spec) -> list[tuple[str, float]]:
    """range(>=0 <=20) as [(">=", 0), ("<=", 20)]; no space between an operator and its #."""
    if not isinstance(spec, str):
        return []
    out = []
    for word in spec.split():
        m = _BOUND.fullmatch(word)
        if not m:
            raise invalid_syntax()
        try:
            out.append((m.group(1), float(m.group(2))))
        except ValueError:
            raise invalid_syntax() from None
    if not 1 <= len(out) <= 2:
        raise invalid_syntax()
    return out


def _within(value: float, bounds: list[tuple[str, float]]) -> bool:
    tests = {"<": value.__lt__, "<=": value.__le__, ">": value.__gt__, ">=": value.__ge__}
    return all(tests[op](bound) for op, bound in bounds)
