"""``esttab`` / ``estout``: their options read into the table's specification (esttab.ado's
defaults: b in ``a3`` with stars, t statistics in parentheses below, N, the depvars and
(1) (2) ... above, rules and gaps, notes), the output mode, and the file written."""
from __future__ import annotations

import os
import re

from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options, split_options
from mlmcli.textscan import split_words
from mlmcli.commands.community.estout_models import table_models, with_beta
from mlmcli.commands.community.estout_matrix import matrix_model
from mlmcli.commands.community.table_file import write_table_file
from mlmcli.commands.community.estout_stats import checked_format, option_format, quoted_words, stats_spec
from mlmcli.commands.community.estout_layout import NOT_AVAILABLE, SPECS as LAYOUT_SPECS, element_option, \
    eqlabels_option, frame_options, framing_option, interaction_text, margin_options, pattern_list, \
    refcat_option, substitute_option, varlabels_option

MODES = ("smcl", "fixed", "tab", "csv", "scsv", "rtf", "html", "tex", "booktabs", "md", "mmd")
_FLAGS = ["wide", "nostar", "staraux", "noconstant", "constant", "noobs", "obslast", "nomtitles", "nogaps",
          "gaps", "nolines", "lines", "compress", "plain", "label", "nonumbers", "numbers", "nodepvars", "depvars",
          "noparentheses", "parentheses", "brackets", "nonotes", "notes", "abs", "eform", "noeform", "replace",
          "append", "type", "notype", "nobaselevels", "baselevels", "noomitted", "omitted", "noabbrev", "abbrev",
          "nolegend", "legend", "not", "noeqlines", "outfilenoteoff", "nooutfilenoteoff", "onecell", "unstack",
          "nounstack", "nomargin", "nodiscrete", "wrap", "nowrap"] + list(MODES)
_ABBREV = {"nostar": 6, "noconstant": 5, "constant": 3, "nomtitles": 5, "nogaps": 5, "gaps": 3, "nolines": 4,
           "lines": 2, "compress": 3, "nonumbers": 5, "numbers": 3, "nodepvars": 5, "depvars": 3,
           "noparentheses": 4, "parentheses": 2, "brackets": 2, "nonotes": 6, "notes": 5, "fixed": 3, "scsv": 2,
           "html": 3, "booktabs": 5, "nobaselevels": 6, "baselevels": 4, "noomitted": 4, "omitted": 4,
           "nolegend": 5, "legend": 3, "noeqlines": 7, "onecell": 3, "unstack": 3, "nounstack": 5,
           "nomargin": 3, "nodiscrete": 4, "label": 1}  # estout.ado/esttab.ado: NOLabel Label
_WITH_ARG = ["b", "beta", "t", "z", "se", "p", "ci", "star", "r2", "ar2", "pr2", "aic", "bic", "mtitles"]
_ARG_ONLY = ["style", "collabels", "prehead", "posthead", "prefoot", "postfoot", "substitute", "scalars", "sfmt", "addnotes", "coeflabels", "title", "keep", "drop", "order", "rename", "transform",
             "indicate",
             "eqlabels", "varwidth", "modelwidth", "level", "cells", "stats", "note", "mlabels", "varlabels",
             "starlevels", "incelldelimiter", "main", "aux", "equations", "discrete", "meqs"]
_REFUSED = ["dropped", "labcol2", "width", "stardetach"]
_MIN = {"beta": 2, "posthead": 5, "substitute": 5, "style": 3, "collabels": 2, "prehead": 4, "prefoot": 4, "postfoot": 5, "indicate": 1, "scalars": 3, "addnotes": 4, "coeflabels": 4, "title": 2, "keep": 1, "drop": 1, "order": 1, "rename": 3,
        "transform": 2, "eqlabels": 3, "varwidth": 3, "modelwidth": 5, "level": 5, "cells": 1, "stats": 1,
        "mtitles": 3, "mlabels": 2, "varlabels": 3, "starlevels": 5, "equations": 2,
        "incelldelimiter": 6, "discrete": 2, "meqs": 3}
