"""Shared test helpers.

A test that needs a system tool (msgfmt, chromium) calls `require_tool`: on a user's
machine without the tool it skips with the reason; in CI (WORKBENCH_REQUIRE_TOOLS=1)
it fails instead, so a missing install step can never hide behind a skip.

Databases: tests/databases.py (SQLite files, or a PostgreSQL database per test when
WORKBENCH_TEST_DATABASE_URL is set); the fixtures below drop those databases after each test.
"""
import os
import shutil

import pytest

from tests import databases


def require_tool(name, why):
    """Return the tool's path, or skip (fail in CI) with a clear reason."""
    path = shutil.which(name)
    if path:
        return path
    reason = f"{name} is not installed: {why} (apt-get install {name})"
    if os.environ.get("WORKBENCH_REQUIRE_TOOLS"):
        pytest.fail(reason + " -- required because WORKBENCH_REQUIRE_TOOLS is set")
    pytest.skip(reason)


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
