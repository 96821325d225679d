"""No import circles between the modules of app/ (issue 16): every import of a module of
app (at module level or inside a function, absolute or relative) is an edge, a package's
submodule named in `from package import name` included; the graph has no cycle. A package
importing its own parent package (`from app.store import execute` in app/store/x.py) is
not an edge: the parent is initialised first whatever the child does."""
import ast
from pathlib import Path

from app import ROOT

APP = ROOT / "app"


def _modules():
    found = {}
    for path in APP.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imported(module, path, modules):
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield full if full in modules else base


def graph():
    modules = _modules()
    edges = {}
    for module, path in modules.items():
        targets = set()
        for name in _imported(module, path, modules):
            while name and name not in modules:  # app.core.po.PoUnit -> app.core.po
                name = name.rpartition(".")[0]
            if name and name != module and not module.startswith(name + "."):
                targets.add(name)
        edges[module] = targets
    return edges


def cycles(edges):
    """Each cycle found by a depth-first walk, as a list of modules."""
    found, state, stack = [], {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def test_no_import_cycle():
    """No package of the app imports itself back, lazily or not (the last one,
    checks.suggest <-> checks.cognates, went when FreeDict's reader moved to
    checks.freedict)."""
    assert cycles(graph()) == []


def test_the_walk_sees_a_cycle_and_lazy_and_relative_imports():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    edges = graph()
    assert "app.store.catalog" in edges["app.store.publishing"]  # module level
    assert "app.web.refresh" in edges["app.web.units"]
    assert "app.store" in edges["app.web.units"]  # from app.store import db


def test_view_models_call_no_store():
    """app/web/viewmodels.py reads what the views pass in: of the store it imports only the
    models' constants (the states), no module that queries."""
    store = {m for m in graph()["app.web.viewmodels"] if m.startswith("app.store")}
    assert store == {"app.store.models"}
