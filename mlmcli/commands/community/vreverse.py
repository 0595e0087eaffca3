"""``vreverse`` (Nick Cox, ``ssc install vreverse``): a reversed copy of a categorical
variable, its value labels carried over.  A compatible implementation written from the
package's ado-file (version 1.2.0):

    vreverse varname [if] [in], generate(newvar) [valuelabelname(name) removenumlabel mask(str)]

The new variable is ``min + max - varname`` over the observations used (missing elsewhere),
with varname's storage type, format, variable label and characteristics.  Each value used
gets a value label under ``valuelabelname()`` (default: newvar's name), ``modify``-added:
the reversed value is labelled with the text of the value it reverses -- its value label,
or the number itself where there is none.  ``removenumlabel`` takes ``mask()`` (default
``#. ``, ``#`` the value) out of that text, as ``numlabel, add`` put it there.
"""
from __future__ import annotations

import numpy as np

from mlmcli.characteristics import copy_for
from mlmcli.errors import StataError
from mlmcli.render.numfmt import format_number
from mlmcli.sample import mark_sample
from mlmcli.syntax.options import OptionSpec, resolve_options

HELP = {"vreverse": "vreverse varname [if] [in], generate(newvar) [valuelabelname(name) removenumlabel mask(str)]"}

OPTIONS = [OptionSpec("generate", 3, takes_arg=True), OptionSpec("valuelabelname", 3, takes_arg=True),
           OptionSpec("removenumlabel", 6), OptionSpec("mask", 1, takes_arg=True)]


def cmd_vreverse(session, cmd) -> None:
    ds = session.data
    names = ds.expand_varlist(cmd.args) if cmd.args.strip() else []
    if len(names) != 1:
        raise StataError("too many variables specified" if names else "varlist required", 103 if names else 100)
    var = names[0]
    if ds.is_string(var):
        raise StataError(f"string variables not allowed in varlist;\n{var} is a string variable", 109)
    opts = resolve_options(cmd.options, OPTIONS)
    if "generate" not in opts:
        raise StataError("option generate() required", 198)
    new = str(opts["generate"]).strip()
    if len(new.split()) != 1 or new in ds.varnames:
        raise StataError("generate() requires new variable name", 198)
    if ds.value_label_of.get(var) is None:
        session.print(f"note: {var} not labeled")
    mask = opts.get("mask")
    if mask is not None and "removenumlabel" not in opts:
        raise StataError("mask() option without removenumlabel option", 198)
    if "removenumlabel" in opts and not mask:
        mask = "#. "
    use = mark_sample(session, cmd, [var])
    if not use.any():
        raise StataError("no observations", 2000)
    x = ds.numeric(var)
    if np.any(x[use] != np.floor(x[use])):
        raise StataError(f"non-integer values in {var}", 498)
    low, high = float(x[use].min()), float(x[use].max())
    label_name = str(opts.get("valuelabelname") or new).strip()
    texts = {}
    for level in np.unique(x[use]):
        text = ds.value_label_text(var, float(level))
        if text is None:  # `: label (var) #' is the number itself where no label is defined
            text = format_number(float(level), "%18.0g").strip()
        if mask:
            text = text.replace(mask.replace("#", format_number(float(level), "%18.0g").strip()), "")
        texts[low + high - float(level)] = text
    ds.set_variable(new, np.where(use, low + high - x, np.nan), ds.types.get(var, "float"))
    labels = dict(ds.value_labels.get(label_name, {}))
    labels.update(texts)
    ds.value_labels[label_name] = dict(sorted(labels.items()))
    ds.value_label_of[new] = label_name
    ds.var_labels[new] = ds.var_labels.get(var, "")
    if var in ds.formats:
        ds.formats[new] = ds.formats[var]
    copy_for(ds.chars, var, new)
    ds.changed = True
