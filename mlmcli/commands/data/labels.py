"""Labels and formats: ``label``, ``format``, ``encode``/``decode`` (``recode`` is recode.py)."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data.common import as_text_array, mark, single_variable, string_format, string_type_for
from mlmcli.errors import StataError
from mlmcli.expr.distinct_values import all_python_strings, apply_distinct
from mlmcli.missing import extended, from_order_key, order_key
from mlmcli.syntax.abbreviation import NameTable
from mlmcli.syntax.options import OptionSpec, integer_option, resolve_options, split_options
from mlmcli.syntax.varlist import NAME_RE, check_new_name
from mlmcli.render.numfmt import is_valid_format
from mlmcli.render.old_date_format import with_t


# ----------------------------------------------------------------------------- label
def cmd_label(session, cmd) -> None:
    """``label variable|define|values|list|drop|data|dir``."""
    body, options, _ = split_options(cmd.args)
    toks = _label_tokens(body)
    if not toks:
        raise StataError("invalid syntax", 198)
    LABEL_SUBCOMMANDS.handler(toks[0][0])(session, toks[1:], options)


_GLUED_RE = re.compile(r'`"(.*?)"\'|"([^"]*)"|([^\s"`]+|`)', re.S)


def _label_tokens(body: str) -> list[tuple[str, bool]]:
    """``raw_tokens``, except that a word ends where a quote starts, as Stata's tokenizer
    reads ``label define sex 1"Male" 2"Female"``."""
    out = []
    for m in _GLUED_RE.finditer(body):
        if m.group(1) is not None or m.group(2) is not None:
            out.append((m.group(1) if m.group(1) is not None else m.group(2), True))
        else:
            out.append((m.group(3), False))
    return out


def _label_variable(session, rest, options) -> None:
    ds = session.data
    if not rest or len(rest) > 2:
        raise StataError("invalid syntax", 198)
    name = ds.resolve(rest[0][0])
    if len(rest) == 2:
        ds.var_labels[name] = rest[1][0][:80]
    else:
        ds.var_labels.pop(name, None)
    ds.changed = True


def _label_drop(session, rest, options) -> None:
    ds = session.data
    names = [t for t, _ in rest]
    if names == ["_all"]:
        ds.value_labels.clear()
    for n in names:
        if n != "_all" and ds.value_labels.pop(n, None) is None:
            raise StataError(f"value label {n} not found", 111)
    ds.changed = True


def _label_data(session, rest, options) -> None:
    ds = session.data
    ds.label = rest[0][0][:80] if rest else ""
    ds.changed = True


def _label_dir(session, rest, options) -> None:
    """``label dir``: the value labels' names, also in r(names)."""
    resolve_options(options, [])
    if rest:
        raise StataError("invalid syntax", 198)
    for n in session.data.value_labels:
        session.print(n)
    session.set_r({"names": " ".join(session.data.value_labels)})


LABEL_DEFINE_OPTIONS = [OptionSpec("add"), OptionSpec("modify"), OptionSpec("replace"), OptionSpec("nofix")]


def _label_define(session, rest, options) -> None:
    ds = session.data
    if not rest:
        raise StataError("invalid syntax", 198)
    name = rest[0][0]
    if not NAME_RE.match(name):
        raise StataError(f"{name} invalid name", 198)
    pairs = rest[1:]
    if len(pairs) % 2:
        raise StataError("invalid syntax", 198)
    opts = resolve_options(options, LABEL_DEFINE_OPTIONS)
    add, modify, replace = "add" in opts, "modify" in opts, "replace" in opts
    exists = name in ds.value_labels
    if exists and not (add or modify or replace):
        raise StataError(f"label {name} already defined", 110)
    mapping = {} if (replace or not exists) else dict(ds.value_labels[name])
    for k in range(0, len(pairs), 2):
        vtext, text = pairs[k][0], pairs[k + 1][0]
        if re.fullmatch(r"\.[a-z]", vtext):  # .a … .z are keyed by their order key
            value = order_key(extended(vtext[1:]))
        else:
            try:
                value = float(vtext)
            except ValueError:
                raise StataError("invalid syntax", 198) from None
            if not np.isfinite(value):  # 1e400, nan: not a number Stata reads here
                raise StataError("invalid syntax", 198)
            if value != int(value):
                raise StataError("may not label non-integers", 198)
        if exists and add and not modify and value in mapping:
            raise StataError("invalid attempt to modify label", 180)
        if text == "" and modify:
            mapping.pop(value, None)
        else:
            mapping[value] = text
    ds.value_labels[name] = dict(sorted(mapping.items()))
    ds.changed = True


