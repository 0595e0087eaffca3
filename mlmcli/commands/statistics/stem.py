"""``stem varname [if] [in] [, digits(#) lines(#)|width(#) round(#)|truncate(#) prune]``
([R] stem): a stem-and-leaf plot, with stem.ado's option checks, messages and r().

r(digits), r(width) scalars; r(round) (the unit the values were rounded to, typed or
automatic) or r(truncate) macros; $S_1, $S_2, $S_3 as the ado sets them.
"""
from __future__ import annotations

import numpy as np

from mlmcli.commands.data.common import mark
from mlmcli.commands.program.confirm import number_value
from mlmcli.errors import StataError
from mlmcli.results.stem_leaf import StemLeafPlot
from mlmcli.stem_leaf import automatic_round, choose_width, power_text, stem_lines
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options
from mlmcli.syntax.varlist import NAME_RE

STEM_OPTIONS = [OptionSpec("width", 1, takes_arg=True), OptionSpec("lines", 1, takes_arg=True),
                OptionSpec("digits", 1, takes_arg=True), OptionSpec("round", 1, takes_arg=True),
                OptionSpec("short"), OptionSpec("prune"), OptionSpec("truncate", 1, takes_arg=True)]


def _text(opts: dict, name: str) -> str:
    value = opts.get(name)
    return value.strip() if isinstance(value, str) else ""


def _width(opts: dict, tend: int) -> int | None:
    """width(), or tend/lines(), checked as stem.ado checks the one typed."""
    width_text, lines_text = _text(opts, "width"), _text(opts, "lines")
    if width_text and lines_text:
        raise StataError("only one of width() or lines() may be specified", 198)
    check, text = ("lines", lines_text) if lines_text else ("width", width_text)
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        if NAME_RE.match(text):  # the ado evaluates it: an unknown name
            raise StataError(f"{text} not found", 111) from None
        raise StataError("invalid syntax", 198) from None
    if not value.is_integer():
        raise StataError(f"{check} must be an integer", 198)
    if value <= 0:
        raise StataError(f"{check} must be greater than zero", 198)
    if value > tend:
        raise StataError(f"{check} must be less than or equal to {tend}", 198)
    if tend % int(value):
        raise StataError(f"{check} must divide {tend}", 198)
    return tend // int(value) if check == "lines" else int(value)


def cmd_stem(session, cmd) -> None:
    opts = resolve_options(cmd.options, STEM_OPTIONS)
    if cmd.weight is not None:
        raise StataError("weights not allowed", 101)
    ds = session.data
    if not cmd.args.strip():
        raise StataError("varlist required", 100)
    names = ds.expand_varlist(cmd.args)
    if len(names) > 1:
        raise StataError("too many variables specified", 103)
    name = names[0]
    if ds.is_string(name):
        raise StataError("type mismatch", 109)
    digits = integer_option(opts, "digits", 1)
    if digits <= 0:
        raise StataError("digits() must be greater than zero", 198)
    tend = 10 ** digits
    width = _width(opts, tend)
    round_text, truncate_text = _text(opts, "round"), _text(opts, "truncate")
    if round_text and truncate_text:
        raise StataError("only one of round() or truncate() may be specified", 198)
    if round_text and number_value(round_text) == 0:
        raise StataError("round() cannot be 0", 198)
    if truncate_text and number_value(truncate_text) == 0:
        raise StataError("truncate() cannot be 0", 198)
    rows = mark(session, cmd, [name])
    x = ds.numeric(name)[rows]
    if x.size == 0:
        raise StataError("no observations", 2000)
    if not round_text and not truncate_text:
        power = automatic_round(x)
        round_text = power_text(power) if power is not None else ""
    with np.errstate(all="ignore"):
        if round_text:
            y = np.floor(x / float(round_text) + 0.5)  # round(x/round, 1)
        elif truncate_text:
            y = np.trunc(x / float(truncate_text))  # int(x/truncate)
        else:
            y = x.copy()
    if width is None:
        digits, width = choose_width(y, digits)
    notes = _notes(ds, name, round_text, truncate_text)
    plot = StemLeafPlot(name, ds.var_labels.get(name, ""), notes,
                        stem_lines(y, width, digits, bool(opts.get("prune") or opts.get("short"))))
    from mlmcli.render.stem_leaf import render_stem_leaf
    session.print(render_stem_leaf(plot))
    r = {"digits": float(digits), "width": float(width)}
    if round_text:
        r["round"] = round_text
    elif truncate_text:
        r["truncate"] = truncate_text
    session.set_r(r)
    session.globals.update({"S_1": str(digits), "S_2": str(width)})
    if round_text:
        session.globals["S_3"] = round_text
    else:
        session.globals.pop("S_3", None)


def _notes(ds, name: str, round_text: str, truncate_text: str) -> tuple[str, ...]:
    unit = round_text or truncate_text
    if not unit:
        return ()
    verb = "rounded" if round_text else "truncated"
    if unit == "1":
        whole = ds.types.get(name, "float") in ("byte", "int", "long")
        return () if whole else (f"{name} {verb} to integers",)
    return (f"{name} {verb} to nearest multiple of {unit}\nplot in units of {unit}",)
