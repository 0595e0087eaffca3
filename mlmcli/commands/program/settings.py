"""``set`` for Stata 13's settings other than obs, seed, linesize and the lazy-data ones
(those are in ``control.cmd_set``).

Each setting is one of:

- honoured: ``level`` (the default confidence level of every command with ``level()``),
  ``maxiter`` (the default ``iterate()`` of the maximum-likelihood commands), ``rmsg`` (the
  return message after each command, printed by the runner),
  ``type`` (the storage type ``generate`` and ``egen`` give a new numeric variable),
  ``varabbrev`` (whether variable names may be abbreviated), ``scheme`` (the scheme of the
  graphs that do not say ``scheme()``), ``trace`` and its ``tracedepth``, ``traceexpand``,
  ``tracesep``, ``traceindent``, ``tracenumber``, ``tracehilite`` (the trace of programs:
  ``mlmcli.program_trace``), ``processors`` (the BLAS threads of the engines,
  ``mixed.blas_threads``), ``fvlabel``, ``fvwrap``, ``fvwrapon`` (the defaults of the display
  options ``nofvlabel``/``fvlabel``, ``fvwrap()`` and ``fvwrapon()`` of every coefficient table:
  ``commands.estimation.common.label_options``), ``cformat``, ``sformat``, ``pformat`` (the
  defaults of the options of the same names: ``commands.estimation.common.display_formats``),
  ``emptycells`` (whether the empty cells of interactions stay in e(b) as omitted columns or
  leave it: read once, by ``factor_variables.design_layout``);
- accepted with the value kept for ``c()``, where Stata's own effect does not exist in mlm:
  ``more``/``pagesize`` (mlm never pauses output), ``matsize`` (mlm's matrices have no size
  limit), ``maxvar`` (no variable limit; still refused with data in memory, as Stata does),
  ``graphics`` (mlm never opens graph windows), ``logtype`` (mlm's logs are plain text),
  and the window, network, update and Mata settings of
  Stata's GUI;
- ``memory``: Stata 13 ignores it and says so;
- refused with a message when a value asks for behaviour mlm does not have (``output`` other
  than proc): the value is Stata's default or the command stops, never silently wrong.
"""
from __future__ import annotations

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.settings import DEFAULTS

STORAGE_TYPES = ("float", "double")

# Settings of Stata's windows, network, updates, memory manager and Mata: nothing in mlm
# depends on them (Stata's results do not either), so any value is accepted and kept.
_NO_EFFECT = set("""
    niceness autotabgraphs timeout1 timeout2 httpproxy httpproxyhost httpproxyport httpproxyauth
    httpproxyuser httpproxypw update_query update_interval update_prompt checksum segmentsize
    copycolor printcolor locale_ui charset notifyuser seed_stream sortseed varlabelpos
    adosize coeftabresults conren dockable dockingguides doublebuffer eolchar fastscroll
    floatresults floatwindows haverdir include_bitmap linegap locksplitters lstretch matacache
    matafavor matalibs matalnum matamofirst mataoptimize matastrict max_memory maxdb min_memory
    odbcmgr persistfv persistvtopic pinnable playsnd reventries revkeyboard scrollbufsize
    searchdefault smoothfonts
    varkeyboard logmsg smalldlg
""".split())

_ALIASES = {"mem": "memory", "mo": "more", "mor": "more", "ty": "type", "typ": "type",
            "lev": "level", "leve": "level", "mat": "matsize", "mats": "matsize",
            "matsi": "matsize", "matsiz": "matsize",
            **{"graphics"[:k]: "graphics" for k in range(1, 8)},  # set g:raphics -- "set graph off"
            "va": "varabbrev", "varab": "varabbrev", "emptycell": "emptycells",
            "showbase": "showbaselevels", "showempty": "showemptycells", "showomit": "showomitted"}


# help trace: tr:ace traced:epth tracee:xpand traces:ep tracei:ndent tracen:umber traceh:ilite
_TRACE = (("trace", 2), ("tracedepth", 6), ("traceexpand", 6), ("tracesep", 6), ("traceindent", 6),
          ("tracenumber", 6), ("tracehilite", 6))


def apply_setting(session, setting: str, values: list[str]) -> None:
    """``set setting values [, permanently]`` for every setting ``cmd_set`` does not handle."""
    from mlmcli.syntax.abbreviation import resolve_choice

    name = resolve_choice(setting, _TRACE) or _ALIASES.get(setting, setting)
    text = " ".join(values)
    if name == "tracehilite":
        _tracehilite(session, text)
        return
    text, _, options = text.partition(",")
    if options.strip() and options.strip() not in ("perm", "perma", "perman", "permane",
                                                      "permanen", "permanent", "permanently"):
        raise StataError(f"option {options.strip().split()[0]} not allowed", 198)
    if options.strip() and name in ("trace", "tracedepth"):  # [P] trace: the two without permanently
        raise StataError(f"option {options.strip()} not allowed", 198)
    words = text.split()
    handler = _HANDLERS.get(name)
    if handler is not None:
        handler(session, name, words)
    elif name in _NO_EFFECT:
        if not words:
            raise invalid_syntax()
        session.settings[name] = " ".join(words)
    else:
        raise StataError(f"set {setting} not allowed", 198)


