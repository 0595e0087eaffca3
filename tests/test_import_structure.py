"""The import structure of the package: layers imported downwards only, no cycle among the
project's modules, no private name taken from another module (ARCHITECTURE.md, "Layers").

Imports are read from the source (``ast``), including imports inside functions: a lazy
import is still a dependency.
"""
from __future__ import annotations

import ast
import functools
from fnmatch import fnmatchcase
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "mlmcli"

# lowest first; a module may import its own layer or a lower one.  Patterns are matched in
# order within a layer list, the first matching layer wins (so the registry, the package
# ``mlmcli.commands``, is the interpreter's while its subpackages are handlers).
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("text and contracts", ("mlmcli", "mlmcli.errors", "mlmcli.ast", "mlmcli.missing", "mlmcli.text_bytes", "mlmcli.leap_seconds", "mlmcli.business_calendars", "mlmcli.textscan", "mlmcli.temp_names",
                            "mlmcli.grammar_files", "mlmcli.grammar_tables", "mlmcli.lazy_module", "mlmcli.limits", "mlmcli.suggest", "mlmcli.preprocess", "mlmcli.macro_expansion", "mlmcli.syntax", "mlmcli.syntax.*",
                            "mlmcli.estimation.interface", "mlmcli.iteration_listener")),
    ("result types", ("mlmcli.results", "mlmcli.results.*")),
    ("renderers", ("mlmcli.render", "mlmcli.render.*", "mlmcli.help", "mlmcli.help.*")),
    ("engines and data", ("mlmcli.dataset", "mlmcli.varlist_resolution", "mlmcli.storage_types", "mlmcli.by_groups", "mlmcli.sorted_codes", "mlmcli.group_reductions", "mlmcli.characteristics", "mlmcli.dta", "mlmcli.summary_statistics", "mlmcli.splines",
                          "mlmcli.factor_variables", "mlmcli.factor_terms", "mlmcli.factor_groups", "mlmcli.collinear_columns", "mlmcli.time_series_ops",
                          "mlmcli.mixed", "mlmcli.mixed.*", "mlmcli.ols", "mlmcli.depvar_scaling", "mlmcli.ols_jackknife", "mlmcli.replicate_variance", "mlmcli.replication", "mlmcli.replication.*", "mlmcli.postest", "mlmcli.postest.*",
                          "mlmcli.graphs", "mlmcli.graphs.*", "mlmcli.glm", "mlmcli.glm.*", "mlmcli.glmm", "mlmcli.sem", "mlmcli.sem.*",
                          "mlmcli.glmm.*", "mlmcli.nlme", "mlmcli.nlme.*", "mlmcli.fileformats", "mlmcli.fileformats.*", "mlmcli.margins",
                          "mlmcli.margins.*", "mlmcli.panel", "mlmcli.panel.*", "mlmcli.correlation", "mlmcli.classic_tests", "mlmcli.classic_tests.*",
                          "mlmcli.mean_tests", "mlmcli.anova", "mlmcli.conditional_likelihood", "mlmcli.conditional_group_batches", "mlmcli.conditional_robust", "mlmcli.conditional_techniques", "mlmcli.censored_normal",
                          "mlmcli.rater_agreement", "mlmcli.distributions", "mlmcli.dunnett_distribution", "mlmcli.confidence_intervals", "mlmcli.centile_intervals", "mlmcli.roc_analysis", "mlmcli.stem_leaf", "mlmcli.value_inspection",
                          "mlmcli.epitab", "mlmcli.epitab_strata", "mlmcli.matched_pairs", "mlmcli.incidence_rates", "mlmcli.odds_table", "mlmcli.mh_odds",
                          "mlmcli.normality_tests", "mlmcli.shapiro_tests", "mlmcli.rank_tests", "mlmcli.permutation_test", "mlmcli.fractional_polynomials", "mlmcli.multivariable_fp", "mlmcli.survival", "mlmcli.survival.*", "mlmcli.mi", "mlmcli.mi.*",
                          "mlmcli.robust", "mlmcli.robust.*", "mlmcli.survey", "mlmcli.survey.*",
                          "mlmcli.instrumental", "mlmcli.instrumental.*", "mlmcli.multivariate",
                          "mlmcli.power_analysis", "mlmcli.kendall_tau", "mlmcli.errors_in_variables", "mlmcli.box_cox", "mlmcli.trend_test",  # power, ktau, nptrend,
                          "mlmcli.tetrachoric_correlation", "mlmcli.standardization",  # tetrachoric, dstdize
                          "mlmcli.multivariate.*", "mlmcli.time_series", "mlmcli.time_series.*",
                          "mlmcli.treatment_effects", "mlmcli.treatment_effects.*", "mlmcli.meta", "mlmcli.meta.*")),
    ("expressions and samples", ("mlmcli.expr", "mlmcli.expr.*", "mlmcli.sample", "mlmcli.egen_functions",
                                 "mlmcli.egen_rowwise",
                                 "mlmcli.lazydata", "mlmcli.lazydata.*", "mlmcli.distributed",
                                 "mlmcli.distributed.*")),
    ("estimation results", ("mlmcli.estimation", "mlmcli.estimation.*")),
    ("state", ("mlmcli.session", "mlmcli.frame_store", "mlmcli.fit_progress")),
    ("interpreter", ("mlmcli.parser", "mlmcli.runner", "mlmcli.command_call", "mlmcli.by_prefix", "mlmcli.blocks", "mlmcli.program_calls", "mlmcli.program_trace",
                     "mlmcli.program_options",
                     "mlmcli.commands",
                     "mlmcli.mata",
                     "mlmcli.mata.*")),
    ("command handlers", ("mlmcli.commands.*",)),
    ("front ends", ("mlmcli.cli", "mlmcli.repl", "mlmcli.terminal_progress", "mlmcli.repl_*", "mlmcli.__main__", "mlmcli.kernel", "mlmcli.kernel.*")),
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


