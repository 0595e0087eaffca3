"""Option matching with Stata's minimal abbreviations.

A command declares its options as ``OptionSpec`` entries, e.g.
``OptionSpec("covariance", 3, takes_arg=True)`` accepts ``cov(un)``,
``cova(un)`` … ``covariance(un)``.  ``noconstant`` style negations are
declared as ordinary names (``OptionSpec("noconstant", 4)`` accepts ``nocons``).
"""
from __future__ import annotations

from dataclasses import dataclass

from mlmcli.ast import Option
from mlmcli.errors import StataError


@dataclass(frozen=True)
class OptionSpec:
    name: str
    min_abbrev: int | None = None  # None: the full name is required
    takes_arg: bool = False
    arg_optional: bool = False
    repeatable: bool = False

    def matches(self, typed: str) -> bool:
        typed = typed.lower()
        n = len(self.name) if self.min_abbrev is None else self.min_abbrev
        return len(typed) >= n and self.name.startswith(typed)


def parse_options(options: tuple[Option, ...] | list[Option], specs: list[OptionSpec],
                  allow_unknown: bool = False) -> dict:
    """Resolve typed options to canonical names.

    Returns ``{name: arg}`` (``True`` for flags; a list for repeatable options).
    Unknown options raise Stata's ``option X not allowed`` (r(198)) unless
    ``allow_unknown``, in which case they are returned under the typed name.
    """
    out: dict = {}
    for opt in options:
        spec = next((s for s in specs if s.matches(opt.name)), None)
        if spec is None:
            if allow_unknown:
                out[opt.name] = opt.arg if opt.arg is not None else True
                continue
            raise StataError(f"option {opt.name} not allowed", 198)
        if spec.takes_arg:
            if opt.arg is None and not spec.arg_optional:
                raise StataError(f"{spec.name}() invalid", 198)
            value = opt.arg if opt.arg is not None else True
        else:
            if opt.arg is not None:
                raise StataError(f"option {opt.name}() not allowed", 198)
            value = True
        if spec.repeatable:
            out.setdefault(spec.name, []).append(value)
        else:
            out[spec.name] = value
    return out


# ---- option values shared by estimation commands (mixed, regress)

def confidence_level(opts: dict, default: float) -> float:
    """``level(#)`` from resolved options (``default``: ``set level``), 10 <= # <= 99.99."""
    if "level" not in opts:
        return float(default or 95.0)
    try:
        lev = float(opts["level"])
    except (TypeError, ValueError):
        raise StataError("level() invalid", 198) from None
    if not 10 <= lev <= 99.99:
        raise StataError("level() must be between 10 and 99.99 inclusive", 198)
    return lev


def number_option(opts: dict, name: str, default, kind=float):
    """A numeric option's value (``iterate(#)``: kind=int), ``default`` when absent."""
    if name not in opts:
        return default
    try:
        return kind(float(opts[name])) if kind is int else kind(opts[name])
    except (TypeError, ValueError, OverflowError):
        raise StataError(f"{name}() invalid", 198) from None


def choice_option(typed, choices, option: str) -> str:
    """The first of ``choices`` that ``typed`` abbreviates (``pwscale(eff)``)."""
    t = str(typed).strip().lower()
    for c in choices:
        if t and c.startswith(t):
            return c
    raise StataError(f"{option}({typed}) invalid", 198)
