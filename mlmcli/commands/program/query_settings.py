"""``query [output|efficiency|memory|trace|other]`` ([R] query): the current values of the
settings mlm keeps (``set``), read as ``c()`` reads them, by section.

Sections of Stata's windows, graphics, network, update and Mata settings hold nothing mlm
keeps: asking for one is refused by name.  The layout (a rule, the section title, one
``set name value`` line per setting) is mlm's, decided without Stata's output at hand."""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.render.numfmt import format_number
from mlmcli.syntax.abbreviation import abbreviates

_SECTIONS = (
    ("output", 3, "Output settings",
     ("more", "rmsg", "dp", "linesize", "pagesize", "level", "showbaselevels", "showemptycells",
      "showomitted", "fvlabel", "fvwrap", "fvwrapon", "cformat", "sformat", "pformat", "logtype")),
    ("efficiency", 3, "Efficiency settings", ("maxvar", "matsize")),
    ("trace", 5, "Trace (programming debugging) settings",
     ("trace", "tracedepth", "traceexpand", "tracesep", "traceindent", "tracenumber", "tracehilite")),
    ("other", 3, "Other settings",
     ("type", "maxiter", "seed", "varabbrev", "emptycells", "processors")),
)
_NOT_KEPT = ("interface", "graphics", "network", "update", "mata")
_UNITS = {"linesize": "characters", "pagesize": "lines", "level": "percent"}


def _value(session, name: str) -> str:
    from mlmcli.expr import evaluate_scalar

    value = evaluate_scalar(session, f"c({name})")
    if isinstance(value, str):
        return value
    return format_number(value, "%12.0g").strip()


def section_lines(session, title: str, names) -> list[str]:
    rule = "-" * (session.linesize - 1)
    lines = [rule, f"    {title}", rule]
    for name in names:
        value = _value(session, name)
        unit = f"  {_UNITS[name]}" if name in _UNITS else ""
        lines.append(f"    set {name:<21}{value}{unit}".rstrip())
    return lines + [""]


def cmd_query(session, cmd) -> None:
    words = cmd.args.split()
    if len(words) > 1:
        raise StataError("invalid syntax", 198)
    chosen = _SECTIONS
    if words:
        word = words[0].lower()
        if word == "memory":
            chosen = tuple(s for s in _SECTIONS if s[0] == "efficiency")
        else:
            chosen = tuple(s for s in _SECTIONS if abbreviates(word, s[0], s[1]))
            if not chosen:
                if any(word == name for name in _NOT_KEPT):
                    raise StataError(f"query {word}: mlmcli keeps no {word} settings", 198)
                raise StataError(f"invalid query: {words[0]}", 198)
    lines = [""]
    for _, _, title, names in chosen:
        lines += section_lines(session, title, names)
    session.print("\n".join(lines).rstrip("\n"))