def _one(words: list[str]) -> str:
    if len(words) != 1:
        raise invalid_syntax()
    return words[0].lower()


def _on_off(name: str, words: list[str]) -> str:
    value = _one(words)
    if value not in ("on", "off"):
        raise StataError(f"set {name}: on or off required", 198)
    return value


def _integer(name: str, words: list[str], lo: int, hi: int) -> int:
    try:
        n = int(_one(words).replace(",", ""))
    except ValueError:
        raise invalid_syntax() from None
    if not lo <= n <= hi:
        raise StataError(f"set {name}: {name} must be between {lo:,} and {hi:,}", 198)
    return n


# ----------------------------------------------------------------------------- honoured
def _level(session, name, words):
    try:
        lev = float(_one(words))
    except ValueError:
        raise invalid_syntax() from None
    if not 10 <= lev <= 99.99:
        raise StataError("level() must be between 10 and 99.99 inclusive", 198)
    session.level = lev


def _type(session, name, words):
    value = _one(words)
    if value not in STORAGE_TYPES:
        raise StataError("set type: float or double required", 198)
    session.settings["type"] = value


def _varabbrev(session, name, words):
    value = _on_off(name, words)
    session.settings["varabbrev"] = value
    session.data.varabbrev = value == "on"  # the dataset in memory; Session.data passes it on


def _trace(session, name, words):
    session.settings[name] = _on_off(name, words)  # program_trace reads it (c(trace))


def _tracedepth(session, name, words):
    session.settings[name] = _integer(name, words, 1, 32000)


def _tracehilite(session, text: str) -> None:
    """``set tracehilite "pattern" [, word]``: kept for c(tracehilite); Stata shows the pattern in
    bold on its screen, and a text log (mlm's output) has no bold, so the trace is unchanged."""
    from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

    body, options, _ = split_options(text)
    resolve_options(options, [OptionSpec("word", 4)])  # anything else: option X not allowed
    pattern = body.strip()
    if len(pattern) >= 2 and pattern[0] == pattern[-1] == '"':
        pattern = pattern[1:-1]
    elif pattern.startswith('`"') and pattern.endswith('"\''):
        pattern = pattern[2:-2]
    session.settings["tracehilite"] = pattern


def _fvwrap(session, name, words):
    # [R] set showbaselevels: "set fvwrap #"; the range is mlm's (no source gives Stata's):
    # fvwrap()'s nonnegative integers, 0 read as 1 as the option's is
    session.settings[name] = _integer(name, words, 0, 32000)


def _show_setting(*words: str):
    """``set showbaselevels on|off|all``, ``set showemptycells|showomitted on|off``: the
    defaults of baselevels/allbaselevels, noemptycells and noomitted in every coefficient table
    ([R] set showbaselevels; an option typed on the command still applies)."""
    def handler(session, name, words_typed):
        value = _one(words_typed)
        if value not in words:
            raise StataError(f"set {name}: {' or '.join(words)} required", 198)
        session.settings[name] = value
    return handler


def _one_of(first: str, second: str):
    """A setting that takes one of two words (``set logtype text|smcl``)."""
    def handler(session, name, words):
        value = _one(words)
        if value not in (first, second):
            raise StataError(f"set {name}: {first} or {second} required", 198)
        session.settings[name] = value
    return handler


# ----------------------------------------------------------------------------- accepted
def _keep_on_off(session, name, words):
    session.settings[name] = _on_off(name, words)


def _more(session, name, words):
    """set more on|off, and the older 1|0 that published replication files still type (Autor,
    Palmer and Pathak's JPE 2013 code and Stock and Watson's chapter files run ``set more 1``)."""
    if len(words) == 1 and words[0] in ("1", "0"):
        words = ["on" if words[0] == "1" else "off"]
    session.settings[name] = _on_off(name, words)


def _pagesize(session, name, words):
    session.settings[name] = _integer(name, words, 10, 10000)


def _matsize(session, name, words):
    # Stata 13/SE: 10 to 11,000; mlm's matrices are limited only by memory
    session.settings[name] = _integer(name, words, 10, 11000)


