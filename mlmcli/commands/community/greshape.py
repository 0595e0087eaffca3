"""``greshape`` (Mauricio Caceres Bravo's gtools, ``ssc install gtools``): ``reshape`` in C.
Its ``long``/``wide`` take reshape's syntax with its own names for the identifiers --
``by()`` for ``i()`` and ``keys()`` (or ``key()``) for ``j()``, the ones gtools' docs prefer --
and give reshape's result, so mlm runs them as ``reshape``:

    greshape long|wide stubnames, by(varlist)|i(varlist) [keys(varname)|j(varname) string fast]

``fast`` (gtools: no ``preserve`` to restore the data after an error) changes nothing here: a
failing mlm command always leaves the data unchanged.  gtools' ``gather``/``spread`` and
the options that change the result (``unsorted``, ``nochecks``, ``nodupcheck``, ``match()``,
``dropmiss``, ``prefix()``, ``cols()``, ``uselabels``, ...) are refused with a message.
"""
from __future__ import annotations

from dataclasses import replace

from mlmcli.errors import StataError
from mlmcli.syntax.abbreviation import abbreviates
from mlmcli.syntax.options import split_options

HELP = {"greshape": "greshape long|wide stubnames, by(varlist) [keys(varname) string fast]"}

# greshape name -> reshape's (the identifiers), and the options that change nothing here
_SYNONYMS = (("by", "i"), ("i", "i"), ("keys", "j"), ("key", "j"), ("j", "j"), ("string", "string"))


def _option_text(option) -> str:
    return option.name if option.arg is None else f"{option.name}({option.arg})"


def cmd_greshape(session, cmd) -> None:
    from mlmcli.commands.data.reshape import cmd_reshape

    body, options, _ = split_options(cmd.args)
    words = body.split()
    if words and words[0] in ("gather", "spread"):
        raise StataError(f"greshape {words[0]} is not supported by mlm; use reshape", 198)
    if not words or words[0] not in ("long", "wide"):
        raise StataError("invalid syntax", 198)
    kept = []
    for option in options:
        name = option.name
        if name == "fast":
            continue
        target = next((new for old, new in _SYNONYMS if name == old
                       or (old == "string" and abbreviates(name, "string", 3))), None)
        if target is None:
            raise StataError(f"greshape option {name} is not supported by mlm (mlm runs greshape as reshape: "
                             "by()/i(), keys()/j() and string)", 198)
        kept.append(target if option.arg is None else f"{target}({option.arg})")
    if sum(o.startswith("i(") for o in kept) > 1 or sum(o.startswith("j(") for o in kept) > 1:
        raise StataError("greshape: by() and i() (or keys() and j()) are synonyms; give one", 198)
    text = body + (", " + " ".join(kept) if kept else "")
    cmd_reshape(session, replace(cmd, args=text, name="reshape"))
