"""The Lark grammars are found in a checkout and in a built package (mlmcli/_grammar/)."""
import importlib.util
from pathlib import Path

from mlmcli import grammar_files

ROOT = Path(__file__).resolve().parents[1]


def test_checkout_grammar_is_found():
    assert grammar_files.grammar_file("command.lark") == ROOT / "grammar" / "command.lark"
    assert grammar_files.grammar_dir() == ROOT / "grammar"


def test_packaged_copy_is_used_without_checkout(tmp_path, monkeypatch):
    packaged = tmp_path / "_grammar"
    packaged.mkdir()
    (packaged / "expression.lark").write_text("start: /x/\n")
    monkeypatch.setattr(grammar_files, "_CANDIDATES", (tmp_path / "absent", packaged))
    assert grammar_files.grammar_file("expression.lark") == packaged / "expression.lark"


def test_build_step_copies_every_grammar(tmp_path):
    spec = importlib.util.spec_from_file_location("mlm_setup_under_test", ROOT / "setup.py")
    source = spec.loader.get_source("mlm_setup_under_test").replace("setup(cmdclass", "dict(cmdclass")
    namespace = {"__file__": str(ROOT / "setup.py"), "__name__": "mlm_setup_under_test"}
    exec(compile(source, "setup.py", "exec"), namespace)
    from setuptools import Distribution

    command = namespace["BuildPyWithGrammar"](Distribution({"packages": []}))
    command.initialize_options()
    command.build_lib = str(tmp_path)
    command.finalize_options()
    command.build_lib = str(tmp_path)
    command.run()
    copied = sorted(p.name for p in (tmp_path / "mlmcli" / "_grammar").glob("*.lark"))
    assert copied == sorted(p.name for p in (ROOT / "grammar").glob("*.lark"))
    tables = sorted(p.name for p in (tmp_path / "mlmcli" / "_grammar").glob("*.tables.json"))
    assert tables == [name + ".tables.json" for name in copied]
    assert "grammar/*.lark" in (ROOT / "MANIFEST.in").read_text()
    assert "grammar/*.tables.json" in (ROOT / "MANIFEST.in").read_text()
