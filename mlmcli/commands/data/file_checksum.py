"""``checksum filename [, save replace saving(filename2[, replace])]`` ([D] checksum): the
POSIX 1003.2 CRC of a file (the same number as Unix ``cksum``, as Stata's help says) and its
size; ``save``/``saving()`` write the ``.sum`` file (``1 size checksum``) instead of the report."""
from __future__ import annotations

import os

from mlmcli.commands.data.common import unquote
from mlmcli.errors import StataError, invalid_syntax
from mlmcli.syntax.options import OptionSpec, read_options, resolve_options
from mlmcli.textscan import split_words


def _table() -> list[int]:
    table = []
    for i in range(256):
        c = i << 24
        for _ in range(8):
            c = ((c << 1) ^ 0x04C11DB7) if c & 0x80000000 else (c << 1)
        table.append(c & 0xFFFFFFFF)
    return table


_TABLE = _table()


def posix_cksum(data: bytes) -> int:
    """CRC-32 (polynomial 0x04C11DB7, most significant bit first) over the bytes and then
    the length's bytes, least significant first; the result complemented."""
    crc, table = 0, _TABLE
    for byte in data:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ table[(crc >> 24) ^ byte]
    n = len(data)
    while n:
        crc = ((crc << 8) & 0xFFFFFFFF) ^ table[(crc >> 24) ^ (n & 0xFF)]
        n >>= 8
    return ~crc & 0xFFFFFFFF


def _saving(text: str) -> tuple[str, bool]:
    name, _, rest = text.partition(",")
    extra = resolve_options(read_options(rest), [OptionSpec("replace", 7)]) if rest.strip() else {}
    words = split_words(name.strip(), brackets="")
    if len(words) != 1:
        raise invalid_syntax()
    return os.path.expanduser(unquote(words[0])), bool(extra.get("replace"))


def cmd_checksum(session, cmd) -> None:
    from mlmcli.fileformats.safe_write import check_writable, write_bytes_atomic

    opts = resolve_options(cmd.options, [OptionSpec("save", 2), OptionSpec("replace", 7),
                                         OptionSpec("saving", 2, True)])
    words = split_words(cmd.args.strip(), brackets="")
    if len(words) != 1:
        raise invalid_syntax()
    path = os.path.expanduser(unquote(words[0]))
    if opts.get("replace") and not opts.get("save"):
        raise StataError("option replace may only be specified with save", 198)
    if opts.get("save") and "saving" in opts:
        raise StataError("options save and saving() may not be combined", 198)
    target = None
    if opts.get("save"):
        target, replace = os.path.splitext(path)[0] + ".sum", bool(opts.get("replace"))
    elif "saving" in opts:
        target, replace = _saving(opts["saving"])
    if not os.path.isfile(path):
        raise StataError(f"file {path} not found", 601)
    if target is not None:
        check_writable(target, replace)
    with open(path, "rb") as fh:
        data = fh.read()
    value = posix_cksum(data)
    if target is not None:
        write_bytes_atomic(target, f"1 {len(data)} {value}\n".encode(), replace=replace)
    else:
        session.print(f"Checksum for {path} = {value}, size = {len(data)}")
    session.set_r({"version": 1.0, "filelen": float(len(data)), "checksum": float(value)})
