"""Every ``from mlmcli.x import name`` -- the lazy ones inside functions too -- names something
module x has. A function-level import of a helper that a refactor moved or removed fails only
when that code path runs (an internal error for the user); this finds it without running it."""
from __future__ import annotations

import ast
import importlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _from_imports():
    for path in sorted((ROOT / "mlmcli").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("mlmcli"):
                for alias in node.names:
                    yield path.relative_to(ROOT), node.lineno, node.module, alias.name


def _has(module, name: str) -> bool:
    if name == "*" or hasattr(module, name):
        return True
    try:  # a submodule not imported by its package
        importlib.import_module(f"{module.__name__}.{name}")
        return True
    except ImportError:
        return False


def test_every_from_import_names_something_the_module_has():
    missing = []
    for path, line, module_name, name in _from_imports():
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:
            missing.append(f"{path}:{line}: {module_name} ({error})")
            continue
        if not _has(module, name):
            missing.append(f"{path}:{line}: {name} from {module_name}")
    assert not missing, "\n".join(missing)
