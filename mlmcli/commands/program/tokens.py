"""Low-level parsing for programs ([P] tokenize, [P] gettoken, [P] macro shift):

    tokenize [[`]"][string]["[']] [, parse("pchars")]
    gettoken emname1 [emname2] : emname3 [, parse("pchars") quotes qed(lmacname) match(lmacname) bind]
    macro shift [#]

A token ends at a parsing character; a blank among the parsing characters (the default
``parse(" ")``) only separates, any other parsing character is a token of its own.  Text in
double quotes or compound double quotes is one token, its outer quotes stripped (gettoken's
``quotes`` keeps them).  ``bind`` keeps parenthesised and bracketed text with the token it
touches; ``match()`` takes a token opening with ``(`` or ``[`` to its match, without them.
``: word`` and ``: word count`` (macros.extended_function) read tokens with this same rule.
"""
from __future__ import annotations

import re

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

_OPTIONS = [OptionSpec("parse", 1, takes_arg=True), OptionSpec("quotes", 1), OptionSpec("qed", 3, takes_arg=True),
            OptionSpec("match", 5, takes_arg=True), OptionSpec("bind", 4)]
_CLOSERS = {"(": ")", "[": "]"}


def _quoted_end(text: str, i: int) -> int:
    """End (exclusive) of the quoted string opening at ``i`` (``"…"`` or compound ```"…"'``,
    nested compound quotes counted); the text's end when it is never closed."""
    if text.startswith('`"', i):
        depth, j = 0, i
        while j < len(text):
            if text.startswith('`"', j):
                depth, j = depth + 1, j + 2
            elif text.startswith("\"'", j):
                depth, j = depth - 1, j + 2
                if depth == 0:
                    return j
            else:
                j += 1
        return len(text)
    j = text.find('"', i + 1)
    return len(text) if j < 0 else j + 1


def _bracket_end(text: str, i: int) -> int:
    """End (exclusive) of the bracketed text opening at ``i``, nested brackets and quotes
    skipped; the text's end when it is never closed."""
    return _bracket_close(text, i) or len(text)


def _bracket_close(text: str, i: int) -> int | None:
    """``_bracket_end``, or None when the bracket opening at ``i`` is never closed."""
    opener, closer, depth, j = text[i], _CLOSERS[text[i]], 0, i
    while j < len(text):
        ch = text[j]
        if ch == '"' or text.startswith('`"', j):
            j = _quoted_end(text, j)
            continue
        depth += ch == opener
        depth -= ch == closer
        j += 1
        if depth == 0:
            return j
    return None


def strip_quotes(token: str) -> str:
    if token.startswith('`"') and token.endswith("\"'") and len(token) >= 4:
        return token[2:-2]
    if len(token) >= 2 and token[0] == token[-1] == '"':
        return token[1:-1]
    return token


def next_token(text: str, parse: str = " ", bind: bool = False) -> tuple[str, str, bool]:
    """(the first token as typed, quotes kept; the rest of ``text`` after it, its leading
    blanks kept; whether the token was quoted)."""
    blank = " " in parse
    i = 0
    if blank:
        while i < len(text) and text[i].isspace():
            i += 1
    if i >= len(text):
        return "", "", False
    if text[i] in parse and not text[i].isspace():
        return text[i], text[i + 1:], False
    if text[i] == '"' or text.startswith('`"', i):
        end = _quoted_end(text, i)
        return text[i:end], text[end:], True
    j = i
    while j < len(text):
        ch = text[j]
        if ch in parse or (blank and ch.isspace()):
            break
        if bind and ch in _CLOSERS:
            j = _bracket_end(text, j)
            continue
        if ch == '"' or text.startswith('`"', j):  # a quote inside a word: to its end
            j = _quoted_end(text, j)
            continue
        j += 1
    return text[i:j], text[j:], False


