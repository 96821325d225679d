"""Shared test helpers.

A test that needs a system tool (msgfmt, chromium) calls `require_tool`; one that needs an
optional system resource of the checks calls `require_grammalecte` (Debian
python3-grammalecte) or `require_freedict` (a pair's FreeDict dictionary). On a user's
machine without it the test skips with the reason; in CI (WORKBENCH_REQUIRE_TOOLS=1) it
fails instead, so a missing install step can never hide behind a skip.

Databases: tests/databases.py (SQLite files, or a PostgreSQL database per test when
WORKBENCH_TEST_DATABASE_URL is set); the fixtures below drop those databases after each test.
"""
import os
import shutil
import sys

import pytest

from tests import databases


def _missing(reason):
    """Skip with the reason; fail instead when WORKBENCH_REQUIRE_TOOLS is set (CI)."""
    if os.environ.get("WORKBENCH_REQUIRE_TOOLS"):
        pytest.fail(reason + " -- required because WORKBENCH_REQUIRE_TOOLS is set")
    pytest.skip(reason)


def require_tool(name, why):
    """Return the tool's path, or skip (fail in CI) with a clear reason."""
    path = shutil.which(name)
    if path:
        return path
    _missing(f"{name} is not installed: {why} (apt-get install {name})")


def require_grammalecte(why="the test needs the French grammar checker"):
    """Return Grammalecte's version when it is installed and loads, or skip (fail in CI)."""
    from app.core import grammar

    if grammar.available():
        return grammar.version() or "unknown version"
    _missing(f"Grammalecte is not installed: {why} (apt-get install python3-grammalecte)")


def require_freedict(source="en", target="fr", why="the test needs a bilingual dictionary"):
    """Return the path of the pair's FreeDict index when installed, or skip (fail in CI)."""
    from app.core.checks import suggest

    path = suggest.dictionary_path(source, target)
    if path is not None:
        return path
    _missing(f"the FreeDict {source}-{target} dictionary is not installed: {why} "
             f"(apt-get install dict-{suggest.freedict_name(source, target)})")


@pytest.fixture
def no_grammalecte(tmp_path, monkeypatch):
    """Grammalecte looked for in an empty directory only (yielded: put a fake ``grammalecte``
    package there to make it present), with a fresh loader state; the process's loaded
    checker and module are put back afterwards, memo caches cleared before and after."""
    from app.core import grammar

    loaded = sys.modules.pop("grammalecte", None)
    monkeypatch.setattr(grammar, "_state", {})
    monkeypatch.setattr(grammar, "GRAMMALECTE_DIRS", (tmp_path,))
    monkeypatch.setenv(grammar.ENV_DIR, str(tmp_path))
    _forget_memos()
    yield tmp_path
    _forget_memos()   # nothing learnt without Grammalecte outlives the test
    sys.modules.pop("grammalecte", None)   # a fake one imported by the test
    if loaded is not None:
        sys.modules["grammalecte"] = loaded


def _forget_memos():
    """Clear the memo caches (functools) of app.core.grammar and of every checks module."""
    for name, module in list(sys.modules.items()):
        if name == "app.core.grammar" or name.startswith("app.core.checks"):
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


@pytest.fixture
def no_freedict(tmp_path, monkeypatch):
    """FreeDict dictionaries looked for in an empty directory only (yielded)."""
    from app.core.checks import suggest

    empty = tmp_path / "dictd"
    empty.mkdir()
    monkeypatch.setattr(suggest, "DICTD_DIRS", (empty,))
    _forget_memos()
    yield empty
    _forget_memos()


def pytest_sessionstart(session):
    """With WORKBENCH_TEST_DATABASE_URL set, stop at once (one clear message) when it is not a
    PostgreSQL server this user can create databases on."""
    problem = databases.check_server()
    if problem:
        pytest.exit(f"{databases.ENV}: {problem}", returncode=2)


@pytest.fixture(autouse=True)
def _drop_test_databases():
    """Drop the PostgreSQL databases the test made (nothing to do on SQLite)."""
    yield
    databases.drop_test_databases()


@pytest.fixture(autouse=True, scope="session")
def _drop_template_database():
    yield
    databases.drop_template()
