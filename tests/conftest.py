"""Shared test helpers.

A test that needs a system tool (msgfmt, chromium) calls `require_tool`; one that needs an
optional system resource of the checks calls `require_grammalecte` (Debian
python3-grammalecte) or `require_freedict` (a pair's FreeDict dictionary). On a user's
machine without it the test skips with the reason; in CI (WORKBENCH_REQUIRE_TOOLS=1) it
fails instead, so a missing install step can never hide behind a skip.

Databases: tests/databases.py (SQLite files, or a PostgreSQL database per test when
WORKBENCH_TEST_DATABASE_URL is set, copied from templates made once per session); the
fixtures below drop those databases after each test. Apps on them: `make_app`, and the `app`
fixture (the sample loaded) for tests/store and tests/web.

Hypothesis: every test runs with the profile loaded below: no deadline in CI
(`.ci/run` sets WORKBENCH_REQUIRE_TOOLS), where the examples are also the same at every run
(derandomized); locally a deadline of a second per example (Hypothesis' own 200 ms failed on
a loaded machine) and new random examples at each run. No profile fails a test because the
machine is slow to generate data (the too_slow health check is off).
HYPOTHESIS_PROFILE=ci|dev chooses one.
"""
import os
import shutil
import sys
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, settings

from tests import databases

CI = bool(os.environ.get("WORKBENCH_REQUIRE_TOOLS"))

settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=timedelta(seconds=1),
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if CI else "dev"))


def _missing(reason):
    """Skip with the reason; fail instead when WORKBENCH_REQUIRE_TOOLS is set (CI)."""
    if CI:
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
    from app.core.checks import freedict

    path = freedict.dictionary_path(source, target)
    if path is not None:
        return path
    _missing(f"the FreeDict {source}-{target} dictionary is not installed: {why} "
             f"(apt-get install dict-{freedict.freedict_name(source, target)})")


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
    from app.core.checks import freedict

    empty = tmp_path / "dictd"
    empty.mkdir()
    monkeypatch.setattr(freedict, "DICTD_DIRS", (empty,))
    _forget_memos()
    yield empty
    _forget_memos()


def pytest_sessionstart(session):
    """With WORKBENCH_TEST_DATABASE_URL set, stop at once (one clear message) when it is not a
    PostgreSQL server this user can create databases on."""
    problem = databases.check_server()
    if problem:
        pytest.exit(f"{databases.ENV}: {problem}", returncode=2)
    databases.remove_leftover_templates()


@pytest.fixture(autouse=True)
def _drop_test_databases():
    """Drop the PostgreSQL databases the test made (nothing to do on SQLite)."""
    yield
    databases.drop_test_databases()


@pytest.fixture(autouse=True, scope="session")
def _drop_templates():
    yield
    databases.drop_templates()


def make_app(tmp_path, **overrides):
    """An app on a database of the test's own, at the latest schema: a copy of the migrated
    template (databases.fresh_url), or the database of a `DATABASE_URL` override, which is
    migrated here."""
    if "DATABASE_URL" in overrides:
        app = _test_app(tmp_path, overrides)
        from app.store import upgrade_schema

        upgrade_schema(app)
        return app
    return _test_app(tmp_path, {**overrides, "DATABASE_URL": databases.fresh_url(tmp_path)})


def _test_app(tmp_path, overrides):
    from app import ROOT, create_app
    from app.store import get_engine

    config = {
        "TESTING": True,
        "SECRET_KEY": "test",
        "TRANSLATIONS_DIR": str(tmp_path / "translations"),
        "SOURCE_TEXTS_DIR": str(ROOT / "source_texts"),
        "WTF_CSRF_ENABLED": False,
        "DEFAULT_AUTHOR": "tester",
        "ADMIN_PASSWORD_FILE": str(tmp_path / "admin-password"),
        **overrides,
    }
    app = create_app(config)
    databases.track_engine(get_engine(app))
    return app


@pytest.fixture
def app(tmp_path):
    """An app on a database of the test's own holding the sample, with its PO file in
    tmp_path/translations: as if `flask load-sample` had run in the test (a copy of the
    template `_load_sample` made once)."""
    return _test_app(tmp_path, {"DATABASE_URL": databases.from_template(tmp_path, _load_sample)})


def _load_sample(url, folder):
    """Fill the sample template: `flask load-sample` on an app with the test settings."""
    from app.store import get_engine

    app = _test_app(folder, {"DATABASE_URL": url})
    try:
        result = app.test_cli_runner().invoke(args=["load-sample"])
        assert result.exit_code == 0, result.output
    finally:
        get_engine(app).dispose()
