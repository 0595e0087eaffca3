"""esttab / estout options about the table's frame and extra rows, read from the command line
(esttab.ado and estout.ado, github benjann/estout):

- ``refcat(coef "label" ... [, label(text) nolabel below])``: a row labelled ``label`` above
  (``below``: under) the coefficient's rows, "ref." (or label()) in the models holding it;
- ``fragment``: the rows alone (no opening, caption, notes, top or bottom rule);
- ``page[(packages)]``: a whole LaTeX or HTML document (not with fragment);
- ``mgroups(labels [, pattern() span prefix() suffix() erepeat() lhs() none])``: a row of model
  group labels above the model numbers (``mlmcli.render.estout_groups``);
- ``alignment(text)``: the LaTeX column type of the model columns, HTML's ``align=``, RTF's
  ``\\q`` paragraph alignment.  In the text modes (smcl, fixed, tab, csv) esttab.ado's
  delimiters do not use it, so there it changes nothing, as in Stata.
"""
from __future__ import annotations

from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options
from mlmcli.textscan import split_words

SPECS = [OptionSpec("refcat", 3, takes_arg=True), OptionSpec("fragment", 1),
         OptionSpec("page", 4, takes_arg=True, arg_optional=True), OptionSpec("alignment", 5, takes_arg=True),
         OptionSpec("mgroups", 3, takes_arg=True), OptionSpec("nolabel", 3), OptionSpec("noreplace", 5),
         OptionSpec("float"), OptionSpec("nofloat"), OptionSpec("interaction", 8, takes_arg=True),
         OptionSpec("hlinechar", 2, takes_arg=True), OptionSpec("nolz"), OptionSpec("lz"),
         OptionSpec("dmarker", 2, takes_arg=True), OptionSpec("msign", 2, takes_arg=True),
         OptionSpec("begin", 3, takes_arg=True), OptionSpec("delimiter", 3, takes_arg=True),
         OptionSpec("end", 3, takes_arg=True), OptionSpec("longtable", 4),
         OptionSpec("standalone", 5, takes_arg=True, arg_optional=True), OptionSpec("fonttbl", takes_arg=True)]

# estout options passed through esttab that mlm does not honour: refused by name
NOT_AVAILABLE = ("showtabs", "noshowtabs", "asis", "noasis", "noisily", "topfile", "bottomfile",
                 "defaults", "smcltags", "nosmcltags", "smclrules", "nosmclrules",
                 "smclmidrules", "nosmclmidrules", "smcleqrules", "nosmcleqrules", "stardrop", "eqlines")


def mgroups_option(text: str | None) -> dict | None:
    """The EstoutTable ``mgroups`` of ``mgroups(labels [, suboptions])`` (None: not typed, or none)."""
    if text is None:
        return None
    body, options, _ = split_options(text)
    sub = resolve_options(options, [OptionSpec("pattern", 1, takes_arg=True), OptionSpec("span", 4),
                                    OptionSpec("nospan", 6), OptionSpec("prefix", 1, takes_arg=True),
                                    OptionSpec("suffix", 1, takes_arg=True), OptionSpec("erepeat", 2, takes_arg=True),
                                    OptionSpec("lhs", 3, takes_arg=True), OptionSpec("none", 4),
                                    OptionSpec("begin", 1, takes_arg=True), OptionSpec("end", 1, takes_arg=True),
                                    OptionSpec("replace", 3), OptionSpec("noreplace", 5)])
    for name in ("begin", "end", "replace"):
        if sub.get(name) is not None and sub.get(name) is not False:
            raise StataError(f"mgroups(): suboption {name} not available in mlm", 198)
    labels = [unquote(w) for w in split_words(body)]
    if sub.get("none") or labels == ["none"]:
        return None
    pattern = tuple((sub.get("pattern") or "").split())
    if any(p not in ("0", "1") for p in pattern):
        raise StataError("mgroups(): pattern() must be a list of 0s and 1s", 198)
    def text_of(name: str) -> str:
        v = sub.get(name)
        return unquote(v.strip()) if isinstance(v, str) else ""
    return {"labels": tuple(labels), "pattern": pattern, "span": bool(sub.get("span")) and not sub.get("nospan"),
            "prefix": text_of("prefix"), "suffix": text_of("suffix"), "erepeat": text_of("erepeat"),
            "lhs": text_of("lhs")}


def pattern_list(text: str | None) -> tuple[list[str], bool]:
    """keep() drop() order(): (patterns, relax); without relax a keep() or drop() pattern that
    matches no coefficient is an error (estout.ado's ExpandEqVarlist)."""
    if not isinstance(text, str):
        return [], False
    body, options, _ = split_options(text)
    sub = resolve_options(options, [OptionSpec("relax", 1)])
    return [unquote(w) for w in split_words(body)], bool(sub.get("relax"))


