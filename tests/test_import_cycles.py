"""No import circle among the project's modules, function-level imports included.

An import placed inside a function to dodge a circle still ties the two modules together: each
needs the other to work. Every import is read from the source (ast), wherever it is written, and
the module graph must have no cycle; layers may only import downwards.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("data", "layouts", "callbacks", "dashboard")
# A layer may import itself and those listed after it, never one listed before.
LAYERS = ("dashboard", "callbacks", "layouts", "data")


def module_files(root: Path, packages=PACKAGES) -> dict[str, Path]:
    """Module name -> file, for every Python file of the packages."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def import_graph(root: Path, packages=PACKAGES) -> dict[str, set[str]]:
    """Module -> the project modules it imports anywhere in its source (importing a module runs
    its packages' __init__ too: they count as imported)."""
    modules = module_files(root, packages)
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, *([node.module] if node.module else [])])
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    targets.add(submodule if submodule in modules else base)
        edges = set()
        for target in targets:
            for candidate in [*_ancestors(target), target]:
                if candidate in modules and candidate != name and candidate not in _ancestors(name):
                    edges.add(candidate)
        graph[name] = edges
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_project_has_no_import_cycle():
    graph = import_graph(ROOT)
    assert "data.queries" in graph and "data.observation_filter" in graph["data.queries"]
    assert cycles(graph) == []


def test_imports_only_run_down_the_layers():
    upward = []
    for module, targets in import_graph(ROOT).items():
        layer = LAYERS.index(module.split(".")[0])
        for target in targets:
            if LAYERS.index(target.split(".")[0]) < layer:
                upward.append((module, target))
    assert upward == []


def test_a_cycle_through_a_function_level_import_is_found(tmp_path):
    package = tmp_path / "data"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "first.py").write_text("from data import second\n")
    (package / "second.py").write_text("def late():\n    from data.first import thing\n")
    (package / "third.py").write_text("from . import second\n")
    graph = import_graph(tmp_path, packages=("data",))
    assert graph["data.third"] == {"data.second"}
    assert cycles(graph) == [["data.first", "data.second"]]
