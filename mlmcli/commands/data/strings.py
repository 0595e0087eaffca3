"""``destring`` and ``tostring`` ([D] destring): numbers stored as text and back.

``destring [varlist], {generate(newvarlist)|replace} [ignore("chars") force float percent
dpcomma]``: a string variable whose every value (after ``ignore()`` characters are removed,
``%`` removed and the value divided by 100 with ``percent``, a decimal comma with
``dpcomma``) is a number or empty becomes numeric, stored as double (``float``: float) and
compressed to the smallest type that holds it exactly; a variable with other characters is
left alone (``force``: those values become missing).

``tostring varlist, {generate(newvarlist)|replace} [force format(%fmt) usedisplayformat]``:
numbers become text with ``format()`` (default ``%12.0g``; ``usedisplayformat``: the
variable's display format); a variable whose text would not give back the same numbers is
left alone unless ``force``.

Each variable reports what happened, as Stata does; nothing is changed when an option or a
new name is wrong.
"""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.common import as_text_array, string_format, string_type_for, unquote
from mlmcli.errors import StataError
from mlmcli.expr.distinct_values import apply_distinct
from mlmcli.missing import text as missing_text
from mlmcli.storage_types import compressed_type
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.syntax.varlist import check_new_name

_NUMBER_RE = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eEdD][+-]?\d+)?$")


def _targets(session, opts, names: list[str]) -> list[str]:
    gen, replace = opts.get("generate"), opts.get("replace")
    if bool(gen) == bool(replace):
        raise StataError("must specify either generate or replace option", 198)
    if replace:
        return names
    ds = session.data
    new = gen.split()
    if len(new) != len(names):
        raise StataError("number of new variables must equal number of variables", 198)
    for name in new:
        check_new_name(ds, name)
    if len(set(new)) != len(new):
        raise StataError(f"{new[0]} mentioned more than once", 198)
    return new


# ----------------------------------------------------------------------------- destring
DESTRING_OPTIONS = [OptionSpec("generate", 1, takes_arg=True), OptionSpec("replace"),
                    OptionSpec("ignore", 1, takes_arg=True), OptionSpec("force"), OptionSpec("float"),
                    OptionSpec("percent"), OptionSpec("dpcomma")]


def _parse_number(text: str, ignore: str, percent: bool, dpcomma: bool) -> tuple[float, bool]:
    """(value, ok) of one string; empty text is missing and ok."""
    t = text
    for ch in ignore:
        t = t.replace(ch, "")
    t = t.strip()
    if percent:
        t = t.replace("%", "")
    if dpcomma:
        t = t.replace(".", "").replace(",", ".") if "," in t else t
    if t in ("", "."):
        return np.nan, True
    if re.fullmatch(r"\.[a-z]", t):
        from mlmcli.missing import extended
        return extended(t[1:]), True
    if not _NUMBER_RE.match(t):
        return np.nan, False
    value = float(t.replace("d", "e").replace("D", "e"))
    if percent:
        value /= 100.0
    return value, True


