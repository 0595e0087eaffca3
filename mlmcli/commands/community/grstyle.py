"""``grstyle`` (Ben Jann's community command, SSC): change the look of graphs by editing
the scheme in use.  grstyle writes a scheme file and sets it; mlm keeps the edited scheme
in the graph layer (``mlmcli.graphs.style.derived_scheme``) and makes it the session's
scheme, so every later graph without ``scheme()`` is drawn with it.

    grstyle init                 start from the scheme in use (``set scheme``)
    grstyle clear                back to the scheme before ``grstyle init``
    grstyle set plain [, horizontal grid nogrid dotted noextend]
                                 white graph and plot regions, light grey grid lines;
                                 ``horizontal``: y labels horizontal; ``grid``: grid lines
                                 on both axes (``nogrid``: none); ``dotted``: dotted grid
    grstyle set nogrid           no grid lines (on either axis)
    grstyle set color colorlist  the colours of plot styles p1, p2, ... (Stata colour
                                 names or "R G B"); the later styles keep theirs
    grstyle set symbol [symbollist] [, n(#) plots(numlist)]
                                 the marker symbols of p1, p2, ... (msymbol() words: O D T
                                 S + X ... oh sh, circle, smsquare_hollow ...; none:
                                 symbolpalette's default list); the later styles keep theirs

    grstyle color background|plotregion|major_grid|grid color
    grstyle linepattern major_grid|grid pattern
    grstyle anglestyle vertical_tick horizontal
    grstyle linewidth major_grid|grid width
    grstyle yesno grid_draw_min|grid_draw_max yes|no
                                 the raw scheme lines grstyle writes into its scheme file
                                 (grstyle.ado's grstyle_put) that mlm's schemes hold: the
                                 graph region's (background) and plot region's colours, the
                                 grid lines' colour, pattern and width, grid lines at the
                                 outermost labels always, horizontal y labels
    grstyle set noextend         axis lines only over the labelled range (extend_axes_* no)

Everything else grstyle has (``grstyle init newscheme, path()``, ``set mesh``, ``set
lpattern``, ``set legend``, palettes of colorpalette, options and ``: elements`` of the set
subcommands, raw scheme lines, ``type``) is refused with r(198).
"""
from __future__ import annotations

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

HELP = {"grstyle": "grstyle init | clear | set plain [, horizontal grid nogrid dotted noextend] | set nogrid | set color colorlist | "
                   "set symbol [symbollist] [, n(#) plots()] | color background|plotregion|major_grid color | "
                   "linepattern major_grid pattern | anglestyle vertical_tick horizontal : "
                   "change the graph scheme (community command)"}

_STATE = "grstyle"  # session.settings: {"previous": scheme, "base": scheme, "changes": {...}}


def _refuse(what: str) -> StataError:
    return StataError(f"grstyle {what} is not available in mlm (available: grstyle init, clear, "
                      "set plain, set nogrid, set color, set symbol, set noextend, color background|plotregion|major_grid, "
                      "linepattern|linewidth major_grid, yesno grid_draw_min|grid_draw_max, "
                      "anglestyle vertical_tick horizontal)", 198)