@functools.cache  # four tests read every module's imports: each source is parsed once
def imports_of(module: str) -> list[tuple[str, str, int]]:
    """(imported project module, imported name or "", line) for every import in ``module``,
    and for every ``alias._name`` read through a project module bound by an import."""
    path = MODULES[module]
    return imports_in(path.read_text(), module, path.name == "__init__.py", str(path))


def imports_in(source: str, module: str, is_package: bool, filename: str = "<source>",
               ) -> list[tuple[str, str, int]]:
    tree = ast.parse(source, filename)
    package = module if is_package else module.rpartition(".")[0]
    out = []
    aliases: dict[str, str] = {}  # a local name bound to a project module
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "mlmcli":
                    out.append((a.name, "", node.lineno))
                    if a.asname:
                        aliases[a.asname] = a.name
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
                if sub in MODULES:
                    out.append((sub, "", node.lineno))
                    aliases[a.asname or a.name] = sub
                else:
                    out.append((target, a.name, node.lineno))
    # ``from . import fit as f; f._x`` and ``import mlmcli.x as m; m._y`` take private names too
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                and node.value.id in aliases and node.attr.startswith("_")
                and not node.attr.startswith("__")):
            out.append((aliases[node.value.id], node.attr, node.lineno))
    return out


def graph() -> dict[str, set[str]]:
    return {m: {t for t, _, _ in imports_of(m) if t in MODULES and t != m} for m in MODULES}


def test_the_whole_package_is_read():
    # not vacuous: every module of the package is found and the import graph is the real one
    assert len(MODULES) == len(list(PACKAGE.rglob("*.py"))) > 300
    for module in ("mlmcli.runner", "mlmcli.session", "mlmcli.commands", "mlmcli.mixed.fit",
                   "mlmcli.commands.estimation.mixed", "mlmcli.commands.data.generate",
                   "mlmcli.render.coef_table", "mlmcli.results.mixed"):
        assert module in MODULES
    edges = graph()
    assert sum(len(v) for v in edges.values()) > 1000
    assert "mlmcli.command_call" in edges["mlmcli.runner"] and "mlmcli.session" in edges["mlmcli.command_call"]
    assert "mlmcli.mixed.likelihood" in edges["mlmcli.mixed.fit"]


def test_imports_are_read_in_every_form():
    source = """
import mlmcli.errors
import mlmcli.dataset as ds
from mlmcli import session
from . import fit as f
from .spec import MixedSpec, _hidden
from ..results.mixed import MixedResult
def later():
    from mlmcli.expr import compiler
    return ds._private_helper, f.__name__, f._secret
"""
    got = imports_in(source, "mlmcli.mixed.likelihood", False)
    pairs = {(t, n) for t, n, _ in got}
    assert ("mlmcli.errors", "") in pairs and ("mlmcli.dataset", "") in pairs
    assert ("mlmcli.session", "") in pairs and ("mlmcli.mixed.fit", "") in pairs
    assert ("mlmcli.mixed.spec", "MixedSpec") in pairs and ("mlmcli.mixed.spec", "_hidden") in pairs
    assert ("mlmcli.results.mixed", "MixedResult") in pairs and ("mlmcli.expr.compiler", "") in pairs
    assert ("mlmcli.dataset", "_private_helper") in pairs and ("mlmcli.mixed.fit", "_secret") in pairs
    assert ("mlmcli.mixed.fit", "__name__") not in pairs
    # a package's relative import is read from the package itself
    assert ("mlmcli.mixed.fit", "") in {(t, n) for t, n, _ in
                                        imports_in("from . import fit", "mlmcli.mixed", True)}


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