SPECS = ([OptionSpec(n, _ABBREV.get(n)) for n in _FLAGS]
         + [OptionSpec(n, _MIN.get(n), takes_arg=True, arg_optional=True, repeatable=True) for n in _WITH_ARG]
         + [OptionSpec(n, _MIN.get(n), takes_arg=True) for n in _ARG_ONLY]
         + [OptionSpec(n, None, takes_arg=True, arg_optional=True) for n in _REFUSED + list(NOT_AVAILABLE)]
         + [OptionSpec("margin", 1, takes_arg=True, arg_optional=True)]
         + LAYOUT_SPECS)


def _cells_option(text: str, bfmt: str, star: bool):
    """``cells(b(star fmt(3)) se(par fmt(2)))`` or ``cells("b se")``: rows of CellElements."""
    from mlmcli.results.estout import CellElement, cell_parts
    from mlmcli.syntax.options import read_options

    rows = []
    text = re.sub(r"\s*&\s*", "&", text)  # estout.ado: "b & se" is one word, b&se
    for group in split_words(text):
        row = []
        for opt, joined in _joined_options(unquote(group)):
            if opt.name.startswith("_") or opt.name in (".", "&"):  # _star _sign: estout's other elements
                raise StataError(f"cells(): element {opt.name} not available in mlm", 198)
            fmt, par, el_star, label, vacant = bfmt, "", False, "", ""
            if opt.arg is not None:
                for sub in read_options(opt.arg):
                    if "label".startswith(sub.name):
                        label = unquote((sub.arg or "").strip())
                    elif sub.name in ("star", "sta"):
                        el_star = True
                    elif sub.name in ("fmt", "f"):
                        fmt = checked_format((sub.arg or "").split()[0]) if (sub.arg or "").split() else fmt
                    elif sub.name in ("par", "pa"):  # par: ( ); par(l r): any two strings around it
                        from mlmcli.commands.data.common import raw_tokens
                        given = [t for t, _ in raw_tokens(sub.arg)] if sub.arg else []
                        if len(given) not in (0, 2) or (given and opt.name == "ci"):
                            raise StataError(f"cells(): par({sub.arg}) not available in mlm", 198)
                        par = "[]" if given == ["[", "]"] else (tuple(given) if given and given != ["(", ")"]
                                                                else "()")
                    elif sub.name in ("vacant", "v", "va", "vac", "vaca", "vacan"):  # shown for an absent coefficient
                        vacant = unquote((sub.arg or "").strip())
                    elif sub.name in ("nopar", "nostar"):
                        continue
                    else:
                        raise StataError(f"cells(): {sub.name}() not available in mlm", 198)
            element = CellElement(opt.name, fmt, par, el_star and star, label, vacant=vacant)
            row.append((*cell_parts(row[-1]), element) if joined else element)
            if joined:
                del row[-2]
        rows.append(tuple(row))
    return tuple(rows)


def _level(text) -> float:
    """estout.ado's ``level(numlist max=1 int >=10 <=99)``: syntax's numlist errors
    (level(100) r(125), level(99.5) r(126), level(abc) r(121)); 95 when not given."""
    from mlmcli.commands.program.parse_numlist import syntax_numlist

    if not isinstance(text, str):
        return 95.0
    try:
        return float(syntax_numlist(text, "max=1 integer >=10 <=99"))
    except StataError as err:
        raise StataError(f"level() invalid -- {err.message}", err.rc) from None


