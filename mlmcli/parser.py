"""Parse one logical Stata command line into an ``ast.Command``.

The grammar (``grammar/command.lark``) has two LALR entry points: ``head``
(prefixes and the command word) and ``tail`` (args, ``if``, ``in``, weight,
options).  The command word is resolved through the registry first, because a
``raw`` command (``mixed``, ``display`` …) keeps its whole tail as ``args``.
Raw text pieces are sliced from the input by token positions, so the user's
spacing inside an expression or an option argument is preserved.

Lark is imported on first use and the parser is loaded once per process from the
tables shipped with the grammar (``mlmcli.grammar_tables``: JSON, never a pickle).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from mlmcli import ast
from mlmcli.commands import lookup
from mlmcli.errors import StataError, invalid_syntax, option_not_allowed, unrecognized_command
from mlmcli.grammar_tables import import_lark, parser as grammar_parser
from mlmcli.temp_names import read_once, rebind

_PREFIX_NAMES = {"q": "quietly", "n": "noisily", "c": "capture"}


@lru_cache(maxsize=1)
def _lark():
    return grammar_parser("command.lark")


def parse_command(line: str) -> ast.Command:
    """One command line -> ``ast.Command`` (``StataError`` r(198)/r(199) on bad input).

    Cached on the line with its temporary names abstracted (``mlmcli.temp_names``): a
    program's line whose ``tempvar`` names change on every call is parsed once."""
    return read_once(line, _parse_command_text, lambda cmd, names: rebind_command(cmd, names, line.strip()))


def rebind_command(cmd: ast.Command, names: tuple[str, ...], text: str) -> ast.Command:
    """A canonical line's parse with the real temporary names in every piece of text."""
    def bind(piece):
        return piece if piece is None else rebind(piece, names)

    return replace(
        cmd, name=bind(cmd.name), args=bind(cmd.args), if_exp=bind(cmd.if_exp), text=text,
        weight=None if cmd.weight is None else ast.Weight(cmd.weight.kind, bind(cmd.weight.exp)),
        options=tuple(ast.Option(bind(o.name), bind(o.arg)) for o in cmd.options),
        prefixes=tuple(replace(p, varlist=tuple(map(bind, p.varlist)), sort_only=tuple(map(bind, p.sort_only)))
                       if p.varlist or p.sort_only else p for p in cmd.prefixes))


@lru_cache(maxsize=4096)
def _parse_command_text(line: str) -> ast.Command:
    text = line.strip()
    if not text:
        raise invalid_syntax()
    import_lark()
    from lark.exceptions import LarkError

    try:
        prefixes, word, rest = _split_head(text)
    except LarkError:
        raise _head_error(text) from None
    spec = lookup(word)
    if spec.raw:
        return ast.Command(name=spec.name, args=rest, prefixes=prefixes, text=text)
    return _parse_tail(spec.name, rest, prefixes, text)


parse_command.cache_clear = _parse_command_text.cache_clear  # type: ignore[attr-defined]
parse_command.cache_info = _parse_command_text.cache_info  # type: ignore[attr-defined]


def command_prefixes(text: str) -> tuple[ast.Prefix, ...]:
    """The prefixes typed before a command word (the command need not be registered: a
    program the user defined is looked up when it runs)."""
    import_lark()
    from lark.exceptions import LarkError

    try:
        return _split_head(text.strip())[0]
    except LarkError:
        raise _head_error(text.strip()) from None


def text_after_command(text: str) -> str:
    """What was typed after the command word, without the prefixes (Stata's `0')."""
    import_lark()
    return _split_head(text.strip())[2]


# `!` (and `!!`) in the command word's place, after any quietly/noisily/capture prefixes: only
# there is it shell's synonym; inside an expression (`if !missing(x)`, `!=`) it is never seen here.
# quietly, noisily and capture in each abbreviation the grammar takes, longest first
_QNC_WORDS = "quietly|quietl|quiet|quie|qui|noisily|noisil|noisi|nois|noi|no|n|capture|captur|captu|capt|cap"
_BANG = re.compile(rf"^((?:(?:{_QNC_WORDS})(?!\w)\s*:?\s*)*)(!!?)")


# a line with no prefix: grammar/command.lark's `head` is then NAME, its WS, REST -- read by
# a regex (the text after the word changes on every pass of a loop: `local i = `i' + 1`)
_PLAIN_HEAD = re.compile(r"([^\W\d]\w*)(?!\w)[ \t\f\r\n]*(\S[\s\S]*)?")
_SIMPLE_PREFIX = re.compile(rf"({_QNC_WORDS})(?!\w)[ \t\f\r\n]*(?::[ \t\f\r\n]*)?")
_PREFIX_WORD = re.compile(rf"bysort|bysor|byso|bys|by|{_QNC_WORDS}")