def cmd_destring(session, cmd) -> None:
    opts = resolve_options(cmd.options, DESTRING_OPTIONS)
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else list(ds.varnames)
    targets = _targets(session, opts, names)
    ignore = unquote(opts["ignore"]) if isinstance(opts.get("ignore"), str) else ""
    verb = "replaced" if opts.get("replace") else "generated"
    start = "float" if opts.get("float") else "double"
    # destring.ado converts and reports one variable at a time, in varlist order
    for src, dst in zip(names, targets):
        if not ds.is_string(src):
            session.print(f"{src} already numeric; no {'replace' if opts.get('replace') else 'generate'}")
            continue
        texts = ds.df[src].to_numpy(dtype=object)
        # percent divides by 100 only when some value has a % sign (destring.ado's makepct)
        pct = bool(opts.get("percent")) and any("%" in str(t) for t in texts if t is not None)

        def parse(v, part):
            return float(_parse_number("" if v is None else str(v), ignore, pct,
                                       bool(opts.get("dpcomma")))[part])
        values = apply_distinct(lambda v: parse(v, 0), [texts], len(texts), numeric_out=True)
        bad = int((apply_distinct(lambda v: parse(v, 1), [texts], len(texts), numeric_out=True) == 0).sum())
        genrep = "replace" if opts.get("replace") else "generate"
        # destring.ado adds % to ignore() under percent and names the ignored characters found
        stripped = ignore + ("%" if opts.get("percent") and "%" not in ignore else "")
        not_ignored = " not specified in ignore()" if stripped else ""
        if bad and not opts.get("force"):
            session.print(f"{src}: contains {'characters' if stripped else 'nonnumeric characters'}"
                          f"{not_ignored}; no {genrep}")
            continue
        if start == "float":
            values = values.astype(np.float32).astype(float)
        vtype = compressed_type(values, start)
        found = [ch for ch in dict.fromkeys(stripped) if any(ch in str(t) for t in texts if t is not None)]
        label = ds.var_labels.get(src)
        if dst == src:  # the numeric variable takes the string's place
            position = ds.varnames.index(src)
            ds.drop_variables([src])
            ds.set_variable(dst, values, vtype, position=position)
        else:
            ds.set_variable(dst, values, vtype)
        ds.formats.pop(dst, None)
        if label:
            ds.var_labels[dst] = label
        # destring.ado names the new variable when it generates one: "x: ...; y generated as int"
        done = f"{verb if dst == src else f'{dst} {verb}'} as {vtype}"
        if bad:  # forced: the nonnumeric note, then what was removed (if anything) on its own line
            session.print(f"{src}: contains nonnumeric characters{not_ignored}" + ("" if found else f"; {done}"))
        if found:
            shown = " ".join("space" if ch == " " else ch for ch in found)
            session.print(f"{src}: character{'s' if len(found) > 1 else ''} {shown} removed; {done}")
        elif not bad:
            session.print(f"{src}: all characters numeric; {done}")
        n = int(np.isnan(values).sum())
        if n:  # every missing value of the new variable, empty strings too (destring.ado's r(N))
            session.print(f"({n} missing value{'s' if n != 1 else ''} generated)")


# ----------------------------------------------------------------------------- tostring
TOSTRING_OPTIONS = [OptionSpec("generate", 1, takes_arg=True), OptionSpec("replace"), OptionSpec("force"),
                    OptionSpec("format", takes_arg=True), OptionSpec("usedisplayformat", 3)]


def cmd_tostring(session, cmd) -> None:
    from mlmcli.render.numfmt import format_number, is_valid_format
    opts = resolve_options(cmd.options, TOSTRING_OPTIONS)
    ds = session.data
    names = ds.expand_varlist(cmd.args)
    targets = _targets(session, opts, names)
    fmt = opts.get("format")
    if isinstance(fmt, str):
        fmt = fmt.strip()
        if not is_valid_format(fmt) or fmt.endswith("s"):
            raise StataError(f"format {fmt} invalid", 120)
        if opts.get("usedisplayformat"):
            raise StataError("options format() and usedisplayformat may not be combined", 198)
    verb = "replace" if opts.get("replace") else "generate"
    results = []
    for src, dst in zip(names, targets):
        if ds.is_string(src):
            session.print(f"{src} already string; no {verb}")
            continue
        x = ds.numeric(src)
        use = ds.format_of(src) if opts.get("usedisplayformat") else (fmt or "%12.0g")
        texts = apply_distinct(lambda v: missing_text(v) if np.isnan(v) else format_number(float(v), use).strip(),
                               [x], len(x))
        if not opts.get("force"):
            back = apply_distinct(_read_back, [texts], len(texts), numeric_out=True)
            same = (back == x) | (np.isnan(back) & np.isnan(x))
            if not same.all():
                session.print(f"{src} cannot be converted reversibly; no {verb}")
                continue
        results.append((src, dst, as_text_array(texts)))
    for src, dst, texts in results:
        vtype = string_type_for(texts)
        label = ds.var_labels.get(src)
        if dst == src:
            old = ds.types.get(src, "float")
            position = ds.varnames.index(src)
            ds.drop_variables([src])
            ds.set_variable(dst, texts, vtype, position=position)
            session.print(f"{src} was {old} now {vtype}")
        else:
            ds.set_variable(dst, texts, vtype)
            session.print(f"{dst} generated as {vtype}")
        ds.formats[dst] = string_format(vtype)
        if label:
            ds.var_labels[dst] = label


def _read_back(text: str) -> float:
    t = text.replace(",", "")
    try:
        return float(t)
    except ValueError:
        return np.nan