def _label_values(session, rest, options) -> None:
    ds = session.data
    if not rest:
        raise StataError("invalid syntax", 198)
    words = [t for t, _ in rest]
    # the last word is the label name unless it is a variable and no name follows
    if len(words) == 1:
        names, lab = ds.expand_varlist(words[0]), None
    else:
        varlist = " ".join(words[:-1]).strip()
        if varlist.startswith("(") and varlist.endswith(")"):
            # label value (v1 v2 ...) lbl: the DHS Program's published SWPER code attaches its
            # labels so inside a loop without capture, so Stata takes the bracketed varlist
            varlist = varlist[1:-1]
        names, lab = ds.expand_varlist(varlist), words[-1]
        if lab == ".":
            lab = None
    for n in names:
        if ds.is_string(n):
            raise StataError("may not label strings", 181)
    for n in names:
        if lab is None:
            ds.value_label_of.pop(n, None)
        else:
            ds.value_label_of[n] = lab
    ds.changed = True


def _label_list(session, rest, options) -> None:
    names = [t for t, _ in rest]
    ds = session.data
    names = names or list(ds.value_labels)
    for n in names:
        if n not in ds.value_labels:
            raise StataError(f"value label {n} not found", 111)
    resolve_options(options, [])
    from mlmcli.render.numfmt import format_number
    for n in names:
        session.print(f"{n}:")
        for v, text in sorted(ds.value_labels[n].items()):
            session.print(f"{format_number(from_order_key(v), '%12.0g')} {text}")
    if names:  # Stata's r() describes the last label listed
        values = [from_order_key(v) for v in ds.value_labels[names[-1]]]
        numbers = [v for v in values if isinstance(v, (int, float)) and np.isfinite(v)]
        session.set_r({"k": float(len(values)),
                       "min": float(min(numbers)) if numbers else float("nan"),
                       "max": float(max(numbers)) if numbers else float("nan"),
                       "hasemiss": float(len(numbers) < len(values))})


LABEL_SUBCOMMANDS = NameTable([  # name, minimal abbreviation, handler(session, words, options)
    ("variable", 3, _label_variable),
    ("define", 2, _label_define),
    ("values", 3, _label_values),
    ("list", None, _label_list),
    ("drop", None, _label_drop),
    ("data", None, _label_data),
    ("dir", None, _label_dir),
], unknown=lambda word: StataError("invalid syntax", 198),
   not_implemented=lambda name: StataError(f"label {name} is not implemented in mlmcli", 199))


# ----------------------------------------------------------------------------- format
def cmd_format(session, cmd) -> None:
    """``format varlist %fmt`` (or ``format %fmt varlist``); ``format varlist`` lists formats."""
    ds = session.data
    words = cmd.args.split()
    fmts = [w for w in words if w.startswith("%")]
    names_text = " ".join(w for w in words if not w.startswith("%"))
    if not fmts:
        names = ds.expand_varlist(names_text) if names_text else ds.varnames
        width = max((len(n) for n in names), default=8)
        for n in names:
            session.print(f"  {n:<{width}}  {ds.format_of(n)}")
        return
    if len(fmts) > 1:
        raise StataError("invalid syntax", 198)
    fmt = fmts[0]
    is_date = re.match(r"^%-?t[cCdwmqhyg]", with_t(fmt)) is not None  # %dM_d,_CY: Stata 9's %td
    if not (is_valid_format(fmt) or re.match(r"^%-?tg$", fmt)):  # %tdDD/NN/CCYY: details checked too
        raise StataError("invalid %format", 120)
    names = ds.expand_varlist(names_text)
    string_fmt = not is_date and fmt.rstrip().endswith("s")
    for n in names:
        if ds.is_string(n) != string_fmt:
            raise StataError("invalid %format", 120)
    for n in names:
        ds.formats[n] = fmt
    ds.changed = True