def _collabels(opts: dict, cells, default_none: bool, level: float):
    """The column labels of a model: collabels(none) -> None; collabels(a b ...); else estout.ado's
    default, the labels of a column's elements joined by / (b, se, ..., ci95, min95, max95 or
    label()); esttab without cells() (not plain) shows none."""
    from mlmcli.render.numfmt import format_number
    from mlmcli.results.estout import cell_parts

    given = opts.get("collabels")
    if isinstance(given, str):
        body, sub, _ = split_options(given)
        if [o.name for o in sub] == ["none"]:  # estout's label suboption none: no labels
            return None
        if sub:
            raise StataError("collabels(): suboptions not available in mlm", 198)
        words = quoted_words(body)
        return None if words == ["none"] else tuple(words)
    if default_none:
        return None
    lvl = format_number(level, "%9.0g").strip()
    defaults = {"ci": f"ci{lvl}", "ci_l": f"min{lvl}", "ci_u": f"max{lvl}"}
    ncols = max((len(r) for r in cells), default=1)
    return tuple("/".join(el.label or defaults.get(el.name, el.name)
                          for row in cells if k < len(row) for el in cell_parts(row[k])) for k in range(ncols))


def _joined_options(text: str) -> list:
    """(option, joined to the one before) of a cells() row: estout's ``b & se`` puts b and se
    in one cell (``&`` outside parentheses)."""
    from mlmcli.syntax.options import read_options

    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if ch == "&" and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    pieces.append(text[start:])
    out = []
    for k, piece in enumerate(pieces):
        opts = read_options(piece)
        if (k > 0 or len(pieces) > 1) and not opts or (k > 0 and not out):
            raise StataError("invalid syntax", 198)  # & needs an element on each side
        out += [(opt, k > 0 and j == 0) for j, opt in enumerate(opts)]
    return out


def _incell_delimiter(opts: dict, mode: str) -> str:
    """incelldelimiter(), else esttab.ado's per mode: rtf ``\\line``, html ``<br />``, else a blank."""
    if isinstance(opts.get("incelldelimiter"), str):
        return unquote(opts["incelldelimiter"].strip())
    return {"rtf": "\\line ", "html": "<br />"}.get(mode, " ") if opts.get("onecell") else " "


def _star_levels(text: str | None):
    if not text:
        return (("*", "0.05", 0.05), ("**", "0.01", 0.01), ("***", "0.001", 0.001))
    words = quoted_words(text)
    if len(words) % 2:
        raise StataError("unmatched list of significance symbols and levels", 198)
    out, last = [], 1.0
    for sym, lvl in zip(words[::2], words[1::2]):
        try:
            value = float(lvl)
        except ValueError:
            raise StataError(f"'{lvl}' found where number expected", 7) from None
        if value > last or value <= 0:
            raise StataError("significance levels out of order or out of range (0,1]", 198)
        last = value
        out.append((sym, lvl, value))
    return tuple(out)


def _indicate(text: str | None) -> list:
    """``indicate("label = patterns" ... [, labels(Yes No)])`` -> [(label, patterns)], labels."""
    if not text:
        return []
    body, options, _ = split_options(text)
    sub = resolve_options(options, [OptionSpec("labels", 1, takes_arg=True)])
    yes_no = quoted_words(sub.get("labels")) or ["Yes", "No"]
    if len(yes_no) != 2:
        raise StataError("indicate(): labels() needs two labels", 198)
    groups = []
    words = quoted_words(body)
    items = words if all("=" in w for w in words) else [body]
    for item in items:
        label, eq, patterns = item.partition("=")
        if not eq or not patterns.split():
            raise StataError("indicate() invalid", 198)
        groups.append((label.strip(), patterns.split(), tuple(yes_no)))
    return groups


def _transform(text: str | None) -> list:
    tokens = split_words(text or "")
    out = []
    while tokens:
        if len(tokens) == 2:
            out.append(("", tokens[0], tokens[1]))
            break
        if len(tokens) < 3:
            raise StataError("transform() invalid", 198)
        out.append((tokens[0], tokens[1], tokens[2]))
        tokens = tokens[3:]
    return out