def cmd_grstyle(session, cmd) -> None:
    from mlmcli.textscan import split_words

    body, options, _ = split_options(cmd.args)
    words = split_words(body)
    if not words:
        raise StataError("invalid syntax", 198)
    sub = words[0]
    if sub == "init":
        if len(words) > 1:
            raise _refuse("init newscheme (a scheme file)")
        resolve_options(options, [OptionSpec("replace")])
        previous = session.settings.get(_STATE, {}).get("previous", session.graph_scheme)
        session.settings[_STATE] = {"previous": previous, "base": session.graph_scheme, "changes": {}}
        _apply(session)
        return
    if sub == "clear":
        if len(words) > 1:
            raise StataError("invalid syntax", 198)
        resolve_options(options, [OptionSpec("erase")])
        state = session.settings.pop(_STATE, None)
        if state is not None:
            session.graph_scheme = state["previous"]
            session.settings["scheme"] = state["previous"]
        return
    if sub == "set":
        state = session.settings.get(_STATE)
        if state is None:
            raise StataError("grstyle not initialized; type grstyle init", 499)
        what = words[1] if len(words) > 1 else ""
        if what == "plain":
            if len(words) > 2:
                raise StataError("invalid syntax", 198)
            state["changes"].update(_plain(options))
        elif what == "nogrid":  # grstyle 14feb2018: no grid lines on either axis
            if len(words) > 2:
                raise StataError("invalid syntax", 198)
            resolve_options(options, [])
            state["changes"].update({"grid": None, "grid_both": False})
        elif what in ("color", "colo", "col"):
            resolve_options(options, [])
            state["changes"].update(_colors(session, words[2:]))
        elif what == "symbol":
            state["changes"].update(_symbols(state, words[2:], options))
        elif len(what) >= 4 and "noextend".startswith(what):  # grstyle_set_noextend: extend_axes_* no
            if len(words) > 2:
                raise StataError(f"{' '.join(words[2:])} not allowed", 198)
            resolve_options(options, [])
            state["changes"]["axes_extend"] = False
        else:
            raise _refuse(f"set {what}".strip())
        _apply(session)
        return
    if sub in _RAW_ENTRIES:
        state = session.settings.get(_STATE)
        if state is None:
            raise StataError("grstyle not initialized", 499)
        state["changes"].update(_raw_line(words))
        _apply(session)
        return
    raise _refuse(" ".join(words))


_RAW_ENTRIES = ("color", "linepattern", "anglestyle", "linewidth", "yesno")


def _raw_line(words: list[str]) -> dict:
    """``grstyle color background white`` ...: a scheme line that mlm's schemes hold, as the
    change of the scheme it makes; any other is refused."""
    from mlmcli.graphs.style import parse_color

    line = " ".join(words)
    if len(words) != 3:
        raise _refuse(line)
    kind, entry, value = words[0], words[1], words[2].strip('"')
    if kind == "color" and entry in ("background", "plotregion", "major_grid", "grid"):
        color = parse_color(value)
        if color is None or color == "none":
            raise _refuse(line)
        field = {"background": "graph_region", "plotregion": "plot_region"}.get(entry, "grid")
        return {field: color}
    if kind == "linepattern" and entry in ("major_grid", "grid"):
        from mlmcli.graphs.style import line_pattern

        if line_pattern(value) is None:
            raise StataError(f"grstyle linepattern: {value} is not a line pattern", 198)
        return {"grid_pattern": value}
    if kind == "anglestyle" and entry == "vertical_tick" and value == "horizontal":
        return {"y_label_angle": 0.0}
    if kind == "linewidth" and entry in ("major_grid", "grid"):
        from mlmcli.graphs.style import line_width

        width = line_width(value)
        if width is None:
            raise StataError(f"grstyle linewidth: {value} is not a line width", 198)
        return {"grid_width": width}
    if kind == "yesno" and value in ("yes", "no"):
        field = {"grid_draw_min": "grid_draw_min", "grid_draw_max": "grid_draw_max"}.get(entry)
        if field is not None:
            return {field: value == "yes"}
    raise _refuse(line)


def _plain(options) -> dict:
    from mlmcli.graphs.style import NAMED_COLORS

    opts = resolve_options(options, [OptionSpec("horizontal", 3), OptionSpec("grid"), OptionSpec("nogrid"),
                                     OptionSpec("dotted", 3), OptionSpec("noextend", 4)])
    if opts.get("grid") and opts.get("nogrid"):
        raise StataError("options grid and nogrid may not be combined", 198)
    changes = {"graph_region": "#ffffff", "plot_region": "#ffffff", "panel_title_bg": NAMED_COLORS["gs14"],
               "grid": None if opts.get("nogrid") else NAMED_COLORS["gs13"]}
    if opts.get("horizontal"):
        changes["y_label_angle"] = 0.0
    if opts.get("grid"):
        changes["grid_both"] = True
    if opts.get("dotted"):
        changes["grid_pattern"] = "dot"
    if opts.get("noextend"):  # grstyle_set_plain calls grstyle_set_noextend
        changes["axes_extend"] = False
    return changes


