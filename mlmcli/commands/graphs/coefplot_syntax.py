"""``coefplot``'s command line read: the plots and ``||`` subgraphs typed, each plot's models
(stored results, ``matrix(mspec)``), and the options sorted into model, plot, marker, twoway
and global ones, with the readers of levels(), coeflabels() and the marker labels."""
from __future__ import annotations

import re

from mlmcli.ast import Option
from mlmcli.commands.graphs.coefplot_at import MATRIX as _MATRIX
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

MODEL_OPTIONS = [OptionSpec(*row) for row in (
    ("keep", None, True), ("drop", None, True), ("omitted", 4), ("baselevels", 4), ("noci", None),
    ("levels", 1, True), ("eform", None, True, True), ("rename", None, True), ("at", None, True, True),
    ("b", None, True), ("v", None, True), ("se", None, True), ("ci", None, True), ("df", None, True),
    ("citype", None, True), ("rescale", None, True), ("transform", 5, True), ("mlabels", 7, True),
    ("eqrename", 5, True), ("asequation", 4, True, True), ("swapnames", 4), ("aux", None, True))]
PLOT_OPTIONS = [OptionSpec(*row) for row in (
    ("label", 3, True), ("offset", None, True), ("pstyle", 4, True), ("recast", None, True),
    ("cirecast", 4, True), ("ciopts", 4, True), ("nokey", None), ("cionly", None), ("citop", None),
    ("axis", 2, True), ("ifopt", 2, True), ("weightopt", 1, True), ("key", None, True, True),
    ("cismooth", 3, True, True))]
GLOBAL_OPTIONS = [OptionSpec(*row) for row in (
    ("horizontal", 3), ("vertical", 4), ("labels", 3), ("order", None, True), ("coeflabels", 5, True),
    ("nolabels", 5), ("nooffsets", 5), ("plotlabels", 5, True), ("grid", None, True),
    ("bylabels", None, True), ("byopts", 4, True), ("bycoefs", 3), ("sort", None, True, True),
    ("orderby", None, True), ("relocate", 5, True), ("eqlabels", 3, True), ("noeqlabels", 5), ("eqstrict", None),
    ("headings", 4, True), ("groups", 5, True), ("norecycle", 5), ("format", None, True),
    ("generate", 3, True, True), ("replace", None), ("addplot", None, True), ("nodrop", None))]
# coefplot options mlm does not draw: refused by name rather than passed to twoway
LABELS = OptionSpec("labels", 3)
_PNUM = re.compile(r"p(\d+)\Z", re.I)


def _find(specs, name):
    return next((s for s in specs if s.matches(name)), None)


def split_plots(body: str) -> list[str]:
    """The plots typed before the comma: parenthesised groups and bare words."""
    out, i, n = [], 0, len(body)
    while i < n:
        ch = body[i]
        if ch.isspace():
            i += 1
        elif ch == "(":
            j = _group_end(body, i)
            out.append(body[i + 1:j])
            i = j + 1
        else:
            j = i
            while j < n and not body[j].isspace() and body[j] != "(":
                j += 1
            if j < n and body[j] == "(" and j > i:  # matrix(C[1]): the word and its group
                j = _group_end(body, j) + 1
            out.append(body[i:j])
            i = j
    return out


def _group_end(body: str, i: int) -> int:
    """The index of the ``)`` closing the ``(`` at ``i``."""
    depth, quote = 0, False
    for j in range(i, len(body)):
        c = body[j]
        if c == '"':
            quote = not quote
        elif not quote and c == "(":
            depth += 1
        elif not quote and c == ")":
            depth -= 1
            if depth == 0:
                return j
    raise StataError("unmatched parenthesis", 198)  # uncertain: what coefplot.ado's gettoken says


def sort_options(options, where: str) -> tuple[dict, dict, list[Option], list[Option], dict]:
    """Options -> (model options, plot options, marker options, twoway options, global)."""
    model, plot, marker, rest, glob = [], [], [], [], []
    for o in options:
        if o.arg is None and o.name == "mlabels":
            marker.append(Option("mlabel", None))  # mlabels alone: the plot option, mlabel(@b)
        elif o.arg is None and where == "global" and LABELS.matches(o.name):
            glob.append(o)  # labels (nolabels' positive form, the default); label alone reads as it
        elif _find(MODEL_OPTIONS, o.name):
            model.append(o)
        elif _find(PLOT_OPTIONS, o.name):
            plot.append(o)
        elif o.name.startswith("m") and not _find(GLOBAL_OPTIONS, o.name):
            marker.append(o)
        elif where == "global" and (_find(GLOBAL_OPTIONS, o.name) or _PNUM.match(o.name)):
            glob.append(o)
        elif where == "global":
            rest.append(o)
        else:  # coefplot.ado's plot syntax ends in *: the rest go to the plot (lw(thick), lp(dash))
            marker.append(o)
    return (resolve_options(model, MODEL_OPTIONS), resolve_options(plot, PLOT_OPTIONS), marker, rest,
            {o.name: o.arg for o in glob if _PNUM.match(o.name)} | resolve_options(
                [o for o in glob if not _PNUM.match(o.name)], GLOBAL_OPTIONS))