def _maxvar(session, name, words):
    # [D] memory: 2,048 to 120,000 in Stata/MP (32,767 in SE); mlm has no variable limit, so the
    # widest edition's range is taken -- do-files written on MP set it as high as 120000
    n = _integer(name, words, 2048, 120000)
    if not session.data.is_empty():  # Stata reallocates the dataset: only with none in memory
        raise StataError("no; data in memory would be lost", 4)
    session.settings[name] = n


def _maxiter(session, name, words):
    # the default iterate() of the ML commands (syntax.settings.default_iterate)
    session.settings[name] = _integer(name, words, 0, 16000)


def _scheme(session, name, words):
    """``set scheme name [, permanently]``: the scheme graphs use unless they say ``scheme()``
    (``session.graph_scheme``); a scheme mlm does not draw gets Stata's note and s2color."""
    from mlmcli.graphs.style import DEFAULT_SCHEME, SCHEMES, scheme_note

    words = " ".join(words).split(",")[0].split()
    if len(words) != 1:
        raise invalid_syntax()
    scheme = words[0].lower()
    if scheme not in SCHEMES:
        session.print(scheme_note(scheme))
        scheme = DEFAULT_SCHEME
    session.settings[name] = scheme
    session.graph_scheme = scheme


def _memory(session, name, words):
    # Stata 12 and later: "set memory ignored.  Memory no longer needs to be set in modern
    # Statas; see help memory for an explanation."
    if not words:
        raise invalid_syntax()
    session.print("set memory ignored.")
    session.print("    Memory no longer needs to be set in modern Statas; see help memory for an explanation.")


def _processors(session, name, words):
    """``set processors #``: the BLAS threads the engines use (Stata/MP's processors; mlm's
    numbers do not depend on it beyond the last bits of BLAS sums)."""
    from mlmcli.mixed.blas_threads import machine_processors, set_blas_processors

    set_blas_processors(_integer(name, words, 1, machine_processors()))


# ----------------------------------------------------------------------------- default only
def _only_default(session, name, words):
    """A setting whose other values change what Stata computes or prints in ways mlm does not
    implement: its default is accepted, anything else refused."""
    value = " ".join(words).lower()
    if not words:
        raise invalid_syntax()
    default = str(DEFAULTS.get(name, ""))
    accepted = {default}
    if value not in accepted:
        raise StataError(f"set {name} {value} is not implemented in mlm (mlm always works as with "
                         f"set {name} {default or 'off'})", 198)
    session.settings[name] = value


def _display_format(session, name, words):
    """``set cformat|sformat|pformat [%fmt] [, permanently]``: the default format of a column of
    every coefficient table (``estimation.common.display_formats``; a command's option overrides
    it).  No format: back to Stata's default (c() empty).  The format must be numeric (r(7), as
    ``confirm numeric format``) and fit its column: 9, 8 and 5 wide at most."""
    from mlmcli.commands.estimation.common import numeric_display_format
    from mlmcli.syntax.settings import DISPLAY_FORMAT_WIDTHS

    if not words:
        session.settings.pop(name, None)
        return
    if len(words) > 1:
        raise invalid_syntax()
    limit = DISPLAY_FORMAT_WIDTHS[name]
    if numeric_display_format(words[0]).width > limit:
        raise StataError(f"invalid {name}; the format's width may be at most {limit}", 198)
    session.settings[name] = words[0]


def _locale_functions(session, name, words):
    """``set locale_functions loc|default``: the locale the Unicode functions use when given none
    (ustrcompare(), ustrsortkey(): a locale with collation rules of its own is refused there)."""
    value = _one(words)
    if value == "default":
        session.settings.pop(name, None)
    else:
        session.settings[name] = words[0]


_HANDLERS = {
    "locale_functions": _locale_functions,
    "level": _level, "type": _type, "varabbrev": _varabbrev,
    "more": _more, "graphics": _keep_on_off, "pagesize": _pagesize, "matsize": _matsize,
    "maxvar": _maxvar, "logtype": _one_of("text", "smcl"),  # log using's default (commands/program/logs.py)
    "scheme": _scheme, "memory": _memory,
    "trace": _trace, "tracedepth": _tracedepth, "traceexpand": _keep_on_off, "tracesep": _keep_on_off,
    "traceindent": _keep_on_off, "tracenumber": _keep_on_off, "rmsg": _keep_on_off, "output": _only_default,
    "emptycells": _one_of("keep", "drop"), "maxiter": _maxiter, "showbaselevels": _show_setting("on", "off", "all"),
    "showemptycells": _show_setting("on", "off"), "showomitted": _show_setting("on", "off"),
    "cformat": _display_format, "pformat": _display_format, "sformat": _display_format, "fvlabel": _keep_on_off,
    "fvwrap": _fvwrap, "fvwrapon": _one_of("word", "width"), "dp": _one_of("comma", "period"),
    "processors": _processors,
}
