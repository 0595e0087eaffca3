"""``kap rater1 rater2``: Cohen's kappa for two raters ([R] kappa).  Numbers in
``mlmcli.kappa_agreement``, the table in ``mlmcli.render.epitab``."""
from __future__ import annotations

import numpy as np

from mlmcli.errors import StataError
from mlmcli.render.numfmt import format_number
from mlmcli.syntax.options import OptionSpec, resolve_options

KAP_OPTIONS = [OptionSpec("absolute", 1), OptionSpec("tab", 3), OptionSpec("wgt", 1, True)]


def cmd_kap(session, cmd) -> None:
    """``kap rater1 rater2 [if] [in] [fweight] [, wgt(I|w|w2|name) absolute]``: Cohen's kappa
    for two raters (name: weights defined by kapwgt).  More than two raters and tab are not
    implemented (r(198))."""
    from mlmcli.commands.data.common import mark, weights
    from mlmcli.kappa_agreement import two_rater_kappa
    from mlmcli.render.epitab import render_kappa
    from mlmcli.syntax.varlist import counted_varlist

    opts = resolve_options(cmd.options, KAP_OPTIONS)
    ds = session.data
    names = counted_varlist(ds, cmd.args, 2)
    if len(names) > 2:
        raise StataError("kap with more than two raters is not available in mlm", 198)
    if opts.get("tab"):
        raise StataError("option tab not allowed", 198)
    scheme = str(opts.get("wgt") or "I").strip()
    user_weights = None
    if scheme not in ("I", "w", "w2"):
        words = session.globals.get(scheme, "").split()
        if not words or words[0] != "kapwgt":
            raise StataError(f"kappawgt {words[0] if words else ''} not found", 111)
        user_weights = (int(words[1]), [float(v) for v in words[2:]])
    for name in names:
        if ds.is_string(name):
            raise StataError("type mismatch", 109)
    rows = mark(session, cmd, names)
    rows, w, _ = weights(session, cmd, rows, ("fweight",), default="fweight")
    if rows.sum() < 2:
        raise StataError("insufficient observations", 2001)
    first, second = (ds.numeric(n)[rows] for n in names)
    absolute = bool(opts.get("absolute"))
    if absolute:
        both = np.concatenate([first, second])
        if np.any(both != np.floor(both)) or np.any(both < 1):
            raise StataError(f"{names[0]} and {names[1]} not integers 1, ..., K\n"
                             "this is required when option absolute is specified", 498)
    categories = np.unique(np.concatenate([first, second]))
    if (int(categories.max()) if absolute else categories.size) < 2:
        raise StataError("too few rating categories", 499)
    count = np.ones(first.size) if w is None else np.asarray(w, dtype=float)[rows]
    if user_weights is not None:
        size = int(categories.max()) if absolute else categories.size
        if (not absolute and user_weights[0] != size) or (absolute and user_weights[0] < size):
            raise StataError(f"kapwgt not {size} x {size}", 198)   # kap.ado names the word "kapwgt"
    result = two_rater_kappa(first, second, count, scheme, absolute, user_weights)
    session.print(render_kappa(result, scheme != "I"))
    session.set_r({"N": result.n, "prop_o": result.prop_o, "prop_e": result.prop_e, "kappa": result.kappa,
                   "z": result.z, "se": result.se})


def cmd_kapwgt(session, cmd) -> None:
    """``kapwgt name 1 \\ w21 1 \\ w31 w32 1 ...`` defines kappa weights (the lower triangle,
    rows separated by backslashes) in the global macro name, as kapwgt.ado does;
    ``kapwgt name`` shows them."""
    words = (cmd.args or "").replace("\\", " \\ ").split()
    if not words:
        raise StataError("invalid syntax", 198)
    name, rest = words[0], words[1:]
    if not rest:
        stored = session.globals.get(name)
        if stored is None:
            raise StataError(f"global macro {name} not found", 111)
        parts = stored.split()
        if parts[0] != "kapwgt":
            raise StataError(f"{name} not kappa weight matrix", 198)
        values, lines, size = parts[2:], [""], 1
        while values:
            lines.append("".join(format_number(float(v), "%7.4f") for v in values[:size]))
            values, size = values[size:], size + 1
        session.print("\n".join(lines))
        return
    rows, position = [], 0
    tokens = ["\\"] + rest
    while position < len(tokens) and tokens[position] == "\\":
        size = len(rows) + 1
        row = tokens[position + 1:position + 1 + size]
        for k, text in enumerate(row):
            try:
                value = float(text)
            except ValueError:
                raise StataError(f"'{text}' found where number expected", 7) from None
            if value < 0 or value > 1:
                raise StataError("elements must be between 0 and 1", 198)
            if k == size - 1 and value != 1:
                raise StataError("diagonals must be 1", 198)
        if len(row) < size:
            raise StataError("invalid syntax", 198)
        rows.append(row)
        position += 1 + size
    if position < len(tokens):
        raise StataError(f"{tokens[position]} invalid", 198)
    session.globals[name] = "kapwgt " + str(len(rows)) + " " + " ".join(v for row in rows for v in row)
