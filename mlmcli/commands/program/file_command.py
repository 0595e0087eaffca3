"""``file``: read and write text files through handles ([P] file).

``file open handle using filename, read|write [text] [replace|append]``, ``file write``,
``file read``, ``file close {handle|_all}``, ``file query``.  Binary files, ``read write``,
``file seek`` and ``file set`` are refused with a clear message (mlm reads and writes text).

A ``file write`` builds its whole text before writing, so a failing directive writes nothing
of its line.  Handles live on the session (``_file_handles``): a do-file that stops with a
file open leaves the handle in use, as in Stata (``file close _all`` frees it).
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from mlmcli.errors import StataError, invalid_syntax
from mlmcli.fileformats.safe_write import check_writable
from mlmcli.syntax.varlist import NAME_RE


@dataclass
class OpenFile:
    path: str
    mode: str  # "r" or "w"
    handle: object = None  # the Python file object being written
    column: int = 0  # 0-based column on the line being written (for _column)
    lines: list = field(default_factory=list)  # a file open to read: its lines, read when opened
    lines_read: int = 0


def _handles(session) -> dict[str, OpenFile]:
    handles = getattr(session, "_file_handles", None)
    if handles is None:
        handles = session._file_handles = {}
    return handles


def cmd_file(session, cmd) -> None:
    text = cmd.args.strip()
    parts = text.split(None, 1)
    if not parts:
        raise invalid_syntax()
    sub, rest = parts[0], parts[1] if len(parts) > 1 else ""
    action = {"open": _open, "write": _write, "read": _read, "close": _close, "query": _query}.get(sub)
    if action is None:
        if sub in ("seek", "set", "sersetread", "sersetwrite"):
            raise StataError(f"file {sub} is not supported by mlmcli (it reads and writes text files)", 198)
        raise StataError(f"invalid file subcommand {sub}" if NAME_RE.match(sub) else "invalid syntax", 198)
    action(session, rest)


def _handle_name(rest: str) -> tuple[str, str]:
    parts = rest.strip().split(None, 1)
    if not parts:
        raise invalid_syntax()
    name = parts[0]
    if not NAME_RE.match(name):
        raise StataError(f"{name} invalid name", 198)
    return name, parts[1] if len(parts) > 1 else ""


def _open_handle(session, name: str) -> OpenFile:
    entry = _handles(session).get(name)
    if entry is None:
        raise StataError(f"file handle {name} not found", 601)
    return entry


# ----- file open -----

def _open(session, rest: str) -> None:
    from mlmcli.commands.program.files import split_filename
    from mlmcli.syntax.options import OptionSpec, resolve_options, split_options

    name, rest = _handle_name(rest)
    body, options, _ = split_options(rest)
    body = body.strip()
    if not re.match(r"using\b", body):
        raise StataError("using required", 100)
    path, extra = split_filename(body[5:])
    if not path:
        raise invalid_syntax()
    if extra.strip():
        raise StataError(f"invalid '{extra.split()[0]}'", 198)
    opts = resolve_options(options, [OptionSpec("read", 1), OptionSpec("write", 1), OptionSpec("text", 1),
                                     OptionSpec("binary", 1), OptionSpec("replace"), OptionSpec("append"),
                                     OptionSpec("all")])
    if opts.get("binary"):
        raise StataError("file open ..., binary is not supported by mlmcli (it reads and writes text files)", 198)
    if opts.get("text") and opts.get("binary"):
        raise StataError("options text and binary may not be combined", 198)
    reading, writing = bool(opts.get("read")), bool(opts.get("write"))
    if reading and writing:
        raise StataError("file open ..., read write is not supported by mlmcli (open the file to read or to write)", 198)
    if not reading and not writing:
        raise StataError("must specify read or write", 198)
    if opts.get("replace") and opts.get("append"):
        raise StataError("options replace and append may not be combined", 198)
    if reading and (opts.get("replace") or opts.get("append")):
        raise StataError(f"option {'replace' if opts.get('replace') else 'append'} not allowed", 198)
    handles = _handles(session)
    if name in handles:
        raise StataError(f"file handle {name} already exists", 110)
    full = os.path.expanduser(path)
    if reading:
        from mlmcli.commands.program.files import read_text_lines

        lines = read_text_lines(full, path)  # UTF-8 or else Windows-1252 (Stata 13's files)
        handles[name] = OpenFile(path, "r", lines=lines)
        return
    if os.path.exists(full) and not (opts.get("replace") or opts.get("append")):
        raise StataError(f"file {path} already exists", 602)
    if os.path.isdir(full):
        raise StataError(f"file {path} could not be opened", 603)
    check_writable(full, True)  # a read-only file r(608) (even for root, who could open it), no folder r(603)
    try:
        fh = open(full, "a" if opts.get("append") else "w", encoding="utf-8", errors="surrogateescape",
                  newline="")
    except OSError:
        raise StataError(f"file {path} could not be opened", 603) from None
    column = 0
    if opts.get("append") and fh.tell() > 0:
        column = _last_line_length(full)
    handles[name] = OpenFile(path, "w", fh, column)


def _last_line_length(path: str) -> int:
    with open(path, "rb") as fh:
        data = fh.read()
    return len(data) - data.rfind(b"\n") - 1


# ----- file write -----

# a directive's (#) touches it: `_tab (r(mean))` is a tab and then an expression ([P] file's own
# example writes `_tab (r(mean)) _tab (r(sd))`)
_DIRECTIVE_RE = re.compile(r"(?P<name>_skip|_s|_column|_col|_newline|_n|_char|_tab|_page|_dup)\b"
                           r"(?:\((?P<arg>[^)]*)\))?")
_FMT_RE = re.compile(r"%-?~?0?\d+(?:\.\d+)?(?:gc|fc|g|f|e|s)\b|%-?t[bcCdwmqhy][^\s\"(]*|%-?d[^\s\"(]*")


def _write(session, rest: str) -> None:
    name, rest = _handle_name(rest)
    entry = _open_handle(session, name)
    if entry.mode != "w":
        raise StataError(f"file handle {name} not open for writing", 198)  # mlm's wording (no evidence)
    text, column = write_text(session, rest, entry.column)
    try:
        entry.handle.write(text)
        entry.handle.flush()
    except OSError:
        raise StataError(f"file {entry.path} could not be written", 693) from None
    entry.column = column


def write_text(session, specs: str, column: int) -> tuple[str, int]:
    """The text ``file write``'s specs produce, and the column after it (``_column`` counts
    from the start of the current line of the file)."""
    from mlmcli.render.numfmt import format_number, is_valid_format
    from mlmcli.textscan import has_unclosed_quote, is_quote_start, matching_close, quote_end

    if has_unclosed_quote(specs):
        raise StataError("too few quotes", 132)
    out: list[str] = []
    col = column
    dup = 1

    def emit(piece: str) -> None:
        nonlocal col, dup
        piece *= dup
        dup = 1
        out.append(piece)
        cut = max(piece.rfind("\n"), piece.rfind("\f"))
        col = len(piece) - cut - 1 if cut >= 0 else col + len(piece)

    pos, n = 0, len(specs)
    while True:
        while pos < n and specs[pos].isspace():
            pos += 1
        if pos >= n:
            break
        if is_quote_start(specs, pos):
            end = quote_end(specs, pos)
            mark = 2 if specs[pos] == "`" else 1
            emit(specs[pos + mark:end - mark])
            pos = end
            continue
        m = _DIRECTIVE_RE.match(specs, pos)
        if m:
            name, arg = m.group("name"), m.group("arg")
            pos = m.end()
            k = _int_arg(session, arg)
            if name in ("_skip", "_s"):
                emit(" " * max(k if arg is not None else 1, 0))
            elif name in ("_column", "_col"):
                if arg is None:
                    raise invalid_syntax()
                if max(k, 1) - 1 > col:
                    emit(" " * (max(k, 1) - 1 - col))
            elif name in ("_newline", "_n"):
                emit("\n" * max(k if arg is not None else 1, 0))
            elif name == "_tab":
                emit("\t" * max(k if arg is not None else 1, 0))
            elif name == "_page":
                emit("\f" * max(k if arg is not None else 1, 0))
            elif name == "_char":
                if arg is None or not 0 <= k <= 255:
                    raise StataError("invalid _char() argument", 198)  # [P] file: 0 <= # <= 255
                emit(chr(k) if k < 128 else chr(0xDC00 + k))  # the byte itself, as Stata 13 writes it
            elif name == "_dup":
                if arg is None:
                    raise invalid_syntax()
                dup = max(k, 0)
            continue
        fmt = None
        m = _FMT_RE.match(specs, pos)
        if m:
            fmt = m.group(0)
            if not is_valid_format(fmt):
                raise StataError("invalid %format", 120)
            pos = m.end()
            while pos < n and specs[pos].isspace():
                pos += 1
        if pos >= n or specs[pos] != "(":  # [P] file: parentheses are required around exp
            raise invalid_syntax()
        end = matching_close(specs, pos, "(")
        if end < 0:
            raise StataError("unmatched open parenthesis", 198)
        value = _evaluate(session, specs[pos + 1:end])
        if isinstance(value, str):
            emit(format_number(value, fmt) if fmt and fmt.endswith("s") else value)
        else:
            if fmt is not None and fmt.endswith("s") and not fmt.lstrip("%-").startswith(("t", "d")):
                raise StataError("type mismatch", 109)
            emit(format_number(value, fmt) if fmt else format_number(value, "%10.0g").strip())
        pos = end + 1
    return "".join(out), col


def _evaluate(session, expr: str):
    from mlmcli.expr import evaluate_scalar

    if not expr.strip():
        raise invalid_syntax()
    return evaluate_scalar(session, expr)


def _int_arg(session, arg: str | None) -> int:
    if arg is None or not arg.strip():
        return 1
    value = _evaluate(session, arg)
    if isinstance(value, str) or value != value or abs(value) > 1_000_000:
        raise invalid_syntax()
    return int(value)


# ----- file read -----

def _read(session, rest: str) -> None:
    name, rest = _handle_name(rest)
    entry = _open_handle(session, name)
    macro = rest.strip()
    if not macro:
        raise invalid_syntax()
    if not NAME_RE.match(macro) or len(macro) > 31:
        raise StataError(f"{macro} invalid name", 198)
    if entry.mode != "r":
        raise StataError(f"file handle {name} not open for reading", 198)  # mlm's wording (no evidence)
    lines = entry.lines
    eof = entry.lines_read >= len(lines)
    line = "" if eof else lines[entry.lines_read]
    entry.lines_read += not eof
    session.locals[macro] = line
    session.set_r({"eof": int(eof)})


# ----- file close, file query -----

def _close(session, rest: str) -> None:
    words = rest.split()
    if len(words) != 1:
        raise invalid_syntax()
    handles = _handles(session)
    names = list(handles) if words[0] == "_all" else [words[0]]
    if words[0] != "_all":
        _open_handle(session, words[0])
    for name in names:
        entry = handles.pop(name)
        if entry.handle is not None:
            try:
                entry.handle.close()
            except OSError:
                pass


def _query(session, rest: str) -> None:
    """The open handles, one a line: handle, how it is open, the file (mlm's layout: Stata's
    listing is not documented)."""
    if rest.strip():
        raise invalid_syntax()
    handles = _handles(session)
    if not handles:
        session.print("  (no files open)")
        return
    width = max(len(n) for n in handles)
    for name, entry in handles.items():
        how = "read" if entry.mode == "r" else "write"
        session.print(f"  {name:<{width}}  text, {how:<5}  {entry.path}")


def close_all(session) -> None:
    """Every open handle closed (``clear all``/``clear *``... callers may use it)."""
    _close(session, "_all")