def _plain_head(text: str):
    """``_split_head`` of a line whose prefixes are only quietly/noisily/capture (what `head`
    parses it to), None for any other line."""
    prefixes, at = [], 0
    while (simple := _SIMPLE_PREFIX.match(text, at)) is not None:
        prefixes.append(ast.Prefix(name=_PREFIX_NAMES[simple.group(1)[0]]))
        at = simple.end()
    plain = _PLAIN_HEAD.fullmatch(text, at)
    if plain is None or _PREFIX_WORD.fullmatch(plain.group(1)) is not None:
        return None
    return tuple(prefixes), plain.group(1), (plain.group(2) or "").strip()


@lru_cache(maxsize=4096)
def _split_head(text: str) -> tuple[tuple[ast.Prefix, ...], str, str]:
    """(prefixes, command word as typed, the rest); LarkError when there is no command word.
    Cached on the text (the grammar is fixed; the answer is immutable): an estimation
    command's e(cmdline) and a program's call read the head of the same line again."""
    if (bang := _BANG.match(text)) is not None:  # `!cmd`, `!!cmd`: shell's and xshell's synonyms
        text = text[:bang.start(2)] + ("xshell " if bang.group(2) == "!!" else "shell ") + text[bang.end(2):]
    plain = _plain_head(text)
    if plain is not None:
        return plain
    head = _lark().parse(text, start="head")
    prefixes: list[ast.Prefix] = []
    word = rest = ""
    for child in head.children:
        if hasattr(child, "data"):
            prefixes.append(_prefix(child, text))
        elif child.type == "NAME":
            word = str(child)
        elif child.type == "REST":
            rest = str(child).strip()
    return tuple(prefixes), word, rest


def split_head(line: str) -> tuple[tuple[ast.Prefix, ...], str, str] | None:
    """Prefixes, command word and the rest of a line, without resolving the word
    (None when the line has no command word); used for user-defined programs."""
    import_lark()
    from lark.exceptions import LarkError

    try:
        return _split_head(line.strip())
    except (LarkError, StataError):
        return None


def split_prefixes(line: str) -> tuple[ast.Prefix, ...]:
    """Just the prefixes of a line (for running ``capture`` around a command that does not parse)."""
    head = split_head(line)
    return head[0] if head else ()


def parse_arguments(text: str, name: str = "") -> ast.Command:
    """Just the tail of a command (args, if, in, weight, options): Stata's general form for
    a text that is not a whole command line — a program's arguments (``syntax``), each
    ``||`` piece of ``mixed``, ``statsby``'s options.  Weight kinds stay as typed
    (``weight_kind`` gives the canonical name)."""
    return _parse_tail(name, text.strip(), (), text)


def _head_error(text: str) -> StataError:
    first = text.split()[0]
    word = first.split(":")[0].split(",")[0] or first
    if word in ("by", "bys", "bysort") or word.startswith(("qui", "noi", "cap")):
        return invalid_syntax()
    from mlmcli.commands import command_names

    return unrecognized_command(word, command_names())


def _tokens(node) -> list:
    """All tokens below a tree node, in input order."""
    if not hasattr(node, "data"):
        return [node]
    out: list = []
    for child in node.children:
        out.extend(_tokens(child))
    return out


def _span(text: str, tokens: list) -> str:
    if not tokens:
        return ""
    return text[tokens[0].start_pos:tokens[-1].end_pos]


def _prefix(node, text: str) -> ast.Prefix:
    toks = node.children
    word = str(toks[0])
    if node.data == "simple_prefix":
        return ast.Prefix(name=_PREFIX_NAMES[word[0]])
    by_sort = word.startswith("bys")
    varlist: list[str] = []
    sort = by_sort
    rc0 = False
    items = [c for c in toks[1:] if hasattr(c, "data") and c.data == "by_item"]
    # `by a b (c)`: parenthesised variables are sorted on but not grouped by.
    # Tokens typed without space between them form one word (`x*`, `a-c`).
    end = -1
    for item in items:
        inner = item.children[0]
        if hasattr(inner, "data"):  # group: sort-only variables
            end = -1
            continue
        if inner.start_pos == end and varlist:
            varlist[-1] += str(inner)
        else:
            varlist.append(str(inner))
        end = inner.end_pos
    for opt in (c for c in toks[1:] if hasattr(c, "data") and c.data == "by_opt"):
        o = str(opt.children[0])
        typed_arg = len(opt.children) > 1
        if o == "sort" and not typed_arg:
            sort = True
        elif o == "rc0" and not typed_arg:
            rc0 = True
        else:
            raise option_not_allowed(o, "" if typed_arg else None)
    sort_only: list[str] = []
    for item in items:
        inner = item.children[0]
        if hasattr(inner, "data"):
            sort_only.extend(_span(text, _tokens(inner))[1:-1].split())
    return ast.Prefix(name="by", varlist=tuple(varlist), sort=sort, rc0=rc0, sort_only=tuple(sort_only))