def _colors(session, words: list[str]) -> dict:
    from mlmcli.graphs.style import parse_color, scheme

    if not words:
        raise StataError("color list required", 198)
    colors = []
    for word in words:
        color = parse_color(word.strip('"'))
        if color is None or color == "none":
            raise StataError(f"grstyle set color: {word.strip(chr(34))} is not a colour mlm knows (palettes of "
                             "colorpalette are not available)", 198)
        colors.append(color)
    state = session.settings[_STATE]
    current = state["changes"].get("series_colors") or scheme(state["base"]).series_colors
    return {"series_colors": tuple(colors) + tuple(current[len(colors):])}


# symbolpalette's default palette (palettes package, symbolpalette.ado 1.0.2)
_DEFAULT_SYMBOLS = ("circle", "diamond", "square", "triangle", "X", "plus", "circle_hollow", "diamond_hollow",
                    "square_hollow", "triangle_hollow", "smcircle", "smdiamond", "smsquare", "smtriangle", "smx")


def _symbols(state: dict, words: list[str], options=()) -> dict:
    """``grstyle set symbol [list] [, n(#) plots(numlist)]``: the symbols of p1, p2, ... (no list:
    symbolpalette's default palette, its first n()); as grstyle_set_symbol, one symbol without
    plots() is the scheme's ``symbol p`` -- the symbol of every plot style given none of its
    own: here, when the base scheme's symbols are all one (s2color's), of every style an earlier
    ``set symbol`` did not set; else of none.  An
    element list after a colon (``: p#markline``) is not kept apart from the list, so it is
    refused."""
    from mlmcli.graphs.style import marker_symbol, scheme
    from mlmcli.syntax.numlist import numlist

    if any(":" in w for w in words):
        raise _refuse("set symbol with : elements")
    opts = resolve_options(options, [OptionSpec("n", 1, True), OptionSpec("plots", 1, True)])
    names = [w.strip('"') for w in words] or list(_DEFAULT_SYMBOLS)
    if "n" in opts:
        try:
            n = int(opts["n"])
        except ValueError:
            raise StataError("option n() incorrectly specified", 198) from None
        names = names[:max(1, n)]
    symbols = []
    for word in names:
        symbol = marker_symbol(word)
        if symbol is None:
            raise StataError(f"grstyle set symbol: {word} is not a marker symbol", 198)
        symbols.append(symbol)
    current = list(state["changes"].get("symbols") or scheme(state["base"]).symbols)
    if "plots" in opts:
        targets = [int(v) for v in numlist(opts["plots"])]
        if any(t < 1 for t in targets):
            raise StataError("option plots() incorrectly specified", 198)
    elif len(symbols) == 1:  # symbol p: the styles neither the scheme nor grstyle set one by one
        if len(set(scheme(state["base"]).symbols)) != 1:
            return {}
        own = state.setdefault("own_symbols", set())
        return {"symbols": tuple(c if k in own else symbols[0] for k, c in enumerate(current, start=1))}
    else:
        targets = list(range(1, len(symbols) + 1))
    own = state.setdefault("own_symbols", set())
    for k, target in enumerate(targets):
        if target <= len(current):
            current[target - 1] = symbols[k % len(symbols)]
            own.add(target)
    return {"symbols": tuple(current)}


def _apply(session) -> None:
    from mlmcli.graphs.style import derived_scheme

    state = session.settings[_STATE]
    name = derived_scheme(state["base"], **state["changes"])
    session.graph_scheme = name
    session.settings["scheme"] = name
