"""``coefplot``'s global options that arrange and label the category axis (``orderby()``,
``sort()``, ``order()``, ``relocate()``, ``eqlabels()``/``noeqlabels``, ``headings()``,
``groups()``) read as coefplot.ado's parse_globalopts reads them, and what works on the
plotted values once they have their positions: ``@`` internal variables (``if()``,
``weight()``, ``mlabel()``, ``addplot()``), ``transform()``, ``mlabel(strexp)``.
The positions themselves: mlmcli.graphs.coefplot_layout."""
from __future__ import annotations

import math
import re

from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options, split_options
from mlmcli.text_bytes import string_storage_type

# the label-text suboptions of coeflabels(), eqlabels(), headings(), groups(), plotlabels(), bylabels()
TEXT_OPTIONS = [OptionSpec("truncate", 1, True), OptionSpec("wrap", 1, True), OptionSpec("nobreak", 3)]


def _axis_suboptions(text: str, own: list[OptionSpec], option: str) -> tuple[str, dict, str]:
    """``spec [, own suboptions truncate() wrap() nobreak axis_label_suboptions]`` -> (spec,
    own and text suboptions, the rest as text)."""
    body, subs, _ = split_options(str(text))
    mine, rest = [], []
    specs = own + TEXT_OPTIONS
    for sub in subs:
        (mine if any(s.matches(sub.name) for s in specs) else rest).append(sub)
    return body, resolve_options(mine, specs), " ".join(
        o.name if o.arg is None else f"{o.name}({o.arg})" for o in rest)


def text_rule(opts: dict, option: str):
    """truncate(#) wrap(#) nobreak -> label -> label (truncwrap_label)."""
    def count(name):
        if opts.get(name) is None:
            return None
        text = str(opts[name]).strip()
        if not text.isdecimal() or int(text) <= 0:
            raise StataError(f"{option}(): option {name}() incorrectly specified", 198)  # uncertain: numlist's wording
        return int(text)
    trunc, wrap, nobreak = count("truncate"), count("wrap"), bool(opts.get("nobreak"))
    if trunc is None and wrap is None:
        return lambda label: label
    return lambda label: truncwrap(label, trunc, wrap, nobreak)


def piece(text: str, number: int, width: int, nobreak: bool) -> str:
    """Stata's ``piece #1 #2 of string [, nobreak]``: the #1th piece of at most #2 characters,
    filled a word at a time; a longer word split unless nobreak."""
    pieces, current = [], ""
    for word in text.split():
        while True:
            if not current:
                if len(word) <= width or nobreak:
                    current = word
                    break
                pieces.append(word[:width])
                word = word[width:]
                continue
            if len(current) + 1 + len(word) <= width:
                current += " " + word
                break
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces[number - 1] if number <= len(pieces) else ""


def truncwrap(label: str, trunc: int | None, wrap: int | None, nobreak: bool) -> str:
    """truncwrap_label: truncate to the first piece, then wrap into pieces as the lines of a
    compound-quoted label (one piece: a second, empty line, the ado's workaround); labels that
    are already lines ("a" "b") are left as they are."""
    if label.lstrip().startswith(('"', '`"')):
        return label
    if trunc is not None:
        label = piece(label, 1, trunc, nobreak)
    if wrap is not None:
        parts, k = [], 1
        while True:
            p = piece(label, k, wrap, nobreak)
            if not p:
                break
            parts.append(p)
            k += 1
        if not parts:
            return label
        return " ".join(f'"{p}"' for p in parts) + (' ""' if len(parts) == 1 else "")
    return label


def _number(text, option: str) -> float:
    try:
        return float(str(text).strip())
    except ValueError:
        raise StataError(f"{option}(): invalid syntax", 198) from None


_GAP = [OptionSpec("nogap", 3), OptionSpec("gap", 1, True)]


def _gap(opts: dict, default: float, option: str) -> float:
    if opts.get("nogap"):
        return 0.0
    return _number(opts["gap"], option) if opts.get("gap") is not None else default


