"""app/core is pure Python: no module under it imports Flask (or the web/store layers)."""
import ast
from pathlib import Path

import pytest

CORE = Path(__file__).resolve().parents[2] / "app" / "core"
FORBIDDEN = ("flask", "flask_htmx", "flask_wtf", "werkzeug", "app.web", "app.store", "sqlalchemy")


def imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


@pytest.mark.parametrize("path", sorted(CORE.rglob("*.py")), ids=lambda p: str(p.relative_to(CORE)))
def test_core_module_imports_no_web_framework(path):
    bad = [m for m in imported_modules(path) if m.split(".")[0] in FORBIDDEN or m in FORBIDDEN
           or any(m.startswith(f + ".") for f in FORBIDDEN)]
    assert bad == [], f"{path} imports {bad}"


def test_the_scan_sees_imports():
    # The scan itself must be able to fail: a module importing flask is caught.
    sample = CORE.parent.parent / "app" / "web" / "hx.py"
    assert "flask" in set(imported_modules(sample))