# ----------------------------------------------------------------------------- encode / decode
def _source_and_generate(session, cmd, opts) -> tuple[str, str]:
    """``encode``/``decode``: the one source variable and the new name in ``generate()``."""
    source = single_variable(session.data, cmd.args)
    if not isinstance(opts.get("generate"), str):
        raise StataError("option generate() required", 198)
    new = opts["generate"].strip()
    check_new_name(session.data, new)
    return source, new


def cmd_encode(session, cmd) -> None:
    """``encode strvar [if] [in], generate(newvar) [label(name) noextend]``: values 1..K
    in alphabetical order of the strings, labelled with them."""
    # label() abbreviates to l(): the BJPolS replication archive's ``encode cname, gen(country) l(country)``
    opts = resolve_options(cmd.options, [OptionSpec("generate", 3, takes_arg=True), OptionSpec("label", 1, takes_arg=True),
                                       OptionSpec("noextend")])
    ds = session.data
    src, new = _source_and_generate(session, cmd, opts)
    if not ds.is_string(src):
        raise StataError("not possible with numeric variable", 107)
    lab = opts["label"].strip() if isinstance(opts.get("label"), str) else new
    rows = mark(session, cmd)
    strings = ds.df[src].to_numpy(dtype=object)
    mapping = dict(ds.value_labels.get(lab, {}))
    by_text = {t: v for v, t in mapping.items()}
    import pandas as pd

    selected = strings[rows]
    distinct = pd.unique(selected) if all_python_strings(selected) else selected
    new_strings = sorted({s for s in distinct if s != "" and s not in by_text})
    if new_strings and opts.get("noextend") and mapping:
        raise StataError(f"there are values of {src} not present in label {lab}", 498)
    nxt = int(max(mapping, default=0))
    for s in new_strings:
        nxt += 1
        mapping[float(nxt)] = s
        by_text[s] = float(nxt)
    coded = apply_distinct(lambda s: by_text.get(s, np.nan) if s != "" else np.nan, [strings], len(strings),
                           numeric_out=True)
    values = np.where(rows, coded, np.nan)
    ds.value_labels[lab] = mapping
    ds.set_variable(new, values, "long", position=None)
    ds.formats[new] = "%8.0g"
    ds.value_label_of[new] = lab
    if src in ds.var_labels:
        ds.var_labels[new] = ds.var_labels[src]


def cmd_decode(session, cmd) -> None:
    """``decode numvar [if] [in], generate(newvar) [maxlength(#)]``: the label text of each value."""
    opts = resolve_options(cmd.options, [OptionSpec("generate", 3, takes_arg=True),
                                       OptionSpec("maxlength", 4, takes_arg=True)])
    ds = session.data
    src, new = _source_and_generate(session, cmd, opts)
    if ds.is_string(src):
        raise StataError("not possible with string variable", 108)
    lab = ds.value_label_of.get(src)
    if lab is None:
        raise StataError(f"{src} not labeled", 182)
    mapping = ds.value_labels.get(lab, {})
    rows = mark(session, cmd)
    x = ds.numeric(src)
    labelled = apply_distinct(lambda v: mapping.get(order_key(v), ""), [x], len(x))
    labelled[~rows] = ""
    texts = as_text_array(labelled)
    if isinstance(opts.get("maxlength"), str):
        k = integer_option(opts, "maxlength", None, minimum=1, maximum=2045)  # [D] decode: 1 to 2045
        texts = as_text_array(apply_distinct(lambda t: t[:k], [texts], len(texts)))
    ds.set_variable(new, texts, string_type_for(texts))
    ds.formats[new] = string_format(ds.types[new])
    if src in ds.var_labels:
        ds.var_labels[new] = ds.var_labels[src]