def _mode(opts: dict, path: str | None, esttab: bool = True) -> str:
    """The table's layout: the mode or style() typed, else on screen smcl, else esttab's by the
    file's suffix (fixed for .txt); estout's file is its own default style, tab (estout.ado's
    Defaults: no style() and a using file leave defaults "", read as tab: a tab delimiter,
    varwidth and modelwidth 0, whatever the suffix)."""
    chosen = [m for m in MODES if opts.get(m)]
    if isinstance(opts.get("style"), str):  # estout's style(): its layouts by the modes' names
        style = opts["style"].strip().lower()
        if style not in ("fixed", "tab", "tex", "html", "smcl"):
            raise StataError(f"style({style}) not available in mlm", 198)
        chosen = chosen + ["estout-tex" if style == "tex" else style]
    if len(chosen) > 1:
        raise StataError("only one allowed of smcl, fixed, tab, csv, scsv, rtf, html, tex, booktabs, md, or mmd", 198)
    if chosen:
        return "mmd" if chosen[0] == "md" else chosen[0]  # esttab.ado: md is mmd with the suffix .md
    if path is None:
        return "smcl"
    if not esttab:
        return "tab"
    suffix = os.path.splitext(path)[1].lower()
    return {".html": "html", ".htm": "html", ".tex": "tex", ".csv": "csv", ".rtf": "rtf", ".smcl": "smcl",
            ".md": "mmd", ".mmd": "mmd"}.get(suffix, "fixed")


