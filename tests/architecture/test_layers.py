"""The layers stay apart and no two modules import each other in a circle.

The data layer and the printing layer must run without a display (and the data layer without the
renderer), so a Qt or printing import that creeps in is caught here, as is an import circle, which
makes the order of imports matter and hides which module is the lower one.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "xhdesk"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


def _imports(tree: ast.Module, name: str, is_package: bool) -> set[str]:
    """Every module a module imports: at load time, inside functions and for type checking.

    A circle through a deferred import is still a circle (the order of imports then decides
    whether it works), so none is left out.
    """
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = name if is_package else name.rsplit(".", 1)[0]
                pkg = ".".join(pkg.split(".")[: len(pkg.split(".")) - node.level + 1])
                base = f"{pkg}.{base}" if base else pkg
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = _imports(tree, name, path.name == "__init__.py")
        graph[name] = {m for m in imported if m in modules and m != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0

    def visit(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
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

    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def _parent_package_edge(a: str, b: str) -> bool:
    """A package's ``__init__`` re-exporting its own submodules is not a circle between files."""
    return a.startswith(b + ".") or b.startswith(a + ".")


def test_no_import_circles_between_modules() -> None:
    graph = import_graph()
    pruned = {
        v: {w for w in targets if not _parent_package_edge(v, w)} for v, targets in graph.items()
    }
    assert _cycles(pruned) == []


SHARED = ("xhdesk.data", "xhdesk.data.core", "xhdesk.data.core.errors")


@pytest.mark.parametrize(
    ("layer", "forbidden"),
    [
        ("xhdesk.data", ("PySide6", "xhdesk.printing", "xhdesk.ui", "xhdesk.documents")),
        ("xhdesk.printing", ("PySide6", "xhdesk.data", "xhdesk.ui", "sqlalchemy")),
        ("xhdesk.documents", ("PySide6", "xhdesk.ui")),
    ],
)
def test_a_layer_imports_nothing_above_it(layer: str, forbidden: tuple[str, ...]) -> None:
    """Every module of the layer imported in a fresh interpreter, then ``sys.modules`` is read.

    The one exception hierarchy (``xhdesk.data.core.errors``, a module that imports nothing) is
    shared by every layer, so that a printing fault reaches the person in the same words.
    """
    names = sorted(n for n in _modules() if n == layer or n.startswith(layer + "."))
    script = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {forbidden!r} "
        f"or any(m == f or m.startswith(f + '.') for f in {forbidden!r}))\n"
        f"bad = [m for m in bad if m not in {SHARED!r}]\n"
        "print('\\n'.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.split() == []


def test_the_graph_sees_real_edges() -> None:
    """The checker itself: it must see a known edge, or an empty result would prove nothing."""
    graph = import_graph()
    assert "xhdesk.data.core.store" in graph["xhdesk.data.registry.persons"]
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]
