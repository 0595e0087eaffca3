"""``filefilter oldfile newfile, from(oldpattern) to(newpattern) [replace]`` ([D] filefilter):
every occurrence of a byte pattern replaced, the result written to newfile (never over an
existing file without ``replace``; written whole or not at all).

Patterns are bytes: characters as typed plus the codes of filefilter's help (\\BS \\r \\n \\t
\\M \\W \\U \\LQ \\RQ \\Q \\$ \\###d \\##h).  ascii2ebcdic and ebcdic2ascii are refused (mlm
does not carry Stata's EBCDIC table).  Decided without Stata's text: the messages for a bad
code in a pattern and an empty from()."""
from __future__ import annotations

import os
import re

from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, resolve_options
from mlmcli.textscan import split_words

_CODES = {"BS": b"\\", "r": b"\r", "n": b"\n", "t": b"\t", "M": b"\r", "W": b"\r\n", "U": b"\n",
          "LQ": b"`", "RQ": b"'", "Q": b'"', "$": b"$"}
_CODE_RE = re.compile(r"\\(?:(\d{3})d|([0-9A-Fa-f]{2})h|(BS|LQ|RQ|r|n|t|M|W|U|Q|\$))")


def pattern_bytes(text: str) -> bytes:
    """A from()/to() pattern as the bytes it stands for."""
    text = unquote(text)
    out, i = bytearray(), 0
    while i < len(text):
        if text[i] != "\\":
            out += text[i].encode("latin-1", errors="strict") if ord(text[i]) < 256 else text[i].encode()
            i += 1
            continue
        m = _CODE_RE.match(text, i)
        if not m:
            raise StataError(f"{text}: invalid code in pattern", 198)
        if m.group(1):
            value = int(m.group(1))
            if value > 255:
                raise StataError(f"{text}: invalid code in pattern", 198)
            out.append(value)
        elif m.group(2):
            out.append(int(m.group(2), 16))
        else:
            out += _CODES[m.group(3)]
        i = m.end()
    return bytes(out)


def cmd_filefilter(session, cmd) -> None:
    from mlmcli.fileformats.safe_write import check_writable, write_bytes_atomic

    opts = resolve_options(cmd.options, [OptionSpec("from", 1, True), OptionSpec("to", 1, True),
                                         OptionSpec("replace", 1), OptionSpec("ascii2ebcdic", 12),
                                         OptionSpec("ebcdic2ascii", 12)])
    for name in ("ascii2ebcdic", "ebcdic2ascii"):
        if opts.get(name):
            raise StataError(f"option {name} is not supported by mlmcli", 198)
    words = split_words(cmd.args.strip(), brackets="")
    if len(words) != 2:
        raise invalid_syntax()
    old, new = (os.path.expanduser(unquote(w)) for w in words)
    if "from" not in opts or "to" not in opts:
        raise StataError("options from() and to() are required", 198)
    find, put = pattern_bytes(opts["from"]), pattern_bytes(opts["to"])
    if not find:
        raise StataError("from() may not be empty", 198)
    if not os.path.isfile(old):
        raise StataError(f"file {old} not found", 601)
    check_writable(new, bool(opts.get("replace")))
    with open(old, "rb") as fh:
        data = fh.read()
    write_bytes_atomic(new, data.replace(find, put), replace=bool(opts.get("replace")))
    session.set_r({"occurrences": float(data.count(find)), "bytes_from": float(len(find)),
                   "bytes_to": float(len(put))})
