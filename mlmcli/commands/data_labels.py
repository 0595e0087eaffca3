"""Labels, formats and recoding: ``label``, ``format``, ``encode``/``decode``, ``recode``."""
from __future__ import annotations

import re

import numpy as np

from mlmcli.commands.data_common import (as_text_array, check_new_name, fit_storage, mark, raw_tokens,
                                         reject_weight, smallest_type, split_raw_options, string_format,
                                         string_type_for)
from mlmcli.errors import StataError
from mlmcli.missing import code as missing_code, extended, from_order_key, order_key
from mlmcli.options import OptionSpec, parse_options
from mlmcli.render.numfmt import is_valid_format


# ----------------------------------------------------------------------------- label
def cmd_label(session, cmd) -> None:
    """``label variable|define|values|list|drop|data|dir``."""
    body, opt_text = split_raw_options(cmd.args)
    toks = raw_tokens(body)
    if not toks:
        raise StataError("invalid syntax", 198)
    sub = toks[0][0]
    rest = toks[1:]
    opts = set(opt_text.split())
    ds = session.data
    if len(sub) >= 3 and "variable".startswith(sub):
        if not rest or len(rest) > 2:
            raise StataError("invalid syntax", 198)
        name = ds.resolve(rest[0][0])
        if len(rest) == 2:
            ds.var_labels[name] = rest[1][0][:80]
        else:
            ds.var_labels.pop(name, None)
        ds.changed = True
    elif len(sub) >= 2 and "define".startswith(sub):
        _label_define(ds, rest, opts)
    elif len(sub) >= 3 and "values".startswith(sub):
        _label_values(ds, rest)
    elif sub == "list":
        _label_list(session, [t for t, _ in rest])
    elif sub == "drop":
        names = [t for t, _ in rest]
        if names == ["_all"]:
            ds.value_labels.clear()
        for n in names:
            if n != "_all" and ds.value_labels.pop(n, None) is None:
                raise StataError(f"value label {n} not found", 111)
        ds.changed = True
    elif sub == "data":
        ds.label = rest[0][0][:80] if rest else ""
        ds.changed = True
    elif sub == "dir":
        for n in ds.value_labels:
            session.print(n)
    else:
        raise StataError("invalid syntax", 198)


def _label_define(ds, rest, opts: set[str]) -> None:
    if not rest:
        raise StataError("invalid syntax", 198)
    name = rest[0][0]
    from mlmcli.dataset import NAME_RE
    if not NAME_RE.match(name):
        raise StataError(f"{name} invalid name", 198)
    pairs = rest[1:]
    if len(pairs) % 2:
        raise StataError("invalid syntax", 198)
    add = "add" in opts
    modify = "modify" in opts
    replace = "replace" in opts
    for o in opts:
        if o not in ("add", "modify", "replace", "nofix"):
            raise StataError(f"option {o} not allowed", 198)
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


def _label_values(ds, rest) -> None:
    if not rest:
        raise StataError("invalid syntax", 198)
    words = [t for t, _ in rest]
    # the last word is the label name unless it is a variable and no name follows
    if len(words) == 1:
        names, lab = ds.expand_varlist(words[0]), None
    else:
        names, lab = ds.expand_varlist(" ".join(words[:-1])), words[-1]
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


def _label_list(session, names: list[str]) -> None:
    ds = session.data
    names = names or list(ds.value_labels)
    for n in names:
        if n not in ds.value_labels:
            raise StataError(f"value label {n} not found", 111)
    from mlmcli.render.numfmt import format_number
    for n in names:
        session.print(f"{n}:")
        for v, text in sorted(ds.value_labels[n].items()):
            session.print(f"{format_number(from_order_key(v), '%12.0g')} {text}")


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
    is_date = re.match(r"^%-?t[cCdwmqhyg]", fmt) is not None
    if not (is_valid_format(fmt) or is_date):
        raise StataError("invalid %format", 120)
    names = ds.expand_varlist(names_text)
    string_fmt = fmt.rstrip().endswith("s")
    for n in names:
        if ds.is_string(n) != string_fmt:
            raise StataError("invalid %format", 120)
    for n in names:
        ds.formats[n] = fmt
    ds.changed = True


