"""Options: ``, name name(arg) name(arg, suboptions)`` — read, resolved, and their values.

Reading (``read_options``): a name, optionally followed (with or without a space)
by ``(...)`` whose raw text is the argument; the argument may hold nested
parentheses and quoted strings (``title("a (b)", size(small))``).  The command
line parser (``grammar/command.lark``) reads options the same way; this reader
serves commands that take their text raw (``merge``, ``collapse``, ``twoway``).

Resolving (``resolve_options``): each command declares its options as
``OptionSpec`` rows, e.g. ``OptionSpec("covariance", 3, takes_arg=True)``
accepts ``cov(un)``, ``cova(un)`` … ``covariance(un)``; ``noconstant``-style
negations are ordinary names (``OptionSpec("noconstant", 4)`` accepts ``nocons``).
Unknown options are Stata's ``option X not allowed`` r(198).

Sub-options (``suboptions``): ``saving(file, replace)`` -> ``("file", (Option("replace"),))``.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from mlmcli.ast import Option
from mlmcli.errors import StataError, option_not_allowed
from mlmcli.syntax.abbreviation import abbreviates, resolve_choice
from mlmcli.syntax.varlist import NAME_PATTERN
from mlmcli.textscan import find_top, has_unclosed_quote, matching_close

_NAME = re.compile(NAME_PATTERN)
# syntax declares option names that begin with digits (outreg2's 2aster and 10pct)
_DIGIT_NAME = re.compile(r"[0-9]+[A-Za-z_][A-Za-z0-9_]*")


# ---------------------------------------------------------------- reading
def read_options(text: str) -> tuple[Option, ...]:
    """``name name(arg) name (arg)`` -> Options with raw arguments (r(198) on anything else)."""
    out: list[Option] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        m = _NAME.match(text, i) or _DIGIT_NAME.match(text, i)
        if not m:
            raise StataError("invalid syntax", 198)
        j = k = m.end()
        while k < n and text[k].isspace():
            k += 1
        if k < n and text[k] == "(":
            close = matching_close(text, k, "(")
            if close < 0:
                if has_unclosed_quote(text[k:]):
                    raise StataError("too few quotes", 132)
                raise StataError("invalid syntax", 198)
            out.append(Option(m.group(0), text[k + 1:close]))
            i = close + 1
        else:
            out.append(Option(m.group(0)))
            i = j
    return tuple(out)


def split_options(text: str, brackets: str = "(") -> tuple[str, tuple[Option, ...], bool]:
    """``body [, options]`` -> (body, options, a comma was typed), split at the first comma
    outside quotes and parentheses; an unclosed quote is Stata's ``too few quotes`` r(132), as the parser says.
    ``brackets="(["``: a comma inside ``[ ]`` is not the options comma either (Stata's own
    command-line parser binds both, so ``estadd scalar x = m[1,4]`` has no options).

    [U] 11: a further comma returns to the command line and the next one opens options again
    (``, detail, if r==1, noformat``; ``, robust,``): what is typed back on the command line must
    be a qualifier (joined to the body) -- anything else is ``invalid 'word'`` r(198), Stata's
    answer to ``etable, estimates(a b), showstars``."""
    i = find_top(text, ",", brackets=brackets)
    if i < 0:
        if has_unclosed_quote(text):
            raise StataError("too few quotes", 132)
        return text, (), False
    body, rest = text[:i], text[i + 1:]
    options: list[Option] = []
    in_options = True
    while True:
        j = find_top(rest, ",", brackets=brackets)
        segment = rest if j < 0 else rest[:j]
        if in_options:
            options.extend(read_options(segment))
        elif segment.strip():
            if not re.match(r"\s*(if\b|in\b|\[)", segment):
                raise StataError(f"invalid '{segment.split()[0].split('(')[0]}'", 198)
            body = f"{body.rstrip()} {segment.strip()}"
        if j < 0:
            return body, tuple(options), True
        rest, in_options = rest[j + 1:], not in_options


def suboptions(arg: str) -> tuple[str, tuple[Option, ...]]:
    """An option's argument ``body [, suboptions]`` -> (body, sub-options)."""
    body, options, _ = split_options(arg)
    return body.strip(), options


