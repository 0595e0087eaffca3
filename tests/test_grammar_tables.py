"""The parsers load their LALR tables from JSON shipped beside the grammars; nothing is ever
unpickled, least of all from the shared temporary folder (issue 18: Lark's ``cache=True``
loaded ``$TMPDIR/.lark_cache_<user>_<hash>.tmp``, a file any local user could plant)."""
from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

import lark
import pytest

from mlmcli import grammar_tables
from mlmcli.grammar_files import grammar_file

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", sorted(grammar_tables.GRAMMARS))
def test_shipped_tables_are_made_from_the_grammar_as_it_is(name):
    stored = json.loads(grammar_tables.tables_path(name).read_text())
    text = grammar_file(name).read_text(encoding="utf-8")
    assert stored["grammar_sha256"] == hashlib.sha256(text.encode()).hexdigest(), \
        f"grammar/{name} changed: run `make grammar`"
    if stored["lark"] == lark.__version__:
        assert stored["key"] == grammar_tables.tables_key(name, text)


@pytest.mark.parametrize("name", sorted(grammar_tables.GRAMMARS))
def test_parsers_load_from_the_tables_without_building(name, monkeypatch):
    stored = json.loads(grammar_tables.tables_path(name).read_text())
    if stored["lark"] != lark.__version__:
        pytest.skip(f"tables made with Lark {stored['lark']}, running {lark.__version__}")

    def no_build(*args, **kwargs):
        raise AssertionError("the parser was built instead of loaded")

    monkeypatch.setattr(lark.Lark, "__init__", no_build)
    monkeypatch.setattr(pickle, "load", no_build)
    monkeypatch.setattr(pickle, "loads", no_build)
    loaded = grammar_tables.parser(name)
    built = lark.Lark.__new__(lark.Lark)  # compare with a parser built the ordinary way
    monkeypatch.undo()
    built.__init__(grammar_file(name).read_text(), **grammar_tables.GRAMMARS[name])
    sample = {"command.lark": ("quietly by g, sort: regress y x if z > 1 [fw=w], robust", "head"),
              "expression.lark": ('cond(a >= 2 & !missing(b), "x" + s, 3^-2) * e(N)', None),
              "matrix.lark": ("(A, B \\ C') * 2 + I(2)", None),
              "mata.lark": ("for (i=1; i<=3; i++) {\n x[i, .] = x[i, .] :* 2'\n}", None)}[name]
    text, start = sample
    kwargs = {"start": start} if start else {}
    assert loaded.parse(text, **kwargs) == built.parse(text, **kwargs)


def test_table_encoding_round_trips_exactly():
    parser = lark.Lark(grammar_file("expression.lark").read_text(), **grammar_tables.GRAMMARS["expression.lark"])
    from lark.grammar import Rule
    from lark.lexer import TerminalDef

    data, memo = parser.memo_serialize([TerminalDef, Rule])
    decoded = json.loads(json.dumps(grammar_tables._encode({"data": data, "memo": memo})),
                         object_hook=grammar_tables._tagged)
    assert decoded == {"data": data, "memo": memo}


def _plant_pickles(folder: Path, marker: Path) -> None:
    """A pickle that creates ``marker`` when loaded, under every name Lark's cache would use."""
    class Payload:
        def __reduce__(self):
            return (os.makedirs, (str(marker),))

    env_tmp = os.environ.get("TMPDIR")
    os.environ["TMPDIR"] = str(folder)
    import tempfile
    cached = tempfile.tempdir
    tempfile.tempdir = None
    try:
        for name, options in grammar_tables.GRAMMARS.items():  # let Lark name its cache files
            lark.Lark(grammar_file(name).read_text(), **options, cache=True)  # the order main used
    finally:
        if env_tmp is None:
            os.environ.pop("TMPDIR")
        else:
            os.environ["TMPDIR"] = env_tmp
        tempfile.tempdir = cached
    planted = list(folder.glob(".lark_cache_*"))
    assert planted
    for path in planted:
        path.write_bytes(b"planted\n" + pickle.dumps(Payload()))  # Lark reads a hash line, then unpickles


def test_a_planted_lark_cache_in_the_temporary_folder_is_never_loaded(tmp_path):
    shared = tmp_path / "shared_tmp"
    shared.mkdir()
    marker = tmp_path / "code_ran"
    _plant_pickles(shared, marker)
    env = dict(os.environ, TMPDIR=str(shared), PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(tmp_path / "cache"))
    run = subprocess.run([sys.executable, "-m", "mlmcli", "-q", "-c", "set obs 2; gen x = _n * 2; display x[2]"],
                         env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert run.stdout.strip().splitlines()[-1] == "4", run.stdout + run.stderr
    assert not marker.exists()


def test_stale_tables_are_rebuilt_into_a_private_cache(tmp_path, monkeypatch):
    stale = tmp_path / "grammar"
    stale.mkdir()
    (stale / "expression.lark.tables.json").write_text('{"key": "something else", "tables": {}}')
    monkeypatch.setattr(grammar_tables, "tables_path", lambda name: stale / (name + ".tables.json"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    parser = grammar_tables.parser("expression.lark")
    assert parser.parse("1 + x")
    cached = tmp_path / "cache" / "mlmcli" / "expression.lark.tables.json"
    assert cached.is_file()
    assert (cached.parent.stat().st_mode & 0o777) == 0o700 and (cached.stat().st_mode & 0o077) == 0
    # the next start loads it (no build)
    monkeypatch.setattr(lark.Lark, "__init__", lambda *a, **k: (_ for _ in ()).throw(AssertionError("built")))
    assert grammar_tables.parser("expression.lark").parse("1 + x")


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="needs POSIX owners")
@pytest.mark.parametrize("loosen", ["folder", "file"])
def test_a_cache_others_can_write_is_not_read(tmp_path, monkeypatch, loosen):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "mlmcli"
    folder.mkdir(mode=0o700)
    path = folder / "expression.lark.tables.json"
    path.write_text("{}")
    os.chmod(path, 0o600)
    assert grammar_tables._private_cache_path("expression.lark") == path
    if loosen == "folder":
        os.chmod(folder, 0o777)
    else:
        os.chmod(path, 0o666)
    assert grammar_tables._private_cache_path("expression.lark") is None
    assert grammar_tables._private_cache_path("expression.lark", create=True) is None
