"""``graph set [window | print | eps | ps] [setopt setval]`` ([G-2] graph set, [G-3] ps_options,
eps_options, pr_options).

``graph set print|eps|ps name value`` sets the default of ``graph print``'s / ``graph export``'s
option ``name()`` for that output (an export typed with the option still wins); ``value``
``default`` forgets it; ``graph set print|eps|ps`` lists that output's settings, ``graph set``
alone all of them.  A value is checked as the option is when typed (the same message and return
code).  The defaults last for the session: Stata keeps them across sessions (in its own
preferences), mlm writes no preferences file (docs/graphs.md).

``graph set window fontface* name`` sets the font of Stata's Graph window; mlm draws no window, so
it is accepted (the setting's name checked) with a note saying so.  Stata 13's graph set has no
``svg`` or ``pdf`` export type (Stata 14's and 15's): refused.
"""
from __future__ import annotations

from mlmcli.commands.graphs.current import output_defaults
from mlmcli.errors import StataError

WINDOW_SETTINGS = ("fontface", "fontfacemono", "fontfacesans", "fontfaceserif", "fontfacesymbol")
TITLES = {"window": "Graph window", "print": "Print", "eps": "Encapsulated PostScript export (eps)",
          "ps": "PostScript export (ps)"}


def setting_names(kind: str) -> tuple[str, ...]:
    """The settable options of ``graph print`` (kind ``print``) or of ``graph export`` to ``kind``,
    in the order of their [G-3] entry."""
    from mlmcli.commands.graphs.export import EPS_OPTIONS, PS_OPTIONS

    return {"print": PS_OPTIONS, "ps": PS_OPTIONS, "eps": EPS_OPTIONS}[kind]


def check_output_options(kind: str, opts: dict) -> None:
    """r(198) (or fontdir()'s r(601)) for a value the option would refuse when typed: the checks
    of ``graph print`` and ``graph export`` themselves."""
    from mlmcli.commands.graphs.export import page_options
    from mlmcli.commands.graphs.print_graph import page_layout, postscript_look

    if kind == "print":
        page_layout(opts)
    else:
        page_options(opts, kind)
    postscript_look(opts, [])


def graph_set(session, words: list[str]) -> None:
    """``graph set`` with the words after it (quotes removed)."""
    if not words:
        for kind in TITLES:
            _list(session, kind)
        return
    kind = words[0].lower()
    if kind not in TITLES:
        raise StataError(f"graph set: {words[0]} not allowed (Stata 13's graph set takes window, print, "
                         "eps and ps; svg and pdf export settings are Stata 14's and later)", 198)
    rest = words[1:]
    if not rest:
        _list(session, kind)
        return
    if len(rest) != 2:
        raise StataError("invalid syntax", 198)
    name, value = rest[0].lower(), rest[1]
    if kind == "window":
        if name not in WINDOW_SETTINGS:
            raise StataError(f"graph set window: {rest[0]} is not a window setting ({', '.join(WINDOW_SETTINGS)})",
                             198)
        session.print("(note:  graph set window has no effect in mlmcli: it draws no Graph window; the "
                      "font of exported PostScript is set by graph set eps|ps fontface)")
        return
    if name not in setting_names(kind):
        raise StataError(f"graph set {kind}: {rest[0]} is not {'a print' if kind == 'print' else 'an ' + kind} "
                         "setting", 198)
    defaults = session.settings.setdefault(f"graph {kind}", {})
    if value.strip().lower() == "default":
        defaults.pop(name, None)
        return
    check_output_options(kind, {**defaults, name: value})
    defaults[name] = value


def _list(session, kind: str) -> None:
    session.print(f"{TITLES[kind]} settings:")
    if kind == "window":
        session.print("    (none: mlmcli draws no Graph window)")
        return
    defaults = output_defaults(session, kind)
    for name in setting_names(kind):
        value = defaults.get(name)
        shown = "(default)" if value is None else (f'"{value}"' if " " in value else value)
        session.print(f"    {name:<15} {shown}")