# ---------------------------------------------------------------- resolving
@dataclass(frozen=True)
class OptionSpec:
    name: str
    min_abbrev: int | None = None  # None: the full name is required
    takes_arg: bool = False
    arg_optional: bool = False
    repeatable: bool = False

    def matches(self, typed: str) -> bool:
        """Case counts, as in Stata's syntax: ``ROBUST`` is not ``robust`` (r(198))."""
        return abbreviates(typed, self.name, self.min_abbrev)


def resolve_options(options, specs: list[OptionSpec], allow_unknown: bool = False) -> dict:
    """Typed options -> ``{canonical name: arg}`` (``True`` for flags; a list for repeatable
    options).  Unknown options raise ``option X not allowed`` r(198) unless
    ``allow_unknown``, in which case they are returned under the typed name."""
    out: dict = {}
    for opt in options:
        spec = next((s for s in specs if s.matches(opt.name)), None)
        if spec is None:
            if allow_unknown:
                out[opt.name] = opt.arg if opt.arg is not None else True
                continue
            from mlmcli.suggest import hint

            error = option_not_allowed(opt.name, opt.arg)
            lower = opt.name.lower()  # ROBUST: the name in lowercase is the likeliest meaning
            cased = lower != opt.name and any(s.matches(lower) for s in specs)
            extra = f"\n(did you mean {lower}?)" if cased else hint(opt.name, [s.name for s in specs])
            raise StataError(error.message + extra, 198)
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


def parse_options(text: str, specs: list[OptionSpec]) -> dict:
    """Read and resolve an option text in one step (raw commands)."""
    return resolve_options(read_options(text), specs)


# ---------------------------------------------------------------- values
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


def integer_option(opts: dict, name: str, default, *, minimum: int | None = None,
                   maximum: int | None = None, out_of_range: str | None = None):
    """A whole-number option's value (``separator(#)``), ``default`` when absent; anything else
    is ``option name() incorrectly specified`` r(198) (a number out of range: ``out_of_range``
    when the command words it its own way)."""
    if not isinstance(opts.get(name), str):
        return default
    try:
        value = int(opts[name].strip())
    except ValueError:
        raise StataError(f"option {name}() incorrectly specified", 198) from None
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        raise StataError(out_of_range or f"option {name}() incorrectly specified", 198)
    return value


def real_option(opts: dict, name: str, default):
    """A number option's value (syntax's ``cutoff(real 0.5)``), ``default`` when absent; anything
    else is ``option name() incorrectly specified`` r(198)."""
    if name not in opts:
        return default
    try:
        return float(str(opts[name]).strip())
    except ValueError:
        raise StataError(f"option {name}() incorrectly specified", 198) from None


def required_text_option(opts: dict, name: str) -> str:
    """The text of an option that must be typed with an argument, stripped; absent or empty:
    ``option name() required`` r(198)."""
    text = opts.get(name)
    if not isinstance(text, str) or not text.strip():
        raise StataError(f"option {name}() required", 198)
    return text.strip()


def positive_number_option(opts: dict, name: str) -> float | None:
    """A positive, finite number (``n(#)`` of ``estat ic``); None when absent."""
    if name not in opts:
        return None
    try:
        value = float(opts[name])
    except (TypeError, ValueError):
        raise StataError(f"{name}() invalid", 198) from None
    if not (math.isfinite(value) and value > 0):
        raise StataError(f"{name}() invalid", 198)
    return value


def vce_option(value, kinds) -> tuple[str | None, list[str]]:
    """``vce(type [args])`` -> (the ``(name, min_abbrev)`` kind its first word names, or None;
    the further words).  The word is matched with its case: _vce_parse.ado reads it with
    ``syntax [, `OPTSPECS']`` (its ParseVCE), so ``vce(ROBUST)`` names no kind and is
    ``vcetype 'ROBUST' not allowed`` r(198)."""
    words = str(value).split()
    kind = resolve_choice(words[0], kinds) if words else None
    return kind, words[1:]


def vcetype_not_allowed(typed) -> StataError:
    """_vce_parse's refusal of a vce() whose type the command does not list: "vcetype 'name'
    not allowed" r(198), name the first word only (``gettoken name args : vce, parse(" ,")``),
    as typed: ``vce(CLuster id)`` is "vcetype 'CLuster' not allowed"."""
    name = re.split(r"[ ,]", str(typed).strip(), maxsplit=1)[0]
    return StataError(f"vcetype '{name}' not allowed", 198)


