"""The house plan (issue 15): speclint's subpackages are stages of one data
path, and imports run one way, down the stages, with no cycle. This reads the
import graph of the installed sources (grimp), lazy imports inside functions
included, so that a back import anywhere fails here with its route."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]

#: From the top down. A layer may import the layers below it, never those above;
#: `syntax` and `language` are independent of each other.
LAYERS = (
    "cli",
    "tools",
    "workspace",
    "linting",
    "custom",
    "checks",
    "semantic",
    "model",
    "markdown",
    "prompts",
    grimp.Layer("syntax", "language", independent=True),
    "core",
)
SUBPACKAGES = {"cli", "tools", "workspace", "linting", "custom", "checks", "semantic", "model", "markdown", "prompts", "syntax", "language", "core"}


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("specdsl", include_external_packages=False)


def _illegal(graph: grimp.ImportGraph) -> list[str]:
    found = graph.find_illegal_dependencies_for_layers(layers=LAYERS, containers={"specdsl"})
    out = []
    for dependency in sorted(found, key=lambda d: (d.importer, d.imported)):
        for route in dependency.routes:
            chain = " -> ".join((*route.heads, *route.middle, *route.tails)) if len(route.heads) == 1 and len(route.tails) == 1 else f"{sorted(route.heads)} ... {sorted(route.tails)}"
            out.append(f"{dependency.importer} imports {dependency.imported}: {chain}")
    return out


def test_imports_run_down_the_stages(graph):
    assert _illegal(graph) == []


def test_a_back_import_is_caught():
    # the test itself must be able to fail: a lazy import of the command line from the core
    graph = grimp.build_graph("specdsl", include_external_packages=False)
    graph.add_import(importer="specdsl.core.spans", imported="specdsl.cli", line_number=1, line_contents="from ..cli import main")
    assert any(line.startswith("specdsl.core imports specdsl.cli") for line in _illegal(graph))
    # and one between the independent siblings
    graph.add_import(importer="specdsl.language.text", imported="specdsl.syntax.ast", line_number=1, line_contents="from ..syntax.ast import Spec")
    assert any(line.startswith("specdsl.language imports specdsl.syntax") for line in _illegal(graph))


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Groups of more than one module that import one another, directly or not
    (strongly connected): a module's group is itself and the modules it both
    imports and is imported by, through any chain (grimp's graph search)."""
    groups = set()
    for module in graph.modules:
        loop = graph.find_upstream_modules(module) & graph.find_downstream_modules(module)
        if loop:
            groups.add(frozenset({module, *loop}))
    return sorted(sorted(group) for group in groups)


def test_no_import_cycle(graph):
    assert _cycles(graph) == []
    looped = grimp.build_graph("specdsl", include_external_packages=False)
    looped.add_import(importer="specdsl.core.spans", imported="specdsl.core.diagnostics", line_number=1, line_contents="x")
    (group,) = _cycles(looped)
    assert {"specdsl.core.diagnostics", "specdsl.core.spans"} <= set(group)


def test_every_module_belongs_to_a_stage():
    loose = sorted(p.name for p in (ROOT / "specdsl").glob("*.py") if p.name != "__init__.py")
    assert loose == []
    packages = {p.name for p in (ROOT / "specdsl").iterdir() if (p / "__init__.py").exists()}
    assert packages == SUBPACKAGES
    for name in sorted(packages):
        doc = ast.get_docstring(ast.parse((ROOT / "specdsl" / name / "__init__.py").read_text(encoding="utf-8")))
        assert doc and "May import" in doc or "may import" in (doc or ""), f"specdsl/{name}/__init__.py says what it owns and may import"


def _imports_of(path: Path) -> set[str]:
    """Absolute names of the speclint modules a file of the server imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = ["specdsl", "lsp", *path.relative_to(ROOT / "lsp").parent.parts]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return {n for n in names if n.startswith("specdsl")}


def test_the_language_server_never_imports_the_command_line():
    files = sorted((ROOT / "lsp").rglob("*.py"))
    assert len(files) > 10
    imported = {name: path.relative_to(ROOT).as_posix() for path in files for name in _imports_of(path)}
    assert any(n.startswith("specdsl.workspace") for n in imported)  # the shared layer is seen
    assert [f"{where}: {name}" for name, where in sorted(imported.items()) if name == "specdsl.cli" or name.startswith("specdsl.cli.")] == []