def run_table(session, cmd, *, esttab: bool) -> None:
    from mlmcli.commands.data.common import one_using_file, split_using
    from mlmcli.estimation.estout import EstoutSpec, build_table
    from mlmcli.render.estout import aux_label, render_estout
    from mlmcli.results.estout import CellElement, all_elements

    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, SPECS)
    for name in _WITH_ARG:  # se(%6.3f) and se both typed: esttab's SEfmt() and se are two options
        if name in opts:
            given = [v for v in opts[name] if isinstance(v, str)]
            opts[name] = given[-1] if given else True
    for name in _REFUSED + list(NOT_AVAILABLE):
        if name in opts:
            raise StataError(f"option {name} not available in mlm's {'esttab' if esttab else 'estout'}", 198)
    for name in ("onecell", "fragment", "page", "alignment"):  # esttab's own; estout.ado's syntax has none
        if opts.get(name) is not None and opts.get(name) is not False and not esttab:
            raise StataError(f"option {name} not allowed", 198)
    names_text, file_text = split_using(body)
    file_text = one_using_file(file_text)  # one word; a trailing if/in is r(101)
    path = unquote(file_text) if file_text is not None else None
    mode = _mode(opts, path, esttab)
    bare_tex = mode == "estout-tex"  # estout's style(tex): the rows alone, no tabular around them
    if bare_tex:
        mode = "tex"
    framing = framing_option(opts)
    if path is not None:
        if mode == "smcl":
            raise StataError("esttab using a .smcl file is not available in mlm; use .txt, .csv, .rtf, .html or .tex", 198)
        if not os.path.splitext(path)[1]:
            path += {"fixed": ".txt", "tab": ".txt", "csv": ".csv", "scsv": ".csv", "rtf": ".rtf", "html": ".html",
                     "tex": ".tex", "booktabs": ".tex", "mmd": ".mmd" if opts.get("mmd") else ".md"}[mode]
    matrix = matrix_model(session, names_text)  # matrix(name) / e(name) / r(name): estout's matrix mode
    if matrix is not None and (opts.get("stats") or opts.get("beta") or isinstance(opts.get("cells"), str)):
        raise StataError("stats(), cells() and beta with matrix() are not available in mlm", 198)
    models = matrix[0] if matrix is not None else table_models(session, names_text)
    beta = esttab and bool(opts.get("beta"))
    if beta:  # esttab.ado: estadd beta, replace: the models (quietly), then cells(beta(fmt(3) star))
        models = with_beta(session, models)
    plain = bool(opts.get("plain")) or not esttab
    label = bool(opts.get("label")) and not opts.get("nolabel")
    bfmt = option_format(opts, "b", "%9.0g" if plain else "a3")
    star_on = (not opts.get("nostar")) and (bool(opts.get("star")) or (esttab and not plain)) and matrix is None
    levels = _star_levels(opts.get("star") if isinstance(opts.get("star"), str) else opts.get("starlevels"))
    main_el, aux_el = element_option(opts.get("main"), bfmt), element_option(opts.get("aux"), bfmt)
    kinds = [k for k in ("z", "se", "p", "ci") if opts.get(k)] + (["aux"] if aux_el else [])
    if len(kinds) > 1:
        raise StataError("only one allowed of z, se, p, ci, and aux()", 198)
    if main_el and beta:
        raise StataError("beta() and main() not allowed both", 198)
    aux_kind = kinds[0] if kinds else None
    show_aux = esttab and (not opts.get("not") or aux_kind is not None)
    aux_kind = aux_kind or "t"
    par = "" if (opts.get("noparentheses") or (plain and not opts.get("parentheses") and not opts.get("brackets"))) \
        else ("[]" if opts.get("brackets") or aux_kind == "ci" else "()")
    if isinstance(opts.get("cells"), str):
        cells = _cells_option(opts["cells"], bfmt, True)
        star_on = any(el.star for el in all_elements(cells))
    else:
        main_name, main_fmt = ("beta", option_format(opts, "beta", "3")) if beta else (main_el or ("b", bfmt))
        main = CellElement(main_name, main_fmt, "", star_on and not opts.get("staraux"))
        aux_name, aux_fmt = aux_el or (aux_kind, {"t": option_format(opts, "t", "2"), "z": option_format(opts, "z", "2"),
                                                  "se": option_format(opts, "se", bfmt), "p": option_format(opts, "p", "3"),
                                                  "ci": option_format(opts, "ci", bfmt)}[aux_kind])
        aux = CellElement(aux_name, aux_fmt, par, star_on and bool(opts.get("staraux")),
                          abs=bool(opts.get("abs")) and aux_kind in ("t", "z"))
        if not show_aux:
            cells = ((main,),)
        elif opts.get("onecell"):  # esttab.ado: cells(b & aux), both in one cell
            cells = (((main, aux),),)
        elif opts.get("wide"):
            cells = ((main, aux),)
        else:
            cells = ((main,), (aux,))
    if matrix is not None:  # a cell per matrix column, side by side (MatrixMode's c1() c2() ...)
        cells, show_aux = matrix[1], False
    keep, keep_relax = pattern_list(opts.get("keep"))
    drop, drop_relax = pattern_list(opts.get("drop"))
    strict = (keep if not keep_relax else []) + (drop if not drop_relax else [])  # must match a coefficient
    margins = margin_options(opts)
    if opts.get("noconstant") or (esttab and (beta or margins["margin"] or (opts.get("eform") and not opts.get("noeform")))
                                  and not opts.get("constant")):  # esttab.ado: beta, margin, eform imply noconstant
        drop.append("_cons")
    eqlabels, eqlabels_lhs = eqlabels_option(opts.get("eqlabels"))
    varlabels, row_affixes = varlabels_option(opts.get("varlabels"))
    coeflabels = varlabels + quoted_words(opts.get("coeflabels"))
    if len(coeflabels) % 2:
        raise StataError("coeflabels() invalid", 198)
    rename = quoted_words(opts.get("rename"))
    if len(rename) % 2:
        raise StataError("rename() invalid", 198)
    level = _level(opts.get("level"))
    refcats, refcat_label, refcat_below = refcat_option(opts.get("refcat"))
    spec = EstoutSpec(cells=cells, keep=keep, drop=drop, order=pattern_list(opts.get("order"))[0], strict=strict,
                      rename=list(zip(rename[::2], rename[1::2])), transform=_transform(opts.get("transform")),
                      eform=bool(opts.get("eform")), level=level, baselevels=not opts.get("nobaselevels"),
                      omitted=not opts.get("noomitted"), label=label,
                      coeflabels=dict(zip(coeflabels[::2], coeflabels[1::2])), row_affixes=row_affixes,
                      eqlabels=eqlabels,
                      stats=stats_spec(opts, mode, bfmt, plain, label)
                      if (esttab and matrix is None) or opts.get("stats") else [],
                      refcat=refcats, refcat_label=refcat_label, refcat_below=refcat_below,
                      interaction=interaction_text(opts, mode, esttab), equations=opts.get("equations"),
                      unstack=bool(opts.get("unstack")) and not opts.get("nounstack"), margin=margins["margin"],
                      meqs=margins["meqs"], discrete=margins["discrete"][0])
    compress = bool(opts.get("compress"))
    varwidth = integer_option(opts, "varwidth", (20 if label else 12) - ((4 if label else 2) if compress else 0),
                              minimum=0)
    base_width = 9 if compress else 12
    modelwidth = integer_option(opts, "modelwidth", base_width, minimum=0)
    if show_aux and aux_kind == "ci" and not isinstance(opts.get("cells"), str) and opts.get("modelwidth") is None:
        # esttab.ado: a confidence interval's column 2*width-2 wide; with wide, b's column stays
        modelwidth = (base_width, 2 * base_width - 2) if opts.get("wide") and not opts.get("onecell") \
            else 2 * base_width - 2
    padded = False
    if mode == "tab":  # esttab.ado/estout.hlp: tab's widths are 0 (abbrev off) unless typed; typed, estout pads
        varwidth = varwidth if opts.get("varwidth") is not None else 0
        modelwidth = modelwidth if opts.get("modelwidth") is not None else 0
        padded = opts.get("varwidth") is not None or opts.get("modelwidth") is not None
    notes = []
    notes_on = esttab and not plain and not opts.get("nonotes") and matrix is None or bool(opts.get("notes"))
    if notes_on and not isinstance(opts.get("cells"), str):
        first = ("Marginal effects" if margins["margin"] else "") + (  # esttab.ado joins these two without "; "
            "Exponentiated coefficients" if opts.get("eform") else "")
        parts = [first] if first else []
        if beta or main_el:
            parts.append("Standardized beta coefficients" if beta else f"{main_el[0]} coefficients")
        if show_aux and aux_el:  # esttab.ado: aux()'s note is its name
            parts.append(aux_el[0] + " " + (("in brackets" if par == "[]" else "in parentheses") if par else
                                            ("in second column" if opts.get("wide") else "in second row")))
        elif show_aux:
            where = ("in brackets" if par == "[]" else "in parentheses") if par else \
                ("in second column" if opts.get("wide") else "in second row")
            parts.append(f"{('Absolute ' if opts.get('abs') else '')}{aux_label(aux_kind, mode, level)} {where}")
        if isinstance(opts.get("note"), str):  # esttab help: note(string) replaces the standard note
            text = unquote(opts["note"].strip()).strip()
            parts = [text] if text else []
        if parts:
            notes.append("; ".join(parts))
    notes += quoted_words(opts.get("addnotes"))
    # esttab.ado switches numbers, depvars, notes, gaps and stars on only outside matrix mode
    numbers = (not opts.get("nonumbers")) and (esttab and not plain and matrix is None or bool(opts.get("numbers")))
    mlabels = _mlabels(models, opts, esttab and not plain and matrix is None)
    gaps = bool(opts.get("gaps")) or (esttab and not plain and not opts.get("nogaps") and not opts.get("wide")
                                      and matrix is None
                                      and show_aux and not isinstance(opts.get("cells"), str))
    lines = (bool(opts.get("lines")) or (esttab and not plain and not opts.get("nolines"))) and mode not in (
        "tab", "csv", "scsv")
    title = opts.get("title")
    table = build_table(session, models, spec, cells=cells,
                        numbers=tuple(f"({k})" for k in range(1, len(models) + 1)) if numbers else None,
                        mlabels=mlabels, star_levels=levels,
                        collabels=_collabels(opts, cells, esttab and not plain and matrix is None
                                             and not isinstance(opts.get("cells"), str),
                                             level), notes=tuple(notes),
                        star_legend=(notes_on and not opts.get("nolegend")) or (not esttab and bool(opts.get("legend"))
                                                                                and star_on), title=unquote(title) if title else "",
                        gaps=gaps, lines=lines, varwidth=varwidth, modelwidth=modelwidth,
                        abbreviate=not opts.get("noabbrev") and (mode != "tab" or bool(opts.get("abbrev"))),
                        padded=padded, extra={"indicate": _indicate(opts.get("indicate")),
                                              "wrap": bool(opts.get("wrap")) and not opts.get("nowrap"),
                                                                   "bare_tex": bare_tex, "eqlabels_lhs": eqlabels_lhs},
                        framing=framing, framing_replaces=esttab, substitute=substitute_option(opts),
                        incell_delimiter=_incell_delimiter(opts, mode), eqlines=not opts.get("noeqlines"), **frame_options(opts, mode, esttab))
    if margins["margin"] and margins["discrete"][0] and (  # esttab: the legend's @discrete line; estout's legend: when a 0/1 variable shows
            (esttab and notes_on and not opts.get("nolegend") and not isinstance(opts.get("cells"), str))
            or (not esttab and opts.get("legend") and table.extra.get("has_discrete"))):
        import dataclasses
        table = dataclasses.replace(table, notes=table.notes + ("".join(margins["discrete"]),))
    lines_out = render_estout(table, mode, plain_csv=bool(opts.get("plain")), level=level)
    if (path is None and not opts.get("notype")) or opts.get("type"):
        session.print("")
        for line in lines_out:
            session.print(line)
    if path is not None:
        write_table_file(path, lines_out, replace=bool(opts.get("replace")), append=bool(opts.get("append")), mode=mode)
        if not opts.get("outfilenoteoff"):
            session.print(f"(output written to {path})")
    session.set_r({"cmdline": f"{'esttab' if esttab else 'estout'} {cmd.args}".strip()})