def tokens(text: str, parse: str = " ") -> list[str]:
    """Every token of ``text``, outer quotes stripped (tokenize, ``: word``)."""
    out: list[str] = []
    rest = text
    while True:
        token, rest, quoted = next_token(rest, parse)
        if not token and not quoted:
            if not rest.strip():
                return out
            continue
        out.append(strip_quotes(token) if quoted else token)


def _parse_chars(opts: dict) -> str:
    if "parse" not in opts:
        return " "
    value = str(opts["parse"]).strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    if value.startswith('`"') and value.endswith("\"'"):
        return value[2:-2]
    return value


def set_positional(locals_: dict, words: list[str]) -> None:
    """`1', `2', ... are ``words``; numbered macros beyond them are cleared."""
    for key in [k for k in locals_ if k.isdigit() and k != "0"]:
        del locals_[key]
    for k, word in enumerate(words, 1):
        locals_[str(k)] = word


def positional(locals_: dict) -> list[str]:
    words, k = [], 1
    while str(k) in locals_:
        words.append(locals_[str(k)])
        k += 1
    return words


def cmd_tokenize(session, cmd) -> None:
    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, _OPTIONS[:1])
    body = body.strip()
    token, rest, quoted = next_token(body, " ")
    if quoted and not rest.strip():  # tokenize "string": the outer quotes go
        body = strip_quotes(token)
    set_positional(session.locals, tokens(body, _parse_chars(opts)))


_EMNAME = re.compile(r"\s*(?:\(\s*(local|global)\s*\)\s*)?([^\W\d]\w*|\d+)\s*")


def _emnames(text: str) -> list[tuple[dict, str]]:
    out, i = [], 0
    while i < len(text.rstrip()):
        m = _EMNAME.match(text, i)
        if not m or m.end() == i:
            raise invalid_syntax()
        out.append((m.group(1) or "local", m.group(2)))
        i = m.end()
    return out


def cmd_gettoken(session, cmd) -> None:
    body, options, _ = split_options(cmd.args)
    opts = resolve_options(options, _OPTIONS)
    targets, colon, source = body.partition(":")
    if not colon:
        raise invalid_syntax()
    names = _emnames(targets)
    sources = _emnames(source)
    if not 1 <= len(names) <= 2 or len(sources) != 1:
        raise invalid_syntax()
    table = {"local": session.locals, "global": session.globals}
    kind, name = sources[0]
    text = table[kind].get(name, "")
    parse = _parse_chars(opts)
    match_name = str(opts.get("match") or "").strip()
    token, rest, quoted = next_token(text, parse, bind=bool(opts.get("bind")))
    opened = ""
    if match_name and token[:1] in _CLOSERS:  # match(): a bracketed token without its brackets
        start = len(text) - len(text.lstrip()) if " " in parse else 0
        end = _bracket_close(text, start)  # never closed: the rest of the text, none of it lost
        opened, token, rest = text[start], text[start + 1:end - 1 if end else len(text)], text[end or len(text):]
    value = token if (opts.get("quotes") or not quoted) else strip_quotes(token)
    for option in ("qed", "match"):
        if opts.get(option) is not None and not re.fullmatch(r"[^\W\d]\w*", str(opts[option]).strip()):
            raise StataError(f"{str(opts[option]).strip()} invalid name", 198)
    # the rest first: `gettoken first 0 : 0` reads the source before either is stored
    results = [(names[0], value)] + ([(names[1], rest)] if len(names) == 2 else [])
    for (kind, name), val in results:
        table[kind][name] = val
    if opts.get("qed") is not None:
        session.locals[str(opts["qed"]).strip()] = "1" if quoted else "0"
    if match_name:
        session.locals[match_name] = opened


def macro_shift(session, words: list[str]) -> None:
    """``macro shift [#]``: `1' takes `#+1''s value, and so on; the last # go."""
    if len(words) > 1:
        raise invalid_syntax()
    try:
        by = int(words[0]) if words else 1
    except ValueError:
        raise invalid_syntax() from None
    if by < 1:
        raise invalid_syntax()
    set_positional(session.locals, positional(session.locals)[by:])
