"""app/core is pure Python: no module under it imports Flask (or the web/store layers)."""
import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"
CORE = APP / "core"
FORBIDDEN = ("flask", "flask_htmx", "flask_wtf", "werkzeug", "app.web", "app.store", "sqlalchemy")


def imported_modules(path):
    """Every module `path` imports, by its absolute name: a relative import resolved against
    the module's package, and `from PACKAGE import NAME` also giving PACKAGE.NAME (NAME may be
    a submodule: `from app import store`, `from .. import store`)."""
    relative = path.resolve().relative_to(APP.parent).with_suffix("")
    package = ".".join(relative.parts[:-1] if relative.name != "__init__" else relative.parts)
    return modules_imported_by(path.read_text(encoding="utf-8"), package, str(path))


def modules_imported_by(source, package, filename="<source>"):
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, package)
            if node.module is not None:
                yield base
            yield from (f"{base}.{alias.name}" for alias in node.names if alias.name != "*")


def _absolute(node, package):
    """The absolute name of the module a `from ... import` statement in `package` reads."""
    if node.level == 0:
        return node.module
    parts = package.split(".")
    assert node.level <= len(parts), f"import beyond the top package in {package}"
    base = ".".join(parts[:len(parts) - node.level + 1])
    return f"{base}.{node.module}" if node.module else base


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_no_web_framework(path):
    bad = forbidden(imported_modules(path))
    assert bad == [], f"{path} imports {bad}"


def forbidden(modules):
    return [m for m in modules if m.split(".")[0] in FORBIDDEN or m in FORBIDDEN
            or any(m.startswith(f + ".") for f in FORBIDDEN)]


def test_the_scan_sees_imports():
    # The scan itself must be able to fail: a module importing flask is caught.
    sample = APP / "web" / "hx.py"
    assert "flask" in set(imported_modules(sample))


@pytest.mark.parametrize("source, package, seen", [
    ("from .. import store", "app.core", "app.store"),
    ("from ..store import documents", "app.core", "app.store"),
    ("from ...web.units import view", "app.core.checks", "app.web.units"),
    ("from . import tokens", "app.core", "app.core.tokens"),
    ("from app import store", "app.core", "app.store"),
    ("import flask.json", "app.core", "flask.json"),
])
def test_the_scan_resolves_relative_and_package_imports(source, package, seen):
    assert seen in set(modules_imported_by(source, package))


def test_a_relative_import_of_the_store_or_the_web_is_caught():
    for source in ("from ...store import session_scope", "from ... import web",
                   "from ...store.models import Unit"):
        assert forbidden(modules_imported_by(source, "app.core.checks")) != [], source