def _mlabels(models, opts: dict, depvars_default: bool):
    if opts.get("nomtitles"):
        return None
    mt = opts.get("mtitles")
    if isinstance(mt, str):
        given = quoted_words(mt)
        return tuple(given[k] if k < len(given) else "" for k in range(len(models)))
    if mt is not None or isinstance(opts.get("mlabels"), str):
        if isinstance(opts.get("mlabels"), str):
            text, _, sub = opts["mlabels"].partition(",")  # mlabels([labels] [, titles depvars ...])
            given = quoted_words(text)
            if given == ["none"]:
                return None
            subs = sub.split()
            if subs == ["none"]:  # estout's label suboption none suppresses the labels
                return None
            for word in subs:
                if not any(len(word) >= n and full.startswith(word) for full, n in (("titles", 5), ("depvars", 3))):
                    raise StataError(f"mlabels(): suboption {word} not available in mlm", 198)
            if not given and subs:  # estout.ado: titles -- the models' titles (estimates store, title()),
                use_titles = any(w.startswith("ti") for w in subs)  # depvars -- their dependent variables
                return tuple((e.macros.get("estimates_title") if use_titles else "")
                             or ((e.macros.get("depvar", "").split() or [""])[0] if not use_titles else name)
                             for name, e in models)
            return tuple(given[k] if k < len(given) else "" for k in range(len(models)))
        return tuple(e.macros.get("estimates_title") or name for name, e in models)
    if opts.get("nodepvars"):
        return None
    if depvars_default or opts.get("depvars"):
        return tuple((e.macros.get("depvar", "").split() or [""])[0] for _, e in models)
    if [name for name, _ in models] == ["."]:  # estout.ado: the active results alone, unnamed: no labels row
        return None
    return tuple(name for name, _ in models)