def axis_texts(glob: dict) -> dict:
    """eqlabels(), headings(), groups() -> the layout's arguments and each one's axis
    suboptions (parse_eqlabels, parse_headings, parse_groups)."""
    from mlmcli.graphs.syntax import items

    same = text_rule({}, "")
    out = {"eqlabel_list": [], "eq_xlab": None, "eqgap": 0.0 if glob.get("noeqlabels") else 1.0,
           "eq_as_headings": False, "hgap": 1.0, "hoff": 0.0, "headings": "", "groups": "", "ggap": 0.0,
           "options": {}, "text": {"eq": same, "headings": same, "groups": same}}
    if isinstance(glob.get("eqlabels"), str):
        own = _GAP + [OptionSpec("labels", 3, True, True), OptionSpec("offset", 3, True),
                      OptionSpec("asheadings", 6)]
        body, opts, rest = _axis_suboptions(glob["eqlabels"], own, "eqlabels")
        out["eqlabel_list"] = [text for _, text in items(body)]
        if opts.get("labels") is not None:
            out["eq_xlab"] = " # " if opts["labels"] is True else str(opts["labels"]).strip().strip('"')
        gap = _gap(opts, 0.0 if glob.get("noeqlabels") else 1.0, "eqlabels")
        out["text"]["headings" if opts.get("asheadings") else "eq"] = text_rule(opts, "eqlabels")
        if opts.get("asheadings"):
            out.update(eq_as_headings=True, hgap=gap, eqgap=0.0,
                       hoff=_number(opts["offset"], "eqlabels") if opts.get("offset") is not None else 0.0)
            out["options"]["headings"] = rest
        else:
            if opts.get("offset") is not None and _number(opts["offset"], "eqlabels") != 0:
                raise StataError("eqlabels(): offset() only allowed with asheadings", 198)
            out["eqgap"] = gap
            out["options"]["eq"] = rest
    if isinstance(glob.get("headings"), str):
        if out["eq_as_headings"]:
            raise StataError("eqlabels(, asheadings) and headings() not both allowed", 198)
        body, opts, rest = _axis_suboptions(glob["headings"], _GAP + [OptionSpec("offset", 3, True)], "headings")
        out["text"]["headings"] = text_rule(opts, "headings")
        out.update(headings=body, hgap=_gap(opts, 1.0, "headings"),
                   hoff=_number(opts["offset"], "headings") if opts.get("offset") is not None else 0.0)
        out["options"]["headings"] = rest
    if out["eq_as_headings"] and glob.get("bycoefs"):
        raise StataError("eqlabels(, asheadings) and bycoefs not both allowed", 198)
    if isinstance(glob.get("groups"), str):
        body, opts, rest = _axis_suboptions(glob["groups"], _GAP, "groups")
        out["text"]["groups"] = text_rule(opts, "groups")
        out.update(groups=body, ggap=_gap(opts, 1.0, "groups"))
        out["options"]["groups"] = rest
    return out


def arranged_keys(plots, glob: dict, recycle: bool) -> list:
    """The (equation, coefficient) keys along the axis: coefplot_niceorder, then orderby(),
    sort(), order() (coefplot_arrange)."""
    from mlmcli.graphs import coefplot_layout as cl

    rows = [cl.Row(0, p.by, p.number, c) for p in plots for c in p.coefs]
    for idx, row in enumerate(rows):
        row.idx = idx
    rows = cl.nice_order(rows)
    if isinstance(glob.get("orderby"), str):
        rows = cl.orderby_rows(rows, *cl.parse_orderby(glob["orderby"], recycle))
    if glob.get("sort") is not None:
        rows = cl.sort_rows(rows, cl.parse_sort(glob["sort"]))
    if isinstance(glob.get("order"), str):
        rows = cl.typed_order(rows, glob["order"])
    return list(dict.fromkeys(r.key for r in rows))


def category_layout(session, keys, texts: dict, glob: dict, several_eqs: bool, between: bool):
    """The layout of the arranged keys (graphs.coefplot_layout.layout) with the equation
    labels: eqlabels()' texts one after the other, else the names (``labels``: as
    variable labels)."""
    from mlmcli.graphs import coefplot as cp
    from mlmcli.graphs import coefplot_layout as cl

    eqs = list(dict.fromkeys(eq for eq, _ in keys))
    named = {}
    for n, eq in enumerate(eqs):
        if n < len(texts["eqlabel_list"]):
            named[eq] = texts["eqlabel_list"][n]
        elif texts["eq_xlab"] is not None:
            named[eq] = cp.coefficient_label(eq, session.data, texts["eq_xlab"])
        else:
            named[eq] = eq
    layout = cl.layout(keys, relocate=str(glob.get("relocate") or ""), groups=texts["groups"], ggap=texts["ggap"],
                       eqgap=texts["eqgap"], eqlabel_texts=named, headings=texts["headings"], hgap=texts["hgap"],
                       hoff=texts["hoff"], eq_as_headings=texts["eq_as_headings"], between=between)
    if not several_eqs or glob.get("noeqlabels"):  # the positions kept, the texts dropped (as the ado)
        layout.eqlabels = []
        if texts["eq_as_headings"]:
            layout.headings = []
    for kind in ("eq", "groups", "headings"):  # truncate(), wrap()
        rule = texts["text"][kind]
        attr = "eqlabels" if kind == "eq" else kind
        setattr(layout, attr, [(pos, rule(text)) for pos, text in getattr(layout, attr)])
    return layout


_INTERNAL = re.compile(r"@[Va-z]+[0-9]*")
_NAMES = ("b", "V", "se", "t", "df", "pval", "at", "mlbl", "mlpos", "plot", "by")