def parse_tail(cmd: ast.Command) -> ast.Command:
    """A raw command's text read as a standard one (args, if, in, weight, options): for raw
    commands with a form of their own only in some cases (``estimates for ...: cmd``).  A
    command that already has options, ``if``, ``in`` or a weight was read already."""
    if cmd.options or cmd.if_exp or cmd.in_range or cmd.weight:
        return cmd
    return _parse_tail(cmd.name, cmd.args.strip(), cmd.prefixes, cmd.text)


def _parse_tail(name: str, rest: str, prefixes: tuple, text: str) -> ast.Command:
    if not rest:
        return ast.Command(name=name, prefixes=prefixes, text=text)
    return replace(_read_tail(rest), name=name, prefixes=prefixes, text=text)


@lru_cache(maxsize=4096)
def _read_tail(rest: str) -> ast.Command:
    """The args, if, in, weight and options of a tail (a command without its name and text).
    Cached on the text (the grammar is fixed, the answer immutable): ``estimates``, ``syntax``
    and the other commands that read their own tail read the same texts again."""
    import_lark()
    from lark.exceptions import LarkError

    try:
        tree = _lark().parse(rest, start="tail")
    except LarkError:
        from mlmcli.textscan import balance_error

        raise (balance_error(rest) or invalid_syntax()) from None
    args_toks: list = []
    if_exp = None
    in_range = None
    weight = None
    options: list[ast.Option] = []
    has_comma = False
    for child in _flat_sections(tree.children):
        kind = child.data
        if kind == "arg_item":
            args_toks.extend(_tokens(child))
        elif kind == "if_clause":
            if if_exp is not None:
                raise invalid_syntax()
            if_exp = _span(rest, _tokens(child)[1:]).strip()
        elif kind == "in_clause":
            if in_range is not None:
                raise invalid_syntax()
            in_range = _in_range(_span(rest, _tokens(child)[1:]))
        elif kind == "weight_clause":
            if weight is not None:
                raise invalid_syntax()
            weight = _weight(rest, _tokens(child))
        elif kind == "options":
            has_comma = True
            for opt in child.children:
                if not hasattr(opt, "data") or opt.data != "option":
                    continue  # the comma; a return to the command line comes next in the flat list
                oname = str(opt.children[0])
                arg = None
                if len(opt.children) > 1:
                    gt = _tokens(opt.children[1])
                    arg = rest[gt[0].end_pos:gt[-1].start_pos].strip()
                options.append(ast.Option(oname, arg))
    return ast.Command(name="", args=_span(rest, args_toks), if_exp=if_exp, in_range=in_range,
                       weight=weight, options=tuple(options), has_comma=has_comma)


def _flat_sections(children) -> list:
    """The tail's parts in order, an option list's return to the command line (``back``: its
    qualifiers, the next option list) spliced in after the options before it."""
    out: list = []
    for child in children:
        out.append(child)
        if getattr(child, "data", None) in ("options", "back"):
            out.extend(_flat_sections([c for c in child.children if getattr(c, "data", None) in
                                       ("back", "options", "if_clause", "in_clause", "weight_clause")]))
    return out


def _in_range(text: str) -> ast.InRange:
    """``5``, ``1/10``, ``-5/l``, ``f/l`` (checked against the data later)."""
    compact = "".join(text.split())
    if compact.count("/") > 1:
        raise invalid_syntax()
    first, _, last = compact.partition("/")
    for bound in (first, last) if last else (first,):
        if not _is_bound(bound):
            raise invalid_syntax()
    return ast.InRange(first, last or None)


def _is_bound(b: str) -> bool:
    if b.lower() in ("f", "l"):
        return True
    body = b[1:] if b[:1] in "+-" else b
    return body.isdigit()


_WEIGHT_KINDS = {"fw": "fweight", "fr": "fweight", "pw": "pweight", "aw": "aweight", "iw": "iweight",
                 "ce": "aweight", "we": "weight", "w": "weight"}  # cellsize: an old name of aweight;
# [w=pop65p]: [G-2] graph twoway scatter's own example abbreviates weight to w


def _weight(rest: str, toks: list) -> ast.Weight:
    open_tok, close_tok = toks[0], toks[-1]
    kind = str(open_tok)[1:].split("=")[0].strip()
    exp = rest[open_tok.end_pos:close_tok.start_pos].strip()
    if not exp:
        raise invalid_syntax()
    return ast.Weight(kind=kind, exp=exp)


def weight_kind(weight: ast.Weight) -> str:
    """Canonical weight name: ``fweight``, ``pweight``, ``aweight``, ``iweight`` or ``weight``."""
    return _WEIGHT_KINDS.get(weight.kind[:2], weight.kind)


__all__ = ["parse_arguments", "parse_command", "rebind_command", "split_head", "split_prefixes", "weight_kind"]
