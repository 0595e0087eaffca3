"""The LALR parse tables of the Lark grammars: shipped with the package, never unpickled.

Building a grammar's tables takes a good part of a second, so they are computed once and
kept beside the grammar as ``<name>.tables.json`` (``grammar/`` in a checkout, written by
``make grammar``; ``mlmcli/_grammar/`` in a wheel, written by ``setup.py`` at build time).
The file is plain JSON read with ``json.loads`` and handed to ``Lark.load`` as a dict:
no pickle, so no code runs from it.  (Lark's own ``cache=True`` unpickles a file with a
predictable name in the shared temporary folder, which lets another local user run code
as every ``mlm`` user: issue 18.)

The tables are used only when they were made from this very grammar text with these
options and this Lark version (``key``).  Otherwise the parser is built in memory and its
tables kept in a private per-user folder (``$XDG_CACHE_HOME/mlmcli`` or
``~/.cache/mlmcli``), also as JSON, read only when the folder and the file belong to the
user and nobody else can write them.
"""
from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import tempfile
from pathlib import Path

from mlmcli.grammar_files import grammar_file

# every parser mlmcli builds: grammar file -> Lark options
GRAMMARS: dict[str, dict] = {
    "command.lark": {"parser": "lalr", "lexer": "contextual", "start": ["head", "tail"]},
    "expression.lark": {"parser": "lalr", "lexer": "contextual"},
    "matrix.lark": {"parser": "lalr", "lexer": "contextual"},
    "mata.lark": {"parser": "lalr", "lexer": "contextual", "maybe_placeholders": True},
}
FORMAT = 1  # bump when the file layout below changes


def import_lark() -> None:
    """Import Lark without the optional ``regex`` package when neither is loaded yet.

    Lark imports ``regex`` whenever it is installed, but uses it only for grammars built with
    ``regex=True`` (none here) and to measure ``\\p{..}`` Unicode categories (none in our
    grammars); without it Lark uses ``re``, with the same parsers.  Importing ``regex`` is a
    third of Lark's import (~25 ms of every start-up).  A ``None`` in ``sys.modules`` makes
    that one import fail; it is removed again at once, so ``regex`` stays importable."""
    if "lark" in sys.modules or "regex" in sys.modules:
        return
    sys.modules["regex"] = None  # type: ignore[assignment]
    try:
        import lark  # noqa: F401
    finally:
        if "regex" in sys.modules and sys.modules["regex"] is None:
            del sys.modules["regex"]


def parser(name: str):
    """The Lark parser of grammar ``name`` (``"command.lark"``), from its tables when current."""
    import_lark()
    from lark import Lark

    text = grammar_file(name).read_text(encoding="utf-8")
    key = tables_key(name, text)
    for path in (tables_path(name), _private_cache_path(name)):
        tables = _read_tables(path, key) if path is not None else None
        if tables is not None:
            try:
                return Lark.load(tables)
            except Exception:  # tables of another Lark release that slipped past the key
                pass
    built = Lark(text, **GRAMMARS[name])
    private = _private_cache_path(name, create=True)
    if private is not None:
        _write_json(private, _serialize(built, key))
    return built


def tables_key(name: str, text: str) -> str:
    """What the tables depend on: the grammar text, the Lark options and Lark's version."""
    import lark

    digest = hashlib.sha256()
    for part in (str(FORMAT), lark.__version__, json.dumps(GRAMMARS[name], sort_keys=True), text):
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


def tables_path(name: str) -> Path:
    """The shipped tables file beside the grammar."""
    return grammar_file(name).with_name(name + ".tables.json")


def write_tables(folder: Path | None = None) -> list[Path]:
    """(Re)write the tables of every grammar (into ``folder``, default: beside the grammars)."""
    from lark import Lark

    written = []
    for name, options in GRAMMARS.items():
        text = grammar_file(name).read_text(encoding="utf-8")
        target = (Path(folder) / (name + ".tables.json")) if folder else tables_path(name)
        _write_json(target, _serialize(Lark(text, **options), tables_key(name, text)), mode=0o644)
        written.append(target)
    return written


# ----- the JSON layout: tuples and dicts with non-text keys tagged, so they come back exactly

def _serialize(lark_parser, key: str) -> dict:
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    import lark

    data, memo = lark_parser.memo_serialize([TerminalDef, Rule])
    return {"key": key, "lark": lark.__version__, "grammar_sha256": hashlib.sha256(
        lark_parser.source_grammar.encode("utf-8")).hexdigest(), "tables": _encode({"data": data, "memo": memo})}


def _encode(value):
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v) for v in value]}
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("__") for k in value):
            return {k: _encode(v) for k, v in value.items()}
        return {"__items__": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot store {type(value).__name__} in grammar tables")


def _tagged(obj: dict):
    """One JSON object back as what ``_encode`` stored: a tuple, a dict with non-text keys,
    or the dict itself (``json.loads``' object hook: inner objects come first)."""
    if "__tuple__" in obj:
        return tuple(obj["__tuple__"])
    if "__items__" in obj:
        return {_hashable(k): v for k, v in obj["__items__"]}
    return obj


def _hashable(key):
    return tuple(key) if isinstance(key, list) else key


def _read_tables(path: Path, key: str) -> dict | None:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"), object_hook=_tagged)  # decoded as parsed
    except (OSError, ValueError):
        return None
    if not isinstance(stored, dict) or stored.get("key") != key:
        return None
    return stored["tables"]


def _write_json(path: Path, content: dict, mode: int = 0o600) -> None:
    """Write atomically (a temporary file in the same folder, then a rename); never fail."""
    try:
        fd, temp = tempfile.mkstemp(prefix=".tables-", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(content, fh, separators=(",", ":"))
        os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass


# ----- the private per-user cache

def _private_cache_path(name: str, create: bool = False) -> Path | None:
    """``<cache>/mlmcli/<name>.tables.json`` when that folder is the user's own and private."""
    if not hasattr(os, "getuid"):  # no owners to check (Windows): no cache
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "mlmcli"
    if create:
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError:
            return None
    if not _is_private(folder, directory=True):
        return None
    path = folder / (name + ".tables.json")
    if path.exists() and not _is_private(path, directory=False):
        return None
    return path


def _is_private(path: Path, directory: bool) -> bool:
    """Owned by this user, not a symbolic link, and writable by nobody else."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    kind_ok = stat.S_ISDIR(info.st_mode) if directory else stat.S_ISREG(info.st_mode)
    others = 0o077 if directory else 0o022
    return kind_ok and info.st_uid == os.getuid() and not info.st_mode & others


def main() -> None:  # python -m mlmcli.grammar_tables [FOLDER]
    import sys

    for path in write_tables(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