def inject(text: str, n_ci: int, n_aux: int) -> str:
    """``_coefplot_inject_temvars``: ``@b``, ``@ll2``, ``@aux`` ... -> the plotted variables
    (``__b``, ``__ll2``, ``__aux1``); an unknown one: "@x not found" r(111)."""
    known = set(_NAMES) | {f"{w}{k}" for k in range(1, n_ci + 1) for w in ("ll", "ul")} | \
        {f"aux{k}" for k in range(1, n_aux + 1)}

    def swap(found):
        name = found.group(0)[1:]
        name = name + "1" if name in ("ll", "ul", "aux") else name
        if name not in known:
            raise StataError(f"{found.group(0)} not found", 111)
        return f"__{name}"
    return _INTERNAL.sub(swap, str(text))


def _literal(v) -> str:
    if isinstance(v, str):
        return '"' + v + '"'
    return "." if v is None or not math.isfinite(v) else f"({float(v)!r})"


def apply_transforms(session, plots, at_of) -> None:
    """``transform()`` (coefplot_apply_transform): each coefficient's expression applied to
    its estimate, then to each limit, ``@`` the value, ``@b`` ... the plotted values as they
    are then (the estimate already transformed when its limits are); ``at_of(coef)``: its
    position before offsets."""
    from mlmcli.expr import evaluate_scalar

    missing = False
    for plot in plots:
        for c in plot.coefs:
            if not c.trans:
                continue
            values = {"b": c.b, "V": c.se * c.se, "se": c.se, "t": c.b_raw / c.se if c.se else math.nan,
                      "df": c.df, "pval": c.pval, "at": at_of(c), "mlbl": c.mlbl,
                      "mlpos": c.mlpos, "plot": float(plot.number), "by": float(plot.by)}
            for k, (lo, hi) in enumerate(c.limits, 1):
                values[f"ll{k}"], values[f"ul{k}"] = lo, hi
            for k, a in enumerate(c.aux, 1):
                values[f"aux{k}"] = a

            def run(current: float) -> float:
                def swap(found):
                    name = found.group(0)[1:]
                    name = name + "1" if name in ("ll", "ul", "aux") else name
                    if name not in values:
                        raise StataError(f"{found.group(0)} not found", 111)
                    return _literal(values[name])
                expr = _INTERNAL.sub(swap, c.trans).replace("@", _literal(current))
                try:
                    out = evaluate_scalar(session, expr)
                except StataError:
                    raise StataError(f"transform '{c.trans}' invalid", 198) from None
                if isinstance(out, str):
                    raise StataError(f"transform '{c.trans}' invalid", 198)
                return float(out)
            new_b = run(c.b)
            missing |= math.isnan(new_b) and not math.isnan(c.b)
            c.b = values["b"] = new_b
            limits = []
            for k, (lo, hi) in enumerate(c.limits, 1):
                new_lo = run(lo)
                values[f"ll{k}"] = new_lo
                new_hi = run(hi)
                values[f"ul{k}"] = new_hi
                missing |= (math.isnan(new_lo) and not math.isnan(lo)) or (math.isnan(new_hi) and not math.isnan(hi))
                limits.append((new_lo, new_hi))
            c.limits = limits
    if missing:
        session.print("(transform missing for some coefficients or CIs)")


def marker_labels(session, data, plots, n_ci: int, n_aux: int) -> None:
    """``mlabel(strexp)``: the expression's value put in ``__mlbl`` for the plot's rows and the
    plot labelled with it; ``mlabel(@var)``/``mlabel(varname)`` label with the variable."""
    import numpy as np

    from mlmcli.commands.graphs.twoway import session_on
    from mlmcli.expr import evaluate

    for plot in plots:
        opts = {o.name: o.arg for o in read_options(plot.mlabel)} if plot.mlabel else {}
        if opts.get("mlabel") is None or opts["mlabel"].strip() == "__mlbl":
            continue
        others = " ".join(f"{k}({v})" for k, v in opts.items() if k != "mlabel" and v is not None)
        text = inject(opts["mlabel"], n_ci, n_aux).strip()
        if re.fullmatch(r"[A-Za-z_]\w*", text) and text in data.varnames:
            plot.mlabel = f"mlabel({text}) {others}"
            continue
        try:
            values = evaluate(session_on(session, data), text)
        except StataError:
            raise StataError("invalid expression in mlabel()", 198) from None
        values = np.asarray(values, object)
        if not all(isinstance(v, str) for v in values):  # replace of a string variable: type mismatch
            raise StataError("invalid expression in mlabel()", 198)
        rows = data.df["__plot"].to_numpy() == plot.number
        column = data.df["__mlbl"].to_numpy(object)
        column[rows] = values[rows]
        data.df["__mlbl"] = column.astype(str)
        data.types["__mlbl"] = string_storage_type(column)
        plot.mlabel = f"mlabel(__mlbl) {others}"