def levels_option(text) -> tuple[float, ...]:
    from mlmcli.syntax.numlist import numlist

    values = tuple(float(v) for v in numlist(str(text)))
    if not values or any(not 10 <= v <= 99.99 for v in values):
        raise StataError("levels() invalid -- invalid numlist has elements outside of allowed range", 125)
    return values


def _rename(text, option: str = "rename") -> list[tuple[str, str]]:
    """``rename(coeflist = newname ...)`` -> (coeflist, newname) pairs."""
    from mlmcli.graphs.syntax import items

    words = []
    for quoted, w in items(str(text)):
        if quoted or w == "=" or "=" not in w:
            words.append(w)
        else:  # ``ses="SES"``, ``a=b``: the equals sign typed without spaces
            head, _, tail = w.partition("=")
            words += [part for part in (head, "=", tail) if part]
    out, names = [], []
    i = 0
    while i < len(words):
        if words[i] == "=":
            if i + 1 >= len(words) or not names:
                raise StataError(f"{option}(): invalid syntax", 198)
            out.append((" ".join(names), words[i + 1]))
            names, i = [], i + 2
            continue
        names.append(words[i])
        i += 1
    if names:
        raise StataError(f"{option}(): invalid syntax", 198)
    return out


# coeflabels()'s own suboptions, which change the label texts (the rest go to the axis)
_LABEL_TEXT = [OptionSpec("truncate", 1, True), OptionSpec("wrap", 1, True), OptionSpec("nobreak", 3),
               OptionSpec("interaction", 1, True)]


def coeflabel_rules(text) -> dict:
    """``coeflabels(coef = "label" ...)`` -> pattern -> label (in order)."""
    body = split_options(str(text))[0]
    return dict(_rename(body, "coeflabels"))


def coeflabel_text_options(glob: dict) -> dict:
    """coeflabels()' truncate(), wrap(), nobreak, interaction()."""
    if not isinstance(glob.get("coeflabels"), str):
        return {}
    subs = split_options(str(glob["coeflabels"]))[1]
    return resolve_options([o for o in subs if any(s.matches(o.name) for s in _LABEL_TEXT)], _LABEL_TEXT)


def coeflabel_axis_options(glob: dict) -> str:
    """coeflabels()'s axis-label suboptions (angle(), labsize(), labcolor(), ...), which
    coefplot.ado hands to the category axis's label option."""
    if not isinstance(glob.get("coeflabels"), str):
        return ""
    subs = split_options(str(glob["coeflabels"]))[1]
    return " ".join(o.name if o.arg is None else f"{o.name}({o.arg})" for o in subs
                    if not any(s.matches(o.name) for s in _LABEL_TEXT))


def marker_options_text(options: list[Option]) -> tuple[str, str]:
    """(the marker options, the marker label options): ``mlabel`` alone labels the markers with
    the estimates (``mlabel(@b)``); ``mlabel()`` and ``mlabvposition()`` are the ado's
    mlabel_#/mlabvposition_#, the last typed of each."""
    parts, label = [], {}
    for o in options:
        low = o.name
        if len(low) >= 2 and "mlabel".startswith(low):
            label["mlabel"] = "mlabel(__b)" if o.arg in (None, "@b") else f"mlabel({o.arg})"
        elif len(low) >= 5 and "mlabvposition".startswith(low) and o.arg is not None:
            label["mlabvposition"] = f"mlabvposition({o.arg})"
        else:
            parts.append(o.name if o.arg is None else f"{o.name}({o.arg})")
    return " ".join(parts), " ".join(label.values())


def split_subgraphs(text: str) -> tuple[list[tuple[str, tuple[Option, ...]]], tuple[Option, ...]]:
    """``subgraph || subgraph ... [, globalopts]`` -> ([(plots text, subgraph options)], global
    options): the options after the last subgraph's comma are the global ones (coefplot.ado)."""
    from mlmcli.textscan import split_top

    pieces = split_top(text, "||", "(")
    last_body, options, _ = split_options(pieces[-1])
    subgraphs = [split_options(piece)[:2] for piece in pieces[:-1]] + [(last_body, ())]
    if len(subgraphs) > 1 and not subgraphs[-1][0].strip():
        subgraphs = subgraphs[:-1]  # a || before the global options
    return subgraphs, options




def plot_models(session, pbody: str) -> list[tuple[str, str]]:
    """A plot's models: (name, "") for stored results (wildcards, _all expanded; . the active
    ones), (matrix name, mspec) for ``matrix(mspec)``; models are separated by ``\\``."""
    from mlmcli.estimation.active import expand_names

    out, words = [], []
    for piece in pbody.split("\\"):
        found = _MATRIX.match(piece)
        if found is None:
            words += piece.split()
            continue
        spec = found.group(1).strip()
        name = re.split(r"[\s\[]", spec, maxsplit=1)[0]
        if not name:
            raise StataError("invalid syntax", 198)
        out.append((name, spec))
    if words or not out:
        names = expand_names(session, words or ["."])
        if not names:  # _all or * with no stored estimates (est_expand gives no names); mlm's message
            raise StataError("no stored estimation results", 301)
        out = [(n, "") for n in names] + out
    return out
