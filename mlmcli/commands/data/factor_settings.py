"""``fvset base|design|clear|report`` ([R] fvset): factor-variable settings, kept as the
variables' characteristics ``x[_fv_base]`` and ``x[_fv_design]`` (so they are saved with the
data and follow rename/drop).  Estimation commands read the base through
``factor_variables.with_declared_base``.

Decided without Stata's text at hand: the report's layout (a two-column table) and the
messages for a bad base_spec/design_spec.  ``fvset design asbalanced`` is refused: margins in
mlm does not read a design setting from the estimation results (its asbalanced option does).
"""
from __future__ import annotations

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.abbreviation import abbreviates
from mlmcli.syntax.options import OptionSpec, resolve_options

BASE, DESIGN = "_fv_base", "_fv_design"
_BASE_WORDS = (("default", 7), ("first", 1), ("last", 1), ("frequent", 4), ("none", 1))
_DESIGN_WORDS = (("default", 7), ("asbalanced", 5), ("asobserved", 5))


def _spec(word: str, table, what: str) -> str:
    for name, k in table:
        if abbreviates(word.lower(), name, k):
            return name
    if what == "base" and word.isdigit():
        return str(int(word))
    raise StataError(f"{word}: invalid {what}_spec", 198)


def _numeric_factors(ds, text: str) -> list[str]:
    names = ds.expand_varlist(text)
    for name in names:
        if ds.is_string(name):
            raise StataError(f"{name}:  string variables may not be used as factor variables", 109)
    return names


def _set(ds, names, char: str, spec: str) -> None:
    for name in names:
        key = f"{name}[{char}]"
        if spec == "default":
            ds.chars.pop(key, None)
        else:
            ds.chars[key] = spec
    ds.changed = True


def _report(session, words: list[str], options) -> None:
    opts = resolve_options(options, [OptionSpec("base", 1, True), OptionSpec("design", 1, True)])
    ds = session.data
    names = ds.expand_varlist(" ".join(words)) if words else [
        v for v in ds.varnames if f"{v}[{BASE}]" in ds.chars or f"{v}[{DESIGN}]" in ds.chars]
    want_base = _spec(opts["base"].strip(), _BASE_WORDS, "base") if "base" in opts else None
    want_design = _spec(opts["design"].strip(), _DESIGN_WORDS, "design") if "design" in opts else None
    rows = []
    for name in names:
        base = ds.chars.get(f"{name}[{BASE}]", "")
        design = ds.chars.get(f"{name}[{DESIGN}]", "")
        if want_base is not None and base != ("" if want_base == "default" else want_base):
            continue
        if want_design is not None and design != ("" if want_design == "default" else want_design):
            continue
        rows.append((name, base, design))
    if rows:
        lines = [f"{'Variable':<13}{'Base':<11}Design", "-" * 34]
        lines += [f"{n:<13}{b or 'default':<11}{d or 'default'}" for n, b, d in rows]
        session.print("\n".join(lines))
    session.set_r({"varlist": " ".join(n for n, _, _ in rows),
                   "baselist": " ".join(b or "default" for _, b, _ in rows),
                   "designlist": " ".join(d or "default" for _, _, d in rows)})


def cmd_fvset(session, cmd) -> None:
    words = cmd.args.split()
    ds = session.data
    if not words or abbreviates(words[0], "report", 6):
        _report(session, words[1:], cmd.options)
        return
    resolve_options(cmd.options, [])
    sub = words[0]  # subcommand names: case counts, as the ado compares them
    if sub == "clear":
        if len(words) < 2:
            raise StataError("varlist required", 100)
        names = ds.expand_varlist(" ".join(words[1:]))
        _set(ds, names, BASE, "default")
        _set(ds, names, DESIGN, "default")
        return
    if abbreviates(sub, "base", 1) or abbreviates(sub, "design", 1):
        if len(words) < 3:
            raise StataError("varlist required", 100) if len(words) == 2 else invalid_syntax()
        base = sub[0] == "b"
        spec = _spec(words[1], _BASE_WORDS if base else _DESIGN_WORDS, "base" if base else "design")
        if spec == "asbalanced":
            raise StataError("fvset design asbalanced is not supported by mlmcli: margins does not read "
                             "design settings; use margins' asbalanced option", 198)
        names = _numeric_factors(ds, " ".join(words[2:]))
        _set(ds, names, BASE if base else DESIGN, spec)
        return
    raise StataError(f"fvset {words[0]} invalid", 198)