def read_vce(value, kinds, *, with_args=("cluster",)) -> tuple[str, list[str]]:
    """``vce(type [args])`` read as _vce_parse.ado (1.0.3) reads it -> (the kind, its further
    words).  ``kinds`` are the command's ``(name, min_abbrev)`` types (its opt() and argopt()
    lists), ``with_args`` those that take arguments (argopt(): cluster's variables):

    - a first word naming no kind (case counts): "vcetype 'word' not allowed" r(198);
    - vce(cluster) with nothing after it: "invalid vce(cluster) option" r(198) (another
      argument-taking type: "invalid vce() option");
    - words after a type that takes none (``vce(robust id)``): "invalid vce() option" r(198).

    Several words after cluster pass, as in _vce_parse (its ``confirm var``); the caller says
    what it does with them."""
    text = str(value).strip()
    name = re.split(r"[ ,]", text, maxsplit=1)[0]
    kind = resolve_choice(name, kinds) if name else None
    args = text[len(name):].split()
    if kind in with_args and "," in text[len(name):]:
        args = cluster_vce_variables(text[len(name):])
    if kind is None:
        # _vce_parserun's unabVCEtype: BOOTstrap BStrap JACKknife JACKNife JKnife
        replication = resolve_choice(name, (("bootstrap", 4), ("bstrap", 2), ("jackknife", 4), ("jacknife", 5),
                                            ("jknife", 2)))
        replication = {"bstrap": "bootstrap", "jacknife": "jackknife", "jknife": "jackknife"}.get(replication,
                                                                                               replication)
        if replication and args and args[0] != ",":
            # _vce_parserun hands these words to the prefix (ParseVCErest: its exp_list)
            raise StataError(f"vce({replication} {' '.join(args)}): words before the comma (the prefix's "
                             "expression list) not supported by mlmcli", 198)
        raise vcetype_not_allowed(text)
    if kind in with_args and not args:
        raise StataError("invalid vce(cluster) option" if kind == "cluster" else "invalid vce() option", 198)
    if kind not in with_args and args:
        raise StataError("invalid vce() option", 198)
    return kind, args


def cluster_vce_variables(rest: str) -> list[str]:
    """The variables of ``vce(cluster vars, opts)``: _vce_parse runs ``confirm var `args'`` on the
    text after the type, and confirm variable takes only ``exact`` (unab, which runs next, takes
    none of the same), so any option is "option name not allowed" r(198); a bare trailing
    comma passes."""
    head, _, tail = rest.partition(",")
    first = re.match(r"\s*([^\s(,]+)(\()?", tail)
    if first:
        raise StataError(f"option {first.group(1)}{'()' if first.group(2) else ''} not allowed", 198)
    return head.split()


# the vce() types of [R] vce_option: _vce_parse's opt()/argopt() names with their abbreviations
# (_vce_parserun's BOOTstrap and JACKknife)
STANDARD_VCE_KINDS = (("oim", 1), ("opg", 3), ("robust", 1), ("cluster", 2), ("bootstrap", 4), ("jackknife", 4))


def refuse_unbuilt_vce(value, stata_kinds, built, command: str) -> None:
    """Refuse a vce() before the fit: a type the command's ado does not list is _vce_parse's
    "vcetype 'word' not allowed" r(198); a type Stata takes but mlm does not fit for it is
    "option vce(type) not supported by mlmcli with command" r(198), the type word only."""
    if value is None:
        return
    name = re.split(r"[ ,]", str(value).strip(), maxsplit=1)[0]
    kind = resolve_choice(name, stata_kinds) if name else None
    if kind is None:
        raise vcetype_not_allowed(value)
    if kind not in built:
        raise StataError(f"option vce({kind}) not supported by mlmcli with {command}", 198)


def choice_option(typed, choices, option: str, *, fold_case: bool = False) -> str:
    """The first of ``choices`` that ``typed`` abbreviates (``pwscale(eff)``); ``choices``
    are names (any non-empty prefix) or ``(name, min_abbrev)`` pairs.  Case counts, as in the
    ado files' ``syntax`` and ``bsubstr()`` comparisons (``covariance(UN)`` is no covariance);
    ``fold_case`` for the arguments an ado file reads through ``lower()`` first (glm's
    family() and link(): glm.ado's MapFam and MapLink)."""
    t = str(typed).strip()
    if fold_case:
        t = t.lower()
    rows = [(c, 1) if isinstance(c, str) else c for c in choices]
    found = resolve_choice(t, rows) if t else None
    if found is None:
        raise StataError(f"{option}({typed}) invalid", 198)
    return found
