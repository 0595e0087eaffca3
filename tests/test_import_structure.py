"""The import structure of the package: layers imported downwards only, no cycle among the
project's modules, no private name taken from another module (ARCHITECTURE.md, "Layers").

Imports are read from the source (``ast``), including imports inside functions: a lazy
import is still a dependency.
"""
from __future__ import annotations

import ast
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mlmcli"

# lowest first; a module may import its own layer or a lower one.  Patterns are matched in
# order within a layer list, the first matching layer wins (so the registry, the package
# ``mlmcli.commands``, is the interpreter's while its subpackages are handlers).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("text and contracts", ("mlmcli", "mlmcli.errors", "mlmcli.ast", "mlmcli.missing", "mlmcli.textscan",
                            "mlmcli.grammar_files", "mlmcli.grammar_tables", "mlmcli.limits", "mlmcli.suggest", "mlmcli.preprocess", "mlmcli.syntax", "mlmcli.syntax.*",
                            "mlmcli.estimation.interface")),
    ("result types", ("mlmcli.results", "mlmcli.results.*")),
    ("renderers", ("mlmcli.render", "mlmcli.render.*", "mlmcli.help", "mlmcli.help.*")),
    ("engines and data", ("mlmcli.dataset", "mlmcli.dta", "mlmcli.summary_statistics", "mlmcli.splines",
                          "mlmcli.factor_variables",
                          "mlmcli.mixed", "mlmcli.mixed.*", "mlmcli.ols", "mlmcli.postest", "mlmcli.postest.*",
                          "mlmcli.graphs", "mlmcli.graphs.*", "mlmcli.glm", "mlmcli.glm.*", "mlmcli.glmm",
                          "mlmcli.glmm.*", "mlmcli.fileformats", "mlmcli.fileformats.*", "mlmcli.margins",
                          "mlmcli.margins.*", "mlmcli.panel", "mlmcli.panel.*", "mlmcli.correlation",
                          "mlmcli.mean_tests", "mlmcli.anova", "mlmcli.conditional_likelihood",
                          "mlmcli.rater_agreement")),
    ("expressions and samples", ("mlmcli.expr", "mlmcli.expr.*", "mlmcli.sample", "mlmcli.egen_functions",
                                 "mlmcli.egen_rowwise",
                                 "mlmcli.lazydata", "mlmcli.lazydata.*", "mlmcli.distributed",
                                 "mlmcli.distributed.*")),
    ("estimation results", ("mlmcli.estimation", "mlmcli.estimation.*")),
    ("state", ("mlmcli.session",)),
    ("interpreter", ("mlmcli.parser", "mlmcli.runner", "mlmcli.blocks", "mlmcli.commands")),
    ("command handlers", ("mlmcli.commands.*",)),
    ("front ends", ("mlmcli.cli", "mlmcli.repl", "mlmcli.repl_*", "mlmcli.__main__", "mlmcli.kernel", "mlmcli.kernel.*")),
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer_of(module: str) -> int:
    for i, (_, patterns) in enumerate(LAYERS):
        if any(fnmatchcase(module, pat) for pat in patterns):
            return i
    raise AssertionError(f"{module} is in no layer: add it to LAYERS (and to ARCHITECTURE.md)")


def imports_of(module: str) -> list[tuple[str, str, int]]:
    """(imported project module, imported name or "", line) for every import in ``module``."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(), str(path))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, "", node.lineno) for a in node.names if a.name.split(".")[0] == "mlmcli"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "mlmcli":
                continue
            for a in node.names:
                sub = f"{target}.{a.name}"
                out.append((sub, "", node.lineno) if sub in MODULES else (target, a.name, node.lineno))
    return out


def graph() -> dict[str, set[str]]:
    return {m: {t for t, _, _ in imports_of(m) if t in MODULES and t != m} for m in MODULES}


def test_every_module_has_a_layer():
    for module in MODULES:
        layer_of(module)


def test_no_import_runs_up_the_layers():
    upward = []
    for module in MODULES:
        for target, _, line in imports_of(module):
            if target in MODULES and layer_of(target) > layer_of(module):
                upward.append(f"{module}:{line} ({LAYERS[layer_of(module)][0]}) imports {target} "
                              f"({LAYERS[layer_of(target)][0]})")
    assert not upward, "\n".join(upward)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle():
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_cycles():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_private_name_is_imported_from_another_module():
    private = []
    for module in MODULES:
        for target, name, line in imports_of(module):
            if name.startswith("_") and not name.startswith("__") and target != module:
                private.append(f"{module}:{line} imports {name} from {target}")
    assert not private, "\n".join(private)


@pytest.mark.parametrize("module,target,ok", [
    ("mlmcli.render.coef_table", "mlmcli.syntax.coefnames", True),
    ("mlmcli.egen_functions", "mlmcli.commands.data.common", False),
    ("mlmcli.runner", "mlmcli.commands", True),
    ("mlmcli.runner", "mlmcli.commands.data.input", False),
    ("mlmcli.mixed.fit", "mlmcli.estimation.active", False),
    ("mlmcli.mixed.fit", "mlmcli.estimation.interface", True),
])
def test_layer_order_examples(module, target, ok):
    assert (layer_of(target) <= layer_of(module)) is ok