# ----------------------------------------------------------------------------- encode / decode
def _source_and_generate(session, cmd, opts) -> tuple[str, str]:
    """``encode``/``decode``: the one source variable and the new name in ``generate()``."""
    names = session.data.expand_varlist(cmd.args)
    if len(names) != 1:
        raise StataError("too many variables specified", 103)
    if not isinstance(opts.get("generate"), str):
        raise StataError("option generate() required", 198)
    new = opts["generate"].strip()
    check_new_name(session, new)
    return names[0], new


def cmd_encode(session, cmd) -> None:
    """``encode strvar [if] [in], generate(newvar) [label(name) noextend]``: values 1..K
    in alphabetical order of the strings, labelled with them."""
    opts = parse_options(cmd.options, [OptionSpec("generate", 3, takes_arg=True), OptionSpec("label", takes_arg=True),
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
    new_strings = sorted({s for s, r in zip(strings, rows) if r and s != "" and s not in by_text})
    if new_strings and opts.get("noextend") and mapping:
        raise StataError(f"there are values of {src} not present in label {lab}", 498)
    nxt = int(max(mapping, default=0))
    for s in new_strings:
        nxt += 1
        mapping[float(nxt)] = s
        by_text[s] = float(nxt)
    values = np.array([by_text.get(s, np.nan) if r and s != "" else np.nan for s, r in zip(strings, rows)])
    ds.value_labels[lab] = mapping
    ds.set_variable(new, values, "long", position=None)
    ds.formats[new] = "%8.0g"
    ds.value_label_of[new] = lab
    if src in ds.var_labels:
        ds.var_labels[new] = ds.var_labels[src]


def cmd_decode(session, cmd) -> None:
    """``decode numvar [if] [in], generate(newvar) [maxlength(#)]``: the label text of each value."""
    opts = parse_options(cmd.options, [OptionSpec("generate", 3, takes_arg=True),
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
    texts = as_text_array([mapping.get(order_key(v), "") if r else "" for v, r in zip(x, rows)])
    if isinstance(opts.get("maxlength"), str):
        k = int(opts["maxlength"])
        texts = as_text_array([t[:k] for t in texts])
    ds.set_variable(new, texts, string_type_for(texts))
    ds.formats[new] = string_format(ds.types[new])
    if src in ds.var_labels:
        ds.var_labels[new] = ds.var_labels[src]


# ----------------------------------------------------------------------------- recode
_RULE_RE = re.compile(r"\(([^()]*)\)")


_MISSING_RE = re.compile(r"^\.[a-z]?$")


def _parse_rule(text: str):
    if "=" not in text:
        raise StataError("invalid syntax", 198)
    lhs, rhs = text.split("=", 1)
    rhs_toks = raw_tokens(rhs)
    if not rhs_toks:
        raise StataError("invalid syntax", 198)
    target_text = rhs_toks[0][0]
    label = rhs_toks[1][0] if len(rhs_toks) > 1 else None
    target = extended(target_text[1:]) if _MISSING_RE.match(target_text) else None
    if target is None:
        try:
            target = float(target_text)
        except ValueError:
            raise StataError("invalid syntax", 198) from None
    matchers = []
    for tok in lhs.split():
        if tok in ("else", "*"):
            matchers.append(("else",))
        elif tok in ("missing", "miss"):
            matchers.append(("missing",))
        elif tok in ("nonmissing", "nonmiss"):
            matchers.append(("nonmissing",))
        elif _MISSING_RE.match(tok):  # . is system missing only; .a … .z their own codes
            matchers.append(("code", missing_code(extended(tok[1:]))))
        elif "/" in tok:
            a, b = tok.split("/", 1)
            try:
                lo = -np.inf if a == "min" else float(a)
                hi = np.inf if b == "max" else float(b)
            except ValueError:
                raise StataError("invalid syntax", 198) from None
            matchers.append(("range", lo, hi))
        elif tok == "min":
            matchers.append(("min",))
        elif tok == "max":
            matchers.append(("max",))
        else:
            try:
                matchers.append(("value", float(tok)))
            except ValueError:
                raise StataError("invalid syntax", 198) from None
    return matchers, target, label


def cmd_recode(session, cmd) -> None:
    """``recode varlist (rule) [(rule) ...] [if] [in] [, generate(newvars) prefix(str)]``.

    Rules apply in order; the first matching rule sets the value; ``else`` (or ``*``)
    catches everything unmatched, ``missing``/``nonmissing`` match by missingness.
    """
    body, opt_text = split_raw_options(cmd.args)
    reject_weight(body)
    # raw: if/in are in the text
    m_if = re.search(r"\s(if|in)\s", " " + body + " ")
    cond_text = ""
    if m_if:
        cut = m_if.start()
        cond_text = body[cut:].strip()
        body = body[:cut]
    first = body.find("(")
    if first < 0:
        raise StataError("invalid syntax", 198)
    ds = session.data
    names = ds.expand_varlist(body[:first])
    rules = [_parse_rule(t) for t in _RULE_RE.findall(body[first:])]
    if not rules:
        raise StataError("invalid syntax", 198)
    opts = {}
    for m in re.finditer(r"(\w+)(?:\(([^)]*)\))?", opt_text):
        key = m.group(1)
        if "generate".startswith(key) and len(key) >= 3:
            opts["generate"] = (m.group(2) or "").split()
        elif key == "prefix":
            opts["prefix"] = (m.group(2) or "").strip()
        elif key in ("copyrest", "test", "label"):
            opts[key] = m.group(2) or True
        else:
            raise StataError(f"option {key} not allowed", 198)
    from mlmcli.ast import Command
    from mlmcli.parser import parse_command
    rows = np.ones(ds.nobs, dtype=bool)
    if cond_text:
        sub = parse_command("count " + cond_text)
        rows = mark(session, Command(name="count", if_exp=sub.if_exp, in_range=sub.in_range))
    targets = names
    if "generate" in opts:
        targets = opts["generate"]
        if len(targets) != len(names):
            raise StataError("generate(): number of new variables differs from varlist", 198)
    elif "prefix" in opts:
        targets = [opts["prefix"] + n for n in names]
    for src, dst in zip(names, targets):
        if ds.is_string(src):
            raise StataError("type mismatch", 109)
        if dst != src:
            check_new_name(session, dst)
        x = ds.numeric(src)
        new = x.copy()  # unmatched values are copied (out-of-sample ones only with copyrest)
        done = np.zeros(x.size, dtype=bool)
        finite = x[~np.isnan(x)]
        lo = finite.min() if finite.size else np.nan
        hi = finite.max() if finite.size else np.nan
        labels = {}
        for matchers, target, label in rules:
            hit = np.zeros(x.size, dtype=bool)
            for mt in matchers:
                kind = mt[0]
                if kind == "value":
                    hit |= x == mt[1]
                elif kind == "range":
                    a = lo if mt[1] == -np.inf else mt[1]
                    b = hi if mt[2] == np.inf else mt[2]
                    hit |= (x >= a) & (x <= b)
                elif kind == "min":
                    hit |= x == lo
                elif kind == "max":
                    hit |= x == hi
                elif kind == "missing":
                    hit |= np.isnan(x)
                elif kind == "code":
                    hit |= missing_code(x) == mt[1]
                elif kind == "nonmissing":
                    hit |= ~np.isnan(x)
                elif kind == "else":
                    hit |= True
            hit &= ~done & rows
            new[hit] = target
            done |= hit
            if label is not None and not np.isnan(target):
                labels[float(target)] = label
        if dst != src and "copyrest" not in opts:
            new[~rows] = np.nan
        vtype = ds.types.get(src, "float")
        vtype = smallest_type(new, vtype) if vtype in ("byte", "int", "long") else vtype
        new = fit_storage(new, vtype)
        changes = int((order_key(new) != order_key(x)).sum())  # .a -> .b counts as a change
        if dst == src:
            ds.set_variable(src, new, vtype)
            session.print(f"({src}: {changes:,} change{'s' if changes != 1 else ''} made)")
        else:
            ds.set_variable(dst, new, vtype)
            session.print(f"({changes:,} difference{'s' if changes != 1 else ''} between {src} and {dst})")
        if labels:
            ds.value_labels[dst] = dict(sorted({**ds.value_labels.get(dst, {}), **labels}.items()))
            ds.value_label_of[dst] = dst


