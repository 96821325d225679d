"""Shared test helpers.

A test that needs a system tool (msgfmt, chromium) calls `require_tool`: on a user's
machine without the tool it skips with the reason; in CI (WORKBENCH_REQUIRE_TOOLS=1)
it fails instead, so a missing install step can never hide behind a skip.
"""
import os
import shutil

import pytest


def require_tool(name, why):
    """Return the tool's path, or skip (fail in CI) with a clear reason."""
    path = shutil.which(name)
    if path:
        return path
    reason = f"{name} is not installed: {why} (apt-get install {name})"
    if os.environ.get("WORKBENCH_REQUIRE_TOOLS"):
        pytest.fail(reason + " -- required because WORKBENCH_REQUIRE_TOOLS is set")
    pytest.skip(reason)