def varlabels_option(text: str | None) -> tuple[list[str], list[str]]:
    """varlabels(name label ... [, blist(matchlist) elist(matchlist)]): the coefficients' labels,
    as coeflabels() (which esttab passes to estout as varlabels()), and the patterns of blist()
    and elist() (text estout writes before or after the rows they match); other sub-options
    are refused."""
    if not isinstance(text, str):
        return [], []
    body, options, _ = split_options(text)
    affixes = []
    for option in options:
        if option.name not in ("blist", "elist") or option.arg is None:
            raise StataError(f"varlabels(): suboption {option.name} not available in mlm", 198)
        pairs = [unquote(w) for w in split_words(option.arg)]
        if len(pairs) % 2:
            raise StataError(f"varlabels(): {option.name}() invalid", 198)
        affixes += pairs[::2]
    words = [unquote(w) for w in split_words(body)]
    if len(words) % 2:
        raise StataError("varlabels() invalid", 198)
    return words, affixes


def _text(value) -> str:
    """An option's text, one pair of outer quotes removed (estout keeps inner blanks)."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    return unquote(text) if text.startswith('"') else text


def interaction_text(opts: dict, mode: str, esttab: bool) -> str:
    """What joins the parts of an interaction's label: interaction(), else esttab's per mode
    (LaTeX `` $\\times$ ``, otherwise `` # ``); estout's is `` # ``."""
    if isinstance(opts.get("interaction"), str):
        return _text(opts["interaction"])
    return " $\\times$ " if esttab and mode in ("tex", "booktabs") else " # "


def framing_option(opts: dict) -> dict:
    """prehead() posthead() prefoot() postfoot(): their lines (estout.ado: a text without double
    quotes is one line, else each quoted string is a line).  The @ codes estout fills in are
    left in the lines for the renderer; those mlm does not fill are refused."""
    out = {}
    for name in ("prehead", "posthead", "prefoot", "postfoot"):
        text = opts.get(name)
        if not isinstance(text, str):
            continue
        for code in ("@note", "@discrete", "@rtfrowdef", "@rtfemptyrow"):
            if code in text:
                raise StataError(f"{name}(): estout's {code} not available in mlm", 198)
        out[name] = [unquote(w) for w in split_words(text)] if '"' in text else [text.strip()]
    return out


def substitute_option(opts: dict):
    """substitute(from to ...): (from, to) pairs (a last from without a to: removed), or None."""
    text = opts.get("substitute")
    if not isinstance(text, str):
        return None
    words = [unquote(w) for w in split_words(text)]
    words += [""] * (len(words) % 2)
    return tuple(zip(words[::2], words[1::2]))


def element_option(text: str | None, bfmt: str) -> tuple[str, str] | None:
    """(element, format) of esttab's ``main(name [fmt])`` / ``aux(name [fmt])``: e(name)'s values
    shown instead of b / below them, in fmt or b's format (esttab.ado)."""
    if text is None:
        return None
    words = split_words(text)
    if not words or len(words) > 2:
        raise StataError("invalid syntax", 198)
    return words[0], (words[1] if len(words) > 1 else bfmt)


def refcat_option(text: str | None) -> tuple[dict, str, bool]:
    """(coefficient -> row label, the models' label, below) of ``refcat()``."""
    if text is None:
        return {}, "ref.", False
    body, options, _ = split_options(text)
    sub = resolve_options(options, [OptionSpec("label", 1, takes_arg=True), OptionSpec("nolabel", 3),
                                    OptionSpec("below", 1)])
    words = [unquote(w) for w in split_words(body)]
    pairs = {}
    for coef, name in zip(words[::2], words[1::2] + [""] * (len(words) % 2)):  # PrepareRefcat: a last
        pairs.setdefault(coef, name)  # coefficient without a label gets an empty one
    label = "" if sub.get("nolabel") else (unquote(sub["label"].strip()) if isinstance(sub.get("label"), str)
                                            else "ref.")
    return pairs, label, bool(sub.get("below"))


def frame_options(opts: dict, mode: str, esttab: bool) -> dict:
    """EstoutTable fields of fragment, page and alignment."""
    fragment = bool(opts.get("fragment"))
    page = opts.get("page")
    standalone = opts.get("standalone")
    if standalone is not None and standalone is not False:  # esttab.ado: standalone implies page
        page = page if page is not None else True
    for name in ("standalone", "longtable", "fonttbl"):  # esttab's own: estout.ado's syntax has none
        if opts.get(name) is not None and opts.get(name) is not False and not esttab:
            raise StataError(f"option {name} not allowed", 198)
    if page is not None:
        if fragment:
            raise StataError("options fragment and page not both allowed", 198)
        if mode not in ("tex", "booktabs", "html"):
            raise StataError(f"option page not available in mlm's {'esttab' if esttab else 'estout'} "
                             f"for {mode} output (only tex, booktabs and html)", 198)
    for a, b in (("label", "nolabel"), ("replace", "noreplace"), ("float", "nofloat"), ("lz", "nolz"),
                 ("constant", "noconstant"), ("gaps", "nogaps"), ("lines", "nolines"), ("star", "nostar"),
                 ("abbrev", "noabbrev"), ("depvars", "nodepvars"), ("numbers", "nonumbers"),
                 ("parentheses", "noparentheses"), ("notes", "nonotes"), ("mtitles", "nomtitles"),
                 ("type", "notype"), ("outfilenoteoff", "nooutfilenoteoff"), ("legend", "nolegend")):  # NotBothAllowed
        if opts.get(a) and opts.get(b):
            raise StataError(f"options {a} and {b} not both allowed", 198)
    if mode == "rtf" and any(isinstance(opts.get(n), str) for n in ("begin", "delimiter", "end")):
        raise StataError("begin(), delimiter() and end() with rtf output are not available in mlm", 198)
    style = ()
    if opts.get("nolz") or any(isinstance(opts.get(n), str) for n in ("dmarker", "msign")):
        style = (not opts.get("nolz"), _text(opts.get("dmarker")), _text(opts.get("msign")))
    out = {"mgroups": mgroups_option(opts.get("mgroups")), "fragment": fragment, "number_style": style,
           "row_parts": tuple(_text(opts[n]) if isinstance(opts.get(n), str) else None
                              for n in ("begin", "delimiter", "end")),
           "hlinechar": _text(opts.get("hlinechar")),
           "float_table": True if opts.get("float") else False if opts.get("nofloat") else None, "page": (unquote(page.strip()) if isinstance(page, str) else "")
           if page is not None else None, "longtable": bool(opts.get("longtable")) and mode in ("tex", "booktabs"),
           "document_class": _document_class(standalone)}
    if isinstance(opts.get("fonttbl"), str):  # esttab.ado's rtf prehead: {\fonttbl`fonttbl'}
        out["fonttbl"] = unquote(opts["fonttbl"]) if opts["fonttbl"].lstrip().startswith(('"', '`"')) \
            else opts["fonttbl"]
    if isinstance(opts.get("alignment"), str):
        out["alignment"] = unquote(opts["alignment"].strip())
    if page is not None:
        import time

        from mlmcli.expr.system_values import current_date_text
        now = time.localtime()
        out["stamp"] = (current_date_text(now.tm_year, now.tm_mon, now.tm_mday), time.strftime("%H:%M:%S", now))
    return out


def _document_class(standalone) -> str:
    """page's LaTeX class: ``{article}``; with ``standalone[(opts)]`` ``[opts]{standalone}``,
    ``[varwidth]`` when no opts are typed and none with ``standalone("")`` (esttab.ado)."""
    if standalone is None or standalone is False:
        return "{article}"
    if not isinstance(standalone, str) or not standalone.strip():
        return "[varwidth]{standalone}"
    text = standalone.strip()
    return "{standalone}" if text == '""' else f"[{unquote(text)}]{{standalone}}"


def margin_options(opts: dict) -> dict:
    """margin[(u|c|p)] / nomargin, meqs(), discrete() / nodiscrete: the marginal-effects settings
    (estout.ado: discrete()'s first token is the symbol, the rest its explanation)."""
    from mlmcli.estimation.estout_margins import discrete_option, margin_option

    kind = None if opts.get("nomargin") else margin_option(opts.get("margin"))
    meqs = opts.get("meqs")
    symbol, text = discrete_option(opts.get("discrete"), bool(opts.get("nodiscrete")))
    return {"margin": kind, "meqs": [unquote(w) for w in split_words(meqs)] if isinstance(meqs, str) else None,
            "discrete": (symbol, text) if kind else ("", "")}


def eqlabels_option(text: str | None) -> tuple[list | None, str]:
    """(labels, lhs) of ``eqlabels(labels [, lhs(text) none])``: labels None (not typed or none
    listed: the equations' names), [] with ``none``; lhs() the text in the labels' column of the
    equations' header row (unstack).  estout's other sub-options are refused."""
    if text is None:
        return None, ""
    body, options, _ = split_options(text)
    for option in options:
        if option.name not in ("lhs", "none"):
            raise StataError(f"eqlabels(): suboption {option.name} not available in mlm", 198)
    sub = resolve_options(options, [OptionSpec("lhs", 3, takes_arg=True), OptionSpec("none", 4)])
    words = [unquote(w) for w in split_words(body)]
    labels = [] if sub.get("none") or words == ["none"] else (words or None)
    return labels, _text(sub.get("lhs"))
